"""`rubric diff`: which answers move between two rubric versions, by how much, and why."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from evaluator.cli import main
from evaluator.errors import TuningError
from evaluator.rubric.loader import LoadedRubric, load_rubric
from evaluator.tools.diff import diff_rubrics, format_diff
from evaluator.tools.graded import GradedAnswer, read_answers_source, read_graded_csv

GRADED = Path(__file__).parent / "data" / "graded" / "india-japan.csv"
_BY_ID = {row.id: row.text for row in read_graded_csv(GRADED)}
QUAD = _BY_ID["s07"]  # a thin answer whose Indo-Pacific credit is the Quad
NO_QUAD = _BY_ID["s08"]  # a generic one that does not
OFF_TOPIC = _BY_ID["s12"]  # climate change


@pytest.fixture(scope="module")
def lighter_quad(
    india_japan: LoadedRubric, tmp_path_factory: pytest.TempPathFactory
) -> LoadedRubric:
    """A copy of the bundled rubric where the Quad concept weighs 0.2 instead of 3."""
    folder = tmp_path_factory.mktemp("v2") / "india-japan"
    shutil.copytree(india_japan.folder, folder)
    data = yaml.safe_load((folder / "rubric.yaml").read_text(encoding="utf-8"))
    for dimension in data["dimensions"]:
        for concept in dimension["concepts"]:
            if concept["id"] == "quad-cooperation":
                concept["weight"] = 0.2
    data["version"] = "9.9.9"
    (folder / "rubric.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return load_rubric(folder / "rubric.yaml")


def _rows() -> list[GradedAnswer]:
    return [
        GradedAnswer("quad", QUAD, float("nan"), None, 2),
        GradedAnswer("loans", NO_QUAD, float("nan"), None, 3),
        GradedAnswer("sport", OFF_TOPIC, float("nan"), None, 4),
    ]


def _edited(loaded: LoadedRubric, folder: Path, change: Callable[[dict], None]) -> LoadedRubric:
    """A copy of the rubric in ``folder`` with ``change`` applied to its YAML data."""
    shutil.copytree(loaded.folder, folder)
    data = yaml.safe_load((folder / "rubric.yaml").read_text(encoding="utf-8"))
    change(data)
    (folder / "rubric.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return load_rubric(folder)


def _question(data: dict, question_id: str = "2plus2-significance") -> dict:
    return next(q for q in data["questions"] if q["id"] == question_id)


def _linear(data: dict) -> None:
    """Marks are the weighted credits (intercept 0): every move is explained by its concepts."""
    _question(data)["intercept"] = 0.0


def test_same_rubric_moves_nothing(india_japan: LoadedRubric) -> None:
    diff = diff_rubrics(india_japan, india_japan, _rows(), question_id="2plus2-significance")
    assert diff.moved == [] and not diff.settings
    assert "0 of 3 answers moved" in format_diff(diff)


def test_a_lighter_concept_moves_the_answers_that_have_it(
    india_japan: LoadedRubric, lighter_quad: LoadedRubric
) -> None:
    diff = diff_rubrics(india_japan, lighter_quad, _rows(), question_id="2plus2-significance")
    by_id = {a.id: a for a in diff.answers}
    assert by_id["quad"].delta < 0
    assert by_id["quad"].causes[0].id == "quad-cooperation"
    assert "weight 3 -> 0.2" in by_id["quad"].causes[0].describe()
    assert by_id["sport"].delta == 0 and by_id["sport"].causes == []
    # the loans answer may move a little (the dimension's saturation grows) but not for the Quad
    assert all(c.id != "quad-cooperation" for c in by_id["loans"].causes)
    report = format_diff(diff)
    assert "quad-cooperation" in report and "9.9.9" in report
    data = json.loads(json.dumps(diff.to_dict()))
    assert data["changes"][0]["id"] == "quad" and data["moved"] == len(diff.moved)


def test_settings_changes_are_reported(india_japan: LoadedRubric, tmp_path: Path) -> None:
    folder = tmp_path / "generous"
    shutil.copytree(india_japan.folder, folder)
    data = yaml.safe_load((folder / "rubric.yaml").read_text(encoding="utf-8"))
    data.setdefault("scoring", {})["ceiling"] = 1.0
    (folder / "rubric.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    diff = diff_rubrics(
        india_japan, load_rubric(folder), _rows(), question_id="2plus2-significance"
    )
    assert diff.settings["ceiling"][1] == 1.0
    assert "scoring.ceiling" in format_diff(diff)


def test_a_relevance_share_change_is_reported(india_japan: LoadedRubric, tmp_path: Path) -> None:
    # the diff once listed the settings by hand and missed this one: a tutor who moved marks
    # from content to relevance saw answers move with no setting named as the cause
    folder = tmp_path / "relevant"
    shutil.copytree(india_japan.folder, folder)
    data = yaml.safe_load((folder / "rubric.yaml").read_text(encoding="utf-8"))
    old = india_japan.rubric.scoring
    data.setdefault("scoring", {}).update(
        relevance_share=round(old.relevance_share + 0.1, 4),
        content_share=round(old.content_share - 0.1, 4),
    )
    (folder / "rubric.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    diff = diff_rubrics(
        india_japan, load_rubric(folder), _rows(), question_id="2plus2-significance"
    )
    assert diff.settings["relevance_share"] == (
        old.relevance_share,
        round(old.relevance_share + 0.1, 4),
    )
    assert "scoring.relevance_share" in format_diff(diff)


def test_a_question_refitted_as_a_linear_form_says_so(
    india_japan: LoadedRubric, tmp_path: Path
) -> None:
    # a linear tune writes an intercept and cut points and adds a dimension to the question;
    # the diff had said nothing of the first two and 'weight None -> 2.098' of the third
    def refit(data: dict) -> None:
        question = _question(data)
        question.update(intercept=0.5, cut_points=[1.5, 3.5, 6])
        assert all(d["id"] != "multilateral" for d in question["dimensions"])
        question["dimensions"].append({"id": "multilateral", "weight": 1.5})
        question["dimensions"] = [d for d in question["dimensions"] if d["id"] != "economic"]

    new = _edited(india_japan, tmp_path / "linear", refit)
    diff = diff_rubrics(india_japan, new, _rows(), question_id="2plus2-significance")
    fields = diff.question_fields["2plus2-significance"]
    assert fields == {"intercept": (None, 0.5), "cut_points": (None, [1.5, 3.5, 6.0])}
    report = format_diff(diff)
    assert "2plus2-significance: intercept (none) -> 0.5" in report
    assert "2plus2-significance: cut points (none) -> 1.5, 3.5, 6" in report
    assert "dimension multilateral added (weight 1.5)" in report
    assert "dimension economic removed (was weight 1)" in report
    assert "None" not in report
    # the model answer is the same file, named relative to each rubric: not a change
    assert "model answer" not in report
    assert json.loads(json.dumps(diff.to_dict()))["question_fields"]["2plus2-significance"][
        "intercept"
    ] == {"old": None, "new": 0.5}


def test_a_move_is_explained_by_what_pushed_it_that_way_first(
    india_japan: LoadedRubric, tmp_path: Path
) -> None:
    # the Quad answer's Quad point weighs less and two of its other points more: it gains, and
    # the gain was explained by the Quad first, a concept that pulled the other way
    new_weights = {"quad-cooperation": 2.0, "two-plus-two-format": 4.0, "ssgp-2014": 4.0}

    def reweigh(data: dict) -> None:
        _linear(data)
        for dimension in data["dimensions"]:
            for concept in dimension["concepts"]:
                concept["weight"] = new_weights.get(concept["id"], concept.get("weight", 1.0))

    old = _edited(india_japan, tmp_path / "old", _linear)
    new = _edited(india_japan, tmp_path / "reweighed", reweigh)
    diff = diff_rubrics(old, new, _rows(), question_id="2plus2-significance")
    quad = next(a for a in diff.answers if a.id == "quad")
    assert quad.delta > 0
    assert {c.id for c in quad.causes} >= set(new_weights)
    assert quad.causes[0].change > 0 and quad.causes[-1].id == "quad-cooperation"
    lines = format_diff(diff).splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("quad "))
    assert lines[at + 1].lstrip().startswith("+ ")
    assert lines[at + 3].lstrip() == "- quad-cooperation: covered (weight 3 -> 2)"


def test_answers_from_a_folder_and_the_cli(
    india_japan: LoadedRubric, lighter_quad: LoadedRubric, tmp_path: Path
) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "a.txt").write_text(QUAD, encoding="utf-8")
    (folder / "b.md").write_text(OFF_TOPIC, encoding="utf-8")
    (folder / "ignored.pdf").write_bytes(b"%PDF")
    assert [r.id for r in read_answers_source(folder)] == ["a", "b"]
    runner = CliRunner()
    done = runner.invoke(
        main,
        [
            "rubric",
            "diff",
            str(india_japan.path),
            str(lighter_quad.path),
            "--answers",
            str(folder),
            "-q",
            "2plus2-significance",
        ],
    )
    assert done.exit_code == 0, done.output
    assert "1 of 2 answers moved" in done.stdout and "quad-cooperation" in done.stdout
    done = runner.invoke(
        main, ["rubric", "diff", "india-japan", "india-japan", "--answers", str(folder)]
    )
    assert done.exit_code == 2 and "pass --question" in done.stderr


def test_bad_answer_sources() -> None:
    with pytest.raises(TuningError, match="no such file or folder"):
        read_answers_source("/no/such/place")


def test_diff_uses_no_marks_and_says_nothing_of_them(
    india_japan: LoadedRubric, lighter_quad: LoadedRubric, tmp_path: Path
) -> None:
    """A graded CSV handed to diff keeps its 'mark' column; a blank or a wrong mark is no bad
    row to a command that never reads marks (it was: 'skipped ...: the mark is empty')."""
    answers = tmp_path / "graded.csv"
    rows = (("quad", QUAD, ""), ("loans", NO_QUAD, "seven"), ("sport", OFF_TOPIC, "4"))
    answers.write_text(
        "id,question,answer,mark\n"
        + "\n".join(f'{key},2plus2-significance,"{text}",{mark}' for key, text, mark in rows)
        + "\n",
        encoding="utf-8",
    )
    command = ["rubric", "diff", str(india_japan.path), str(lighter_quad.path)]
    done = CliRunner().invoke(main, [*command, "--answers", str(answers), "--json"])
    assert done.exit_code == 0, done.output
    assert done.stderr == ""  # no 'skipped', no word of marks
    assert json.loads(done.stdout)["answers"] == 3


def test_cli_json(india_japan: LoadedRubric, lighter_quad: LoadedRubric, tmp_path: Path) -> None:
    answers = tmp_path / "answers.csv"
    answers.write_text(
        "id,question,answer\n"
        + "\n".join(
            f'{key},2plus2-significance,"{text}"'
            for key, text in (("quad", QUAD), ("sport", OFF_TOPIC))
        )
        + "\n",
        encoding="utf-8",
    )
    done = CliRunner().invoke(
        main,
        ["rubric", "diff", "india-japan", str(lighter_quad.path), "--answers", str(answers),
         "--json"],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    assert data["answers"] == 2 and data["moved"] == 1
    assert data["changes"][0]["id"] == "quad" and data["changes"][0]["delta"] < 0


def test_a_penalty_an_answer_writes_pulls_it_down_in_the_diff(
    india_japan: LoadedRubric, tmp_path: Path
) -> None:
    # a tuned rubric's phrases of low-marked answers cost marks; the diff had shown a new one
    # with '+', as if it had raised the answer
    def costly(data: dict) -> None:
        _linear(data)
        indo = next(d for d in data["dimensions"] if d["id"] == "indo-pacific")
        indo["concepts"].append(
            {
                "id": "misconception-quad-talk",
                "label": "Quad talk",
                "weight": 0.5,
                "cues": [["Quad"]],
                "note": "Learned from 40 graded answers (2 high, 9 low of the 11 using it).",
                "penalty": True,
            }
        )

    old = _edited(india_japan, tmp_path / "old", _linear)
    new = _edited(india_japan, tmp_path / "new", costly)
    diff = diff_rubrics(old, new, _rows(), question_id="2plus2-significance")
    quad = next(a for a in diff.answers if a.id == "quad")
    assert quad.delta < 0
    cause = next(c for c in quad.causes if c.id == "misconception-quad-talk")
    assert cause.change < 0 and cause.penalty
    report = format_diff(diff)
    assert "- misconception-quad-talk: new concept, covered (weight 0.5, a penalty)" in report
    assert "concepts: 1 added, 0 removed" in report


def test_a_row_for_a_question_one_rubric_lacks_is_skipped_like_tunes(
    india_japan: LoadedRubric, lighter_quad: LoadedRubric, tmp_path: Path
) -> None:
    """Trial 31b: one row naming an unknown question stopped the whole diff, where tune and
    suggest skip it. It is reported in file order with the others and the rest are compared."""
    answers = tmp_path / "answers.csv"
    answers.write_text(
        "id,question,answer\n"
        f'quad,2plus2-significance,"{QUAD}"\n'
        'odd,no-such-question,"The Finance Commission."\n'
        "short,2plus2-significance\n"
        f'sport,2plus2-significance,"{OFF_TOPIC}"\n',
        encoding="utf-8",
    )
    command = ["rubric", "diff", str(india_japan.path), str(lighter_quad.path)]
    done = CliRunner().invoke(main, [*command, "--answers", str(answers), "--json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["answers"] == 2
    lines = done.stderr.splitlines()
    # in file order, the reader's bad row after the unknown question that comes before it
    assert "question 'no-such-question' is not in both rubrics (row 3, id odd)" in lines[0]
    assert "the header has 3 (row 4, id short)" in lines[1]
    assert lines[-1] == "2 bad rows skipped; the rest were used"
    # nothing left: the error says so, and the count claims no rest was used
    only = tmp_path / "only.csv"
    only.write_text('id,question,answer\nodd,no-such-question,"Text."\n', encoding="utf-8")
    done = CliRunner().invoke(main, [*command, "--answers", str(only)])
    assert done.exit_code == 2
    assert "1 bad row skipped\n" in done.stderr and "the rest were used" not in done.stderr
    assert "no answer to a question of both rubrics" in done.stderr
