"""Short answers (session 41): proportional credit reads polarity word by word, inside
negations' scopes, and the learner is told what the reference has that the answer leaves out.

A teacher's reference answer "Use the same car and release it from the same point without
pushing" had every affirmative answer lose 40% of the point for the reference's own "without",
and an answer lost it for a "not" in another clause of its sentence. Our own wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluator.errors import RubricError
from evaluator.rubric import load_rubric
from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate
from evaluator.tools.derive import derive_rubric

QUESTION = "How would you make the toy car test fair?"


def derived(tmp_path: Path, references: list[str]) -> LoadedRubric:
    result = derive_rubric(
        "",
        references=references,
        question=QUESTION,
        source_notes="refs.md",
        max_marks=3,
        word_limit=60,
    )
    (tmp_path / "refs.md").write_text(" || ".join(references), encoding="utf-8")
    (tmp_path / "rubric.yaml").write_text(result.yaml, encoding="utf-8")
    return load_rubric(tmp_path / "rubric.yaml")


@pytest.fixture
def fair_test(tmp_path: Path) -> LoadedRubric:
    return derived(
        tmp_path, ["Use the same car and release it from the same point without pushing."]
    )


def point(loaded: LoadedRubric, text: str):
    return evaluate(text, loaded, loaded.rubric.questions[0].id).concepts[0]


def test_the_draft_lists_the_words_its_reference_denies(fair_test: LoadedRubric) -> None:
    concept = fair_test.rubric.concepts()[0][1]
    assert concept.negated == ["push"]
    assert 'negated: ["push"]' in fair_test.path.read_text(encoding="utf-8")


def test_an_answer_that_leaves_out_the_denied_word_keeps_its_polarity(
    fair_test: LoadedRubric,
) -> None:
    found = point(fair_test, "I would use the same car and release it from the same point.")
    assert "negation differs" not in found.reason
    assert found.credit >= 0.75


def test_an_answer_that_asserts_the_denied_word_loses_credit(fair_test: LoadedRubric) -> None:
    right = point(fair_test, "Use the same car and release it from the same point, no pushing.")
    wrong = point(fair_test, "Use the same car and push it hard from the same point.")
    assert "negation differs" not in right.reason
    assert "negation differs" in wrong.reason
    assert wrong.credit < right.credit


def test_an_answer_that_denies_what_the_reference_affirms_loses_credit(
    fair_test: LoadedRubric,
) -> None:
    denied = point(fair_test, "Do not use the same car, and do not release it from the same point.")
    assert "negation differs" in denied.reason
    assert denied.credit <= 0.6


def test_a_negation_in_another_clause_is_about_something_else(tmp_path: Path) -> None:
    loaded = derived(tmp_path, ["Release the car from the same point each time."])
    plain = point(loaded, "Release the car from the same point each time.")
    other = point(
        loaded, "Release the car from the same point each time, but do not oil the wheels."
    )
    assert "negation differs" not in other.reason
    assert plain.status == "covered"
    # the clause's extra words cost a little, the negation nothing
    assert other.credit > 0.8


HAND_WRITTEN = """
id: hand
title: Hand-written short answer
version: "1.0.0"
source_notes: notes.md
dimensions:
  - id: answer
    label: Answer
    concepts:
      - id: apart
        label: Terminal 1 is not connected to the positive terminal
        credit: proportional
        negative_claim: true
        cues: [[terminal], [connect], [positive]]
        note: Terminal 1 and the positive terminal are not connected.
questions:
  - id: q
    text: Why is there a voltage between terminal 1 and the positive terminal?
    directive: explain
    kind: short
    max_marks: 4
    word_limit: 60
    dimensions: [{id: answer}]
"""


def _hand(tmp_path: Path, extra: str = "") -> Path:
    (tmp_path / "notes.md").write_text("Terminals.", encoding="utf-8")
    path = tmp_path / "rubric.yaml"
    path.write_text(
        HAND_WRITTEN.replace("        note:", extra + "        note:"), encoding="utf-8"
    )
    return path


def test_a_negative_phrasing_without_its_words_is_compared_as_a_whole(tmp_path: Path) -> None:
    loaded = load_rubric(_hand(tmp_path))
    said = point(loaded, "Terminal 1 is not connected to the positive terminal.")
    contrary = point(loaded, "Terminal 1 is connected to the positive terminal.")
    assert "negation differs" not in said.reason
    assert "negation differs" in contrary.reason


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("        negated: [gap]\n", "negated terms must be cue terms"),
    ],
)
def test_negated_words_must_be_the_phrasings_own_cues(
    tmp_path: Path, extra: str, message: str
) -> None:
    with pytest.raises(RubricError, match=message):
        load_rubric(_hand(tmp_path, extra))


def test_negated_words_belong_to_proportional_credit(tmp_path: Path) -> None:
    text = _hand(tmp_path, "        negated: [connect]\n").read_text(encoding="utf-8")
    (tmp_path / "rubric.yaml").write_text(
        text.replace("        credit: proportional\n", ""), encoding="utf-8"
    )
    with pytest.raises(RubricError, match="negated applies to credit: proportional"):
        load_rubric(tmp_path / "rubric.yaml")


def steps(loaded: LoadedRubric, text: str) -> list[str]:
    return [
        s.text for s in evaluate(text, loaded, loaded.rubric.questions[0].id).feedback.next_steps
    ]


def test_a_partly_made_point_names_the_reference_words_it_leaves_out(
    fair_test: LoadedRubric,
) -> None:
    # before: "name it fully, with its fact or example", a Mains essay's advice
    first = steps(fair_test, "Use the same car each time.")[0]
    assert first.endswith(
        "the reference answer also has “release” and “point”, and rules out “push”"
    )
    almost = steps(fair_test, "Use the same car and release it from the same point.")[0]
    assert almost.endswith("the reference answer also rules out “push”")


def test_a_point_said_the_other_way_round_is_to_be_restated(fair_test: LoadedRubric) -> None:
    first = steps(fair_test, "Push the car from the same point with the same car.")[0]
    assert first.startswith("Restate “Use the same car")
    assert "the way the reference answer does" in first


def test_a_point_found_whole_but_diluted_is_to_be_said_as_the_reference_does(
    tmp_path: Path,
) -> None:
    loaded = derived(tmp_path, ["Release the car from the same point each time."])
    first = steps(
        loaded,
        "Release the car from the same point each time, and measure with a ruler and a stopwatch.",
    )[0]
    assert "as the reference answer does: in its own words" in first


def test_a_short_answers_comment_names_no_strongest_dimension(fair_test: LoadedRubric) -> None:
    """One dimension ("Answer"): "strongest on Answer" and "best next step is in Answer"
    compared nothing."""
    report = evaluate("Use the same car each time.", fair_test, fair_test.rubric.questions[0].id)
    comment = report.feedback.comment
    assert comment.startswith("The answer earns credit with “")
    assert "Its best next step is the first one below, worth +" in comment
    assert "Answer" not in comment
