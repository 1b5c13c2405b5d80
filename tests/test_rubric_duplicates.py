"""Two rubric folders with the same id: the first by folder name is served, the other is named
with the fix (the library's list, `mains-eval rubric list`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from evaluator.cli import main
from evaluator.rubric import available_rubrics, default_rubrics_dir, duplicate_rubrics


@pytest.fixture
def twin_rubrics(tmp_path: Path, data_dir: Path) -> Path:
    """A rubrics folder holding two copies of the batch test rubric (id `batch-test`); the copy
    that sorts last is written first, so the order of creation does not decide."""
    root = tmp_path / "rubrics"
    for name in ("batch-tuned", "batch"):
        shutil.copytree(data_dir / "batch" / "rubric", root / name)
    return root


def test_the_first_folder_by_name_is_served_and_the_other_named(twin_rubrics: Path) -> None:
    assert available_rubrics(twin_rubrics) == {"batch-test": twin_rubrics / "batch/rubric.yaml"}
    [duplicate] = duplicate_rubrics(twin_rubrics)
    assert duplicate.rubric_id == "batch-test"
    assert duplicate.folder == twin_rubrics / "batch-tuned"
    assert duplicate.served_folder == twin_rubrics / "batch"
    assert duplicate.suggested_id == "batch-tuned"
    assert duplicate.message == (
        f"{twin_rubrics / 'batch-tuned'} is ignored: its rubric id 'batch-test' is taken by "
        f"{twin_rubrics / 'batch'}, which is served instead; to serve both, give the copy its "
        f"own `id:` in {twin_rubrics / 'batch-tuned' / 'rubric.yaml'} (e.g. `id: batch-tuned`)"
    )


def test_no_id_is_suggested_that_another_folder_has(twin_rubrics: Path, data_dir: Path) -> None:
    # the copy's folder is named like the id of a third rubric: suggesting it would clash again
    shutil.copytree(data_dir / "rubrics" / "mini", twin_rubrics / "mini")
    (twin_rubrics / "batch-tuned").rename(twin_rubrics / "zz")
    (twin_rubrics / "mini" / "rubric.yaml").write_text(
        (twin_rubrics / "mini" / "rubric.yaml")
        .read_text(encoding="utf-8")
        .replace("id: mini\n", "id: zz\n", 1),
        encoding="utf-8",
    )
    [duplicate] = duplicate_rubrics(twin_rubrics)
    assert duplicate.folder.name == "zz" and duplicate.suggested_id is None
    assert "(e.g." not in duplicate.message


def test_the_bundled_rubrics_have_no_duplicate_ids() -> None:
    assert duplicate_rubrics(default_rubrics_dir()) == []


def test_rubric_list_names_the_ignored_folder_the_served_one_and_the_fix(
    twin_rubrics: Path,
) -> None:
    result = CliRunner().invoke(
        main, ["rubric", "list"], env={"MAINS_EVAL_RUBRICS": str(twin_rubrics)}
    )
    assert result.exit_code == 0, result.output
    # stdout stays the id<TAB>file listing scripts read
    assert result.stdout == f"batch-test\t{twin_rubrics / 'batch' / 'rubric.yaml'}\n"
    [warning] = result.stderr.splitlines()
    assert warning.startswith(f"mains-eval: warning: {twin_rubrics / 'batch-tuned'} is ignored")
    assert f"taken by {twin_rubrics / 'batch'}, which is served instead" in warning
    assert "'batch-test'" in warning and "`id: batch-tuned`" in warning
