"""Shared keys and a reference bundle for the sync unit tests (fixture in conftest.py)."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric import x25519

from ztprotocol.bundle import GENESIS, KeyInfo, seal_bundle
from ztprotocol.keys import DeviceKeys


def make_ops(seq_from: int, seq_to: int, tag: str = "a") -> list[dict]:
    return [
        {
            "op_id": f"op-{tag}-{s}",
            "seq": s,
            "entity": "member",
            "record_id": f"m{s}",
            "op": "create",
            "base_version": None,
            "fields": {"name": "张三", "gender": "1", "phone": "13800000000"},
            "at": "2026-11-23T08:00:00Z",
        }
        for s in range(seq_from, seq_to + 1)
    ]


class World:
    def __init__(self) -> None:
        self.device = DeviceKeys.generate()
        self.other = DeviceKeys.generate()
        self.central = x25519.X25519PrivateKey.generate()
        self.revoked: set[str] = set()

    def lookup(self, kid: str) -> KeyInfo | None:
        for name, keys in (("dev-1", self.device), ("dev-2", self.other)):
            if keys.sign_kid == kid:
                return KeyInfo(name, keys.sign.public_key(), revoked=kid in self.revoked)
        return None

    def seal(self, seq_from: int = 1, seq_to: int = 3, **kw) -> bytes:
        args = dict(
            device_id="dev-1",
            unit_code="U001",
            seq_from=seq_from,
            seq_to=seq_to,
            prev_hash=GENESIS,
            audit_head="ab" * 32,
            device_signing_key=self.device.sign,
            central_public_key=self.central.public_key(),
            bundle_id="00000000-0000-4000-8000-000000000001",
            created=1795420800,
        )
        args.update(kw)
        items = kw.pop("items", None) or make_ops(seq_from, seq_to)
        args.pop("items", None)
        return seal_bundle(items, **args)
