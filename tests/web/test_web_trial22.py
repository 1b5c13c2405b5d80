"""What a user trial found on the tuning, write and result pages: the tuned rubric's download
works on its own, moved weights say why, verdicts read as what they mean, upload limits and hints
speak of this page, an answer too long to mark is refused before it is saved, and the marked-up
answer is one tab stop."""

from __future__ import annotations

import csv
import html as html_lib
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from webtest_support import (
    GOOD_ANSWER,
    QUESTION,
    RUBRIC,
    TUNE_URL,
    WRITE_URL,
    Browser,
    ServerThread,
    csrf_token,
    make_tutor,
    register_in_browser,
    tune_in_browser,
)

from evaluator.rubric import check_rubric, load_rubric
from webapp.db import get_database
from webapp.models import ERROR, Attempt
from webapp.tuning import MAX_UPLOAD_BYTES

STATUS_WORDS = {"Covered", "Partly covered", "Negated", "Contradicted"}

# about 4,900 words: far past any word limit, and past what the scorer marks
TOO_LONG = "India and Japan cooperate in the Quad for a free and open Indo-Pacific. " * 377


@pytest.fixture
def tutor(app: Flask, browser: Browser) -> Browser:
    """A signed-in tutor."""
    browser.register("tutor")
    make_tutor(app, "tutor")
    return browser


def _upload(client: FlaskClient, data: bytes, *, folds: str = "5", question: str = "") -> str:
    token = csrf_token(client.get(TUNE_URL).get_data(as_text=True))
    response = client.post(
        TUNE_URL,
        data={
            "csrf_token": token,
            "folds": folds,
            "question": question,
            "graded": (io.BytesIO(data), "graded.csv"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _rotated_marks(data_dir: Path) -> bytes:
    """One question's graded answers, each given another answer's mark: nothing to learn."""
    with (data_dir / "graded" / "india-japan.csv").open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["question"] == QUESTION]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "question", "answer", "mark"])
    for i, r in enumerate(rows):
        writer.writerow([r["id"], r["question"], r["answer"], rows[(i + 7) % len(rows)]["mark"]])
    return out.getvalue().encode()


def _verdicts(html: str) -> list[tuple[str, str]]:
    """(class, text) of every verdict paragraph under the agreement table."""
    return [
        (cls, html_lib.unescape(text))
        for cls, text in re.findall(
            r'<p class="([^"]*)"[^>]*id="tune-verdict-\d+"[^>]*>([^<]*)</p>', html
        )
    ]


def _check_styled_by_meaning(verdicts: list[tuple[str, str]]) -> None:
    for cls, text in verdicts:
        if "does NOT agree better" in text:
            assert "notice-error" in cls, (cls, text)
        elif "improved" in text:
            assert "notice-success" in cls, (cls, text)
        else:  # a caution (worse than the bag of words, a change of form): not an error
            assert "notice-error" not in cls, (cls, text)


@pytest.mark.slow
def test_a_tuning_that_helps_nothing_is_a_caution_not_an_error(
    tutor: Browser, data_dir: Path
) -> None:
    html = _upload(tutor.client, _rotated_marks(data_dir), folds="2")
    verdicts = _verdicts(html)
    assert verdicts, "no verdict shown"
    _check_styled_by_meaning(verdicts)
    assert not any("improved" in text for _, text in verdicts)


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_downloaded_tuned_rubric_checks_on_its_own_and_the_page_explains_it(
    app: Flask, chromium: Any, live_server: ServerThread, data_dir: Path, tmp_path: Path
) -> None:
    context = chromium.new_context(accept_downloads=True)
    context.set_default_timeout(180_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        graded = data_dir / "graded" / "india-japan.csv"
        tune_in_browser(page, app, live_server.url, "trial-tutor", graded)
        page.locator("#agreement-table").wait_for()

        # the download is a folder that checks with no problem and loads as a rubric
        with page.expect_download() as info:
            page.locator("#tune-download").click()
        download = info.value
        assert download.suggested_filename.endswith(".zip")
        archive = tmp_path / download.suggested_filename
        download.save_as(archive)
        unpacked = tmp_path / "unpacked"
        with zipfile.ZipFile(archive) as z:
            z.extractall(unpacked)
        [folder] = list(unpacked.iterdir())
        assert check_rubric(folder) == []
        tuned = load_rubric(folder)
        assert tuned.version != load_rubric(RUBRIC).version and tuned.model_answers
        text = (folder / "rubric.yaml").read_text(encoding="utf-8")
        assert text.startswith("# Tuned by `mains-eval rubric tune` from india-japan")
        help_text = page.locator("#tune-download-help").inner_text()
        assert f"mains-eval rubric check {folder.name}" in help_text
        assert f"mains-eval grade answer.txt -r {folder.name}" in help_text

        # every moved weight says why, as the CLI's table does
        weights = page.locator("#weights-table")
        assert weights.locator("th").last.inner_text() == "Why"
        reasons = weights.locator("tbody tr td:last-child").all_inner_texts()
        assert reasons and all(reason.strip() for reason in reasons)

        # this set agrees better after tuning and beats the bag of words: the page says so, in
        # a colour that is not the error colour
        cells = {
            row.locator("th").inner_text(): row.locator("td").first.inner_text()
            for row in page.locator("#agreement-table tbody tr").all()
        }
        before, after = float(cells["before"]), float(cells["after (5-fold)"])
        assert after > before and after >= float(cells["bag of words"])
        good = page.locator("[data-verdict='good']")
        assert good.count() == 1 and "improved" in good.inner_text()
        verdicts = page.locator("[id^='tune-verdict-']")
        _check_styled_by_meaning(
            [
                (verdicts.nth(i).get_attribute("class") or "", verdicts.nth(i).inner_text())
                for i in range(verdicts.count())
            ]
        )
        error_colour = page.evaluate(
            "() => { const p = document.createElement('p'); p.className = 'notice notice-error';"
            " document.body.append(p); const c = getComputedStyle(p).backgroundColor;"
            " p.remove(); return c; }"
        )
        assert good.evaluate("el => getComputedStyle(el).backgroundColor") != error_colour
        assert errors == []
    finally:
        context.close()


def test_an_upload_over_a_limit_names_the_limit_of_that_page_and_leads_back(
    tutor: Browser,
) -> None:
    token = csrf_token(tutor.client.get(TUNE_URL).get_data(as_text=True))
    # the multipart body written out (the test client would spool a file this size to disk)
    boundary = "trial22boundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
            f"--{boundary}\r\nContent-Disposition: form-data; "
            'name="graded"; filename="huge.csv"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        ).encode()
        + b"x" * (MAX_UPLOAD_BYTES + 1)
        + f"\r\n--{boundary}--\r\n".encode()
    )
    response = tutor.client.post(
        TUNE_URL, data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 413
    html = html_lib.unescape(response.get_data(as_text=True))
    assert "8 MiB" in html and "1 MiB" not in html
    assert "draft" not in html  # no learner's draft on a tutor's page
    assert "`" not in html  # the command in words, not between backticks (trial s42)
    assert re.search(rf'<a class="button"[^>]*href="{TUNE_URL}"', html)
    # the answer form keeps its own limit, its own advice and its own way back
    token = csrf_token(tutor.client.get(WRITE_URL).get_data(as_text=True))
    answer = tutor.client.post(
        WRITE_URL, data={"answer": "x" * (1024 * 1024 + 10), "csrf_token": token}
    )
    assert answer.status_code == 413
    html = answer.get_data(as_text=True)
    assert "1 MiB" in html and "8 MiB" not in html and "draft is still saved" in html
    assert "Back to the questions" in html


def test_no_question_column_points_to_the_question_menu(tutor: Browser) -> None:
    html = _upload(tutor.client, b"id,answer,mark\na1,Japan is a Quad partner.,3\n")
    error = re.search(r'id="tune-error">([^<]*)<', html)
    assert error
    message = html_lib.unescape(error.group(1))
    assert "no question" in message and "Question menu" in message
    assert "--question" not in message


def test_an_answer_too_long_to_mark_is_refused_before_it_is_saved(
    app: Flask, browser: Browser
) -> None:
    browser.register("essayist")
    assert 4_800 < len(TOO_LONG.split()) < 5_000
    response = browser.submit(TOO_LONG)
    assert response.status_code == 200  # the form again, not a saved attempt
    html = html_lib.unescape(response.get_data(as_text=True))
    assert "too long to mark" in html and "4,000" in html
    box = re.search(r"<textarea[^>]*>(.*?)</textarea>", html, re.S)
    assert box and box.group(1).strip() == TOO_LONG.strip()  # the text is kept in the form
    with get_database(app).sessions() as session:
        assert list(session.scalars(select(Attempt))) == []


def test_a_saved_attempt_too_long_to_mark_offers_no_retry(app: Flask, browser: Browser) -> None:
    browser.register("earlier")
    attempt_id = browser.submit_and_get_id(GOOD_ANSWER)
    # an attempt saved before the form refused such answers, as the trial's was
    with get_database(app).sessions() as session:
        attempt = session.get(Attempt, attempt_id)
        assert attempt is not None
        attempt.answer, attempt.status, attempt.error = TOO_LONG, ERROR, "too long"
        session.commit()
    html = html_lib.unescape(browser.client.get(f"/attempts/{attempt_id}").get_data(as_text=True))
    assert "too long to mark" in html and "4,000" in html
    assert "Try marking again" not in html and "Edit and resubmit" in html


@pytest.mark.browser
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_marked_up_answer_is_one_tab_stop_and_arrows_explain_each_highlight(
    chromium: Any, live_server: ServerThread
) -> None:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(60_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        base = live_server.url
        register_in_browser(page, base, "keyboard")
        page.goto(base + WRITE_URL)
        page.get_by_label("Your answer").fill(GOOD_ANSWER)
        page.get_by_role("button", name="Submit for marking").click()
        page.wait_for_url(re.compile(r".*/attempts/\d+$"))
        marks = page.locator("#highlighted-answer mark.hl")
        assert marks.count() >= 3

        # Tab from the rewrite link to the first control after the answer
        page.locator("#rewrite").focus()
        inside = 0
        for _ in range(200):
            page.keyboard.press("Tab")
            where = page.evaluate(
                "() => { const a = document.activeElement, h = document.getElementById("
                "'highlighted-answer'); if (a.closest('#highlight-region') || h.contains(a)) "
                "return 'inside'; return h.compareDocumentPosition(a) & 4 ? 'after' : 'before'; }"
            )
            if where == "after":
                break
            inside += where == "inside"
        assert where == "after" and inside == 1

        # back into the answer: the arrow keys walk the highlights, each showing its point
        page.keyboard.press("Shift+Tab")
        tip = "getComputedStyle(document.activeElement, '::after').getPropertyValue('content')"
        index = (
            "Array.from(document.querySelectorAll('#highlighted-answer mark.hl'))"
            ".indexOf(document.activeElement)"
        )
        seen = []
        for _ in range(3):
            page.keyboard.press("ArrowRight")
            seen.append(page.evaluate(index))
            assert page.evaluate(tip).strip('"').split(":")[0] in STATUS_WORDS
        assert seen == [0, 1, 2]
        page.keyboard.press("ArrowLeft")
        assert page.evaluate(index) == 1
        page.keyboard.press("End")
        assert page.evaluate(index) == marks.count() - 1
        assert errors == []
    finally:
        context.close()
