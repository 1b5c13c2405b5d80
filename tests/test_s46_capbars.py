"""Session 46: what a capped answer's dimension bars and strengths say agrees with the marks the
cap leaves (our own answers; the real pipeline and real files).

`grade` had shown "Defence cooperation ████████████████████ 3.75/3.75" beside "Marks: 1.5 / 10",
and the strengths "Defence cooperation: well covered", with nothing saying why. The bars stay
(they show what the words matched), said once to be before the cap; the strengths say what the
words matched, not that a dimension is covered; the marks do not move. The web result page:
tests/web/test_web_result.py.
"""

from __future__ import annotations

from html import unescape
from pathlib import Path
from typing import Any

from batch_support import batch_one, read_as_format
from capped_support import EXERCISES_ONLY, UNNAMED_PARTNERS
from click.testing import CliRunner

from evaluator.cli import main
from evaluator.scoring.engine import evaluate

DEFENCE = "defence-cooperation"
# each right fact of an exercise is told beside its name, not again on a line of its own
HELD_STRENGTH = (
    "Defence cooperation: your words “Dharma Guardian” (the two armies' exercise, right), "
    "“Veer Guardian” (the two air forces' exercise, right), “Malabar” (a naval exercise, right), "
    "“JIMEX” (the two navies' exercise, right) matched 4 of its points."
)
# the same exercises in an answer long enough for no cap: its strength is still "well covered"
DEVELOPED = (
    "India and Japan now train their forces together on land, at sea and in the air.\n\n"
    "Their armies meet in Dharma Guardian and their air forces in Veer Guardian, while the two "
    "navies sail in JIMEX and, with the United States and Australia, in Malabar. These drills "
    "teach the forces to work side by side and build trust between the two governments.\n\n"
    "Japan and India have also signed an agreement to supply each other's forces, and they talk "
    "about building defence equipment together, though purchases remain few.\n\n"
    "Such cooperation helps keep the Indo-Pacific open and stable, and both countries see it as "
    "a pillar of their special strategic and global partnership. Problems remain: export rules "
    "are strict and projects move slowly.\n\n"
    "In conclusion, defence ties between India and Japan have grown steadily and should keep "
    "growing in the years ahead."
)


def _invoke(*args: str) -> Any:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result


def _grade(tmp_path: Path, text: str) -> str:
    answer = tmp_path / "answer.txt"
    answer.write_text(text, encoding="utf-8")
    return str(_invoke("grade", str(answer), "-q", DEFENCE).output)


# --- the terminal -----------------------------------------------------------------------------


def test_the_terminal_bars_of_a_capped_answer_are_said_once_to_be_before_the_cap(
    tmp_path: Path,
) -> None:
    shown = _grade(tmp_path, EXERCISES_ONLY)
    assert "Marks: 1.5 / 10" in shown
    lines = shown.splitlines()
    heading = lines.index("Dimensions (before the cap: held at 1.5 by the advisory below)")
    assert "3.75/3.75" in lines[heading + 1]  # the bar stays: what the words matched
    assert shown.count("held at") == 1  # said once, above the rows, not per row
    assert lines.index("Advisories") > heading  # "below" is where the advisory is
    # the comment's wording, which the heading follows
    assert "but the advisory below (too short) holds its marks at 1.5" in " ".join(shown.split())


def test_an_off_topic_answer_at_one_mark_names_its_bars_before_the_cap(tmp_path: Path) -> None:
    shown = _grade(tmp_path, UNNAMED_PARTNERS)
    assert "Marks: 1 / 10" in shown
    assert "Dimensions (before the cap: held at 1 by the advisory below)" in shown.splitlines()


def test_an_answer_no_cap_holds_keeps_its_plain_heading_and_strength(tmp_path: Path) -> None:
    report = evaluate(DEVELOPED, "india-japan", DEFENCE)
    assert not [a for a in report.advisories if a.cap is not None and "not binding" not in a.effect]
    assert any(
        s.startswith("Defence cooperation: well covered — ") for s in report.feedback.strengths
    )
    shown = _grade(tmp_path, DEVELOPED)
    assert "Dimensions" in shown.splitlines() and "before the cap" not in shown


# --- the strengths ----------------------------------------------------------------------------


def test_a_capped_answers_strength_says_what_its_words_matched_not_that_it_is_covered() -> None:
    report = evaluate(EXERCISES_ONLY, "india-japan", DEFENCE)
    (advisory,) = [a for a in report.advisories if a.cap is not None]
    assert advisory.code == "too_short"
    # the marks are as before: the cap holds them at 1.5 of the 2.64 the words would earn
    assert report.marks == 1.5 < report.arithmetic.before_advisories
    (defence,) = [d for d in report.dimensions if d.label == "Defence cooperation"]
    assert defence.marks == defence.max == 3.75 and defence.concepts_covered == 4
    strengths = report.feedback.strengths
    assert strengths[0] == HELD_STRENGTH
    assert not any("covered" in s for s in strengths)
    # the advisory is named once, in the comment, not again in a strength
    assert not any("advisory" in s or "too short" in s for s in strengths)
    assert strengths == [HELD_STRENGTH]  # the right facts are told beside their words


# --- batch files and their HTML report ----------------------------------------------------------


def test_batch_files_and_their_html_report_say_the_same(tmp_path: Path) -> None:
    record, _ = batch_one(tmp_path, EXERCISES_ONLY, "-q", DEFENCE)
    answers = tmp_path / "answers"
    fresh = evaluate(EXERCISES_ONLY, "india-japan", DEFENCE).to_dict()
    assert record["report"]["feedback"]["strengths"] == fresh["feedback"]["strengths"]
    assert record["report"]["marks"] == 1.5
    html = tmp_path / "out.html"
    _invoke("batch", str(answers), "-q", DEFENCE, "-o", str(html), "--quiet")
    page = html.read_text(encoding="utf-8")
    assert (
        page.count(
            '<p class="muted rows-held">Before the cap: held at 1.5 by the advisory below.</p>'
        )
        == 1
    )
    assert HELD_STRENGTH in unescape(page) and "well covered" not in page


def test_the_html_reports_comment_comes_before_the_advisories_it_says_are_below(
    tmp_path: Path,
) -> None:
    # the comment said "the advisory below (too short)" under the Advisories list it meant
    answers = tmp_path / "answers"
    answers.mkdir()
    (answers / "exercises.txt").write_text(EXERCISES_ONLY, encoding="utf-8")
    html = tmp_path / "out.html"
    _invoke("batch", str(answers), "-q", DEFENCE, "-o", str(html), "--quiet")
    page = html.read_text(encoding="utf-8")
    section = page[page.index('<section class="answer"') :]
    comment = section.index("Examiner's comment")
    assert "advisory below" in section[comment : section.index("</p>", comment)]
    assert section.count("Examiner's comment") == 1
    assert comment < section.index("<p>Advisories:</p>")
    # one answer is every answer, not "The 1 answers with the 10 lowest and 10 highest shares"
    assert '<p class="muted">The one graded answer.</p>' in page
    assert "The 1 answers" not in page


def test_a_file_of_the_previous_compact_format_reads_back_with_its_own_strengths(
    tmp_path: Path,
) -> None:
    """A format-18 file was written when a capped answer's strength said "well covered": it is
    read back as written."""
    _, out = batch_one(tmp_path, EXERCISES_ONLY, "-q", DEFENCE)
    record = read_as_format(out, 18)
    strengths = record["report"]["feedback"]["strengths"]
    assert strengths[0].startswith(
        "Defence cooperation: well covered — you wrote “Dharma Guardian”"
    )
    assert record["report"]["marks"] == 1.5
