"""The client's HTTP transport to ztcentral (httpx2, the maintained successor of httpx;
synchronous: it runs on a worker thread).

Uploads resume at the **server's** offset: after any network error the client asks the server
how much it holds and continues from there, so a link that drops every few kilobytes still gets
the bundle through, and a retried commit can never apply anything twice (the server dedups by
hash and bundle id).

Every failure says what happened, each with its own code (issue 9 item 7):

* the address cannot be a server address ("abc", "ftp://…") → ``E_SERVER_ADDRESS`` (checked
  before anything is sent: :func:`check_address`);
* no connection, or the connection broke → ``E_NETWORK`` (``what``: connect / timeout /
  interrupted);
* the server's certificate is not trusted here (a committee CA not installed, expired, another
  name) → ``E_TLS_UNTRUSTED`` with OpenSSL's reason: not retried, trying again cannot help;
* the server answered with an error of its own (5xx) → ``E_SERVER``;
* something answered that is not ztcentral (a web page, a captive portal's login page, a 404 of
  another site) → ``E_NOT_CENTRAL``;
* ztcentral refused with a code (``E_ENROL_CODE``, ``E_DEVICE_UNKNOWN`` …) → that code.

Retries (network failures only, never a coded refusal) back off from ``backoff`` to
``backoff_cap`` seconds; ``check`` is called before each attempt and while waiting, and may
raise (``E_CANCELLED``) to stop.
"""

from __future__ import annotations

import base64
import hashlib
import ssl
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx2

from ztclient.domain.errors import DomainError
from ztprotocol.codes import MESSAGES, SyncRejected
from ztprotocol.request_sig import RequestSigner

#: bytes handed to the socket at a time: progress moves in steps this size
WRITE_PIECE = 1024


def check_address(url: str) -> str:
    """The server address as given, if it can be one (http/https, a host, a sane port);
    else ``E_SERVER_ADDRESS``. Nothing is sent to check it."""
    text = (url or "").strip()
    try:
        parts = urlsplit(text)
        port = parts.port  # raises ValueError on a bad port
    except ValueError:
        raise DomainError("E_SERVER_ADDRESS", url=text) from None
    if parts.scheme not in ("http", "https") or not parts.hostname or port == 0:
        raise DomainError("E_SERVER_ADDRESS", url=text)
    if parts.query or parts.fragment or parts.username or parts.password:
        raise DomainError("E_SERVER_ADDRESS", url=text)
    return text.rstrip("/")


@dataclass
class UploadResult:
    """``status``: applied / held / quarantined / rejected; ``receipt``: DZR1 bytes or None."""

    status: str
    code: str | None
    receipt: bytes | None
    duplicate: bool = False
    also_applied: list[bytes] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)


def _outcome(resp: httpx2.Response) -> UploadResult:
    try:
        body = resp.json()
    except ValueError as exc:
        raise _coded(resp) from exc
    if not isinstance(body, dict) or "status" not in body:
        raise _coded(resp)
    return _outcome_body(body)


def _outcome_body(body: dict[str, Any]) -> UploadResult:
    status = body["status"]
    rec = body.get("receipt")
    return UploadResult(
        status,
        body.get("code"),
        base64.b64decode(rec) if rec else None,
        bool(body.get("duplicate")),
        [base64.b64decode(r) for r in body.get("also_applied") or []],
        body.get("params") or {},
    )


def _clock_refusal(resp: httpx2.Response) -> int | None:
    """The server's time from an E_REQUEST_CLOCK refusal, else None."""
    try:
        body = resp.json()
        if body.get("code") == "E_REQUEST_CLOCK":
            return int(body["params"]["server_time"])
    except (ValueError, AttributeError, KeyError, TypeError):
        pass
    return None


def _coded(resp: httpx2.Response) -> Exception:
    """The error an unsuccessful answer stands for (see the module docstring)."""
    try:
        body = resp.json()
        code = body.get("code")
    except (ValueError, AttributeError):
        code = None
    if code in MESSAGES:
        params = body.get("params")
        return SyncRejected(code, **(params if isinstance(params, dict) else {}))
    if resp.status_code >= 500:
        return SyncRejected("E_SERVER", status=resp.status_code)
    return _not_central(resp)


def _certificate_refusal(exc: BaseException) -> ssl.SSLCertVerificationError | None:
    """The certificate check that failed under a connect error, if that is what it was."""
    seen: BaseException | None = exc
    for _ in range(8):  # httpx2 → httpcore2 → ssl: a short chain, never a loop
        if seen is None:
            return None
        if isinstance(seen, ssl.SSLCertVerificationError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _not_central(resp: httpx2.Response) -> DomainError:
    return DomainError("E_NOT_CENTRAL", status=resp.status_code, url=str(resp.request.url))


def _whole(content: Any) -> bytes:
    """A body to sign whole: the bytes themselves (pieces joined)."""
    if isinstance(content, bytes | bytearray):
        return bytes(content)
    return b"".join(content)


def _pieces(data: bytes, on_sent: Callable[[int], None] | None) -> Iterator[bytes]:
    """The body in small pieces, reporting how much httpx2 has taken (≈ written to the socket)."""
    for at in range(0, len(data), WRITE_PIECE):
        piece = data[at : at + WRITE_PIECE]
        yield piece
        if on_sent is not None:
            on_sent(at + len(piece))


class CentralClient:
    """``CentralClient(base_url, timeout)``; every method raises SyncRejected with a code."""

    def __init__(
        self,
        base_url: str,
        timeout: float = 30.0,
        *,
        retries: int = 20,
        backoff: float = 0.2,
        backoff_cap: float = 5.0,
        check: Callable[[], None] | None = None,
        transport: httpx2.BaseTransport | None = None,
        signer: RequestSigner | None = None,
    ) -> None:
        self.base_url = check_address(base_url)
        self.retries = retries
        self.backoff = backoff
        self.backoff_cap = backoff_cap
        self.check = check or (lambda: None)
        self.signer = signer  # device endpoints need it (docs/sync-protocol.md §7.7)
        self._http = httpx2.Client(base_url=self.base_url, timeout=timeout, transport=transport)
        # small headers (every byte counts at 9.6 kbit/s); keep-alive is httpx2's default
        self._http.headers.clear()
        self._http.headers["User-Agent"] = "ztclient"

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> CentralClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing ----------------------------------------------------------------------------
    def _send(
        self, method: str, url: str, *, signed: bool = False, whole: bool = True, **kw: Any
    ) -> httpx2.Response:
        """One request; ``signed``: with the device's DZQ1 headers (``whole=False``: a body that
        may arrive cut short, bound by the hash it was announced with: UNSIGNED-PAYLOAD),
        re-signed once on the server's clock if it says ours is off (E_REQUEST_CLOCK)."""
        self.check()
        try:
            resp = self._http.send(self._build(method, url, signed, whole, **kw))
            if signed and resp.status_code == 401 and self.signer is not None:
                server_time = _clock_refusal(resp)
                if server_time is not None:
                    self.signer.learn_server_time(server_time)
                    resp = self._http.send(self._build(method, url, signed, whole, **kw))
            return resp
        except (httpx2.ConnectError, httpx2.ConnectTimeout) as exc:
            untrusted = _certificate_refusal(exc)
            if untrusted is not None:
                raise DomainError(
                    "E_TLS_UNTRUSTED", url=self.base_url, reason=untrusted.verify_message
                ) from exc
            raise SyncRejected("E_NETWORK", what="connect") from exc
        except httpx2.TimeoutException as exc:
            raise SyncRejected("E_NETWORK", what="timeout") from exc
        except (httpx2.InvalidURL, httpx2.UnsupportedProtocol) as exc:
            raise DomainError("E_SERVER_ADDRESS", url=self.base_url) from exc
        except httpx2.TransportError as exc:
            raise SyncRejected("E_NETWORK", what="interrupted") from exc

    def _build(self, method: str, url: str, signed: bool, whole: bool, **kw: Any) -> httpx2.Request:
        if signed and self.signer is not None and whole and "content" in kw:
            kw["content"] = _whole(kw["content"])  # the signature covers its hash
        req = self._http.build_request(method, url, **kw)
        if signed and self.signer is not None:
            raw = req.url.raw_path.decode("ascii")
            at = max(raw.find("/v1/"), raw.find("/v2/"))
            target = raw[at:] if at >= 0 else raw
            offset = req.headers.get("upload-offset", "")
            body = req.content if whole else None
            req.headers.update(self.signer.headers(method, target, body, offset))
        return req

    def wait(self, seconds: float) -> None:
        """Sleep, calling ``check`` every tenth of a second (a cancel does not wait it out)."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            self.check()
            time.sleep(min(left, 0.1))

    def _retrying(self, fn: Callable[[], Any]) -> Any:
        """Retry network failures only (never a coded refusal), with capped backoff."""
        for attempt in range(self.retries + 1):
            try:
                return fn()
            except SyncRejected as exc:
                if exc.code != "E_NETWORK" or attempt == self.retries:
                    raise
                self.wait(min(self.backoff * 2**attempt, self.backoff_cap))
        raise AssertionError("unreachable")

    def _json(self, resp: httpx2.Response) -> Any:
        if not resp.is_success:
            raise _coded(resp)
        try:
            return resp.json()
        except ValueError as exc:
            raise _not_central(resp) from exc

    # -- the protocol ------------------------------------------------------------------------
    def handshake(self, device_id: str | None = None) -> dict[str, Any]:
        """Server limits and time; with a signer, also this device's watermark and backlog."""
        if device_id and self.signer is not None:
            return self._json(self._send("GET", "/v1/handshake", signed=True))
        params = {"device": device_id} if device_id else {}
        return self._json(self._send("GET", "/v1/handshake", params=params))

    def _json_bytes(self, resp: httpx2.Response) -> bytes:
        """The body of a JSON document answer (trust file, enrolment answer), verbatim."""
        if not resp.is_success:
            raise _coded(resp)
        if not resp.headers.get("content-type", "").startswith("application/json"):
            raise _not_central(resp)  # a web page or a login portal, not ztcentral
        return resp.content

    def trust(self) -> bytes:
        return self._json_bytes(self._send("GET", "/v1/trust"))

    def enrol(self, request: bytes) -> bytes:
        """Send an enrolment request; returns the MACed response (check it with the code)."""
        return self._json_bytes(self._send("POST", "/v1/enrol", content=request))

    def upload(
        self,
        bundle: bytes,
        resume: bool = True,
        chunk_bytes: int = 256 * 1024,
        progress: Callable[[int, int], None] | None = None,
    ) -> UploadResult:
        """Send a bundle; returns the outcome (with the signed receipt when there is one).
        ``progress(sent, total)`` follows the bytes as they go (a resumed part counts from the
        server's offset)."""
        total = len(bundle)

        def report(at: int) -> Callable[[int], None] | None:
            return None if progress is None else (lambda n: progress(min(at + n, total), total))

        if not resume:
            return _outcome(
                self._send(
                    "POST",
                    "/v1/bundles",
                    signed=True,
                    content=_pieces(bundle, report(0)),
                    headers={"Content-Length": str(total)},
                )
            )
        sha = hashlib.sha256(bundle).hexdigest()
        start = self._retrying(
            lambda: self._json(
                self._send(
                    "POST", "/v1/uploads", signed=True, json={"size": len(bundle), "sha256": sha}
                )
            )
        )
        if start.get("done"):
            # already processed (a receipt lost on the way back): the stored outcome, no resend
            return _outcome_body(start)
        upload_id, offset = start["upload_id"], start["offset"]
        while offset < len(bundle):
            part = bundle[offset : offset + chunk_bytes]
            try:
                resp = self._send(
                    "PATCH",
                    f"/v1/uploads/{upload_id}",
                    signed=True,
                    whole=False,  # a part may arrive cut short: bound by the upload's hash
                    content=_pieces(part, report(offset)),
                    headers={"Upload-Offset": str(offset), "Content-Length": str(len(part))},
                )
                offset = self._json(resp)["offset"]
            except SyncRejected as exc:
                if exc.code not in ("E_NETWORK", "E_UPLOAD_OFFSET"):
                    raise
                if exc.code == "E_NETWORK":  # a poor link: smaller parts get through more often
                    chunk_bytes = max(1024, chunk_bytes // 2)
                self.wait(self.backoff)
                offset = self._retrying(
                    lambda: self._json(self._send("GET", f"/v1/uploads/{upload_id}", signed=True))
                )["offset"]
        try:
            return self._retrying(
                lambda: _outcome(self._send("POST", f"/v1/uploads/{upload_id}/commit", signed=True))
            )
        except SyncRejected as exc:
            if exc.code != "E_UPLOAD_UNKNOWN":
                raise
            # an earlier commit went through but its answer was lost: announcing the same
            # bytes again answers the stored outcome (a small request: on a link that drops
            # every few KB, resending the whole bundle might never get its answer through)
            again = self._retrying(
                lambda: self._json(
                    self._send(
                        "POST",
                        "/v1/uploads",
                        signed=True,
                        json={"size": len(bundle), "sha256": sha},
                    )
                )
            )
            if again.get("done"):
                return _outcome_body(again)
            return self._retrying(
                lambda: _outcome(self._send("POST", "/v1/bundles", signed=True, content=bundle))
            )

    def receipt(self, bundle_id: str) -> bytes | None:
        resp = self._send("GET", f"/v1/receipts/{bundle_id}", signed=True)
        if resp.status_code == 404:
            return None
        if not resp.is_success:
            raise _coded(resp)
        return resp.content

    def download(self, device_id: str, after: int) -> bytes | None:
        """The next downlink bundle after the client's downlink sequence ``after``, or None."""
        resp = self._send("GET", "/v1/down", signed=True, params={"after": after})
        if resp.status_code == 204:
            return None
        if not resp.is_success:
            raise _coded(resp)
        return resp.content

    # -- protocol 2: the lean exchange --------------------------------------------------------
    def exchange(
        self, body: bytes, progress: Callable[[int, int], None] | None = None
    ) -> tuple[bytes, int, int | None]:
        """POST one exchange body, resumable, and return (answer, request bytes that reached
        the server, the fewest body bytes a cut connection carried or None).

        After a network error the server says how far the body came: the rest is sent from
        there; or that it took the body whole already (``done``): its kept answer is fetched,
        nothing is sent again. ``E_PROTOCOL_OLD``: the server has no protocol 2.
        ``E_NETWORK`` with ``what="answer"``: the body was taken but its answer never came."""
        sha, size = hashlib.sha256(body).hexdigest(), len(body)
        offset, cut_at, taken = 0, None, False
        stalled = 0  # attempts in a row that moved nothing: only those count as retries
        while True:
            try:
                if taken:
                    return self._kept_answer(sha, size), size, cut_at
                return self._post_exchange(body, sha, offset, progress), size, cut_at
            except SyncRejected as exc:
                if exc.code != "E_NETWORK":
                    raise
                if stalled >= self.retries:
                    raise SyncRejected(
                        "E_NETWORK",
                        what="answer" if taken else "interrupted",
                        cut_at=cut_at,
                        moved=size if taken else offset,
                    ) from exc
            self.wait(min(self.backoff * 2**stalled, self.backoff_cap))
            stalled += 1
            if taken:
                continue
            where = self._retrying(lambda: self._exchange_offset(sha, size))
            if where["done"]:
                taken = True
                continue
            carried = int(where["offset"]) - offset
            if carried > 0:
                stalled = 0  # the link moved the body forward: keep going
            if carried < size - offset:
                cut_at = carried if cut_at is None else min(cut_at, carried)
            offset = int(where["offset"])

    def _post_exchange(
        self,
        body: bytes,
        sha: str,
        offset: int,
        progress: Callable[[int, int], None] | None,
    ) -> bytes:
        size = len(body)

        def on_sent(n: int) -> None:
            if progress is not None:
                progress(offset + n, size)

        headers = {"Content-Length": str(size - offset)}
        if offset:
            headers["Upload-Offset"] = str(offset)
        # named by hash and size in the (signed) query; the bytes themselves may arrive cut
        # short and are bound by that hash when the body is whole (UNSIGNED-PAYLOAD, §7.7)
        resp = self._send(
            "POST",
            "/v2/exchange",
            signed=True,
            whole=False,
            params={"body": sha, "size": size},
            content=_pieces(body[offset:], on_sent),
            headers=headers,
        )
        return self._answer_bytes(resp)

    def _answer_bytes(self, resp: httpx2.Response) -> bytes:
        if resp.status_code in (404, 405):
            raise DomainError("E_PROTOCOL_OLD")
        if not resp.is_success:
            raise _coded(resp)
        if not resp.content.startswith(b"DZY1"):
            raise _not_central(resp)
        return resp.content

    def _exchange_offset(self, sha: str, size: int) -> dict[str, Any]:
        resp = self._send(
            "GET", "/v2/exchange/offset", signed=True, params={"body": sha, "size": size}
        )
        if resp.status_code in (404, 405):
            raise DomainError("E_PROTOCOL_OLD")
        return self._json(resp)

    def _kept_answer(self, sha: str, size: int) -> bytes:
        resp = self._send(
            "GET", "/v2/exchange/answer", signed=True, params={"body": sha, "size": size}
        )
        return self._answer_bytes(resp)

    def rotate(self, statement: bytes) -> dict[str, Any]:
        return self._json(self._send("POST", "/v1/devices/rotate", content=statement))
