"""Session 48: a point's facts stated in one sentence are listed once (our own answers; the real
pipeline, the CLI and batch files). The web result page: tests/web/test_web_facts_once.py.

"The leaders met at the 14th annual summit in 2022" states two facts of one point, the summit's
number and its year, which the rubric checks apart: every face listed "correct: 14th" and
"correct: 2022" on lines of their own. Now one place (``facts_listed``) decides what the Facts
list says, a point's right facts of one sentence on one line ("correct: 14th, 2022") and its wrong
ones of one clause on one line that quotes the clause once and gives each value with what the
notes say; each fact records the sentence it was read from.
"""

from __future__ import annotations

from html import unescape
from pathlib import Path
from typing import Any

from batch_support import batch_one, read_as_format
from click.testing import CliRunner

from evaluator.cli import main
from evaluator.scoring import facts_listed
from evaluator.scoring.engine import evaluate

QUESTION = "2plus2-significance"
# our own words: the summit's number and year in one sentence, both right
SUMMIT = "The leaders met at the 14th annual summit in 2022 and set a five trillion yen goal."
# the first 2+2's year and city in one clause, both wrong
FIRST_WRONG = "The first India-Japan 2+2 met in 2018 in Tokyo."
# the summit's number right and its year wrong, in one sentence
SUMMIT_MIXED = "The 14th annual summit was held in 2021."


def _facts_section(tmp_path: Path, text: str) -> list[str]:
    """The lines under Facts of `mains-eval grade`."""
    answer = tmp_path / "answer.txt"
    answer.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["grade", str(answer), "-q", QUESTION])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "Facts" in lines, result.output
    start = lines.index("Facts") + 1
    return lines[start : lines.index("", start)]


# --- the terminal -----------------------------------------------------------------------------


def test_grade_lists_two_right_facts_of_one_point_and_sentence_on_one_line(
    tmp_path: Path,
) -> None:
    facts = _facts_section(tmp_path, SUMMIT)
    assert len(facts) == 1, facts
    assert facts[0].split()[0] == "supported"
    assert facts[0].endswith("— correct: 14th, 2022")
    assert "correct: 2022" not in "\n".join(facts)


def test_grade_lists_two_wrong_facts_of_one_clause_once_each_with_the_notes(
    tmp_path: Path,
) -> None:
    facts = _facts_section(tmp_path, FIRST_WRONG)
    assert facts == [
        "  contradicted Ministerial 2+2 upgraded from the secretary-level 2+2 — you wrote 2018 "
        "and Tokyo in “The first India-Japan 2+2 met in 2018 in Tokyo”; the source notes say "
        "2019 and New Delhi"
    ]


def test_grade_tells_a_right_fact_of_a_wrong_sentence_on_the_wrong_line(tmp_path: Path) -> None:
    # session 48 listed the right fact apart ("supported  The 14th annual summit was held in
    # March 2022. — correct: 14th"), quoting the notes' claim with the year the answer got
    # wrong; since session 49 its value is told on the wrong fact's line, once
    facts = _facts_section(tmp_path, SUMMIT_MIXED)
    assert [line.split()[0] for line in facts] == ["contradicted"]
    assert facts[0].endswith(
        "you wrote 2021 in “The 14th annual summit was held in 2021”; the source notes say 2022"
        "; 14th is right"
    )


def test_grade_lists_two_facts_of_one_point_that_find_the_same_once(tmp_path: Path) -> None:
    # two facts of the balancing point read "US ally" in one sentence: one line, under its label
    text = "Unlike non-aligned India, Japan is a US ally and stays outside BRICS."
    assert _facts_section(tmp_path, text) == [
        "  supported    India's balancing act (Quad vs BRICS/SCO, strategic autonomy, "
        "non-alignment) — correct: US ally"
    ]


# --- the library --------------------------------------------------------------------------------


def test_each_checked_fact_records_the_sentence_it_was_read_from() -> None:
    text = f"India and Japan are close partners. {SUMMIT}"
    report = evaluate(text, "india-japan", QUESTION)
    checked = [f for f in report.facts if f.status != "absent"]
    assert {f.id for f in checked} == {"annual-summit-number", "summit-14th-year"}
    start = text.index("The leaders")
    assert {f.sentence for f in checked} == {(start, len(text))}
    assert all(f.sentence is None for f in report.facts if f.status == "absent")
    (line,) = facts_listed(report.to_dict())
    assert line["facts"] == ["annual-summit-number", "summit-14th-year"]
    assert line["found"] == ["14th", "2022"] and line["sentence"] == [start, len(text)]


def test_a_report_stored_before_facts_had_sentences_lists_each_fact_once() -> None:
    stored = evaluate(SUMMIT, "india-japan", QUESTION).to_dict()
    for fact in stored["facts"]:
        del fact["sentence"]
    lines = [line["message"] for line in facts_listed(stored)]
    assert lines == ["correct: 14th", "correct: 2022"]


# --- batch files and their HTML report ----------------------------------------------------------


def _facts_items(page: str) -> list[str]:
    section = page[page.index('<section class="answer"') :]
    listed = section[section.index("<p>Facts:</p>") :]
    listed = listed[: listed.index("</ul>")]
    return [item.split("</li>")[0].strip() for item in listed.split("<li>")[1:]]


def test_the_batch_html_report_lists_a_points_facts_of_one_sentence_once(
    tmp_path: Path,
) -> None:
    answers = tmp_path / "answers"
    answers.mkdir()
    (answers / "summit.txt").write_text(SUMMIT, encoding="utf-8")
    (answers / "first.txt").write_text(FIRST_WRONG, encoding="utf-8")
    html = tmp_path / "out.html"
    result = CliRunner().invoke(
        main, ["batch", str(answers), "-q", QUESTION, "-o", str(html), "--quiet"]
    )
    assert result.exit_code == 0, result.output
    page = unescape(html.read_text(encoding="utf-8"))
    first, summit = page.split('<section class="answer"')[1:3]
    assert _facts_items('<section class="answer"' + summit) == [
        "supported: 14th annual summit (March 2022), post-COVID partnership (correct: 14th, 2022)"
    ]
    (wrong,) = _facts_items('<section class="answer"' + first)
    assert wrong.count("“The first India-Japan 2+2 met in 2018 in Tokyo") == 1
    assert "the source notes say 2019 and New Delhi" in wrong


def test_a_compact_record_keeps_each_facts_sentence(tmp_path: Path) -> None:
    record, out = batch_one(tmp_path, SUMMIT, "-q", QUESTION)
    fresh: dict[str, Any] = evaluate(SUMMIT, "india-japan", QUESTION).to_dict()
    assert record["report"]["facts"] == fresh["facts"]
    assert "report" not in _raw_records(out)[0]  # kept compact, not written in full
    # a file of the format before reads back as written (no sentences): each fact on its line
    older = read_as_format(out, 23)
    assert older["report"]["facts"] == [
        {k: v for k, v in f.items() if k != "sentence"} for f in fresh["facts"]
    ]
    assert [line["message"] for line in facts_listed(older["report"])] == [
        "correct: 14th",
        "correct: 2022",
    ]


def _raw_records(path: Path) -> list[dict[str, Any]]:
    import json

    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[1:]]
