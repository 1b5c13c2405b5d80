"""Session 42's user trials: true statements misread by negation handling.

1. "Japan has not stayed out of Malabar; it is a permanent member" had denied the Malabar point:
   a negated verb of staying out (``absence_verbs``) affirms the subject's part, as a negated
   cancelling verb does, and reverses its clause for a point that is the staying out.
2. `rubric derive` had listed the verb of ending in "the infection is stopped fast" as a word the
   reference denies (learners were told it "rules out 'stop'"), and the subject of "without the
   person getting the disease" with the denied predicate. Our own wording; the real pipeline and
   the bundled rubric."""

from __future__ import annotations

import pytest

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate


def _concept(rubric: LoadedRubric, text: str, question: str, concept: str):
    report = evaluate(text, rubric, question)
    return next(c for c in report.concepts if c.id == concept)


@pytest.mark.parametrize(
    "text",
    [
        "Japan has not stayed out of Malabar; it is a permanent member.",
        "Japan did not keep away from Malabar.",
        "Japan has not been excluded from Malabar.",
        "Japan has not opted out of Malabar.",
        "Japan refused to stay out of Malabar.",
    ],
)
def test_a_negated_staying_out_credits_the_exercise(india_japan: LoadedRubric, text: str) -> None:
    found = _concept(india_japan, text, "indo-pacific-quad", "malabar")
    assert found.status in ("covered", "partial")
    assert found.credit > 0
    assert "negated" not in found.reason


@pytest.mark.parametrize(
    "text", ["Japan has not joined Malabar.", "Japan did not take part in Malabar."]
)
def test_a_denied_joining_stays_denied(india_japan: LoadedRubric, text: str) -> None:
    assert _concept(india_japan, text, "indo-pacific-quad", "malabar").status == "negated"


def test_staying_out_is_not_made_taking_part(india_japan: LoadedRubric) -> None:
    """Plain "stayed out of" is not reversed (it is read as naming the exercise, as before)."""
    found = _concept(india_japan, "Japan stayed out of Malabar.", "indo-pacific-quad", "malabar")
    assert found.status != "covered"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("India has not stayed out of RCEP.", "negated"),
        ("India did not keep away from RCEP.", "negated"),
        ("India kept away from RCEP in 2019.", "covered"),
        ("India stayed out of RCEP.", "covered"),
    ],
)
def test_a_negated_staying_out_denies_the_staying_out_point(
    india_japan: LoadedRubric, text: str, status: str
) -> None:
    """The RCEP point is a negative claim ("India did not join RCEP"): not staying out is no
    such claim ("did not keep away from RCEP" had earned it in full)."""
    assert (
        _concept(india_japan, text, "indo-pacific-quad", "rcep-osaka-divergence").status == status
    )
