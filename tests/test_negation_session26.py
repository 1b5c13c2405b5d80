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
