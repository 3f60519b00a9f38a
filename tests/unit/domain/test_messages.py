"""Messages: every code has both texts with the same placeholders, and every code used exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from ztclient.domain.errors import DomainError, ValidationErrors
from ztclient.domain.messages import MESSAGES, render, render_error

SRC = Path(__file__).resolve().parents[3] / "src"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_zh_and_en_have_same_placeholders(code):
    zh, en = MESSAGES[code]
    assert zh and en
    assert placeholders(zh) == placeholders(en)


def test_every_code_used_in_src_has_a_message():
    # codes only ztcentral's operator meets have their texts in ztcentral.errors
    from ztcentral.errors import MESSAGES as CENTRAL_ONLY

    used: dict[str, str] = {}
    for path in SRC.rglob("*.py"):
        if "ztcentral/console" in path.as_posix():
            continue  # the web console's codes have their texts in its own table (test_console_texts)
        for code in re.findall(r'"(E_[A-Z0-9_]+)"', path.read_text(encoding="utf-8")):
            used.setdefault(code, str(path.relative_to(SRC)))
    missing = {
        code: where
        for code, where in used.items()
        if code not in MESSAGES and not (where.startswith("ztcentral") and code in CENTRAL_ONLY)
    }
    assert not missing, f"codes without a message: {missing}"


def test_required_codes_present():
    for code in [
        "E_WRONG_PASSPHRASE",
        "E_DB_DAMAGED",
        "E_KEYFILE_DAMAGED",
        "E_NO_DATA",
        "E_ALREADY_INITIALISED",
        "E_NOT_FOUND",
        "E_STALE_BASE",
        "E_DISK_FULL",
        "E_INVALID",
        "E_VALIDATION",
        "E_CODE_UNKNOWN",
        "E_RECOVERY_CODE",
        "E_JSON_INVALID",
        "E_FIELD_REQUIRED",
        "E_FIELD_UNKNOWN",
        "E_VOIDED",
        "E_BACKUP_INVALID",
    ]:
        assert code in MESSAGES
    assert MESSAGES["E_WRONG_PASSPHRASE"][0] == "密码错误"
    assert MESSAGES["E_DB_DAMAGED"][0] == "数据库已损坏，请从备份恢复"


def test_render_translates_fields_and_codes():
    text = render(
        "E_DATE_ORDER",
        first="join_date",
        second="full_member_date",
        first_date="2024-07-01",
        second_date="2024-01-01",
    )
    assert text == "“入党日期”（2024-07-01）不能晚于“转为正式党员日期”（2024-01-01）"
    assert "Full member" in render(
        "E_EVENT_NOT_ALLOWED", "en", kind="converted", category="full", status="normal"
    )
    assert render("E_CODE_UNKNOWN", table="ethnicity", value="X") == (
        "“民族”中没有“X”这一项，请从列表中选择"
    )


def test_render_unknown_code_and_missing_params():
    assert "E_NOPE" in render("E_NOPE")
    assert "E_NOPE" in render("E_NOPE", "en")
    assert render("E_QUORUM") == ("应到会有表决权的党员—人，实到—人，未超过半数，不能进行表决")


def test_render_error_uses_field():
    assert render_error(DomainError("E_FIELD_REQUIRED", "name")) == "请填写“姓名”"
    both = ValidationErrors([DomainError("E_FIELD_REQUIRED", "name"), DomainError("E_DISK_FULL")])
    assert render_error(both).splitlines() == [
        "请填写“姓名”",
        "磁盘空间不足，没有写入任何内容：请腾出空间后重试（—）",
    ]
