"""党费标准: the official amount at every band edge (hand-written vectors, 中组发〔2008〕3号),
money parsing and the receipt's 大写 amounts."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from ztclient import resources
from ztclient.domain.dues_money import fmt, in_words, parse_amount, round_fen
from ztclient.domain.dues_rates import schedule_from_doc
from ztclient.domain.errors import DomainError


@pytest.fixture(scope="module")
def schedule():
    return schedule_from_doc(json.loads(resources.read_text("codes", "dues_kind.json")))


# (kind, monthly base in 元, monthly dues in 元, rate) — worked out by hand: one rate on the
# whole base, upper bounds inclusive, half up to the fen.
VECTORS = [
    ("employed", "0.01", "0.00", "0.005"),  # 0.00005 元 rounds to nothing
    ("employed", "1.00", "0.01", "0.005"),  # 0.005 → 0.01 (half up)
    ("employed", "2999.99", "15.00", "0.005"),  # 14.99995 → 15.00
    ("employed", "3000.00", "15.00", "0.005"),
    ("employed", "3000.01", "30.00", "0.01"),  # 30.0001
    ("employed", "4500", "45.00", "0.01"),
    ("employed", "5000.00", "50.00", "0.01"),
    ("employed", "5000.01", "75.00", "0.015"),  # 75.00015
    ("employed", "7777.77", "116.67", "0.015"),  # 116.66655 → 116.67
    ("employed", "10000.00", "150.00", "0.015"),
    ("employed", "10000.01", "200.00", "0.02"),  # 200.0002
    ("employed", "12345.67", "246.91", "0.02"),  # 246.9134
    ("annual_salary", "3000.00", "15.00", "0.005"),
    ("annual_salary", "10000.01", "200.00", "0.02"),
    ("self_employed", "5000.01", "75.00", "0.015"),
    ("retired", "3000.01", "15.00", "0.005"),  # retired: 0.5 % up to 5,000 inclusive
    ("retired", "5000.00", "25.00", "0.005"),
    ("retired", "5000.01", "50.00", "0.01"),
    ("retired", "8888.88", "88.89", "0.01"),  # 88.8888 → 88.89
]


@pytest.mark.parametrize("kind,income,monthly,rate", VECTORS)
def test_official_amount_at_every_band_edge(schedule, kind, income, monthly, rate):
    r = schedule.monthly(kind, income_fen=parse_amount(income, allow_zero=True))
    assert fmt(r.monthly_fen) == monthly
    assert r.to_dict()["rate"] == rate


def test_band_is_reported(schedule):
    r = schedule.monthly("employed", income_fen=450000).to_dict()
    assert r == {
        "kind": "employed",
        "basis": "income",
        "monthly": "45.00",
        "income": "4500.00",
        "rate": "0.01",
        "band_from": "3000.00",
        "band_to": "5000.00",
    }
    top = schedule.monthly("employed", income_fen=2000000).to_dict()
    assert (top["band_from"], top["band_to"], top["monthly"]) == ("10000.00", None, "400.00")


def test_fixed_and_range_kinds(schedule):
    for kind in ("student", "unemployed", "relief", "subsistence"):
        assert fmt(schedule.monthly(kind).monthly_fen) == "0.20"
    assert fmt(schedule.monthly("farmer", monthly_fen=50).monthly_fen) == "0.50"
    for bad in (19, 101):
        with pytest.raises(DomainError) as e:
            schedule.monthly("farmer", monthly_fen=bad)
        assert e.value.code == "E_DUES_RANGE"
    with pytest.raises(DomainError) as e:
        schedule.monthly("farmer")
    assert (e.value.code, e.value.field) == ("E_FIELD_REQUIRED", "monthly")
    with pytest.raises(DomainError) as e:
        schedule.monthly("employed")
    assert (e.value.code, e.value.field) == ("E_FIELD_REQUIRED", "income")
    with pytest.raises(DomainError) as e:
        schedule.monthly("astronaut", income_fen=1)
    assert e.value.code == "E_CODE_UNKNOWN"


def test_labels_find_kinds(schedule):
    assert schedule.find("在职") == "employed"
    assert schedule.find("退休") is None  # an alias is the code table's job, not the schedule's
    assert schedule.find("离退休") == "retired"
    assert schedule.find("Retired") == "retired"


def test_rounding_up_to_the_yuan_when_the_table_says_so():
    doc = json.loads(resources.read_text("codes", "dues_kind.json"))
    doc["rounding"] = {"mode": "up", "quantum_fen": 100}
    s = schedule_from_doc(doc)
    assert fmt(s.monthly("employed", income_fen=300001).monthly_fen) == "31.00"  # 30.0001 → 31
    assert fmt(s.monthly("employed", income_fen=450000).monthly_fen) == "45.00"
    assert round_fen(Decimal("1500.5")) == 1501
    assert round_fen(Decimal("1500.4999")) == 1500
    assert round_fen(Decimal("1500.0001"), "up") == 1501


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(entries=[]),
        lambda d: d["entries"][0]["bands"].reverse(),
        lambda d: d["entries"][0]["bands"].pop(),  # no open-ended last band
        lambda d: d["entries"][0]["bands"][1].update(rate=0.01),  # a float rate
        lambda d: d["entries"][0]["bands"][1].update(rate="1.5"),
        lambda d: d["entries"][0]["bands"][1].update(up_to="abc"),
        lambda d: d["entries"][4].update(min="2.00"),  # farmer min above max
        lambda d: d["entries"][5].pop("amount"),
        lambda d: d["entries"].append(dict(d["entries"][0])),  # duplicate code
        lambda d: d.update(rounding={"mode": "down"}),
        lambda d: d.update(version=0),
    ],
)
def test_a_bad_table_is_refused_whole(change):
    doc = json.loads(resources.read_text("codes", "dues_kind.json"))
    change(doc)
    with pytest.raises(DomainError) as e:
        schedule_from_doc(doc)
    assert e.value.code == "E_DUES_TABLE_INVALID"


@pytest.mark.parametrize(
    "text,fen",
    [
        ("4500", 450000),
        ("4,500.00", 450000),
        ("４５００元", 450000),
        (" ¥45.5 ", 4550),
        ("0.2", 20),
        ("1 000", 100000),
    ],
)
def test_amounts_as_clerks_type_them(text, fen):
    assert parse_amount(text) == fen


@pytest.mark.parametrize("text", ["", "abc", "-5", "4500.001", "4.5.0", "1e3", "0x10"])
def test_bad_amounts(text):
    with pytest.raises(DomainError) as e:
        parse_amount(text)
    assert e.value.code == "E_DUES_AMOUNT_FORMAT"


def test_amount_range_and_no_floats():
    for text in ("0", "0.00", "100000000"):
        with pytest.raises(DomainError) as e:
            parse_amount(text)
        assert e.value.code == "E_DUES_AMOUNT_RANGE"
    assert parse_amount("0", allow_zero=True) == 0
    with pytest.raises(DomainError) as e:
        parse_amount(45.5)  # type: ignore[arg-type]
    assert e.value.code == "E_DUES_AMOUNT_FORMAT"
    assert parse_amount(Decimal("45.50")) == 4550


@pytest.mark.parametrize(
    "fen,words",
    [
        (4500, "肆拾伍元整"),
        (20, "贰角整"),
        (5, "伍分"),
        (0, "零元整"),
        (1550, "壹拾伍元伍角整"),
        (45005, "肆佰伍拾元零伍分"),
        (4555, "肆拾伍元伍角伍分"),
        (100500, "壹仟零伍元整"),
        (105000, "壹仟零伍拾元整"),
        (1000000, "壹万元整"),
        (10010000, "壹拾万零壹佰元整"),
        (10000000500, None),  # above the range
        (1000000500, "壹仟万零伍元整"),
        (120030, "壹仟贰佰元叁角整"),
    ],
)
def test_amount_in_words(fen, words):
    if words is None:
        with pytest.raises(DomainError):
            in_words(fen)
    else:
        assert in_words(fen) == words


def test_fmt():
    assert fmt(4500) == "45.00"
    assert fmt(5) == "0.05"
    assert fmt(-150) == "-1.50"
    assert fmt(None) is None
