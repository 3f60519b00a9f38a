"""GB 11643-1999 ID numbers: real vectors (domain facts §1.4) and property tests."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ztclient.domain import idnumber
from ztclient.domain.errors import DomainError

TODAY = date(2026, 11, 23)


def code_of(fn, *args) -> str:
    with pytest.raises(DomainError) as info:
        fn(*args)
    return info.value.code


@pytest.mark.parametrize("value", ["11010519491231002X", "440524188001010014"])
def test_known_valid_numbers(value):
    assert idnumber.validate(value, TODAY) == value


def test_check_char_vectors():
    assert idnumber.check_char("11010519491231002") == "X"
    assert idnumber.check_char("44052418800101001") == "4"
    # A public repo's comment claims "3"; the MOD 11-2 value is X (domain facts §1.4).
    assert idnumber.check_char("31010819840330008") == "X"


def test_normalize_lower_x_fullwidth_and_spaces():
    assert idnumber.normalize(" 11010519491231002x ") == "11010519491231002X"
    assert idnumber.normalize("１１０１０５１９４９１２３１００２Ｘ") == "11010519491231002X"
    assert idnumber.normalize("110105 1949 1231 002X") == "11010519491231002X"


def test_upgrade15():
    assert idnumber.upgrade15("110105491231002") == "11010519491231002X"
    assert idnumber.normalize("110105491231002") == "11010519491231002X"
    assert idnumber.validate("110105491231002", TODAY) == "11010519491231002X"


def test_errors():
    assert code_of(idnumber.validate, "1101051949123100", TODAY) == "E_ID_FORMAT"
    assert code_of(idnumber.validate, "11010519491231002Y", TODAY) == "E_ID_FORMAT"
    assert code_of(idnumber.validate, "110105194912310021", TODAY) == "E_ID_CHECKSUM"
    bad_province = "99010519491231002"
    assert (
        code_of(idnumber.validate, bad_province + idnumber.check_char(bad_province), TODAY)
        == "E_ID_PROVINCE"
    )
    feb30 = "11010519490230002"
    assert code_of(idnumber.validate, feb30 + idnumber.check_char(feb30), TODAY) == "E_ID_BIRTHDATE"
    future = "11010520261124002"
    assert (
        code_of(idnumber.validate, future + idnumber.check_char(future), TODAY) == "E_ID_BIRTHDATE"
    )


def test_checksum_error_carries_expected():
    with pytest.raises(DomainError) as info:
        idnumber.validate("110105194912310021", TODAY)
    assert info.value.params["expected"] == "X"
    assert info.value.field == "id_number"


def test_birth_gender_mask():
    assert idnumber.birth_date("11010519491231002X") == date(1949, 12, 31)
    assert idnumber.gender("11010519491231002X") == "2"  # 17th digit 2: female
    assert idnumber.gender("440524188001010014") == "1"  # 17th digit 1: male
    assert idnumber.mask("11010519491231002X") == "1101**********002X"


@pytest.mark.parametrize(
    "value,mangled",
    [
        (1.10105194912310e17, True),
        ("1.10105E+17", True),
        ("1.10105e17", True),
        (110105194912310000, True),
        ("110105194912310000", True),  # trailing 000 and a failing checksum
        ("110105194912310020.0", True),
        ("11010519491231002X", False),
        ("440524188001010014", False),
        (110105491231002, False),  # 15 digits survive Excel's 15 significant digits
        ("张三", False),
    ],
)
def test_looks_mangled_by_excel(value, mangled):
    assert idnumber.looks_mangled_by_excel(value) is mangled


provinces = st.sampled_from(sorted(idnumber.PROVINCES))
births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY - timedelta(days=1))


@st.composite
def valid_ids(draw) -> str:
    first17 = (
        draw(provinces)
        + draw(st.text("0123456789", min_size=4, max_size=4))
        + draw(births).strftime("%Y%m%d")
        + draw(st.text("0123456789", min_size=3, max_size=3))
    )
    return first17 + idnumber.check_char(first17)


@given(valid_ids())
def test_valid_generator_round_trips(value):
    assert idnumber.validate(value, TODAY) == value
    assert idnumber.validate(value.lower(), TODAY) == value
    assert idnumber.birth_date(value).strftime("%Y%m%d") == value[6:14]
    assert idnumber.gender(value) in ("1", "2")
    assert not idnumber.looks_mangled_by_excel(value)


@given(valid_ids(), st.integers(0, 16), st.integers(1, 9))
def test_any_single_digit_change_fails_checksum(value, pos, delta):
    digits = list(value)
    digits[pos] = str((int(digits[pos]) + delta) % 10)
    changed = "".join(digits)
    assert idnumber.check_char(changed[:17]) != changed[17]
    assert code_of(idnumber.validate, changed, TODAY) == "E_ID_CHECKSUM"


@given(valid_ids())
def test_check_character_change_fails(value):
    for ch in "0123456789X":
        if ch != value[17]:
            assert code_of(idnumber.validate, value[:17] + ch, TODAY) == "E_ID_CHECKSUM"
