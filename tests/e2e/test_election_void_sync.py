"""An election voided on the device (录入错误作废) reaches a real ztcentral on loopback with the
ops it is made of: the election and the posts it seated voided, the previous committee's posts
held again, the term back."""

from __future__ import annotations

from tests.helpers import PASSPHRASE, run_cli


def ok(out):
    assert out.returncode == 0, out.stdout + out.stderr
    return out


def records(central, entity):
    with central.db().tx() as tx:
        return {
            r["id"]: (r["data"], r["voided"])
            for r in tx.all(
                "SELECT id, data, voided FROM records WHERE unit = 'U138' AND entity = $1",
                (entity,),
            )
        }


def test_an_election_voided_on_the_device_is_voided_at_the_centre(central, tmp_path):
    import json

    from ztclient.bootstrap import App

    app = App(tmp_path / "client-U138")
    s, _ = app.create_unit("中共换届作废测试委员会", "U138", PASSPHRASE, "committee")
    branch, _ = s.orgs.add({"parent_id": s.root_org_id, "kind": "branch", "name": "第一党支部"})
    ids = {}
    for i, name in enumerate(["甲", "乙"]):
        ids[name], _ = s.members.add(
            {"org_id": branch, "name": name, "gender": "1", "category": "full",
             "join_date": f"{1990 + i}-07-01", "full_member_date": f"{1991 + i}-07-01"}
        )  # fmt: skip
    first = s.elections.elect(
        branch, {"date": "2020-06-01", "committee": [{"member_id": ids["甲"], "post": "secretary"}]}
    ).id
    second = s.elections.elect(
        branch, {"date": "2023-06-01", "committee": [{"member_id": ids["乙"], "post": "secretary"}]}
    ).id
    s.close()
    code = central.enroll_unit("U138", tmp_path / "enrol.json")
    ok(run_cli(app.data_dir, "enroll", "--server", central.url, "--code", code))
    ok(run_cli(app.data_dir, "sync", "--server", central.url))
    ok(run_cli(app.data_dir, "orgs", "election-void", "第一党支部", "--date", "2023-06-01",
               "--reason", "日期录错"))  # fmt: skip
    ok(run_cli(app.data_dir, "sync", "--server", central.url))

    elections = records(central, "election")
    assert (
        elections[second][1] == 1 and json.loads(elections[second][0])["void_reason"] == "日期录错"
    )
    assert elections[first][1] == 0
    posts = {
        json.loads(d)["member_id"]: (json.loads(d), v)
        for d, v in records(central, "org_post").values()
    }
    assert posts[ids["乙"]][1] == 1 and posts[ids["乙"]][0]["void_reason"] == "日期录错"
    assert posts[ids["甲"]][1] == 0 and posts[ids["甲"]][0]["end_date"] is None
    org = json.loads(records(central, "org")[branch][0])
    assert (org["elected_on"], org["term_years"]) == ("2020-06-01", 3)
    with central.db().tx() as tx:
        voids = tx.all("SELECT status, op FROM applied_ops WHERE op LIKE '%\"void\"%'")
    kinds = sorted((json.loads(r["op"])["entity"], r["status"]) for r in voids)
    assert kinds == [("election", "applied"), ("org_post", "applied")]
