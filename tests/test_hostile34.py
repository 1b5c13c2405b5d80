"""Hostile trial 34: symlink loops and other odd entries in a batch folder, a corrupt instance
database, writes onto a full disk or a closed pipe, drafts sharing a folder, and misleading
messages. Each is one clear line (or an error row), never a traceback or lost work."""

from __future__ import annotations

import os
import subprocess
import sys
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


def test_a_link_loop_or_dangling_link_given_as_an_input_is_an_error_row(tmp_path: Path) -> None:
    os.symlink("l2.txt", tmp_path / "l1.txt")
    os.symlink("l1.txt", tmp_path / "l2.txt")
    os.symlink("gone.txt", tmp_path / "dangling.txt")
    good = tmp_path / "ok.md"
    good.write_text(GOOD, encoding="utf-8")
    args = [str(tmp_path / n) for n in ("l1.txt", "dangling.txt", "ok.md")]
    # before the fix: "no such file or folder", exit 2, nothing graded
    items = list(iter_items(classify_inputs(args)))
    assert [(Path(i.id).name, i.error) for i in items] == [
        ("l1.txt", "a loop of symbolic links (each points to another, none to a file)"),
        ("dangling.txt", "a symbolic link to a missing file"),
        ("ok.md", None),
    ]


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


# --- M7: output that cannot be written ------------------------------------------------------------


def _run(
    *args: str, stdout: int | None = None, **options: object
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "evaluator", *args],
        stdout=subprocess.PIPE if stdout is None else stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=300,
        check=False,
        **options,  # type: ignore[call-overload]
    )


def _to_dev_full(*args: str) -> subprocess.CompletedProcess[str]:
    with open("/dev/full", "w") as full:
        return _run(*args, stdout=full.fileno())


def _one_error_line(stderr: str, expected: str) -> None:
    no_traceback(stderr)
    assert "Exception ignored" not in stderr  # the interpreter's last flush failing again
    assert stderr.splitlines() == [f"mains-eval: error: {expected}"]


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["grade", str(BATCH_DATA / "answers" / "01-strong.txt"), *RUBRIC],
        ["grade", str(BATCH_DATA / "answers" / "01-strong.txt"), *RUBRIC, "--json"],
        ["rubric", "show", str(TEST_RUBRIC)],
        ["--help"],
    ],
)
def test_output_onto_a_full_disk_is_one_line_and_exit_1(args: list[str]) -> None:
    done = _to_dev_full(*args)
    # before the fix: an OSError traceback (Errno 28) out of click.echo
    assert done.returncode == 1
    _one_error_line(done.stderr, "could not write to standard output: No space left on device")


def test_output_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    reader, writer = os.pipe()
    os.close(reader)  # the reader (`| head -c1`) is gone before anything is written
    try:
        done = _run("rubric", "show", str(TEST_RUBRIC), stdout=writer)
    finally:
        os.close(writer)
    assert done.returncode == 1
    assert done.stderr == ""


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_batch_onto_a_full_device_is_one_line_and_exit_1() -> None:
    answer = str(BATCH_DATA / "answers" / "01-strong.txt")
    done = _run("batch", answer, *RUBRIC, "-o", "/dev/full", "--format", "csv", "--quiet")
    assert done.returncode == 1
    no_traceback(done.stderr)
    assert done.stderr.splitlines() == [
        "mains-eval: error: could not write /dev/full: No space left on device",
        "Hint: the rows written so far are kept: make room, then rerun the same command with "
        "--resume",
    ]


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs resource limits")
def test_batch_stopped_by_a_full_disk_keeps_its_rows_and_resumes(tmp_path: Path) -> None:
    import resource

    answers = tmp_path / "answers"
    answers.mkdir()
    for name in ("a", "b", "c"):
        (answers / f"{name}.txt").write_text(f"{GOOD}Answer {name}.\n", encoding="utf-8")
    whole = tmp_path / "whole.csv"
    assert _run("batch", str(answers), *RUBRIC, "-o", str(whole), "--quiet").returncode == 0
    lines = whole.read_bytes().splitlines(keepends=True)
    room = len(lines[0]) + len(lines[1]) + 10  # the disk fills part way into the second row

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (room, room))

    out = tmp_path / "out.csv"
    command = ["batch", str(answers), *RUBRIC, "-o", str(out), "--quiet"]
    done = _run(*command, preexec_fn=small_disk)
    assert done.returncode == 1
    no_traceback(done.stderr)
    assert done.stderr.startswith(f"mains-eval: error: could not write {out}: File too large\n")
    assert out.read_bytes().startswith(lines[0] + lines[1])  # the rows before are kept
    again = _run(*command, "--resume")
    assert again.returncode == 0, again.stderr
    assert out.read_bytes() == whole.read_bytes()  # every answer once, the torn row cut off


# --- M9: two drafts in one folder, each with its own fingerprint ---------------------------------

NOTES = (
    "# India and Japan\n\n## Trade\n\nIndia and Japan signed the CEPA in 2011, which cut tariffs "
    "on most goods traded between the two countries.\n\n## Defence\n\nThe two countries have "
    "held a 2+2 ministerial dialogue since 2019 on defence and foreign policy.\n"
)
OTHER = (
    "# Space and rail\n\n## Space\n\nISRO and JAXA plan a joint lunar polar exploration mission "
    "to study water ice near the south pole.\n\n## Rail\n\nThe Mumbai Ahmedabad high speed rail "
    "line uses Shinkansen technology and Japanese loans.\n"
)


@pytest.mark.slow
def test_two_drafts_in_one_folder_keep_a_fingerprint_each(tmp_path: Path) -> None:
    import yaml

    from evaluator.rubric.loader import load_rubric

    notes, other = tmp_path / "notes.md", tmp_path / "other.txt"
    notes.write_text(NOTES, encoding="utf-8")
    other.write_text(OTHER, encoding="utf-8")
    folder = tmp_path / "fp"
    for source, name in ((notes, "a.yaml"), (other, "b.yaml")):
        done = CliRunner().invoke(
            main, ["rubric", "derive", str(source), "--out", str(folder / name)]
        )
        assert done.exit_code == 0, done.output
    # before the fix both named "source-fingerprint.txt", and b's silently replaced a's
    for name in ("a", "b"):
        data = yaml.safe_load((folder / f"{name}.yaml").read_text(encoding="utf-8"))
        assert data["source_fingerprint"] == f"{name}-fingerprint.txt"
    first, second = load_rubric(folder / "a.yaml"), load_rubric(folder / "b.yaml")
    assert first.source_hashes and second.source_hashes
    assert not first.source_hashes & second.source_hashes  # each its own document's


@pytest.mark.slow
def test_a_draft_does_not_replace_another_documents_fingerprint_without_force(
    tmp_path: Path,
) -> None:
    notes, other = tmp_path / "notes.md", tmp_path / "other.txt"
    notes.write_text(NOTES, encoding="utf-8")
    other.write_text(OTHER, encoding="utf-8")
    folder = tmp_path / "fp"
    runner = CliRunner()
    out = str(folder / "rubric.yaml")
    assert runner.invoke(main, ["rubric", "derive", str(notes), "--out", out]).exit_code == 0
    kept = (folder / "source-fingerprint.txt").read_bytes()
    (folder / "rubric.yaml").unlink()  # the draft gone, its fingerprint left behind
    refused = runner.invoke(main, ["rubric", "derive", str(other), "--out", out])
    assert refused.exit_code == 2
    assert f"{folder}/source-fingerprint.txt: already exists" in refused.output
    assert (folder / "source-fingerprint.txt").read_bytes() == kept
    assert not (folder / "rubric.yaml").exists()
    # the same notes again write the same fingerprint: nothing to refuse
    assert runner.invoke(main, ["rubric", "derive", str(notes), "--out", out]).exit_code == 0
    forced = runner.invoke(main, ["rubric", "derive", str(other), "--out", out, "--force"])
    assert forced.exit_code == 0, forced.output
    assert (folder / "source-fingerprint.txt").read_bytes() != kept


@pytest.mark.parametrize("existing", ["file", "folder"])
def test_derive_refuses_an_existing_out_before_deriving(tmp_path: Path, existing: str) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    out = tmp_path / "draft.yaml"
    if existing == "file":
        out.write_text("mine\n", encoding="utf-8")
    else:
        out.mkdir()
    code = (
        "import sys, evaluator.cli as c\n"
        "try:\n    c.main(sys.argv[1:])\n"
        "finally:\n    print('derive imported' if 'evaluator.tools.derive.core' in sys.modules "
        "else 'not derived', file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "rubric", "derive", str(notes), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert ("already exists" if existing == "file" else "is a directory") in done.stderr
    # before the fix the refusal came after the derivation (6-8 s on a page of notes)
    assert done.stderr.rstrip().endswith("not derived")
    if existing == "file":
        assert out.read_text(encoding="utf-8") == "mine\n"


# --- low: misleading messages ---------------------------------------------------------------------


def test_a_folder_without_a_rubric_says_so(tmp_path: Path) -> None:
    answer = tmp_path / "a.txt"
    answer.write_text(GOOD, encoding="utf-8")
    done = CliRunner().invoke(main, ["grade", str(answer), "-r", str(tmp_path)])
    assert done.exit_code == 2
    # it had said "not a file or folder" of a folder
    assert f"no rubric '{tmp_path}': the folder holds no rubric.yaml" in done.output
    assert "not a file or folder" not in done.output


@pytest.mark.parametrize("value", ["nan", "NaN", "-nan"])
def test_audit_refuses_a_threshold_that_is_not_a_number(value: str) -> None:
    done = CliRunner().invoke(main, ["rubric", "audit", str(TEST_RUBRIC), "--threshold", value])
    assert done.exit_code == 2
    assert f"Invalid value for '--threshold': {value!r} is not a number" in done.output


@pytest.mark.parametrize("value", [".nan", ".inf"])
def test_a_weight_that_is_not_finite_is_called_so(tmp_path: Path, value: str) -> None:
    import shutil

    from evaluator.rubric.loader import check_rubric

    folder = tmp_path / "rubric"
    shutil.copytree(TEST_RUBRIC, folder)
    path = folder / "rubric.yaml"
    text = path.read_text(encoding="utf-8")
    label = "        label: Special Strategic and Global Partnership\n"
    path.write_text(text.replace(label, f"{label}        weight: {value}\n", 1), encoding="utf-8")
    problems = check_rubric(str(folder))
    assert [(p.path, p.message) for p in problems] == [
        ("dimensions.0.concepts.0.weight", "Input should be a finite number")
    ]


def test_one_word_and_one_concept_agree_with_their_number(nlp: object, tmp_path: Path) -> None:
    import shutil

    from evaluator.rubric.loader import load_rubric
    from evaluator.scoring.engine import evaluate

    report = evaluate("Quad.", load_rubric(TEST_RUBRIC), "strategic-q", nlp=nlp)
    messages = [a.message for a in report.advisories if a.code == "too_short"]
    assert messages and messages[0].startswith("At 1 word the answer")  # not "At 1 words"
    assert messages[0] in report.feedback.improvements  # what the learner reads
    assert [line for line in report.structure.feedback if line.startswith("At 1 ")] == [
        "At 1 word the answer is well under the 150-word limit: develop each dimension with a "
        "fact or example."
    ]
    folder = tmp_path / "rubric"
    shutil.copytree(TEST_RUBRIC, folder)
    path = folder / "rubric.yaml"
    text = path.read_text(encoding="utf-8")
    rail = text[text.index("      - id: rail\n") : text.index("questions:\n")]
    path.write_text(text.replace(rail, ""), encoding="utf-8")  # economic: one concept left
    shown = CliRunner().invoke(main, ["rubric", "show", str(folder)])
    assert shown.exit_code == 0, shown.output
    assert "  economic (Economic ties): 1 concept\n" in shown.output  # not "1 concepts"
    assert "  strategic (Strategic ties): 2 concepts\n" in shown.output


def test_a_jsonl_question_that_is_not_text_is_called_so(tmp_path: Path) -> None:
    table = tmp_path / "in.jsonl"
    table.write_text(
        '{"id": "s1", "question": ["a"], "answer": "India and Japan."}\n'
        '{"id": "s2", "question": {"q": 1}, "answer": "India and Japan."}\n',
        encoding="utf-8",
    )
    items = list(iter_items(classify_inputs([str(table)])))
    # it had been 'unknown question "[\'a\']"', as if the list's Python text were an id
    assert [i.error for i in items] == [
        "line 1 (id s1): 'question' must be text (a question id)",
        "line 2 (id s2): 'question' must be text (a question id)",
    ]


@pytest.mark.slow
def test_a_failed_batch_never_removes_a_link_it_was_pointed_at(tmp_path: Path) -> None:
    """`-o /dev/stdout` into a closed pipe removed the /dev/stdout link itself: a run that
    fails before its first row removes the file it created, but never a link (or a device)."""
    import resource

    answer = tmp_path / "a.txt"
    answer.write_text(GOOD, encoding="utf-8")
    whole = tmp_path / "whole.csv"
    assert _run("batch", str(answer), *RUBRIC, "-o", str(whole), "--quiet").returncode == 0
    room = len(whole.read_bytes().splitlines(keepends=True)[0]) + 5  # the header, not a row

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (room, room))

    target = tmp_path / "target.csv"
    target.write_bytes(b"")
    link = tmp_path / "out.csv"
    link.symlink_to(target)
    command = ["batch", str(answer), *RUBRIC, "-o", str(link), "--quiet"]
    done = _run(*command, preexec_fn=small_disk)
    assert done.returncode == 1
    assert "could not write" in done.stderr and "File too large" in done.stderr
    assert link.is_symlink()  # before the fix: removed
    # a plain file the run created is still removed, so the same command can simply run again
    plain = tmp_path / "plain.csv"
    done = _run("batch", str(answer), *RUBRIC, "-o", str(plain), "--quiet", preexec_fn=small_disk)
    assert done.returncode == 1
    assert not plain.exists()
