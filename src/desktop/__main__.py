"""``python -m desktop`` and the ``dossier-desk`` command.

With a sub-command it runs the headless CLI; without one it will open the window once the
window exists, and until then prints the knowledge-base summary.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from desktop.cli import main as cli_main

    return cli_main(list(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    sys.exit(main())
