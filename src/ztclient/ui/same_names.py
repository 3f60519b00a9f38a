"""Two people with the same name in one list (the demo's two 李峰; real units have them too):
each is named with the last four characters of the ID number, as the roster's masked 身份证
(3201**********4203) shows them; without an ID number, with the organisation if that differs.
A name nobody else in the list has stays as it is."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from ztclient.ui.i18n import translate


def duplicated(rows: Iterable[Mapping[str, Any]]) -> set[str]:
    """The names found more than once."""
    counts = Counter(r["name"] for r in rows)
    return {name for name, n in counts.items() if n > 1}


def label(row: Mapping[str, Any], same: set[str], id_number: str | None = None) -> str:
    """``row``'s name as a list shows it; ``same`` from :func:`duplicated` over that list."""
    name = row["name"]
    if name not in same:
        return name
    number = id_number if id_number is not None else row.get("id_number")
    if number:
        return translate("SameNames", "{name}（身份证尾号{tail}）").format(
            name=name, tail=number[-4:]
        )
    if row.get("org_name"):
        return translate("SameNames", "{name}（{org}）").format(name=name, org=row["org_name"])
    return name


def labelled(rows: list[dict[str, Any]], numbers: Mapping[str, str | None] | None = None,
             id_key: str = "id") -> list[dict[str, Any]]:  # fmt: skip
    """Set ``label`` on each row (``numbers``: id → ID number, when the rows lack it)."""
    same = duplicated(rows)
    for r in rows:
        number = (numbers or {}).get(r[id_key]) if numbers is not None else None
        r["label"] = label(r, same, number)
    return rows
