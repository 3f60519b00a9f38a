"""The lean exchange's framing (DZX1 request, DZY1 response): round trips, strictness, and
arbitrary bytes or mutations meet only coded refusals (hypothesis), never anything else."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ztprotocol import exchange as xchg
from ztprotocol.codes import ProtocolError

SETTINGS = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HELLO = xchg.Hello(
    "0190aaaa-bbbb-7ccc-8ddd-eeeeffff0000", 3, 2, (("ab" * 32, 5, 9, 2),), id="r1", budget=2048
)
REQUEST = xchg.encode_request(HELLO, [b"DZB1\r\nfirst", b"DZB1\r\nsecond"])
RESPONSE = xchg.encode_response(
    xchg.Response({"v": 1, "more": False}, [b"DZR2\npart"], b'{"trust":1}', [b"DZB1\r\ndown"])
)


def test_round_trips():
    hello, bundles = xchg.decode_request(REQUEST, max_bytes=1 << 20)
    assert hello == HELLO and bundles == [b"DZB1\r\nfirst", b"DZB1\r\nsecond"]
    resp = xchg.decode_response(RESPONSE)
    assert (resp.state, resp.receipts, resp.trust, resp.down) == (
        {"v": 1, "more": False},
        [b"DZR2\npart"],
        b'{"trust":1}',
        [b"DZB1\r\ndown"],
    )
    # the overhead of a request around its bundles is the hello and 4 bytes a bundle
    # ~170 bytes of hello, ~80 a bundle awaiting its answer, 4 a bundle sent
    assert len(REQUEST) - len(b"DZB1\r\nfirst" + b"DZB1\r\nsecond") < 170 + 80 + 2 * 4


def test_strict_shapes():
    def refused(data: bytes) -> str:
        try:
            xchg.decode_request(data, max_bytes=1 << 20)
        except ProtocolError as exc:
            return exc.code
        raise AssertionError("accepted")

    assert refused(REQUEST[:-1]) == "E_EXCHANGE_FORMAT"  # a cut bundle frame
    assert refused(REQUEST + b"\x00") == "E_EXCHANGE_FORMAT"  # trailing bytes
    assert refused(b"DZX2" + REQUEST[4:]) == "E_EXCHANGE_FORMAT"
    assert refused(REQUEST.replace(b'"down":3', b'"down":-3')) == "E_EXCHANGE_FORMAT"
    assert refused(REQUEST.replace(b'"budget"', b'"bodget"')) == "E_EXCHANGE_FORMAT"
    try:
        xchg.decode_request(REQUEST, max_bytes=10)
    except ProtocolError as exc:
        assert exc.code == "E_BUNDLE_TOO_LARGE"


@SETTINGS
@given(st.binary(max_size=300))
def test_arbitrary_bytes_are_refused_with_a_code(data):
    for parse in (lambda d: xchg.decode_request(d, max_bytes=1 << 16), xchg.decode_response):
        with contextlib.suppress(ProtocolError):
            parse(data)


@SETTINGS
@given(st.data())
def test_mutations_are_refused_or_parsed_never_crash(data):
    for ref, parse in (
        (REQUEST, lambda d: xchg.decode_request(d, max_bytes=1 << 16)),
        (RESPONSE, xchg.decode_response),
    ):
        i = data.draw(st.integers(0, len(ref) - 1))
        b = data.draw(st.integers(0, 255))
        mutated = ref[:i] + bytes([b]) + ref[i + 1 :]
        with contextlib.suppress(ProtocolError):
            parse(mutated)
