"""Session 49's probe of the bundled rubric's facts: true sentences that had been called wrong,
a false one that had been praised, and wrong years that had gone unread."""

from __future__ import annotations

import pytest
from probe_support import assert_never_called_wrong, probe_report
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric

P2 = "2plus2-significance"
ECONOMIC = "pyq-2013-economic"


@pytest.mark.parametrize(
    "text",
    [
        # an apposition's rank is said of the name it stands beside: the US was first
        "The US, India's first 2+2 partner, began the format in 2018.",
        # a relative clause's 'which' is the name before it: the US signed in 2008
        "Unlike the US, which signed its nuclear deal with India in 2008, Japan signed in 2016.",
    ],
)
def test_true_sentences_are_not_called_wrong(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    assert_never_called_wrong(probe_report(india_japan, nlp, P2, text))


def test_an_apposition_giving_the_place_to_another_is_wrong(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    report = probe_report(
        india_japan, nlp, P2, "Australia, India's second 2+2 partner, met India in 2021."
    )
    (fact,) = [f for f in report.facts if f.id == "japan-second-partner"]
    assert fact.status == "contradicted"
    assert "gives another what the source notes say" in fact.message


@pytest.mark.parametrize(
    ("text", "fact_id", "found"),
    [
        ("Japan, India's third 2+2 partner, is a close friend.", "japan-second-partner", "third"),
        (
            "The nuclear deal, which India and Japan signed in 2014, is key.",
            "civil-nuclear-year",
            "2014",
        ),
    ],
)
def test_wrong_values_in_an_apposition_or_relative_clause_are_still_wrong(
    india_japan: LoadedRubric, nlp: Language, text: str, fact_id: str, found: str
) -> None:
    report = probe_report(india_japan, nlp, P2, text)
    assert [(f.status, f.found) for f in report.facts if f.id == fact_id] == [
        ("contradicted", found)
    ]


def test_a_partner_named_by_the_meetings_cue_earns_no_place(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """ "3rd 2+2 partner" names a partner, not the third meeting: New Delhi there is no praise of
    where the third 2+2 met."""
    report = probe_report(
        india_japan, nlp, P2, "Japan, India's 3rd 2+2 partner, met India in New Delhi."
    )
    assert "third-meeting-place" not in [f.id for f in report.facts if f.status != "absent"]
    assert not any("The third India–Japan 2+2 met" in s for s in report.feedback.strengths)
    kept = probe_report(india_japan, nlp, P2, "The 3rd 2+2 meeting was held in New Delhi.")
    assert [f.status for f in kept.facts if f.id == "third-meeting-place"] == ["supported"]


@pytest.mark.parametrize(
    ("text", "fact_id", "found", "question"),
    [
        (
            "Their first ministerial 2+2 took place in November 2021.",
            "first-2plus2-year",
            "2021",
            P2,
        ),
        ("The CEPA took effect in 2014.", "cepa-year", "2014", ECONOMIC),
        ("The Act East Forum took shape in 2015.", "act-east-forum-year", "2015", P2),
    ],
)
def test_a_year_of_taking_place_or_effect_is_read(
    india_japan: LoadedRubric, nlp: Language, text: str, fact_id: str, found: str, question: str
) -> None:
    report = probe_report(india_japan, nlp, question, text)
    assert [(f.status, f.found) for f in report.facts if f.id == fact_id] == [
        ("contradicted", found)
    ]


@pytest.mark.parametrize(
    ("text", "fact_id", "question"),
    [
        ("Their first ministerial 2+2 took place in 2019.", "first-2plus2-year", P2),
        ("The CEPA took effect in August 2011.", "cepa-year", ECONOMIC),
    ],
)
def test_the_right_year_of_taking_place_or_effect_is_supported(
    india_japan: LoadedRubric, nlp: Language, text: str, fact_id: str, question: str
) -> None:
    report = probe_report(india_japan, nlp, question, text)
    assert [f.status for f in report.facts if f.id == fact_id] == ["supported"]
    assert_never_called_wrong(report)


def test_a_deal_taking_effect_after_its_signing_is_not_wrong(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """The nuclear deal of 2016 came into force in 2017."""
    assert_never_called_wrong(
        probe_report(india_japan, nlp, P2, "The nuclear deal took effect in 2017.")
    )
