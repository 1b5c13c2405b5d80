"""Writing rubric versions: YAML text (defaults left out, comments on top), paths made relative
to the new folder, and an atomic write that never overwrites the input or an existing file by
accident. Used by `rubric tune`, `rubric suggest --apply` and `rubric derive`."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

from evaluator.errors import OutputError, RubricError
from evaluator.rubric.loader import validate_rubric_data
from evaluator.rubric.model import Rubric


def rubric_yaml(rubric: Rubric, *, header: Sequence[str] = ()) -> str:
    """A rubric as YAML text (defaults left out), with comment lines on top."""
    data = rubric.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=True)
    # required keys that happen to equal their defaults must stay
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    comments = "".join(f"# {line}\n" if line else "#\n" for line in header)
    return comments + body


def map_paths(rubric: Rubric, moved: Callable[[str], str]) -> Rubric:
    """The rubric with every file path it names (source notes, source fingerprint, model
    answers, a question's own source notes) replaced by ``moved(path)``."""
    questions = [
        q.model_copy(
            update={
                key: moved(path)
                for key, path in (
                    ("model_answer", q.model_answer),
                    ("source_notes", q.source_notes),
                )
                if path
            }
        )
        for q in rubric.questions
    ]
    update: dict[str, object] = {"source_notes": moved(rubric.source_notes), "questions": questions}
    if rubric.source_fingerprint:
        update["source_fingerprint"] = moved(rubric.source_fingerprint)
    return rubric.model_copy(update=update)


def relocate_paths(rubric: Rubric, old_folder: Path, new_folder: Path) -> Rubric:
    """The rubric with source-notes, source-fingerprint and model-answer paths made relative to a
    new folder."""

    def moved(relative: str) -> str:
        target = (old_folder / relative).resolve()
        return Path(os.path.relpath(target, new_folder.resolve())).as_posix()

    return map_paths(rubric, moved)


RUBRIC_FILE_MODE = 0o644
"""Permissions of a rubric file we write: readable by all, as an editor would save it."""


def refuse_overwrite(
    out: str | os.PathLike[str], *, protect: Sequence[Path] = (), force: bool = False
) -> None:
    """OutputError when ``out`` is a folder, or (without ``force``) exists or is an input: what
    `write_rubric_atomically` refuses, to be asked before the work of making the rubric."""
    path = Path(out)
    if path.is_dir():
        raise OutputError(f"{out}: is a directory; pass the file to write, e.g. {out}/rubric.yaml")
    if path.exists() and not path.is_file():
        # a rubric replaces its file: `--out /dev/full --force` had replaced the device with a
        # regular file, and `--out /dev/stdout` would replace the link
        raise OutputError(
            f"{out}: is not a regular file (a device, a pipe or a socket); a rubric is written "
            "to a file",
            hint="pass a file name with --out (derive prints the draft when --out is left out)",
        )
    protected = {p.resolve() for p in protect}
    if path.resolve() in protected and not force:
        raise OutputError(
            f"{out}: is the input rubric; refusing to overwrite it",
            hint="write the new version elsewhere with --out, or pass --force",
        )
    if path.exists() and not force:
        raise OutputError(f"{out}: already exists", hint="choose another --out or pass --force")


def write_rubric_atomically(
    text: str, out: str | os.PathLike[str], *, protect: Sequence[Path] = (), force: bool = False
) -> Path:
    """Write rubric YAML via a temporary file and os.replace; refuse to overwrite by accident."""
    refuse_overwrite(out, protect=protect, force=force)
    # a link is written through, to the file it points to: the link stays as it was
    path = Path(os.path.realpath(out)) if Path(out).is_symlink() else Path(out)
    data = yaml.safe_load(text)
    rubric, problems = validate_rubric_data(data, str(out))
    if rubric is None or problems:  # our own output must always be valid
        raise RubricError("the new rubric is not valid: " + "; ".join(str(p) for p in problems))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); a rubric is shared like any document
        os.fchmod(fd, RUBRIC_FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path
