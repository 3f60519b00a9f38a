"""``ztcentral status``: the server at a glance, problems first.

A problem is something a person should look at: bundles in quarantine (by code and by source:
a fork, a revoked device, keys nobody enrolled, a broken audit chain), bundles held waiting for
missing ones, uploads that stopped, a data folder others can read, a trust file close to
expiry, a schema behind the code. Each has a code, the figures, and what to run next; ``--json``
gives the same to a monitoring script.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ztcentral import audit_anchor, localtime
from ztcentral.private import too_wide
from ztcentral.service import Central
from ztcentral.storage import status_report

TRUST_WARN_DAYS = 30


def _quarantine_summary(rows: list[dict]) -> list[dict[str, Any]]:
    groups: dict[tuple[str, str], dict[str, Any]] = defaultdict(
        lambda: {"count": 0, "bytes": 0, "reviewed": 0}
    )
    for q in rows:
        g = groups[(q["code"], q.get("source") or "unknown")]
        g["count"] += 1
        g["bytes"] += int(q["size"])
        g["reviewed"] += 1 if q["reviewed"] else 0
        g["newest"] = max(g.get("newest", ""), q["received_at"])
    return [{"code": c, "source": s, **g} for (c, s), g in sorted(groups.items())]


def status_with_problems(central: Central, data_dir: Path | None) -> dict[str, Any]:
    rep = status_report(central.db)
    with central.db.tx() as tx:
        open_uploads = tx.all(
            "SELECT upload_id, device_id, size, created_at, touched_at FROM uploads "
            "ORDER BY touched_at"
        )
        rep["quarantine"] = tx.all(
            "SELECT sha256, kid, device_id, source, code, size, received_at, reviewed "
            "FROM quarantine ORDER BY received_at"
        )
        evicted = tx.scalar("SELECT count(*) AS n FROM events WHERE kind = 'quarantine.evict'")
        trust_text = tx.scalar("SELECT value FROM meta WHERE key = 'trust'")
        rep["audit_rollbacks"] = audit_anchor.rollbacks(tx)
    rep["uploads"] = open_uploads
    problems: list[dict[str, Any]] = []
    summary = _quarantine_summary(rep["quarantine"])
    rep["quarantine_summary"] = summary
    for g in summary:
        if g["count"] > g["reviewed"]:
            problems.append({"what": "quarantine", **g})
    if evicted:
        problems.append({"what": "quarantine_evicted", "count": int(evicted)})
    for h in rep["held"]:
        problems.append({"what": "held", **h})
    for r in rep["audit_rollbacks"]:  # a restore is allowed, never silent
        problems.append({"what": "audit_rollback", **r})
    hours = central.limits.upload_expiry_hours
    for u in open_uploads:
        if _age_hours(u["touched_at"]) > 24:
            problems.append({"what": "upload_stalled", "expires_after_hours": hours, **u})
    if data_dir is not None:
        for item in too_wide(data_dir):
            problems.append({"what": "permissions", "path": item})
    if trust_text:
        from ztprotocol.trust import parse_trust

        expires = parse_trust(trust_text.encode())[0].expires
        days = (expires - datetime.now(UTC)).days
        if days < TRUST_WARN_DAYS:
            stamp = expires.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            problems.append({"what": "trust_expiring", "days": days, "expires": stamp})
    sv = rep["schema"]
    if sv["version"] < sv["latest"]:
        problems.append({"what": "schema_behind", **sv})
    rep["problems"] = problems
    return rep


def _age_hours(iso: str) -> float:
    try:
        then = datetime.strptime(iso[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return 0.0
    return (datetime.now(UTC) - then).total_seconds() / 3600


_TEXT = {
    "quarantine": "隔离待审 quarantined: {count} × {code} from {source} ({bytes} bytes, "
    "newest {newest}) — ztcentral quarantine",
    "quarantine_evicted": "隔离区已满时淘汰 evicted when the quarantine was full: {count} "
    "(events 'quarantine.evict')",
    "held": "暂存等待 held: device {device_id} #{seq_from}-{seq_to} since {received_at}",
    "audit_rollback": "审计记录回退 audit trail rolled back: device {device_id} (unit {unit}) "
    "continued from anchored entry #{branch_seq} (restored from a backup); anchored entries "
    "#{dropped_from}-{dropped_to} replaced, at {at}",
    "upload_stalled": "上传停滞 upload stalled: device {device_id}, {size} bytes, last part "
    "{touched_at} (expires after {expires_after_hours} h)",
    "permissions": "权限过宽 readable by others: {path} — chmod 700 folders / 600 files",
    "trust_expiring": "信任文件将过期 trust file expires in {days} days ({expires}) — "
    "ztcentral rotate-keys",
    "schema_behind": "数据库结构落后 schema {version} of {latest} — ztcentral migrate",
}


#: the problems' stored UTC stamps, printed in the committee's local time (``--json`` keeps them)
_TIMES = ("newest", "received_at", "at", "touched_at", "expires")


def print_status(rep: dict[str, Any], data_dir: Path | None) -> None:
    """The report for a person: every time in the committee's local time, labelled with its
    zone (ztcentral.localtime), as the console shows it."""
    sv = rep["schema"]
    print(
        f"ztcentral {data_dir or ''} — {sv['database']}, schema {sv['version']} of {sv['latest']}"
    )
    revoked = sum(1 for d in rep["devices"] if d["status"] == "revoked")
    print(f"units {len(rep['units'])}, devices {len(rep['devices'])} ({revoked} revoked)")
    problems = rep["problems"]
    print(f"problems 需要处理: {len(problems) or 'none 无'}")
    for p in problems:
        local = {k: localtime.labelled(str(p[k])) for k in _TIMES if p.get(k)}
        print("  ! " + _TEXT[p["what"]].format_map(_Blank(p, **local)))
    for u in rep["units"]:
        counts = ", ".join(f"{k} {v}" for k, v in u["counts"].items())
        print(f"unit {u['code']}: {counts}")
    for d in rep["devices"]:
        print(
            f"  device {d['device_id']} ({d['unit']}, {d['status']}): applied through "
            f"#{d['watermark']}, downlink #{d['down_seq']}"
        )
    for n in rep.get("notices", []):
        state = f"read {localtime.labelled(n['read_at'])}" if n["read_at"] else "unread"
        answer = f" — {n['feedback']}" if n["feedback"] else ""
        print(f"notice {n['title']} → {n['unit']}: {state}{answer}")


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "—"
