"""Code tables: shape, GB vectors, synonyms, enum label coverage."""

from __future__ import annotations

import json

import pytest

from ztclient import resources
from ztclient.domain import model
from ztclient.domain.codes import TABLES, table
from ztclient.domain.errors import DomainError


@pytest.mark.parametrize("name", TABLES)
def test_every_table_has_one_shape(name):
    doc = json.loads(resources.read_text("codes", name + ".json"))
    assert doc["name"] == name
    assert doc["source"] and doc["title"]["zh"] and doc["title"]["en"]
    codes = [e["code"] for e in doc["entries"]]
    assert len(codes) == len(set(codes)), "duplicate codes"
    for e in doc["entries"]:
        assert isinstance(e["code"], str) and e["zh"] and e["en"]
    t = table(name)
    # Every label and alias leads back to its own entry (no alias steals another's label).
    for e in t.entries:
        assert t.code_for(e.zh) == e.code
        assert t.code_for(e.code) == e.code


@pytest.mark.parametrize(
    "name,enum",
    [
        ("org_kind", model.OrgKind),
        ("category", model.Category),
        ("status", model.Status),
        ("event_kind", model.EventKind),
        ("meeting_kind", model.MeetingKind),
        ("attendance_status", model.AttendanceStatus),
        ("resolution_kind", model.ResolutionKind),
    ],
)
def test_enum_tables_match_enums(name, enum):
    assert set(table(name).codes) == {m.value for m in enum}


def test_gender():
    g = table("gender")
    assert g.codes == ("0", "1", "2", "9")
    assert g.code_for("男") == "1" and g.code_for("女") == "2" and g.code_for("女性") == "2"
    assert g.label("1", "en") == "Male"


def test_ethnicity_gb3304():
    t = table("ethnicity")
    gb = [e for e in t.entries if e.get("gb")]
    assert [e.code for e in gb] == [f"{i:02d}" for i in range(1, 57)]
    assert t.label("01") == "汉族" and t.entry("01").get("letter") == "HA"
    assert t.label("56") == "基诺族" and t.entry("56").get("letter") == "JN"
    assert t.label("36") == "毛南族"
    assert t.code_for("毛难族") == "36"
    assert t.code_for("汉") == "01"
    assert t.code_for("汉族") == "01"
    assert t.code_for(1) == "01" and t.code_for("1") == "01"
    assert t.code_for("ha") == "01"
    assert t.code_for("蒙古") == "02"
    assert t.entry("97").get("gb") is False and t.entry("98").get("gb") is False
    assert "57" not in t and "58" not in t


def test_education_bands_and_synonyms():
    t = table("education")
    assert t.code_for("本科") == "21" and t.label("21") == "大学"
    assert t.band("21") == "大学本科"
    assert t.band(t.code_for("博士研究生")) == "研究生"
    assert t.band(t.code_for("中央党校大专")) == "大学专科"
    assert t.band(t.code_for("中专")) == "中专"
    assert t.band(t.code_for("技工学校")) == "高中、中技"
    assert t.band(t.code_for("小学")) == "初中及以下"
    assert t.band("21", "en") == "Undergraduate"
    # All 20 dropdown values of domain facts §1.5 are present.
    assert len(t) == 20
    for e in t.entries:
        assert e.get("band") in t.bands


def test_job_groups_and_buckets():
    t = table("job")
    assert t.band(t.code_for("公务员")) == "党政机关工作人员"
    assert t.entry(t.code_for("退休人员")).get("band") == "retired"
    assert t.entry(t.code_for("外出务工经商人员")).get("group") == ["农牧渔民", "外出务工经商人员"]
    for e in t.entries:
        assert e.get("band") in t.bands and e.get("group")


def test_party_post_leaders():
    t = table("party_post")
    assert t.entry("secretary").get("leader") is True
    assert t.entry("group_leader").get("leader") is False
    assert t.code_for("书记") == "secretary"


def test_unknown_code_raises_coded_error():
    with pytest.raises(DomainError) as info:
        table("ethnicity").code_for("火星族", field="ethnicity")
    assert info.value.code == "E_CODE_UNKNOWN"
    assert info.value.params == {"table": "ethnicity", "value": "火星族"}
    with pytest.raises(DomainError):
        table("gender").label("7")
    assert table("gender").find("x") is None


@pytest.mark.parametrize("name", TABLES)
def test_no_label_or_alias_points_at_two_codes(name):
    t = table(name)
    seen: dict[str, str] = {}
    for e in t.entries:
        keys = {a.casefold() for a in e.aliases} | {e.zh.casefold(), e.en.casefold()}
        if e.get("letter"):
            keys.add(e.get("letter").casefold())
        for key in keys:
            assert seen.setdefault(key, e.code) == e.code, f"{key!r} is ambiguous in {name}"
