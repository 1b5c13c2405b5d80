"""Session 44: a one- or two-word wrong answer is not kept as an example that costs marks.

A teacher's tuned photosynthesis test kept the one-word wrong answers "Chloroplast" and "Green
pigment" as graded answers an answer is compared with, costing 0.35 and 0.22 marks; an example's
credit is the share of its words an answer repeats, so her right answer "Chlorophyll is the green
pigment found inside chloroplasts in leaf cells." repeated all of "Chloroplast" and fell from 1
to 0. Our own question and answers (which organ pumps blood).
"""

from __future__ import annotations

from typing import Any

import pytest
from quiz_support import tune_draft
from spacy.language import Language

from evaluator.scoring.engine import evaluate

QUESTION = "Which organ of the body pumps blood?"
REFERENCE = "The heart, a muscle that contracts to push blood."
MARKS = {
    "Heart": 1,
    "The heart.": 1,
    "heart": 1,
    "It is the heart.": 1,
    "The heart pumps it.": 1,
    "the hart": 1,
    "The heart muscle.": 1,
    "Your heart.": 1,
    "The heart does.": 1,
    "Heart muscle": 1,
    # the wrong organs, several pupils each: one word, and a costly one as an example
    "Arteries": 0,
    "arteries": 0,
    "The arteries.": 0,
    "Veins": 0,
    "veins": 0,
    "The veins.": 0,
    "Lungs": 0,
    "The lungs.": 0,
    "Kidneys": 0,
    "The liver.": 0,
}
"""One mark: the heart."""


@pytest.fixture(scope="module")
def pump(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> dict[str, Any]:
    """The draft `rubric derive --reference ...` writes, and the rubric `rubric tune pump
    --graded marks.csv --out tuned/rubric.yaml` writes from the marks above."""
    return tune_draft(
        tmp_path_factory.mktemp("pump"), "pump", QUESTION, REFERENCE, MARKS, 1, 20, nlp
    )


def test_a_long_right_answer_naming_the_wrong_words_keeps_its_mark(
    pump: dict[str, Any], nlp: Language
) -> None:
    draft, tuned, qid = pump["draft"], pump["tuned"], pump["qid"]
    assert tuned.rubric.question(qid).intercept is not None  # tuning changed this question
    # a right answer that writes the words of one-word wrong answers ('arteries', 'veins'):
    # it took 0.5 of 1 from the tuned rubric, two examples of one wrong word costing it
    for right in [
        "The heart is a muscle that pushes blood out through the arteries and back in the veins.",
        "The heart pumps blood into the arteries.",
    ]:
        before = evaluate(right, draft, qid, nlp=nlp).marks
        after = evaluate(right, tuned, qid, nlp=nlp).marks
        assert after == 1 and after >= before, (right, before, after)
    # the wrong one-word answers still get nothing (the tutor's marks, as learned phrases)
    for wrong in ["Veins", "Arteries", "The lungs."]:
        assert evaluate(wrong, tuned, qid, nlp=nlp).marks == 0, wrong


def test_no_example_of_one_or_two_words_costs_marks(pump: dict[str, Any]) -> None:
    examples = [c for _, c in pump["tuned"].rubric.concepts() if c.exemplar]
    short = [c for c in examples if len(c.cues) < 3]  # content words
    assert not [c.label for c in short if c.penalty]
    # a short right answer is still an example that earns: a misspelling the tutor accepted
    assert any("The answer: the hart" in c.note for c in short)
    assert pump["result"].examples_summary().startswith(f"{len(examples)} graded answers kept")
