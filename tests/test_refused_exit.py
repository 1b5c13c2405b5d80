"""Session 41: a refusal to leave is staying, and a misspelt filler word is no learned phrase.

"India refused to pull out of RCEP" is false (India
never joined it), and it had earned the RCEP point in full: the refusal cancels the leaving, which
asserts RCEP, and the point is a negative claim ("India did not join RCEP"). A negated verb of
leaving now reverses its clause for such a point, as "the US-2 deal has not stalled" already
denied the stalling. Our own wording; the real pipeline and the bundled rubric."""

from __future__ import annotations

import pytest

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate


def _status(rubric: LoadedRubric, text: str, question: str, concept: str) -> str:
    report = evaluate(text, rubric, question)
    return next(c.status for c in report.concepts if c.id == concept)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # staying in RCEP earns no RCEP point
        ("India refused to pull out of RCEP.", "negated"),
        ("India did not pull out of RCEP.", "negated"),
        ("India refused to quit RCEP.", "negated"),
        ("India declined to leave RCEP in 2019.", "negated"),
        # leaving it still earns it
        ("India pulled out of RCEP in 2019.", "covered"),
        ("India did not join RCEP.", "covered"),
        ("India walked out of the RCEP talks in 2019.", "covered"),
    ],
)
def test_staying_in_rcep_earns_no_rcep_point_and_leaving_it_does(
    india_japan: LoadedRubric, text: str, status: str
) -> None:
    assert _status(india_japan, text, "indo-pacific-quad", "rcep-osaka-divergence") == status


def test_a_refusal_to_drop_a_project_still_keeps_it(india_japan: LoadedRubric) -> None:
    """Probe s35: "Japan refused to abandon the bullet train" keeps the project (a plain point,
    not a negative claim, is not reversed)."""
    text = "Japan refused to abandon the Mumbai–Ahmedabad bullet train project."
    assert _status(india_japan, text, "pyq-2013-economic", "bullet-train") in ("covered", "partial")


def test_a_misspelt_filler_word_is_no_learned_phrase(nlp) -> None:
    """Trial s40t: a teacher's tuned rubric learned "beacuse" as a phrase worth +0.071 marks. A
    word one edit from a stop word of five letters or more, and no English word itself, is read
    as that stop word; "thought" (one letter from "though") is a word, and stays a phrase."""
    from evaluator.tools.tune.phrases import answer_ngrams

    found = answer_ngrams(
        nlp("I thought the car went further beacuse thier ramp was higher"), content_ends=False
    )
    assert "beacuse" not in found and "thier" not in found
    assert "think" in found or "thought" in found
    # inside a longer phrase it stays as written: "went further beacuse"
    assert "car" in found and "went further beacuse" in found.values()
