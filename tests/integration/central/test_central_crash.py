"""ztcentral killed mid-apply and restarted loses nothing and applies nothing twice.

The server runs as a real process. (1) A fault hook makes it exit hard (``os._exit``, no
cleanup, like kill -9) in the middle of a bundle's apply transaction. (2) It is SIGKILLed at
arbitrary moments while a client keeps uploading, and the client simply resends whatever it
holds no verified receipt for. Both run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx2
from tests.integration.central.zc_helpers import Device

from ztclient.infra.sync.http_transport import CentralClient
from ztprotocol.codes import SyncRejected


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start(data_dir, port, **env) -> subprocess.Popen:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ztcentral.cli",
            "--data-dir",
            str(data_dir),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    for _ in range(300):
        try:
            httpx2.get(f"http://127.0.0.1:{port}/v1/handshake", timeout=0.5)
            return proc
        except httpx2.HTTPError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode()) from None
            time.sleep(0.05)
    raise RuntimeError("server did not start")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.wait(10)


def members(central) -> int:
    with central.db.tx() as tx:
        return int(tx.scalar("SELECT count(*) AS n FROM records WHERE entity = 'member'"))


def test_exit_mid_apply_then_restart(central_dir, central):
    dev = Device("U001")
    dev.enrol_direct(central)
    bundle = dev.seal(
        dev.next_ops([("member", f"m{i}", "create", {"name": f"党员{i}"}) for i in range(5)])
    )
    port = free_port()
    proc = start(central_dir, port, ZTCENTRAL_FAULT_EXIT_AFTER_OPS="3")
    try:
        with CentralClient(
            f"http://127.0.0.1:{port}", timeout=5, retries=0, signer=dev.signer()
        ) as client:
            try:
                client.upload(bundle, resume=False)
                raise AssertionError("the server should have died mid-apply")
            except SyncRejected as exc:
                assert exc.code == "E_NETWORK"
        assert proc.wait(10) == 137
    finally:
        stop(proc)
    assert members(central) == 0  # the half-applied transaction left nothing behind
    proc = start(central_dir, port)
    try:
        with CentralClient(f"http://127.0.0.1:{port}", timeout=5, signer=dev.signer()) as client:
            assert client.handshake(dev.device_id)["device"]["watermark"] == 0
            out = client.upload(bundle)
            assert dev.verify(out.receipt, bundle).watermark == 5
            again = client.upload(bundle)
            assert again.duplicate and again.receipt == out.receipt
    finally:
        stop(proc)
    assert members(central) == 5


def test_sigkill_at_random_moments(central_dir, central):
    dev = Device("U001")
    dev.enrol_direct(central)
    bundles = [
        dev.seal(
            dev.next_ops([("member", f"m{b}-{i}", "create", {"name": "x"}) for i in range(20)])
        )
        for b in range(12)
    ]
    confirmed: set[int] = set()
    port = free_port()
    kills = 0
    delays = [0.05, 0.15, 0.3, 0.02, 0.5]
    while len(confirmed) < len(bundles):
        proc = start(central_dir, port)
        killer = None
        if kills < len(delays):
            import threading

            killer = threading.Timer(delays[kills], lambda p=proc: p.send_signal(signal.SIGKILL))
            killer.start()
            kills += 1
        try:
            with CentralClient(
                f"http://127.0.0.1:{port}", timeout=5, retries=0, signer=dev.signer()
            ) as client:
                for n, b in enumerate(bundles):
                    if n in confirmed:
                        continue
                    out = client.upload(b, resume=False)
                    if out.receipt and dev.verify(out.receipt, b).status == "applied":
                        confirmed.add(n)
        except SyncRejected as exc:
            assert exc.code == "E_NETWORK"
        finally:
            if killer:
                killer.cancel()
            stop(proc)
    assert kills >= 1
    assert members(central) == 12 * 20
    with central.db.tx() as tx:
        assert tx.scalar("SELECT count(*) AS n FROM applied_ops") == 240
        assert tx.scalar("SELECT watermark FROM devices") == 240
