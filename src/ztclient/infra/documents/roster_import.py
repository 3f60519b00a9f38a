"""Import of the 党员花名册 that units already keep in Excel: a dry run with a coded issue per row
and column; the service writes all rows or none (``ImportReport.ok``).

What it copes with: title rows and merged cells above the header; columns under their many
names (身份证号码 / 公民身份号码 …); every date form clerks type (date_parse.py); ID numbers that
Excel turned into a float or scientific notation and so lost digits; duplicates within the file
and against the members already on record; empty and pre-numbered trailing rows; a branch
column merged down over its members; rows below the header that are not people — 合计 rows,
signatures (制表人, 审核人 …), notes (填表说明, 注：…) and any row merged across the table —
skipped, each with a note. Names are tidied (trimmed, spaces of any width removed inside a
Chinese name: 赵　磊 is 赵磊), ID numbers and phones folded to ASCII digits; everything else is
kept as typed (no NFKC, which would rewrite full-width punctuation and compatibility
ideographs). What write_roster exports, this reads back unchanged.
"""

from __future__ import annotations

import os
import re
from datetime import date
from typing import Any

from openpyxl import load_workbook

from ztclient.domain import idnumber, text_norm
from ztclient.domain.codes import table
from ztclient.domain.errors import DomainError
from ztclient.infra.documents.date_parse import DateParseError, parse_date
from ztclient.infra.documents.roster_columns import (
    CODED,
    DATE_FIELDS,
    EXTRA,
    LOOKUP,
    norm_header,
)
from ztclient.infra.documents.xlsx_common import col_letter
from ztclient.infra.documents.xlsx_formulas import formulas_without_result
from ztclient.services.report_models import ImportIssue, ImportReport, ImportRow

_KEEP = {"day": 10, "month": 7, "year": 4}  # ISO prefix length that a precision fixes
_HEADER_SCAN = 30  # rows searched for the header
_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")  # compound file: .xls / .et / encrypted .xlsx
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # its stream's name in the directory
_OLE2_SCAN = 64 << 20  # the directory may lie anywhere; a roster is a few MiB at most


#: a code table this short is named in full when a cell holds none of it (a file has no list)
SHORT_LIST = 10


class _Issues:
    def __init__(self) -> None:
        self.items: list[ImportIssue] = []
        self._cells_in_error: set[tuple[int, str]] = set()

    def add(self, row: int, column: str, code: str, severity: str = "error", **params) -> None:
        if code == "E_FIELD_REQUIRED" and (row, column) in self._cells_in_error:
            return  # the cell's own error says it already (a code not in the list, a formula)
        if severity == "error":
            self._cells_in_error.add((row, column))
        self.items.append(ImportIssue(row, column, code, params, severity))  # type: ignore[arg-type]


def _grid(ws) -> list[list[Any]]:
    """Cell values with every merged range filled from its top-left cell (a branch merged
    down over its members belongs to each of them; a title merged across is one value)."""
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    for rng in ws.merged_cells.ranges:
        top = rows[rng.min_row - 1][rng.min_col - 1] if rng.min_row <= len(rows) else None
        for r in range(rng.min_row, min(rng.max_row, len(rows)) + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if c <= len(rows[r - 1]):
                    rows[r - 1][c - 1] = top
    return rows


def find_header(rows: list[list[Any]]) -> tuple[int, dict[int, str]] | None:
    """(0-based header row, column index -> target): the row naming most known columns."""
    best: tuple[int, dict[int, str]] | None = None
    for i, row in enumerate(rows[:_HEADER_SCAN]):
        mapping: dict[int, str] = {}
        for c, v in enumerate(row):
            target = LOOKUP.get(norm_header(v))
            if target and target not in mapping.values():
                mapping[c] = target
        if (
            "name" in mapping.values()
            and len(mapping) >= 3
            and (best is None or len(mapping) > len(best[1]))
        ):
            best = (i, mapping)
    return best


def _text(v: Any) -> str:
    """A cell as text, trimmed; otherwise as typed (no NFKC: see domain/text_norm.py)."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)  # a phone number typed into a number cell
    return text_norm.text(str(v))


# Rows below the header that are not people: totals, signatures, notes (matched on the first
# filled cell, spaces of any width removed).
_TOTAL = re.compile(r"^(合计|总计|小计|共计|总人数|人数合计)")
_FOOTER = re.compile(
    r"^(制表|填表|填报|审核|审批|负责人|单位负责人|经办人|联系人|联系电话|打印|"
    r"说明|注[:：]|注\d|备注[:：]|以下空白|以下无|此页无|本表)"
)


def _skip_reason(cells: list[Any], wide: bool) -> str | None:
    """Why a row below the header is not a person (a note code), or None for a data row."""
    first = next((_text(c) for c in cells if _text(c)), "")
    key = re.sub(r"\s", "", first.replace("\u3000", ""))
    if _TOTAL.match(key):
        return "W_IMPORT_TOTAL_ROW"
    if _FOOTER.match(key):
        return "W_IMPORT_FOOTER_ROW"
    if wide:
        return "W_IMPORT_MERGED_ROW"
    return None


def _wide_rows(ws, name_col: int | None) -> set[int]:
    """1-based rows where one merged cell spans three or more columns over the name column:
    a title or note written across the table, never a person."""
    out: set[int] = set()
    for rng in ws.merged_cells.ranges:
        if rng.max_col - rng.min_col >= 2 and (
            name_col is None or rng.min_col <= name_col + 1 <= rng.max_col
        ):
            out.update(range(rng.min_row, rng.max_row + 1))
    return out


def parse_roster(
    path: str | os.PathLike, existing_id_numbers: set[str], today: date
) -> ImportReport:
    """Read a roster workbook and check every row; nothing is written here."""
    issues = _Issues()
    try:
        with open(path, "rb") as fh:
            magic = fh.read(8)
            if magic == _OLE2:
                head = fh.read(_OLE2_SCAN)
    except FileNotFoundError:  # a mistyped path: not a question of the file's format
        issues.add(0, "", "E_FILE_NOT_FOUND", path=str(path))
        return ImportReport("", 0, {}, (), tuple(issues.items))
    except OSError as exc:
        issues.add(0, "", "E_IMPORT_UNREADABLE", reason=type(exc).__name__)
        return ImportReport("", 0, {}, (), tuple(issues.items))
    if magic == _OLE2:
        # An .xlsx with an opening password is a compound file too (MS-OFFCRYPTO): it names
        # the stream EncryptedPackage in its directory. Otherwise Excel 97-2003 (.xls, or WPS
        # .et): openpyxl cannot read it; the clerk saves it as .xlsx.
        code = "E_IMPORT_ENCRYPTED" if _ENCRYPTED in head else "E_IMPORT_OLD_XLS"
        issues.add(0, "", code)
        return ImportReport("", 0, {}, (), tuple(issues.items))
    try:
        wb = load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not XLSX
        issues.add(0, "", "E_IMPORT_UNREADABLE", reason=type(exc).__name__)
        return ImportReport("", 0, {}, (), tuple(issues.items))
    sheets = [wb.active, *[s for s in wb.worksheets if s is not wb.active]]
    for ws in sheets:
        rows = _grid(ws)
        found = find_header(rows)
        if found:
            break
    else:
        issues.add(0, "", "E_IMPORT_NO_HEADER")
        return ImportReport("", 0, {}, (), tuple(issues.items))
    h, mapping = found
    header_cells = rows[h]
    if any(_text(c) for r in rows[:h] for c in r):
        issues.add(1, "", "W_IMPORT_TITLE_ROWS", "warning", last=h)
    names = {c: _text(header_cells[c]) for c in mapping}
    for c, v in enumerate(header_cells):
        if c not in mapping and _text(v):
            issues.add(
                h + 1,
                _text(v),
                "W_IMPORT_COLUMN_IGNORED",
                "warning",
                header=_text(v),
                cell=f"{col_letter(c + 1)}{h + 1}",
            )
    ids_seen: dict[str, int] = {}
    out: list[ImportRow] = []
    name_col = next((c for c, t in mapping.items() if t == "name"), None)
    wide = _wide_rows(ws, name_col)
    unsaved = formulas_without_result(path, ws.title)
    blank: list[int] = []
    for i in range(h + 1, len(rows)):
        rownum = i + 1
        raw = {names[c]: rows[i][c] if c < len(rows[i]) else None for c in mapping}
        values = {mapping[c]: raw[names[c]] for c in mapping}
        # Formulas without a saved value count as filled (said below, never a silent blank);
        # error values (#VALUE! of a template row's formulas over empty cells) do not.
        problems = {
            t: unsaved[(rownum, c + 1)]
            for c, t in mapping.items()
            if (rownum, c + 1) in unsaved and t != "_seq"
        }
        filled = {k for k, v in values.items() if _text(v) and not problems.get(k)}
        filled |= {k for k, v in problems.items() if not v}
        reason = _skip_reason(rows[i], rownum in wide)
        if reason:
            text = next((_text(c) for c in rows[i] if _text(c)), "")
            issues.add(rownum, "", reason, "warning", text=text[:30])
            continue
        if not filled - {"_seq", "org_name", "group_name"}:
            blank.append(rownum)  # empty or pre-numbered row, or a branch merged over nothing
            continue
        col = {t: names[c] for c, t in mapping.items()}
        for target, bad in problems.items():
            code = "E_IMPORT_CELL_ERROR" if bad else "E_IMPORT_FORMULA_NO_VALUE"
            issues.add(rownum, col[target], code, what=col[target], value=bad)
            values[target] = None
        fields, extra, precision = _row(values, col, rownum, issues, today)
        _check_id(
            fields,
            values.get("id_number"),
            col,
            rownum,
            issues,
            existing_id_numbers,
            ids_seen,
            today,
        )
        _agree_and_default(fields, col, rownum, issues, precision)
        out.append(ImportRow(rownum, fields, raw, extra))
    inside = [r for r in blank if out and r < out[-1].row]  # trailing empty rows are silent
    if inside:
        issues.add(inside[0], "", "W_IMPORT_BLANK_ROWS", "warning",
                   rows="、".join(str(r) for r in inside))  # fmt: skip
    if not out:
        issues.add(h + 2, "", "E_IMPORT_NO_ROWS")
    return ImportReport(
        ws.title, h + 1, {names[c]: t for c, t in mapping.items()}, tuple(out), tuple(issues.items)
    )


def _row(
    values: dict[str, Any], col: dict[str, str], rownum: int, issues: _Issues, today: date
) -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
    fields: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for target in ("native_place", "degree", "work_unit", "title", "address", "note"):
        if target in values:
            fields[target] = _text(values[target]) or None
    if "name" in values:
        fields["name"] = text_norm.name(_text(values["name"])) or None
    if "phone" in values:
        fields["phone"] = text_norm.digits(_text(values["phone"])) or None
    for target in EXTRA:
        if target in values:
            extra[target] = _text(values[target]) or None
    if not fields.get("name"):
        issues.add(rownum, col.get("name", "姓名"), "E_FIELD_REQUIRED", field="姓名")
    for target, tname in CODED.items():
        text = _text(values.get(target))
        if not text:
            continue
        code = table(tname).find(text)
        if code is None and len(table(tname)) <= SHORT_LIST:
            choices = [(e.label("zh"), e.label("en")) for e in table(tname)]
            issues.add(rownum, col[target], "E_CODE_UNKNOWN_CHOICES", table=tname, value=text,
                       choices=choices)  # fmt: skip
        elif code is None:
            first = next(iter(table(tname)))
            issues.add(rownum, col[target], "E_CODE_UNKNOWN_STANDARD", table=tname, value=text,
                       example=first.label("zh"))  # fmt: skip
        fields[target] = code
    precision: dict[str, str] = {}
    for target in DATE_FIELDS:
        if target not in values:
            continue
        try:
            parsed = parse_date(values[target], today)
        except DateParseError as exc:
            issues.add(rownum, col[target], exc.code, what=col[target], value=_text(values[target]))
            fields[target] = None
            continue
        fields[target] = parsed.iso() if parsed else None
        if parsed:
            precision[target] = parsed.precision
            if parsed.value > today:
                issues.add(
                    rownum, col[target], "E_DATE_FUTURE", what=col[target], date=parsed.iso()
                )
    return fields, extra, precision


def _check_id(
    fields: dict[str, Any],
    raw: Any,
    col: dict[str, str],
    rownum: int,
    issues: _Issues,
    existing: set[str],
    seen: dict[str, int],
    today: date,
) -> None:
    """The ID number: mangled by Excel, masked, invalid, or a duplicate in the file or of a
    member already on record. Sets fields["id_number"] (normalised) either way."""
    column = col.get("id_number", "公民身份号码")
    fields["id_number"] = None
    if raw is None or _text(raw) == "":
        issues.add(rownum, column, "W_ID_MISSING", "warning")
        return
    if idnumber.looks_mangled_by_excel(raw):
        issues.add(rownum, column, "E_ID_EXCEL_MANGLED", value=_text(raw))
        return
    if "*" in str(raw):
        issues.add(rownum, column, "E_ID_MASKED", value=_text(raw))
        return
    try:
        value = idnumber.validate(str(raw), today)
    except DomainError as err:
        issues.add(rownum, column, err.code, **err.params)
        fields["id_number"] = idnumber.normalize(str(raw))
        return
    fields["id_number"] = value
    if value in seen:
        issues.add(
            rownum,
            column,
            "E_IMPORT_DUPLICATE_IN_FILE",
            value=idnumber.mask(value),
            first_row=seen[value],
        )
    else:
        seen[value] = rownum
    if value in existing:
        issues.add(rownum, column, "E_DUPLICATE_ID_NUMBER", value=idnumber.mask(value))


def _agree_and_default(
    fields: dict[str, Any],
    col: dict[str, str],
    rownum: int,
    issues: _Issues,
    precision: dict[str, str],
) -> None:
    """What follows from a valid ID number (gender, full birth date), then defaults and the
    order of dates."""
    value = fields.get("id_number")
    if value and idnumber.is_valid(value):
        _agree_with_id(fields, col, rownum, issues, value, precision)
    _defaults(fields, col, rownum, issues, precision)


def _agree_with_id(fields, col, rownum, issues, value, precision) -> None:
    id_gender = idnumber.gender(value)
    if fields.get("gender") is None:
        fields["gender"] = id_gender
    elif fields["gender"] != id_gender:
        issues.add(
            rownum,
            col.get("gender", "性别"),
            "E_ID_GENDER_MISMATCH",
            gender=table("gender").label(fields["gender"]),
            id_gender=table("gender").label(id_gender),
        )
    born = idnumber.birth_date(value)
    given = fields.get("birth_date")
    if not given:
        fields["birth_date"] = born.isoformat()
        return
    p = precision.get("birth_date", "day")
    keep = _KEEP[p]
    if given[:keep] != born.isoformat()[:keep]:
        issues.add(
            rownum,
            col.get("birth_date", "出生日期"),
            "E_ID_BIRTH_MISMATCH",
            birth_date=given[:keep],
            id_birth=born.isoformat(),
        )
    else:
        fields["birth_date"] = born.isoformat()  # 1985.03 + the ID's day = the full date
        precision["birth_date"] = "day"


def _defaults(fields, col, rownum, issues, precision) -> None:
    for target, p in precision.items():
        if p != "day" and fields.get(target):
            issues.add(
                rownum,
                col[target],
                "W_DATE_DAY_ASSUMED",
                "warning",
                what=col[target],
                date=fields[target],
            )
    if not fields.get("category"):
        if fields.get("full_member_date"):
            fields["category"] = "full"
        elif fields.get("join_date"):
            fields["category"] = "probationary"
        elif "category" not in col or not fields.get("category"):
            issues.add(
                rownum, col.get("category", "人员类别"), "E_FIELD_REQUIRED", field="人员类别"
            )
    if not fields.get("status"):
        fields["status"] = "normal"
    if not fields.get("gender"):
        issues.add(rownum, col.get("gender", "性别"), "E_FIELD_REQUIRED", field="性别")
    order = [
        ("birth_date", "join_date"),
        ("join_date", "full_member_date"),
        ("application_date", "join_date"),
    ]
    for first, second in order:
        a, b = fields.get(first), fields.get(second)
        # Compare at the coarser precision: 1985.03 is not before 1985-03-12.
        n = min(_KEEP[precision.get(first, "day")], _KEEP[precision.get(second, "day")])
        if a and b and a[:n] > b[:n]:
            issues.add(
                rownum,
                col.get(second, second),
                "E_DATE_ORDER",
                first=col.get(first, first),
                first_date=a,
                second=col.get(second, second),
                second_date=b,
            )
