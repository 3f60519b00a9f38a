"""Transfers between units are proposals (issue 11 item 3, issue 12 item 5), over real HTTP.

A ``transfer_out`` naming another unit changes nothing in that unit's roster until its clerk
accepts; acceptance and refusal go up and reach the sending unit; nobody is linked by ID number;
a unit cannot answer a proposal that was not addressed to it.
"""

from __future__ import annotations

import pytest
from tests.e2e.test_sync_http import enrol
from tests.e2e.work import add_members

from ztclient.domain import idnumber
from ztclient.domain.errors import DomainError

LETTER = {
    "to_org": "中共U202支部委员会",
    "letter_no": "025",
    "dues_paid_to": "2026-10",
    "valid_days": 30,
}


def _roster(session) -> list[str]:
    return sorted(r["name"] for r in session.members.list(include_former=True))


def test_accepted_transfer_enters_only_when_the_clerk_accepts(central, make_unit, tmp_path):
    _, a = make_unit("U201")
    _, b = make_unit("U202")
    enrol(central, a, tmp_path, "U201")
    enrol(central, b, tmp_path, "U202")
    [m] = add_members(a, 1)  # born 1960-01-10, female
    first17 = "11010519600110002"
    id_number = first17 + idnumber.check_char(first17)
    a.members.update(m, {"id_number": id_number}, a.members.get(m)["version"])
    name = a.members.get(m)["name"]
    # b once had this person (transferred out on paper long ago): never linked by ID number
    former, _ = b.members.add(
        {
            "org_id": b.root_org_id,
            "name": name,
            "gender": "2",
            "id_number": id_number,
            "birth_date": "1960-01-10",
            "join_date": "1990-07-01",
        }
    )
    b.members.record_event(former, "transfer_out", "2020-05-01", {"to_org": "中共某县委组织部"})
    before = _roster(b)
    event, _ = a.members.record_event(
        m, "transfer_out", "2026-11-02", {**LETTER, "to_unit": "U202"}
    )
    a.sync.sync()
    b.sync.sync()
    assert _roster(b) == before  # nothing entered b's roster by itself
    assert b.members.get(former)["status"] == "transferred_out"
    [proposal] = b.transfers.list("in")
    assert proposal["id"] == event and proposal["state"] == "pending"
    # the sending unit named as its clerk named it (no name was entered at the centre): its
    # code was shown as the 转出组织 before
    assert proposal["letter"]["from_org"] == "中共U201支部委员会"
    assert proposal["from_unit"] == "U201" and proposal["letter"]["letter_no"] == "025"
    assert proposal["letter"]["member"]["name"] == name
    # a new record would double the ID number: refused, nothing written, still pending
    with pytest.raises(DomainError) as refused:
        b.transfers.accept(proposal["id"], b.root_org_id, date="2026-11-10")
    assert "E_DUPLICATE_ID_NUMBER" in str(refused.value.to_dict())
    assert _roster(b) == before and b.transfers.get(event)["state"] == "pending"
    # the clerk says it is the same person: taken back, with its own history
    member_id, _ = b.transfers.accept(
        proposal["id"], b.root_org_id, date="2026-11-10", link_member_id=former
    )
    assert member_id == former
    taken = b.members.get(member_id)
    assert (taken["name"], taken["status"]) == (name, "normal")
    assert [e["kind"] for e in b.members.history(member_id)] == ["transfer_out", "transfer_in"]
    b.sync.sync()
    assert b.sync.status()["pending"] == 0
    # the answer reaches the sending unit: its 回执 is recorded, the due item is gone
    a.sync.sync()
    kinds = [e["kind"] for e in a.members.history(m)]
    assert kinds == ["transfer_out", "transfer_receipt"]
    [answer] = a.transfers.list("out")
    assert (answer["state"], answer["answered_on"], answer["to_unit"]) == (
        "accepted",
        "2026-11-10",
        "U202",
    )
    from ztclient.services.due import due_items

    assert not [d for d in due_items(a, a.clock.today()) if d.kind == "transfer_receipt"]
    # the receipt event goes up too, like any edit; answering twice is refused locally
    a.sync.sync()
    assert a.sync.status()["pending"] == 0


def test_refusal_goes_back_and_others_cannot_answer(central, make_unit, tmp_path):
    _, a = make_unit("U203")
    _, b = make_unit("U204")
    _, c = make_unit("U205")
    for unit, s in (("U203", a), ("U204", b), ("U205", c)):
        enrol(central, s, tmp_path, unit)
    [m] = add_members(a, 1)
    event, _ = a.members.record_event(
        m, "transfer_out", "2026-11-02", {**LETTER, "to_unit": "U204"}
    )
    a.sync.sync()
    b.sync.sync()
    c.sync.sync()
    assert c.transfers.list() == []  # only the named unit sees the letter
    # a unit that was not asked cannot answer (a forged op is refused at the centre)
    with c.store.transaction() as tx:
        c.journal.record(
            tx,
            entity="transfer",
            record_id=event,
            op="accept",
            fields={"from_unit": "U203", "decision": "accepted", "date": "2026-11-05"},
        )
    rep = c.sync.sync()
    assert c.sync.status()["rejected"] == 1, rep
    b.transfers.refuse(event, "该同志已在本单位有正式组织关系", date="2026-11-06")
    assert _roster(b) == []
    b.sync.sync()
    a.sync.sync()
    [answer] = a.transfers.list("out")
    assert (answer["state"], answer["reason"]) == ("refused", "该同志已在本单位有正式组织关系")
    assert a.members.get(m)["status"] == "transferred_out"  # the sending clerk decides what next
    from ztclient.services.due import due_items

    due = [d for d in due_items(a, a.clock.today()) if d.kind.startswith("transfer")]
    assert [d.kind for d in due] == ["transfer_refused"]
    # the sending clerk takes the letter back: the transfer_out is voided, the member is back
    a.members.void_event(event, "接收方拒收，撤回介绍信")
    assert a.members.get(m)["status"] == "normal"
