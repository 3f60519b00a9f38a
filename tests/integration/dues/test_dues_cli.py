"""``ztclient-cli dues`` as a separate process: the rate at the band edges, coded refusals with
exit 4, the monthly collection and an approval from the command line."""

from __future__ import annotations

import json
from functools import partial

import pytest
from tests.helpers import run_cli, run_cli_ok

EDGES = [
    ("在职", "3000.00", "15.00", "0.005"),
    ("在职", "3000.01", "30.00", "0.01"),
    ("employed", "5000.00", "50.00", "0.01"),
    ("employed", "5000.01", "75.00", "0.015"),
    ("在职", "10000.00", "150.00", "0.015"),
    ("在职", "10000.01", "200.00", "0.02"),
    ("退休", "5000.00", "25.00", "0.005"),
    ("离退休", "5000.01", "50.00", "0.01"),
]


def test_rate_at_every_band_edge_without_a_unit(tmp_path):
    """No unit in the folder: the table shipped with the program, no passphrase asked."""
    for kind, income, monthly, rate in EDGES:
        out = run_cli(
            tmp_path / "none", "dues", "rate", "--kind", kind, "--income", income, "--json",
            passphrase=None,
        )  # fmt: skip
        assert out.returncode == 0, out.stderr
        got = json.loads(out.stdout)
        assert (got["monthly"], got["rate"], got["income"]) == (monthly, rate, income)
    text = run_cli(tmp_path / "none", "dues", "rate", "--kind", "在职", "--income", "4500",
                   passphrase=None).stdout  # fmt: skip
    assert text.strip() == "在职 4500.00 → 1% → 45.00"
    student = json.loads(
        run_cli(tmp_path / "none", "dues", "rate", "--kind", "学生", "--json").stdout
    )
    assert (student["monthly"], student["rate"]) == ("0.20", None)


@pytest.mark.parametrize(
    "args,code",
    [
        (["--kind", "在职", "--income", "45OO"], "E_DUES_AMOUNT_FORMAT"),
        (["--kind", "在职", "--income", "-3"], "E_DUES_AMOUNT_FORMAT"),
        (["--kind", "宇航员", "--income", "3000"], "E_CODE_UNKNOWN"),
        (["--kind", "在职"], "E_FIELD_REQUIRED"),
        (["--kind", "农民", "--monthly", "2"], "E_DUES_RANGE"),
    ],
)
def test_rate_refusals(tmp_path, args, code):
    out = run_cli(tmp_path / "none", "dues", "rate", *args, passphrase=None)
    assert out.returncode == 4 and code in out.stderr
    assert "Traceback" not in out.stderr


def test_collection_and_approval(tmp_path):
    data = tmp_path / "data"

    def cli(*args, ok=True):
        out = run_cli(data, *args)
        if ok:
            assert out.returncode == 0, out.stdout + out.stderr
        return out

    cli("init", "--unit-name", "中共测试支部委员会", "--unit-code", "3301")
    members = tmp_path / "m.json"
    people = [{"name": n, "gender": "男", "category": "full", "join_date": "2001-07-01",
               "full_member_date": "2002-07-01"} for n in ("甲一", "乙二", "丙三")]  # fmt: skip
    members.write_text(json.dumps(people, ensure_ascii=False), encoding="utf-8")
    cli("members", "add", "--from-json", str(members))
    for n in ("甲一", "乙二", "丙三"):
        cli("dues", "base", "set", n, "--year", "2025", "--kind", "在职", "--income", "3000")
    cli("dues", "approve", "丙三", "--kind", "exempt", "--from", "2025-01", "--to", "2025-12",
        "--approved-on", "2025-01-10", "--approver", "第一党支部委员会", "--reason", "大病")  # fmt: skip
    batch = tmp_path / "collect.json"
    items = [{"member": n, "month": "2025-01", "months": 3, "amount": "45", "paid_on": "2025-03-28",
              "way": "现金"} for n in ("甲一", "乙二", "丙三")]  # fmt: skip
    batch.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    refused = cli("dues", "collect", "--from-json", str(batch), "--json", ok=False)
    assert refused.returncode == 4
    errors = json.loads(refused.stdout)["error"]["errors"]
    assert [(e["code"], e["params"]["row"]) for e in errors] == [("E_DUES_MONTH_EXEMPT", 3)]
    batch.write_text(json.dumps(items[:2], ensure_ascii=False), encoding="utf-8")
    ids = json.loads(cli("dues", "collect", "--from-json", str(batch), "--json").stdout)["ids"]
    assert len(ids) == 2
    led = json.loads(cli("dues", "ledger", "--year", "2025", "--as-of", "2025-03-31",
                         "--json").stdout)  # fmt: skip
    by = {m["name"]: m for m in led["members"]}
    assert by["甲一"]["months"]["03"] == "paid" and by["甲一"]["arrears_months"] == 0
    assert by["丙三"]["months"]["01"] == "exempt" and by["丙三"]["months_due"] == 0
    assert led["totals"]["paid"] == "90.00" and led["totals"]["due"] == "90.00"


def test_a_back_payment_over_six_months_is_recorded_and_said(tmp_path):
    """补交 of more than six months: the payment stands (a norm, not a rule), the CLI says so."""
    data = tmp_path / "data"
    assert (
        run_cli(data, "init", "--unit-name", "中共测试支部委员会", "--unit-code", "3302").returncode
        == 0
    )
    members = tmp_path / "m.json"
    members.write_text(json.dumps([{"name": "甲一", "gender": "男", "category": "full",
        "join_date": "2001-07-01", "full_member_date": "2002-07-01"}], ensure_ascii=False),
        encoding="utf-8")  # fmt: skip
    assert run_cli(data, "members", "add", "--from-json", str(members)).returncode == 0
    assert run_cli(data, "dues", "base", "set", "甲一", "--year", "2025", "--kind", "在职",
                   "--income", "3000").returncode == 0  # fmt: skip
    r = run_cli(data, "dues", "pay", "甲一", "--month", "2025-01", "--months", "8",
                "--amount", "120", "--paid-on", "2025-10-20", "--json")  # fmt: skip
    assert r.returncode == 0, r.stdout + r.stderr
    [warn] = json.loads(r.stdout)["warnings"]
    assert warn["code"] == "W_DUES_BACK_PAY" and warn["params"]["count"] == 8
    assert "补交8个月（自2025-01起）" in warn["message"]
    r = run_cli(data, "dues", "pay", "甲一", "--month", "2025-09", "--months", "2",
                "--amount", "30", "--paid-on", "2025-10-20", "--json")  # fmt: skip
    assert r.returncode == 0 and json.loads(r.stdout)["warnings"] == []


def test_a_collection_names_each_back_payment_over_six_months(tmp_path):
    """补交 in a collection: each member whose payment reaches more than six months back before
    the month it is paid in is named (not numbered), and every payment is recorded. By hand,
    paid on 2025-09-20 (September is this month): 甲一 March–August is six back (the limit,
    silent); 乙二 February–August is seven back; 丙三 January–December is eight back and four
    ahead, with 1,000.00 voluntary extra (the 一次性多交 of the ledger's 补充资料)."""
    data = tmp_path / "data"

    cli = partial(run_cli_ok, data)

    cli("init", "--unit-name", "中共测试支部委员会", "--unit-code", "3303")
    members = tmp_path / "m.json"
    people = [{"name": n, "gender": "男", "category": "full", "join_date": "2001-07-01",
               "full_member_date": "2002-07-01"} for n in ("甲一", "乙二", "丙三", "丁四")]  # fmt: skip
    members.write_text(json.dumps(people, ensure_ascii=False), encoding="utf-8")
    cli("members", "add", "--from-json", str(members))
    for n in ("甲一", "乙二", "丙三", "丁四"):
        cli("dues", "base", "set", n, "--year", "2025", "--kind", "在职", "--income", "3000")
    batch = tmp_path / "collect.json"
    items = [
        {"member": "甲一", "month": "2025-03", "months": 6, "amount": "90", "paid_on": "2025-09-20"},
        {"member": "乙二", "month": "2025-02", "months": 7, "amount": "105",
         "paid_on": "2025-09-20"},
        {"member": "丙三", "month": "2025-01", "months": 12, "amount": "1180", "extra": True,
         "paid_on": "2025-09-20"},
    ]  # fmt: skip
    batch.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    out = json.loads(cli("dues", "collect", "--from-json", str(batch), "--json").stdout)
    assert len(out["ids"]) == 3  # a norm: recorded all the same
    said = [(w["code"], w["params"]["name"], w["params"]["count"], w["params"]["first"])
            for w in out["warnings"]]  # fmt: skip
    assert said == [
        ("W_DUES_BACK_PAY", "乙二", 7, "2025-02"),
        ("W_DUES_BACK_PAY", "丙三", 8, "2025-01"),
    ]
    assert out["warnings"][0]["message"].startswith(
        "乙二：补交7个月（自2025-02起），超过一般不超过6个月"
    )
    assert "row" not in out["warnings"][0]["params"]
    # the text output says it on a line of its own
    batch.write_text(json.dumps([{"member": "丁四", "month": "2025-01", "months": 7,
                                  "amount": "105", "paid_on": "2025-08-01"}],
                                ensure_ascii=False), encoding="utf-8")  # fmt: skip
    lines = cli("dues", "collect", "--from-json", str(batch)).stdout.splitlines()
    assert lines[0] == "已添加 1 条记录。"
    assert lines[1].startswith("提示 W_DUES_BACK_PAY: 丁四：补交7个月（自2025-01起）")
    # the ledger's 补充资料: everyone paid late (补交), 丙三 made one payment of 1,000.00 extra
    ledger = json.loads(
        cli("dues", "ledger", "--year", "2025", "--as-of", "2025-09-30", "--json").stdout
    )
    assert ledger["supplementary"] == {"on_time": 0, "reduced": 0, "exempt": 0, "one_off_extra": 1}
    text = cli("dues", "ledger", "--year", "2025", "--as-of", "2025-09-30").stdout
    assert text.splitlines()[-1] == (
        "补充资料：能够按时按标准交纳党费的党员 0 名，经批准少交党费的党员 0 名，"
        "免交党费的党员 0 名，自愿一次性多交纳1000元以上党费的 1 名。"
    )


def test_a_base_changed_from_july_on_the_command_line(tmp_path):
    """5,000 from January (1 % → 50.00), 8,000 from July (1.5 % → 120.00): as of 31 December
    the year owes 6 × 50 + 6 × 120 = 1,020.00; a month outside the year is refused (exit 4)."""
    data = tmp_path / "data"
    assert (
        run_cli(data, "init", "--unit-name", "中共测试支部委员会", "--unit-code", "3303").returncode
        == 0
    )
    members = tmp_path / "m.json"
    members.write_text(json.dumps([{"name": "甲一", "gender": "男", "category": "full",
                                    "join_date": "2001-07-01", "full_member_date": "2002-07-01"}],
                                  ensure_ascii=False), encoding="utf-8")  # fmt: skip
    run_cli_ok(data, "members", "add", "--from-json", str(members))
    base = ("dues", "base", "set", "甲一", "--year", "2025", "--kind", "在职")
    run_cli_ok(data, *base, "--income", "5000")
    out = json.loads(
        run_cli_ok(data, *base, "--income", "8000", "--from", "2025年7月", "--json").stdout
    )
    assert (out["monthly"], out["from_month"]) == ("120.00", "2025-07")
    refused = run_cli(data, *base, "--income", "8000", "--from", "2026-07", "--json")
    assert refused.returncode == 4
    assert json.loads(refused.stdout)["error"]["code"] == "E_DUES_BASE_MONTH"
    led = json.loads(run_cli_ok(data, "dues", "ledger", "--year", "2025", "--as-of",
                                "2025-12-31", "--json").stdout)  # fmt: skip
    (line,) = led["members"]
    assert (line["monthly"], line["due"], line["arrears"]) == ("120.00", "1020.00", "1020.00")
    assert led["totals"]["by_month"]["06"]["due"] == "50.00"
    assert led["totals"]["by_month"]["07"]["due"] == "120.00"


def test_a_mistaken_base_is_voided_on_the_command_line(tmp_path):
    """`dues base void 甲一 --year 2025 --from 2025-07 --reason …`: the July base entered by
    mistake is voided; the year falls back to 50.00 a month (12 × 50 = 600.00). Without a
    reason, or for a month without a base, it is refused with exit 4."""
    data = tmp_path / "data"
    run_cli_ok(data, "init", "--unit-name", "中共测试支部委员会", "--unit-code", "3303")
    members = tmp_path / "m.json"
    members.write_text(json.dumps([{"name": "甲一", "gender": "男", "category": "full",
                                    "join_date": "2001-07-01", "full_member_date": "2002-07-01"}],
                                  ensure_ascii=False), encoding="utf-8")  # fmt: skip
    run_cli_ok(data, "members", "add", "--from-json", str(members))
    base = ("dues", "base", "set", "甲一", "--year", "2025", "--kind", "在职")
    run_cli_ok(data, *base, "--income", "5000")
    july = json.loads(
        run_cli_ok(data, *base, "--income", "8000", "--from", "2025-07", "--json").stdout
    )["id"]
    void = ("dues", "base", "void", "甲一", "--year", "2025", "--from", "2025-07")
    refused = run_cli(data, *void, "--reason", " ", "--json")
    assert refused.returncode == 4
    assert json.loads(refused.stdout)["error"]["code"] == "E_FIELD_REQUIRED"
    out = json.loads(run_cli_ok(data, *void, "--reason", "误录", "--json").stdout)
    assert out == {"ok": True, "id": july, "from_month": "2025-07"}
    again = run_cli(data, *void, "--reason", "误录", "--json")  # no live base from July now
    assert again.returncode == 4
    assert json.loads(again.stdout)["error"]["code"] == "E_NOT_FOUND"
    led = json.loads(run_cli_ok(data, "dues", "ledger", "--year", "2025", "--as-of",
                                "2025-12-31", "--json").stdout)  # fmt: skip
    assert (led["members"][0]["monthly"], led["members"][0]["due"]) == ("50.00", "600.00")


def test_an_unknown_kind_lists_the_kinds(tmp_path):
    """`--kind 宇航员` answered "请从列表中选择" with no list in sight: the CLI now prints the
    kinds of the table in force (Chinese label and code), and `--help` names them."""
    out = run_cli(tmp_path / "none", "dues", "rate", "--kind", "宇航员", "--income", "3000",
                  passphrase=None)  # fmt: skip
    assert out.returncode == 4 and "E_CODE_UNKNOWN" in out.stderr
    for choice in ("在职（employed）", "离退休（retired）", "农民（farmer）", "学生（student）"):
        assert choice in out.stderr
    assert "可选" in out.stderr
    for action in (("rate",), ("base", "set")):
        help_text = run_cli(tmp_path / "none", "dues", *action, "--help", passphrase=None).stdout
        assert "在职" in help_text and "离退休" in help_text and "employed" in help_text
