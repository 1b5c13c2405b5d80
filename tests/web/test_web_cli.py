"""`mains-eval user …`, `mains-eval init-db` and `mains-eval serve --help`."""

from __future__ import annotations

import gc
import os
import re
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from webtest_support import PASSWORD, Browser, ServerOutput

from webapp import create_app
from webapp.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_user_add_tutor_and_sign_in(runner: CliRunner, tmp_path: Path, nlp: object) -> None:
    result = runner.invoke(
        main, ["user", "add", "guru", "--tutor", "--password-stdin"], input=PASSWORD + "\n"
    )
    assert result.exit_code == 0, result.output
    assert "added tutor guru" in result.output
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance")})
    browser = Browser(app.test_client())
    assert browser.login("guru").status_code == 302
    assert browser.client.get("/rubrics/").status_code == 200
    app.extensions["mains_eval_db"].engine.dispose()


def test_user_add_prompts_for_the_password(runner: CliRunner) -> None:
    result = runner.invoke(main, ["user", "add", "asked"], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "added learner asked" in result.output


def test_promote_demote_and_list(runner: CliRunner) -> None:
    runner.invoke(main, ["user", "add", "pupil", "--password-stdin"], input=PASSWORD + "\n")
    promoted = runner.invoke(main, ["user", "promote", "PUPIL"])
    assert promoted.exit_code == 0 and "pupil is now a tutor" in promoted.output
    listing = runner.invoke(main, ["user", "list"])
    assert "pupil\ttutor\t0 attempts" in listing.output
    demoted = runner.invoke(main, ["user", "demote", "pupil"])
    assert "pupil is now a learner" in demoted.output


def test_passwd_changes_the_password(runner: CliRunner, tmp_path: Path, nlp: object) -> None:
    runner.invoke(main, ["user", "add", "forgetful", "--password-stdin"], input=PASSWORD + "\n")
    changed = runner.invoke(
        main, ["user", "passwd", "forgetful", "--password-stdin"], input="a new password\n"
    )
    assert changed.exit_code == 0, changed.output
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance")})
    browser = Browser(app.test_client())
    assert browser.login("forgetful").status_code == 200  # old password refused
    assert browser.login("forgetful", "a new password").status_code == 302
    app.extensions["mains_eval_db"].engine.dispose()


def test_user_mistakes_are_one_line_errors(runner: CliRunner) -> None:
    runner.invoke(main, ["user", "add", "taken", "--password-stdin"], input=PASSWORD + "\n")
    cases = [
        (["user", "add", "taken", "--password-stdin"], PASSWORD + "\n", "is taken"),
        (["user", "add", "shorty", "--password-stdin"], "short\n", "at least 8 characters"),
        (["user", "add", "bad name!", "--password-stdin"], PASSWORD + "\n", "bad username"),
        (["user", "promote", "ghost"], None, "no user 'ghost'"),
    ]
    for args, stdin, message in cases:
        result = runner.invoke(main, args, input=stdin)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output
        assert "Traceback" not in result.output


def test_init_db_creates_the_database(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["init-db"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "instance" / "mains-eval.sqlite").exists()
    assert (tmp_path / "instance" / "secret_key").exists()


def test_serve_help_lists_its_options() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    for option in ("--host", "--port", "--workers", "--threads", "--instance", "--behind-proxy"):
        assert option in result.output


def test_serve_on_a_busy_port_is_a_one_line_error(runner: CliRunner) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = runner.invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.output
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_serve_single_process_answers_and_stops_cleanly(tmp_path: Path) -> None:
    env = {**os.environ, "MAINS_EVAL_INSTANCE": str(tmp_path / "instance")}
    with subprocess.Popen(
        [sys.executable, "-m", "webapp", "serve", "--port", "0"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    ) as server:
        assert server.stdout is not None
        output = ServerOutput(server.stdout)
        match = re.search(r"http://127\.0\.0\.1:(\d+)", output.line())
        assert match
        assert "ready" in output.line()
        url = f"http://127.0.0.1:{match.group(1)}/api/v1/questions"
        with urllib.request.urlopen(url, timeout=60) as response:
            assert response.status == 200
            assert response.headers["Server"] == "mains-eval"
            assert "Content-Security-Policy" in response.headers
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0


def test_a_process_collects_garbage_again_once_the_library_is_loaded() -> None:
    """`serve` and `grade` pause the garbage collector only while the process first imports the
    library: afterwards the collector runs (a worker that never collected would grow without
    bound) and what the start built is frozen; a start that fails freezes nothing; a process
    that has the library already (this test session) is left alone."""
    from evaluator.cli import collections_paused

    frozen = gc.get_freeze_count()
    assert gc.isenabled()
    with collections_paused():  # the library is loaded here
        assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
    first = "evaluator_never_imported"  # stands for the library in a process just started
    try:
        with pytest.raises(RuntimeError), collections_paused(first):
            assert not gc.isenabled()
            raise RuntimeError("the schema is behind")
        assert gc.isenabled() and gc.get_freeze_count() == frozen
        with collections_paused(first):
            assert not gc.isenabled()
        assert gc.isenabled() and gc.get_freeze_count() > frozen
    finally:
        gc.unfreeze()
        gc.enable()
