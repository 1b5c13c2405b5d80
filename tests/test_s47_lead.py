"""Session 47, the lead's fixes from the helpers' trials (answers written here)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate

QUESTION = "2plus2-significance"


def _partner_fact(loaded: LoadedRubric, answer: str, nlp: Language) -> tuple[str, str | None]:
    report = evaluate(answer, loaded, QUESTION, nlp=nlp)
    (fact,) = [f for f in report.facts if f.id == "japan-second-partner"]
    return fact.status, fact.found


@pytest.mark.parametrize(
    "answer",
    [
        # trial s47: both true, both had been told "you wrote first …; the source notes say
        # second" and charged a factual error
        "Japan is not India's first 2+2 partner; the United States is.",
        "The US, not Japan, was India's first 2+2 partner.",
    ],
)
def test_a_first_place_given_to_another_and_denied_of_japan_is_not_wrong(
    india_japan: LoadedRubric, nlp: Language, answer: str
) -> None:
    report = evaluate(answer, india_japan, QUESTION, nlp=nlp)
    assert "factual_errors" not in report.advisory_codes()
    assert _partner_fact(india_japan, answer, nlp)[0] != "contradicted"


def test_the_same_contrast_the_other_way_round_is_still_wrong(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # the denied name is another country's: the first place is claimed for Japan
    answer = "Japan, not the US, was India's first 2+2 partner."
    assert _partner_fact(india_japan, answer, nlp) == ("contradicted", "first")


def test_a_second_place_given_to_another_is_not_praised_as_japans(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    answer = "The US, not Japan, was India's second 2+2 partner."
    assert _partner_fact(india_japan, answer, nlp)[0] != "supported"
