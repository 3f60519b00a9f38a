"""登记本机: enrolment with a one-time code (online) or an enrolment file (USB), and taking
newer trust files. The device's keys are made here once and stay inside the encrypted store."""

from __future__ import annotations

from typing import Any

from ztclient.domain.errors import DomainError
from ztclient.services.journal import GENESIS
from ztclient.services.sync.context import SyncContext, dumps
from ztclient.services.sync.ports import TrustInfo


class Enrolment:
    def __init__(self, ctx: SyncContext) -> None:
        self.ctx = ctx

    def _ensure_keys(self) -> str:
        c = self.ctx
        row = c.store.read_one("SELECT keys FROM sync_device WHERE id = 1")
        if row:
            return str(row["keys"])
        keys, kid = c.crypto.new_keys()
        with c.store.transaction() as tx:
            tx.insert(
                "sync_device", {"id": 1, "keys": keys, "sign_kid": kid, "created_at": c.now()}
            )
        return keys

    def _save(self, trust: TrustInfo, *, server_url: str, how: str, request: bytes | None) -> None:
        c = self.ctx
        # enrolling again (a new code, or online after a file) keeps the chain: the server's
        # record of this device goes on from where it was
        keep = c.store.read_one(
            "SELECT high_watermark, chain_head, down_seq, down_prev FROM sync_enrolment"
        ) or {"high_watermark": 0, "chain_head": GENESIS, "down_seq": 0, "down_prev": GENESIS}
        with c.store.transaction() as tx:
            tx.execute("DELETE FROM sync_enrolment")
            tx.insert(
                "sync_enrolment",
                {
                    "id": 1,
                    "unit": c.unit(),
                    "server_url": server_url or trust.server_url or "",
                    "how": how,
                    "pinned_root": dumps(trust.root),
                    "trust": trust.text,
                    "trust_version": trust.version,
                    "request": request.decode("utf-8") if request else None,
                    "enrolled_at": c.now(),
                    "last_server_time": None,
                    **keep,
                },
            )
            c.log(tx, "enrol", None, how=how, server_url=server_url, version=trust.version)

    def _first_trust(self, trust_bytes: bytes) -> TrustInfo:
        crypto = self.ctx.crypto
        return crypto.accept_trust(
            trust_bytes,
            current=None,
            pinned_root=crypto.own_root(trust_bytes),
            now=self.ctx.trust_clock(None),
        )

    def online(self, server_url: str, code: str) -> dict[str, Any]:
        """Enrol with a one-time code: keys made here, the MACed answer pins the trust file."""
        c = self.ctx
        # the clerk is waiting at the dialog: say what is wrong quickly, no long retries; the
        # address is checked first (the first field of the dialog), then the code's form
        with c.crypto.connect(server_url, c.policy.link(background=True)) as transport:
            keys = self._ensure_keys()
            request = c.crypto.enrol_request(
                keys, code=code, unit=c.unit(), device_id=c.device_id()
            )
            answer = transport.enrol(request)
        trust = self._first_trust(c.crypto.check_enrol_response(answer, code=code))
        self._save(trust, server_url=server_url, how="online", request=None)
        return {"unit": c.unit(), "device": c.device_id(), "trust_version": trust.version}

    def by_file(self, path: str, request_out: str | None = None) -> dict[str, Any]:
        """Enrol from the enrolment file: pin its trust file, write the request to carry up."""
        c = self.ctx
        info = c.crypto.read_enrolment_file(c.crypto.read_file(path))
        if info["unit"] != c.unit():
            raise DomainError("E_ENROL_FORMAT", what="unit", unit=info["unit"], ours=c.unit())
        keys = self._ensure_keys()
        trust = self._first_trust(info["trust"].encode("utf-8"))
        request = c.crypto.enrol_request(
            keys, code=info["code"], unit=c.unit(), device_id=c.device_id()
        )
        written = c.crypto.write_file(request_out or str(path) + ".request.json", request)
        self._save(trust, server_url=info["server_url"], how="file", request=request)
        return {
            "unit": c.unit(),
            "device": c.device_id(),
            "trust_version": trust.version,
            "request_file": written,
        }

    def accept_trust(self, data: bytes) -> bool:
        """Take a newer trust file (checked against the current one). True if it changed."""
        c = self.ctx
        enr = c.enrolment()
        trust = c.crypto.accept_trust(
            data, current=enr["trust"], pinned_root=None, now=c.trust_clock(enr)
        )
        if trust.version == enr["trust_version"]:
            return False
        with c.store.transaction() as tx:
            tx.execute(
                "UPDATE sync_enrolment SET trust = ?, trust_version = ? WHERE id = 1",
                (trust.text, trust.version),
            )
            c.log(tx, "trust", None, version=trust.version)
        return True
