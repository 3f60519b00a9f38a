"""Compact receipts (DZR2) for a bundle, built from what the server already keeps.

Nothing new is stored: ``applied_ops`` has the status of every op of an applied bundle (a
duplicate has no row at its seq: its op id was applied before), ``conflicts`` names the fields
in conflict, the bundle's blob carries its audit head. Parts are signed when asked for
(Ed25519 is deterministic: the same part is the same bytes each time). Outcomes and codes
only — never a conflict's values, which go down encrypted to the device (apply.py).
"""

from __future__ import annotations

from typing import Any

from ztcentral.db import Tx
from ztcentral.service import Central
from ztprotocol.bundle import read_header_unverified
from ztprotocol.receipt2 import make_parts


def exceptions_of(tx: Tx, bundle: dict[str, Any]) -> list[tuple[int, str, str | None, dict]]:
    """The ops of an applied bundle that did not apply cleanly: (seq, status, code, params)."""
    rows = tx.all(
        "SELECT seq, op_id, status FROM applied_ops WHERE bundle_id = $1 ORDER BY seq",
        (bundle["bundle_id"],),
    )
    by_seq = {r["seq"]: r for r in rows}
    fields: dict[str, list[str]] = {}
    for c in tx.all(
        "SELECT c.op_id, c.field, c.displaced FROM conflicts c JOIN applied_ops a ON a.op_id = c.op_id "
        "WHERE a.bundle_id = $1 ORDER BY c.field",
        (bundle["bundle_id"],),
    ):
        # a record for a member voided elsewhere (apply.on_voided_member) is its own code
        voided = c["field"] == "member_id" and c["displaced"] == '"voided"'
        fields.setdefault(c["op_id"], []).append("" if voided else c["field"])
    out: list[tuple[int, str, str | None, dict]] = []
    for seq in range(bundle["seq_from"], bundle["seq_to"] + 1):
        row = by_seq.get(seq)
        if row is None:
            out.append((seq, "duplicate", "E_OP_DUPLICATE", {}))
        elif row["status"] == "conflict":
            names = sorted(set(fields.get(row["op_id"], [])) - {""})
            if names:
                out.append((seq, "conflict", "E_MERGE_CONFLICT", {"fields": names}))
            elif row["op_id"] in fields:
                out.append((seq, "conflict", "E_MEMBER_VOIDED", {"fields": ["member_id"]}))
            else:
                out.append((seq, "conflict", "E_RECORD_UNKNOWN", {}))
        elif row["status"] == "rejected":
            out.append((seq, "rejected", "E_OP_INVALID", {}))
    return out


def parts_for(central: Central, tx: Tx, sha: str) -> list[bytes] | None:
    """Every part of the receipt for the bundle with this hash; None if the server never
    received it (or refused it before it was kept)."""
    bundle = tx.one(
        "SELECT b.*, d.watermark AS dev_watermark, d.last_hash FROM bundles b "
        "JOIN devices d ON d.device_id = b.device_id WHERE b.sha256 = $1",
        (sha,),
    )
    if bundle is None or bundle["state"] not in ("applied", "held"):
        return None
    try:
        audit = read_header_unverified(central.blobs.get(sha))["audit_head"]
    except (OSError, ValueError):
        audit = "0" * 64
    common = {
        "bundle_hash": sha,
        "device": bundle["device_id"],
        "seq_from": bundle["seq_from"],
        "seq_to": bundle["seq_to"],
        "received_at": bundle["received_at"],
        "audit_head": audit,
        "signing_key": central.keys.sign,
    }
    if bundle["state"] == "held":
        w = bundle["dev_watermark"]
        return make_parts(
            status="held",
            code="E_BUNDLE_GAP",
            watermark=w,
            missing=[w + 1, bundle["seq_from"] - 1] if bundle["seq_from"] > w + 1 else None,
            exceptions=[],
            **common,
        )
    return make_parts(
        status="applied",
        code=None,
        watermark=bundle["seq_to"],
        missing=None,
        exceptions=exceptions_of(tx, bundle),
        **common,
    )


def known_state(tx: Tx, sha: str) -> str:
    """What the server knows of a bundle by its hash: applied / held / quarantined /
    rejected / unknown (never received, or refused before it was kept)."""
    row = tx.one("SELECT state FROM bundles WHERE sha256 = $1", (sha,))
    if row is not None:
        return str(row["state"])
    if tx.one("SELECT 1 AS x FROM quarantine WHERE sha256 = $1", (sha,)) is not None:
        return "quarantined"
    return "unknown"
