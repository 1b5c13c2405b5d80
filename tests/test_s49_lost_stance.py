"""Session 49: a lost stance ("Japan has lost interest in the AAGC", "lost faith in", "lost its
appetite for") is read by what a point says of the thing the stance was towards. It denies a
point whose claim is a stake in the thing ("… the South Kuril Islands, which Japan claims"),
states a point whose claim is doubt or waning about it ("Doubts about the AAGC"), and neither
credits nor denies any other point. The point's reading is made when the rubric is compiled."""

from __future__ import annotations

from pathlib import Path

import pytest
from probe_support import assert_never_called_wrong, called_wrong
from probe_support import probe_report as _report
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric, load_rubric
from evaluator.scoring.checks.matching.compiler import compile_rubric
from evaluator.scoring.engine import evaluate

QUESTION = "challenges-way-forward"


@pytest.mark.parametrize(
    "text",
    [
        "Japan has lost interest in the AAGC.",
        "Japan lost interest in the Asia-Africa Growth Corridor after 2017.",
        "Both countries have lost faith in the Asia-Africa Growth Corridor.",
        "India and Japan have lost their enthusiasm for the AAGC.",
        "Tokyo has lost much of its interest in the Asia-Africa Growth Corridor.",
    ],
)
def test_losing_interest_in_the_aagc_is_no_denial(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    report = _report(india_japan, nlp, QUESTION, text)
    assert_never_called_wrong(report)
    # the waning interest is what the point on doubts about the corridor says
    status = {c.id: c.status for c in report.concepts}
    assert status.get("aagc-scepticism") in ("covered", "partial")


@pytest.mark.parametrize(
    "text",
    [
        # what the stance was towards is not the Quad itself
        "Japan has lost confidence in India's commitment to the Quad.",
        # the delays are there: the point on them is a negative claim
        "Investors have lost patience with India's land acquisition delays.",
    ],
)
def test_a_true_loss_of_patience_or_confidence_is_never_called_wrong(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    assert_never_called_wrong(_report(india_japan, nlp, QUESTION, text))


@pytest.mark.parametrize(
    "text",
    [
        "Japan lost interest in the Kuril Islands long ago.",
        "Japan has lost its appetite for the Kuril Islands.",
        "Tokyo has lost faith in the bullet train project.",
    ],
)
def test_losing_interest_still_denies_a_stake(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    # "which Japan claims", "financed mostly by a … JICA loan": a stake the loss denies
    assert called_wrong(_report(india_japan, nlp, QUESTION, text))


NOTES = """# The canal

## The project
Ardenia backs the northern canal project with loans and engineers.
The northern canal links the river port to the sea.
Doubts about the northern canal project's cost have grown in Ardenia.
"""

RUBRIC = """id: "canal"
title: "The canal"
version: "0.1.0"
description: "A small rubric on a canal project."
source_notes: "notes.md"
synonyms: []
dimensions:
  - id: "project"
    label: "The project"
    concepts:
      - id: "backing"
        label: "Ardenia backs the northern canal"
        aliases: ["northern canal"]
        cues:
          - ["Ardenia"]
          - ["northern canal", "canal"]
        note: "Ardenia backs the northern canal project with loans and engineers."
      - id: "route"
        label: "The northern canal's route"
        cues:
          - ["northern canal", "canal"]
          - ["port", "sea", "river"]
        note: "The northern canal links the river port to the sea."
      - id: "doubts"
        label: "Doubts about the northern canal"
        cues:
          - ["northern canal", "canal"]
          - ["cost", "costs", "Ardenia"]
        note: "Doubts about the northern canal project's cost have grown in Ardenia."
questions:
  - id: "discuss-canal"
    text: "Discuss the northern canal project."
    directive: "discuss"
    max_marks: 10
    word_limit: 150
    dimensions:
      - {id: "project"}
"""


@pytest.fixture
def canal(tmp_path: Path) -> LoadedRubric:
    """A backing point, a plain point and a point of doubt, all on the same canal."""
    (tmp_path / "notes.md").write_text(NOTES, encoding="utf-8")
    (tmp_path / "rubric.yaml").write_text(RUBRIC, encoding="utf-8")
    return load_rubric(tmp_path / "rubric.yaml")


@pytest.mark.parametrize(
    "text",
    [
        "Ardenia has lost interest in the northern canal, which links the river port to the sea.",
        "Ardenia has lost faith in the northern canal between the river port and the sea.",
    ],
)
def test_what_a_lost_stance_does_depends_on_the_point(
    canal: LoadedRubric, nlp: Language, text: str
) -> None:
    report = evaluate(text, canal, "discuss-canal", nlp=nlp)
    status = {c.id: c.status for c in report.concepts}
    assert status["backing"] == "negated"  # the loss denies the backing
    assert status["doubts"] in ("covered", "partial")  # and states the doubt
    assert status["route"] != "negated"  # and says nothing against the route


def test_a_point_on_a_loss_is_read_when_the_rubric_is_compiled(
    federalism: LoadedRubric, nlp: Language
) -> None:
    """'States gave up much of their power to tax' writes a verb of losing; "compensation for
    lost revenue" only as an adjective, and no point is parsed again for it as answers are
    graded."""
    compiled = compile_rubric(federalism, nlp)
    assert "gst-tax" in compiled.loss_claims
    assert "gst-levy" not in compiled.loss_claims


@pytest.mark.parametrize(
    "text",
    ["India did not lose interest in the AAGC.", "Japan never lost its faith in the AAGC."],
)
def test_a_stance_not_lost_earns_no_point_of_doubt(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    report = _report(india_japan, nlp, QUESTION, text)
    status = {c.id: c.status for c in report.concepts}
    assert status.get("aagc-scepticism", "missing") == "missing"
