"""A calibration set: answers of known quality, each with the band (percent of the question's
maximum) an examiner would give it, graded against a rubric to see whether marks mean what they
should (docs/scoring.md, "Calibration").

The set is a folder with one sub-folder per question id holding ``<kind>.md`` answers, and a
``bands.yaml``::

    model_answer_band: [60, 70]          # optional: the rubric's own model answers are graded too
    questions:
      <question-id>:
        <kind>: {band: [low, high], reason: "why an examiner would give that"}

A question key may also be the question's id in another case, its text or its number (``1``,
``Q1``), as ``grade -q`` reads it; a key that names no question of the rubric is an error listing
its questions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from evaluator.errors import InputError
from evaluator.rubric.loader import LoadedRubric

MODEL_KIND = "model"
"""The kind of a rubric's own model answer in a calibration run."""


@dataclass(frozen=True)
class CalibrationAnswer:
    """One answer of the calibration set with its examiner band."""

    question: str
    kind: str
    """topper, good, average, generic, offquestion, padded, or model (the rubric's model answer)."""
    text: str
    low: float
    """Lowest percent of the maximum an examiner would give."""
    high: float
    """Highest percent of the maximum an examiner would give."""
    reason: str
    path: Path

    @property
    def midpoint(self) -> float:
        """Middle of the band, in percent."""
        return (self.low + self.high) / 2


@dataclass(frozen=True)
class CalibrationResult:
    """A calibration answer with the marks the rubric gave it."""

    answer: CalibrationAnswer
    marks: float
    max_marks: int
    advisories: list[str]

    @property
    def percent(self) -> float:
        """Marks as percent of the maximum."""
        return 100 * self.marks / self.max_marks if self.max_marks else 0.0

    @property
    def in_band(self) -> bool:
        """Whether the marks fall within the examiner's band."""
        return self.answer.low - 1e-9 <= self.percent <= self.answer.high + 1e-9


def read_calibration_set(
    folder: str | Path, loaded: LoadedRubric | None = None
) -> list[CalibrationAnswer]:
    """Every answer of the set, in bands.yaml order; with ``loaded``, the rubric's model answers
    too (when bands.yaml gives ``model_answer_band``). InputError for a missing file or band."""
    import yaml

    folder = Path(folder)
    bands_path = folder / "bands.yaml"
    try:
        data = yaml.safe_load(bands_path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError as exc:
        raise InputError(f"{bands_path}: no such file") from exc
    answers: list[CalibrationAnswer] = []
    for key, kinds in (data.get("questions") or {}).items():
        qid = str(key)
        if loaded is not None:
            from evaluator.rubric.questions import resolve_question

            # a key names its question as -q does: its id (any case), its text or its number;
            # the answers stay in the folder named as the key is written
            qid = resolve_question(loaded.rubric, qid)
        for kind, entry in kinds.items():
            path = folder / str(key) / f"{kind}.md"
            band = entry.get("band") if isinstance(entry, dict) else None
            if not (isinstance(band, list) and len(band) == 2):
                raise InputError(f"{bands_path}: {key}.{kind}: band must be [low, high]")
            if not path.is_file():
                raise InputError(f"{bands_path}: {key}.{kind}: no answer file {path}")
            text = path.read_text(encoding="utf-8")
            answers.append(
                CalibrationAnswer(qid, kind, text, band[0], band[1], entry.get("reason", ""), path)
            )
    model_band = data.get("model_answer_band")
    if loaded is not None and model_band:
        for question in loaded.rubric.questions:
            model_text = loaded.model_answers.get(question.id)
            if model_text and question.model_answer:
                answers.append(
                    CalibrationAnswer(
                        question.id,
                        MODEL_KIND,
                        model_text,
                        model_band[0],
                        model_band[1],
                        "the rubric's own model answer: a topper's answer",
                        loaded.folder / question.model_answer,
                    )
                )
    return answers


def grade_calibration_set(
    loaded: LoadedRubric, answers: Iterable[CalibrationAnswer]
) -> list[CalibrationResult]:
    """Grade every answer against its question (named by its id, text or number, as
    :func:`~evaluator.rubric.questions.resolve_question` reads it)."""
    from evaluator.rubric.questions import resolve_question
    from evaluator.scoring import evaluate

    results = []
    for answer in answers:
        report = evaluate(answer.text, loaded, resolve_question(loaded.rubric, answer.question))
        results.append(
            CalibrationResult(answer, report.marks, report.max_marks, report.advisory_codes())
        )
    return results
