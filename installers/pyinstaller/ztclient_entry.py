"""Frozen entry point shared by both executables in dist/ztclient/.

- ``ztclient`` (windowed on Windows): the desktop program, ``bootstrap.gui_main``.
- ``ztclient-cli`` (console): the command line, ``bootstrap.cli_main``. It is also the debug
  build of the desktop program: ``ztclient-cli --gui`` starts the window with log lines on the
  console (``ZTCLIENT_LOG=INFO`` unless set), which a clerk can copy for support.

One script for both keeps one Analysis and one set of collected modules; the executable's own
name picks the role, the same way the ``[project.scripts]`` entry points do from a checkout.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main() -> None:
    role = Path(sys.executable).stem.lower()
    if role.endswith("-cli"):
        if len(sys.argv) > 1 and sys.argv[1] == "--gui":
            del sys.argv[1]
            os.environ.setdefault("ZTCLIENT_LOG", "INFO")
        else:
            from ztclient.bootstrap import cli_main

            cli_main()
            return
    from ztclient.bootstrap import gui_main

    gui_main()


if __name__ == "__main__":
    main()
