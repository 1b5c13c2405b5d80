"""Session 26 (engine 0.9.90): negations found in trials and in the notes of session 25.

"does not lack" denies the lack: a point that names a lack (a hurdle) is not stated by a
sentence that says there is none, while what the sentence says is there stays asserted. A
negation that a period bounds ("No annual summit was held in 2020 or 2021") says what did not
happen then: it neither states nor denies the point, unless the period is the point's own date.
The sentences are our own."""

from __future__ import annotations

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate

OPENING = "India and Japan are close partners. "

# (question, a sentence that denies a lack, the point naming that lack)
LACK_DENIED = [
    ("pyq-2013-economic",
     "India does not lack the ports and logistics that Japanese manufacturers require.",
     "infrastructure-deficit"),
    ("pyq-2013-economic", "Indian firms do not lack Japanese-language skills.",
     "language-culture-gap"),
    ("pyq-2013-economic", "Indian exporters no longer lack Japanese speakers.",
     "language-culture-gap"),
]  # fmt: skip

# (question, a sentence whose double negation asserts its complement, the point it states)
COMPLEMENT_STATED = [
    ("japan-development-partner", "Japan has not failed to fund the Delhi Metro.",
     "metro-projects"),
    ("pyq-2013-economic", "India lacks the ports and logistics that Japanese manufacturers need.",
     "infrastructure-deficit"),
]  # fmt: skip


def _status(loaded: LoadedRubric, nlp: Language, question: str, sentence: str, point: str) -> str:
    return evaluate(OPENING + sentence, loaded, question, nlp=nlp).concept(point).status


@pytest.mark.parametrize(("question", "sentence", "point"), LACK_DENIED)
def test_denying_a_lack_does_not_state_it(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, point: str
) -> None:
    assert _status(india_japan, nlp, question, sentence, point) != "covered"


@pytest.mark.parametrize(("question", "sentence", "point"), COMPLEMENT_STATED)
def test_a_cancelled_negation_still_states_its_complement(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, point: str
) -> None:
    assert _status(india_japan, nlp, question, sentence, point) == "covered"


# (question, a true sentence whose negation a period bounds, the point it names)
BOUNDED = [
    ("2plus2-significance",
     "No annual summit was held in 2020 or 2021 because of the pandemic.", "annual-summits"),
    ("2plus2-significance",
     "India and Japan did not hold an annual summit during the pandemic.", "annual-summits"),
    ("pyq-2019-contemporary",
     "Japan did not sign a civil nuclear agreement with India in 2008.", "civil-nuclear-2016"),
]  # fmt: skip

# (question, a denial, the point it denies): no period, or the point's own date
STILL_DENIED = [
    ("2plus2-significance", "India and Japan have never held an annual summit.",
     "annual-summits"),
    ("pyq-2019-contemporary", "India did not sign a separate peace treaty with Japan in 1952.",
     "peace-treaty-1952"),
    ("pyq-2019-contemporary", "Japan did not sign a civil nuclear agreement with India in 2016.",
     "civil-nuclear-2016"),
]  # fmt: skip


@pytest.mark.parametrize(("question", "sentence", "point"), BOUNDED)
def test_a_negation_bounded_in_time_denies_nothing(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, point: str
) -> None:
    assert _status(india_japan, nlp, question, sentence, point) == "missing"


@pytest.mark.parametrize(("question", "sentence", "point"), STILL_DENIED)
def test_a_denial_without_a_period_or_at_its_own_date_still_denies(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, point: str
) -> None:
    assert _status(india_japan, nlp, question, sentence, point) == "negated"


def test_a_negative_claim_bounded_in_time_is_still_stated(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # "India did not join RCEP in 2019" is the point itself
    status = _status(
        india_japan,
        nlp,
        "pyq-2019-contemporary",
        "India did not join RCEP in 2019.",
        "rcep-osaka-divergence",
    )
    assert status == "covered"


# Learner trial 26a: true sentences that had been read as denying their point
# (question, a true sentence, the point it states)
TRIAL_STATED = [
    ("japan-development-partner",
     "Hurdles – land acquisition delays, tax disputes, weak logistics, Japanese SMEs don't find "
     "ready industrial land.", "land-project-delays"),
    ("act-east-foip-northeast",
     "Challenges: hilly terrain, insurgency, land acquisition delays, Bangladesh and Myanmar "
     "don't want to be in India-China rivalry.", "northeast-hurdles"),
    ("2plus2-significance",
     "The ministers stressed that no state should change the status quo by force.",
     "sovereignty-status-quo"),
    ("pyq-2020-quad-trade-bloc", "India is not in the IPEF trade pillar.", "quad-ipef"),
    ("challenges-way-forward",
     "The bullet train is years late; the Asia-Africa Growth Corridor has failed to take off.",
     "bullet-train"),
    ("pyq-2013-economic",
     "Indian firms cannot meet Japan's exacting quality and sanitary standards.",
     "market-access-barriers"),
    ("pyq-2013-economic",
     "Japan's ageing, shrinking population does not push its firms to invest abroad boldly.",
     "japan-ageing-inward"),
    ("2plus2-significance",
     "Japan was not the first but the second 2+2 partner of India, after the US.",
     "japan-second-2plus2-partner"),
]  # fmt: skip

# (question, a true sentence, a point it names but does not deny)
TRIAL_NOT_DENIED = [
    ("indo-pacific-quad",
     "No Quad member accepts unilateral changes to the status quo in the South China Sea.",
     "quad-cooperation"),
    ("2plus2-significance",
     "India does not hold a ministerial 2+2 with many countries: only the US, Australia, Japan, "
     "the UK, Russia and Brazil.", "two-plus-two-partners"),
    ("challenges-way-forward", "Neither side can balance China alone.", "china-factor"),
]  # fmt: skip


@pytest.mark.parametrize(("question", "sentence", "point"), TRIAL_STATED)
def test_trial_true_sentences_state_their_point(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, point: str
) -> None:
    assert _status(india_japan, nlp, question, sentence, point) in ("covered", "partial")


@pytest.mark.parametrize(("question", "sentence", "point"), TRIAL_NOT_DENIED)
def test_trial_true_sentences_deny_nothing(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, point: str
) -> None:
    assert _status(india_japan, nlp, question, sentence, point) != "negated"


# (question, a denial beside each rule above, the point it still denies)
TRIAL_STILL_DENIED = [
    ("challenges-way-forward", "Neither side can balance China.", "china-factor"),
    ("pyq-2013-economic",
     "Land acquisition delays, tax disputes and red tape do not deter Japanese investors.",
     "regulatory-tax-hurdles"),
    ("pyq-2013-economic", "Japan's quality standards are not a barrier for Indian firms.",
     "market-access-barriers"),
    ("indo-pacific-quad", "Japan is not a Quad member.", "quad-cooperation"),
    ("pyq-2020-quad-trade-bloc", "India did not join the IPEF.", "quad-ipef"),
]  # fmt: skip


def test_a_denied_second_partner_earns_nothing(india_japan: LoadedRubric, nlp: Language) -> None:
    """Since rubric 1.7.76 the point's first cue is "second" of a partner ("second 2+2 partner"),
    which holds its "2+2" too: the sentence names one of its three groups in one place, too few
    to be read as denying the point, and it earns nothing, as a denial would."""
    sentence = "Japan was not the second 2+2 partner of India."
    status = _status(
        india_japan, nlp, "2plus2-significance", sentence, "japan-second-2plus2-partner"
    )
    assert status in ("negated", "missing")


@pytest.mark.parametrize(("question", "sentence", "point"), TRIAL_STILL_DENIED)
def test_trial_denials_still_deny(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, point: str
) -> None:
    assert _status(india_japan, nlp, question, sentence, point) == "negated"
