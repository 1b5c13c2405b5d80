"""`rubric merge`: join the rubrics of separate questions into one rubric (a class test of several
short questions, each derived from its reference answers with `rubric derive --reference`).

``batch``, ``tune`` and ``diff`` take one rubric; a tutor's test of five questions is five drafts,
every one with the ids ``answer``/``answer`` (session 43's teacher merged them by hand). The
merged rubric holds every question of every input, in order:

* a drafted question (its id the slug `rubric derive` made of its text) takes its folder's name
  (``derived/q1/rubric.yaml`` -> ``q1``: session 44's teacher's CSV said q1..q5 and matched none
  of the slugs), or ``question_ids`` (``--ids``) names every question; any other question keeps
  its id when no other input has a question of that id; otherwise it is
  ``<rubric id>-<question id>`` (said so);
* a dimension, concept or fact keeps its id when no other input uses it; otherwise it is prefixed
  with its rubric's question id (the rubric id for a rubric of several questions):
  ``answer`` -> ``q1-answer``, a learned phrase after its tuning prefix (``learned-q1-blue``).
  Every reference follows: a fact's concept, a question's dimensions and the concepts it counts,
  a part's dimension, and a tuned question's ``learned-<question>``/``examples-<question>``
  dimensions follow their question's id;
* what one rubric has one of must agree, or the merge is refused with what differs named: the
  ``scoring`` settings and ``structure`` expectations, and the bonus keywords and subject terms
  (the format keeps them for the whole rubric: merged, one draft's would apply to every
  question's answers);
* synonym classes are joined (classes sharing a word become one): drafts write them of what
  their references name ("CO2" for carbon dioxide, "C6H12O6" for glucose), so drafts of a test's
  questions seldom agree; a question with its own notes is graded with the classes that name a
  word of its own points, notes or model answer (``loader.question_view``), which are its
  draft's;
* a Mains question is refused: its checks and feedback read its rubric's title, subject names
  and every dimension, which a merged rubric cannot keep as they were for it alone;
* each question's own notes are copied to ``notes/<question id>.md`` (its ``source_notes``), so
  it is graded as a rubric of its own (``loader.question_view``): exactly as its draft alone. The
  rubric's notes are one file with a section per rubric, the model answers are copied under
  ``model-answers/`` and source fingerprints joined into one.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from evaluator.errors import OutputError, RubricError
from evaluator.rubric.fingerprint import fingerprint_text, read_fingerprint
from evaluator.rubric.loader import LoadedRubric, load_rubric, validate_rubric_data
from evaluator.rubric.model import (
    Question,
    Rubric,
    examples_dimension_id,
    learned_dimension_id,
)
from evaluator.rubric.write import rubric_yaml, write_rubric_atomically
from evaluator.text import free_id, plural

__all__ = ["MergedRubric", "merge_rubrics", "write_merged"]

RUBRIC_FILE = "rubric.yaml"
NOTES_FILE = "source-notes.md"
FINGERPRINT_FILE = "source-fingerprint.txt"
MODEL_ANSWERS = "model-answers"
QUESTION_NOTES = "notes"
"""Folder of each question's own notes (``notes/q1.md``)."""
MAX_ID = 80
"""Longest id the rubric format takes (``Slug``)."""
_ID = re.compile(r"[a-z0-9][a-z0-9._+-]{0,79}")
TUNE_PREFIXES = ("learned", "low-marked", "misconception", "example")
"""How `rubric tune` begins the ids it writes: a merged id keeps the prefix first
(``learned-q1-blue``), so it still says what the concept does."""


@dataclass(frozen=True)
class MergedRubric:
    """The merged rubric, its YAML and the files that go beside it."""

    rubric: Rubric
    yaml: str
    notes: str
    """The source notes file's text: a section per input rubric."""
    model_answers: dict[str, str]
    """Path in the folder (``model-answers/q1.md``) -> text."""
    fingerprint: str | None
    """The joined source fingerprint file's text, when an input had one."""
    renamed: list[str] = field(default_factory=list)
    """What was renamed, or changed for a question, one sentence each (said to the user)."""
    question_notes: dict[str, str] = field(default_factory=dict)
    """Path in the folder (``notes/q1.md``) -> each question's own notes."""


def merge_rubrics(
    refs: Sequence[str | os.PathLike[str] | LoadedRubric],
    *,
    rubric_id: str | None = None,
    title: str | None = None,
    question_ids: Sequence[str] | None = None,
) -> MergedRubric:
    """Join the rubrics (paths, ids or loaded rubrics) into one; RubricError when they cannot
    be (fewer than two, the same rubric twice, a Mains question, settings or rubric-wide lists
    that differ). ``question_ids`` names every question of the merged rubric, in order."""
    if rubric_id is not None and not _ID.fullmatch(rubric_id):
        raise RubricError(
            f"{rubric_id!r} is not a rubric id",
            hint="use lower-case letters, digits and - . _ + only (at most 80), e.g. 'year8-test'",
        )
    loaded = [r if isinstance(r, LoadedRubric) else load_rubric(r) for r in refs]
    if len(loaded) < 2:
        raise RubricError(
            "rubric merge joins two rubrics or more; one was given",
            hint="name every question's rubric: mains-eval rubric merge q1/ q2/ q3/ --out test/",
        )
    seen: dict[Path, int] = {}
    for n, one in enumerate(loaded):
        path = one.path.resolve()
        if path in seen:
            raise RubricError(f"{one.path} is given twice (inputs {seen[path] + 1} and {n + 1})")
        seen[path] = n
    labels = _labels(loaded, _names(loaded))
    _check_short(loaded, labels)
    _check_settings(loaded, labels)
    _check_rubric_wide(loaded, labels)
    renamed: list[str] = []
    questions = (
        _given_ids(loaded, question_ids)
        if question_ids is not None
        else _question_ids(loaded, labels, renamed)
    )
    prefixes = _prefixes(loaded, questions)
    maps = _id_maps(loaded, questions, prefixes, labels, renamed)
    data = _merged_data(loaded, questions, maps, rubric_id, title, renamed)
    notes = _notes(loaded, questions)
    answers = _model_answers(loaded, questions, data)
    own_notes = _question_notes(loaded, questions, data)
    fingerprint = _fingerprint(loaded)
    if fingerprint is not None:
        data["source_fingerprint"] = FINGERPRINT_FILE
    rubric, problems = validate_rubric_data(data, "merged rubric")
    if rubric is None or problems:  # our own output must be valid
        raise RubricError("the merged rubric is not valid", problems=problems)
    header = [
        "Merged by `mains-eval rubric merge` from:",
        *(
            f"  {one.id} v{one.version}: {plural(len(ids), 'question')} ({', '.join(ids.values())})"
            for one, ids in zip(loaded, questions, strict=True)
        ),
        *(["", *renamed] if renamed else []),
        "",
        "Check it with `mains-eval rubric check`; bump `version` when you edit it.",
    ]
    return MergedRubric(
        rubric, rubric_yaml(rubric, header=header), notes, answers, fingerprint, renamed, own_notes
    )


# --- settings --------------------------------------------------------------------------------


def _labels(loaded: Sequence[LoadedRubric], names: list[str]) -> list[str]:
    """How a message names each input: its rubric id, or its file when two share an id."""
    counts = Counter(one.id for one in loaded)
    return [one.id if counts[one.id] == 1 else names[n] for n, one in enumerate(loaded)]


def _check_short(loaded: Sequence[LoadedRubric], labels: list[str]) -> None:
    """RubricError naming a Mains question: its checks read what the rubric format keeps for the
    whole rubric, so merged they would read every other input's too."""
    for one, label in zip(loaded, labels, strict=True):
        for question in one.rubric.questions:
            if question.kind != "short":
                raise RubricError(
                    f"cannot merge: {label}'s question '{question.id}' is a Mains question "
                    "(kind: mains): its structure, relevance and off-topic checks and its "
                    "feedback read its rubric's title, subject names, synonyms and every "
                    "dimension, which a merged rubric cannot keep as they were for it alone",
                    hint="grade a Mains question with its own rubric; merge short questions "
                    "(kind: short, as `rubric derive --reference` drafts them)",
                )


_RUBRIC_WIDE = {
    "bonus_keywords": "bonus keywords",
    "subject_terms": "subject terms",
}
"""Lists the rubric format keeps for the whole rubric: in a merged rubric each would apply to
every question's answers, so the inputs must agree on them."""


def _check_rubric_wide(loaded: Sequence[LoadedRubric], labels: list[str]) -> None:
    """RubricError naming the rubric-wide lists (bonus keywords, subject terms) on
    which the rubrics differ: merged, one draft's would apply to the other questions too."""
    differ = []
    for name, shown in _RUBRIC_WIDE.items():
        by_value: dict[frozenset[str], list[str]] = {}
        for one, label in zip(loaded, labels, strict=True):
            items = getattr(one.rubric, name)
            key = frozenset(
                " | ".join(sorted(t.lower() for t in item))
                if isinstance(item, list)
                else item.lower()
                for item in items
            )
            by_value.setdefault(key, []).append(label)
        if len(by_value) > 1:
            given = "; ".join(
                f"{plural(len(v), 'entry', 'entries') if v else 'none'} in {', '.join(ids)}"
                for v, ids in by_value.items()
            )
            differ.append(f"{shown} ({given})")
    if differ:
        raise RubricError(
            f"cannot merge: the rubrics' {'; '.join(differ)} differ. The rubric format keeps "
            "them for the whole rubric: merged, each draft's would apply to every question's "
            "answers",
            hint="make them the same in every draft (or empty) and bump their versions, then "
            "merge again",
        )


def _check_settings(loaded: Sequence[LoadedRubric], labels: list[str]) -> None:
    """RubricError naming every scoring setting and structure expectation on which the rubrics
    differ: one rubric has one of each."""
    differ = []
    labelled = list(zip(loaded, labels, strict=True))
    for section, rubrics in (("scoring", labelled), ("structure", labelled)):
        for name in _fields(section):
            by_value: dict[str, list[str]] = {}
            for one, label in rubrics:
                value = getattr(getattr(one.rubric, section), name)
                shown = (
                    str(value).lower()
                    if isinstance(value, bool)
                    else f"{value:g}"
                    if isinstance(value, float)
                    else str(value)
                )
                by_value.setdefault(shown, []).append(label)
            if len(by_value) > 1:
                given = "; ".join(f"{v} in {', '.join(ids)}" for v, ids in by_value.items())
                differ.append(f"{section}.{name} ({given})")
    if differ:
        sections = list(dict.fromkeys(d.split(".", 1)[0] for d in differ))
        raise RubricError(
            f"cannot merge: the rubrics' settings differ: {'; '.join(differ)}. One rubric has "
            "one set of them, and each question's marks depend on them",
            hint=f"make them agree (edit {' and '.join(f'`{s}:`' for s in sections)} in the "
            "rubric.yaml files that differ, and bump their version), or merge rubrics derived "
            "alike; to tune a test, merge the drafts and tune the merged rubric",
        )


def _fields(section: str) -> tuple[str, ...]:
    from evaluator.rubric.model import ScoringSettings, StructureExpectations

    model = ScoringSettings if section == "scoring" else StructureExpectations
    return tuple(model.model_fields)


# --- ids ---------------------------------------------------------------------------------------


def _names(loaded: Sequence[LoadedRubric]) -> list[str]:
    """How the messages name each input: its file as given, relative when it can be."""
    names = []
    for one in loaded:
        try:
            names.append(os.path.relpath(one.path))
        except ValueError:  # another drive
            names.append(str(one.path))
    return names


def _question_ids(
    loaded: Sequence[LoadedRubric], labels: list[str], renamed: list[str]
) -> list[dict[str, str]]:
    """Each input's question id -> its id in the merged rubric: a drafted question's folder name
    (``derived/q1/rubric.yaml`` -> ``q1``), else its own id, prefixed when another has it too."""
    folders = [_folder_id(one) for one in loaded]
    folder_counts = Counter(f for f in folders if f)
    wanted: list[dict[str, str]] = []
    for one, folder in zip(loaded, folders, strict=True):
        questions = one.rubric.questions
        if folder and folder_counts[folder] == 1 and len(questions) == 1 and _drafted(questions[0]):
            wanted.append({questions[0].id: folder})
        else:
            wanted.append({q.id: q.id for q in questions})
    counts = Counter(new for mapping in wanted for new in mapping.values())
    taken = {qid for qid, n in counts.items() if n == 1}
    maps: list[dict[str, str]] = []
    for n, one in enumerate(loaded):
        mapping = {}
        for old, new in wanted[n].items():
            if counts[new] == 1:
                mapping[old] = new
                if new != old:
                    renamed.append(
                        f"{labels[n]}: question '{old}' takes its folder's name: '{new}'."
                    )
            else:
                mapping[old] = free_id(_joined(one.id, old), taken, MAX_ID)
        moved = [f"'{old}' -> '{new}'" for old, new in mapping.items() if wanted[n][old] != new]
        if moved:
            renamed.append(
                f"{labels[n]}: question ids another rubric has too are prefixed: {_some(moved)}."
            )
        maps.append(mapping)
    return maps


def _folder_id(one: LoadedRubric) -> str | None:
    """The id a draft's file names: its folder's (``q1/rubric.yaml``) or its own (``q1.yaml``),
    when that is a valid id."""
    name = one.path.parent.name if one.path.name == RUBRIC_FILE else one.path.stem
    name = name.strip().lower()
    return name if _ID.fullmatch(name) else None


def _drafted(question: Question) -> bool:
    """Whether a question's id is the one `rubric derive` makes from its text (its first words,
    ``what-are-the-two-raw``): a name no tutor chose, which the folder's name replaces."""
    slug = _slug(question.text, limit=None)
    return slug == question.id or slug.startswith(question.id + "-")


def _given_ids(loaded: Sequence[LoadedRubric], ids: Sequence[str]) -> list[dict[str, str]]:
    """Each input's question id -> the id ``--ids`` gives it, in order; RubricError when the ids
    are too few, too many, repeated or not ids."""
    questions = [(n, q.id) for n, one in enumerate(loaded) for q in one.rubric.questions]
    ids = [i.strip() for i in ids]
    if len(ids) != len(questions):
        raise RubricError(
            f"--ids gives {plural(len(ids), 'id')} for {plural(len(questions), 'question')}",
            hint="give one id per question, in the order of the inputs, e.g. --ids q1,q2,q3",
        )
    bad = [i for i in ids if not _ID.fullmatch(i)]
    if bad:
        raise RubricError(
            f"--ids: {bad[0]!r} is not a question id",
            hint="use lower-case letters, digits and - . _ + only (at most 80), e.g. 'q1'",
        )
    twice = [i for i, count in Counter(ids).items() if count > 1]
    if twice:
        raise RubricError(
            f"--ids: {twice[0]!r} is given twice", hint="give each question its own id"
        )
    maps: list[dict[str, str]] = [{} for _ in loaded]
    for (n, old), new in zip(questions, ids, strict=True):
        maps[n][old] = new
    return maps


def _prefixes(loaded: Sequence[LoadedRubric], questions: list[dict[str, str]]) -> list[str]:
    """The prefix of each input's clashing ids: its question's (merged) id, or its rubric id
    when it has several questions (made unique)."""
    prefixes: list[str] = []
    for one, mapping in zip(loaded, questions, strict=True):
        wanted = next(iter(mapping.values())) if len(mapping) == 1 else one.id
        prefixes.append(free_id(wanted, set(prefixes), MAX_ID))
    return prefixes


@dataclass
class _IdMap:
    """One input's old id -> merged id, per kind."""

    dimensions: dict[str, str] = field(default_factory=dict)
    concepts: dict[str, str] = field(default_factory=dict)
    facts: dict[str, str] = field(default_factory=dict)


def _id_maps(
    loaded: Sequence[LoadedRubric],
    questions: list[dict[str, str]],
    prefixes: list[str],
    labels: list[str],
    renamed: list[str],
) -> list[_IdMap]:
    """Each input's dimension, concept and fact ids in the merged rubric: kept when no other
    input uses them, else prefixed (tuned questions' own dimensions follow their question)."""
    maps = [_IdMap() for _ in loaded]
    # a tuned question's learned and examples dimensions are named after it
    tuned: list[dict[str, str]] = []
    for one, question_ids in zip(loaded, questions, strict=True):
        own: dict[str, str] = {}
        for old, new in question_ids.items():
            own[learned_dimension_id(old)] = learned_dimension_id(new)
            own[examples_dimension_id(old)] = examples_dimension_id(new)
        ids = {d.id for d in one.rubric.dimensions}
        tuned.append({old: new for old, new in own.items() if old in ids})

    def ids_of(one: LoadedRubric, kind: str) -> list[str]:
        if kind == "dimensions":
            return [d.id for d in one.rubric.dimensions]
        if kind == "concepts":
            return [c.id for _, c in one.rubric.concepts()]
        return [f.id for f in one.rubric.facts]

    for kind in ("dimensions", "concepts", "facts"):
        fixed = [tuned[n] if kind == "dimensions" else {} for n in range(len(loaded))]
        counts = Counter(
            i for n, one in enumerate(loaded) for i in ids_of(one, kind) if i not in fixed[n]
        )
        taken = {i for i, c in counts.items() if c == 1}
        for n, one in enumerate(loaded):
            mapping: dict[str, str] = getattr(maps[n], kind)
            for old in ids_of(one, kind):
                if old in fixed[n]:
                    mapping[old] = free_id(fixed[n][old], taken, MAX_ID)
                elif counts[old] == 1:
                    mapping[old] = old
                else:
                    mapping[old] = free_id(_prefixed(prefixes[n], old), taken, MAX_ID)
    for n in range(len(loaded)):
        kinds: dict[tuple[str, str], list[str]] = {}
        for kind in ("dimensions", "concepts", "facts"):
            for old, new in getattr(maps[n], kind).items():
                if old != new:
                    kinds.setdefault((old, new), []).append(kind[:-1])
        moved = [f"{' and '.join(k)} '{old}' -> '{new}'" for (old, new), k in kinds.items()]
        if moved:
            renamed.append(
                f"{labels[n]}: ids another rubric uses too are prefixed: {_some(moved)}."
            )
    return maps


def _some(items: list[str], shown: int = 3) -> str:
    """The first few items, and how many more."""
    more = len(items) - shown
    return ", ".join(items[:shown]) + (f" and {more} more" if more > 0 else "")


def _prefixed(prefix: str, ident: str) -> str:
    """``ident`` with ``prefix``, after a tuning prefix (``learned-q1-blue``), within 80
    characters."""
    for head in TUNE_PREFIXES:
        if ident.startswith(head + "-") and len(ident) > len(head) + 1:
            rest = ident[len(head) + 1 :]
            return _joined(head, _joined(prefix, rest, MAX_ID - len(head) - 1))
    return _joined(prefix, ident)


def _joined(prefix: str, ident: str, limit: int = MAX_ID) -> str:
    """``prefix-ident`` cut to ``limit`` characters by shortening the prefix (at a hyphen when
    one is near)."""
    room = limit - len(ident) - 1
    if room <= 0:
        return ident[:limit]
    if len(prefix) > room:
        cut = prefix[: room + 1]
        prefix = (cut.rsplit("-", 1)[0] if "-" in cut else cut[:room]).strip("-") or prefix[:room]
    return f"{prefix}-{ident}"


# --- the merged rubric -------------------------------------------------------------------------


def _merged_data(
    loaded: Sequence[LoadedRubric],
    questions: list[dict[str, str]],
    maps: list[_IdMap],
    rubric_id: str | None,
    title: str | None,
    renamed: list[str],
) -> dict[str, Any]:
    first = loaded[0].rubric
    dump = [one.rubric.model_dump(mode="json", by_alias=True, exclude_none=True) for one in loaded]
    dimensions: list[dict[str, Any]] = []
    facts: list[dict[str, Any]] = []
    merged_questions: list[dict[str, Any]] = []
    for data, ids, mapping in zip(dump, maps, questions, strict=True):
        for dimension in data["dimensions"]:
            dimension["id"] = ids.dimensions[dimension["id"]]
            for concept in dimension["concepts"]:
                concept["id"] = ids.concepts[concept["id"]]
            dimensions.append(dimension)
        for fact in data.get("facts", []):
            fact["id"] = ids.facts[fact["id"]]
            fact["concept"] = ids.concepts[fact["concept"]]
            facts.append(fact)
        for question in data["questions"]:
            question["id"] = mapping[question["id"]]
            question.pop("model_answer", None)  # copied beside the merged rubric
            for counted in question["dimensions"]:
                counted["id"] = ids.dimensions[counted["id"]]
                if counted.get("concepts"):
                    counted["concepts"] = [ids.concepts[c] for c in counted["concepts"]]
            for part in question.get("parts", []):
                if part.get("dimension"):
                    part["dimension"] = ids.dimensions[part["dimension"]]
            merged_questions.append(question)
    titles = [one.rubric.title for one in loaded]
    merged_title = title or _default_title(titles)
    return {
        "id": rubric_id or _slug(merged_title) or "merged",
        "title": merged_title,
        "version": "0.1.0",
        "language": first.language,
        "description": "Merged from "
        + "; ".join(f"{one.id} v{one.version}" for one in loaded)
        + ".",
        "source_notes": NOTES_FILE,
        # the inputs agree on these (see _check_rubric_wide and _check_settings)
        "subject_terms": list(first.subject_terms),
        "synonyms": _union([c for one in loaded for c in one.rubric.synonyms]),
        "bonus_keywords": list(dict.fromkeys(first.bonus_keywords)),
        "structure": first.structure.model_dump(mode="json"),
        "scoring": first.scoring.model_dump(mode="json"),
        "dimensions": dimensions,
        "facts": facts,
        "questions": merged_questions,
    }


def _default_title(titles: list[str]) -> str:
    """The inputs' titles, each cut to 40 characters, joined (at most 200)."""
    cut = [t if len(t) <= 40 else t[:39].rstrip() + "…" for t in titles]
    text = f"{len(titles)} rubrics merged: " + " / ".join(cut)
    return text if len(text) <= 200 else text[:199].rstrip() + "…"


def _slug(text: str, limit: int | None = 60) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if limit is None or len(slug) <= 60:
        return slug
    cut = slug[:61]
    return (cut.rsplit("-", 1)[0] if "-" in cut else cut[:60]).strip("-")


def _union(classes: list[list[str]]) -> list[list[str]]:
    """Synonym classes joined: classes sharing a word (in any case) become one, where the first
    of them stood, each word once in the order first written."""
    joined: list[list[str]] = []
    for group in classes:
        words = {t.lower() for t in group}
        into = [n for n, g in enumerate(joined) if words & {t.lower() for t in g}]
        merged: list[str] = []
        for term in [t for n in into for t in joined[n]] + list(group):
            if term.lower() not in {t.lower() for t in merged}:
                merged.append(term)
        if not into:
            joined.append(merged)
            continue
        joined[into[0]] = merged
        joined = [g for n, g in enumerate(joined) if n not in into[1:]]
    return joined


def _notes(loaded: Sequence[LoadedRubric], questions: list[dict[str, str]]) -> str:
    """One notes file: a section per rubric (one section for rubrics sharing a notes file)."""
    sections: dict[str, list[str]] = {}
    for one, mapping in zip(loaded, questions, strict=True):
        text = (one.folder / one.rubric.source_notes).read_text(encoding="utf-8").strip()
        heading = ", ".join(mapping.values())
        sections.setdefault(text, []).append(heading)
    parts = ["# Source notes of the merged rubric\n"]
    for text, headings in sections.items():
        parts.append(f"## {'; '.join(headings)}\n\n{text}\n")
    return "\n".join(parts)


def _question_notes(
    loaded: Sequence[LoadedRubric], questions: list[dict[str, str]], data: dict[str, Any]
) -> dict[str, str]:
    """Each question's own notes, as ``notes/<question id>.md`` (its draft's notes, or its own
    when it had them); the questions point to them, so each is graded as its draft was."""
    files: dict[str, str] = {}
    by_id = {q["id"]: q for q in data["questions"]}
    for one, mapping in zip(loaded, questions, strict=True):
        for question in one.rubric.questions:
            source = question.source_notes or one.rubric.source_notes
            suffix = PurePosixPath(source.replace("\\", "/")).suffix or ".md"
            path = f"{QUESTION_NOTES}/{mapping[question.id]}{suffix}"
            files[path] = (one.folder / source).read_text(encoding="utf-8")
            by_id[mapping[question.id]]["source_notes"] = path
    return files


def _model_answers(
    loaded: Sequence[LoadedRubric], questions: list[dict[str, str]], data: dict[str, Any]
) -> dict[str, str]:
    """Each model answer, as ``model-answers/<question id><suffix>``; the questions point to it."""
    files: dict[str, str] = {}
    by_id = {q["id"]: q for q in data["questions"]}
    for one, mapping in zip(loaded, questions, strict=True):
        for question in one.rubric.questions:
            if not question.model_answer:
                continue
            suffix = PurePosixPath(question.model_answer.replace("\\", "/")).suffix or ".md"
            path = f"{MODEL_ANSWERS}/{mapping[question.id]}{suffix}"
            files[path] = (one.folder / question.model_answer).read_text(encoding="utf-8")
            by_id[mapping[question.id]]["model_answer"] = path
    return files


def _fingerprint(loaded: Sequence[LoadedRubric]) -> str | None:
    """The inputs' source fingerprints joined into one file's text (None when none has one)."""
    hashes: set[int] = set()
    sizes = set()
    for one in loaded:
        if one.rubric.source_fingerprint:
            size, found = read_fingerprint(one.folder / one.rubric.source_fingerprint)
            sizes.add(size)
            hashes |= found
    if not sizes:
        return None
    if len(sizes) > 1:
        raise RubricError(
            "cannot merge: the rubrics' source fingerprints hash runs of different lengths "
            f"({', '.join(map(str, sorted(sizes)))} words)",
            hint="rebuild them with `mains-eval rubric fingerprint RUBRIC DOCUMENT`",
        )
    return fingerprint_text(frozenset(hashes), sizes.pop())


# --- writing -----------------------------------------------------------------------------------


def write_merged(
    merged: MergedRubric,
    out: str | os.PathLike[str],
    *,
    force: bool = False,
    protect: Sequence[Path] = (),
) -> Path:
    """Write the merged rubric into the folder ``out`` (``rubric.yaml``, the notes, the model
    answers, the fingerprint) and return the rubric file's path. Refuses a folder that is an
    input's, and (without ``force``) files that exist."""
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise OutputError(
            f"{out}: is not a folder; --out names the folder to write the merged rubric into",
            hint=f"pass a folder, e.g. {Path(out).with_suffix('')}/",
        )
    inputs = {p.resolve().parent for p in protect}
    if folder.resolve() in inputs:
        raise OutputError(
            f"{out}: holds an input rubric; refusing to write the merged rubric over it",
            hint="pass another --out folder",
        )
    files: dict[str, str] = {
        NOTES_FILE: merged.notes,
        **merged.model_answers,
        **merged.question_notes,
    }
    if merged.fingerprint is not None:
        files[FINGERPRINT_FILE] = merged.fingerprint
    targets = [folder / RUBRIC_FILE, *(folder / name for name in files)]
    if not force:
        existing = [str(t) for t in targets if t.exists()]
        if existing:
            raise OutputError(
                f"{existing[0]}: already exists"
                + (f" (and {plural(len(existing) - 1, 'more file')})" if len(existing) > 1 else ""),
                hint="choose another --out folder or pass --force",
            )
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.tmp")
        temp.write_text(text, encoding="utf-8")
        temp.replace(path)
    return write_rubric_atomically(merged.yaml, folder / RUBRIC_FILE, force=True)
