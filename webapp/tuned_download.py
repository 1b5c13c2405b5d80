"""The tuning page's download: the tuned rubric as `mains-eval rubric tune --out` writes it (the
summary comment on top), zipped in one folder with the source notes, source fingerprint and model
answers it names, so the unzipped folder passes `mains-eval rubric check` on its own. Publishing
to learners unzips the same bytes (``unpack_tuned``)."""

from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from evaluator.rubric import Rubric
    from evaluator.tools.tune import TuningResult

RUBRIC_FILE = "rubric.yaml"


@dataclass(frozen=True)
class TunedDownload:
    """What the page offers: the folder name, the rubric.yaml text and the zip's bytes."""

    folder: str
    yaml: str
    zip_bytes: bytes
    version: str
    """The tuned rubric's version, as rubric.yaml says it."""
    audit: tuple[str, ...] = ()
    """`rubric audit` of the tuned questions, one line each (as `rubric tune --out` prints it):
    on the tutor's best-marked answer too when a question has no model answer."""

    @property
    def filename(self) -> str:
        """The zip's file name."""
        return f"{self.folder}.zip"


def _in_folder(relative: str, taken: set[str]) -> str:
    """Where a file the rubric names goes in the zip: at the same relative path when it lies
    inside the rubric's folder, else beside rubric.yaml under its own name (never outside)."""
    path = PurePosixPath(relative.replace("\\", "/"))
    name = path.as_posix() if not path.is_absolute() and ".." not in path.parts else path.name
    stem, suffix, n = PurePosixPath(name).stem, PurePosixPath(name).suffix, 1
    while name in taken or name == RUBRIC_FILE:  # two notes of one name from different folders
        n += 1
        name = f"{stem}-{n}{suffix}"
    taken.add(name)
    return name


def _companions(rubric: Rubric) -> tuple[Rubric, dict[str, str]]:
    """The rubric with every path it names made a path inside the zip, and in-zip name ->
    the path as the rubric named it (relative to its own folder)."""
    files: dict[str, str] = {}
    taken: set[str] = set()
    by_original: dict[str, str] = {}

    def place(relative: str) -> str:
        if relative not in by_original:
            by_original[relative] = _in_folder(relative, taken)
            files[by_original[relative]] = relative
        return by_original[relative]

    from evaluator.rubric import map_paths

    return map_paths(rubric, place), files


def _summary_header(text: str) -> list[str]:
    """The comment lines on top of a rubric file, as `rubric_yaml(header=...)` takes them."""
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line[2:] if line.startswith("# ") else line[1:])
    return header


def tuned_download(
    result: TuningResult, version: str | None = None, *, audit: bool = False
) -> TunedDownload:
    """Build the download, under ``version`` when given (else the tuned rubric's own), with the
    audit of the tuned questions when ``audit``; RubricError when the folder would not pass
    `rubric check` (a bug)."""
    from evaluator.errors import RubricError
    from evaluator.rubric import check_rubric, load_rubric, rubric_yaml
    from evaluator.tools.tune import audit_tuned, write_tuned_rubric

    rubric, files = _companions(result.rubric)
    if version is not None:
        rubric = rubric.model_copy(update={"version": version})
    folder = f"{rubric.id}-{rubric.version}"
    with tempfile.TemporaryDirectory(prefix="mains-eval-tuned-") as tmp:
        # the library writes the file the CLI writes (its summary comment on top); its paths
        # point back at the server's rubric folder, so the rubric is written again with the
        # paths of the files that travel with it
        written = write_tuned_rubric(result, Path(tmp) / "cli" / RUBRIC_FILE)
        header = _summary_header(written.read_text(encoding="utf-8"))
        text = rubric_yaml(rubric, header=header)
        staging = Path(tmp) / folder
        staging.mkdir()
        (staging / RUBRIC_FILE).write_text(text, encoding="utf-8")
        source = result.source.folder
        for name, relative in files.items():
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes((source / relative).read_bytes())
        problems = check_rubric(staging)
        if problems:
            raise RubricError(
                "the tuned rubric's folder does not check: " + "; ".join(map(str, problems[:3]))
            )
        # the audit `rubric tune --out` prints: a tutor publishing from the page had seen none
        # (trial 33)
        audited = tuple(audit_tuned(result, load_rubric(staging))) if audit else ()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(staging.rglob("*")):
                if path.is_file():
                    archive.write(path, f"{folder}/{path.relative_to(staging).as_posix()}")
    return TunedDownload(
        folder=folder,
        yaml=text,
        zip_bytes=buffer.getvalue(),
        version=rubric.version,
        audit=audited,
    )


def unpack_tuned(zip_bytes: bytes, target: Path) -> Path:
    """Unzip a download's folder into ``target`` (an empty folder) and return its rubric.yaml.
    RubricError when the bytes are not one such folder: a member outside it, or no rubric.yaml."""
    from evaluator.errors import RubricError

    try:
        with zipfile.ZipFile(io.BytesIO(zip_bytes)) as archive:
            members = [info for info in archive.infolist() if not info.is_dir()]
            tops = {PurePosixPath(info.filename).parts[0] for info in members}
            if len(tops) != 1 or f"{next(iter(tops))}/{RUBRIC_FILE}" not in archive.namelist():
                raise RubricError(
                    f"the tuned rubric's zip does not hold one folder with {RUBRIC_FILE}"
                )
            for info in members:
                inside = PurePosixPath(info.filename).parts[1:]
                if not inside or any(part in ("", ".", "..") for part in inside):
                    raise RubricError(f"the tuned rubric's zip names {info.filename!r}")
                path = target.joinpath(*inside)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(archive.read(info))
    except zipfile.BadZipFile as exc:
        raise RubricError(f"the tuned rubric's zip cannot be read: {exc}") from exc
    return target / RUBRIC_FILE
