"""党费标准 (dues rates) as data: the kinds, their bands and the monthly amount from a base.

The schedule is a code table (``resources/codes/dues_kind.json``, or a province's version sent
down from the centre), not code: a clerk's office can read it and a province can change it.
Rules it encodes (中组发〔2008〕3号, domain facts §6):

* ``basis: income`` — one rate on the **whole** base (not progressive), chosen by the band the
  base falls in; each band's upper bound is inclusive (3000.00 → 0.5 %, 3000.01 → 1 %);
* ``basis: fixed`` — a fixed monthly amount (学生, 下岗失业 … 0.20 元);
* ``basis: range`` — an amount the province sets within a range (农民 0.20–1.00 元): the
  clerk enters the monthly amount;
* the result is rounded to the fen half up unless the table says otherwise.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from ztclient import resources
from ztclient.domain.dues_money import fmt, parse_amount, round_fen
from ztclient.domain.errors import DomainError

BASES = ("income", "fixed", "range")


@dataclass(frozen=True)
class Band:
    up_to_fen: int | None  # inclusive; None = no upper bound
    rate: Decimal


@dataclass(frozen=True)
class DuesKind:
    code: str
    zh: str
    en: str
    basis: str
    bands: tuple[Band, ...] = ()
    amount_fen: int | None = None  # basis fixed
    min_fen: int | None = None  # basis range
    max_fen: int | None = None
    base_note: str = ""

    def label(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class Rate:
    """The monthly amount for one base, and how it was found."""

    kind: str
    basis: str
    monthly_fen: int
    income_fen: int | None = None
    rate: Decimal | None = None
    band_from_fen: int | None = None  # exclusive lower bound of the band (None: from zero)
    band_to_fen: int | None = None  # inclusive upper bound (None: no upper bound)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "basis": self.basis,
            "monthly": fmt(self.monthly_fen),
            "income": fmt(self.income_fen),
            "rate": rate_text(self.rate),
            "band_from": fmt(self.band_from_fen),
            "band_to": fmt(self.band_to_fen),
        }


def rate_text(rate: Decimal | None) -> str | None:
    """ "0.01" for 1 %, "0.005" for 0.5 % (no trailing zeros, never an exponent)."""
    if rate is None:
        return None
    return format(rate.normalize(), "f")


@dataclass(frozen=True)
class Schedule:
    kinds: dict[str, DuesKind]
    rounding_mode: str = "half_up"
    quantum_fen: int = 1
    version: int = 1
    source: str = ""

    def kind(self, code: str, field: str = "kind") -> DuesKind:
        try:
            return self.kinds[code]
        except (KeyError, TypeError):
            raise DomainError(
                "E_CODE_UNKNOWN", field, table="dues_kind", value=code, choices=self.choices()
            ) from None

    def choices(self) -> list[tuple[str, str]]:
        """The kinds of this table as a person picks them: (在职（employed）, Employed
        (employed)) — what the CLI lists when a kind is not known."""
        return [(f"{k.zh}（{k.code}）", f"{k.en} ({k.code})") for k in self.kinds.values()]

    def find(self, value: str) -> str | None:
        """The code for a code or a label ("在职" → employed, "退休" → retired)."""
        text = "".join(str(value or "").split()).casefold()
        for k in self.kinds.values():
            if text in (k.code.casefold(), k.zh.casefold(), k.en.casefold()):
                return k.code
        return None

    def monthly(
        self, kind_code: str, *, income_fen: int | None = None, monthly_fen: int | None = None
    ) -> Rate:
        """The monthly dues for a base. ``income`` kinds need ``income_fen`` (the monthly base),
        ``range`` kinds need ``monthly_fen`` within the range, ``fixed`` kinds need neither."""
        k = self.kind(kind_code)
        if k.basis == "fixed":
            return Rate(k.code, k.basis, int(k.amount_fen or 0))
        if k.basis == "range":
            if monthly_fen is None:
                raise DomainError("E_FIELD_REQUIRED", "monthly")
            lo, hi = int(k.min_fen or 0), int(k.max_fen or 0)
            if not lo <= monthly_fen <= hi:
                raise DomainError(
                    "E_DUES_RANGE", "monthly", value=fmt(monthly_fen), min=fmt(lo), max=fmt(hi)
                )
            return Rate(k.code, k.basis, monthly_fen)
        if income_fen is None:
            raise DomainError("E_FIELD_REQUIRED", "income")
        lower: int | None = None
        for band in k.bands:
            if band.up_to_fen is None or income_fen <= band.up_to_fen:
                exact = Decimal(income_fen) * band.rate
                monthly = round_fen(exact, self.rounding_mode, self.quantum_fen)
                return Rate(k.code, k.basis, monthly, income_fen, band.rate, lower, band.up_to_fen)
            lower = band.up_to_fen
        raise DomainError("E_DUES_TABLE_INVALID", what="bands", value=k.code)  # pragma: no cover


def _invalid(what: str, value: Any) -> DomainError:
    return DomainError("E_DUES_TABLE_INVALID", what=what, value=str(value)[:80])


def _decimal_rate(value: Any, kind: str) -> Decimal:
    try:
        rate = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise _invalid(f"{kind}.rate", value) from None
    if not Decimal(0) <= rate < Decimal(1) or isinstance(value, float):
        raise _invalid(f"{kind}.rate", value)  # a float in the file is a typo waiting to happen
    return rate


def _fen(value: Any, what: str) -> int:
    try:
        return parse_amount(str(value), what, allow_zero=True)
    except DomainError:
        raise _invalid(what, value) from None


def _kind(e: Mapping[str, Any]) -> DuesKind:
    code, basis = str(e.get("code") or ""), e.get("basis")
    if not code or not e.get("zh") or not e.get("en") or basis not in BASES:
        raise _invalid("entry", code or e)
    bands: list[Band] = []
    if basis == "income":
        raw = e.get("bands")
        if not isinstance(raw, list) or not raw:
            raise _invalid(f"{code}.bands", raw)
        previous = -1
        for i, b in enumerate(raw):
            if not isinstance(b, Mapping):
                raise _invalid(f"{code}.bands", b)
            up = b.get("up_to")
            up_fen = None if up is None else _fen(up, f"{code}.up_to")
            last = i == len(raw) - 1
            if (up_fen is None) != last or (up_fen is not None and up_fen <= previous):
                raise _invalid(f"{code}.bands", up)  # ascending, open-ended last band
            previous = up_fen if up_fen is not None else previous
            bands.append(Band(up_fen, _decimal_rate(b.get("rate"), code)))
    if basis == "fixed" and "amount" not in e:
        raise _invalid(f"{code}.amount", None)
    amount = _fen(e["amount"], f"{code}.amount") if basis == "fixed" else None
    lo = hi = None
    if basis == "range":
        lo, hi = _fen(e.get("min"), f"{code}.min"), _fen(e.get("max"), f"{code}.max")
        if lo > hi:
            raise _invalid(f"{code}.range", f"{lo}>{hi}")
    return DuesKind(
        code, str(e["zh"]), str(e["en"]), basis, tuple(bands), amount, lo, hi,
        str(e.get("base_note") or ""),
    )  # fmt: skip


def schedule_from_doc(doc: Any) -> Schedule:
    """Check and load a dues table (the resource file's shape); E_DUES_TABLE_INVALID if the
    file is not one (so a bad province table is refused, never half used)."""
    if not isinstance(doc, Mapping) or not isinstance(doc.get("entries"), list):
        raise _invalid("entries", type(doc).__name__)
    if not doc["entries"]:
        raise _invalid("entries", "[]")
    kinds: dict[str, DuesKind] = {}
    for e in doc["entries"]:
        if not isinstance(e, Mapping) or "basis" not in e:
            raise _invalid("entry", e)
        k = _kind(e)
        if k.code in kinds:
            raise _invalid("code", k.code)
        kinds[k.code] = k
    rounding = doc.get("rounding") or {}
    mode = rounding.get("mode", "half_up") if isinstance(rounding, Mapping) else None
    quantum = rounding.get("quantum_fen", 1) if isinstance(rounding, Mapping) else None
    if mode not in ("half_up", "up") or quantum not in (1, 10, 100):
        raise _invalid("rounding", rounding)
    version = doc.get("version", 1)
    if type(version) is not int or version < 1:
        raise _invalid("version", version)
    return Schedule(kinds, mode, quantum, version, str(doc.get("source") or ""))


@cache
def shipped_schedule() -> Schedule:
    """The table shipped with the program (resources/codes/dues_kind.json)."""
    return schedule_from_doc(json.loads(resources.read_text("codes", "dues_kind.json")))
