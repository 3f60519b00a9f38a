"""口令强度 (passphrase strength): the one rule used by init, passwd, recover and the first-run
wizard (issue 9: "abc12345" was accepted; a bar alone did not stop it).

The passphrase unwraps the data key through Argon2id (64 MiB, t = 3), so each guess is costly,
but a passphrase from the top of every guessing list falls in minutes all the same. The rule:

- at least MIN_UNITS "units" long: an ASCII character is one unit, a Chinese character two
  (a 5-character Chinese phrase carries about as much as 10 Latin letters);
- at least MIN_DISTINCT different characters, and not a run like 12345678 or abcdefgh;
- not on the common list (resources/passwords/common.txt), also after taking away the digits,
  years and symbols people add around a word ("Password2024!" is "password").

A failure is a coded error naming what to change. ``score`` gives the first-run meter a 0–4
figure that is 0 whenever ``check`` would refuse.
"""

from __future__ import annotations

import re
import string
from functools import cache

from ztclient import resources
from ztclient.domain.errors import DomainError

MIN_UNITS = 10
MIN_DISTINCT = 5
_AROUND = re.compile(r"^[\d\W_]+|[\d\W_]+$")
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
_RUNS = (
    string.digits + "0",
    string.ascii_lowercase,
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "1qaz2wsx3edc4rfv",
)


@cache
def common_list() -> frozenset[str]:
    lines = resources.read_text("passwords", "common.txt").splitlines()
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.startswith("#")
    )


def units(passphrase: str) -> int:
    """Length in units: two for a CJK (or other wide) character, one for anything else."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in passphrase)


def _is_run(text: str) -> bool:
    """A stretch of a keyboard row or the alphabet/digits, forwards or backwards."""
    t = text.lower()
    if len(t) < 4:
        return False
    return any(t in run or t in run[::-1] for run in _RUNS)


def _forms(passphrase: str) -> set[str]:
    """The passphrase as a guesser would try it: lower case, spaces out, digits and symbols
    around it removed, leetspeak undone."""
    base = passphrase.strip().lower()
    compact = re.sub(r"\s+", "", base)
    forms = {base, compact, compact.translate(_LEET)}
    for form in list(forms):
        stripped = _AROUND.sub("", form)
        while stripped != form and stripped:
            forms.add(stripped)
            form, stripped = stripped, _AROUND.sub("", stripped)
    return {f for f in forms if f}


def problem(passphrase: str | None) -> DomainError | None:
    """What is wrong with ``passphrase`` as a coded error, or None when it is acceptable."""
    text = passphrase or ""
    if not text.strip():
        return DomainError("E_PASSPHRASE_EMPTY", "passphrase")
    if units(text) < MIN_UNITS:
        return DomainError("E_PASSPHRASE_WEAK", "passphrase", min=MIN_UNITS)
    compact = re.sub(r"\s+", "", text.lower())
    if len(set(compact)) < MIN_DISTINCT or _is_run(compact):
        return DomainError("E_PASSPHRASE_SIMPLE", "passphrase", distinct=MIN_DISTINCT)
    common = common_list()
    forms = _forms(text)
    if forms & common or any(_is_run(f) for f in forms if f != compact and len(f) >= 6):
        return DomainError("E_PASSPHRASE_COMMON", "passphrase")
    return None


def check(passphrase: str | None) -> None:
    """Raise the coded error of :func:`problem` (used wherever a passphrase is set)."""
    err = problem(passphrase)
    if err is not None:
        raise err


def score(passphrase: str) -> int:
    """0–4 for the strength meter: 0 when refused, then length and variety."""
    if problem(passphrase) is not None:
        return 0
    kinds = sum(
        bool(k)
        for k in (
            any(c.islower() for c in passphrase),
            any(c.isupper() for c in passphrase),
            any(c.isdigit() for c in passphrase),
            any(not c.isascii() or not c.isalnum() for c in passphrase),
        )
    )
    n = units(passphrase)
    return min(1 + (n >= 14) + (kinds >= 3) + (n >= 18 and kinds >= 2), 4)
