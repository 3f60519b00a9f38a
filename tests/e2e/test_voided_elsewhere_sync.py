"""Over loopback: a post voided on one device leaves the other's committee; a record another
device added offline for a member voided meanwhile is kept, never counted, and seen — a
conflict in the centre's 审核 and a problem (E_MEMBER_VOIDED) on the device that added it."""

from __future__ import annotations

from datetime import date

ZHANG = "110105198001010016"
WANG = "110105199003030031"


def _member(s, name, id_number):
    mid, _ = s.members.add(
        {"org_id": s.root_org_id, "name": name, "gender": "1", "id_number": id_number,
         "birth_date": f"{id_number[6:10]}-{id_number[10:12]}-{id_number[12:14]}",
         "join_date": "2010-07-01", "full_member_date": "2011-07-01"}
    )  # fmt: skip
    return mid


def test_voids_made_on_one_device_reach_the_other_safely(central, make_unit, tmp_path):
    from tests.helpers import PASSPHRASE

    from ztclient.bootstrap import App

    _, pc = make_unit("U631", name="中共U631支部委员会")
    laptop, _ = App(tmp_path / "laptop").create_unit(
        "中共U631支部委员会", "U631", PASSPHRASE, "branch"
    )
    for s, tag in ((pc, "pc"), (laptop, "laptop")):
        s.sync.enroll_online(central.url, central.enroll_unit("U631", tmp_path / f"e-{tag}.json"))
    zhang = _member(pc, "张伟", ZHANG)
    wrong = _member(pc, "王错录", WANG)
    year = date.today().year
    post_id, _ = pc.orgs.assign_post(pc.root_org_id, zhang, "secretary", f"{year}-01-01")
    pc.sync.sync()
    laptop.sync.sync()
    assert laptop.orgs.secretary(laptop.root_org_id)["member_id"] == zhang

    # the PC voids the post entered by mistake and the person; the laptop, offline, logs
    # two hours of study for 王错录
    pc.orgs.void_post(post_id, "录错人")
    pc.members.void(wrong, "测试录入")
    pc.sync.sync()
    (log_id,), _ = laptop.study.add(
        [{"member_id": wrong, "date": f"{year}-01-01", "hours": 2, "form": "self",
          "topic": "党章"}]
    )  # fmt: skip
    laptop.sync.sync()
    laptop.sync.sync()  # the conflict's values come down after the receipt
    pc.sync.sync()

    # the post: voided on the laptop too, out of its committee
    row = laptop.store.read_one(
        "SELECT voided, void_reason FROM org_posts WHERE id = ?", (post_id,)
    )
    assert (row["voided"], row["void_reason"]) == (1, "录错人")
    assert laptop.orgs.secretary(laptop.root_org_id) is None
    # the log: kept everywhere, counted nowhere, seen
    with central.db().tx() as tx:
        conflicts = tx.all(
            "SELECT entity, record_id, field, displaced, status FROM conflicts WHERE unit = 'U631'"
        )
    assert [dict(c) for c in conflicts] == [{"entity": "study_log", "record_id": log_id,
            "field": "member_id", "displaced": '"voided"', "status": "open"}]  # fmt: skip
    problems = [(p["code"], p["field"], p["theirs"]) for p in laptop.sync.problems()]
    assert problems == [("E_MEMBER_VOIDED", "member_id", "voided")]
    for s in (pc, laptop):
        assert s.members.get(wrong)["status"] == "voided"
        assert s.store.scalar("SELECT count(*) FROM study_logs WHERE id = ?", (log_id,)) == 1
        assert wrong not in {r["member_id"] for r in s.study.summary(year)}
        assert s.verify() == []
    laptop.close()


def test_a_batch_for_two_members_voided_elsewhere_is_two_rows(central, make_unit, tmp_path):
    """One op (two hours of study for two people) naming two members the other device voided:
    the laptop's 待核对 has a row for each, naming each (it had one, for the first, until
    schema 23)."""
    from tests.helpers import PASSPHRASE

    from ztclient.bootstrap import App

    _, pc = make_unit("U632", name="中共U632支部委员会")
    laptop, _ = App(tmp_path / "laptop").create_unit(
        "中共U632支部委员会", "U632", PASSPHRASE, "branch"
    )
    for s, tag in ((pc, "pc"), (laptop, "laptop")):
        s.sync.enroll_online(central.url, central.enroll_unit("U632", tmp_path / f"e-{tag}.json"))
    zhang, wang = _member(pc, "张伟", ZHANG), _member(pc, "王错录", WANG)
    pc.sync.sync()
    laptop.sync.sync()
    for mid in (zhang, wang):
        pc.members.void(mid, "测试录入")
    pc.sync.sync()
    year = date.today().year
    laptop.study.add(
        [{"member_id": m, "date": f"{year}-01-01", "hours": 2, "form": "self", "topic": "党章"}
         for m in (zhang, wang)]
    )  # fmt: skip
    laptop.sync.sync()
    laptop.sync.sync()  # the conflicts' values come down after the receipt

    got = sorted((p["code"], p["record_name"], p["theirs"]) for p in laptop.sync.problems())
    assert got == [
        ("E_MEMBER_VOIDED", f"{year}-01-01 党章 · 张伟（中共U632支部委员会）", "voided"),
        ("E_MEMBER_VOIDED", f"{year}-01-01 党章 · 王错录（中共U632支部委员会）", "voided"),
    ]
    laptop.close()
