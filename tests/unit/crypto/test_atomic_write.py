"""atomic_write: old or new, never partial (R12), under injected exceptions and real kills.

Two kinds of crash:
* an exception raised at each step (monkeypatched hook, os.fsync, os.replace, os.write): the
  target is intact and the temp file is gone;
* a child process SIGKILLed exactly at each step, and at random moments while writing in a
  loop: the target parses as one complete version, never a mix.

A process kill does not drop the OS page cache, so these runs prove the ordering of the steps,
not power-loss durability; that is the job of the LazyFS / VM power-off suites (anchors §5.2).
"""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import stat
import time

import pytest

from ztprotocol import atomic
from ztprotocol.atomic import (
    STEPS,
    atomic_write,
    atomic_write_json,
    remove_stale_temps,
)

KILLS_PER_STEP = 110  # x 5 steps = 550 exact-step kills, plus the random-moment kills
RANDOM_KILLS = 150
needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (POSIX)")


def _version(n: int, size: int = 40_000) -> bytes:
    """A JSON document that only parses if it was written completely."""
    return json.dumps({"n": n, "pad": "x" * size, "end": n}).encode()


def _read_version(path) -> int:
    doc = json.loads(path.read_bytes())
    assert doc["n"] == doc["end"]
    return doc["n"]


def _temps(folder):
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_writes_and_replaces(tmp_path):
    target = tmp_path / "settings.json"
    atomic_write(target, b"one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    if os.name != "nt":
        assert target.stat().st_mode & 0o777 == 0o600
    atomic_write_json(target, {"语言": "中文", "auto_lock_minutes": 5})
    assert json.loads(target.read_text("utf-8")) == {"语言": "中文", "auto_lock_minutes": 5}
    assert target.read_bytes().endswith(b"\n")
    assert _temps(tmp_path) == []
    with pytest.raises(TypeError):
        atomic_write(target, "text")  # type: ignore[arg-type]


def test_missing_folder_fails_cleanly(tmp_path):
    with pytest.raises(FileNotFoundError):
        atomic_write(tmp_path / "no" / "such.json", b"x")


@pytest.mark.parametrize("step", STEPS)
def test_exception_at_each_step(tmp_path, monkeypatch, step):
    target = tmp_path / "keyfile.json"
    atomic_write(target, b"old")

    def hook(name: str) -> None:
        if name == step:
            raise RuntimeError(f"injected at {name}")

    monkeypatch.setattr(atomic, "_step", hook)
    with pytest.raises(RuntimeError):
        atomic_write(target, b"new")
    replaced = STEPS.index(step) >= STEPS.index("replaced")
    assert target.read_bytes() == (b"new" if replaced else b"old")
    assert _temps(tmp_path) == []


@pytest.mark.parametrize("call", ["write", "fsync", "replace"])
def test_os_errors_leave_the_old_file(tmp_path, monkeypatch, call):
    target = tmp_path / "keyfile.json"
    atomic_write(target, b"old")

    def fail(*args, **kwargs):
        raise OSError(errno.ENOSPC if call == "write" else errno.EIO, "injected")

    monkeypatch.setattr(atomic.os, call, fail)
    with pytest.raises(OSError):
        atomic_write(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert _temps(tmp_path) == []


def test_short_writes_are_completed(tmp_path, monkeypatch):
    real_write = os.write
    monkeypatch.setattr(atomic.os, "write", lambda fd, data: real_write(fd, bytes(data[:7])))
    target = tmp_path / "f"
    atomic_write(target, _version(1, 1000))
    assert _read_version(target) == 1


def test_directory_fsync_refusal_is_tolerated(tmp_path, monkeypatch):
    real_fsync = os.fsync

    refused = []

    def picky(fd):
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            refused.append(fd)
            raise OSError(errno.EINVAL, "directory fsync not supported")
        return real_fsync(fd)

    if os.name == "nt":
        pytest.skip("no directory fsync on Windows")
    monkeypatch.setattr(atomic.os, "fsync", picky)
    atomic_write(tmp_path / "f", b"data")
    assert (tmp_path / "f").read_bytes() == b"data"
    assert len(refused) == 1


def _kill_child_at(target, step: str, n: int) -> int:
    """Fork a writer of version ``n`` that SIGKILLs itself at ``step``; return its status."""
    pid = os.fork()
    if pid == 0:  # child: never return into pytest
        try:

            def die(name: str) -> None:
                if name == step:
                    os.kill(os.getpid(), signal.SIGKILL)

            atomic._step = die
            atomic_write(target, _version(n))
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return status


@needs_fork
@pytest.mark.parametrize("step", STEPS)
def test_kill_at_each_step_leaves_old_or_new(tmp_path, step):
    target = tmp_path / "keyfile.json"
    atomic_write(target, _version(0))
    replaced = STEPS.index(step) >= STEPS.index("replaced")
    current = 0
    for n in range(1, KILLS_PER_STEP + 1):
        status = _kill_child_at(target, step, n)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        if replaced:
            current = n
        assert _read_version(target) == current  # exactly the old one, or exactly the new one
    leftovers = remove_stale_temps(target, older_than_s=0)
    assert leftovers == (0 if replaced else KILLS_PER_STEP)  # killed before rename: temp left
    assert _temps(tmp_path) == []
    assert _read_version(target) == current


@needs_fork
def test_kill_at_random_moments(tmp_path):
    """A child rewrites the file in a loop; SIGKILL lands wherever it lands.

    The kill window is scaled to this machine's own write time (measured first), so on a slow
    disk the kills still land before, during and after the first writes. Each round numbers its
    versions from its own base, so the version read back says how many writes the child finished.
    """
    target = tmp_path / "outbox.json"
    atomic_write(target, _version(0))
    started = time.perf_counter()
    for _ in range(5):
        atomic_write(target, _version(0))
    one_write = (time.perf_counter() - started) / 5
    window = 3 * one_write + 0.002
    finished = set()  # how many writes a killed child had completed: 0, 1 or "2 or more"
    rng = random.Random(12345)  # scheduling jitter only (the random ban is for src/, not tests)
    for round_no in range(1, RANDOM_KILLS + 1):
        base = round_no * 1_000_000
        pid = os.fork()
        if pid == 0:
            try:
                n = base + 1
                while True:
                    atomic_write(target, _version(n))
                    n += 1
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0, window))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        version = _read_version(target)  # one complete version, never a mix
        finished.add(0 if version < base else min(version - base, 2))
    remove_stale_temps(target, older_than_s=0)
    assert _temps(tmp_path) == []
    assert len(finished) > 1, (finished, one_write)  # the kills really landed at different points


def test_remove_stale_temps_spares_young_and_unrelated_files(tmp_path):
    target = tmp_path / "keyfile.json"
    (tmp_path / ".keyfile.json.abc.tmp").write_bytes(b"young")
    old = tmp_path / ".keyfile.json.def.tmp"
    old.write_bytes(b"old")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    (tmp_path / ".settings.json.x.tmp").write_bytes(b"other target")
    assert remove_stale_temps(target) == 1
    assert sorted(_temps(tmp_path)) == [".keyfile.json.abc.tmp", ".settings.json.x.tmp"]


def test_atomic_path_replaces_only_when_the_block_ends_normally(tmp_path):
    """The path-yielding form (reportlab, xlsxwriter and the backup zip write to a path): the
    target changes only after the writer finished; a failure leaves it and no temp file."""
    import stat

    from ztprotocol.atomic import atomic_path

    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_bytes(b"half")
        assert target.read_bytes() == b"old"  # nothing under the real name yet
        raise RuntimeError("writer failed")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]
    with atomic_path(target) as tmp:
        tmp.write_bytes(b"new")
        assert stat.S_IMODE(tmp.stat().st_mode) == 0o600  # personal data: the owner's only
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]
