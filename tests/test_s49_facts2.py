"""Session 49, the holders probe's leftovers: a home country by its other name, 'est.' before a
year, an exercise's name inside the cue's noun, and a year of one home country's deed said of
the other."""

from __future__ import annotations

import pytest
from probe_support import assert_never_called_wrong, probe_report

Q = "2plus2-significance"


def _fact(report, fact_id):
    return next(f for f in report.facts if f.id == fact_id)


@pytest.mark.parametrize(
    ("text", "fact_id", "written"),
    [
        # 'Bharat' as the visit's object had read as another thing the year dates
        ("Emperor Akihito visited Bharat in 2015.", "emperor-visit-year", "2015"),
        # 'est' read as another subject's name
        ("The Act East Forum (est. 2019) is a key body.", "act-east-forum-year", "2019"),
        # the exercise's name inside the noun had hidden the cue
        (
            "Japan has been a permanent Malabar member since 2007.",
            "malabar-japan-member-year",
            "2007",
        ),
    ],
)
def test_a_wrong_year_is_told_wrong(india_japan, nlp, text, fact_id, written):
    fact = _fact(probe_report(india_japan, nlp, Q, text), fact_id)
    assert fact.status == "contradicted"
    assert fact.found == written


@pytest.mark.parametrize(
    ("text", "fact_id"),
    [
        ("Emperor Akihito visited Bharat in 2013.", "emperor-visit-year"),
        ("The Act East Forum (est. 2017) is a key body.", "act-east-forum-year"),
        ("Japan has been a permanent Malabar member since 2015.", "malabar-japan-member-year"),
    ],
)
def test_the_right_year_is_praised(india_japan, nlp, text, fact_id):
    report = probe_report(india_japan, nlp, Q, text)
    assert _fact(report, fact_id).status == "supported"
    assert_never_called_wrong(report)


@pytest.mark.parametrize(
    "text",
    [
        # India has taken part since the first Malabar: the notes' 2015 is Japan's
        "India has been a permanent member of Malabar since 1992.",
        "India is a permanent Malabar member since 1992.",
        "Australia has been a permanent Malabar member since 2020.",
        "Japan has funded metros since 2002 and Bharat since 2003.",
    ],
)
def test_another_holders_year_is_never_called_wrong(india_japan, nlp, text):
    assert_never_called_wrong(probe_report(india_japan, nlp, Q, text))


@pytest.mark.parametrize(
    "text",
    [
        "Dharma Guardian brings together the navies of India and Japan.",
        "Dharma Guardian unites the navies of India and Japan.",
        "Dharma Guardian brings the two navies together.",
        "Malabar brings together the two armies.",
    ],
)
def test_whom_an_exercise_gathers_is_its_service(india_japan, nlp, text):
    report = probe_report(india_japan, nlp, Q, text)
    wrong = [f for f in report.facts if f.id.endswith("-service") and f.status == "contradicted"]
    assert [f.found for f in wrong] in (["navies"], ["armies"])
    assert "factual_errors" in [a.code for a in report.advisories]


@pytest.mark.parametrize(
    "text",
    [
        "Dharma Guardian brings together the armies, while JIMEX brings together the navies.",
        "Dharma Guardian does not bring together the navies.",
        "Malabar brings together the navies of India, the US, Japan and Australia.",
        "The Quad brings together India, Japan, the US and Australia.",
        "Veer Guardian brings together the air forces.",
        "The 2+2 brings together foreign and defence ministers.",
    ],
)
def test_a_true_gathering_is_never_called_wrong(india_japan, nlp, text):
    assert_never_called_wrong(probe_report(india_japan, nlp, Q, text))


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("In March 2022, India hosted the twelfth annual summit.", "twelfth"),
        ("The 12th annual summit was held in New Delhi in 2022.", "12th"),
    ],
)
def test_an_ordinal_dated_with_the_claims_year_is_read(india_japan, nlp, text, written):
    fact = _fact(probe_report(india_japan, nlp, Q, text), "annual-summit-number")
    assert fact.status == "contradicted"
    assert fact.found == written


@pytest.mark.parametrize(
    "text",
    [
        "The first annual summit since 2018 came only in March 2022.",
        "In March 2022, India hosted the 14th annual summit, eight years after the twelfth "
        "annual summit in 2014.",
        "The twelfth annual summit was held in 2018.",
    ],
)
def test_another_summits_ordinal_is_never_called_wrong(india_japan, nlp, text):
    assert_never_called_wrong(probe_report(india_japan, nlp, Q, text))
