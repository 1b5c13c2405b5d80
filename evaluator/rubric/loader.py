"""Finding, loading and checking rubrics.

Every problem is reported as ``file:line: key.path: message (hint: ...)``; nothing here raises
anything but :class:`~evaluator.errors.RubricError` for a user's mistake.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from evaluator.errors import InputError, RubricError, RubricNotFoundError, RubricProblem
from evaluator.rubric.fingerprint import read_fingerprint
from evaluator.rubric.model import Question, Rubric, Slug
from evaluator.scoring.inputs import without_long_runs
from evaluator.textfile import read_bounded

_LIBYAML_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeys(_LIBYAML_LOADER):  # type: ignore[valid-type,misc]
    """libyaml's safe loader, refusing a key written twice in one mapping: a second `questions:`
    block had silently replaced the first, and `rubric check` said ok (hostile trial 33)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in seen
            except TypeError:  # an unhashable key: the constructor reports it
                continue
            if duplicate:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping",
                    node.start_mark,
                    f"the key {key!r} is written twice (the second would replace the first)",
                    key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


FAST_LOADER: type[yaml.SafeLoader] = _UniqueKeys
"""libyaml's safe loader when PyYAML was built with it (the wheels are), else the Python one."""

RUBRIC_FILE = "rubric.yaml"
ENV_RUBRICS = "MAINS_EVAL_RUBRICS"
MAX_RUBRIC_BYTES = 2_000_000

_HINTS = {
    "extra_forbidden": "remove the key or fix its spelling (see `mains-eval rubric schema`)",
    "missing": "add this key",
    "greater_than": "use a number above zero",
    "greater_than_equal": "use a larger number",
    "less_than_equal": "use a smaller number",
    "too_short": "add at least one item",
    "string_too_short": "write a non-empty value",
    "string_pattern_mismatch": "use lower-case letters, digits and - . _ + only, e.g. 'cepa-2011'",
    "literal_error": "use one of the allowed values",
    "list_type": "write a YAML list (items starting with '- ')",
    "dict_type": "write a YAML mapping (key: value lines)",
    "model_type": "write a YAML mapping (key: value lines)",
    "float_parsing": "write a number",
    "int_parsing": "write a whole number",
    "string_type": "write text (quote it if YAML reads it as a number or date)",
}


@dataclass(frozen=True)
class LoadedRubric:
    """A validated rubric with its folder, source notes and model answers."""

    rubric: Rubric
    path: Path
    source_notes: str
    model_answers: dict[str, str] = field(default_factory=dict)
    fingerprint: str = ""
    """sha256 of the rubric file, its source notes and source fingerprint: changes whenever the
    marks may change."""
    source_hashes: frozenset[int] = frozenset()
    """Hashed word runs of the document the rubric came from (see rubric.fingerprint)."""
    source_shingle: int = 0
    """Words per run of ``source_hashes`` (0 when the rubric has no source fingerprint)."""
    question_notes: dict[str, str] = field(default_factory=dict)
    """Question id -> the text of its own ``source_notes`` (a merged test's question)."""

    @property
    def folder(self) -> Path:
        """The rubric's folder."""
        return self.path.parent

    @property
    def id(self) -> str:
        """The rubric id."""
        return self.rubric.id

    @property
    def version(self) -> str:
        """The rubric version."""
        return self.rubric.version


_views: dict[tuple[str, str], tuple[LoadedRubric, Question]] = {}
_views_lock = threading.Lock()


def question_view(loaded: LoadedRubric, question: Question) -> tuple[LoadedRubric, Question]:
    """The rubric a question with its own ``source_notes`` is graded against: a rubric of that
    question alone, with the dimensions it counts (or its parts name), their facts, its notes and
    model answer, and its text for title (session 44: in a merged test each question's off-topic
    and spelling checks had read every draft's notes and points). Any other question: as given.
    """
    if question.id not in loaded.question_notes:
        return loaded, question
    key = (loaded.fingerprint, question.id)
    with _views_lock:
        found = _views.get(key)
    if found is not None:
        return found
    rubric = loaded.rubric
    own_dims = {d.id for d in question.dimensions} | {
        p.dimension for p in question.parts if p.dimension
    }
    dimensions = [d for d in rubric.dimensions if d.id in own_dims]
    concepts = {c.id for d in dimensions for c in d.concepts}
    answers = {k: v for k, v in loaded.model_answers.items() if k == question.id}
    own_text = "\n".join(
        [
            question.model_dump_json(),
            *(d.model_dump_json() for d in dimensions),
            loaded.question_notes[question.id],
            *answers.values(),
        ]
    )
    view = rubric.model_copy(
        update={
            "title": question.text,
            "description": "",
            "dimensions": dimensions,
            "facts": [f for f in rubric.facts if f.concept in concepts],
            "questions": [question],
            "synonyms": [s for s in rubric.synonyms if _names_any(own_text, s)],
        }
    )
    fingerprint = hashlib.sha256(f"{loaded.fingerprint}\0{question.id}".encode()).hexdigest()
    found = (
        replace(
            loaded,
            rubric=view,
            source_notes=loaded.question_notes[question.id],
            model_answers=answers,
            fingerprint=fingerprint,
            question_notes={},
        ),
        question,
    )
    with _views_lock:
        _views[key] = found
    return found


def _names_any(text: str, words: Iterable[str]) -> bool:
    """Whether ``text`` writes any of ``words`` as a word of its own (any case): a merged test's
    synonym class applies to a question whose points, notes or model answer name one of its
    words, as the draft that wrote it ("CO2" for carbon dioxide), not to the other questions."""
    return any(
        re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text, re.IGNORECASE) for word in words
    )


# --- locating rubrics ------------------------------------------------------------------------


def default_rubrics_dir() -> Path:
    """The rubrics folder: $MAINS_EVAL_RUBRICS, else the project's own `rubrics/`."""
    env = os.environ.get(ENV_RUBRICS)
    if env:
        return Path(env).expanduser()
    return Path(__file__).resolve().parents[2] / "rubrics"


@dataclass(frozen=True)
class DuplicateRubric:
    """A rubric folder that is ignored because a folder before it (by name) has the same id."""

    rubric_id: str
    """The id both folders have."""
    path: Path
    """The ignored folder's rubric file."""
    served: Path
    """The rubric file served under that id instead."""
    suggested_id: str | None = None
    """An id the copy could take: its folder's name, when that is a valid id no folder has."""

    @property
    def folder(self) -> Path:
        """The ignored folder."""
        return self.path.parent

    @property
    def served_folder(self) -> Path:
        """The folder served under the id instead."""
        return self.served.parent

    @property
    def fix(self) -> str:
        """How to serve the copy too: give it an id of its own."""
        example = f" (e.g. `id: {self.suggested_id}`)" if self.suggested_id else ""
        return f"give the copy its own `id:` in {self.path}{example}"

    @property
    def message(self) -> str:
        """One line: the ignored folder, the id it shares, the folder served instead, the fix."""
        return (
            f"{self.folder} is ignored: its rubric id {self.rubric_id!r} is taken by "
            f"{self.served_folder}, which is served instead; to serve both, {self.fix}"
        )


def available_rubrics(rubrics_dir: Path | None = None) -> dict[str, Path]:
    """Map of rubric id to rubric file for every folder under the rubrics folder. When two
    folders have the same id, the first by folder name is served (see duplicate_rubrics)."""
    return _scan_rubrics(rubrics_dir)[0]


def duplicate_rubrics(rubrics_dir: Path | None = None) -> list[DuplicateRubric]:
    """The rubric folders available_rubrics ignores because an earlier folder has their id."""
    return _scan_rubrics(rubrics_dir)[1]


def _scan_rubrics(rubrics_dir: Path | None) -> tuple[dict[str, Path], list[DuplicateRubric]]:
    root = rubrics_dir or default_rubrics_dir()
    found: dict[str, Path] = {}
    duplicates: list[DuplicateRubric] = []
    if not root.is_dir():
        return found, duplicates
    # sorted by folder name, so which folder is served for an id never depends on the order
    # the file system lists them in ('india-japan' comes before 'india-japan-tuned')
    for candidate in sorted(root.glob(f"*/{RUBRIC_FILE}"), key=lambda path: path.parent.name):
        rubric_id = _peek_id(candidate) or candidate.parent.name
        served = found.setdefault(rubric_id, candidate)
        if served != candidate:
            duplicates.append(DuplicateRubric(rubric_id, candidate, served))
    return found, [replace(d, suggested_id=_free_id(d.folder.name, found)) for d in duplicates]


def _free_id(name: str, taken: dict[str, Path]) -> str | None:
    """``name`` when it is a valid rubric id that no folder has, else None."""
    if name in taken:
        return None
    try:
        return TypeAdapter(Slug).validate_python(name)
    except ValidationError:
        return None


_peeked: dict[tuple[Path, int, int], str | None] = {}


def _peek_id(path: Path) -> str | None:
    """The id a rubric file declares (cached by modification time: parsing is slow)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (path, stat.st_mtime_ns, stat.st_size)
    if key not in _peeked:
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=FAST_LOADER)
        except (OSError, ValueError, RecursionError, yaml.YAMLError):
            # ValueError: UnicodeDecodeError, or a number of over 4,300 digits
            data = None
        found = data.get("id") if isinstance(data, dict) else None
        _peeked[key] = found if isinstance(found, str) else None
    return _peeked[key]


def resolve_rubric(ref: str | os.PathLike[str], rubrics_dir: Path | None = None) -> Path:
    """Turn a path (file or folder) or a rubric id into the rubric file's path."""
    path = Path(ref).expanduser()
    if path.is_dir():
        path = path / RUBRIC_FILE
    if path.is_file():
        return path.resolve()
    known = available_rubrics(rubrics_dir)
    if str(ref) in known:
        return known[str(ref)]
    listing = ", ".join(sorted(known)) or "none"
    if Path(ref).expanduser().is_dir():
        # hostile trial 34: a folder without rubric.yaml had been called "not a file or folder"
        raise RubricNotFoundError(
            f"no rubric {str(ref)!r}: the folder holds no {RUBRIC_FILE} (rubric ids: {listing})",
            hint=f"pass the folder that holds {RUBRIC_FILE}, or a path to the rubric file",
        )
    raise RubricNotFoundError(
        f"no rubric {str(ref)!r}: not a file or folder, and not a rubric id (rubrics: {listing})",
        hint=f"pass a path to {RUBRIC_FILE}, or set {ENV_RUBRICS} to your rubrics folder",
    )


# --- loading ----------------------------------------------------------------------------------

_cache: dict[tuple[Path, int, int], LoadedRubric] = {}
_cache_lock = threading.Lock()


def load_rubric(ref: str | os.PathLike[str], rubrics_dir: Path | None = None) -> LoadedRubric:
    """Load and validate a rubric by path or id. Cached by file and modification time."""
    path = resolve_rubric(ref, rubrics_dir)
    stat = path.stat()
    key = (path, stat.st_mtime_ns, stat.st_size)
    with _cache_lock:
        cached = _cache.get(key)
    if cached is not None:
        return cached
    loaded = _load_uncached(path)
    with _cache_lock:
        _cache[key] = loaded
    return loaded


def _load_uncached(path: Path) -> LoadedRubric:
    rubric, problems, raw = parse_rubric_file(path)
    if rubric is None or problems:
        raise RubricError(f"{path}: rubric is not valid", problems=problems)
    notes_path = path.parent / rubric.source_notes
    notes = notes_path.read_text(encoding="utf-8")  # existence checked by parse_rubric_file
    answers: dict[str, str] = {}
    for question in rubric.questions:
        if question.model_answer:
            answers[question.id] = without_long_runs(
                (path.parent / question.model_answer).read_text(encoding="utf-8")
            )
    hashed = hashlib.sha256(raw + b"\0" + notes.encode("utf-8"))
    notes = without_long_runs(notes)
    own: dict[str, str] = {}
    for question in rubric.questions:
        if question.source_notes:
            text = (path.parent / question.source_notes).read_text(encoding="utf-8")
            hashed.update(b"\0" + text.encode("utf-8"))
            own[question.id] = without_long_runs(text)
    size, hashes = 0, frozenset[int]()
    if rubric.source_fingerprint:
        fingerprint_path = path.parent / rubric.source_fingerprint
        size, hashes = read_fingerprint(fingerprint_path)
        hashed.update(b"\0" + fingerprint_path.read_bytes())
    return LoadedRubric(rubric, path, notes, answers, hashed.hexdigest(), hashes, size, own)


def _tab_at(text: str, mark: Any) -> tuple[int, int] | None:
    """(line, column), both from 1, of the tab a YAML error points at: the character at the
    error, or a tab in the indentation of its line; None when there is none."""
    lines = text.splitlines()
    if not 0 <= mark.line < len(lines):
        return None
    row = lines[mark.line]
    if 0 <= mark.column < len(row) and row[mark.column] == "\t":
        return mark.line + 1, mark.column + 1
    indent = row[: len(row) - len(row.lstrip(" \t"))]
    if "\t" in indent:
        return mark.line + 1, indent.index("\t") + 1
    return None


def parse_rubric_file(path: Path) -> tuple[Rubric | None, list[RubricProblem], bytes]:
    """Read, parse and validate a rubric file; return the rubric (or None) and every problem."""
    name = str(path)
    try:
        # its type and size are checked before it is read: a path naming a pipe would block, a
        # device never end, and an oversized file is never read whole
        raw = read_bounded(path, MAX_RUBRIC_BYTES)
    except InputError as exc:
        reason = exc.message.removeprefix(f"{name}: ")
        hint = "split the topic into several rubrics" if "the limit is" in reason else None
        return None, [RubricProblem(name, "", f"cannot read the file: {reason}", hint)], b""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        msg = f"not UTF-8 text (byte {exc.start})"
        return None, [RubricProblem(name, "", msg, "save the file as UTF-8")], raw
    try:
        # libyaml parses in a fraction of the pure-Python loader's time; the line-aware node tree
        # is composed below only when there is a problem to locate
        data = yaml.load(text, Loader=FAST_LOADER)
    except (ValueError, RecursionError) as exc:
        # a number of over 4,300 digits (Python will not convert it), or nesting too deep
        # (hostile trial 33: each had stopped `rubric check` and every page with a traceback)
        problem = (
            "nested too deeply"
            if isinstance(exc, RecursionError)
            else "a number too long to read (over 4,300 digits)"
            if "digits" in str(exc)
            else f"unreadable value: {exc}"
        )
        hint = "check the numbers and the nesting"
        return None, [RubricProblem(name, "", f"invalid YAML: {problem}", hint)], raw
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        hint = "check indentation"
        tab = _tab_at(text, mark) if mark is not None else None
        if tab is not None:
            # a tab is invisible in most editors: "cannot start any token" never said it
            problem = f"line {tab[0]}, column {tab[1]} is a tab ({problem})"
            hint = "indent YAML with spaces, not tabs"
        return (
            None,
            [RubricProblem(name, "", f"invalid YAML: {problem}", hint, line)],
            raw,
        )
    if not isinstance(data, dict):
        msg = "the rubric must be a YAML mapping with keys such as id, title, dimensions"
        return (
            None,
            [RubricProblem(name, "", msg, "start from rubrics/india-japan/rubric.yaml")],
            raw,
        )
    rubric, problems = validate_rubric_data(data, name)
    if rubric is not None:
        problems.extend(_file_problems(rubric, path, None))
    if problems:  # locate each problem: file:line needs the node tree
        try:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        except RecursionError:  # the pure-Python composer nests deeper than libyaml reads
            node = None
        rubric, problems = validate_rubric_data(data, name, node)
        if rubric is not None:
            problems.extend(_file_problems(rubric, path, node))
    return rubric, problems, raw


def validate_rubric_data(
    data: dict[str, Any], file: str = "<rubric>", node: yaml.Node | None = None
) -> tuple[Rubric | None, list[RubricProblem]]:
    """Validate parsed YAML: schema first, then cross-references. Returns every problem found."""
    try:
        rubric = Rubric.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            message = error["msg"]
            if error["type"] == "literal_error":
                message = f"{message} (got {error.get('input')!r})"
            problems.append(
                RubricProblem(
                    file,
                    _dotted(loc),
                    message,
                    _HINTS.get(error["type"]),
                    _line_of(node, loc),
                )
            )
        return None, problems
    return rubric, [
        RubricProblem(file, _dotted(loc), msg, hint, _line_of(node, loc))
        for loc, msg, hint in semantic_problems(rubric)
    ]


def semantic_problems(rubric: Rubric) -> list[tuple[tuple[Any, ...], str, str]]:
    """Cross-reference checks pydantic cannot express: duplicates and dangling references."""
    problems: list[tuple[tuple[Any, ...], str, str]] = []

    def duplicates(ids: Iterable[tuple[tuple[Any, ...], str]], kind: str) -> None:
        items = list(ids)
        counts = Counter(i for _, i in items)
        seen: set[str] = set()
        for loc, ident in items:
            if counts[ident] > 1 and ident in seen:
                problems.append(
                    (loc, f"duplicate {kind} id {ident!r}", f"give every {kind} a unique id")
                )
            seen.add(ident)

    duplicates(
        ((("dimensions", i, "id"), d.id) for i, d in enumerate(rubric.dimensions)), "dimension"
    )
    duplicates(
        (
            (("dimensions", i, "concepts", j, "id"), c.id)
            for i, d in enumerate(rubric.dimensions)
            for j, c in enumerate(d.concepts)
        ),
        "concept",
    )
    duplicates(((("facts", i, "id"), f.id) for i, f in enumerate(rubric.facts)), "fact")
    duplicates(((("questions", i, "id"), q.id) for i, q in enumerate(rubric.questions)), "question")

    scoring = rubric.scoring
    shares = (
        scoring.content_share,
        scoring.breadth_share,
        scoring.structure_share,
        scoring.relevance_share,
    )
    if sum(shares) <= 0:
        # every mark would divide by zero (hostile trial 33: `rubric check` said ok, and then
        # every grade, the batch rows and the server's start failed)
        problems.append(
            (
                ("scoring", "content_share"),
                "the four shares (content, breadth, structure, relevance) add up to 0",
                "give content_share a positive share, as 0.6 by default",
            )
        )
    dimension_ids = {d.id for d in rubric.dimensions}
    concept_ids = {c.id for _, c in rubric.concepts()}
    for i, fact in enumerate(rubric.facts):
        if fact.concept not in concept_ids:
            problems.append(
                (
                    ("facts", i, "concept"),
                    f"fact {fact.id!r} names concept {fact.concept!r}, which does not exist",
                    "use the id of a concept declared under dimensions",
                )
            )
        if fact.expected.kind != "name" and not isinstance(fact.expected.value, int | float):
            problems.append(
                (
                    ("facts", i, "expected", "value"),
                    f"a {fact.expected.kind} fact needs a numeric value",
                    "write the number without units, e.g. 75 with scale: billion",
                )
            )
    for i, question in enumerate(rubric.questions):
        seen_dims: set[str] = set()
        for j, qdim in enumerate(question.dimensions):
            if qdim.id not in dimension_ids:
                problems.append(
                    (
                        ("questions", i, "dimensions", j, "id"),
                        f"question {question.id!r} counts dimension {qdim.id!r}, "
                        "which does not exist",
                        "dimensions: " + ", ".join(sorted(dimension_ids)),
                    )
                )
            if qdim.id in seen_dims:
                problems.append(
                    (
                        ("questions", i, "dimensions", j, "id"),
                        f"dimension {qdim.id!r} is listed twice for question {question.id!r}",
                        "list each dimension once",
                    )
                )
            seen_dims.add(qdim.id)
            if qdim.id in dimension_ids and qdim.concepts:
                members = {c.id for c in rubric.dimension(qdim.id).concepts}
                for k, concept_id in enumerate(qdim.concepts):
                    if concept_id not in members:
                        problems.append(
                            (
                                ("questions", i, "dimensions", j, "concepts", k),
                                f"question {question.id!r} counts concept {concept_id!r} of "
                                f"dimension {qdim.id!r}, which has no such concept",
                                "concepts of that dimension: " + ", ".join(sorted(members)),
                            )
                        )
                if len(set(qdim.concepts)) != len(qdim.concepts):
                    problems.append(
                        (
                            ("questions", i, "dimensions", j, "concepts"),
                            f"a concept is listed twice for dimension {qdim.id!r} of question "
                            f"{question.id!r}",
                            "list each concept once",
                        )
                    )
    for i, dimension in enumerate(rubric.dimensions):
        for j, concept in enumerate(dimension.concepts):
            for k, group in enumerate(concept.cues):
                if len(set(t.lower() for t in group)) != len(group):
                    problems.append(
                        (
                            ("dimensions", i, "concepts", j, "cues", k),
                            f"cue group of concept {concept.id!r} repeats a term",
                            "list each alternative once",
                        )
                    )
    return problems


MAX_NOTES_BYTES = 1_000_000
"""Source notes and model answers larger than this are refused (the pipeline parses at most a
million characters; hostile trial 33 checked a 4.3 MB file 'ok' and then could not grade)."""


def _text_problem(
    path: Path, relative: str, loc: tuple[Any, ...], what: str, node: yaml.Node | None
) -> RubricProblem | None:
    """A problem with a text file the rubric names, when it exists but cannot be read as UTF-8
    text of a size the pipeline takes (hostile trial 33: notes saved as cp1252 or UTF-16 had
    stopped every command and page that loads the rubric with a traceback)."""
    file = path.parent / relative
    try:
        read_bounded(file, MAX_NOTES_BYTES).decode("utf-8")
    except InputError as exc:
        reason = exc.message.removeprefix(f"{file}: ")
        return RubricProblem(
            str(path), _dotted(loc), f"{what} {relative!r}: {reason}", None, _line_of(node, loc)
        )
    except UnicodeDecodeError as exc:
        return RubricProblem(
            str(path),
            _dotted(loc),
            f"{what} {relative!r} is not UTF-8 text (byte {exc.start})",
            "save the file as UTF-8",
            _line_of(node, loc),
        )
    return None


def _file_problems(rubric: Rubric, path: Path, node: yaml.Node | None) -> list[RubricProblem]:
    problems = []
    if (path.parent / rubric.source_notes).is_file():
        found = _text_problem(
            path, rubric.source_notes, ("source_notes",), "source notes file", node
        )
        problems += [found] if found else []
    else:
        problems.append(
            RubricProblem(
                str(path),
                "source_notes",
                f"source notes file {rubric.source_notes!r} does not exist",
                "write the notes beside rubric.yaml or fix the file name",
                _line_of(node, ("source_notes",)),
            )
        )
    if rubric.source_fingerprint and not (path.parent / rubric.source_fingerprint).is_file():
        problems.append(
            RubricProblem(
                str(path),
                "source_fingerprint",
                f"source fingerprint file {rubric.source_fingerprint!r} does not exist",
                "run `mains-eval rubric fingerprint RUBRIC DOCUMENT` or remove the key",
                _line_of(node, ("source_fingerprint",)),
            )
        )
    for i, question in enumerate(rubric.questions):
        if question.source_notes and (path.parent / question.source_notes).is_file():
            found = _text_problem(
                path,
                question.source_notes,
                ("questions", i, "source_notes"),
                "source notes file",
                node,
            )
            problems += [found] if found else []
        elif question.source_notes:
            loc = ("questions", i, "source_notes")
            problems.append(
                RubricProblem(
                    str(path),
                    _dotted(loc),
                    f"source notes file {question.source_notes!r} does not exist",
                    "fix the path (relative to the rubric folder) or remove the key",
                    _line_of(node, loc),
                )
            )
        if question.model_answer and (path.parent / question.model_answer).is_file():
            found = _text_problem(
                path,
                question.model_answer,
                ("questions", i, "model_answer"),
                "model answer file",
                node,
            )
            problems += [found] if found else []
        elif question.model_answer:
            loc = ("questions", i, "model_answer")
            problems.append(
                RubricProblem(
                    str(path),
                    _dotted(loc),
                    f"model answer file {question.model_answer!r} does not exist",
                    "fix the path (relative to the rubric folder) or remove the key",
                    _line_of(node, loc),
                )
            )
    return problems


def check_rubric(ref: str | os.PathLike[str]) -> list[RubricProblem]:
    """Every problem of a rubric (empty when it is valid). Raises only when it cannot be found."""
    path = resolve_rubric(ref)
    _, problems, _ = parse_rubric_file(path)
    return problems


# --- helpers ---------------------------------------------------------------------------------


def _dotted(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc)


def _line_of(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """1-based line of the deepest YAML node on the key path (for editors' jump-to-line)."""
    line = None
    current = node
    for part in loc:
        if current is None:
            break
        line = current.start_mark.line + 1
        nxt = None
        if isinstance(current, yaml.MappingNode):
            for key_node, value_node in current.value:
                if getattr(key_node, "value", None) != part:
                    continue
                line = key_node.start_mark.line + 1
                nxt = value_node
                break
        elif (
            isinstance(current, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(current.value)
        ):
            nxt = current.value[part]
        current = nxt
    if current is not None:
        line = current.start_mark.line + 1
    return line
