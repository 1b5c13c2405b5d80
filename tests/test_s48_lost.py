"""Session 48, the draft of the GST notes (the `federalism` fixture): a verb of losing denies
only what is lost, not what the lost thing was for nor a cause or time beside it: "The states
have lost most of their power to levy taxes because of GST" is no denial of the point that GST
folded many taxes into one levy, and still earns the states' point."""

from __future__ import annotations

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate

LEVY = "gst-levy"  # "GST itself was rolled out … folding many … indirect taxes into one levy."
STATES = "gst-tax"  # "States gave up much of their power to tax when they joined GST, …"


def _statuses(loaded: LoadedRubric, nlp: Language, text: str) -> dict[str, str]:
    report = evaluate(text, loaded, loaded.rubric.questions[0].id, nlp=nlp)
    return {c.id: c.status for c in report.concepts}


@pytest.mark.parametrize(
    "text",
    [
        "The states have lost most of their power to levy taxes because of GST.",
        "States lost their power to levy taxes after GST.",
        "The states lost much of their right to levy taxes under GST.",
        "Because of GST, the states have lost the power to levy most indirect taxes.",
        "States have lost their power to levy sales taxes with the coming of GST.",
        "The states are losing their power to levy taxes as GST takes over.",
    ],
)
def test_a_loss_denies_only_what_is_lost(
    federalism: LoadedRubric, nlp: Language, text: str
) -> None:
    found = _statuses(federalism, nlp, text)
    assert found.get(LEVY, "missing") != "negated"
    assert found.get(STATES, "missing") in ("covered", "partial")


def test_not_losing_the_power_still_denies_the_states_point(
    federalism: LoadedRubric, nlp: Language
) -> None:
    found = _statuses(federalism, nlp, "The states did not lose their power to tax under GST.")
    assert found.get(STATES) == "negated"
