"""One answer batched to a compact JSONL file, and that file read back as an older compact
format would have written it: shared by the tests that keep each format's words (test modules do
not import one another)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from evaluator.batch.compact import read_records
from evaluator.batch.compact.header import FORMAT, FORMAT_PREFIX
from evaluator.cli import main


def batch_one(tmp_path: Path, text: str, *options: str) -> tuple[dict[str, Any], Path]:
    """``mains-eval batch`` of one answer (``options``: the rubric and question, e.g.
    ``"-q", "defence-cooperation"``) to a compact file in ``tmp_path``: its record and the file."""
    answers = tmp_path / "answers"
    answers.mkdir()
    (answers / "answer.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["batch", str(answers), *options, "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    (record,) = read_records(str(out))
    return record, out


def read_as_format(path: Path, version: int) -> dict[str, Any]:
    """The one record of the compact file ``path`` (written now), read back as if its header
    named format ``version``: what a file an older engine wrote shows."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    assert header["format"] == FORMAT
    header["format"] = f"{FORMAT_PREFIX}{version}"
    old = path.with_name(f"format-{version}.jsonl")
    old.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n", encoding="utf-8")
    (record,) = read_records(str(old))
    return record
