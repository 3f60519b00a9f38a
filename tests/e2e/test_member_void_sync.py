"""录入错误作废 syncs: a member one device takes back (entered in error) leaves the committee's
counts (the centre's report, its roll) and reaches the unit's other device as 已作废 with the
reason, out of that device's roster too."""

from __future__ import annotations

import json
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


def test_a_voided_member_leaves_the_centre_and_the_other_device(central, make_unit, tmp_path):
    from tests.helpers import PASSPHRASE

    from ztcentral.report import figures
    from ztclient.bootstrap import App

    _, pc = make_unit("U630", name="中共U630支部委员会")
    laptop, _ = App(tmp_path / "laptop").create_unit(
        "中共U630支部委员会", "U630", PASSPHRASE, "branch"
    )
    for s, tag in ((pc, "pc"), (laptop, "laptop")):
        s.sync.enroll_online(central.url, central.enroll_unit("U630", tmp_path / f"e-{tag}.json"))
    _member(pc, "张伟", ZHANG)
    wrong = _member(pc, "王错录", WANG)
    pc.sync.sync()
    laptop.sync.sync()
    assert laptop.members.count() == 2

    def committee_count() -> int:
        year = date.today().year
        return next(f["members"] for f in figures(central.db(), year) if f["unit"] == "U630")

    assert committee_count() == 2

    pc.members.void(wrong, "测试录入")
    pc.sync.sync()
    laptop.sync.sync()

    with central.db().tx() as tx:
        rec = tx.one(
            "SELECT data, voided FROM records WHERE unit = 'U630' AND entity = 'member' "
            "AND id = $1",
            (wrong,),
        )
    data = json.loads(rec["data"])
    assert (data["status"], data["void_reason"], rec["voided"]) == ("voided", "测试录入", 1)
    assert committee_count() == 1
    # the laptop: 已作废 with the reason, out of its roster and counts
    row = laptop.members.get(wrong)
    assert (row["status"], row["void_reason"]) == ("voided", "测试录入")
    assert laptop.members.count() == 1
    assert laptop.members.ids(status="voided") == [wrong]
    for s in (pc, laptop):
        st = s.sync.status()
        assert st["pending"] == st["in_flight"] == 0
        assert s.verify() == []
    laptop.close()
