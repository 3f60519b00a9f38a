"""换届选举 and committee posts on a real encrypted unit: the committee as of a date feeds the
支委会 quorum and the 56-hour target; terms end and come due; every bad input is a coded error
with nothing written."""

from __future__ import annotations

import pytest

from ztclient.domain.errors import DomainError, ValidationErrors


def outbox(s) -> int:
    return int(s.store.scalar("SELECT count(*) FROM outbox"))


def codes(exc) -> list[str]:
    e = exc.value
    return [x.code for x in e.errors] if isinstance(e, ValidationErrors) else [e.code]


def committee(people, *names_posts, votes=None):
    return [
        {"member_id": people[n], "post": p, **({"votes_for": votes} if votes else {})}
        for n, p in names_posts
    ]


def test_election_seats_a_committee_and_sets_the_term(life):
    s, branch, people = life
    rec = s.elections.elect(
        branch,
        {
            "date": "2020-06-01",
            "voters_due": 9,
            "voters_present": 8,
            "committee": committee(
                people,
                ("赵一", "secretary"),
                ("钱二", "organisation"),
                ("孙三", "publicity"),
                votes=7,
            ),
        },
    )
    assert rec.warnings == ()
    org = s.orgs.get(branch)
    assert (org["elected_on"], org["term_years"]) == ("2020-06-01", 3)
    # The committee as of a day: nobody before the election, three from that day on.
    assert s.orgs.committee_size(branch, "2020-05-31") == 0
    assert s.orgs.committee_size(branch, "2020-06-01") == 3
    assert [p["member_name"] for p in s.orgs.committee(branch, "2024-01-01")] == [
        "赵一",
        "钱二",
        "孙三",
    ]
    assert s.orgs.is_committee_member(people["钱二"], "2021-03-01")
    assert not s.orgs.is_committee_member(people["李四"], "2021-03-01")
    # Term ended 2023-06-01; on 2026-11-20 it is more than a year overdue.
    due = [d for d in s.orgs.terms_due() if d["id"] == branch]
    assert due and due[0]["term_end"] == "2023-06-01" and due[0]["state"] == "overdue_long"
    ops = s.store.read("SELECT entity, op FROM outbox ORDER BY seq")
    assert {(o["entity"], o["op"]) for o in ops[-5:]} >= {
        ("election", "create"),
        ("org_post", "create"),
        ("org", "update"),
    }


def test_next_election_ends_the_old_posts_the_day_before(life):
    s, branch, people = life
    s.elections.elect(
        branch,
        {
            "date": "2020-06-01",
            "committee": committee(
                people, ("赵一", "secretary"), ("钱二", "organisation"), ("孙三", "publicity")
            ),
        },
    )
    s.elections.elect(
        branch,
        {
            "date": "2023-05-20",
            "committee": committee(
                people,
                ("李四", "secretary"),
                ("钱二", "organisation"),
                ("周五", "publicity"),
                ("吴六", "discipline"),
                ("郑七", "member"),
            ),
        },
    )
    old = {
        p["member_name"]: p for p in s.orgs.post_history(branch) if p["start_date"] == "2020-06-01"
    }
    assert {p["end_date"] for p in old.values()} == {"2023-05-19"}
    assert s.orgs.committee_size(branch, "2023-05-19") == 3
    assert s.orgs.committee_size(branch, "2023-05-20") == 5
    assert s.orgs.secretary(branch, "2023-05-20")["member_name"] == "李四"
    # The new term ended on 2026-05-20: overdue (less than a year) on 2026-11-20.
    (due,) = [d for d in s.orgs.terms_due() if d["id"] == branch]
    assert (due["term_end"], due["state"], due["days_left"]) == ("2026-05-20", "overdue", -184)


def test_committee_meeting_quorum_counts_the_committee_on_its_day(life):
    s, branch, people = life
    s.elections.elect(
        branch,
        {
            "date": "2026-03-01",
            "committee": committee(
                people, ("赵一", "secretary"), ("钱二", "organisation"), ("孙三", "publicity")
            ),
        },
    )
    q = s.meetings.quorum(
        {
            "org_id": branch,
            "kind": "branch_committee",
            "starts_at": "2026-04-02T09:00",
            "attendance": [
                {"member_id": people["赵一"], "status": "present"},
                {"member_id": people["钱二"], "status": "present"},
                {"member_id": people["孙三"], "status": "absent"},
            ],
        }
    )
    assert (q.committee_size, q.present_total, q.quorum_met) == (3, 2, True)


def test_secretary_study_target_is_56(life):
    s, branch, people = life
    s.elections.elect(
        branch,
        {
            "date": "2026-03-01",
            "committee": committee(
                people, ("赵一", "secretary"), ("钱二", "organisation"), ("孙三", "publicity")
            ),
        },
    )
    targets = {r["name"]: r["target"] for r in s.study.summary(2026)}
    assert targets["赵一"] == 56 and targets["钱二"] == 56 and targets["李四"] == 32


def test_term_defaults_by_kind_and_unit_type(life):
    s, _branch, people = life
    s.elections.elect(
        s.root_org_id,
        {
            "date": "2024-01-10",
            "committee": committee(
                people, ("赵一", "secretary"), ("钱二", "member"), ("孙三", "member")
            ),
        },
    )
    assert s.orgs.get(s.root_org_id)["term_years"] == 5
    village, _ = s.orgs.add(
        {"parent_id": s.root_org_id, "kind": "branch", "name": "某村党支部", "unit_type": "村"}
    )
    assert s.orgs.get(village)["unit_type"] == "village"
    from ztclient.domain.terms import default_term_years

    assert default_term_years("branch", "village") == 5


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"date": "2020-13-01"}, "E_DATE_INVALID"),
        ({"date": "2020.01.01"}, "E_DATE_FORMAT"),
        ({"date": "2027-01-01"}, "E_DATE_FUTURE"),
        ({"term_years": 4}, "E_TERM_YEARS"),
        ({"committee": []}, "E_FIELD_REQUIRED"),
        ({"voters_due": 9, "voters_present": 6}, "E_QUORUM_ELECTION"),
        ({"voters_due": 9, "voters_present": 10}, "E_ELECTION_FIGURES"),
        ({"voters_due": 9, "voters_present": 8, "votes": 4}, "E_ELECTION_NOT_ELECTED"),
        ({"voters_due": 9, "voters_present": 8, "votes": 9}, "E_ELECTION_VOTES"),
        ({"who": "陈预备"}, "E_POST_NOT_FULL_MEMBER"),
        ({"post": "group_leader"}, "E_POST_KIND"),
        ({"post": "校长"}, "E_CODE_UNKNOWN"),
        ({"twice": True}, "E_DUPLICATE"),
        ({"second_secretary": True}, "E_POST_TAKEN"),
        ({"extra": 1}, "E_FIELD_UNKNOWN"),
    ],
)
def test_bad_elections_are_refused_and_nothing_is_written(life, change, code):
    s, branch, people = life
    change = dict(change)
    rows = committee(people, ("赵一", "secretary"), ("钱二", "organisation"), ("孙三", "publicity"))
    if "votes" in change:
        for r in rows:
            r["votes_for"] = change["votes"]
        change.pop("votes")
    if change.pop("who", None):
        rows[1]["member_id"] = people["陈预备"]
    if "post" in change:
        rows[2]["post"] = change.pop("post")
    if change.pop("twice", None):
        rows[2]["member_id"] = rows[1]["member_id"]
    if change.pop("second_secretary", None):
        rows[1]["post"] = "secretary"
    data = {"date": "2026-06-01", "committee": rows, **change}
    before = outbox(s)
    with pytest.raises(DomainError) as exc:
        s.elections.elect(branch, data)
    assert code in codes(exc)
    assert outbox(s) == before
    assert s.orgs.committee_size(branch, "2026-06-02") == 0


def test_an_earlier_election_cannot_be_added_after_a_later_one(life):
    s, branch, people = life
    s.elections.elect(
        branch,
        {
            "date": "2023-05-20",
            "committee": committee(
                people, ("赵一", "secretary"), ("钱二", "organisation"), ("孙三", "publicity")
            ),
        },
    )
    with pytest.raises(DomainError) as exc:
        s.elections.elect(
            branch,
            {
                "date": "2020-06-01",
                "committee": committee(
                    people, ("李四", "secretary"), ("钱二", "organisation"), ("孙三", "publicity")
                ),
            },
        )
    assert "E_ELECTION_ORDER" in codes(exc)


def test_an_election_before_the_branch_was_founded_is_refused(life):
    """A branch founded on 2021-03-01 held no 换届选举 on 2020-06-01 (records true to their
    date, as for its meetings); the founding day itself is fine. Nothing is written."""
    s, branch, people = life
    s.orgs.update(branch, {"founded_on": "2021-03-01"}, s.orgs.get(branch)["version"])
    rows = committee(people, ("赵一", "secretary"), ("钱二", "organisation"), ("孙三", "publicity"))
    before = outbox(s)
    with pytest.raises(DomainError) as exc:
        s.elections.elect(branch, {"date": "2020-06-01", "committee": rows})
    assert codes(exc) == ["E_ELECTION_BEFORE_FOUNDED"]
    assert exc.value.params["founded"] == "2021-03-01"
    assert outbox(s) == before
    s.elections.elect(branch, {"date": "2021-03-01", "committee": rows})
    assert s.orgs.get(branch)["elected_on"] == "2021-03-01"
    # and the other way round: the 成立日期 cannot then move after that election
    with pytest.raises(DomainError) as exc:
        s.orgs.update(branch, {"founded_on": "2021-04-01"}, s.orgs.get(branch)["version"])
    assert (exc.value.code, exc.value.params["meeting_date"]) == (
        "E_ORG_FOUNDED_AFTER_MEETING",
        "2021-03-01",
    )


def test_committee_norms_are_warnings(life):
    s, branch, people = life
    rec = s.elections.elect(
        branch,
        {
            "date": "2026-01-05",
            "committee": committee(people, ("赵一", "organisation"), ("钱二", "publicity")),
        },
    )
    assert {w.code for w in rec.warnings} == {"W_NO_SECRETARY", "W_COMMITTEE_SIZE"}


def test_posts_between_elections(life):
    s, branch, people = life
    s.elections.elect(
        branch,
        {
            "date": "2024-06-01",
            "committee": committee(
                people, ("赵一", "secretary"), ("钱二", "organisation"), ("孙三", "publicity")
            ),
        },
    )
    # A second secretary while the first still holds the post is refused...
    with pytest.raises(DomainError) as exc:
        s.orgs.assign_post(branch, people["李四"], "书记", "2025-03-01")
    assert codes(exc) == ["E_POST_TAKEN"]
    assert "赵一" in __import__("ztclient.domain.messages", fromlist=["x"]).render_error(exc.value)
    # ...until that post is ended; then the new one is a dated change.
    sec = s.orgs.secretary(branch, "2025-01-01")
    s.orgs.end_post(sec["id"], "2025-02-28")
    s.orgs.assign_post(branch, people["李四"], "书记", "2025-03-01")
    assert s.orgs.secretary(branch, "2025-02-28")["member_name"] == "赵一"
    assert s.orgs.secretary(branch, "2025-03-01")["member_name"] == "李四"
    assert s.orgs.committee_size(branch, "2025-03-01") == 3
    with pytest.raises(DomainError) as exc:
        s.orgs.end_post(sec["id"], "2020-01-01")
    assert codes(exc) == ["E_DATE_ORDER"]


def test_a_member_under_discipline_probation_cannot_be_elected(life):
    s, branch, people = life
    s.members.record_event(people["孙三"], "discipline_probation", "2026-02-01")
    with pytest.raises(DomainError) as exc:
        s.elections.elect(
            branch,
            {
                "date": "2026-03-01",
                "committee": committee(
                    people, ("赵一", "secretary"), ("钱二", "organisation"), ("孙三", "publicity")
                ),
            },
        )
    assert codes(exc) == ["E_POST_RIGHTS_SUSPENDED"]
    assert "孙三" in str(exc.value.errors[0].params)
