"""Session 48: a drafted claim of how often is cued by the name the notes' sentence is about, so
"Lok Sabha elections are held every six years" and "The Finance Commission is set up every six
years" are caught (they had been cued by 'House' and by 'Article 280' alone)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from probe_support import assert_never_called_wrong
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate
from evaluator.scoring.report import Report

# notes written for this test
PARLIAMENT = """# Parliament of India: the two Houses

## The Lok Sabha

The Lok Sabha is the lower house of Parliament, and its members are chosen directly by the voters
of single-member constituencies. Elections to the Lok Sabha are held every five years, unless the
President dissolves the House earlier on the advice of the Council of Ministers. The Speaker
presides over its sittings, and a money bill may be introduced only in the Lok Sabha.

## The Rajya Sabha

The Rajya Sabha is the upper house and speaks for the states. It is a permanent body that is never
dissolved: a third of its members retire every second year, and each member serves a term of six
years. The elected members of the state legislative assemblies choose its members, and the
Vice-President chairs it.
"""


def _report(loaded: LoadedRubric, nlp: Language, text: str) -> Report:
    return evaluate(text, loaded, loaded.rubric.questions[0].id, nlp=nlp)


def _how_often(report: Report) -> list[tuple[str, str | None]]:
    return [(f.status, f.found) for f in report.facts if f.expected.endswith("years")]


@pytest.fixture
def parliament(draft: Callable[[str], LoadedRubric]) -> LoadedRubric:
    return draft(PARLIAMENT)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Lok Sabha elections are held every six years.", "six"),
        ("Elections to the Lok Sabha are held every six years.", "six"),
        ("The Lok Sabha is elected every four years.", "four"),
    ],
)
def test_a_wrong_term_of_the_lok_sabha_is_caught(
    parliament: LoadedRubric, nlp: Language, text: str, found: str
) -> None:
    assert _how_often(_report(parliament, nlp, text)) == [("contradicted", found)]


@pytest.mark.parametrize(
    "text",
    [
        "Lok Sabha elections are held every five years.",
        "Lok Sabha elections take place every five years.",
        "General elections to the Lok Sabha come every five years unless it is dissolved early.",
        "Members of the Lok Sabha face the voters every five years.",
        "Rajya Sabha elections happen every two years, but Lok Sabha polls are held every five "
        "years.",
        "A Rajya Sabha member serves six years, while the Lok Sabha is elected every five years.",
        "The Council of Ministers meets every week.",
    ],
)
def test_true_terms_are_never_called_wrong(
    parliament: LoadedRubric, nlp: Language, text: str
) -> None:
    assert_never_called_wrong(_report(parliament, nlp, text))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The Finance Commission is set up every six years.", "six"),
        ("A new Finance Commission is constituted every four years.", "four"),
    ],
)
def test_a_wrong_term_of_the_finance_commission_is_caught(
    federalism: LoadedRubric, nlp: Language, text: str, found: str
) -> None:
    assert _how_often(_report(federalism, nlp, text)) == [("contradicted", found)]


@pytest.mark.parametrize(
    "text",
    [
        "The Finance Commission is set up every five years.",
        "A new Finance Commission is appointed every five years under Article 280.",
        "The GST Council meets every three months.",
    ],
)
def test_true_terms_of_the_gst_notes_are_never_called_wrong(
    federalism: LoadedRubric, nlp: Language, text: str
) -> None:
    assert_never_called_wrong(_report(federalism, nlp, text))
