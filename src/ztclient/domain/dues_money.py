"""党费的金额 (money for dues): integer fen (分) inside, text only at the edges.

Amounts are never floats: a clerk's "4500" becomes 450000 fen through ``Decimal``, and every
figure the program shows or exports is made back from fen. ``in_words`` writes an amount the
way a receipt does (人民币大写: 肆拾伍元整).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, InvalidOperation

from ztclient.domain.errors import DomainError

MAX_FEN = 9_999_999_999  # 99,999,999.99 元: anything larger is a typing mistake
_AMOUNT = re.compile(r"^[0-9]+(\.[0-9]{1,2})?$")
_ROUNDING = {"half_up": ROUND_HALF_UP, "up": ROUND_CEILING}


def parse_amount(value: str | Decimal, field: str = "amount", *, allow_zero: bool = False) -> int:
    """Fen from what a clerk types: "4500", "4,500.00", "４５００元", "¥45.5".

    More than two decimals, a sign, letters or an empty text give E_DUES_AMOUNT_FORMAT; zero
    (unless ``allow_zero``) and amounts above 99,999,999.99 元 give E_DUES_AMOUNT_RANGE.
    """
    if isinstance(value, Decimal):
        text = format(value, "f")
    elif isinstance(value, str):
        text = value
    else:  # ints and floats are ambiguous (元 or 分? binary fractions?): refuse them
        raise DomainError("E_DUES_AMOUNT_FORMAT", field, value=str(value))
    clean = unicodedata.normalize("NFKC", text).strip()
    clean = clean.removeprefix("¥").removeprefix("￥").removeprefix("RMB").removesuffix("元")
    clean = "".join(clean.split()).replace(",", "").replace("，", "")
    if not _AMOUNT.match(clean):
        raise DomainError("E_DUES_AMOUNT_FORMAT", field, value=text)
    try:
        fen = int((Decimal(clean) * 100).to_integral_exact())
    except InvalidOperation:  # pragma: no cover - the pattern admits only plain decimals
        raise DomainError("E_DUES_AMOUNT_FORMAT", field, value=text) from None
    if fen > MAX_FEN or (fen == 0 and not allow_zero):
        raise DomainError("E_DUES_AMOUNT_RANGE", field, value=text)
    return fen


def fmt(fen: int | None) -> str | None:
    """ "45.00" for 4500 (None stays None: an amount not known, e.g. no base set)."""
    if fen is None:
        return None
    sign = "-" if fen < 0 else ""
    yuan, rest = divmod(abs(int(fen)), 100)
    return f"{sign}{yuan}.{rest:02d}"


def to_decimal(fen: int) -> Decimal:
    """The amount in 元 as an exact Decimal (for spreadsheets: a number cell, not text)."""
    return Decimal(int(fen)) / 100


def round_fen(value: Decimal, mode: str = "half_up", quantum_fen: int = 1) -> int:
    """Round an exact amount in fen to a multiple of ``quantum_fen`` (1 = to the fen, 100 = to
    the yuan) half up, or up (只能入不能舍)."""
    if mode not in _ROUNDING or quantum_fen not in (1, 10, 100):
        raise DomainError("E_DUES_TABLE_INVALID", what="rounding", value=f"{mode}/{quantum_fen}")
    steps = (value / quantum_fen).quantize(Decimal(1), rounding=_ROUNDING[mode])
    return int(steps) * quantum_fen


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ("", "拾", "佰", "仟")
_GROUPS = ("", "万", "亿", "万亿")


def _group_words(g: int) -> str:
    out, zero = "", False
    for pos in (3, 2, 1, 0):
        d = g // 10**pos % 10
        if d == 0:
            zero = zero or bool(out)
        else:
            if zero:
                out += "零"
                zero = False
            out += _DIGITS[d] + _UNITS[pos]
    return out


def _yuan_words(n: int) -> str:
    groups = []
    while n:
        n, g = divmod(n, 10000)
        groups.append(g)
    out, zero = "", False
    for i in reversed(range(len(groups))):
        g = groups[i]
        if g == 0:
            zero = zero or bool(out)
            continue
        if out and (zero or g < 1000):
            out += "零"
        out += _group_words(g) + _GROUPS[i]
        zero = False
    return out


def in_words(fen: int) -> str:
    """人民币大写 as receipts write it: 4500 → 肆拾伍元整, 45005 → 肆佰伍拾元零伍分,
    20 → 贰角整 (元 and 角 amounts end in 整; an amount with fen does not)."""
    if fen < 0 or fen > MAX_FEN:
        raise DomainError("E_DUES_AMOUNT_RANGE", value=fmt(fen))
    yuan, rest = divmod(int(fen), 100)
    jiao, f = divmod(rest, 10)
    out = _yuan_words(yuan) + "元" if yuan else ""
    if not jiao and not f:
        return (out or "零元") + "整"
    if jiao:
        out += _DIGITS[jiao] + "角"
    elif yuan:
        out += "零"
    if f:
        out += _DIGITS[f] + "分"
    else:
        out += "整"
    return out
