"""Every bad input is a 4xx with a coded JSON error, never a 500 (issue 11, item 7).

First the cases the review found giving HTTP 500 (each one fails on the code before this
change), over a real uvicorn on 127.0.0.1; then a property test: hypothesis draws requests
for every route of the OpenAPI description — wrong methods, odd path parameters and queries,
random headers, bodies of random bytes, random JSON of every shape, objects with the right
keys and wrong values, real bundles with flipped bytes — signed by an enrolled device or not,
with the admin token or not, and no answer may be a 5xx or an uncoded error.
"""

from __future__ import annotations

import json
import os
import string
from urllib.parse import quote, urlencode

import httpx2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.integration.central.zc_helpers import Device

from ztcentral.openapi import OPENAPI
from ztprotocol.codes import MESSAGES


def sha256_of(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def coded(resp: httpx2.Response, status: int, code: str) -> None:
    assert resp.status_code == status, (resp.status_code, resp.text)
    body = resp.json()
    assert body["code"] == code and isinstance(body["params"], dict), body


def signed(dev: Device, method: str, url: str, body: bytes = b"", **headers: str):
    """(target, headers) for a request signed by ``dev`` (docs/sync-protocol.md §7.7)."""
    target = url[url.find("/v1/") :]
    payload = None if method == "PATCH" else body
    return {
        **headers,
        **dev.signer().headers(method, target, payload, headers.get("Upload-Offset", "")),
    }


@pytest.fixture
def enrolled(central):
    dev = Device("U001")
    dev.enrol_direct(central)
    return dev


def test_malformed_requests_are_4xx_with_codes(server, central_dir, enrolled):
    from ztcentral.config import admin_token

    dev = enrolled
    admin = {"Authorization": "Bearer " + admin_token(central_dir)}

    def post(path, body, auth=True):
        url = server + path
        headers = signed(dev, "POST", url, body) if auth else {}
        return httpx2.post(url, content=body, headers=headers)

    coded(post("/v1/uploads", b"{not json"), 400, "E_REQUEST_FORMAT")
    coded(post("/v1/uploads", b"[1,2]"), 400, "E_REQUEST_FORMAT")
    coded(post("/v1/uploads", b"\xff\xfe"), 400, "E_REQUEST_FORMAT")
    coded(post("/v1/uploads", b'{"size": NaN, "sha256": "x"}'), 400, "E_REQUEST_FORMAT")
    sha = "ab" * 32
    for size in (-5, 0, True, 1.5, "10", None):
        body = json.dumps({"size": size, "sha256": sha}).encode()
        coded(post("/v1/uploads", body), 400, "E_UPLOAD_SIZE")
    body = json.dumps({"size": 10, "sha256": "AB" * 32}).encode()
    coded(post("/v1/uploads", body), 422, "E_UPLOAD_HASH")
    body = json.dumps({"size": 2**40, "sha256": sha}).encode()
    coded(post("/v1/uploads", body), 413, "E_BUNDLE_TOO_LARGE")
    for after in ("abc", "-1", "1.5", " 1", "1_0", "١"):
        url = f"{server}/v1/down?{urlencode({'after': after})}"
        coded(httpx2.get(url, headers=signed(dev, "GET", url)), 400, "E_REQUEST_FORMAT")
    url = f"{server}/v1/uploads/{'x' * 10}"
    for offset in ("-1", "abc", ""):
        headers = signed(dev, "PATCH", url, **{"Upload-Offset": offset})
        coded(httpx2.patch(url, content=b"xx", headers=headers), 400, "E_REQUEST_FORMAT")
    # admin bodies
    for body in (b"{", b"[1,2]", b"null", b'{"unit": 5, "type": "notice", "body": {}}'):
        resp = httpx2.post(server + "/v1/admin/down-items", content=body, headers=admin)
        coded(resp, 400, "E_REQUEST_FORMAT")
    resp = httpx2.post(
        server + "/v1/admin/down-items",
        json={"unit": "U001", "type": "sermon", "body": {}},
        headers=admin,
    )
    coded(resp, 400, "E_REQUEST_FORMAT")
    resp = httpx2.post(
        server + "/v1/admin/down-items",
        json={"unit": "NOPE", "type": "notice", "body": {}},
        headers=admin,
    )
    coded(resp, 404, "E_UNIT_UNKNOWN")
    coded(
        httpx2.post(server + "/v1/admin/import", content=b"[1,2]", headers=admin),
        400,
        "E_IMPORT_KIND",
    )
    coded(
        httpx2.post(server + "/v1/admin/devices/nobody/revoke", headers=admin),
        404,
        "E_DEVICE_UNKNOWN",
    )
    # the other public bodies
    coded(post("/v1/enrol", b"[1,2]", auth=False), 400, "E_ENROL_FORMAT")
    coded(post("/v1/devices/rotate", b"[1,2]", auth=False), 400, "E_ENROL_FORMAT")
    coded(post("/v1/devices/rotate", b'{"old_kid": {"a": 1}}', auth=False), 403, "E_DEVICE_UNKNOWN")
    coded(post("/v1/enrol", b"x" * 20000, auth=False), 400, "E_REQUEST_FORMAT")
    # routes and methods that do not exist
    coded(httpx2.get(server + "/v1/nothing"), 404, "E_ROUTE_UNKNOWN")
    coded(httpx2.delete(server + "/v1/bundles"), 405, "E_METHOD")
    coded(httpx2.get(server + "/v1/receipts/x"), 401, "E_REQUEST_UNSIGNED")


# --- the property test over every route ---------------------------------------------------

ROUTES = [(path, method.upper()) for path, item in OPENAPI["paths"].items() for method in item]
_ID = st.one_of(
    st.uuids().map(str),
    st.text(string.ascii_letters + string.digits + "-_.~", min_size=1, max_size=200),
    st.text(min_size=1, max_size=40),
    st.sampled_from(["..", "%2e%2e", "0", "-1", "null", "a/b"]),
)
_TEXT = st.one_of(
    st.text(max_size=30), st.sampled_from(["0", "-1", "abc", "1e9", "99999999999999999999"])
)
_JSON = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=False),
        st.text(max_size=20),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=20,
)
_KEYS = ["size", "sha256", "unit", "type", "body", "device", "old_kid", "v", "code_id"]
_OBJECT = st.dictionaries(st.sampled_from(_KEYS), _JSON, max_size=6)


@st.composite
def requests(draw, known: dict):
    """One request to any route: mostly near-valid (real ids, real bundles, the right keys),
    so the handlers behind the checks are reached too, not only the first refusal."""
    path, method = draw(st.sampled_from(ROUTES))
    if draw(st.integers(0, 9)) == 0:
        method = draw(st.sampled_from(["GET", "POST", "PATCH", "PUT", "DELETE", "OPTIONS"]))
    while "{" in path:
        a, b = path.index("{"), path.index("}")
        value = draw(st.one_of(_ID, st.sampled_from(known["ids"])))
        path = path[:a] + quote(value, safe="") + path[b + 1 :]
    values = st.one_of(_TEXT, st.sampled_from([known["device"], "0", "1", "2"]))
    query = draw(st.dictionaries(st.sampled_from(["device", "after", "x"]), values, max_size=3))
    fitting = {"/v1/uploads": "upload", "/v1/admin/down-items": "item", "/v1/bundles": "bundle"}
    kinds = ["empty", "bytes", "json", "object", "upload", "item", "bundle"]
    if path in fitting and draw(st.booleans()):
        kind = fitting[path]  # half the time the body this route expects, near-valid
    else:
        kind = draw(st.sampled_from(kinds))
    if kind == "empty":
        body = b""
    elif kind == "bytes":
        body = draw(st.binary(max_size=3000))
    elif kind == "json":
        body = json.dumps(draw(_JSON)).encode()
    elif kind == "object":
        body = json.dumps(draw(_OBJECT)).encode()
    elif kind == "upload":
        size = draw(st.one_of(st.integers(-5, 2**40), st.sampled_from(known["sizes"]), _JSON))
        sha = draw(st.one_of(st.sampled_from(known["shas"]), _JSON))
        body = json.dumps({"size": size, "sha256": sha}).encode()
    elif kind == "item":
        item = {
            "unit": draw(st.one_of(st.just("U001"), _JSON)),
            "type": draw(st.one_of(st.sampled_from(["notice", "trust", "material"]), _JSON)),
            "body": draw(_JSON),
        }
        if draw(st.booleans()):
            item["device"] = draw(st.one_of(st.just(known["device"]), _JSON))
        body = json.dumps(item).encode()
    else:
        data = bytearray(draw(st.sampled_from(known["bundles"])))
        for _ in range(draw(st.integers(0, 2))):
            data[draw(st.integers(0, len(data) - 1))] ^= 1 << draw(st.integers(0, 7))
        body = bytes(data)
    headers = {}
    if draw(st.booleans()):
        offsets = st.one_of(
            _TEXT.filter(lambda t: t.isascii() and t.isprintable()),
            st.integers(0, 600).map(str),
        )
        headers["Upload-Offset"] = draw(offsets)
    if path.startswith("/v1/admin/"):
        auth = draw(st.sampled_from(["admin", "admin", "none", "device", "junk"]))
    else:
        auth = draw(st.sampled_from(["device", "device", "device", "none", "admin", "junk"]))
    return method, path, query, body, headers, auth


def test_no_route_answers_5xx_whatever_it_is_sent(server, central_dir, central):
    from ztcentral import uploads
    from ztcentral.config import admin_token

    dev = Device("U001")
    dev.enrol_direct(central)
    bundles = [
        dev.seal(dev.next_ops([("member", f"m{i}", "create", {"name": "张三"})])) for i in range(4)
    ]
    central.process(bundles[0])
    started = uploads.create(central, dev.device_id, len(bundles[1]), sha256_of(bundles[1]))
    known = {
        "device": dev.device_id,
        "bundles": bundles,
        "sizes": [len(b) for b in bundles],
        "shas": [sha256_of(b) for b in bundles],
        "ids": [dev.device_id, started["upload_id"], *dev.sent.values()],
    }
    token = admin_token(central_dir)
    client = httpx2.Client(base_url=server, timeout=30)
    examples = int(os.environ.get("ZT_FUZZ_EXAMPLES", "300"))

    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        derandomize=True,
    )
    @given(requests(known))
    def one(req):
        method, path, query, body, headers, auth = req
        url = path + ("?" + urlencode(query) if query else "")
        if auth == "device":
            headers = signed(dev, method, url, body, **headers)
        elif auth == "admin":
            headers["Authorization"] = "Bearer " + token
        elif auth == "junk":
            headers.update(
                {
                    "ZT-Key": "00" * 16,
                    "ZT-Time": "1",
                    "ZT-Nonce": "zz",
                    "ZT-Content-SHA256": "x",
                    "ZT-Signature": "%%",
                }
            )
        resp = client.request(method, url, content=body, headers=headers)
        assert resp.status_code < 500, (method, url, resp.status_code, resp.text)
        if resp.status_code >= 400 and resp.status_code != 499:
            err = resp.json()
            assert err["code"] in MESSAGES and isinstance(err["params"], dict), err

    try:
        one()
    finally:
        client.close()
