"""Session 49: a line's two ends read against the notes' two (Mumbai and Ahmedabad). A route
with an end the notes do not give is wrong, however right its other end; true sentences about
the line, and about other Japan-backed projects between other cities, are never called wrong."""

from __future__ import annotations

import pytest
from probe_support import assert_never_called_wrong, called_wrong, probe_report

Q = "pyq-2019-contemporary"


def _route(report):
    return next(f for f in report.facts if f.id == "bullet-train-route")


@pytest.mark.parametrize(
    ("text", "written"),
    [
        # the right end had earned the fact: praised as accurate
        ("The bullet train runs from Delhi to Ahmedabad.", "from Delhi to Ahmedabad"),
        ("The bullet train links Delhi with Ahmedabad.", "Delhi with Ahmedabad"),
        # the noun's own ends, on a verb that is no verb of a line: had passed
        ("Japan has invested in the bullet train from Delhi to Mumbai.", "from Delhi to Mumbai"),
        ("Japan is building a bullet train between Delhi and Mumbai.", "between Delhi and Mumbai"),
        ("The bullet train is expected to link Delhi and Mumbai.", "Delhi and Mumbai"),
    ],
)
def test_a_route_with_an_end_the_notes_do_not_give_is_wrong(india_japan, nlp, text, written):
    report = probe_report(india_japan, nlp, Q, text)
    fact = _route(report)
    assert fact.status == "contradicted"
    assert fact.found == written
    assert "Mumbai–Ahmedabad" in fact.message
    assert not any("Accurate fact" in s and "Ahmedabad" in s for s in report.feedback.strengths)


@pytest.mark.parametrize(
    "text",
    [
        # what the enumerated contrary list used to catch is still caught
        "The bullet train will link Mumbai to Delhi.",
        "The bullet train runs from Mumbai to Delhi.",
        "The bullet train goes to Hyderabad.",
        "The bullet train connects Mumbai with Chennai.",
        "The Delhi–Mumbai bullet train is funded by Japan.",
        "The bullet train will run from Pune to Nagpur.",
        "Japan's Shinkansen technology runs from Mumbai to Delhi.",
    ],
)
def test_the_lines_other_wrong_ends_stay_wrong(india_japan, nlp, text):
    assert _route(probe_report(india_japan, nlp, Q, text)).status == "contradicted"


@pytest.mark.parametrize(
    "text",
    [
        "The bullet train will link Mumbai and Ahmedabad.",
        "The bullet train runs from Ahmedabad to Mumbai.",
        "The high-speed rail between Mumbai and Ahmedabad is Japan's flagship project.",
        "The Mumbai–Ahmedabad bullet train is funded by Japan.",
        "The bullet train project will connect Mumbai and Ahmedabad.",
    ],
)
def test_the_notes_route_is_praised(india_japan, nlp, text):
    report = probe_report(india_japan, nlp, Q, text)
    assert _route(report).status == "supported"
    assert called_wrong(report) == []


@pytest.mark.parametrize(
    "text",
    [
        "Japan funds the 508-km Mumbai–Ahmedabad corridor.",
        "Japan also studied a Delhi–Mumbai line.",
        # the Delhi–Mumbai Industrial Corridor is a real Japan-backed project
        "Japan backs the bullet train and the Delhi–Mumbai Industrial Corridor.",
        "Japan funds the bullet train and the Delhi–Mumbai Industrial Corridor from Delhi to "
        "Mumbai.",
        "Like the DMIC from Delhi to Mumbai, the bullet train is funded by Japan.",
        "The bullet train from Mumbai to Ahmedabad and the DMIC from Delhi to Mumbai are "
        "Japan-backed.",
        # denied, supposed, asked, planned, another line, a country's name
        "The bullet train does not go to Delhi.",
        "The bullet train could link Mumbai to Delhi one day.",
        "Does the bullet train run from Delhi to Mumbai?",
        "India plans a bullet train from Delhi to Varanasi.",
        "Another bullet train may run from Delhi to Varanasi.",
        "Japan brought the bullet train from Japan to India.",
        "The bullet train links Mumbai with Ahmedabad, not Delhi.",
        "The bullet train was announced in New Delhi in 2015.",
    ],
)
def test_true_sentences_are_never_called_wrong(india_japan, nlp, text):
    assert_never_called_wrong(probe_report(india_japan, nlp, Q, text))
