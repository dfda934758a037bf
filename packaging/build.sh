#!/usr/bin/env bash
# Build a one-folder app in dist/dossier-desk and check that it starts (headless smoke run)
# and that its CLI answers. Needs the project's .venv (make test) and PyInstaller in it.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m pip install --quiet "pyinstaller>=6.0"
.venv/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/dossier-desk.spec
smoke_db="$(mktemp -d)/smoke.sqlite3"
QT_QPA_PLATFORM=offscreen DOSSIER_DESK_SMOKE=1 dist/dossier-desk/dossier-desk --db "$smoke_db"
dist/dossier-desk/dossier-desk --db "$smoke_db" search GMP --limit 3
echo "built dist/dossier-desk"
