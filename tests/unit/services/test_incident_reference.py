"""The reference a clerk quotes for an unexpected error is in the log as written.

The log redacts runs of six or more digits (phone and ID numbers); a random 8-hex reference had
such a run about one time in seven ("5c340796" was logged as "5c#6", and a full-suite run failed
on it). References are drawn again until they have none.
"""

from __future__ import annotations

import itertools
import logging

from ztclient.infra.logbook import redact
from ztclient.services import incidents


def test_a_reference_with_six_digits_in_a_row_is_drawn_again(monkeypatch):
    draws = iter(["5c340796", "12345678", "a1234b56"])
    monkeypatch.setattr(incidents.secrets, "token_hex", lambda n: next(draws))
    assert incidents.new_reference() == "a1234b56"


def test_every_reference_survives_the_log_redaction():
    for _ in itertools.repeat(None, 5000):
        ref = incidents.new_reference()
        assert len(ref) == 8 and int(ref, 16) >= 0
        assert redact(f"unexpected KeyError in cli [ref {ref}]").endswith(f"[ref {ref}]")


def test_the_logged_line_names_the_reference(monkeypatch, caplog):
    draws = iter(["00123456", "0badcafe"])
    monkeypatch.setattr(incidents.secrets, "token_hex", lambda n: next(draws))
    with caplog.at_level(logging.ERROR, logger="ztclient.incident"):
        ref = incidents.log_unexpected(KeyError("x"), "cli")
    assert ref == "0badcafe"
    assert redact(caplog.records[0].getMessage()).endswith("[ref 0badcafe]")
