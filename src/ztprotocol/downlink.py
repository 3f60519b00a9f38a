"""Client side of the downlink: open a central → device bundle and check its chain.

The device keeps ``down_seq`` and ``down_prev`` (hash of the last downlink bundle applied) in
its store; each downlink bundle must be exactly the next one. Update the trust file first
(docs/sync-protocol.md §6): the signing keys accepted here are the trust file's.
"""

from __future__ import annotations

import base64
from typing import Any

from ztprotocol.bundle import Header, KeyInfo, KeyLookup, open_bundle
from ztprotocol.codes import BundleRejected
from ztprotocol.keys import DeviceKeys
from ztprotocol.trust import TrustFile

CENTRAL_DEVICE = "central"


def central_key_lookup(trust: TrustFile, unit: str) -> KeyLookup:
    """Key lookup answering the central signing keys of ``trust`` (revoked ones excluded)."""
    keys = trust.central_sign_keys()

    def lookup(kid: str) -> KeyInfo | None:
        pub = keys.get(kid)
        return KeyInfo(CENTRAL_DEVICE, pub, unit=unit) if pub is not None else None

    return lookup


def open_downlink(
    data: bytes,
    *,
    trust: TrustFile,
    device_keys: DeviceKeys,
    unit: str,
    down_seq: int,
    down_prev: str,
) -> tuple[Header, list[dict[str, Any]]]:
    """Verify, decrypt and chain-check a downlink bundle (or a USB acknowledgement).

    Raises BundleRejected: the envelope codes of ``open_bundle`` (``E_BUNDLE_OTHER_UNIT`` for
    a file the centre made for another unit), then ``E_BUNDLE_REPLAY``
    (already applied: skip it), ``E_BUNDLE_GAP`` (an earlier one is missing: ask for
    ``down_seq + 1``), ``E_BUNDLE_REORDER`` (does not chain to the last one applied).
    """
    try:
        header, items = open_bundle(
            data, key_lookup=central_key_lookup(trust, unit), central_private_key=device_keys.enc
        )
    except BundleRejected as exc:
        # the centre's own key on a bundle for another unit: a file picked up by mistake, not a
        # forged key (the centre signs every unit's downlink with the same key)
        other = exc.params.get("unit")
        if exc.code == "E_DEVICE_KEY_MISMATCH" and exc.params.get("device") == CENTRAL_DEVICE:
            raise BundleRejected("E_BUNDLE_OTHER_UNIT", unit=other, own=unit) from None
        raise
    if header.kind != "down":
        raise BundleRejected("E_BUNDLE_PAYLOAD", what="kind")
    if header.seq_to <= down_seq:
        raise BundleRejected("E_BUNDLE_REPLAY", down_seq=down_seq)
    if header.seq_from > down_seq + 1:
        raise BundleRejected("E_BUNDLE_GAP", missing=[down_seq + 1, header.seq_from - 1])
    if header.prev != down_prev:
        raise BundleRejected("E_BUNDLE_REORDER")
    return header, items


def receipts_in(items: list[dict[str, Any]]) -> list[bytes]:
    """The DZR1 receipts carried by a downlink bundle (USB acknowledgements)."""
    out = []
    for item in items:
        if item.get("type") == "receipt" and isinstance(item.get("body"), dict):
            try:
                out.append(base64.b64decode(item["body"]["receipt"], validate=True))
            except (KeyError, ValueError, TypeError):
                continue  # a malformed item is skipped; the receipt check is what matters
    return out


def trust_files_in(items: list[dict[str, Any]]) -> list[bytes]:
    return [
        item["body"]["trust"].encode("utf-8")
        for item in items
        if item.get("type") == "trust"
        and isinstance(item.get("body"), dict)
        and isinstance(item["body"].get("trust"), str)
    ]
