"""The committee's local day and time: one rule for every date the centre shows or compares.

Timestamps are stored in UTC (``…Z``, ztcentral.storage.now_iso); the records' own dates
(meetings, study logs, 党费 months) are the clerk's local dates. So "today" — for a meeting
held by today, this month's and quarter's completeness, a report's period, a device seen
today — is the committee's local date, and every stored timestamp is shown in its local time.
The zone is ``ZTCENTRAL_TZ`` or config.json ``"timezone"``, Asia/Shanghai by default (Beijing
time, no daylight saving). Between 00:00 and 08:00 Beijing time the UTC date is still
yesterday's: a page that took the UTC date would call a device synced an hour ago stale.
A name no zone database knows (a typo: ``Asia/Shanghia``) is refused (E_TIMEZONE, naming the
value and where it came from) when the data folder is opened, so neither ``ztcentral serve``
nor any other command starts; it used to be taken silently as Beijing time.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ztcentral.errors import CentralError

DEFAULT_TZ = "Asia/Shanghai"
ENV = "ZTCENTRAL_TZ"
_configured: str | None = None
_source = ""  # where the configured name was read (the config file's path)


def configure(zone_name: str | None, source: str = "config.json") -> None:
    """The zone named in config.json (``ZTCENTRAL_TZ`` still wins); None for the default.
    ``source`` is named in the refusal of an unknown name."""
    global _configured, _source
    _configured = zone_name or None
    _source = source


def name() -> str:
    """The zone's name (IANA), as the times the CLI prints and the report are labelled."""
    return os.environ.get(ENV) or _configured or DEFAULT_TZ


def zone() -> ZoneInfo:
    """The committee's zone; an unknown name raises E_TIMEZONE (never a silent default)."""
    chosen = name()
    try:
        return ZoneInfo(chosen)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        if os.environ.get(ENV):
            where = {"where": f"环境变量 {ENV}", "where_en": f"the environment variable {ENV}"}
        else:
            where = {"where": f" {_source} 的 timezone", "where_en": f"timezone in {_source}"}
        raise CentralError("E_TIMEZONE", value=chosen, **where) from exc


def check() -> None:
    """Refuse an unknown zone now (when the data folder is opened), not at the first page."""
    zone()


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


def labelled(stamp: str | None) -> str:
    """``shown`` with the zone's name, as the CLI prints a time: ``2026-03-01 06:00
    (Asia/Shanghai)``; empty for none, a value that is not a stamp as it is."""
    text = shown(stamp)
    return f"{text} ({name()})" if stamp and parse_utc(stamp) is not None else text
