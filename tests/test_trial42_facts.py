"""Session 42: the learner trial's fact-check defects. A year written beside "two years after the
first 2+2", "long before the first 2+2" or "since the first 2+2" dates the clause's own event:
the first 2+2 is only its reference point, so the sentence is neither told the notes say 2019
nor docked for a factual error. A year that really is the first 2+2's stays wrong."""

from __future__ import annotations

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate
from evaluator.scoring.report import Report

# (question, a true sentence with the first 2+2 only as a reference point)
REFERENCE_POINT = [
    # the trial's two sentences
    ("defence-cooperation",
     "The logistics pact (ACSA) was signed in 2020 and came into force in 2021, two years after "
     "the first 2+2."),
    ("defence-cooperation", "Japan relaxed export rules in 2014, long before the first 2+2."),
    # the same shape in other words
    ("defence-cooperation",
     "Japan has eased its arms-export rules since 2014, five years before the first 2+2."),
    ("defence-cooperation", "Japan relaxed export rules in 2014, prior to the first 2+2."),
    ("2plus2-significance",
     "Japan relaxed its rules on arms exports in 2014, well before the first 2+2 met."),
]  # fmt: skip

# (question, a sentence that dates the first 2+2 itself with a wrong year)
FIRST_2PLUS2_WRONG = [
    ("defence-cooperation", "The first 2+2 was held in 2018."),
    # the year inside the relative phrase, beside the first 2+2, is its year
    ("defence-cooperation", "Two years after the first 2+2 in 2018, the ACSA came into force."),
    ("defence-cooperation", "Japan relaxed export rules in 2014, after the first 2+2 of 2018."),
    # a relative phrase of another event does not excuse the first 2+2's own year
    ("defence-cooperation", "The first 2+2 was held in 2017, a year after the nuclear deal."),
]


def _report(loaded: LoadedRubric, nlp: Language, question: str, sentence: str) -> Report:
    return evaluate(sentence, loaded, question, nlp=nlp)


@pytest.mark.parametrize(("question", "sentence"), REFERENCE_POINT)
def test_a_year_beside_the_first_2plus2_as_a_reference_point_is_not_wrong(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str
) -> None:
    report = _report(india_japan, nlp, question, sentence)
    assert report.facts and all(f.status != "contradicted" for f in report.facts)
    assert "factual_errors" not in report.advisory_codes()
    assert not any(a.deduction for a in report.advisories)


def test_the_acsa_sentence_keeps_its_marks_and_its_own_year(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """The trial's answer: no factual-error deduction, and the ACSA's signing year is still
    credited as right."""
    sentence = REFERENCE_POINT[0][1]
    report = _report(india_japan, nlp, "defence-cooperation", sentence)
    facts = {f.id: f for f in report.facts}
    assert facts["first-2plus2-year"].status != "contradicted"
    assert facts["rpa-year"].status == "supported"
    assert report.arithmetic.deduction == 0


@pytest.mark.parametrize(("question", "sentence"), FIRST_2PLUS2_WRONG)
def test_a_wrong_year_of_the_first_2plus2_is_still_caught(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str
) -> None:
    report = _report(india_japan, nlp, question, sentence)
    fact = {f.id: f for f in report.facts}["first-2plus2-year"]
    assert fact.status == "contradicted"
    assert "factual_errors" in report.advisory_codes()


def test_the_notes_year_inside_the_relative_phrase_is_supported(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    report = _report(
        india_japan,
        nlp,
        "defence-cooperation",
        "The ACSA came into force in 2021, two years after the first 2+2 of 2019.",
    )
    assert {f.id: f for f in report.facts}["first-2plus2-year"].status == "supported"


# Names in a list of clauses: the parser hangs the first clause on the next as an adverbial
# clause (and may make its name an adverb); each clause is still the writer's claim.
# (sentence, {fact: status})
LISTED_SERVICES = [
    ("JIMEX is the bilateral army exercise, Dharma Guardian is held between the armies, and "
     "Shinyuu Maitri involves the air forces.",
     {"jimex-service": "contradicted", "dharma-guardian-service": "supported",
      "shinyuu-service": "supported"}),
    ("JIMEX is the bilateral naval exercise, Dharma Guardian is held between the navies, and "
     "Shinyuu Maitri involves the air forces.",
     {"jimex-service": "supported", "dharma-guardian-service": "contradicted",
      "shinyuu-service": "supported"}),
    ("JIMEX is the bilateral naval exercise, Dharma Guardian is held between the armies, and "
     "Shinyuu Maitri involves the air forces.",
     {"jimex-service": "supported", "dharma-guardian-service": "supported",
      "shinyuu-service": "supported"}),
    # graded alone, the parser makes 'JIMEX' an adverb of 'is'
    ("JIMEX is the bilateral army exercise.", {"jimex-service": "contradicted"}),
    # a supposition is still no claim
    ("If JIMEX is an army exercise, Dharma Guardian is held between the armies.",
     {"jimex-service": "absent"}),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "statuses"), LISTED_SERVICES)
def test_each_exercise_in_a_list_of_clauses_is_checked(
    india_japan: LoadedRubric, nlp: Language, sentence: str, statuses: dict[str, str]
) -> None:
    report = _report(india_japan, nlp, "defence-cooperation", sentence)
    facts = {f.id: f.status for f in report.facts}
    assert {fact: facts[fact] for fact in statuses} == statuses
    wrong = any(s == "contradicted" for s in statuses.values())
    assert ("factual_errors" in report.advisory_codes()) == wrong


# A year in one conjunct dates that conjunct, not a fact named only in a later one with no
# year of its own. (question, sentence, the fact that must not be contradicted)
EARLIER_CONJUNCT = [
    # the trial's sentence: 2015 is SAGAR's, the Act East policy (2014) a second object
    ("indo-pacific-quad",
     "India answered with SAGAR in 2015 and with its Act East policy, which looks to Southeast "
     "Asia.", "act-east-year"),
    ("indo-pacific-quad", "India launched SAGAR in 2015 and the Act East policy.",
     "act-east-year"),
    ("indo-pacific-quad",
     "Japan launched FOIP in 2016 and the Supply Chain Resilience Initiative.", "scri-year"),
    # a second clause with its own verb was already its own claim
    ("indo-pacific-quad",
     "The CEPA came into force in 2011 and the civil nuclear deal was signed later.",
     "civil-nuclear-year"),
]  # fmt: skip

# a wrong year the sentence gives the fact itself, or to all the conjuncts, is still wrong
ACT_EAST_WRONG = [
    "India launched its Act East policy in 2015.",
    "India launched SAGAR and the Act East policy in 2015.",
    "In 2015 India launched SAGAR and the Act East policy.",
    "India answered with SAGAR in 2015 and with its Act East policy in 2016.",
]


@pytest.mark.parametrize(("question", "sentence", "fact_id"), EARLIER_CONJUNCT)
def test_a_year_of_an_earlier_conjunct_does_not_date_a_later_one(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, fact_id: str
) -> None:
    report = _report(india_japan, nlp, question, sentence)
    assert {f.id: f.status for f in report.facts}[fact_id] != "contradicted"
    assert "factual_errors" not in report.advisory_codes()


@pytest.mark.parametrize("sentence", ACT_EAST_WRONG)
def test_a_wrong_year_given_to_the_act_east_policy_is_still_caught(
    india_japan: LoadedRubric, nlp: Language, sentence: str
) -> None:
    report = _report(india_japan, nlp, "indo-pacific-quad", sentence)
    assert {f.id: f.status for f in report.facts}["act-east-year"] == "contradicted"
    assert "factual_errors" in report.advisory_codes()


# A year outside "a year after the first 2+2" is the clause's own, and a participle set off
# after the first 2+2 dates it. (question, sentence, fact, status)
REFERENCE_AND_PARTICIPLE = [
    # the ACSA was signed in 2020: it cannot have come into force in 2019
    ("defence-cooperation", "The ACSA came into force in 2019, a year after the first 2+2.",
     "rpa-year", "contradicted"),
    ("defence-cooperation", "The ACSA was signed in 2018, a year after the first 2+2.",
     "rpa-year", "contradicted"),
    ("defence-cooperation", "The ACSA was signed in 2020, a year after the first 2+2.",
     "rpa-year", "supported"),
    # the first 2+2 met in 2019
    ("defence-cooperation", "Since the first 2+2, held in 2018, defence ties have grown.",
     "first-2plus2-year", "contradicted"),
    ("defence-cooperation", "After the first 2+2, held in 2018, the two signed the ACSA.",
     "first-2plus2-year", "contradicted"),
    ("defence-cooperation", "Since the first 2+2, held in 2019, defence ties have grown.",
     "first-2plus2-year", "supported"),
]  # fmt: skip


@pytest.mark.parametrize(("question", "sentence", "fact_id", "status"), REFERENCE_AND_PARTICIPLE)
def test_a_reference_point_owns_no_year_and_its_participle_dates_it(
    india_japan: LoadedRubric,
    nlp: Language,
    question: str,
    sentence: str,
    fact_id: str,
    status: str,
) -> None:
    report = _report(india_japan, nlp, question, sentence)
    assert {f.id: f.status for f in report.facts}[fact_id] == status
    assert ("factual_errors" in report.advisory_codes()) == (status == "contradicted")
