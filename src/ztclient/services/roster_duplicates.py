"""Roster import, the suspected-duplicate step: rows that may be a person already on record or
an earlier row of the same file, where one of the two has no 公民身份号码 (old rosters often
lack it, and the ID check alone let such a row in every time the file was imported).

The rule (docs/documents.md): the same name, and then the first of 出生日期, 入党日期 that both
sides have must be the same (to the month when either was given to the month only); when
neither date is on both sides, the same 所在党支部. Two sides with different dates are two
people (王建华 born 1968 and 王建华 born 1979); two valid ID numbers are never compared here
(the ID check decides). A suspected row is listed — row, the member or row it matches and why —
and is not imported unless the clerk asks for it. One rule, for the CLI and the wizard alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ztclient.services.report_models import ImportIssue

_DATES = ("birth_date", "join_date")
_ROW_CODE = "W_IMPORT_SUSPECTED_DUPLICATE_ROW"
_MEMBER_CODE = "W_IMPORT_SUSPECTED_DUPLICATE"


def _match(a: dict[str, Any], b: dict[str, Any]) -> str | None:
    """The field on which two people of the same name agree (the reason to suspect them),
    or None when they differ or cannot be compared."""
    if a.get("id_number") and b.get("id_number"):
        return None  # two numbers: the ID check decides
    for key in _DATES:
        x, y = a.get(key), b.get(key)
        if x and y:
            n = 7 if key in a.get("_month", ()) or key in b.get("_month", ()) else 10
            return key if x[:n] == y[:n] else None
    if a.get("org_id") and a.get("org_id") == b.get("org_id"):
        return "org_id"
    return None


def suspected_duplicates(
    store: Any,
    rows: Iterable[tuple[int, dict[str, Any], set[str]]],
    column: str,
    org_name: Callable[[str | None], str],
) -> list[ImportIssue]:
    """One warning per suspected row. ``rows`` are (Excel row, fields, fields given to the
    month only) of the rows that would be written, in file order; ``column`` the name
    column's header; ``org_name`` names an organisation, existing or planned."""
    on_record: dict[str, list[dict[str, Any]]] = {}
    for m in store.read(
        "SELECT m.name, m.id_number, m.birth_date, m.join_date, m.org_id, o.name AS org"
        " FROM members m LEFT JOIN orgs o ON o.id = m.org_id WHERE m.status != 'voided'"
    ):  # a record voided as entered in error (录入错误作废) is nobody: no duplicate of it
        on_record.setdefault(m["name"], []).append(dict(m))
    earlier: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    issues: list[ImportIssue] = []
    for row, fields, month in rows:
        me = {**fields, "_month": month}
        name = fields.get("name") or ""
        issue = None
        for first, other in earlier.get(name, []):
            key = _match(me, other)
            if key:
                params = {"name": name, "first_row": first, "what": key,
                          "value": _value(key, me, org_name)}  # fmt: skip
                issue = ImportIssue(row, column, _ROW_CODE, params, "warning")
                break
        if issue is None:
            for member in on_record.get(name, []):
                key = _match(me, member)
                if key:
                    params = {"name": name, "what": key, "value": _value(key, member, org_name),
                              "org": member["org"] or ""}  # fmt: skip
                    issue = ImportIssue(row, column, _MEMBER_CODE, params, "warning")
                    break
        if issue is not None:
            issues.append(issue)
        earlier.setdefault(name, []).append((row, me))
    return issues


def _value(key: str, fields: dict[str, Any], org_name: Callable[[str | None], str]) -> str:
    if key == "org_id":
        return org_name(fields.get("org_id"))
    value = str(fields.get(key) or "")
    return value[:7] if key in fields.get("_month", ()) else value
