"""What a tune leaves a tutor: the tuned rubric written (version bumped), its audit, and the
agreement chart."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any

from evaluator.rubric.loader import LoadedRubric
from evaluator.rubric.write import relocate_paths, rubric_yaml, write_rubric_atomically
from evaluator.tools.tune.result import TuningResult, format_metric

__all__ = ["agreement_scatter_svg", "audit_tuned", "bump_version", "write_tuned_rubric"]


def bump_version(version: str) -> str:
    """The next version: the last number goes up by one ('0.1.0' -> '0.1.1'), else '+tuned'."""
    match = re.search(r"(\d+)(?!.*\d)", version)
    if match is None:
        return f"{version}+tuned"
    return f"{version[: match.start()]}{int(match.group(1)) + 1}{version[match.end() :]}"


def write_tuned_rubric(
    result: TuningResult, out: str | os.PathLike[str], *, force: bool = False
) -> Path:
    """Write the tuned rubric to ``out`` (atomic; never the input file unless ``force``)."""
    path = Path(out)
    rubric = relocate_paths(result.rubric, result.source.folder, path.parent)
    changed = [c for c in result.concepts if c.weight_after != c.weight_before]
    header = [
        f"Tuned by `mains-eval rubric tune` from {result.source.id} v{result.source.version} "
        f"on {len(result.ids)} graded answers ({result.folds}-fold cross-validation).",
        f"QWK {format_metric(result.before.qwk)} -> {format_metric(result.after.qwk)}, "
        f"RMSE {format_metric(result.before.rmse)} -> {format_metric(result.after.rmse)} marks "
        "(held-out folds).",
        f"scoring.ceiling {result.source.rubric.scoring.ceiling} -> {rubric.scoring.ceiling}, "
        f"scoring.curve {result.source.rubric.scoring.curve} -> {rubric.scoring.curve}; "
        f"{len(changed)} concept weight(s) changed.",
        "Review the weights before publishing: a small graded set is noisy.",
    ]
    linear = [q for q in rubric.questions if q.intercept is not None and q.id in result.questions]
    if linear:
        header[2] = (
            "Linear short answer(s): marks = intercept + sum of weight x credit (weights in "
            "marks); intercept "
            + ", ".join(f"{q.id} {q.intercept:g}" for q in linear)
            + f"; {len(changed)} concept weight(s) changed."
        )
        if any(q.cut_points for q in linear):
            header.insert(
                3,
                "cut_points turn those marks into your steps (one step for each cut point "
                "reached), fitted on answers left out of the fit.",
            )
    return write_rubric_atomically(
        rubric_yaml(rubric, header=header), path, protect=[result.source.path], force=force
    )


def audit_tuned(result: TuningResult, tuned: LoadedRubric) -> list[str]:
    """`rubric audit` of the tuned questions: one line each, and whether tuning caused a failure.

    A tuned mark mapping that lifts thin answers also lifts gaming attempts; this says so.
    """
    from evaluator.tools.audit import audit_question, audit_rubric

    questions = sorted(set(result.questions))
    best: dict[str, str] = {}  # the tutor's best-marked answer, for a rubric without a model
    for question in questions:
        if not tuned.model_answers.get(question) and result.texts:
            marked = [
                (mark, -i)
                for i, (q, mark) in enumerate(zip(result.questions, result.human, strict=True))
                if q == question
            ]
            best[question] = result.texts[-max(marked)[1]]

    def audit_one(loaded: LoadedRubric, question: str) -> Any:
        if question in best:
            return audit_question(loaded, question, model_answer=best[question])
        return audit_rubric(loaded, [question])[0]

    after = {q: audit_one(tuned, q) for q in questions}
    failing = [q for q in questions if not after[q].passed]
    before = {q: audit_one(result.source, q) for q in failing}
    lines = []
    # `rubric audit` on the written rubric has no graded answers: it attacks an answer built
    # from the notes, so the two can disagree (a tutor was told FAIL here and PASS there)
    sources = {
        "tutor": " (on the tutor's best-marked answer; `rubric audit` attacks an answer built "
        "from the notes and may differ)",
        "notes": " (on its notes)",
    }
    for question in questions:
        audit = after[question]
        on = sources.get(audit.model_source, "")
        if audit.skipped:
            lines.append(f"audit {question}: skipped ({audit.skipped})")
        elif audit.passed:
            lines.append(f"audit {question}: pass{on}")
        else:
            worst = max(audit.attacks, key=lambda a: a.share)
            # the same attack before tuning: another attack failing then is no excuse (a tutor
            # was told "already failing" of an attack that had earned 8% before)
            earlier = {a.attack: a for a in before[question].attacks}.get(worst.attack)
            if earlier is not None and not earlier.passed:
                cause = f"it earned {earlier.share:.0%} before tuning too"
            elif earlier is not None:
                cause = (
                    f"it earned {earlier.share:.0%} before tuning: caused by tuning, review the "
                    "learned concepts and the mark mapping"
                )
            else:
                cause = "caused by tuning: review the learned concepts and the mark mapping"
            lines.append(
                f"audit {question}: FAIL{on} ({worst.attack} attack earns {worst.share:.0%} of the "
                f"model answer's marks; {cause})"
            )
    return lines


def agreement_scatter_svg(result: TuningResult) -> str:
    """Machine against human marks, before and after tuning, as an SVG string (no network)."""
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    fig = Figure(figsize=(5.0, 4.2))
    FigureCanvasSVG(fig)
    ax = fig.add_subplot()
    top = max([*result.human, *result.machine_before, *result.machine_after, 1.0])
    ax.plot([0, top], [0, top], color="#999999", linewidth=1, linestyle="--", label="agreement")
    ax.scatter(result.human, result.machine_before, s=22, color="#bbbbbb", label="before")
    ax.scatter(result.human, result.machine_after, s=22, color="#1f5fa8", label="after (held out)")
    ax.set_xlabel("tutor's mark")
    ax.set_ylabel("machine mark")
    ax.set_xlim(0, top * 1.05)
    ax.set_ylim(0, top * 1.05)
    ax.set_title(
        f"QWK {format_metric(result.before.qwk)} → {format_metric(result.after.qwk)}", fontsize=10
    )
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    fig.tight_layout()
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()
