"""按姓氏拼音, as in a dictionary: syllable by syllable, so 李 (li) comes before 梁 (liang) and 姬
(ji) before 贾 (jia). The sort key ran the syllables together, which put "liangshan" before
"liming" (QA, 2026-12-02: 甲 before 己 on a sign-in sheet). Units indexed the old way are
rewritten once when they open."""

from __future__ import annotations

from tests.helpers import PASSPHRASE
from tests.integration.search.test_rare_pinyin import _add

from ztclient.services import search_text

# Written by hand from the 汉语拼音 of each name, in dictionary order.
IN_ORDER = ["姬发", "贾宝玉", "李明", "梁山", "刘备", "曾国藩", "张三", "赵四"]


def test_sort_keys_are_in_dictionary_order():
    keys = [search_text.sort_key(n) for n in reversed(IN_ORDER)]
    assert [k.split(search_text.SEPARATOR)[1] for k in sorted(keys)] == IN_ORDER
    assert search_text.sort_key("曾国藩").startswith("zeng guo fan")  # the surname reading


def _names(session):
    ids = session.members.ids()  # the roster's order
    rows = session.members.rows_by_id(ids)
    return [rows[i]["name"] for i in ids if rows[i]["name"] in IN_ORDER]


def test_the_roster_and_an_old_unit_come_out_in_that_order(unit):
    app, session, _code = unit
    ids = {name: _add(session, name) for name in reversed(IN_ORDER)}
    assert _names(session) == IN_ORDER
    # as the older program wrote the keys: the syllables run together
    with session.store.transaction() as tx:
        for name, mid in ids.items():
            full, _ = search_text.name_pinyin(name)
            tx.execute(
                "UPDATE member_search SET sort_key = ? WHERE member_id = ?",
                (f"{full}{search_text.SEPARATOR}{name}", mid),
            )
        tx.set_meta("search_sort_format", "1")
    assert _names(session)[2:4] == ["梁山", "李明"]  # the old order: liang… before liming
    session.close()
    reopened = app.unlock(PASSPHRASE)
    try:
        assert _names(reopened) == IN_ORDER
        assert reopened.members.refresh_search() == 0  # once, then never again
    finally:
        reopened.close()
