"""Session 46: each piece of praise is said once (our own answers; the real pipeline and files).

A short list of the four India–Japan exercises had its words praised three times: the comment
("strongest on Defence cooperation, where “Dharma Guardian”, “Veer Guardian”, “Malabar” matched
points"), the strength ("your words “Dharma Guardian”, … “JIMEX” matched 4 of its points") and
four "Accurate fact: JIMEX is the two navies' exercise." lines. Now the comment names the
dimension and leaves the words to the strength, and a right fact of a quoted word is told beside
it: "“JIMEX” (the two navies' exercise, right)". Nothing is lost and the marks do not move.
The web result page: tests/web/test_web_result.py.
"""

from __future__ import annotations

import csv
import re
from html import unescape
from pathlib import Path
from typing import Any

from batch_support import batch_one, read_as_format
from click.testing import CliRunner

from evaluator.cli import main
from evaluator.scoring.engine import evaluate

ROOT = Path(__file__).resolve().parent.parent
DEFENCE = "defence-cooperation"
SIGNIFICANCE = "2plus2-significance"
# our own words: the four exercises named in one sentence (a cap holds its marks)
LISTED = (
    "India and Japan hold the Dharma Guardian army exercise, the Veer Guardian air exercise "
    "and the JIMEX and Malabar naval exercises."
)
EXERCISES = ("Dharma Guardian", "Veer Guardian", "Malabar", "JIMEX")
RIGHT = {
    "Dharma Guardian": "the two armies' exercise",
    "Veer Guardian": "the two air forces' exercise",
    "Malabar": "a naval exercise",
    "JIMEX": "the two navies' exercise",
}


def _invoke(*args: str) -> Any:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result


def _grade(tmp_path: Path, text: str, *args: str) -> str:
    answer = tmp_path / "answer.txt"
    answer.write_text(text, encoding="utf-8")
    return str(_invoke("grade", str(answer), *args).output)


def _praise(shown: str) -> tuple[str, list[str]]:
    """The terminal report's comment (on one line) and its What worked lines."""
    lines = shown.splitlines()
    blank = lines.index("", 2)
    end = lines.index("", blank + 1)
    comment = " ".join(lines[blank + 1 : end])
    worked: list[str] = []
    if "What worked" in lines:
        start = lines.index("What worked") + 1
        for line in lines[start:]:
            if not line.startswith("  • "):
                break
            worked.append(line[4:])
    return comment, worked


def _quoted(*texts: str) -> list[str]:
    return [w.lower() for text in texts for w in re.findall(r"“([^”]+)”", text)]


# --- the terminal -----------------------------------------------------------------------------


def test_a_listed_answers_words_are_praised_once_and_its_facts_beside_them(
    tmp_path: Path,
) -> None:
    shown = _grade(tmp_path, LISTED, "-q", DEFENCE)
    assert "Marks: 1 / 10" in shown  # the marks are as before
    comment, worked = _praise(shown)
    # the comment names the dimension and that a cap holds the marks, and quotes no word
    assert comment.startswith(
        "The answer is strongest on Defence cooperation, where the words quoted under What worked "
        "matched points of the question, but the advisories below (too short, keyword stuffing) "
        "hold its marks at 1."
    )
    assert "“" not in comment
    # one strength: each exercise quoted once, its right fact beside it; no fact line of its own
    assert worked == [
        "Defence cooperation: your words "
        + ", ".join(f"“{name}” ({RIGHT[name]}, right)" for name in EXERCISES)
        + " matched 4 of its points."
    ]
    assert "Accurate fact" not in shown
    assert "\nFacts\n" not in shown  # nor again under Facts
    for name in EXERCISES:
        assert _quoted(shown).count(name.lower()) == 1, name


def test_a_long_tutor_graded_answer_quotes_each_word_once_and_keeps_every_right_fact(
    tmp_path: Path,
) -> None:
    with (ROOT / "tests/data/graded/india-japan.csv").open(encoding="utf-8") as handle:
        (row,) = [r for r in csv.DictReader(handle) if r["id"] == "s01"]
    report = evaluate(row["answer"], "india-japan", row["question"])
    shown = _grade(tmp_path, row["answer"], "-q", row["question"])
    comment, worked = _praise(shown)
    assert comment.startswith(
        "The answer is strongest on the 2+2 format and its significance, where the words quoted "
        "under What worked earned credit."
    )
    words = _quoted(comment, *worked)
    assert len(words) == len(set(words)) > 12, words
    # a right fact is told beside the word it is about, or on a line of its own: each once
    right = [f for f in report.facts if f.status == "supported"]
    assert len(right) >= 6
    text = "\n".join(worked)
    for fact in right:  # nothing lost: each right fact's ending is said under What worked
        assert " ".join(fact.claim.rstrip(".").split()[-3:]) in text, fact.claim
    assert text.count(", right)") + text.count("Accurate fact: ") >= 6
    assert "“Joint Declaration on Security Cooperation” (dates from 2008, right)" in text
    assert "Accurate fact: The Joint Declaration" not in text
    assert "\nFacts\n" not in shown


def test_a_short_answer_of_a_derived_rubric_quotes_its_words_once(tmp_path: Path) -> None:
    notes = tmp_path / "rivers.md"
    notes.write_text(
        "# Rivers\n\nThe Ganga rises at the Gangotri glacier. The Nile is the longest river in "
        "Africa. The Amazon carries more water than any other river.\n",
        encoding="utf-8",
    )
    rubric = tmp_path / "rubric.yaml"
    _invoke("rubric", "derive", str(notes), "--out", str(rubric), "--max-marks", "3")
    answer = (
        "The Ganga rises at the Gangotri glacier; the Nile is the longest river in Africa; and "
        "the Amazon carries more water than any other river."
    )
    shown = _grade(tmp_path, answer, "-r", str(rubric))
    comment, worked = _praise(shown)
    assert comment.startswith("The answer earns credit with the words quoted under What worked.")
    assert len(worked) == 1 and worked[0].startswith("Answer: well covered — you wrote “")
    words = _quoted(comment, *worked)
    assert len(words) == len(set(words)) >= 3


def test_a_comment_still_quotes_words_no_strength_quotes(tmp_path: Path) -> None:
    # one exercise alone is under 60% of its dimension: no strength, so the comment says it
    report = evaluate("India and Japan hold the JIMEX naval exercise.", "india-japan", DEFENCE)
    assert not [s for s in report.feedback.strengths if s.startswith("Defence cooperation")]
    assert "“JIMEX”" in report.feedback.comment
    assert report.feedback.strengths == ["Accurate fact: JIMEX is the two navies' exercise."]


# --- batch files and their HTML report ----------------------------------------------------------


def test_the_batch_html_report_praises_each_word_once(tmp_path: Path) -> None:
    answers = tmp_path / "answers"
    answers.mkdir()
    (answers / "listed.txt").write_text(LISTED, encoding="utf-8")
    html = tmp_path / "out.html"
    _invoke("batch", str(answers), "-q", DEFENCE, "-o", str(html), "--quiet")
    page = unescape(html.read_text(encoding="utf-8"))
    section = page[page.index('<section class="answer"') :]
    comment = section[section.index("Examiner's comment") :]
    comment = comment[: comment.index("</p>")]
    assert "where the words quoted under What worked matched" in comment
    assert "<p>What worked:</p>" in section  # the name the comment points to
    for name in EXERCISES:
        assert f"“{name}” ({RIGHT[name]}, right)" in section
        assert section.count(f"“{name}”") == 1, name
    assert "Accurate fact" not in section


def test_a_file_of_the_previous_compact_format_reads_back_with_its_own_words(
    tmp_path: Path,
) -> None:
    """A format-19 file was written when the comment quoted the strength's words and each right
    fact had a line of its own: it is read back as written; a new file has the new words."""
    record, out = batch_one(tmp_path, LISTED, "-q", DEFENCE)
    fresh = evaluate(LISTED, "india-japan", DEFENCE).to_dict()
    assert record["report"]["feedback"]["strengths"] == fresh["feedback"]["strengths"]
    assert record["report"]["feedback"]["comment"] == fresh["feedback"]["comment"]
    older = read_as_format(out, 19)
    feedback = older["report"]["feedback"]
    assert feedback["comment"].startswith(
        "The answer is strongest on Defence cooperation, where “Dharma Guardian”, “Veer Guardian”, "
        "“Malabar” matched points of the question"
    )
    assert feedback["strengths"][0] == (
        "Defence cooperation: your words “Dharma Guardian”, “Veer Guardian”, “Malabar”, “JIMEX” "
        "matched 4 of its points."
    )
    assert "Accurate fact: JIMEX is the two navies' exercise." in feedback["strengths"]
    assert older["report"]["marks"] == record["report"]["marks"] == 1
