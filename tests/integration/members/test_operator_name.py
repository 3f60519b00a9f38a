"""经办人 (services/operator.py): the audit trail and each report's 制表人 name the person set on
this device; before one is set the trail says clerk and 制表人 is blank (an XLSX read back)."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from tests.helpers import PASSPHRASE, run_cli

from ztclient.domain.errors import DomainError


def _audit(session) -> list[dict]:
    return session.store.read("SELECT actor, action, object FROM audit ORDER BY seq")


def _prepared_by(session, tmp_path, name: str) -> str | None:
    out = tmp_path / name
    session.reports.export_roster(out)
    rows = load_workbook(out)["说明"].iter_rows(values_only=True)
    return {r[0]: r[1] for r in rows if r and r[0]}.get("制表人")


def test_the_trail_and_the_reports_name_the_person_set(unit, tmp_path):
    app, session, _code = unit
    branch = session.store.get_meta("test_branch_id")
    assert session.operator.name() == "" and session.journal.actor == "clerk"
    assert _prepared_by(session, tmp_path, "before.xlsx") in (None, "")

    assert session.operator.set("  李 文华 ") == "李文华"
    last = _audit(session)[-1]
    assert last == {"actor": "李文华", "action": "unit.operator_set", "object": "李文华"}
    session.members.add({"org_id": branch, "name": "张三", "gender": "1", "category": "applicant"})
    assert _audit(session)[-1]["actor"] == "李文华"
    assert _prepared_by(session, tmp_path, "after.xlsx") == "李文华"
    session.close()

    reopened = app.unlock(PASSPHRASE)
    try:
        assert reopened.operator.name() == "李文华" and reopened.journal.actor == "李文华"
        count = len(_audit(reopened))
        assert reopened.operator.set("李文华") == "李文华"  # the same name writes nothing
        assert len(_audit(reopened)) == count
        reopened.operator.set("王建国")
        assert _audit(reopened)[-1]["actor"] == "王建国"
        assert reopened.verify() == []  # the keyed chain holds across the names
    finally:
        reopened.close()


@pytest.mark.parametrize(
    "value,reason",
    [("", "empty"), ("　 ", "empty"), ("一" * 21, "long"), ("李\x00文华", "control"),
     ("李\u200e文华", "control")],
)  # fmt: skip
def test_a_name_that_will_not_do_is_refused_and_nothing_is_written(unit, value, reason):
    _app, session, _code = unit
    session.operator.set("李文华")
    count = len(_audit(session))
    with pytest.raises(DomainError) as err:
        session.operator.set(value)
    assert err.value.code == "E_OPERATOR_NAME" and err.value.params["reason"] == reason
    assert session.operator.name() == "李文华" and session.journal.actor == "李文华"
    assert len(_audit(session)) == count


def test_the_command_line_shows_and_sets_it(unit):
    app, session, _code = unit
    session.close()
    shown = run_cli(app.data_dir, "operator")
    assert shown.returncode == 0 and "还没有设置经办人" in shown.stdout
    assert run_cli(app.data_dir, "operator", "--set", "赵磊").stdout.strip() == "经办人：赵磊"
    assert '"name": "赵磊"' in run_cli(app.data_dir, "operator", "--json").stdout
    refused = run_cli(app.data_dir, "operator", "--set", "")
    assert refused.returncode == 4 and "E_OPERATOR_NAME" in refused.stderr
    assert "1到20个字" in refused.stderr


def test_the_development_record_s_filled_in_by_line_names_them(unit, tmp_path):
    """发展党员纪实表 printed to PDF and read back with poppler: 填表人 is the 经办人."""
    import subprocess

    _app, session, _code = unit
    branch = session.store.get_meta("test_branch_id")
    member, _ = session.members.add(
        {"org_id": branch, "name": "张三", "gender": "1", "category": "applicant"}
    )

    def filled_in_by(name: str) -> str:
        out = tmp_path / name
        session.development_docs.print_record(member, out)
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
        return next(line for line in text.splitlines() if "填表人" in line)

    assert "李文华" not in filled_in_by("before.pdf")
    session.operator.set("李文华")
    assert "填表人：李文华" in filled_in_by("after.pdf").replace(" ", "")


def test_a_unit_made_with_a_name_names_them_from_its_first_entry(app):
    """First run with the 经办人 given (the wizard's field, ``init --operator``): the name is set
    before the root organisation is written, so no entry a person made says clerk (the first
    entry, the chain's key, is the program's own when it opens the new file)."""
    session, _code = app.create_unit("中共测试街道工作委员会", "3301060001", PASSPHRASE,
                                     operator_name=" 李 文华 ")  # fmt: skip
    try:
        trail = _audit(session)
        assert [(e["actor"], e["action"]) for e in trail] == [
            ("clerk", "audit.keyed"),
            ("李文华", "unit.operator_set"),
            ("李文华", "org.create"),
        ]
        assert session.operator.name() == "李文华" and session.verify() == []
    finally:
        session.close()


def test_a_name_that_will_not_do_stops_the_first_run_before_any_file(app):
    with pytest.raises(DomainError) as err:
        app.create_unit("中共测试街道工作委员会", "3301060001", PASSPHRASE, operator_name="一" * 21)
    assert err.value.code == "E_OPERATOR_NAME"
    assert app.state() == "empty" and not any(app.data_dir.glob("*"))


def test_init_takes_the_name_and_refuses_a_bad_one_before_the_passphrase(tmp_path):
    data = tmp_path / "data"
    refused = run_cli(data, "init", "--unit-name", "中共测试", "--unit-code", "1",
                      "--operator", "李\x07文华")  # fmt: skip
    assert refused.returncode == 4 and "E_OPERATOR_NAME" in refused.stderr
    assert not data.exists() or not any(data.iterdir())
    made = run_cli(data, "init", "--unit-name", "中共测试", "--unit-code", "1",
                   "--operator", "赵磊")  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert run_cli(data, "operator").stdout.strip() == "经办人：赵磊"
    from ztclient.bootstrap import App

    number = App(data).recovery_number()  # the code's 恢复码编号, printed beside it once
    assert f"恢复码编号：{number}" in made.stdout and len(number) == 9
