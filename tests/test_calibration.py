"""The calibration set (tests/data/calibration/): every answer we wrote of known quality, and the
rubric's own model answers, fall within the band an examiner would give them (issue 19)."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluator.rubric import load_rubric
from evaluator.tools.calibration import grade_calibration_set, read_calibration_set

SET = Path(__file__).parent / "data" / "calibration"

# Answers measured outside their band, each a known gap with its cause (docs/calibration.md).
# strict: when the engine or rubric brings one into its band, the test says so and the entry goes.
KNOWN_GAPS: dict[tuple[str, str], str] = {
    # none since rubric 1.6.0: pyq-2013-economic/good (65%, band 40-60, tied with the topper) is
    # at 60% now that its question scores the constraints on India's and on Japan's side apart
}

ANSWERS = read_calibration_set(SET, load_rubric("india-japan"))


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(
            a,
            id=f"{a.question}/{a.kind}",
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[a.question, a.kind])]
            if (a.question, a.kind) in KNOWN_GAPS
            else [],
        )
        for a in ANSWERS
    ],
)
def test_every_calibration_answer_is_within_its_band(india_japan, answer):
    (result,) = grade_calibration_set(india_japan, [answer])
    assert result.in_band, (
        f"{answer.question}/{answer.kind}: {result.marks}/{result.max_marks} "
        f"({result.percent:.0f}%), band {answer.low:g}-{answer.high:g}% ({answer.reason})"
    )


def test_the_set_covers_every_question_with_six_kinds_and_the_model_answer(india_japan):
    kinds: dict[str, set[str]] = {}
    for answer in ANSWERS:
        kinds.setdefault(answer.question, set()).add(answer.kind)
    assert set(kinds) == {q.id for q in india_japan.rubric.questions}
    expected = {"model", "topper", "good", "average", "generic", "offquestion", "padded"}
    # beyond the six kinds, only published-style answers (issue 19's re-measure) and padded ones
    assert all(
        expected <= found and all(k.startswith(("published-", "padded-")) for k in found - expected)
        for found in kinds.values()
    ), kinds


def test_published_style_answers_reach_the_issues_targets(india_japan):
    """Issue 19's re-measure on answers in the style coaching institutes publish: median at
    least 45% of the maximum, none under 25%, and each question's generic answer at most 25%."""
    published = [a for a in ANSWERS if a.kind.startswith("published-")]
    generic = [a for a in ANSWERS if a.kind == "generic"]
    assert len(published) >= 7
    percents = sorted(r.percent for r in grade_calibration_set(india_japan, published))
    assert percents[len(percents) // 2] >= 45, percents
    assert percents[0] >= 25, percents
    assert all(r.percent <= 25 for r in grade_calibration_set(india_japan, generic))


def test_the_2013_topper_beats_the_good_answer_on_the_constraints(india_japan, nlp):
    """Issue 19: the good answer names seven constraints, mostly on India's side; the topper all
    nine on both sides. The constraints dimensions and the marks must tell them apart (they tied
    at 65% before rubric 1.6.0)."""
    from evaluator.scoring.engine import evaluate

    reports = {
        a.kind: evaluate(a.text, india_japan, a.question, nlp=nlp)
        for a in ANSWERS
        if a.question == "pyq-2013-economic" and a.kind in ("good", "topper")
    }
    japan_side = {
        k: next(d.score for d in r.dimensions if d.id == "japan-side-hurdles")
        for k, r in reports.items()
    }
    assert japan_side["good"] < japan_side["topper"] == 1.0, japan_side
    assert reports["good"].marks < reports["topper"].marks
