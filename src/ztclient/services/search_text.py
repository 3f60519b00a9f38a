"""The normalised search line of a member: name, pinyin, initials, ID and phone numbers.

Search is a substring match over this line, so 张三 is found by "张", "三", "zhangsan", "zs",
and by the last digits of the ID or phone number (see docs/architecture.md, "The store").
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from functools import cache
from typing import Any

SEPARATOR = "\u0001"  # never typed, so a query cannot match across two parts
#: The form of the roster's sort key; lines stored in another form are rewritten at the next
#: unlock (MemberService.refresh_search). 2: the syllables apart, so 李 (li) sorts before 梁
#: (liang) and 姬 (ji) before 贾 (jia), as in a dictionary; form 1 ran them together and put
#: "liang…" before "liming".
SORT_FORMAT = "2"

# Surnames read differently from the character's common reading (曾 zēng, not céng). The name's
# sort key uses the surname reading; search accepts both readings.
SURNAME_READINGS = {
    "曾": "zeng",
    "单": "shan",
    "解": "xie",
    "仇": "qiu",
    "朴": "piao",
    "区": "ou",
    "查": "zha",
    "盖": "ge",
    "乐": "yue",
    "缪": "miao",
    "翟": "zhai",
    "覃": "qin",
    "尉": "yu",
    "种": "chong",
    "重": "chong",
    "长": "chang",
    "沈": "shen",
    "折": "she",
    "过": "guo",
    "祭": "zhai",
    "句": "gou",
    "召": "shao",
    "华": "hua",
    "任": "ren",
    "纪": "ji",
    "秘": "bi",
    "员": "yun",
    "褚": "chu",
}


@cache
def rare_readings() -> dict[str, str]:
    """Character -> toneless reading for name characters outside pypinyin's table (𠮷 ji),
    from resources/pinyin/rare_names.txt."""
    from ztclient import resources

    out: dict[str, str] = {}
    for line in resources.read_text("pinyin", "rare_names.txt").splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) == 2 and len(parts[0]) == 1:
            plain = unicodedata.normalize("NFD", parts[1])
            out[parts[0]] = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return out


def dictionary_version() -> str:
    """Changes when rare_names.txt changes: the stored search lines then need a refresh."""
    readings = rare_readings()
    return hashlib.sha256(repr(sorted(readings.items())).encode()).hexdigest()[:16]


def _unknown(chars: str) -> list[str]:
    rare = rare_readings()
    return [rare.get(c, c) for c in chars]


def _syllables(name: str) -> list[str]:
    # Imported here: pypinyin's dictionaries take ~0.6 s to load, and only edits need them.
    from pypinyin import Style, lazy_pinyin

    # pypinyin calls ``errors`` with a run of characters and accepts a list back (its docs); its
    # stub says str only.
    return lazy_pinyin(name, style=Style.NORMAL, errors=_unknown)  # type: ignore[arg-type]


def _name_syllables(name: str) -> list[str]:
    """The name's syllables, lower-case, the surname in its surname reading (曾 zeng)."""
    syllables = [s.lower() for s in _syllables(name)]
    if name and name[0] in SURNAME_READINGS and syllables:
        syllables[0] = SURNAME_READINGS[name[0]]
    return syllables


def name_pinyin(name: str) -> tuple[str, str]:
    """(full pinyin, initials) of a name, lower-case; characters without pinyin stay as they are."""
    syllables = _name_syllables(name)
    return "".join(syllables), "".join(s[0] for s in syllables if s)


def sort_key(name: str) -> str:
    """按姓氏拼音: syllable by syllable (a space sorts before every letter), then the name."""
    return f"{' '.join(_name_syllables(name))}{SEPARATOR}{name}"


def search_line(member: Mapping[str, Any]) -> tuple[str, str]:
    """(search text, sort key) for a member row."""
    name = member.get("name") or ""
    full, initials = name_pinyin(name)
    common = _syllables(name)
    alt_full = "".join(common).lower()
    parts = [
        name,
        full,
        initials,
        *([alt_full, "".join(s[0] for s in common if s).lower()] if alt_full != full else []),
        (member.get("id_number") or "").lower(),
        member.get("phone") or "",
        member.get("work_unit") or "",
    ]
    return SEPARATOR.join(p for p in parts).lower(), sort_key(name)
