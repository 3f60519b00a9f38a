"""Suite-wide rules. With ZT_NO_SKIP=1 (scripts/test.sh sets it: it installs every tool and
starts every server the tests need), a skipped test is a failure: nothing passes by not running."""

from __future__ import annotations

import os

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("ZT_NO_SKIP") == "1" and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in a run that must run everything: {report.longrepr}"


def pytest_configure(config):
    """Argon2id derivations memoised in each test process: the same passphrase, salt and
    parameters give the same key, and the suite unlocks copies of a few template units over a
    thousand times (~0.35 s each). A derivation with inputs not seen before in the process runs
    as always. CLI runs through tests/helpers.run_cli share one memo (tests/kdf_memo.py)."""
    import functools

    from ztclient.infra.crypto import keyfile

    if not hasattr(keyfile._derive_kek, "cache_info"):
        keyfile._derive_kek = functools.lru_cache(maxsize=512)(keyfile._derive_kek)
    # The same across the run's CLI processes (tests/kdf_memo.py): one folder for the run,
    # made by the first process (xdist's workers inherit it) and removed by that process.
    if "ZT_TEST_KDF_MEMO" not in os.environ:
        import tempfile

        config._kdf_memo = tempfile.mkdtemp(prefix="zt-kdf-memo-")
        os.environ["ZT_TEST_KDF_MEMO"] = config._kdf_memo


def pytest_unconfigure(config):
    folder = getattr(config, "_kdf_memo", None)
    if folder:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop("ZT_TEST_KDF_MEMO", None)
