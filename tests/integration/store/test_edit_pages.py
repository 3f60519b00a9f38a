"""Issue 16 item 8: what one edit writes. Every page an edit touches is encrypted, authenticated
(HMAC-SHA512) and written to the WAL on commit, so the pages per edit are the encrypted store's
cost over plain sqlite3 (bench/store.py measures the time; this counts the pages, which do not
depend on the machine). Migration 014 dropped the indexes that cost a page per edit and answered
no query; an index added to members, outbox or audit must pay its way against this count.
"""

from __future__ import annotations

import os

import pytest

FRAME = 24 + 4096  # WAL frame header + one page
PASSPHRASE = "页数-测试-口令-2026"


@pytest.fixture
def session(tmp_path):
    from ztclient.bootstrap import App

    app = App(tmp_path / "data")
    session, _ = app.create_unit("中共页数测试支部委员会", "PAGES01", PASSPHRASE)
    yield session
    session.close()


def _wal_frames(session) -> int:
    wal = f"{session.store.path}-wal"
    size = os.path.getsize(wal) if os.path.exists(wal) else 0
    return max(0, size - 32) // FRAME


def test_adding_a_member_writes_few_pages(session):
    store = session.store
    branch, _ = session.orgs.add({"name": "第一党支部", "kind": "branch"})

    def add(i: int) -> None:
        session.members.add(
            {
                "org_id": branch,
                "name": f"党员{i:03d}",
                "gender": "1",
                "category": "full",
                "join_date": "2001-07-01",
                "full_member_date": "2002-07-01",
            }
        )

    for i in range(10):
        add(i)
    store.checkpoint()  # TRUNCATE: the WAL starts empty
    assert _wal_frames(session) == 0
    n = 20
    for i in range(10, 10 + n):
        add(i)
    per_edit = _wal_frames(session) / n
    # members + its id and org indexes, member_search + its member index, outbox + its op_id and
    # state indexes, audit: 9 pages, and now and then a split or the header page. Before 014: 13.
    assert 9 <= per_edit <= 10.5, per_edit
