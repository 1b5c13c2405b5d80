"""Session 48, the draft of the GST notes (the `federalism` fixture): a verb of losing denies
only what is lost, not what the lost thing was for nor a cause or time beside it: "The states
have lost most of their power to levy taxes because of GST" is no denial of the point that GST
folded many taxes into one levy, and still earns the states' point."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric, load_rubric
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


COMPENSATION_NOTES = """# GST compensation

## Compensation
For five years after GST began, the Centre paid the states compensation for lost revenue out
of a special cess.
"""

COMPENSATION_RUBRIC = """id: "gst-compensation"
title: "GST compensation"
version: "0.1.0"
description: "A small rubric on GST compensation."
source_notes: "notes.md"
synonyms: []
dimensions:
  - id: "compensation"
    label: "Compensation"
    concepts:
      - id: "compensation"
        label: "The Centre made good the states' lost revenue"
        cues:
          - ["compensation", "compensate"]
          - ["revenue"]
          - ["states"]
        note: >-
          For five years after GST began, the Centre paid the states compensation for lost
          revenue out of a special cess.
questions:
  - id: "explain-gst-compensation"
    text: "Explain GST compensation."
    directive: "explain"
    max_marks: 10
    word_limit: 150
    dimensions:
      - {id: "compensation"}
"""


@pytest.fixture
def compensation(tmp_path: Path) -> LoadedRubric:
    """A point whose claim has 'lost' only as an adjective ("compensation for lost revenue")."""
    (tmp_path / "notes.md").write_text(COMPENSATION_NOTES, encoding="utf-8")
    (tmp_path / "rubric.yaml").write_text(COMPENSATION_RUBRIC, encoding="utf-8")
    return load_rubric(tmp_path / "rubric.yaml")


@pytest.mark.parametrize(
    "text",
    [
        "Thanks to compensation, the states did not lose revenue.",
        "Thanks to compensation, the states never lost revenue under GST.",
        "The states did not lose revenue because the Centre paid compensation.",
    ],
)
def test_not_losing_denies_no_point_whose_loss_is_an_adjective(
    compensation: LoadedRubric, nlp: Language, text: str
) -> None:
    assert _statuses(compensation, nlp, text).get("compensation") == "covered"


@pytest.mark.parametrize(
    "text",
    [
        "The states lost revenue, and compensation made up for it.",
        "The states lost revenue under GST, so the Centre paid them compensation.",
    ],
)
def test_losing_still_restates_a_point_on_lost_revenue(
    compensation: LoadedRubric, nlp: Language, text: str
) -> None:
    assert _statuses(compensation, nlp, text).get("compensation") == "covered"
