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
    # a time before the claim's role, or the visit of another role
    ("pyq-2019-contemporary",
     "Akihito had already been to India in 1960, long before he became Emperor.",
     "emperor-visit-year"),
    ("pyq-2019-contemporary",
     "Akihito's 1960 visit as Crown Prince was followed by a second one as Emperor.",
     "emperor-visit-year"),
    # a year that ends another thing's name, or dates another object
    ("pyq-2019-contemporary",
     "In 2015 they adopted Japan and India Vision 2025, a plan for their Special Strategic and "
     "Global Partnership.", "ssgp-year"),
    # another milestone of the same thing, with the claim's own milestone dated right
    ("pyq-2019-contemporary",
     "The civil nuclear agreement, agreed in principle in December 2015, was signed in November "
     "2016.", "civil-nuclear-year"),
    ("economic-security-supply-chains",
     "The Supply Chain Resilience Initiative was proposed in 2020 and launched in 2021.",
     "scri-year"),
    # an anniversary dates itself, not the event it counts from
    ("pyq-2019-contemporary",
     "In 2022 both countries celebrated 70 years of the peace treaty.", "peace-treaty-year"),
    ("pyq-2019-contemporary",
     "In 2022 they marked the 70th anniversary of the peace treaty.", "peace-treaty-year"),
    ("act-east-foip-northeast",
     "The Act East Policy, which turned ten in 2024, grew out of Look East.", "act-east-year"),
    # a rank among a part, or counted from another
    ("2plus2-significance", "Japan was the first Asian country to hold a ministerial 2+2 with "
     "India.", "japan-second-partner"),
    ("2plus2-significance", "Japan was the first country after the US to hold a ministerial 2+2 "
     "with India.", "japan-second-partner"),
    # a title the claim does not give the name: the person in another role
    ("pyq-2019-contemporary", "Crown Prince Akihito visited India in 1960.",
     "emperor-visit-year"),
    ("pyq-2019-contemporary", "In 1960 Crown Prince Akihito and Crown Princess Michiko toured "
     "India.", "emperor-visit-year"),
    ("pyq-2019-contemporary", "\n- 1960: Crown Prince Akihito visits India.",
     "emperor-visit-year"),
]  # fmt: skip

# (question, a true sentence, the fact it supports)
SUPPORTED = [
    # "yen loan" is a cue of the aid's start, not only a longer rubric term hiding "loan"
    ("japan-development-partner", "Japan's first yen loan to India came in 1958.", "oda-start"),
    ("japan-development-partner", "India received the first Japanese yen loan in 1958.",
     "oda-start"),
    # a conjoined verb says its thing of the shared subject, however far from the cue
    ("pyq-2019-contemporary",
     "The civil nuclear agreement, agreed in principle in December 2015, was signed in November "
     "2016.", "civil-nuclear-year"),
    ("economic-security-supply-chains",
     "The Supply Chain Resilience Initiative was proposed in September 2020 and launched in "
     "April 2021.", "scri-year"),
    # a body of a home country is no other subject
    ("indo-pacific-quad",
     "Abe's 'Confluence of the Two Seas' speech to India's Parliament in 2007 tied the two "
     "oceans together.", "abe-speech-year"),
    ("2plus2-significance", "The first ministerial 2+2 met in New Delhi in 2019.",
     "first-2plus2-year"),
    # a year that labels its line dates what the line says
    ("pyq-2019-contemporary",
     "\n- 2014: raised once more, to a Special Strategic and Global Partnership.", "ssgp-year"),
    ("pyq-2013-economic", "\n- 2011: CEPA comes into force, yet trade stays flat.",
     "cepa-year"),
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
    ("japan-development-partner", "Japanese yen loans to India began in 1966.", "oda-start"),
    ("2plus2-significance", "The first ministerial 2+2 met in New Delhi in 2018.",
     "first-2plus2-year"),
    ("pyq-2019-contemporary",
     "The civil nuclear agreement was negotiated in 2010 and signed in 2018.",
     "civil-nuclear-year"),
    ("economic-security-supply-chains",
     "The Supply Chain Resilience Initiative was proposed in 2020 and launched in 2023.",
     "scri-year"),
    ("pyq-2019-contemporary",
     "In 2014 the two signed the agreement on civil nuclear cooperation.", "civil-nuclear-year"),
    ("pyq-2019-contemporary", "Emperor Akihito's 2016 visit as Emperor was historic.",
     "emperor-visit-year"),
    ("pyq-2019-contemporary", "The peace treaty between India and Japan was signed in 1950.",
     "peace-treaty-year"),
    ("2plus2-significance", "Japan is the fourth country to hold a ministerial 2+2 with India.",
     "japan-second-partner"),
    ("act-east-foip-northeast", "The Act East Policy was launched in 2016.", "act-east-year"),
    ("pyq-2019-contemporary",
     "\n- 2016: raised once more, to a Special Strategic and Global Partnership.", "ssgp-year"),
    ("pyq-2013-economic", "\n- 2016: CEPA comes into force.", "cepa-year"),
    ("2plus2-significance", "\n- 2017: the first India–Japan 2+2, in New Delhi.",
     "first-2plus2-year"),
    # the claim's own title, or none, is still the claim's person
    ("pyq-2019-contemporary", "Emperor Akihito visited India in 2016.", "emperor-visit-year"),
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
