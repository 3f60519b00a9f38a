"""Over real HTTP (uvicorn on 127.0.0.1): enrolment by code, handshake watermark, resumable
upload over a link that drops every 4 KB, lost commit answers, downlink, OpenAPI, admin import."""

from __future__ import annotations

import contextlib
import os

import h11
import httpx2
import pytest
from tests.integration.central.zc_helpers import Device

from ztclient.infra.sync.http_transport import CentralClient
from ztprotocol.codes import SyncRejected


class DroppingTransport(httpx2.BaseTransport):
    """Delivers at most 4 KB of each upload part, then 'drops the link'; loses the first
    commit answer too (the server did the work, the client never heard)."""

    def __init__(self, every: int = 4096) -> None:
        self.inner = httpx2.HTTPTransport()
        self.every = every
        self.drops = 0
        self.lost_commit = False

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        if request.method == "PATCH":
            body = request.read()
            if len(body) > self.every:
                cut = httpx2.Request(
                    "PATCH", request.url, headers=request.headers, content=body[: self.every]
                )
                # the declared length is the full part's: the server sees a cut link
                with contextlib.suppress(httpx2.HTTPError, h11.LocalProtocolError):
                    self.inner.handle_request(cut).read()
                self.drops += 1
                raise httpx2.ReadError("link dropped")
        if request.url.path.endswith("/commit") and not self.lost_commit:
            self.inner.handle_request(request).read()
            self.lost_commit = True
            raise httpx2.ReadError("answer lost")
        return self.inner.handle_request(request)


def enrol_online(client: CentralClient, central, unit="U001") -> Device:
    from ztcentral.enrolment import issue_code

    code, _ = issue_code(central, unit)
    dev = Device(unit)
    dev.accept_response(client.enrol(dev.enrol_request(code)), code)
    client.signer = dev.signer()  # from now on the device's requests are signed
    return dev


def test_enrol_handshake_upload_receipt(server, central):
    with CentralClient(server, timeout=10) as client:
        dev = enrol_online(client, central)
        hs = client.handshake(dev.device_id)
        assert hs["device"]["watermark"] == 0 and hs["trust_version"] == 1
        b1 = dev.seal(dev.next_ops([("member", "m1", "create", {"name": "张三"})]))
        out = client.upload(b1, resume=False)
        assert out.status == "applied" and dev.verify(out.receipt, b1).watermark == 1
        assert client.handshake(dev.device_id)["device"]["watermark"] == 1
        assert client.receipt(dev.sent[__import__("hashlib").sha256(b1).hexdigest()]) == out.receipt
        # a coded refusal arrives as an outcome, not an exception
        replay = client.upload(
            dev.seal(dev.next_ops([("member", "m9", "create", {})]), prev_hash="ab" * 32),
            resume=False,
        )
        assert (replay.status, replay.code) == ("rejected", "E_BUNDLE_REORDER")
        with pytest.raises(SyncRejected) as exc:
            client.enrol(Device("U001").enrol_request("2222-2222-2222-2222-2222"))
        assert exc.value.code == "E_ENROL_CODE"


def test_resumable_upload_over_a_dropping_link(server, central):
    transport = DroppingTransport()
    with CentralClient(server, timeout=10) as plain:
        dev = enrol_online(plain, central)
    # incompressible fields make a bundle of ~40 KB: ten drops at least
    rows = [
        {
            "id": f"s{i}",
            "member_id": "m1",
            "date": "2026-01-01",
            "hours": 1,
            "topic": os.urandom(24).hex(),
        }
        for i in range(1200)
    ]
    bundle = dev.seal(dev.next_ops([("study_log", "b1", "insert_many", {"rows": rows})]))
    assert len(bundle) > 30_000
    with CentralClient(
        server, timeout=10, backoff=0.0, transport=transport, signer=dev.signer()
    ) as client:
        out = client.upload(bundle, resume=True, chunk_bytes=16 * 1024)
    assert transport.drops >= 2 and transport.lost_commit
    r = dev.verify(out.receipt, bundle)
    assert r.status == "applied" and r.counts["study_log"] == 1200
    with central.db.tx() as tx:
        assert tx.scalar("SELECT count(*) AS n FROM study_logs") == 1200
        assert tx.scalar("SELECT count(*) AS n FROM upload_parts") == 0


def test_downlink_notices_and_trust(server, central):
    with CentralClient(server, timeout=10) as client:
        dev = enrol_online(client, central)
        assert client.download(dev.device_id, 0) is None
        central.add_down_item("U001", "notice", {"title": "关于开展主题党日的通知", "body": "…"})
        central.add_down_item("U002", "notice", {"title": "别的单位"})
        data = client.download(dev.device_id, 0)
        header, items = dev.open_down(data)
        assert [i["type"] for i in items] == ["notice"] and header.kind == "down"
        assert client.download(dev.device_id, 0) == data  # asking again: the same bytes
        assert client.download(dev.device_id, 1) is None
        assert client.trust() == dev.trust.raw


def test_openapi_describes_every_route(server, central):
    from ztcentral.app import create_app

    spec = httpx2.get(server + "/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    app = create_app(central=central)
    # the web console (/console/…) is HTML for people, described in docs/console.md
    routes = {r.path for r in app.routes if not r.path.startswith("/console")}
    assert routes == set(spec["paths"])


def test_admin_import_needs_the_token(server, central_dir, central):
    from ztcentral.config import admin_token

    dev = Device("U001")
    dev.enrol_direct(central)
    b1 = dev.seal(dev.next_ops([("member", "m1", "create", {"name": "张三"})]))
    assert httpx2.post(server + "/v1/admin/import", content=b1).status_code == 401
    auth = {"Authorization": "Bearer " + admin_token(central_dir)}
    first = httpx2.post(server + "/v1/admin/import", content=b1, headers=auth)
    second = httpx2.post(server + "/v1/admin/import", content=b1, headers=auth)
    assert first.headers["x-zt-status"] == "applied" and second.headers["x-zt-duplicate"] == "1"
    # a fresh acknowledgement each time, still carrying the first one's downlink bundle
    assert second.content.startswith(first.content) and len(second.content) > len(first.content)
    _, items = dev.open_down(first.content)
    receipts = [i for i in items if i["type"] == "receipt"]
    import base64

    assert dev.verify(base64.b64decode(receipts[0]["body"]["receipt"]), b1).watermark == 1
    status = httpx2.get(server + "/v1/admin/status", headers=auth).json()
    assert status["devices"][0]["watermark"] == 1


def test_downlink_chain_codes(central):
    from ztcentral.downlink import fetch_down
    from ztprotocol.codes import BundleRejected
    from ztprotocol.downlink import open_downlink, receipts_in

    dev = Device("U001")
    dev.enrol_direct(central)
    central.add_down_item("U001", "notice", {"title": "一"})
    d1 = fetch_down(central, dev.device_id, 0)
    central.add_down_item("U001", "notice", {"title": "二"})
    d2 = fetch_down(central, dev.device_id, 1)

    def code(data, seq, prev):
        with pytest.raises(BundleRejected) as exc:
            open_downlink(
                data,
                trust=dev.trust,
                device_keys=dev.keys,
                unit="U001",
                down_seq=seq,
                down_prev=prev,
            )
        return exc.value.code

    from ztprotocol.bundle import GENESIS

    assert code(d2, 0, GENESIS) == "E_BUNDLE_GAP"
    dev.open_down(d1)
    assert code(d1, dev.down_seq, dev.down_prev) == "E_BUNDLE_REPLAY"
    assert code(d2, 1, "ab" * 32) == "E_BUNDLE_REORDER"
    _, items = dev.open_down(d2)
    assert items[0]["body"]["title"] == "二" and receipts_in(items) == []
    other = Device("U001")
    other.enrol_direct(central)
    with pytest.raises(BundleRejected) as exc:  # sealed to dev's key, not other's
        open_downlink(
            d2,
            trust=other.trust,
            device_keys=other.keys,
            unit="U001",
            down_seq=1,
            down_prev=dev.down_prev,
        )
    assert exc.value.code == "E_BUNDLE_RECIPIENT"
