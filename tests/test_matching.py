"""Matching: lemmas, synonyms, aliases, acronyms, spelling tolerance, windows."""

from __future__ import annotations

import pytest

from evaluator.rubric_loader import load_rubric
from evaluator.scoring import evaluate


@pytest.fixture(scope="module")
def mini(data_dir):
    return load_rubric(data_dir / "rubrics" / "mini")


def status(mini, text: str, concept: str) -> str:
    return evaluate(text, mini, "q1").concept(concept).status


def test_plural_and_inflection_match_through_lemmas(mini):
    assert status(mini, "The navies held the Malabar exercises last year.", "malabar") == "covered"
    assert status(mini, "Both navies drilled together at Malabar.", "malabar") == "covered"


def test_hyphens_and_case_are_ignored(mini):
    assert (
        status(mini, "VEER-GUARDIAN brought the air forces together.", "veer-guardian") == "covered"
    )


def test_alias_alone_covers_the_concept(mini):
    report = evaluate("CEPA opened markets.", mini, "q1")
    concept = report.concept("cepa")
    assert concept.status == "covered"
    assert concept.matched == ["CEPA"]
    assert concept.evidence[0].text == "CEPA"
    assert report.concept("cepa").evidence[0].start == 0


def test_expansion_alias_covers_the_concept(mini):
    text = "The Comprehensive Economic Partnership Agreement cut tariffs."
    assert status(mini, text, "cepa") == "covered"


def test_synonym_classes_apply_to_cues(mini):
    text = "India signed LEMOA and BECA with America."
    assert status(mini, text, "us-pacts") == "covered"


def test_short_acronyms_match_only_in_capitals(mini):
    assert status(mini, "LEMOA was signed with the US.", "us-pacts") == "covered"
    assert status(mini, "LEMOA matters to us.", "us-pacts") == "partial"


def test_one_of_two_groups_is_partial_credit(mini):
    report = evaluate("Malabar is held every year.", mini, "q1")
    concept = report.concept("malabar")
    assert concept.status == "partial"
    assert concept.credit == pytest.approx(0.5)
    assert (concept.groups_matched, concept.groups_total) == (1, 2)


def test_groups_must_co_occur_within_the_window(mini):
    near = "Malabar brings the navies together. It is a large exercise."
    far = "Malabar brings the navies together. Trade grew. Ports opened. It is a large exercise."
    assert status(mini, near, "malabar") == "covered"
    assert status(mini, far, "malabar") == "partial"


def test_misspelt_proper_noun_is_tolerated(mini):
    text = "India will open a consulate in Fukuoaka."
    concept = evaluate(text, mini, "q1").concept("fukuoka")
    assert concept.status == "covered"
    assert "Fukuoaka" in concept.matched


def test_no_spelling_tolerance_for_short_or_lower_case_words(mini):
    # "Malabr" (6 letters, capitalised) is one edit from Malabar; "malar" is lower case and
    # "Mala" is too short: neither may be read as Malabar.
    assert status(mini, "The Malabr exercise grew.", "malabar") == "covered"
    assert status(mini, "The malar exercise grew.", "malabar") == "partial"
    assert status(mini, "The Mala exercise grew.", "malabar") == "partial"


def test_a_rubric_word_is_never_turned_into_another(mini):
    # "Guardian" is itself a rubric word; it must not be "corrected" into something else and
    # a lone "Guardian" must not complete "Veer Guardian".
    assert status(mini, "The Guardian newspaper wrote about it.", "veer-guardian") == "missing"


def test_missing_concepts_carry_their_source_note(mini):
    concept = evaluate("Nothing relevant here at all.", mini, "q1").concept("fukuoka")
    assert concept.status == "missing"
    assert concept.source_note == "India decided to open a consulate in Fukuoka."
    assert concept.evidence == []


def test_evidence_offsets_point_into_the_answer(mini):
    text = "First line.\n\nThe Malabar exercise is naval."
    concept = evaluate(text, mini, "q1").concept("malabar")
    for span in concept.evidence:
        assert text[span.start : span.end] == span.text


def test_bonus_keywords_are_reported(mini):
    report = evaluate("India's Act East policy links to Japan.", mini, "q1")
    assert report.bonus_keywords == ["Act East"]
