"""Session 40: the eighth mentor's answers planted four factual errors each, and half of them
went uncaught although the rubric had a fact for many. Each wrong sentence below, in the shape
the mentor wrote it (our own words), is caught; each true sentence of the same shape beside it
stays uncontradicted (and is supported where it gives the notes' value), so the new readings do
not call true sentences wrong."""

from __future__ import annotations

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate
from evaluator.scoring.report import FactResult

OPENING = "India and Japan are close partners.\n"

# (question, a wrong sentence, the fact it contradicts)
WRONG = [
    # a verb of making predicates its object: "making Japan the first country"
    ("2plus2-significance",
     "The 2019 meeting was held in New Delhi, making Japan the first country with which India "
     "holds a ministerial 2+2.", "japan-second-partner"),
    ("2plus2-significance",
     "Their first ministerial meeting in 2019 made Japan the first country to hold a 2+2 with "
     "India.", "japan-second-partner"),
    # a semicolon ends what the parser hangs across it: ASEAN is no other subject of the forum
    ("indo-pacific-quad",
     "- Both back ASEAN centrality and UNCLOS; the Act East Forum, set up in 2015, binds Act "
     "East to FOIP in Assam.", "act-east-forum-year"),
    # a clause on the cue dates the cue, and a second 'on' phrase is a conjunct of the first
    ("pyq-2013-economic",
     "India–Japan commerce leans on the Comprehensive Economic Partnership Agreement, signed in "
     "2013 and in effect from 2014, and on Japanese capital and JICA.", "cepa-year"),
    # a line's label is no other subject
    ("pyq-2013-economic", "- Market Access: the signing of the CEPA in 2013 kept tariffs low.",
     "cepa-year"),
    # a full stop left out: 'India–China trade' only qualifies Japan, the subject
    ("pyq-2013-economic",
     "It is small beside India–China trade Japan is India's biggest source of FDI.", "fdi-rank"),
    # the Quad's members in an apposition are the Quad's own
    ("pyq-2020-quad-trade-bloc",
     "The Quad (India, Japan, Australia and the US) fell silent after 2008 and was revived in "
     "2018.", "quad-revival-year"),
    # Washington is the US, which the IPEF claim names
    ("pyq-2020-quad-trade-bloc", "IPEF, launched in Washington in 2020, has four pillars.",
     "ipef-launch-year"),
]  # fmt: skip

# (question, a true sentence, the fact it must not contradict)
TRUE = [
    ("2plus2-significance",
     "The 2018 dialogue made the United States the first country to hold a 2+2 with India.",
     "japan-second-partner"),
    ("indo-pacific-quad",
     "India backs ASEAN; China's trade with India reached US$ 100 billion.", "trade-value"),
    ("pyq-2013-economic",
     "India and South Korea rely on their CEPA, signed in 2009, to cut tariffs.", "cepa-year"),
    ("pyq-2013-economic", "- Market Access: Korea's CEPA with India, signed in 2009, cut tariffs.",
     "cepa-year"),
    # a name qualifying another country's name is still another subject
    ("pyq-2013-economic",
     "It is small beside India–China trade Singapore is India's biggest source of FDI.",
     "fdi-rank"),
    # the members of another grouping are not the Quad's
    ("pyq-2020-quad-trade-bloc",
     "Another grouping, AUKUS (Australia, the UK and the US), was revived in 2021.",
     "quad-revival-year"),
    # Washington is no place of a claim that names no US
    ("pyq-2019-contemporary",
     "The civil nuclear deal signed in Washington in 2008 was India's with the US.",
     "civil-nuclear-year"),
]  # fmt: skip

# (question, a true sentence, the fact it supports)
SUPPORTED = [
    ("2plus2-significance",
     "The 2019 meeting in New Delhi made Japan the second country to hold a 2+2 with India.",
     "japan-second-partner"),
    ("indo-pacific-quad",
     "- Both back ASEAN centrality and UNCLOS; the Act East Forum, set up in 2017, binds Act "
     "East to FOIP in Assam.", "act-east-forum-year"),
    ("pyq-2013-economic",
     "India–Japan commerce leans on the Comprehensive Economic Partnership Agreement, signed in "
     "2011 and in effect from 2011, and on Japanese capital and JICA.", "cepa-year"),
    ("pyq-2013-economic", "- Market Access: the signing of the CEPA in 2011 kept tariffs low.",
     "cepa-year"),
    ("pyq-2020-quad-trade-bloc",
     "The Quad (India, Japan, Australia and the US) fell silent after 2008 and was revived in "
     "2017.", "quad-revival-year"),
    ("pyq-2020-quad-trade-bloc",
     "IPEF, launched in Tokyo in 2022 with Washington in the lead, has four pillars.",
     "ipef-launch-year"),
]  # fmt: skip


def _facts(
    loaded: LoadedRubric, nlp: Language, question: str, sentence: str
) -> dict[str, FactResult]:
    """The facts of the sentence's report (after :data:`OPENING`), by id."""
    report = evaluate(OPENING + sentence, loaded, question, nlp=nlp)
    return {f.id: f for f in report.facts}


def _fact(
    loaded: LoadedRubric, nlp: Language, question: str, sentence: str, fact: str
) -> FactResult:
    return _facts(loaded, nlp, question, sentence)[fact]


@pytest.mark.parametrize(("question", "sentence", "fact"), WRONG)
def test_a_planted_error_is_caught(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, fact: str
) -> None:
    assert _fact(india_japan, nlp, question, sentence, fact).status == "contradicted"


@pytest.mark.parametrize(("question", "sentence", "fact"), TRUE)
def test_a_true_sentence_of_its_shape_is_not_called_wrong(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, fact: str
) -> None:
    assert _fact(india_japan, nlp, question, sentence, fact).status != "contradicted"


@pytest.mark.parametrize(("question", "sentence", "fact"), SUPPORTED)
def test_a_true_value_of_its_shape_is_supported(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, fact: str
) -> None:
    assert _fact(india_japan, nlp, question, sentence, fact).status == "supported"


# Names (facts with a `contrary` description): what the mentor's wording gives the cue
NAME_WRONG = [
    # a clause ended by a semicolon is its own claim, whatever verb the parser hangs it on
    ("economic-security-supply-chains",
     "India, Japan and the US set up the SCRI in 2021; other partnerships came later.",
     "us-not-in-scri"),
    # a line's label is no subject: what follows its colon is
    ("economic-security-supply-chains",
     "- Partners: India, Japan and the US launched the SCRI.", "us-not-in-scri"),
    # a bracket right after a name labels it, however the parser hangs it
    ("defence-cooperation",
     "- Dharma Guardian (navies), Malabar and JIMEX on water; Shinyuu Maitri in the air.",
     "dharma-guardian-service"),
    # the noun a name qualifies says what it is, and where
    ("defence-cooperation", "Japan is sharing its UNICORN missile system with India.",
     "unicorn-mast"),
    ("defence-cooperation", "The Dharma Guardian naval drill continues every year.",
     "dharma-guardian-service"),
    ("challenges-way-forward",
     "Japan frowned on Indian participation in Vostok exercises near the Spratly Islands.",
     "vostok-place"),
    # a negation ends at a semicolon
    ("challenges-way-forward",
     "Japan protests, India does not; India's role in the Vostok exercise near the Senkaku "
     "Islands upset Tokyo.", "vostok-place"),
]  # fmt: skip

NAME_TRUE = [
    ("economic-security-supply-chains",
     "India, Japan and Australia set up the SCRI in 2021; other partnerships came later.",
     "us-not-in-scri"),
    # a clause a verb of saying reports is not the writer's, semicolon or not
    ("pyq-2020-quad-trade-bloc", "The Quad is an Asian NATO; or so China says.", "quad-form"),
    ("economic-security-supply-chains",
     "- Partners: India, Japan and Australia launched the SCRI.", "us-not-in-scri"),
    # a negation still denies its own part
    ("pyq-2020-quad-trade-bloc", "India has not joined RCEP; Japan has.", "india-outside-rcep"),
    ("challenges-way-forward",
     "Japan protests, India does not; India's role in Vostok did not upset Tokyo much.",
     "vostok-place"),
]  # fmt: skip

NAME_SUPPORTED = [
    ("defence-cooperation",
     "- Dharma Guardian (armies), Malabar and JIMEX on water; Shinyuu Maitri in the air.",
     "dharma-guardian-service"),
    ("defence-cooperation",
     "Japan is sharing its UNICORN antenna system for warships with India.", "unicorn-mast"),
    ("defence-cooperation", "The Dharma Guardian army drill continues every year.",
     "dharma-guardian-service"),
    ("challenges-way-forward",
     "Japan frowned on Indian participation in Vostok exercises near the Kuril Islands.",
     "vostok-place"),
    ("challenges-way-forward",
     "Japan protests, India does not; India's role in the Vostok exercise near the Kuril "
     "Islands upset Tokyo.", "vostok-place"),
]  # fmt: skip


@pytest.mark.parametrize(("question", "sentence", "fact"), NAME_WRONG)
def test_a_wrong_description_is_caught(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, fact: str
) -> None:
    assert _fact(india_japan, nlp, question, sentence, fact).status == "contradicted"


@pytest.mark.parametrize(("question", "sentence", "fact"), NAME_TRUE)
def test_a_true_description_of_its_shape_is_not_called_wrong(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, fact: str
) -> None:
    assert _fact(india_japan, nlp, question, sentence, fact).status != "contradicted"


@pytest.mark.parametrize(("question", "sentence", "fact"), NAME_SUPPORTED)
def test_a_right_description_of_its_shape_is_supported(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, fact: str
) -> None:
    assert _fact(india_japan, nlp, question, sentence, fact).status == "supported"


# New facts (rubric): years the mentor got wrong that no fact had checked
NEW_FACT_WRONG = [
    ("pyq-2013-economic", "India pulled out of RCEP in 2018 to shield its farmers.",
     "rcep-exit-year"),
    ("indo-pacific-quad", "The IPMDA was launched in 2021.", "ipmda-launch-year"),
    ("economic-security-supply-chains", "The Economic Security Initiative was launched in 2023.",
     "economic-security-initiative-year"),
    ("economic-security-supply-chains",
     "India and Japan signed a memorandum on semiconductors in 2021.",
     "semiconductor-memorandum-year"),
]  # fmt: skip

NEW_FACT_TRUE = [
    # the pact's own years are later milestones than the exit
    ("pyq-2013-economic", "India stayed out of RCEP, which fifteen countries signed in 2020.",
     "rcep-exit-year"),
    ("pyq-2013-economic", "India walked out of RCEP, signed by the other fifteen in 2020.",
     "rcep-exit-year"),
    # a widening is no launch
    ("indo-pacific-quad", "The IPMDA was extended to the Indian Ocean in 2023.",
     "ipmda-launch-year"),
    ("economic-security-supply-chains",
     "The Economic Security Initiative builds on the SCRI of 2021.",
     "economic-security-initiative-year"),
    ("economic-security-supply-chains",
     "India launched its semiconductor mission in 2021, and a memorandum on semiconductors with "
     "Japan followed in 2023.", "semiconductor-memorandum-year"),
]  # fmt: skip

NEW_FACT_SUPPORTED = [
    ("pyq-2013-economic", "India pulled out of RCEP in 2019 to shield its farmers.",
     "rcep-exit-year"),
    ("indo-pacific-quad", "The IPMDA was launched in 2022.", "ipmda-launch-year"),
    ("economic-security-supply-chains", "The Economic Security Initiative was launched in 2025.",
     "economic-security-initiative-year"),
    ("economic-security-supply-chains",
     "India and Japan signed a memorandum on semiconductors in 2023.",
     "semiconductor-memorandum-year"),
]  # fmt: skip


def _status(
    loaded: LoadedRubric, nlp: Language, question: str, sentence: str, fact: str
) -> str | None:
    """The fact's status, or None when the rubric has no such fact."""
    found = _facts(loaded, nlp, question, sentence).get(fact)
    return None if found is None else found.status


@pytest.mark.parametrize(("question", "sentence", "fact"), NEW_FACT_WRONG)
def test_a_new_fact_catches_its_wrong_year(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, fact: str
) -> None:
    assert _status(india_japan, nlp, question, sentence, fact) == "contradicted"


@pytest.mark.parametrize(("question", "sentence", "fact"), NEW_FACT_TRUE)
def test_a_new_fact_leaves_other_years_alone(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, fact: str
) -> None:
    assert _status(india_japan, nlp, question, sentence, fact) != "contradicted"


@pytest.mark.parametrize(("question", "sentence", "fact"), NEW_FACT_SUPPORTED)
def test_a_new_fact_supports_its_year(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, fact: str
) -> None:
    assert _status(india_japan, nlp, question, sentence, fact) == "supported"
