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
from evaluator.text import noun, plural
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
        f"{plural(len(changed), 'concept weight')} changed.",
        "Review the weights before publishing: a small graded set is noisy.",
    ]
    linear = [q for q in rubric.questions if q.intercept is not None and q.id in result.questions]
    if linear:
        header[2] = (
            f"Linear short {noun(len(linear), 'answer')}: marks = intercept + sum of weight x "
            "credit (weights in marks); intercept "
            + ", ".join(f"{q.id} {q.intercept:g}" for q in linear)
            + f"; {plural(len(changed), 'concept weight')} changed."
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

    A tuned mark mapping that lifts thin answers also lifts gaming attempts; this says so. A
    question without a model answer is attacked twice: on the tutor's best-marked answer, and on
    the answer `rubric audit` builds from the notes, so the verdict `rubric audit` gives the
    written rubric is here too, with its cause (a tutor was told FAIL on one and PASS on the
    other, and not that tuning had turned a passing rubric into a failing one).
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

    def on_best(loaded: LoadedRubric, question: str) -> Any:
        return audit_question(loaded, question, model_answer=best[question])

    def as_audit(loaded: LoadedRubric, question: str) -> Any:
        return audit_rubric(loaded, [question])[0]

    # where each audit's model answer came from, as its line says it ('rubric': the rubric's own)
    sources = {
        "tutor": " on the tutor's best-marked answer",
        "notes": " on an answer built from the notes, as `rubric audit` runs it",
    }
    lines = []
    for question in questions:
        runs = [on_best, as_audit] if question in best else [as_audit]
        for run in runs:
            after = run(tuned, question)
            on = sources.get(after.model_source, "")
            lines.append(
                _audit_line(
                    question,
                    after,
                    lambda r=run, q=question: r(result.source, q),
                    on,
                    review=_what_to_review(tuned),
                )
            )
    return lines


def _what_to_review(tuned: LoadedRubric) -> str:
    """What a tutor should look at when tuning made an attack pay: the learned concepts only
    when some were learned (trial 30b was told to review learned concepts there were none of)."""
    if any(c.learned for _, c in tuned.rubric.concepts()):
        return "review the learned concepts and the mark mapping"
    return "review the concept weights and the mark mapping"


def _audit_line(
    question: str,
    audit: Any,
    before: Any,
    on: str,
    review: str = "review the learned concepts and the mark mapping",
) -> str:
    """One audit verdict; for a failure, the worst attack and whether tuning caused it
    (``before`` audits the rubric as it was)."""
    if audit.skipped:
        return f"audit {question}: not audited ({audit.skipped})"
    if audit.passed:
        return f"audit {question}: pass{on}"
    worst = max(audit.attacks, key=lambda a: a.share)
    # the same attack before tuning: another attack failing then is no excuse (a tutor was told
    # "already failing" of an attack that had earned 8% before)
    was = before()
    earlier = {a.attack: a for a in was.attacks}.get(worst.attack)
    if was.skipped:
        # nothing was attacked before: tuning cannot be blamed or cleared (trial s42: a draft
        # whose only note was over the word limit was told "caused by tuning")
        cause = f"the rubric was not audited before tuning ({was.skipped}): {review}"
    elif earlier is not None and not earlier.passed and worst.share > earlier.share + 0.05:
        # failing before too, but tuning made it pay more (trial 31b: 36% -> 58% was told "it
        # earned 36% before tuning too")
        cause = (
            f"up from {earlier.share:.0%} before tuning, which failed too: tuning made it worse, "
            f"{review}"
        )
    elif earlier is not None and not earlier.passed:
        cause = f"it earned {earlier.share:.0%} before tuning too"
    elif earlier is not None:
        cause = f"it earned {earlier.share:.0%} before tuning: caused by tuning, {review}"
    else:
        cause = f"caused by tuning: {review}"
    return (
        f"audit {question}: FAIL{on} ({worst.attack} attack earns {worst.share:.0%} of the "
        f"model answer's marks; {cause})"
    )


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
