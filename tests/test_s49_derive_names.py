"""Session 49 (trial 2): how `rubric derive` names a point's body and reads a plural. A person the
notes give as a body's chair is another name of the body, beside a detail of the point; a plural
the lemmatizer reads as another noun's ('taxes' as 'taxis') is one word with its singular. The
notes and answers are our own."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from trial_support import grade, status_of

from evaluator.rubric.loader import LoadedRubric

_SINGH = "The 15th Finance Commission, chaired by N. K. Singh"


@pytest.mark.parametrize(
    "answer",
    [
        "The commission chaired by N. K. Singh recommended 41% of the divisible pool for the "
        "states.",
        "The commission headed by N.K. Singh recommended that the states get 41%.",
    ],
)
def test_the_chair_the_notes_name_names_the_commission(
    federalism: LoadedRubric, nlp: Language, answer: str
) -> None:
    # trial s49: cued [15th Finance Commission] + [N. K. Singh], the point needed both names, and
    # a true sentence naming the commission by its chair earned nothing
    report = grade(federalism, answer, nlp)
    assert status_of(report, _SINGH) == "covered"
    assert all(f.status != "contradicted" for f in report.facts)


@pytest.mark.parametrize(
    "answer",
    [
        "N. K. Singh is an economist who once sat in the Rajya Sabha.",
        "The 15th Finance Commission was set up by the President.",
    ],
)
def test_neither_name_alone_is_the_point(
    federalism: LoadedRubric, nlp: Language, answer: str
) -> None:
    # the earlier draft's bare [N. K. Singh] had given the point to any mention of him
    assert status_of(grade(federalism, answer, nlp), _SINGH) != "covered"


def test_a_wrong_share_beside_the_chair_is_not_called_right(
    federalism: LoadedRubric, nlp: Language
) -> None:
    report = grade(
        federalism, "The commission chaired by N. K. Singh recommended 45% for the states.", nlp
    )
    assert status_of(report, _SINGH) != "covered"
    assert all(f.status != "supported" for f in report.facts if f.found == "45%")


def test_an_office_that_chairs_names_no_council(draft: Callable[[str], LoadedRubric]) -> None:
    # only a person is another name of a body: an office holds many posts
    loaded = draft(
        "# Centre-state bodies\n\n## Councils\n\n"
        "The Inter-State Council, chaired by the Prime Minister, discusses disputes between "
        "states.\nZonal Councils were created by the States Reorganisation Act of 1956.\n\n"
        "## Commissions\n\nThe Sarkaria Commission reviewed Centre-state relations in 1983.\n"
        "The Punchhi Commission reported in 2010 on the role of governors.\n"
    )
    cues = {c for _, k in loaded.rubric.concepts() for g in k.cues for c in g if len(g) > 1}
    assert "Prime Minister" not in cues


_PROPERTY = "Municipal bodies levy a property tax"

TAX_NOTES = """# Local government finance

## Revenue

Municipal bodies levy a property tax, and these taxes pay for roads and drains in the city.
Octroi was abolished in most states, which cut the income of many councils.

## Grants

State Finance Commissions recommend grants to municipalities every five years.
The 74th Amendment lists eighteen functions in the Twelfth Schedule.

## Problems

Most councils lack trained staff and depend on state departments for projects.
Elections are often delayed by state governments for years.
"""


def test_taxes_and_tax_are_one_word_of_a_point(
    draft: Callable[[str], LoadedRubric], nlp: Language
) -> None:
    # the lemmatizer reads "taxes" as the plural of "taxis": the point was cued [municipal
    # bodies] + [property tax | tax] + [taxes], and one word earned two of its three groups
    loaded = draft(TAX_NOTES)
    (point,) = [k for _, k in loaded.rubric.concepts() if k.label.startswith(_PROPERTY)]
    assert len(point.cues) == 2, point.cues
    report = grade(loaded, "Taxes pay for many things in a city.", nlp)
    assert status_of(report, _PROPERTY) == "missing"
    said = "Municipal bodies levy a property tax to pay for roads."
    assert status_of(grade(loaded, said, nlp), _PROPERTY) == "covered"
