"""A 换届选举 recorded on one device of a unit reaches the unit's other device (a real ztcentral
on loopback): there it is in 历次换届选举 and can be voided (录入错误作废) with the same effects
the recording device kept — its post voided, the previous posts held again as they were (an
end date planned before the election included), the hand-set term back — and that void comes
back to the recording device."""

from __future__ import annotations

import json

from tests.helpers import PASSPHRASE, run_cli

UNIT = "U641"
ORG = "中共U641支部委员会"


def ok(out):
    assert out.returncode == 0, out.stdout + out.stderr
    return out


def _member(s, name, year):
    mid, _ = s.members.add(
        {"org_id": s.root_org_id, "name": name, "gender": "1", "category": "full",
         "join_date": f"{year}-07-01", "full_member_date": f"{year + 1}-07-01"}
    )  # fmt: skip
    return mid


def _posts(s):
    """member name → (post, start, end, voided, void reason, election id) of every post."""
    return {
        r["name"]: (
            r["post"],
            r["start_date"],
            r["end_date"],
            r["voided"],
            r["void_reason"],
            r["election_id"],
        )
        for r in s.store.read(
            "SELECT m.name, p.* FROM org_posts p JOIN members m ON m.id = p.member_id"
        )
    }


def _term(s):
    org = s.orgs.get(s.root_org_id)
    return org["elected_on"], org["term_years"]


def test_an_election_from_one_device_is_voided_on_the_other(central, make_unit, tmp_path):
    from ztclient.bootstrap import App

    _, pc = make_unit(UNIT, name=ORG)
    laptop_app = App(tmp_path / "laptop")
    laptop, _ = laptop_app.create_unit(ORG, UNIT, PASSPHRASE, "branch")
    for s, tag in ((pc, "pc"), (laptop, "laptop")):
        s.sync.enroll_online(central.url, central.enroll_unit(UNIT, tmp_path / f"e-{tag}.json"))
    pc.sync.sync()
    laptop.sync.sync()  # the laptop's root folds into the pc's: one unit root

    # on the pc: a committee appointed by hand, a term set by hand, then an election
    root = pc.root_org_id
    jia, yi, bing = _member(pc, "甲", 1990), _member(pc, "乙", 1991), _member(pc, "丙", 1992)
    pc.orgs.update(
        root, {"elected_on": "2019-01-01", "term_years": 5}, pc.orgs.get(root)["version"]
    )
    pc.orgs.assign_post(root, jia, "secretary", "2019-01-01")
    pc.orgs.assign_post(root, bing, "organisation", "2019-01-01", "2024-12-31")
    election = pc.elections.elect(
        root, {"date": "2023-06-01", "voters_due": 3, "voters_present": 3,
               "committee": [{"member_id": yi, "post": "secretary", "votes_for": 3}]}
    ).id  # fmt: skip
    before = {
        "甲": ("secretary", "2019-01-01", None, 0, None, None),
        "丙": ("organisation", "2019-01-01", "2024-12-31", 0, None, None),
    }
    elected = {
        "甲": ("secretary", "2019-01-01", "2023-05-31", 0, None, None),
        "乙": ("secretary", "2023-06-01", None, 0, None, election),
        "丙": ("organisation", "2019-01-01", "2023-05-31", 0, None, None),
    }
    assert _posts(pc) == elected and _term(pc) == ("2023-06-01", 3)
    pc.sync.sync()
    laptop.sync.sync()

    # on the laptop: the election is there, as recorded, with its posts and the term
    assert laptop.store.read("SELECT state, code FROM sync_down_items WHERE state = 'failed'") == []
    listed = laptop.elections.list()
    assert [(e["id"], e["date"], e["term_end"], e["voters_due"], e["voters_present"])
            for e in listed] == [(election, "2023-06-01", "2026-06-01", 3, 3)]  # fmt: skip
    assert [(c["member_name"], c["post"], c["votes_for"]) for c in listed[0]["committee"]] == [
        ("乙", "secretary", 3)
    ]
    assert _posts(laptop) == elected and _term(laptop) == ("2023-06-01", 3)
    laptop.close()

    # the laptop's clerk voids it, as a clerk would, and syncs; then the pc syncs
    out = ok(run_cli(laptop_app.data_dir, "orgs", "election-void", ORG, "--date", "2023-06-01",
                     "--reason", "日期录错", "--json"))  # fmt: skip
    assert json.loads(out.stdout) == {
        "ok": True, "id": election, "posts_voided": 1, "posts_restored": 2,
    }  # fmt: skip
    ok(run_cli(laptop_app.data_dir, "sync", "--server", central.url))
    pc.sync.sync()

    voided = {**before, "乙": ("secretary", "2023-06-01", None, 1, "日期录错", election)}
    laptop = laptop_app.unlock(PASSPHRASE)
    for s in (pc, laptop):
        row = s.store.read_one(
            "SELECT voided, void_reason FROM elections WHERE id = ?", (election,)
        )
        assert (row["voided"], row["void_reason"]) == (1, "日期录错")
        assert s.elections.list() == []
        assert _posts(s) == voided
        assert _term(s) == ("2019-01-01", 5)
        assert s.store.read("SELECT state, code FROM sync_down_items WHERE state = 'failed'") == []
        st = s.sync.status()
        assert st["pending"] == st["in_flight"] == 0
    with central.db().tx() as tx:
        rec = tx.one(
            "SELECT data, voided FROM records WHERE unit = $1 AND entity = 'election' AND id = $2",
            (UNIT, election),
        )
    assert (rec["voided"], json.loads(rec["data"])["void_reason"]) == (1, "日期录错")
    laptop.close()
