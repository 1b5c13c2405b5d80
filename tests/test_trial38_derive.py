"""Session 38: what a tutor's trial on notes about inter-state river water disputes found wrong
in a derived draft and in the off-topic advisory. The notes and answers here are our own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric, load_rubric
from evaluator.rubric.model import Fact
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


TRIBUNAL_RUBRIC = """id: "tribunals"
title: "River tribunals"
version: "0.1.0"
source_notes: "notes.md"
bonus_keywords: ["Sutlej-Yamuna tribunal"]
dimensions:
  - id: "tribunals"
    label: "Tribunals"
    concepts:
      - id: "sutlej-yamuna"
        label: "The Sutlej-Yamuna tribunal"
        cues:
          - ["Sutlej-Yamuna"]
          - ["report"]
        note: "The Sutlej-Yamuna tribunal was constituted in 1986 and its report is still awaited."
facts:
  - id: "sutlej-yamuna-year"
    concept: "sutlej-yamuna"
    claim: "The Sutlej-Yamuna tribunal was constituted in 1986 and its report is still awaited."
    cues: ["Sutlej-Yamuna"]
    expected: {kind: "year", value: 1986}
questions:
  - id: "q"
    text: "Discuss river tribunals."
    directive: "discuss"
    max_marks: 10
    word_limit: 150
    dimensions:
      - {id: "tribunals"}
"""


@pytest.mark.parametrize(
    ("answer", "status"),
    [
        ("The Sutlej-Yamuna tribunal was constituted in 1996.", "contradicted"),
        ("The Sutlej-Yamuna tribunal, created in 1996, has still to report.", "contradicted"),
        ("The Sutlej-Yamuna tribunal was constituted in 1986.", "supported"),
    ],
)
def test_a_bonus_keyword_does_not_hide_a_fact_cue_inside_it(
    tmp_path: Path, nlp: Language, answer: str, status: str
) -> None:
    # trial 38: the Ravi-Beas fact (1986) read "Ravi-Beas is pending since 1996" as wrong but not
    # "The Ravi-Beas tribunal was formed in 1996": the cue sat inside the bonus keyword "Ravi-Beas
    # tribunal", which the checker took for a longer name of something else
    path = tmp_path / "rubric.yaml"
    path.write_text(TRIBUNAL_RUBRIC, encoding="utf-8")
    (tmp_path / "notes.md").write_text("# River tribunals\n", encoding="utf-8")
    loaded = load_rubric(path)
    report = evaluate(answer, loaded, "q", nlp=nlp)
    assert [f.status for f in report.facts] == [status]


DATED_ACT_NOTES = """# Sharing of Inter-State Rivers

## The statutes
- The Interstate Water Quarrels Act, 1961 allows a state to seek a reference; when talks break
  down the Centre appoints a tribunal.
- Clause 9 of the 1961 Act keeps the High Courts away from a reference made to a tribunal.
- The 2004 amendment, on the advice of the Venkatesan Panel, set deadlines for every award.

## Tribunals
- The Tungabhadra tribunal was constituted in 1992 and delivered its last award in 2008,
  gazetted only in 2014.
- The Tungabhadra share rose in 2019 after a court ruling on city supply.
- The Zonal Councils meet each year to talk over shared problems of neighbouring states.
"""


def test_a_derived_year_dates_the_thing_it_names(
    draft: Callable[[str], LoadedRubric], nlp: Language
) -> None:
    # trial 38: the ISRWD Act's 1956 was pinned on 'Section 11' (from "Section 11 of the 1956
    # Act") and 2002 on the Sarkaria Commission (from "The 2002 amendment, following the
    # Sarkaria Commission"), while the Act's own point ("The ... Act, 1956 lets a state ...")
    # had no year fact, and the Cauvery tribunal (1990, award 2007, notified 2013) none either
    loaded = draft(DATED_ACT_NOTES)
    years = {cue: fact.expected.value for fact in loaded.rubric.facts for cue in fact.cues}
    assert years.get("Interstate Water Quarrels Act") == 1961
    assert "Clause 9" not in years and "Venkatesan Panel" not in years
    assert years.get("Tungabhadra tribunal") == 1992
    question = loaded.rubric.questions[0].id

    def status(answer: str, cue: str) -> str:
        report = evaluate(answer, loaded, question, nlp=nlp)
        (fact,) = [f for f in report.facts if cue in _fact(loaded, f.id).cues]
        return fact.status

    act, tribunal = "Interstate Water Quarrels Act", "Tungabhadra tribunal"
    assert status("The Interstate Water Quarrels Act was passed in 1975.", act) == "contradicted"
    assert status("The Tungabhadra tribunal was constituted in 1997.", tribunal) == "contradicted"
    # the notes' own later year is true of the award, not wrong of the tribunal
    assert status("The Tungabhadra tribunal delivered its last award in 2008.", tribunal) != (
        "contradicted"
    )


def _fact(loaded: LoadedRubric, fact_id: str) -> Fact:
    return next(f for f in loaded.rubric.facts if f.id == fact_id)


TRIBUNAL_NOTES = """# River Quarrels between States

## Tribunals
- The Krishna tribunal (Bachawat) made its award in 1973; a second Krishna tribunal (Brijesh
  Kumar) reported in 2010, and the split of Andhra Pradesh reopened the case.
- The Godavari tribunal's award of 1980 built on accords among the basin states.
- The Mahadayi tribunal shared water among Goa, Karnataka and Maharashtra in 2018.

## Statutes
- The Inter-State River Water Disputes Act, 1956 lets a state ask the Centre to appoint a tribunal.
- Section 11 of that Act keeps the courts out of a quarrel sent to a tribunal.

## Reform
- A standing tribunal with benches would hear every quarrel within fixed time limits.
- States should share gauge readings through a common hydrology portal.
"""


def test_a_point_about_a_named_thing_is_cued_by_its_name(
    draft: Callable[[str], LoadedRubric], nlp: Language
) -> None:
    # trial 38: the Krishna tribunal's point was cued [Andhra Pradesh] + [Bachawat] + [Brijesh
    # Kumar] (the recogniser read 'Krishna' as a person, the judges as organisations, and all
    # four names tied), with the judge 'Brijesh Kumar' as its alias: an answer naming the judge
    # earned the whole point and none naming the tribunal could
    loaded = draft(TRIBUNAL_NOTES)
    concept = next(c for d in loaded.rubric.dimensions for c in d.concepts if "Krishna" in c.note)
    assert "Krishna" in concept.cues[0]
    assert concept.aliases == []
    question = loaded.rubric.questions[0].id
    judge = evaluate("A second tribunal under Brijesh Kumar reported in 2010.", loaded, question,
                     nlp=nlp)  # fmt: skip
    assert judge.concept(concept.id).status == "missing"
    tribunal = evaluate(
        "The Krishna tribunal gave its award in 1973, and the split of Andhra Pradesh reopened it.",
        loaded, question, nlp=nlp,
    )  # fmt: skip
    assert tribunal.concept(concept.id).status != "missing"
