"""Learner trials of rubric 1.7.53: points written the way learners write them that the rubric did
not credit (and one it credited for a bare name), and an answer about another country's 2+2.

The sentences are our own."""

from __future__ import annotations

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate

OPENING = "India and Japan are close partners.\n"

# (question, sentence, the point it makes)
CREDITED = [
    (
        "pyq-2013-economic",
        "Indian exporters make little use of the tariff preferences of CEPA.",
        "trade-deficit-cepa-use",
    ),
    (
        "pyq-2013-economic",
        "Indian firms hardly use the tariff preferences of CEPA.",
        "trade-deficit-cepa-use",
    ),
    (
        "2plus2-significance",
        "The ministerial 2+2 grew out of a secretary-level dialogue.",
        "secretary-level-upgrade",
    ),
    (
        "japan-development-partner",
        "Japan is India's largest source of development aid.",
        "largest-bilateral-donor",
    ),
    (
        "japan-development-partner",
        "India is the largest recipient of JICA loans.",
        "largest-oda-recipient",
    ),
    (
        "act-east-foip-northeast",
        "Japan is funding roads and bridges in NE through JICA loans.",
        "northeast-projects",
    ),
    ("act-east-foip-northeast", "The AEP links India to South-East Asia.", "act-east-policy"),
    ("pyq-2020-quad-trade-bloc", "So the Quad was never an alliance.", "quad-not-alliance"),
    ("pyq-2019-contemporary", "Emperor Akihito visited India in 2013.", "emperor-visit-2013"),
]

# (question, sentence, a point it does not make)
NOT_CREDITED = [
    # the Emperor who visited in 2013, but as Crown Prince in 1960: another visit
    ("pyq-2019-contemporary", "Crown Prince Akihito visited India in 1960.", "emperor-visit-2013"),
    # the agency's name alone says nothing of India as its largest recipient
    ("japan-development-partner", "JICA builds metros.", "largest-oda-recipient"),
    # a claim that it is an alliance is not the denial the point credits
    ("pyq-2020-quad-trade-bloc", "The Quad is a military alliance.", "quad-not-alliance"),
]


def _credit(rubric: LoadedRubric, nlp: Language, question: str, sentence: str, concept: str):
    report = evaluate(OPENING + sentence, rubric, question, nlp=nlp)
    return next(c for c in report.concepts if c.id == concept)


@pytest.mark.parametrize(("question", "sentence", "concept"), CREDITED)
def test_a_point_in_a_learners_words_is_credited(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, concept: str
) -> None:
    result = _credit(india_japan, nlp, question, sentence, concept)
    assert result.credit > 0 and result.status != "negated", (result.status, result.reason)


@pytest.mark.parametrize(("question", "sentence", "concept"), NOT_CREDITED)
def test_a_point_not_made_is_not_fully_credited(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, concept: str
) -> None:
    result = _credit(india_japan, nlp, question, sentence, concept)
    assert result.status != "covered", (result.status, result.reason)


# --- an answer about another country's 2+2 --------------------------------------------------------

US_ANSWER = (
    "The India–US 2+2 brings India's foreign and defence ministers together with the Secretaries "
    "of State and Defense; its first meeting was held in New Delhi in 2018.\n\n"
    "- The foundational agreements LEMOA, COMCASA and BECA let the two militaries share "
    "logistics, secure communications and geospatial data.\n"
    "- India is a Major Defence Partner of the US and holds STA-1 status.\n"
    "- The dialogue steers iCET, the partnership on critical and emerging technologies.\n\n"
    "The US sees India as a pillar of the Quad, and the 2+2 keeps the strategic partnership on "
    "course."
)


def test_an_answer_on_the_us_2plus2_is_off_topic(india_japan: LoadedRubric, nlp: Language) -> None:
    report = evaluate(US_ANSWER, india_japan, "2plus2-significance", nlp=nlp)
    off = next(a for a in report.advisories if a.code == "off_topic")
    assert "mostly about US" in off.message and "0 times" in off.message
    assert report.marks <= 0.1 * report.max_marks


def test_the_us_beside_japan_is_not_off_topic(india_japan: LoadedRubric, nlp: Language) -> None:
    answer = US_ANSWER.replace("The India–US 2+2", "Like the India–US 2+2, the India–Japan 2+2")
    report = evaluate(answer, india_japan, "2plus2-significance", nlp=nlp)
    assert not any(a.code == "off_topic" for a in report.advisories)


def test_us_the_pronoun_is_no_country(india_japan: LoadedRubric, nlp: Language) -> None:
    answer = US_ANSWER.replace("the US", "us").replace("The US", "Let us say it: the Quad")
    answer = answer.replace("India–US", "Indian")
    report = evaluate(answer, india_japan, "2plus2-significance", nlp=nlp)
    assert not any("mostly about" in a.message for a in report.advisories)
