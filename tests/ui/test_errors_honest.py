"""An unexpected error is logged at ERROR with its traceback and a reference, and the clerk is
told what is known about the data (issue 11, item 8). On round 1's main the job runner logged
it at DEBUG and the message claimed "数据没有改动" without knowing."""

from __future__ import annotations

import logging

from ztclient.domain.errors import DomainError
from ztclient.services.incidents import reference
from ztclient.ui.i18n import error_text
from ztclient.ui.operations import Operations


def _run_all(qtbot, ops, *jobs):
    errors: list[BaseException] = []
    for job in jobs:
        ops.run(job, error=errors.append)
    qtbot.waitUntil(lambda: len(errors) == len(jobs), timeout=5000)
    return errors


def test_the_message_says_whether_the_job_saved_anything(qtbot, caplog):
    ops = Operations()
    commits = {"n": 0}
    ops.commit_probe = lambda: commits["n"]

    def saves_then_fails():
        commits["n"] += 1  # a transaction committed, then the job broke
        raise RuntimeError("boom")

    def fails_before_saving():
        raise KeyError("field")

    with caplog.at_level(logging.INFO):
        some, none = _run_all(qtbot, ops, saves_then_fails, fails_before_saving)
    assert "已经保存了一部分内容" in error_text(some)
    assert "没有保存任何内容" in error_text(none)
    for err in (some, none):
        ref = reference(err)
        assert ref and f"编号 {ref}" in error_text(err)
        logged = [r for r in caplog.records if ref in r.getMessage()]
        assert logged and logged[0].levelno == logging.ERROR and logged[0].exc_info


def test_without_a_count_it_says_it_does_not_know(qtbot):
    ops = Operations()  # no open unit: nothing to count
    (err,) = _run_all(qtbot, ops, lambda: 1 / 0)
    assert "不能确定这次操作是否保存了内容" in error_text(err)
    assert "数据没有改动" not in error_text(err)


def test_coded_errors_stay_out_of_the_error_log(qtbot, caplog):
    ops = Operations()

    def refused():
        raise DomainError("E_ID_CHECKSUM", "id_number", value="11010519491231002X", expected="X")

    with caplog.at_level(logging.INFO):
        (err,) = _run_all(qtbot, ops, refused)
    assert [r.levelno for r in caplog.records if "E_ID_CHECKSUM" in r.getMessage()] == [
        logging.INFO
    ]
    assert not any("11010519491231002X" in r.getMessage() for r in caplog.records)
    assert reference(err) is None


def test_a_real_store_counts_its_commits(demo_app, passphrase):
    session = demo_app.unlock(passphrase)
    try:
        before = session.store.commits
        with session.store.transaction() as tx:
            tx.set_meta("probe", "1")
        assert session.store.commits == before + 1
        try:
            with session.store.transaction() as tx:
                tx.set_meta("probe", "2")
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        assert session.store.commits == before + 1  # a rollback is not a commit
    finally:
        session.close()
