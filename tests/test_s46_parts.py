"""Session 46: in a short answer of several parts, a denial that states one part's point does not
deny another part's point that shares its words.

Session 45 found it on the composite benchmark: "Switch Y and bulb A are not in the same path"
(a part's right answer) reversed another part's "If a bulb and a switch are in the same path the
switch affects the bulb", so five right answers lost that point. A draft by `rubric derive` from
notes of three parts, graded with the real spaCy model; notes and answers in our own words."""

from __future__ import annotations

import pytest

from evaluator.rubric import load_rubric
from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate
from evaluator.scoring.report import ConceptResult, Report
from evaluator.tools.derive import derive_rubric

NOTES = """# Lamps and keys

## Part 1

What makes a lamp glow?

The lamp is in a closed loop with the cell.

## Part 2

Why does the buzzer stay silent when key K is pressed?

Key K and the buzzer are not on the same loop.

## Part 3

When does a key control a lamp?

If a key and a lamp are on the same loop, the key controls the lamp.
"""

PART_1 = "The lamp is in a closed loop with the cell."
PART_2 = "Key K and the buzzer are not on the same loop."
PART_3 = "A key controls a lamp when the lamp is on the key's loop."


@pytest.fixture(scope="module")
def lamps(tmp_path_factory: pytest.TempPathFactory) -> LoadedRubric:
    folder = tmp_path_factory.mktemp("lamps")
    (folder / "notes.md").write_text(NOTES, encoding="utf-8")
    result = derive_rubric(NOTES, max_marks=3, word_limit=150, source_notes="notes.md")
    (folder / "rubric.yaml").write_text(result.yaml, encoding="utf-8")
    return load_rubric(folder / "rubric.yaml")


def grade(loaded: LoadedRubric, text: str) -> Report:
    return evaluate(text, loaded, loaded.rubric.questions[0].id)


def part(report: Report, words: str) -> ConceptResult:
    """The point whose note is the part's reference (``words``)."""
    return next(c for c in report.concepts if c.source_note == words)


def test_the_draft_has_the_three_parts_as_points(lamps: LoadedRubric) -> None:
    notes = [concept.note for _, concept in lamps.rubric.concepts()]
    assert notes == [
        "The lamp is in a closed loop with the cell.",
        "Key K and the buzzer are not on the same loop.",
        "If a key and a lamp are on the same loop, the key controls the lamp.",
    ]


@pytest.mark.parametrize("second", [PART_2, "The buzzer and key K are not on the same loop."])
def test_one_parts_right_denial_costs_no_other_part(lamps: LoadedRubric, second: str) -> None:
    whole = grade(lamps, f"{PART_1} {second} {PART_3}")
    without = grade(lamps, f"{PART_1} {PART_3}")
    third = part(whole, "If a key and a lamp are on the same loop, the key controls the lamp.")
    assert third.status != "negated"
    assert "denies" not in third.reason
    # the second part's sentence earns its own point and takes nothing from the third's
    assert third.credit >= part(without, third.source_note).credit > 0
    assert part(whole, "Key K and the buzzer are not on the same loop.").status == "covered"
    assert whole.marks > without.marks + 0.5


def test_a_denial_of_the_part_itself_still_costs_it(lamps: LoadedRubric) -> None:
    # the lamp is the third part's word alone: this denies that part, whatever the second says
    report = grade(
        lamps, f"{PART_1} The key and the lamp are not on the same loop, so it does not control it."
    )
    third = part(report, "If a key and a lamp are on the same loop, the key controls the lamp.")
    assert third.status == "negated"
    assert third.credit == 0.0


def test_both_parts_said_right_keep_full_marks(lamps: LoadedRubric) -> None:
    report = grade(
        lamps, f"{PART_1} {PART_2} A key controls a lamp when they are on the same loop."
    )
    assert report.marks == 3.0
