"""The XLSX writer under every report (infra/documents/xlsx_book.py): what a cell becomes, and
that no temporary copy of the rows outlives the write, whether it succeeded or not."""

from __future__ import annotations

import gc
import tempfile
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest

from ztclient.domain.errors import DomainError
from ztclient.infra.documents.xlsx_book import cell, new_workbook, save, style


@pytest.fixture
def tmp_root(tmp_path, monkeypatch):
    """The system temp folder, moved where the test can see what is left in it."""
    root = tmp_path / "systemp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def test_values_keep_their_types_and_text_stays_text(tmp_path, tmp_root):
    book = new_workbook()
    ws = book.sheet("表")
    ws.append(["=SUM(1,2)", "http://example.org", "0012", 7, 2.5, Decimal("12.30"), True])
    ws.append([date(2026, 3, 5), datetime(2026, 3, 5, 14, 30), None, "末"])
    ws.append(
        [
            cell(ws, None, fill=style(pattern=1, bg_color="#FCE4D6")),
            cell(ws, "粗", style(bold=True)),
        ]
    )
    save(book, tmp_path / "x.xlsx")

    sheet = openpyxl.load_workbook(tmp_path / "x.xlsx")["表"]
    first = [c for c in sheet[1]]
    # a name typed as "=…" is never a formula; digits with a leading zero stay text
    assert [c.value for c in first] == [
        "=SUM(1,2)", "http://example.org", "0012", 7, 2.5, 12.3, True,
    ]  # fmt: skip
    assert first[0].data_type == "s" and first[2].data_type == "s" and not sheet._hyperlinks
    d, dt, empty, last = sheet[2][:4]
    assert d.value == datetime(2026, 3, 5) and d.number_format == "yyyy-mm-dd"
    assert dt.value == datetime(2026, 3, 5, 14, 30) and dt.number_format == "yyyy-mm-dd h:mm:ss"
    assert empty.value is None and last.value == "末"
    shaded, bold = sheet[3][:2]
    assert shaded.value is None and shaded.fill.fgColor.rgb.endswith("FCE4D6")
    assert bold.font.b and bold.value == "粗"
    assert not list(tmp_root.iterdir())  # the streamed rows are gone


def test_a_failed_save_leaves_neither_a_file_nor_the_rows(tmp_path, tmp_root):
    book = new_workbook()
    ws = book.sheet("花名册")
    for i in range(500):
        ws.append([i, f"党员{i}", "110101199003071234"])
    assert list(tmp_root.iterdir())  # the rows stream to a private temp folder meanwhile
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    with pytest.raises(DomainError):
        save(book, blocker / "roster.xlsx")
    assert not list(tmp_root.iterdir())
    assert blocker.read_text() == ""


def test_the_os_error_of_a_failed_write_comes_through_for_its_code(tmp_path, tmp_root):
    """xlsxwriter wraps the OSError; the caller must see it to say 磁盘空间不足 and the like."""
    book = new_workbook()
    book.sheet("表").append(["内容"])
    with pytest.raises(FileNotFoundError):
        book.close_into(tmp_path / "missing" / "x.xlsx")
    book.discard()
    assert not list(tmp_root.iterdir())


def test_a_writer_that_stops_before_saving_leaves_no_rows(tmp_root):
    """A cancelled export (E_CANCELLED raised between two rows) never reaches ``save``."""

    def cancelled_export() -> None:
        book = new_workbook()
        ws = book.sheet("花名册")
        for i in range(100):
            ws.append([i, f"党员{i}"])
        raise DomainError("E_CANCELLED")

    with pytest.raises(DomainError):
        cancelled_export()
    gc.collect()
    assert not list(tmp_root.iterdir())
