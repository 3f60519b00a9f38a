"""备份与恢复 as use cases (moved out of bootstrap): back up the open unit, restore a backup
into the data folder, and make a new recovery code to print when the sheet is lost.

The guide tells clerks to back up monthly (issue 9); the program now does it from 设置, the
CLI from `backup`/`restore`, both through this service. Each backup and each new recovery code
leaves an audit entry; what a restore replaces is moved aside by the vault, never deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from ztclient.domain.errors import DomainError
from ztclient.services.audit_check import verify_journal
from ztclient.services.ports import Clock


class Vault(Protocol):
    """The data folder's key file and database (infra.vault.Vault)."""

    def backup(self, store: Any, out: Path) -> dict[str, Any]: ...
    def restore(
        self,
        backup_file: Path,
        passphrase: str,
        *,
        other_unit: bool = False,
        check: Callable[[Any], list[str]] | None = None,
    ) -> dict[str, Any]: ...
    def new_recovery_code(self, passphrase: str) -> str: ...


class BackupService:
    def __init__(self, vault: Vault, clock: Clock) -> None:
        self.vault = vault
        self.clock = clock

    @staticmethod
    def suggested_name(unit_code: str, day: date) -> str:
        """ztclient-备份-<unit code>-<date>.zip: sorts by date in a folder of monthly backups."""
        return f"ztclient-备份-{unit_code or 'unit'}-{day.isoformat()}.zip"

    def backup(self, session: Any, out: Path) -> dict[str, Any]:
        manifest = self.vault.backup(session.store, Path(out))
        with session.store.transaction() as tx:
            session.journal.audit(tx, "backup", f"file:{Path(out).name}", manifest)
            tx.set_meta("last_backup_at", manifest.get("created_at") or "")
        return manifest

    def last_backup_at(self, session: Any) -> str | None:
        return session.store.get_meta("last_backup_at") or None

    def restore(
        self, backup_file: Path, passphrase: str, *, other_unit: bool = False
    ) -> dict[str, Any]:
        """Install a backup; another unit's only with ``other_unit`` (the clerk confirmed).

        The backup's audit trail is checked as ``verify`` checks it, before it is installed;
        its problems come back as ``trail_problems`` (the backup is still installed: it may be
        the only copy left, and the centre's copy shows what was changed)."""
        return self.vault.restore(
            Path(backup_file), passphrase, other_unit=other_unit, check=verify_journal
        )

    def new_recovery_code(self, session: Any, passphrase: str) -> str:
        """A new recovery code (the old one stops working), for a sheet lost or never printed.

        The passphrase is asked again: whoever sits at an unlocked PC must not get a way in
        that outlives a passphrase change."""
        if not passphrase:
            raise DomainError("E_PASSPHRASE_EMPTY", "passphrase")
        code = self.vault.new_recovery_code(passphrase)
        with session.store.transaction() as tx:
            session.journal.audit(tx, "recovery_code_renewed", "keyfile", {})
        return code
