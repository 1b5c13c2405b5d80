"""Two rubric folders with the same id: the tutor's rubric index and the server's start-up name
the folder that is ignored, the one served instead, and the fix."""

from __future__ import annotations

import logging
import re
import shutil
import socket
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from webtest_support import Browser, make_tutor

from evaluator.rubric.loader import default_rubrics_dir
from webapp import server


@pytest.fixture
def twin_rubrics(tmp_path: Path, data_dir: Path) -> Path:
    """A rubrics folder holding two copies of the batch test rubric (id `batch-test`)."""
    root = tmp_path / "rubrics"
    for name in ("batch-tuned", "batch"):
        shutil.copytree(data_dir / "batch" / "rubric", root / name)
    return root


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_rubric_index_names_the_ignored_folder_and_the_served_one(
    app: Flask, browser: Browser, twin_rubrics: Path
) -> None:
    app.config["RUBRICS_DIR"] = str(twin_rubrics)
    browser.register("tutor")
    make_tutor(app, "tutor")
    html = unescape(browser.client.get("/rubrics/").get_data(as_text=True))
    assert html.count('class="question-card"') == 1  # one rubric served, under its id
    assert 'id="ignored-rubrics"' in html
    assert (
        "Folder <code>batch-tuned</code> is ignored: its rubric id <code>batch-test</code> is "
        "taken by folder <code>batch</code>, which is served instead. To serve both, give the "
        "copy its own <code>id:</code> in <code>batch-tuned/rubric.yaml</code> (e.g. "
        "<code>id: batch-tuned</code>)."
    ) in html
    assert str(twin_rubrics) not in html  # folder names, never the server's paths


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_rubric_index_says_nothing_when_every_id_is_unique(
    app: Flask, browser: Browser, twin_rubrics: Path
) -> None:
    shutil.rmtree(twin_rubrics / "batch-tuned")
    app.config["RUBRICS_DIR"] = str(twin_rubrics)
    browser.register("tutor")
    make_tutor(app, "tutor")
    html = browser.client.get("/rubrics/").get_data(as_text=True)
    assert "batch-test" in html and 'id="ignored-rubrics"' not in html


def test_serve_logs_one_warning_per_ignored_folder_at_start(
    tmp_path: Path,
    twin_rubrics: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv("MAINS_EVAL_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.setenv("MAINS_EVAL_RUBRICS", str(twin_rubrics))
    served: list[Flask] = []

    def serve_nothing(app: Flask, sock: socket.socket, *_args: Any) -> None:
        sock.close()
        served.append(app)

    # start as `mains-eval serve` does, up to the point where requests would be taken
    monkeypatch.setattr(server, "warm_up", lambda app: None)
    monkeypatch.setattr(server, "serve_socket", serve_nothing)
    monkeypatch.setattr(server.signal, "signal", lambda *args: None)
    said: list[str] = []
    with caplog.at_level(logging.WARNING):
        server.run("127.0.0.1", 0, echo=said.append)
    served[0].extensions["mains_eval_db"].engine.dispose()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        f"{twin_rubrics / 'batch-tuned'} is ignored: its rubric id 'batch-test' is taken by "
        f"{twin_rubrics / 'batch'}, which is served instead; to serve both, give the copy its "
        f"own `id:` in {twin_rubrics / 'batch-tuned' / 'rubric.yaml'} (e.g. `id: batch-tuned`)"
    ]
    assert any(line.startswith("mains-eval: serving on") for line in said)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_rubric_that_does_not_load_says_where_it_is_wrong(
    app: Flask, browser: Browser, twin_rubrics: Path
) -> None:
    # web trial 27b: a tutor's typo took the topic offline and the rubric list said only that it
    # "is not valid"; it now names the line, the key and the problem (never the server's path)
    shutil.rmtree(twin_rubrics / "batch-tuned")
    path = twin_rubrics / "batch" / "rubric.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("max_marks: 10", "max_marks: ten", 1), encoding="utf-8")
    app.config["RUBRICS_DIR"] = str(twin_rubrics)
    browser.register("tutor")
    make_tutor(app, "tutor")
    html = unescape(browser.client.get("/rubrics/").get_data(as_text=True))
    problem = re.search(r"Does not load: ([^<]*)<", html)
    assert problem, html
    said = problem.group(1)
    assert "rubric.yaml line 44" in said and "max_marks" in said, said
    assert str(twin_rubrics) not in html


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    ("broken", "said"),
    [
        ("notes", "is not UTF-8 text"),
        ("number", "a number too long to read"),
        ("shares", "add up to 0"),
    ],
)
def test_a_rubric_broken_in_other_ways_takes_only_itself_offline(
    app: Flask, browser: Browser, twin_rubrics: Path, broken: str, said: str
) -> None:
    # hostile trial 33: notes saved as cp1252, a 5,000-digit number, or four shares of 0 in one
    # rubric made every page 500 (and kept the server from starting); now the rubric list says
    # what is wrong with that one and the others are served
    shutil.rmtree(twin_rubrics / "batch-tuned")
    folder = twin_rubrics / "batch"
    path = folder / "rubric.yaml"
    text = path.read_text(encoding="utf-8")
    if broken == "notes":
        notes = re.search(r"^source_notes: (\S+)", text, re.M)
        assert notes
        (folder / notes.group(1)).write_bytes("## Defence\n- Malabar caf\xe9\n".encode("cp1252"))
    elif broken == "number":
        path.write_text(text.replace("max_marks: 10", "max_marks: " + "9" * 5000, 1), "utf-8")
    else:
        shares = "content_share: 0\n  breadth_share: 0\n  structure_share: 0\n  relevance_share: 0"
        path.write_text(text + f"\nscoring:\n  {shares}\n", encoding="utf-8")
    shutil.copytree(default_rubrics_dir() / "india-japan", twin_rubrics / "india-japan")
    app.config["RUBRICS_DIR"] = str(twin_rubrics)
    browser.register("tutor")
    make_tutor(app, "tutor")
    for url in ("/", "/rubrics/", "/api/v1/questions"):
        assert browser.client.get(url).status_code == 200, url
    html = unescape(browser.client.get("/rubrics/").get_data(as_text=True))
    problem = re.search(r"Does not load: ([^<]*)<", html)
    assert problem and said in problem.group(1), html
