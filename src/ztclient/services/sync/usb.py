"""U盘: bundles out to a folder, acknowledgements and downlink files in. One import rule for
the CLI and the 同步 page alike:

* files are taken in whichever order they open: an acknowledgement whose predecessor is
  missing (``E_BUNDLE_GAP``) waits for the others of the same call, so a folder copied in any
  order imports completely;
* a file imported before changes nothing and says so (``imported: False``);
* a file that cannot be imported keeps its own code; the others still go in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ztclient.domain.errors import DomainError
from ztclient.domain.messages import error_params
from ztclient.services.sync.context import SyncContext
from ztclient.services.sync.downlink import Downlink
from ztclient.services.sync.enrolment import Enrolment
from ztclient.services.sync.outbox import Outbox
from ztclient.services.sync.report import DownSummary, FileImport, ImportReport

TRUST_FILE = "trust.json"


class UsbExchange:
    def __init__(
        self, ctx: SyncContext, *, enrolment: Enrolment, outbox: Outbox, downlink: Downlink
    ) -> None:
        self.ctx = ctx
        self.enrolment = enrolment
        self.outbox = outbox
        self.downlink = downlink

    def export(self, folder: str) -> list[dict[str, Any]]:
        """Seal everything pending and write every unanswered bundle to ``folder``."""
        c = self.ctx
        if not self.outbox.blocked():
            self.outbox.prepare_all()
        unit = c.enrolment()["unit"]
        out = []
        for b in self.outbox.unacked():
            name = c.crypto.bundle_file_name(unit, b["seq_from"], b["seq_to"], b["hash"])
            path = c.crypto.write_file(f"{folder}/{name}", bytes(b["bytes"]))
            self.outbox.mark_sent(b["bundle_id"], exported_to=path)
            out.append(
                {
                    "file": path,
                    "bundle_id": b["bundle_id"],
                    "seq_from": b["seq_from"],
                    "seq_to": b["seq_to"],
                    "bytes": len(b["bytes"]),
                }
            )
        with c.store.transaction() as tx:
            c.log(tx, "export", None, folder=folder, files=len(out))
        return out

    def _trust_beside(self, path: Path, trust_file: str | None) -> None:
        """Take the trust file carried with the acknowledgements (an older one is ignored)."""
        candidate = trust_file or (
            str(path.parent / TRUST_FILE) if (path.parent / TRUST_FILE).exists() else None
        )
        if not candidate:
            return
        try:
            self.enrolment.accept_trust(self.ctx.crypto.read_file(candidate))
        except DomainError as exc:
            if exc.code != "E_TRUST_ROLLBACK":
                raise

    def import_one(self, path: str, trust_file: str | None = None) -> FileImport:
        """Import one acknowledgement or downlink file. Raises its code when refused."""
        c = self.ctx
        self._trust_beside(Path(path), trust_file)
        data = c.crypto.read_file(path)
        bundles = list(c.crypto.split_bundles(data))
        self._check_whole(bundles)
        down = DownSummary()
        taken = 0
        # an acknowledgement carries the device's latest downlink bundles, in order: those
        # already taken are replays (skipped), the rest are taken in turn
        for bundle in bundles:
            try:
                got = self.downlink.take(bundle)
            except DomainError as exc:
                if exc.code == "E_BUNDLE_REPLAY":
                    continue
                raise
            taken += 1
            down.items += got.items
            down.receipts.extend(got.receipts)
            down.changes = down.changes | got.changes
        if not taken:
            return FileImport(path, imported=False)
        with c.store.transaction() as tx:
            tx.execute(
                "UPDATE sync_enrolment SET last_sync_at = ?, last_sync_how = 'usb' WHERE id = 1",
                (c.now(),),
            )
            c.log(tx, "import", None, file=path, items=down.items)
        return FileImport(path, True, down.items, tuple(down.receipts), changes=down.changes)

    def _check_whole(self, bundles: list[bytes]) -> None:
        """Open every bundle of a file against the chain as it will stand, before the first is
        taken: a file is taken whole or refused whole. Each bundle used to be taken in turn, so
        a damaged last part left the parts before it imported under a refusal (QA)."""
        c = self.ctx
        enr = c.enrolment()
        seq, prev, keys = int(enr["down_seq"]), enr["down_prev"], c.keys()
        for bundle in bundles:
            try:
                down = c.crypto.open_down(bundle, trust=enr["trust"], keys=keys,
                                          unit=enr["unit"], down_seq=seq, down_prev=prev)  # fmt: skip
            except DomainError as exc:
                if exc.code == "E_BUNDLE_REPLAY":
                    continue
                raise
            seq, prev = down.seq, down.hash

    def import_files(self, paths: list[str], trust_file: str | None = None) -> ImportReport:
        """Import several files in any order (the rule above). Items kept and not yet acted
        on are acted on first, whatever the files hold (as at the start of a sync)."""
        report = ImportReport()
        report.changes = report.changes | self.downlink.process().changes
        waiting = sorted(paths)
        last_error: dict[str, DomainError] = {}
        while waiting:
            failed = []
            for p in waiting:
                try:
                    res = self.import_one(p, trust_file)
                except DomainError as exc:
                    failed.append(p)
                    last_error[p] = exc
                    continue
                report.files.append(res)
                report.changes = report.changes | res.changes
            if len(failed) == len(waiting):  # no progress: each keeps its own refusal
                for p in failed:
                    err = last_error[p]
                    report.files.append(
                        FileImport(p, imported=False, code=err.code, params=error_params(err))
                    )
                break
            waiting = failed
        return report
