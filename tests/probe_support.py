"""Helpers of the probe tests (tests/test_trial32.py to tests/test_trial34.py): one sentence of a
learner's, graded after a neutral opening, and what the report calls wrong in it."""

from __future__ import annotations

from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate
from evaluator.scoring.report import Report

OPENING = "India and Japan have built strong ties. "


def probe_report(loaded: LoadedRubric, nlp: Language, question: str, text: str) -> Report:
    """The report of ``text`` after :data:`OPENING`, for ``question``."""
    return evaluate(OPENING + text, loaded, question, nlp=nlp)


def called_wrong(report: Report) -> list[str]:
    """The concepts and facts a report calls wrong, and the factual_errors advisory."""
    wrong = [c.id for c in report.concepts if c.status in ("negated", "contradicted")]
    wrong += [f.id for f in report.facts if f.status == "contradicted"]
    if any(a.code == "factual_errors" for a in report.advisories):
        wrong.append("factual_errors")
    return wrong


def assert_never_called_wrong(report: Report) -> None:
    """Nothing in the report calls the sentence wrong: no concept or fact, and no step telling
    the learner the answer denies a point or should correct a fact."""
    assert called_wrong(report) == []
    steps = [s.text for s in report.feedback.next_steps + report.feedback.more_steps]
    assert not any("denies" in line or "Correct the fact" in line for line in steps)
