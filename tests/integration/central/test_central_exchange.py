"""Protocol 2 at the centre, over real HTTP: one request and one response; a body cut short by
the link resumes where it broke; a lost answer is fetched again, never recomputed; the answer
fits the budget the device asks for; bad requests are coded refusals."""

from __future__ import annotations

import contextlib
import hashlib

import httpx2
from tests.integration.central.zc_helpers import Device

from ztclient.infra.sync.http_transport import CentralClient
from ztprotocol import exchange as xchg
from ztprotocol.bundle import bundle_hash
from ztprotocol.receipt2 import verify_part


def _ops(dev: Device, n: int) -> list[dict]:
    return dev.next_ops(
        [("member", f"m-{dev.seq + i}", "create", {"name": f"党员{dev.seq + i}"}) for i in range(n)]
    )


def _hello(dev: Device, **kw) -> xchg.Hello:
    args = {"device": dev.device_id, "down": dev.down_seq, "trust": 1}
    args.update(kw)
    return xchg.Hello(**args)


def _parts(dev: Device, answer: xchg.Response, bundle: bytes, first: int, last: int):
    assert dev.trust is not None
    return [
        verify_part(
            p,
            trusted_keys=dev.trust.central_sign_keys().values(),
            bundle_hash=bundle_hash(bundle),
            device=dev.device_id,
            seq_from=first,
            seq_to=last,
        )
        for p in answer.receipts
        if bundle_hash(bundle) in p.decode("latin-1")
    ]


class CutOnce(httpx2.BaseTransport):
    """Delivers only the first ``keep`` bytes of the first exchange body, then drops the link;
    loses the first full answer too when ``lose_answer``."""

    def __init__(self, keep: int, lose_answer: bool = False) -> None:
        self.inner = httpx2.HTTPTransport()
        self.keep, self.lose_answer, self.cut = keep, lose_answer, False
        self.posts = 0

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        if request.url.path == "/v2/exchange" and request.method == "POST":
            self.posts += 1
            body = request.read()
            if not self.cut:
                self.cut = True
                # the first part of the body arrives (as a body of its own: the server keeps it
                # as far as it came, since the signed query names a larger body), then the
                # link drops
                headers = {k: v for k, v in request.headers.items() if k != "content-length"}
                short = httpx2.Request(
                    "POST", request.url, headers=headers, content=body[: self.keep]
                )
                with contextlib.suppress(Exception):
                    self.inner.handle_request(short).read()
                raise httpx2.ReadError("link dropped")
            if self.lose_answer:
                self.lose_answer = False
                self.inner.handle_request(request).read()
                raise httpx2.ReadError("answer lost")
        return self.inner.handle_request(request)


def test_one_request_one_response(server, central):
    dev = Device("U801")
    dev.enrol_direct(central)
    b1 = dev.seal(_ops(dev, 3))
    b2 = dev.seal(_ops(dev, 200))
    with CentralClient(server, timeout=10, signer=dev.signer()) as client:
        data, _sent, cut = client.exchange(xchg.encode_request(_hello(dev), [b1, b2]))
    answer = xchg.decode_response(data)
    assert [r["status"] for r in answer.state["results"]] == ["applied", "applied"]
    assert answer.state["watermark"] == 203 and not answer.state["more"] and cut is None
    assert answer.trust is None  # the device's trust version is current
    [p1] = _parts(dev, answer, b1, 1, 3)
    [p2] = _parts(dev, answer, b2, 4, 203)
    assert p1.ok == ((1, 3),) and p2.ok == ((4, 203),)
    assert abs(len(p2.raw) - len(p1.raw)) < 16  # 200 clean ops cost what 3 do (digits aside)
    assert len(data) < 1400  # state and two receipts


def test_a_cut_body_resumes_and_a_lost_answer_is_fetched(server, central):
    dev = Device("U802")
    dev.enrol_direct(central)
    b = dev.seal(_ops(dev, 120))
    body = xchg.encode_request(_hello(dev), [b])
    cutter = CutOnce(keep=len(body) // 3, lose_answer=True)
    with CentralClient(
        server, timeout=10, retries=5, backoff=0.01, transport=cutter, signer=dev.signer()
    ) as client:
        data, _sent, cut = client.exchange(body)
    answer = xchg.decode_response(data)
    assert answer.state["results"][0]["status"] == "applied"
    assert cut is not None and 0 < cut <= len(body) // 3 + 1024  # what the link carried
    assert cutter.posts == 2  # the cut body, then its rest: the lost answer was fetched
    with central.db.tx() as tx:
        assert tx.scalar("SELECT count(*) FROM applied_ops") == 120  # once


def test_budget_splits_the_answer_and_unknown_bundles_are_named(server, central):
    dev = Device("U803")
    dev.enrol_direct(central)
    for i in range(6):
        central.add_down_item("U803", "notice", {"title": f"通知{i}", "body": "x" * 600})
    b = dev.seal(_ops(dev, 2))
    never = dev.seal(_ops(dev, 1))  # sealed, never sent
    hello = _hello(dev, budget=1500, unacked=((bundle_hash(never), 3, 3, 1),))
    with CentralClient(server, timeout=10, signer=dev.signer()) as client:
        first = xchg.decode_response(client.exchange(xchg.encode_request(hello, [b]))[0])
        assert first.state["known"] == {bundle_hash(never): "unknown"}
        got = len(first.down)
        while True:  # asks again until there is no more
            dev.down_seq += len(first.down)
            hello = _hello(dev, budget=1500)
            nxt = xchg.decode_response(client.exchange(xchg.encode_request(hello, []))[0])
            got += len(nxt.down)
            if not nxt.state["more"]:
                break
            first = nxt
    assert first.state["more"] or got >= 1


def test_bad_requests_are_coded(server, central):
    dev = Device("U804")
    dev.enrol_direct(central)
    good = xchg.encode_request(_hello(dev), [])
    signer = dev.signer()
    with httpx2.Client(base_url=server) as http:

        def post(body: bytes, query: str | None = None, sign: bool = True) -> httpx2.Response:
            sha = hashlib.sha256(body).hexdigest()
            target = f"/v2/exchange?{query or f'body={sha}&size={len(body)}'}"
            headers = signer.headers("POST", target, None) if sign else {}
            return http.post(target, content=body, headers=headers)

        for body in (b"DZX1\n\x00\x00\x00\x02{}", b"junk", good + b"\x00\x00\x00\x05"):
            r = post(body)
            assert 400 <= r.status_code < 500 and r.json()["code"], (body, r.text)
        # a frame that is not a bundle is refused like any bundle, with its code
        answer = xchg.decode_response(post(good + b"\x00\x00\x00\x05abcde").content)
        assert answer.state["results"] == [
            {"status": "rejected", "code": "E_BUNDLE_FORMAT", "params": {"what": "magic"}}
        ]
        assert post(good, "body=nothing").json()["code"] == "E_EXCHANGE_FORMAT"
        assert post(good, f"body={'0' * 64}&size={len(good)}").json()["code"] == "E_UPLOAD_HASH"
        # every exchange request is the device's own, signed (docs §7.7)
        assert post(good, sign=False).json()["code"] == "E_REQUEST_UNSIGNED"
        for path in ("/v2/exchange/offset", "/v2/exchange/answer"):
            got = http.get(path, params={"body": "0" * 64, "size": 10})
            assert got.json()["code"] == "E_REQUEST_UNSIGNED"
        # … and speaks for that device only: another device's hello or bundle is refused
        other = Device("U804")
        other.enrol_direct(central)
        theirs = other.seal(_ops(other, 1))
        for body in (
            xchg.encode_request(_hello(other), []),
            xchg.encode_request(_hello(dev), [theirs]),
        ):
            assert post(body).json()["code"] == "E_DEVICE_KEY_MISMATCH"
    with central.db.tx() as tx:
        n = tx.scalar("SELECT count(*) FROM applied_ops WHERE device_id = $1", (other.device_id,))
    assert n == 0  # nothing of theirs applied
