"""A tutor's trial on notes of our own (tests/data/derive/NAME-notes.txt) and answers with a
strict mentor's marks (NAME-answers.yaml): the trial, the draft `rubric derive` writes for its
question, and how an answer fares against it. Shared by the session-49 trial modules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric, load_rubric
from evaluator.scoring.engine import evaluate
from evaluator.scoring.report import Report

DATA = Path(__file__).parent / "data" / "derive"


def trial(name: str) -> tuple[Path, dict[str, Any], dict[str, dict[str, Any]]]:
    """The trial's notes, its question and marks, and its answers by id."""
    answers = yaml.safe_load((DATA / f"{name}-answers.yaml").read_text(encoding="utf-8"))
    return DATA / f"{name}-notes.txt", answers, {a["id"]: a for a in answers["answers"]}


def drafted(notes: Path, question: dict[str, Any], folder: Path) -> LoadedRubric:
    """The draft `rubric derive` writes from the notes for the trial's question, untouched."""
    from evaluator.tools.derive.core import derive_rubric_file

    out = folder / "rubric.yaml"
    derive_rubric_file(
        notes, out=out, question=question["question"], max_marks=question["max_marks"]
    )
    return load_rubric(out)


def grade(loaded: LoadedRubric, answer: str, nlp: Language) -> Report:
    return evaluate(answer, loaded, loaded.rubric.questions[0].id, nlp=nlp)


def earned(report: Report) -> set[str]:
    return {c.label for c in report.concepts if c.status in ("covered", "partial")}


def status_of(report: Report, label_start: str) -> str:
    """The status of the one point whose label starts with ``label_start``."""
    (concept,) = [c for c in report.concepts if c.label.startswith(label_start)]
    return concept.status
