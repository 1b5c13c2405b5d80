"""End to end in a real browser: Debian's Chromium driven by Playwright against the app served
by waitress on 127.0.0.1. Without Chromium the tests skip, or fail when CI=true."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from capped_support import UNNAMED_PARTNERS
from playwright.sync_api import expect
from webtest_support import (
    COPIED_ANSWER,
    PASSWORD,
    PASTED,
    QUESTION,
    REWRITTEN_ANSWER,
    ServerThread,
)

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# covers some points, denies one, gets a date wrong: every highlight colour shows
RICH_ANSWER = """The India–Japan 2+2 dialogue brings the foreign and defence ministers of both \
countries to one table, a format India keeps for its closest partners.

Strategic significance:
- It gives the Special Strategic and Global Partnership a regular political and military channel.
- Both countries work together in the Quad for a free and open Indo-Pacific.
- Defence exercises such as JIMEX and Dharma Guardian have grown in scope.

Economic significance:
- The Comprehensive Economic Partnership Agreement came into force in 2016 and trade has grown.
- Japan funds the Mumbai–Ahmedabad high-speed rail project.

Challenges: Japan is not a partner in the Acquisition and Cross-Servicing Agreement, and trade \
remains modest.

In conclusion, the 2+2 turns shared concern about the Indo-Pacific into concrete cooperation; \
the way forward is deeper defence technology ties."""


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """SQLite only: the browser sees what the page tests already check on both databases."""
    return "sqlite:///" + str(tmp_path / "instance" / "mains-eval.sqlite")


@pytest.fixture
def page(chromium: Any, live_server: ServerThread) -> Iterator[Any]:
    """A fresh browser context (own cookies and storage) with console errors collected."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    tab = context.new_page()
    tab.console_errors = []
    tab.on("console", lambda m: tab.console_errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda exc: tab.console_errors.append(str(exc)))
    yield tab
    context.close()


def _register(page: Any, base: str, name: str) -> None:
    page.goto(base + "/")
    page.get_by_role("link", name="Register").click()
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat password").fill(PASSWORD)
    page.get_by_role("button", name="Register").click()
    page.wait_for_url(base + "/")


def _open_write_page(page: Any) -> None:
    """Follow the home page's "Write an answer" link and wait until its script has run.

    The word counter and draft status are set by a deferred script: typing before it runs
    is counted when it does, so the test waits for the page as a learner's eyes would.
    """
    page.locator(f"#write-{QUESTION}").click()
    page.wait_for_url(re.compile(r".*/write/[^/]+/[^/]+$"))
    page.wait_for_load_state("domcontentloaded")


def test_learner_writes_submits_sees_highlights_and_history(
    page: Any, live_server: ServerThread
) -> None:
    base = live_server.url
    _register(page, base, "browser-learner")
    _open_write_page(page)
    box = page.get_by_label("Your answer")
    box.press_sequentially("India and Japan ")
    expect(page.locator("#word-count")).to_have_text("3 / 250 words")
    box.fill(RICH_ANSWER)
    box.dispatch_event("input")
    expect(page.locator("#word-count")).not_to_have_text("3 / 250 words")
    words = int(page.locator("#word-count").inner_text().split(" /")[0])
    assert 100 < words < 160

    # the draft survives a reload
    page.wait_for_timeout(500)
    page.reload()
    assert page.get_by_label("Your answer").input_value() == RICH_ANSWER
    assert "Restored" in page.locator("#draft-status").inner_text()

    # the optional timer counts down from 11 minutes for a 15-mark question
    assert page.locator("#timer-display").inner_text() == "11:00"
    page.locator("#timer-toggle").click()
    expect(page.locator("#timer-display")).not_to_have_text("11:00", timeout=5000)
    page.locator("#timer-toggle").click()

    page.get_by_role("button", name="Submit for marking").click()
    page.wait_for_url(re.compile(r".*/attempts/\d+$"))
    attempt_url = page.url
    assert re.fullmatch(r"[\d.]+", page.locator(".score-value").inner_text())
    assert page.locator(".score-max").inner_text().strip() == "/ 15"
    covered = page.locator("#highlighted-answer mark.hl-covered")
    assert covered.count() > 0
    assert covered.first.get_attribute("title").startswith("Covered: ")
    covered.first.focus()  # the tooltip shows for keyboard users too
    tip = page.evaluate(
        "getComputedStyle(document.activeElement, '::after').getPropertyValue('content')"
    )
    assert "Covered:" in tip
    # the wrong year (2016 for CEPA) is marked as contradicted, in its own colour
    assert page.locator("#highlighted-answer mark.hl-contradicted", has_text="2016").count() == 1
    colours = page.evaluate(
        "Array.from(document.querySelectorAll('.legend mark'))"
        ".map(m => getComputedStyle(m).backgroundColor)"
    )
    assert len(colours) == 4 and len(set(colours)) == 4
    assert page.locator("svg.bar").count() >= 1
    model = page.locator("#model-answer")
    assert model.get_attribute("open") is None
    model.locator("summary").click()
    assert model.get_attribute("open") is not None

    ARTIFACTS.mkdir(exist_ok=True)
    model.locator("summary").click()
    page.screenshot(path=str(ARTIFACTS / "result-page.png"), full_page=True)
    page.screenshot(
        path=str(ARTIFACTS / "result-page-top.png"),
        full_page=True,
        clip={"x": 0, "y": 0, "width": 1280, "height": 1400},
    )

    # submitted and marked: the local draft is gone, so the next attempt starts clean
    draft = page.evaluate(f"localStorage.getItem('draft:india-japan:{QUESTION}')")
    assert draft is None

    page.get_by_role("navigation", name="Main").get_by_role("link", name="History").click()
    row_link = page.locator("table.attempts a").first
    assert attempt_url.endswith(row_link.get_attribute("href"))
    assert page.locator(".chart-point").count() == 1
    row_link.click()
    page.wait_for_url(attempt_url)
    assert page.console_errors == []  # CSP violations and script errors show up here


def test_copied_words_are_marked_and_the_lifted_cap_named_in_the_history(
    page: Any, live_server: ServerThread
) -> None:
    """A learner capped for pasting the source notes sees which words to rewrite: the copied
    stretch has its own style (a dashed box, not a colour alone), a legend entry and an
    explanation on hover and on focus; once rewritten, the history says the cap is gone."""
    base = live_server.url
    _register(page, base, "copying-learner")
    for answer in (COPIED_ANSWER, REWRITTEN_ANSWER):
        page.goto(f"{base}/write/india-japan/{QUESTION}")
        page.get_by_label("Your answer").fill(answer)
        page.get_by_role("button", name="Submit for marking").click()
        page.wait_for_url(re.compile(r".*/attempts/\d+$"))
        if answer is COPIED_ANSWER:
            copied = page.locator("#highlighted-answer mark.hl-copied")
            assert copied.count() == 1
            shown = copied.evaluate(
                "m => { const c = m.cloneNode(true);"
                " c.querySelectorAll('.visually-hidden').forEach(s => s.remove());"
                " return c.textContent; }"
            )
            assert shown == PASTED.rstrip(".")
            assert copied.evaluate("m => getComputedStyle(m).borderTopStyle") == "dashed"
            legend = page.locator(".legend mark.hl-copied")
            assert legend.inner_text() == "Copied from the source notes"
            assert legend.evaluate("m => getComputedStyle(m).borderTopStyle") == "dashed"
            # the keyboard reaches it from the answer, and it explains itself on focus
            page.locator("#highlight-region").focus()
            for _ in range(10):  # the arrow keys walk the highlights: the stretch is one
                page.keyboard.press("ArrowRight")
                if page.evaluate("document.activeElement.matches('mark.hl-copied')"):
                    break
            tip = page.evaluate(
                "getComputedStyle(document.activeElement, '::after').getPropertyValue('content')"
            )
            assert "rewrite it in your own words" in tip
            ARTIFACTS.mkdir(exist_ok=True)
            page.locator("#answer-heading").locator("xpath=..").screenshot(
                path=str(ARTIFACTS / "result-copied.png")
            )
    page.get_by_role("navigation", name="Main").get_by_role("link", name="History").click()
    latest = page.locator("table.attempts tbody tr").first
    expect(latest).to_contain_text("No longer capped: copied from the notes")
    assert page.console_errors == []


def test_script_in_an_answer_renders_as_text(page: Any, live_server: ServerThread) -> None:
    base = live_server.url
    _register(page, base, "hostile-learner")
    page.goto(f"{base}/write/india-japan/{QUESTION}")
    hostile = "Japan is a Quad partner. <script>window.__owned = 1</script> <b>bold</b> {{ 7*7 }}"
    page.get_by_label("Your answer").fill(hostile)
    page.get_by_role("button", name="Submit for marking").click()
    page.wait_for_url(re.compile(r".*/attempts/\d+$"))
    shown = page.locator("#highlighted-answer").inner_text()
    assert "<script>window.__owned = 1</script>" in shown
    assert "<b>bold</b>" in shown and "{{ 7*7 }}" in shown
    assert page.evaluate("typeof window.__owned") == "undefined"
    assert page.locator("#highlighted-answer b").count() == 0
    assert page.locator("#highlighted-answer script").count() == 0
    assert page.console_errors == []


def test_pages_fit_a_phone_screen(chromium: Any, live_server: ServerThread) -> None:
    context = chromium.new_context(viewport={"width": 360, "height": 740})
    phone = context.new_page()
    _register(phone, live_server.url, "phone-learner")
    for answer in ("India and Japan hold JIMEX and Malabar exercises.", RICH_ANSWER):
        phone.goto(f"{live_server.url}/write/india-japan/{QUESTION}")
        phone.get_by_label("Your answer").fill(answer)
        phone.get_by_role("button", name="Submit for marking").click()
        phone.wait_for_url(re.compile(r".*/attempts/\d+$"))
    # trial 30c: a tapped highlight's note ran off the right edge of the screen; on a phone it
    # opens as a bar within the screen
    rightmost = phone.evaluate(
        "Array.from(document.querySelectorAll('mark.hl[data-tip]')).map((m, i) => "
        "[m.getBoundingClientRect().right, i]).sort((a, b) => b[0] - a[0])[0][1]"
    )
    mark = phone.locator("mark.hl[data-tip]").nth(rightmost)
    mark.focus()
    note = phone.evaluate(
        "(m) => { const s = getComputedStyle(m, '::after'); return [s.content, s.position, "
        "parseFloat(s.left), parseFloat(s.right)]; }",
        mark.element_handle(),
    )
    assert note[0] not in ("none", "normal") and note[1] == "fixed", note
    assert note[2] >= 0 and note[3] >= 0, note
    assert "tap a highlight" in phone.content()
    for path in ("/", f"/write/india-japan/{QUESTION}", "/history/", "/no-such-page"):
        phone.goto(live_server.url + path)
        overflow = phone.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path
    # web trial 27b: the history table scrolled sideways in its box, hiding the points gained
    # and lost; on a phone each attempt is a block, its points under it
    phone.goto(live_server.url + "/history/")
    hidden = phone.evaluate(
        "Array.from(document.querySelectorAll('.table-wrap'))"
        ".map(w => w.scrollWidth - w.clientWidth)"
    )
    assert hidden and max(hidden) <= 0, hidden
    assert phone.locator("table.attempts .pill-covered").first.is_visible()
    # session 32: the chart shrank to half its width on a phone and its axis labels to 6 px
    for width in (360, 390):
        phone.set_viewport_size({"width": width, "height": 844})
        labels = phone.evaluate(
            """() => Array.from(document.querySelectorAll('.chart-svg text.chart-tick'))
                .filter(t => getComputedStyle(t).display !== 'none')
                .map(t => {
                    const svg = t.ownerSVGElement;
                    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                    return {
                        text: t.textContent,
                        height: t.getBoundingClientRect().height,
                        font: parseFloat(getComputedStyle(t).fontSize) * scale,
                        left: t.getBoundingClientRect().left
                            - svg.getBoundingClientRect().left,
                    };
                })"""
        )
        assert len(labels) >= 7, labels  # the five marks and the two attempts' numbers
        for label in labels:
            assert label["height"] >= 10 and label["font"] >= 10, (width, label)
            assert label["left"] >= 0, (width, label)  # not cut off at the chart's edge
    context.close()


SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshot.png"


def test_result_page_leads_with_the_comment_and_the_steps_worth_most(
    chromium: Any, live_server: ServerThread
) -> None:
    """What a learner sees first after marking: the examiner's comment and at most five next
    steps, each with its worth in marks; the rest and the full list behind disclosures. The
    screenshot in README and docs is taken here."""
    # a narrow window, so the picture is small and the same on every run
    context = chromium.new_context(viewport={"width": 1000, "height": 800})
    page = context.new_page()
    try:
        base = live_server.url
        _register(page, base, "next-steps-learner")
        page.goto(f"{base}/write/india-japan/{QUESTION}")
        page.get_by_label("Your answer").fill(RICH_ANSWER)
        page.get_by_role("button", name="Submit for marking").click()
        page.wait_for_url(re.compile(r".*/attempts/\d+$"))

        card = page.locator("#next-steps")
        comment = page.locator("#examiner-comment").inner_text()
        assert 2 <= comment.count(". ") + 1 <= 3
        steps = card.locator("ol.next-steps > li")
        assert 1 <= steps.count() <= 5
        worths = [steps.nth(i).locator(".pill-gain").inner_text() for i in range(steps.count())]
        assert all(re.fullmatch(r"\+[\d.]+ marks?|under [\d.]+ marks", w) for w in worths)
        assert worths[0] in comment  # one voice: the comment's gap is the first step
        texts = [steps.nth(i).locator(".step-text").inner_text() for i in range(steps.count())]
        assert len(set(texts)) == len(texts)
        # the card comes before the details a tutor digs into, which stay folded
        assert card.bounding_box()["y"] < page.locator("#dim-heading").bounding_box()["y"]
        assert page.locator("#more-steps").get_attribute("open") is None
        assert page.locator("#all-improvements").get_attribute("open") is None
        if page.locator("#all-improvements").count():
            # what it lists beside the steps, it does not say again
            page.locator("#all-improvements summary").click()
            others = page.locator("#all-improvements li").all_inner_texts()
            assert not [o for o in others if any(o.startswith(t.rstrip(".")) for t in texts)]
            page.locator("#all-improvements summary").click()

        page.evaluate("window.scrollTo(0, 0)")
        bottom = card.evaluate("e => e.getBoundingClientRect().bottom + window.scrollY")
        page.screenshot(
            path=str(SCREENSHOT),
            full_page=True,
            animations="disabled",
            caret="hide",
            clip={"x": 0, "y": 0, "width": 1000, "height": bottom + 16},
        )
        assert SCREENSHOT.stat().st_size < 400_000
    finally:
        context.close()


def test_back_after_a_submit_counts_the_refilled_words_and_says_it_was_marked(
    page: Any, live_server: ServerThread
) -> None:
    # web trial 27b: Back refilled the box but the counter said "0 / 150 words", and the
    # button could be pressed again without a word that this saves a second attempt
    base = live_server.url
    _register(page, base, "back-button-learner")
    _open_write_page(page)
    write_url = page.url
    box = page.get_by_label("Your answer")
    box.fill(RICH_ANSWER)
    box.dispatch_event("input")
    typed = page.locator("#word-count").inner_text()
    page.get_by_role("button", name="Submit for marking").click()
    page.wait_for_url(re.compile(r".*/attempts/\d+$"))
    page.go_back()
    page.wait_for_url(write_url)
    # Chromium restores the form's text on Back
    assert page.get_by_label("Your answer").input_value() == RICH_ANSWER
    assert page.locator("#word-count").inner_text() == typed
    assert "submitted already" in page.locator("#draft-status").inner_text()
    button = page.get_by_role("button", name="Submit for marking")
    expect(button).to_be_enabled()
    assert page.console_errors == []


def test_a_capped_answer_reads_its_marks_and_its_comment_alike(
    page: Any, live_server: ServerThread
) -> None:
    """Session 45: beside the 1 mark of 10 the off_topic cap leaves, the comment had said
    "where “transfer of technology” earned credit"."""
    base = live_server.url
    _register(page, base, "capped-learner")
    page.goto(f"{base}/write/india-japan/defence-cooperation")
    page.get_by_label("Your answer").fill(UNNAMED_PARTNERS)
    page.get_by_role("button", name="Submit for marking").click()
    page.wait_for_url(re.compile(r".*/attempts/\d+$"))
    assert page.locator(".score-value").inner_text().strip() == "1"
    comment = page.locator("#examiner-comment").inner_text()
    assert (
        "matched a point of the question, but the advisory below (off topic) holds its marks at 1."
    ) in comment
    assert "earned credit" not in page.locator("main").inner_text()
    assert page.console_errors == []
