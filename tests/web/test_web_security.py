"""Security properties: headers, CSRF, size limit, escaping, privacy between learners, keys."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from webtest_support import GOOD_ANSWER, PASSWORD, WRITE_URL, Browser, csrf_token, make_tutor

from webapp import MAX_REQUEST_BYTES, create_app

PAGES = ["/", "/auth/login", "/auth/register", "/no-such-page", "/api/v1/questions"]


@pytest.mark.parametrize("path", PAGES)
def test_security_headers_on_every_response(client: FlaskClient, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_script_or_style(client: FlaskClient, browser: Browser) -> None:
    browser.register("inline")
    attempt_id = browser.submit_and_get_id(GOOD_ANSWER)
    for path in ["/", WRITE_URL, f"/attempts/{attempt_id}", "/history/", "/missing"]:
        html = client.get(path).get_data(as_text=True)
        scripts = re.findall(r"<script\b[^>]*>", html)
        assert all("src=" in tag for tag in scripts), (path, scripts)
        assert not re.search(r"<script\b[^>]*>\s*[^<\s]", html), path
        assert " style=" not in html and "<style" not in html, path
        assert not re.search(r"\son[a-z]+=", html), path  # no inline event handlers


def test_session_cookie_is_httponly_and_samesite(browser: Browser) -> None:
    response = browser.register("cookie")
    cookies = response.headers.getlist("Set-Cookie")
    session = next(c for c in cookies if c.startswith("session="))
    assert "HttpOnly" in session
    assert "SameSite=Lax" in session


@pytest.mark.parametrize(
    "path",
    ["/auth/register", "/auth/login", "/auth/logout", WRITE_URL],
)
def test_forms_without_csrf_token_are_rejected(
    client: FlaskClient, browser: Browser, path: str
) -> None:
    browser.register("csrf")
    data = {"username": "x", "password": "y" * 10, "confirm": "y" * 10, "answer": "Japan."}
    response = client.post(path, data=data)
    assert response.status_code == 400
    assert "security token" in response.get_data(as_text=True)
    forged = client.post(path, data={**data, "csrf_token": "forged"})
    assert forged.status_code == 400


def test_csrf_rejection_stores_nothing(client: FlaskClient, browser: Browser) -> None:
    browser.register("nostore")
    client.post(WRITE_URL, data={"answer": "Japan and India."})
    assert "No attempts yet" in client.get("/history/").get_data(as_text=True)


def test_huge_body_gets_413_page(client: FlaskClient, browser: Browser) -> None:
    browser.register("huge")
    token = csrf_token(client.get(WRITE_URL).get_data(as_text=True))
    body = "x" * (MAX_REQUEST_BYTES + 10)
    response = client.post(WRITE_URL, data={"answer": body, "csrf_token": token})
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "That was too much text" in html and 'class="site-header"' in html


def test_hostile_answer_is_escaped_and_never_evaluated(
    client: FlaskClient, browser: Browser
) -> None:
    browser.register("hostile")
    hostile = (
        "Japan and India cooperate in the Quad. <script>alert(1)</script> {{ 7*7 }} "
        '{% raw %}x{% endraw %} <img src=x onerror="alert(2)"> CEPA</mark><b>2011</b>'
    )
    attempt_id = browser.submit_and_get_id(hostile)
    html = client.get(f"/attempts/{attempt_id}").get_data(as_text=True)
    answer = html.split('id="highlighted-answer">', 1)[1].split("</div>", 1)[0]
    # our own tags are the only tags inside the answer; without them the text reads as typed
    tags = set(re.findall(r"</?([a-z]+)", answer))
    assert tags <= {"mark", "span"}
    text = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", answer)
    text = re.sub(r"</?mark\b[^>]*>", "", text)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "{{ 7*7 }}" in text and "49" not in text
    assert "{% raw %}x{% endraw %}" in text
    assert "&lt;img src=x onerror=&#34;alert(2)&#34;&gt;" in text
    assert "CEPA&lt;/mark&gt;&lt;b&gt;2011&lt;/b&gt;" in text
    rewrite = client.get(f"{WRITE_URL}?from={attempt_id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rewrite and "<script>alert" not in rewrite


def test_learners_cannot_open_each_others_attempts(app: Flask) -> None:
    alice, bob = Browser(app.test_client()), Browser(app.test_client())
    alice.register("alice")
    bob.register("bob")
    secret = alice.submit_and_get_id("Alice's private answer about Japan and the Quad.")
    assert alice.client.get(f"/attempts/{secret}").status_code == 200
    for url in (f"/attempts/{secret}", f"{WRITE_URL}?from={secret}"):
        response = bob.client.get(url)
        assert response.status_code == 404, url
        assert "Alice's private answer" not in response.get_data(as_text=True)
    regrade = bob.post_form("/", {}, url=f"/attempts/{secret}/regrade")
    assert regrade.status_code == 404
    assert "Alice" not in bob.client.get("/history/").get_data(as_text=True)
    visitor = app.test_client()
    assert visitor.get(f"/attempts/{secret}").status_code == 302
    # attempt ids that do not exist look exactly like other people's
    assert bob.client.get(f"/attempts/{secret + 1000}").status_code == 404


def test_tutor_can_open_any_attempt(app: Flask) -> None:
    alice, tutor = Browser(app.test_client()), Browser(app.test_client())
    alice.register("alice")
    tutor.register("teacher")
    attempt = alice.submit_and_get_id("Alice writes about CEPA and Japan.")
    assert tutor.client.get(f"/attempts/{attempt}").status_code == 404
    make_tutor(app, "teacher")
    html = tutor.client.get(f"/attempts/{attempt}").get_data(as_text=True)
    assert "Alice writes about" in html and "by alice" in html
    # the tutor reads alice's marks, not "your" marks
    assert "alice&#39;s answer, marked up" in html and "Your answer, marked up" not in html
    own = alice.client.get(f"/attempts/{attempt}").get_data(as_text=True)
    assert "Your answer, marked up" in own


def test_secret_key_generated_once_in_instance(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MAINS_EVAL_SECRET_KEY", raising=False)
    instance = tmp_path / "inst"
    first = create_app({"INSTANCE_PATH": str(instance)})
    key_file = instance / "secret_key"
    assert key_file.exists()
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    second = create_app({"INSTANCE_PATH": str(instance)})
    assert first.secret_key == second.secret_key
    assert len(str(first.secret_key)) >= 32
    monkeypatch.setenv("MAINS_EVAL_SECRET_KEY", "from-the-environment")
    third = create_app({"INSTANCE_PATH": str(tmp_path / "other")})
    assert third.secret_key == "from-the-environment"
    for app in (first, second, third):
        app.extensions["mains_eval_db"].engine.dispose()


def test_instance_folder_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAINS_EVAL_INSTANCE", str(tmp_path / "env-instance"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app()
    assert Path(app.instance_path) == (tmp_path / "env-instance").resolve()
    assert (tmp_path / "env-instance" / "mains-eval.sqlite").exists()
    app.extensions["mains_eval_db"].engine.dispose()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_sqlite_runs_in_wal_mode(app: Flask) -> None:
    from sqlalchemy import text

    from webapp.db import get_database

    with get_database(app).engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 1000


def test_password_guessing_is_throttled(app: Flask, browser: Browser) -> None:
    from limits import parse

    browser.register("target")
    browser.logout()
    for _ in range(parse(app.config["LOGIN_FAILURE_LIMIT"]).amount):
        assert browser.login("target", "wrong guess").status_code == 200
    blocked = browser.login("target", PASSWORD)  # even the right password waits now
    assert blocked.status_code == 429
    assert "Too many failed sign-ins" in blocked.get_data(as_text=True)
    assert int(blocked.headers["Retry-After"]) > 0
    other = Browser(app.test_client())
    other.register("bystander")  # other accounts are not affected
    other.logout()
    assert other.login("bystander").status_code == 302


def test_rate_limiting_can_be_switched_off(tmp_path: Path, nlp: object) -> None:
    """``RATELIMIT_ENABLED = False`` (a private deployment behind its own limiter) starts the app,
    and sign-in works past the failure limit instead of answering 429."""
    from limits import parse

    app = create_app(
        {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "inst"), "RATELIMIT_ENABLED": False}
    )
    try:
        browser = Browser(app.test_client())
        browser.register("target")
        browser.logout()
        for _ in range(parse(app.config["LOGIN_FAILURE_LIMIT"]).amount + 2):
            assert browser.login("target", "wrong guess").status_code == 200
        assert browser.login("target", PASSWORD).status_code == 302
    finally:
        app.extensions["mains_eval_db"].engine.dispose()
