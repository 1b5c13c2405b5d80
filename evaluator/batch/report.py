"""The batch HTML report: one self-contained file (inline CSS and SVG, no scripts, no network).

It is rendered from the JSONL results a batch run streams out, in two passes over that file:
the first gathers the statistics (a few numbers per answer), the second streams the table and
each answer's feedback straight into the output, so thousands of answers fit in little memory.
Every piece of user text goes through Jinja2's autoescaping.
"""

from __future__ import annotations

import io
import json
import os
import statistics
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from evaluator.batch.outputs import UNCREDITED, missing_concepts

TEMPLATES = Path(__file__).resolve().parent / "templates"
TOP_MISSED = 15
"""How many of the most-missed concepts the report lists."""


class _Marks:
    """Mean and median of a list of marks (0 when there are none)."""

    marks: list[float]

    @property
    def mean(self) -> float:
        """Mean marks."""
        return statistics.fmean(self.marks) if self.marks else 0.0

    @property
    def median(self) -> float:
        """Median marks."""
        return statistics.median(self.marks) if self.marks else 0.0


@dataclass
class DimensionStats(_Marks):
    """Marks of one dimension across the graded answers."""

    id: str
    label: str
    marks: list[float] = field(default_factory=list)
    maxima: set[float] = field(default_factory=set)

    @property
    def max(self) -> str:
        """The dimension's maximum, or the range when questions weight it differently."""
        values = sorted(self.maxima)
        if not values:
            return "-"
        return f"{values[0]:g}" if len(values) == 1 else f"{values[0]:g}-{values[-1]:g}"


@dataclass
class QuestionStats(_Marks):
    """Marks of the answers to one question."""

    id: str
    text: str
    max_marks: int
    marks: list[float] = field(default_factory=list)


@dataclass
class ReportStats:
    """Everything the report's summary needs, gathered in one pass."""

    graded: int = 0
    errors: int = 0
    marks: list[float] = field(default_factory=list)
    shares: list[float] = field(default_factory=list)
    maxima: set[int] = field(default_factory=set)
    dimensions: dict[str, DimensionStats] = field(default_factory=dict)
    missed: Counter[str] = field(default_factory=Counter)
    asked: Counter[str] = field(default_factory=Counter)
    """How many graded answers each concept applied to (its dimension was in the question)."""
    concept_labels: dict[str, str] = field(default_factory=dict)
    advisories: Counter[str] = field(default_factory=Counter)
    rubric: dict[str, str] = field(default_factory=dict)
    questions: dict[str, QuestionStats] = field(default_factory=dict)

    def add(self, record: dict[str, Any]) -> None:
        """Count one JSONL result record."""
        report = record.get("report")
        if report is None:
            self.errors += 1
            return
        self.graded += 1
        self.rubric = report["rubric"]
        question = report["question"]
        stats = self.questions.setdefault(
            question["id"], QuestionStats(question["id"], question["text"], report["max_marks"])
        )
        stats.marks.append(report["marks"])
        self.marks.append(report["marks"])
        self.shares.append(report["share"])
        self.maxima.add(report["max_marks"])
        for dim in report["dimensions"]:
            dimension = self.dimensions.setdefault(
                dim["id"], DimensionStats(dim["id"], dim["label"])
            )
            dimension.marks.append(dim["marks"])
            dimension.maxima.add(dim["max"])
        relevant = {d["id"] for d in report["dimensions"]}
        for concept in report["concepts"]:
            if concept["dimension"] in relevant:
                self.asked[concept["id"]] += 1
                self.concept_labels[concept["id"]] = concept["label"]
        self.missed.update(missing_concepts(report))
        self.advisories.update(a["code"] for a in report["advisories"])

    def most_missed(self, top: int = TOP_MISSED) -> list[dict[str, Any]]:
        """The concepts most often missed, with counts and the share of answers missing them."""
        ranked = sorted(self.missed.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        return [
            {
                "id": cid,
                "label": self.concept_labels.get(cid, cid),
                "count": count,
                "share": count / self.asked[cid] if self.asked[cid] else 0.0,
            }
            for cid, count in ranked
        ]


def read_records(path: str) -> Iterator[dict[str, Any]]:
    """The records of a JSONL results file, skipping a torn last line."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.endswith("\n"):
                break  # an unfinished line from an interrupted run
            if line.strip():
                yield json.loads(line)


def gather_stats(path: str) -> ReportStats:
    """First pass: statistics over every record."""
    stats = ReportStats()
    for record in read_records(path):
        stats.add(record)
    return stats


def histogram_svg(stats: ReportStats) -> str:
    """The distribution of marks as an inline SVG (marks when all questions share a maximum,
    else percent of the maximum)."""
    single = len(stats.maxima) == 1
    if single:
        top = max(stats.maxima)
        values = stats.marks
        edges = [float(i) for i in range(int(top) + 1)]
        xlabel = f"marks (out of {top})"
    else:
        values = [100 * s for s in stats.shares]
        edges = [float(i) for i in range(0, 101, 10)]
        xlabel = "percent of the maximum"
    # fixed hash salt and no date: the same results give byte-identical SVG
    with rc_context({"svg.hashsalt": "mains-eval-batch", "svg.fonttype": "path"}):
        figure = Figure(figsize=(7, 3))
        axes = figure.add_subplot()
        axes.hist(values, bins=edges, color="#3b6ea8", edgecolor="white")
        axes.set_xlabel(xlabel)
        axes.set_ylabel("answers")
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # answers come in whole numbers
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]  # drop the XML prolog: the SVG sits inside HTML


def _row_view(number: int, record: dict[str, Any]) -> dict[str, Any]:
    """What the template needs of one record."""
    report = record.get("report")
    view: dict[str, Any] = {
        "anchor": f"r{number}",
        "id": record.get("id"),
        "source": record.get("source"),
        "question": record.get("question") or "",
        "warning": record.get("warning"),
        "error": record.get("error"),
        "report": report,
    }
    if report is not None:
        relevant = {d["id"] for d in report["dimensions"]}
        concepts = [c for c in report["concepts"] if c["dimension"] in relevant]
        view["credited"] = [c for c in concepts if c["status"] in ("covered", "partial")]
        view["uncredited"] = [c for c in concepts if c["status"] in UNCREDITED]
        view["facts"] = [f for f in report["facts"] if f["status"] != "absent"]
        view["advisory_codes"] = ", ".join(a["code"] for a in report["advisories"])
    return view


def _rows(path: str) -> Iterator[dict[str, Any]]:
    for number, record in enumerate(read_records(path), start=1):
        yield _row_view(number, record)


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every piece of user text is escaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html_report(results_path: str, out_path: str, *, title: str | None = None) -> None:
    """Render the HTML report of a JSONL results file, atomically (no half-written report)."""
    stats = gather_stats(results_path)
    template = _environment().get_template("batch_report.html.j2")
    context = {
        "title": title or "Batch grading report",
        "stats": stats,
        "mean": statistics.fmean(stats.marks) if stats.marks else 0.0,
        "median": statistics.median(stats.marks) if stats.marks else 0.0,
        "mean_share": statistics.fmean(stats.shares) if stats.shares else 0.0,
        "max_marks": ", ".join(f"{m:g}" for m in sorted(stats.maxima)) or "-",
        "histogram": histogram_svg(stats) if stats.graded else "",
        "dimensions": list(stats.dimensions.values()),
        "missed": stats.most_missed(),
        "advisories": sorted(stats.advisories.items(), key=lambda kv: (-kv[1], kv[0])),
        "rows": _rows,
        "results_path": results_path,
    }
    folder = os.path.dirname(os.path.abspath(out_path))
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - renamed into place below
        "w", encoding="utf-8", dir=folder, prefix=".batch-report-", suffix=".tmp", delete=False
    )
    try:
        with handle:
            for chunk in template.generate(**context):
                handle.write(chunk)
        os.chmod(handle.name, 0o644)
        os.replace(handle.name, out_path)
    except BaseException:
        os.unlink(handle.name)
        raise
