"""Session 49: the next steps shown below the first are ordered by what each adds to those above,
so a step "under 0.5 marks" or "+0.5 marks" no longer stands above one worth more. Our own
answer, graded against the bundled rubric."""

from __future__ import annotations

from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate

TOKYO = (
    "The third meeting took place in Tokyo in 2024 where both sides signed a free trade agreement."
)


def test_a_step_worth_more_stands_above_one_worth_less(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    report = evaluate(TOKYO, india_japan, "2plus2-significance", nlp=nlp)
    steps = report.feedback.next_steps
    assert len(steps) == 5
    gains = [s.gain for s in steps]
    # below the first (the word budget), best first: the Quad point that adds a mark comes
    # before the points adding half a mark
    assert gains[1:] == sorted(gains[1:], reverse=True)
    assert steps[1].worth == "+1 mark"
    # the worths still add up to the marks after the last step
    assert round(report.marks + sum(gains), 2) == steps[-1].marks_after
