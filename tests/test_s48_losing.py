"""Session 48, the draft of the GST notes (the `federalism` fixture): a verb of losing ('lost')
over the states' point, whose own note says the states gave up their power to tax, restates the
point; "did not lose" and "never lost" still deny it."""

from __future__ import annotations

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate

POINT = "gst-tax"  # "States gave up much of their power to tax when they joined GST, …"


def _status(loaded: LoadedRubric, nlp: Language, text: str) -> str:
    report = evaluate(text, loaded, loaded.rubric.questions[0].id, nlp=nlp)
    return next((c.status for c in report.concepts if c.id == POINT), "missing")


@pytest.mark.parametrize(
    "text",
    [
        "The states lost their power to tax under GST.",
        "Under GST the states lost much of their power to tax.",
        "States lost much of their taxing power when GST came in.",
        "When they joined GST, the states lost a large part of their power to tax.",
        "GST cost the states their power to tax, and they have lost it for good.",
        "States gave up their taxing powers to GST.",
        "With GST, states surrendered their power to tax.",
    ],
)
def test_losing_the_power_to_tax_states_the_point(
    federalism: LoadedRubric, nlp: Language, text: str
) -> None:
    assert _status(federalism, nlp, text) in ("covered", "partial")


@pytest.mark.parametrize(
    "text",
    [
        "The states did not lose their power to tax under GST.",
        "The states never lost their power to tax under GST.",
        "The states did not give up their power to tax under GST.",
    ],
)
def test_not_losing_it_still_denies_the_point(
    federalism: LoadedRubric, nlp: Language, text: str
) -> None:
    assert _status(federalism, nlp, text) == "negated"
