"""The batch HTML report: one self-contained file that stays small at 100,000 answers.

It is rendered from the JSONL results a batch run streams out (compact or full), in three
streaming passes over that file: the first gathers the statistics (counters, not lists, so
memory does not grow with the number of answers) and picks the answers shown in full (the
lowest, the highest and the first with advisories); the second renders those answers'
feedback; the third writes every answer as one row of a small JSON table that an inline script
(no network) sorts, filters and pages. ``--per-answer-pages DIR`` writes every answer's
feedback to a page of its own instead of inlining it. All user text is escaped: by Jinja2's
autoescaping in HTML, and by ``textContent`` in the script.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import heapq
import io
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from evaluator.batch.compact import expand_records, read_records
from evaluator.batch.excerpts import copied_excerpts
from evaluator.batch.outputs import UNCREDITED
from evaluator.batch.similar import MIN_WORDS, THRESHOLD, SimilarPair
from evaluator.batch.summary import LEARNED, MISCONCEPTION, POINT, iter_summaries
from evaluator.errors import OutputError
from evaluator.scoring.faces import (
    ROW_IDS,
    credited_view,
    dimension_rows,
    from_sum,
    held_rows,
    rows_sum,
    signed,
)
from evaluator.scoring.report import is_misconception, is_point, is_point_to_add
from evaluator.text import plural

TEMPLATES = Path(__file__).resolve().parent / "templates"
TOP_MISSED = 15
"""How many of the most-missed concepts the report lists."""
MADE_SHARE = 0.25
"""Share of a point's credit an answer must earn to count as making it. A point's 'partial'
status says only that some credit was earned: a short answer's proportional point credits the
question's own words (its ``echo`` terms, at ``scoring.echo_weight``) and single stray words,
so an answer naming none of the point's ideas still earns 0.03-0.15 of it, and nearly every
answer was 'partial'. A quarter keeps those traces out and counts a point made in other words
(0.2-0.5 once extra words are discounted); cue-group partial credit (0.5) still counts."""
SIMILAR_LISTED = 500
"""Pairs of near-identical answers the report lists (the rest are counted)."""
SHOWN_LOWEST = 10
SHOWN_HIGHEST = 10
SHOWN_ADVISORIES = 30
"""Answers shown in full: the lowest and highest marks, and the first with advisories."""
OUTCOMES = ("in full", "in part", "a trace", "not at all", "negated", "contradicted")
"""How an answer fared on a point, as the class report counts it: all its credit (covered), at
least `MADE_SHARE` of it, some credit below that, none, or none because the answer denied it
(negated) or contradicted one of its facts."""
MADE = ("in full", "in part")


def _mean(values: Counter[float]) -> float:
    count = sum(values.values())
    return sum(v * n for v, n in values.items()) / count if count else 0.0


def _median(values: Counter[float]) -> float:
    count = sum(values.values())
    if not count:
        return 0.0
    ordered = sorted(values.items())

    def nth(k: int) -> float:
        seen = 0
        for value, n in ordered:
            seen += n
            if seen > k:
                return value
        return ordered[-1][0]

    return nth(count // 2) if count % 2 else (nth(count // 2 - 1) + nth(count // 2)) / 2


class _Marks:
    """Mean and median of marks kept as value counts (marks are rounded, so few values)."""

    marks: Counter[float]

    @property
    def count(self) -> int:
        """How many answers."""
        return sum(self.marks.values())

    @property
    def mean(self) -> float:
        """Mean marks."""
        return _mean(self.marks)

    @property
    def median(self) -> float:
        """Median marks."""
        return _median(self.marks)


@dataclass
class DimensionStats(_Marks):
    """Marks of one dimension across the graded answers."""

    id: str
    label: str
    marks: Counter[float] = field(default_factory=Counter)
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
    marks: Counter[float] = field(default_factory=Counter)


def outcome(status: str, credit: float) -> str:
    """How an answer fared on a point (one of `OUTCOMES`), from its status and credit."""
    if status in UNCREDITED and status != "missing":
        return status
    if status == "covered":
        return "in full"
    if credit >= MADE_SHARE:
        return "in part"
    return "a trace" if credit > 0 else "not at all"


@dataclass
class ConceptStats:
    """How one concept fared among the answers it applied to: each status, and each outcome."""

    id: str
    label: str
    kind: str = POINT
    """`summary.POINT`, `summary.MISCONCEPTION` or `summary.LEARNED`."""
    statuses: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)

    def add(self, status: str, credit: float) -> None:
        """Count one answer's status and credit."""
        self.statuses[status] += 1
        self.outcomes[outcome(status, credit)] += 1

    @property
    def asked(self) -> int:
        """Answers the concept applied to."""
        return sum(self.statuses.values())

    @property
    def made(self) -> int:
        """Answers that made it: all its credit, or at least `MADE_SHARE` of it (for a
        misconception: answers that state it)."""
        return sum(self.outcomes[o] for o in MADE)

    @property
    def missed(self) -> int:
        """Answers that did not make it (a trace of credit, or none)."""
        return self.asked - self.made

    def share(self, what: str) -> float:
        """Share of the answers with this outcome (or 'made')."""
        count = self.made if what == "made" else self.outcomes[what]
        return count / self.asked if self.asked else 0.0


@dataclass
class ReportStats:
    """Everything the report's summary needs, gathered in one pass in bounded memory."""

    graded: int = 0
    errors: int = 0
    marks: Counter[float] = field(default_factory=Counter)
    shares: Counter[float] = field(default_factory=Counter)
    maxima: set[int] = field(default_factory=set)
    dimensions: dict[str, DimensionStats] = field(default_factory=dict)
    question_dimensions: dict[str, dict[str, DimensionStats]] = field(default_factory=dict)
    """Each question's dimensions: a dimension's maximum differs from question to question, so
    a batch of several questions reports them per question."""
    concepts: dict[str, ConceptStats] = field(default_factory=dict)
    advisories: Counter[str] = field(default_factory=Counter)
    with_advisories: int = 0
    rubric: dict[str, str] = field(default_factory=dict)
    questions: dict[str, QuestionStats] = field(default_factory=dict)
    lowest: list[tuple[float, int]] = field(default_factory=list)
    """Heap of (-share, -number) of the lowest answers."""
    highest: list[tuple[float, int]] = field(default_factory=list)
    """Heap of (share, -number) of the highest answers."""
    advised: list[int] = field(default_factory=list)
    """Numbers of the first answers with advisories."""

    def add(self, number: int, summary: dict[str, Any] | None) -> None:
        """Count the summary (`summary.record_summary`) of result `number` (from 1)."""
        if summary is None:
            self.errors += 1
            return
        self.graded += 1
        self.rubric = summary["rubric"]
        question = self.questions.setdefault(
            summary["question"],
            QuestionStats(summary["question"], summary["question_text"], summary["max_marks"]),
        )
        question.marks[summary["marks"]] += 1
        self.marks[summary["marks"]] += 1
        self.shares[summary["share"]] += 1
        self.maxima.add(summary["max_marks"])
        own = self.question_dimensions.setdefault(summary["question"], {})
        # a linear question's rows as its answers show them: its base mark, what its points
        # earn (out of at most its marks), what its penalties cost (scoring.faces)
        for dim_id, label, marks, maximum in summary.get("rows") or summary["dimensions"]:
            for dimension in (
                self.dimensions.setdefault(dim_id, DimensionStats(dim_id, label)),
                own.setdefault(dim_id, DimensionStats(dim_id, label)),
            ):
                dimension.marks[marks] += 1
                if maximum is not None:
                    dimension.maxima.add(maximum)
        for concept_id, label, status, credit, kind in summary["concepts"]:
            concept = self.concepts.setdefault(concept_id, ConceptStats(concept_id, label, kind))
            concept.add(status, credit)
        codes = summary["advisories"]
        self.advisories.update(codes)
        if codes:
            self.with_advisories += 1
            if len(self.advised) < SHOWN_ADVISORIES:
                self.advised.append(number)
        share = summary["share"]
        _keep(self.lowest, (-share, -number), SHOWN_LOWEST)
        _keep(self.highest, (share, -number), SHOWN_HIGHEST)

    @property
    def mixed_maxima(self) -> bool:
        """True when the answers' questions have different maximum marks: their marks are then
        on different scales, and only shares of the maximum (or each question's own marks) can
        be summarised together."""
        return len(self.maxima) > 1

    def of_kind(self, kind: str) -> list[ConceptStats]:
        """The concepts of one kind (`summary.POINT`...), least often made first."""
        ranked = sorted(self.concepts.values(), key=lambda c: (-c.missed / c.asked, c.id))
        return [c for c in ranked if c.kind == kind]

    @property
    def points(self) -> list[ConceptStats]:
        """The rubric's points to make (not misconceptions, not learned), least made first."""
        return self.of_kind(POINT)

    @property
    def missed(self) -> Counter[str]:
        """How many answers missed each point (a misconception or a learned concept is no point
        to miss)."""
        return Counter({c.id: c.missed for c in self.points if c.missed})

    def most_missed(self, top: int = TOP_MISSED) -> list[dict[str, Any]]:
        """The points most often missed (see `MADE_SHARE`), with counts and the share of
        answers missing them."""
        ranked = sorted(self.points, key=lambda c: (-c.missed, c.id))
        return [
            {"id": c.id, "label": c.label, "count": c.missed, "share": c.missed / c.asked}
            for c in ranked[:top]
            if c.missed
        ]

    def shown_in_full(self) -> dict[int, list[str]]:
        """Answer number -> why it is shown in full (lowest, highest, advisories)."""
        reasons: dict[int, list[str]] = {}
        for _, negative in self.lowest:
            reasons.setdefault(-negative, []).append("lowest marks")
        for _, negative in self.highest:
            reasons.setdefault(-negative, []).append("highest marks")
        for number in self.advised:
            reasons.setdefault(number, []).append("advisories")
        return dict(sorted(reasons.items()))


def _keep(heap: list[tuple[float, int]], item: tuple[float, int], size: int) -> None:
    """Keep the `size` greatest items seen in a min-heap."""
    if len(heap) < size:
        heapq.heappush(heap, item)
    elif item > heap[0]:
        heapq.heapreplace(heap, item)


def gather_stats(path: str) -> ReportStats:
    """First pass: statistics over every record."""
    stats = ReportStats()
    for number, (_, summary) in enumerate(iter_summaries(path), start=1):
        stats.add(number, summary)
    return stats


def histogram_svg(stats: ReportStats) -> str:
    """The distribution of marks as an inline SVG (marks when all questions share a maximum,
    else percent of the maximum)."""
    single = len(stats.maxima) == 1
    if single:
        top = max(stats.maxima)
        counts = stats.marks
        edges = [float(i) for i in range(int(top) + 1)]
        xlabel = f"marks (out of {top})"
    else:
        counts = Counter({100 * s: n for s, n in stats.shares.items()})
        edges = [float(i) for i in range(0, 101, 10)]
        xlabel = "percent of the maximum"
    values = sorted(counts)
    # fixed hash salt and no date: the same results give byte-identical SVG
    with rc_context({"svg.hashsalt": "mains-eval-batch", "svg.fonttype": "path"}):
        figure = Figure(figsize=(7, 3))
        axes = figure.add_subplot()
        axes.hist(
            values, bins=edges, weights=[counts[v] for v in values], color="#3b6ea8",
            edgecolor="white",
        )  # fmt: skip
        axes.set_xlabel(xlabel)
        axes.set_ylabel("answers")
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # answers come in whole numbers
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]  # drop the XML prolog: the SVG sits inside HTML


def answer_view(
    number: int, record: dict[str, Any], why: list[str] | None = None
) -> dict[str, Any]:
    """What the answer-detail macro needs of one full record."""
    report = record.get("report")
    view: dict[str, Any] = {
        "number": number,
        "anchor": f"r{number}",
        "id": record.get("id"),
        "source": record.get("source"),
        "question": record.get("question") or "",
        "warning": record.get("warning"),
        "error": record.get("error"),
        "report": report,
        "why": why or [],
        "next_steps": (report or {}).get("next_steps"),
        "copied": copied_excerpts(report),
    }
    if report is not None:
        relevant = {d["id"] for d in report["dimensions"]}
        concepts = [c for c in report["concepts"] if c["dimension"] in relevant]
        points = [c for c in concepts if is_point(c)]
        # the rubric's own points one by one; a tuned rubric's learned phrases and graded
        # examples in a line each, a phrase a point already quotes not again (trial s43: one
        # word credited five times, thirteen lines of "Graded answer N")
        credited = credited_view(concepts, report["question"]["id"])
        view["credited"] = credited["points"]
        view["credited_lines"] = [_capitalised(line) for line in credited["lines"]]
        view["uncredited"] = [c for c in points if c["status"] in UNCREDITED and is_point_to_add(c)]
        view["misconceptions"] = [c for c in concepts if is_misconception(c)]
        view["marked_down"] = credited["marked_low"]
        view["marked_down_lines"] = [_capitalised(line) for line in credited["low_lines"]]
        # a dimension of learned phrases counts what earned, not "3/4" (no point was missed);
        # a linear question's rows are its base mark, its points and what penalties cost
        view["dimension_rows"] = dimension_rows(report)
        linear = bool(view["dimension_rows"]) and view["dimension_rows"][0]["kind"] == "base"
        total = rows_sum(view["dimension_rows"]) if linear else None
        view["rows_sum"] = None if total is None else signed(total)
        view["from_sum"] = from_sum(report, total) if total is not None else ""
        # a cap that holds the marks down, said once above the rows (the advisories are below)
        held = held_rows(report, "below")
        view["rows_held"] = held[:1].upper() + held[1:]
        view.update(_said_once(report, view["uncredited"]))
    return view


def _capitalised(line: str) -> str:
    return line[:1].upper() + line[1:]


SEE_FACTS = "a fact stated for it is wrong (see Facts)"
"""The reason a concept gets when the wrong fact that lost it its credit is listed under Facts."""


def _said_once(report: dict[str, Any], uncredited: list[dict[str, Any]]) -> dict[str, Any]:
    """The feedback of an answer shown in full with every piece of it said once (trial 35: a
    wrong fact was told four times, as a concept's reason, under Facts, in a next step and under
    "To improve", and an advisory twice), as the web result page and `grade` say it: a wrong
    fact under Facts only (its concept and its step point there); a right fact under Strengths
    only, a point's facts of one sentence on one line (:func:`~evaluator.scoring.facts_listed`);
    the improvement points without what an advisory, a step or a wrong fact says."""
    from evaluator.scoring import fact_step_head, facts_listed, unsaid_improvements

    feedback = report.get("feedback") or {}
    checked = [f for f in report["facts"] if f["status"] != "absent"]
    wrong = {
        f.get("concept"): str(f.get("message") or f.get("claim") or "").rstrip(".")
        for f in checked
        if f["status"] == "contradicted"
    }

    def step(item: dict[str, Any]) -> dict[str, Any]:
        message = wrong.get(item.get("target"))
        head = fact_step_head(str(item.get("text", "")), message) if message else None
        if item.get("kind") != "fact" or head is None:
            return item
        return {**item, "text": f"{head} (see Facts)"}

    return {
        "uncredited": [
            {**c, "reason": SEE_FACTS} if c["status"] == "contradicted" and c["id"] in wrong else c
            for c in uncredited
        ],
        "facts": facts_listed(report),
        "feedback": {
            **feedback,
            "next_steps": [step(s) for s in feedback.get("next_steps") or []],
            "more_steps": [step(s) for s in feedback.get("more_steps") or []],
            "improvements": unsaid_improvements(report),
        },
    }


def _full_rows(path: str, shown: dict[int, list[str]]) -> Iterator[dict[str, Any]]:
    """Second pass: the answers shown in full, expanded to their reports."""
    if not shown:
        return
    last = max(shown)
    records = read_records(path)
    with contextlib.closing(records):  # type: ignore[type-var]  # a generator: close() closes the file
        for number, record in enumerate(records, start=1):
            if number in shown:
                yield answer_view(number, record, shown[number])
            if number >= last:
                return


def _table_row(number: int, record: dict[str, Any], summary: dict[str, Any] | None) -> list[Any]:
    """One answer as a row of the table's JSON: number, id, question, marks, max, percent,
    words, advisory codes, error."""
    if summary is None:
        return [number, record.get("id"), record.get("question") or "", None, None, None, None,
                "", record.get("error") or ""]  # fmt: skip
    return [
        number, record.get("id"), summary["question"], summary["marks"], summary["max_marks"],
        round(100 * summary["share"]), summary["word_count"], " ".join(summary["advisories"]),
        "",
    ]  # fmt: skip


def _table_json(path: str) -> Iterator[str]:
    """Third pass: every answer as a JSON row, safe inside a <script> element."""
    yield "["
    for number, (record, summary) in enumerate(iter_summaries(path), start=1):
        row = json.dumps(
            _table_row(number, record, summary), ensure_ascii=False, separators=(",", ":")
        )
        yield ("," if number > 1 else "") + _script_safe(row)
    yield "]"


def _script_safe(text: str) -> str:
    """JSON that cannot close its <script> element or open a comment."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every piece of user text is escaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # "1 word", "3 words" (the web app's templates have the same filters)
    environment.filters["plural"] = plural
    environment.filters["signed"] = signed
    return environment


def _script() -> tuple[str, str]:
    """The table's script and its CSP hash (the only script the report may run)."""
    script = (TEMPLATES / "batch_table.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return script, f"'sha256-{digest}'"


def render_html_report(
    results_path: str,
    out_path: str,
    *,
    title: str | None = None,
    per_answer_pages: str | None = None,
    similar: Sequence[SimilarPair] | None = None,
) -> None:
    """Render the HTML report of a JSONL results file (compact or full), atomically; with
    `per_answer_pages`, also one page per answer in that folder (linked from the table); with
    `similar` (a run's `batch.similar` pairs; the JSONL does not hold the texts), a section of
    near-identical answers."""
    stats = gather_stats(results_path)
    shown = stats.shown_in_full()
    environment = _environment()
    template = environment.get_template("batch_report.html.j2")
    script, script_hash = _script()
    pages_link = None
    if per_answer_pages is not None:
        write_answer_pages(results_path, per_answer_pages, title=title)
        pages_link = os.path.relpath(
            os.path.abspath(per_answer_pages), os.path.dirname(os.path.abspath(out_path))
        ).replace(os.sep, "/")
    context = {
        "title": title or "Batch grading report",
        "stats": stats,
        "mean": _mean(stats.marks),
        "median": _median(stats.marks),
        "mean_share": _mean(stats.shares),
        "median_share": _median(stats.shares),
        "max_marks": ", ".join(f"{m:g}" for m in sorted(stats.maxima)) or "-",
        "histogram": histogram_svg(stats) if stats.graded else "",
        "dimensions": list(stats.dimensions.values()),
        "row_ids": ROW_IDS,  # a linear question's base mark and costs: rows, no dimension ids
        "question_dimensions": [
            (stats.questions[q], list(dims.values()))
            for q, dims in stats.question_dimensions.items()
        ],
        "concepts": stats.points,
        "misconceptions": sorted(stats.of_kind(MISCONCEPTION), key=lambda c: (-c.made, c.id)),
        "learned": len(stats.of_kind(LEARNED)),
        "outcomes": OUTCOMES,
        "made_share": MADE_SHARE,
        "missed": stats.most_missed(),
        "advisories": sorted(stats.advisories.items(), key=lambda kv: (-kv[1], kv[0])),
        "full_rows": lambda: _full_rows(results_path, shown),
        "shown": shown,
        "shown_lowest": SHOWN_LOWEST,
        "shown_highest": SHOWN_HIGHEST,
        "table_json": lambda: _table_json(results_path),
        "table_options": _script_safe(
            json.dumps({"full": sorted(shown), "pages": pages_link}, separators=(",", ":"))
        ),
        "script": script,
        "script_hash": script_hash,
        "similar": None if similar is None else list(similar[:SIMILAR_LISTED]),
        "similar_count": len(similar or ()),
        "similar_threshold": THRESHOLD,
        "similar_min_words": MIN_WORDS,
    }
    _write_atomically(out_path, template.generate(**context))


def write_answer_pages(results_path: str, folder: str, *, title: str | None = None) -> int:
    """One HTML page of feedback per answer (``r<number>.html``) in `folder`; returns how many."""
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the folder: {exc.strerror}") from exc
    template = _environment().get_template("answer_page.html.j2")
    count = 0
    for number, record in enumerate(read_records(results_path), start=1):
        view = answer_view(number, record)
        _write_atomically(
            os.path.join(folder, f"r{number}.html"),
            template.generate(row=view, title=title or "Batch grading report"),
        )
        count = number
    return count


def _write_atomically(out_path: str, chunks: Iterator[str]) -> None:
    folder = os.path.dirname(os.path.abspath(out_path))
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - renamed into place below
        "w", encoding="utf-8", dir=folder, prefix=".batch-report-", suffix=".tmp", delete=False
    )
    try:
        with handle:
            for chunk in chunks:
                handle.write(chunk)
        os.chmod(handle.name, 0o644)
        os.replace(handle.name, out_path)
    except BaseException:
        os.unlink(handle.name)
        raise


__all__ = [
    "ReportStats",
    "answer_view",
    "expand_records",
    "gather_stats",
    "render_html_report",
    "write_answer_pages",
]
