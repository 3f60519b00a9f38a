"""Issue 9 item 6: "wj" finds 王𠮷 — readings of name characters outside pypinyin's table come
from resources/pinyin/rare_names.txt, and units made before a reading was known are re-indexed
when they open."""

from __future__ import annotations

from tests.helpers import PASSPHRASE

from ztclient.services import search_text


def _add(session, name):
    branch = session.store.get_meta("test_branch_id")
    mid, _ = session.members.add(
        {
            "name": name,
            "org_id": branch,
            "category": "full",
            "gender": "1",
            "join_date": "2010-07-01",
            "full_member_date": "2011-07-01",
        }
    )
    return mid


def test_rare_characters_have_their_reading():
    assert search_text.name_pinyin("王𠮷") == ("wangji", "wj")
    assert search_text.name_pinyin("刘䶮") == ("liuyan", "ly")
    assert search_text.rare_readings()["𡘙"] == "tai"


def test_search_by_pinyin_finds_a_rare_name(unit):
    _app, session, _code = unit
    mid = _add(session, "王𠮷")
    _add(session, "王建国")
    assert mid in session.members.ids("wj")
    assert mid in session.members.ids("wangji")
    assert session.members.ids("𠮷") == [mid]


def test_a_unit_indexed_before_the_reading_is_refreshed_on_open(unit):
    app, session, _code = unit
    mid = _add(session, "王𠮷")
    # as an older program wrote it: the character itself in place of its reading
    with session.store.transaction() as tx:
        tx.execute(
            "UPDATE member_search SET text = ? WHERE member_id = ?",
            ("王𠮷\u0001wang𠮷\u0001w𠮷", mid),
        )
        tx.set_meta("search_dictionary", "older")
    assert mid not in session.members.ids("wj")
    session.close()
    reopened = app.unlock(PASSPHRASE)
    try:
        assert mid in reopened.members.ids("wj")
        assert reopened.store.get_meta("search_dictionary") == search_text.dictionary_version()
        assert reopened.members.refresh_search() == 0  # nothing more to do on the next open
    finally:
        reopened.close()
