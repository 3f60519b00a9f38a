"""Publishing a new trust file: after a revocation or a rotation of central keys.

Each publication is version N+1, signed by the root key (and the previous root key when the
root itself rotates), stored as the current trust file and queued as a ``trust`` downlink item
for every unit, so devices pick it up over HTTP or in the next USB acknowledgement.
"""

from __future__ import annotations

import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ed25519, x25519

from ztcentral.service import Central
from ztcentral.storage import event, meta_get, meta_set
from ztprotocol.trust import parse_trust


def publish_trust(
    central: Central,
    *,
    keys_dir: Path | None = None,
    revoke_kids: list[str] | None = None,
    rotate_enc: bool = False,
    rotate_sign: bool = False,
    rotate_root: bool = False,
) -> int:
    """Make, store and queue trust version N+1; returns N+1. Keys are saved first when rotated."""
    keys = central.keys
    with central.db.tx() as tx:
        current = parse_trust(meta_get(tx, "trust").encode())[0]
    old_roots = []
    if rotate_enc:  # the old enc key stays in the key file: bundles sealed to it still open
        keys.enc.insert(0, x25519.X25519PrivateKey.generate())
    if rotate_sign:
        keys.sign = ed25519.Ed25519PrivateKey.generate()
    if rotate_root:
        assert keys.root is not None
        old_roots = [keys.root]
        keys.root = ed25519.Ed25519PrivateKey.generate()
    if keys_dir is not None and (rotate_enc or rotate_sign or rotate_root):
        keys.save(keys_dir)
    revoked = sorted(set(current.signed["revoked"]) | set(revoke_kids or []))
    version = current.version + 1
    data = keys.make_trust(
        version, server_url=current.signed["server_url"], revoked=revoked, old_roots=old_roots
    )
    with central.db.tx() as tx:
        meta_set(tx, "trust", data.decode("utf-8"))
        meta_set(tx, "trust_version", str(version))
        units = [r["code"] for r in tx.all("SELECT code FROM units")]
        event(
            tx,
            "trust.publish",
            ref=str(version),
            revoked=len(revoked),
            rotated=[
                n
                for n, f in (("enc", rotate_enc), ("sign", rotate_sign), ("root", rotate_root))
                if f
            ],
        )
    for unit in units:
        central.add_down_item(unit, "trust", {"trust": data.decode("utf-8")})
    return version


def revoke_and_publish(central: Central, device_id: str) -> bool:
    """Revoke a device; if the root key is at hand, publish the revocation in the trust file."""
    if not central.revoke(device_id):
        return False
    with central.db.tx() as tx:
        kids = [
            r["kid"]
            for r in tx.all("SELECT kid FROM device_keys WHERE device_id = $1", (device_id,))
        ]
    if central.keys.root is not None:
        publish_trust(central, revoke_kids=kids)
    return True


def trust_summary(central: Central) -> dict:
    with central.db.tx() as tx:
        tf = parse_trust(meta_get(tx, "trust").encode())[0]
    return json.loads(
        json.dumps(
            {
                "version": tf.version,
                "expires": tf.signed["expires"],
                "revoked": tf.signed["revoked"],
            }
        )
    )
