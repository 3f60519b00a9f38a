"""The data folder is its owner's alone (0700 folders, 0600 files: database, keys, token,
config, blobs), wider modes are narrowed at start and reported when they cannot be; ``serve
--certfile --keyfile`` speaks TLS (a self-signed certificate for 127.0.0.1, a real enrolment and
upload through it). Before this change ``central.db`` and the blobs were 0644."""

from __future__ import annotations

import datetime
import ipaddress
import os
import ssl
import stat
import subprocess
import sys
import time
from pathlib import Path

import httpx2
import pytest
from tests.integration.central.test_central_crash import free_port
from tests.integration.central.zc_helpers import Device

from ztcentral.cli import main
from ztcentral.config import open_central


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_data_folder_is_private(tmp_path, db_url):
    old = os.umask(0o022)  # a usual umask: what ztcentral makes must not depend on it
    try:
        data = tmp_path / "central"
        assert main(["--data-dir", str(data), "init", *(["--db", db_url] if db_url else [])]) == 0
        central = open_central(data)
        dev = Device("U001")
        dev.enrol_direct(central)
        assert central.process(dev.seal(dev.next_ops([("member", "m1", "create", {})]))).status
    finally:
        os.umask(old)
    assert mode(data) == 0o700
    assert mode(data / "keys") == 0o700 and mode(data / "blobs") == 0o700
    for f in [*(data / "keys").iterdir(), data / "admin.token", data / "config.json"]:
        assert mode(f) == 0o600, f
    blobs = [p for p in (data / "blobs").rglob("*")]
    assert blobs and all(mode(p) == (0o700 if p.is_dir() else 0o600) for p in blobs)
    if db_url is None:
        for name in ("central.db", "central.db-wal", "central.db-shm"):
            if (data / name).exists():
                assert mode(data / name) == 0o600, name


def test_wide_modes_are_narrowed_and_what_is_left_is_reported(central_dir, capsys):
    (central_dir / "config.json").chmod(0o644)
    central_dir.chmod(0o755)
    (central_dir / "keys" / "online.key").chmod(0o644)
    central = open_central(central_dir)
    assert mode(central_dir) == 0o700 and mode(central_dir / "config.json") == 0o600
    assert mode(central_dir / "keys" / "online.key") == 0o600
    # blob folders are checked, not walked at every start: status names one left wide
    dev = Device("U001")
    dev.enrol_direct(central)
    central.process(dev.seal(dev.next_ops([("member", "m1", "create", {})])))
    sub = next(p for p in (central_dir / "blobs").iterdir() if p.is_dir())
    sub.chmod(0o755)
    assert main(["--data-dir", str(central_dir), "status"]) == 0
    out = capsys.readouterr().out
    assert "权限过宽" in out and str(sub) in out


def _self_signed(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def test_serve_speaks_tls(central_dir, central, tmp_path, monkeypatch):
    from ztcentral.enrolment import issue_code
    from ztclient.infra.sync.http_transport import CentralClient

    cert, key = _self_signed(tmp_path)
    port = free_port()
    cmd = [sys.executable, "-m", "ztcentral.cli", "--data-dir", str(central_dir), "serve"]
    cmd += ["--host", "127.0.0.1", "--port", str(port), "--certfile", str(cert)]
    proc = subprocess.Popen([*cmd, "--keyfile", str(key)], stderr=subprocess.PIPE)
    try:
        base = f"https://127.0.0.1:{port}"
        trusted = ssl.create_default_context(cafile=str(cert))
        for _ in range(200):
            try:
                httpx2.get(base + "/v1/handshake", verify=trusted, timeout=0.5)
                break
            except httpx2.TransportError:
                time.sleep(0.05)
        assert httpx2.get(base + "/v1/handshake", verify=trusted).status_code == 200
        with pytest.raises(httpx2.TransportError):  # a client that does not trust the cert
            httpx2.get(base + "/v1/handshake", timeout=5)
        with pytest.raises(httpx2.HTTPError):  # plain http on the TLS port gets nowhere
            httpx2.get(f"http://127.0.0.1:{port}/v1/handshake", timeout=5).raise_for_status()
        # the clerk's client trusts the committee's certificate through SSL_CERT_FILE
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))
        code, _ = issue_code(central, "U001")
        dev = Device("U001")
        with CentralClient(base, timeout=10) as client:
            dev.accept_response(client.enrol(dev.enrol_request(code)), code)
            client.signer = dev.signer()
            b1 = dev.seal(dev.next_ops([("member", "m1", "create", {"name": "张三"})]))
            assert dev.verify(client.upload(b1).receipt, b1).watermark == 1
    finally:
        proc.terminate()
        proc.wait(10)


def test_serve_refuses_tls_files_it_cannot_use(central_dir, tmp_path, capsys):
    bad = tmp_path / "not-a-cert.pem"
    bad.write_text("hello")
    args = ["--data-dir", str(central_dir), "serve", "--certfile", str(bad), "--keyfile", str(bad)]
    assert main(args) == 5
    assert "E_TLS_FILES" in capsys.readouterr().err
    assert main(["--data-dir", str(central_dir), "serve", "--certfile", str(bad)]) == 5
