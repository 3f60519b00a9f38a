"""Fixtures: a fresh ztcentral per test on SQLite, and on PostgreSQL when one is available.

PostgreSQL: ``ZT_TEST_PG_DSN`` (a server where we may create databases), else a private cluster
started by ``pg_server.sh`` when the Debian ``postgresql`` package is installed; otherwise the
PostgreSQL variants are skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
import uuid
from pathlib import Path

import pytest

HERE = Path(__file__).parent
_PG: dict[str, str | None] = {}


def pg_admin_dsn() -> str | None:
    if "dsn" in _PG:
        return _PG["dsn"]
    dsn = os.environ.get("ZT_TEST_PG_DSN")
    if not dsn and list(Path("/usr/lib/postgresql").glob("*/bin/initdb")) and shutil.which("sh"):
        try:
            out = subprocess.run(
                [str(HERE / "pg_server.sh"), "/tmp/zt-pg-tests", "55433"],
                capture_output=True,
                text=True,
                timeout=120,
                check=True,
            )
            dsn = out.stdout.strip().splitlines()[-1]
            _PG["started"] = "/tmp/zt-pg-tests"
        except (subprocess.SubprocessError, OSError):
            dsn = None
    _PG["dsn"] = dsn
    return dsn


def fresh_pg_database() -> str:
    import psycopg

    admin = pg_admin_dsn()
    if not admin:
        pytest.skip("no PostgreSQL: set ZT_TEST_PG_DSN or apt-get install postgresql")
    name = "zt_" + uuid.uuid4().hex[:12]
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return admin.rsplit("/", 1)[0] + "/" + name


def pytest_sessionfinish(session, exitstatus):
    """Stop the private cluster if this session started it (never one given by DSN)."""
    folder = _PG.get("started")
    if folder:
        ctl = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))[-1]
        cmd = [str(ctl), "-D", f"{folder}/data", "-m", "fast", "stop"]
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, capture_output=True, timeout=60, check=False)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield None
        return
    url = fresh_pg_database()
    yield url
    import psycopg

    with psycopg.connect(pg_admin_dsn(), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")


@pytest.fixture
def central_dir(tmp_path, db_url) -> Path:
    from ztcentral.config import init_data_dir

    data = tmp_path / "central"
    init_data_dir(data, db_url=db_url)
    return data


@pytest.fixture
def central(central_dir):
    from ztcentral.config import open_central

    return open_central(central_dir)


@pytest.fixture
def server(central_dir):
    """A real uvicorn on 127.0.0.1 (ephemeral port), in a thread; yields the base URL."""
    import socket

    import uvicorn

    from ztcentral.app import create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    config = uvicorn.Config(
        create_app(central_dir), host="127.0.0.1", port=port, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
