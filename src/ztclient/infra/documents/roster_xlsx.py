"""党员花名册 (member roster) as XLSX.

One row per member with real Excel dates and ID numbers as text. ID number, phone and address
are masked (domain/masking.py) unless the clerk asked for full data, which is audited. The headers are ones the roster import reads back, so an exported roster
imports to the same records (tests/integration/documents/test_roster_roundtrip.py).
"""

from __future__ import annotations

import os
from itertools import islice

from ztclient.domain.masking import mask_address, mask_phone
from ztclient.infra.documents.xlsx_common import (
    add_info_sheet,
    fit_widths,
    mask_id,
    new_workbook,
    save,
    start_sheet,
)
from ztclient.services.report_models import RosterDoc, RosterRow

SHEET = "党员花名册"

# (header, RosterRow attribute). The import maps each header back to a members column.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("序号", ""),
    ("姓名", "name"),
    ("性别", "gender"),
    ("民族", "ethnicity"),
    ("出生日期", "birth_date"),
    ("公民身份号码", "id_number"),
    ("籍贯", "native_place"),
    ("学历", "education"),
    ("学位", "degree"),
    ("工作岗位", "job"),
    ("工作单位及职务", "work_unit"),
    ("专业技术职务", "title"),
    ("联系电话", "phone"),
    ("家庭住址", "address"),
    ("人员类别", "category"),
    ("党籍状态", "status"),
    ("入党日期", "join_date"),
    ("转正日期", "full_member_date"),
    ("参加工作日期", "work_start_date"),
    ("所在党支部", "org_name"),
    ("党小组", "group_name"),
    ("党内职务", "party_post"),
    ("备注", "note"),
)
DATE_COLUMNS = frozenset({"birth_date", "join_date", "full_member_date", "work_start_date"})
_ID_COL = [a for _, a in COLUMNS].index("id_number")
#: what a copy without full data shows of the other personal fields
_MASKED = {
    [a for _, a in COLUMNS].index("phone"): mask_phone,
    [a for _, a in COLUMNS].index("address"): mask_address,
}


def row_values(i: int, r: RosterRow, full_ids: bool) -> list:
    """The cells of one roster line: dates stay ``date`` (real Excel dates), text stays text."""
    values: list = [i]
    for _, attr in COLUMNS[1:]:
        v = getattr(r, attr)
        values.append(v if v != "" else None)
    idn = values[_ID_COL]
    if idn and not full_ids:
        values[_ID_COL] = mask_id(idn)
    if not full_ids:
        for col, mask in _MASKED.items():
            values[col] = mask(values[col]) or None
    return values


def write_roster(doc: RosterDoc, out_path: str | os.PathLike) -> None:
    """Write the roster workbook (花名册 sheet + 说明 sheet) atomically."""
    wb = new_workbook()
    headers = [h for h, _ in COLUMNS]
    sample = [row_values(i, r, True) for i, r in enumerate(islice(doc.rows, 200), 1)]
    widths = fit_widths(headers, sample, hi=36)
    widths[_ID_COL] = 21  # 18 digits as text, never shrunk
    for i, (_, attr) in enumerate(COLUMNS):
        if attr in DATE_COLUMNS:
            widths[i] = 12
    ws, _header = start_sheet(
        wb,
        SHEET,
        f"{doc.provenance.unit_name}党员花名册",
        headers,
        widths,
        doc.provenance,
        subtitle=(
            f"制表单位：{doc.provenance.unit_name}　　统计截止：{doc.as_of:%Y年%m月%d日}"
            f"　　共 {len(doc.rows)} 人"
        ),
    )
    # Dates go in as ``date``: written as Excel dates formatted yyyy-mm-dd (xlsx_book).
    full = doc.full_id_numbers
    for i, r in enumerate(doc.rows, 1):
        ws.append(row_values(i, r, full))
    add_info_sheet(
        wb,
        doc.provenance,
        "党员花名册",
        [
            ("统计截止日期", doc.as_of),
            ("人数", len(doc.rows)),
            ("身份证号码", "完整显示" if full else "已隐去中间10位（打印、外发用）"),
            ("联系电话、家庭住址", "完整显示" if full else "已隐去部分内容（打印、外发用）"),
        ],
    )
    save(wb, out_path)
