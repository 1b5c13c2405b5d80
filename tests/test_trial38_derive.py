"""Session 38: what a tutor's trial on notes about inter-state river water disputes found wrong
in a derived draft and in the off-topic advisory. The notes and answers here are our own."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.checks.subject import subject_names
from evaluator.scoring.engine import evaluate

RIVER_NOTES = """# {title}

## The Constitution
- Water is a matter for the states (Entry 17 of the State List), yet Entry 56 of the Union List
  lets Parliament regulate rivers that cross state borders.
- Article 262 empowers Parliament to make a law for settling any dispute over the waters of such
  a river and to keep every court out of it.

## The law
- The Inter-State River Water Disputes Act, 1956 lets a state ask the Centre to refer its
  grievance to a tribunal when talks fail.
- Section 11 of that Act shuts the Supreme Court out of a matter sent to a tribunal.
- The River Water Disputes (Amendment) Bill, 2019 would set up one permanent tribunal sitting in
  benches.
- A Disputes Resolution Committee would try negotiation for a year before adjudication.

## Problems and reform
- Tribunals are slow, and states ignore awards they dislike.
- A shared basin data bank and time limits for every award would help.
"""

SHARING_ANSWER = (
    "Water belongs to the states, but Entry 56 of the Union List lets Parliament regulate rivers "
    "that flow across state borders. Article 262 allows Parliament to provide for adjudication "
    "of water sharing and to bar the courts, and the 1956 Act creates tribunals when talks fail. "
    "These tribunals are slow and states ignore their awards. Reform: the 2019 bill's permanent "
    "tribunal with benches, time limits for awards and a common basin data bank."
)


@pytest.mark.parametrize(
    "title", ["Inter-State River Water Disputes in India", "River Water Disputes between States"]
)
def test_a_kind_of_thing_in_the_title_is_no_subject_an_answer_must_write(
    draft: Callable[[str], LoadedRubric], nlp: Language, title: str
) -> None:
    # trial 38: 'Disputes' (a plural of the notes' 'dispute') and 'River Water Disputes' (written
    # only inside the names of the Act, the Bill and the committee) were the subject, so an
    # answer on "water sharing" under Article 262 and the 1956 Act was capped at 10% as off topic,
    # its message saying it touched 11 rubric concepts
    loaded = draft(RIVER_NOTES.format(title=title))
    assert not {"disputes", "river water disputes"} & set(subject_names(loaded))
    report = evaluate(SHARING_ANSWER, loaded, loaded.rubric.questions[0].id, nlp=nlp)
    assert "off_topic" not in report.advisory_codes()
    assert report.marks >= 3


def test_an_answer_on_another_subject_is_still_off_topic_without_a_subject_name(
    draft: Callable[[str], LoadedRubric], nlp: Language
) -> None:
    loaded = draft(RIVER_NOTES.format(title="Inter-State River Water Disputes in India"))
    answer = (
        "Cricket grew in popularity after the 1983 World Cup win, and the Indian Premier League "
        "later turned it into a large business. Broadcasting rights, sponsorship and franchise "
        "fees now bring in thousands of crores, and young players from small towns reach the "
        "national team through the league. Critics worry about betting, crowded calendars and "
        "the neglect of other sports such as hockey and athletics."
    )
    report = evaluate(answer, loaded, loaded.rubric.questions[0].id, nlp=nlp)
    assert "off_topic" in report.advisory_codes()


DRAFTED_NOTES = """# Sharing of Inter-State Rivers

## Constitution
- Entry 56 of the Union List lets Parliament govern rivers flowing through more than one state.
- Article 262(1) empowers Parliament to legislate on settling quarrels over such rivers.
- Article 136 lets the Supreme Court hear appeals, but the rule in Article 262 keeps river quarrels
  away from it.

## Statutes
- The Inter-State River Water Disputes Act, 1956 allows a state to seek a reference; if talks
  fail the Centre appoints a tribunal.
- Special leave under Article 136(1) has reopened several awards.
- The Zonal Councils meet each year to talk over shared problems of neighbouring states.

## Linking rivers
- The National Perspective Plan of 1980 suggested joining Himalayan and southern rivers.
- The Ken-Betwa project was the first link taken up, in Bundelkhand.
"""


def test_a_derived_name_is_never_a_fragment_of_a_sentence(
    draft: Callable[[str], LoadedRubric],
) -> None:
    # trial 38: the draft cued a point by "Union List lets Parliament", gave another the alias
    # "Article 262 keeps" and cued and aliased "National Perspective Plan of 1980": no answer
    # writes any of them
    loaded = draft(DRAFTED_NOTES)
    written = {
        term.lower()
        for dimension in loaded.rubric.dimensions
        for concept in dimension.concepts
        for term in [*(t for group in concept.cues for t in group), *concept.aliases]
    }
    assert not {"union list lets parliament", "article 262 keeps"} & written
    assert "national perspective plan of 1980" not in written
    assert {"union list", "national perspective plan"} <= written


def test_an_act_named_after_the_topic_is_its_points_cue_and_a_condition_is_no_lack(
    draft: Callable[[str], LoadedRubric], nlp: Language
) -> None:
    # trial 38: the Act's point was cued [Union] + [Act] and drafted as a negative claim (the
    # "fail" of "if talks fail"), so no answer naming the Act earned it
    loaded = draft(DRAFTED_NOTES)
    (act,) = [
        c
        for d in loaded.rubric.dimensions
        for c in d.concepts
        if c.note.startswith("The Inter-State River Water Disputes Act")
    ]
    assert not act.negative_claim
    assert any("Inter-State River Water Disputes Act" in group for group in act.cues)


def test_a_name_another_point_writes_is_no_alias(draft: Callable[[str], LoadedRubric]) -> None:
    # trial 38: "Article 262" of the Article 131 point's sentence was its alias, though the point
    # on Article 262(1) writes it too: naming Article 262 earned the Article 131 point (here:
    # Article 136, which another point writes as "Article 136(1)")
    loaded = draft(DRAFTED_NOTES)
    aliases = {a.lower() for d in loaded.rubric.dimensions for c in d.concepts for a in c.aliases}
    assert not {"article 262", "article 136"} & aliases
