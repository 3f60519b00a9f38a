"""A unit's name, shown beside its code by the console's pages and the report (docs/console.md).

The centre learns a unit's name from two sources:

* the committee's own entry — the 单位名称 of the console's enrolment form, or
  ``ztcentral enroll-unit --unit-name`` — kept in ``units.name`` (a unit made without one has
  its code there, as it always had);
* the name the clerk gave the unit on the first run, sent up with the unit's first bundle as its
  root organisation (the ``org`` record without a parent).

The committee's entry wins: a device never overwrites it. Where the committee entered none, the
device's name is shown; where both exist and differ, the unit's page shows the device's beside it,
so that the committee sees the difference and decides (更正单位名称 on the unit's page, or enter
the name again in 登记, to change it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ztcentral.db import Tx


@dataclass(frozen=True)
class UnitName:
    code: str
    entered: str = ""  # the committee's own entry ("" when none)
    reported: str = ""  # the name the unit's device sent ("" when none)

    @property
    def name(self) -> str:
        """The name to show beside the code ("" when neither source has one)."""
        return self.entered or self.reported

    @property
    def title(self) -> str:
        """A heading: the name, or the code where no name is known."""
        return self.name or self.code

    @property
    def label(self) -> str:
        """One cell naming the unit: its code and its name."""
        return f"{self.code} {self.name}".strip()

    @property
    def differs(self) -> bool:
        return bool(self.entered and self.reported and self.entered != self.reported)


def _reported(tx: Tx, code: str | None) -> dict[str, str]:
    """Per unit, the name of its root organisation as its device sent it (the one carrying the
    unit's code when a unit sent more than one)."""
    where, args = ("AND unit = $1", (code,)) if code is not None else ("", ())
    found: dict[str, tuple[bool, str, str]] = {}
    for r in tx.all(
        f"SELECT unit, id, data FROM records WHERE entity = 'org' AND voided = 0 {where}", args
    ):
        try:
            org = json.loads(r["data"])
        except ValueError:
            continue
        name = str(org.get("name") or "").strip() if isinstance(org, dict) else ""
        if not name or org.get("parent_id"):
            continue
        key = (str(org.get("code") or "") != r["unit"], str(r["id"]), name)
        if r["unit"] not in found or key < found[r["unit"]]:
            found[r["unit"]] = key
    return {unit: key[2] for unit, key in found.items()}


def unit_names(tx: Tx, code: str | None = None) -> dict[str, UnitName]:
    """Every unit's names (or the one unit's), keyed by its code."""
    where, args = ("WHERE code = $1", (code,)) if code is not None else ("", ())
    reported = _reported(tx, code)
    out = {}
    for r in tx.all(f"SELECT code, name FROM units {where} ORDER BY code", args):
        entered = str(r["name"] or "").strip()
        out[r["code"]] = UnitName(
            r["code"], "" if entered == r["code"] else entered, reported.get(r["code"], "")
        )
    return out


def label(names: dict[str, UnitName], code: str | None) -> str:
    """A unit's code and name for one cell; a code the centre does not know, as it is."""
    if not code:
        return ""
    known = names.get(code)
    return known.label if known is not None else code
