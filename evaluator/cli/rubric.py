"""`mains-eval rubric ...`: check, schema, list and show rubrics."""

from __future__ import annotations

import json

import click

from evaluator.cli.common import EXIT_FAILED, UserError, handle_errors
from evaluator.text import plural


@click.group("rubric")
def rubric_group() -> None:
    """Author, check and inspect rubrics."""


def register(group: click.Group) -> None:
    """Attach the `rubric` group."""
    group.add_command(rubric_group)


@rubric_group.command("check")
@click.argument("ref", metavar="PATH_OR_ID")
@handle_errors
def check_command(ref: str) -> None:
    """Validate a rubric: print every problem as `file:line: key.path: message`."""
    from evaluator.rubric.loader import check_rubric, load_rubric

    problems = check_rubric(ref)
    if problems:
        for problem in problems:
            click.echo(str(problem), err=True)
        raise UserError(f"{plural(len(problems), 'problem')} found", exit_code=EXIT_FAILED)
    loaded = load_rubric(ref)
    rubric = loaded.rubric
    counts = [
        _counted(len(rubric.dimensions), "dimension"),
        _counted(len(rubric.concepts()), "concept"),
        _counted(len(rubric.facts), "fact"),
        _counted(len(rubric.questions), "question"),
    ]
    click.echo(f"ok: {rubric.id} v{rubric.version}: {', '.join(counts)}")


def _counted(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


@rubric_group.command("schema")
@click.option(
    "--markdown", is_flag=True, help="Print the reference tables of docs/rubric-format.md."
)
def schema_command(markdown: bool) -> None:
    """Print the rubric JSON Schema (for editor autocompletion)."""
    from evaluator.rubric.docs import rubric_reference_markdown
    from evaluator.rubric.model import rubric_json_schema

    if markdown:
        click.echo(rubric_reference_markdown())
        return
    click.echo(json.dumps(rubric_json_schema(), indent=2))


@rubric_group.command("fingerprint")
@click.argument("ref", metavar="PATH_OR_ID")
@click.argument("document", type=click.Path(dir_okay=False))
@handle_errors
def fingerprint_command(ref: str, document: str) -> None:
    """Add the fingerprint of DOCUMENT (the text the rubric was written from) to a rubric.

    Writes source-fingerprint.txt (hashed 8-word runs: nothing readable) beside rubric.yaml and
    a `source_fingerprint:` line into it (comments kept), so copied_source catches answers
    copied from the document itself. Bump the rubric version: marks may change."""
    from evaluator.rubric.fingerprint import add_fingerprint
    from evaluator.rubric.loader import load_rubric, resolve_rubric

    rubric_file = resolve_rubric(ref)
    path, count, changed = add_fingerprint(rubric_file, document)
    loaded = load_rubric(rubric_file)
    note = "; rubric.yaml now points to it" if changed else ""
    click.echo(f"wrote {path} ({count} hashed runs of {loaded.source_shingle} words){note}")


@rubric_group.command("merge")
@click.argument("refs", metavar="DIR_OR_YAML...", nargs=-1, required=True)
@click.option(
    "--out",
    required=True,
    metavar="DIR",
    help="Folder to write the merged rubric into (rubric.yaml, notes, model answers).",
)
@click.option(
    "--id", "rubric_id", default=None, help="Rubric id (default: the --out folder's name)."
)
@click.option("--title", default=None, help="Rubric title (default: the rubrics' titles).")
@click.option(
    "--ids",
    "question_ids",
    default=None,
    metavar="Q1,Q2,...",
    help="The merged questions' ids, in order (default: each draft's folder name, e.g. q1).",
)
@click.option("--force", is_flag=True, help="Overwrite the files of an existing merged rubric.")
@handle_errors
def merge_command(
    refs: tuple[str, ...],
    out: str,
    rubric_id: str | None,
    title: str | None,
    question_ids: str | None,
    force: bool,
) -> None:
    """Join the rubrics of separate questions (a test of several short questions, each derived
    with `rubric derive --reference`) into one rubric that batch, tune and diff take.

    A drafted question takes its folder's name as its id (q1/rubric.yaml -> q1; or give --ids);
    dimension, concept and fact ids two rubrics share are prefixed with their question's id
    (every reference follows). The rubrics' scoring and structure settings, synonyms, bonus
    keywords and subject terms must agree, and every question must be short (kind: short). Each
    question grades its answers as its own rubric does."""
    from pathlib import Path

    from evaluator.rubric.loader import load_rubric
    from evaluator.tools.merge import merge_rubrics, write_merged

    loaded = [load_rubric(ref) for ref in refs]
    folder_id = _folder_id(out)
    ids = None if question_ids is None else [i for i in question_ids.split(",") if i.strip()]
    merged = merge_rubrics(loaded, rubric_id=rubric_id or folder_id, title=title, question_ids=ids)
    path = write_merged(merged, out, force=force, protect=[one.path for one in loaded])
    for line in merged.renamed:
        click.echo(f"note: {line}", err=True)
    rubric = merged.rubric
    questions = ", ".join(q.id for q in rubric.questions)
    click.echo(
        f"wrote {path}: {rubric.id} v{rubric.version}, "
        f"{_counted(len(rubric.questions), 'question')} ({questions}), "
        f"{_counted(len(rubric.dimensions), 'dimension')}, "
        f"{_counted(len(rubric.concepts()), 'concept')}; check it with "
        f"`mains-eval rubric check {Path(out)}`"
    )


def _folder_id(out: str) -> str | None:
    """The rubric id the --out folder's name gives (`tests/photosynthesis` -> 'photosynthesis'),
    as `rubric derive` names a draft written as FOLDER/rubric.yaml; None when it gives none."""
    import os
    import re

    name = os.path.basename(os.path.normpath(os.path.abspath(out)))
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60].strip("-")
    return slug or None


@rubric_group.command("list")
def list_command() -> None:
    """List the rubrics found in the rubrics folder (id, tab, file), and on stderr every folder
    ignored because an earlier folder has its id."""
    from evaluator.rubric.loader import available_rubrics, duplicate_rubrics

    for rubric_id, path in available_rubrics().items():
        click.echo(f"{rubric_id}\t{path}")
    for duplicate in duplicate_rubrics():
        click.echo(f"mains-eval: warning: {duplicate.message}", err=True)


@rubric_group.command("show")
@click.argument("ref", metavar="PATH_OR_ID", default="india-japan")
@handle_errors
def show_command(ref: str) -> None:
    """Show a rubric's questions and dimensions."""
    from evaluator.rubric.loader import load_rubric

    rubric = load_rubric(ref).rubric
    click.echo(f"{rubric.title} ({rubric.id} v{rubric.version})")
    click.echo("\nQuestions")
    for q in rubric.questions:
        click.echo(
            f"  {q.id}: {plural(q.max_marks, 'mark')}, {plural(q.word_limit, 'word')}, "
            f"{q.directive}"
        )
        click.echo(f"      {q.text}")
        for qd in q.dimensions:
            if qd.concepts:
                click.echo(f"      {qd.id} counts only: {', '.join(qd.concepts)}")
    click.echo("\nDimensions")
    for d in rubric.dimensions:
        click.echo(f"  {d.id} ({d.label}): {plural(len(d.concepts), 'concept')}")
