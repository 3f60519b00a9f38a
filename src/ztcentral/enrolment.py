"""Server side of enrolment (one-time codes, requests online or by file) and key rotation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ztcentral.service import GENESIS_HASH, Central
from ztcentral.storage import ensure_unit, event, meta_get, now_iso
from ztprotocol import enrol
from ztprotocol.codes import SyncRejected
from ztprotocol.keys import b64, check_rotation, kid_hex, unb64
from ztprotocol.suites import ed25519_raw, x25519_raw

CODE_DAYS = 14


def current_trust(central: Central) -> bytes:
    with central.db.tx() as tx:
        text = meta_get(tx, "trust")
    if text is None:
        raise RuntimeError("no trust file: run `ztcentral init` first")
    return text.encode("utf-8")


def issue_code(
    central: Central, unit: str, *, server_url: str = "", name: str = ""
) -> tuple[str, bytes]:
    """(one-time code, enrolment file bytes) for ``unit``; ``name``, when given, is the
    committee's entry of the unit's name (ztcentral.unit_names)."""
    code = enrol.new_code()
    code_id, secret = enrol.split_code(code)
    expires = (datetime.now(UTC) + timedelta(days=CODE_DAYS)).strftime("%Y-%m-%dT%H:%M:%SZ")
    with central.db.tx() as tx:
        ensure_unit(tx, unit, name[:100] or None)
        tx.run(
            "INSERT INTO enrol_codes (code_id, secret, unit, expires) VALUES ($1, $2, $3, $4)",
            (code_id, secret, unit, expires),
        )
        event(tx, "enrol.code", ref=code_id, unit=unit)
    file = enrol.make_enrolment_file(
        unit=unit, code=code, trust=current_trust(central), server_url=server_url, expires=expires
    )
    return code, file


def enrol_device(central: Central, request: bytes) -> bytes:
    """Register the device named in an enrolment request; returns the MACed response.

    The code is single-use, but the very same request may be resent (a lost response) and gets
    the same answer; a different device with a used code is refused.
    """
    req = enrol.parse_request(request)
    with central.db.tx() as tx:
        row = tx.one(
            "SELECT * FROM enrol_codes WHERE code_id = $1" + tx.for_update(), (req.code_id,)
        )
        if row is None or row["unit"] != req.unit:
            raise SyncRejected("E_ENROL_CODE")
        enrol.check_request_mac(req, row["secret"])
        if row["used_by"] is not None and row["used_by"] != req.device:
            raise SyncRejected("E_ENROL_CODE", why="used")
        if row["used_by"] is None and row["expires"] < now_iso()[:19] + "Z":
            raise SyncRejected("E_ENROL_CODE", why="expired")
        if tx.one("SELECT 1 AS x FROM devices WHERE device_id = $1", (req.device,)) is None:
            enc_raw = x25519_raw(req.enc_pub)
            tx.run(
                "INSERT INTO devices (device_id, unit, status, enrolled_at, watermark, last_hash, "
                "audit_head, down_seq, down_hash, enc_pub, enc_kid) "
                "VALUES ($1, $2, 'active', $3, 0, $4, $5, 0, $6, $7, $8)",
                (
                    req.device,
                    req.unit,
                    now_iso(),
                    GENESIS_HASH,
                    GENESIS_HASH,
                    GENESIS_HASH,
                    b64(enc_raw),
                    kid_hex(req.enc_pub),
                ),
            )
            tx.run(
                "INSERT INTO device_keys (kid, device_id, pub, status, created_at) "
                "VALUES ($1, $2, $3, 'active', $4)",
                (kid_hex(req.sign_pub), req.device, b64(ed25519_raw(req.sign_pub)), now_iso()),
            )
            tx.run(
                "UPDATE enrol_codes SET used_by = $1, used_at = $2 WHERE code_id = $3",
                (req.device, now_iso(), req.code_id),
            )
            event(tx, "device.enrol", device_id=req.device, unit=req.unit)
        secret = row["secret"]
    return enrol.make_response(
        secret=secret, unit=req.unit, device_id=req.device, trust=current_trust(central)
    )


def rotate_device_key(central: Central, statement: bytes) -> str:
    """Apply a device-key rotation signed by the old and the new key; returns the device id."""
    import json

    from cryptography.hazmat.primitives.asymmetric import ed25519

    try:
        claimed = json.loads(statement)["old_kid"]
    except (ValueError, KeyError, TypeError) as exc:
        raise SyncRejected("E_ENROL_FORMAT", what="rotation") from exc
    with central.db.tx() as tx:
        row = tx.one(
            "SELECT k.pub, k.device_id, k.status FROM device_keys k WHERE k.kid = $1",
            (str(claimed),),
        )
        if row is None:
            raise SyncRejected("E_DEVICE_UNKNOWN", kid=str(claimed))
        if row["status"] == "revoked":
            raise SyncRejected("E_DEVICE_REVOKED", kid=str(claimed))
        rot = check_rotation(
            statement, ed25519.Ed25519PublicKey.from_public_bytes(unb64(row["pub"], 32))
        )
        if rot.device != row["device_id"]:
            raise SyncRejected("E_DEVICE_KEY_MISMATCH", device=rot.device)
        new_kid = kid_hex(rot.new_sign)
        if tx.one("SELECT 1 AS x FROM device_keys WHERE kid = $1", (new_kid,)) is None:
            # the old key stays valid for bundles sealed before the rotation (not revoked)
            tx.run("UPDATE device_keys SET status = 'rotated' WHERE kid = $1", (rot.old_kid,))
            tx.run(
                "INSERT INTO device_keys (kid, device_id, pub, status, created_at) "
                "VALUES ($1, $2, $3, 'active', $4)",
                (new_kid, rot.device, b64(ed25519_raw(rot.new_sign)), now_iso()),
            )
            tx.run(
                "UPDATE devices SET enc_pub = $1, enc_kid = $2 WHERE device_id = $3",
                (b64(x25519_raw(rot.new_enc)), kid_hex(rot.new_enc), rot.device),
            )
            event(tx, "device.rotate", device_id=rot.device, old=rot.old_kid, new=new_kid)
    return rot.device
