"""Session 49: how `rubric derive` cues a point, from the mismatches of session 48's Panchayati Raj
trial (tests/data/derive/panchayati-raj-notes.txt, our own notes): a number that names a thing
stays in its cue, and a share or a common word alone no longer earns a point."""

from __future__ import annotations

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate
from evaluator.scoring.report import Report


def _grade(loaded: LoadedRubric, answer: str, nlp: Language) -> Report:
    return evaluate(answer, loaded, loaded.rubric.questions[0].id, nlp=nlp)


def _status(report: Report, label_start: str) -> str:
    (concept,) = [c for c in report.concepts if c.label.startswith(label_start)]
    return concept.status


def _facts(report: Report) -> set[tuple[str, str | None]]:
    return {(f.status, f.found) for f in report.facts if f.status != "absent"}


def _cues(loaded: LoadedRubric) -> set[str]:
    return {c for _, k in loaded.rubric.concepts() for g in k.cues for c in g}


_ACT = "The 73rd Constitutional Amendment Act was passed"


def test_another_amendment_does_not_earn_the_73rds_point(
    panchayat: LoadedRubric, nlp: Language
) -> None:
    # trial s48: the draft cued the point 'Constitutional Amendment Act', without its number, so
    # an answer on the 74th Amendment (municipalities) earned the 73rd's point and its year
    report = _grade(
        panchayat,
        "The 74th Constitutional Amendment Act was passed in 1992 and set up municipalities.",
        nlp,
    )
    assert _status(report, _ACT) != "covered"
    assert ("supported", "1992") not in _facts(report)
    assert not any("Amendment" in c and "73rd" not in c for c in _cues(panchayat))


@pytest.mark.parametrize(
    "answer",
    [
        "The 73rd Amendment was passed in 1992 and came into force in April 1993.",
        "The 73rd Constitutional Amendment was passed in 1992 to give panchayats a place.",
    ],
)
def test_the_73rd_amendment_as_answers_write_it_earns_its_point(
    panchayat: LoadedRubric, nlp: Language, answer: str
) -> None:
    report = _grade(panchayat, answer, nlp)
    assert _status(report, _ACT) == "covered"
    assert ("supported", "1992") in _facts(report)


def test_a_numbered_commission_is_read_in_words_too(
    federalism: LoadedRubric, nlp: Language
) -> None:
    # the number kept in the cue, the name is matched as answers spell it
    answer = "The Fifteenth Finance Commission recommended that 42% of the pool go to the states."
    assert ("contradicted", "42%") in _facts(_grade(federalism, answer, nlp))


_WOMEN = "Not less than one-third of all seats"


@pytest.mark.parametrize(
    "answer",
    [
        "One-third of the members of the Rajya Sabha retire every two years.",
        "Not less than one-third of the panchayats' funds come from the state.",
    ],
)
def test_a_share_alone_is_not_the_womens_reservation(
    panchayat: LoadedRubric, nlp: Language, answer: str
) -> None:
    # trial s48: the draft cued the point ["one-third"] alone, and any third earned it
    assert _status(_grade(panchayat, answer, nlp), _WOMEN) == "missing"


def test_the_womens_reservation_is_still_earned(panchayat: LoadedRubric, nlp: Language) -> None:
    answer = "Not less than one-third of the seats in every panchayat are reserved for women."
    assert _status(_grade(panchayat, answer, nlp), _WOMEN) == "covered"


def test_a_share_of_votes_keeps_its_own_words(federalism: LoadedRubric, nlp: Language) -> None:
    # a share's second group is what it measures or is of, either way round ('a three-fourths
    # majority', 'three-fourths of the weighted votes'), not any 'three-fourths'
    point = "A decision passes only with a majority of three-fourths"
    other = "Three-fourths of the GST revenue comes from a few large states."
    assert _status(_grade(federalism, other, nlp), point) == "missing"
    said = "A decision needs three-fourths of the weighted votes of members present."
    assert _status(_grade(federalism, said, nlp), point) == "covered"


_REVENUE = "Panchayats raise very little revenue"


def test_the_union_alone_is_not_the_revenue_point(panchayat: LoadedRubric, nlp: Language) -> None:
    # trial s48: the recogniser's 'Union' ranked first as a name only that point writes and cued
    # it alone: "[Union]" earned the point on panchayats' own revenue for any Union government
    report = _grade(panchayat, "The Union government controls defence and foreign affairs.", nlp)
    assert _status(report, _REVENUE) == "missing"
    said = "Panchayats raise little revenue of their own and depend on grants from the Union."
    assert _status(_grade(panchayat, said, nlp), _REVENUE) == "covered"


@pytest.mark.parametrize(
    "answer",
    [
        "More than twenty states, such as Bihar, reserve half of the seats in panchayats for "
        "women.",
        "The Act reserves not less than one-third of the seats for women, and many states have "
        "raised this to one-half.",
    ],
)
def test_half_the_seats_for_women_is_not_called_wrong(
    panchayat: LoadedRubric, nlp: Language, answer: str
) -> None:
    # the notes say "not less than one-third" (a floor) and that twenty states give one half:
    # a half is within their words, so no share fact is drafted to call it wrong
    report = _grade(panchayat, answer, nlp)
    assert "factual_errors" not in report.advisory_codes()
    assert all(f.status != "contradicted" for f in report.facts)
