"""Operating the database as docs/deployment.md says: back up while serving and restore into a
fresh database (SQLite's online backup, pg_dump/pg_restore), and several app servers on one
PostgreSQL sharing one secret key."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from flask import Flask
from pg_cluster import PostgresCluster
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session
from webtest_support import GOOD_ANSWER, WRITE_URL, Browser, ServerThread, WebLearner

from webapp import create_app, schema
from webapp.models import Attempt


def _answers(database_url: str) -> list[tuple[int, str, str]]:
    engine = create_engine(database_url)
    with Session(engine) as session:
        rows = [(a.id, a.status, a.answer) for a in session.scalars(select(Attempt).order_by("id"))]
    engine.dispose()
    return rows


def _backup_and_restore(database_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """Back up the live database and restore it into a fresh one, as the docs say; its URL."""
    if database_url.startswith("sqlite"):
        source = database_url.removeprefix("sqlite:///")
        backup = tmp_path / "backup.sqlite"
        # Connection.backup copies a consistent snapshot while the app keeps writing
        with sqlite3.connect(source) as live, sqlite3.connect(backup) as copy:
            live.backup(copy)
        live.close()
        copy.close()
        restored = tmp_path / "restored" / "mains-eval.sqlite"
        restored.parent.mkdir()
        restored.write_bytes(backup.read_bytes())
        return f"sqlite:///{restored}"
    cluster: PostgresCluster = request.getfixturevalue("postgres")
    dump = tmp_path / "mains-eval.dump"
    source = database_url.replace("postgresql+psycopg", "postgresql")
    cluster.tool("pg_dump", "--format=custom", f"--file={dump}", f"--dbname={source}")
    fresh = cluster.create_database()
    request.addfinalizer(lambda: cluster.drop_database(fresh))
    cluster.tool("pg_restore", "--no-owner", f"--dbname={cluster.url(fresh, driver='')}", str(dump))
    return cluster.url(fresh)


def test_backup_restores_into_a_fresh_database_with_every_attempt(
    app: Flask, database_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    browser = Browser(app.test_client())
    browser.register("careful")
    ids = [browser.submit_and_get_id(f"{GOOD_ANSWER} ({n})") for n in range(3)]
    stored = _answers(database_url)
    assert [row[0] for row in stored] == ids

    restored_url = _backup_and_restore(database_url, tmp_path, request)

    assert _answers(restored_url) == stored
    engine = create_engine(restored_url)
    assert schema.state(engine).up_to_date  # the revision travels with the data
    engine.dispose()
    restored = create_app(
        {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "other"), "DATABASE_URL": restored_url}
    )
    again = Browser(restored.test_client())
    assert again.login("careful").status_code == 302
    history = again.client.get("/history/").get_data(as_text=True)
    assert all(f"/attempts/{attempt_id}" in history for attempt_id in ids)
    restored.extensions["mains_eval_db"].engine.dispose()


def test_two_servers_on_one_postgresql_share_sessions_and_attempts(
    postgres_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
    nlp: object,
) -> None:
    monkeypatch.setenv("MAINS_EVAL_SECRET_KEY", "one key for every machine " + "x" * 32)
    machines = [
        create_app({"INSTANCE_PATH": str(tmp_path / name), "DATABASE_URL": postgres_url})
        for name in ("machine-a", "machine-b")
    ]
    monkeypatch.setenv("MAINS_EVAL_SECRET_KEY", "a machine configured with another key")
    stranger = create_app(
        {"INSTANCE_PATH": str(tmp_path / "stranger"), "DATABASE_URL": postgres_url}
    )
    for application in [*machines, stranger]:  # even when a server fails to stop
        request.addfinalizer(application.extensions["mains_eval_db"].engine.dispose)
    with (
        ServerThread(machines[0]) as a,
        ServerThread(machines[1]) as b,
        ServerThread(stranger) as c,
    ):
        learner = WebLearner(a.url)
        [first] = learner.register_and_submit("roaming", ["Answer on A: India and Japan, Quad."])
        # the proxy sends the same browser to machine B: same cookies, no new sign-in
        learner.base = b.url
        status, second = learner.post(WRITE_URL, {"answer": "Answer on B: the 2+2 dialogue."})
        assert status == 200 and second.startswith(b.url + "/attempts/")
        for server in (a, b):
            with learner.opener.open(server.url + "/history/", timeout=60) as response:
                history = response.read().decode()
            assert response.url == server.url + "/history/"  # signed in, not sent to login
            assert first.replace(a.url, "") in history and second.replace(b.url, "") in history
        # a machine with another secret key does not accept the session: it must be shared
        with learner.opener.open(c.url + "/history/", timeout=60) as response:
            assert "/auth/login" in response.url
    assert len(_answers(postgres_url)) == 2
