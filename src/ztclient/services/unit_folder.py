"""Use cases on the unit's data folder as a whole (moved out of bootstrap, issue 16 item 5):
make a new unit on first run, re-encrypt it under a new data key, and write the support zip.

The composition root only wires: it gives this service the vault (key file and database), a way
to open a session on a store, and the support-zip writer. What each use case checks, writes and
audits is here, where a test can drive it with fakes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from ztclient.domain.errors import DomainError
from ztclient.services import operator


class Vault(Protocol):
    """The data folder's key file and database (infra.vault.Vault)."""

    def create(self, passphrase: str, meta: dict[str, str]) -> tuple[Any, str]: ...
    def rekey(self, passphrase: str, new_passphrase: str | None = None) -> dict[str, Any]: ...


#: (out, data folder, open session or None, the code unlocking failed with or None) → summary
SupportZipWriter = Callable[[Path, Path, Any, str | None], dict[str, Any]]


class UnitFolderService:
    def __init__(
        self,
        vault: Vault,
        data_dir: Path,
        open_session: Callable[[Any], Any],
        unlock: Callable[[str], Any],
        state: Callable[[], str],
    ) -> None:
        self.vault = vault
        self.data_dir = data_dir
        self.open_session = open_session  # store → Session
        self.unlock = unlock  # passphrase → Session
        self.state = state  # "empty", "ready" or "incomplete"

    def create_unit(
        self,
        unit_name: str,
        unit_code: str,
        passphrase: str,
        unit_kind: str = "committee",
        operator_name: str | None = None,
    ) -> tuple[Any, str]:
        """First run: a new encrypted unit with its root organisation (audited like any org).
        Returns (session, recovery code to print once).

        ``operator_name``, when given, is the 经办人 (services/operator.py), set before the root
        organisation is written: every entry of the trail a person made names them, and the
        recovery sheet printed next says who made it. A name that will not do is refused before any file is
        made, like a missing unit name."""
        unit_name, unit_code = (unit_name or "").strip(), (unit_code or "").strip()
        if not unit_name:
            raise DomainError("E_FIELD_REQUIRED", "unit_name")
        if not unit_code:
            raise DomainError("E_FIELD_REQUIRED", "unit_code")
        name = operator.clean(operator_name) if operator_name is not None else ""
        store, code = self.vault.create(
            passphrase, {"unit_name": unit_name, "unit_code": unit_code}
        )
        session = self.open_session(store)
        if name:
            session.operator.set(name)
        org_id, _ = session.orgs.add({"name": unit_name, "kind": unit_kind, "code": unit_code})
        with store.transaction() as tx:
            tx.set_meta("root_org_id", org_id)
        return session, code

    def rekey(self, passphrase: str, new_passphrase: str | None = None) -> dict[str, Any]:
        """Re-encrypt the data under a new data key; the unit must be locked (no session).

        Opens the new data once, which writes the ``audit.rekey`` entry (the chain's new key
        epoch), and verifies it. Returns the new recovery code, where the old files went and
        the verify result."""
        result = self.vault.rekey(passphrase, new_passphrase)
        session = self.unlock(new_passphrase or passphrase)
        try:
            result["problems"] = session.verify()
        finally:
            session.close()
        return result

    def diagnose(
        self,
        write: SupportZipWriter,
        out: Path,
        passphrase: str | None = None,
        *,
        session: Any = None,
    ) -> dict[str, Any]:
        """Write the support zip. An open ``session`` (the desktop program's), or the unit
        opened with ``passphrase``, adds the schema, counts and verify result; a failure to
        open is recorded as its code (the zip is what support needs when unlocking fails)."""
        if session is not None:
            return write(Path(out), self.data_dir, session, None)
        error = None
        if passphrase is not None and self.state() != "empty":
            try:
                session = self.unlock(passphrase)
            except DomainError as err:
                error = err.code
        try:
            return write(Path(out), self.data_dir, session, error)
        finally:
            if session is not None:
                session.close()
