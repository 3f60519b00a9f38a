"""Roster exports mask phone and address as well as the ID number unless full data is asked
for, which is audited (issue 11, item 5). On round 1's main, phone and address went out whole.
"""

from __future__ import annotations

import zipfile

import pytest
from openpyxl import load_workbook

CANARY = {
    "id_number": "11010519491231002X",
    "phone": "13912345678",
    "address": "浙江省杭州市西湖区文三路100号3幢",
}


@pytest.fixture
def exported(tmp_path):
    """A unit with one full member carrying the canary values; (session, masked, full) files."""
    from tests.helpers import PASSPHRASE

    from ztclient.bootstrap import App

    app = App(tmp_path / "data")
    session, _ = app.create_unit("中共测试街道工作委员会", "3301060001", PASSPHRASE)
    branch, _ = session.orgs.add(
        {"parent_id": session.root_org_id, "kind": "branch", "name": "第一党支部"}
    )
    session.members.add(
        {"org_id": branch, "name": "王小明", "gender": "2", "category": "full",
         "join_date": "1975-07-01", "full_member_date": "1976-07-01", **CANARY}
    )  # fmt: skip
    masked, full = tmp_path / "masked.xlsx", tmp_path / "full.xlsx"
    session.reports.export_roster(masked)
    session.reports.export_roster(full, full_ids=True)
    yield session, masked, full
    session.close()


def _all_xml(path) -> str:
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


def _row(path):
    ws = load_workbook(path)["党员花名册"]
    headers = rows = None
    for row in ws.iter_rows(values_only=True):
        if row and "姓名" in row:
            headers = row
        elif headers and row and row[headers.index("姓名")] == "王小明":
            rows = row
    return dict(zip(headers, rows, strict=True))


def test_a_default_export_holds_none_of_the_three_values(exported):
    _, masked, _ = exported
    xml = _all_xml(masked)
    for value in (*CANARY.values(), "文三路", "1234", "19491231"):
        assert value not in xml, value
    row = _row(masked)
    assert row["公民身份号码"] == "1101**********002X"
    assert row["联系电话"] == "139****5678"
    assert row["家庭住址"] == "浙江省杭州市西湖区****"


def test_full_data_is_whole_and_audited(exported):
    session, masked, full = exported
    row = _row(full)
    assert (row["公民身份号码"], row["联系电话"], row["家庭住址"]) == tuple(CANARY.values())
    actions = session.store.column("SELECT action FROM audit ORDER BY seq")
    assert actions.count("export.roster.full_ids") == 1  # the masked export is not audited
    info = load_workbook(masked)["说明"]
    texts = [str(c.value) for r in info.iter_rows() for c in r if c.value]
    assert "已隐去部分内容（打印、外发用）" in texts
