"""Session 44, three small defects (our own wording; the real pipeline, rubrics and files).

1. `python -m webapp.cli` crashed with a circular import; it now runs the command line as
   `python -m webapp` does.
2. A misspelt four-letter word capitalised only because it opens a sentence ("Boyl the leef in
   water") earned nothing, though "boyl the leef" did; names opening a sentence stay names.
3. A dash-contrast typed without spaces ("JIMEX -not Malabar- is ...") had not been read as
   one: Malabar was said to be denied (or claimed), and the learner told so.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from evaluator import __version__
from evaluator.rubric import load_rubric
from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate

ROOT = Path(__file__).resolve().parent.parent


def test_python_m_webapp_cli_runs_the_command_line() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for module in ("webapp.cli", "webapp"):
        done = subprocess.run(
            [sys.executable, "-m", module, "--version"],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            cwd=ROOT,
            env=env,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == f"mains-eval, version {__version__}"
        assert "Traceback" not in done.stderr


LEAF_RUBRIC = """id: "leaf-test"
title: "Testing a leaf"
version: "0.1.0"
description: "Written by hand for the tests."
source_notes: "notes.md"
synonyms: []
bonus_keywords: []
structure: {introduction: false, conclusion: false, points_or_headings: false, min_paragraphs: 1}
scoring: {saturation: 1.0, rounding: 0.25}
dimensions:
  - id: "steps"
    label: "Steps"
    concepts:
      - id: "boil"
        label: "Boil the leaf"
        cues: [["boil"], ["leaf"]]
        note: "The leaf is boiled in water first."
      - id: "mode"
        label: "Mode of feeding"
        cues: [["mode"]]
        note: "A green plant's mode of feeding is its own."
      - id: "token"
        label: "A token sample"
        cues: [["token"]]
        note: "One leaf is a token sample of the plant."
facts: []
questions:
  - id: "q1"
    text: "How would you test a leaf for starch?"
    directive: "describe"
    kind: "short"
    max_marks: 3
    word_limit: 40
    dimensions:
      - {id: "steps"}
"""


@pytest.fixture(scope="module")
def leaf_test(tmp_path_factory: pytest.TempPathFactory) -> LoadedRubric:
    folder = tmp_path_factory.mktemp("leaf")
    (folder / "notes.md").write_text("How a leaf is tested for starch.", encoding="utf-8")
    (folder / "rubric.yaml").write_text(LEAF_RUBRIC, encoding="utf-8")
    return load_rubric(folder / "rubric.yaml")


def _status(rubric: LoadedRubric, text: str, concept: str) -> str:
    report = evaluate(text, rubric, rubric.rubric.questions[0].id)
    return next(c.status for c in report.concepts if c.id == concept)


@pytest.mark.parametrize(
    "text",
    [
        "Boyl the leef in water.",  # spaCy tags 'Boyl' a proper noun: it stands as a verb
        "First take a leaf from the plant. Boyl the leef in water for a few minutes.",
        "1. Boyl the leef in water.",
        "Boyl it so the leef softens.",
    ],
)
def test_a_sentence_capital_does_not_hide_a_misspelling(leaf_test: LoadedRubric, text: str) -> None:
    assert _status(leaf_test, "boil the leaf in water.", "boil") == "covered"
    assert _status(leaf_test, text, "boil") == "covered", text
    report = evaluate(text, leaf_test, "q1")
    spelling = next(a for a in report.advisories if a.code == "spelling")
    assert "(boil)" in spelling.message or "(leaf)" in spelling.message


def test_a_capitalised_misspelling_the_answer_writes_again_is_named_once(
    leaf_test: LoadedRubric,
) -> None:
    # 'Leef' (a proper noun to spaCy) is the 'leef' the answer writes later: read as 'Leaf'
    report = evaluate("Leef goes into hot water and we boyl the leef.", leaf_test, "q1")
    boil = next(c for c in report.concepts if c.id == "boil")
    assert boil.status == "covered" and boil.evidence[0].text == "Leef"
    spelling = next(a for a in report.advisories if a.code == "spelling").message
    assert "“Leef” (Leaf)" in spelling and "“leef”" not in spelling  # one slip, named once
    again = evaluate("Boyl the leef. Then boyl it again.", leaf_test, "q1")
    spelling = next(a for a in again.advisories if a.code == "spelling").message
    assert spelling.lower().count("“boyl”") == 1


def test_a_capitalised_word_inside_a_sentence_is_still_left_alone(leaf_test: LoadedRubric) -> None:
    # 'Leef' in the middle of a sentence may be a name: not read as 'leaf'
    assert _status(leaf_test, "We boil the Leef in water.", "boil") != "covered"


@pytest.mark.parametrize(
    "text",
    [
        "Modi is the prime minister of India.",
        "Modi, the prime minister, spoke first.",
        "Modi and Abe met in Tokyo.",
        "Modi this year met Abe.",
        "Tokyo hosted the summit.",
    ],
)
def test_a_name_opening_a_sentence_stays_a_name(leaf_test: LoadedRubric, text: str) -> None:
    assert _status(leaf_test, text, "mode") == "missing"
    assert _status(leaf_test, text, "token") == "missing"
    report = evaluate(text, leaf_test, "q1")
    assert "spelling" not in report.advisory_codes()


@pytest.mark.parametrize(
    "text",
    [
        "JIMEX -not Malabar- is the bilateral naval exercise of India and Japan.",
        "JIMEX—not Malabar—is the bilateral naval exercise of India and Japan.",
        "JIMEX–not Malabar–is the bilateral naval exercise of India and Japan.",
        "JIMEX - not Malabar - is the bilateral naval exercise of India and Japan.",
    ],
)
def test_an_unspaced_dash_contrast_reads_as_a_spaced_one(
    india_japan: LoadedRubric, text: str
) -> None:
    report = evaluate(text, india_japan, "defence-cooperation")
    statuses = {c.id: c.status for c in report.concepts}
    assert statuses["jimex"] == "covered"
    # the true sentence says only that Malabar is not the bilateral one: no credit, no denial
    assert statuses["malabar"] == "missing"
    assert not any(line.startswith("You deny") for line in report.feedback.improvements)
    both = evaluate(
        text + " Malabar also brings in the US and Australia.", india_japan, "defence-cooperation"
    )
    assert {c.id: c.status for c in both.concepts}["malabar"] == "covered"


def test_a_dash_against_a_word_is_a_dash_not_part_of_it(nlp) -> None:
    words = [t.text for t in nlp("JIMEX -not Malabar- is the drill; rules-based order, -5 C.")]
    assert words[:6] == ["JIMEX", "-", "not", "Malabar", "-", "is"]
    # a hyphen inside a word and a minus sign are as they were
    assert words[9:12] == ["rules", "-", "based"] and "-5" in words
