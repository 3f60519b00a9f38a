"""Device endpoints answer only the device's own signed requests (DZQ1, sync-protocol §7.7),
over a real uvicorn on 127.0.0.1. Before this change a receipt, a downlink bundle, an upload's
offset and the handshake's device details were served to anyone who asked."""

from __future__ import annotations

import hashlib
import time

import httpx2
import pytest
from tests.integration.central.zc_helpers import Device

from ztclient.infra.sync.http_transport import CentralClient
from ztprotocol.codes import SyncRejected
from ztprotocol.request_sig import RequestSigner


def code_of(resp: httpx2.Response) -> tuple[int, str]:
    return resp.status_code, resp.json()["code"]


def signed_get(server: str, dev: Device, path: str, **kw) -> httpx2.Response:
    headers = dev.signer().headers("GET", path, b"")
    return httpx2.get(server + path, headers=headers, **kw)


@pytest.fixture
def two(central):
    dev, other = Device("U001"), Device("U002")
    dev.enrol_direct(central)
    other.enrol_direct(central)
    return dev, other


def test_a_receipt_is_served_only_to_its_device(server, central, two):
    dev, other = two
    b1 = dev.seal(dev.next_ops([("member", "m1", "create", {"name": "张三", "phone": "139"})]))
    with CentralClient(server, timeout=10, signer=dev.signer()) as client:
        out = client.upload(b1)
    bundle_id = dev.sent[hashlib.sha256(b1).hexdigest()]
    path = f"/v1/receipts/{bundle_id}"
    assert code_of(httpx2.get(server + path)) == (401, "E_REQUEST_UNSIGNED")
    assert code_of(signed_get(server, other, path)) == (404, "E_UPLOAD_UNKNOWN")
    mine = signed_get(server, dev, path)
    assert mine.status_code == 200 and mine.content == out.receipt


def test_a_signed_request_cannot_be_replayed_or_altered(server, central, two):
    dev, _ = two
    central.add_down_item("U001", "notice", {"title": "通知"})
    path = "/v1/down?after=0"
    headers = dev.signer().headers("GET", path, b"")
    first = httpx2.get(server + path, headers=headers)
    assert first.status_code == 200
    assert code_of(httpx2.get(server + path, headers=headers)) == (401, "E_REQUEST_REPLAY")
    # the same signature on another query, another body, another method
    headers = dev.signer().headers("GET", path, b"")
    altered = httpx2.get(server + "/v1/down?after=1", headers=headers)
    assert code_of(altered) == (401, "E_REQUEST_SIGNATURE")
    headers = dev.signer().headers("POST", "/v1/uploads", b'{"size":10}')
    body = b'{"size":99}'
    resp = httpx2.post(server + "/v1/uploads", content=body, headers=headers)
    assert code_of(resp) == (401, "E_REQUEST_SIGNATURE")
    # a time outside the window: refused, and the server says what its time is
    stale = RequestSigner(dev.keys.sign, dev.keys.sign_kid, clock=lambda: time.time() - 3600)
    resp = httpx2.get(server + path, headers=stale.headers("GET", path, b""))
    assert code_of(resp) == (401, "E_REQUEST_CLOCK")
    assert abs(resp.json()["params"]["server_time"] - time.time()) < 60
    # a key nobody enrolled
    stranger = Device("U001")
    assert code_of(signed_get(server, stranger, path)) == (403, "E_DEVICE_UNKNOWN")


def test_a_clerk_pc_with_a_wrong_clock_still_syncs(server, central, two):
    dev, _ = two
    late = RequestSigner(dev.keys.sign, dev.keys.sign_kid, clock=lambda: time.time() - 5 * 3600)
    with CentralClient(server, timeout=10, signer=late) as client:
        assert client.handshake(dev.device_id)["device"]["watermark"] == 0
        b1 = dev.seal(dev.next_ops([("member", "m1", "create", {"name": "张三"})]))
        assert client.upload(b1).status == "applied"
    assert abs(late.offset - 5 * 3600) < 60


def test_handshake_details_are_the_devices_own(server, central, two):
    dev, other = two
    public = httpx2.get(server + "/v1/handshake").json()
    assert public["device"] is None and public["max_bundle_bytes"] > 0
    unsigned = httpx2.get(server + "/v1/handshake", params={"device": dev.device_id})
    assert code_of(unsigned) == (401, "E_REQUEST_UNSIGNED")
    path = f"/v1/handshake?device={dev.device_id}"
    assert code_of(signed_get(server, other, path)) == (403, "E_DEVICE_KEY_MISMATCH")
    mine = signed_get(server, dev, path).json()
    assert mine["device"]["device_id"] == dev.device_id and mine["device"]["watermark"] == 0


def test_downlink_goes_only_to_its_device(server, central, two):
    dev, other = two
    central.add_down_item("U001", "notice", {"title": "只给U001"})
    path = f"/v1/down?device={dev.device_id}&after=0"
    assert code_of(httpx2.get(server + path)) == (401, "E_REQUEST_UNSIGNED")
    assert code_of(signed_get(server, other, path)) == (403, "E_DEVICE_KEY_MISMATCH")
    with CentralClient(server, timeout=10, signer=other.signer()) as client:
        assert client.download(other.device_id, 0) is None  # U002 has nothing
    with CentralClient(server, timeout=10, signer=dev.signer()) as client:
        _, items = dev.open_down(client.download(dev.device_id, 0))
    assert items[0]["body"]["title"] == "只给U001"


def test_uploads_and_bundles_are_the_devices_own(server, central, central_dir, two):
    dev, other = two
    b1 = dev.seal(dev.next_ops([("member", "m1", "create", {"name": "张三"})]))
    sha = hashlib.sha256(b1).hexdigest()
    with CentralClient(server, timeout=10, signer=dev.signer()) as client:
        started = client._json(
            client._send("POST", "/v1/uploads", signed=True, json={"size": len(b1), "sha256": sha})
        )
    upload = f"/v1/uploads/{started['upload_id']}"
    with CentralClient(server, timeout=10, signer=other.signer()) as client:
        for method, path in (("GET", upload), ("POST", upload + "/commit")):
            with pytest.raises(SyncRejected) as exc:
                client._json(client._send(method, path, signed=True))
            assert exc.value.code == "E_UPLOAD_UNKNOWN"
        # another device sending dev's bundle: refused at the door, nothing kept
        with pytest.raises(SyncRejected) as exc:
            client.upload(b1, resume=False)
        assert exc.value.code == "E_DEVICE_KEY_MISMATCH"
    stranger = Device("U001")
    stranger.trust = dev.trust
    junk = stranger.seal(stranger.next_ops([("member", "x", "create", {})]))
    with CentralClient(server, timeout=10, signer=dev.signer()) as client:
        with pytest.raises(SyncRejected) as exc:
            client.upload(junk, resume=False)  # a bundle signed by a key nobody enrolled
        assert exc.value.code == "E_DEVICE_UNKNOWN"
        assert client.upload(b1).status == "applied"  # dev's own, resumably
    with central.db.tx() as tx:
        assert tx.scalar("SELECT count(*) AS n FROM quarantine") == 0
    blobs = {p.name for p in (central_dir / "blobs").rglob("*") if p.is_file()}
    assert hashlib.sha256(junk).hexdigest()[2:] not in blobs


def test_a_revoked_device_is_heard_but_quarantined(server, central, two):
    dev, _ = two
    central.revoke(dev.device_id)
    b1 = dev.seal(dev.next_ops([("member", "m1", "create", {"name": "张三"})]))
    with CentralClient(server, timeout=10, signer=dev.signer()) as client:
        out = client.upload(b1, resume=False)
        assert (out.status, out.code) == ("quarantined", "E_DEVICE_REVOKED")
        with pytest.raises(SyncRejected) as exc:
            client.download(dev.device_id, 0)
        assert exc.value.code == "E_DEVICE_REVOKED"
    with central.db.tx() as tx:
        row = tx.one("SELECT source, code FROM quarantine")
    assert row == {"source": dev.device_id, "code": "E_DEVICE_REVOKED"}
