"""Session 48, the `one_sided` advisory of a 'discuss' draft on the Panchayati Raj notes: a lack
that a framing clause denies ("It is wrong to say that panchayats lack funds") names no
challenge, as "Panchayats do not lack funds" names none."""

from __future__ import annotations

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate

_FEATURES = (
    "The 73rd Amendment of 1992 gave panchayats a place in the Constitution, in Part IX, with "
    "three tiers: the village, the block and the district.\n\n"
    "Panchayats are elected every five years in polls a State Election Commission runs. Women "
    "hold a third of the seats and of the chairs, and Scheduled Castes and Tribes hold seats in "
    "line with their numbers. The Gram Sabha of the village's voters passes plans and audits "
    "the spending.\n\n"
    "{close} States should pass on more subjects and officials."
)


def _advisories(loaded: LoadedRubric, nlp: Language, close: str) -> list[str]:
    report = evaluate(_FEATURES.format(close=close), loaded, loaded.rubric.questions[0].id, nlp=nlp)
    return report.advisory_codes()


@pytest.mark.parametrize(
    "close",
    [
        "It is wrong to say that panchayats lack funds of their own.",
        "It is not true that panchayats lack money of their own.",
        "It is a myth that panchayats face a shortage of money or staff.",
    ],
)
def test_a_lack_a_framing_denies_is_still_one_side(
    panchayat_discuss: LoadedRubric, nlp: Language, close: str
) -> None:
    assert "one_sided" in _advisories(panchayat_discuss, nlp, close)


@pytest.mark.parametrize(
    "close",
    [
        "Even so, panchayats still lack funds of their own.",
        "It is true that panchayats lack money of their own.",
        "It is wrong to say that panchayats are strong, since they lack funds of their own.",
    ],
)
def test_a_stated_lack_is_still_the_other_side(
    panchayat_discuss: LoadedRubric, nlp: Language, close: str
) -> None:
    assert "one_sided" not in _advisories(panchayat_discuss, nlp, close)


def _staff_point(loaded: LoadedRubric, nlp: Language, text: str) -> str:
    # "Parallel bodies created for schemes bypass the elected panchayat, and many panchayats
    # lack staff, offices and training." (a negative claim)
    report = evaluate(text, loaded, loaded.rubric.questions[0].id, nlp=nlp)
    (point,) = [c for c in report.concepts if c.label.startswith("Parallel bodies")]
    return point.status


def test_a_framing_denies_a_point_that_states_the_lack(
    panchayat: LoadedRubric, nlp: Language
) -> None:
    denied = "It is wrong to say that panchayats lack staff and are bypassed by parallel bodies."
    assert _staff_point(panchayat, nlp, denied) == "negated"
    stated = "Panchayats lack staff and are bypassed by parallel bodies."
    assert _staff_point(panchayat, nlp, stated) == "covered"
