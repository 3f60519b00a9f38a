"""The roster at 20,000 rows: opens and scrolls without waiting on the database."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication, QTableView

from ztclient.ui.operations import Operations
from ztclient.ui.roster_model import BLOCK, RosterModel

N = 20_000


class FakeMembers:
    """rows_by_id like the service's, from memory, counting calls (runs on the worker)."""

    def __init__(self) -> None:
        self.ids = [f"m{i:05d}" for i in range(N)]
        self.calls = 0

    def rows_by_id(self, ids):
        self.calls += 1
        time.sleep(0.003)  # about what 200 rows cost from SQLCipher
        return {
            i: {
                "id": i,
                "name": f"党员{i[1:]}",
                "gender": "1",
                "id_number": "110105199003071234",
                "category": "full",
                "status": "normal",
                "org_name": "第一支部",
                "phone": "13800001111",
                "birth_date": "1990-03-07",
                "join_date": "2015-07-01",
                "education": "21",
            }
            for i in ids
        }


def test_20000_rows_open_and_scroll_instantly(qtbot):
    ops = Operations()
    members = FakeMembers()
    view = QTableView()
    qtbot.addWidget(view)
    model = RosterModel(ops, members.rows_by_id, view)
    view.resize(1200, 700)
    view.setModel(model)
    view.show()
    started = time.perf_counter()
    model.set_ids(members.ids, members.rows_by_id(members.ids[:BLOCK]))
    QApplication.processEvents()
    opened_ms = (time.perf_counter() - started) * 1000
    assert model.rowCount() == N
    assert model.index(0, 0).data() == "党员00000"
    started = time.perf_counter()
    bar = view.verticalScrollBar()
    for value in range(0, bar.maximum() + 1, max(bar.maximum() // 40, 1)):
        bar.setValue(value)
        QApplication.processEvents()
    bar.setValue(bar.maximum())
    QApplication.processEvents()
    scroll_ms = (time.perf_counter() - started) * 1000
    qtbot.waitUntil(lambda: model.index(N - 1, 0).data() == f"党员{N - 1:05d}", timeout=5000)
    # Only visited blocks were fetched, never the whole list.
    assert members.calls < 60
    assert model.index(N - 1, 2).data() == "1101**********1234"
    print(
        f"\nroster {N} rows: open {opened_ms:.1f} ms, 41 scroll steps {scroll_ms:.1f} ms, "
        f"{members.calls} block fetches"
    )
    ops.wait()
