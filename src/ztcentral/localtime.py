"""The committee's local day and time: one rule for every date the centre shows or compares.

Timestamps are stored in UTC (``…Z``, ztcentral.storage.now_iso); the records' own dates
(meetings, study logs, 党费 months) are the clerk's local dates. So "today" — for a meeting
held by today, this month's and quarter's completeness, a report's period, a device seen
today — is the committee's local date, and every stored timestamp is shown in its local time.
The zone is ``ZTCENTRAL_TZ`` or config.json ``"timezone"``, Asia/Shanghai by default (Beijing
time, no daylight saving). Between 00:00 and 08:00 Beijing time the UTC date is still
yesterday's: a page that took the UTC date would call a device synced an hour ago stale.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TZ = "Asia/Shanghai"
_configured: str | None = None


def configure(name: str | None) -> None:
    """The zone named in config.json (``ZTCENTRAL_TZ`` still wins); None for the default."""
    global _configured
    _configured = name or None


def zone() -> tzinfo:
    name = os.environ.get("ZTCENTRAL_TZ") or _configured or DEFAULT_TZ
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TZ)


def utcnow() -> datetime:
    """The clock (tests replace it with a fixed one)."""
    return datetime.now(UTC)


def now() -> datetime:
    return utcnow().astimezone(zone())


def today() -> date:
    """The committee's date now."""
    return now().date()


def parse_utc(stamp: str) -> datetime | None:
    """A stored UTC stamp (``YYYY-MM-DDTHH:MM[:SS[.ffffff]]Z``) as an aware datetime."""
    text = stamp.strip().removesuffix("Z")
    for fmt in ("%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"):
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def local_day(stamp: str | None) -> str | None:
    """The committee's date (YYYY-MM-DD) of a stored UTC stamp."""
    at = parse_utc(stamp) if stamp else None
    return at.astimezone(zone()).date().isoformat() if at else None


def shown(stamp: str | None, seconds: bool = False) -> str:
    """A stored UTC stamp in the committee's local time, ``YYYY-MM-DD HH:MM[:SS]``; a value
    that is not a stamp is shown as it is."""
    if not stamp:
        return ""
    at = parse_utc(stamp)
    if at is None:
        return stamp
    return at.astimezone(zone()).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
