"""Session 45: the examiner's comment agrees with marks an advisory's cap lowered (our own
questions and answers; the real pipeline and real files).

"The answer earns credit with “water”" had stood beside 0 marks for a short answer about
something else, and "where “transfer of technology” earned credit" beside a Mains answer capped at
10%. The comment now says the words matched points and names, once, the advisories holding the
marks; the marks themselves do not move. The terminal, the JSON report, the batch files and their
HTML report say the same (the web result page: tests/web/test_web_result.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from batch_support import batch_one, read_as_format
from capped_support import UNNAMED_PARTNERS
from click.testing import CliRunner
from quiz_support import derive_draft

from evaluator.batch.compact import read_records
from evaluator.cli import main
from evaluator.rubric.loader import LoadedRubric, load_rubric
from evaluator.scoring.engine import evaluate

SEED = "What does a seed need from its surroundings before it can germinate?"
SEED_REFERENCES = [
    "A seed needs water, warmth and oxygen to germinate.",
    "Water to swell, a warm temperature and oxygen for respiration.",
]
OFF_TOPIC_SHORT = "Akbar built a water tank near his fort."

# a thin answer whose length cap binds (too_short), with two named exercises that matched points
THIN = (
    "India and Japan hold the JIMEX naval exercise and Dharma Guardian, and Japan may sell "
    "India the US-2 amphibious aircraft."
)
# a short answer whose length cap does not bind: its words earned what they show
UNDER_ITS_CAP = (
    "India and Japan hold the JIMEX naval exercise every year. Their ties have grown over many "
    "years and both leaders often meet and talk about many things that matter to them and to the "
    "wider world, and they hope to do more together in the years to come for the good of all "
    "people."
)
DEFENCE = "defence-cooperation"


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> LoadedRubric:
    """The draft `rubric derive --reference ...` writes for a 3-mark short question."""
    folder = tmp_path_factory.mktemp("seed") / "seed"
    derive_draft(folder, SEED, SEED_REFERENCES, 3, 30)
    return load_rubric(folder / "rubric.yaml")


def _sentences(comment: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.:])\s+", comment) if s]


def _says_each_thing_once(comment: str) -> None:
    sentences = _sentences(comment)
    assert len(sentences) == len(set(sentences)), comment
    assert comment.count("advisory below") + comment.count("advisories below") <= 1, comment


# --- the report -------------------------------------------------------------------------------


def test_an_off_topic_short_answer_at_0_marks_is_not_told_it_earns_credit(
    seed: LoadedRubric,
) -> None:
    report = evaluate(OFF_TOPIC_SHORT, seed, seed.rubric.questions[0].id)
    assert report.marks == 0 and report.arithmetic.before_advisories > 0  # the cap took them
    comment = report.feedback.comment
    assert "earns credit" not in comment and "earned credit" not in comment
    assert comment.startswith(
        "The answer's “water” matched a point of the question, but the advisory below "
        "(off topic) holds its marks at 0."
    )
    assert "Adding points will not raise them: deal with that advisory first." in comment
    # what the advisory says (its message) is said once, under Advisories, not again here
    (advisory,) = [a for a in report.advisories if a.code == "off_topic"]
    assert "something else" in advisory.message and "something else" not in comment
    assert comment.count("off topic") == 1
    _says_each_thing_once(comment)


@pytest.mark.parametrize("text", ["Water, warmth and oxygen.", "It needs water."])
def test_a_right_short_answer_still_earns_credit(seed: LoadedRubric, text: str) -> None:
    report = evaluate(text, seed, seed.rubric.questions[0].id)
    assert report.marks > 0 and not report.advisories
    assert report.feedback.comment.startswith("The answer earns credit with “")


def test_a_mains_answer_capped_at_ten_percent_names_the_cap_and_its_marks() -> None:
    report = evaluate(UNNAMED_PARTNERS, "india-japan", DEFENCE)
    (advisory,) = [a for a in report.advisories if a.cap is not None]
    assert advisory.code == "off_topic" and advisory.cap == 0.1
    assert report.marks == 1 < report.arithmetic.before_advisories  # the cap binds, marks as before
    comment = report.feedback.comment
    assert "earned credit" not in comment
    assert comment.startswith(
        "The answer is strongest on Defence cooperation, where “transfer of technology”, "
        "“military” matched a point of the question, but the advisory below (off topic) holds "
        "its marks at 1."
    )
    _says_each_thing_once(comment)


def test_a_length_cap_that_binds_is_named_beside_the_step_that_lifts_it() -> None:
    report = evaluate(THIN, "india-japan", DEFENCE)
    assert [a.code for a in report.advisories] == ["too_short"]
    assert report.marks == 1 < report.arithmetic.before_advisories
    comment = report.feedback.comment
    assert (
        "matched points of the question, but the advisory below (too short) holds its marks "
        "at 1. Its biggest gap is its length: the first step below"
    ) in comment
    assert "earned credit" not in comment
    _says_each_thing_once(comment)


def test_a_cap_the_marks_were_already_within_leaves_the_credit_standing() -> None:
    report = evaluate(UNDER_ITS_CAP, "india-japan", DEFENCE)
    (advisory,) = report.advisories
    assert advisory.code == "too_short" and "not binding here" in advisory.effect
    assert report.feedback.comment.startswith(
        "The answer is strongest on Defence cooperation, where “JIMEX” earned credit."
    )


# --- the faces --------------------------------------------------------------------------------


def _invoke(*args: str) -> Any:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result


def test_the_terminal_and_the_json_report_say_the_same(seed: LoadedRubric, tmp_path: Path) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(OFF_TOPIC_SHORT, encoding="utf-8")
    rubric = str(seed.path)
    shown = " ".join(_invoke("grade", str(answer), "-r", rubric).output.split())
    assert "Marks: 0 / 3" in shown
    assert (
        "The answer's “water” matched a point of the question, but the advisory below (off "
        "topic) holds its marks at 0."
    ) in shown
    assert "earns credit" not in shown
    data = json.loads(_invoke("grade", str(answer), "-r", rubric, "--json").output)
    assert data["marks"] == 0
    assert "holds its marks at 0" in data["feedback"]["comment"]


def test_batch_files_and_their_html_report_carry_the_new_comment(tmp_path: Path) -> None:
    answers = tmp_path / "answers"
    answers.mkdir()
    (answers / "unnamed.txt").write_text(UNNAMED_PARTNERS, encoding="utf-8")
    (answers / "thin.txt").write_text(THIN, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    _invoke("batch", str(answers), "-q", DEFENCE, "-o", str(out), "--quiet")
    records = {Path(r["id"]).name: r for r in read_records(str(out))}
    for name, text in (("unnamed.txt", UNNAMED_PARTNERS), ("thin.txt", THIN)):
        report = records[name]["report"]
        assert (
            report["feedback"]["comment"]
            == evaluate(text, "india-japan", DEFENCE).to_dict()["feedback"]["comment"]
        )
        assert "holds its marks at 1" in report["feedback"]["comment"]
    html = tmp_path / "out.html"
    _invoke("batch", str(answers), "-q", DEFENCE, "-o", str(html), "--quiet")
    page = html.read_text(encoding="utf-8")
    assert (
        "where “transfer of technology”, “military” matched a point of the question, but the "
        "advisory below (off topic) holds its marks at 1."
    ) in page
    assert "earned credit" not in page


def test_a_file_of_the_previous_compact_format_reads_back_with_its_own_words(
    tmp_path: Path,
) -> None:
    """A format-17 file was written when the comment said "earned credit": it is read back as
    written."""
    _, out = batch_one(tmp_path, UNNAMED_PARTNERS, "-q", DEFENCE)
    record = read_as_format(out, 17)
    comment = record["report"]["feedback"]["comment"]
    assert "where “transfer of technology”, “military” earned credit." in comment
    assert record["report"]["marks"] == 1
