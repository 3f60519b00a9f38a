"""Inputs a clerk gets wrong, on a real encrypted unit: election figures that are not whole
numbers, a post and an election on one day, a group merged into another branch's group, and a
grade recorded again. Each is refused with a coded Chinese error and nothing written, or
written without losing what was already recorded."""

from __future__ import annotations

import pytest

from ztclient.domain.errors import DomainError, ValidationErrors
from ztclient.domain.messages import render_error


def outbox(s) -> int:
    return int(s.store.scalar("SELECT count(*) FROM outbox"))


def errors_of(exc) -> list[DomainError]:
    e = exc.value
    return list(e.errors) if isinstance(e, ValidationErrors) else [e]


def three(people, votes=None):
    return [
        {"member_id": people[n], "post": p, **({"votes_for": votes} if votes is not None else {})}
        for n, p in (("赵一", "secretary"), ("钱二", "organisation"), ("孙三", "publicity"))
    ]


# -- 选举人数和得票数 are whole numbers ----------------------------------------------------------
@pytest.mark.parametrize(
    ("figures", "votes", "field"),
    [
        ({"voters_due": 9, "voters_present": 8.5}, 8, "voters_present"),
        ({"voters_due": 9.9, "voters_present": 8}, 8, "voters_due"),
        ({"voters_due": True, "voters_present": 1}, 1, "voters_due"),
        ({"voters_due": "九", "voters_present": 8}, 8, "voters_due"),
        ({"voters_due": 9, "voters_present": -1}, 8, "voters_present"),
        ({"voters_due": 9, "voters_present": 8}, 6.7, "votes_for"),
        ({"voters_due": 9, "voters_present": 8}, "abc", "votes_for"),
    ],
)
def test_election_figures_that_are_not_whole_numbers_are_refused(life, figures, votes, field):
    # Before: int() truncated 8.5 present to 8 and 6.7 votes to 6 (and True to 1), and recorded
    # the election; text gave a message with the member's raw id and "不能超过实到会人数 —".
    s, branch, people = life
    before = outbox(s)
    with pytest.raises(DomainError) as exc:
        s.elections.elect(
            branch, {"date": "2026-06-01", "committee": three(people, votes), **figures}
        )
    errs = errors_of(exc)
    assert [(e.code, e.field) for e in errs][:1] == [("E_NUMBER_INVALID", field)]
    text = render_error(exc.value)
    assert "应为不小于0的整数" in text and "01" not in text.split("现为")[0]
    assert outbox(s) == before
    assert s.store.scalar("SELECT count(*) FROM elections") == 0


def test_whole_numbers_written_as_text_or_float_are_accepted(life):
    s, branch, people = life
    s.elections.elect(
        branch,
        {
            "date": "2026-06-01",
            "voters_due": "9",
            "voters_present": 8.0,
            "committee": three(people, "7"),
        },
    )
    row = s.store.read_one("SELECT voters_due, voters_present, committee FROM elections")
    assert (row["voters_due"], row["voters_present"]) == (9, 8)
    assert '"votes_for": 7' in row["committee"]


def test_a_member_elected_twice_is_named_in_the_error(life):
    s, branch, people = life
    rows = three(people)
    rows[2]["member_id"] = people["钱二"]
    with pytest.raises(DomainError) as exc:
        s.elections.elect(branch, {"date": "2026-06-01", "committee": rows})
    assert render_error(exc.value) == "同一人员重复出现：钱二"


# -- one 书记 a day ------------------------------------------------------------------------------
def test_an_election_on_the_day_a_post_began_is_refused(life):
    # Before: the post given on 2026-06-01 was ended "the day before" but not before its own
    # start, so on 2026-06-01 the branch had two 书记 (赵一 and 李四).
    s, branch, people = life
    s.orgs.assign_post(branch, people["李四"], "secretary", "2026-06-01")
    before = outbox(s)
    with pytest.raises(DomainError) as exc:
        s.elections.elect(branch, {"date": "2026-06-01", "committee": three(people)})
    assert [e.code for e in errors_of(exc)] == ["E_ELECTION_ORDER"]
    assert "2026-06-01" in render_error(exc.value)
    assert outbox(s) == before
    secretaries = [p for p in s.orgs.posts(branch, "2026-06-01") if p["post"] == "secretary"]
    assert [p["member_name"] for p in secretaries] == ["李四"]


# -- a group merges into a group of its own branch -----------------------------------------------
def test_a_group_is_not_merged_into_another_branchs_group(life):
    # Before: the members stayed in 第一党支部 but were put in 第二党支部's group.
    s, branch, people = life
    g1, _ = s.orgs.add({"parent_id": branch, "kind": "group", "name": "第一党小组"})
    other, _ = s.orgs.add({"parent_id": s.root_org_id, "kind": "branch", "name": "第二党支部"})
    g2, _ = s.orgs.add({"parent_id": other, "kind": "group", "name": "第二党小组"})
    s.restructure.assign_group(people["赵一"], g1, "2026-01-05")
    before = outbox(s)
    with pytest.raises(DomainError) as exc:
        s.restructure.merge(g1, g2, "2026-11-01")
    (err,) = errors_of(exc)
    assert err.code == "E_ORG_MERGE_GROUP"
    assert "第一党小组" in render_error(err) and "同一党支部" in render_error(err)
    assert outbox(s) == before
    m = s.store.read_one("SELECT org_id, group_id FROM members WHERE id = ?", (people["赵一"],))
    assert (m["org_id"], m["group_id"]) == (branch, g1)
    assert s.orgs.get(g1)["dissolved_on"] is None


def test_a_group_merges_into_a_group_of_the_same_branch(life):
    s, branch, people = life
    g1, _ = s.orgs.add({"parent_id": branch, "kind": "group", "name": "第一党小组"})
    g2, _ = s.orgs.add({"parent_id": branch, "kind": "group", "name": "第二党小组"})
    s.restructure.assign_group(people["赵一"], g1, "2026-01-05")
    s.restructure.merge(g1, g2, "2026-11-01")
    m = s.store.read_one("SELECT org_id, group_id FROM members WHERE id = ?", (people["赵一"],))
    assert (m["org_id"], m["group_id"]) == (branch, g2)
    assert s.orgs.get(g1)["merged_into"] == g2


# -- a grade recorded again keeps what it does not mention ---------------------------------------
def test_grading_again_keeps_the_follow_up_note_and_meeting_it_does_not_name(life):
    # Before: recording 钱二's 不合格 again with a note only wiped the measure and deadline
    # decided since (the follow-up stayed "done" with no measure), and the grade dialog,
    # which sends no note, wiped every note on each save.
    s, _branch, people = life
    s.appraisals.record(
        2026,
        [
            {"member_id": people["钱二"], "grade": "不合格", "measure": "限期改正",
             "deadline": "2026-10-01", "note": "第一次评定"},
            {"member_id": people["孙三"], "grade": "合格", "note": "表现良好"},
        ],
    )  # fmt: skip
    row = s.store.read_one("SELECT * FROM appraisals WHERE member_id = ?", (people["钱二"],))
    s.appraisals.follow_up(
        row["id"], {"done_on": "2026-11-01", "outcome": "已改正"}, row["version"]
    )
    s.appraisals.record(
        2026,
        [
            {"member_id": people["钱二"], "grade": "不合格", "note": "补充说明"},
            {"member_id": people["孙三"], "grade": "优秀"},
        ],
    )
    q = s.store.read_one("SELECT * FROM appraisals WHERE member_id = ?", (people["钱二"],))
    assert (q["grade"], q["measure"], q["deadline"], q["done_on"], q["outcome"], q["note"]) == (
        "unqualified", "correct", "2026-10-01", "2026-11-01", "已改正", "补充说明",
    )  # fmt: skip
    sun = s.store.read_one("SELECT * FROM appraisals WHERE member_id = ?", (people["孙三"],))
    assert (sun["grade"], sun["note"]) == ("excellent", "表现良好")


def test_grading_up_clears_the_follow_up_and_a_kept_measure_must_fit_the_new_grade(life):
    s, _branch, people = life
    s.appraisals.record(2026, [{"member_id": people["钱二"], "grade": "不合格", "measure": "劝退"}])
    # 劝退 does not follow a 基本合格 grade: refused, nothing written
    before = outbox(s)
    with pytest.raises(DomainError) as exc:
        s.appraisals.record(2026, [{"member_id": people["钱二"], "grade": "基本合格"}])
    assert [e.code for e in errors_of(exc)] == ["E_APPRAISAL_MEASURE"]
    assert outbox(s) == before
    s.appraisals.record(2026, [{"member_id": people["钱二"], "grade": "合格"}])
    q = s.store.read_one("SELECT * FROM appraisals WHERE member_id = ?", (people["钱二"],))
    assert (q["grade"], q["measure"], q["deadline"], q["done_on"]) == (
        "qualified",
        None,
        None,
        None,
    )


# -- a post holder is a 正式党员 of the organisation on the post's first day ---------------------
def test_a_post_holder_is_checked_as_of_the_posts_first_day(life):
    # Before: the check read the record as it is today, so 新党员 (正式党员 since 2023, an
    # applicant in 2020) could be seated by an election of 2020, and a 书记 who has since been
    # transferred out could not be entered in the election that seated him.
    s, branch, people = life
    newer, _ = s.members.add(
        {"org_id": branch, "name": "新党员", "gender": "1", "category": "full",
         "application_date": "2019-03-01", "activist_date": "2019-06-01",
         "candidate_date": "2020-09-10", "join_date": "2021-01-10",
         "full_member_date": "2022-01-10"}
    )  # fmt: skip
    s.members.record_event(people["李四"], "transfer_out", "2026-03-01", {"to_org": "某单位党委"})
    rows = three(people)
    rows.append({"member_id": newer, "post": "discipline"})
    before = outbox(s)
    with pytest.raises(DomainError) as exc:
        s.elections.elect(branch, {"date": "2020-06-01", "committee": rows})
    (err,) = errors_of(exc)
    assert (err.code, err.params["member"]) == ("E_POST_NOT_FULL_MEMBER", "新党员")
    assert "2020-06-01" in render_error(err)
    assert outbox(s) == before
    # 李四 was the branch's 书记 in 2020: the old election is recorded as it happened
    rows = three(people)
    rows[0]["member_id"] = people["李四"]
    s.elections.elect(branch, {"date": "2020-06-01", "committee": rows})
    assert s.orgs.secretary(branch, "2020-06-01")["member_name"] == "李四"


def test_a_post_from_before_a_transfer_in_or_after_a_transfer_out_is_refused(life):
    s, branch, people = life
    s.members.record_event(people["周五"], "transfer_out", "2026-03-01", {"to_org": "某单位党委"})
    with pytest.raises(DomainError) as exc:
        s.orgs.assign_post(branch, people["周五"], "组织委员", "2026-04-01", "2026-05-01")
    assert [e.code for e in errors_of(exc)] == ["E_POST_NOT_FULL_MEMBER"]
    s.orgs.assign_post(branch, people["周五"], "组织委员", "2025-04-01", "2026-02-28")
    assert [p["member_name"] for p in s.orgs.committee(branch, "2025-06-01")] == ["周五"]


# -- the due list as of a past day counts only what was done by then -----------------------------
def test_due_as_of_a_past_day_does_not_count_later_talks_and_lectures(life):
    # Before: `due --as-of 2026-03-15` counted every talk and 党课 of the year, also those held
    # after the 15th of March (and a 党课 saved ahead for December cleared the item early).
    from datetime import date

    from ztclient.services.due import due_items

    s, branch, people = life
    s.elections.elect(branch, {"date": "2026-01-10", "committee": three(people)})
    s.talks.add_many(
        [
            {"date": "2026-03-01", "talker_id": people["赵一"], "talkee_id": people["钱二"],
             "topic": "分工"},
            {"date": "2026-04-01", "talker_id": people["孙三"], "talkee_id": people["赵一"],
             "topic": "思想汇报"},
            {"date": "2026-05-01", "talker_id": people["钱二"], "talkee_id": people["孙三"],
             "topic": "工作"},
        ]
    )  # fmt: skip
    lecture = {"org_id": branch, "kind": "lecture", "title": "书记讲党课"}
    s.meetings.add({**lecture, "starts_at": "2026-06-20 09:00", "lecturer_id": people["赵一"]})

    def due(day, kind):
        return [d for d in due_items(s, date.fromisoformat(day)) if d.kind == kind]

    # by 15 March: 赵一 has talked with 钱二 only — 8 of the 9 others (8 full, 1 预备) remain,
    # and no pair of the other two committee members has talked; no 党课 yet
    (talks,) = due("2026-03-15", "talks_missing")
    assert (talks.params["members_missing"], talks.params["pairs_missing"]) == (8, 1)
    assert [d.params["secretary"] for d in due("2026-03-15", "secretary_lecture")] == ["赵一"]
    # by 1 July: 孙三 too (7 remain), 钱二 and 孙三 have talked, and the 党课 was given
    (talks,) = due("2026-07-01", "talks_missing")
    assert (talks.params["members_missing"], talks.params["pairs_missing"]) == (7, 0)
    assert due("2026-07-01", "secretary_lecture") == []


def _posts(s, branch, day):
    return sorted((p["member_name"], p["post"]) for p in s.orgs.posts(branch, on=day))


def test_a_secretary_who_leaves_holds_no_post_from_that_day(life):
    """A 书记 transferred out stayed 书记: `orgs show` listed him and the due list asked him for
    谈心谈话 and 党课 (QA). Leaving ends the posts on the day before; voiding the leaving
    event gives them back; a death and a move to another branch end them too."""
    from datetime import date

    from ztclient.services.due import due_items

    s, branch, people = life
    s.elections.elect(branch, {"date": "2026-01-10", "committee": three(people)})
    other, _ = s.orgs.add({"parent_id": s.root_org_id, "kind": "branch", "name": "第二党支部"})
    before = outbox(s)
    event, _ = s.members.record_event(people["赵一"], "transfer_out", "2026-06-01",
                                      {"to_org": "中共某县委组织部"})  # fmt: skip
    assert _posts(s, branch, "2026-05-31") == [
        ("孙三", "publicity"),
        ("赵一", "secretary"),
        ("钱二", "organisation"),
    ]
    assert _posts(s, branch, "2026-06-01") == [("孙三", "publicity"), ("钱二", "organisation")]
    ops = s.store.read("SELECT entity, op FROM outbox WHERE seq > ? ORDER BY seq", (before,))
    assert [(o["entity"], o["op"]) for o in ops] == [
        ("org_post", "update"),
        ("member_event", "event"),
    ]
    due = [d for d in due_items(s, date(2026, 11, 1)) if d.kind == "secretary_lecture"]
    assert [d.params.get("secretary") for d in due] == []  # no 书记 to ask

    s.members.void_event(event, "登记错了")
    assert ("赵一", "secretary") in _posts(s, branch, "2026-11-01")
    assert s.store.scalar(
        "SELECT end_date FROM org_posts WHERE member_id = ? AND post = 'secretary'", (people["赵一"],)
    ) is None  # fmt: skip

    s.members.record_event(people["钱二"], "deceased", "2026-07-02")
    s.members.record_event(people["孙三"], "org_changed", "2026-08-01", {"org_id": other})
    assert _posts(s, branch, "2026-09-01") == [("赵一", "secretary")]
    rows = s.store.read("SELECT post, end_date FROM org_posts WHERE org_id = ?", (branch,))
    ends = {r["post"]: r["end_date"] for r in rows}
    assert ends == {"secretary": None, "organisation": "2026-07-01", "publicity": "2026-07-31"}
    assert s.verify() == []
