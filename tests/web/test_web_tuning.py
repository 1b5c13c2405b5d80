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
    assert [label for label, _ in rows] == ["before", "after (5-fold)"]
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
