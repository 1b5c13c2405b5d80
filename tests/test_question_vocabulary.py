"""The words a short answer is not discounted for are its own question's (session 43).

A ``credit: proportional`` concept is divided by ``1 + scoring.extra_word_penalty x n`` for the
``n`` content words of the answer in neither the question nor the rubric. In a tutor's test of
many short questions, each derived from its reference answer and merged into one rubric, the
other questions' references are no part of a question's vocabulary: an answer to question A that
writes question B's words is discounted for them as it is by question A's rubric alone (it was
not, so merging six derived rubrics had raised 23 of 240 marks). Our own wording.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from spacy.language import Language

from evaluator.rubric import load_rubric
from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.checks.matching.compiler import compile_rubric
from evaluator.scoring.engine import evaluate

CIRCUIT_QUESTION = "Why does the bulb stay dark when the switch is open?"
CIRCUIT_REFERENCE = "The open switch breaks the circuit, so no current flows through the bulb."
PLANTS_QUESTION = "Why do plants need sunlight?"
PLANTS_REFERENCE = "Plants use light energy to make glucose by photosynthesis in their leaves."

STRAYING = "The switch breaks the circuit so no current flows, like light energy in leaves."
"""An answer to the circuit question that writes words of the plants question's reference:
'light', 'energy' and 'leaves' are beyond the circuit's reference."""

PINNED = {
    "circuit": {
        "The switch breaks the circuit so no current flows.": 3.5,
        STRAYING: 3.0,
        "No current flows because the circuit is broken by the leaves.": 3.25,
        "Leaves use the energy of light, like a current in a circuit.": 0.75,
        "The bulb is dark.": 0.25,
    },
    "plants": {
        "Plants make glucose from light energy by photosynthesis.": 2.75,
        "Leaves use the energy of light, like a current in a circuit.": 2.25,
        STRAYING: 1.0,
        "They need it to grow.": 0.0,
    },
}
"""Marks each question's own one-question rubric gave before session 43 (engine 0.9.254): a
rubric of one question grades as it did."""


def _derived(question: str, reference: str) -> dict[str, Any]:
    from evaluator.tools.derive import derive_rubric

    return derive_rubric(
        "",
        references=[reference],
        question=question,
        source_notes="refs.md",
        max_marks=4,
        word_limit=60,
    ).data


def _prefixed(data: dict[str, Any], prefix: str) -> dict[str, Any]:
    """The rubric with its dimension, concept and question ids prefixed (to merge it)."""
    data = copy.deepcopy(data)
    for dimension in data["dimensions"]:
        dimension["id"] = prefix + dimension["id"]
        for concept in dimension["concepts"]:
            concept["id"] = prefix + concept["id"]
    for question in data["questions"]:
        question["id"] = prefix + question["id"]
        for counted in question["dimensions"]:
            counted["id"] = prefix + counted["id"]
    return data


def _write(folder: Path, data: dict[str, Any]) -> LoadedRubric:
    folder.mkdir()
    (folder / "refs.md").write_text("reference answers", encoding="utf-8")
    (folder / "rubric.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return load_rubric(folder / "rubric.yaml")


@pytest.fixture(scope="module")
def rubrics(tmp_path_factory: pytest.TempPathFactory) -> dict[str, LoadedRubric]:
    """Each question's own rubric ('circuit', 'plants'), the two merged as one test with ids
    prefixed ('merged'), and the merged one without the plants question ('unasked': its
    dimension counts for no question)."""
    root = tmp_path_factory.mktemp("vocabulary")
    circuit = _derived(CIRCUIT_QUESTION, CIRCUIT_REFERENCE)
    plants = _derived(PLANTS_QUESTION, PLANTS_REFERENCE)
    merged = _prefixed(circuit, "circuit-")
    other = _prefixed(plants, "plants-")
    merged["dimensions"] += other["dimensions"]
    merged["questions"] += other["questions"]
    unasked = copy.deepcopy(merged)
    unasked["questions"] = unasked["questions"][:1]
    return {
        "circuit": _write(root / "circuit", circuit),
        "plants": _write(root / "plants", plants),
        "merged": _write(root / "merged", merged),
        "unasked": _write(root / "unasked", unasked),
    }


def _marks(loaded: LoadedRubric, question_id: str, answer: str, nlp: Language) -> float:
    return evaluate(answer, loaded, question_id, nlp=nlp).marks


@pytest.mark.parametrize("name", ["circuit", "plants"])
def test_a_rubric_of_one_question_grades_as_before(
    rubrics: dict[str, LoadedRubric], name: str, nlp: Language
) -> None:
    loaded = rubrics[name]
    question = loaded.rubric.questions[0].id
    marks = {answer: _marks(loaded, question, answer, nlp) for answer in PINNED[name]}
    assert marks == PINNED[name]


@pytest.mark.parametrize("name", ["circuit", "plants"])
def test_a_merged_question_grades_as_its_own_rubric(
    rubrics: dict[str, LoadedRubric], name: str, nlp: Language
) -> None:
    own = rubrics[name]
    question = own.rubric.questions[0].id
    answers = list(dict.fromkeys(a for answers in PINNED.values() for a in answers))
    alone = [_marks(own, question, a, nlp) for a in answers]
    merged = [_marks(rubrics["merged"], f"{name}-{question}", a, nlp) for a in answers]
    assert merged == alone


def test_another_questions_reference_words_are_extra_words(
    rubrics: dict[str, LoadedRubric], nlp: Language
) -> None:
    question = rubrics["circuit"].rubric.questions[0].id
    report = evaluate(STRAYING, rubrics["merged"], f"circuit-{question}", nlp=nlp)
    (point,) = [c for c in report.concepts if c.dimension.startswith("circuit-")]
    assert "3 words beyond the reference" in point.reason  # 'light', 'energy', 'leaves'
    assert report.marks == PINNED["circuit"][STRAYING] == 3.0
    # the words the plants question counts were the whole rubric's vocabulary before: an
    # answer writing them lost nothing (3.5), as it still loses nothing where no question
    # counts that point
    unasked = evaluate(STRAYING, rubrics["unasked"], f"circuit-{question}", nlp=nlp)
    (point,) = [c for c in unasked.concepts if c.dimension.startswith("circuit-")]
    # ('leaves' read as the plural of 'leaf' here, of 'leave' in the plants reference)
    assert "1 word beyond the reference" in point.reason
    assert unasked.marks == 3.5 > report.marks


def test_the_vocabulary_is_worked_out_per_question_once(
    rubrics: dict[str, LoadedRubric], nlp: Language
) -> None:
    merged = compile_rubric(rubrics["merged"], nlp)
    circuit = compile_rubric(rubrics["circuit"], nlp)
    plants = compile_rubric(rubrics["plants"], nlp)
    (circuit_id,) = circuit.known_stems
    (plants_id,) = plants.known_stems
    assert merged.known_stems == {
        f"circuit-{circuit_id}": circuit.known_stems[circuit_id],
        f"plants-{plants_id}": plants.known_stems[plants_id],
    }
    assert {"glucose", "photosynthesis"} <= plants.known_stems[plants_id]
    assert not {"glucose", "photosynthesis"} & merged.known_stems[f"circuit-{circuit_id}"]
