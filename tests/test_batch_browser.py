"""The batch HTML report in a real browser (Debian's Chromium under Playwright): it opens
offline, fetches nothing, runs no hostile script, and its table links reach the feedback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

BATCH_DATA = Path(__file__).resolve().parent / "data" / "batch"
TEST_RUBRIC = BATCH_DATA / "rubric"

pytestmark = pytest.mark.browser


def test_report_opens_offline_and_links_reach_the_feedback(
    mains_eval, tmp_path: Path, chromium: Any
) -> None:
    table = tmp_path / "class.csv"
    table.write_text(
        "id,answer,question\n"
        '"<script>alert(1)</script>","India and Japan cooperate in the Quad.",\n'
        "<img src=x onerror=alert(2)>,The Special Strategic and Global Partnership.,\n"
        "rail,Japan builds a high-speed rail line in India.,economic-q\n"
        'empty,"   ",\n',
        encoding="utf-8",
    )
    out = tmp_path / "report.html"
    rubric = ["-r", str(TEST_RUBRIC), "-q", "strategic-q"]
    done = mains_eval("batch", str(table), *rubric, "-o", str(out))
    assert done.returncode == 0, done.stderr

    context = chromium.new_context(offline=True)
    page = context.new_page()
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(out.as_uri())
    assert requests == [out.as_uri()]  # nothing else is fetched
    assert dialogs == []  # the hostile ids are text, not script

    assert page.locator("figure svg").is_visible()
    rows = page.locator("#results-table tbody tr")
    assert rows.count() == 4
    assert rows.nth(0).locator("td").nth(1).inner_text() == "<script>alert(1)</script>"
    assert "the answer is empty" in rows.nth(3).inner_text()

    rows.nth(2).locator("a").first.click()
    assert page.evaluate("location.hash") == "#r3"
    target = page.locator("section.answer:target")
    assert target.count() == 1
    assert "rail" in target.locator("h3").inner_text()
    assert "Marks:" in target.inner_text()
    context.close()
