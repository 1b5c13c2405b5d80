"""Session 28 (engine 0.9.105, rubric 1.7.63): true sentences that earned nothing or were read as
denials, found by probing the bundled rubric. The sentences are our own."""

from __future__ import annotations

from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate

OPENING = "India and Japan are close partners. "


def _status(loaded: LoadedRubric, nlp: Language, text: str, question: str) -> dict[str, str]:
    return {c.id: c.status for c in evaluate(text, loaded, question, nlp=nlp).concepts}


def test_a_quad_without_a_secretariat_or_treaty_is_no_alliance(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # "The Quad has no secretariat and no treaty" had earned nothing: the denial point took only
    # "military alliance", "NATO" and the like
    text = OPENING + "The Quad has no secretariat and no treaty."
    assert _status(india_japan, nlp, text, "pyq-2020-quad-trade-bloc")["quad-not-alliance"] == (
        "covered"
    )
    # a treaty said of something else, or asserted of the Quad, earns nothing from it
    for other in (
        "The Quad is bound by a treaty.",
        "India and Japan signed a peace treaty in 1952.",
    ):
        status = _status(india_japan, nlp, OPENING + other, "pyq-2020-quad-trade-bloc")
        assert status["quad-not-alliance"] == "missing", other


def test_a_treaty_based_alliance_is_reported_as_wrong(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    report = evaluate(
        OPENING + "The Quad is a treaty-based alliance.",
        india_japan,
        "pyq-2020-quad-trade-bloc",
        nlp=nlp,
    )
    assert {f.id: f.status for f in report.facts}["quad-form"] == "contradicted"
