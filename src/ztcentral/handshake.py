"""The handshake: what a client needs before it sends anything."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ztcentral.storage import now_iso

if TYPE_CHECKING:
    from ztcentral.service import Central


def handshake(central: Central, device_id: str | None) -> dict[str, Any]:
    """Server limits, trust version, and the device's watermark and backlog (anchors §6.9)."""
    from ztprotocol.bundle import FORMAT_VERSION

    with central.db.tx() as tx:
        trust_version = int(tx.scalar("SELECT value FROM meta WHERE key = 'trust_version'") or 0)
        dev = (
            tx.one("SELECT * FROM devices WHERE device_id = $1", (device_id,))
            if device_id
            else None
        )
        held = (
            tx.all(
                "SELECT seq_from, seq_to FROM bundles WHERE device_id = $1 AND state = 'held' "
                "ORDER BY seq_from",
                (device_id,),
            )
            if dev
            else []
        )
    out: dict[str, Any] = {
        "protocol": {"min": FORMAT_VERSION, "max": FORMAT_VERSION},
        "suites": [1],
        "server_time": now_iso(),
        "max_bundle_bytes": central.max_bundle,
        "chunk_bytes": 256 * 1024,
        "trust_version": trust_version,
        "message": None,
        "should_continue": True,
        "device": None,
    }
    if dev is not None:
        missing = [dev["watermark"] + 1, held[0]["seq_from"] - 1] if held else None
        out["device"] = {
            "device_id": dev["device_id"],
            "unit": dev["unit"],
            "state": dev["status"],
            "watermark": dev["watermark"],
            "last_hash": dev["last_hash"],
            "down_seq": dev["down_seq"],
            "held": [[r["seq_from"], r["seq_to"]] for r in held],
            "missing": missing,
        }
    return out
