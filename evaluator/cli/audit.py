"""`mains-eval rubric audit`: how much of a model answer's marks gaming attempts can collect."""

from __future__ import annotations

import json

import click

from evaluator.cli.common import (
    EXIT_FAILED,
    FiniteFloatRange,
    UserError,
    handle_errors,
    json_option,
)


def register(group: click.Group) -> None:
    """Attach `audit` to the `rubric` group."""
    group.add_command(audit_command)


@click.command("audit")
@click.argument("ref", metavar="RUBRIC")
@click.option(
    "--question",
    "-q",
    "question_ids",
    multiple=True,
    metavar="QID",
    help=(
        "Question to audit (repeatable): its id, its text or its number (1, Q1); every "
        "question when omitted (one without a model answer is attacked through an answer built "
        "from the rubric's notes)."
    ),
)
@click.option(
    "--threshold",
    type=FiniteFloatRange(0.0, 1.0, min_open=True),
    default=None,
    # the audit module loads spaCy, so its DEFAULT_THRESHOLD is read when the command runs;
    # tests/test_audit.py checks this text against it
    help="An attack reaching this share of the model answer's marks fails the audit "
    "[default: 0.35].",
)
@json_option
@handle_errors
def audit_command(
    ref: str, question_ids: tuple[str, ...], threshold: float | None, as_json: bool
) -> None:
    """Grade gaming attacks on each question's model answer; exit 1 if any reaches the threshold."""
    from evaluator.rubric.loader import load_rubric
    from evaluator.tools.audit import DEFAULT_THRESHOLD, audit_rubric, audit_to_dict, format_audit

    threshold = DEFAULT_THRESHOLD if threshold is None else threshold

    from evaluator.rubric.questions import resolve_question

    loaded = load_rubric(ref)
    # -q names a question as grade's and batch's do: its id (any case), its text or its number;
    # an unknown one is one line listing the questions
    wanted = list(dict.fromkeys(resolve_question(loaded.rubric, q) for q in question_ids))
    audits = audit_rubric(loaded, wanted or None, threshold=threshold)
    if as_json:
        click.echo(json.dumps(audit_to_dict(audits), indent=2))
    else:
        click.echo(format_audit(audits), nl=False)
    unaudited = [a.question for a in audits if a.skipped]
    failed = [a.question for a in audits if not a.passed and not a.skipped]
    if failed or unaudited:
        reasons = []
        if failed:
            reasons.append(
                f"audit failed for {', '.join(failed)}: an attack reached {threshold:.0%} of the "
                "model answer's marks"
            )
        if unaudited:
            reasons.append(
                f"nothing to attack for {', '.join(unaudited)}: give the question a model answer "
                "(model_answer) or its concepts notes an answer would write"
            )
        raise UserError("; ".join(reasons), exit_code=EXIT_FAILED)
