"""Nothing typed is lost: attempts are stored before scoring, failures become an error state,
and concurrent submissions through real servers (waitress threads, gunicorn worker processes)
all land."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session
from webtest_support import (
    GOOD_ANSWER,
    QUESTION,
    RUBRIC,
    Browser,
    ServerOutput,
    ServerThread,
    WebLearner,
)

from evaluator.scoring.engine import MAX_ANSWER_CHARS
from webapp import create_app
from webapp.db import get_database
from webapp.models import ERROR, GRADED, Attempt

ROOT = Path(__file__).resolve().parents[2]


def _attempts(app: Flask) -> list[Attempt]:
    with get_database(app).sessions() as session:
        return list(session.scalars(select(Attempt).order_by(Attempt.id)))


def test_answer_the_scorer_rejects_is_refused_and_kept_in_the_form(
    app: Flask, client: FlaskClient, browser: Browser
) -> None:
    # the scorer never marks text over its limits: saving it would only make an attempt that
    # can never be marked, so the form refuses it and keeps the text
    browser.register("verbose")
    answer = "Japan and India. " * (MAX_ANSWER_CHARS // 17 + 10)
    assert len(answer) > MAX_ANSWER_CHARS
    response = browser.submit(answer)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "too long to mark" in html
    assert f"{MAX_ANSWER_CHARS:,}" in html  # the scorer's own message about the limit
    assert "Japan and India. Japan and India." in html  # kept in the text box
    assert _attempts(app) == []
    assert "No attempts yet" in client.get("/history/").get_data(as_text=True)


def test_rubric_broken_after_submit_keeps_the_text_and_regrade_recovers(
    tmp_path: Path, rubrics_copy: Path, nlp: object
) -> None:
    app = create_app(
        {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "i"), "RUBRICS_DIR": str(rubrics_copy)}
    )
    browser = Browser(app.test_client())
    browser.register("unlucky")
    attempt_id = browser.submit_and_get_id(GOOD_ANSWER)
    rubric_file = rubrics_copy / RUBRIC / "rubric.yaml"
    original = rubric_file.read_text(encoding="utf-8")
    # the question is renamed away between submissions (a tutor editing the rubric)
    rubric_file.write_text(original.replace(f"id: {QUESTION}", "id: renamed-question"), "utf-8")
    page, regrade_url = f"/attempts/{attempt_id}", f"/attempts/{attempt_id}/regrade"
    regrade = browser.post_form(page, {}, url=regrade_url)
    assert regrade.status_code == 302
    html = browser.client.get(f"/attempts/{attempt_id}").get_data(as_text=True)
    assert "could not mark it" in html and "renamed-question" in html
    [stored] = _attempts(app)
    assert stored.status == ERROR and stored.answer == GOOD_ANSWER
    rubric_file.write_text(original, encoding="utf-8")
    os.utime(rubric_file, ns=(1, 10**18))  # a different mtime: the loader's cache must not hide it
    browser.post_form(page, {}, url=regrade_url)
    [stored] = _attempts(app)
    assert stored.status == GRADED and stored.marks is not None
    app.extensions["mains_eval_db"].engine.dispose()


def _submit_concurrently(base: str, learners: int, each: int) -> list[str]:
    def work(index: int) -> list[str]:
        answers = [f"Answer {index}-{n}: Japan and India are Quad partners." for n in range(each)]
        return WebLearner(base).register_and_submit(f"learner{index}", answers)

    with ThreadPoolExecutor(max_workers=learners) as pool:
        return [url for urls in pool.map(work, range(learners)) for url in urls]


def _stored(database_url: str) -> list[tuple[int, str, str]]:
    engine = create_engine(database_url)
    with Session(engine) as session:
        rows = [(a.user_id, a.status, a.answer) for a in session.scalars(select(Attempt))]
    engine.dispose()
    return rows


def test_concurrent_submissions_through_waitress_threads_are_all_stored(app: Flask) -> None:
    with ServerThread(app, threads=8) as server:
        urls = _submit_concurrently(server.url, learners=6, each=3)
    assert len(set(urls)) == 18
    rows = _stored(app.config["DATABASE_URL"])
    assert len(rows) == 18
    assert {status for _, status, _ in rows} == {GRADED}
    assert len({answer for _, _, answer in rows}) == 18


@pytest.mark.slow
def test_worker_processes_store_every_submission_and_a_dead_worker_is_replaced(
    tmp_path: Path, database_url: str
) -> None:
    instance = tmp_path / "instance"
    env = {**os.environ, "MAINS_EVAL_INSTANCE": str(instance), "DATABASE_URL": database_url}
    server = subprocess.Popen(
        [sys.executable, "-m", "webapp", "serve", "--port", "0", "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        assert server.stdout is not None
        output = ServerOutput(server.stdout)
        first = output.line()
        match = re.search(r"http://127\.0\.0\.1:(\d+)", first)
        assert match, first
        workers = []
        while len(workers) < 2:
            line = output.line()
            assert line, "server exited early"
            found = re.search(r"worker (\d+) ready", line)
            if found:
                workers.append(int(found.group(1)))
        url = f"http://127.0.0.1:{match.group(1)}"
        urls = _submit_concurrently(url, learners=6, each=3)
        # a worker that dies is replaced, and the server keeps answering
        os.kill(workers[0], signal.SIGKILL)
        while True:
            line = output.line()
            assert line, "server exited after losing a worker"
            found = re.search(r"worker (\d+) ready", line)
            if found and int(found.group(1)) not in workers:
                break
        with urllib.request.urlopen(url + "/", timeout=60) as response:
            assert response.status == 200
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        if server.stdout is not None:
            server.stdout.close()
    assert server.returncode == 0
    assert len(set(urls)) == 18
    rows = _stored(database_url)
    assert len(rows) == 18 and {status for _, status, _ in rows} == {GRADED}
