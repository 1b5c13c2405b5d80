"""Learner trials 25a and 25b (engine 0.9.76, rubric 1.7.51): true sentences were told they deny a
point ("[negated]", "the answer denies it").

Each true sentence below now leaves its point undenied, and each true denial beside it still
denies its point, so the fixes are not bought by negating less. The sentences are our own."""

from __future__ import annotations

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate

OPENING = "India and Japan are close partners. "

# (question, a true sentence, the point it states, its status)
STATED = [
    # "no longer" with a word of degree is a shortfall, as "not" with one is
    ("pyq-2019-contemporary",
     "Maritime security is no longer a minor strand of the Special Strategic and Global "
     "Partnership.", "ssgp-2014", "covered"),
    ("japan-development-partner", "The Mumbai-Ahmedabad bullet train is no longer a remote dream.",
     "bullet-train", "covered"),
    # "not A but B" in a copula's predicate says what the subject is
    ("pyq-2019-contemporary", "The civil nuclear agreement is not a plan but a signed pact.",
     "civil-nuclear-2016", "covered"),
    ("pyq-2019-contemporary", "The civil nuclear deal is no longer a hope but a signed agreement.",
     "civil-nuclear-2016", "covered"),
    # a conjunct with its own subject is its own claim, even parsed as a noun
    ("challenges-way-forward",
     "India has not criticised Russia over Ukraine, and its part in the Vostok exercise near the "
     "Kuril Islands irritated Tokyo.", "vostok-kuril", "covered"),
    # a 'Neither … nor …' pair of subjects negates its verb as 'not' does
    ("japan-development-partner",
     "Neither the bullet train nor the freight corridor was completed on schedule.",
     "bullet-train", "covered"),
    # … so a degree or pace adverb makes it a shortfall
    ("economic-security-supply-chains",
     "Neither India nor Japan can cut its dependence on China overnight, so both spread supply "
     "chains across friendly states.", "china-dependence", "covered"),
    ("economic-security-supply-chains", "Neither Tokyo nor New Delhi can reduce reliance on China "
     "quickly.", "china-dependence", "covered"),
    # a point that names a lack is stated by 'lack'
    ("pyq-2013-economic", "Indian firms lack staff with Japanese-language skills.",
     "language-culture-gap", "covered"),
    ("pyq-2013-economic", "Indian firms, lacking Japanese speakers, find the market hard to enter.",
     "language-culture-gap", "covered"),
    ("pyq-2013-economic",
     "India lacks the ports and logistics that Japanese manufacturers require.",
     "infrastructure-deficit", "covered"),
    # what the Quad lacks, and what that would do, says nothing against the Quad
    ("pyq-2020-quad-trade-bloc", "The Quad has no secretariat and no duty to act together.",
     "quad-cooperation", "missing"),
    # a heading before a colon does not change what the sentence says
    ("pyq-2013-economic",
     "Economic: the Comprehensive Economic Partnership Agreement, which entered into force in "
     "2011, has not lifted exports much.", "cepa-2011", "covered"),
    ("pyq-2013-economic",
     "Economic ties: the Comprehensive Economic Partnership Agreement, which came into force in "
     "2011, has not lifted trade much.", "cepa-2011", "covered"),
    # a verb in its own tense after a negated copula is its own claim
    ("pyq-2019-contemporary",
     "India was not at the San Francisco conference and signed a separate peace treaty with "
     "Japan in 1952.", "peace-treaty-1952", "covered"),
    # 'before' limits a negation in time, as 'until' does
    ("pyq-2019-contemporary",
     "Before India, Japan had not signed a civil nuclear agreement with any state outside the "
     "NPT.", "civil-nuclear-2016", "covered"),
]  # fmt: skip

# (question, a true denial, the point it denies): each stays negated
DENIED = [
    ("pyq-2019-contemporary", "Japan is no longer a member of the Quad.", "quad-cooperation"),
    ("pyq-2019-contemporary", "Japan is not a Quad member but an observer.", "quad-cooperation"),
    ("pyq-2019-contemporary", "The civil nuclear agreement is no longer in force.",
     "civil-nuclear-2016"),
    ("challenges-way-forward", "India did not take part in the Vostok exercise.", "vostok-kuril"),
    ("challenges-way-forward", "Neither India nor Japan took part in the Vostok exercise.",
     "vostok-kuril"),
    ("japan-development-partner", "Neither India nor Japan has built a bullet train.",
     "bullet-train"),
    ("economic-security-supply-chains", "Neither India nor Japan has reduced its dependence on "
     "China.", "china-dependence"),
    # 'lack' states only a point that names a lack
    ("defence-cooperation", "India lacks a logistics pact with Japan.", "acsa"),
    ("pyq-2020-quad-trade-bloc", "The Quad has no cooperation agenda.", "quad-cooperation"),
    ("pyq-2013-economic",
     "Economic: the Comprehensive Economic Partnership Agreement has not come into force.",
     "cepa-2011"),
    ("pyq-2019-contemporary", "India did not sign a separate peace treaty with Japan in 1952.",
     "peace-treaty-1952"),
    ("pyq-2019-contemporary", "Japan has never signed a civil nuclear agreement with India.",
     "civil-nuclear-2016"),
]  # fmt: skip


def _status(loaded: LoadedRubric, nlp: Language, question: str, sentence: str, point: str) -> str:
    report = evaluate(OPENING + sentence, loaded, question, nlp=nlp)
    return report.concept(point).status


@pytest.mark.parametrize(("question", "sentence", "point", "status"), STATED)
def test_a_true_sentence_does_not_deny_its_point(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, point: str, status: str
) -> None:
    assert _status(india_japan, nlp, question, sentence, point) == status


@pytest.mark.parametrize(("question", "sentence", "point"), DENIED)
def test_a_true_denial_still_denies_its_point(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, point: str
) -> None:
    assert _status(india_japan, nlp, question, sentence, point) == "negated"
