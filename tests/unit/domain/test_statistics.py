"""Composition bands for 党员队伍构成统计 (domain facts §7)."""

from __future__ import annotations

from datetime import date

from ztclient.domain import statistics as st

YEAR_END = date(2026, 12, 31)


def test_age_band_edges():
    assert st.age_band("1996-12-31", YEAR_END) == "30岁及以下"  # 30 on the day
    assert st.age_band("1996-12-30", YEAR_END) == "30岁及以下"
    assert st.age_band("1995-12-31", YEAR_END) == "31-35岁"
    assert st.age_band("1991-12-31", YEAR_END) == "31-35岁"
    assert st.age_band("1990-12-31", YEAR_END) == "36-40岁"
    assert st.age_band("1956-01-01", YEAR_END) == "66-70岁"
    assert st.age_band("1955-12-31", YEAR_END) == "71岁及以上"


def test_education_and_job():
    assert st.education_band("21") == "大学本科"
    assert st.education_band("D5") == "大学专科"
    assert st.education_band(None) == st.UNKNOWN
    assert st.job_group("101") == "在岗职工"
    assert st.job_group("101", 3) == "在岗职工/公有制单位/党政机关工作人员"
    assert st.job_bucket("205") == "工人（工勤技能人员）"
    assert st.job_bucket("602") == "离退休人员"


def test_join_period_boundaries():
    assert st.join_period("1949-09-30") == "新中国成立前"
    assert st.join_period("1949-10-01") == "新中国成立后至党的十一届三中全会前"
    assert st.join_period("1978-12-31") == "新中国成立后至党的十一届三中全会前"
    assert st.join_period("1979-01-01") == "党的十一届三中全会后至党的十八大前"
    assert st.join_period("2012-10-31") == "党的十一届三中全会后至党的十八大前"
    assert st.join_period("2012-11-01") == "党的十八大以来"
    custom = (*st.JOIN_PERIODS, (date(2022, 10, 16), "党的二十大以来"))
    assert st.join_period("2023-01-01", custom) == "党的二十大以来"


def test_standing_band():
    assert st.standing_band("2026-06-01", YEAR_END) == "不满1年"
    assert st.standing_band("2025-12-31", YEAR_END) == "1-5年"
    assert st.standing_band("2016-01-01", YEAR_END) == "6-10年"
    assert st.standing_band("2006-01-01", YEAR_END) == "11-20年"
    assert st.standing_band("2005-12-31", YEAR_END) == "21年及以上"
    assert st.standing_band(None, YEAR_END) == st.NOT_YET_FULL


def test_composition():
    members = [
        {"gender": "2", "ethnicity": "01", "birth_date": "1995-05-01", "education": "21",
         "job": "101", "category": "full", "status": "normal", "join_date": "2018-07-01",
         "full_member_date": "2019-07-01"},
        {"gender": "1", "ethnicity": "03", "id_number": "11010519491231002X",
         "education": "71", "job": "602", "category": "full", "status": "mobile",
         "join_date": "1975-01-01", "full_member_date": "1976-01-01"},
        {"gender": "2", "ethnicity": "97", "birth_date": "2000-01-01", "education": "31",
         "job": "501", "category": "probationary", "status": "lost_contact",
         "join_date": "2026-06-01"},
        # Not counted: transferred out, exited, and a non-member.
        {"gender": "2", "category": "full", "status": "transferred_out"},
        {"gender": "2", "category": "full", "status": "exited"},
        {"gender": "2", "category": "activist", "status": "normal"},
    ]  # fmt: skip
    c = st.composition(members, YEAR_END)
    assert dict(c["summary"]) == {
        "党员总数": 3, "女": 2, "少数民族": 1, "预备党员": 1, "大专及以上": 2, "35岁及以下": 2,
    }  # fmt: skip
    assert dict(c["age"])["31-35岁"] == 1
    assert dict(c["age"])["30岁及以下"] == 1
    assert dict(c["age"])["71岁及以上"] == 1
    assert len(c["age"]) == 10  # every band listed, zeros included
    assert dict(c["education"]) == {
        "研究生": 0, "大学本科": 1, "大学专科": 1, "中专": 0, "高中、中技": 0, "初中及以下": 1,
    }  # fmt: skip
    assert dict(c["job"])["党政机关工作人员"] == 1
    assert dict(c["job_group"])["学生"] == 1
    assert dict(c["join_period"])["党的十八大以来"] == 2
    assert dict(c["standing"])[st.NOT_YET_FULL] == 1
    assert sum(n for _, n in c["standing"]) == 3


def test_composition_marks_missing_values():
    c = st.composition([{"category": "full", "status": "normal"}], YEAR_END)
    assert dict(c["education"])[st.UNKNOWN] == 1
    assert dict(c["age"])[st.UNKNOWN] == 1
