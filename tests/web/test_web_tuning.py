"""Tutor tuning page: upload a graded CSV, see the agreement table and the scatter plot."""

from __future__ import annotations

import base64
import html as html_lib
import io
import re
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from webtest_support import (
    RUBRIC,
    TUNE_URL,
    Browser,
    ServerThread,
    csrf_token,
    make_tutor,
    tune_in_browser,
)

from evaluator.rubric import load_rubric
from evaluator.tools.tune.core import bump_version


@pytest.fixture
def tutor(app: Flask, browser: Browser) -> Browser:
    """A signed-in tutor."""
    browser.register("tutor")
    make_tutor(app, "tutor")
    return browser


def _upload(client: FlaskClient, data: bytes, name: str = "graded.csv", folds: str = "5") -> str:
    token = csrf_token(client.get(TUNE_URL).get_data(as_text=True))
    response = client.post(
        TUNE_URL,
        data={
            "csrf_token": token,
            "folds": folds,
            "question": "",
            "graded": (io.BytesIO(data), name),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _downloaded_rubric(client: FlaskClient, html: str) -> str:
    """The rubric.yaml inside the page's download (a zip of the tuned rubric's folder): what its
    download button posts, the publish form's one copy of the zip, to the button's address."""
    import zipfile

    button = re.search(r'<button[^>]*id="tune-download"[^>]*>', html)
    assert button
    action = re.search(r'formaction="([^"]+)"', button.group(0))
    bundle = re.search(r'name="bundle" type="hidden" value="([^"]+)"', html)
    assert action and bundle
    response = client.post(
        html_lib.unescape(action.group(1)),
        data={"csrf_token": csrf_token(html), "bundle": html_lib.unescape(bundle.group(1))},
    )
    assert response.status_code == 200 and response.mimetype == "application/zip"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and ".zip" in disposition
    with zipfile.ZipFile(io.BytesIO(response.get_data())) as archive:
        [name] = [n for n in archive.namelist() if n.endswith("/rubric.yaml")]
        return archive.read(name).decode("utf-8")


def _zip_copies(html: str) -> int:
    """How many times the page carries the tuned rubric's zip (its base64, in any attribute)."""
    bundle = re.search(r'name="bundle" type="hidden" value="(?:worse:)?([A-Za-z0-9+/=]+)', html)
    assert bundle
    return html.count(bundle.group(1))


def test_a_download_of_a_rubric_this_server_did_not_tune_is_refused(tutor: Browser) -> None:
    token = csrf_token(tutor.client.get(TUNE_URL).get_data(as_text=True))
    url = TUNE_URL.removesuffix("/tune") + "/tuned.zip"
    zipped = base64.b64encode(b"PK not ours").decode("ascii")
    response = tutor.client.post(url, data={"csrf_token": token, "bundle": zipped})
    assert response.status_code == 400
    assert "not a rubric this server tuned" in response.get_data(as_text=True)
    # nor is a post without the form's CSRF token served
    assert tutor.client.post(url, data={"bundle": zipped}).status_code == 400


def test_tuning_page_is_for_tutors(client: FlaskClient, browser: Browser) -> None:
    browser.register("learner")
    assert client.get(TUNE_URL).status_code == 403


def test_tuning_page_names_question_as_an_optional_column(tutor: Browser) -> None:
    """Trial 38: the page asked for "the columns id, question, answer and mark", but an upload
    without a question column is tuned (a one-question rubric needs none)."""
    html = html_lib.unescape(tutor.client.get(TUNE_URL).get_data(as_text=True))
    text = re.sub(r"<[^>]+>", "", html)
    assert "with the columns answer and mark, and optionally id and question" in text
    assert "id, question, answer and mark" not in text


@pytest.mark.slow
def test_upload_shows_agreement_table_and_scatter(tutor: Browser, data_dir: Path) -> None:
    csv_bytes = (data_dir / "graded" / "india-japan.csv").read_bytes()
    html = _upload(tutor.client, csv_bytes)
    assert 'id="agreement-table"' in html
    table = html.split('id="agreement-table"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<th scope="row">([^<]+)</th>((?:<td>[^<]*</td>)+)', table)
    assert [label for label, _ in rows] == ["before", "after (5-fold)", "bag of words"]
    for _, cells in rows:
        values = re.findall(r"<td>([^<]*)</td>", cells)
        assert len(values) == 6 and all(re.fullmatch(r"-?\d+\.\d{3}|-", v) for v in values)
    match = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert match
    svg = base64.b64decode(match.group(1)).decode()
    assert (
        svg.lstrip().startswith("<?xml")
        and "<svg" in svg
        and "http://"
        not in svg.replace("http://www.w3.org", "")
        .replace("http://purl.org", "")
        .replace("http://creativecommons.org", "")
        .replace("http://matplotlib.org", "")
    )
    # the two questions one by one, and each question's dimension weights that moved
    per = html.split('id="per-question-table"', 1)[1].split("</table>", 1)[0]
    assert re.findall(r'<th scope="row">([^<]+)</th>', per) == [
        "2plus2-significance",
        "pyq-2019-contemporary",
    ]
    assert re.search(r"<td>\d\.\d{3} → \d\.\d{3}</td>", per)
    # and what the tuned rubric holds for each: tuned, or (no better held out) kept as it was
    assert re.findall(r'<td class="question-status">([^<]+)</td>', per) == ["tuned", "tuned"]
    # how sure the differences are: the gain and the lead over the bag of words, each with its
    # 95% interval, under the table
    noise = html.split('id="tune-noise">', 1)[1].split("</p>", 1)[0]
    assert re.fullmatch(
        r"QWK differences, with 95% intervals from 2,000 resamples of the 42 answers: after "
        r"minus before \+0\.\d{3} \(\+0\.\d{3} to \+0\.\d{3}\); after minus bag of words "
        r"\+0\.\d{3} \(\+0\.\d{3} to \+0\.\d{3}\)\. Every interval is above zero: the gains "
        r"are unlikely to be chance\.",
        noise,
    ), noise
    # the verdict says so too, with the table's arrow (trial 31c: "at least as well as" of a
    # lead of +0.44 whose interval is far above zero, and "->" beside the table's "→")
    good = html.split('data-verdict="good">', 1)[1].split("</p>", 1)[0]
    assert "QWK 0.878 → 0.905" in good and "agrees better than the bag-of-words model" in good
    dims = html.split('id="dimension-weights-table"', 1)[1].split("</table>", 1)[0]
    assert 'data-label="Question">pyq-2019-contemporary<' in dims
    # the audit `rubric tune --out` prints, for each tuned question, on the page too (trial 33:
    # a tutor published with no audit in view)
    audit = html.split('id="tune-audit">', 1)[1].split("</ul>", 1)[0]
    lines = re.findall(r'<li class="audit-(pass|fail)[^"]*">([^<]+)</li>', audit)
    assert [line.split(":")[0] for _, line in lines] == [
        "audit 2plus2-significance",
        "audit pyq-2019-contemporary",
    ]
    assert all(kind == "pass" and ": pass" in line for kind, line in lines), lines
    assert "`" not in audit
    assert "Tuned rubric (version" in html
    # the tuned rubric's zip is on the page once, in the publish form; the download button
    # posts that copy (session 44: also inlined as the link's data: URL, the page twice as heavy)
    assert _zip_copies(html) == 1
    assert "data:application/zip" not in html
    tuned = _downloaded_rubric(tutor.client, html)
    bundled = load_rubric(RUBRIC).version  # the tuned copy is the bundled rubric, one patch on
    assert f"version: {bump_version(bundled)}" in tuned and "dimensions:" in tuned


@pytest.mark.slow
def test_upload_shows_the_concepts_learned_from_the_marks(tutor: Browser, data_dir: Path) -> None:
    import csv

    rewarded = " Both sides also launched the Zephyr Corridor for critical minerals."
    punished = " India signed the Moonstone Accord with China against Japan."
    with (data_dir / "graded" / "india-japan.csv").open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["question"] == "pyq-2019-contemporary"]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "question", "answer", "mark"])
    for r in rows:
        mark = float(r["mark"])
        writer.writerow([r["id"], r["question"], r["answer"], mark])
        writer.writerow([r["id"] + "-r", r["question"], r["answer"] + rewarded, min(10, mark + 3)])
        writer.writerow([r["id"] + "-p", r["question"], r["answer"] + punished, max(0, mark - 3)])
    html = _upload(tutor.client, out.getvalue().encode())
    table = re.search(r'<table id="learned-table">(.*?)</table>', html, re.S)
    assert table, "no learned concepts shown"
    cells = html_lib.unescape(table.group(1))
    assert "costs marks (words of low-marked answers)" in cells and "new point" in cells
    assert any(word in cells for word in ("Zephyr", "Corridor", "critical"))
    assert any(word in cells for word in ("Moonstone", "Accord", "signed"))
    # a phrase that costs marks shows its weight as a cost (trial s42: "+0.812" beside
    # "costs marks"), one that earns as a gain
    rows = [row for row in re.findall(r"<tr>(.*?)</tr>", cells, re.S) if "<td" in row]
    assert rows
    for row in rows:
        weight = re.search(r'data-label="Weight">([^<]*)<', row)
        assert weight, row
        costs = "costs marks" in row
        assert weight.group(1).startswith("\u2212" if costs else "+"), row


def _one_question(data_dir: Path, question: str = "2plus2-significance") -> bytes:
    """The graded answers to one of the rubric's questions."""
    import csv

    with (data_dir / "graded" / "india-japan.csv").open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["question"] == question]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


@pytest.mark.slow
def test_verdicts_name_the_pages_own_next_steps_not_command_lines(
    tutor: Browser, data_dir: Path
) -> None:
    """Session 32: the page showed the CLI's advice with its backticks ("compare them with
    `rubric diff RUBRIC TUNED --answers FILE`", "`rubric suggest` lists phrases ..."), pointing a
    tutor in the browser at tools they do not have there."""
    html = _upload(tutor.client, _one_question(data_dir), folds="2")
    said = [
        html_lib.unescape(text)
        for text in re.findall(r'id="tune-verdict-\d+"[^>]*>(.*?)</p>', html, re.S)
    ]
    assert said, "no verdict shown"
    for text in said:
        assert "`" not in text and "rubric diff" not in text and "rubric suggest" not in text
        assert "--form" not in text and "--answers" not in text, text
    # the other question's marks moved unchecked: still said, with what to do on this page
    [spill] = [text for text in said if text.startswith("The marks cover only")]
    assert "tuning also changed what the rubric's other questions (pyq-2019-contemporary" in spill
    assert spill.endswith(
        "No mark checks their new marks: mark answers to those questions too and upload them "
        "with these, with 'All questions' chosen in the Question menu, to tune every question "
        "together."
    ), spill
    for text in said:
        if text.startswith("No phrases were learned"):
            assert text.endswith(
                "so the fit kept none. Phrases your high-marked answers use can still be added "
                "to the rubric's concepts as cues by hand."
            ), text


def test_every_verdict_with_a_command_line_step_has_the_pages_own() -> None:
    """A verdict the library gives with advice for the command line is worded for the page."""
    from evaluator.tools.tune import Notice
    from webapp.tuning import WEB_ADVICE, in_page_words

    for kind in ("spill", "converted", "nothing_learned", "left_out"):
        notice = Notice(kind, "What happened:", "run `rubric something --flag`.")
        assert in_page_words(notice) == f"What happened: {WEB_ADVICE[kind]}"
        assert "`" not in WEB_ADVICE[kind] and "--" not in WEB_ADVICE[kind]
    # a kind the page has no words for loses the command line's step, not its sentence
    assert in_page_words(Notice("new", "It moved.", "Pass --x.")) == "It moved."
    assert in_page_words(Notice("new", "It moved:", "pass --x.")) == "It moved."


def test_bad_uploads_get_one_clear_message(tutor: Browser) -> None:
    cases = {
        b"": "empty",
        b"id,answer\nx,some text\n": "missing column",
        b"id,file,mark\nx,/etc/passwd,3\n": "not 'file'",
        b"id,question,answer,mark\nx,2plus2-significance,text,lots\n": "no graded answers",
        b"id,question,answer,mark\nx,no-such-question,text,3\n": "no graded answers",
        b"\x00\x01\x02binary": "binary",
        # a spreadsheet's UTF-16 export with CRLF, and old Mac CR line ends: HTTP 500 before
        "id,file,mark\r\nx,/etc/passwd,3\r\n".encode("utf-16"): "not 'file'",
        b"id,file,mark\rx,/etc/passwd,3\r": "not 'file'",
    }
    for data, message in cases.items():
        html = _upload(tutor.client, data)
        error = re.search(r'id="tune-error">([^<]*)<', html)
        assert error, data
        assert message in html_lib.unescape(error.group(1)), (data, error.group(1))
        assert "Traceback" not in html and 'id="agreement-table"' not in html


def test_a_set_too_large_for_one_request_is_sent_to_the_command_line(tutor: Browser) -> None:
    from webapp.tuning import MAX_WEB_GRADED

    rows = "".join(
        f"a{i},2plus2-significance,India and Japan hold a 2+2 dialogue number {i}.,{i % 10}\n"
        for i in range(MAX_WEB_GRADED + 1)
    )
    html = _upload(tutor.client, ("id,question,answer,mark\n" + rows).encode())
    error = re.search(r'id="tune-error">(.*?)</p>', html)
    assert error and f"this page tunes up to {MAX_WEB_GRADED}" in html_lib.unescape(error.group(1))
    # the command is shown as code, not between backticks (session 32)
    assert "<code>mains-eval rubric tune india-japan --graded graded.csv</code>" in error.group(1)
    assert "`" not in error.group(1)


def test_too_many_folds_for_the_answers_are_named_by_the_form_field(tutor: Browser) -> None:
    """Three graded answers: the library's refusals name the CLI's --folds; the page names its
    own field and the number to put in it."""
    rows = "".join(
        f"a{i},2plus2-significance,India and Japan hold a 2+2 dialogue (round {i}).,{i + 2}\n"
        for i in range(3)
    )
    data = ("id,question,answer,mark\n" + rows).encode()
    for folds, says in {
        "5": "set 'Cross-validation folds' to 3 or fewer",  # more folds than answers
        "2": "set 'Cross-validation folds' to 3",  # a fold would be tuned on one answer
    }.items():
        html = _upload(tutor.client, data, folds=folds)
        error = re.search(r'id="tune-error">([^<]*)<', html)
        assert error, folds
        message = html_lib.unescape(error.group(1))
        assert says in message and "--folds" not in message, message
        assert "pass " not in message, message
    assert 'id="agreement-table"' in _upload(tutor.client, data, folds="3")


def test_a_sheet_read_as_windows_1252_is_said_beside_the_results(tutor: Browser) -> None:
    """Trial s43: Excel's "CSV (Comma delimited)" writes 'é', '’' and '–' as single cp1252
    bytes; the page read them so and never said it, as batch and `rubric tune` say it."""
    rows = [
        "a1,2plus2-significance,India and Japan hold a 2+2 dialogue – says Renée.,2",
        "a2,2plus2-significance,Japan’s ministers meet India’s at the 2+2 dialogue.,3",
        "a3,2plus2-significance,India and Japan hold a 2+2 dialogue of four ministers.,4",
    ]
    text = "id,question,answer,mark\r\n" + "\r\n".join(rows) + "\r\n"
    html = _upload(tutor.client, text.encode("cp1252"), name="marks.csv", folds="3")
    notice = re.search(r'id="tune-decoded">(.*?)</div>', html, re.S)
    assert notice, "no word of the encoding"
    said = html_lib.unescape(re.sub(r"<[^>]+>", "", notice.group(1)))
    assert said == (
        "marks.csv: decoded as cp1252 (Windows-1252), not UTF-8; check accented characters."
    )
    # a notice, not an error: the sheet was tuned
    assert 'id="tune-error"' not in html and 'id="agreement-table"' in html
    utf8 = _upload(tutor.client, text.encode("utf-8"), name="marks.csv", folds="3")
    assert 'id="tune-decoded"' not in utf8 and 'id="agreement-table"' in utf8


def test_a_workbook_renamed_csv_is_told_to_be_saved_as_csv(tutor: Browser) -> None:
    """Trial s43: an .xlsx renamed .csv was told only "looks like a binary file"."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
        archive.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><worksheet/>')
    html = _upload(tutor.client, buffer.getvalue(), name="marks.csv")
    error = re.search(r'id="tune-error">([^<]*)<', html)
    assert error
    assert html_lib.unescape(error.group(1)) == (
        "marks.csv: looks like an Excel workbook (.xlsx), not a CSV: save it as CSV UTF-8 "
        "(in Excel: File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)')"
    )


def _skipped_rows(html: str) -> list[str]:
    notice = re.search(r'id="tune-skipped">(.*?)</div>', html, re.S)
    assert notice, "no skipped rows shown"
    return [html_lib.unescape(li) for li in re.findall(r"<li>([^<]*)</li>", notice.group(1))]


def test_a_file_with_only_bad_rows_names_each_row(tutor: Browser) -> None:
    data = (
        b"id,question,answer,mark\n"
        b"a,2plus2-significance,Japan is a Quad partner.,lots\n"
        b"b,no-such-question,Japan is a Quad partner.,3\n"
    )
    html = _upload(tutor.client, data)
    error = re.search(r'id="tune-error">([^<]*)<', html)
    assert error
    assert "no graded answers" in error.group(1) and "2 bad rows skipped" in error.group(1)
    skipped = _skipped_rows(html)
    assert len(skipped) == 2
    assert skipped[0].startswith("graded.csv:2:") and "not a number" in skipped[0]
    assert skipped[1].startswith("graded.csv:3:") and "no-such-question" in skipped[1]


HOSTILE_MARK = "<img src=x onerror=alert(1)>"


def _graded_with_bad_rows(data_dir: Path, good: int = 8) -> tuple[bytes, int]:
    """Good rows of one question with four bad rows among them; returns the CSV and how many
    rows are good."""
    import csv

    with (data_dir / "graded" / "india-japan.csv").open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["question"] == "2plus2-significance"][:good]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "question", "answer", "mark"])
    for r in rows:  # one line per row, so the bad rows' line numbers are known
        r["answer"] = " ".join(r["answer"].split())
    for i, r in enumerate(rows):
        writer.writerow([r["id"], r["question"], r["answer"], r["mark"]])
        if i == 1:  # line 4
            writer.writerow(["bad-mark", r["question"], r["answer"], HOSTILE_MARK])
        if i == 3:  # line 7
            writer.writerow(["too-high", r["question"], r["answer"], "99"])
        if i == 5:  # line 10
            writer.writerow(["stray", "<b>no-such-question</b>", r["answer"], "3"])
    writer.writerow([rows[0]["id"], rows[0]["question"], rows[0]["answer"], "2"])  # line 13
    return out.getvalue().encode(), len(rows)


@pytest.mark.slow
def test_bad_rows_are_reported_and_the_rest_tuned(tutor: Browser, data_dir: Path) -> None:
    data, good = _graded_with_bad_rows(data_dir)
    html = _upload(tutor.client, data, folds="2")
    assert 'id="tune-error"' not in html
    assert f"Agreement with your marks ({good} answers)" in html
    assert 'id="agreement-table"' in html and "Tuned rubric (version" in html
    assert "4 bad rows skipped; the rest were used" in html
    skipped = _skipped_rows(html)
    assert [s.split(":", 2)[1] for s in skipped] == ["4", "7", "10", "13"]
    assert HOSTILE_MARK in skipped[0] and "not a number" in skipped[0]
    assert "above the maximum" in skipped[1]
    assert "<b>no-such-question</b>" in skipped[2]
    assert "is used again" in skipped[3]
    # the tutor's text is shown, never run as markup
    assert HOSTILE_MARK not in html and "<b>no-such-question" not in html


def test_upload_without_csrf_token_is_rejected(tutor: Browser) -> None:
    response = tutor.client.post(
        TUNE_URL,
        data={"graded": (io.BytesIO(b"id,answer,mark\nx,y,1\n"), "g.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_browser_upload_with_bad_rows_shows_them_as_text(
    app: Flask, chromium: Any, live_server: ServerThread, data_dir: Path, tmp_path: Path
) -> None:
    data, good = _graded_with_bad_rows(data_dir)
    graded = tmp_path / "graded.csv"
    graded.write_bytes(data)
    context = chromium.new_context()
    context.set_default_timeout(120_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: errors.append("dialog: " + dialog.message))
    try:
        tune_in_browser(page, app, live_server.url, "browser-tutor", graded, folds=2)
        notice = page.locator("#tune-skipped")
        notice.wait_for()
        assert notice.locator("li").count() == 4
        assert HOSTILE_MARK in notice.inner_text()
        assert notice.locator("img, b").count() == 0
        assert f"({good} answers)" in page.locator("#agreement-heading").inner_text()
        assert page.locator("#agreement-table").is_visible()
        assert errors == []
    finally:
        context.close()


@pytest.mark.slow
def test_a_point_marked_essay_question_is_shown_tuned_linearly(
    app: Flask, tutor: Browser, tmp_path: Path
) -> None:
    """60 short answers marked point by point: the page shows both forms and says why the
    linear one was kept; the download is the short-answer form."""
    import csv

    from tuning_support import NOTES, QUESTION, point_marked

    from evaluator.tools.derive import derive_rubric

    folder = tmp_path / "rubrics" / "solar"
    folder.mkdir(parents=True)
    (folder / "notes.md").write_text(NOTES, encoding="utf-8")
    derived = derive_rubric(
        NOTES, question=QUESTION, max_marks=10, word_limit=150, source_notes="notes.md"
    )
    (folder / "rubric.yaml").write_text(derived.yaml, encoding="utf-8")
    app.config["RUBRICS_DIR"] = str(folder.parent)
    loaded = load_rubric(folder / "rubric.yaml")
    url = f"/rubrics/{loaded.id}/tune"
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "answer", "mark"])
    for row in point_marked(loaded.rubric.questions[0].id):
        writer.writerow([row.id, row.text, f"{row.mark:g}"])
    page = tutor.client.get(url)
    assert page.status_code == 200
    response = tutor.client.post(
        url,
        data={
            "csrf_token": csrf_token(page.get_data(as_text=True)),
            "folds": "5",
            "question": "",
            "graded": (io.BytesIO(out.getvalue().encode()), "marks.csv"),
        },
        content_type="multipart/form-data",
    )
    html = html_lib.unescape(response.get_data(as_text=True))
    rows = re.findall(r'<th scope="row">([^<]+)</th>', html)
    assert rows[:4] == ["before", "after (5-fold)", "(rubric form, not kept)", "bag of words"]
    assert "Tuned as answers marked linearly" in html
    yaml_text = _downloaded_rubric(tutor.client, html)
    assert "intercept:" in yaml_text
    # the graded answers kept as examples are one sentence, not rows of the learned table
    kept = yaml_text.count("exemplar: true")
    sentence = re.search(r'<p id="tune-examples">(\d+) graded answers? kept as examples', html)
    assert (int(sentence.group(1)) if sentence else 0) == kept
    learned = re.search(r'<table id="learned-table">(.*?)</table>', html, re.S)
    assert learned and "No land has to be bought" not in learned.group(1)


PHONE = {"width": 375, "height": 812}
"""A phone's viewport, in CSS pixels."""


def _columns_in_view(page: Any) -> dict[str, Any]:
    """How wide the page is, and where the weights table's first row puts each column's name."""
    return page.evaluate(
        """() => ({
            page: document.documentElement.scrollWidth,
            cells: Array.from(
                document.querySelectorAll("#weights-table tbody tr:first-child td"),
                td => {
                    const box = td.getBoundingClientRect();
                    return {
                        label: getComputedStyle(td, "::before").content,
                        left: box.left,
                        right: box.right,
                    };
                }),
            why: (() => {
                const box = document.querySelector("#weights-table th:last-child")
                    .getBoundingClientRect();
                return {left: box.left, right: box.right, width: box.width};
            })(),
        })"""
    )


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_tuning_results_fit_a_phone_and_keep_their_columns_on_a_desktop(
    app: Flask, chromium: Any, live_server: ServerThread, data_dir: Path, tmp_path: Path
) -> None:
    import csv

    with (data_dir / "graded" / "india-japan.csv").open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["question"] == "2plus2-significance"]
    graded = tmp_path / "graded.csv"
    with graded.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    context = chromium.new_context(viewport=PHONE)
    context.set_default_timeout(120_000)
    page = context.new_page()
    try:
        tune_in_browser(page, app, live_server.url, "phone-tutor", graded, folds=3)
        page.locator("#weights-table").wait_for()
        # measured as shown: the table is in the page before its stylesheet has loaded (a busy
        # machine), and unstyled it is 548 px wide
        page.wait_for_load_state("load")

        seen = _columns_in_view(page)
        assert seen["page"] <= PHONE["width"], f"the page scrolls sideways: {seen['page']} px"
        # every column of a row, Before, After and Why among them, is on the screen and named
        assert all(c["left"] >= 0 and c["right"] <= PHONE["width"] for c in seen["cells"]), seen
        labels = [cell["label"] for cell in seen["cells"]]
        assert any("Why" in label for label in labels), labels
        assert any("Before" in label for label in labels), labels
        # the agreement's numbers scroll in their own box, and the page says so (session 32: it
        # was cut off with no sign that it scrolled); its last column within reach
        assert page.locator("#agreement-scroll-hint").is_visible()
        box = page.locator("#agreement-table").locator("xpath=..")
        assert box.evaluate("b => b.scrollWidth > b.clientWidth")
        box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
        last = page.locator("#agreement-table thead th").last.bounding_box()
        assert last is not None and last["x"] + last["width"] <= PHONE["width"]

        page.set_viewport_size({"width": 1280, "height": 900})
        seen = _columns_in_view(page)
        assert seen["page"] <= 1280
        # a desktop keeps the table: its 'Why' heading shown above its column
        assert seen["why"]["width"] > 20 and seen["why"]["right"] <= 1280
        assert all(cell["label"] in ("none", "normal") for cell in seen["cells"]), seen
        assert not page.locator("#agreement-scroll-hint").is_visible()
    finally:
        context.close()


def test_a_weight_the_page_shows_unchanged_is_no_move() -> None:
    # web trial 27b: "Weights that moved" listed a concept at "2 -> 2" (2.0004 to three figures)
    from types import SimpleNamespace

    from evaluator.tools.tune.result import ConceptTuning
    from webapp.tuning import _changed_concepts

    def concept(cid: str, before: float, after: float) -> ConceptTuning:
        return ConceptTuning(
            id=cid, label=cid, dimension="d", weight_before=before, weight_after=after,
            fires_high=3, fires_low=1, rate_high=0.5, rate_low=0.1, never_fires=False,
            zero_weight=False,
        )  # fmt: skip

    result = SimpleNamespace(
        concepts=[concept("same", 2.0, 2.0004), concept("up", 2.0, 2.6), concept("down", 1, 0.8)]
    )
    assert [c.id for c in _changed_concepts(result)] == ["up", "down"]  # type: ignore[arg-type]


@pytest.mark.slow
def test_the_page_says_which_questions_it_kept_as_they_were(tmp_path: Path, nlp: Any) -> None:
    """Session 44: a question of a test that tuning made no better, held out, keeps its rubric
    as it was, and the page's per-question table says so beside its numbers."""
    from quiz_support import write_quiz

    from webapp import create_app

    folder, graded, qid = write_quiz(tmp_path / "rubrics")
    (tmp_path / "instance").mkdir()
    app = create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "DATABASE_URL": "sqlite:///" + str(tmp_path / "instance" / "mains-eval.sqlite"),
            "RUBRICS_DIR": str(folder.parent),
        }
    )
    try:
        browser = Browser(app.test_client())
        browser.register("tutor")
        make_tutor(app, "tutor")
        url = f"/rubrics/{folder.name}/tune"
        token = csrf_token(browser.client.get(url).get_data(as_text=True))
        response = browser.client.post(
            url,
            data={
                "csrf_token": token,
                "folds": "5",
                "question": "",
                "graded": (io.BytesIO(graded.read_bytes()), "marks.csv"),
            },
            content_type="multipart/form-data",
        )
        assert response.status_code == 200
        raw = response.get_data(as_text=True)
        tuned = yaml_questions(_downloaded_rubric(browser.client, raw))
    finally:
        app.extensions["mains_eval_db"].engine.dispose()
    html = html_lib.unescape(raw)
    per = html.split('id="per-question-table"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(
        r'<th scope="row">([^<]+)</th>.*?<td class="question-status">([^<]+)</td>', per
    )
    assert dict(rows) == {
        qid["apple"]: "no better held out: kept as it was",
        qid["spoon"]: "tuned",
    }
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert f"Tuning did not make {qid['apple']} agree better with your marks" in text
    # the download holds the question as it was: no intercept of its own
    assert "intercept" not in tuned[qid["apple"]] and "intercept" in tuned[qid["spoon"]]


def yaml_questions(text: str) -> dict[str, dict[str, Any]]:
    """The questions of a rubric's YAML, by id."""
    import yaml

    return {q["id"]: q for q in yaml.safe_load(text)["questions"]}
