"""Schema migrations on SQLite and PostgreSQL: the models and the revisions agree, a database of
release 0.1.0 upgrades without losing a row, `serve` refuses an older schema, `db` steps both
ways."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import release_0_1_0 as release
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from click.testing import CliRunner
from sqlalchemy import create_engine, text
from webtest_support import GOOD_ANSWER, PASSWORD, QUESTION, RUBRIC, Browser

from webapp import create_app, schema
from webapp.cli import main
from webapp.grading import score
from webapp.models import Base


@pytest.fixture
def cli(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """A CLI runner whose commands use the test's database."""
    monkeypatch.setenv("MAINS_EVAL_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.setenv("DATABASE_URL", database_url)
    return CliRunner()


def _release_database(tmp_path: Path, database_url: str) -> None:
    scorer = create_app({"INSTANCE_PATH": str(tmp_path / "scorer"), "CREATE_SCHEMA": False})
    with scorer.app_context():
        report = score(GOOD_ANSWER, RUBRIC, QUESTION).to_dict()
    scorer.extensions["mains_eval_db"].engine.dispose()
    release.build(database_url, report, PASSWORD, RUBRIC, QUESTION)


def test_every_model_change_has_a_migration(database_url: str) -> None:
    """Autogenerate finds nothing to do between the revisions and the models: a model changed
    without a new file in webapp/migrations/versions fails here."""
    engine = create_engine(database_url)
    schema.upgrade(engine)
    with engine.connect() as connection:
        differences = compare_metadata(
            MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata
        )
    engine.dispose()
    hint = "add a revision to webapp/migrations/versions (docs/deployment.md)"
    assert differences == [], f"{hint}: {differences}"


def test_release_0_1_0_database_upgrades_without_losing_a_row(
    tmp_path: Path, database_url: str, cli: CliRunner, nlp: object
) -> None:
    _release_database(tmp_path, database_url)
    before = release.snapshot(database_url)
    assert len(before["users"]) == 2 and len(before["attempts"]) == 6

    refused = cli.invoke(main, ["serve", "--port", "0"])
    assert refused.exit_code != 0
    [line] = refused.output.strip().splitlines()
    assert "no recorded revision" in line and "`mains-eval db upgrade`" in line

    upgraded = cli.invoke(main, ["db", "upgrade"])
    assert upgraded.exit_code == 0, upgraded.output
    assert f"upgraded no recorded revision -> {schema.head_revision()}" in upgraded.output
    assert release.snapshot(database_url) == before  # every row, every report, byte for byte
    current = cli.invoke(main, ["db", "current"])
    assert "(latest)" in current.output

    app = create_app(
        {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "instance"), "DATABASE_URL": database_url}
    )
    browser = Browser(app.test_client())
    assert browser.login(release.LEARNER).status_code == 302
    history = browser.client.get("/history/").get_data(as_text=True)
    for n in range(3):
        assert f"/attempts/{before['attempts'][n][0]}" in history
    assert "not marked" in history  # the attempt in error
    for row in before["attempts"][:5]:
        page = browser.client.get(f"/attempts/{row[0]}")
        assert page.status_code == 200
    graded = browser.client.get(f"/attempts/{before['attempts'][0][0]}").get_data(as_text=True)
    marks = before["attempts"][0][6]
    assert f"{marks:g}" in graded  # the stored report renders
    # the database's id sequences carry on: a new attempt lands after the old ones
    new_id = browser.submit_and_get_id(GOOD_ANSWER)
    assert new_id > max(row[0] for row in before["attempts"])
    browser.logout()
    assert browser.login(release.TUTOR).status_code == 302
    assert browser.client.get(f"/attempts/{before['attempts'][0][0]}").status_code == 200
    app.extensions["mains_eval_db"].engine.dispose()


def test_init_db_creates_the_latest_schema_and_downgrade_steps_back(cli: CliRunner) -> None:
    head = schema.head_revision()
    created = cli.invoke(main, ["init-db"])
    assert created.exit_code == 0, created.output
    assert f"{head} (latest)" in cli.invoke(main, ["db", "current"]).output
    asked = cli.invoke(main, ["db", "downgrade"], input="n\n")
    assert asked.exit_code != 0 and f"{head} (latest)" in cli.invoke(main, ["db", "current"]).output
    scripts = ScriptDirectory.from_config(schema.alembic_config())
    previous = scripts.get_revision(head).down_revision
    down = cli.invoke(main, ["db", "downgrade", "--yes"])
    assert down.exit_code == 0 and f"downgraded {head} -> {previous}" in down.output
    assert f"{previous}; latest is {head}" in cli.invoke(main, ["db", "current"]).output
    while previous is not None:  # step back to an empty database, one revision at a time
        previous = scripts.get_revision(previous).down_revision
        assert cli.invoke(main, ["db", "downgrade", "--yes"]).exit_code == 0
    assert "empty (no tables)" in cli.invoke(main, ["db", "current"]).output
    up = cli.invoke(main, ["db", "upgrade"])
    assert up.exit_code == 0 and f"-> {head}" in up.output
    again = cli.invoke(main, ["db", "upgrade"])
    assert f"already at the latest revision ({head})" in again.output


def test_init_db_refuses_an_older_database(
    tmp_path: Path, database_url: str, cli: CliRunner, nlp: object
) -> None:
    _release_database(tmp_path, database_url)
    result = cli.invoke(main, ["init-db"])
    assert result.exit_code != 0 and "`mains-eval db upgrade`" in result.output


def test_a_database_from_a_newer_release_is_not_told_to_upgrade(
    cli: CliRunner, database_url: str
) -> None:
    assert cli.invoke(main, ["init-db"]).exit_code == 0
    engine = create_engine(database_url)
    with engine.begin() as connection:  # as a later release would leave it
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    current = cli.invoke(main, ["db", "current"]).output
    assert "9999, newer than this version knows" in current
    assert "db upgrade" not in current
    assert "install the release that wrote it" in cli.invoke(main, ["init-db"]).output


def test_the_schema_check_reads_the_revisions_as_alembic_does(
    cli: CliRunner, database_url: str
) -> None:
    """`serve` and every worker check the schema without importing Alembic: the revision files'
    head and ids, and the revision a database records, are Alembic's own at every step."""
    scripts = ScriptDirectory.from_config(schema.alembic_config())
    assert schema.head_revision() == scripts.get_current_head()
    assert set(schema.revisions()) == {script.revision for script in scripts.walk_revisions()}
    for revision in schema.revisions().values():
        down = scripts.get_revision(revision.id).down_revision
        assert revision.down == ((down,) if isinstance(down, str) else tuple(down or ()))

    engine = create_engine(database_url)
    seen = []
    try:
        assert cli.invoke(main, ["init-db"]).exit_code == 0
        while True:
            with engine.connect() as connection:
                alembic_current = MigrationContext.configure(connection).get_current_revision()
            found = schema.state(engine)
            assert found.current == alembic_current
            seen.append(found.current)
            if found.current is None:
                break
            assert cli.invoke(main, ["db", "downgrade", "--yes"]).exit_code == 0
    finally:
        engine.dispose()
    assert len(seen) == len(schema.revisions()) + 1  # every revision, then an empty database


def test_serve_refuses_an_older_schema_without_importing_alembic(
    tmp_path: Path, database_url: str
) -> None:
    """The refusal comes from the cheap check alone, in a fresh process: a database one revision
    behind is named with its revision and the command, and Alembic is never loaded."""
    engine = create_engine(database_url)
    schema.upgrade(engine)
    schema.downgrade(engine)
    engine.dispose()
    probe = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from webapp.cli import main\n"
        "result = CliRunner().invoke(main, ['serve', '--port', '0'])\n"
        "print(result.exit_code, result.output.strip())\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))\n"
    )
    env = {**os.environ, "DATABASE_URL": database_url, "MAINS_EVAL_INSTANCE": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
    )
    refusal, alembic_modules = done.stdout.strip().splitlines()
    previous = schema.revisions()[schema.head_revision()].down[0]
    assert refusal.startswith("1 ") and f"{previous}; latest is {schema.head_revision()}" in refusal
    assert "`mains-eval db upgrade`" in refusal
    assert alembic_modules == "[]"
