"""Every enrolment failure says what happened (issue 9 item 7): a bad address ("abc"), no
network, a server error, something that is not ztcentral, a wrong code, a bad trust file —
each its own code and its own text, in the service, the 同步 page's words and the CLI.

The servers are real: ztcentral on 127.0.0.1, and small stdlib HTTP servers that answer as a
broken server (500) or as an ordinary web page / captive portal (200 HTML, 404) would.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from tests.helpers import PASSPHRASE

from ztclient.domain.errors import DomainError
from ztclient.domain.messages import render
from ztclient.services.sync import SyncPolicy

QUICK = SyncPolicy(retries=1, backoff=0.01, timeout=5)


class _Answer(BaseHTTPRequestHandler):
    status = 500
    body = b"Internal Server Error"
    ctype = "text/plain"

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.send_response(self.status)
        self.send_header("Content-Type", self.ctype)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:  # quiet
        pass


def _serve(status: int, body: bytes, ctype: str):
    handler = type("H", (_Answer,), {"status": status, "body": body, "ctype": ctype})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


@pytest.fixture
def unit(make_unit):
    return make_unit("U500", policy=QUICK)[1]


def _code_of(fn) -> DomainError:
    with pytest.raises(DomainError) as exc:
        fn()
    return exc.value


def test_each_failure_has_its_own_code_and_text(unit, central, tmp_path):
    good_code = central.enroll_unit("U500", tmp_path / "enrol.json")
    seen: dict[str, str] = {}

    def enrol(url: str, code: str = good_code) -> str:
        err = _code_of(lambda: unit.sync.enroll_online(url, code))
        text = render(err.code, "zh", **err.params)
        seen[err.code] = text
        return err.code

    # a bad address: nothing is sent
    for bad in ("abc", "ftp://10.1.2.3", "http://", "http://127.0.0.1:99999", "https://x?y=1"):
        assert enrol(bad) == "E_SERVER_ADDRESS", bad
    assert "abc" in render("E_SERVER_ADDRESS", "zh", url="abc")
    # no network: a port nobody listens on
    httpd, url = _serve(500, b"", "text/plain")
    httpd.shutdown()
    httpd.server_close()
    assert enrol(url) == "E_NETWORK"
    # the server fails
    httpd, url = _serve(500, b"Internal Server Error", "text/plain")
    try:
        assert enrol(url) == "E_SERVER"
    finally:
        httpd.shutdown()
    # not ztcentral: a web page answering 200, and another site's 404
    for status in (200, 404):
        page = "<html><body>请登录上网</body></html>".encode()
        httpd, url = _serve(status, page, "text/html; charset=utf-8")
        try:
            assert enrol(url) == "E_NOT_CENTRAL", status
        finally:
            httpd.shutdown()
    # ztcentral itself, with a code it never issued
    assert enrol(central.url, "ABCD-EFGH-JKLM-NPQR-STUV") == "E_ENROL_CODE"
    assert unit.sync.status()["enrolled"] is False  # nothing was half-saved
    # each failure reads differently
    assert len(set(seen.values())) == len(seen) == 5, seen


def test_a_bad_trust_file_is_named_as_such(unit, central, tmp_path):
    enrol_file = tmp_path / "enrol.json"
    central.enroll_unit("U500", enrol_file)
    doc = json.loads(enrol_file.read_text("utf-8"))
    trust = json.loads(doc["trust"])
    trust["signed"]["server_url"] = "http://evil.example"  # the root signature no longer fits
    doc["trust"] = json.dumps(trust, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    forged = tmp_path / "forged.json"
    forged.write_text(
        json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")), "utf-8"
    )
    err = _code_of(lambda: unit.sync.enroll_file(str(forged)))
    assert err.code == "E_TRUST_SIGNATURE"
    assert "信任文件" in render(err.code, "zh")
    assert unit.sync.status()["enrolled"] is False


def test_the_cli_says_what_happened(central, tmp_path):
    from tests.helpers import run_cli

    from ztclient.bootstrap import App

    app = App(tmp_path / "cli-unit")
    s, _ = app.create_unit("中共U501支部委员会", "U501", PASSPHRASE, "branch")
    s.close()
    out = run_cli(app.data_dir, "enroll", "--server", "abc", "--code", "X")
    assert out.returncode == 4 and "服务器地址“abc”写得不对" in out.stderr, out.stderr
    httpd, url = _serve(500, b"", "text/plain")
    httpd.shutdown()
    httpd.server_close()
    out = run_cli(app.data_dir, "enroll", "--server", url, "--code", "ABCD-EFGH-JKLM-NPQR-STUV")
    assert out.returncode == 6 and "连不上上级服务器" in out.stderr, out.stderr
    assert "没有任何数据丢失" in out.stderr


def _serve_tls(folder, cert_days: int = 1):
    """A stdlib HTTPS server on 127.0.0.1 with a self-signed certificate (a committee CA the
    clerk's PC has not installed), answering every request with a web page."""
    import ssl

    from tests.integration.central.test_central_private_tls import _self_signed

    cert, key = _self_signed(folder)
    handler = type("H", (_Answer,), {"status": 200, "body": b"<html></html>", "ctype": "text/html"})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"https://127.0.0.1:{httpd.server_address[1]}", cert


def test_an_untrusted_certificate_is_named_not_called_a_network_fault(unit, tmp_path, monkeypatch):
    """Before: a committee CA not installed on the PC read as 网络不通 (E_NETWORK), retried
    with back-off as if the link would come back. Now it is E_TLS_UNTRUSTED at once, with
    OpenSSL's reason, and trusting the certificate (SSL_CERT_FILE) gets through to the server."""
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    httpd, url, cert = _serve_tls(tmp_path)
    try:
        err = _code_of(lambda: unit.sync.enroll_online(url, "ABCD-EFGH-JKLM-NPQR-STUV"))
        assert err.code == "E_TLS_UNTRUSTED", err.code
        assert "certificate" in err.params["reason"], err.params
        text = render(err.code, "zh", **err.params)
        assert "不信任" in text and "证书" in text and url in text, text
        assert unit.sync.status()["enrolled"] is False
        # the same server once its certificate is trusted: TLS goes through, and what answers
        # is a web page, not ztcentral
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))
        err = _code_of(lambda: unit.sync.enroll_online(url, "ABCD-EFGH-JKLM-NPQR-STUV"))
        assert err.code == "E_NOT_CENTRAL", err.code
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_the_cli_says_the_certificate_is_not_trusted(tmp_path, monkeypatch):
    from tests.helpers import run_cli

    from ztclient.bootstrap import App

    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    app = App(tmp_path / "cli-unit")
    s, _ = app.create_unit("中共U502支部委员会", "U502", PASSPHRASE, "branch")
    s.close()
    httpd, url, _cert = _serve_tls(tmp_path)
    try:
        out = run_cli(app.data_dir, "enroll", "--server", url, "--code", "ABCD-EFGH-JKLM-NPQR-STUV")
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert out.returncode == 4, (out.returncode, out.stderr)
    assert "不信任上级服务器" in out.stderr and "Traceback" not in out.stderr, out.stderr
