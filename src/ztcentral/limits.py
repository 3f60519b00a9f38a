"""How much one device, one address or the quarantine may hold or try (config ``limits``).

The numbers are for a county or city committee's server with a few hundred devices: generous
for a clerk on a poor link, small enough that a stolen device key or a script cannot fill the
disk. Each can be changed in ``config.json`` under ``"limits"`` (docs/central-deployment.md).

* **Per-device quota** on what the server holds *for* a device that is not yet part of the
  records: announced sizes of open uploads, held (backlog) bundles, quarantined bundles not yet
  reviewed (a device whose quarantine fills its quota waits for a person to look).
  Applied bundles are the archive and do not count (rate of legitimate work is not limited).
* **Open uploads** per device, and **expiry** of an upload that has not moved for a week.
* **Quarantine cap** (bytes and items), with eviction by source (quarantine_cap.py).
* **Enrolment attempts**: failures per code id and per address in a window (enrol_limits.py).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from ztprotocol.codes import SyncRejected

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    device_quota_bytes: int = 64 * MiB
    open_uploads_per_device: int = 4
    upload_expiry_hours: int = 7 * 24
    quarantine_max_bytes: int = 512 * MiB
    quarantine_max_items: int = 5000
    enrol_failures_per_code: int = 5
    enrol_failures_per_address: int = 20
    enrol_window_seconds: int = 3600

    @classmethod
    def from_config(cls, cfg: dict[str, Any] | None) -> Limits:
        """Known keys with positive integer values; anything else is a configuration error."""
        cfg = cfg or {}
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(cfg) - names)
        if unknown:
            raise ValueError(f"unknown limits in config.json: {unknown}")
        for key, value in cfg.items():
            if type(value) is not int or value < 1:
                raise ValueError(f"limits.{key} must be a positive integer, not {value!r}")
        return cls(**cfg)


def held_for_device(central: Any, tx: Any, device_id: str) -> dict[str, int]:
    """What the server holds for a device outside its records: bytes and open uploads."""
    uploads = tx.one(
        "SELECT count(*) AS n, coalesce(sum(size), 0) AS b FROM uploads WHERE device_id = $1",
        (device_id,),
    )
    quarantined = tx.scalar(
        "SELECT coalesce(sum(size), 0) AS b FROM quarantine WHERE source = $1 AND reviewed IS NULL",
        (device_id,),
    )
    held = tx.all(
        "SELECT sha256 FROM bundles WHERE device_id = $1 AND state = 'held'", (device_id,)
    )
    held_bytes = sum(central.blobs.size(r["sha256"]) for r in held)
    return {
        "uploads": int(uploads["n"]),
        "bytes": int(uploads["b"]) + int(quarantined or 0) + held_bytes,
    }


def check_quota(central: Any, tx: Any, device_id: str, adding: int, *, upload: bool) -> None:
    """Refuse (E_DEVICE_QUOTA, 413) what would take the device over its quota."""
    limits: Limits = central.limits
    used = held_for_device(central, tx, device_id)
    if upload and used["uploads"] >= limits.open_uploads_per_device:
        raise SyncRejected(
            "E_DEVICE_QUOTA", what="uploads", used=used["uploads"],
            limit=limits.open_uploads_per_device,
        )  # fmt: skip
    if used["bytes"] + adding > limits.device_quota_bytes:
        raise SyncRejected(
            "E_DEVICE_QUOTA", what="bytes", used=used["bytes"], adding=adding,
            limit=limits.device_quota_bytes,
        )  # fmt: skip
