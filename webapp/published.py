"""Published rubrics: a tutor's tuned rubric, served to learners in place of the rubrics folder's
rubric of the same id until it is withdrawn.

The published folder (``PUBLISHED_RUBRICS_DIR``) holds one folder per rubric id, named by the id:
the tuning page's download, unzipped, with a sidecar (``published.json``) saying the version, who
published it and when, and what it replaced. A folder is written beside it under a hidden name,
loaded with the library's loader, and only then renamed into place; the copy it replaces is moved
aside first and deleted after. Nothing here touches the rubrics folder or the database.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from flask import current_app

from evaluator.errors import EvaluatorError, RubricError
from evaluator.rubric import LoadedRubric, load_rubric

SIDECAR = "published.json"
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

    def to_json(self) -> str:
        """The sidecar's text."""
        return json.dumps(
            {
                "rubric_id": self.rubric_id,
                "version": self.version,
                "fingerprint": self.fingerprint,
                "published_at": self.published_at.isoformat(),
                "published_by": self.published_by,
                "replaces": None
                if self.replaces is None
                else {"version": self.replaces.version, "published": self.replaces.published},
            },
            indent=2,
        )

    @classmethod
    def from_json(cls, text: str) -> Publication:
        """Read a sidecar; ValueError (KeyError, TypeError) when it is not one."""
        data = json.loads(text)
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


def publish(
    zip_bytes: bytes,
    rubric_id: str,
    *,
    by: str,
    served: LoadedRubric | None,
    versions_marked: set[str],
) -> Publication:
    """Publish a tuned rubric's download under ``rubric_id``, replacing ``served`` (what learners
    are marked with now). ``versions_marked``: the versions learners' marks name. PublishError
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
        _check_version(loaded, served, versions_marked)
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
        _move_into_place(staging, target)
    except OSError as exc:
        raise _cannot_write(exc, "publish") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone already when it was moved into place
    return publication


def _check_version(
    loaded: LoadedRubric, served: LoadedRubric | None, versions_marked: set[str]
) -> None:
    """A version names one rubric: the marks a learner was given name the version, so a tuned
    rubric may take a version that is served or that marks name only when it is that rubric."""
    if served is not None and served.fingerprint == loaded.fingerprint:
        return  # the rubric learners are marked with now, published again
    taken = set(versions_marked) | ({served.version} if served is not None else set())
    if loaded.version in taken:
        raise PublishError(
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
    publication = publications().get(rubric_id)
    folder = target.parent
    gone = folder.with_name(f".withdrawn-{secrets.token_hex(4)}")
    try:
        folder.rename(gone)  # one step: learners get either the published copy or the original
    except OSError as exc:
        raise _cannot_write(exc, "withdraw") from exc
    shutil.rmtree(gone, ignore_errors=True)
    return publication
