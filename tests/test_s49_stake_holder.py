"""Session 49: a lost stance denies a point's stake only when the one who lost it holds the
stake, or at least is no other named country. "India lost interest in the Kuril Islands" says
nothing against the point that Japan claims them; "Tokyo has lost its appetite for the Kuril
Islands" denies it. Who holds a point's stake is read from its label and note when the rubric
is compiled; a point that names no holder is the rubric's subject's."""

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
        "India lost interest in the Kuril Islands long ago.",
        "Russia has lost interest in the Kuril Islands.",
        "China has lost faith in the bullet train project.",
    ],
)
def test_another_countrys_lost_interest_denies_no_stake(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    assert_never_called_wrong(_report(india_japan, nlp, QUESTION, text))


@pytest.mark.parametrize(
    "text",
    [
        "Tokyo has lost its appetite for the Kuril Islands.",
        "India and Japan have lost interest in the Kuril Islands.",
        # no country named: the loss may be the holder's
        "Both countries have lost interest in the Kuril Islands.",
    ],
)
def test_the_holders_lost_interest_still_denies_its_stake(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    assert called_wrong(_report(india_japan, nlp, QUESTION, text)) == ["vostok-kuril"]


def test_a_stakes_holder_is_read_when_the_rubric_is_compiled(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    holders = compile_rubric(india_japan, nlp).stake_holders
    assert holders["vostok-kuril"] == {"japan"}  # "… which Japan claims"
    assert holders["defence-export-competition"] == {"india"}  # "As India pushes its own …"
    assert "bullet-train" not in holders  # "financed … by a JICA loan": no country named


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
        label: "France backs the northern canal"
        aliases: ["northern canal"]
        cues:
          - ["northern canal"]
        note: "France backs the northern canal project with loans and engineers."
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
    """One point: France's stake in a canal."""
    (tmp_path / "notes.md").write_text(
        "France backs the northern canal project with loans and engineers.\n", encoding="utf-8"
    )
    (tmp_path / "rubric.yaml").write_text(RUBRIC, encoding="utf-8")
    return load_rubric(tmp_path / "rubric.yaml")


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Paris has lost interest in the northern canal.", "negated"),
        ("The French have lost faith in the northern canal.", "negated"),
        ("Germany has lost interest in the northern canal.", "missing"),
    ],
)
def test_whose_loss_denies_a_stake_is_read_from_the_point(
    canal: LoadedRubric, nlp: Language, text: str, status: str
) -> None:
    report = evaluate(text, canal, "discuss-canal", nlp=nlp)
    assert {c.id: c.status for c in report.concepts}["backing"] == status
