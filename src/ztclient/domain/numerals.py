"""大写数字 (capital numerals) for forms that must resist alteration.

The 《中国共产党党员组织关系介绍信》 asks for 党费交至 年、月 and the 有效期 in capital numerals
"以免涂改" (组通字〔2006〕45号 instructions, domain facts §1.12): 贰零贰陆年壹拾月, 叁拾天.
A leading ten is written 壹拾 (as on cheques), so no digit can be put in front of it.
"""

from __future__ import annotations

DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ("", "拾", "佰", "仟")

__all__ = ["capital_number", "capital_year", "capital_year_month"]


def capital_number(n: int) -> str:
    """1 → 壹, 10 → 壹拾, 15 → 壹拾伍, 30 → 叁拾, 105 → 壹佰零伍, 180 → 壹佰捌拾 (1–9999)."""
    if not isinstance(n, int) or isinstance(n, bool) or not 0 < n < 10000:
        raise ValueError(f"capital_number takes 1..9999, not {n!r}")
    digits = [int(c) for c in str(n)]
    out: list[str] = []
    zero = False
    for i, d in enumerate(digits):
        unit = _UNITS[len(digits) - 1 - i]
        if d == 0:
            zero = True
            continue
        if zero and out:
            out.append(DIGITS[0])
        zero = False
        out.append(DIGITS[d] + unit)
    return "".join(out)


def capital_year(year: int) -> str:
    """A year digit by digit: 2026 → 贰零贰陆."""
    if not 1000 <= year <= 9999:
        raise ValueError(f"not a four-digit year: {year!r}")
    return "".join(DIGITS[int(c)] for c in str(year))


def capital_year_month(year: int, month: int) -> str:
    """2026, 10 → 贰零贰陆年壹拾月."""
    if not 1 <= month <= 12:
        raise ValueError(f"not a month: {month!r}")
    return f"{capital_year(year)}年{capital_number(month)}月"
