"""Session 46 (words): feedback a learner reads as a sentence (our own rubric and answers; the
real pipeline and files).

A trial on a derived rubric of cooperative federalism read "Its 1 mark so far are for staying on
the question's topic", "Its best next step is in The GST Council", and improvements that ran a
note of one sentence on after "add": "add unlike the old commission, it does not allocate
funds", "add The 15th Finance Commission …". Now one mark "is", a label opening with a
determiner reads "the GST Council" inside a sentence (a name of one word after "The" keeps its
capital), and such a note is quoted whole. Compact files of format 20 keep their words.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from batch_support import batch_one, read_as_format
from click.testing import CliRunner

from evaluator.batch.compact import read_records
from evaluator.cli import main
from evaluator.scoring.engine import evaluate

RUBRIC = """\
id: fiscal-mini
title: Sharing taxes in a federation
version: "1"
source_notes: notes.md
dimensions:
  - id: council
    label: The Joint Tax Council
    concepts:
      - id: council-chair
        label: The Joint Tax Council is chaired by the Union finance…
        cues:
          - [Joint Tax Council, council]
          - [chair, chairs, chaired]
          - [finance minister]
        note: The Joint Tax Council is chaired by the Union finance minister and seats
          every state's finance minister.
      - id: council-vote
        label: Unlike a simple majority, a decision needs…
        cues:
          - [three-fourths, three quarters]
          - [vote, votes, majority]
        note: Unlike a simple majority, a decision needs three-fourths of the weighted
          votes present.
  - id: grants
    label: The Grants Commission
    concepts:
      - id: grants-share
        label: This sharing of the pool is reviewed…
        cues:
          - [divisible pool, pool]
          - [share, states]
        note: This sharing of the pool is reviewed every five years by the Grants Commission.
      - id: grants-criteria
        label: Population and area
        cues:
          - [population]
          - [area, forest]
        note: Its formula weighs population, area and forest cover.
  - id: press
    label: The Gazette
    concepts:
      - id: gazette
        label: Notified in the Gazette
        cues:
          - [Gazette]
          - [notified, published]
        note: Every rate the council sets is notified in the Gazette.
questions:
  - id: q1
    text: Discuss how the Joint Tax Council and the Grants Commission shape fiscal federalism.
    directive: discuss
    max_marks: 10
    word_limit: 150
    dimensions:
      - {id: council}
      - {id: grants}
  - id: q2
    text: Discuss how the Joint Tax Council's rates reach the public.
    directive: discuss
    max_marks: 10
    word_limit: 150
    dimensions:
      - {id: press}
      - {id: council}
"""
# our own words: on the topic, but no point of the rubric made (1 mark for its topic)
ON_TOPIC = (
    "Fiscal federalism means the Union and the states share taxes and shape federalism "
    "together. The Joint Tax Council and the Grants Commission both matter for this fiscal "
    "sharing of taxes between the Union and the states. The states and the Union have to "
    "cooperate on taxes, and the council and the commission shape how fiscal federalism works "
    "in practice."
)
# one point of the press dimension made, the council's left out
GAZETTE = (
    "Every new rate is published in the Gazette, so traders and the public learn it on the day "
    "it applies.\n\nThe states follow the same notice."
)


@pytest.fixture()
def rubric(tmp_path: Path) -> Path:
    folder = tmp_path / "fiscal"
    folder.mkdir()
    (folder / "notes.md").write_text("Notes on fiscal federalism, our own.\n", encoding="utf-8")
    path = folder / "rubric.yaml"
    path.write_text(RUBRIC, encoding="utf-8")
    return path


def _report(text: str, rubric: Path, question: str = "q1") -> dict[str, Any]:
    return evaluate(text, str(rubric), question).to_dict()


def test_one_mark_for_the_topic_is_said_in_the_singular(rubric: Path) -> None:
    report = _report(ON_TOPIC, rubric)
    assert report["marks"] == 1
    comment = report["feedback"]["comment"]
    assert "Its 1 mark so far is for staying on the question's topic." in comment
    assert "so far are" not in comment


def test_a_dimension_opening_with_the_reads_lower_case_inside_the_comment(rubric: Path) -> None:
    comment = _report(ON_TOPIC, rubric)["feedback"]["comment"]
    assert "Its best next step is in the Joint Tax Council:" in comment
    assert "in The Joint" not in comment


def test_a_name_of_one_word_after_the_keeps_its_capital(rubric: Path) -> None:
    report = _report(GAZETTE, rubric, "q2")
    comment = report["feedback"]["comment"]
    assert "strongest on The Gazette," in comment, comment


def test_an_improvement_quotes_a_note_of_one_sentence_whole(rubric: Path) -> None:
    improvements = _report(ON_TOPIC, rubric)["feedback"]["improvements"]
    assert (
        "The Joint Tax Council: add “Unlike a simple majority, a decision needs three-fourths of "
        "the weighted votes present.”"
    ) in improvements
    assert (
        "The Grants Commission: add “This sharing of the pool is reviewed every five years by the "
        "Grants Commission.”"
    ) in improvements
    assert (
        "The Joint Tax Council: add “The Joint Tax Council is chaired by the Union finance "
        "minister and seats every state's finance minister.”"
    ) in improvements
    assert not any("add unlike" in line or "add this sharing" in line for line in improvements)
    # a label of its own is still followed by its note
    assert (
        "The Grants Commission: add Population and area. Its formula weighs population, area and "
        "forest cover."
    ) in improvements


def test_a_file_of_format_20_reads_back_with_its_own_words(rubric: Path, tmp_path: Path) -> None:
    record, out = batch_one(tmp_path, ON_TOPIC, "-r", str(rubric), "-q", "q1")
    fresh = _report(ON_TOPIC, rubric)
    assert record["report"]["feedback"]["comment"] == fresh["feedback"]["comment"]
    assert record["report"]["feedback"]["improvements"] == fresh["feedback"]["improvements"]
    older = read_as_format(out, 20)
    feedback = older["report"]["feedback"]
    assert "Its 1 mark so far are for staying" in feedback["comment"]
    assert "Its best next step is in The Joint Tax Council:" in feedback["comment"]
    assert any(
        line.startswith("The Joint Tax Council: add unlike a simple majority")
        for line in feedback["improvements"]
    )
    assert older["report"]["marks"] == record["report"]["marks"] == 1


NOTES = """\
The GST Council sets the rates of the goods and services tax. GST replaced many older levies.
The GST Council is chaired by the Union finance minister. The Grants Commission reviews how the
pool is shared. Every five years the Grants Commission reports. The GST Council votes by weight.
"""
# our own words, about the weather, not the question
MONSOON = (
    "The south-west monsoon brings most of the rain that farmers wait for between June and "
    "September. Paddy and cotton are sown when the first showers arrive. A late or weak monsoon "
    "lifts the price of vegetables and cuts rural earnings, while heavy rain floods the plains "
    "of the east. Check dams, crop insurance and better forecasts lower the risk."
)


@pytest.fixture()
def titled(tmp_path: Path) -> Path:
    """The rubric titled with an acronym, with notes that name its subject."""
    folder = tmp_path / "gst"
    folder.mkdir()
    (folder / "notes.md").write_text(NOTES, encoding="utf-8")
    text = RUBRIC.replace(
        "title: Sharing taxes in a federation",
        'title: "Fiscal federalism: the GST Council and the Grants Commission"',
    )
    (folder / "rubric.yaml").write_text(text, encoding="utf-8")
    return folder / "rubric.yaml"


def test_the_off_topic_advisory_writes_an_acronym_as_the_rubric_does(titled: Path) -> None:
    report = _report(MONSOON, titled)
    (message,) = [a["message"] for a in report["advisories"] if a["code"] == "off_topic"]
    assert "it names GST Council 0 times" in message, message
    assert "Gst" not in message


def test_a_structure_of_0_with_an_introduction_says_why(rubric: Path, tmp_path: Path) -> None:
    answer = tmp_path / "topic.txt"
    answer.write_text(ON_TOPIC, encoding="utf-8")
    result = CliRunner().invoke(main, ["grade", str(answer), "-r", str(rubric), "-q", "q1"])
    assert result.exit_code == 0, result.output
    (line,) = [x for x in result.output.splitlines() if x.startswith("Structure:")]
    assert line.startswith(
        "Structure: 0% (no point earns credit yet, and form earns marks only with content) — "
        "1 paragraph, introduction yes"
    ), line
    # a structure that earns marks is shown as before
    answer.write_text(GAZETTE, encoding="utf-8")
    result = CliRunner().invoke(main, ["grade", str(answer), "-r", str(rubric), "-q", "q2"])
    (line,) = [x for x in result.output.splitlines() if x.startswith("Structure:")]
    assert "(" not in line.split("—")[0], line


def test_an_off_topic_answer_is_shown_one_point_its_cap_would_hold(
    titled: Path, tmp_path: Path
) -> None:
    report = _report(MONSOON, titled)
    assert report["marks"] == 0
    assert any(a["code"] == "off_topic" for a in report["advisories"])
    steps = report["feedback"]["next_steps"]
    added = [s for s in steps if s["kind"] == "concept"]
    assert len(added) == 1, [s["text"] for s in steps]
    assert added[0]["worth"] == "+1 mark"
    # the others stay in the full list
    assert any(s["kind"] == "concept" for s in report["feedback"]["more_steps"])
    comment = report["feedback"]["comment"]
    assert (
        "while the answer is about another subject, the advisory below (off topic) caps its "
        "marks at 1 mark, which the first step below reaches alone (+1 mark)."
    ) in comment, comment
    assert "Its best next step" not in comment
    assert "does part of that" not in comment
    assert comment.endswith("the answer does not do that yet."), comment
    # a batch file reads back with the same words
    answers = tmp_path / "answers"
    answers.mkdir()
    (answers / "monsoon.txt").write_text(MONSOON, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        main, ["batch", str(answers), "-r", str(titled), "-q", "q1", "-o", str(out), "--quiet"]
    )
    assert result.exit_code == 0, result.output
    (record,) = read_records(str(out))
    assert record["report"]["feedback"]["comment"] == comment
    assert record["report"]["feedback"]["next_steps"] == steps
