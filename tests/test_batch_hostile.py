"""`mains-eval batch` against hostile files: an output that is not a batch output, rows that
name pipes and devices, odd ids and tables. Each fails with one clear message, never a
traceback, a hang or a file changed behind the user's back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from evaluator.batch.core import BatchResult
from evaluator.batch.inputs import classify_inputs, iter_items
from evaluator.batch.outputs import CsvWriter, dimension_columns
from evaluator.cli import main
from evaluator.errors import InputError
from evaluator.rubric.loader import load_rubric

BATCH_DATA = Path(__file__).resolve().parent / "data" / "batch"
TEST_RUBRIC = BATCH_DATA / "rubric"
RUBRIC = ["-r", str(TEST_RUBRIC), "-q", "strategic-q"]
GOOD = "India and Japan cooperate in the Quad and meet in a 2+2 dialogue.\n"

Run = Callable[..., subprocess.CompletedProcess[str]]


def one_clean_line(stderr: str) -> None:
    """A usage error is short and never a traceback."""
    assert "Traceback" not in stderr
    assert stderr.startswith("mains-eval: error: ")
    assert len(stderr.strip().splitlines()) <= 2  # the message and perhaps a hint


def write_done_rows(path: Path, ids: list[str]) -> None:
    """A CSV output as `mains-eval batch` writes it (its own writer), one row per id without
    an error, so --resume counts it done (an error row it grades again, since trial 35)."""
    dimensions = dimension_columns(load_rubric(TEST_RUBRIC))
    writer = CsvWriter(str(path), dimensions, truncate=True)
    for index, item_id in enumerate(ids):
        writer.write(BatchResult(index, item_id, item_id, "strategic-q"))
    writer.close()


# --- --resume on a file that is not this run's output: exit 2, the file as it was -------------

NOT_BATCH_OUTPUTS = {
    "marks.csv": b"name,mark\nasha,5\nravi,7",  # a tutor's own sheet, no final line break
    "notes.jsonl": b"my notes line one\nmy notes line two",
    "one-line.csv": b"name,mark",  # no whole line at all: nothing to check but the start
    "one-line.jsonl": b"my notes",
    "random.csv": bytes(range(256)) * 40,
    "random.jsonl": bytes(range(255, -1, -1)) * 40,
    "other.jsonl": b'{"id": "x", "answer": "a table, not results"}\n{"id": "y"',
}


@pytest.mark.parametrize("name", sorted(NOT_BATCH_OUTPUTS))
def test_resume_refuses_a_file_that_is_not_a_batch_output_and_leaves_it_as_it_was(
    mains_eval: Run, tmp_path: Path, name: str
) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / name
    out.write_bytes(NOT_BATCH_OUTPUTS[name])
    done = mains_eval("batch", str(tmp_path / "a.txt"), *RUBRIC, "-o", str(out), "--resume")
    assert done.returncode == 2, done.stderr
    one_clean_line(done.stderr)
    assert out.read_bytes() == NOT_BATCH_OUTPUTS[name]


def test_resume_refuses_a_compact_format_this_version_cannot_read(
    mains_eval: Run, tmp_path: Path
) -> None:
    answer = tmp_path / "a.txt"
    answer.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    newer = (
        '{"kind":"header","format":"mains-eval-batch-compact/999"}\n'
        + json.dumps({"id": str(answer), "source": str(answer), "graded": {"marks": 5}})
        + '\n{"id":"b.txt","sour'  # and killed mid-write
    ).encode("utf-8")
    out.write_bytes(newer)
    done = mains_eval("batch", str(answer), *RUBRIC, "-o", str(out), "--resume")
    assert done.returncode == 2, done.stderr
    one_clean_line(done.stderr)
    assert "unknown compact format 'mains-eval-batch-compact/999'" in done.stderr
    assert out.read_bytes() == newer


def test_resume_refuses_deeply_nested_json_without_a_traceback(
    mains_eval: Run, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    deep = ('{"id":"x","a":' + "[" * 100_000 + "]" * 100_000 + "}\n").encode("utf-8")
    out.write_bytes(deep)
    done = mains_eval("batch", str(tmp_path / "a.txt"), *RUBRIC, "-o", str(out), "--resume")
    assert done.returncode == 2, done.stderr
    one_clean_line(done.stderr)
    assert "nested too deeply" in done.stderr
    assert out.read_bytes() == deep


# --- --resume on its own output: ids read back as they were written ---------------------------


def test_resume_reads_back_an_id_longer_than_the_csv_field_limit(
    mains_eval: Run, tmp_path: Path
) -> None:
    table = tmp_path / "in.jsonl"
    ids = ["a" * 140_000, "b"]
    table.write_text("".join(json.dumps({"id": i, "answer": GOOD}) + "\n" for i in ids))
    out = tmp_path / "out.csv"
    write_done_rows(out, ids)
    before = out.read_bytes()
    done = mains_eval("batch", str(table), *RUBRIC, "-o", str(out), "--resume")
    assert done.returncode == 0, done.stderr
    assert "0 graded, 0 errors, 2 already done" in done.stderr
    assert out.read_bytes() == before


@pytest.mark.parametrize("name", ["a\nb.txt", "a\rb.txt", "a\u2028b.txt"])
def test_csv_resume_matches_a_file_name_with_a_line_break(
    mains_eval: Run, tmp_path: Path, name: str
) -> None:
    answers = tmp_path / "answers"
    answers.mkdir()
    (answers / name).write_text(GOOD, encoding="utf-8")
    (answers / "c.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out.csv"
    write_done_rows(out, [str(answers / name), str(answers / "c.txt")])
    before = out.read_bytes()
    assert before.count(b"\n") == 3  # the line break in the id became a space
    done = mains_eval("batch", str(answers), *RUBRIC, "-o", str(out), "--resume")
    assert done.returncode == 0, done.stderr
    assert "0 graded, 0 errors, 2 already done" in done.stderr
    assert out.read_bytes() == before


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_file_names_a_csv_writes_the_same_are_duplicates_there(
    mains_eval: Run, read_csv: Callable[[Path], list[dict[str, str]]], tmp_path: Path, fmt: str
) -> None:
    """A CSV writes a line break in an id as a space, so the files 'a\nb.txt' and 'a b.txt'
    would share one row on --resume: the second is an error row naming the first. JSONL keeps
    them apart."""
    answers = tmp_path / "answers"
    answers.mkdir()
    names = [str(answers / "a\nb.txt"), str(answers / "a b.txt")]
    for name in names:
        Path(name).write_text(GOOD, encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    done = mains_eval("batch", str(answers), *RUBRIC, "-o", str(out))
    if fmt == "jsonl":
        assert done.returncode == 0, done.stderr
        records = [json.loads(line) for line in out.read_text().splitlines()]
        assert sorted(r["id"] for r in records if "id" in r) == sorted(names)
        return
    rows = read_csv(out)
    assert [r["id"] for r in rows] == [" ".join(names[0].splitlines())] * 2
    assert rows[0]["marks"] and not rows[0]["error"] and not rows[1]["marks"]
    assert f"has the id {names[0]!r}, written the same" in rows[1]["error"]
    again = mains_eval("batch", str(answers), *RUBRIC, "-o", str(out), "--resume")
    assert "0 graded, 0 errors, 2 already done" in again.stderr


# --- answers that are pipes, devices or folders ------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("suffix", ["jsonl", "csv"])
def test_a_table_row_naming_a_pipe_or_a_device_is_an_error_row_not_a_hang(
    read_csv: Callable[[Path], list[dict[str, str]]], tmp_path: Path, suffix: str
) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "folder").mkdir()
    rows = [("p", "pipe.txt"), ("z", "/dev/zero"), ("d", "folder")]
    table = tmp_path / f"in.{suffix}"
    if suffix == "jsonl":
        table.write_text("".join(json.dumps({"id": i, "file": f}) + "\n" for i, f in rows))
    else:
        table.write_text("id,file\n" + "".join(f"{i},{f}\n" for i, f in rows))
    out = tmp_path / "out.csv"
    command = [sys.executable, "-m", "evaluator", "batch", str(table), *RUBRIC, "-o", str(out)]
    # before the fix open() blocked on the pipe for good, deaf to SIGTERM: the timeout kills it
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1, done.stderr  # every input failed, and the run ended
    # where each row is: a CSV row as a spreadsheet numbers it (header row 1) and its line; a
    # JSONL record by its line
    where = {
        "csv": {i: f"row {n} (id {i}, line {n})" for n, (i, _) in enumerate(rows, start=2)},
        "jsonl": {i: f"line {n} (id {i})" for n, (i, _) in enumerate(rows, start=1)},
    }[suffix]
    assert [(row["id"], row["error"]) for row in read_csv(out)] == [
        ("p", f"{where['p']}: {tmp_path}/pipe.txt: not a regular file (a pipe or a device)"),
        ("z", f"{where['z']}: /dev/zero: not a regular file (a pipe or a device)"),
        ("d", f"{where['d']}: {tmp_path}/folder: is a directory, not an answer file"),
    ]


# --- folders for --per-answer-pages and --tables ---------------------------------------------


@pytest.mark.parametrize("option", ["--per-answer-pages", "--tables"])
def test_a_pages_or_tables_folder_that_is_a_file_is_refused_before_grading(
    mains_eval: Run, tmp_path: Path, option: str
) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "pages").write_text("a file the user keeps", encoding="utf-8")
    out = tmp_path / "r.html"
    done = mains_eval(
        "batch", str(tmp_path / "a.txt"), *RUBRIC, "-o", str(out), option, str(tmp_path / "pages")
    )
    assert done.returncode == 2, done.stderr
    one_clean_line(done.stderr)
    assert f"is not a folder; {option} needs a folder" in done.stderr
    assert not out.exists() and not Path(f"{out}.jsonl").exists()  # nothing graded or written
    assert (tmp_path / "pages").read_text(encoding="utf-8") == "a file the user keeps"


# --- odd tables and cells --------------------------------------------------------------------


def items_of(path: Path) -> list:
    return list(iter_items(classify_inputs([str(path)])))


def test_an_answer_cell_over_the_limit_is_called_an_answer_not_a_file(tmp_path: Path) -> None:
    table = tmp_path / "in.csv"
    table.write_text("id,answer\nbig," + "word " * 80_000 + "\n", encoding="utf-8")
    [item] = items_of(table)
    where = "row 2 (id big, line 2)"
    assert item.error == f"{where}: the answer is 400,000 bytes; the limit is 100,000 bytes"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("in.csv", "id,answer\n", "in.csv has a header but no rows"),
        ("in.jsonl", "\n\n", "in.jsonl holds no records"),
    ],
)
def test_a_table_without_rows_says_so(
    mains_eval: Run, tmp_path: Path, name: str, content: str, message: str
) -> None:
    table = tmp_path / name
    table.write_text(content, encoding="utf-8")
    done = mains_eval("batch", str(table), *RUBRIC, "-o", str(tmp_path / "out.csv"))
    assert done.returncode == 2, done.stderr
    one_clean_line(done.stderr)
    assert message in done.stderr and ".txt or .md" not in done.stderr


@pytest.mark.parametrize(("suffix", "kind"), [("csv", "CSV"), ("jsonl", "JSONL")])
def test_a_binary_file_named_as_a_table_is_one_error(
    tmp_path: Path, suffix: str, kind: str
) -> None:
    table = tmp_path / f"photo.{suffix}"
    table.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    items = items_of(table)
    assert [item.error for item in items] == [f"looks like a binary file, not a {kind} table"]


def test_jsonl_ids_must_be_text_or_numbers(tmp_path: Path) -> None:
    table = tmp_path / "in.jsonl"
    ids = ['["list"]', "true", "NaN", "Infinity", '{"a": 1}', "7", '"s1"', "2.5"]
    table.write_text("".join(f'{{"id": {i}, "answer": "x"}}\n' for i in ids), encoding="utf-8")
    items = items_of(table)
    bad = "'id' must be text or a number"
    assert [item.error for item in items[:5]] == [f"line {n}: {bad}" for n in range(1, 6)]
    assert [item.id for item in items[:5]] == [f"{table}:{n}" for n in range(1, 6)]
    assert [(item.id, item.error) for item in items[5:]] == [
        ("7", None),
        ("s1", None),
        ("2.5", None),
    ]


def test_a_table_without_rows_in_the_library_raises_input_error(tmp_path: Path) -> None:
    from evaluator.batch.run import run_batch

    table = tmp_path / "in.csv"
    table.write_text("id,answer\n", encoding="utf-8")
    with pytest.raises(InputError, match="has a header but no rows"):
        run_batch([str(table)], rubric=str(TEST_RUBRIC), out=str(tmp_path / "out.csv"))
    assert not (tmp_path / "out.csv").exists()


def test_a_file_name_that_is_not_utf8_is_shown_escaped_not_a_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    (Path(os.fsdecode(bytes(folder))) / os.fsdecode(b"caf\xff.txt")).write_text(
        GOOD, encoding="utf-8"
    )
    out = tmp_path / "marks.csv"
    args = ["batch", str(folder), *RUBRIC, "-o", str(out)]
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 0, done.output
    assert "caf\\xff.txt" in out.read_text(encoding="utf-8")
    again = CliRunner().invoke(main, [*args, "--resume"])  # matched again as written
    assert again.exit_code == 0 and "1 already done" in again.output
