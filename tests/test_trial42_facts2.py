"""Session 42, second pass on facts. A name written only beside a fact's cue, as another of the
things coordinated with it ("Quad and minilaterals"), says nothing of the cue and supports none
of its facts; what a copula, an apposition or "as" gives the cue still does. And the named place
where a host holds the first 2+2 ("Japan hosted the first 2+2 in Tokyo") is its place."""

from __future__ import annotations

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate

HEADING = (
    "India and Japan hold a 2+2 ministerial dialogue.\n"
    "4. Quad and minilaterals: It complements the Quad and the Malabar exercise, where Japan is "
    "a permanent participant."
)


def _statuses(text: str, rubric: LoadedRubric, nlp: Language, question: str) -> dict[str, str]:
    report = evaluate(text, rubric, question, nlp=nlp)
    return {f.id: f.status for f in report.facts}


def _advisories(text: str, rubric: LoadedRubric, nlp: Language, question: str) -> set[str]:
    return {a.code for a in evaluate(text, rubric, question, nlp=nlp).advisories}


@pytest.mark.parametrize(
    "text",
    [
        HEADING,  # the trial's heading
        "The Quad, IPEF and minilaterals complement the 2+2.",  # a list read as an apposition
        "The Quad and minilateral groupings complement the 2+2.",
    ],
)
def test_a_name_coordinated_with_the_cue_supports_nothing(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    facts = _statuses(text, india_japan, nlp, "2plus2-significance")
    assert facts["quad-form"] == "absent"
    assert facts["quad-no-trade-bloc"] == "absent"


@pytest.mark.parametrize(
    "text",
    [
        "The Quad is an informal, minilateral grouping.",
        "The Quad, a minilateral forum, meets every year.",
        "The Quad as a minilateral forum complements the 2+2.",
        "The Quad is informal and minilateral.",
        "The minilateral Quad complements the 2+2.",
    ],
)
def test_a_name_said_of_the_cue_still_supports(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    assert _statuses(text, india_japan, nlp, "2plus2-significance")["quad-form"] == "supported"


def test_a_contrary_name_beside_the_cue_is_no_claim_but_said_of_it_is(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    beside = "The Quad and NATO both hold regular summits."
    assert _statuses(beside, india_japan, nlp, "2plus2-significance")["quad-form"] == "absent"
    said = "The Quad is a military alliance."
    assert _statuses(said, india_japan, nlp, "2plus2-significance")["quad-form"] == "contradicted"
    assert "factual_errors" in _advisories(said, india_japan, nlp, "2plus2-significance")


@pytest.mark.parametrize(
    "text",
    [
        "Japan hosted the first 2+2 in Tokyo in 2019.",
        "Japan hosted the first ministerial 2+2 in Tokyo.",
    ],
)
def test_the_place_a_host_holds_the_first_2plus2_in_is_checked(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    report = evaluate(text, india_japan, "2plus2-significance", nlp=nlp)
    place = next(f for f in report.facts if f.id == "first-2plus2-place")
    assert (place.status, place.found) == ("contradicted", "Tokyo")
    assert "factual_errors" in {a.code for a in report.advisories}


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # the trial's sentence, caught since rubric 1.7.73 (tests/test_trial30.py)
        ("The first ministerial 2+2 was held in Tokyo in 2019.", "contradicted"),
        ("The first ministerial 2+2 was held in New Delhi in 2019.", "supported"),
        ("India hosted the first 2+2 in New Delhi in 2019.", "supported"),
        ("Japan hosted the second 2+2 in Tokyo.", "absent"),
        ("Japan hosted the second ministerial 2+2 in Tokyo.", "absent"),
    ],
)
def test_the_first_2plus2_place_elsewhere(
    india_japan: LoadedRubric, nlp: Language, text: str, status: str
) -> None:
    facts = _statuses(text, india_japan, nlp, "2plus2-significance")
    assert facts["first-2plus2-place"] == status
