"""Every coded error is raised with the params its message needs, and every place that shows an
error fills the field's label: no message prints "—" where a field name belongs.

The raise sites are read from the source (every ``DomainError("E_…", …)`` and meeting-input
``_err("E_…", …)`` with a literal code), so a new site whose params miss a placeholder fails
here, not in front of a clerk."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from ztclient.domain.errors import DomainError, ValidationErrors
from ztclient.domain.messages import MESSAGES, render_error

SRC = Path(__file__).resolve().parents[3] / "src" / "ztclient"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def raise_sites() -> list[tuple[str, str, set[str], bool]]:
    """(where, code, param names, has a field) of each coded error built in the source."""
    sites = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = getattr(func, "id", None) or getattr(func, "attr", None)
            if name not in ("DomainError", "_err"):
                continue
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            if any(k.arg is None for k in node.keywords):  # **params: not readable here
                continue
            keys = {k.arg for k in node.keywords if k.arg}
            if name == "_err" and len(node.args) > 2:
                keys.add("row")
            field = len(node.args) > 1 and not (
                isinstance(node.args[1], ast.Constant) and node.args[1].value is None
            )
            where = f"{path.relative_to(SRC)}:{node.lineno}"
            sites.append((where, first.value, keys, field))
    return sites


SITES = raise_sites()


def test_the_scan_finds_the_raise_sites():
    assert len(SITES) > 300
    assert any(code == "E_ROLE_NOT_ON_ROLL" for _, code, _, _ in SITES)


def test_every_raise_site_fills_its_message():
    holes = []
    for where, code, keys, field in SITES:
        if code not in MESSAGES:
            continue  # test_messages checks that every code has a text
        err = DomainError(code, "date" if field else None, **{k: "x" for k in keys})
        for lang in ("zh", "en"):
            wanted = placeholders(MESSAGES[code][0 if lang == "zh" else 1])
            text = render_error(err, lang)
            if "—" in text and "—" not in MESSAGES[code][0 if lang == "zh" else 1]:
                holes.append(f"{where} {code} ({lang}): {sorted(wanted - keys)}")
    assert not holes, "messages with a dash where a value belongs:\n" + "\n".join(holes)


@pytest.mark.parametrize(
    ("err", "zh", "en"),
    [
        (DomainError("E_DATE_FORMAT", "ends_at", value="2025-02-30 10:00"), "结束时间", "end time"),
        (
            DomainError("E_NUMBER_INVALID", "resolutions[1].votes_for", row=1, value="-1"),
            "“赞成票”",
            "“votes for”",
        ),
        (
            DomainError("E_ROLE_NOT_ON_ROLL", "chair_id", name="壬", date="2025-06-10", status="x"),
            "不能担任主持人",
            "cannot be the chair",
        ),
        (DomainError("E_FIELD_REQUIRED", "exit_kind"), "请填写“出党方式”", "“exit kind”"),
        (
            DomainError("E_FIELD_UNKNOWN", "id", fields="id"),
            "不认识的栏目“id”",
            "Unknown field “id”",
        ),
        (DomainError("E_DATE_FORMAT", "as_of", value="2025-02-30"), "统计截止日", "as-of date"),
    ],
)
def test_render_error_names_the_field(err, zh, en):
    assert zh in render_error(err, "zh") and "—" not in render_error(err, "zh")
    assert en in render_error(err, "en") and "—" not in render_error(err, "en")


def test_cli_report_error_names_the_field(capsys):
    from ztclient.cli.main import report_error

    errors = ValidationErrors(
        [
            DomainError("E_DATE_FORMAT", "ends_at", value="2025-02-30 10:00"),
            DomainError("E_NUMBER_INVALID", "resolutions[1].votes_for", row=1, value="-1"),
            DomainError(
                "E_ROLE_NOT_MEMBER", "chair_id", name="壬", date="2025-06-10", category="x"
            ),
        ]
    )
    report_error("zh", errors, False)
    err = capsys.readouterr().err
    assert "—" not in err, err
    assert "“结束时间”" in err and "“赞成票”" in err and "不能担任主持人" in err
    report_error("en", DomainError("E_FIELD_REQUIRED", "exit_kind", row=1), False)
    err = capsys.readouterr().err
    assert "Please fill in “exit kind”" in err and "row 1" in err, err


def test_cli_warnings_name_the_field():
    """Warnings printed after a write (development, dues) go through the same filling."""
    from argparse import Namespace

    from ztclient.cli import commands_development, commands_dues
    from ztclient.cli.main import Ctx

    ctx = Ctx(Namespace(lang="zh", json=True), app=None)
    warning = DomainError("E_FIELD_REQUIRED", "exit_kind")
    assert commands_development._warnings(ctx, [warning])[0]["message"] == "请填写“出党方式”"
    assert commands_dues._warnings(ctx, [warning])[0]["message"] == "请填写“出党方式”"
