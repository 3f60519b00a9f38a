"""转出 of an 入党积极分子 is kept on purpose (their development file moves with them), but it is
not a party member's transfer: the 组织关系介绍信 (a 党员's letter, “正式/预备”: domain facts §1)
is not printed for them, and a unit of the same centre that accepts them keeps them an
入党积极分子 — not a 正式党员. Nor do they count as a member leaving."""

from __future__ import annotations

import pytest

from ztclient.domain.errors import DomainError
from ztclient.domain.messages import render_error

DETAILS = {"to_org": "中共某街道工作委员会", "letter_no": "031", "dues_paid_to": "2026-10",
           "valid_days": 30, "to_unit": "3301060002"}  # fmt: skip


def _activist(session, branch):
    mid, _ = session.members.add(
        {"org_id": branch, "name": "吴积极", "gender": "1", "category": "activist",
         "application_date": "2025-03-01", "activist_date": "2025-06-01"}
    )  # fmt: skip
    return mid


def test_no_party_letter_for_an_activist_and_no_member_leaves(unit):
    _app, s, _code = unit
    branch = s.store.get_meta("test_branch_id")
    members_before = s.members.count()
    mid = _activist(s, branch)
    event, _ = s.members.record_event(mid, "transfer_out", "2026-11-02", DETAILS)
    assert s.members.get(mid)["category"] == "activist"  # the file moves; no one is made a member
    assert s.members.count() == members_before
    assert s.development_docs is not None
    with pytest.raises(DomainError) as info:
        s.development_docs.letter_doc(event)
    assert info.value.code == "E_TRANSFER_LETTER_NOT_MEMBER"
    assert render_error(info.value) == (
        "吴积极是“入党积极分子”，不是党员：组织关系介绍信只开给正式党员和预备党员，"
        "其入党培养考察材料随档案转递"
    )


def test_an_activist_received_from_another_unit_stays_an_activist(unit):
    _app, s, _code = unit
    branch = s.store.get_meta("test_branch_id")
    body = {
        "proposal_id": "p-1", "from_unit": "3301060009", "from_unit_name": "中共某镇委员会",
        "date": "2026-11-02", "letter": dict(DETAILS),
        "member": {"name": "吴积极", "gender": "1", "category": "activist",
                   "application_date": "2025-03-01", "activist_date": "2025-06-01",
                   "status": "transferred_out"},
    }  # fmt: skip
    tid = s.transfers.receive("transfer:p-1", "transfer_proposal", body)
    mid, _ = s.transfers.accept(tid, branch, date="2026-11-10")
    m = s.members.get(mid)
    assert (m["category"], m["status"], m["activist_date"]) == ("activist", "normal", "2025-06-01")
    assert m["join_date"] is None
