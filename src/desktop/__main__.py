"""``python -m desktop`` and the ``dossier-desk`` command.

With a sub-command (``list``, ``search``, …) or ``--help``/``--version`` it runs the headless
CLI and never imports Qt; otherwise it opens the window (``--db PATH`` selects the database).
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence

CLI_FLAGS = {"-h", "--help", "--version"}
# The CLI's sub-commands, listed here so that starting the window does not import the CLI
# (a test keeps this in step with desktop.cli.main.COMMANDS).
CLI_COMMANDS = {
    *("summary", "list", "show", "search", "figures", "sectors", "suggest", "export"),
    *("import", "export-data", "backup", "restore", "check"),
    *("team", "sync", "changes"),
}


def wants_cli(argv: Sequence[str]) -> bool:
    return any(arg in CLI_COMMANDS or arg in CLI_FLAGS for arg in argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if wants_cli(args):
        from desktop.cli.main import main as cli_main

        return cli_main(args)
    # No garbage collection until the window's first paint: the start allocates a great many
    # objects that live as long as the program, and scanning them again and again costs the
    # first paint about 10 ms. The window turns collection back on (desktop.ui.shell.app).
    gc.disable()
    from desktop.ui.shell.app import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())
