#!/usr/bin/env bash
# Creates .venv-bench with WeasyPrint for bench/export.py (the comparison, not the app).
# WeasyPrint needs Pango (libpango-1.0-0, libpangoft2-1.0-0) from the system.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv-bench/bin/python ] || "$PYTHON" -m venv .venv-bench
.venv-bench/bin/python -m pip install --quiet --disable-pip-version-check \
    -r bench/requirements-weasyprint.txt
.venv-bench/bin/python -c "import weasyprint; print('WeasyPrint', weasyprint.__version__)"
