"""Session 42's user trials: a learner in the browser and a teacher at the command line."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from evaluator.cli import main
from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.checks.subject import other_subject
from evaluator.scoring.engine import evaluate

SEAS = (
    "Freedom of navigation in the South China Sea and the East China Sea matters to both "
    "democracies, and the South China Sea carries much of India's trade to the east."
)


def test_a_sea_named_after_a_country_is_no_mention_of_it(india_japan: LoadedRubric) -> None:
    """Trial s42: a list naming "China East China Sea South China Sea" was "mostly about China:
    it names China 3 times", and capped at 10% as off topic."""
    assert other_subject(SEAS, ("japan",), "") is None
    report = evaluate(SEAS, india_japan, "2plus2-significance")
    assert not [a.message for a in report.advisories if "mostly about" in a.message]
    # the country itself still counts: three mentions and no Japan is another subject
    about_china = "China builds ports. China lends money. China claims reefs in the China Seas."
    found = other_subject(about_china, ("japan",), "")
    assert found is not None and (found.name, found.mentions) == ("China", 3)


LINEAR = (
    """\
id: springs
title: Springs
version: 1.0.0
source_notes: notes.md
structure: {introduction: false, conclusion: false, points_or_headings: false, min_paragraphs: 1}
scoring: {saturation: 1.0, rounding: 1.0}
dimensions:
- id: answer
  label: Answer
  concepts:
  - id: answer
    label: A stretched spring pulls back
    weight: 1.5
    cues: [[stretch], [spring], [pull]]
    note: A stretched spring pulls back towards its length.
- id: learned-springs-q
  label: Learned from the tutor's marks
  concepts:
"""
    + "".join(
        f"""\
  - id: learned-{word}
    label: {word}
    weight: 2.5
    cues: [[{word}]]
    note: "Learned from 30 graded answers (9 high, 1 low of the 10 using it): with the rest of the
      rubric, an answer that writes '{word}' earns 2.5 marks."
"""
        for word in ("force", "elastic", "restore")
    )
    + """\
questions:
- id: springs-q
  text: Why does a stretched spring pull back?
  directive: explain
  max_marks: 4
  word_limit: 60
  kind: short
  intercept: 0.2
  dimensions: [{id: answer}, {id: learned-springs-q}]
"""
)


def test_a_dimension_of_learned_phrases_shows_no_more_than_the_question(
    tmp_path: Path,
) -> None:
    """Trial s42: `grade` showed "Learned from the tutor's marks 0.00/8.03" on a 4-mark question
    (the learned phrases' weights summed), and "7.50/7.5" here: it shows what they earned."""
    (tmp_path / "notes.md").write_text("A stretched spring pulls back.\n", encoding="utf-8")
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text(LINEAR, encoding="utf-8")
    answer = tmp_path / "a.txt"
    answer.write_text("The elastic force of the spring restores it.\n", encoding="utf-8")
    done = CliRunner().invoke(main, ["grade", str(answer), "-r", str(rubric)])
    assert done.exit_code == 0, done.output
    (line,) = [s for s in done.output.splitlines() if s.startswith("  Learned from the tutor")]
    assert "/7.5" not in line and "7.50 earned" in line and "█" * 20 in line, line
