"""Session 26 tutor trial (a rubric drafted from notes on India–Sri Lanka relations): a subject
of two words is one name, and its adjective is neither a misspelling nor another word. The notes
below are our own."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.checks.subject import subject_names
from evaluator.scoring.engine import evaluate

NOTES = """# India–Sri Lanka relations

## Background
Sri Lanka lies thirty kilometres from India across the Palk Strait. Ties go back to the
Buddhist mission of Mahinda, and Sri Lanka became independent in 1948.

## Maritime security
India and Sri Lanka hold the SLINEX naval exercise. The Colombo Security Conclave links the
coast guards of India, Sri Lanka, the Maldives and Mauritius. Chinese research ships calling at
Hambantota worry New Delhi.

## Fishermen
Indian bottom trawlers fishing near Kachchatheevu are seized by the Sri Lankan navy, a lasting
irritant in ties between the two governments.
"""

OFF_TOPIC = (
    "Bangladesh and India share a long land border and the Ganga waters treaty of 1996. The "
    "Land Boundary Agreement of 2015 swapped enclaves, and trade through Petrapole has grown. "
    "Teesta water sharing is still unresolved and illegal migration is a concern in Assam. "
    "Bangladesh is India's largest trading partner in South Asia and a key link to the North "
    "East through Chittagong port."
)


def test_a_two_word_subject_is_one_name(draft: Callable[[str], LoadedRubric]) -> None:
    loaded = draft(NOTES)
    assert subject_names(loaded) == ("sri lanka",)


def test_the_off_topic_message_names_the_subject_whole(
    draft: Callable[[str], LoadedRubric], nlp: Language
) -> None:
    loaded = draft(NOTES)
    question = loaded.rubric.questions[0].id
    report = evaluate(OFF_TOPIC, loaded, question, nlp=nlp)
    (advisory,) = [a for a in report.advisories if a.code == "off_topic"]
    assert "names Sri Lanka 0 times" in advisory.message


def test_the_adjective_of_the_subject_names_it_and_is_no_misspelling(
    draft: Callable[[str], LoadedRubric], nlp: Language
) -> None:
    loaded = draft(NOTES)
    question = loaded.rubric.questions[0].id
    text = (
        "The Sri Lankan navy seizes Indian trawlers near Kachchatheevu, and Sri Lankan ports "
        "such as Hambantota host Chinese research ships. The Colombo Security Conclave and the "
        "SLINEX exercise bring the two navies together."
    )
    report = evaluate(text, loaded, question, nlp=nlp)
    assert "off_topic" not in report.advisory_codes()
    spelling = [a.message for a in report.advisories if a.code == "spelling"]
    assert not any("Lankan" in m for m in spelling), spelling


DRAFT_NOTES = """# India–Sri Lanka relations

## Maritime boundary
The 1976 agreement fixed the maritime boundary in the Gulf of Mannar and the Bay of Bengal.
Kachchatheevu island was recognised as part of Sri Lanka in 1974.

## Development partnership
Indian grants built 50,000 houses under the Indian Housing Project for war-affected and
plantation families. India also rebuilt the railway line to Jaffna.

## China factor
China's presence worries India: Chinese research ships have docked at Hambantota, and Chinese
loans financed Colombo Port City.

## Trade
The free trade agreement of 2000 made India one of Sri Lanka's largest trading partners.
"""


def _cues(loaded: LoadedRubric) -> list[list[str]]:
    return [list(group) for _, c in loaded.rubric.concepts() for group in c.cues]


def test_a_draft_mends_names_the_recogniser_cut_short_or_ran_on(
    draft: Callable[[str], LoadedRubric],
) -> None:
    # the recogniser reads "the Bay of" and "Bengal" as two names, and "the Indian Housing
    # Project for war" (of "war-affected") as one; the tutor trial's draft had cued both so
    terms = {t for group in _cues(draft(DRAFT_NOTES)) for t in group}
    assert "Bay of" not in terms and "Bay of Bengal" in terms
    assert "Indian Housing Project for war" not in terms and "Indian Housing Project" in terms


def test_a_place_and_its_people_are_one_name_in_a_draft(
    draft: Callable[[str], LoadedRubric],
) -> None:
    # "China" and "Chinese" as the two groups of one point: any sentence naming China twice
    # over earned it
    loaded = draft(DRAFT_NOTES)
    for _, concept in loaded.rubric.concepts():
        flat = [{t.lower() for t in g} for g in concept.cues]
        assert not (any("china" in g for g in flat) and any("chinese" in g for g in flat)), (
            concept.cues
        )


def test_breadth_advice_names_what_the_question_weighs_most_first(tmp_path, nlp: Language) -> None:
    # tutor trial 26b: a question on maritime security was told to cover "Background, Economic
    # ties, …" first; the dimension the question asks about most now leads the list
    from evaluator.rubric.loader import load_rubric
    from evaluator.tools.derive.core import derive_rubric_file

    source = tmp_path / "notes.md"
    source.write_text(DRAFT_NOTES, encoding="utf-8")
    out = tmp_path / "rubric.yaml"
    derive_rubric_file(
        source, out=out, question="Discuss the China factor in India–Sri Lanka relations."
    )
    loaded = load_rubric(out)
    question = loaded.rubric.questions[0]
    weights = {d.id: d.weight for d in question.dimensions}
    heaviest = max(weights, key=lambda d: weights[d])
    assert list(weights).index(heaviest) > 0  # not already first in the notes' order
    report = evaluate("Sri Lanka is an island near India.", loaded, question.id, nlp=nlp)
    (line,) = [f for f in report.structure.feedback if "needs breadth" in f]
    label = loaded.rubric.dimension(heaviest).label
    assert line.split("(", 1)[1].startswith(label), line
