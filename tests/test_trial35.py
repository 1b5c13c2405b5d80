"""Session 35: what probe s35, the batch trial and the left-overs of session 34 found, as a
learner would meet it. The sentences are our own."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from click.testing import CliRunner
from probe_support import probe_report as _report
from spacy.language import Language

from evaluator.batch.compact import build_header, compact_record, expand_records
from evaluator.batch.core import grade_items
from evaluator.batch.inputs import BatchItem
from evaluator.cli import main
from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate


def test_a_phrase_two_aliases_find_is_evidence_once(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # 'bullet train' and 'bullet-train' are both aliases of the point; the answer wrote it once
    report = _report(
        india_japan,
        nlp,
        "japan-development-partner",
        "Japan funds the Mumbai-Ahmedabad bullet train.",
    )
    point = next(c for c in report.concepts if c.id == "bullet-train")
    assert point.status == "covered"
    assert [e.text for e in point.evidence] == ["bullet train"]
    assert point.matched == ["bullet train"]


JAPANESE = (
    "日本とインドの関係は長い歴史を持っています。二国間の2+2対話は2019年に始まりました。"
    "両国はインド太平洋地域の平和と安定のために協力しています。"
)


def test_an_answer_in_japanese_is_told_its_gap_is_the_language(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    report = evaluate(JAPANESE, india_japan, "2plus2-significance", nlp=nlp)
    assert report.feedback.next_steps[0].text.startswith("Write the answer in English")
    assert "biggest gap is the language it is written in" in report.feedback.comment
    assert "its length" not in report.feedback.comment
    # a batch file (compact records) rebuilds the same comment
    result = grade_items([BatchItem(0, "ja", "t", "2plus2-significance", JAPANESE)], india_japan)
    header = build_header(india_japan, result[0].report or {})
    (expanded,) = expand_records([header, compact_record(result[0], header)])
    assert expanded["report"]["feedback"]["comment"] == report.feedback.comment


NOTES = (
    "# Rivers of the north\n\nThe Ganga rises at Gangotri in Uttarakhand. The Yamuna joins it at "
    "Prayagraj. Floods on the Kosi affect Bihar almost every year.\n"
)


def test_a_rubric_is_never_written_over_a_device_or_a_pipe(tmp_path: Path) -> None:
    # `derive --out /dev/full --force` had replaced the device with a regular file (and put a
    # fingerprint beside it in /dev); a pipe or a device is refused before any work
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    done = CliRunner().invoke(main, ["rubric", "derive", str(notes), "--out", str(pipe), "--force"])
    assert done.exit_code == 2
    assert "is not a regular file" in done.stderr and "Traceback" not in done.output
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.md", "pipe"]


def test_a_draft_written_to_a_link_lands_where_it_points(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "rivers.yaml"
    real.write_text("old draft\n", encoding="utf-8")
    link = tmp_path / "rivers.yaml"
    link.symlink_to(real)
    done = CliRunner().invoke(main, ["rubric", "derive", str(notes), "--out", str(link), "--force"])
    assert done.exit_code == 0, done.output
    assert link.is_symlink() and link.resolve() == real.resolve()  # the link is kept
    assert real.read_text(encoding="utf-8").startswith("# Draft rubric")
    # the fingerprint goes beside the draft, and the draft loads from either path
    assert (shared / "rivers-fingerprint.txt").is_file()
    assert not (tmp_path / "rivers-fingerprint.txt").exists()
    for path in (real, link):
        assert CliRunner().invoke(main, ["rubric", "check", str(path)]).exit_code == 0
