"""公民身份号码 (citizen ID number), GB 11643-1999: normalise, check, read, mask.

Domain facts §1.4. Only the first two digits (province) are checked against a list: county codes
change as areas are re-coded, so an unknown 6-digit prefix is not an error (judgment, §1.4).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from ztclient.domain.errors import DomainError

# ISO 7064 MOD 11-2 weights 2^(18-i) mod 11 and the check character for each remainder.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"

# GB/T 2260 province-level codes. 71/81/82 (Taiwan, Hong Kong, Macau) are province-precise only;
# 83 is the prefix of 台湾居民居住证 numbers, which clerks may meet in the same column.
PROVINCES = frozenset(
    {
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36",
        "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
        "63", "64", "65", "71", "81", "82", "83",
    }
)  # fmt: skip

_ID18 = re.compile(r"^[0-9]{17}[0-9X]$")
_ID15 = re.compile(r"^[0-9]{15}$")
_SCI = re.compile(r"^[0-9](\.[0-9]+)?E\+?[0-9]+$", re.IGNORECASE)
_FIELD = "id_number"


def check_char(first17: str) -> str:
    """The check character (校验码) for the first 17 digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise DomainError("E_ID_FORMAT", _FIELD, value=first17)
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def upgrade15(id15: str) -> str:
    """Upgrade a legacy 15-digit number (GB 11643-1989): insert "19" before the birth date and
    append the check character."""
    if not _ID15.match(id15):
        raise DomainError("E_ID_FORMAT", _FIELD, value=id15)
    first17 = id15[:6] + "19" + id15[6:]
    return first17 + check_char(first17)


_FOLD = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９Ｘｘ"}


def normalize(s: str) -> str:
    """Strip spaces (of any width), fold full-width digits and Ｘ, upper-case the X, upgrade
    15 digits to 18. Only these characters are folded (no NFKC: nothing else is rewritten).

    Does not validate: a wrong number comes back in its tidied form.
    """
    text = "".join(str(s).translate(_FOLD).split()).replace("\u3000", "").upper()
    if _ID15.match(text):
        return upgrade15(text)
    return text


def _birth(id18: str) -> date | None:
    try:
        return date(int(id18[6:10]), int(id18[10:12]), int(id18[12:14]))
    except ValueError:
        return None


def validate(s: str, today: date | None = None) -> str:
    """Return the normalised 18-character number or raise DomainError.

    Codes: E_ID_FORMAT, E_ID_CHECKSUM, E_ID_PROVINCE, E_ID_BIRTHDATE. The checksum is checked
    before the province and date, so a single mistyped digit always reports E_ID_CHECKSUM.
    """
    value = normalize(s)
    if not _ID18.match(value):
        raise DomainError("E_ID_FORMAT", _FIELD, value=value)
    expected = check_char(value[:17])
    if value[17] != expected:
        raise DomainError("E_ID_CHECKSUM", _FIELD, value=value, expected=expected)
    if value[:2] not in PROVINCES:
        raise DomainError("E_ID_PROVINCE", _FIELD, value=value, province=value[:2])
    born = _birth(value)
    today = today or date.today()
    if born is None or born > today or born.year < 1850:
        raise DomainError("E_ID_BIRTHDATE", _FIELD, value=value, birth=value[6:14])
    return value


def is_valid(s: str, today: date | None = None) -> bool:
    """True when ``validate`` would accept ``s``."""
    try:
        validate(s, today)
    except DomainError:
        return False
    return True


def birth_date(id18: str) -> date:
    """出生日期 encoded in digits 7–14."""
    born = _birth(id18)
    if born is None:
        raise DomainError("E_ID_BIRTHDATE", _FIELD, value=id18, birth=id18[6:14])
    return born


def gender(id18: str) -> str:
    """GB/T 2261.1 gender code from the 17th digit: odd "1" (男), even "2" (女)."""
    if len(id18) < 17 or id18[16] not in "0123456789":
        raise DomainError("E_ID_FORMAT", _FIELD, value=id18)
    return "1" if int(id18[16]) % 2 else "2"


def mask(id18: str) -> str:
    """Show the first 4 and last 4 characters only: ``1101**********002X``."""
    if len(id18) <= 8:
        return "*" * len(id18)
    return id18[:4] + "*" * (len(id18) - 8) + id18[-4:]


def looks_mangled_by_excel(value: object) -> bool:
    """True when an imported cell looks like an ID number Excel stored as a number.

    Excel keeps 15 significant digits, so an 18-digit number typed into a number cell comes back
    as a float, in scientific notation (1.10105E+17) or with its last digits turned to 000.
    """
    if isinstance(value, bool):
        return False
    if isinstance(value, float):
        return True
    if isinstance(value, int):
        return len(str(abs(value))) > 15
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if _SCI.match(text):
        return True
    if text.endswith(".0") and text[:-2].isascii() and text[:-2].isdigit() and len(text) > 17:
        return True
    if len(text) == 18 and text.isascii() and text.isdigit() and text.endswith("000"):
        # A real number may end in 000 by chance; only call it mangled when its checksum fails.
        return check_char(text[:17]) != text[17]
    return False
