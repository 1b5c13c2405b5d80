"""Session 44: four older defects users met in earlier trials (our own wording; the real pipeline,
the bundled rubric and real files).

1. A "not" set off by dashes between two names ("JIMEX - not Malabar - is the bilateral
   exercise") denies the name after it only: the parser had read the two names as one, and the
   true point, JIMEX, was reported as negated.
2. A tuned linear short question rounded to whole marks gives an off-topic answer 0, not the
   intercept rounded up into a mark.
"""

from __future__ import annotations

import random

import pytest

from evaluator.rubric import load_rubric
from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate
from evaluator.scoring.faces import dimension_rows, from_sum, rows_sum
from evaluator.tools.derive import derive_rubric
from evaluator.tools.graded import GradedAnswer
from evaluator.tools.tune import tune_rubric, write_tuned_rubric


def _statuses(rubric: LoadedRubric, text: str, question: str) -> dict[str, str]:
    return {c.id: c.status for c in evaluate(text, rubric, question).concepts}


@pytest.mark.parametrize(
    "text",
    [
        "JIMEX - not Malabar - is the bilateral naval exercise of India and Japan; Malabar also "
        "brings in the US and Australia.",
        "The navies of India and Japan hold one bilateral drill, and it is JIMEX - not Malabar. "
        "Malabar also brings in the US and Australia.",
        "JIMEX, not Malabar, is the bilateral naval exercise of India and Japan; Malabar also "
        "brings in the US and Australia.",
    ],
)
def test_a_contrast_denies_only_the_name_after_not(india_japan: LoadedRubric, text: str) -> None:
    statuses = _statuses(india_japan, text, "defence-cooperation")
    assert statuses["jimex"] == "covered"
    # the later clause about Malabar is no denial: the point is credited
    assert statuses["malabar"] == "covered"


def test_the_denied_name_alone_earns_nothing(india_japan: LoadedRubric) -> None:
    """The contrast still denies what follows 'not': Malabar named only there earns nothing."""
    text = "JIMEX - not Malabar - is the bilateral naval exercise of India and Japan."
    statuses = _statuses(india_japan, text, "defence-cooperation")
    assert statuses["jimex"] == "covered"
    assert statuses["malabar"] != "covered"


ICE_QUESTION = "Why does ice float on water?"
ICE_REFERENCE = (
    "Ice floats because it is less dense than liquid water: freezing locks the molecules into an "
    "open lattice with more space between them."
)
# a tutor's whole-mark scale out of 4: full, half, a vague mention (1) and wrong answers (0)
ICE_MARKED = {
    4: [
        "Ice is less dense than water because the frozen molecules sit in an open lattice.",
        "When water freezes the molecules form an open lattice, so ice has lower density.",
        "Ice has a lower density than liquid water, since its molecules are spaced out.",
        "Frozen water takes an open lattice shape with gaps, making it less dense, so it floats.",
    ],
    2: [
        "Ice is less dense than water.",
        "Ice floats because its density is lower.",
        "The molecules in ice are further apart.",
        "Ice has lower density so it floats on water.",
    ],
    1: [
        "Because ice is light.",
        "Ice is lighter than water so it stays on top.",
        "It is light and has air in it.",
        "Ice is not heavy enough to sink.",
        "Because of the air bubbles inside ice.",
    ],
    0: [
        "Ice is heavier than water.",
        "Because water pushes it up hard.",
        "Ice is colder so it rises.",
        "Salt in the water holds ice up.",
    ],
}
OFF_TOPIC = "The Mughal emperor Akbar built Fatehpur Sikri near Agra in the sixteenth century."


@pytest.fixture(scope="module")
def tuned_ice(tmp_path_factory: pytest.TempPathFactory) -> LoadedRubric:
    """A short question tuned linearly, as `rubric tune --form linear` writes it, on marks of a
    whole-mark scale: so it rounds to whole marks, and its fitted intercept is above half a mark
    (many vague answers the tutor gave 1)."""
    folder = tmp_path_factory.mktemp("ice")
    draft = derive_rubric(
        "",
        references=[ICE_REFERENCE],
        question=ICE_QUESTION,
        max_marks=4,
        word_limit=60,
        source_notes="refs.md",
    )
    (folder / "refs.md").write_text(ICE_REFERENCE, encoding="utf-8")
    (folder / "rubric.yaml").write_text(draft.yaml, encoding="utf-8")
    loaded = load_rubric(folder / "rubric.yaml")
    question = loaded.rubric.questions[0].id
    counts = {4: 14, 2: 14, 1: 22, 0: 10}
    rows = [
        (texts[k % len(texts)], mark)
        for mark, texts in ICE_MARKED.items()
        for k in range(counts[mark])
    ]
    random.Random(3).shuffle(rows)
    graded = [
        GradedAnswer(f"a{i}", text, float(mark), question, i + 2)
        for i, (text, mark) in enumerate(rows)
    ]
    result = tune_rubric(loaded, graded, folds=4, form="linear")
    written = write_tuned_rubric(result, folder / "tuned" / "rubric.yaml")
    tuned = load_rubric(written)
    assert tuned.rubric.scoring.rounding == 1.0
    intercept = tuned.rubric.questions[0].intercept
    assert intercept is not None and intercept >= 0.5
    return tuned


@pytest.mark.parametrize("text", [OFF_TOPIC, "I do not know.", "..."])
def test_an_answer_with_nothing_the_rubric_weighs_gets_no_mark(
    tuned_ice: LoadedRubric, text: str
) -> None:
    report = evaluate(text, tuned_ice, tuned_ice.rubric.questions[0].id)
    assert report.marks == 0
    # the face says why the base mark earned nothing, not that it was "rounded"
    data = report.to_dict()
    rows = dimension_rows(data)
    assert rows[0]["kind"] == "base"
    assert from_sum(data, rows_sum(rows)) == "no point of the rubric found: 0"


def test_answers_the_rubric_weighs_still_start_from_the_base_mark(tuned_ice: LoadedRubric) -> None:
    question = tuned_ice.rubric.questions[0].id
    # a vague answer the tutor would give 1 keeps it; a right one gets full marks
    assert evaluate("Ice is lighter than water so it stays on top.", tuned_ice, question).marks == 1
    right = "Ice floats since it is less dense than water; its molecules form an open lattice."
    assert evaluate(right, tuned_ice, question).marks == 4
