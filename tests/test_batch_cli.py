"""`mains-eval batch` end to end, as a user runs it: a real subprocess, real files.

Golden files: set MAINS_EVAL_UPDATE_GOLDENS=1 to rewrite tests/data/batch/golden-*.csv from the
current scoring, then review the change as a diff before committing it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from evaluator.batch.compact import read_records
from evaluator.errors import BatchError, OutputError

BATCH_DATA = Path(__file__).resolve().parent / "data" / "batch"
TEST_RUBRIC = BATCH_DATA / "rubric"
UPDATE_GOLDENS = os.environ.get("MAINS_EVAL_UPDATE_GOLDENS") == "1"


def one_clean_line(stderr: str) -> None:
    """A usage error is short and never a traceback."""
    assert "Traceback" not in stderr
    assert stderr.startswith("mains-eval: error: ")
    assert len(stderr.strip().splitlines()) <= 2  # the message and perhaps a hint


# --- golden ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("golden", "rubric", "question"),
    [
        ("golden-india-japan.csv", "india-japan", "2plus2-significance"),
        ("golden-batch-test.csv", str(TEST_RUBRIC), "strategic-q"),
    ],
)
def test_folder_matches_the_golden_csv(
    mains_eval, read_csv, tmp_path: Path, golden: str, rubric: str, question: str
) -> None:
    out = tmp_path / "out.csv"
    done = mains_eval(
        "batch", "answers", "-r", rubric, "-q", question, "-o", str(out), "--quiet", cwd=BATCH_DATA
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # --quiet: no progress, no summary
    expected = BATCH_DATA / golden
    if UPDATE_GOLDENS:
        shutil.copyfile(out, expected)
    rows = read_csv(out)
    assert [r["id"] for r in rows] == sorted(
        p.relative_to(BATCH_DATA).as_posix() for p in (BATCH_DATA / "answers").iterdir()
    )
    assert out.read_text(encoding="utf-8") == expected.read_text(encoding="utf-8"), (
        f"marks changed; if intended, rerun with MAINS_EVAL_UPDATE_GOLDENS=1 and review {golden}"
    )


# --- bad input and exit codes ------------------------------------------------------------------


def test_bad_inputs_become_error_rows_and_the_run_goes_on(
    mains_eval, read_csv, tmp_path: Path
) -> None:
    answers = tmp_path / "answers"
    answers.mkdir()
    (answers / "a-good.txt").write_text(
        "India and Japan are Quad partners and cooperate closely.", encoding="utf-8"
    )
    (answers / "b-empty.txt").write_text("   \n", encoding="utf-8")
    (answers / "c-binary.txt").write_bytes(b"\x00\x01\x02\x03" * 64)
    (answers / "d-huge.txt").write_bytes(b"Quad " * 30_000)
    (answers / "e-undecodable.txt").write_bytes(b"\x81\x8d\x8f Quad")
    (answers / "f-cp1252.txt").write_bytes("Café: India and Japan in the Quad.".encode("cp1252"))
    out = tmp_path / "out.csv"
    done = mains_eval(
        "batch", str(answers), "-r", str(TEST_RUBRIC), "-q", "strategic-q", "-o", str(out)
    )
    assert done.returncode == 0, done.stderr
    assert "2 graded, 4 errors" in done.stderr
    rows = {Path(r["id"]).name: r for r in read_csv(out)}
    assert rows["a-good.txt"]["error"] == "" and float(rows["a-good.txt"]["marks"]) > 0
    assert rows["b-empty.txt"]["error"] == "the answer is empty"
    assert "binary" in rows["c-binary.txt"]["error"]
    assert "the limit is 100,000 bytes" in rows["d-huge.txt"]["error"]
    assert "cannot decode" in rows["e-undecodable.txt"]["error"]
    assert rows["f-cp1252.txt"]["error"] == ""
    assert "cp1252" in rows["f-cp1252.txt"]["warning"]
    assert all(rows[n]["marks"] == "" for n in ("b-empty.txt", "c-binary.txt", "d-huge.txt"))


def test_every_input_failing_exits_1(mains_eval, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00" * 10)
    out = tmp_path / "out.jsonl"
    done = mains_eval(
        "batch", str(tmp_path), "-r", str(TEST_RUBRIC), "-q", "strategic-q", "-o", str(out)
    )
    assert done.returncode == 1
    assert "no answer could be graded (2 errors)" in done.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["report"] for r in records] == [None, None]
    assert records[0]["error"] == "the answer is empty"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-r", "no-such-rubric"], "no rubric 'no-such-rubric'"),
        (["-q", "no-such-question"], "no-such-question"),
        (["--format", "xml"], "Invalid value for '--format'"),
        (["--workers", "0"], "Invalid value for '--workers'"),
    ],
)
def test_usage_errors_exit_2(mains_eval, tmp_path: Path, args: list[str], message: str) -> None:
    options = {"-r": str(TEST_RUBRIC), "-q": "strategic-q", "-o": str(tmp_path / "out.csv")}
    for flag, value in zip(args[::2], args[1::2], strict=True):
        options[flag] = value
    flat = [part for pair in options.items() for part in pair]
    done = mains_eval("batch", str(BATCH_DATA / "answers"), *flat)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out.csv").exists()


def test_no_inputs_unwritable_output_and_existing_output_exit_2(
    mains_eval, read_csv, tmp_path: Path
) -> None:
    rubric = ["-r", str(TEST_RUBRIC), "-q", "strategic-q"]
    empty = tmp_path / "empty"
    empty.mkdir()
    done = mains_eval("batch", str(empty), *rubric, "-o", str(tmp_path / "o.csv"))
    assert done.returncode == 2 and "nothing to grade" in done.stderr
    one_clean_line(done.stderr)

    done = mains_eval(
        "batch", str(tmp_path / "missing.txt"), *rubric, "-o", str(tmp_path / "o.csv")
    )
    assert done.returncode == 2 and "no such file or folder" in done.stderr

    done = mains_eval("batch", *rubric, "-o", str(tmp_path / "o.csv"))
    assert done.returncode == 2 and "no inputs given" in done.stderr

    answers = str(BATCH_DATA / "answers")
    done = mains_eval("batch", answers, *rubric, "-o", str(tmp_path / "nope" / "o.csv"))
    assert done.returncode == 2 and "does not exist" in done.stderr
    one_clean_line(done.stderr)

    existing = tmp_path / "existing.csv"
    existing.write_text("keep me\n", encoding="utf-8")
    done = mains_eval("batch", answers, *rubric, "-o", str(existing))
    assert done.returncode == 2 and "already exists" in done.stderr and "--resume" in done.stderr
    assert existing.read_text(encoding="utf-8") == "keep me\n"

    done = mains_eval("batch", answers, *rubric, "-o", str(existing), "--resume")
    assert done.returncode == 2 and "columns are not this run's" in done.stderr
    assert existing.read_text(encoding="utf-8") == "keep me\n"

    done = mains_eval("batch", answers, *rubric, "-o", str(existing), "--force", "--quiet")
    assert done.returncode == 0, done.stderr
    assert len(read_csv(existing)) == 6


# --- tables with per-row questions ----------------------------------------------------------------


def test_csv_and_jsonl_inputs_with_per_row_questions(mains_eval, tmp_path: Path) -> None:
    out, full = tmp_path / "out.jsonl", tmp_path / "full.jsonl"
    for path, detail in ((out, "compact"), (full, "full")):
        done = mains_eval(
            "batch", "rows.csv", "rows.jsonl", "-r", str(TEST_RUBRIC), "-q", "strategic-q",
            "-o", str(path), "--detail", detail, cwd=BATCH_DATA,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    # compact by default: one header of rubric constants, then smaller records that expand
    # to exactly the full reports --detail full writes
    lines = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["kind"] == "header"
    full_lines = full.read_text(encoding="utf-8").splitlines()
    assert len(full_lines) == len(lines) - 1
    assert sum(map(len, lines[1:])) < sum(map(len, full_lines)) / 2
    records = list(read_records(str(out)))
    assert [json.dumps(r) for r in records] == [json.dumps(json.loads(line)) for line in full_lines]
    by_source = {r["source"]: r for r in records}
    assert list(by_source) == [r["source"] for r in records]  # one line per input, in order

    s1 = by_source["rows.csv:2"]
    assert s1["id"] == "s1" and s1["question"] == "strategic-q" and s1["error"] is None
    assert s1["report"]["question"]["id"] == "strategic-q"
    assert s1["report"]["max_marks"] == 10
    e1 = by_source["rows.csv:3"]  # answer read from a file relative to the CSV
    assert e1["report"]["question"]["id"] == "economic-q" and e1["report"]["max_marks"] == 15
    assert [d["id"] for d in e1["report"]["dimensions"]] == ["economic"]
    d1 = by_source["rows.csv:5"]  # no question in the row: --question applies
    assert d1["report"]["question"]["id"] == "strategic-q"

    bad1 = by_source["rows.csv:6"]  # an empty answer cell: a blank answer, graded 0
    assert bad1["error"] is None and bad1["report"]["marks"] == 0
    assert [a["code"] for a in bad1["report"]["advisories"]] == ["empty"]
    assert by_source["rows.csv:7"]["error"] == "row 7 (line 7): missing value for column 'id'"
    assert "unknown question 'no-such-question'" in by_source["rows.csv:8"]["error"]
    short = by_source["rows.csv:9"]["error"]
    assert short == "row 9 (id short, line 9): 2 fields, the header has 4"
    assert by_source["rows.jsonl:1"]["error"].startswith("line 1 (id s1): duplicate id 's1'")
    assert by_source["rows.jsonl:4"]["id"] == "7"
    assert by_source["rows.jsonl:4"]["report"]["question"]["id"] == "economic-q"
    assert by_source["rows.jsonl:5"]["error"].startswith("line 5: broken JSON")
    assert by_source["rows.jsonl:6"]["error"] == "line 6: not a JSON object"


def test_csv_output_has_a_column_per_dimension_and_blocks_formulas(
    mains_eval, read_csv, tmp_path: Path
) -> None:
    table = tmp_path / "in.csv"
    table.write_text(
        "id,answer,question\n"
        "=HYPERLINK(1),India and Japan cooperate in the Quad.,strategic-q\n"
        "rail,Japan builds a high-speed rail line; CEPA governs trade.,economic-q\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    done = mains_eval("batch", str(table), "-r", str(TEST_RUBRIC), "-o", str(out))
    assert done.returncode == 0, done.stderr
    rows = read_csv(out)
    assert list(rows[0]) == [
        "id", "source", "question", "marks", "max_marks", "share", "word_count",
        "dim:strategic", "dim:economic", "missing_concepts", "advisories", "warning", "error",
    ]  # fmt: skip
    assert rows[0]["id"] == "'=HYPERLINK(1)"  # a spreadsheet shows it, never runs it
    assert rows[0]["dim:strategic"] != "" and rows[0]["dim:economic"] == ""
    assert rows[0]["missing_concepts"] == "ssgp"
    assert rows[1]["dim:strategic"] == "" and float(rows[1]["dim:economic"]) > 0
    assert rows[1]["max_marks"] == "15"
    # --resume reads the protected id back: nothing is graded twice
    done = mains_eval("batch", str(table), "-r", str(TEST_RUBRIC), "-o", str(out), "--resume")
    assert done.returncode == 0 and "0 graded, 0 errors, 2 already done" in done.stderr
    assert len(read_csv(out)) == 2


# --- HTML --------------------------------------------------------------------------------------


def test_html_report_has_plot_table_feedback_and_escapes_hostile_text(
    mains_eval, tmp_path: Path
) -> None:
    table = tmp_path / "hostile.csv"
    table.write_text(
        "id,answer,question\n"
        '"<script>alert(1)</script>","India and Japan cooperate in the Quad <b>bold</b>.",\n'
        "plain,The Special Strategic and Global Partnership binds India and Japan.,\n"
        "{{ 7*7 }},,\n"
        'q,India and Japan.,"<img src=x onerror=alert(2)>"\n',
        encoding="utf-8",
    )
    out = tmp_path / "report.html"
    done = mains_eval(
        "batch", str(table), "-r", str(TEST_RUBRIC), "-q", "strategic-q", "-o", str(out)
    )
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    assert "<svg" in html and "Distribution of marks" in html
    assert 'id="results-table"' in html
    # so few: every graded answer is shown in full (the blank one too: graded 0, advisory
    # 'empty'); the error is a row of the table
    assert html.count('<section class="answer"') == 3
    assert 'id="r1"' in html and 'id="r2"' in html and 'id="r3"' in html
    assert "unknown question" in html  # the error rows are in the table
    # the report's own script and its two JSON blocks, nothing from the answers
    assert html.count("<script") == 3 and "<img" not in html
    assert "<script>alert(1)" not in html and "alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in html  # in the table's JSON
    assert "\\u003cimg src=x onerror=alert(2)\\u003e" in html  # an error row's question
    assert "{{ 7*7 }}" in html and "49" not in html.split("Answers shown in full")[1]
    assert "Most-missed concepts" in html and "Special Strategic and Global Partnership" in html
    # self-contained: nothing is fetched when it opens
    assert not re.search(r"<[^>]*\s(src|href)=[\"']?(https?:)?//", html)
    assert "<link" not in html and "@import" not in html and "<script src" not in html
    journal = Path(str(out) + ".jsonl")
    assert len(list(read_records(str(journal)))) == 4


def test_summary_line_and_progress_only_on_a_terminal(mains_eval, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    done = mains_eval(
        "batch", str(BATCH_DATA / "answers"), "-r", str(TEST_RUBRIC), "-q", "strategic-q",
        "-o", str(out),
    )  # fmt: skip
    assert done.returncode == 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1  # a pipe: no progress bar, just the summary
    assert lines[0].startswith("mains-eval batch: 6 graded, 0 errors in ")
    assert "answers/s" in lines[0]


def run_on_terminal(*args: str) -> tuple[int, str]:
    """Run `mains-eval` with stderr on a pseudo-terminal; its exit code and what it showed."""
    import fcntl
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    # a real terminal has a size; a fresh pseudo-terminal is 0x0 until told otherwise
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "evaluator", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=follower,
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closes when the process exits
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return process.wait(timeout=300), shown.decode("utf-8", "replace")


@pytest.mark.slow
def test_progress_bar_on_a_terminal_unless_quiet(tmp_path: Path) -> None:
    args = ["batch", str(BATCH_DATA / "answers"), "-r", str(TEST_RUBRIC), "-q", "strategic-q"]
    code, shown = run_on_terminal(*args, "-o", str(tmp_path / "a.csv"))
    assert code == 0
    assert "6/6" in shown and "100%" in shown  # tqdm's bar with the counted total
    assert "mains-eval batch: 6 graded" in shown
    code, shown = run_on_terminal(*args, "-o", str(tmp_path / "b.csv"), "--quiet")
    assert code == 0 and shown == ""


def test_own_output_is_never_an_input_and_a_lone_question_is_the_default(
    mains_eval, read_csv, tmp_path: Path
) -> None:
    import yaml

    rubric = yaml.safe_load((TEST_RUBRIC / "rubric.yaml").read_text(encoding="utf-8"))
    rubric["questions"] = rubric["questions"][:1]
    folder = tmp_path / "one-question"
    folder.mkdir()
    (folder / "rubric.yaml").write_text(yaml.safe_dump(rubric), encoding="utf-8")
    shutil.copy(TEST_RUBRIC / "source-notes.md", folder)
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.csv").write_text("id,answer\nr1,India and Japan are Quad partners.\n", "utf-8")
    out = data / "out.csv"
    args = ["batch", str(data / "*"), "-r", str(folder), "-o", str(out), "--quiet"]
    assert mains_eval(*args).returncode == 0
    done = mains_eval(*args, "--resume")  # out.csv now matches 'data/*' too
    assert done.returncode == 0, done.stderr
    rows = read_csv(out)
    assert [(r["id"], r["question"], r["error"]) for r in rows] == [("r1", "strategic-q", "")]


# --- runs that used to mix or litter (issue 14) ----------------------------------------------
# --resume against another run's output is a usage error that changes nothing, and a run that
# fails before its first row leaves no file.

HARDENING_RUBRIC = ["-r", str(TEST_RUBRIC), "-q", "strategic-q"]


@pytest.mark.slow
def test_resume_against_another_runs_output_exits_2_and_changes_nothing(
    tmp_path: Path, mains_eval: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    out = tmp_path / "j.csv"
    first = mains_eval(
        "batch", str(BATCH_DATA / "rows.jsonl"), *HARDENING_RUBRIC, "-o", str(out), "--quiet"
    )
    assert first.returncode == 0, first.stderr
    before = out.read_bytes()
    again = mains_eval(
        "batch",
        str(BATCH_DATA / "answers"),
        *HARDENING_RUBRIC,
        "-o",
        str(out),
        "--resume",
        "--quiet",
    )
    assert again.returncode == 2, again.stderr
    one_clean_line(again.stderr)
    assert "not this run's output" in again.stderr
    assert out.read_bytes() == before


def test_resume_of_the_same_run_still_skips_what_is_done(tmp_path: Path) -> None:
    from evaluator.batch.run import run_batch

    answers = tmp_path / "answers"
    shutil.copytree(BATCH_DATA / "answers", answers)
    out = tmp_path / "out.jsonl"
    run_batch(
        [str(answers / "01-strong.txt")],
        rubric=str(TEST_RUBRIC),
        out=str(out),
        question="strategic-q",
    )
    outcome = run_batch(
        [str(answers)], rubric=str(TEST_RUBRIC), out=str(out), question="strategic-q", resume=True
    )
    assert outcome.summary.skipped == 1 and outcome.summary.graded >= 4


def test_resume_check_refuses_foreign_ids_in_the_library(tmp_path: Path) -> None:
    from evaluator.batch.run import run_batch

    out = tmp_path / "out.jsonl"
    run_batch(
        [str(BATCH_DATA / "rows.jsonl")],
        rubric=str(TEST_RUBRIC),
        out=str(out),
        question="strategic-q",
    )
    before = out.read_bytes()
    with pytest.raises(OutputError, match="not this run's output"):
        run_batch(
            [str(BATCH_DATA / "answers")],
            rubric=str(TEST_RUBRIC),
            out=str(out),
            question="strategic-q",
            resume=True,
        )
    assert out.read_bytes() == before


def test_unreachable_scheduler_leaves_no_output_file(tmp_path: Path) -> None:
    """A real scheduler address where nothing listens (a closed port on this machine), with Dask's
    connect timeout cut to 2 s so the test does not wait out the default 30 s."""
    pytest.importorskip("distributed")
    import socket

    import dask.config

    from evaluator.batch.run import run_batch

    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    for name in ("out.csv", "out.jsonl", "out.html"):
        out = tmp_path / name
        with (
            dask.config.set({"distributed.comm.timeouts.connect": "2s"}),
            pytest.raises(BatchError, match="cannot reach the Dask scheduler"),
        ):
            run_batch(
                [str(BATCH_DATA / "answers")],
                rubric=str(TEST_RUBRIC),
                out=str(out),
                question="strategic-q",
                backend="dask",
                scheduler=f"tcp://127.0.0.1:{port}",
            )
        assert not out.exists(), name
        assert list(tmp_path.iterdir()) == [], [p.name for p in tmp_path.iterdir()]


def test_tables_and_per_answer_pages_beside_the_report(mains_eval, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    args = [str(BATCH_DATA / "answers"), "-r", str(TEST_RUBRIC), "-q", "strategic-q"]
    done = mains_eval(
        "batch", *args, "-o", str(out), "--tables", str(tmp_path / "tables"),
        "--per-answer-pages", str(tmp_path / "pages"), "--quiet",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "pages").iterdir()) == [
        f"r{n}.html" for n in range(1, 7)
    ]
    html = out.read_text(encoding="utf-8")
    assert '<script type="application/json" id="table-options">' in html
    assert '"pages":"pages"' in html  # the table links every row to its page
    answers = (tmp_path / "tables" / "answers.csv").read_text(encoding="utf-8").splitlines()
    assert len(answers) == 7 and answers[0].startswith("id,question,marks,max_marks")

    csv_out = tmp_path / "marks.csv"
    refused = mains_eval("batch", *args, "-o", str(csv_out), "--tables", str(tmp_path / "t2"))
    assert refused.returncode == 2
    assert refused.stderr.count("\n") <= 2 and "--tables needs the reports" in refused.stderr
    assert not csv_out.exists() and not (tmp_path / "t2").exists()
