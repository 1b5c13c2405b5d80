"""Session 45: pupils' spellings a teacher's photosynthesis test found unread ("carbondioxide",
"warter", "iodeen", "sunlight" for a reference's light), read now only where no real word is
changed. Reference answers and pupils' answers are our own wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluator.rubric import load_rubric
from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate
from evaluator.tools.derive import derive_rubric


def derived(folder: Path, references: list[str], question: str, marks: int = 2) -> LoadedRubric:
    """A rubric derived from reference answers, written and loaded as a tutor would."""
    folder.mkdir(parents=True, exist_ok=True)
    result = derive_rubric(
        "",
        references=references,
        question=question,
        source_notes="refs.md",
        max_marks=marks,
        word_limit=40,
    )
    (folder / "refs.md").write_text(" || ".join(references), encoding="utf-8")
    (folder / "rubric.yaml").write_text(result.yaml, encoding="utf-8")
    return load_rubric(folder / "rubric.yaml")


def grade(loaded: LoadedRubric, text: str):
    return evaluate(text, loaded, loaded.rubric.questions[0].id)


def slips(report) -> list[list[str]]:
    """The misspelt words the spelling advisory names as read for the rubric's terms."""
    found = [a for a in report.advisories if a.code == "spelling"]
    return found[0].details["corrections"] if found else []


@pytest.fixture
def inputs(tmp_path: Path) -> LoadedRubric:
    return derived(
        tmp_path / "inputs",
        ["A green plant takes in carbon dioxide and water to make its food."],
        "Which two substances does a plant take in to make food?",
    )


@pytest.fixture
def stain(tmp_path: Path) -> LoadedRubric:
    return derived(
        tmp_path / "stain",
        [
            "Soften the leaf in boiling water, wash out its colour with warm ethanol, then drop "
            "iodine on it: starch shows up dark blue."
        ],
        "How would you show that a leaf has stored starch?",
        marks=4,
    )


def test_a_letter_put_in_a_short_word(inputs: LoadedRubric) -> None:
    """ "warter" had passed for a word ('wart' with the comparative's '-er', which only
    adjectives take) and earned nothing of water; it is now one edit from the rubric's water."""
    right = grade(inputs, "It takes in carbon dioxide and water.")
    slipped = grade(inputs, "It takes in carbon dioxide and warter.")
    assert slipped.marks == right.marks
    assert slips(slipped) == [["warter", "water"]]
    # a real comparative is still a word: never read as a rubric word, nor named a slip
    plain = grade(inputs, "It takes in carbon dioxide and water, and grows greener.")
    assert "spelling" not in plain.advisory_codes()
