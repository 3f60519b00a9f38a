"""The 恢复码 sheet's layout rule (domain/recovery_sheet.py), shared by the PDF and the first
run's printed sheet."""

from __future__ import annotations

from ztclient.domain import recovery_sheet as sheet


def test_the_code_is_laid_out_four_groups_a_row():
    code = "QJDQD-NMEGX-7YM61-V6F6J-6EDH3-W2CXD-VKCCB-MFK8N-ABCDE"
    assert sheet.rows(code) == [
        ["QJDQD", "NMEGX", "7YM61", "V6F6J"],
        ["6EDH3", "W2CXD", "VKCCB", "MFK8N"],
        ["ABCDE", "", "", ""],
    ]


def test_a_code_typed_without_dashes_or_with_spaces_splits_the_same():
    assert sheet.groups(" ab12 cd34\nef56 ") == ["ab12", "cd34", "ef56"]
    assert sheet.groups("ABCDEFGHIJ") == ["ABCD", "EFGH", "IJ"]
    assert sheet.rows("") == []
