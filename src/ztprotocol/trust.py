"""The trust file (trust.json): versioned, expiring, root-signed; pins central keys (TUF-like).

Wire form (canonical JSON)::

    {"signatures": [{"kid": hex32, "sig": b64}], "signed": {...}}
    sig = Ed25519(root key, "DZT1/sig\\0" ‖ canonical(signed))

``signed`` = ``{"v":1, "type":"trust", "version":N, "issued":iso, "expires":iso,
"root":{"threshold":t, "keys":{kid: pub_b64}}, "central":{"sign":{kid: pub_b64},
"enc":{kid: pub_b64}}, "revoked":[kid, ...], "server_url": str}``.

A newer version is accepted only when signed by a threshold of the **current** root keys and a
threshold of its **own** root keys (root rotation N→N+1 needs both the old and the new keys);
a lower version is a rollback; an expired file is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ed25519, x25519

from ztprotocol.canonical import NotCanonical, canonical, parse_strict
from ztprotocol.codes import TrustRejected
from ztprotocol.keys import b64, kid_hex, unb64
from ztprotocol.suites import ed25519_raw, key_id, verify_ed25519, x25519_raw

SIG_DOMAIN = b"DZT1/sig\0"
MAX_TRUST = 256 * 1024
SIGNED_KEYS = frozenset(
    {"v", "type", "version", "issued", "expires", "root", "central", "revoked", "server_url"}
)


def _iso(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_time(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


@dataclass(frozen=True)
class TrustFile:
    """A parsed trust file: :meth:`build`, :meth:`sign`, then :func:`verify_trust`."""

    signed: dict[str, Any]
    raw: bytes = b""

    @classmethod
    def build(
        cls,
        *,
        version: int,
        expires: datetime,
        root_keys: list[ed25519.Ed25519PublicKey],
        central_sign: list[ed25519.Ed25519PublicKey],
        central_enc: list[x25519.X25519PublicKey],
        threshold: int = 1,
        revoked: list[str] | None = None,
        server_url: str = "",
        issued: datetime | None = None,
    ) -> TrustFile:
        signed = {
            "v": 1,
            "type": "trust",
            "version": version,
            "issued": _iso(issued or datetime.now(UTC)),
            "expires": _iso(expires),
            "root": {
                "threshold": threshold,
                "keys": {kid_hex(k): b64(ed25519_raw(k)) for k in root_keys},
            },
            "central": {
                "sign": {kid_hex(k): b64(ed25519_raw(k)) for k in central_sign},
                "enc": {kid_hex(k): b64(x25519_raw(k)) for k in central_enc},
            },
            "revoked": sorted(revoked or []),
            "server_url": server_url,
        }
        _check_signed(signed)
        return cls(signed)

    def sign(self, root_private_keys: list[ed25519.Ed25519PrivateKey]) -> bytes:
        """Sign with each key given (old and new root keys for a rotation)."""
        msg = SIG_DOMAIN + canonical(self.signed)
        sigs = sorted(
            ({"kid": kid_hex(k.public_key()), "sig": b64(k.sign(msg))} for k in root_private_keys),
            key=lambda s: s["kid"],
        )
        return canonical({"signatures": sigs, "signed": self.signed})

    # -- views ---------------------------------------------------------------------------
    @property
    def version(self) -> int:
        return self.signed["version"]

    @property
    def expires(self) -> datetime:
        return _parse_time(self.signed["expires"])

    @property
    def root_kids(self) -> set[str]:
        return set(self.signed["root"]["keys"])

    @property
    def revoked(self) -> set[str]:
        return set(self.signed["revoked"])

    def central_sign_keys(self) -> dict[str, ed25519.Ed25519PublicKey]:
        """Central signing keys (receipts, downlink bundles), minus revoked ones."""
        return {
            kid: ed25519.Ed25519PublicKey.from_public_bytes(unb64(pub, 32))
            for kid, pub in self.signed["central"]["sign"].items()
            if kid not in self.revoked
        }

    def central_enc_keys(self) -> dict[str, x25519.X25519PublicKey]:
        return {
            kid: x25519.X25519PublicKey.from_public_bytes(unb64(pub, 32))
            for kid, pub in self.signed["central"]["enc"].items()
            if kid not in self.revoked
        }

    def current_enc_key(self) -> x25519.X25519PublicKey:
        """The central key to seal new uplink bundles to. The server lists exactly one; keys
        from before a rotation stay only in its own key store, to open bundles in flight."""
        keys = self.central_enc_keys()
        return next(iter(keys.values()))


def parse_trust(data: bytes) -> tuple[TrustFile, list[dict[str, str]]]:
    """Structure only (no signature check): (trust file, signatures)."""
    if len(data) > MAX_TRUST:
        raise TrustRejected("E_TRUST_FORMAT", what="size")
    try:
        obj = parse_strict(data)
    except NotCanonical as exc:
        raise TrustRejected("E_TRUST_FORMAT", what=str(exc)[:80]) from exc
    if not isinstance(obj, dict) or set(obj) != {"signatures", "signed"}:
        raise TrustRejected("E_TRUST_FORMAT", what="envelope")
    sigs = obj["signatures"]
    if not isinstance(sigs, list) or not all(
        isinstance(s, dict)
        and set(s) == {"kid", "sig"}
        and all(isinstance(v, str) for v in s.values())
        for s in sigs
    ):
        raise TrustRejected("E_TRUST_FORMAT", what="signatures")
    _check_signed(obj["signed"])
    return TrustFile(obj["signed"], data), sigs


def _count_valid(signed: dict[str, Any], sigs: list[dict[str, str]], keys: dict[str, str]) -> int:
    msg = SIG_DOMAIN + canonical(signed)
    good: set[str] = set()  # each key counts once towards the threshold
    for s in sigs:
        if s["kid"] in keys and s["kid"] not in good:
            try:
                pub = ed25519.Ed25519PublicKey.from_public_bytes(unb64(keys[s["kid"]], 32))
                if verify_ed25519(pub, unb64(s["sig"], 64), msg):
                    good.add(s["kid"])
            except ValueError:
                continue
    return len(good)


def verify_trust(
    data: bytes,
    *,
    current: TrustFile | None = None,
    pinned_root: dict[str, str] | None = None,
    now: datetime | None = None,
) -> TrustFile:
    """Accept ``data`` as the new trust file or raise :class:`TrustRejected`.

    First install: pass ``pinned_root`` (kid → pub from the enrolment file or the build).
    Update: pass ``current``. ``now`` should be ``max(local clock, last server time seen)``.
    """
    new, sigs = parse_trust(data)
    own = new.signed["root"]
    if _count_valid(new.signed, sigs, own["keys"]) < own["threshold"]:
        raise TrustRejected("E_TRUST_SIGNATURE", which="new root")
    if current is not None:
        if new.version < current.version:
            raise TrustRejected("E_TRUST_ROLLBACK", have=current.version, got=new.version)
        if new.version == current.version and new.signed != current.signed:
            raise TrustRejected("E_TRUST_ROLLBACK", have=current.version, got=new.version)
        old = current.signed["root"]
        if _count_valid(new.signed, sigs, old["keys"]) < old["threshold"]:
            raise TrustRejected("E_TRUST_SIGNATURE", which="current root")
    elif pinned_root is not None:
        if _count_valid(new.signed, sigs, pinned_root) < own["threshold"]:
            raise TrustRejected("E_TRUST_SIGNATURE", which="pinned root")
    else:
        raise TrustRejected("E_TRUST_SIGNATURE", which="no anchor")
    if new.expires <= (now or datetime.now(UTC)):
        raise TrustRejected("E_TRUST_EXPIRED", expires=new.signed["expires"])
    return new


def _check_signed(s: Any) -> None:
    def bad(what: str) -> TrustRejected:
        return TrustRejected("E_TRUST_FORMAT", what=what)

    if not isinstance(s, dict) or set(s) != SIGNED_KEYS or s["type"] != "trust" or s["v"] != 1:
        raise bad("keys")
    if type(s["version"]) is not int or s["version"] < 1:
        raise bad("version")
    try:
        _parse_time(s["issued"])
        _parse_time(s["expires"])
    except (TypeError, ValueError) as exc:
        raise bad("time") from exc
    root, central = s["root"], s["central"]
    if not isinstance(root, dict) or set(root) != {"threshold", "keys"}:
        raise bad("root")
    if type(root["threshold"]) is not int or not 1 <= root["threshold"] <= len(root["keys"] or {}):
        raise bad("threshold")
    if not isinstance(central, dict) or set(central) != {"sign", "enc"}:
        raise bad("central")
    for keys in (root["keys"], central["sign"], central["enc"]):
        if not isinstance(keys, dict):
            raise bad("key map")
        for kid, pub in keys.items():
            try:
                raw = unb64(pub, 32)
            except ValueError as exc:
                raise bad("key") from exc
            if kid != key_id(raw).hex():  # a kid must name exactly its key
                raise bad("kid")
    if not central["enc"] or not central["sign"]:
        raise bad("central keys")
    if not isinstance(s["revoked"], list) or not all(isinstance(k, str) for k in s["revoked"]):
        raise bad("revoked")
    if not isinstance(s["server_url"], str):
        raise bad("server_url")
