"""Every XLSX report read back with openpyxl (cells, types, print setup, provenance) and opened
by LibreOffice headless without complaint."""

from __future__ import annotations

from datetime import datetime

import openpyxl
import pytest
import sample_docs as s

from conftest import run
from ztclient.infra.documents.composition_xlsx import write_composition
from ztclient.infra.documents.ledger_xlsx import write_meeting_ledger
from ztclient.infra.documents.roster_xlsx import COLUMNS, write_roster
from ztclient.infra.documents.study_xlsx import write_study_hours

WRITERS = {
    "roster": (write_roster, lambda: s.roster(40), "党员花名册"),
    "ledger": (write_meeting_ledger, s.ledger, "台账汇总"),
    "study": (write_study_hours, s.study, "学时统计"),
    "composition": (write_composition, s.composition, "构成统计"),
}


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    d = tmp_path_factory.mktemp("xlsx")
    paths = {}
    for kind, (write, make, _sheet) in WRITERS.items():
        paths[kind] = d / f"{kind}.xlsx"
        write(make(), paths[kind])
    return paths


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_common_layout(kind, books):
    _w, make, sheet = WRITERS[kind]
    wb = openpyxl.load_workbook(books[kind])
    assert wb.sheetnames[0] == sheet and wb.sheetnames[-1] == "说明"
    ws = wb[sheet]
    assert ws.freeze_panes == "A4"
    assert ws.print_title_rows == "$3:$3"
    assert ws.page_setup.paperSize in ("9", 9)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    # one page wide, as many pages tall as it takes (fitToWidth omitted is 1, the OOXML default)
    assert (ws.page_setup.fitToWidth or 1) == 1 and ws.page_setup.fitToHeight == 0
    assert ws.print_options.gridLines and ws.print_options.horizontalCentered
    assert "A1" in {str(r).split(":")[0] for r in ws.merged_cells.ranges}
    assert all(ws.column_dimensions[c].width >= 4 for c in "ABC")
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    info = dict(wb["说明"].iter_rows(min_row=2, values_only=True))
    prov = make().provenance
    assert info["制表单位"] == prov.unit_name
    assert isinstance(info["制表时间"], datetime)
    draft = prov.is_draft
    assert (info["数据状态"] == "草稿") is draft
    assert ("草稿" in ws["A1"].value) is draft
    if not draft:
        assert "已与中心服务器同步确认" in info["数据来源"]


def test_roster_cells_and_types(books, tmp_path):
    doc = s.roster(40)
    ws = openpyxl.load_workbook(books["roster"])["党员花名册"]
    headers = [c.value for c in ws[3]]
    assert headers == [h for h, _ in COLUMNS]
    first = {h: c for h, c in zip(headers, ws[4], strict=True)}
    row = doc.rows[0]
    assert first["姓名"].value == s.RARE_NAME
    assert first["出生日期"].is_date and first["出生日期"].value.date() == row.birth_date
    assert first["出生日期"].number_format == "yyyy-mm-dd"
    assert first["入党日期"].is_date
    idc = first["公民身份号码"]
    assert idc.data_type == "s" and idc.value == row.id_number[:4] + "*" * 10 + row.id_number[-4:]
    assert ws.max_row == 3 + len(doc.rows)
    # Full numbers only when asked, and still text
    write_roster(s.roster(40, full=True), tmp_path / "full.xlsx")
    ws2 = openpyxl.load_workbook(tmp_path / "full.xlsx")["党员花名册"]
    assert ws2.cell(4, headers.index("公民身份号码") + 1).value == row.id_number
    assert ws2.cell(4, headers.index("公民身份号码") + 1).data_type == "s"


def test_roster_draft_is_marked(tmp_path):
    write_roster(s.roster(5, source="draft"), tmp_path / "d.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "d.xlsx")
    ws = wb["党员花名册"]
    assert ws["A1"].value.endswith("（草稿）")
    assert "尚未与中心服务器同步确认" in ws["A2"].value
    assert "草稿" in ws.oddHeader.right.text


def test_aware_made_at_is_written_as_local_time(tmp_path):
    from dataclasses import replace
    from datetime import UTC

    doc = s.roster(3)
    made = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)
    write_roster(
        replace(doc, provenance=replace(doc.provenance, made_at=made)), tmp_path / "a.xlsx"
    )
    info = dict(
        openpyxl.load_workbook(tmp_path / "a.xlsx")["说明"].iter_rows(min_row=2, values_only=True)
    )
    assert info["制表时间"] == made.astimezone().replace(tzinfo=None)


def test_ledger_counts_and_gaps(books):
    wb = openpyxl.load_workbook(books["ledger"])
    ws = wb["台账汇总"]
    rows = {(r[0], r[1], r[2]): r for r in ws.iter_rows(min_row=4, values_only=True)}
    lecture = rows[("第一党支部", None, "党课")]
    assert lecture[-1] == "第1季度、第3季度" and lecture[-2] == 2
    general = rows[("第一党支部", None, "支部党员大会")]
    assert general[-2] == 0  # Q4 has not ended on 2026-11-23: not missing
    group2 = rows[("第二党支部", "第一党小组", "党小组会")]
    assert group2[-1] == "2月、4月、6月、8月、10月"
    assert ("第一党支部", None, "党小组会") not in rows  # groups meet, not the branch
    gaps = list(wb["缺项清单"].iter_rows(min_row=4, values_only=True))
    assert len(gaps) == 2 + 5 + 2  # two lectures per branch, five group months
    detail = wb["会议明细"]
    assert detail.cell(4, 5).is_date
    assert detail.max_row == 3 + sum(1 for m in s.ledger().meetings)


def test_study_hours_against_target(books):
    ws = openpyxl.load_workbook(books["study"])["学时统计"]
    rows = {r[2]: r for r in ws.iter_rows(min_row=4, values_only=True) if r[2]}
    rare = rows[s.RARE_NAME]
    assert rare[-5:] == (24.5, 24.5, 32, 7.5, "否")
    assert rows["王建国"][-5:] == (60, 60, 56, 0, "是")


def test_study_hours_in_an_unlisted_form_still_add_up(tmp_path):
    from dataclasses import replace

    doc = s.study()
    rows = (replace(doc.rows[0], hours_by_form=(("集体学习", 10), ("实践锻炼", 4))),)
    write_study_hours(replace(doc, rows=rows), tmp_path / "h.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "h.xlsx")["学时统计"]
    header = [c.value for c in ws[3]]
    line = dict(zip(header, [c.value for c in ws[4]], strict=True))
    assert (
        line["其他形式"] == 4
        and line["集体学习"] == 10
        and line["全部学时"] == 14
        and line["计入学时"] == 14
    )


def test_composition_shares_and_gaps(books, tmp_path):
    ws = openpyxl.load_workbook(books["composition"])["构成统计"]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert rows[0][:3] == ("总数", None, 23)
    male = next(r for r in rows if r[1] == "男")
    assert male[2] == 14 and abs(male[3] - 14 / 23) < 1e-9
    assert not any(r[1] == "未填写或无法归类" for r in rows)
    from dataclasses import replace

    doc = s.composition()
    short = replace(doc, dimensions=(("性别", (("男", 14), ("女", 7))),))
    write_composition(short, tmp_path / "c.xlsx")
    rows = list(
        openpyxl.load_workbook(tmp_path / "c.xlsx")["构成统计"].iter_rows(
            min_row=4, values_only=True
        )
    )
    assert rows[-1][:3] == (None, "未填写或无法归类", 2)


def test_libreoffice_opens_every_workbook(books, tmp_path):
    """LibreOffice headless converts each XLSX to PDF without an error message."""
    files = [str(p) for p in books.values()]
    # A private profile: another LibreOffice running on the machine (or a parallel test) holds
    # the default profile's lock and would make this conversion a silent no-op.
    profile = (tmp_path / "lo-profile").as_uri()
    out = run(
        "soffice",
        f"-env:UserInstallation={profile}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(tmp_path),
        *files,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    noise = [ln for ln in out.stderr.splitlines() if ln.strip() and "javaldx" not in ln]
    assert not noise, "\n".join(noise)
    for p in books.values():
        pdf = tmp_path / (p.stem + ".pdf")
        assert pdf.exists() and pdf.stat().st_size > 1000, f"{p.name} did not convert"
