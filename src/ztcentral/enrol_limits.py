"""Online enrolment with its attempts counted: failures per code id and per address.

The one-time code's secret is 80 bits, so guessing is hopeless anyway; the limits stop a
script from hammering the endpoint (each try costs a signature check and a database row) and
make a guessing attempt visible in the events. Only failures count (a training room enrolling
sixty branches from one address must not be stopped): a malformed request counts against the
address, a wrong, used or expired code against the address and the code id. A code id that
reached its limit is refused for the rest of the window even with the right secret; its unit
is then told to wait (``retry_after``) rather than being locked out for good.
"""

from __future__ import annotations

from ztcentral import ratelimit
from ztcentral.enrolment import enrol_device
from ztcentral.service import Central
from ztcentral.storage import event
from ztprotocol import enrol
from ztprotocol.codes import SyncRejected


def enrol_online(central: Central, request: bytes, address: str) -> bytes:
    """``POST /v1/enrol`` from ``address``: the MACed enrolment response, or a coded refusal."""
    limits = central.limits
    window, now = limits.enrol_window_seconds, ratelimit.now_seconds()
    code_id: str | None = None
    with central.db.tx() as tx:
        ratelimit.refuse_if_over(
            tx, "enrol-address", address, limit=limits.enrol_failures_per_address,
            window=window, now=now,
        )  # fmt: skip
    try:
        code_id = enrol.parse_request(request).code_id
        with central.db.tx() as tx:
            ratelimit.refuse_if_over(
                tx, "enrol-code", code_id, limit=limits.enrol_failures_per_code,
                window=window, now=now,
            )  # fmt: skip
        return enrol_device(central, request)
    except SyncRejected as exc:
        if exc.code in ("E_ENROL_CODE", "E_ENROL_FORMAT"):
            with central.db.tx() as tx:  # the failed attempt's own transaction rolled back
                ratelimit.count(tx, "enrol-address", address, window=window, now=now)
                if code_id is not None and exc.code == "E_ENROL_CODE":
                    ratelimit.count(tx, "enrol-code", code_id, window=window, now=now)
                event(tx, "enrol.refused", ref=code_id, code=exc.code, address=address)
        raise
