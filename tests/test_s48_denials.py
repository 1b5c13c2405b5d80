"""Session 48: the notes' own value denied of the rubric's own subject and given to another
("Japan is not India's second 2+2 partner; Australia is") is a wrong claim; the same contrast
of a value the notes do not give ("Japan is not India's first 2+2 partner; the United States
is") stays no claim either way."""

from __future__ import annotations

import pytest
from probe_support import assert_never_called_wrong, probe_report
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric

P2 = "2plus2-significance"


def _partner(loaded: LoadedRubric, nlp: Language, text: str) -> tuple[str, str | None, str]:
    report = probe_report(loaded, nlp, P2, text)
    (fact,) = [f for f in report.facts if f.id == "japan-second-partner"]
    return fact.status, fact.found, fact.message


@pytest.mark.parametrize(
    "text",
    [
        "Japan is not India's second 2+2 partner; Australia is.",
        "Australia, not Japan, was the second country to hold a 2+2 with India.",
        "The US, not Japan, was India's second 2+2 partner.",
    ],
)
def test_the_notes_value_denied_of_japan_and_given_to_another_is_wrong(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    status, found, message = _partner(india_japan, nlp, text)
    assert (status, found) == ("contradicted", "second")
    # the message says what the answer denies, not "you wrote second …; the notes say second"
    assert "” denies what the source notes say: Japan is the second country" in message
    assert "you wrote" not in message


def test_the_other_way_round_is_still_wrong_as_a_wrong_value(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    text = "Japan, not the US, was India's first 2+2 partner."
    assert _partner(india_japan, nlp, text)[:2] == ("contradicted", "first")


@pytest.mark.parametrize(
    "text",
    [
        # a value the notes do not give, denied of Japan: true, no claim either way
        "Japan is not India's first 2+2 partner; the United States is.",
        "The US, not Japan, was India's first 2+2 partner.",
        "The United States, not Japan, was the first country to hold a 2+2 with India.",
        # the notes' value given to Japan and denied of another
        "Japan, not Australia, was India's second 2+2 partner.",
        "Australia is not India's second 2+2 partner; Japan is.",
        "Not Australia but Japan became the second country to hold a 2+2 with India.",
        # a denied home name the claim is not about
        "Japan, not India, is the fifth-largest source of FDI in India.",
        "India, not Japan, walked out of the RCEP talks in 2019.",
        "India, not Japan, is the largest recipient of Japanese ODA.",
    ],
)
def test_true_contrasts_are_never_called_wrong(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    assert_never_called_wrong(probe_report(india_japan, nlp, P2, text))
