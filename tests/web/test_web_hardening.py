"""Hostile requests that used to get through (issue 14): deep JSON, ids past the database's
integer range, sessions that outlived sign-out, weak passwords, huge error messages, a world-
readable database file and per-process rate limits."""

from __future__ import annotations

import json
import os
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event
from webtest_support import GOOD_ANSWER, PASSWORD, QUESTION, WRITE_URL, Browser, csrf_token

from webapp import create_app

EVALUATE = "/api/v1/evaluate"
HUGE_ID = "99999999999999999999"


def _error(response: object) -> dict[str, object]:
    return response.get_json()["error"]  # type: ignore[attr-defined]


# -- deeply nested JSON ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100_000 + "]" * 100_000,
        json.dumps({"question_id": QUESTION, "answer": "x"})[:-1]
        + ', "extra": '
        + '{"a": ' * 1000
        + "1"
        + "}" * 1000
        + "}",
        '{"question_id": "q", "answer": ' + "[" * 5000 + "]" * 5000 + "}",
    ],
    ids=["array-100k", "object-1000", "answer-array-5000"],
)
def test_deeply_nested_json_is_a_400_with_a_message(client: FlaskClient, body: str) -> None:
    response = client.post(EVALUATE, data=body, content_type="application/json")
    assert response.status_code == 400
    error = _error(response)
    assert error["code"] == "json_too_deep"
    assert "nests" in str(error["message"])


@pytest.mark.parametrize(
    "body", ['"\\' * 400_000, "[]" * 400_000, "]" * 800_000], ids=["escapes", "flat", "closers"]
)
def test_depth_check_is_linear_on_a_hostile_megabyte(body: str) -> None:
    import time

    from webapp.api import json_depth

    started = time.process_time()  # this process's own work, whatever else the machine runs
    assert json_depth(body) <= 1
    assert time.process_time() - started < 2.0  # an escape-aware pattern once took minutes


def test_modest_nesting_still_gets_the_field_error(client: FlaskClient) -> None:
    body = {"question_id": QUESTION, "answer": [[["a"]]]}
    response = client.post(EVALUATE, json=body)
    assert response.status_code == 400
    assert _error(response)["code"] == "bad_field"


def test_brackets_inside_strings_do_not_count_as_nesting(client: FlaskClient) -> None:
    answer = "India [and] {Japan} " + "[" * 500 + ' "quoted" ' + "]" * 10
    response = client.post(EVALUATE, json={"question_id": QUESTION, "answer": answer})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]


def test_unknown_field_error_is_capped(client: FlaskClient) -> None:
    body = {f"key{n:05d}": 1 for n in range(50_000)} | {"question_id": QUESTION, "answer": "x"}
    response = client.post(EVALUATE, json=body)
    assert response.status_code == 400
    message = str(_error(response)["message"])
    assert len(response.get_data()) < 2_000
    assert "key00000" in message and "and 49990 more" in message


# -- ids past the integer range -------------------------------------------------------------


def test_attempt_ids_beyond_the_database_range_are_404(client: FlaskClient, browser: Browser):
    browser.register("overflow")
    attempt_id = browser.submit_and_get_id(GOOD_ANSWER)
    token = csrf_token(client.get(f"/attempts/{attempt_id}").get_data(as_text=True))
    for huge in [HUGE_ID, str(2**63), "9" * 5000]:
        assert client.get(f"/attempts/{huge}").status_code == 404
        assert client.get(f"{WRITE_URL}?from={huge}").status_code == 404
        regrade = client.post(f"/attempts/{huge}/regrade", data={"csrf_token": token})
        assert regrade.status_code == 404
    assert client.get(f"{WRITE_URL}?from=²").status_code == 200  # not a number: no prefill
    assert client.get(f"/attempts/{attempt_id}").status_code == 200


# -- sessions end on sign-out and on a password change --------------------------------------


def _signed_in(client: FlaskClient) -> bool:
    return client.get("/history/").status_code == 200


def _cookies(client: FlaskClient) -> dict[str, str]:
    return {name: client.get_cookie(name).value for name in ("session", "remember_token")}


def _replay(app: Flask, cookies: dict[str, str], only: str) -> FlaskClient:
    thief = app.test_client()
    thief.set_cookie(only, cookies[only])
    return thief


def _login_remembered(app: Flask, username: str) -> FlaskClient:
    device = app.test_client()
    html = device.get("/auth/login").get_data(as_text=True)
    data = {"username": username, "password": PASSWORD, "remember": "y"}
    response = device.post("/auth/login", data={**data, "csrf_token": csrf_token(html)})
    assert response.status_code == 302
    return device


def test_sign_out_ends_every_session_and_remember_token(app: Flask, browser: Browser) -> None:
    browser.register("leaver")
    browser.logout()
    laptop, phone = _login_remembered(app, "leaver"), _login_remembered(app, "leaver")
    stolen = _cookies(laptop)
    for name in stolen:
        assert _signed_in(_replay(app, stolen, name)), name  # the cookies work before
    Browser(laptop).logout()
    for name in stolen:
        assert not _signed_in(_replay(app, stolen, name)), name
    assert not _signed_in(phone)  # the other device too
    assert _signed_in(_login_remembered(app, "leaver"))  # signing in again works


def test_password_change_ends_every_session(app: Flask, browser: Browser) -> None:
    from webapp.auth import find_user, set_password
    from webapp.db import get_database

    browser.register("changer")
    device = _login_remembered(app, "changer")
    stolen = _cookies(device)
    with get_database(app).sessions() as session:
        user = find_user(session, "changer")
        assert user is not None
        set_password(session, user, "a brand new passphrase")
    for name in stolen:
        assert not _signed_in(_replay(app, stolen, name)), name
    assert not _signed_in(device)


def test_cli_passwd_ends_every_session(
    app: Flask, browser: Browser, runner: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from webapp.cli import main

    monkeypatch.setenv("DATABASE_URL", app.config["DATABASE_URL"])  # the app's own database
    browser.register("cliuser")
    device = _login_remembered(app, "cliuser")
    stolen = _cookies(device)
    result = runner.invoke(  # type: ignore[attr-defined]
        main, ["user", "passwd", "cliuser", "--password-stdin"], input="another long passphrase\n"
    )
    assert result.exit_code == 0, result.output
    assert "every session of theirs has ended" in result.output
    for name in stolen:
        assert not _signed_in(_replay(app, stolen, name)), name
    assert not _signed_in(device)


def test_cli_refuses_a_common_password(runner: object) -> None:
    from webapp.cli import main

    result = runner.invoke(  # type: ignore[attr-defined]
        main, ["user", "add", "someone", "--password-stdin"], input="12345678\n"
    )
    assert result.exit_code == 2
    assert "most common passwords" in result.output


def test_cookies_from_before_generations_sign_no_one_in(app: Flask) -> None:
    from webapp.auth import _load_user

    with app.test_request_context():
        for alternative_id in ["1", "1:", "x:0", "1:x", "\u0661:0", "9" * 30 + ":0"]:
            assert _load_user(alternative_id) is None


# -- account rules --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("ravi1", "password", "most common passwords"),
        ("ravi2", "12345678", "most common passwords"),
        ("ravi3_long", "ravi3_long", "must not be the username"),
        ("ravi4", "RAVI4ravi4"[:5] + "xxxxxxxx", None),
        ("ravi5", "y" * 201, "At most 200 characters."),
        ("ravi6", "short", "At least 8 characters."),
        ("ravi7", "aaaaaaaaaa", "too easy to guess"),
    ],
)
def test_registration_password_rules(
    browser: Browser, username: str, password: str, message: str | None
) -> None:
    response = browser.register(username, password)
    if message is None:
        assert response.status_code in (200, 302)
        return
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert browser.login(username, password).status_code == 200  # no account was made


# -- the database file ----------------------------------------------------------------------


def test_sqlite_file_is_created_owner_only(tmp_path: Path, nlp: object) -> None:
    old = os.umask(0o022)
    try:
        app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "inst")})
    finally:
        os.umask(old)
    database = tmp_path / "inst" / "mains-eval.sqlite"
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    app.extensions["mains_eval_db"].engine.dispose()


# -- rate limits shared by every worker -----------------------------------------------------


@pytest.fixture
def workers(tmp_path: Path, nlp: object, database_url: str) -> Iterator[Callable[..., Flask]]:
    """Apps on one shared database of each kind, as gunicorn workers or machines would be."""
    made: list[Flask] = []

    def worker(**config: object) -> Flask:
        made.append(
            create_app(
                {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "instance")}
                | {"DATABASE_URL": database_url}
                | config
            )
        )
        return made[-1]

    yield worker
    for app in made:
        app.extensions["mains_eval_db"].engine.dispose()


def test_failed_sign_ins_are_counted_across_workers(workers: Callable[..., Flask]) -> None:
    from limits import parse

    first, second = workers(), workers()
    Browser(first.test_client()).register("victim")
    limit = parse(first.config["LOGIN_FAILURE_LIMIT"]).amount
    guessers = [Browser(first.test_client()), Browser(second.test_client())]
    for n in range(limit):
        assert guessers[n % 2].login("victim", f"guess {n}").status_code == 200
    for guesser in guessers:
        assert guesser.login("victim").status_code == 429


def test_api_and_registration_are_rate_limited_across_workers(
    workers: Callable[..., Flask],
) -> None:
    limits = {"API_RATE_LIMIT": "3 per minute", "REGISTER_RATE_LIMIT": "2 per hour"}
    clients = [workers(**limits).test_client() for _ in range(2)]
    body = {"question_id": QUESTION, "answer": "India and Japan."}
    statuses = [clients[n % 2].post(EVALUATE, json=body).status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = clients[0].post(EVALUATE, json=body)
    assert _error(refused)["code"] == "too_many_requests"
    assert "3 per 1 minute" in str(_error(refused)["message"])
    assert int(refused.headers["Retry-After"]) > 0
    assert clients[0].get("/api/v1/questions").status_code == 200  # reading is not limited
    registered = [Browser(clients[n % 2]).register(f"pupil{n}").status_code for n in range(3)]
    assert registered == [302, 302, 429]


def test_rate_limit_headers_count_every_worker_s_requests(workers: Callable[..., Flask]) -> None:
    clients = [workers(API_RATE_LIMIT="4 per minute").test_client() for _ in range(2)]
    body = {"question_id": QUESTION, "answer": "India and Japan."}
    seen = []
    for n in range(5):
        response = clients[n % 2].post(EVALUATE, json=body)
        seen.append((response.status_code, response.headers["X-RateLimit-Remaining"]))
        reset = int(response.headers["X-RateLimit-Reset"])
        assert time.time() < reset <= time.time() + 61
    assert seen == [(200, "3"), (200, "2"), (200, "1"), (200, "0"), (429, "0")]


def test_a_limited_request_costs_the_database_one_statement(
    workers: Callable[..., Flask],
) -> None:
    """The limiter's whole cost per API request is one upsert (the count and the window end come
    back from it for the headers): the web benchmark's PostgreSQL target depends on it."""
    app = workers()
    statements: list[str] = []
    engines = {
        app.extensions["mains_eval_db"].engine,
        app.extensions["mains_eval_ratelimit"].strategy.storage.engine,  # PostgreSQL: its own
    }
    for engine in engines:
        event.listen(
            engine,
            "before_cursor_execute",
            lambda _conn, _cursor, statement, *_: statements.append(statement),
        )
    body = {"question_id": QUESTION, "answer": "India and Japan."}
    response = app.test_client().post(EVALUATE, json=body)
    assert response.status_code == 200
    assert response.headers["X-RateLimit-Remaining"]
    assert len(statements) == 1, statements
    assert statements[0].startswith("INSERT INTO rate_limits")


def test_counting_survives_postgresql_dropping_its_connections(
    tmp_path: Path, nlp: object, postgres_url: str
) -> None:
    """A PostgreSQL restart or failover closes every connection; the counters' pool has no
    pre-ping, so the next hit must notice, reconnect and still be counted (not a 500)."""
    import psycopg

    app = create_app(
        {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "instance")}
        | {"DATABASE_URL": postgres_url, "API_RATE_LIMIT": "5 per minute"}
    )
    client = app.test_client()
    body = {"question_id": QUESTION, "answer": "India and Japan."}
    try:
        assert client.post(EVALUATE, json=body).headers["X-RateLimit-Remaining"] == "4"
        database = postgres_url.rsplit("/", 1)[1]
        with psycopg.connect(postgres_url.replace("+psycopg", ""), autocommit=True) as admin:
            dropped = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (database,),
            ).fetchone()
        assert dropped and dropped[0] >= 1
        again = client.post(EVALUATE, json=body)
        assert again.status_code == 200
        assert again.headers["X-RateLimit-Remaining"] == "3"
    finally:
        app.extensions["mains_eval_db"].engine.dispose()


def test_write_page_still_grades_after_hardening(browser: Browser) -> None:
    browser.register("writer")
    assert browser.submit_and_get_id(GOOD_ANSWER) > 0
