"""Trial 25: labelled conclusions, "so" that gives no reason, a comment that does not praise a
form worth nothing or call a gap under half a mark the biggest, and spellings that are no
slips."""

from __future__ import annotations

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate
from evaluator.scoring.report import Advisory, Report

COMMENT = "pyq-2019-contemporary"  # comment: position, reasons, breadth
CRITICAL = "challenges-way-forward"  # critically examine (judgement) and suggest
ELUCIDATE = "pyq-2013-economic"  # elucidate: breadth, reasons

BODY = (
    "Relations that opened with the peace treaty of 1952 were raised to a Special Strategic and "
    "Global Partnership in 2014.\n\n"
    "Strategic: the two navies train together in JIMEX and Malabar, and a logistics pact was "
    "signed in 2020.\n\n"
    "Global: both press for UNSC reform in the G4, and Japan has joined the International Solar "
    "Alliance.\n\n"
    "Economic: Japanese ODA pays for the bullet train and several metros."
)
REST = "the two democracies work together on the seas, in global forums and in trade."


def grade(india_japan: LoadedRubric, nlp: Language, text: str, question: str) -> Report:
    return evaluate(text, india_japan, question, nlp=nlp)


# --- 1. labelled conclusions -------------------------------------------------------------------

CLOSINGS = {
    "verdict": f"Verdict: the statement holds, and {REST}",
    "conclusion label": f"Conclusion: {REST}",
    "in conclusion": f"In conclusion, {REST}",
    "way forward": "Way forward: the two democracies should widen their work on the seas.",
    "to conclude": f"To conclude, {REST}",
    "overall": f"Overall, {REST}",
    "on the whole": f"On the whole, {REST}",
    "on balance": f"On balance, I agree with the statement: {REST}",
}
JUDGING = ("verdict", "overall", "on the whole", "on balance")
"""The labels that weigh the question as well as close the answer."""


@pytest.mark.parametrize("label", list(CLOSINGS))
def test_a_labelled_last_paragraph_is_a_conclusion(
    india_japan: LoadedRubric, nlp: Language, label: str
) -> None:
    report = grade(india_japan, nlp, f"{BODY}\n\n{CLOSINGS[label]}", COMMENT)
    assert report.structure.has_conclusion, label
    assert not any("separate conclusion" in line for line in report.structure.feedback)


@pytest.mark.parametrize("label", JUDGING)
def test_a_judging_label_states_a_position_and_a_verdict(
    india_japan: LoadedRubric, nlp: Language, label: str
) -> None:
    text = f"{BODY}\n\n{CLOSINGS[label]}"
    comment = grade(india_japan, nlp, text, COMMENT).structure
    assert "comment: position: stated" in comment.directive_notes
    assert not any("asks for your position" in line for line in comment.feedback)
    critical = grade(india_japan, nlp, text, CRITICAL).structure
    assert "critically examine: judgement: present" in critical.directive_notes


def test_a_closing_without_a_label_still_gets_the_conclusion_advice(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # the labels are what close the answer, not any last paragraph
    report = grade(india_japan, nlp, f"{BODY}\n\nThe {REST}", COMMENT)
    assert not report.structure.has_conclusion
    assert "comment: position: missing" in report.structure.directive_notes


# --- 2. "so" is not (yet) a reason connective ---------------------------------------------------
# Counting "so" ("standards are strict, so Indian medicines stay out") as "hence" is counted was
# tried in trial 25 and left out: it lifts the 2013 calibration "good" answer above its band and
# level with the topper, whose reasons are bullets without connectives (docs/scoring.md).


def _reasons(report: Report) -> str:
    return next(n for n in report.structure.directive_notes if "reasons" in n)


@pytest.mark.parametrize(
    "sentence",
    [
        "So far the bullet train has missed its dates.",
        "Japan has invested so much in metros, ports, roads and so on.",
        "India was asked to cut tariffs but refused to do so.",
        "The so-called Quad is no alliance.",
        "India needs capital and so does Japan need workers.",
        "The corridor is not so easy to finish.",
        "Even so, the corridor took a decade or so.",
    ],
)
def test_so_that_joins_no_clauses_is_no_reason(
    india_japan: LoadedRubric, nlp: Language, sentence: str
) -> None:
    text = f"India and Japan signed the CEPA in 2011.\n\n{sentence}"
    assert _reasons(grade(india_japan, nlp, text, ELUCIDATE)) == "elucidate: reasons: 0 markers"


def test_so_that_of_purpose_counts_once(india_japan: LoadedRubric, nlp: Language) -> None:
    text = (
        "India and Japan signed the CEPA in 2011.\n\n"
        "Japan funds the freight corridor so that goods move faster."
    )
    assert _reasons(grade(india_japan, nlp, text, ELUCIDATE)) == "elucidate: reasons: 1 marker"


# --- 3. a form that earns nothing is no strength ------------------------------------------------

FILLER = (
    "India and Japan are two old civilisations with a shared past and a hopeful future in a "
    "world that changes fast.\n\n"
    "Challenges\n"
    "- Many political, social and cultural issues affect the relationship.\n"
    "- New technologies bring opportunities as well as threats.\n\n"
    "Way forward\n"
    "- Both sides should talk more at every level and build trust.\n"
    "- A holistic approach with all stakeholders is needed.\n\n"
    "Conclusion\n"
    "India and Japan must work together in a spirit of friendship for a better tomorrow."
)


def test_a_form_worth_nothing_is_not_praised(india_japan: LoadedRubric, nlp: Language) -> None:
    report = grade(india_japan, nlp, FILLER, CRITICAL)
    structure = report.structure
    assert structure.score == 0.0  # nothing creditable: the form earns nothing either
    assert structure.has_introduction and structure.has_conclusion
    comment = report.feedback.comment
    assert "well organised" not in comment
    assert "earns credit" in comment or "earn credit" in comment


def test_a_directive_fit_of_nothing_is_not_part_of_it(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    report = grade(india_japan, nlp, FILLER, CRITICAL)
    assert report.structure.directive_fit == 0.0
    comment = report.feedback.comment
    assert "does part of that" not in comment and "(0%)" not in comment
    assert "'Critically examine' asks you to" in comment and "does not do that yet" in comment


# --- 4. no "biggest gap" worth under half a mark ------------------------------------------------

FULL = (
    "Defence ties between India and Japan, once thin, have grown steadily since the Special "
    "Strategic and Global Partnership of 2014, and the 2+2 dialogue of foreign and defence "
    "ministers now steers them.\n\n"
    "- The navies exercise bilaterally in JIMEX and with the US and Australia in Malabar; the "
    "armies hold Dharma Guardian and the air forces Veer Guardian.\n"
    "- The logistics pact (ACSA) signed in 2020 lets each side's forces draw on the other's "
    "bases.\n"
    "- A joint working group on defence equipment and technology cooperation oversees "
    "co-development, and Japan is transferring UNICORN antenna technology to India.\n"
    "- The third 2+2 agreed to revise the 2008 Joint Declaration on Security Cooperation.\n"
    "- Both coordinate in the Quad for a free and open Indo-Pacific, because China's "
    "assertiveness worries both.\n\n"
    "However, the long-stalled US-2 aircraft deal shows that joint production still lags.\n\n"
    "On balance, defence cooperation has moved from symbolism to substance, but industry ties "
    "must catch up."
)


def test_a_first_step_under_half_a_mark_is_not_called_the_biggest_gap(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    report = grade(india_japan, nlp, FULL, "defence-cooperation")
    first = report.feedback.next_steps[0]
    assert first.gain == 0 and first.worth == "under 0.5 marks"
    comment = report.feedback.comment
    assert "biggest gap" not in comment
    assert "Each step below is worth under 0.5 marks on its own" in comment


def test_a_first_step_worth_marks_is_still_the_biggest_gap(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    report = grade(india_japan, nlp, FILLER, CRITICAL)
    first = report.feedback.next_steps[0]
    assert first.gain >= 0.5
    assert f"Its best next step is in Way forward: the first step below, worth {first.worth}" in (
        report.feedback.comment
    )


# --- 5. spellings that are no slips -------------------------------------------------------------


def _spelling(report: Report) -> Advisory | None:
    return next((a for a in report.advisories if a.code == "spelling"), None)


def test_a_name_with_its_macron_is_not_misspelt(india_japan: LoadedRubric, nlp: Language) -> None:
    text = (
        "In 2007 Prime Minister Shinzō Abe spoke of the Confluence of the Two Seas in India's "
        "Parliament, and in 2021 India gave him the Padma Vibhushan."
    )
    report = grade(india_japan, nlp, text, COMMENT)
    assert {c.id for c in report.concepts if c.status == "covered"} >= {"abe-confluence-2007"}
    assert _spelling(report) is None


def test_a_misspelt_name_is_still_flagged_beside_an_accented_one(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    text = (
        "In 2007 Prime Minister Shinzō Abe spoke of the Confluence of the Two Seas in India's "
        "Parliament; in 2021 India gave Shinzoo Abe the Padma Vibhushan."
    )
    advisory = _spelling(grade(india_japan, nlp, text, COMMENT))
    assert advisory is not None
    assert advisory.details["corrections"] == [["Shinzoo", "Shinzo"]]


def test_an_accepted_variant_of_a_place_is_not_misspelt(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    text = "Japan lends most of the money for the Mumbai–Ahmadabad high-speed rail line."
    report = grade(india_japan, nlp, text, "japan-development-partner")
    assert next(c for c in report.concepts if c.id == "bullet-train").status == "covered"
    assert _spelling(report) is None


def test_a_doubled_letter_written_at_the_wrong_place_is_flagged(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    text = (
        "Japan keeps out Indian farm goods with strict quality rules and other non-tarrif "
        "barriers, and India's exporters find them hard to meet."
    )
    report = grade(india_japan, nlp, text, ELUCIDATE)
    advisory = _spelling(report)
    assert advisory is not None
    # since session 45 two slips in a six-letter lower-case word are read as the rubric's word:
    # "tarrif" earns what "tariff" earns, and is named as a misspelt key term
    assert ["tarrif", "tariff"] in advisory.details["corrections"]
    assert any("tarrif" in e.text for c in report.concepts if c.credit > 0 for e in c.evidence)
