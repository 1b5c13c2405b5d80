"""`rubric tune`: the estimator contract, cross-validated agreement on the hand-marked set,
writing the tuned rubric safely, and one clear message for every malformed graded CSV."""

from __future__ import annotations

import csv
import json
import math
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
import yaml
from click.testing import CliRunner
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from evaluator.cli import main
from evaluator.errors import OutputError, TuningError
from evaluator.rubric.loader import LoadedRubric, check_rubric, load_rubric
from evaluator.scoring.report import Report
from evaluator.tools.graded import GradedAnswer, read_graded_csv
from evaluator.tools.tune.core import (
    AnswerFeatures,
    RubricWeightTuner,
    TuningResult,
    agreement_scatter_svg,
    assign_questions,
    bump_version,
    score_graded,
    tune_rubric,
    write_tuned_rubric,
)

GRADED = Path(__file__).parent / "data" / "graded" / "india-japan.csv"


@pytest.fixture(scope="module")
def graded() -> list[GradedAnswer]:
    return read_graded_csv(GRADED)


@pytest.fixture(scope="module")
def reports(india_japan: LoadedRubric, graded: list[GradedAnswer]) -> list[Report]:
    """Every graded answer scored once for the whole module."""
    return score_graded(india_japan, assign_questions(india_japan, graded))


@pytest.fixture(scope="module")
def result(
    india_japan: LoadedRubric, graded: list[GradedAnswer], reports: list[Report]
) -> TuningResult:
    return tune_rubric(india_japan, graded, reports=reports)


# --- the graded set ----------------------------------------------------------------------------


def test_graded_set_covers_two_questions_and_the_whole_mark_range(
    graded: list[GradedAnswer],
) -> None:
    assert len(graded) >= 40
    by_question: dict[str | None, list[float]] = {}
    for row in graded:
        by_question.setdefault(row.question, []).append(row.mark)
    assert set(by_question) == {"2plus2-significance", "pyq-2019-contemporary"}
    for marks in by_question.values():
        assert len(marks) >= 20
        assert min(marks) <= 1.0 and max(marks) >= 7.0  # off-topic to topper


# --- agreement before and after --------------------------------------------------------------


def test_tuning_is_not_worse_than_the_rubric_on_held_out_folds(result: TuningResult) -> None:
    assert result.folds == 5 and result.before.n == result.after.n == 42
    assert result.after.qwk >= result.before.qwk
    assert result.after.rmse <= result.before.rmse
    assert abs(result.after.smd) <= abs(result.before.smd)


def test_json_contract(result: TuningResult) -> None:
    data = json.loads(json.dumps(result.to_dict()))
    metrics = {"qwk", "pearson", "rmse", "exact", "adjacent", "smd"}
    assert set(data["before"]) == metrics and set(data["after"]) == metrics
    assert set(data["baseline"]) == metrics  # the bag of words, same folds
    assert data["improved"] is True and data["beats_baseline"] is True
    # nothing to caution about but that 42 essay answers taught no new phrase, and that the
    # mark mapping the rubric's other questions share moved with the two marked ones
    assert [line[:30] for line in data["verdict"]] == [
        "The marks cover only 2plus2-si",
        "No phrases were learned from t",
    ]
    # the gain and the lead over the bag of words, each with a 95% bootstrap interval
    gain = data["intervals"]["after_minus_before"]
    assert gain["low"] <= gain["estimate"] <= gain["high"] and gain["n"] == 42
    assert gain["estimate"] == pytest.approx(data["after"]["qwk"] - data["before"]["qwk"], abs=2e-4)
    lead = data["intervals"]["after_minus_baseline"]
    assert lead["estimate"] == pytest.approx(
        data["after"]["qwk"] - data["baseline"]["qwk"], abs=2e-4
    )
    concept = data["concepts"][0]
    for key in ("id", "weight_before", "weight_after", "fires_high", "fires_low", "never_fires",
                "zero_weight"):  # fmt: skip
        assert key in concept
    assert len(data["answers"]) == 42


def test_per_concept_report(result: TuningResult, india_japan: LoadedRubric) -> None:
    by_id = {c.id: c for c in result.concepts}
    # the Quad is in nearly every good answer and in few weak ones
    quad = by_id["quad-cooperation"]
    assert quad.rate_high > quad.rate_low
    never = [c for c in result.concepts if c.never_fires]
    assert never, "some concepts of a 97-concept rubric never fire in 42 answers"
    for concept in never:  # nothing learned: weight kept
        assert concept.weight_after == concept.weight_before
    assert all(c.fires_high + c.fires_low > 0 for c in result.concepts if c.zero_weight)
    # one or two answers are no evidence: a concept only they earn keeps its weight
    rare = [c for c in result.concepts if 0 < c.fires_high + c.fires_low < 3 and not c.learned]
    assert rare
    for concept in rare:
        assert concept.too_rare and not concept.zero_weight
        assert concept.weight_after == concept.weight_before
    assert all(c.fires_high + c.fires_low >= 3 for c in result.concepts if c.zero_weight)


def test_tuned_rubric_is_a_new_valid_version(result: TuningResult) -> None:
    assert result.rubric.version == bump_version(result.source.version)
    assert result.rubric.version != result.source.version
    assert bump_version("1.0.9") == "1.0.10"
    assert bump_version("draft") == "draft+tuned"


# --- the estimator ---------------------------------------------------------------------------


def test_estimator_follows_the_sklearn_contract(
    india_japan: LoadedRubric, reports: list[Report], graded: list[GradedAnswer]
) -> None:
    tuner = RubricWeightTuner(india_japan.rubric, alpha=2.0, blend=0.3)
    params = tuner.get_params()
    assert params == {
        "rubric": india_japan.rubric, "alpha": 2.0, "blend": 0.3, "min_weight": 0.1,
        "calibrate": True, "min_fired": 3,
    }  # fmt: skip
    twin = clone(tuner)
    assert twin is not tuner and twin.get_params() == params
    assert twin.set_params(alpha=5.0) is twin and twin.alpha == 5.0 and tuner.alpha == 2.0
    assert not hasattr(tuner, "tuned_rubric_")

    features = [AnswerFeatures.from_report(r) for r in reports]
    marks = [row.mark for row in graded]
    with pytest.raises(NotFittedError):
        tuner.predict(features)
    assert tuner.fit(features, marks) is tuner
    predictions = tuner.predict(features)
    assert predictions.shape == (42,) and np.all(predictions >= 0)
    assert isinstance(tuner.score(features, marks), float)
    assert clone(tuner).get_params() == params
    assert not hasattr(clone(tuner), "tuned_rubric_")


def test_invalid_parameters_fail_in_fit_not_init(reports: list[Report]) -> None:
    features = [AnswerFeatures.from_report(r) for r in reports]
    tuner = RubricWeightTuner(None, blend=1.5)  # storing is fine
    with pytest.raises(ValueError, match="rubric must be a Rubric"):
        tuner.fit(features, [1.0] * len(features))
    tuner.set_params(rubric=load_rubric("india-japan").rubric)
    with pytest.raises(ValueError, match="blend must be in"):
        tuner.fit(features, [1.0] * len(features))


def test_predictions_are_the_marks_the_written_rubric_gives(
    india_japan: LoadedRubric, graded: list[GradedAnswer], tmp_path: Path
) -> None:
    rows = [g for g in graded if g.question == "pyq-2019-contemporary"]
    pairs = assign_questions(india_japan, rows)
    reports = score_graded(india_japan, pairs)
    tuned = tune_rubric(india_japan, rows, reports=reports)
    out = write_tuned_rubric(tuned, tmp_path / "tuned" / "rubric.yaml")
    rescored = score_graded(load_rubric(out), pairs)
    predicted = tuned.estimator.predict([AnswerFeatures.from_report(r) for r in reports])
    assert [r.marks for r in rescored] == pytest.approx(list(predicted))


# --- writing --------------------------------------------------------------------------------


def test_write_is_atomic_and_never_overwrites_by_accident(
    result: TuningResult, tmp_path: Path
) -> None:
    out = tmp_path / "v2" / "rubric.yaml"
    write_tuned_rubric(result, out)
    assert check_rubric(out) == []
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Tuned by `mains-eval rubric tune`")
    assert load_rubric(out).version == result.rubric.version
    assert [p.name for p in out.parent.iterdir()] == ["rubric.yaml"]  # no temp file left
    assert out.stat().st_mode & 0o777 == 0o644  # shared like any document, not private
    with pytest.raises(OutputError, match="already exists"):
        write_tuned_rubric(result, out)
    write_tuned_rubric(result, out, force=True)
    with pytest.raises(OutputError, match="is the input rubric"):
        write_tuned_rubric(result, result.source.path)


def test_scatter_plot_is_a_self_contained_svg(result: TuningResult) -> None:
    svg = agreement_scatter_svg(result)
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "<script" not in svg
    assert "tutor" in svg or "tutor's mark" in svg


# --- malformed input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "<graded csv>:1: the file is empty"),
        ("   \n\n", "<graded csv>:1: the file is empty"),
        ("id,answer\n1,Quad\n", ":1: missing column 'mark'"),
        ("id,mark\n1,4\n", ":1: missing column 'answer' (or 'file')"),
        ("answer,mark\n", ":2: the file has a header but no graded answers"),
        ('id,answer,mark\n1,"two\nlines",4\n2,fine,four\n', ":4: mark 'four' is not a number"),
        ("id,answer,mark\n1,ok,-2\n", ":2: mark '-2' must be a number of zero or more"),
        ("id,answer,mark\n1,ok,\n", ":2: the mark is empty"),
        (
            "id,answer,mark\n1,ok,3\n1,again,4\n",
            ":3: id '1' is used again (row 3; first used in row 2)",
        ),
        ("id,answer,mark\n1,ok\n", ":2: 2 fields, the header has 3"),
        # extra cells are a bad row too, as in batch (trial 28a: tune had used the row)
        ("id,answer,mark\n1,ok,4,extra\n", ":2: 4 fields, the header has 3; quote an answer"),
        # an unclosed quote swallows the rows after it, and the message says so
        (
            'id,answer,mark\n1,"never closed, 4\n2,next answer,3\n3,third,2\n',
            ":2: 2 fields, the header has 3; a quote opened on line 2 seems never closed: the "
            "row runs to line 4",
        ),
    ],
)
def test_malformed_csv_gets_one_message_with_the_line(text: str, message: str) -> None:
    with pytest.raises(TuningError) as caught:
        read_graded_csv(text if "\n" in text else text + "\n")
    assert message in str(caught.value)


def test_rows_are_checked_against_the_rubric(india_japan: LoadedRubric) -> None:
    rows = read_graded_csv("id,question,answer,mark\na,2plus2-significance,x,16\n", name="g.csv")
    with pytest.raises(TuningError, match=r"g\.csv:2: mark 16 is above the maximum of 15"):
        assign_questions(india_japan, rows, source_name="g.csv")
    rows = read_graded_csv("id,question,answer,mark\na,no-such-q,x,1\n")
    with pytest.raises(TuningError, match="question 'no-such-q' is not in rubric"):
        assign_questions(india_japan, rows)
    rows = read_graded_csv("id,answer,mark\na,x,1\n")
    with pytest.raises(TuningError, match=r"no question for the answer \(row 2, id a\)"):
        assign_questions(india_japan, rows)


def test_fewer_answers_than_folds(india_japan: LoadedRubric) -> None:
    rows = read_graded_csv("id,answer,mark\na,Quad,4\nb,Japan,1\nc,CEPA,2\n")
    with pytest.raises(
        TuningError,
        match="only 3 graded answers for question '2plus2-significance', but --folds 5 needs",
    ) as caught:
        tune_rubric(india_japan, rows, question_id="2plus2-significance")
    assert caught.value.hint and "at most 3 here" in caught.value.hint
    with pytest.raises(TuningError, match="--folds must be 2 or more"):
        tune_rubric(india_japan, rows, question_id="2plus2-significance", folds=1)


TWO_PLUS_TWO = "2plus2-significance"


def _graded_file(tmp_path: Path, marks: dict[str, list[str]]) -> Path:
    """A graded CSV of real answers from the hand-marked set: for each question, one row per
    mark given."""
    with GRADED.open(encoding="utf-8", newline="") as handle:
        source = list(csv.DictReader(handle))
    path = tmp_path / "graded.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "question", "answer", "mark"])
        for question, given in marks.items():
            answers = [r for r in source if r["question"] == question]
            for row, mark in zip(answers, given, strict=False):
                writer.writerow([row["id"], question, row["answer"], mark])
    return path


@pytest.mark.parametrize(
    ("marks", "args", "message", "hint"),
    [
        (  # one fold would be tuned on a single answer: a traceback from deep inside before
            {TWO_PLUS_TWO: ["9", "5", "2"]},
            ["--folds", "2"],
            "3 graded answers in 2 folds leave a fold only 1 answer to tune on",
            "pass --folds 3",
        ),
        (
            {TWO_PLUS_TWO: ["9", "5"]},
            ["--folds", "2"],
            "only 2 graded answers: tuning needs at least 3",
            "grade more answers",
        ),
        ({TWO_PLUS_TWO: ["9"]}, [], "only 1 graded answer: tuning needs at least 3", "grade more"),
        (  # the question's rows are fewer than the folds, the file's are not
            {TWO_PLUS_TWO: ["9", "5", "2", "7"], "pyq-2019-contemporary": ["4"] * 3 + ["6"] * 3},
            ["--question", TWO_PLUS_TWO],
            f"only 4 graded answers for question '{TWO_PLUS_TWO}', but --folds 5 needs at least 5",
            "pass a smaller --folds (at most 4 here)",
        ),
        (  # was tuned, reporting QWK 0.000 -> 0.000 and a bag of words agreeing perfectly
            {TWO_PLUS_TWO: ["7"] * 6},
            ["--folds", "2"],
            "all 6 graded answers have the mark 7",
            "grade answers across the range of marks",
        ),
    ],
)
def test_cli_too_few_answers_or_one_mark_is_one_line_and_exit_2(
    tmp_path: Path, marks: dict[str, list[str]], args: list[str], message: str, hint: str
) -> None:
    path = _graded_file(tmp_path, marks)
    command = ["rubric", "tune", "india-japan", "--graded", str(path), "--no-learn", *args]
    done = CliRunner().invoke(main, command)
    assert "Traceback" not in done.output and not isinstance(done.exception, ValueError)
    assert done.exit_code == 2, done.output
    error, hint_line = done.stderr.splitlines()
    assert error.startswith(f"mains-eval: error: {path}: ") and message in error
    assert hint_line.startswith("Hint: ") and hint in hint_line
    assert done.stdout == ""


def test_rows_tune_leaves_out_are_named_by_row_and_id(india_japan: LoadedRubric) -> None:
    """As the reader names its own bad rows: the file's line, then the row a spreadsheet shows
    (a cell with a line break spends two lines of the file on one row) and the id."""
    from evaluator.tools.graded import SkippedRow, parse_graded_text

    text = (
        "id,question,answer,mark\n"
        'a,2plus2-significance,"two\nlines",16\n'  # line 2, row 2
        "b,no-such-q,x,1\n"  # line 4, row 3
        ",no-such-q,no id,1\n"  # line 5, row 4
        "c,2plus2-significance,fine,3\n"
    )
    skipped: list[SkippedRow] = []
    rows = parse_graded_text(text, name="g.csv", skipped=skipped)
    pairs = assign_questions(india_japan, rows, source_name="g.csv", skipped=skipped)
    assert [row.id for row, _ in pairs] == ["c"]
    messages = [s.message for s in skipped]
    assert messages[0] == (
        "g.csv:2: mark 16 is above the maximum of 15 for question '2plus2-significance' "
        "(row 2, id a)"
    )
    assert messages[1].startswith(
        "g.csv:4: question 'no-such-q' is not in rubric 'india-japan' (row 3, id b); "
        "give a question id (2plus2-significance, "
    )
    assert messages[2].startswith(
        "g.csv:5: question 'no-such-q' is not in rubric 'india-japan' (row 4); "
    )
    jsonl = '{"id": "j1", "answer": "x", "mark": 1}\n{"id": "j1", "answer": "y", "mark": 2}\n'
    skipped = []
    rows = parse_graded_text(jsonl, name="g.jsonl", skipped=skipped)
    assert [s.message for s in skipped] == [
        "g.jsonl:2: id 'j1' is used again (first used on line 1)"
    ]
    with pytest.raises(TuningError) as caught:
        assign_questions(india_japan, rows, source_name="g.jsonl")
    assert caught.value.message == "g.jsonl:1: no question for the answer (id j1)"


def test_the_bad_row_message_the_docs_show_is_the_one_tune_prints() -> None:
    """docs/rubrics.md quotes a skipped row: a tutor reading it finds the same line on stderr."""
    import re

    from evaluator.tools.graded import SkippedRow, parse_graded_text

    docs = (Path(__file__).parents[1] / "docs" / "rubrics.md").read_text(encoding="utf-8")
    quoted = re.search(r"`skipped (graded\.csv:14: mark 'seven'[^`]*)`", docs)
    assert quoted, "docs/rubrics.md no longer quotes the skipped row of line 14"
    rows = [f"s-{n:03d},ok,3" for n in range(3, 13)]  # rows 2-11, on lines 2-13
    rows[2] = 's-005,"an answer\nof three\nlines",3'  # row 4: lines 4-6
    text = "id,answer,mark\n" + "\n".join(rows) + "\ns-014,seven marks,seven\n"
    skipped: list[SkippedRow] = []
    parse_graded_text(text, name="graded.csv", skipped=skipped)
    assert [s.message for s in skipped] == [quoted.group(1)]


def test_answers_may_come_from_files(tmp_path: Path) -> None:
    (tmp_path / "a1.txt").write_text("India and Japan are Quad partners.", encoding="utf-8")
    (tmp_path / "graded.csv").write_text("id,file,mark\n1,a1.txt,3\n2,missing.txt,1\n")
    with pytest.raises(
        TuningError, match=r"graded\.csv:3: answer file 'missing.txt': no such file"
    ):
        read_graded_csv(tmp_path / "graded.csv")
    (tmp_path / "graded.csv").write_text("id,file,mark\n1,a1.txt,3\n")
    assert read_graded_csv(tmp_path / "graded.csv")[0].text.startswith("India and Japan")


def test_answer_and_file_columns_side_by_side_as_batch_reads_them(tmp_path: Path) -> None:
    (tmp_path / "a1.txt").write_text("India and Japan are Quad partners.", encoding="utf-8")
    (tmp_path / "graded.csv").write_text(
        "id,answer,file,mark\n1,,a1.txt,3\n2,Typed in the sheet.,,1\n", encoding="utf-8"
    )
    rows = read_graded_csv(tmp_path / "graded.csv")
    assert [r.text for r in rows] == ["India and Japan are Quad partners.", "Typed in the sheet."]


# --- the command line ------------------------------------------------------------------------


def test_cli_tune_json_and_out(tmp_path: Path) -> None:
    out = tmp_path / "tuned.yaml"
    runner = CliRunner()
    args = ["rubric", "tune", "india-japan", "--graded", str(GRADED), "--question",
            "pyq-2019-contemporary", "--folds", "4", "--out", str(out), "--json"]  # fmt: skip
    done = runner.invoke(main, args)
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    assert data["folds"] == 4 and data["n"] == 20
    assert not math.isnan(data["after"]["rmse"])
    assert check_rubric(out) == []
    assert "audit pyq-2019-contemporary: " in done.stderr  # gaming checked on the new version
    again = runner.invoke(main, args)
    assert again.exit_code == 2
    assert "already exists" in again.stderr and "Traceback" not in again.output


def test_cli_concept_table_shows_changes_and_summarises_the_rest() -> None:
    args = ["rubric", "tune", "india-japan", "--graded", str(GRADED), "--question",
            "pyq-2019-contemporary", "--folds", "4"]  # fmt: skip
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 0, done.output
    table = done.stdout.split("\n\n", 1)[1].strip().splitlines()
    never = [line for line in table if "never fire in these answers" in line]
    assert len(never) == 1  # one line, not one per concept
    rare = [line for line in table if "too few to move their weights" in line]
    assert len(rare) == 1
    assert not any(line.rstrip().endswith("never fires") for line in table)
    assert "bag of words" in done.stdout
    assert "note: only" not in done.stderr  # half marks are this tutor's scale, not a slip
    # each concept by its id, as the YAML names it (trial 25c: labels cut to 30 characters)
    ids = {c.id for _, c in load_rubric("india-japan").rubric.concepts()}
    width = table[0].index("weight") - 14 + len("weight")  # the id column and its margin
    rows = [line for line in table[1:] if "->" in line[width : width + 16]]
    shown = [line[:width].strip().removeprefix("- ") for line in rows]
    assert shown and all(s in ids or s.startswith("learned-") for s in shown), shown
    # each question's dimension weights that moved are printed (trial 25c: none were)
    assert "dimension weights (each question's own):" in done.stdout
    moved = [line.split() for line in table if line.startswith("  pyq-2019-contemporary  ")]
    dims = {
        d.id for d in load_rubric("india-japan").rubric.question("pyq-2019-contemporary").dimensions
    }
    assert moved and all(m[1] in dims and m[3] == "->" for m in moved), moved


def test_questions_tuned_together_are_reported_one_by_one(result: TuningResult) -> None:
    """Trial 25c: a pooled "NOT better" hid one question getting better and the other worse."""
    per = result.per_question()
    assert set(per) == {"2plus2-significance", "pyq-2019-contemporary"}
    for qid, (before, after) in per.items():
        n = result.questions.count(qid)
        assert before.n == after.n == n
    data = result.to_dict()
    assert set(data["per_question"]) == set(per)
    after = per["pyq-2019-contemporary"][1].to_dict()
    assert data["per_question"]["pyq-2019-contemporary"]["after"]["qwk"] == after["qwk"]
    tuned = {(q.id, d.id): d.weight for q in result.rubric.questions for d in q.dimensions}
    assert data["dimension_weights"] and all(
        abs(tuned[(c["question"], c["dimension"])] - c["after"]) < 1e-3
        and c["before"] != c["after"]
        for c in data["dimension_weights"]
    )


def test_cli_malformed_csv_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,answer,mark\n1,fine,3\n2,also fine,x\n", encoding="utf-8")
    done = CliRunner().invoke(main, ["rubric", "tune", "india-japan", "--graded", str(bad)])
    assert done.exit_code == 2
    # the bad row is reported and skipped; the one left has no question, which stops the run
    assert f"skipped {bad}:3: mark 'x' is not a number" in done.stderr
    assert f"{bad}:2: no question for the answer (row 2, id 1)" in done.stderr
    assert "Traceback" not in done.output
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    done = CliRunner().invoke(main, ["rubric", "tune", "india-japan", "--graded", str(binary)])
    assert done.exit_code == 2 and "binary" in done.stderr


def test_an_ungradable_answer_is_named_by_line(india_japan: LoadedRubric) -> None:
    rows = read_graded_csv("id,answer,mark\na,ok,1\nb,bad\x00bytes,1\nc,fine,2\n", name="g.csv")
    with pytest.raises(TuningError) as caught:
        tune_rubric(
            india_japan, rows, question_id="2plus2-significance", folds=3, source_name="g.csv"
        )
    assert caught.value.message.startswith("g.csv:3: the answer contains NUL bytes")
    assert caught.value.message.endswith("(row 3, id b)")


def test_file_column_is_never_read_from_uploaded_text() -> None:
    with pytest.raises(TuningError, match="only read from a CSV file on disk"):
        read_graded_csv("id,file,mark\n1,/etc/passwd,3\n")


def test_cli_bad_rows_are_reported_and_skipped_and_the_rest_is_tuned(tmp_path: Path) -> None:
    """As batch does with error rows: one line per bad row, then the run goes on."""
    import csv

    answers = tmp_path / "answers"
    answers.mkdir()
    (answers / "good.txt").write_text(
        "India and Japan hold a 2+2 dialogue of foreign and defence ministers.", encoding="utf-8"
    )
    mixed = tmp_path / "mixed.csv"
    with GRADED.open(encoding="utf-8", newline="") as handle:
        graded = list(csv.DictReader(handle))
    with mixed.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "question", "answer", "mark", "file"])
        for row in graded:
            writer.writerow([row["id"], row["question"], row["answer"], row["mark"], ""])
        question = graded[0]["question"]
        writer.writerow(["x1", question, "an answer", "seven", ""])
        writer.writerow(["x2", question, "", "3", "answers/missing.txt"])
        writer.writerow(["x3", question, "", "3", "answers/good.txt"])
        writer.writerow(["x4", "no-such-question", "an answer", "3", ""])
    args = ["rubric", "tune", "india-japan", "--graded", str(mixed), "--question", question,
            "--folds", "3", "--no-learn", "--json"]  # fmt: skip
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 0, done.output
    lines = mixed.read_text(encoding="utf-8").count("\n")  # the bad rows are the last but two
    assert f"skipped {mixed}:{lines - 3}: mark 'seven' is not a number" in done.stderr
    assert f"{mixed}:{lines - 2}: answer file 'answers/missing.txt': no such file" in done.stderr
    assert "2 bad rows skipped" in done.stderr  # x4 has another question: filtered, not bad
    data = json.loads(done.stdout)
    assert "x3" in [a["id"] for a in data["answers"]]  # read from its file, as batch reads it
    assert len(data["skipped"]) == 2


def test_a_skipped_list_collects_bad_rows_instead_of_stopping() -> None:
    from evaluator.tools.graded import SkippedRow, parse_graded_text

    text = "id,answer,mark\n1,fine,3\n2,also fine,x\n1,again,2\n3,bin\x00ary,2\n4,good,4\n"
    with pytest.raises(TuningError, match=r"g\.csv:3: mark 'x' is not a number"):
        parse_graded_text(text, name="g.csv")
    skipped: list[SkippedRow] = []
    rows = parse_graded_text(text, name="g.csv", skipped=skipped)
    assert [r.id for r in rows] == ["1", "4"]
    assert [s.line for s in skipped] == [3, 4, 5]
    assert "id '1' is used again" in skipped[1].message
    # an answer grading would refuse
    assert skipped[2].message.startswith("g.csv:5: the answer contains NUL bytes")
    assert skipped[2].message.endswith("(row 5, id 3)")


def test_a_jsonl_graded_set_is_read_as_batch_reads_it(tmp_path: Path) -> None:
    """The one dialect across tools: what batch accepts, JSON lines included."""
    from evaluator.tools.graded import SkippedRow

    (tmp_path / "a3.txt").write_text("Japan and India hold a 2+2 dialogue.", encoding="utf-8")
    lines = [
        '{"id": "a1", "answer": "The Quad has four members.", "mark": 4}',
        '{"id": 2, "answer": "CEPA came into force in 2011.", "mark": "6.5"}',
        '{"id": "a3", "file": "a3.txt", "mark": 3, "question": "defence-cooperation"}',
        "",
        "[1, 2]",
        '{"id": "a5", "answer": "broken',
        '{"id": "a6", "answer": "", "mark": 2}',
        '{"id": "a7", "answer": "no mark"}',
        '{"id": "a8", "answer": ["not", "text"], "mark": 1}',
        '{"id": "a9", "answer": "lone \\ud800 surrogate", "mark": 1}',
        "[" * 100_000 + "]" * 100_000,
    ]
    graded = tmp_path / "marks.jsonl"
    graded.write_text("\n".join(lines) + "\n", encoding="utf-8")
    skipped: list[SkippedRow] = []
    rows = read_graded_csv(graded, skipped=skipped)
    assert [(r.id, r.mark) for r in rows] == [
        ("a1", 4.0), ("2", 6.5), ("a3", 3.0), ("a6", 2.0), ("a9", 1.0),
    ]  # fmt: skip
    assert rows[2].text.startswith("Japan and India") and rows[2].question == "defence-cooperation"
    assert rows[3].text == ""  # an empty answer the tutor marked: batch grades it 0
    assert "\ud800" not in rows[4].text
    reasons = {s.line: s.message for s in skipped}
    assert reasons[5].endswith(":5: not a JSON object")
    assert ":6: broken JSON" in reasons[6]
    assert 7 not in reasons and "the mark is empty" in reasons[8]
    assert "'answer' must be text" in reasons[9]
    assert "JSON nested too deeply" in reasons[11]
    # without a skipped list the first bad row is one message naming the file and line
    with pytest.raises(TuningError, match=r"marks\.jsonl:5: not a JSON object"):
        read_graded_csv(graded)


def test_an_empty_answer_is_a_blank_answer_as_in_batch() -> None:
    """Batch grades an empty answer cell 0 (advisory 'empty'); the tutor's mark for it counts."""
    from evaluator.tools.graded import SkippedRow, parse_graded_text

    skipped: list[SkippedRow] = []
    rows = parse_graded_text(
        "id,answer,mark\n1,fine,3\n2,,0\n3, ,1\n", name="g.csv", skipped=skipped
    )
    assert [(r.id, r.text, r.mark) for r in rows] == [("1", "fine", 3), ("2", "", 0), ("3", "", 1)]
    assert skipped == []


def test_a_file_cell_naming_a_device_or_a_pipe_is_a_bad_row_not_a_hang(tmp_path: Path) -> None:
    """/dev/zero was read until the kernel killed the process (23 GB); a pipe blocked forever."""
    import os

    from evaluator.tools.graded import SkippedRow

    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    (tmp_path / "big.txt").write_bytes(b"a " * 60_000)
    (tmp_path / "ok.txt").write_text("Japan and India hold a 2+2 dialogue.", encoding="utf-8")
    graded = tmp_path / "marks.csv"
    graded.write_text(
        "id,file,mark\n1,ok.txt,3\n2,/dev/zero,1\n3,pipe.txt,2\n4,big.txt,2\n5,.,1\n",
        encoding="utf-8",
    )
    skipped: list[SkippedRow] = []
    rows = read_graded_csv(graded, skipped=skipped)
    assert [r.id for r in rows] == ["1"]
    reasons = {s.line: s.message for s in skipped}
    assert "'/dev/zero': not a regular file" in reasons[3]
    assert "'pipe.txt': not a regular file" in reasons[4]
    assert "'big.txt': file is 120,000 bytes; the limit is 100,000 bytes" in reasons[5]
    assert "'.': is a directory" in reasons[6]
    with pytest.raises(TuningError, match="not a regular file"):
        read_graded_csv(pipe)  # the graded set itself


def test_one_half_mark_among_whole_ones_is_pointed_out(tmp_path: Path) -> None:
    """A tutor trial: a single 2.5 among whole marks set the step to 0.5 and exact agreement
    of the untuned draft fell from 0.42 to 0.14, with no word of why."""
    with GRADED.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    odd = next(r for r in rows if r["question"] == "pyq-2019-contemporary")
    for row in rows:
        row["mark"] = "2.5" if row is odd else str(int(float(row["mark"])))
    whole = tmp_path / "whole.csv"
    with whole.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    args = ["rubric", "tune", "india-japan", "--graded", str(whole), "--question",
            "pyq-2019-contemporary", "--folds", "4", "--no-learn"]  # fmt: skip
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 0, done.output
    assert "marks step 0.5" in done.stdout
    assert "note: only 1 of " in done.stderr and odd["id"] in done.stderr


def test_too_few_answers_per_fold_are_pointed_out(tmp_path: Path) -> None:
    """A tutor trial: 5 answers in 5 folds printed a full agreement table (QWK 0.000) with no
    word that one held-out answer per fold measures nothing."""
    with GRADED.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["question"] == "pyq-2019-contemporary"]
    few = tmp_path / "few.csv"
    with few.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows[:8])
    args = ["rubric", "tune", "india-japan", "--graded", str(few), "--folds", "2", "--no-learn"]
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 0, done.output
    assert "8 graded answers in 2 folds leave under 5 answers per held-out fold" in done.stderr
    # the intervals are said to be rough on so few answers (trial 31b: a tight interval sat under
    # the verdict that the numbers mean little)
    assert "With 8 answers the intervals are rough too" in done.stdout


def test_tuning_one_question_says_what_it_changed_for_the_others(
    india_japan: LoadedRubric, graded: list[GradedAnswer]
) -> None:
    """Trial 25c: `rubric tune -q q10` moved the rubric-wide ceiling and curve, and every answer
    to the other question with them, without a word."""
    one = [row for row in graded if row.question == "pyq-2019-contemporary"]
    result = tune_rubric(india_japan, one, question_id="pyq-2019-contemporary", learn=False)
    before, after = india_japan.rubric.scoring, result.rubric.scoring
    assert (before.ceiling, before.curve) != (after.ceiling, after.curve)
    [spill] = [line for line in result.verdict() if line.startswith("The marks cover")]
    # web trial 27b: "tuning changed for the rubric's other questions ... too" read garbled
    assert spill.startswith(
        "The marks cover only pyq-2019-contemporary, but tuning also changed what the rubric's "
        "other questions (2plus2-significance"
    )
    assert f"scoring.ceiling {before.ceiling:g} -> {after.ceiling:.3g}" in spill
    assert "2plus2-significance" in spill and "`rubric diff" in spill
    assert spill in result.to_dict()["verdict"]


def test_a_mixed_result_against_the_bag_of_words_is_called_mixed(result: TuningResult) -> None:
    """A tutor trial: the bag of words had the lowest RMSE and a lower QWK, and the web page
    said tuning did 'at least as well as the bag-of-words model'. Neither is simply better."""
    from dataclasses import replace

    after = result.after
    mixed = replace(after, qwk=after.qwk - 0.05, rmse=after.rmse - 0.2)
    report = replace(result, baseline=mixed)
    assert report.mixed_against_baseline and report.beats_baseline is False
    verdict = " ".join(report.verdict())
    assert "the result is mixed" in verdict and "LESS well" not in verdict
    worse = replace(result, baseline=replace(after, qwk=after.qwk + 0.05, rmse=after.rmse - 0.2))
    assert not worse.mixed_against_baseline and "LESS well" in " ".join(worse.verdict())


def test_tuning_says_when_it_learned_no_phrase(result: TuningResult) -> None:
    """The same trial: `learned: []` in the JSON, and no line said nothing was learned."""
    from dataclasses import replace

    silent = replace(result, learned=[], learning=True)
    assert any(line.startswith("No phrases were learned") for line in silent.verdict())
    # asked not to learn (--no-learn), it says nothing of it
    assert not any("No phrases" in line for line in replace(silent, learning=False).verdict())


def test_a_gain_within_the_noise_of_the_graded_answers_is_said_to_be(
    india_japan: LoadedRubric, graded: list[GradedAnswer]
) -> None:
    """D18: a tutor reading "QWK 0.923 -> 0.926" on 22 answers cannot tell a gain from luck.
    Tuning one question's answers alone gains a few thousandths, and the interval over
    resamples of the answers says that is noise; the pooled set's larger gain is not."""
    one = [row for row in graded if row.question == "2plus2-significance"]
    result = tune_rubric(india_japan, one, question_id="2plus2-significance", learn=False)
    assert result.improved and result.gain.low <= 0 < result.gain.high
    said = [line for line in result.verdict() if "within the noise" in line]
    assert len(said) == 1 and said[0].startswith("The gain is within the noise of 22 graded")
    assert f"QWK {result.gain.describe()} with its 95% interval" in said[0]
    assert result.lead is not None and result.lead.clear  # far ahead of the bag of words
    assert "An interval that holds zero is a difference chance could make." in result.noise()


def test_the_noise_line_names_no_interval_holding_zero_when_none_does(
    result: TuningResult,
) -> None:
    """Trial s42: "after minus bag of words -0.067 (-0.143 to -0.003). An interval that holds
    zero is a difference chance could make" — beside a gain whose interval was above zero too."""
    from dataclasses import replace

    report = replace(result, machine_baseline=list(result.human))  # a baseline that is exact
    assert report.gain.low > 0 and report.lead is not None and report.lead.high < 0
    assert "No interval holds zero" in report.noise()
    assert "An interval that holds zero" not in report.noise()


def test_rows_of_other_questions_left_out_are_said(
    india_japan: LoadedRubric, graded: list[GradedAnswer]
) -> None:
    """Trial s42: a file of two questions' answers, tuned with one question chosen, showed
    "Agreement with your marks (46 answers)" without a word of the other question's 12."""
    others = Counter(row.question for row in graded if row.question != "2plus2-significance")
    assert others
    result = tune_rubric(india_japan, graded, question_id="2plus2-significance", learn=False)
    assert result.left_out == dict(others)
    (line,) = [line for line in result.verdict() if "mark answers to other questions" in line]
    assert line.startswith(f"{sum(others.values())} rows of the file mark answers to other")
    assert all(f"{q} ({n})" in line for q, n in others.items())
    # all questions tuned together leave none out, and say nothing
    together = tune_rubric(india_japan, graded, learn=False)
    assert not together.left_out and not [v for v in together.verdict() if "left out" in v]


def test_tuning_a_tuned_rubric_again_says_its_before_is_not_held_out(
    result: TuningResult, graded: list[GradedAnswer], tmp_path: Path
) -> None:
    """Trial s42: after publishing a tuned version, the same sheet tuned again read "before
    0.894" (that version had been fitted on those answers) and was told tuning did worse."""
    assert not [line for line in result.verdict() if "itself tuned from marks" in line]
    out = tmp_path / "tuned" / "rubric.yaml"
    write_tuned_rubric(result, out)
    # a phrase the tuning learned from these marks, as a tuning that learns one writes it
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    data["dimensions"][0]["concepts"].append(
        {
            "id": "learned-annual-summits",
            "label": "annual summits",
            "cues": [["annual summits"]],
            "note": "Learned from 42 graded answers (9 high, 2 low of the 11 using it): with the "
            "rest of the rubric, an answer that writes 'annual summits' earns 0.3 marks.",
        }
    )
    out.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    again = tune_rubric(load_rubric(out), graded, learn=False, baseline=False)
    (line,) = [line for line in again.verdict() if "itself tuned from marks" in line]
    assert f"(version {result.rubric.version})" in line and "not held out" in line


def test_cli_prints_how_sure_the_differences_are() -> None:
    args = ["rubric", "tune", "india-japan", "--graded", str(GRADED), "--no-learn"]
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 0, done.output
    [line] = [ln for ln in done.stdout.splitlines() if ln.startswith("QWK differences")]
    assert "resamples of the 42 answers: after minus before +0." in line
    assert "after minus bag of words +0." in line
    assert "within the noise" not in done.stderr  # the pooled gain's interval is above zero
