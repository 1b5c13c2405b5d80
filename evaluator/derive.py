"""`rubric derive`: draft a rubric from any English study document or reference answer.

* dimensions: the document's headings (grouped by topic when there are many), or TF-IDF topic
  clusters of its sentences when it has none;
* concepts: one per bullet or sentence; cue groups from the unit's most specific nouns, names,
  acronyms and (for short texts) verbs, written as lemmas so inflections match, with partial credit
  when only some groups are found;
* aliases and synonyms from acronyms the text introduces; facts from dates, money and percentages;
  bonus keywords ranked by keyness (TF-IDF across the sections);
* a question (given, or a default 'Discuss ...') with marks and word limit.

The YAML carries comments for the author and is validated before it is returned.
"""

from __future__ import annotations

import json
import math
import os
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc

from evaluator.derive_parse import MONEY, PERCENT, YEAR, Section, find_acronyms, parse_document
from evaluator.derive_topics import group_sections, keyness_ranking
from evaluator.errors import InputError
from evaluator.rubric_loader import validate_rubric_data

MAX_SOURCE_BYTES = 1_000_000
MAX_UNITS = 400
"""Most bullets and sentences a source may have (a rubric of 400 concepts is not a draft)."""
_DIRECTIVES = (
    "critically examine", "critically analyse", "critically evaluate", "discuss", "comment",
    "examine", "analyse", "evaluate", "elucidate", "explain", "describe", "suggest", "highlight",
    "enumerate",
)  # fmt: skip
# Words too common in any topic to identify a point on their own (also used by suggest).
GENERIC_WORDS = frozenset(
    """
    also area aspect both country countries cooperation relation relations relationship side
    sides way part time year years thing things issue issues matter new work various other
    many several number level levels first second third important key major role term terms
    process use form type kind example case field point people world system include
    including well mean means place question practice stock message frame day room priority
    lot end result effect purpose reason fact idea view need help plan step change growth
    progress support agenda initiative talk talks meeting dialogue agreement partner
    partnership tie ties link interest concern action effort approach basis range set group
    member share power state government minister ministers official officials today present
    past future us
    """.split()  # noqa: SIM905
)
_LIGHT_VERBS = frozenset(
    """
    be have do make get go take give say see come keep let seem become
    """.split()  # noqa: SIM905
)
_NAME_LABELS = frozenset(
    """
    ORG GPE PERSON NORP EVENT LAW PRODUCT FAC LOC WORK_OF_ART LANGUAGE
    """.split()  # noqa: SIM905
)
_VALUE_LABELS = frozenset(
    """
    DATE TIME CARDINAL ORDINAL MONEY PERCENT QUANTITY
    """.split()  # noqa: SIM905
)
_CLAUSE_BREAK = re.compile(r";\s+|,\s+(?:and|but|while|whereas|which)\s+")
_COMMON_IDF = 2.5
"""Below this idf (in more than about a sixth of the units) a word is the topic, not a point."""
_NOT_ACRONYMS = frozenset({"FY", "PM", "CEO", "AD", "BC", "OK", "TV", "USD", "INR", "Rs"})
_HYPHENATED = re.compile(r"(?<![\w-])[A-Za-z]{2,}(?:-[A-Za-z]{2,})+(?![\w-])")
_SPECIAL_TOKEN = re.compile(
    r"(?<![\w+])(\d+\+\d+|\d+/\d+|[A-Z][A-Z0-9&-]*[A-Z0-9](?:-[A-Z]+)?)(?![\w+])"
)

_nlp_lock = threading.Lock()
_full_nlp: Language | None = None


def full_pipeline() -> Language:
    """The full English pipeline (with NER), loaded once, lazily."""
    global _full_nlp
    if _full_nlp is None:
        with _nlp_lock:
            if _full_nlp is None:
                from evaluator.nlp import load_pipeline

                _full_nlp = load_pipeline(full=True)
    return _full_nlp


@dataclass
class Term:
    """A candidate cue in one unit: its written form and how specific it is."""

    text: str
    key: str
    score: float
    mates: list[str] = field(default_factory=list)
    position: int = 0
    """Character offset of the first occurrence (earlier wins ties)."""
    """Other specific words of the same phrase: alternatives in the cue group."""


@dataclass
class DraftConcept:
    """A concept before it is written out."""

    id: str
    label: str
    unit: str
    heading: str | None
    groups: list[list[str]]
    aliases: list[str]
    facts: list[dict[str, Any]]


@dataclass
class DerivedRubric:
    """The draft: the rubric data, its YAML text with comments, and what was found."""

    data: dict[str, Any]
    yaml: str
    acronyms: dict[str, str]
    concept_count: int


# --- terms ----------------------------------------------------------------------------------------


def _unit_terms(
    doc: Doc, idf: dict[str, float], acronyms: dict[str, str], *, verbs: bool = False
) -> list[Term]:
    """Candidate cue terms of a unit, most specific first.

    Words found in many units of a long document (the topic's own names: 'India', 'Japan')
    identify no point, so they never make a cue on their own.
    """
    common = {k for k, v in idf.items() if v < _COMMON_IDF}
    terms: dict[str, Term] = {}
    expansions = {e.lower(): a for a, e in acronyms.items()}
    text = doc.text

    def add(
        written: str, key: str, score: float, mates: list[str] | None = None, at: int = 0
    ) -> None:
        if key in common:
            return
        if key in terms:
            terms[key].score = max(terms[key].score, score)
            return
        terms[key] = Term(written, key, score, list(mates or []), at)

    for match in _SPECIAL_TOKEN.finditer(text):
        token = match.group(1)
        if token.isdigit() or token in _NOT_ACRONYMS or text[match.end() : match.end() + 1] == "$":
            continue
        add(token, token.lower(), 2.5 * idf.get(token.lower(), 1.0))
    for match in _HYPHENATED.finditer(text):
        parts = [p.lower() for p in match.group(0).split("-")]
        if all(p in GENERIC_WORDS or len(p) < 3 for p in parts):
            continue
        add(match.group(0), match.group(0).lower(), 1.8 * max(idf.get(p, 1.0) for p in parts))
    for ent in doc.ents:
        if ent.label_ not in _NAME_LABELS:
            continue
        words = [t for t in ent if t.lower_ not in ("the", "'s") and not t.is_punct]
        name = text[words[0].idx : words[-1].idx + len(words[-1].text)] if words else ""
        if not name or name.lower() in GENERIC_WORDS or name in _NOT_ACRONYMS:
            continue
        acronym = expansions.get(name.lower())
        add(acronym or name, (acronym or name).lower(), 2.0 * _idf_of(name, idf))
    token_scores: dict[int, float] = {}
    for token in doc:
        if token.is_stop or not token.is_alpha or len(token.text) < 3:
            continue
        if token.ent_type_ in _VALUE_LABELS:
            continue  # months, ordinals, amounts: facts check those, cues should not
        lemma = token.lemma_.lower() if token.pos_ != "PROPN" else token.text
        key = lemma.lower()
        if key in GENERIC_WORDS or key in _LIGHT_VERBS or token.text in _NOT_ACRONYMS:
            continue
        weight = {"PROPN": 1.6, "NOUN": 1.2, "ADJ": 0.5, "VERB": 0.6 if verbs else None}.get(
            token.pos_
        )
        if weight is None or _in_hyphenated(token):
            continue
        # core arguments sit near the root of the parse; asides and purposes sit deeper
        depth = sum(1 for _ in token.ancestors)
        token_scores[token.i] = weight * idf.get(key, 1.0) / (1.0 + 0.15 * depth)
        add(lemma, key, token_scores[token.i], at=token.idx)
    for chunk in doc.noun_chunks:
        content = [
            t for t in chunk
            if t.is_alpha and not t.is_stop and t.pos_ in ("ADJ", "NOUN", "PROPN")
        ]  # fmt: skip
        while content and (
            content[0].lower_ in GENERIC_WORDS or content[0].ent_type_ in _VALUE_LABELS
        ):
            content = content[1:]
        if not 2 <= len(content) <= 4 or content[-1].pos_ == "ADJ":
            continue
        if content[-1].i - content[0].i != len(content) - 1:
            continue  # not contiguous ("rules-based order" parts split by a hyphen)
        scored = sorted(
            (t for t in content if t.i in token_scores), key=lambda t: -token_scores[t.i]
        )
        if not scored:
            continue
        best = token_scores[scored[0].i]
        proper = any(t.pos_ == "PROPN" for t in content)
        written = text[content[0].idx : content[-1].idx + len(content[-1].text)]
        mates = [
            t.lemma_.lower() if t.pos_ != "PROPN" else t.text
            for t in scored[:2]
            if t.pos_ in ("NOUN", "PROPN")
            and token_scores[t.i] >= 0.5 * best
            and t.lemma_.lower() not in GENERIC_WORDS
            and t.lemma_.lower() not in common
        ]
        lemma_key = " ".join(t.lemma_.lower() for t in content)
        add(written if proper else written.lower(), lemma_key, 1.1 * best, mates, content[0].idx)
    ranked = sorted(terms.values(), key=lambda t: (-round(t.score, 6), t.position, t.key))
    return ranked


def _in_hyphenated(token: Any) -> bool:
    doc = token.doc
    before = token.i > 0 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_
    after = token.i + 1 < len(doc) and doc[token.i + 1].text == "-" and not token.whitespace_
    return bool(before or after)


def _idf_of(text: str, idf: dict[str, float]) -> float:
    values = [idf.get(w.lower(), 1.0) for w in text.split()]
    return max(values) if values else 1.0


def _cue_groups(terms: list[Term], short_text: bool) -> list[list[str]]:
    """Two or three any-of groups of the unit's most specific, non-overlapping terms."""
    groups: list[list[str]] = []
    used: set[str] = set()
    limit = 3 if len(terms) >= 5 else 2
    floor = 0.0 if short_text else 1.0
    best = terms[0].score if terms else 0.0
    for term in terms:
        words = set(re.split(r"[\s-]+", term.key))
        if words & used or term.score < floor:
            continue
        if len(groups) >= 2 and term.score < 0.75 * best:
            break  # a third group only for a strong term: weak ones block full credit
        group = [term.text]
        for mate in term.mates:
            if mate.lower() not in used and mate.lower() not in {g.lower() for g in group}:
                group.append(mate)
        groups.append(group[:3])
        used |= words | {m.lower() for m in group}
        if len(groups) == limit:
            break
    return groups


# --- building ------------------------------------------------------------------------------


def derive_rubric(
    text: str,
    *,
    title: str | None = None,
    question: str | None = None,
    max_marks: int | None = None,
    word_limit: int | None = None,
    source_notes: str = "source-notes.md",
    source_label: str | None = None,
    nlp: Language | None = None,
) -> DerivedRubric:
    """Draft a rubric from a document's text. Raises InputError when there is nothing to use."""
    if not text or not text.strip():
        raise InputError(
            f"{source_label or 'the source'}: is empty; nothing to derive a rubric from"
        )
    doc_title, sections = parse_document(text)
    units_total = sum(len(s.units) for s in sections)
    label = source_label or "the source"
    if units_total == 0:
        raise InputError(f"{label}: has no sentences or bullet points")
    letters = [ch for ch in text if ch.isalpha()]
    if sum(ch.isascii() for ch in letters) < 0.6 * len(letters):
        raise InputError(
            f"{label}: does not look like English text; rubrics are English only for now"
        )
    if units_total > MAX_UNITS:
        raise InputError(
            f"{label}: has {units_total} points (bullets and sentences); the limit is {MAX_UNITS}",
            hint="derive one rubric per topic from a shorter set of notes",
        )
    nlp = nlp or full_pipeline()
    acronyms = find_acronyms(text)
    title = title or _tidy_title(doc_title) or _title_from_text(sections, nlp)

    all_units = [u for s in sections for u in s.units]
    docs = dict(zip(all_units, nlp.pipe(all_units), strict=False))
    idf = _idf([docs[u] for u in all_units])
    short_text = units_total <= 4
    if short_text:  # a reference answer: each clause is a point worth its own credit
        for section in sections:
            section.units = [c for u in section.units for c in split_clauses(u)]
        all_units = [u for s in sections for u in s.units]
        docs = dict(zip(all_units, nlp.pipe(all_units), strict=False))
        idf = _idf([docs[u] for u in all_units])
    dimensions = group_sections(sections, docs)

    concepts_by_dim: list[list[DraftConcept]] = []
    seen_ids: Counter[str] = Counter()
    aliased: set[str] = set()
    for dim in dimensions:
        drafted = []
        for section, unit in dim.units:
            terms = _unit_terms(docs[unit], idf, acronyms, verbs=short_text)
            groups = _cue_groups(terms, short_text)
            if not groups:
                continue
            aliases = []
            top = groups[0][0]
            if top in acronyms and top not in aliased:
                aliases = [top, acronyms[top]]
                aliased.add(top)
            cid = _slug("-".join(g[0] for g in groups[:2]))[:48].strip("-") or "concept"
            base = cid
            while cid in seen_ids:
                seen_ids[base] += 1
                cid = f"{base}-{seen_ids[base]}"
            seen_ids[cid] += 1
            drafted.append(
                DraftConcept(cid, _label(unit), unit, section.heading, groups, aliases, [])
            )
            drafted[-1].facts = _facts(drafted[-1])
        if drafted:
            concepts_by_dim.append(drafted)
            dim.concepts = drafted
    kept = [d for d in dimensions if d.concepts]
    if not kept:
        raise InputError(
            f"{source_label or 'the source'}: found no nouns, names or terms to build concepts from"
        )
    concept_count = sum(len(d.concepts) for d in kept)
    saturation = 0.9 if concept_count <= 4 else 0.6 if concept_count <= 10 else 0.35
    keywords = keyness_ranking(sections, docs, limit=10)
    directive, extras = _directives(question or ("explain" if short_text else None))
    if max_marks is None:
        max_marks = 15 if (word_limit or 0) > 150 else 10
    if word_limit is None:
        word_limit = 250 if max_marks > 10 else 150
    default_question = f"Explain {title}." if short_text else f"Discuss the key aspects of {title}."
    question_text = question or default_question
    data: dict[str, Any] = {
        "id": _slug(title)[:60].strip("-") or "derived",
        "title": title,
        "version": "0.1.0",
        "description": f"Draft derived from {source_label or source_notes}.",
        "source_notes": source_notes,
        "synonyms": [[a, e] for a, e in acronyms.items()],
        "bonus_keywords": keywords,
        "structure": (
            {
                "introduction": False,
                "conclusion": False,
                "points_or_headings": False,
                "min_paragraphs": 1,
            }
            if short_text
            else {}
        ),
        "scoring": {"saturation": saturation},
        "dimensions": [d.to_data() for d in kept],
        "facts": [f for d in kept for c in d.concepts for f in c.facts],
        "questions": [
            {
                "id": _slug(question_text.split(".")[0])[:40].strip("-") or "q1",
                "text": question_text,
                "directive": directive,
                **({"extra_directives": extras} if extras else {}),
                "max_marks": max_marks,
                "word_limit": word_limit,
                "dimensions": [{"id": d.id} for d in kept],
            }
        ],
    }
    if not data["structure"]:
        del data["structure"]
    from evaluator.derive_yaml import render_yaml

    rendered = render_yaml(data, kept, acronyms, short_text=short_text)
    parsed = yaml.safe_load(rendered)
    rubric, problems = validate_rubric_data(parsed, "<derived rubric>")
    if rubric is None or problems:  # a bug in derive, not a user mistake
        raise RuntimeError("derived rubric is invalid: " + "; ".join(str(p) for p in problems))
    return DerivedRubric(parsed, rendered, acronyms, concept_count)


def derive_rubric_file(
    source: str | os.PathLike[str],
    *,
    out: str | os.PathLike[str] | None = None,
    force: bool = False,
    **options: Any,
) -> str:
    """Read SOURCE, derive a rubric, write it to ``out`` (atomically) and return the YAML text."""
    from evaluator.inputs import decode_answer, looks_binary
    from evaluator.tuning import write_rubric_atomically

    path = Path(source)
    if path.is_dir():
        raise InputError(f"{source}: is a directory; pass a text or Markdown file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = "no such file" if isinstance(exc, FileNotFoundError) else exc.strerror
        raise InputError(f"{source}: {reason}") from exc
    if len(data) > MAX_SOURCE_BYTES:
        raise InputError(f"{source}: is {len(data):,} bytes; the limit is {MAX_SOURCE_BYTES:,}")
    text, _warning = decode_answer(data, str(source))
    if looks_binary(text):
        raise InputError(f"{source}: looks like a binary file, not text")
    folder = Path(out).parent if out is not None else Path.cwd()
    notes = Path(os.path.relpath(path.resolve(), folder.resolve())).as_posix()
    derived = derive_rubric(text, source_notes=notes, source_label=path.name, **options)
    if out is not None:
        write_rubric_atomically(derived.yaml, out, protect=[path], force=force)
    return derived.yaml


# --- helpers -------------------------------------------------------------------------------------


def _idf(docs: list[Doc]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for doc in docs:
        keys = {t.lemma_.lower() for t in doc} | {t.lower_ for t in doc}
        keys |= {m.group(1).lower() for m in _SPECIAL_TOKEN.finditer(doc.text)}
        df.update(keys)
    n = len(docs)
    if n < 12:  # a short text: every word may be a point
        return {k: max(_COMMON_IDF, math.log((n + 1) / (v + 1)) + 1.0) for k, v in df.items()}
    return {k: math.log((n + 1) / (v + 1)) + 1.0 for k, v in df.items()}


def _facts(concept: DraftConcept) -> list[dict[str, Any]]:
    """Dates and figures of a concept's unit, each cued by the cue group written nearest to it
    (a value far from every cue is left out: the checker would pin it on the wrong claim)."""
    unit = concept.unit
    found: list[tuple[str, int, dict[str, Any]]] = []
    money = list(MONEY.finditer(unit))
    if len(money) == 1:
        m = money[0]
        value = float(m.group("num").replace(",", ""))
        expected: dict[str, Any] = {"kind": "money", "value": _number(value)}
        if m.group("scale"):
            expected["scale"] = m.group("scale").lower()
        expected["currency"] = _currency(m.group("cur"))
        expected["tolerance"] = _number(round(value * 0.05, 2))
        found.append(("money", m.start(), expected))
    percents = list(PERCENT.finditer(unit))
    if len(percents) == 1:
        value = float(percents[0].group(1))
        found.append(("percent", percents[0].start(), {"kind": "percent", "value": _number(value)}))
    years = list(YEAR.finditer(MONEY.sub(lambda m: " " * len(m.group(0)), unit)))
    if len({m.group(1) for m in years}) == 1:
        found.append(("year", years[0].start(), {"kind": "year", "value": int(years[0].group(1))}))
    facts = []
    lowered = unit.lower()
    for kind, position, expected in found[:2]:
        nearest: tuple[int, list[str]] | None = None
        for group in concept.groups:
            for alternative in group:
                at = lowered.find(alternative.lower())
                if at < 0:
                    continue
                distance = abs(at - position)
                if nearest is None or distance < nearest[0]:
                    nearest = (distance, group)
        if nearest is None or nearest[0] > 80:
            continue
        facts.append(
            {
                "id": f"{concept.id}-{kind}",
                "concept": concept.id,
                "claim": unit,
                "cues": list(dict.fromkeys(nearest[1])),
                "expected": expected,
            }
        )
    return facts


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _currency(symbol: str) -> str:
    s = symbol.replace(" ", "").upper()
    return {"US$": "USD", "$": "USD", "₹": "INR", "RS": "INR", "RS.": "INR", "€": "EUR",
            "£": "GBP", "¥": "JPY"}.get(s, s)  # fmt: skip


def _directives(question: str | None) -> tuple[str, list[str]]:
    if not question:
        return "discuss", []
    lowered = question.lower()
    found = [d for d in _DIRECTIVES if re.search(rf"\b{d}\b", lowered)]
    found = [d for d in found if not any(d != o and d in o for o in found)]
    found.sort(key=lambda d: lowered.find(d))
    if not found:
        return "discuss", []
    return found[0], found[1:]


def _label(unit: str) -> str:
    first = re.split(r"[;:]\s|,\s(?=which|when|where|while)|\s[–—]\s", unit)[0].rstrip(".")
    words = first.split()
    label = " ".join(words[:10]) + ("…" if len(words) > 10 else "")
    return label[:1].upper() + label[1:]


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9+]+", "-", text.lower()).strip("-")
    slug = re.sub(r"^[^a-z0-9]+", "", slug)  # ids must start with a letter or digit
    return slug or "x"


def _tidy_title(title: str | None) -> str | None:
    if not title:
        return None
    return re.sub(r":\s*(?:source|study|revision)?\s*notes$", "", title, flags=re.I).strip() or None


def _title_from_text(sections: list[Section], nlp: Language) -> str:
    """The subject a heading-less text starts with ('Photosynthesis', 'TCP')."""
    first = sections[0].units[0] if sections and sections[0].units else ""
    doc = nlp(first[:300])
    for chunk in doc.noun_chunks:
        words = [t for t in chunk if t.pos_ in ("NOUN", "PROPN", "ADJ") and not t.is_stop]
        if words:
            text = first[words[0].idx : words[-1].idx + len(words[-1].text)]
            return text[:1].upper() + text[1:]
    return _label(first)[:70] or "Derived topic"


def split_clauses(unit: str) -> list[str]:
    """A sentence cut at '; ', ', and ' or ', which ' when both sides are real clauses."""
    parts = [p.strip(" ,;") for p in _CLAUSE_BREAK.split(unit)]
    clauses: list[str] = []
    for part in parts:
        if clauses and len(part.split()) < 4:
            clauses[-1] = f"{clauses[-1]}, {part}"
        elif part:
            clauses.append(part)
    if clauses and len(clauses[0].split()) < 4 and len(clauses) > 1:
        clauses[1] = f"{clauses[0]}, {clauses[1]}"
        clauses = clauses[1:]
    return [c if c.endswith((".", "!", "?")) else c + "." for c in clauses]


def yaml_scalar(value: Any) -> str:
    """One YAML scalar or flow list (JSON syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)
