"""The 恢复码编号 (recovery_code.sheet_number): from the recovery slot's salt, so a new code has
a new number and the number says nothing of the code."""

from __future__ import annotations

import re

from ztclient.infra.crypto.recovery_code import sheet_number


def test_the_number_is_eight_hex_digits_and_follows_the_salt():
    a, b = sheet_number(bytes(16)), sheet_number(bytes([1]) + bytes(15))
    assert re.fullmatch(r"[0-9A-F]{4}-[0-9A-F]{4}", a) and a != b
    assert sheet_number(bytes(16)) == a  # the same slot, the same number, every time
