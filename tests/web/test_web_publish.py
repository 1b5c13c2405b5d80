"""Publishing a tuned rubric to learners from the tuning page: learners' new answers are marked
with the tuned version (their reports name it), earlier attempts keep their marks, a withdrawal
serves the rubrics folder's version again, and every refusal is one message that changes
nothing."""

from __future__ import annotations

import base64
import csv
import html as html_lib
import io
import json
import logging
import os
import re
import shutil
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
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
    tune_in_browser,
)

from evaluator.rubric import check_rubric, load_rubric
from evaluator.rubric.loader import default_rubrics_dir
from evaluator.scoring.engine import evaluate
from webapp import server
from webapp.db import get_database
from webapp.models import Attempt
from webapp.published import HISTORY, SIDECAR, Publication

PUBLISH_URL = f"/rubrics/{RUBRIC}/publish"
WITHDRAW_URL = f"/rubrics/{RUBRIC}/withdraw"


@dataclass(frozen=True)
class TunedPage:
    """What the tuning results offer the publish button."""

    version: str
    bundle: str
    token: str
    worse: bool = False
    """The page asks 'Publish it anyway' (the tuned rubric agrees no better)."""
    page: str = ""


@pytest.fixture
def tutor(app: Flask) -> Browser:
    """A signed-in tutor, on a client of their own."""
    tutor = Browser(app.test_client())
    tutor.register("tutor")
    make_tutor(app, "tutor")
    return tutor


@pytest.fixture
def learner(app: Flask) -> Browser:
    """A signed-in learner, on a client of their own."""
    learner = Browser(app.test_client())
    learner.register("learner")
    return learner


def _graded(data_dir: Path, *, rotate: int = 0, marked_by: Any = None) -> bytes:
    """One question's graded answers (each given the mark of the answer ``rotate`` rows on, or
    the marks ``marked_by(text)`` gives it)."""
    with (data_dir / "graded" / "india-japan.csv").open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["question"] == QUESTION]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "question", "answer", "mark"])
    for i, r in enumerate(rows):
        mark = rows[(i + rotate) % len(rows)]["mark"] if marked_by is None else marked_by(r)
        writer.writerow([r["id"], r["question"], r["answer"], mark])
    return out.getvalue().encode()


def _tune(client: FlaskClient, data: bytes) -> TunedPage:
    """Upload graded answers on the tuning page; the publish form it shows."""
    token = csrf_token(client.get(TUNE_URL).get_data(as_text=True))
    response = client.post(
        TUNE_URL,
        data={
            "csrf_token": token,
            "folds": "2",
            "question": "",
            "graded": (io.BytesIO(data), "graded.csv"),
        },
        content_type="multipart/form-data",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="agreement-table"' in html, html[:2000]
    form = re.search(
        r'<form method="post" action="([^"]+)" id="publish-form">(.*?)</form>', html, re.S
    )
    assert form, "no publish form on the tuning results"
    assert form.group(1) == PUBLISH_URL
    bundle = re.search(r'name="bundle" type="hidden" value="([^"]+)"', form.group(2))
    button = re.search(r'id="tune-publish">Publish version ([^ ]+) to learners<', form.group(2))
    assert bundle and button
    worse = 'id="tune-publish-anyway"' in form.group(2)
    return TunedPage(
        html_lib.unescape(button.group(1)), bundle.group(1), csrf_token(form.group(2)), worse, html
    )


def _post_and_follow(client: FlaskClient, url: str, data: dict[str, str]) -> str:
    """POST a form, follow its redirect to the rubric list, and return that page's text."""
    response = client.post(url, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    assert response.headers["Location"].endswith("/rubrics/")
    return html_lib.unescape(client.get("/rubrics/").get_data(as_text=True))


def _publish(client: FlaskClient, tuned: TunedPage) -> str:
    form = {"csrf_token": tuned.token, "bundle": tuned.bundle}
    if tuned.worse:
        form["anyway"] = "yes"  # the tutor ticks 'Publish it anyway'
    else:
        form["confirm"] = "yes"  # the tutor ticks 'I have read the warnings above; publish ...'
    return _post_and_follow(client, PUBLISH_URL, form)


def _withdraw(client: FlaskClient) -> str:
    token = csrf_token(client.get("/rubrics/").get_data(as_text=True))
    return _post_and_follow(client, WITHDRAW_URL, {"csrf_token": token})


def _flashes(html: str) -> list[str]:
    return re.findall(r'<p class="flash flash-(?:success|error)">([^<]*)</p>', html)


def _attempt(app: Flask, attempt_id: int) -> Attempt:
    with get_database(app).sessions() as session:
        attempt = session.scalar(select(Attempt).where(Attempt.id == attempt_id))
        assert attempt is not None
        session.expunge(attempt)
        return attempt


def _marked_with(app: Flask, learner: Browser) -> str:
    """Submit an answer as the learner; the rubric version its stored report names."""
    attempt = _attempt(app, learner.submit_and_get_id(GOOD_ANSWER))
    assert attempt.report is not None
    assert attempt.rubric_version == attempt.report["rubric"]["version"]
    return attempt.report["rubric"]["version"]


@pytest.mark.slow
def test_published_rubric_marks_new_answers_until_withdrawn(
    app: Flask, tutor: Browser, learner: Browser, data_dir: Path
) -> None:
    original = load_rubric(RUBRIC).version
    before = _attempt(app, learner.submit_and_get_id(GOOD_ANSWER))
    assert before.rubric_version == original
    # a learner opens the write page before the tutor publishes, and submits after
    mid_attempt = csrf_token(learner.client.get(WRITE_URL).get_data(as_text=True))

    tuned = _tune(tutor.client, _graded(data_dir))
    assert tuned.version != original
    page = _publish(tutor.client, tuned)
    assert _flashes(page) == [
        f"Published {RUBRIC} version {tuned.version}: learners are marked with it from now on, "
        f"in place of version {original} (the rubrics folder's). Earlier attempts keep their "
        "marks."
    ]
    assert re.search(
        rf"Version {re.escape(tuned.version)}, published \d\d \w+ \d{{4}} \d\d:\d\d UTC by "
        rf"tutor, in place of version {re.escape(original)} \(the rubrics folder's\)",
        page,
    )
    folder = Path(app.config["PUBLISHED_RUBRICS_DIR"]) / RUBRIC
    assert check_rubric(folder) == []  # the download's folder, as the zip holds it
    sidecar = json.loads((folder / "published.json").read_text(encoding="utf-8"))
    assert (sidecar["version"], sidecar["published_by"]) == (tuned.version, "tutor")

    # the learner mid-attempt is marked with the tuned version
    response = learner.client.post(
        WRITE_URL, data={"csrf_token": mid_attempt, "answer": GOOD_ANSWER}
    )
    assert response.status_code == 302
    mid = _attempt(app, int(response.headers["Location"].rsplit("/", 1)[1]))
    assert mid.report is not None and mid.report["rubric"]["version"] == tuned.version
    assert _marked_with(app, learner) == tuned.version
    # every page learners and tutors see serves the tuned version
    assert f"Version {tuned.version} ·" in tutor.client.get(f"/rubrics/{RUBRIC}").get_data(
        as_text=True
    )
    questions = learner.client.get("/api/v1/questions").get_json()
    assert {q["rubric_version"] for q in questions["questions"] if q["rubric"] == RUBRIC} == {
        tuned.version
    }

    # the attempt marked before keeps its marks, its report and the version it was marked with
    after = _attempt(app, before.id)
    assert (after.marks, after.report_json, after.rubric_version) == (
        before.marks,
        before.report_json,
        original,
    )
    result = learner.client.get(f"/attempts/{before.id}").get_data(as_text=True)
    assert f"Rubric {RUBRIC} v{original} ·" in result

    page = _withdraw(tutor.client)
    assert _flashes(page) == [
        f"Withdrew {RUBRIC} version {tuned.version}: learners are marked with version "
        f"{original} (the rubrics folder's) from now on. Earlier attempts keep their marks."
    ]
    assert f'id="published-{RUBRIC}"' not in page and not folder.exists()
    assert _marked_with(app, learner) == original
    assert _attempt(app, mid.id).report_json == mid.report_json

    # withdrawing again: nothing is published, and the tutor is told so
    assert _flashes(_withdraw(tutor.client)) == [
        f"Not withdrawn: no tuned version of {RUBRIC} is published."
    ]


@pytest.mark.slow
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_refused_publications_change_nothing_and_a_version_names_one_rubric(
    app: Flask, tutor: Browser, learner: Browser, data_dir: Path, tmp_path: Path
) -> None:
    original = load_rubric(RUBRIC).version
    published = Path(app.config["PUBLISHED_RUBRICS_DIR"])
    # two tunings of the same rubric, open in two tabs: both offer the same next version
    first = _tune(tutor.client, _graded(data_dir))
    second = _tune(tutor.client, _graded(data_dir, rotate=7))
    assert first.version == second.version != original

    # the page warns that tuning one question moved what the others use: publishing asks the
    # tutor to confirm having read that, and a POST without the box ticked publishes nothing
    # (session 32: one click published it past the warning)
    page = html_lib.unescape(first.page)
    assert "tuning also changed what the rubric's other questions" in page
    box = re.search(r'<label[^>]*for="tune-publish-confirm">(.*?)</label>', page, re.S)
    assert box, "no confirmation box on the publish form"
    assert 'name="confirm"' in box.group(1) and " required>" in box.group(1)
    assert re.sub(r"<[^>]+>", "", box.group(1)).strip() == (
        f"I have read the warnings above; publish version {first.version} to learners"
    )
    unconfirmed = _post_and_follow(
        tutor.client, PUBLISH_URL, {"csrf_token": first.token, "bundle": first.bundle}
    )
    assert _flashes(unconfirmed) == [
        "Not published: the box confirming that you have read the tuning results was not "
        f"ticked. Nothing changed: learners are still marked with {RUBRIC} version {original}."
    ]
    assert not published.exists() and _marked_with(app, learner) == original

    # a published folder the server cannot write
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    app.config["PUBLISHED_RUBRICS_DIR"] = str(blocker / "published")
    page = _publish(tutor.client, first)
    [message] = _flashes(page)
    assert message.startswith(
        "Not published: the server cannot write to its published rubrics folder (Not a "
        f"directory). Nothing changed: learners are still marked with {RUBRIC} version {original}."
    ), message
    assert "MAINS_EVAL_PUBLISHED" in message and str(tmp_path) not in message
    assert f'id="published-{RUBRIC}"' not in page
    assert _marked_with(app, learner) == original

    # marks given to other answers: a tuned rubric that agrees no better is published only when
    # the tutor ticks 'Publish it anyway' (trial 25c: one POST published it unasked)
    # (marks the rubric gives already: its tuned version cannot agree better)
    app.config["PUBLISHED_RUBRICS_DIR"] = str(published)
    loaded = load_rubric(RUBRIC)
    own = _tune(
        tutor.client,
        _graded(data_dir, marked_by=lambda r: evaluate(r["answer"], loaded, QUESTION).marks),
    )
    assert own.worse and "Publish it anyway" in html_lib.unescape(own.page)
    unasked = _post_and_follow(
        tutor.client, PUBLISH_URL, {"csrf_token": own.token, "bundle": own.bundle}
    )
    [message] = _flashes(unasked)
    assert message.startswith(
        "Not published: the tuned rubric does not agree better with your marks than "
        f"{RUBRIC} version {original}, and 'Publish it anyway' was not ticked."
    ), message
    assert not published.exists() and _marked_with(app, learner) == original
    assert not first.worse  # the tutor's marks: tuning agrees better, no box to tick

    # publishing, and publishing the same again, replaces cleanly
    _publish(tutor.client, first)
    page = _publish(tutor.client, first)
    assert _flashes(page) == [
        f"Published {RUBRIC} version {first.version}: learners are marked with it from now on, "
        f"in place of version {first.version} (published). Earlier attempts keep their marks."
    ]
    # nothing half-written left; the history keeps the copy the second publication replaced
    assert sorted(p.name for p in published.iterdir()) == [HISTORY, RUBRIC]
    fingerprint = load_rubric(published / RUBRIC).fingerprint
    assert _marked_with(app, learner) == first.version

    # the other tab's rubric would give the version learners were marked with a second meaning
    [message] = _flashes(_publish(tutor.client, second))
    assert message.startswith(
        f"Not published: version {first.version} of {RUBRIC} already names another rubric"
    ), message
    assert load_rubric(published / RUBRIC).fingerprint == fingerprint

    # withdrawn and tuned again, the rubric takes the next version no marks name
    _withdraw(tutor.client)
    again = _tune(tutor.client, _graded(data_dir, rotate=7))
    assert again.version not in (original, first.version)
    assert _flashes(_publish(tutor.client, again))[0].startswith(
        f"Published {RUBRIC} version {again.version}:"
    )
    assert _marked_with(app, learner) == again.version


def test_publishing_and_withdrawing_are_for_tutors(app: Flask, learner: Browser) -> None:
    token = csrf_token(learner.client.get("/").get_data(as_text=True))
    assert (
        learner.client.post(PUBLISH_URL, data={"csrf_token": token, "bundle": "x"}).status_code
        == 403
    )
    assert learner.client.post(WITHDRAW_URL, data={"csrf_token": token}).status_code == 403
    visitor = app.test_client()  # signed out: sent to sign in
    token = csrf_token(visitor.get("/auth/login").get_data(as_text=True))
    response = visitor.post(WITHDRAW_URL, data={"csrf_token": token})
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert not Path(app.config["PUBLISHED_RUBRICS_DIR"]).exists()


def test_publishing_needs_the_form_token_and_a_rubric_this_server_tuned(
    app: Flask, tutor: Browser
) -> None:
    forged = base64.b64encode(b"PK\x05\x06" + bytes(18)).decode() + ".c2lnbmF0dXJl"
    assert tutor.client.post(PUBLISH_URL, data={"bundle": forged}).status_code == 400
    assert tutor.client.post(WITHDRAW_URL).status_code == 400
    token = csrf_token(tutor.client.get("/rubrics/").get_data(as_text=True))
    response = tutor.client.post(PUBLISH_URL, data={"csrf_token": token, "bundle": forged})
    assert response.status_code == 400
    assert "not a rubric this server tuned" in html_lib.unescape(response.get_data(as_text=True))
    assert not Path(app.config["PUBLISHED_RUBRICS_DIR"]).exists()


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_tutor_publishes_from_the_tuning_results_in_a_browser(
    app: Flask, chromium: Any, live_server: ServerThread, data_dir: Path, tmp_path: Path
) -> None:
    graded = tmp_path / "graded.csv"
    graded.write_bytes(_graded(data_dir))
    context = chromium.new_context()
    context.set_default_timeout(120_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        tune_in_browser(page, app, live_server.url, "publishing-tutor", graded, folds=2)
        button = page.locator("#tune-publish")
        button.wait_for()
        if page.locator("#tune-publish-anyway").count():
            page.locator("#tune-publish-anyway").check()
        else:
            page.locator("#tune-publish-confirm").check()
        version = button.inner_text().removeprefix("Publish version ").removesuffix(" to learners")
        button.click()
        page.wait_for_url(live_server.url + "/rubrics/")
        flash = page.locator(".flash-success")
        assert flash.inner_text().startswith(f"Published {RUBRIC} version {version}:")
        note = page.locator(f"#published-{RUBRIC}")
        assert f"Version {version}, published" in note.inner_text()
        assert "by publishing-tutor" in note.inner_text()
        assert note.get_by_role("button", name=f"Withdraw version {version}").is_visible()
        assert errors == []
    finally:
        context.close()


@pytest.mark.slow
def test_a_withdrawn_rubric_is_published_again_under_its_version_but_no_other_rubric_is(
    app: Flask, tutor: Browser, learner: Browser, data_dir: Path
) -> None:
    original = load_rubric(RUBRIC).version
    # the tuning page left open, and a second tab tuned from the same rubric to other marks:
    # both offer the same next version, for two different rubrics
    tuned = _tune(tutor.client, _graded(data_dir))
    other = _tune(tutor.client, _graded(data_dir, rotate=7))
    assert tuned.version == other.version != original
    _publish(tutor.client, tuned)
    published = Path(app.config["PUBLISHED_RUBRICS_DIR"])
    fingerprint = load_rubric(published / RUBRIC).fingerprint
    assert _marked_with(app, learner) == tuned.version
    _withdraw(tutor.client)

    # the same rubric again: the marks naming its version were all given by it
    page = _publish(tutor.client, tuned)
    assert _flashes(page) == [
        f"Published {RUBRIC} version {tuned.version}: learners are marked with it from now on, "
        f"in place of version {original} (the rubrics folder's). Earlier attempts keep their "
        "marks."
    ]
    assert load_rubric(published / RUBRIC).fingerprint == fingerprint
    assert _marked_with(app, learner) == tuned.version

    # another rubric under that version is still refused, and nothing changes
    _withdraw(tutor.client)
    [message] = _flashes(_publish(tutor.client, other))
    assert message.startswith(
        f"Not published: version {tuned.version} of {RUBRIC} already names another rubric"
    ), message
    assert not (published / RUBRIC).exists()
    assert _marked_with(app, learner) == original
    # the evidence: the history keeps each withdrawn publication's version and fingerprint
    history = [json.loads(line) for line in (published / HISTORY).read_text().splitlines()]
    assert [(h["version"], h["fingerprint"]) for h in history] == [(tuned.version, fingerprint)] * 2


@pytest.mark.slow
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_version_the_rubrics_folder_also_gave_marks_under_is_not_published_again(
    app: Flask, tutor: Browser, learner: Browser, data_dir: Path, rubrics_copy: Path
) -> None:
    app.config["RUBRICS_DIR"] = str(rubrics_copy)
    rubric_file = rubrics_copy / RUBRIC / "rubric.yaml"
    original = load_rubric(rubric_file).version
    tuned = _tune(tutor.client, _graded(data_dir))
    _publish(tutor.client, tuned)
    assert _marked_with(app, learner) == tuned.version
    _withdraw(tutor.client)

    def folder_version(version: str) -> None:
        """The rubric author sets the rubrics folder's version (as the tuned one took it)."""
        text = rubric_file.read_text(encoding="utf-8")
        rubric_file.write_text(
            re.sub(r'(?m)^version: ".*"$', f'version: "{version}"', text), encoding="utf-8"
        )
        later = rubric_file.stat().st_mtime_ns + 10_000_000  # the loader's cache sees the change
        os.utime(rubric_file, ns=(later, later))

    # the rubrics folder's own rubric marks a learner under the tuned version's number, then
    # moves on: the marks naming that version come from two rubrics
    folder_version(tuned.version)
    assert _marked_with(app, learner) == tuned.version
    folder_version(original)
    assert _marked_with(app, learner) == original
    [message] = _flashes(_publish(tutor.client, tuned))
    assert message.startswith(
        f"Not published: version {tuned.version} of {RUBRIC} already names another rubric"
    ), message
    assert _marked_with(app, learner) == original


@pytest.mark.slow
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_published_copy_whose_original_left_the_rubrics_folder_is_served_and_said_so(
    app: Flask, tutor: Browser, learner: Browser, data_dir: Path, rubrics_copy: Path
) -> None:
    app.config["RUBRICS_DIR"] = str(rubrics_copy)
    tuned = _tune(tutor.client, _graded(data_dir))
    page = _publish(tutor.client, tuned)
    assert 'id="published-only-' not in page
    shutil.rmtree(rubrics_copy / RUBRIC)  # the rubric's folder is removed from the rubrics folder

    # learners keep practising it with the published copy, which their marks name
    assert _marked_with(app, learner) == tuned.version
    page = html_lib.unescape(tutor.client.get("/rubrics/").get_data(as_text=True))
    assert re.search(
        rf'<p class="notice notice-warn small" id="published-only-{RUBRIC}">Published copy '
        "only: the original is no longer in the rubrics folder. Learners are still marked with "
        f"this copy. Withdrawing it takes {RUBRIC} away from learners: they can no longer "
        r"practise it \(earlier attempts keep their marks\).</p>",
        page,
    ), page
    assert (
        f'id="withdraw-{RUBRIC}">Withdraw version {tuned.version} and take {RUBRIC} away from '
        "learners</button>"
    ) in page

    page = _withdraw(tutor.client)
    assert _flashes(page) == [
        f"Withdrew {RUBRIC} version {tuned.version}: the rubrics folder has no rubric {RUBRIC}, "
        "so learners can no longer practise it. Earlier attempts keep their marks."
    ]
    assert f'id="published-{RUBRIC}"' not in page and f'href="/rubrics/{RUBRIC}"' not in page
    assert learner.client.get(WRITE_URL).status_code == 404


def test_serve_logs_each_published_copy_whose_original_left_once_at_start(
    tmp_path: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    rubrics = tmp_path / "rubrics"  # holds the batch test rubric, no longer india-japan
    shutil.copytree(data_dir / "batch" / "rubric", rubrics / "batch")
    published = tmp_path / "published"
    for rubric_id, source in (
        (RUBRIC, default_rubrics_dir() / RUBRIC),
        ("batch-test", data_dir / "batch" / "rubric"),  # its original is still there: no warning
    ):
        shutil.copytree(source, published / rubric_id)
        (published / rubric_id / SIDECAR).write_text(
            Publication(
                rubric_id=rubric_id,
                version=load_rubric(published / rubric_id).version,
                fingerprint=load_rubric(published / rubric_id).fingerprint,
                published_at=datetime(2026, 1, 5, 9, 30, tzinfo=UTC),
                published_by="tutor",
                replaces=None,
            ).to_json(),
            encoding="utf-8",
        )
    monkeypatch.setenv("MAINS_EVAL_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.setenv("MAINS_EVAL_RUBRICS", str(rubrics))
    monkeypatch.setenv("MAINS_EVAL_PUBLISHED", str(published))
    served: list[Flask] = []

    def serve_nothing(app: Flask, sock: socket.socket, *_args: Any) -> None:
        sock.close()
        served.append(app)

    # start as `mains-eval serve` does, up to the point where requests would be taken
    monkeypatch.setattr(server, "warm_up", lambda app: None)
    monkeypatch.setattr(server, "serve_socket", serve_nothing)
    monkeypatch.setattr(server.signal, "signal", lambda *args: None)
    with caplog.at_level(logging.WARNING):
        server.run("127.0.0.1", 0, echo=lambda line: None)
    served[0].extensions["mains_eval_db"].engine.dispose()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    version = load_rubric(published / RUBRIC).version
    assert warnings == [
        f"published rubric {RUBRIC} version {version} ({published / RUBRIC}) is served from its "
        f"published copy only: the rubrics folder has no rubric {RUBRIC} any more; learners are "
        f"still marked with the copy, and a tutor who withdraws it on the rubric list takes "
        f"{RUBRIC} away from learners"
    ]
