"""`rubric tune` learning rubric content from a tutor's marks: penalty concepts in the engine,
learned concepts written as readable YAML, and the written rubric giving exactly the marks the
tuner predicted."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from evaluator.batch.compact import build_header, compact_record, read_records
from evaluator.batch.core import BatchResult
from evaluator.batch.outputs import missing_concepts
from evaluator.batch.report import write_answer_pages
from evaluator.cli import main
from evaluator.cli.grade import render_text_report
from evaluator.rubric.loader import LoadedRubric, check_rubric, load_rubric
from evaluator.rubric.model import Rubric
from evaluator.scoring import is_marked_down, is_misconception, is_point_to_add
from evaluator.scoring.engine import evaluate
from evaluator.tools.graded import GradedAnswer, read_graded_csv
from evaluator.tools.tune.core import (
    TuningResult,
    assign_questions,
    score_graded,
    tune_rubric,
    write_tuned_rubric,
)
from evaluator.tools.tune.learn import with_rubric
from webapp.grading import report_summary
from webapp.highlight import highlight_answer

GRADED = Path(__file__).parent / "data" / "graded" / "india-japan.csv"
QUESTION = "pyq-2019-contemporary"
# what this tutor rewards and punishes, and the rubric knows nothing of
REWARDED = " Both sides also launched the Zephyr Corridor for critical minerals."
PUNISHED = " India signed the Moonstone Accord with China against Japan."


def _with_penalty(loaded: LoadedRubric) -> LoadedRubric:
    data = loaded.rubric.model_dump(mode="json", by_alias=True, exclude_none=True)
    dimension = data["questions"][[q["id"] for q in data["questions"]].index(QUESTION)]
    first = dimension["dimensions"][0]["id"]
    for dim in data["dimensions"]:
        if dim["id"] == first:
            dim["concepts"].append(
                {
                    "id": "moonstone-accord",
                    "label": "Moonstone Accord",
                    "weight": 3.0,
                    "cues": [["Moonstone Accord"]],
                    "note": "There is no Moonstone Accord: a misconception.",
                    "penalty": True,
                }
            )
    return with_rubric(loaded, Rubric.model_validate(data))


def test_a_penalty_concept_costs_credit_and_says_so(india_japan: LoadedRubric) -> None:
    answer = next(g for g in read_graded_csv(GRADED) if g.question == QUESTION and g.mark >= 5)
    text = answer.text + PUNISHED
    penalised = evaluate(text, _with_penalty(india_japan), QUESTION)
    plain = evaluate(answer.text, _with_penalty(india_japan), QUESTION)
    concept = next(c for c in penalised.concepts if c.id == "moonstone-accord")
    assert concept.credit == 1.0 and concept.matched == ["Moonstone Accord"]  # traceable span
    first = penalised.dimensions[0]
    assert first.score < next(d for d in plain.dimensions if d.id == first.id).score
    assert penalised.marks < plain.marks
    assert any("misconception and cost marks" in line for line in penalised.feedback.improvements)
    # a penalty is never suggested as a missing point
    assert not any("Moonstone" in line for line in plain.feedback.improvements)
    # every face shows it as a misconception, never as a point earned: the JSON marks it, the
    # terminal lists it apart, the batch CSV never lists it among the missing points
    data = penalised.to_dict()
    assert {c["id"] for c in data["concepts"] if c["penalty"]} == {"moonstone-accord"}
    text = render_text_report(penalised)
    credited = text.split("Concepts credited", 1)[1].split("\n\n", 1)[0]
    assert "Moonstone" not in credited
    assert "Misconceptions (they cost marks)\n  - Moonstone Accord ← Moonstone Accord" in text
    assert "moonstone-accord" not in missing_concepts(plain.to_dict())


@pytest.fixture(scope="module")
def taught() -> list[GradedAnswer]:
    """The tutor's answers to one question, each also with a rewarded and a punished variant."""
    rows = [g for g in read_graded_csv(GRADED) if g.question == QUESTION]
    out = []
    for row in rows:
        out.append(row)
        better = GradedAnswer(
            f"{row.id}-r", row.text + REWARDED, min(10.0, row.mark + 3), QUESTION, row.line
        )
        worse = GradedAnswer(
            f"{row.id}-p", row.text + PUNISHED, max(0.0, row.mark - 3), QUESTION, row.line
        )
        out += [better, worse]
    return out


@pytest.fixture(scope="module")
def learned(india_japan: LoadedRubric, taught: list[GradedAnswer]) -> TuningResult:
    # the essay form's learner (60 answers would also try the linear form, and a mark that
    # follows one phrase is what the linear form fits best: tests/test_tuning_forms.py)
    return tune_rubric(india_japan, taught, question_id=QUESTION, form="rubric")


@pytest.fixture(scope="module")
def tuned(learned: TuningResult, tmp_path_factory: pytest.TempPathFactory) -> LoadedRubric:
    """The tuned rubric as `rubric tune --out` writes it, loaded back."""
    folder = tmp_path_factory.mktemp("tuned")
    return load_rubric(write_tuned_rubric(learned, folder / "rubric.yaml"))


def test_tuning_learns_what_the_tutor_rewards_and_punishes(learned: TuningResult) -> None:
    phrases = {p.key: p for p in learned.learned}
    rewarded = [p for p in learned.learned if p.phrase in REWARDED]
    punished = [p for p in learned.learned if p.phrase in PUNISHED]
    assert rewarded and not any(p.penalty for p in rewarded), phrases
    assert punished and all(p.penalty for p in punished), phrases
    assert learned.after.rmse < learned.before.rmse
    assert learned.improved
    new = [c for c in learned.concepts if c.learned]
    assert {c.penalty for c in new} == {True, False}


def test_learned_concepts_are_readable_and_give_exactly_the_predicted_marks(
    india_japan: LoadedRubric, taught: list[GradedAnswer], learned: TuningResult, tmp_path: Path
) -> None:
    out = write_tuned_rubric(learned, tmp_path / "tuned" / "rubric.yaml")
    assert check_rubric(out) == []
    text = out.read_text(encoding="utf-8")
    assert "penalty: true" in text and "Learned from 60 graded answers" in text
    rescored = score_graded(load_rubric(out), assign_questions(india_japan, taught, QUESTION))
    predicted = learned.estimator.predict(learned.features)
    assert [r.marks for r in rescored] == pytest.approx(list(predicted))
    # and a new answer: the rewarded point earns marks, the misconception costs them
    base = taught[0].text
    tuned = load_rubric(out)
    marks = {
        name: evaluate(base + extra, tuned, QUESTION).marks
        for name, extra in (("plain", ""), ("rewarded", REWARDED), ("punished", PUNISHED))
    }
    assert marks["rewarded"] > marks["plain"] > marks["punished"], marks


def test_a_learned_penalty_is_shown_as_words_of_low_marked_answers_not_a_misconception(
    tuned: LoadedRubric, taught: list[GradedAnswer], tmp_path: Path
) -> None:
    """A phrase the tutor's marks punished costs marks on every face, but no face calls it a
    misconception (it may well be true: answers were marked low for what they left out); the
    rubric's own misconceptions still are (the test above). Compact batch files carry it."""
    report = evaluate(taught[0].text + PUNISHED, tuned, QUESTION)
    costs = [c for c in report.concepts if c.penalty and c.credit > 0]
    assert costs and all(c.learned for c in costs)
    labels = {c.label for c in costs}
    data = report.to_dict()
    assert [c["label"] for c in data["concepts"] if is_marked_down(c)] == [c.label for c in costs]
    assert not any(is_misconception(c) for c in data["concepts"])
    text = render_text_report(report)
    assert "Misconceptions" not in text
    listed = text.split("Like answers the tutor marked low", 1)[1].split("\n\n", 1)[0]
    assert all(f"- {label} ←" in listed for label in labels)
    assert not any("misconception" in line for line in report.feedback.improvements)
    # the web result page: a claim list entry and a highlight, neither called a misconception
    summary = report_summary(data)
    flagged = {c["label"]: c["status"] for c in summary["flagged"]}
    assert {flagged[label] for label in labels} == {"marked-down"}
    marked = str(highlight_answer(taught[0].text + PUNISHED, data))
    assert "hl-marked-down" in marked and "hl-misconception" not in marked
    # the batch HTML answer page, from a compact file that expands to exactly this report
    result = BatchResult(0, "p1", "t", QUESTION, data)
    header = build_header(tuned, data)
    record = compact_record(result, header)
    assert "graded" in record  # compact, not the full report as a fallback
    results = tmp_path / "results.jsonl"
    results.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in (header, record)),
        encoding="utf-8",
    )
    assert next(iter(read_records(str(results))))["report"]["concepts"] == data["concepts"]
    write_answer_pages(str(results), str(tmp_path / "pages"))
    page = (tmp_path / "pages" / "r1.html").read_text(encoding="utf-8")
    assert "Misconceptions" not in page
    low = page.split("Like answers the tutor marked low", 1)[1].split("</ul>", 1)[0]
    assert all(html.escape(label) in low for label in labels)


def test_a_learned_point_is_never_named_as_missing(
    tuned: LoadedRubric, taught: list[GradedAnswer]
) -> None:
    """A phrase learned from marks earns marks where an answer writes it, but no face tells an
    answer without it that it is missing ('add Zephyr Corridor' would teach keyword insertion,
    and a graded answer kept as an example is another student's text)."""
    new = {c.id for _, c in tuned.rubric.concepts() if c.learned and not c.penalty}
    assert new
    data = evaluate(taught[0].text, tuned, QUESTION).to_dict()
    absent = [c for c in data["concepts"] if c["id"] in new and c["status"] == "missing"]
    assert absent and not any(is_point_to_add(c) for c in absent)
    assert not new & set(missing_concepts(data))  # the batch CSV's missing column
    assert not new & {c["id"] for c in report_summary(data)["missing"]}  # the web page
    rewarded = evaluate(taught[0].text + REWARDED, tuned, QUESTION).to_dict()
    earned = [c for c in rewarded["concepts"] if c["id"] in new and c["credit"] > 0]
    assert earned and all(c["matched"] for c in earned)  # still earns marks, with its span


def test_cli_does_not_write_a_rubric_that_is_not_better(tmp_path: Path) -> None:
    rows = read_graded_csv(GRADED)
    # marks that have nothing to do with the answers: tuning cannot help
    noise = tmp_path / "noise.csv"
    lines = ["id,question,answer,mark"]
    for i, row in enumerate(r for r in rows if r.question == QUESTION):
        mark = [7, 1, 4, 9, 2][i % 5]
        lines.append(f'{row.id},{QUESTION},"{row.text.replace(chr(34), chr(39))}",{mark}')
    noise.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "tuned.yaml"
    args = ["rubric", "tune", "india-japan", "--graded", str(noise), "--out", str(out)]
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 0, done.output
    # trial 38: the verdict addresses the tutor who runs it, as the web page does ("your marks")
    assert "does NOT agree better with your marks" in done.stderr
    assert "with the tutor" not in done.stderr
    assert "nothing written" in done.stderr and not out.exists()
    assert "bag of words" in done.stdout
    forced = CliRunner().invoke(main, [*args, "--force"])
    assert forced.exit_code == 0 and out.exists()


def test_an_audit_failure_after_tuning_is_blamed_on_the_attack_that_fails(
    india_japan: LoadedRubric,
) -> None:
    """A tutor was told an attack was "already failing before tuning" when another attack had
    failed then and this one had earned 8%: the cause now compares the same attack."""
    from evaluator.tools.tune.core import audit_tuned

    rows = [g for g in read_graded_csv(GRADED) if g.question == QUESTION]
    result = tune_rubric(india_japan, rows, question_id=QUESTION, folds=4, learn=False)
    data = result.rubric.model_dump(mode="json", exclude_none=True)
    for question in data["questions"]:
        if question["id"] == QUESTION:  # every answer at full marks: a lenient mapping
            question["intercept"] = float(question["max_marks"])
    lenient = with_rubric(india_japan, Rubric.model_validate(data))
    (line,) = audit_tuned(result, lenient)
    assert f"audit {QUESTION}: FAIL" in line, line
    assert "before tuning: caused by tuning" in line and "before tuning too" not in line, line
    # the same failure before and after is not blamed on tuning
    result.source = lenient
    (again,) = audit_tuned(result, lenient)
    assert "before tuning too" in again and "caused by tuning" not in again, again
    # failing before too, but tuning made the attack pay much more: said so (trial 31b: 36% ->
    # 58% was told "it earned 36% before tuning too")
    for question in data["questions"]:
        if question["id"] == QUESTION:
            question["intercept"] = float(question["max_marks"]) / 2
    result.source = with_rubric(india_japan, Rubric.model_validate(data))
    (worse,) = audit_tuned(result, lenient)
    assert "before tuning, which failed too: tuning made it worse" in worse, worse


def test_audit_after_tuning_a_rubric_without_model_answers_uses_the_best_marked_answer(
    india_japan: LoadedRubric,
) -> None:
    from dataclasses import replace

    from evaluator.tools.tune.core import audit_tuned

    bare = replace(india_japan, model_answers={})
    rows = [g for g in read_graded_csv(GRADED) if g.question == QUESTION]
    result = tune_rubric(bare, rows, question_id=QUESTION, folds=4, learn=False, baseline=False)
    tuned = with_rubric(bare, result.rubric)
    lines = audit_tuned(result, tuned)
    # trial 28a: the tutor's best answer and the notes gave two verdicts, and only one was shown;
    # now both, the second the one `rubric audit` gives the written rubric
    assert len(lines) == 2 and not any("skipped" in line for line in lines), lines
    assert all(line.startswith(f"audit {QUESTION}: ") for line in lines)
    assert "on the tutor's best-marked answer" in lines[0]
    assert "on an answer built from the notes, as `rubric audit` runs it" in lines[1]
