"""Learner trial 26a (engine 0.9.93, rubric 1.7.55): wrong figures and years the notes give that
went uncaught. Each wrong sentence below is caught, and each true one beside it is supported or
left alone, so the new checks are not bought by calling true sentences wrong. The sentences
are our own."""

from __future__ import annotations

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate
from evaluator.scoring.report import FactResult

OPENING = "India and Japan are close partners. "

# (question, a wrong sentence, the fact it contradicts)
WRONG = [
    # a length written after the line's name, not only as "the 650 km bullet train"
    ("japan-development-partner", "The Mumbai–Ahmedabad bullet train is 650 km long.",
     "bullet-train-length"),
    ("pyq-2020-quad-trade-bloc", "The Quad was revived in 2015 after lapsing.",
     "quad-revival-year"),
    ("pyq-2020-quad-trade-bloc", "The Quad leaders first met at a summit in 2019.",
     "quad-summits-since"),
]  # fmt: skip

# (question, a true sentence, the fact it must not contradict)
TRUE = [
    # a number in another unit, or a rate, is no length
    ("japan-development-partner", "The bullet train got a loan at 0.1% interest for 50 years.",
     "bullet-train-length"),
    ("japan-development-partner", "The bullet train will run at 320 km per hour.",
     "bullet-train-length"),
    # later summits do not date the first
    ("pyq-2020-quad-trade-bloc", "Quad leaders met in Tokyo in 2022 and in Wilmington in 2024.",
     "quad-summits-since"),
    ("pyq-2020-quad-trade-bloc",
     "The Quad, revived in 2017, held its first leaders' summit in 2021.", "quad-summits-since"),
]  # fmt: skip

# (question, a true sentence, the fact it supports)
SUPPORTED = [
    ("japan-development-partner", "The 508-km bullet train links Mumbai and Ahmedabad.",
     "bullet-train-length"),
    ("pyq-2020-quad-trade-bloc", "The Quad was revived in 2017 after a decade of silence.",
     "quad-revival-year"),
    ("pyq-2020-quad-trade-bloc",
     "The Quad, revived in 2017, held its first leaders' summit in 2021.", "quad-summits-since"),
]  # fmt: skip


def _fact(
    loaded: LoadedRubric, nlp: Language, question: str, sentence: str, fact: str
) -> FactResult:
    report = evaluate(OPENING + sentence, loaded, question, nlp=nlp)
    return {f.id: f for f in report.facts}[fact]


@pytest.mark.parametrize(("question", "sentence", "fact"), WRONG)
def test_a_wrong_figure_is_caught(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, fact: str
) -> None:
    assert _fact(india_japan, nlp, question, sentence, fact).status == "contradicted"


@pytest.mark.parametrize(("question", "sentence", "fact"), TRUE)
def test_a_true_sentence_is_not_called_wrong(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, fact: str
) -> None:
    assert _fact(india_japan, nlp, question, sentence, fact).status != "contradicted"


@pytest.mark.parametrize(("question", "sentence", "fact"), SUPPORTED)
def test_a_true_figure_is_supported(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, fact: str
) -> None:
    assert _fact(india_japan, nlp, question, sentence, fact).status == "supported"
