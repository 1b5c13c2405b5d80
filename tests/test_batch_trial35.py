"""Tutor trial 35 of batch grading (/tmp/s35batch/FINDINGS.md): what the tutor noticed, as they
noticed it. An input with nothing behind it is a usage error; errors print even with --quiet and
the end of a run names them; --resume grades error rows again; error messages say where and what
to do; the HTML report says each piece of feedback once; near-identical answers are flagged."""

from __future__ import annotations

import json
from pathlib import Path

from evaluator.batch.inputs import read_file_item

BATCH_DATA = Path(__file__).resolve().parent / "data" / "batch"
TEST_RUBRIC = ["-r", str(BATCH_DATA / "rubric")]
STRONG = (BATCH_DATA / "answers" / "01-strong.txt").read_text(encoding="utf-8")


def _error_rows(path: Path) -> dict[str, str]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return {r["id"]: r["error"] for r in rows if r.get("error")}


# --- 1. an input with nothing behind it ------------------------------------------------------


def test_a_misspelt_pattern_or_an_empty_folder_beside_other_inputs_is_a_usage_error(
    mains_eval, tmp_path: Path
) -> None:
    answers = tmp_path / "defence-cooperation"
    answers.mkdir()
    (answers / "s1.txt").write_text(STRONG, encoding="utf-8")
    empty = tmp_path / "emptydir"
    empty.mkdir()
    out = tmp_path / "out.csv"
    misspelt = str(tmp_path / "defence-cooperaton" / "*.txt")
    for extra, why in ((misspelt, "the pattern matches no file"), (str(empty), "no .txt or .md")):
        done = mains_eval("batch", str(answers), extra, *TEST_RUBRIC, "-q", "strategic-q",
                          "-o", str(out))  # fmt: skip
        assert done.returncode == 2, done.stderr
        first = done.stderr.splitlines()[0]
        assert first.startswith(f"mains-eval: error: {extra}: nothing to grade") and why in first
        assert "Traceback" not in done.stderr and not out.exists()


# --- 2 and 4. errors at the end of a run, with or without --quiet; their wording ------------


def _bad_inputs(folder: Path) -> list[str]:
    """One good JSONL record and seven error rows (none of them has a question: no -q)."""
    good = {"id": "ok", "question": "strategic-q", "answer": STRONG}
    lines = [
        json.dumps(good),
        '{"id": "tab", "question": "strategic-q", "answer": "a\tb"}',  # a raw tab
        json.dumps({"question": "strategic-q", "answer": "no id"}),
        json.dumps({"id": "no-answer", "question": "strategic-q"}),
        json.dumps({"id": "no-question", "answer": STRONG}),
        json.dumps({"id": "typo", "question": "strategic", "answer": STRONG}),
    ]
    table = folder / "rows.jsonl"
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(STRONG, encoding="utf-8")
    return [str(table), str(folder / "a.txt"), str(folder / "b.txt")]


def test_the_end_of_a_run_lists_the_first_errors_and_quiet_still_prints_them(
    mains_eval, tmp_path: Path
) -> None:
    inputs = _bad_inputs(tmp_path)
    for quiet in ([], ["--quiet"]):
        out = tmp_path / f"out{len(quiet)}.jsonl"
        done = mains_eval("batch", *inputs, *TEST_RUBRIC, "-o", str(out), *quiet)
        assert done.returncode == 0, done.stderr
        lines = done.stderr.splitlines()
        if quiet:
            assert lines[0] == "mains-eval batch: 7 errors:"
        else:
            assert lines[0].startswith("mains-eval batch: 1 graded, 7 errors in ")
        table = inputs[0]
        assert lines[1:] == [
            f"  {table}: line 2: broken JSON: a tab or line break inside a text at "
            "character 54 (write it as \\t or \\n)",
            f"  {table}: line 3: missing value for field 'id'",
            f"  {table}: line 4 (id no-answer): needs a value in field 'answer' or 'file'",
            f"  {table}: line 5 (id no-question): no question: give this record a 'question' "
            "field or pass -q QID (one of strategic-q, economic-q)",
            f"  {table}: line 6 (id typo): unknown question 'strategic' (did you mean "
            "'strategic-q'? give a question id (strategic-q, economic-q), the question's text, "
            "or its number (1, Q1))",
            f"  ... and 2 more; see the 'error' field of {out}",
        ]
    errors = _error_rows(tmp_path / "out0.jsonl")
    assert errors[inputs[1]] == "no question: pass -q QID (one of strategic-q, economic-q)"


def test_a_csv_row_without_a_question_is_told_to_fill_its_cell(tmp_path: Path) -> None:
    from evaluator.batch.run import run_batch

    table = tmp_path / "class.csv"
    table.write_text(f'id,question,answer\ns1,,"{STRONG}"\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    outcome = run_batch([str(table)], rubric=TEST_RUBRIC[1], out=str(out))
    assert outcome.summary.errors == 1
    assert _error_rows(out)["s1"] == (
        "row 2 (id s1, line 2): no question: fill this row's 'question' cell or pass -q QID "
        "(one of strategic-q, economic-q)"
    )


def test_an_unknown_question_option_says_did_you_mean(mains_eval, tmp_path: Path) -> None:
    answer = tmp_path / "a.txt"
    answer.write_text(STRONG, encoding="utf-8")
    done = mains_eval("batch", str(answer), *TEST_RUBRIC, "-q", "strategic", "-o",
                      str(tmp_path / "o.csv"))  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == "Hint: did you mean -q strategic-q?"


def test_utf16_without_a_byte_order_mark_is_read_not_called_binary(tmp_path: Path) -> None:
    for encoding in ("utf-16-le", "utf-16-be"):
        answer = tmp_path / f"{encoding}.txt"
        answer.write_bytes(STRONG.encode(encoding))
        item = read_file_item(str(answer))
        assert item.error is None and item.text == STRONG
        name = encoding.upper().replace("16-", "16")
        assert item.warning == (
            f"decoded as {name} (UTF-16 without a byte order mark); save it as UTF-8"
        )
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    assert read_file_item(str(binary)).error == (
        "looks like a binary file, not text (it contains NUL bytes)"
    )


def test_a_utf16_table_without_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    from evaluator.batch.inputs import iter_csv_rows

    table = tmp_path / "class.csv"
    table.write_bytes(f'id,question,answer\ns1,strategic-q,"{STRONG}"\n'.encode("utf-16-le"))
    (row,) = iter_csv_rows(str(table))
    assert row.error is None and row.text == STRONG and "UTF-16LE" in (row.warning or "")


# --- 3. --resume grades error rows again ------------------------------------------------------


def test_resume_after_an_all_error_run_grades_the_answers(
    mains_eval, read_csv, tmp_path: Path
) -> None:
    answers = tmp_path / "answers"
    answers.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (answers / name).write_text(STRONG, encoding="utf-8")
    out = tmp_path / "marks.csv"
    first = mains_eval("batch", str(answers), *TEST_RUBRIC, "-o", str(out))  # no -q: all fail
    assert first.returncode == 1 and "no answer could be graded (3 errors)" in first.stderr
    again = mains_eval("batch", str(answers), *TEST_RUBRIC, "-q", "strategic-q", "-o", str(out))
    assert again.returncode == 2 and "pass --resume to continue it" in again.stderr
    resumed = mains_eval(
        "batch", str(answers), *TEST_RUBRIC, "-q", "strategic-q", "-o", str(out), "--resume"
    )
    assert resumed.returncode == 0, resumed.stderr
    assert "3 graded, 0 errors, 3 earlier errors tried again" in resumed.stderr
    rows = read_csv(out)
    assert sorted(r["id"] for r in rows) == sorted(
        str(answers / n) for n in ("a.txt", "b.txt", "c.txt")
    )
    assert all(r["error"] == "" and float(r["marks"]) > 0 for r in rows)


def test_resume_grades_a_fixed_answer_again_and_keeps_the_graded_ones(tmp_path: Path) -> None:
    from evaluator.batch.compact import read_records
    from evaluator.batch.run import run_batch

    good, empty = tmp_path / "a.txt", tmp_path / "b.txt"
    good.write_text(STRONG, encoding="utf-8")
    empty.write_text("", encoding="utf-8")
    options = {
        "rubric": TEST_RUBRIC[1],
        "question": "strategic-q",
        "out": str(tmp_path / "o.jsonl"),
    }
    first = run_batch([str(good), str(empty)], **options)
    assert (first.summary.graded, first.summary.errors) == (1, 1)
    empty.write_text(STRONG, encoding="utf-8")  # the tutor fixes the file
    resumed = run_batch([str(good), str(empty)], resume=True, **options)
    assert (resumed.summary.graded, resumed.summary.skipped, resumed.summary.retried) == (1, 1, 1)
    records = list(read_records(options["out"]))
    assert [(r["id"], r["error"]) for r in records] == [(str(good), None), (str(empty), None)]
    assert records[0]["report"] == records[1]["report"]
    # nothing left to do: a second resume grades nothing
    again = run_batch([str(good), str(empty)], resume=True, **options)
    assert (again.summary.graded, again.summary.skipped, again.summary.retried) == (0, 2, 0)


# --- 5. the HTML report says each piece of feedback once --------------------------------------

WRONG_FACTS = """India and Japan hold a 2+2 dialogue of their foreign and defence ministers.
The relationship was raised to a Special Strategic and Global Partnership in 2010, and they
signed a civil nuclear agreement in 2008 which allows Japan to supply reactors. The first
ministerial 2+2 was held in Tokyo in 2015. The navies hold the JIMEX exercise and the armies
hold Dharma Guardian. Both are Quad partners and back a free and open Indo-Pacific, which
matters because China is assertive at sea.
"""


def test_the_html_report_tells_a_wrong_fact_and_an_advisory_once(tmp_path: Path) -> None:
    import html

    from evaluator.batch.compact import read_records
    from evaluator.batch.run import run_batch

    answer = tmp_path / "wrong-facts.txt"
    answer.write_text(WRONG_FACTS, encoding="utf-8")
    out, pages = tmp_path / "report.html", tmp_path / "pages"
    run_batch(
        [str(answer)], rubric="india-japan", question="2plus2-significance", out=str(out),
        per_answer_pages=str(pages),
    )  # fmt: skip
    (record,) = read_records(str(out) + ".jsonl")
    report = record["report"]
    wrong = [f["message"] for f in report["facts"] if f["status"] == "contradicted"]
    right = [f["claim"] for f in report["facts"] if f["status"] == "supported"]
    advisories = [a["message"] for a in report["advisories"]]
    assert len(wrong) >= 2 and advisories  # what the answer was written to get
    for shown in (out, pages / "r1.html"):
        text = html.unescape(shown.read_text(encoding="utf-8"))
        for said in [*wrong, *right, *advisories]:
            assert text.count(said.rstrip(".")) == 1, (shown.name, said)
        assert "(see Facts)" in text  # the concept and the step point to the one place


# --- 6. near-identical answers ------------------------------------------------------------------

ECONOMIC = (BATCH_DATA / "answers" / "02-economic.md").read_text(encoding="utf-8")


def test_near_identical_answers_are_paired_and_others_are_not() -> None:
    from evaluator.batch.similar import SimilarAnswers

    similar = SimilarAnswers()
    edited = STRONG.replace(" the ", " a ", 1) + " Thank you."
    similar.add("s1", "q", STRONG)
    similar.add("s2", "q", ECONOMIC)  # another answer on the same topic
    similar.add("s3", "q", STRONG)  # word for word
    similar.add("s4", "q", edited)  # a few words changed
    similar.add("s5", "other-q", STRONG)  # the same text for another question
    similar.add("s6", "q", "India and Japan hold a 2+2 dialogue.")  # too short to compare
    similar.add("s7", "q", "India and Japan hold a 2+2 dialogue.")
    pairs = [(p.second, p.first, p.question) for p in similar.pairs]
    assert pairs == [("s3", "s1", "q"), ("s4", "s1", "q")]
    assert similar.pairs[0].similarity == 1.0 and 0.8 <= similar.pairs[1].similarity < 1.0


def test_answers_are_compared_a_bounded_number_of_times(monkeypatch) -> None:
    """Each answer is compared with at most `SKETCH` earlier answers, never with all of them:
    linear in the number of answers (100,000 at an institute)."""
    import random

    from evaluator.batch import similar as module

    calls = []
    real = module.estimate
    monkeypatch.setattr(module, "estimate", lambda a, b: calls.append(1) or real(a, b))
    words = sorted(set(STRONG.split() + ECONOMIC.split()))
    rng = random.Random(35)
    collector = module.SimilarAnswers()
    texts = [" ".join(rng.choices(words, k=120)) for _ in range(3000)]
    for number, text in enumerate(texts):
        collector.add(f"a{number}", "q", text)
    collector.add("copy", "q", texts[1234])
    assert [(p.second, p.first) for p in collector.pairs] == [("copy", "a1234")]
    assert len(calls) <= module.SKETCH * (len(texts) + 1)


def test_the_run_names_near_identical_answers_and_the_report_lists_them(
    mains_eval, tmp_path: Path
) -> None:
    answers = tmp_path / "answers"
    answers.mkdir()
    for name, text in (("s08a.txt", STRONG), ("s08b.txt", STRONG), ("s09.txt", ECONOMIC)):
        (answers / name).write_text(text, encoding="utf-8")
    out = tmp_path / "report.html"
    done = mains_eval("batch", str(answers), *TEST_RUBRIC, "-q", "strategic-q", "-o", str(out))
    assert done.returncode == 0, done.stderr
    first, second = (str(answers / name) for name in ("s08a.txt", "s08b.txt"))
    assert done.stderr.splitlines()[1:] == [
        "mains-eval batch: 1 pair of near-identical answers to the same question (marks "
        "unchanged):",
        f"  {second} and {first} (strategic-q): 100% alike",
    ]
    html = out.read_text(encoding="utf-8")
    section = html[html.index('<h2 id="similar">') : html.index('<h2 id="results">')]
    assert f"<tr><td>{second}</td><td>{first}</td><td>strategic-q</td>" in section
    assert str(answers / "s09.txt") not in section
