"""Session 47: shares of a whole written as a percent or a fraction are one fact ("75%" is
"three-fourths"), and a claim of how often ("every five years") is checked. Probe answers on the
session 46 trial's notes (tests/data/derive/gst-federalism-notes.txt, our own), in our words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate
from evaluator.scoring.report import Report

NOTES = Path(__file__).parent / "data" / "derive" / "gst-federalism-notes.txt"


@pytest.fixture
def federalism(draft: Callable[[str], LoadedRubric]) -> LoadedRubric:
    """The draft `rubric derive` writes from the trial's notes, untouched."""
    return draft(NOTES.read_text(encoding="utf-8"))


def _report(loaded: LoadedRubric, answer: str, nlp: Language) -> Report:
    return evaluate(answer, loaded, loaded.rubric.questions[0].id, nlp=nlp)


def _credit(report: Report, concept: str) -> float:
    return next(c.credit for c in report.concepts if c.id == concept)


def _statuses(report: Report) -> dict[str, str]:
    return {f.id: f.status for f in report.facts if f.status != "absent"}


@pytest.mark.parametrize(
    "answer",
    [
        "A decision needs a 75% majority of the weighted votes of members present.",
        "A decision needs a 75 per cent majority of the weighted votes of members present.",
        "A decision needs three quarters of the weighted votes of members present.",
        "A decision needs 3/4 of the weighted votes of members present.",
    ],
)
def test_a_percent_earns_the_point_of_the_same_fraction(
    federalism: LoadedRubric, nlp: Language, answer: str
) -> None:
    # probe s47: "a 75% majority" earned nothing while "a three-fourths majority" earned the point
    assert _credit(_report(federalism, answer, nlp), "three-fourths") == 1.0


def test_another_percent_is_not_the_fraction(federalism: LoadedRubric, nlp: Language) -> None:
    answer = "A decision needs a 70% majority of the weighted votes of members present."
    assert _credit(_report(federalism, answer, nlp), "three-fourths") == 0.0


@pytest.mark.parametrize(
    "answer",
    [
        "Voting is weighted: the Centre holds 33.3% of the votes and the states hold 66.7%.",
        "Voting is weighted: the Centre holds one third of the votes and the states two thirds.",
        "Voting is weighted: the Centre holds 33% of the votes and the states hold 67%.",
    ],
)
def test_thirds_are_read_in_percent_and_in_words(
    federalism: LoadedRubric, nlp: Language, answer: str
) -> None:
    assert _credit(_report(federalism, answer, nlp), "one-third-two-thirds") == 1.0


def test_a_share_cue_is_matched_in_a_rubric_of_other_notes(
    draft: Callable[[str], LoadedRubric], nlp: Language
) -> None:
    # the mechanism is the matcher's, not these notes': a two-thirds cue of other notes
    loaded = draft(
        "# Amending the Constitution\n\nA special majority means two-thirds of the members "
        "present and voting in each House of Parliament.\n"
    )
    cues = [c for _, concept in loaded.rubric.concepts() for g in concept.cues for c in g]
    assert "two-thirds" in cues
    said = evaluate(
        "An amendment needs 66.7% of the members present and voting in each House of Parliament.",
        loaded,
        loaded.rubric.questions[0].id,
        nlp=nlp,
    )
    matched = [m for c in said.concepts for m in c.matched]
    assert "66.7%" in matched


@pytest.mark.parametrize(
    "answer",
    [
        "The 15th Finance Commission recommended that forty-one per cent of the pool go to states.",
        "The 15th Finance Commission recommended that 41 percent of the pool go to the states.",
    ],
)
def test_a_percent_in_words_supports_the_notes_figure(
    federalism: LoadedRubric, nlp: Language, answer: str
) -> None:
    assert _statuses(_report(federalism, answer, nlp)).get("n-k-singh-percent") == "supported"


@pytest.mark.parametrize(
    "answer",
    [
        "The Finance Commission is set up every ten years under Article 280.",
        "Every ten years a Finance Commission is appointed under Article 280.",
    ],
)
def test_a_wrong_frequency_is_called_wrong(
    federalism: LoadedRubric, nlp: Language, answer: str
) -> None:
    # probe s47: the notes say every five years, and no fact caught "every ten years"
    report = _report(federalism, answer, nlp)
    assert "contradicted" in _statuses(report).values()
    assert "factual_errors" in report.advisory_codes()


@pytest.mark.parametrize(
    "answer",
    [
        "The Finance Commission is set up every five years under Article 280.",
        "The Finance Commission is set up every 5 years under Article 280.",
        "Under Article 280 a Finance Commission is constituted once in five years.",
    ],
)
def test_the_right_frequency_is_supported(
    federalism: LoadedRubric, nlp: Language, answer: str
) -> None:
    report = _report(federalism, answer, nlp)
    assert "supported" in _statuses(report).values()
    assert "factual_errors" not in report.advisory_codes()


@pytest.mark.parametrize(
    "answer",
    [
        # how long is not how often
        "The Finance Commission has existed for seventy years and is set up under Article 280.",
        "The Finance Commission, set up under Article 280, covers a period of ten years.",
        # another body's frequency
        "Elections are held every ten years, and the Finance Commission is set up under "
        "Article 280.",
        "Lok Sabha elections are held every ten years while the Finance Commission is set up "
        "under Article 280 every five years.",
    ],
)
def test_other_periods_are_not_called_wrong(
    federalism: LoadedRubric, nlp: Language, answer: str
) -> None:
    report = _report(federalism, answer, nlp)
    assert "contradicted" not in _statuses(report).values()
    assert "factual_errors" not in report.advisory_codes()
