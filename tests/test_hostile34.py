"""Hostile trial 34: symlink loops and other odd entries in a batch folder, a corrupt instance
database, writes onto a full disk or a closed pipe, drafts sharing a folder, and misleading
messages. Each is one clear line (or an error row), never a traceback or lost work."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from evaluator.batch.inputs import classify_inputs, iter_items
from evaluator.cli import main

BATCH_DATA = Path(__file__).resolve().parent / "data" / "batch"
TEST_RUBRIC = BATCH_DATA / "rubric"
RUBRIC = ["-r", str(TEST_RUBRIC), "-q", "strategic-q"]
GOOD = "India and Japan cooperate in the Quad and meet in a 2+2 dialogue.\n"

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


def no_traceback(output: str) -> None:
    assert "Traceback" not in output


# --- M8: a batch folder with a symlink loop, a dangling link, a pipe ---------------------------


def _odd_folder(root: Path) -> Path:
    """A folder with a symlink loop (l1 -> l2 -> l1), a dangling link, a pipe, a link to a
    folder (all named like answers) and one good answer."""
    folder = root / "w"
    folder.mkdir()
    os.symlink("l2.txt", folder / "l1.txt")
    os.symlink("l1.txt", folder / "l2.txt")
    os.symlink("gone.txt", folder / "dangling.txt")
    os.mkfifo(folder / "pipe.txt")
    (root / "elsewhere").mkdir()
    os.symlink(root / "elsewhere", folder / "linked.md")
    (folder / "ok.md").write_text(GOOD, encoding="utf-8")
    return folder


@needs_fifo
def test_a_folder_with_a_symlink_loop_grades_the_rest_and_lists_each_odd_entry(
    tmp_path: Path,
) -> None:
    folder = _odd_folder(tmp_path)
    items = {Path(i.id).name: i for i in iter_items(classify_inputs([str(folder)]))}
    # before the fix the walk raised OSError (Errno 40) on the loop; the dangling link, the pipe
    # and the linked folder were left out without a word
    assert sorted(items) == ["dangling.txt", "l1.txt", "l2.txt", "linked.md", "ok.md", "pipe.txt"]
    assert items["ok.md"].text == GOOD and items["ok.md"].error is None
    loop = "a loop of symbolic links (each points to another, none to a file)"
    assert items["l1.txt"].error == items["l2.txt"].error == loop
    assert items["dangling.txt"].error == "a symbolic link to a missing file"
    assert items["pipe.txt"].error == "not a regular file (a pipe or a device)"
    assert items["linked.md"].error == "is a directory, not an answer file"


@pytest.mark.slow
@needs_fifo
@pytest.mark.parametrize("as_glob", [False, True])
def test_batch_over_a_folder_with_a_symlink_loop_writes_error_rows(
    read_csv: Callable[[Path], list[dict[str, str]]], tmp_path: Path, as_glob: bool
) -> None:
    folder = _odd_folder(tmp_path)
    out = tmp_path / "o.csv"
    source = f"{folder}/*" if as_glob else str(folder)
    done = CliRunner().invoke(main, ["batch", source, *RUBRIC, "-o", str(out), "--quiet"])
    assert done.exit_code == 0, done.output
    no_traceback(done.output)
    rows = {Path(r["id"]).name: r["error"] for r in read_csv(out)}
    assert rows["l1.txt"].startswith("a loop of symbolic links")
    assert rows["dangling.txt"] == "a symbolic link to a missing file"
    assert rows["pipe.txt"] == "not a regular file (a pipe or a device)"
    assert rows["ok.md"] == ""


# --- M11: a corrupt SQLite database -------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["user", "add", "asha", "--password-stdin"],
        ["user", "list"],
        ["serve", "--port", "0"],
        ["init-db"],
        ["db", "current"],
    ],
)
def test_a_database_file_of_garbage_is_one_line_and_left_untouched(
    tmp_path: Path, command: list[str]
) -> None:
    from webapp.cli import main as web_main

    instance = tmp_path / "inst"
    instance.mkdir()
    database = instance / "mains-eval.sqlite"
    database.write_bytes(b"garbage\n")
    done = CliRunner().invoke(
        web_main, [*command, "--instance", str(instance)], input="A-long-pass-phrase-9\n"
    )
    # before the fix: two chained tracebacks (sqlite3.DatabaseError, then SQLAlchemy's)
    assert done.exit_code == 1, done.output
    no_traceback(done.output)
    assert done.output.splitlines() == [
        f"mains-eval: error: {database}: not an SQLite database (a damaged file, or another kind "
        "of file); it is left as it is: restore it from a backup, or move it aside to start an "
        "empty database"
    ]
    assert database.read_bytes() == b"garbage\n"
    assert sorted(p.name for p in instance.iterdir() if p.name.startswith("mains-eval")) == [
        "mains-eval.sqlite"
    ]
