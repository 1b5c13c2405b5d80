"""The batch HTML report in a real browser (Debian's Chromium under Playwright): it opens
offline, fetches nothing, runs no hostile script, its table sorts, filters and links to the
feedback, and a report of 20,000 answers opens quickly."""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path
from typing import Any

import pytest

from evaluator.batch.compact import build_header, compact_record
from evaluator.batch.core import BatchResult, grade_items
from evaluator.batch.inputs import BatchItem
from evaluator.batch.report import render_html_report
from evaluator.rubric.loader import load_rubric

BATCH_DATA = Path(__file__).resolve().parent / "data" / "batch"
TEST_RUBRIC = BATCH_DATA / "rubric"
OPEN_BOUND_SECONDS = 5.0
"""A 20,000-answer report must be readable (summary drawn, first page of the table filled)
within this, on the shared 2-core CI machine."""

pytestmark = pytest.mark.browser


def _open(chromium: Any, path: Path) -> tuple[Any, Any, list[str], list[str]]:
    context = chromium.new_context(offline=True)
    page = context.new_page()
    requests: list[str] = []
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(path.as_uri())
    return context, page, requests, dialogs + errors


def test_report_opens_offline_and_links_reach_the_feedback(
    mains_eval, tmp_path: Path, chromium: Any
) -> None:
    table = tmp_path / "class.csv"
    table.write_text(
        "id,answer,question\n"
        '"<script>alert(1)</script>","India and Japan cooperate in the Quad.",\n'
        "<img src=x onerror=alert(2)>,The Special Strategic and Global Partnership.,\n"
        "rail,Japan builds a high-speed rail line in India.,economic-q\n"
        "bad,India and Japan.,no-such-question\n",
        encoding="utf-8",
    )
    out = tmp_path / "report.html"
    rubric = ["-r", str(TEST_RUBRIC), "-q", "strategic-q"]
    done = mains_eval("batch", str(table), *rubric, "-o", str(out))
    assert done.returncode == 0, done.stderr

    context, page, requests, problems = _open(chromium, out)
    assert requests == [out.as_uri()]  # nothing else is fetched
    assert problems == []  # the hostile ids are text, not script; the CSP lets our script run

    assert page.locator("figure svg").is_visible()
    rows = page.locator("#results-table tbody tr")
    assert rows.count() == 4
    assert rows.nth(0).locator("td").nth(1).inner_text() == "<script>alert(1)</script>"
    assert "unknown question" in rows.nth(3).inner_text()

    page.fill("#table-filter", "rail")
    assert rows.count() == 1 and "of 1 answers" in page.inner_text("#table-count")
    rows.nth(0).locator("a").first.click()
    assert page.evaluate("location.hash") == "#r3"
    target = page.locator("section.answer:target")
    assert target.count() == 1
    assert "rail" in target.locator("h3").inner_text()
    assert "Marks:" in target.inner_text()

    page.fill("#table-filter", "")
    page.check("#only-errors")
    assert rows.count() == 1 and "bad" in rows.nth(0).inner_text()
    context.close()


def test_report_of_20000_answers_opens_quickly_and_sorts(
    tmp_path: Path, chromium: Any, nlp: object
) -> None:
    # twenty real reports, repeated with their marks spread, written as a run writes them
    loaded = load_rubric(TEST_RUBRIC)
    texts = [
        "India and Japan are Quad members and cooperate on maritime security.",
        "Their ties are a Special Strategic and Global Partnership. They cooperate.",
        "India and Japan hold the Malabar exercise; both are Quad members.",
        "Trade and investment.",
    ]
    graded = grade_items(
        [BatchItem(n, f"seed-{n}", "seed", "strategic-q", t) for n, t in enumerate(texts)], loaded
    )
    results = tmp_path / "report.html.jsonl"
    count = 20_000
    with results.open("w", encoding="utf-8") as handle:
        header = build_header(loaded, graded[0].report or {})
        handle.write(json.dumps(header) + "\n")
        for n in range(count):
            seed = graded[n % len(graded)]
            result = BatchResult(n, f"learner-{n:05d}", "mock.csv", seed.question, seed.report)
            handle.write(json.dumps(compact_record(result, header)) + "\n")
    out = tmp_path / "report.html"
    render_html_report(str(results), str(out))
    size = out.stat().st_size
    assert size < 20 * count + 1_000_000  # a table row per answer, not a section

    started = time.perf_counter()
    context, page, requests, problems = _open(chromium, out)
    page.wait_for_selector("#results-table tbody tr")
    seconds = time.perf_counter() - started
    assert problems == [] and requests == [out.as_uri()]
    assert seconds < OPEN_BOUND_SECONDS, f"{size / 1e6:.1f} MB report took {seconds:.1f} s"
    rows = page.locator("#results-table tbody tr")
    assert rows.count() == 200  # one page of the table at a time
    assert page.inner_text("#table-count") == f"1-200 of {count} answers"

    page.click("#results-table th[data-key='3']")  # marks, lowest first
    page.click("#results-table th[data-key='3']")  # and highest first
    first = rows.nth(0).locator("td").nth(3).inner_text()
    marks = sorted({r.report["marks"] for r in graded if r.report}, reverse=True)
    assert first.startswith(f"{marks[0]:g} /")
    context.close()


PHONE = {"width": 375, "height": 812}
"""A phone's viewport, in CSS pixels (an iPhone's)."""
LONG_ID = "student-" + "x" * 90
"""An id with no break in it, as a spreadsheet export's concatenated keys make."""


def _sideways(page: Any) -> dict[str, Any]:
    """How wide the page is, against the viewport, and how each table's box scrolls."""
    return page.evaluate(
        """() => ({
            page: document.documentElement.scrollWidth,
            viewport: window.innerWidth,
            boxes: Array.from(document.querySelectorAll(".table-scroll"), box => ({
                table: box.querySelector("table").id,
                scrolls: box.scrollWidth > box.clientWidth,
            })),
            idCell: document.querySelector("#results-table tbody tr:nth-child(2) td:nth-child(2)")
                .getBoundingClientRect().width,
        })"""
    )


def _first_marks(page: Any) -> dict[str, Any]:
    """Where the first row's marks fall against the table's box, how tall their text is (one
    line or more) and the question shown beside them (None when its column is hidden)."""
    return page.evaluate(
        """() => {
            const row = document.querySelector("#results-table tbody tr");
            const [question, marks] = [row.children[2], row.children[3]];
            const words = document.createRange();
            words.selectNodeContents(marks);
            const text = words.getBoundingClientRect();
            return {
                marks: marks.textContent,
                right: text.right,
                height: text.height,
                lineHeight: parseFloat(getComputedStyle(marks).lineHeight),
                boxRight: marks.closest(".table-scroll").getBoundingClientRect().right,
                question: question.getClientRects().length ? question.textContent : null,
            };
        }"""
    )


def test_report_is_readable_on_a_phone_and_unchanged_on_a_desktop(
    mains_eval, tmp_path: Path, chromium: Any
) -> None:
    # the bundled rubric's 2+2 question: its concepts table has nine columns, wider than a phone
    model = Path("rubrics/india-japan/model-answers/2plus2-significance.md")
    table = tmp_path / "answers.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "answer"])
        writer.writerow(["s-001", (Path(__file__).parents[1] / model).read_text("utf-8")])
        writer.writerow([LONG_ID, "The 2+2 dialogue of foreign and defence ministers."])
        writer.writerow(["s-003", "Unbrokenwordsthatgoonandonwithoutanyspace" * 3 + " 2+2."])
    out = tmp_path / "report.html"
    rubric = ["-r", "india-japan", "-q", "2plus2-significance"]
    done = mains_eval("batch", str(table), *rubric, "-o", str(out), "--quiet")
    assert done.returncode == 0, done.stderr

    phone = chromium.new_context(viewport=PHONE, offline=True)
    page = phone.new_page()
    page.goto(out.as_uri())
    page.wait_for_selector("#results-table tbody tr")
    seen = _sideways(page)
    assert seen["page"] <= PHONE["width"], f"the page scrolls sideways: {seen['page']} px wide"
    # the wide tables scroll inside their own box instead, and the long id wraps in a cell
    # still wide enough to read (not a letter a line)
    assert {"concepts-table", "results-table"} <= {
        b["table"] for b in seen["boxes"] if b["scrolls"]
    }
    assert 90 <= seen["idCell"] <= PHONE["width"]
    assert page.locator("#r2 h3").bounding_box()["width"] <= PHONE["width"]
    # one question: said once above the table, not in a column that pushes the marks out of
    # the box; the marks ("7 / 10") in view on one line
    marks = _first_marks(page)
    assert marks["question"] is None and " / " in marks["marks"]
    assert "2plus2-significance" in page.inner_text("#table-question")
    assert marks["right"] <= marks["boxRight"], marks
    assert marks["height"] < 1.5 * marks["lineHeight"], marks
    phone.close()

    desktop = chromium.new_context(viewport={"width": 1280, "height": 900}, offline=True)
    page = desktop.new_page()
    page.goto(out.as_uri())
    page.wait_for_selector("#results-table tbody tr")
    seen = _sideways(page)
    assert seen["page"] <= 1280
    assert [b["table"] for b in seen["boxes"] if b["scrolls"]] == []  # every table fits
    marks = _first_marks(page)
    assert marks["question"] == "2plus2-significance"  # a desktop keeps the question column
    assert not page.locator("#table-question").is_visible()
    assert marks["height"] < 1.5 * marks["lineHeight"], marks
    desktop.close()


def test_copied_stretches_are_boxed_and_fit_a_phone(
    mains_eval, tmp_path: Path, chromium: Any
) -> None:
    """The stretches an answer copied from the source notes are quoted in a dashed box under
    its advisory, the learner's markup beside them stays text, and a phone reads them without
    scrolling sideways."""
    pasted = (
        "The third India–Japan 2+2 meeting of foreign and defence ministers took place in New "
        "Delhi. Both sides recommitted to a rules-based international order resting on the UN "
        "Charter. They intend to revise the 2008 Joint Declaration on Security Cooperation so "
        "that it reflects present-day priorities and threats."
    )
    answers = tmp_path / "answers"
    answers.mkdir()
    (answers / "copied.txt").write_text(
        f"<script>alert(1)</script> {{{{ 7*7 }}}} To my mind it matters.\n\n{pasted}\n",
        encoding="utf-8",
    )
    out = tmp_path / "report.html"
    done = mains_eval("batch", str(answers), "-q", "2plus2-significance", "-o", str(out))
    assert done.returncode == 0, done.stderr

    phone = chromium.new_context(viewport=PHONE, offline=True)
    page = phone.new_page()
    problems: list[str] = []
    page.on("dialog", lambda d: (problems.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(out.as_uri())
    page.wait_for_selector("#results-table tbody tr")
    assert problems == []
    marks = page.locator("#r1 mark.copied")
    assert marks.count() == 1
    assert marks.first.inner_text().startswith("The third India–Japan 2+2 meeting")
    assert page.inner_text("#r1-copied") == "Copied from the source notes, word for word:"
    box = marks.first.evaluate(
        """mark => ({
            border: getComputedStyle(mark).borderTopStyle,
            right: Math.max(...Array.from(mark.getClientRects(), r => r.right)),
            lines: mark.getClientRects().length,
            page: document.documentElement.scrollWidth,
        })"""
    )
    assert box["border"] == "dashed"  # a box, not a colour alone
    assert box["lines"] > 1 and box["right"] <= PHONE["width"], box  # it wraps inside the page
    assert box["page"] <= PHONE["width"], box
    phone.close()
