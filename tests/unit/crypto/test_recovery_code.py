"""Recovery code: layout, tolerance of what clerks type, and guaranteed typo detection."""

from __future__ import annotations

import secrets
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ztclient.domain.errors import DomainError
from ztclient.infra.crypto.recovery_code import (
    ALPHABET,
    GROUP_LEN,
    GROUPS,
    SECRET_BYTES,
    format_recovery_code,
    new_recovery_code,
    parse_recovery_code,
)


def _typo(text: str) -> DomainError:
    with pytest.raises(DomainError) as exc:
        parse_recovery_code(text)
    assert exc.value.code == "E_RECOVERY_CODE_TYPO"
    return exc.value


def test_layout_and_entropy():
    code, secret = new_recovery_code()
    assert SECRET_BYTES * 8 >= 120
    assert len(secret) == SECRET_BYTES
    groups = code.split("-")
    assert len(groups) == GROUPS and all(len(g) == GROUP_LEN for g in groups)
    assert set(code.replace("-", "")) <= set(ALPHABET)
    assert not set("ILOU") & set(code)
    assert parse_recovery_code(code) == secret


@settings(max_examples=500)
@given(st.binary(min_size=SECRET_BYTES, max_size=SECRET_BYTES))
def test_round_trip(secret):
    assert parse_recovery_code(format_recovery_code(secret)) == secret


def test_extreme_secrets_round_trip():
    for secret in (bytes(SECRET_BYTES), b"\xff" * SECRET_BYTES):
        assert parse_recovery_code(format_recovery_code(secret)) == secret


def test_tolerates_what_clerks_and_input_methods_produce():
    code, secret = new_recovery_code()
    plain = code.replace("-", "")
    variants = [
        code.lower(),
        plain,
        " ".join(code.split("-")),
        "  " + code.replace("-", " - ") + "\n",
        code.replace("0", "O").replace("1", "I"),
        code.replace("1", "l").lower().replace("0", "o"),
        code.replace("-", "\u3000"),  # ideographic space from a Chinese IME
        code.replace("-", "\u2014"),  # em dash from a word processor
        unicodedata.normalize("NFKC", code).translate(  # full-width letters and digits
            {c: c + 0xFEE0 for c in range(0x21, 0x7F)}
        ),
        "\t".join(plain[i : i + 4] for i in range(0, len(plain), 4)),  # regrouped by 4
    ]
    for typed in variants:
        assert parse_recovery_code(typed) == secret, typed


def test_every_single_substitution_is_caught_in_its_group():
    code, _ = new_recovery_code()
    plain = code.replace("-", "")
    for pos, original in enumerate(plain):
        for replacement in ALPHABET:
            if replacement == original:
                continue
            typed = plain[:pos] + replacement + plain[pos + 1 :]
            err = _typo(typed)
            assert err.params["group"] == pos // GROUP_LEN + 1
            assert err.params["reason"] == "check"


def test_every_adjacent_transposition_is_caught():
    for _ in range(20):
        code, _ = new_recovery_code()
        plain = code.replace("-", "")
        for pos in range(len(plain) - 1):
            a, b = plain[pos], plain[pos + 1]
            if a == b:
                continue
            typed = plain[:pos] + b + a + plain[pos + 2 :]
            err = _typo(typed)
            assert err.params["group"] == pos // GROUP_LEN + 1


def test_groups_in_the_wrong_order_are_caught():
    code, _ = new_recovery_code()
    groups = code.split("-")
    for i in range(GROUPS - 1):
        swapped = groups.copy()
        swapped[i], swapped[i + 1] = swapped[i + 1], swapped[i]
        if swapped != groups:
            assert _typo("-".join(swapped)).params["group"] == i + 1


def test_length_and_character_errors_name_the_group():
    code, _ = new_recovery_code()
    groups = code.split("-")
    short = groups.copy()
    short[4] = short[4][:-1]
    err = _typo("-".join(short))
    assert (err.params["group"], err.params["reason"]) == (5, "length")
    err = _typo(code.replace("-", "")[:-3])  # no separators: the last group is short
    assert (err.params["group"], err.params["reason"]) == (8, "length")
    bad = groups.copy()
    bad[6] = "U" + bad[6][1:]  # U is not in Crockford's alphabet
    err = _typo("-".join(bad))
    assert (err.params["group"], err.params["reason"]) == (7, "character")
    assert _typo("").params["reason"] == "length"
    assert _typo(code + "-" + groups[0]).params["reason"] == "length"
    assert _typo("x" * 10_000).params["reason"] == "length"


def test_random_wrong_codes_are_mostly_typos():
    """A random 40-character string passes all 8 checks with probability 2^-40."""
    for _ in range(200):
        text = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LEN))
        _typo(text)


@settings(max_examples=1000)
@given(st.text(max_size=120))
def test_arbitrary_text_gives_a_secret_or_a_typo(text):
    try:
        secret = parse_recovery_code(text)
    except DomainError as exc:
        assert exc.code == "E_RECOVERY_CODE_TYPO"
        assert 1 <= exc.params["group"] <= GROUPS
    else:
        assert len(secret) == SECRET_BYTES
