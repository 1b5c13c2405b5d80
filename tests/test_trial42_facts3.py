"""Session 42, third pass on facts (probe of 335 true sentences). A money figure that is the size
of another noun than total bilateral trade (exports, a target, a deficit), set beside it or said
of it, or one that trade is only compared with, is no figure of bilateral trade; a wrong total
is still caught."""

from __future__ import annotations

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate

QUESTION = "pyq-2013-economic"


def _check(text: str, rubric: LoadedRubric, nlp: Language, fact: str) -> tuple[str, set[str]]:
    report = evaluate(text, rubric, QUESTION, nlp=nlp)
    status = next(f.status for f in report.facts if f.id == fact)
    return status, {a.code for a in report.advisories}


@pytest.mark.parametrize(
    "text",
    [
        "Exports, at about US$5 billion, are under a quarter of bilateral trade.",
        "India's exports to Japan, only about US$5 billion, lag far behind its imports in "
        "bilateral trade.",
        "The 5 trillion yen target (about US$42 billion) is larger than bilateral trade.",
        "Exports were about US$5 billion, a quarter of bilateral trade.",
        "At US$42 billion, the target is larger than bilateral trade.",
        "Japan pledged US$42 billion, more than bilateral trade.",
        "India's trade deficit with Japan was about US$12 billion.",
    ],
)
def test_a_figure_of_another_noun_is_no_trade_figure(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    status, advisories = _check(text, india_japan, nlp, "trade-value")
    assert status != "contradicted"
    assert "factual_errors" not in advisories


@pytest.mark.parametrize(
    "text",
    [
        "Bilateral trade is about US$50 billion.",
        "India–Japan trade reached US$5 billion.",
        "Bilateral trade, at about US$50 billion, is small.",
        "The volume of bilateral trade, about US$50 billion, is small.",
        "India and Japan had bilateral trade of US$50 billion.",
    ],
)
def test_a_wrong_total_is_still_caught(india_japan: LoadedRubric, nlp: Language, text: str) -> None:
    status, advisories = _check(text, india_japan, nlp, "trade-value")
    assert status == "contradicted"
    assert "factual_errors" in advisories


def test_a_right_total_beside_another_figure_is_supported(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    text = "The swap line of US$75 billion is larger than bilateral trade of about US$23 billion."
    status, advisories = _check(text, india_japan, nlp, "trade-value")
    assert status == "supported"
    assert "factual_errors" not in advisories


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The bullet train will link Mumbai to Delhi.", "contradicted"),  # 'will' states a plan
        ("The bullet train links Mumbai with Delhi.", "contradicted"),  # 'train' a compound
        ("The bullet train runs from Mumbai to Delhi.", "contradicted"),
        ("The bullet train will connect Mumbai and Delhi.", "contradicted"),  # each object
        ("The Mumbai–Delhi bullet train is funded by Japan.", "contradicted"),  # a dash
        ("Japan funds the Mumbai-Delhi high-speed rail.", "contradicted"),
        ("The bullet train connects Mumbai to Delhi.", "contradicted"),
        # the right route stays supported
        ("The bullet train will link Mumbai and Ahmedabad.", "supported"),
        ("The Mumbai–Ahmedabad bullet train is funded by Japan.", "supported"),
        ("The bullet train runs from Mumbai to Ahmedabad.", "supported"),
    ],
)
def test_the_bullet_trains_route_is_checked_in_each_wording(
    india_japan: LoadedRubric, nlp: Language, text: str, status: str
) -> None:
    found, advisories = _check(text, india_japan, nlp, "bullet-train-route")
    assert found == status
    assert ("factual_errors" in advisories) == (status == "contradicted")


@pytest.mark.parametrize(
    "text",
    [
        "The bullet train could link Mumbai to Delhi one day.",  # a modal that supposes
        "The bullet train will not link Mumbai to Delhi.",
        "India–Japan bullet train cooperation is growing.",
    ],
)
def test_no_route_is_claimed(india_japan: LoadedRubric, nlp: Language, text: str) -> None:
    status, advisories = _check(text, india_japan, nlp, "bullet-train-route")
    assert status != "contradicted"
    assert "factual_errors" not in advisories
