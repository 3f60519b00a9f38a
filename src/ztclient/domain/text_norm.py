"""Tidying what clerks type or paste, without rewriting it (no NFKC).

Unicode compatibility normalisation (NFKC) would fold more than spaces: it turns full-width
punctuation in addresses into ASCII, and maps CJK compatibility ideographs (U+F900–U+FAFF,
U+2F800–U+2FA1F) in names to other code points — a person's name is never rewritten. So:

- ``name``: trimmed; spaces of every width inside a Chinese name removed (``赵　磊`` is 赵磊,
  the full-width space a clerk types to line names up); a name in Latin letters keeps single
  spaces between its words. Every character is kept as typed, the middle dot of minority
  names (买买提·艾力) included.
- ``text``: trimmed of spaces of every width at both ends; everything else as typed.
- ``digits``: full-width digits and the full-width plus, minus and parentheses of phone
  numbers folded to ASCII (a number is not prose); spaces inside removed.

The ID number is folded by domain/idnumber.normalize (digits, upper-case X) on the same
principle.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"[\s\u3000\u00a0\u2000-\u200b\u202f\u205f\ufeff]+")
_TRIM = " \t\r\n\u3000\u00a0\ufeff\u200b"
_FULLWIDTH = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９＋－（）"}
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def text(value: str) -> str:
    """Trimmed of spaces of every width (ASCII, full-width, no-break) at both ends."""
    return value.strip(_TRIM)


def name(value: str) -> str:
    """A person's name, tidied as the module docstring says; never otherwise changed."""
    trimmed = text(value)
    if _CJK.search(trimmed):
        return _SPACES.sub("", trimmed)
    return _SPACES.sub(" ", trimmed)


def digits(value: str) -> str:
    """Full-width digits (and ＋－（）) as ASCII, spaces removed: phone numbers."""
    return _SPACES.sub("", value.translate(_FULLWIDTH))
