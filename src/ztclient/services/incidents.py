"""Unexpected errors (bugs, not coded errors): logged once with their traceback and a short
reference the clerk can quote, so support can find the log lines that belong to a report.

Used by the CLI's last resort, the UI's job runner and the process-wide excepthooks
(bootstrap). The traceback goes to the log only, which redacts personal data (infra/logbook.py).
"""

from __future__ import annotations

import contextlib
import logging
import re
import secrets

log = logging.getLogger("ztclient.incident")

REF_ATTR = "ztclient_ref"


_SIX_DIGITS = re.compile(r"\d{6}")


def new_reference() -> str:
    """8 hex characters with no run of six digits: the log redacts such runs (phone and ID
    numbers, infra/logbook.py), and a reference the clerk quotes must be found in the log as
    written. About one in seven random references had such a run."""
    while True:
        ref = secrets.token_hex(4)
        if not _SIX_DIGITS.search(ref):
            return ref


def log_unexpected(exc: BaseException, where: str) -> str:
    """Log ``exc`` at ERROR with its traceback; returns its reference (8 hex characters).

    The same exception logged twice (a job's error reaching a hook) keeps its first reference.
    """
    ref = getattr(exc, REF_ATTR, None)
    if ref:
        return ref
    ref = new_reference()
    log.error(
        "unexpected %s in %s [ref %s]",
        type(exc).__name__,
        where,
        ref,
        exc_info=(type(exc), exc, exc.__traceback__),
    )
    with contextlib.suppress(AttributeError, TypeError):  # a type without a __dict__
        setattr(exc, REF_ATTR, ref)
    return ref


def reference(exc: BaseException) -> str | None:
    """The reference :func:`log_unexpected` gave ``exc``, if any."""
    return getattr(exc, REF_ATTR, None)
