"""A development step a standing record rests on cannot be voided alone (QA): the 政审 under a
standing 接收预备党员, the 预审 under a standing 入党志愿书, the 转正申请 under a standing 转正.
Voiding it used to leave an admission on the record without the 政审 it needs. A step the
record still has enough of without (a second 培训) may be voided; once the record is voided
first, the step may be too."""

from __future__ import annotations

from tests.integration.cli.test_cli_events import cli, meeting_json, refused, world  # noqa: F401


def _step_id(s, p, step):
    [row] = [e for e in s.development.entries(p) if e.get("step") == step and not e["voided"]]
    return row["id"]


def test_a_step_under_a_standing_record_is_not_voided_alone(world, tmp_path):  # noqa: F811
    app, s, branch, full, p = world
    a, b = ({"member_id": full[0]}, {"member_id": full[1]})
    s.members.record_event(p, "applied", "2018-03-05")
    s.development.record_step(p, "talk", "2018-03-20", ["王书记"])
    s.members.record_event(p, "activist", "2018-06-01")
    for step, day, people, details in [
        ("mentors", "2018-06-05", [a, b], {}),
        ("activist_filed", "2018-06-10", [], {}),
        ("assessment", "2018-12-01", [], {}),
        ("assessment", "2019-05-25", [], {}),
    ]:
        s.development.record_step(p, step, day, people, details)
    s.members.record_event(p, "candidate", "2019-06-01")
    for step, day, people, details in [
        ("candidate_filed", "2019-06-05", [], {}),
        ("sponsors", "2019-06-10", [a, b], {}),
        ("political_review", "2019-08-01", [], {"result": "qualified"}),
        ("training", "2019-09-10", [], {"days": 3}),
        ("training", "2019-09-20", [], {"days": 1}),
        ("committee_review", "2019-11-01", [], {}),
        ("pre_review", "2019-11-15", [], {}),
    ]:
        s.development.record_step(p, step, day, people, details)
    review, pre = _step_id(s, p, "political_review"), _step_id(s, p, "pre_review")

    # before anything rests on it, a step may be voided and entered again
    assert cli(app, "members", "void-step", pre, "--reason", "日期有误").returncode == 0
    s.development.record_step(p, "pre_review", "2019-11-15")
    pre = _step_id(s, p, "pre_review")
    s.development.record_step(p, "volunteer_form", "2019-11-20")
    refused(
        cli(app, "members", "void-step", pre, "--reason", "x"),
        "E_DEV_STEP_NEEDED",
        "“上级党委预审”是已登记的“填写入党志愿书”（2019-11-20）的依据",
    )

    admission = {"title": "接收张申请为预备党员", "kind": "admission", "votes_for": 6,
                 "votes_against": 0, "votes_abstain": 0, "subject_member_id": p}  # fmt: skip
    r = cli(app, "meetings", "add", "--from-json",
            meeting_json(tmp_path, "m1", branch, full, "2019-12-01", admission))  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert s.members.get(p)["category"] == "probationary"

    before = s.store.scalar("SELECT count(*) FROM outbox")
    refused(
        cli(app, "members", "void-step", review, "--reason", "x"),
        "E_DEV_STEP_NEEDED",
        "“政治审查”是已登记的“接收为预备党员”（2019-12-01）的依据，不能单独作废：请先作废“接收为预备党员”",
    )
    assert s.store.scalar("SELECT count(*) FROM outbox") == before  # nothing written
    # 4 days of 培训 recorded, 3 needed: the 1-day one may go; then the 3-day one may not
    days = [e for e in s.development.entries(p) if e.get("step") == "training"]
    one_day = next(e["id"] for e in days if e["details"].get("days") == 1)
    three = next(e["id"] for e in days if e["details"].get("days") == 3)
    assert cli(app, "members", "void-step", one_day, "--reason", "重复").returncode == 0
    refused(
        cli(app, "members", "void-step", three, "--reason", "x"), "E_DEV_STEP_NEEDED", "集中培训"
    )

    # void the admission first: then its 政审 may go
    [admitted] = [e for e in s.members.history(p) if e["kind"] == "admitted" and not e["voided"]]
    assert cli(app, "members", "void-event", admitted["id"], "--reason", "重新登记").returncode == 0
    assert cli(app, "members", "void-step", review, "--reason", "结论有误").returncode == 0
    assert s.verify() == []
