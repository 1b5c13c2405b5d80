"""The HTML report: statistics that add up, and thousands of answers in one valid page."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from evaluator.batch.core import grade_items
from evaluator.batch.inputs import BatchItem
from evaluator.batch.outputs import jsonl_record
from evaluator.batch.report import gather_stats, render_html_report
from evaluator.rubric.loader import load_rubric

RUBRIC = Path(__file__).resolve().parent / "data" / "batch" / "rubric"
ANSWERS = [
    ("strategic-q", "India and Japan are Quad members and cooperate on maritime security."),
    ("strategic-q", "Their ties are a Special Strategic and Global Partnership. They cooperate."),
    ("economic-q", "Japan builds a high-speed rail line in India; the CEPA governs trade."),
]


class Structure(HTMLParser):
    """Collects element ids, in-page links and the tags left open."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and (values.get("href") or "").startswith("#"):
            self.links.append((values["href"] or "")[1:])
        if tag not in ("meta", "br", "img", "path", "use", "stop", "rect", "circle"):
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                pass


def test_report_of_thousands_of_answers(tmp_path: Path, nlp: object) -> None:
    loaded = load_rubric(RUBRIC)
    items = [
        BatchItem(n, f"seed-{n}", "seed", question, text)
        for n, (question, text) in enumerate(ANSWERS)
    ]
    graded = grade_items(items, loaded)
    results = tmp_path / "results.jsonl"
    count = 3000
    with results.open("w", encoding="utf-8") as handle:
        for n in range(count):
            record = jsonl_record(graded[n % len(graded)])
            record["id"] = f"student-{n:05d}"
            if n % 100 == 99:
                record.update(report=None, error="the answer is empty")
            handle.write(json.dumps(record) + "\n")
        handle.write('{"id": "torn')  # an interrupted run's unfinished last line is ignored

    stats = gather_stats(str(results))
    assert stats.graded == count - count // 100 and stats.errors == count // 100
    assert stats.maxima == {10, 15}
    assert set(stats.dimensions) == {"strategic", "economic"}
    assert {q: len(s.marks) for q, s in stats.questions.items()} == {
        "strategic-q": 1980,
        "economic-q": 990,
    }

    out = tmp_path / "report.html"
    render_html_report(str(results), str(out))
    html = out.read_text(encoding="utf-8")
    assert html.count('<section class="answer"') == count
    assert "percent of the maximum" in html  # mixed maxima: the histogram shows shares
    assert 'id="questions"' in html  # and a table per question
    parser = Structure()
    parser.feed(html)
    assert set(parser.links) <= parser.ids  # every in-page link has its target
    assert {f"r{n}" for n in range(1, count + 1)} <= parser.ids
    assert parser.open == []  # every element closed
    assert len(re.findall(r"<tr>", html)) > count
    assert not list(tmp_path.glob(".batch-report-*"))  # the temporary file was renamed away


def test_each_answer_shows_the_comment_and_the_steps_worth_most(
    tmp_path: Path, nlp: object
) -> None:
    loaded = load_rubric(RUBRIC)
    items = [
        BatchItem(n, f"seed-{n}", "seed", question, text)
        for n, (question, text) in enumerate(ANSWERS)
    ]
    results = tmp_path / "results.jsonl"
    with results.open("w", encoding="utf-8") as handle:
        for result in grade_items(items, loaded):
            handle.write(json.dumps(jsonl_record(result)) + "\n")
    out = tmp_path / "report.html"
    render_html_report(str(results), str(out))
    sections = out.read_text(encoding="utf-8").split('<section class="answer"')[1:]
    assert len(sections) == len(ANSWERS)
    lines = results.read_text(encoding="utf-8").splitlines()
    for line, section in zip(lines, sections, strict=True):
        feedback = json.loads(line)["report"]["feedback"]
        assert feedback["comment"] and feedback["next_steps"]
        shown = re.findall(r"<li>(.*?): <b>(.*?)</b></li>", section.split("</ol>")[0])
        assert 1 <= len(shown) <= 5
        assert [w for _, w in shown] == [s["worth"] for s in feedback["next_steps"]]
        assert "Examiner&#39;s comment" in section or "Examiner's comment" in section
