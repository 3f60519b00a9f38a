"""Edge cases: documents with nothing optional filled in, empty reports, and a property test of
the roster round trip over names with rare characters."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import sample_docs as s
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ztclient.domain.idnumber import check_char
from ztclient.infra.documents.card_pdf import render_card
from ztclient.infra.documents.composition_xlsx import write_composition
from ztclient.infra.documents.ledger_xlsx import write_meeting_ledger
from ztclient.infra.documents.minutes_pdf import render_minutes
from ztclient.infra.documents.roster_import import parse_roster
from ztclient.infra.documents.roster_xlsx import write_roster
from ztclient.infra.documents.signin_pdf import render_signin
from ztclient.infra.documents.study_xlsx import write_study_hours
from ztclient.services.report_models import (
    CompositionDoc,
    MeetingLedgerDoc,
    MemberCardDoc,
    MinutesDoc,
    RosterDoc,
    RosterRow,
    SigninDoc,
    StudyHoursDoc,
)

WHEN = datetime(2026, 3, 5, 14, 0)


def test_minimal_pdfs_render(tmp_path, bundled_fonts):
    m = render_minutes(
        MinutesDoc("单位", "第一党支部", "党小组会", "学习会", WHEN),
        tmp_path / "m.pdf",
        fonts=bundled_fonts,
    )
    assert m.pages == 1 and not m.missing_glyphs
    assert (
        render_signin(
            SigninDoc("单位", "支部", "会", WHEN), tmp_path / "s.pdf", fonts=bundled_fonts
        ).pages
        == 1
    )
    assert (
        render_card(
            MemberCardDoc("单位", "支部", "王五"), tmp_path / "c.pdf", fonts=bundled_fonts
        ).pages
        == 1
    )


def test_empty_reports_write(tmp_path):
    prov = s.provenance("draft")
    write_roster(RosterDoc(prov, (), date(2026, 1, 1)), tmp_path / "r.xlsx")
    write_meeting_ledger(
        MeetingLedgerDoc(prov, 2026, (), (), (), date(2026, 1, 1)), tmp_path / "l.xlsx"
    )
    write_study_hours(StudyHoursDoc(prov, 2026, (), ()), tmp_path / "h.xlsx")
    write_composition(CompositionDoc(prov, date(2026, 12, 31), "支部", 0, ()), tmp_path / "k.xlsx")
    for name in ("r", "l", "h", "k"):
        wb = openpyxl.load_workbook(tmp_path / f"{name}.xlsx")
        assert wb.sheetnames[-1] == "说明"
    assert [i.code for i in parse_roster(tmp_path / "r.xlsx", set(), date(2026, 1, 2)).errors] == [
        "E_IMPORT_NO_ROWS"
    ]


RARE = st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF)  # CJK Extension B
COMMON = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
NAMES = st.tuples(COMMON, st.lists(st.one_of(COMMON, RARE), min_size=1, max_size=3)).map(
    lambda t: t[0] + "".join(t[1])
)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    names=st.lists(NAMES, min_size=1, max_size=8),
    births=st.lists(st.dates(date(1940, 1, 1), date(2000, 12, 31)), min_size=8, max_size=8),
)
def test_roster_round_trip_property(tmp_path, names, births):
    rows = []
    for i, (name, born) in enumerate(zip(names, births, strict=False)):
        first17 = f"110105{born:%Y%m%d}{i:02d}1"
        rows.append(
            RosterRow(
                name=name,
                gender="男",
                birth_date=born,
                id_number=first17 + check_char(first17),
                category="正式党员",
                join_date=date(2010, 7, 1),
            )
        )
    path = tmp_path / "p.xlsx"
    write_roster(RosterDoc(s.provenance(), tuple(rows), date(2026, 1, 1), True), path)
    rep = parse_roster(path, set(), date(2026, 1, 1))
    assert rep.ok, rep.errors
    got = [(r.fields["name"], r.fields["id_number"], r.fields["birth_date"]) for r in rep.rows]
    assert got == [(r.name, r.id_number, r.birth_date.isoformat()) for r in rows]
