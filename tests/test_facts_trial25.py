"""Learner trials of engine 0.9.76 (rubric 1.7.51): true sentences told they were wrong, true
years not credited and wrong ones not caught.

Each true sentence below is never contradicted, each supported one is credited, and each wrong
one is caught, so no fix is bought by checking less. The sentences are our own."""

from __future__ import annotations

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate

OPENING = "India and Japan are close partners. "

# (question, a true sentence, the fact it was wrongly held to)
TRUE = [
    # a level the claim does not name: the secretary-level 2+2 of 2010 is not the ministerial one
    ("defence-cooperation", "The first India–Japan 2+2, at secretary level, met in 2010.",
     "first-2plus2-year"),
    ("2plus2-significance",
     "The first India-Japan 2+2 dialogue was held at the secretary level in 2010 and was "
     "upgraded to ministers in 2019.", "first-2plus2-year"),
    ("2plus2-significance",
     "India and Japan first held a 2+2 at the level of secretaries in 2010.",
     "first-2plus2-year"),
]  # fmt: skip

# (question, a true sentence, the fact it supports)
SUPPORTED = [
    # "yen loan" is a cue of the aid's start, not only a longer rubric term hiding "loan"
    ("japan-development-partner", "Japan's first yen loan to India came in 1958.", "oda-start"),
    ("japan-development-partner", "India received the first Japanese yen loan in 1958.",
     "oda-start"),
]  # fmt: skip

# (question, a wrong sentence, the fact that must catch it)
WRONG = [
    # a gerund subject names the event its year dates
    ("pyq-2013-economic", "The coming into force of CEPA in 2014 boosted trade.", "cepa-year"),
    # a level the claim names is still the claim's
    ("2plus2-significance", "The first 2+2 at the ministerial level was held in 2017.",
     "first-2plus2-year"),
    ("2plus2-significance",
     "The first India-Japan 2+2 was held in Tokyo in 2017 at the level of ministers.",
     "first-2plus2-year"),
    ("japan-development-partner", "Japan's first yen loan to India came in 1968.", "oda-start"),
]  # fmt: skip


def _statuses(loaded: LoadedRubric, nlp: Language, question: str, sentence: str) -> dict:
    report = evaluate(OPENING + sentence, loaded, question, nlp=nlp)
    return {f.id: f for f in report.facts}


@pytest.mark.parametrize(("question", "sentence", "fact"), TRUE)
def test_a_true_sentence_is_not_called_wrong(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, fact: str
) -> None:
    found = _statuses(india_japan, nlp, question, sentence)[fact]
    assert found.status != "contradicted", found.message


@pytest.mark.parametrize(("question", "sentence", "fact"), SUPPORTED)
def test_a_true_year_is_credited(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, fact: str
) -> None:
    found = _statuses(india_japan, nlp, question, sentence)[fact]
    assert found.status == "supported", found.message


@pytest.mark.parametrize(("question", "sentence", "fact"), WRONG)
def test_a_wrong_year_is_caught(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, fact: str
) -> None:
    found = _statuses(india_japan, nlp, question, sentence)[fact]
    assert found.status == "contradicted", found.message
