"""The batch HTML report quotes what each answer copied from the source notes: the stretches of
the ``copied_source`` advisory, boxed under that advisory, escaped, and only for answers that
copied."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from evaluator.batch.compact import read_records
from evaluator.batch.excerpts import excerpt
from evaluator.batch.report import render_html_report

Run = Callable[..., subprocess.CompletedProcess[str]]

FIRST = (
    "The third India–Japan 2+2 meeting <!-- & --> of foreign and defence ministers took place "
    "in New Delhi. Both sides recommitted to a rules-based international order resting on the UN "
    "Charter"
)
"""Two sentences of rubrics/india-japan/source-notes.md, word for word, with markup-like
punctuation inside them (no words, so the copied run goes on through it)."""
SECOND = (
    "They intend to revise the 2008 Joint Declaration on Security Cooperation so that it "
    "reflects present-day priorities and threats"
)
"""The sentence after them in the notes."""
COPIED = (
    'To my mind the dialogue matters a lot for both democracies in Asia. <script>alert("x")'
    "</script> {{ 7*7 }}\n\n"
    f"{FIRST}. {{{{ 7*7 }}}} {SECOND}.\n\n"
    "So, all told, I think the ties keep getting warmer every single year. <b>{{ 7*7 }}</b>\n"
)
"""An answer pasting three sentences of the notes between hostile text of its own."""
OWN = (
    "India and Japan hold a 2+2 dialogue of foreign and defence ministers. It matters because "
    "both want a free and open Indo-Pacific, and they work together in the Quad.\n"
)
"""An answer in its own words."""


class Marked(HTMLParser):
    """The text of each answer section, and of the copied stretches marked in it, by answer id."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, str] = {}
        self.marks: dict[str, list[str]] = {}
        self._id: str | None = None
        self._heading = False
        self._mark: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "section" and "answer" in classes:
            self._id = ""
        elif tag == "h3" and self._id == "":
            self._heading = True
        elif tag == "mark" and "copied" in classes:
            self._mark = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3":
            self._heading = False
        elif tag == "mark" and self._mark is not None and self._id:
            self.marks.setdefault(self._id, []).append("".join(self._mark))
            self._mark = None
        elif tag == "section":
            self._id = None

    def handle_data(self, data: str) -> None:
        if self._heading and self._id == "":
            self._id = data.split(". ", 1)[1]  # "<number>. <id>"
            self.sections[self._id] = ""
        elif self._id:
            self.sections[self._id] += data
        if self._mark is not None:
            self._mark.append(data)


def _marked(html: str) -> Marked:
    parser = Marked()
    parser.feed(html)
    return parser


def _run(mains_eval: Run, tmp_path: Path) -> tuple[Path, Path]:
    """A batch of the copying answer and the one in its own words: the report, its JSONL."""
    answers = tmp_path / "answers"
    answers.mkdir()
    (answers / "copied.txt").write_text(COPIED, encoding="utf-8")
    (answers / "own.txt").write_text(OWN, encoding="utf-8")
    out = tmp_path / "report.html"
    done = mains_eval(
        "batch", str(answers), "-q", "2plus2-significance", "-o", str(out), "--quiet",
        "--per-answer-pages", str(tmp_path / "pages"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out, tmp_path / "report.html.jsonl"


def test_report_marks_the_copied_words_escaped_and_nothing_in_an_answer_of_its_own(
    mains_eval: Run, tmp_path: Path
) -> None:
    out, _ = _run(mains_eval, tmp_path)
    html = out.read_text(encoding="utf-8")
    marked = _marked(html)
    copied = next(i for i in marked.sections if i.endswith("copied.txt"))
    own = next(i for i in marked.sections if i.endswith("own.txt"))

    # the two copied stretches, each in a dashed box under the advisory: the long one cut to its
    # first and last words, the short one whole; none of the learner's own words
    first, second = marked.marks[copied]
    start, end = first.split(" … ")
    assert start.startswith("The third India–Japan 2+2 meeting <!-- & --> of foreign")
    assert FIRST.startswith(start) and FIRST.endswith(end) and end.endswith("the UN Charter")
    assert second == SECOND
    for words in marked.marks[copied]:
        assert "To my mind" not in words and "script" not in words and "7*7" not in words
    section = marked.sections[copied]
    assert "[copied_source]" in section
    assert "Copied from the source notes, word for word" in section.split("[copied_source]")[1]
    assert "“The third India–Japan" in section  # quoted, not told by the box's colour alone

    # the learner's markup is text, never markup: escaped where it is shown, and never a comment
    raw = next(s for s in html.split('<section class="answer"') if "copied.txt</h3>" in s)
    assert "&lt;!-- &amp; --&gt;" in raw and "<!--" not in raw
    assert "<script>alert" not in html and "<b>{{" not in html

    # an answer in its own words: no advisory, no box, no quote
    assert own not in marked.marks
    assert "copied_source" not in marked.sections[own]
    assert "Copied from the source notes" not in marked.sections[own]

    # its page of its own marks the same words
    pages = {
        p.name: _marked(p.read_text(encoding="utf-8")) for p in (tmp_path / "pages").glob("*.html")
    }
    assert [p.marks.get(copied) for p in pages.values() if copied in p.sections] == [
        [first, second]
    ]
    assert all(own not in p.marks for p in pages.values())


def test_a_stored_stretch_is_escaped_whatever_it_says(mains_eval: Run, tmp_path: Path) -> None:
    """The report is rendered from a JSONL file anyone can edit: a stretch's text is user text
    like the rest, escaped, and a span of the wrong shape is skipped rather than a crash."""
    _, results = _run(mains_eval, tmp_path)
    records = list(read_records(str(results)))
    copied = next(r for r in records if str(r["id"]).endswith("copied.txt"))
    advisory = next(a for a in copied["report"]["advisories"] if a["code"] == "copied_source")
    hostile = '<script>alert(1)</script> {{ 7*7 }} </mark><img src=x onerror="alert(2)">'
    advisory["details"]["spans"] = [
        {"start": 0, "end": len(hostile), "text": hostile},
        "not a span",
        {"start": 3},
    ]
    edited = tmp_path / "edited.jsonl"
    edited.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "edited.html"
    render_html_report(str(edited), str(out))
    html = out.read_text(encoding="utf-8")
    assert _marked(html).marks[copied["id"]] == [hostile]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} &lt;/mark&gt;&lt;img" in html
    assert "<script>alert" not in html and "<img" not in html


def test_a_long_stretch_keeps_whole_words_at_both_ends() -> None:
    words = " ".join(f"word{n}" for n in range(100))  # 689 characters
    quote = excerpt(f"  {words}\n", 60)
    head, tail = quote.split(" … ")
    assert words.startswith(f"{head} ") and words.endswith(f" {tail}")  # no word cut in two
    assert len(quote) <= 60 and head and tail
    assert excerpt("x" * 300, 60) == "x" * 28 + " … " + "x" * 28  # one long word: cut anyway
    assert excerpt("The   notes\nsay so", 60) == "The notes say so"  # short: whole, on one line
