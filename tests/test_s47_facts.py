"""Session 47: shares of a whole written as a percent or a fraction are one fact ("75%" is
"three-fourths"), and a claim of how often ("every five years") is checked. Probe answers on the
session 46 trial's notes (tests/data/derive/gst-federalism-notes.txt, our own), in our words."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate
from evaluator.scoring.report import Report


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
    assert _credit(_report(federalism, answer, nlp), "three-fourths-majority") == 1.0


def test_another_percent_is_not_the_fraction(federalism: LoadedRubric, nlp: Language) -> None:
    answer = "A decision needs a 70% majority of the weighted votes of members present."
    assert _credit(_report(federalism, answer, nlp), "three-fourths-majority") == 0.0


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
    statuses = _statuses(_report(federalism, answer, nlp))
    assert statuses.get("15th-finance-commission-n-k-singh-percent") == "supported"


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


def test_the_draft_has_a_fact_of_who_chairs(federalism: LoadedRubric) -> None:
    chairs = {f.id: f for f in federalism.rubric.facts if f.id.endswith("-chair")}
    council = chairs["union-finance-minister-chair"]
    assert council.expected.value == "Union Finance Minister"
    assert "GST Council" in council.cues  # the notes' "the Council", named as the heading does
    assert chairs["15th-finance-commission-n-k-singh-chair"].cues[0] == "15th Finance Commission"


@pytest.mark.parametrize(
    ("answer", "holder"),
    [
        ("The Prime Minister chairs the GST Council.", "Prime Minister"),
        ("The GST Council is chaired by the Prime Minister.", "Prime Minister"),
        ("The Prime Minister presides over the GST Council.", "Prime Minister"),
        ("The Goods and Services Tax Council is chaired by the Prime Minister.", "Prime Minister"),
        ("The 15th Finance Commission was chaired by Y. V. Reddy.", "Y. V. Reddy"),
    ],
)
def test_another_holder_of_the_chair_is_called_wrong(
    federalism: LoadedRubric, nlp: Language, answer: str, holder: str
) -> None:
    # probe s47: "The Prime Minister chairs the GST Council" was not flagged
    report = _report(federalism, answer, nlp)
    wrong = [f for f in report.facts if f.status == "contradicted"]
    assert [f.found for f in wrong] == [holder]
    assert "factual_errors" in report.advisory_codes()


@pytest.mark.parametrize(
    "answer",
    [
        "The Union Finance Minister chairs the GST Council.",
        "The Finance Minister of the Union chairs the GST Council.",
        "The GST Council is chaired by the Union Finance Minister.",
        "The Union Minister of Finance chairs the GST Council.",
        "The GST Council is chaired by Union Finance Minister Nirmala Sitharaman.",
        "The 15th Finance Commission was chaired by NK Singh.",
    ],
)
def test_the_right_holder_is_supported(
    federalism: LoadedRubric, nlp: Language, answer: str
) -> None:
    report = _report(federalism, answer, nlp)
    assert "supported" in _statuses(report).values()
    assert "factual_errors" not in report.advisory_codes()


@pytest.mark.parametrize(
    "answer",
    [
        # true, in other words: the chair is not held by another
        "The Council is chaired by the Union Finance Minister.",
        "The GST Council decides tax rates, and the Finance Minister of the Union chairs it.",
        "The Finance Minister chairs the GST Council.",
        "The Finance Minister of India chairs the GST Council.",
        "Nirmala Sitharaman chairs the GST Council.",
        # the Prime Minister in another role
        "The Prime Minister chairs NITI Aayog's Governing Council.",
        "The Union Finance Minister chairs the GST Council, and the Prime Minister chairs the "
        "Governing Council of NITI Aayog.",
        "Unlike NITI Aayog, which the Prime Minister chairs, the GST Council is chaired by the "
        "Union Finance Minister.",
        "The Prime Minister heads the Union government while the Finance Minister chairs the GST "
        "Council.",
        # denied, reported, asked
        "The GST Council is headed by the Union Finance Minister and not by the Prime Minister.",
        "The Union Finance Minister, not the Prime Minister, chairs the GST Council.",
        "The Prime Minister does not chair the GST Council; the Union Finance Minister does.",
        "Some believe that the Prime Minister chairs the GST Council.",
        "Does the Prime Minister chair the GST Council?",
        # another commission's chair
        "The 14th Finance Commission was chaired by Y. V. Reddy.",
    ],
)
def test_true_sentences_about_chairs_are_not_called_wrong(
    federalism: LoadedRubric, nlp: Language, answer: str
) -> None:
    report = _report(federalism, answer, nlp)
    assert "contradicted" not in _statuses(report).values()
    assert "factual_errors" not in report.advisory_codes()


def test_sitting_on_the_council_is_no_statement_of_who_chairs_it(
    federalism: LoadedRubric, nlp: Language
) -> None:
    answer = "The Union Finance Minister and the state finance ministers sit on the GST Council."
    assert "union-finance-minister-chair" not in _statuses(_report(federalism, answer, nlp))


PARLIAMENT = """# Parliament of India

## The Rajya Sabha

The Rajya Sabha is the upper house of Parliament. The Vice-President of India presides over the
Rajya Sabha as its ex officio Chairman. Members are elected by the state legislative assemblies
for six years.

## The Lok Sabha

The Lok Sabha is the lower house. The Speaker presides over the Lok Sabha and is elected by its
members. Elections to the Lok Sabha are held every five years.
"""


@pytest.mark.parametrize(
    ("answer", "status"),
    [
        ("The President presides over the Rajya Sabha.", "contradicted"),
        ("The Speaker presides over the Rajya Sabha.", "contradicted"),
        ("The Vice-President of India presides over the Rajya Sabha.", "supported"),
        ("The Vice-President presides over the Rajya Sabha.", None),
        ("The Speaker presides over the Lok Sabha.", "supported"),
        ("Elections to the Lok Sabha are held every four years.", "contradicted"),
        ("Elections to the Lok Sabha are held every five years.", "supported"),
        # how often another house is elected: true, and no value of the Lok Sabha's
        ("Elections to the Rajya Sabha are held every two years.", None),
        ("Rajya Sabha elections are held every two years.", None),
    ],
)
def test_roles_and_frequencies_of_other_notes(
    draft: Callable[[str], LoadedRubric], nlp: Language, answer: str, status: str | None
) -> None:
    loaded = draft(PARLIAMENT)
    found = {f.status for f in _report(loaded, answer, nlp).facts if f.status != "absent"}
    assert found == ({status} if status else set())


def test_the_draft_binds_each_share_of_the_votes_to_its_holder(federalism: LoadedRubric) -> None:
    shares = {
        f.cues[0]: (f.expected.value, f.expected.unit)
        for f in federalism.rubric.facts
        if f.id.endswith("-share")
    }
    assert shares == {"Centre": (33.3, "vote"), "states": (66.7, "vote")}


@pytest.mark.parametrize(
    "answer",
    [
        "Voting is weighted: the Centre holds two-thirds of the votes and the states one-third.",
        "The Centre holds 66% of the votes while the states hold 34%.",
    ],
)
def test_swapped_shares_of_the_votes_are_called_wrong(
    federalism: LoadedRubric, nlp: Language, answer: str
) -> None:
    # probe s47: the swapped fractions had earned the whole one-third/two-thirds point
    report = _report(federalism, answer, nlp)
    assert "contradicted" in _statuses(report).values()
    assert _credit(report, "one-third-two-thirds") == 0.0


@pytest.mark.parametrize(
    "answer",
    [
        "Voting is weighted: the Centre holds one-third of the votes and the states two-thirds.",
        "Voting is weighted: the states hold two-thirds of the votes and the Centre one-third.",
        "Two-thirds of the votes belong to the states and one-third to the Centre.",
        "In the GST Council the states hold two-thirds and the Centre one-third of the votes.",
        "The states together hold two-thirds of the weighted votes, while the Centre has "
        "one-third.",
        "The Centre holds 33% of the votes while the states hold 67%.",
        "The Centre holds one-third of the votes, so it can veto any proposal that needs "
        "three-fourths of the votes.",
        "Since three-fourths of the votes are needed, the Centre, with one-third of the votes, "
        "has a veto.",
        # a share of something else
        "The states get 41% of the divisible pool, and the Centre keeps the rest.",
    ],
)
def test_true_shares_of_the_votes_are_not_called_wrong(
    federalism: LoadedRubric, nlp: Language, answer: str
) -> None:
    report = _report(federalism, answer, nlp)
    assert "contradicted" not in _statuses(report).values()
    assert "factual_errors" not in report.advisory_codes()
