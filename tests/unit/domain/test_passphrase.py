"""口令强度: the one rule for init, passwd, recover and the first-run wizard (issue 9)."""

from __future__ import annotations

import pytest

from ztclient.domain import passphrase
from ztclient.domain.errors import DomainError


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "E_PASSPHRASE_EMPTY"),
        ("   ", "E_PASSPHRASE_EMPTY"),
        ("abc12345", "E_PASSPHRASE_WEAK"),  # the example: 8 characters
        ("我爱北京", "E_PASSPHRASE_WEAK"),  # 4 Chinese characters = 8 units
        ("1234567890", "E_PASSPHRASE_SIMPLE"),
        ("aaaaaaaaaaaa", "E_PASSPHRASE_SIMPLE"),
        ("abab1212abab", "E_PASSPHRASE_SIMPLE"),  # four different characters
        ("qwertyuiop", "E_PASSPHRASE_SIMPLE"),
        ("0987654321", "E_PASSPHRASE_SIMPLE"),
        ("Password2024!", "E_PASSPHRASE_COMMON"),
        ("P@ssw0rd2026", "E_PASSPHRASE_COMMON"),
        ("woaini1314520", "E_PASSPHRASE_COMMON"),
        ("2026-iloveyou-!", "E_PASSPHRASE_COMMON"),
        ("abcdefgh123456", "E_PASSPHRASE_COMMON"),  # a run with digits added
        ("我爱中国2026", "E_PASSPHRASE_COMMON"),
        ("Admin 123456", "E_PASSPHRASE_COMMON"),
    ],
)
def test_refused_with_a_code_that_says_what_to_change(text, code):
    with pytest.raises(DomainError) as caught:
        passphrase.check(text)
    assert caught.value.code == code and caught.value.field == "passphrase"
    assert passphrase.score(text) == 0


@pytest.mark.parametrize(
    "text",
    [
        "demo-口令-2026",
        "correct horse 2026",
        "测试口令 correct horse",
        "支部书记的口令",  # 7 Chinese characters = 14 units
        "Tiger-lily-77",
        "另一个口令 12345",
    ],
)
def test_accepted(text):
    passphrase.check(text)
    assert 1 <= passphrase.score(text) <= 4


def test_units_count_a_chinese_character_as_two():
    assert passphrase.units("口令ab") == 6
    assert passphrase.units("𠮷") == 2  # beyond the BMP too


def test_the_common_list_is_a_resource_in_lower_case():
    common = passphrase.common_list()
    assert {"123456", "password", "woaini1314", "1qaz2wsx"} <= common
    assert all(c == c.lower() and c.strip() == c for c in common)


def test_a_longer_more_varied_phrase_scores_higher():
    assert passphrase.score("Tiger-lily-77") < passphrase.score("我们支部每月5日学习 Theory!")
