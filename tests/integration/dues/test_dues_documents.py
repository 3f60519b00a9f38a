"""The ledger XLSX read back (openpyxl, and LibreOffice against ``dues ledger --json``) and the
receipt PDF read back (pdftotext, pdffonts, pdftoppm). Figures in the assertions by hand."""

from __future__ import annotations

import csv
import json
import subprocess
from decimal import Decimal
from functools import partial

import openpyxl
import pytest
from tests.helpers import run_cli, run_cli_ok
from tests.integration.documents.conftest import need
from tests.integration.dues import dues_samples as samples
from tests.integration.dues.conftest import add_member


def test_ledger_xlsx_cells(tmp_path):
    from ztclient.infra.documents.dues_ledger_xlsx import write_dues_ledger

    out = tmp_path / "dues.xlsx"
    write_dues_ledger(samples.ledger(), out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["党费收缴台账", "按月汇总", "说明"]
    ws = wb["党费收缴台账"]
    assert ws["A1"].value == "2025年度党费收缴台账（草稿）"
    head = [c.value for c in ws[3]]
    assert head[:6] == ["序号", "党支部", "姓名", "交纳类别", "计算基数（元）", "月交纳额（元）"]
    assert head[6] == "1月" and head[17] == "12月"
    assert head[18:] == ["应交月数", "应交金额", "实交金额", "其中自愿多交", "欠交月数", "欠交金额"]
    zhang = [c.value for c in ws[4]]
    assert zhang[2] == samples.RARE_NAME
    assert zhang[5] == 45 and zhang[6] == 45 and zhang[15] == 45  # October paid
    assert zhang[16] is None and zhang[17] is None  # November, December owed
    assert ws.cell(4, 17).fill.fgColor.rgb.endswith("FCE4D6")  # shaded: owed
    assert zhang[18:] == [12, 540, 450, 0, 2, 90]
    total = [c.value for c in ws[6]]
    assert total[0] == "合计" and total[2] == "2人"
    assert total[6] == 70 and total[16] == 25  # November: only 李红 paid
    assert total[18:] == [24, 840, 1750, 1000, 2, 90]
    assert ws.freeze_panes == "A4"
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$3:$3"
    month = wb["按月汇总"]
    rows = [[c.value for c in r] for r in month.iter_rows(min_row=4)]
    assert rows[0] == ["1月", 70, 70, 0]
    assert rows[11] == ["12月", 70, 25, 45]
    assert rows[12] == ["合计", 840, 750, 90]
    assert rows[13][0] == "自愿多交（不分月）" and rows[13][2] == 1000
    assert rows[14][0] == "实交总额" and rows[14][2] == 1750
    assert rows[15] == [None, None, None, None]
    assert rows[16][0] == "补充资料（2025-12-31在本单位的党员）"
    assert rows[17:21] == [
        ["能够按时按标准交纳党费的党员", None, None, 1],
        ["经批准少交党费的党员", None, None, 0],
        ["免交党费的党员", None, None, 0],
        ["自愿一次性多交纳1000元以上党费的党员", None, None, 1],
    ]
    assert month.max_row == 3 + 21


def test_receipt_pdf(tmp_path, bundled_fonts):
    from ztclient.infra.documents.dues_receipt_pdf import render_dues_receipt

    pdf = tmp_path / "r.pdf"
    report = render_dues_receipt(samples.receipt(), pdf, bundled_fonts)
    assert report.pages == 1 and report.missing_glyphs == ()
    text = subprocess.run(
        [need("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    assert text.count("党费收据") == 2  # stub and member's copy
    assert "第一联" in text and "第二联" in text
    assert text.count("人民币肆佰伍拾元整") == 2
    assert text.count("No. 2025-00017") == 2
    assert "2025年1月至10月（共10个月）" in text and "¥450.00" in text and "¥45.00" in text
    assert samples.RARE_NAME in text
    assert "4500" not in text  # the income never leaves the office on a receipt
    fonts = subprocess.run([need("pdffonts"), str(pdf)], capture_output=True, text=True).stdout
    assert "Helvetica" not in fonts
    assert all(" yes " in line for line in fonts.splitlines()[2:])  # every font embedded
    subprocess.run(
        [need("pdftoppm"), "-r", "30", "-png", str(pdf), str(tmp_path / "p")], check=True
    )
    assert (tmp_path / "p-1.png").stat().st_size > 2000


@pytest.fixture
def clerk_unit(tmp_path):
    """A unit made and filled through ztclient-cli, as a clerk would."""
    data = tmp_path / "data"

    cli = partial(run_cli_ok, data)

    cli("init", "--unit-name", "中共测试支部委员会", "--unit-code", "3301")
    members = tmp_path / "m.json"
    members.write_text(
        json.dumps(
            [
                {"name": "张三", "gender": "男", "category": "full", "join_date": "2001-07-01",
                 "full_member_date": "2002-07-01"},
                {"name": "李四", "gender": "女", "category": "full", "join_date": "2010-07-01",
                 "full_member_date": "2011-07-01"},
                {"name": "王五", "gender": "男", "category": "probationary",
                 "join_date": "2025-04-08"},
            ],
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )  # fmt: skip
    cli("members", "add", "--from-json", str(members))
    cli("dues", "base", "set", "张三", "--year", "2025", "--kind", "在职", "--income", "4500")
    cli("dues", "base", "set", "李四", "--year", "2025", "--kind", "离退休", "--income", "5000.01")
    cli("dues", "base", "set", "王五", "--year", "2025", "--kind", "学生")
    cli("dues", "pay", "张三", "--month", "2025-01", "--months", "10", "--amount", "450",
        "--paid-on", "2025-10-20")  # fmt: skip
    cli("dues", "pay", "李四", "--month", "2025-01", "--months", "12", "--amount", "1600",
        "--paid-on", "2025-12-01", "--extra", "--way", "线上缴费")  # fmt: skip
    return data, cli


def test_paying_a_paid_month_again_exits_4(clerk_unit):
    data, _cli = clerk_unit
    out = run_cli(data, "dues", "pay", "张三", "--month", "2025-10", "--amount", "45",
                  "--paid-on", "2025-11-02")  # fmt: skip
    assert out.returncode == 4
    assert "E_DUES_MONTH_PAID" in out.stderr and "2025-10的党费已经交过" in out.stderr
    out = run_cli(data, "dues", "pay", "张三", "--month", "2025-11", "--amount", "40",
                  "--paid-on", "2025-11-02", "--json")  # fmt: skip
    assert out.returncode == 4
    assert json.loads(out.stdout)["error"]["code"] == "E_DUES_AMOUNT_SHORT"


def test_libreoffice_reads_the_totals_of_dues_ledger_json(clerk_unit, tmp_path):
    _data, cli = clerk_unit
    ledger = json.loads(cli("dues", "ledger", "--year", "2025", "--as-of", "2025-12-31",
                            "--json").stdout)  # fmt: skip
    t = ledger["totals"]
    # by hand: 张三 12 × 45 = 540 due, 450 paid; 李四 12 × 50 = 600 due, 1,600 paid (1,000
    # extra); 王五 admitted 8 April: May–December, 8 × 0.20 = 1.60 due, nothing paid
    assert (t["due"], t["paid"], t["extra"]) == ("1141.60", "2050.00", "1000.00")
    assert (t["arrears_months"], t["arrears"], t["months_due"]) == (10, "91.60", 32)
    xlsx = tmp_path / "dues.xlsx"
    cli("export", "dues", "--year", "2025", "--as-of", "2025-12-31", "--out", str(xlsx))
    profile = (tmp_path / "lo-profile").as_uri()
    out = subprocess.run(
        [need("soffice"), f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path),
         str(xlsx)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    rows = list(csv.reader((tmp_path / "dues.csv").read_text(encoding="utf-8").splitlines()))
    total = next(r for r in rows if r and r[0] == "合计")
    names = [r[2] for r in rows[3:] if r and r[0].isdigit()]
    assert names == [m["name"] for m in ledger["members"]]

    def money(text: str) -> Decimal:
        return Decimal(text.replace(",", ""))

    assert int(total[18]) == t["months_due"]
    assert money(total[19]) == Decimal(t["due"])
    assert money(total[20]) == Decimal(t["paid"])
    assert money(total[21]) == Decimal(t["extra"])
    assert int(total[22]) == t["arrears_months"]
    assert money(total[23]) == Decimal(t["arrears"])
    for m in range(1, 13):
        assert money(total[5 + m]) == Decimal(t["by_month"][f"{m:02d}"]["paid"])


def _given(data, n: int) -> str:
    """The n-th 2025 receipt number the unit's program gave (its own series mark)."""
    from tests.helpers import PASSPHRASE

    from ztclient.bootstrap import App

    session = App(data).unlock(PASSPHRASE)
    mark = session.store.get_meta("receipt_series")
    session.close()
    return f"2025-{mark}-{n:05d}"


def test_receipt_from_the_cli(clerk_unit, tmp_path):
    data, cli = clerk_unit
    second = _given(data, 2)
    pdf = tmp_path / "receipt.pdf"
    out = json.loads(cli("dues", "receipt", second, "--out", str(pdf), "--json").stdout)
    assert out["pages"] == 1
    text = subprocess.run([need("pdftotext"), str(pdf), "-"], capture_output=True, text=True).stdout
    assert "李四" in text and "人民币壹仟陆佰元整" in text and "¥1000.00" in text
    assert "线上缴费" in text and "2025年1月至12月（共12个月）" in text
    cli("dues", "void", second, "--reason", "录错")
    # a voided payment has no receipt, and is not voided twice: said as voided, not as a
    # record that cannot be found ("可能已被删除或尚未同步" — it is neither)
    for args in (("receipt", second, "--out", str(pdf)),
                 ("void", second, "--reason", "又录错")):  # fmt: skip
        gone = run_cli(data, "dues", *args)
        assert gone.returncode == 4 and "E_VOIDED" in gone.stderr, gone.stderr
        assert "该记录已作废" in gone.stderr
    missing = run_cli(data, "dues", "void", "2025-09999", "--reason", "x")
    assert missing.returncode == 4 and "E_NOT_FOUND" in missing.stderr


def test_the_month_summary_owes_what_the_ledger_owes_when_a_member_paid_beyond_his_death(
    dues_unit, tmp_path
):
    """甲 (retired, 5,000 → 25.00) paid the whole year on 10 January and died on 10 March: he
    owed January and February only. 乙 (the same base) paid nothing and owes all twelve months.
    By hand: 甲 due 50, paid 300, arrears 0; 乙 due 300, arrears 300 in 12 months. Per month,
    what 甲 paid for months after his death is no payment of 乙's: each month owes 乙's 25.00
    (January and February: 50 due, 25 paid, 25 owed; March to December: 25 due, 25 paid — by
    甲 — and 25 owed), 300 in all — the 台账's 欠交 — not 50 (due less paid, netted)."""
    _app, s, branch = dues_unit
    jia = add_member(s, branch, "甲")
    yi = add_member(s, branch, "乙")
    for m in (jia, yi):
        s.dues.set_base(m, 2025, "离退休", income="5000")
    s.dues.pay(jia, "2025-01", "300", "2025-01-10", months=12)
    s.members.record_event(jia, "deceased", "2025-03-10")
    t = s.dues.ledger(2025).to_dict()["totals"]
    assert (t["due"], t["paid"], t["arrears"], t["arrears_months"]) == (
        "350.00", "300.00", "300.00", 12,
    )  # fmt: skip
    assert t["by_month"]["01"] == {"due": "50.00", "paid": "25.00", "arrears": "25.00"}
    assert t["by_month"]["03"] == {"due": "25.00", "paid": "25.00", "arrears": "25.00"}
    out = tmp_path / "dues.xlsx"
    s.dues.export_ledger(2025, out)
    month = openpyxl.load_workbook(out)["按月汇总"]
    rows = [[c.value for c in r] for r in month.iter_rows(min_row=4, max_row=16)]
    assert rows[0] == ["1月", 50, 25, 25]
    assert rows[2] == ["3月", 25, 25, 25]
    assert rows[11] == ["12月", 25, 25, 25]
    assert rows[12] == ["合计", 350, 300, 300]
    ledger = openpyxl.load_workbook(out)["党费收缴台账"]
    assert [c.value for c in ledger[6]][23] == 300  # the 台账's 欠交 合计: the same 300


def test_a_receipt_number_two_devices_both_used_is_said_so(clerk_unit):
    """Receipt numbers are numbered per device: two devices offline could both issue 2025-00002
    (each now has its own series, but a number typed by hand may be used twice),
    and sync brings both payments together (each kept). Looking the number up said E_NOT_FOUND
    ("可能已被删除或尚未同步"); it now says the number names two payments and lists their ids."""
    from tests.helpers import PASSPHRASE

    from ztclient.bootstrap import App
    from ztclient.domain.ids import uuid7

    data, _cli = clerk_unit
    second = _given(data, 2)
    session = App(data).unlock(PASSPHRASE)
    with session.store.transaction() as tx:  # as another device's payment arrives by sync
        row = tx.read_one("SELECT * FROM dues_payments WHERE receipt_no = ?", (second,))
        tx.insert("dues_payments", {**row, "id": uuid7()})
    ids = session.store.column(
        "SELECT id FROM dues_payments WHERE receipt_no = ? ORDER BY id", (second,)
    )
    session.close()
    out = run_cli(data, "dues", "void", second, "--reason", "x")
    assert out.returncode == 4 and "E_DUES_RECEIPT_AMBIGUOUS" in out.stderr, out.stderr
    assert "对应2笔交费" in out.stderr and all(i in out.stderr for i in ids)
    by_id = run_cli(data, "dues", "void", ids[0], "--reason", "重复")
    assert by_id.returncode == 0, by_id.stderr
