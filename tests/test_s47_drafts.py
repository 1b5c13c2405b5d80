"""Session 47 (drafts): a tutor's trial of the draft `rubric derive` writes from our notes on
cooperative federalism. A relative clause keeps its 'which' in a short draft's points and labels;
a cue 'tax' matches the plural 'taxes' (which the lemmatizer reads as the plural of 'taxis') and
a cue 'taxes' matches 'taxing'. The notes and answers are our own."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate

STATES = "States gave up much of their power to tax"
ROLL_OUT = "GST itself was rolled out"

NITI = """# Planning bodies

## NITI Aayog

NITI Aayog, which replaced the Planning Commission, acts as a think tank for the Union and the
states. It brings chief ministers together in its Governing Council.
"""


def _matched(loaded: LoadedRubric, answer: str, opening: str, nlp: Language) -> list[str]:
    report = evaluate(answer, loaded, loaded.rubric.questions[0].id, nlp=nlp)
    return next(list(c.matched) for c in report.concepts if c.label.startswith(opening))


def test_a_relative_clause_keeps_its_which(draft: Callable[[str], LoadedRubric]) -> None:
    # trial s47: "NITI Aayog, replaced the Planning Commission, acts as…"
    loaded = draft(NITI)
    concepts = [c for d in loaded.rubric.dimensions for c in d.concepts]
    texts = [t for c in concepts for t in (c.label, c.note or "")]
    assert not any("Aayog, replaced" in t for t in texts), texts
    niti = next(c for c in concepts if "Planning Commission" in (c.note or ""))
    assert "NITI Aayog, which replaced the Planning Commission, acts as a think tank" in (
        niti.note or ""
    )
    # the label is the sentence without its relative clause, not the name alone
    assert niti.label.startswith("NITI Aayog acts as a think tank"), niti.label


@pytest.mark.parametrize("word", ["taxes", "taxing"])
def test_a_cue_tax_matches_its_plural_and_its_verb(
    federalism: LoadedRubric, nlp: Language, word: str
) -> None:
    answer = (
        f"States gave up much of their power of {word} when they joined GST, so they now rely "
        "on transfers from the Centre."
    )
    assert word in _matched(federalism, answer, STATES, nlp)


def test_a_cue_taxes_matches_the_verb(federalism: LoadedRubric, nlp: Language) -> None:
    # the roll-out point is cued [levy] + [GST] + [taxes]
    answer = "GST replaced the taxing of goods by the states with one levy in 2017."
    assert "taxing" in _matched(federalism, answer, ROLL_OUT, nlp)


def test_a_relative_clause_after_a_long_name_stays_in_its_sentence(
    draft: Callable[[str], LoadedRubric],
) -> None:
    # a reference answer of two sentences: one point a clause, but "The Goods and Services Tax
    # Council." and "was set up under Article 279A, fixes …" are no clauses
    loaded = draft(
        "The Goods and Services Tax Council, which was set up under Article 279A, fixes the "
        "rates of the tax. The Union and the states share its votes."
    )
    notes = [c.note or c.label for d in loaded.rubric.dimensions for c in d.concepts]
    assert any(n.startswith("The Goods and Services Tax Council, which was set up") for n in notes)
    assert not any(
        n.startswith(("was set up", "The Goods and Services Tax Council.")) for n in notes
    )


def test_an_office_is_also_matched_with_its_polity_after(
    federalism: LoadedRubric, nlp: Language
) -> None:
    # trial s47: the chair point is cued 'Union Finance Minister'
    answer = "The Finance Minister of the Union chairs the GST Council, where each state votes."
    report = evaluate(answer, federalism, federalism.rubric.questions[0].id, nlp=nlp)
    chair = next(c for c in report.concepts if c.id == "union-finance-minister")
    assert chair.status == "covered", (chair.status, chair.matched)


def test_no_other_name_is_turned_round(draft: Callable[[str], LoadedRubric]) -> None:
    loaded = draft(
        "# Planning\n\n## NITI Aayog\n\nThe Prime Minister chairs the Governing Council of NITI "
        "Aayog. State Bank of India lends to Union Territory governments. The chief ministers "
        "of the states meet there.\n\n## Finance\n\nThe Union Finance Minister presents the "
        "budget to Parliament every year.\n"
    )
    cues = [t for d in loaded.rubric.dimensions for c in d.concepts for g in c.cues for t in g]
    assert "Finance Minister of the Union" in cues, cues
    assert not any(" of the Prime" in t or " of the State" in t for t in cues), cues
