"""同步 (sync): the client's rules for sending the outbox exactly once and taking in what comes
down the line. docs/sync-client.md explains them; docs/sync-protocol.md is the wire contract.

Everything here works over the ``Store`` port and two ports infra provides: :class:`SyncCrypto`
(keys, sealing, receipts, trust file, downlink bundles, files) and :class:`Transport` (HTTP to
ztcentral). No cryptography and no sockets in this module.

The outbox rules (exactly once):

* ``prepare()`` takes the oldest pending ops with ``seq`` above everything already sealed and
  above the server's watermark, seals them into one bundle, stores the bundle's bytes and marks
  the rows ``in_flight`` with its ``bundle_id`` — all in one transaction. A sealed bundle is
  final: it is resent as the same bytes until a verified receipt answers it.
* A verified receipt promotes to ``synced`` only rows that are still ``in_flight`` **for that
  bundle** and whose op the receipt lists as applied/duplicate/conflict; a refused op
  (``E_OP_INVALID``) becomes ``rejected`` with a problem row for review.
* An edit made while a bundle is in flight: the journal never rewrites an op, it appends a new
  one (a new ``op_id`` and a higher ``seq``) in state ``pending``. That row is not in the sealed
  bundle, the receipt does not name it, so it stays ``pending`` and goes in the next bundle,
  carrying the new value from the record's current version. Nothing of the re-edit is lost.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol

from ztclient.domain.errors import DomainError
from ztclient.services.audit_anchor import audit_sealed, audit_since_sealed
from ztclient.services.journal import GENESIS, Journal
from ztclient.services.ports import Clock, Store

#: ops per bundle: a receipt lists every op (~100 bytes each), so on a link that drops every
#: few KB a smaller bundle (``max_ops``) is what gets through; 200 ops seal to ~20-40 KB.
MAX_OPS_PER_BUNDLE = 200
PROMOTE = ("applied", "duplicate", "conflict")


# -- what infra provides -----------------------------------------------------------------------
@dataclass(frozen=True)
class Sealed:
    bundle_id: str
    hash: str
    data: bytes


@dataclass(frozen=True)
class TrustInfo:
    version: int
    text: str
    root: dict[str, str]
    server_url: str


@dataclass(frozen=True)
class ReceiptInfo:
    """A receipt that passed verification (signature, bundle id and hash, watermark)."""

    bundle_id: str
    status: str
    code: str | None
    watermark: int
    missing: list[int] | None
    ops: list[dict[str, Any]]
    counts: dict[str, int]
    raw: bytes
    audit_head: str = ""  # the head central anchored (its signed answer to our audit section)


@dataclass(frozen=True)
class DownBundle:
    seq: int
    hash: str
    items: list[dict[str, Any]]


@dataclass
class UploadOutcome:
    status: str
    code: str | None
    receipt: bytes | None
    also_applied: list[bytes] = field(default_factory=list)


class Transport(Protocol):
    """HTTP to ztcentral. Every method raises DomainError (E_NETWORK when the link fails)."""

    def handshake(self, device_id: str) -> dict[str, Any]: ...
    def trust(self) -> bytes: ...
    def enrol(self, request: bytes) -> bytes: ...
    def upload(self, bundle: bytes) -> UploadOutcome: ...
    def receipt(self, bundle_id: str) -> bytes | None: ...
    def download(self, device_id: str, after: int) -> bytes | None: ...


class SyncCrypto(Protocol):
    """Keys, bundles, receipts, trust files and USB files (infra/sync/engine.py)."""

    def new_keys(self) -> tuple[str, str]: ...  # (private keys text, signing kid)
    def enrol_request(self, keys: str, *, code: str, unit: str, device_id: str) -> bytes: ...
    def read_enrolment_file(self, data: bytes) -> dict[str, Any]: ...
    def check_enrol_response(self, data: bytes, *, code: str) -> bytes: ...
    def accept_trust(
        self, data: bytes, *, current: str | None, pinned_root: dict[str, str] | None, now: str
    ) -> TrustInfo: ...
    def own_root(self, trust: bytes) -> dict[str, str]: ...
    def seal(
        self,
        ops: list[dict[str, Any]],
        *,
        keys: str,
        trust: str,
        unit: str,
        device_id: str,
        seq_from: int,
        seq_to: int,
        prev: str,
        audit_head: str,
        audit: dict[str, Any] | None = None,
    ) -> Sealed: ...
    def receipt_bundle_id(self, data: bytes) -> str | None: ...
    def verify_receipt(
        self, data: bytes, *, trust: str, bundle_id: str, bundle_hash: str, min_watermark: int
    ) -> ReceiptInfo: ...
    def open_down(
        self, data: bytes, *, trust: str, keys: str, unit: str, down_seq: int, down_prev: str
    ) -> DownBundle: ...
    def connect(
        self, server_url: str, keys: str | None = None
    ) -> AbstractContextManager[Transport]: ...  # keys: sign device requests
    def read_file(self, path: str) -> bytes: ...
    def write_file(self, path: str, data: bytes) -> str: ...
    def bundle_file_name(self, unit: str, seq_from: int, seq_to: int, bundle_id: str) -> str: ...


# -- the service -------------------------------------------------------------------------------
def _loads(text: str | None) -> Any:
    return json.loads(text) if text else None


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, default=str)


class SyncService:
    """The 同步 use cases: enrol, sync over HTTP, export/import by USB, status for the UI."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        crypto: SyncCrypto,
        *,
        members: Any = None,
        transfers: Any = None,
        device_id: Callable[[], str] | None = None,
        unit_code: Callable[[], str] | None = None,
        root_org_id: Callable[[], str | None] | None = None,
        max_ops: int = MAX_OPS_PER_BUNDLE,
    ) -> None:
        self.store = store
        self.clock = clock
        self.crypto = crypto
        self.members = members
        self.transfers = transfers  # services/transfers.py: transfer proposals and replies
        self._device_id = device_id or (lambda: store.get_meta("device_id") or "")
        self._unit = unit_code or (lambda: store.get_meta("unit_code") or "")
        self._root_org = root_org_id or (lambda: store.get_meta("root_org_id"))
        self.max_ops = max_ops

    # -- small helpers -------------------------------------------------------------------------
    def _now(self) -> str:
        return self.clock.now().strftime("%Y-%m-%dT%H:%M:%SZ")

    def _enrolment(self) -> dict[str, Any]:
        row = self.store.read_one("SELECT * FROM sync_enrolment WHERE id = 1")
        if row is None:
            raise DomainError("E_DEVICE_UNKNOWN", what="not enrolled")
        return row

    def _keys(self) -> str:
        return str(self.store.scalar("SELECT keys FROM sync_device WHERE id = 1"))

    def _log(self, tx: Store, kind: str, code: str | None, **detail: Any) -> None:
        tx.insert(
            "sync_log", {"at": self._now(), "kind": kind, "code": code, "detail": _dumps(detail)}
        )

    def _clock_for_trust(self, enr: dict[str, Any] | None) -> str:
        now = self._now()
        last = (enr or {}).get("last_server_time") or ""
        return max(now, last)

    def enrolled(self) -> bool:
        return self.store.read_one("SELECT 1 AS x FROM sync_enrolment WHERE id = 1") is not None

    # -- enrolment -------------------------------------------------------------------------------
    def _ensure_keys(self) -> str:
        row = self.store.read_one("SELECT keys FROM sync_device WHERE id = 1")
        if row:
            return str(row["keys"])
        keys, kid = self.crypto.new_keys()
        with self.store.transaction() as tx:
            tx.insert(
                "sync_device", {"id": 1, "keys": keys, "sign_kid": kid, "created_at": self._now()}
            )
        return keys

    def _save_enrolment(
        self, trust: TrustInfo, *, server_url: str, how: str, request: bytes | None
    ) -> None:
        # enrolling again (a new code, or online after a file) keeps the chain: the server's
        # record of this device goes on from where it was
        keep = self.store.read_one(
            "SELECT high_watermark, chain_head, down_seq, down_prev FROM sync_enrolment"
        ) or {"high_watermark": 0, "chain_head": GENESIS, "down_seq": 0, "down_prev": GENESIS}
        with self.store.transaction() as tx:
            tx.execute("DELETE FROM sync_enrolment")
            tx.insert(
                "sync_enrolment",
                {
                    "id": 1,
                    "unit": self._unit(),
                    "server_url": server_url or trust.server_url or "",
                    "how": how,
                    "pinned_root": _dumps(trust.root),
                    "trust": trust.text,
                    "trust_version": trust.version,
                    "request": request.decode("utf-8") if request else None,
                    "enrolled_at": self._now(),
                    "last_server_time": None,
                    **keep,
                },
            )
            self._log(tx, "enrol", None, how=how, server_url=server_url, version=trust.version)

    def enroll_online(self, server_url: str, code: str) -> dict[str, Any]:
        """Enrol with a one-time code: keys made here, the MACed answer pins the trust file."""
        keys = self._ensure_keys()
        request = self.crypto.enrol_request(
            keys, code=code, unit=self._unit(), device_id=self._device_id()
        )
        with self.crypto.connect(server_url) as transport:
            answer = transport.enrol(request)
        trust_bytes = self.crypto.check_enrol_response(answer, code=code)
        trust = self.crypto.accept_trust(
            trust_bytes,
            current=None,
            pinned_root=self.crypto.own_root(trust_bytes),
            now=self._clock_for_trust(None),
        )
        self._save_enrolment(trust, server_url=server_url, how="online", request=None)
        return {"unit": self._unit(), "device": self._device_id(), "trust_version": trust.version}

    def enroll_file(self, path: str, request_out: str | None = None) -> dict[str, Any]:
        """Enrol from the enrolment file: pin its trust file, write the request to carry up."""
        info = self.crypto.read_enrolment_file(self.crypto.read_file(path))
        if info["unit"] != self._unit():
            raise DomainError("E_ENROL_FORMAT", what="unit", unit=info["unit"], ours=self._unit())
        keys = self._ensure_keys()
        trust_bytes = info["trust"].encode("utf-8")
        trust = self.crypto.accept_trust(
            trust_bytes,
            current=None,
            pinned_root=self.crypto.own_root(trust_bytes),
            now=self._clock_for_trust(None),
        )
        request = self.crypto.enrol_request(
            keys, code=info["code"], unit=self._unit(), device_id=self._device_id()
        )
        out = request_out or str(path) + ".request.json"
        written = self.crypto.write_file(out, request)
        self._save_enrolment(trust, server_url=info["server_url"], how="file", request=request)
        return {
            "unit": self._unit(),
            "device": self._device_id(),
            "trust_version": trust.version,
            "request_file": written,
        }

    def _accept_trust(self, data: bytes) -> bool:
        """Take a newer trust file (checked against the current one). True if it changed."""
        enr = self._enrolment()
        trust = self.crypto.accept_trust(
            data, current=enr["trust"], pinned_root=None, now=self._clock_for_trust(enr)
        )
        if trust.version == enr["trust_version"]:
            return False
        with self.store.transaction() as tx:
            tx.execute(
                "UPDATE sync_enrolment SET trust = ?, trust_version = ? WHERE id = 1",
                (trust.text, trust.version),
            )
            self._log(tx, "trust", None, version=trust.version)
        return True

    # -- the outbox ------------------------------------------------------------------------------
    def prepare(self) -> dict[str, Any] | None:
        """Seal the next bundle from the pending outbox (None when nothing is pending)."""
        enr = self._enrolment()
        sealed_to = int(self.store.scalar("SELECT coalesce(max(seq_to), 0) FROM sync_bundles"))
        start = max(sealed_to, int(enr["high_watermark"])) + 1
        rows = self.store.read(
            "SELECT * FROM outbox WHERE seq >= ? ORDER BY seq LIMIT ?", (start, self.max_ops)
        )
        rows = [r for r in rows if r["sync_state"] == "pending"]
        if not rows or rows[0]["seq"] != start:
            return None
        run = [rows[0]]
        for r in rows[1:]:  # a contiguous range only (the outbox is gap-free anyway)
            if r["seq"] != run[-1]["seq"] + 1:
                break
            run.append(r)
        ops = [
            {
                "op_id": r["op_id"],
                "seq": r["seq"],
                "entity": r["entity"],
                "record_id": r["record_id"],
                "op": r["op"],
                "base_version": r["base_version"],
                "fields": json.loads(r["fields"]),
                "at": r["created_at"],
            }
            for r in run
        ]
        audit = audit_since_sealed(self.store)
        sealed = self.crypto.seal(
            ops,
            keys=self._keys(),
            trust=enr["trust"],
            unit=enr["unit"],
            device_id=self._device_id(),
            seq_from=run[0]["seq"],
            seq_to=run[-1]["seq"],
            prev=enr["chain_head"],
            audit_head=audit["head"],
            audit=audit,
        )
        with self.store.transaction() as tx:
            audit_sealed(tx, audit)
            tx.insert(
                "sync_bundles",
                {
                    "bundle_id": sealed.bundle_id,
                    "seq_from": run[0]["seq"],
                    "seq_to": run[-1]["seq"],
                    "hash": sealed.hash,
                    "prev": enr["chain_head"],
                    "bytes": sealed.data,
                    "state": "sealed",
                    "created_at": self._now(),
                },
            )
            changed = tx.execute(
                "UPDATE outbox SET sync_state = 'in_flight', bundle_id = ? "
                "WHERE seq BETWEEN ? AND ? AND sync_state = 'pending'",
                (sealed.bundle_id, run[0]["seq"], run[-1]["seq"]),
            )
            if changed != len(run):  # the rows moved under us: seal nothing
                raise RuntimeError("outbox rows changed while sealing")
            tx.execute("UPDATE sync_enrolment SET chain_head = ? WHERE id = 1", (sealed.hash,))
        return {
            "bundle_id": sealed.bundle_id,
            "seq_from": run[0]["seq"],
            "seq_to": run[-1]["seq"],
            "bytes": len(sealed.data),
        }

    def prepare_all(self) -> list[dict[str, Any]]:
        out = []
        while (b := self.prepare()) is not None:
            out.append(b)
        return out

    def _unacked(self) -> list[dict[str, Any]]:
        return self.store.read(
            "SELECT * FROM sync_bundles WHERE state IN ('sealed', 'sent', 'held') ORDER BY seq_from"
        )

    # -- receipts --------------------------------------------------------------------------------
    def take_receipt(self, data: bytes) -> dict[str, Any] | None:
        """Verify a receipt for one of our bundles and apply it; None if it names no bundle of
        ours. Raises the receipt's code when verification fails (nothing is marked then)."""
        bundle_id = self.crypto.receipt_bundle_id(data)
        bundle = (
            self.store.read_one("SELECT * FROM sync_bundles WHERE bundle_id = ?", (bundle_id,))
            if bundle_id
            else None
        )
        if bundle is None:
            return None
        enr = self._enrolment()
        rec = self.crypto.verify_receipt(
            data,
            trust=enr["trust"],
            bundle_id=bundle["bundle_id"],
            bundle_hash=bundle["hash"],
            # a receipt older than what we know of the server is stale (a replayed "held")
            min_watermark=min(int(enr["high_watermark"]), bundle["seq_from"] - 1),
        )
        return self._apply_receipt(bundle, rec)

    def _apply_receipt(self, bundle: dict[str, Any], rec: ReceiptInfo) -> dict[str, Any]:
        now = self._now()
        if bundle["state"] == "acknowledged" and rec.status != "applied":
            return {
                "bundle_id": rec.bundle_id,
                "status": "applied",
                "code": None,
                "synced": 0,
                "conflicts": 0,
                "rejected": 0,
                "counts": {},
            }  # never step back
        summary = {
            "bundle_id": rec.bundle_id,
            "status": rec.status,
            "code": rec.code,
            "synced": 0,
            "conflicts": 0,
            "rejected": 0,
            "counts": rec.counts,
        }
        with self.store.transaction() as tx:
            if rec.status == "applied":
                for op in rec.ops:
                    if op["s"] in PROMOTE:
                        summary["synced"] += tx.execute(
                            "UPDATE outbox SET sync_state = 'synced' WHERE op_id = ? "
                            "AND bundle_id = ? AND sync_state = 'in_flight'",
                            (op["op_id"], rec.bundle_id),
                        )
                    if op["s"] == "conflict":
                        summary["conflicts"] += 1
                        self._problems(tx, bundle, op, "conflict", now)
                    elif op["s"] == "rejected":
                        summary["rejected"] += tx.execute(
                            "UPDATE outbox SET sync_state = 'rejected' WHERE op_id = ? "
                            "AND bundle_id = ? AND sync_state = 'in_flight'",
                            (op["op_id"], rec.bundle_id),
                        )
                        self._problems(tx, bundle, op, "rejected", now)
                tx.execute(
                    "UPDATE sync_bundles SET state = 'acknowledged', code = NULL, receipt = ?, "
                    "acked_at = ? WHERE bundle_id = ?",
                    (rec.raw, now, rec.bundle_id),
                )
                tx.execute(
                    "UPDATE sync_enrolment SET high_watermark = max(high_watermark, ?), "
                    "last_sync_at = ? WHERE id = 1",
                    (rec.watermark, now),
                )
                if rec.audit_head:  # central's signed word on our audit chain
                    Journal.anchor(tx, rec.audit_head, rec.bundle_id, now)
            else:
                state = "held" if rec.status == "held" else "refused"
                tx.execute(
                    "UPDATE sync_bundles SET state = ?, code = ? WHERE bundle_id = ?",
                    (state, rec.code, rec.bundle_id),
                )
            self._log(
                tx,
                "receipt",
                rec.code,
                bundle_id=rec.bundle_id,
                status=rec.status,
                watermark=rec.watermark,
            )
        return summary

    def _problems(
        self, tx: Store, bundle: dict[str, Any], op: dict[str, Any], kind: str, now: str
    ) -> None:
        seq = bundle["seq_from"] + op["i"]
        params = op.get("params") or {}
        base = {
            "op_id": op["op_id"],
            "seq": seq,
            "bundle_id": bundle["bundle_id"],
            "kind": kind,
            "code": op.get("code")
            or ("E_MERGE_CONFLICT" if kind == "conflict" else "E_OP_INVALID"),
            "params": _dumps(params),
            "created_at": now,
        }
        row = (
            self.store.read_one(
                "SELECT entity, record_id FROM outbox WHERE op_id = ?", (op["op_id"],)
            )
            or {}
        )
        items = params.get("conflicts") if kind == "conflict" else None
        if not items:
            items = [{"entity": row.get("entity"), "record_id": row.get("record_id"), "field": ""}]
        for c in items:
            tx.execute(
                "INSERT OR IGNORE INTO sync_problems (op_id, seq, bundle_id, kind, code, entity, "
                "record_id, field, yours, theirs, params, created_at) "
                "VALUES (:op_id, :seq, :bundle_id, :kind, :code, :entity, :record_id, :field, "
                ":yours, :theirs, :params, :created_at)",
                {
                    **base,
                    "entity": c.get("entity") or row.get("entity"),
                    "record_id": c.get("record_id") or row.get("record_id"),
                    "field": c.get("field") or "",
                    "yours": _dumps(c["yours"]) if "yours" in c else None,
                    "theirs": _dumps(c["theirs"]) if "theirs" in c else None,
                },
            )

    def _take_outcome(self, bundle: dict[str, Any], out: UploadOutcome) -> dict[str, Any]:
        results = []
        if out.receipt is not None:
            results.append(self.take_receipt(out.receipt))
        else:
            with self.store.transaction() as tx:
                tx.execute(
                    "UPDATE sync_bundles SET state = 'refused', code = ? WHERE bundle_id = ?",
                    (out.code, bundle["bundle_id"]),
                )
                self._log(tx, "refused", out.code, bundle_id=bundle["bundle_id"])
            results.append(
                {
                    "bundle_id": bundle["bundle_id"],
                    "status": out.status,
                    "code": out.code,
                    "synced": 0,
                    "conflicts": 0,
                    "rejected": 0,
                }
            )
        for extra in out.also_applied:  # held bundles the upload released
            r = self.take_receipt(extra)
            if r:
                results.append(r)
        return {"status": out.status, "code": out.code, "receipts": [r for r in results if r]}

    # -- HTTP ------------------------------------------------------------------------------------
    def sync(
        self, server_url: str | None = None, *, between: Callable[[], None] | None = None
    ) -> dict[str, Any]:
        """One exchange with ztcentral: trust, resend unanswered bundles, send new ones,
        fetch downlink bundles. ``between`` (tests) runs after sealing and before sending.

        A network failure raises E_NETWORK after recording it; nothing is lost (sealed bundles
        are resent as the same bytes next time)."""
        enr = self._enrolment()
        url = server_url or enr["server_url"]
        if not url:
            raise DomainError("E_NETWORK", what="no server address")
        report: dict[str, Any] = {"sent": [], "receipts": [], "down_items": 0, "server": url}
        try:
            with self.crypto.connect(url, keys=self._keys()) as t:
                self._exchange(t, report, between)
        except DomainError as exc:
            with self.store.transaction() as tx:
                self._log(tx, "error", exc.code, **{k: str(v) for k, v in exc.params.items()})
            raise
        with self.store.transaction() as tx:
            tx.execute(
                "UPDATE sync_enrolment SET last_sync_at = ?, last_sync_how = 'http' WHERE id = 1",
                (self._now(),),
            )
            self._log(tx, "sync", None, sent=len(report["sent"]), down=report["down_items"])
        return report

    def _exchange(self, t: Transport, report: dict[str, Any], between) -> None:
        device = self._device_id()
        hs = t.handshake(device)
        with self.store.transaction() as tx:
            tx.execute(
                "UPDATE sync_enrolment SET last_server_time = ? WHERE id = 1",
                (hs.get("server_time"),),
            )
        dev = hs.get("device")
        if dev is None:
            raise DomainError("E_DEVICE_UNKNOWN", device=device)
        if int(hs.get("trust_version") or 0) > int(self._enrolment()["trust_version"]):
            self._accept_trust(t.trust())
        watermark = int(dev["watermark"])
        # 1. bundles sealed earlier and not yet answered: the server's record decides
        for b in self._unacked():
            if b["seq_to"] <= watermark:
                rec = t.receipt(b["bundle_id"])
                if rec is not None and (r := self.take_receipt(rec)):
                    report["receipts"].append(r)
                    continue
            self._send(t, b, report)
        # 2. new work, bundle by bundle
        first = True
        while True:
            if self.store.read_one("SELECT 1 AS x FROM sync_bundles WHERE state = 'refused'"):
                break  # a refused bundle blocks the chain: a person must look first
            info = self.prepare()
            if info is None:
                break
            if first and between is not None:
                between()
            first = False
            b = self.store.read_one(
                "SELECT * FROM sync_bundles WHERE bundle_id = ?", (info["bundle_id"],)
            )
            self._send(t, b, report)
        # 3. down the line
        while True:
            enr = self._enrolment()
            data = t.download(device, int(enr["down_seq"]))
            if data is None:
                break
            report["down_items"] += self.take_down(data)["items"]

    def _send(self, t: Transport, b: dict[str, Any], report: dict[str, Any]) -> None:
        with self.store.transaction() as tx:
            tx.execute(
                "UPDATE sync_bundles SET state = CASE WHEN state = 'sealed' THEN 'sent' "
                "ELSE state END, sent_at = ? WHERE bundle_id = ?",
                (self._now(), b["bundle_id"]),
            )
        out = t.upload(bytes(b["bytes"]))
        res = self._take_outcome(b, out)
        report["sent"].append(
            {
                "bundle_id": b["bundle_id"],
                "seq_from": b["seq_from"],
                "seq_to": b["seq_to"],
                "bytes": len(b["bytes"]),
                "status": out.status,
                "code": out.code,
            }
        )
        report["receipts"].extend(res["receipts"])

    # -- USB -------------------------------------------------------------------------------------
    def export(self, folder: str) -> list[dict[str, Any]]:
        """Seal everything pending and write every unanswered bundle to ``folder``."""
        self.prepare_all()
        enr = self._enrolment()
        out = []
        for b in self._unacked():
            name = self.crypto.bundle_file_name(
                enr["unit"], b["seq_from"], b["seq_to"], b["bundle_id"]
            )
            path = self.crypto.write_file(f"{folder}/{name}", bytes(b["bytes"]))
            with self.store.transaction() as tx:
                tx.execute(
                    "UPDATE sync_bundles SET state = CASE WHEN state = 'sealed' THEN 'sent' "
                    "ELSE state END, sent_at = ?, exported_to = ? WHERE bundle_id = ?",
                    (self._now(), path, b["bundle_id"]),
                )
            out.append(
                {
                    "file": path,
                    "bundle_id": b["bundle_id"],
                    "seq_from": b["seq_from"],
                    "seq_to": b["seq_to"],
                    "bytes": len(b["bytes"]),
                }
            )
        with self.store.transaction() as tx:
            self._log(tx, "export", None, folder=folder, files=len(out))
        return out

    def import_file(self, path: str, trust_file: str | None = None) -> dict[str, Any]:
        """Import an acknowledgement or downlink bundle (USB). Importing the same file again
        changes nothing (``imported: False``)."""
        if trust_file:
            try:
                self._accept_trust(self.crypto.read_file(trust_file))
            except DomainError as exc:
                if exc.code not in ("E_TRUST_ROLLBACK",):
                    raise
        data = self.crypto.read_file(path)
        try:
            res = self.take_down(data)
        except DomainError as exc:
            if exc.code == "E_BUNDLE_REPLAY":
                return {"file": path, "imported": False, "items": 0, "receipts": []}
            raise
        with self.store.transaction() as tx:
            tx.execute(
                "UPDATE sync_enrolment SET last_sync_at = ?, last_sync_how = 'usb' WHERE id = 1",
                (self._now(),),
            )
            self._log(tx, "import", None, file=path, items=res["items"])
        return {"file": path, "imported": True, **res}

    # -- down the line ---------------------------------------------------------------------------
    def take_down(self, data: bytes) -> dict[str, Any]:
        """Open a downlink bundle (chain-checked), keep its items, then act on them."""
        enr = self._enrolment()
        down = self.crypto.open_down(
            data,
            trust=enr["trust"],
            keys=self._keys(),
            unit=enr["unit"],
            down_seq=int(enr["down_seq"]),
            down_prev=enr["down_prev"],
        )
        now = self._now()
        with self.store.transaction() as tx:
            for item in down.items:
                kind = str(item.get("type"))
                body = item.get("body")
                state = {"notice": "stored", "material": "stored", "org_change": "review"}.get(
                    kind, "pending"
                )
                if kind not in (
                    "notice",
                    "material",
                    "org_change",
                    "code_table",
                    "transfer_in",
                    "transfer_proposal",
                    "transfer_reply",
                    "receipt",
                    "trust",
                ):
                    state = "stored"  # unknown types are data: kept, not acted on
                tx.execute(
                    "INSERT OR IGNORE INTO sync_down_items (item_id, type, body, down_seq, "
                    "received_at, state) VALUES (?, ?, ?, ?, ?, ?)",
                    (str(item["item_id"]), kind, _dumps(body), down.seq, now, state),
                )
            tx.execute(
                "UPDATE sync_enrolment SET down_seq = ?, down_prev = ? WHERE id = 1",
                (down.seq, down.hash),
            )
            self._log(tx, "down", None, seq=down.seq, items=len(down.items))
        receipts = self.process_pending_items()
        return {"items": len(down.items), "down_seq": down.seq, "receipts": receipts}

    def process_pending_items(self) -> list[dict[str, Any]]:
        """Act on kept items not yet acted on: trust files first, then receipts, code tables,
        transfer-ins. Each step is idempotent, so running it again after a crash is safe."""
        order = {"trust": 0, "receipt": 1, "code_table": 2, "transfer_in": 3,
                 "transfer_proposal": 3, "transfer_reply": 3}  # fmt: skip
        rows = self.store.read(
            "SELECT * FROM sync_down_items WHERE state = 'pending' ORDER BY down_seq, received_at"
        )
        rows.sort(key=lambda r: (order.get(r["type"], 9), r["down_seq"]))
        receipts = []
        for r in rows:
            body = _loads(r["body"]) or {}
            state, code, ref = "applied", None, None
            try:
                if r["type"] == "trust":
                    self._accept_trust(str(body.get("trust", "")).encode("utf-8"))
                elif r["type"] == "receipt":
                    raw = base64.b64decode(str(body.get("receipt", "")), validate=True)
                    res = self.take_receipt(raw)
                    if res:
                        receipts.append(res)
                elif r["type"] == "code_table":
                    self._code_table(r["item_id"], body)
                elif r["type"] in ("transfer_in", "transfer_proposal", "transfer_reply"):
                    # A proposal waits for the clerk (services/transfers.py): never a roster
                    # entry by itself, never matched by ID number.
                    if self.transfers is None:
                        raise DomainError("E_INVALID", what=r["type"])
                    ref = self.transfers.receive(r["item_id"], r["type"], body)
            except DomainError as exc:
                state, code = "failed", exc.code
            except (ValueError, TypeError, KeyError) as exc:
                state, code = "failed", "E_BUNDLE_PAYLOAD"
                del exc
            with self.store.transaction() as tx:
                tx.execute(
                    "UPDATE sync_down_items SET state = ?, code = ?, ref = ? WHERE item_id = ?",
                    (state, code, ref, r["item_id"]),
                )
        return receipts

    def _code_table(self, item_id: str, body: dict[str, Any]) -> None:
        name, version = str(body["table"]), int(body["version"])
        with self.store.transaction() as tx:
            tx.execute(
                "INSERT INTO sync_code_tables (name, version, rows, item_id, received_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET version = "
                "excluded.version, rows = excluded.rows, item_id = excluded.item_id, "
                "received_at = excluded.received_at WHERE excluded.version > version",
                (name, version, _dumps(body.get("rows")), item_id, self._now()),
            )

    # -- for the 同步 screen and the CLI ---------------------------------------------------------
    def status(self) -> dict[str, Any]:
        """Everything the 同步 screen shows."""
        enr = self.store.read_one("SELECT * FROM sync_enrolment WHERE id = 1")
        q = self.store.scalar
        states = {
            r["sync_state"]: r["n"]
            for r in self.store.read(
                "SELECT sync_state, count(*) AS n FROM outbox GROUP BY sync_state"
            )
        }
        bundles = {
            r["state"]: r["n"]
            for r in self.store.read("SELECT state, count(*) AS n FROM sync_bundles GROUP BY state")
        }
        return {
            "enrolled": enr is not None,
            "unit": enr["unit"] if enr else self._unit(),
            "device": self._device_id(),
            "server_url": enr["server_url"] if enr else None,
            "enrolled_how": enr["how"] if enr else None,
            "trust_version": enr["trust_version"] if enr else None,
            "last_sync_at": enr["last_sync_at"] if enr else None,
            "last_sync_how": enr["last_sync_how"] if enr else None,
            "watermark": enr["high_watermark"] if enr else 0,
            "down_seq": enr["down_seq"] if enr else 0,
            "pending": states.get("pending", 0),
            "in_flight": states.get("in_flight", 0),
            "synced": states.get("synced", 0),
            "rejected": states.get("rejected", 0),
            "bundles": bundles,
            "refused_bundles": self.store.read(
                "SELECT bundle_id, seq_from, seq_to, state, code FROM sync_bundles "
                "WHERE state IN ('refused', 'held') ORDER BY seq_from"
            ),
            "problems": self.problems(),
            "conflicts": self.conflicts(),
            "notices": self.items("notice"),
            "materials": self.items("material"),
            "review_items": self.store.read(
                "SELECT item_id, type, state, code, received_at FROM sync_down_items "
                "WHERE state IN ('review', 'failed') ORDER BY received_at"
            ),
            "code_tables": self.store.read(
                "SELECT name, version, received_at FROM sync_code_tables ORDER BY name"
            ),
            "last_error": self.store.read_one(
                "SELECT at, code, detail FROM sync_log WHERE kind = 'error' "
                "ORDER BY id DESC LIMIT 1"
            ),
            "log_entries": int(q("SELECT count(*) FROM sync_log")),
        }

    def problems(self, include_reviewed: bool = False) -> list[dict[str, Any]]:
        """Per-op problems with codes (refused ops and conflicts), newest first."""
        rows = self.store.read(
            "SELECT * FROM sync_problems"
            + ("" if include_reviewed else " WHERE reviewed = 0")
            + " ORDER BY id DESC"
        )
        for r in rows:
            r["params"] = _loads(r["params"])
            r["yours"] = _loads(r["yours"])
            r["theirs"] = _loads(r["theirs"])
        return rows

    def conflicts(self) -> list[dict[str, Any]]:
        return [p for p in self.problems() if p["kind"] == "conflict"]

    def mark_reviewed(self, problem_id: int) -> None:
        with self.store.transaction() as tx:
            if not tx.execute("UPDATE sync_problems SET reviewed = 1 WHERE id = ?", (problem_id,)):
                raise DomainError("E_NOT_FOUND", what="problem", id=problem_id)

    def items(self, kind: str) -> list[dict[str, Any]]:
        rows = self.store.read(
            "SELECT item_id, type, body, received_at, state, code, ref, read FROM sync_down_items "
            "WHERE type = ? ORDER BY received_at DESC, item_id",
            (kind,),
        )
        for r in rows:
            r["body"] = _loads(r["body"])
        return rows

    def mark_read(self, item_id: str) -> None:
        with self.store.transaction() as tx:
            tx.execute("UPDATE sync_down_items SET read = 1 WHERE item_id = ?", (item_id,))

    def log(self, limit: int = 50) -> Iterator[dict[str, Any]]:
        for r in self.store.read("SELECT * FROM sync_log ORDER BY id DESC LIMIT ?", (limit,)):
            yield {**r, "detail": _loads(r["detail"])}
