"""Session 49: "X, not Y, did it" says X did it. A 'not' set off after a name denies the name
after it, not the one it hangs on ("Tokyo, not New Delhi, hosted the third 2+2" had been neither
praised nor told wrong)."""

from __future__ import annotations

import pytest
from probe_support import assert_never_called_wrong, probe_report

Q = "2plus2-significance"


def _fact(report, fact_id):
    return next(f for f in report.facts if f.id == fact_id)


def test_the_name_before_a_set_off_not_is_the_claim(india_japan, nlp):
    report = probe_report(
        india_japan, nlp, Q, "Tokyo, not New Delhi, hosted the third India–Japan 2+2."
    )
    fact = _fact(report, "third-meeting-place")
    assert fact.status == "contradicted"
    assert fact.found == "Tokyo"


@pytest.mark.parametrize(
    "text",
    [
        "New Delhi, not Tokyo, hosted the third India–Japan 2+2.",
        # a 'not' after the noun still denies what follows it
        "The Quad is a diplomatic grouping, not a military alliance.",
        "JIMEX is a naval exercise, not an army one.",
    ],
)
def test_what_follows_the_not_stays_denied(india_japan, nlp, text):
    assert_never_called_wrong(probe_report(india_japan, nlp, Q, text))
