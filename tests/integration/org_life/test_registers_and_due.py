"""谈心谈话, 民主评议 and 整改 registers on a real unit, and the due items they raise: the talk
norm, follow-up of 基本合格/不合格, 整改 deadlines, 书记讲党课, 换届."""

from __future__ import annotations

import pytest

from ztclient.domain.errors import DomainError, ValidationErrors
from ztclient.services.due import due_items


def elect(s, branch, people, day="2026-01-10"):
    s.elections.elect(
        branch,
        {
            "date": day,
            "committee": [
                {"member_id": people["赵一"], "post": "secretary"},
                {"member_id": people["钱二"], "post": "organisation"},
                {"member_id": people["孙三"], "post": "publicity"},
            ],
        },
    )


def kinds(s, kind):
    return [d for d in due_items(s, s.clock.today()) if d.kind == kind]


def test_talk_register_and_the_yearly_norm(life):
    s, branch, people = life
    elect(s, branch, people)
    (item,) = kinds(s, "talks_missing")
    # 书记 赵一 with 9 others (2 committee, 6 members, 1 probationary); 钱二–孙三 not yet.
    assert item.params["members_missing"] == 9 and item.params["pairs_missing"] == 1
    assert item.params["secretary"] == "赵一" and item.record_id == branch
    s.talks.add(
        {
            "date": "2026-03-02",
            "talker_id": people["赵一"],
            "talkee_id": people["李四"],
            "topic": "思想汇报",
            "follow_up": "下季度再谈",
        }
    )
    s.talks.add(
        {
            "date": "2026-03-03",
            "talker_id": people["孙三"],
            "talkee_id": people["钱二"],
            "topic": "分工",
        }
    )
    (item,) = kinds(s, "talks_missing")
    assert item.params["members_missing"] == 8 and item.params["pairs_missing"] == 0
    rows = s.talks.list(2026)
    assert [(r["talker_name"], r["talkee_name"]) for r in rows] == [
        ("孙三", "钱二"),
        ("赵一", "李四"),
    ]
    assert s.talks.list(2025) == []


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"talkee_id": "赵一"}, "E_TALK_SELF"),
        ({"topic": " "}, "E_FIELD_REQUIRED"),
        ({"date": "2026-02-30"}, "E_DATE_INVALID"),
        ({"date": "2026/01/30"}, "E_DATE_FORMAT"),
        ({"date": "2027-01-01"}, "E_DATE_FUTURE"),
        ({"talkee_id": "nobody"}, "E_NOT_FOUND"),
        ({"mood": "good"}, "E_FIELD_UNKNOWN"),
    ],
)
def test_bad_talks_are_refused_with_their_row(life, data, code):
    s, _branch, people = life
    good = {
        "date": "2026-03-02",
        "talker_id": people["赵一"],
        "talkee_id": people["李四"],
        "topic": "谈心",
    }
    bad = {**good, **{k: people.get(v, v) if k.endswith("_id") else v for k, v in data.items()}}
    with pytest.raises(ValidationErrors) as exc:
        s.talks.add_many([good, bad])
    assert [(e.code, e.params["row"]) for e in exc.value.errors] == [(code, 2)]
    assert s.talks.list() == []


def test_appraisal_grades_follow_up_and_share_warning(life):
    s, _branch, people = life
    graded = s.appraisals.record(
        2026,
        [
            {"member_id": people["赵一"], "grade": "优秀"},
            {
                "member_id": people["钱二"],
                "grade": "不合格",
                "measure": "限期改正",
                "deadline": "2027-03-31",
            },
            {"member_id": people["孙三"], "grade": "基本合格"},
        ],
    )
    assert len(graded.ids) == 3 and graded.warnings == ()
    listed = {r["member_name"]: r["grade"] for r in s.appraisals.list(2026)}
    assert listed == {"赵一": "excellent", "钱二": "unqualified", "孙三": "basically_qualified"}
    due = {d.subject: d for d in kinds(s, "appraisal_follow_up")}
    assert set(due) == {"钱二", "孙三"}
    assert due["钱二"].when == "2027-03-31" and due["钱二"].params["state"] == "open"
    assert due["孙三"].params["state"] == "undecided"
    # Completing the follow-up takes it off the list.
    row = next(r for r in s.appraisals.list(2026) if r["member_name"] == "钱二")
    s.appraisals.follow_up(
        row["id"], {"done_on": "2026-11-19", "outcome": "已改正"}, row["version"]
    )
    assert {d.subject for d in kinds(s, "appraisal_follow_up")} == {"孙三"}
    # Four 优秀 of ten members is more than a third: written, with a warning.
    more = s.appraisals.record(
        2026, [{"member_id": people[n], "grade": "excellent"} for n in ("李四", "周五", "吴六")]
    )
    assert [w.code for w in more.warnings] == ["W_APPRAISAL_EXCELLENT"]
    assert more.warnings[0].params["excellent"] == 4
    # Re-grading a member updates the year's row, it does not add one.
    s.appraisals.record(2026, [{"member_id": people["孙三"], "grade": "合格"}])
    assert len(s.appraisals.list(2026)) == 6
    assert {d.subject for d in kinds(s, "appraisal_follow_up")} == set()


@pytest.mark.parametrize(
    ("row", "code"),
    [
        ({"grade": "良好"}, "E_CODE_UNKNOWN"),
        ({"grade": "合格", "measure": "劝退"}, "E_APPRAISAL_MEASURE"),
        ({"grade": "基本合格", "measure": "劝退"}, "E_APPRAISAL_MEASURE"),
        ({"grade": "不合格", "deadline": "2027-02-30"}, "E_DATE_INVALID"),
        ({"grade": "合格", "member_id": "nobody"}, "E_NOT_FOUND"),
    ],
)
def test_bad_grades_are_refused_and_nothing_is_written(life, row, code):
    s, _branch, people = life
    bad = {"member_id": people["李四"], **row}
    with pytest.raises(ValidationErrors) as exc:
        s.appraisals.record(2026, [{"member_id": people["赵一"], "grade": "合格"}, bad])
    assert [(e.code, e.params["row"]) for e in exc.value.errors] == [(code, 2)]
    assert s.appraisals.list(2026) == []


def test_probationary_member_joined_after_the_year_is_not_appraised(life):
    s, _branch, people = life
    with pytest.raises(ValidationErrors) as exc:
        s.appraisals.record(2025, [{"member_id": people["陈预备"], "grade": "合格"}])
    assert exc.value.errors[0].code == "E_APPRAISAL_NOT_MEMBER"
    with pytest.raises(DomainError) as exc:
        s.appraisals.record(2030, [{"member_id": people["赵一"], "grade": "合格"}])
    assert exc.value.code == "E_APPRAISAL_YEAR"


def test_rectification_items_carry_over_and_come_due(life):
    s, branch, people = life
    old, _ = s.rectifications.add(
        {
            "org_id": branch,
            "year": 2025,
            "problem": "学习不够深入",
            "measure": "每月集中学习",
            "owner_id": people["钱二"],
        }
    )
    _soon, _ = s.rectifications.add(
        {
            "org_id": branch,
            "year": 2026,
            "problem": "台账不全",
            "owner": "支部委员会",
            "deadline": "2026-12-10",
        }
    )
    _later, _ = s.rectifications.add(
        {
            "org_id": branch,
            "year": 2026,
            "problem": "阵地建设",
            "owner": "孙三",
            "deadline": "2027-06-30",
        }
    )
    rows = s.rectifications.list(branch, 2026)
    assert [(r["problem"], r["carried"], r["state"]) for r in rows] == [
        ("学习不够深入", True, "due"),
        ("台账不全", False, "due"),
        ("阵地建设", False, "open"),
    ]
    due = kinds(s, "rectification_due")
    assert [d.params["problem"] for d in due] == ["学习不够深入", "台账不全"]
    row = s.rectifications.rows.get(old)
    s.rectifications.update(old, {"done_on": "2026-11-01", "result": "已建立制度"}, row["version"])
    assert [r["problem"] for r in s.rectifications.list(branch, 2026)] == ["台账不全", "阵地建设"]
    with pytest.raises(DomainError) as exc:
        s.rectifications.add({"org_id": branch, "problem": "无人负责"})
    assert exc.value.code == "E_FIELD_REQUIRED" and exc.value.field == "owner"


def test_secretary_lecture_and_term_due_items(life):
    s, branch, people = life
    elect(s, branch, people, "2020-06-01")
    (term,) = [d for d in kinds(s, "term_ending") if d.record_id == branch]
    assert term.when == "2023-06-01" and term.params["state"] == "overdue_long"
    (lecture,) = kinds(s, "secretary_lecture")
    assert lecture.params["secretary"] == "赵一"
    lecture = {"org_id": branch, "kind": "lecture", "title": "党课"}
    # Another member's lecture does not count; nor does the secretary's of last year.
    s.meetings.add({**lecture, "starts_at": "2026-06-20 09:00", "lecturer_id": people["钱二"]})
    s.meetings.add({**lecture, "starts_at": "2025-06-20 09:00", "lecturer_id": people["赵一"]})
    assert [d.params["secretary"] for d in kinds(s, "secretary_lecture")] == ["赵一"]
    # The secretary picked from the roster as the lecturer (meetings.lecturer_id).
    s.meetings.add({**lecture, "starts_at": "2026-09-20 09:00", "lecturer_id": people["赵一"]})
    assert kinds(s, "secretary_lecture") == []


def test_an_old_lecture_record_with_only_the_name_counts(life):
    s, branch, people = life
    elect(s, branch, people, "2026-01-10")
    s.meetings.add(
        {
            "org_id": branch,
            "kind": "lecture",
            "title": "书记讲党课",
            "starts_at": "2026-06-20 09:00",
            "lecturer": "赵一",
        }
    )
    assert kinds(s, "secretary_lecture") == []
