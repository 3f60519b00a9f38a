"""End to end: real ztclient units (SQLCipher, Argon2id) and a real ``ztcentral serve``
subprocess on 127.0.0.1. The central database is SQLite, and PostgreSQL too when
``ZT_TEST_PG_DSN`` names a server where we may create databases (scripts/test.sh starts one)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from tests.e2e.flaky_proxy import wait_port
from tests.helpers import PASSPHRASE


def _pg_params() -> list:
    dsn = os.environ.get("ZT_TEST_PG_DSN")
    mark = pytest.mark.skipif(not dsn, reason="no PostgreSQL: set ZT_TEST_PG_DSN")
    return ["sqlite", pytest.param("postgres", marks=[pytest.mark.postgres, mark])]


def _free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class CentralServer:
    """``ztcentral`` as the higher committee runs it: init, serve, and the admin verbs."""

    def __init__(self, data: Path, db_url: str | None) -> None:
        self.data = data
        self.db_url = db_url
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        out = subprocess.run(
            [sys.executable, "-m", "ztcentral.cli", "--data-dir", str(self.data), *args],
            capture_output=True,
            text=True,
            timeout=120,
        )
        if check and out.returncode != 0:
            raise AssertionError(f"ztcentral {args}: {out.returncode}\n{out.stdout}\n{out.stderr}")
        return out

    def start(self, init: bool = True) -> None:
        if init:
            args = ["init", "--server-url", self.url]
            if self.db_url:
                args += ["--db", self.db_url]
            self.cli(*args)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ztcentral.cli",
                "--data-dir",
                str(self.data),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        wait_port(self.port)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)

    def enroll_unit(self, unit: str, out: Path) -> str:
        """The one-time code (stdout); the enrolment file goes to ``out``."""
        return self.cli(
            "enroll-unit", "--unit-code", unit, "--out", str(out), "--server-url", self.url
        ).stdout.strip()

    def status(self) -> dict:
        return json.loads(self.cli("status", "--json").stdout)

    def publish(self, unit: str, type_: str, body: dict, tmp: Path) -> str:
        f = tmp / f"item-{uuid.uuid4().hex[:8]}.json"
        f.write_text(json.dumps(body, ensure_ascii=False), "utf-8")
        return self.cli(
            "publish", "--unit", unit, "--type", type_, "--body-file", str(f)
        ).stdout.strip()

    def db(self):
        """A direct handle on central's database for exactly-once checks."""
        from ztcentral.config import open_central

        return open_central(self.data).db


def _central(request, folder: Path):
    db_url = None
    if request.param == "postgres":
        import psycopg

        admin = os.environ["ZT_TEST_PG_DSN"]
        name = "zte_" + uuid.uuid4().hex[:12]
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        db_url = admin.rsplit("/", 1)[0] + "/" + name
    srv = CentralServer(folder / "central", db_url)
    srv.start()
    yield srv
    srv.stop()
    if db_url:
        import psycopg

        with psycopg.connect(os.environ["ZT_TEST_PG_DSN"], autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {db_url.rsplit('/', 1)[1]} WITH (FORCE)")


@pytest.fixture(scope="module", params=_pg_params())
def central(request, tmp_path_factory):
    """One committee per test module and database (each test uses its own unit codes)."""
    yield from _central(request, tmp_path_factory.mktemp("central"))


@pytest.fixture(params=_pg_params())
def own_central(request, tmp_path):
    """A committee of the test's own, for tests that stop the server or rotate its keys."""
    yield from _central(request, tmp_path)


@pytest.fixture
def make_unit(tmp_path):
    """make_unit(code) → (app, session) of a new encrypted unit (a clerk's device)."""
    from ztclient.bootstrap import App

    opened = []

    def make(code: str, name: str | None = None, engine=None, policy=None):
        app = App(tmp_path / f"client-{code}")
        if engine is not None:
            app.sync_engine = lambda: engine  # type: ignore[method-assign]
        if policy is not None:
            app.sync_policy = lambda: policy  # type: ignore[method-assign]
        session, _ = app.create_unit(name or f"中共{code}支部委员会", code, PASSPHRASE, "branch")
        opened.append(session)
        return app, session

    yield make
    for s in opened:
        s.close()
