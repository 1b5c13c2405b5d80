"""`mains-eval rubric derive | tune | suggest | diff`: the tutor-side rubric verbs.

Thin: each command maps its options onto one library function and prints the result.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from evaluator.cli.common import UserError, handle_errors
from evaluator.text import noun, plural

if TYPE_CHECKING:
    from evaluator.tools.graded import GradedAnswer, SkippedRow


def register(group: click.Group) -> None:
    """Attach derive, tune, suggest and diff to the `rubric` group."""
    group.add_command(derive_command)
    group.add_command(tune_command)
    group.add_command(suggest_command)
    group.add_command(diff_command)


graded_option = click.option(
    "--graded",
    "graded_path",
    required=True,
    metavar="GRADED.csv",
    help="CSV with columns answer (or file) and mark; optional id and question.",
)
question_filter_option = click.option(
    "--question",
    "-q",
    "question_id",
    default=None,
    metavar="QID",
    help="Use only this question's answers (needed when the CSV has no question column).",
)


@click.command("derive")
@click.argument("source", metavar="[SOURCE]", required=False)
@click.option(
    "--reference",
    "references",
    multiple=True,
    metavar="TEXT",
    help=(
        "A correct answer to a short question (repeat for other correct phrasings); instead of "
        "SOURCE. A SOURCE of a few sentences may also separate its answers with '||'."
    ),
)
@click.option("--out", "out", default=None, metavar="FILE", help="Write the draft here.")
@click.option("--title", default=None, help="Rubric title (default: the first heading).")
@click.option(
    "--question",
    "questions",
    multiple=True,
    help=(
        "The question to put in the bank: on notes of several topics it weighs the dimensions it "
        "asks about most (3, 2 or 1); its words earn little when an answer echoes them. One "
        "question per draft."
    ),
)
@click.option("--max-marks", type=click.IntRange(1, 250), default=None, help="Maximum marks.")
@click.option("--word-limit", type=click.IntRange(1, 5000), default=None, help="Word limit.")
@click.option("--force", is_flag=True, help="Overwrite --out if it exists.")
@handle_errors
def derive_command(
    source: str | None,
    references: tuple[str, ...],
    out: str | None,
    title: str | None,
    questions: tuple[str, ...],
    max_marks: int | None,
    word_limit: int | None,
    force: bool,
) -> None:
    """Draft a rubric from an English document SOURCE (plain text or Markdown) or from the
    reference answers given with --reference."""
    if (source is None) == (not references):
        raise click.UsageError("give a SOURCE file or --reference answers (one of the two)")
    if len(questions) > 1:
        # trial 25c: the last of two was kept without a word
        raise click.UsageError(
            f"--question given {len(questions)} times: a draft holds one question, since derive "
            "sets each dimension's expected weight for it. Derive each question into its own "
            "folder from the same notes (docs/rubrics.md, 'Several questions on one set of notes')"
        )
    options: dict[str, Any] = {
        "title": title,
        "question": questions[0] if questions else None,
        "max_marks": max_marks,
        "word_limit": word_limit,
    }
    if out is not None and Path(out).is_symlink():
        # a link to a draft: the draft, its fingerprint and its references go where it points
        out = os.path.realpath(out)
    if out is not None:
        from evaluator.rubric.write import refuse_overwrite

        # before importing and running the derivation (seconds): an --out that exists or is a
        # folder had been refused only once the draft was made (hostile trial 34)
        refuse_overwrite(out, protect=[Path(source)] if source else [], force=force)
    if source is not None:
        from evaluator.tools.derive.core import derive_rubric_file

        advisories: list[str] = []
        text = derive_rubric_file(source, out=out, force=force, advisories=advisories, **options)
        for advisory in advisories:
            click.echo(f"warning: {advisory}", err=True)
    else:
        from evaluator.rubric.write import write_rubric_atomically
        from evaluator.tools.derive.core import derive_rubric, named_for_folder

        # the references are the rubric's source notes: written beside it, '||'-separated, so
        # `rubric derive NOTES` gives the same draft again
        notes = Path(out).with_suffix("").name + "-references.md" if out else "references.md"
        notes_path = Path(out).parent / notes if out is not None else None
        if notes_path is not None and notes_path.exists() and not force:
            raise click.UsageError(f"{notes_path} exists; pass --force to overwrite it")
        text = named_for_folder(
            derive_rubric(
                "",
                references=list(references),
                source_label="--reference",
                source_notes=notes,
                **options,
            ),
            out,
        ).yaml
        if out is not None and notes_path is not None:
            write_rubric_atomically(text, out, force=force)
            notes_path.write_text(" || ".join(references) + "\n", encoding="utf-8")
    if out is None:
        click.echo(text, nl=False)
    else:
        click.echo(f"wrote {out}; check it with `mains-eval rubric check {out}`", err=True)


@click.command("tune")
@click.argument("rubric_ref", metavar="RUBRIC")
@graded_option
@question_filter_option
@click.option("--out", default=None, metavar="FILE", help="Write the tuned rubric here.")
@click.option("--folds", type=int, default=5, show_default=True, help="Cross-validation folds.")
@click.option("--force", is_flag=True, help="Overwrite --out if it exists.")
@click.option(
    "--audit/--no-audit",
    default=True,
    show_default=True,
    help="With --out: run `rubric audit` on the tuned questions and report on stderr.",
)
@click.option(
    "--learn/--no-learn",
    default=True,
    show_default=True,
    help="Learn new concepts (and penalties) from phrases of the graded answers.",
)
@click.option(
    "--form",
    type=click.Choice(["auto", "rubric", "linear"]),
    default="auto",
    show_default=True,
    help="rubric: keep each question's form; linear: tune questions as short answers marked "
    "linearly in their concepts; auto: fit both, keep the one that agrees better held out.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the JSON report.")
@handle_errors
def tune_command(
    rubric_ref: str,
    graded_path: str,
    question_id: str | None,
    out: str | None,
    folds: int,
    force: bool,
    audit: bool,
    learn: bool,
    form: str,
    as_json: bool,
) -> None:
    """Fit RUBRIC to a tutor's marks (weights, mark mapping and learned concepts); report
    agreement before, after (cross-validated) and of a bag-of-words baseline.

    With --out the tuned rubric is written only when it agrees better than RUBRIC on held-out
    answers; --force writes it anyway (and overwrites an existing file)."""
    from evaluator.rubric.loader import load_rubric
    from evaluator.tools.tune.core import audit_tuned, tune_rubric, write_tuned_rubric
    from evaluator.tools.tune.result import format_metric

    loaded = load_rubric(rubric_ref)
    skipped: list[SkippedRow] = []
    graded = _read_graded(graded_path, skipped)
    if out is not None:
        _check_out(out, loaded.path, force)
    used = False
    try:
        result = tune_rubric(
            loaded,
            graded,
            question_id=question_id,
            folds=folds,
            source_name=graded_path,
            learn=learn,
            skipped=skipped,
            form=form,
        )
        used = True
    finally:  # the rows left out are reported even when the rest cannot be tuned
        _report_skipped(skipped, used)
    written = out is not None and (result.improved or force)
    if written and out is not None:
        write_tuned_rubric(result, out, force=force)
    if as_json:
        data = {**result.to_dict(), "skipped": [s.message for s in skipped]}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(f"{len(result.ids)} graded answers, marks step {result.step:g}")
        halves = [i for i, m in zip(result.ids, result.human, strict=True) if not m.is_integer()]
        if halves and len(halves) * 20 <= len(result.ids):
            # one half mark sets the whole scale: agreement is then measured in half marks
            named = ", ".join(halves[:5]) + (", ..." if len(halves) > 5 else "")
            click.echo(
                f"note: only {len(halves)} of {len(result.ids)} marks are not whole ({named}); "
                "they set the step to 0.5, so agreement counts half marks. Correct them if they "
                "are typos.",
                err=True,
            )
        click.echo(result.table())
        for qid, (before, after) in result.per_question().items():
            click.echo(
                f"  {qid} ({result.questions.count(qid)} answers): QWK "
                f"{format_metric(before.qwk)} -> {format_metric(after.qwk)}, RMSE "
                f"{format_metric(before.rmse)} -> {format_metric(after.rmse)}: "
                f"{result.question_status(qid)}"
            )
        click.echo(result.noise())
        click.echo("")
        click.echo(_concept_table(result))
        changes = result.dimension_changes()
        if changes:
            click.echo("")
            click.echo("dimension weights (each question's own):")
            for qid, dimension, before_w, after_w in changes:
                click.echo(f"  {qid}  {dimension:<32} {before_w:g} -> {after_w:.3g}")
    for line in result.verdict():
        click.echo(line, err=True)
    if out is not None and not written:
        click.echo(f"nothing written to {out}; pass --force to write it anyway", err=True)
    if written and out is not None:
        click.echo(f"wrote {out} (version {result.rubric.version})", err=True)
        if audit:
            for line in audit_tuned(result, load_rubric(out)):
                click.echo(line, err=True)


def _read_graded(graded_path: str, skipped: list[SkippedRow]) -> list[GradedAnswer]:
    """The graded file's answers (bad rows into ``skipped``); how it was decoded, when not as
    UTF-8, said at once on stderr (:func:`_report_warnings`)."""
    from evaluator.tools.graded import read_graded_csv

    warnings: list[str] = []
    graded = read_graded_csv(Path(graded_path), skipped=skipped, warnings=warnings)
    _report_warnings(warnings)
    return graded


def _report_warnings(warnings: list[str]) -> None:
    """One stderr line per decoding warning (``warning: marks.csv: decoded as cp1252 ...``), as
    `grade` says it of an answer file and batch writes it in a row's 'warning' column: advice,
    no error (the exit status is the run's)."""
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)


def _report_skipped(skipped: list[SkippedRow], used: bool = True) -> None:
    """One stderr line per graded row left out, in file order, then how many (as batch reports
    error rows); "the rest were used" only when the rest were (trial 31b: it was printed just
    before "no graded answers"). Rows left out for one shared reason (an unknown question) are
    said in one line, with their lines (session 44: twenty lines said the same)."""
    shared: dict[str, list[int]] = {}
    for row in skipped:
        if row.shared is not None:
            shared.setdefault(row.shared, []).append(row.line)
    said: set[str] = set()
    for row in sorted(skipped, key=lambda row: row.line):
        if row.shared is None or len(shared[row.shared]) == 1:
            click.echo(f"skipped {row.message}", err=True)
        elif row.shared not in said:
            said.add(row.shared)
            lines = sorted(shared[row.shared])
            shown = ", ".join(map(str, lines[:3])) + (
                f" and {len(lines) - 3} more" if len(lines) > 3 else ""
            )
            click.echo(f"skipped {len(lines)} rows (lines {shown}): {row.shared}", err=True)
    if skipped:
        rest = "; the rest were used" if used else ""
        click.echo(f"{plural(len(skipped), 'bad row')} skipped{rest}", err=True)


def _check_out(out: str, source: Path, force: bool) -> None:
    """Refuse early (before the slow part) to overwrite the input or an existing file."""
    path = Path(out)
    if path.exists() and path.resolve() == source.resolve() and not force:
        raise UserError(f"{out}: is the input rubric; refusing to overwrite it (use another --out)")
    if path.exists() and not force:
        raise UserError(f"{out}: already exists; choose another --out or pass --force")


LEARNED_LISTED = 15
"""Learned concepts the concept table lists (the weightiest); the rest are counted in a line."""


ID_WIDTH = 48
"""Widest concept id the tune table shows whole (a longer one is cut with an ellipsis)."""


def _concept_table(result: object) -> str:
    """The concepts tuning changed or learned, each with why; the rest summarised in a line."""
    from evaluator.tools.tune.core import TuningResult
    from evaluator.tools.tune.model import MIN_FIRED

    assert isinstance(result, TuningResult)
    # each concept by its id, as the rubric's YAML and the 'never fire' line name it (trial
    # 25c: labels cut to 30 characters could not be found in the file)
    width = min(ID_WIDTH, max((len(c.id) for c in result.concepts), default=7)) + 2
    lines = [f"{'concept':<{width}}{'weight':>14}{'fires high':>12}{'fires low':>11}  why"]
    unchanged: list[object] = []
    rare: list[object] = []
    # learned phrases can run to hundreds: the weightiest are listed, the rest counted
    learned = sorted(
        (
            c
            for c in result.concepts
            if c.learned and not c.exemplar and not c.never_fires and c.why()
        ),
        key=lambda c: (-c.weight_after, c.id),
    )
    listed = {c.id for c in learned[:LEARNED_LISTED]}
    for c in result.concepts:
        if c.never_fires or c.exemplar or (c.learned and c.id not in listed and c.why()):
            continue
        why = c.why()
        if c.too_rare and not c.learned:
            rare.append(c)
            continue
        if not why:
            unchanged.append(c)
            continue
        weight = ("new" if c.learned else f"{c.weight_before:g}") + f"->{c.weight_after:g}"
        label = ("- " if c.penalty else "") + c.id
        if len(label) > width - 2:
            label = label[: width - 3] + "…"
        lines.append(f"{label:<{width}}{weight:>14}{c.rate_high:>11.0%} {c.rate_low:>10.0%}  {why}")
    if any(line.startswith("- ") for line in lines):
        lines.append(
            "'- ' before a concept: it costs marks (a misconception or a phrase of "
            "low-marked answers)."
        )
    if len(set(result.questions)) > 1 and "short" in result.kinds.values():
        # a point of one question of a test measured on every question's answers had read
        # "fires high 48%" where a fifth of the answers were its question's (session 43)
        lines.append(
            "fires high / fires low: shares of the higher- and lower-marked halves of the "
            "answers whose reports hold the concept (a short question's point: its own "
            "question's answers)."
        )
    never = [c for c in result.concepts if c.never_fires]
    rest = learned[LEARNED_LISTED:]
    if rest:
        penalties = sum(1 for c in rest if c.penalty)
        lines.append(
            f"{len(rest)} more learned {noun(len(rest), 'concept')} with smaller weights "
            f"({penalties} {noun(penalties, 'costs', 'cost')} marks); "
            "all are in the tuned rubric, each with its note."
        )
    examples = result.examples_summary()
    if examples:
        lines.append(examples)
    if rare:
        lines.append(
            f"{plural(len(rare), 'concept')} {noun(len(rare), 'fires', 'fire')} in fewer than "
            f"{MIN_FIRED} answers, too few to move "
            f"{noun(len(rare), 'its weight', 'their weights')} (kept)."
        )
    if unchanged:
        lines.append(
            f"{plural(len(unchanged), 'concept')} "
            f"{noun(len(unchanged), 'fires but keeps its', 'fire but keep their')} weight."
        )
    if never:
        lines.append(
            f"{plural(len(never), 'concept')} never {noun(len(never), 'fires', 'fire')} in these "
            f"answers ({noun(len(never), 'weight')} kept): "
            + ", ".join(c.id for c in never[:6])
            + (", ..." if len(never) > 6 else "")
        )
    return "\n".join(lines)


@click.command("suggest")
@click.argument("rubric_ref", metavar="RUBRIC")
@graded_option
@question_filter_option
@click.option(
    "--top",
    type=click.IntRange(1, 100),
    default=15,
    show_default=True,
    help="How many candidates to show.",
)
@click.option("--apply", "apply_", is_flag=True, help="Add candidates as concepts to a new draft.")
@click.option(
    "--pick",
    default=None,
    metavar="1,3,...",
    help="With --apply: the candidate numbers to add (default: the top 5).",
)
@click.option("--out", default=None, metavar="FILE", help="With --apply: where to write the draft.")
@click.option("--force", is_flag=True, help="Overwrite --out if it exists.")
@handle_errors
def suggest_command(
    rubric_ref: str,
    graded_path: str,
    question_id: str | None,
    top: int,
    apply_: bool,
    pick: str | None,
    out: str | None,
    force: bool,
) -> None:
    """Mine phrases that separate high- from low-marked answers and are not in RUBRIC."""
    from evaluator.rubric.loader import load_rubric
    from evaluator.tools.suggest import apply_suggestions, format_candidates, suggest_phrases

    if apply_ and out is None:
        raise UserError("--apply needs --out FILE for the new draft")
    if not apply_ and (out is not None or pick is not None):
        raise UserError("--out and --pick only make sense with --apply")
    loaded = load_rubric(rubric_ref)
    if out is not None:
        _check_out(out, loaded.path, force)
    skipped: list[SkippedRow] = []
    graded = _read_graded(graded_path, skipped)
    used = False
    try:
        suggestions = suggest_phrases(
            loaded,
            graded,
            question_id=question_id,
            top=top,
            source_name=graded_path,
            skipped=skipped,
        )
        used = True
    finally:
        _report_skipped(skipped, used)
    click.echo(format_candidates(suggestions))
    if apply_:
        assert out is not None
        picks = _parse_pick(pick, len(suggestions.candidates))
        path = apply_suggestions(loaded, suggestions, picks, out, force=force)
        click.echo(f"wrote {path} with {plural(len(picks), 'suggested concept')}", err=True)


def _parse_pick(pick: str | None, available: int) -> list[int]:
    if available == 0:
        raise UserError("no candidates to apply")
    if pick is None:
        return list(range(1, min(5, available) + 1))
    chosen = []
    for part in pick.split(","):
        part = part.strip()
        if not part.isdigit() or not 1 <= int(part) <= available:
            raise UserError(f"--pick {pick!r}: use candidate numbers between 1 and {available}")
        if int(part) not in chosen:
            chosen.append(int(part))
    return chosen


@click.command("diff")
@click.argument("old_ref", metavar="OLD")
@click.argument("new_ref", metavar="NEW")
@click.option(
    "--answers",
    "answers",
    required=True,
    metavar="DIR_OR_CSV",
    help="A folder of .txt/.md answers or a CSV with an answer (or file) column.",
)
@question_filter_option
@click.option("--all", "show_all", is_flag=True, help="List unchanged answers too.")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON report.")
@handle_errors
def diff_command(
    old_ref: str,
    new_ref: str,
    answers: str,
    question_id: str | None,
    show_all: bool,
    as_json: bool,
) -> None:
    """Score answers under OLD and NEW rubric versions; show who moved and why."""
    from evaluator.rubric.loader import load_rubric
    from evaluator.tools.diff import diff_rubrics, format_diff
    from evaluator.tools.graded import read_answers_source

    old = load_rubric(old_ref)
    new = load_rubric(new_ref)
    skipped: list[SkippedRow] = []
    warnings: list[str] = []
    rows = read_answers_source(answers, skipped=skipped, warnings=warnings)
    _report_warnings(warnings)
    used = False
    try:
        result = diff_rubrics(
            old, new, rows, question_id=question_id, skipped=skipped, source_name=answers
        )
        used = True
    finally:  # as tune: a row for a question one rubric lacks is skipped, not fatal
        _report_skipped(skipped, used)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_diff(result, show_all=show_all))
