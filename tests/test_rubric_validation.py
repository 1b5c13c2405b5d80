"""`rubric check`: one test per class of problem, each reported as file:line: key.path: message."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from evaluator.errors import RubricError, RubricNotFoundError
from evaluator.rubric.loader import check_rubric, load_rubric, resolve_rubric


@pytest.fixture
def rubric_dir(tmp_path, data_dir) -> Path:
    """A writable copy of the mini rubric."""
    target = tmp_path / "mini"
    shutil.copytree(data_dir / "rubrics" / "mini", target)
    return target


def edit(rubric_dir: Path, change) -> list[str]:
    path = rubric_dir / "rubric.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return [str(p) for p in check_rubric(path)]


def only(problems: list[str]) -> str:
    assert len(problems) == 1, problems
    return problems[0]


def test_valid_rubric_has_no_problems(rubric_dir):
    assert check_rubric(rubric_dir) == []


def test_unknown_key(rubric_dir):
    problem = only(edit(rubric_dir, lambda d: d["dimensions"][0].update(wieght=2)))
    assert "dimensions.0.wieght" in problem
    assert "Extra inputs are not permitted" in problem
    assert "hint: remove the key or fix its spelling" in problem


def test_wrong_type(rubric_dir):
    problem = only(edit(rubric_dir, lambda d: d["questions"][0].update(max_marks="ten")))
    assert "questions.0.max_marks" in problem
    assert "hint: write a whole number" in problem


def test_duplicate_concept_ids(rubric_dir):
    def dup(d):
        d["dimensions"][1]["concepts"][0]["id"] = "malabar"
        d["facts"] = []

    problem = only(edit(rubric_dir, dup))
    assert "dimensions.1.concepts.0.id" in problem
    assert "duplicate concept id 'malabar'" in problem


def test_empty_cue_list(rubric_dir):
    problem = only(edit(rubric_dir, lambda d: d["dimensions"][0]["concepts"][0].update(cues=[[]])))
    assert "dimensions.0.concepts.0.cues.0" in problem
    assert "hint: add at least one item" in problem


def test_empty_cue_term(rubric_dir):
    problem = only(
        edit(rubric_dir, lambda d: d["dimensions"][0]["concepts"][0].update(cues=[["  "]]))
    )
    assert "dimensions.0.concepts.0.cues.0.0" in problem


def test_needs_first_group_wants_three_cue_groups(rubric_dir):
    def two_groups(d):
        d["dimensions"][0]["concepts"][0].update(cues=[["Malabar"], ["exercise"]])
        d["dimensions"][0]["concepts"][0]["needs_first_group"] = True

    problem = only(edit(rubric_dir, two_groups))
    assert "dimensions.0.concepts.0" in problem
    assert "needs_first_group applies to credit: groups concepts of three or more" in problem


def test_a_window_is_for_cue_group_concepts(rubric_dir):
    def proportional(d):
        d["dimensions"][0]["concepts"][0].update(credit="proportional", window=1)

    problem = only(edit(rubric_dir, proportional))
    assert "window applies to credit: groups concepts only" in problem
    problem = only(edit(rubric_dir, lambda d: d["dimensions"][0]["concepts"][0].update(window=0)))
    assert "dimensions.0.concepts.0.window" in problem


def test_question_names_a_dimension_that_does_not_exist(rubric_dir):
    problem = only(edit(rubric_dir, lambda d: d["questions"][0]["dimensions"].append({"id": "x"})))
    assert "questions.0.dimensions.2.id" in problem
    assert "dimension 'x', which does not exist" in problem
    assert "hint: dimensions: defence, economy" in problem


def test_fact_names_a_concept_that_does_not_exist(rubric_dir):
    problem = only(edit(rubric_dir, lambda d: d["facts"][0].update(concept="nope")))
    assert "facts.0.concept" in problem
    assert "concept 'nope', which does not exist" in problem


def test_superlative_is_for_ordinal_facts(rubric_dir):
    problem = only(edit(rubric_dir, lambda d: d["facts"][0]["expected"].update(superlative=True)))
    assert "superlative applies to ordinal facts only" in problem


def test_question_without_dimensions(rubric_dir):
    problem = only(edit(rubric_dir, lambda d: d["questions"][0].update(dimensions=[])))
    assert "questions.0.dimensions" in problem


def test_zero_and_negative_weights(rubric_dir):
    def weights(d):
        d["dimensions"][0]["weight"] = 0
        d["dimensions"][0]["concepts"][0]["weight"] = -1

    problems = edit(rubric_dir, weights)
    assert len(problems) == 2
    assert all("hint: use a number above zero" in p for p in problems)


def test_bad_directive_lists_allowed_values(rubric_dir):
    problem = only(edit(rubric_dir, lambda d: d["questions"][0].update(directive="ponder")))
    assert "'discuss'" in problem and "got 'ponder'" in problem


def test_missing_source_notes_file(rubric_dir):
    problem = only(edit(rubric_dir, lambda d: d.update(source_notes="missing.md")))
    assert "source_notes" in problem and "does not exist" in problem


def test_malformed_yaml_reports_the_line(rubric_dir):
    (rubric_dir / "rubric.yaml").write_text("id: x\ntitle: [unclosed\nversion: 1\n")
    problem = only([str(p) for p in check_rubric(rubric_dir)])
    assert "invalid YAML" in problem
    assert "rubric.yaml:" in problem


def test_a_tab_in_the_indentation_is_named_with_its_line_and_column(rubric_dir):
    """Trial 38: `rubric check` on a rubric with one tab-indented line said only "found
    character that cannot start any token (hint: check indentation)"; a tab is invisible, so
    the message says it is a tab, where, and to indent with spaces."""
    path = rubric_dir / "rubric.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("    ") and ":" in line)
    lines[number] = "\t" + lines[number].lstrip(" ")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problem = only([str(p) for p in check_rubric(rubric_dir)])
    assert f"rubric.yaml:{number + 1}:" in problem
    assert f"line {number + 1}, column 1 is a tab" in problem
    assert "indent YAML with spaces" in problem
    # a problem that is no tab keeps the old hint
    path.write_text("id: x\ntitle: [unclosed\nversion: 1\n")
    assert "is a tab" not in only([str(p) for p in check_rubric(rubric_dir)])


def test_not_utf8(rubric_dir):
    (rubric_dir / "rubric.yaml").write_bytes(b"id: caf\xe9\n")
    assert "not UTF-8" in only([str(p) for p in check_rubric(rubric_dir)])


def test_an_oversized_or_unreadable_rubric_file_is_one_problem_without_reading_it(
    rubric_dir, monkeypatch
):
    from evaluator.rubric import loader

    path = rubric_dir / "rubric.yaml"
    monkeypatch.setattr(loader, "MAX_RUBRIC_BYTES", 100)
    problem = only([str(p) for p in loader.parse_rubric_file(path)[1]])
    assert "the limit is 100 bytes" in problem and "split the topic" in problem
    # a path that names a pipe is refused at once (reading it would wait for a writer)
    pipe = rubric_dir / "pipe.yaml"
    os.mkfifo(pipe)
    problem = only([str(p) for p in loader.parse_rubric_file(pipe)[1]])
    assert "not a regular file" in problem


def test_problem_lines_point_at_the_key(rubric_dir):
    problem = only(edit(rubric_dir, lambda d: d["questions"][0].update(max_marks=0)))
    line = int(problem.split(":")[1])
    text = (rubric_dir / "rubric.yaml").read_text().splitlines()
    assert "max_marks" in text[line - 1]


def test_load_raises_rubric_error_with_every_problem(rubric_dir):
    edit(rubric_dir, lambda d: d["questions"][0].update(max_marks=0, word_limit=0))
    with pytest.raises(RubricError) as info:
        load_rubric(rubric_dir)
    assert len(info.value.problems) == 2


def test_unknown_rubric_lists_what_exists():
    with pytest.raises(RubricNotFoundError) as info:
        resolve_rubric("no-such-rubric")
    assert "india-japan" in str(info.value)


def test_rubrics_folder_from_environment(monkeypatch, rubric_dir):
    monkeypatch.setenv("MAINS_EVAL_RUBRICS", str(rubric_dir.parent))
    assert resolve_rubric("mini") == (rubric_dir / "rubric.yaml").resolve()


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "evaluator", *args], capture_output=True, text=True, timeout=120
    )


def test_cli_check_prints_problems_and_exits_1(rubric_dir):
    edit(rubric_dir, lambda d: d["dimensions"][0].update(wieght=2))
    result = run_cli("rubric", "check", str(rubric_dir))
    assert result.returncode == 1
    assert "dimensions.0.wieght: Extra inputs are not permitted" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_check_ok():
    result = run_cli("rubric", "check", "india-japan")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: india-japan")


def test_cli_schema_is_json_schema():
    result = run_cli("rubric", "schema")
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "dimensions" in schema["properties"]
    assert schema["additionalProperties"] is False


def test_every_schema_field_is_documented():
    from evaluator.rubric.model import Rubric

    schema = Rubric.model_json_schema()
    missing = []
    for name, definition in schema.get("$defs", {}).items():
        for field, spec in definition.get("properties", {}).items():
            if not spec.get("description"):
                missing.append(f"{name}.{field}")
    for field, spec in schema["properties"].items():
        if not spec.get("description"):
            missing.append(f"Rubric.{field}")
    assert missing == []


def test_rubric_format_doc_lists_every_field():
    """docs/rubric-format.md carries the generated reference; regenerate with
    `mains-eval rubric schema --markdown` when the models change."""
    from evaluator.rubric.docs import BEGIN, END, rubric_reference_markdown

    doc = (Path(__file__).resolve().parent.parent / "docs" / "rubric-format.md").read_text()
    section = doc[doc.index(BEGIN) : doc.index(END) + len(END)]
    assert section == rubric_reference_markdown()


def test_exported_schema_file_is_current():
    from evaluator.rubric.model import rubric_json_schema

    path = Path(__file__).resolve().parent.parent / "docs" / "rubric.schema.json"
    assert json.loads(path.read_text()) == rubric_json_schema()
