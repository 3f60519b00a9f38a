"""The composition root: builds the adapters and services and hands them to the UI or the CLI.

Nothing else constructs adapters. The UI and the CLI receive an :class:`App` and call its
methods; they never import infra.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ztclient.__about__ import NAME
from ztclient.services.changes import Changes
from ztclient.services.ports import Clock, SystemClock

if TYPE_CHECKING:  # imported when first needed: the unlock window should not wait for them
    from ztclient.infra.vault import Vault
    from ztclient.services.backup import BackupService
    from ztclient.services.session import Session
    from ztclient.services.unit_folder import UnitFolderService


def default_data_dir() -> Path:
    """``$ZTCLIENT_DATA_DIR``, else the platform's user data folder (never beside the program)."""
    env = os.environ.get("ZTCLIENT_DATA_DIR")
    if env:
        return Path(env)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming") / NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / NAME
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / NAME


class App:
    """Everything the UI and the CLI may ask for, wired to the real adapters."""

    def __init__(self, data_dir: Path | None = None, clock: Clock | None = None) -> None:
        self.data_dir = Path(data_dir) if data_dir else default_data_dir()
        self.clock = clock or SystemClock()
        self._vault: Vault | None = None
        self._first_unit = False

    @property
    def vault(self) -> Vault:
        """The data folder's key file and database (crypto and SQLCipher load on first use)."""
        if self._vault is None:
            from ztclient.infra.vault import Vault

            self._vault = Vault(self.data_dir)
        return self._vault

    # -- the data folder ---------------------------------------------------------------------
    def state(self) -> str:
        """ "empty", "ready" or "incomplete", from the files alone (nothing heavy is imported)."""
        from ztclient.infra.layout import folder_state

        return folder_state(self.data_dir)

    def _units(self, open_session: Callable[[Any], Session] | None = None) -> UnitFolderService:
        """The use cases on the data folder as a whole (services/unit_folder.py)."""
        from ztclient.services.unit_folder import UnitFolderService

        vault: Any = self.vault  # infra.vault.Vault, the service's Vault port
        return UnitFolderService(
            vault, self.data_dir, open_session or self._session, self.unlock, self.state
        )

    def create_unit(
        self,
        unit_name: str,
        unit_code: str,
        passphrase: str,
        unit_kind: str = "committee",
        operator_name: str | None = None,
    ) -> tuple[Session, str]:
        """First run: a new encrypted unit. Returns (session, recovery code to print once)."""
        # Everything a session needs is imported and built before the first file is written:
        # a missing library must stop here, not leave a key file without a unit (issue 9).
        self._first_unit = True
        try:
            parts = self._session_parts()
        finally:
            self._first_unit = False
        units = self._units(lambda store: self._session(store, parts))
        return units.create_unit(unit_name, unit_code, passphrase, unit_kind, operator_name)

    def _session_parts(self) -> dict[str, Any]:
        import ztclient.services.session  # noqa: F401 - imported here so a failure comes first

        if self._first_unit:  # a new unit: prove everything imports before any file is written
            self._import_later_parts()
            self.sync_engine()
        # The documents adapter (~0.07 s of imports), the sync adapter (httpx2, the protocol's
        # crypto: ~0.2 s) and the policy are made when a session first asks for them, not for
        # every session: a command line that lists members never does.
        return {
            "documents": Deferred(self._documents),
            "sync_engine": Deferred(self.sync_engine),
            "sync_policy": self.sync_policy,
        }

    @staticmethod
    def _documents():
        from ztclient.infra.documents.adapter import DocumentsAdapter

        return DocumentsAdapter()

    @staticmethod
    def _import_later_parts() -> None:
        """The modules a session builds on first use (services/session.py LATER)."""
        import importlib

        from ztclient.infra.documents import adapter  # noqa: F401
        from ztclient.services.session import LATER

        for name in LATER:
            importlib.import_module(name)

    def _session(self, store, parts: dict[str, Any] | None = None) -> Session:
        from ztclient.services.session import Session

        session = Session(store, self.clock, **(parts or self._session_parts()))
        session.members.refresh_search()  # a cheap check; rewrites only after a dictionary change
        return session

    def recovery_number(self) -> str:
        """The 恢复码编号 of the recovery code now valid (printed on its sheet as 恢复码编号)."""
        return self.vault.recovery_number()

    def sync_engine(self):
        """The sync adapter (tests may replace this to route HTTP through a proxy)."""
        from ztclient.infra.sync.engine import SyncEngine

        return SyncEngine()

    def prepare(self) -> None:
        """Import what unlocking needs (key file, store, services: ~0.4 s) while the clerk types
        the passphrase, so 解锁 waits only for the KDF and the open (issue 16, start-up)."""
        _ = self.vault
        self._import_later_parts()

    def sync_policy(self):
        """How hard the sync tries (retries, backoff, the background timer); tests shorten it."""
        from ztclient.services.sync.policy import SyncPolicy

        return SyncPolicy()

    def unlock(self, passphrase: str) -> Session:
        return self._session(self.vault.unlock(passphrase))

    def change_passphrase(self, old: str, new: str) -> None:
        self.vault.change_passphrase(old, new)

    def recover(self, recovery_code: str, new_passphrase: str) -> None:
        self.vault.recover(recovery_code, new_passphrase)

    @property
    def backups(self) -> BackupService:
        """Backup, restore and a new recovery code (services/backup.py) over this folder."""
        from ztclient.services.backup import BackupService

        return BackupService(self.vault, self.clock)  # type: ignore[arg-type]

    def rekey(self, passphrase: str, new_passphrase: str | None = None) -> dict[str, Any]:
        """Re-encrypt the data under a new data key (services/unit_folder.py)."""
        return self._units().rekey(passphrase, new_passphrase)

    def diagnose(
        self, out: Path, passphrase: str | None = None, *, session: Session | None = None
    ) -> dict[str, Any]:
        """Write the support zip (infra/diagnose.py; services/unit_folder.py says what goes in)."""
        from ztclient.infra.diagnose import write_support_zip

        return self._units().diagnose(write_support_zip, out, passphrase, session=session)

    # -- data --------------------------------------------------------------------------------
    def demo(
        self, session: Session, scale: str = "branch", seed: int = 1, progress=None
    ) -> dict[str, int]:
        from ztclient.services.demo import generate

        return generate(session, scale=scale, seed=seed, progress=progress)

    def screenshot(self, out_dir: Path, scale: str = "branch", lang: str = "zh_CN") -> list[Path]:
        """Render each main screen with throw-away demo data to PNGs (offscreen)."""
        from ztclient.ui.screenshots import render_all

        return render_all(self, out_dir, scale=scale, lang=lang)


class Deferred:
    """An adapter made on its first use: ``Deferred(make).method(...)`` calls ``make()`` once,
    then behaves as what it returned. The composition root hands these to services whose
    adapter most sessions never touch (the sync engine and its network stack)."""

    def __init__(self, make: Callable[[], Any]) -> None:
        self._make = make
        self._made: Any = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy, pickle and friends: not the adapter's business
            raise AttributeError(name)
        if self._made is None:
            self._made = self._make()
        return getattr(self._made, name)


def make_app(data_dir: Path | None = None) -> App:
    return App(data_dir)


def start_diagnostics(data_dir: Path, program: str, *, create: bool = False) -> None:
    """The log in the data folder, the excepthooks and faulthandler, for a whole process.

    Unexpected exceptions anywhere (the main thread, a worker thread) are logged at ERROR
    with their traceback and a reference (services/incidents.py); hard crashes go to
    ``logs/crash.log``. ``create`` makes the data folder first (the desktop program owns its
    folder; the CLI does not create one just to log a mistyped ``--data-dir``).
    """
    import contextlib
    import logging
    import threading

    from ztclient.__about__ import VERSION
    from ztclient.infra import logbook
    from ztclient.infra.files import secure_folder
    from ztclient.services.incidents import log_unexpected

    if create:  # on failure the log waits in memory; the program reports the folder later
        with contextlib.suppress(OSError):
            secure_folder(data_dir)
    logbook.install(data_dir, stderr_level=os.environ.get("ZTCLIENT_LOG"))
    logbook.enable_faulthandler(data_dir)
    previous = sys.excepthook

    def excepthook(exc_type, exc, tb) -> None:
        if exc is not None and not isinstance(exc, KeyboardInterrupt | SystemExit):
            log_unexpected(exc, program)
        previous(exc_type, exc, tb)  # stderr as before (a windowed program has none)

    def thread_excepthook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None and not isinstance(args.exc_value, SystemExit):
            name = args.thread.name if args.thread is not None else "?"
            log_unexpected(args.exc_value, f"{program} thread {name}")

    sys.excepthook = excepthook
    threading.excepthook = thread_excepthook
    logging.getLogger("ztclient").info("%s %s started (pid %d)", program, VERSION, os.getpid())


def _cli_app(data_dir: Path | None) -> App:
    app = App(data_dir)
    start_diagnostics(app.data_dir, "ztclient-cli")
    return app


def _gui_app(data_dir: Path | None = None) -> App:
    app = App(data_dir)
    start_diagnostics(app.data_dir, "ztclient", create=True)
    return app


def cli_main(argv: list[str] | None = None) -> None:
    from ztclient.cli.main import run

    sys.exit(run(argv, _cli_app))


def gui_main() -> None:
    from ztclient.ui.app import run

    sys.exit(run(_gui_app))


__all__ = [
    "App",
    "Changes",
    "cli_main",
    "default_data_dir",
    "gui_main",
    "make_app",
    "start_diagnostics",
]
