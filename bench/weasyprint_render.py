"""Times WeasyPrint on one HTML file; run by bench/export.py inside the bench environment.

    .venv-bench/bin/python bench/weasyprint_render.py PAGE.html RUNS

Renders the file once to warm up (fonts, caches), then ``RUNS`` times to PDF bytes in memory,
and prints one JSON line: the seconds of each run, the pages, the version. Only the standard
library and WeasyPrint: this runs in ``.venv-bench``, not in the app's environment.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import weasyprint


def main() -> None:
    page, runs = Path(sys.argv[1]), int(sys.argv[2])
    source = page.read_text("utf-8")
    base = str(page.parent)
    weasyprint.HTML(string=source, base_url=base).write_pdf()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        document = weasyprint.HTML(string=source, base_url=base).render()
        document.write_pdf()
        times.append(time.perf_counter() - started)
    result = {"times": times, "pages": len(document.pages), "version": weasyprint.__version__}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
