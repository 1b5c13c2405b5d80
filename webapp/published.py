"""Published rubrics: a tutor's tuned rubric, served to learners in place of the rubrics folder's
rubric of the same id until it is withdrawn.

The published folder (``PUBLISHED_RUBRICS_DIR``) holds one folder per rubric id, named by the id:
the tuning page's download, unzipped, with a sidecar (``published.json``) saying the version, who
published it and when, and what it replaced. A folder is written beside it under a hidden name,
loaded with the library's loader, and only then renamed into place; the copy it replaces is moved
aside first and deleted after. Nothing here writes to the rubrics folder or touches the database.

Learners' marks name a rubric's version, not its fingerprint, so a publication that stops being
served (withdrawn, or replaced by another) is kept as one line of a history (``.history.jsonl``
in the published folder): its version, fingerprint and when it was served. That history is the
evidence that lets the same rubric be published again under its version (see ``_check_version``).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import Flask, current_app

from evaluator.errors import EvaluatorError, RubricError
from evaluator.rubric import LoadedRubric, available_rubrics, load_rubric

SIDECAR = "published.json"
HISTORY = ".history.jsonl"
"""Every publication no longer served, one JSON line each (a hidden name: never a rubric id)."""
RUBRIC_FILE = "rubric.yaml"
ENV_PUBLISHED = "MAINS_EVAL_PUBLISHED"
DEFAULT_FOLDER = "published-rubrics"
"""The published folder's name inside the instance folder, unless configured."""


class PublishError(EvaluatorError):
    """A rubric could not be published or withdrawn; nothing changed."""


@dataclass(frozen=True)
class Served:
    """What learners were marked with before a publication: a version, and whether it was itself
    a published one (else the rubrics folder's)."""

    version: str
    published: bool

    @property
    def described(self) -> str:
        """'version 0.9.57 (the rubrics folder's)' or 'version 0.9.58 (published)'."""
        whose = "published" if self.published else "the rubrics folder's"
        return f"version {self.version} ({whose})"


@dataclass(frozen=True)
class Publication:
    """A published rubric, as its sidecar records it."""

    rubric_id: str
    version: str
    fingerprint: str
    published_at: datetime
    published_by: str
    replaces: Served | None
    """What learners were marked with before (None: no rubric had this id)."""

    def to_dict(self) -> dict[str, Any]:
        """The sidecar's content."""
        return {
            "rubric_id": self.rubric_id,
            "version": self.version,
            "fingerprint": self.fingerprint,
            "published_at": self.published_at.isoformat(),
            "published_by": self.published_by,
            "replaces": None
            if self.replaces is None
            else {"version": self.replaces.version, "published": self.replaces.published},
        }

    def to_json(self) -> str:
        """The sidecar's text."""
        return json.dumps(self.to_dict(), indent=2)

    @classmethod
    def from_json(cls, text: str) -> Publication:
        """Read a sidecar; ValueError (KeyError, TypeError) when it is not one."""
        return cls.from_dict(json.loads(text))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Publication:
        """A sidecar's content; ValueError (KeyError, TypeError) when it is not one."""
        replaces = data.get("replaces")
        return cls(
            rubric_id=str(data["rubric_id"]),
            version=str(data["version"]),
            fingerprint=str(data["fingerprint"]),
            published_at=datetime.fromisoformat(data["published_at"]),
            published_by=str(data["published_by"]),
            replaces=None
            if replaces is None
            else Served(str(replaces["version"]), bool(replaces["published"])),
        )


@dataclass(frozen=True)
class PastPublication:
    """A publication no longer served: a line of the history."""

    publication: Publication
    ended_at: datetime
    """When it was withdrawn or replaced."""


Spans = Sequence[tuple[datetime, datetime]]
"""Times a rubric was served, each (from, until)."""
MarkedOutside = Callable[[str, Spans], bool]
"""Whether any of learners' marks naming a version (the first argument) was given outside every
span, or at no recorded time: the publish route asks the database."""


def published_dir() -> Path:
    """The app's published folder (it may not exist yet)."""
    return Path(current_app.config["PUBLISHED_RUBRICS_DIR"]).expanduser()


def _published_folders() -> list[Path]:
    """Every published rubric's folder: a folder with a rubric and a sidecar, not one being
    written or removed (those have hidden names)."""
    try:
        entries = sorted(published_dir().iterdir())
    except OSError:  # not made yet (nothing published), or unreadable: serve the rubrics folder
        return []
    return [
        entry
        for entry in entries
        if not entry.name.startswith(".")
        and (entry / RUBRIC_FILE).is_file()
        and (entry / SIDECAR).is_file()
    ]


def published_rubrics() -> dict[str, Path]:
    """Rubric id -> rubric file of every published rubric (the folder's name is the id)."""
    return {folder.name: folder / RUBRIC_FILE for folder in _published_folders()}


def publications() -> dict[str, Publication]:
    """Rubric id -> its publication, for every published rubric whose sidecar reads."""
    found = {}
    for folder in _published_folders():
        try:
            found[folder.name] = Publication.from_json((folder / SIDECAR).read_text("utf-8"))
        except (OSError, ValueError, KeyError, TypeError):
            current_app.logger.warning("%s: not a publication record", folder / SIDECAR)
    return found


def _cannot_write(exc: OSError, doing: str) -> PublishError:
    """The message for a published folder the server cannot write: the reason, never the path
    (pages do not show the server's paths; the log has it)."""
    current_app.logger.warning("cannot %s in %s: %s", doing, published_dir(), exc)
    reason = exc.strerror or type(exc).__name__
    return PublishError(
        f"the server cannot write to its published rubrics folder ({reason})",
        hint=f"whoever runs the server can make it writable, or set {ENV_PUBLISHED} to a "
        "folder the server may write to",
    )


def published_only() -> list[str]:
    """The ids of published rubrics whose original is no longer in the rubrics folder: the
    published copy is all learners have of them, and withdrawing it takes the rubric away."""
    from webapp.grading import rubrics_dir  # here: webapp.grading imports this module

    originals = available_rubrics(rubrics_dir())
    return [rubric_id for rubric_id in published_rubrics() if rubric_id not in originals]


def warn_of_published_only(app: Flask) -> None:
    """Log one warning per published rubric whose original left the rubrics folder (the server
    starts once; its workers do not say it again)."""
    with app.app_context():
        found = publications()
        for rubric_id in published_only():
            which = f"version {found[rubric_id].version} " if rubric_id in found else ""
            app.logger.warning(
                "published rubric %s %s(%s) is served from its published copy only: the rubrics "
                "folder has no rubric %s any more; learners are still marked with the copy, and "
                "a tutor who withdraws it on the rubric list takes %s away from learners",
                rubric_id,
                which,
                published_dir() / rubric_id,
                rubric_id,
                rubric_id,
            )


def history(rubric_id: str) -> list[PastPublication]:
    """Every publication of ``rubric_id`` no longer served, oldest first (a line that does not
    read is skipped, with a warning: less evidence only ever refuses more)."""
    path = published_dir() / HISTORY
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    except OSError as exc:
        current_app.logger.warning("cannot read %s: %s", path, exc)
        return []
    found = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            past = PastPublication(
                Publication.from_dict(data), datetime.fromisoformat(data["ended_at"])
            )
        except (ValueError, KeyError, TypeError):
            current_app.logger.warning("%s:%d: not a publication record", path, number)
            continue
        if past.publication.rubric_id == rubric_id:
            found.append(past)
    return found


def _remember(publication: Publication | None) -> None:
    """Add a publication that has just stopped being served to the history. A failure is logged,
    not raised: the withdrawal or replacement has happened, and without the line the version is
    only refused if published again."""
    if publication is None:
        return
    ended_at = datetime.now(UTC)
    line = json.dumps({**publication.to_dict(), "ended_at": ended_at.isoformat()})
    path = published_dir() / HISTORY
    try:
        with path.open("a", encoding="utf-8") as f:
            f.write(line + "\n")  # one short write: appends from other workers do not interleave
    except OSError as exc:
        current_app.logger.warning(
            "cannot record %s version %s in %s: %s",
            publication.rubric_id,
            publication.version,
            path,
            exc,
        )


def _read_publication(folder: Path) -> Publication | None:
    """The publication in a published folder, None when there is none or its sidecar does not
    read."""
    try:
        return Publication.from_json((folder / SIDECAR).read_text("utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def publish(
    zip_bytes: bytes,
    rubric_id: str,
    *,
    by: str,
    served: LoadedRubric | None,
    versions_marked: set[str],
    marked_outside: MarkedOutside,
) -> Publication:
    """Publish a tuned rubric's download under ``rubric_id``, replacing ``served`` (what learners
    are marked with now). ``versions_marked``: the versions learners' marks name;
    ``marked_outside``: whether marks naming a version were given outside given times. PublishError
    when the rubric does not load, is another id, or would give a version a second meaning."""
    from webapp.tuned_download import unpack_tuned

    root = published_dir()
    try:
        root.mkdir(parents=True, exist_ok=True)
        # hidden, in the same folder: the rename into place is one step on one file system
        staging = Path(tempfile.mkdtemp(prefix=".publishing-", dir=root))
    except OSError as exc:
        raise _cannot_write(exc, "publish") from exc
    try:
        try:
            rubric_file = unpack_tuned(zip_bytes, staging)
            loaded = load_rubric(rubric_file)
        except RubricError as exc:
            raise PublishError(f"the tuned rubric does not load: {exc.message}") from exc
        if loaded.id != rubric_id:
            raise PublishError(f"the tuned rubric is {loaded.id!r}, not {rubric_id!r}")
        _check_version(loaded, served, versions_marked, marked_outside)
        target = root / rubric_id
        _newer_than(rubric_file, target / RUBRIC_FILE)
        publication = Publication(
            rubric_id=rubric_id,
            version=loaded.version,
            fingerprint=loaded.fingerprint,
            published_at=datetime.now(UTC).replace(microsecond=0),
            published_by=by,
            replaces=None
            if served is None
            else Served(served.version, published=(target / SIDECAR).is_file()),
        )
        (staging / SIDECAR).write_text(publication.to_json(), encoding="utf-8")
        replaced = _read_publication(target)
        _move_into_place(staging, target)
        _remember(replaced)
    except OSError as exc:
        raise _cannot_write(exc, "publish") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone already when it was moved into place
    return publication


def _check_version(
    loaded: LoadedRubric,
    served: LoadedRubric | None,
    versions_marked: set[str],
    marked_outside: MarkedOutside,
) -> None:
    """A version names one rubric: the marks a learner was given name the version, so a tuned
    rubric may take a version that is served or that marks name only when it is that rubric.

    Marks store the version, not the rubric's fingerprint, so for a version that is not served
    now the evidence is the history: the version may return when this very rubric (same
    fingerprint) was published under it, and every mark naming it was given while that
    publication was served. A mark given at any other time may come from another rubric of the
    same version (the rubrics folder's, say), and the version is refused."""
    if served is not None and served.fingerprint == loaded.fingerprint:
        return  # the rubric learners are marked with now, published again
    if served is not None and loaded.version == served.version:
        raise _second_meaning(loaded)
    if loaded.version not in versions_marked:
        return
    spans = [
        (past.publication.published_at, past.ended_at)
        for past in history(loaded.id)
        if past.publication.version == loaded.version
        and past.publication.fingerprint == loaded.fingerprint
    ]
    if not spans or marked_outside(loaded.version, spans):
        raise _second_meaning(loaded)


def _second_meaning(loaded: LoadedRubric) -> PublishError:
    """The refusal of a version that names another rubric."""
    return PublishError(
        f"version {loaded.version} of {loaded.id} already names another rubric: learners "
        "are, or were, marked with it",
        hint="tune the rubric as it is served now (the tuned version then takes the next "
        "free number) and publish that",
    )


def _newer_than(new: Path, old: Path) -> None:
    """Give the new rubric file a modification time past the one it replaces: the library caches
    a rubric by path, time and size, and the path stays the same."""
    try:
        before = old.stat().st_mtime_ns
    except OSError:
        return
    now = max(new.stat().st_mtime_ns, before + 1)
    os.utime(new, ns=(now, now))


def _move_into_place(staging: Path, target: Path) -> None:
    """Rename the complete folder to ``target``, the folder there before moved aside first and
    deleted after (so a failed rename puts it back)."""
    aside = None
    if target.exists():
        aside = target.with_name(f".replaced-{secrets.token_hex(4)}")
        target.rename(aside)
    try:
        staging.rename(target)
    except OSError:
        if aside is not None:
            aside.rename(target)
        raise
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)


def withdraw(rubric_id: str) -> Publication | None:
    """Remove the published copy of ``rubric_id``, so the rubrics folder's is served again, and
    return its publication (None when its sidecar does not read). PublishError when none is
    published or it cannot be removed."""
    target = published_rubrics().get(rubric_id)
    if target is None:
        raise PublishError(f"no tuned version of {rubric_id} is published")
    folder = target.parent
    publication = _read_publication(folder)
    gone = folder.with_name(f".withdrawn-{secrets.token_hex(4)}")
    try:
        folder.rename(gone)  # one step: learners get either the published copy or the original
    except OSError as exc:
        raise _cannot_write(exc, "withdraw") from exc
    shutil.rmtree(gone, ignore_errors=True)
    _remember(publication)
    return publication
