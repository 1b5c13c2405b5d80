"""Tutor tuning page: upload a graded CSV, see the agreement table and the scatter plot."""

from __future__ import annotations

import base64
import html as html_lib
import io
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from webtest_support import RUBRIC, Browser, csrf_token, make_tutor

from evaluator.rubric import load_rubric
from evaluator.tools.tune.core import bump_version

TUNE_URL = f"/rubrics/{RUBRIC}/tune"


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


def test_tuning_page_is_for_tutors(client: FlaskClient, browser: Browser) -> None:
    browser.register("learner")
    assert client.get(TUNE_URL).status_code == 403


@pytest.mark.slow
def test_upload_shows_agreement_table_and_scatter(tutor: Browser, data_dir: Path) -> None:
    csv_bytes = (data_dir / "graded" / "india-japan.csv").read_bytes()
    html = _upload(tutor.client, csv_bytes)
    assert 'id="agreement-table"' in html
    rows = re.findall(r'<th scope="row">([^<]+)</th>((?:<td>[^<]*</td>)+)', html)
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
    assert "Tuned rubric (version" in html
    download = re.search(r'id="tune-download" href="data:application/x-yaml;base64,([^"]+)"', html)
    assert download
    tuned = base64.b64decode(download.group(1)).decode()
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
    assert "misconception (costs credit)" in cells and "new point" in cells
    assert any(word in cells for word in ("Zephyr", "Corridor", "critical"))
    assert any(word in cells for word in ("Moonstone", "Accord", "signed"))


def test_bad_uploads_get_one_clear_message(tutor: Browser) -> None:
    cases = {
        b"": "empty",
        b"id,answer\nx,some text\n": "missing column",
        b"id,file,mark\nx,/etc/passwd,3\n": "not 'file'",
        b"id,question,answer,mark\nx,2plus2-significance,text,lots\n": "not a number",
        b"\x00\x01\x02binary": "binary",
    }
    for data, message in cases.items():
        html = _upload(tutor.client, data)
        error = re.search(r'id="tune-error">([^<]*)<', html)
        assert error, data
        assert message in html_lib.unescape(error.group(1)), (data, error.group(1))
        assert "Traceback" not in html


def test_upload_without_csrf_token_is_rejected(tutor: Browser) -> None:
    response = tutor.client.post(
        TUNE_URL,
        data={"graded": (io.BytesIO(b"id,answer,mark\nx,y,1\n"), "g.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
