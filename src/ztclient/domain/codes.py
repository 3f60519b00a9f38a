"""代码表 (code tables): gender, ethnicity, education, job, party posts … read from resources/codes.

Each table is a JSON file ``{"name", "title", "source", ["bands"], "entries": [{"code", "zh",
"en", ["aliases"], …}]}``. The data lives in files, not in code, so a clerk's office can check it
against the official lists without reading Python.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ztclient import resources
from ztclient.domain.errors import DomainError

TABLES = (
    "gender", "ethnicity", "education", "job", "party_post", "exit_kind", "absence_reason",
    "study_form", "unit_type", "lost_contact_reason", "appraisal_grade",
    "org_kind", "category", "status", "event_kind", "meeting_kind", "attendance_status",
    "resolution_kind",
    "dues_kind", "dues_way",
    "appraisal_measure",
    "development_step", "political_review_result", "activist_method",
)  # fmt: skip


def _key(text: str) -> str:
    """Fold a label for matching: NFKC (full-width → half-width), no spaces, case-folded."""
    text = unicodedata.normalize("NFKC", str(text))
    return "".join(text.split()).casefold()


@dataclass(frozen=True)
class Entry:
    """One code with its labels and any table-specific extras (letter, band, group, leader…)."""

    code: str
    zh: str
    en: str
    aliases: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def label(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh

    def get(self, key: str, default: Any = None) -> Any:
        return self.extra.get(key, default)


class CodeTable:
    """A loaded code table. Look codes up with ``label``, labels up with ``code_for``."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.name: str = doc["name"]
        self.title: dict[str, str] = doc.get("title", {})
        self.source: str = doc.get("source", "")
        self.meta: dict[str, Any] = {
            k: v for k, v in doc.items() if k not in ("name", "title", "source", "entries", "bands")
        }
        core = ("code", "zh", "en", "aliases")
        self.entries: tuple[Entry, ...] = tuple(
            Entry(
                code=e["code"],
                zh=e["zh"],
                en=e["en"],
                aliases=tuple(e.get("aliases", ())),
                extra={k: v for k, v in e.items() if k not in core},
            )
            for e in doc["entries"]
        )
        self.bands: dict[str, Entry] = {
            b["code"]: Entry(b["code"], b["zh"], b["en"]) for b in doc.get("bands", ())
        }
        self._by_code = {e.code: e for e in self.entries}
        self._by_label: dict[str, str] = {}
        # Exact labels win over derived short forms and aliases, so register them last.
        for e in self.entries:
            for alias in e.aliases:
                self._by_label.setdefault(_key(alias), e.code)
            if e.zh.endswith("族") and len(e.zh) >= 2:
                self._by_label.setdefault(_key(e.zh[:-1]), e.code)  # "汉" → 汉族
            if e.get("letter"):
                self._by_label.setdefault(_key(e.get("letter")), e.code)
        for e in self.entries:
            self._by_label[_key(e.en)] = e.code
        for e in self.entries:
            self._by_label[_key(e.zh)] = e.code
        # Spreadsheets drop leading zeros ("1" for "01"); remember the padded width.
        widths = {len(c) for c in self._by_code if c.isdigit()}
        self._pad = max(widths) if widths and all(c.isdigit() for c in self._by_code) else 0

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self):
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(e.code for e in self.entries)

    def _unknown(self, value: object, field_name: str | None) -> DomainError:
        return DomainError("E_CODE_UNKNOWN", field_name or self.name, table=self.name, value=value)

    def entry(self, code: str, field: str | None = None) -> Entry:
        """The entry for ``code``; E_CODE_UNKNOWN if there is none."""
        try:
            return self._by_code[code]
        except (KeyError, TypeError):
            raise self._unknown(code, field) from None

    def label(self, code: str, lang: str = "zh") -> str:
        """The Chinese (or English) label of a code."""
        return self.entry(code).label(lang)

    def find(self, value: object) -> str | None:
        """Like ``code_for`` but returns None instead of raising."""
        if value is None:
            return None
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if number and float(value).is_integer():  # type: ignore[arg-type]
            value = str(int(value))  # type: ignore[call-overload]
        text = str(value).strip()
        if not text:
            return None
        if text in self._by_code:
            return text
        key = _key(text)
        if key in self._by_label:
            return self._by_label[key]
        if self._pad and key.isdigit() and len(key) < self._pad:
            padded = key.zfill(self._pad)
            if padded in self._by_code:
                return padded
        return None

    def code_for(self, value: object, field: str | None = None) -> str:
        """The code for a label, code or common synonym ("汉" → "01", "男" → "1",
        "本科" → "21", "毛难族" → "36"); E_CODE_UNKNOWN when nothing matches."""
        code = self.find(value)
        if code is None:
            raise self._unknown(value, field)
        return code

    def band(self, code: str, lang: str = "zh") -> str:
        """The statistical band label of a code (education: 研究生 … 初中及以下; job: the
        bulletin bucket)."""
        return self.bands[self.band_code(code)].label(lang)

    def band_code(self, code: str) -> str:
        """The statistical band code of a code."""
        band = self.entry(code).get("band")
        if band is None or band not in self.bands:
            raise self._unknown(code, None)
        return band

    def choices(self, lang: str = "zh") -> list[tuple[str, str]]:
        """(code, label) pairs in table order, for drop-down lists."""
        return [(e.code, e.label(lang)) for e in self.entries]


@cache
def table(name: str) -> CodeTable:
    """Load (once) the code table ``resources/codes/<name>.json``."""
    if name not in TABLES:
        raise DomainError("E_CODE_UNKNOWN", "table", table="tables", value=name)
    return CodeTable(json.loads(resources.read_text("codes", name + ".json")))
