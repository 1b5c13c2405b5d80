"""Web app fixtures (flaskr style): a fresh app with its own instance folder and database per
test, a test client, a CLI runner, a live waitress server. Scoring uses the real pipeline and
the bundled rubric."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from pg_cluster import PostgresCluster, find_bindir
from webtest_support import RUBRIC, Browser, ServerThread

from evaluator.rubric.loader import default_rubrics_dir
from webapp import create_app

ROOT = Path(__file__).resolve().parents[2]

DEPLOYMENT_VARIABLES = (
    "DATABASE_URL",
    "MAINS_EVAL_INSTANCE",
    "MAINS_EVAL_SECRET_KEY",
    "MAINS_EVAL_API_TOKEN",
    "MAINS_EVAL_ALLOW_REGISTRATION",
    "MAINS_EVAL_SECURE_COOKIES",
    "MAINS_EVAL_PUBLISHED",
)


@pytest.fixture(autouse=True)
def _no_deployment_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """A deployment's environment (a real DATABASE_URL, say) never reaches the tests."""
    for name in DEPLOYMENT_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """A throw-away PostgreSQL cluster for the session. Missing PostgreSQL skips the tests that
    need it on a workstation, and fails them in CI (CI=true): CI must test both databases."""
    bindir = find_bindir()
    if bindir is None:
        message = "PostgreSQL server binaries not found (apt-get install postgresql)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    with PostgresCluster(bindir) as cluster:
        yield cluster


@pytest.fixture
def postgres_url(postgres: PostgresCluster) -> Iterator[str]:
    """A fresh, empty PostgreSQL database (dropped after the test)."""
    name = postgres.create_database()
    yield postgres.url(name)
    postgres.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each kind: SQLite in the instance folder, then PostgreSQL."""
    if request.param == "sqlite":
        (tmp_path / "instance").mkdir(exist_ok=True)
        return "sqlite:///" + str(tmp_path / "instance" / "mains-eval.sqlite")
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def app(tmp_path: Path, nlp: Any, database_url: str) -> Iterator[Flask]:
    """A fresh app: its own instance folder (secret key) under tmp_path, its own database."""
    application = create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "DATABASE_URL": database_url,
        }
    )
    yield application
    application.extensions["mains_eval_db"].engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A browser-like client for the app."""
    return app.test_client()


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """A CLI runner whose commands use the test's instance folder."""
    monkeypatch.setenv("MAINS_EVAL_INSTANCE", str(tmp_path / "instance"))
    return CliRunner()


@pytest.fixture
def rubrics_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled rubrics folder that a test may change."""
    target = tmp_path / "rubrics"
    shutil.copytree(default_rubrics_dir() / RUBRIC, target / RUBRIC)
    return target


@pytest.fixture
def browser(client: FlaskClient) -> Browser:
    """A learner-like walker over the test client."""
    return Browser(client)


@pytest.fixture
def live_server(app: Flask) -> Iterator[ServerThread]:
    """The test app served by waitress on 127.0.0.1 and a free port."""
    with ServerThread(app) as server:
        yield server
