"""Session 49: a right fact told on a line of its own ("Accurate fact: …") says what the answer
wrote, up to the clause of its checked value, as the same fact told beside a quoted word does
(session 48); and no line of What worked says what another says. Our own answers, graded
against the draft `rubric derive` writes from the Panchayati Raj notes (conftest ``panchayat``).
"""

from __future__ import annotations

from pathlib import Path

from batch_support import batch_one, read_as_format
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring import facts_listed, told_in_strengths
from evaluator.scoring.engine import evaluate
from evaluator.scoring.report import Report

# our own words: the amendment's year alone, nothing of its coming into force or the day named
# after it, and too little of its dimension for a strength to quote it
PASSED = (
    "Local bodies matter. The 73rd Constitutional Amendment Act was passed in 1992 to give "
    "panchayats a place in the Constitution."
)
SAID_ONLY = "Accurate fact: The 73rd Constitutional Amendment Act was passed in 1992."


def _grade(loaded: LoadedRubric, answer: str, nlp: Language) -> Report:
    return evaluate(answer, loaded, loaded.rubric.questions[0].id, nlp=nlp)


def test_a_right_fact_on_its_own_line_tells_only_the_clause_of_its_value(
    panchayat: LoadedRubric, nlp: Language
) -> None:
    # the line had told the notes' whole sentence: "… passed in 1992 and came into force on 24
    # April 1993, which is now marked as National Panchayati Raj Day", none of it the answer's
    report = _grade(panchayat, PASSED, nlp)
    assert [f.status for f in report.facts if f.found == "1992"] == ["supported"]
    strengths = report.feedback.strengths
    assert SAID_ONLY in strengths
    told = " ".join(strengths)
    assert "1993" not in told and "Panchayati Raj Day" not in told
    # told once: the Facts list of every face leaves it out
    (fact,) = [f for f in report.facts if f.found == "1992"]
    assert told_in_strengths(fact.claim, strengths)
    assert not [line for line in facts_listed(report.to_dict()) if "1992" in line["facts"][0]]


def test_no_line_of_what_worked_says_what_another_says(
    panchayat: LoadedRubric, nlp: Language
) -> None:
    # the amendment's year and the committee's year, each right, each told once
    answer = (
        PASSED + " Long before, the Balwantrai Mehta Committee of 1957 proposed three tiers of "
        "local government for rural India."
    )
    strengths = _grade(panchayat, answer, nlp).feedback.strengths
    assert SAID_ONLY in strengths
    assert " ".join(strengths).count("1957") == 1 and " ".join(strengths).count("1992") == 1


def test_a_batch_file_of_format_26_reads_back_with_the_whole_claim(
    panchayat: LoadedRubric, tmp_path: Path
) -> None:
    record, out = batch_one(tmp_path, PASSED, "-r", str(panchayat.path))
    assert SAID_ONLY in record["report"]["feedback"]["strengths"]
    older = read_as_format(out, 26)
    assert any(
        line.startswith(
            "Accurate fact: The 73rd Constitutional Amendment Act was passed in 1992 "
            "and came into force"
        )
        for line in older["report"]["feedback"]["strengths"]
    )


def test_a_right_fact_ends_with_the_sentence_of_the_value_the_answer_wrote(
    panchayat: LoadedRubric, nlp: Language
) -> None:
    # the notes write "every five years under Article 243-I. It reviews the finances of
    # panchayats and recommends …": the answer wrote the first sentence only, and the notes'
    # value, "5 years", is written "five" there
    answer = (
        "Money decides how much panchayats can do. The Governor appoints a State Finance "
        "Commission every five years under Article 243-I to look at their funds."
    )
    report = _grade(panchayat, answer, nlp)
    assert [f.status for f in report.facts if f.found == "five"] == ["supported"]
    told = " ".join(report.feedback.strengths)
    assert "State Finance Commission every five years under Article 243-I" in told
    assert "It reviews" not in told and "grants-in-aid" not in told


def test_a_claim_that_writes_its_value_twice_is_told_whole(india_japan, nlp) -> None:
    # "CEPA was signed in February 2011 and came into force in August 2011": which of the two an
    # answer's 2011 is, is not known, so neither clause alone is told as the answer's
    answer = (
        "India and Japan trade more since CEPA of 2011, and Japan is a large investor in India. "
        "The two navies train together in JIMEX and Malabar."
    )
    report = evaluate(answer, india_japan, "2plus2-significance", nlp=nlp)
    assert [f.status for f in report.facts if f.concept == "cepa-2011"] == ["supported"]
    told = " ".join(report.feedback.strengths)
    assert "signed in February 2011 and came into force in August 2011" in told
