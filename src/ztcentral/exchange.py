"""The lean exchange at the centre (protocol 2): ``POST /v2/exchange`` in, one answer out.

The request (ztprotocol.exchange: a hello and the device's new bundles) goes through exactly
the path every bundle takes (:meth:`Central.process`), so exactly once holds as before. The
answer carries, within the byte budget the device asked for: the outcome of each bundle sent,
what the server knows of the bundles the device still awaits (applied, held, unknown …), their
receipt parts (DZR2: outcomes and codes only), the trust file when the device's version is
older, and the downlink bundles after the device's downlink sequence. ``more`` says there is
more than the budget allowed; the device asks again.
"""

from __future__ import annotations

from typing import Any

from ztcentral import feed
from ztcentral.downlink import fetch_down
from ztcentral.receipt_parts import known_state, parts_for
from ztcentral.service import Central
from ztcentral.storage import event, now_iso
from ztcentral.uploads import check_sender
from ztprotocol.bundle import bundle_hash
from ztprotocol.canonical import canonical
from ztprotocol.codes import ProtocolError
from ztprotocol.exchange import MAX_STATE, Response, decode_request, encode_response

#: room for the hello and the framing on top of the largest bundle the server accepts
OVERHEAD = 64 * 1024
#: ops named in one resync answer (more come in the next round)
RESYNC_OPS = 2000
RESYNC_ANCHORS = 64  # audit heads sent back in a record (a restore older than this is a fork)


def max_request(central: Central) -> int:
    return central.max_bundle + OVERHEAD


def _out_of_step(central: Central, hello: Any, dev: dict[str, Any]) -> dict[str, Any] | None:
    """The centre's record of a device that asks for it, or whose next sequence number the
    centre has applied already (restored from an old backup: its new ops would fork).

    ``ops`` names, by sequence number, the ops the centre holds after the device's watermark
    (the device marks those of its own synced and sends the rest after the centre's head); the
    device's own changes it no longer holds come back down as records (feed.queue_own)."""
    if not hello.resync and not (hello.next and hello.next <= dev["watermark"]):
        return None
    with central.db.tx() as tx:
        ops = tx.all(
            "SELECT seq, op_id FROM applied_ops WHERE device_id = $1 AND seq > $2 ORDER BY seq "
            "LIMIT $3",
            (hello.device, hello.wm, RESYNC_OPS),
        )
        anchors = tx.all(
            "SELECT seq, head FROM audit_anchors WHERE device_id = $1 ORDER BY seq DESC LIMIT $2",
            (hello.device, RESYNC_ANCHORS),
        )
    if hello.have < dev["watermark"]:
        feed.queue_own(central, hello.device, hello.have)
    with central.db.tx() as tx:
        event(tx, "device.resync", device_id=hello.device, next=hello.next, have=hello.have)
    return {
        "watermark": dev["watermark"],
        "last_hash": dev["last_hash"],
        "ops": [[r["seq"], r["op_id"]] for r in ops],
        # the audit heads anchored last, newest first: the device continues from one it still
        # holds (a restored device declares the branch: audit_anchor.py)
        "anchors": [[r["seq"], r["head"]] for r in anchors],
    }


def exchange(central: Central, body: bytes, device_id: str) -> bytes:
    """Answer one exchange of the device that signed the request (``device_id``)."""
    hello, bundles = decode_request(body, max_bytes=max_request(central))
    if hello.device != device_id:  # a device speaks for itself only
        raise ProtocolError("E_DEVICE_KEY_MISMATCH", device=hello.device)
    for data in bundles:  # and sends only bundles signed by its own keys
        check_sender(central, device_id, data)
    with central.db.tx() as tx:
        dev = tx.one("SELECT * FROM devices WHERE device_id = $1", (hello.device,))
    if dev is None:
        raise ProtocolError("E_DEVICE_UNKNOWN", device=hello.device)
    if dev["status"] == "revoked":
        raise ProtocolError("E_DEVICE_REVOKED", device=hello.device)
    results: list[dict[str, Any]] = []  # one per bundle sent, in order (no hash: the order)
    answer_for: list[tuple[str, int, bool]] = []  # (bundle hash, first part wanted, asked)
    resync = _out_of_step(central, hello, dev)
    if resync is not None:  # its bundles would replay or fork: the centre's record first
        results = [{"status": "resync"} for _ in bundles]
        bundles = []
    for data in bundles:
        out = central.process(data)
        result: dict[str, Any] = {"status": out.status}
        if out.code:
            result["code"] = out.code
        if out.params:
            result["params"] = out.params
        results.append(result)
        if out.status in ("applied", "held"):
            answer_for.append((bundle_hash(data), 1, False))
    answer_for += [(u[0], max(1, u[3]), True) for u in hello.unacked]

    resp = Response(state={})
    budget, used, more = hello.budget, 0, False

    def room(n: int) -> bool:
        """Within the budget; the first frame always goes (an answer must move forward)."""
        nonlocal used, more
        if used and used + n > budget:
            more = True
            return False
        used += n
        return True

    known: dict[str, str] = {}
    with central.db.tx() as tx:
        for sha, first, asked in answer_for:
            if asked:
                known[sha] = known_state(tx, sha)
            for part in (parts_for(central, tx, sha) or [])[first - 1 :]:
                if not room(len(part)):
                    break
                resp.receipts.append(part)
        trust_version = int(tx.scalar("SELECT value FROM meta WHERE key = 'trust_version'") or 0)
        if hello.trust < trust_version:
            resp.trust = str(tx.scalar("SELECT value FROM meta WHERE key = 'trust'")).encode()
            used += len(resp.trust)
    feed.queue_for(central, hello.device)  # what the unit's other devices changed
    after = hello.down
    while not more:
        data = fetch_down(central, hello.device, after)
        if data is None or not room(len(data)):
            break
        resp.down.append(data)
        after += 1
    with central.db.tx() as tx:
        dev = tx.one("SELECT * FROM devices WHERE device_id = $1", (hello.device,))
        held = tx.all(
            "SELECT seq_from, seq_to FROM bundles WHERE device_id = $1 AND state = 'held' "
            "ORDER BY seq_from",
            (hello.device,),
        )
    resp.state = {
        "v": 1,
        "server_time": now_iso(),
        "trust_version": trust_version,
        "watermark": dev["watermark"],
        "down_seq": dev["down_seq"],
        "held": [[h["seq_from"], h["seq_to"]] for h in held],
        "max_bundle_bytes": central.max_bundle,
        "results": results,
        "known": known,
        "more": more,
    }
    if resync is not None:
        resp.state["resync"] = resync
        _fit(resp.state)
    return encode_response(resp)


def _fit(state: dict[str, Any]) -> None:
    """The answer's state has a ceiling the device enforces (``MAX_STATE``): 2,000 op ids
    (~92 KB) passed it, and a device restored from a backup older than ~1,400 of its synced
    ops was refused the centre's record on every sync (QA, 2026-12-02). The record then names
    fewer ops; the device sends the rest again and the centre knows them by their ids
    (``duplicate``), so nothing is applied twice."""
    ops = state["resync"]["ops"]
    while ops and len(canonical(state)) > MAX_STATE:
        del ops[max(1, len(ops) * 3 // 4) :]
