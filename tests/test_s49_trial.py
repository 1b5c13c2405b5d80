"""Session 49: a tutor's trial on notes about the Right to Information Act, 2005
(tests/data/derive/right-to-information-notes.txt), drafted with a 15-mark 'critically examine'
question; eight answers with a strict mentor's marks (right-to-information-answers.yaml). The
notes and answers are our own."""

from __future__ import annotations

import pytest
from spacy.language import Language
from trial_support import drafted, earned, grade, trial

from evaluator.rubric.loader import LoadedRubric

NOTES, TRIAL, ANSWERS = trial("right-to-information")


@pytest.fixture(scope="module")
def rti(tmp_path_factory: pytest.TempPathFactory) -> LoadedRubric:
    """The draft `rubric derive` writes from the RTI notes for the trial's question, untouched."""
    return drafted(NOTES, TRIAL, tmp_path_factory.mktemp("rti"))


def test_the_trials_answers_are_of_the_brief(rti: LoadedRubric) -> None:
    words = [len(a["text"].split()) for a in ANSWERS.values()]
    assert len(words) == 8 and all(150 <= n <= 250 for n in words), words


def test_an_answer_on_another_law_earns_no_point_by_naming_the_courts_or_the_house(
    rti: LoadedRubric, nlp: Language
) -> None:
    # trial s49: the answer on the Lokpal (mentor 1.5 of 15) scored 5.5: "Supreme Court" and
    # "Lok Sabha", each written in one point of the notes, were drafted as aliases, so naming
    # them earned the right-to-know point and the appointment of the Chief Information
    # Commissioner, and 'RTI' alone earned the point on attacks on activists
    report = grade(rti, ANSWERS["other_law"]["text"], nlp)
    assert not earned(report), earned(report)
    aliases = {a for _, k in rti.rubric.concepts() for a in k.aliases}
    assert not aliases & {"Supreme Court", "Lok Sabha"}


def test_the_off_topic_answer_ranks_below_every_answer_that_takes_the_question_up(
    rti: LoadedRubric, nlp: Language
) -> None:
    marks = {k: grade(rti, a["text"], nlp).marks for k, a in ANSWERS.items()}
    on_topic = [k for k, a in ANSWERS.items() if a["mentor"] >= 4]
    assert all(marks["other_law"] < marks[k] for k in on_topic), marks


def test_the_topics_acronym_alone_earns_nothing(rti: LoadedRubric, nlp: Language) -> None:
    # every answer writes 'RTI': cued alone, it had earned "Dozens of RTI activists have been
    # attacked or killed" for all eight answers, the poor one among them
    report = grade(rti, "The RTI Act is a good law, and RTI is used by many people.", nlp)
    assert not earned(report), earned(report)
    said = "Dozens of RTI activists have been attacked or killed for their questions."
    assert any(label.startswith("Dozens of RTI") for label in earned(grade(rti, said, nlp)))


def test_a_numbered_schedule_keeps_its_number(rti: LoadedRubric, nlp: Language) -> None:
    # 'second' is a common word, but "the Second Schedule" names one schedule: the draft had cued
    # the point [Schedule] + [body], so "bodies in the Seventh Schedule" earned it
    (point,) = [k for _, k in rti.rubric.concepts() if k.label.startswith("Security and")]
    assert ["Second Schedule"] in point.cues
    other = "Many bodies are listed in the Seventh Schedule, which divides powers."
    assert not any(label.startswith("Security and") for label in earned(grade(rti, other, nlp)))


def test_a_point_said_of_a_common_noun_needs_what_it_says(rti: LoadedRubric, nlp: Language) -> None:
    # the activists' point had one cue, 'activist', and the Lokpal answer's "Activists of the
    # anti-corruption movement" earned it; its verbs now cue it beside the noun
    report = grade(rti, "Activists of many movements have used the law well.", nlp)
    assert not any(label.startswith("Dozens of RTI") for label in earned(report))


def test_a_verb_cues_no_date(rti: LoadedRubric, nlp: Language) -> None:
    # a verb is said of many things: the year the notes give for the Act's passing is pinned on
    # its name, not on 'pass'
    report = grade(rti, "The Lokpal and Lokayuktas Act was passed in 2013.", nlp)
    assert all(f.status != "contradicted" for f in report.facts)
    wrong = grade(rti, "The Right to Information Act was passed in 2002.", nlp)
    assert any(f.status == "contradicted" and f.found == "2002" for f in wrong.facts)
