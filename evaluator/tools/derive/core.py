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
import os
import re
import textwrap
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, ClassVar

import yaml
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from evaluator.errors import DeriveError, OutputError
from evaluator.rubric.loader import validate_rubric_data
from evaluator.rubric.model import ESSAY_DIRECTIVES, SHORT_DIRECTIVES
from evaluator.scoring.checks.negation import negation_rules, negation_scopes
from evaluator.scoring.inputs import without_long_runs
from evaluator.settings import names_settings
from evaluator.tools.derive.formulas import formula_groups
from evaluator.tools.derive.parse import (
    Prompt,
    Section,
    find_acronyms,
    parse_prompt_document,
    several_questions,
)
from evaluator.tools.derive.reference import (
    SHORT_ROUNDING,
    common_keys,
    reference_concept,
    split_references,
)
from evaluator.tools.derive.roles import chair_names_the_body, role_facts, share_facts
from evaluator.tools.derive.terms import (
    GENERIC_WORDS,
    Term,
    balanced,
    concept_facts,
    cue_groups,
    mend_plural_lemmas,
    topic_adjective,
    topic_name_group,
    unambiguous_facts,
    unit_idf,
    unit_terms,
)
from evaluator.tools.derive.topics import focus_weights, group_sections, keyness_ranking

MAX_SOURCE_BYTES = 1_000_000
MAX_UNITS = 400
"""Most bullets and sentences a source may have (a rubric of 400 concepts is not a draft)."""
_CLAUSE_BREAK = re.compile(r";\s+|,\s+(?:and|but|while|whereas|which)\s+")

_nlp_lock = threading.Lock()
_full_nlp: Language | None = None


def full_pipeline() -> Language:
    """The full English pipeline (with NER), loaded once, lazily."""
    global _full_nlp
    if _full_nlp is None:
        with _nlp_lock:
            if _full_nlp is None:
                from evaluator.nlp.pipeline import load_pipeline

                _full_nlp = load_pipeline(full=True)
    return _full_nlp


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
    negative: bool = False
    """The notes state the point as a negation ('the Model Code has no statutory backing'): an
    answer saying so asserts it (``negative_claim``)."""
    needs_first: bool = False
    """The first group is the point's own cue and must be among those an answer writes for
    partial credit (``needs_first_group``): the group of its topic's name comes second."""


@dataclass
class DerivedRubric:
    """The draft: the rubric data, its YAML text with comments, and what was found."""

    data: dict[str, Any]
    yaml: str
    acronyms: dict[str, str]
    concept_count: int


# --- building ------------------------------------------------------------------------------


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters but tab and line ends (C0, DEL, C1)."""


def _printable(text: str) -> str:
    """The text without control characters (DEL, ESC, BEL...), which YAML refuses to hold, and
    without runs of marks the pipeline cannot read in time (a run of 100,000 '!' had kept
    derive busy past ten minutes)."""
    return without_long_runs(_CONTROL.sub("", text)).replace("\ufffd", " ")


def derive_rubric(
    text: str,
    *,
    title: str | None = None,
    question: str | None = None,
    max_marks: int | None = None,
    word_limit: int | None = None,
    source_notes: str = "source-notes.md",
    source_label: str | None = None,
    references: Sequence[str] | None = None,
    source_fingerprint: str | None = None,
    nlp: Language | None = None,
) -> DerivedRubric:
    """Draft a rubric from a document's text. Raises DeriveError when there is nothing to use.

    Args:
        text: the study notes or reference answer(s).
        title, question, max_marks, word_limit: the rubric's title and its one question
            (``question`` also names the words an answer merely echoes).
        references: correct answers to a short question, as alternatives of one concept
            (see :mod:`evaluator.tools.derive.reference`); ``text`` then only names the source.
            A text of one to four sentences without headings is read as reference answers
            (one per line, or separated by '||') without this argument.
        nlp: the spaCy pipeline (default: the full English pipeline, loaded once).
    """
    # control characters (DEL, ESC, BEL...) are no words, and no YAML may hold them
    text = _printable(text)
    title = _printable(title) if title else title
    question = _printable(question) if question else question
    if references is not None:
        references = [_printable(r).strip() for r in references if _printable(r).strip()]
    # a title or question of spaces only is none at all (the rubric needs text there)
    title = " ".join(title.split()) or None if title else None
    question = " ".join(question.split()) or None if question else None
    if not references and (not text or not text.strip()):
        raise DeriveError(
            f"{source_label or 'the source'}: is empty; nothing to derive a rubric from"
        )
    label = source_label or "the source"
    if references:
        return _derive_short([references], title, question, max_marks, word_limit, source_notes,
                             label, nlp or full_pipeline())  # fmt: skip
    doc_title, sections, prompt = parse_prompt_document(text)
    # a prompt document sets its own task and mark scale ('Explain how ...?', 'Score 3: ...')
    question = question or _asked(prompt.asks)
    max_marks = max_marks or prompt.max_marks
    units_total = sum(len(s.units) for s in sections)
    if units_total == 0 and (prompt.asks or prompt.bands):
        raise DeriveError(
            f"{label}: has a question or mark scheme but no points an answer should make",
            hint="add the key elements or a model answer under a heading of their own",
        )
    if units_total == 0:
        raise DeriveError(f"{label}: has no sentences or bullet points")
    letters = [ch for ch in text if ch.isalpha()]
    if sum(ch.isascii() for ch in letters) < 0.6 * len(letters):
        raise DeriveError(
            f"{label}: does not look like English text; rubrics are English only for now"
        )
    if units_total > MAX_UNITS:
        raise DeriveError(
            f"{label}: has {units_total} points (bullets and sentences); the limit is {MAX_UNITS}",
            hint="derive one rubric per topic from a shorter set of notes",
        )
    if units_total <= 4 and not doc_title and all(s.heading is None for s in sections):
        # a reference answer of a few sentences: a short-answer question, one proportional
        # concept per clause, or one concept whose phrasings are the '||'-separated answers
        nlp = nlp or full_pipeline()
        if "||" in text:
            sets = [split_references(text)]
        else:
            sets = [[c] for s in sections for u in s.units for c in split_clauses(u, nlp)]
        title = title or _title_from_text(sections, nlp)
        return _derive_short(sets, title, question, max_marks, word_limit, source_notes, label,
                             nlp)  # fmt: skip
    nlp = nlp or full_pipeline()
    if max_marks is not None and max_marks <= SHORT_MAX_MARKS:
        # a question of a few marks is a short answer marked on its points: each point (a key
        # element, a sentence of the notes) is a proportional concept, as a reference answer
        # is, with no essay structure, word-limit cap or mark curve; the mark scheme's count of
        # points (else a mark a point) earns full marks; 'A || B' in a point writes it two ways
        sets = [split_references(u) for s in sections for u in s.units]
        title = title or _tidy_title(doc_title) or _title_from_text(sections, nlp)
        full = prompt.elements_for_full_marks or max_marks
        return _derive_short(sets, title, question, max_marks, word_limit, source_notes, label,
                             nlp, full_marks=full)  # fmt: skip
    acronyms = find_acronyms(text)
    title = title or _tidy_title(doc_title) or _title_from_text(sections, nlp)

    all_units = [u for s in sections for u in s.units]
    docs = dict(zip(all_units, nlp.pipe(all_units), strict=False))
    idf = unit_idf([docs[u] for u in all_units])
    mend_plural_lemmas(docs.values(), nlp)
    short_text = units_total <= 4
    # the title names the topic ('India and the International Solar Alliance'): none of its
    # words alone identifies a point, however few units of a short document repeat it
    # (its ordinal too: '73rd' of "The 73rd Constitutional Amendment and Panchayati Raj" names
    # no point, though a cue keeps it beside the name it numbers)
    topic = frozenset(re.findall(r"\d+(?:st|nd|rd|th)\b|[a-z]+", title.lower()))
    if short_text:  # a reference answer: each clause is a point worth its own credit
        for section in sections:
            section.units = [c for u in section.units for c in split_clauses(u, nlp)]
        all_units = [u for s in sections for u in s.units]
        docs = dict(zip(all_units, nlp.pipe(all_units), strict=False))
        idf = unit_idf([docs[u] for u in all_units])
        mend_plural_lemmas(docs.values(), nlp)
    idf.update(dict.fromkeys(topic, 0.0))
    # ... nor the acronym of its words ('RTI' of "The Right to Information Act, 2005": cued
    # alone, it earned the point on attacks on RTI activists for every answer; session 49)
    capitals = {w.lower() for w in re.findall(r"\b[A-Z]{3,}s?\b", text)}
    idf.update(dict.fromkeys((k for k in capitals & idf.keys() if _title_acronym(k, title)), 0.0))
    # ... nor do its peoples' adjectives ('Australian' of Australia, 'Japanese' of Japan)
    idf.update(dict.fromkeys((k for k in idf if topic_adjective(k, topic)), 0.0))
    dimensions = group_sections(sections, docs, frozenset(k for k, v in idf.items() if v == 0.0))

    bodies = frozenset(names_settings().standing_bodies)
    concepts_by_dim: list[list[DraftConcept]] = []
    seen_ids: Counter[str] = Counter()
    aliased: set[str] = set()  # lower case: an alias is one concept's
    cue_sets: set[frozenset[str]] = set()  # each point's cues, lower case: no two alike

    for dim in dimensions:
        drafted = []
        for section, unit in dim.units:
            terms = unit_terms(docs[unit], idf, acronyms, verbs=short_text, bodies=bodies)
            groups = cue_groups(terms, short_text, acronyms) or cue_groups(
                terms, short_text=True, acronyms=acronyms
            )
            # (a point made of common words, 'a strategic partnership since 1998', is cued by
            # its most specific phrase however common, rather than left out of the draft)
            if not groups:
                continue
            if not short_text and len(groups) == 1 and _one_common_word(groups[0][0], terms):
                # one common noun is no point ('activist' of "Dozens of RTI activists have been
                # attacked or killed": an answer on another law's "activists of the movement"
                # earned it; session 49): what the point says of it, its verbs, cues it too
                with_verbs = unit_terms(docs[unit], idf, acronyms, verbs=True, bodies=bodies)
                groups = cue_groups(with_verbs, short_text, acronyms) or groups
            elif (
                not short_text
                and len(groups) == 1
                and _any_answers_name(groups[0], bodies, docs[unit])
            ):
                # nor is a body of the state or a place alone ('Parliament' of "Parliament could
                # list the laws that give effect to each duty", 'India' of "Citizens must uphold
                # the sovereignty, unity and integrity of India": an answer on the Directive
                # Principles earned them by naming Parliament or the Supreme Court; session 49,
                # trial 2): the point's own words, its verbs too, cue it beside the name
                with_verbs = unit_terms(docs[unit], idf, acronyms, verbs=True, bodies=bodies)
                own = {w for c in groups[0] for w in c.lower().split()}
                rest = [t for t in with_verbs if not own & set(t.key.split())]
                groups = [groups[0], *cue_groups(rest, short_text, acronyms)[:1]]
            groups = _distinct_cues(groups, terms, cue_sets, short_text, acronyms)
            if not short_text and len(groups) == 1 and " " in groups[0][0]:
                # one group is the whole point: its phrase, not the phrase's key noun, which any
                # answer writes ('election' of "a fresh election must be held within six months"
                # had earned the point for "Elections are held every five years" and for
                # "elect" in a vague answer: trial s48)
                groups = [groups[0][:1]]
            main = topic_name_group(docs[unit], idf, groups) if not short_text else []
            if main:
                groups = [main, *groups[:2]]
            aliases = []
            pair: list[str] = []  # an acronym and its expansion: one thing's two names
            top = groups[0][0]
            if top not in acronyms and top.endswith("s") and top[:-1] in acronyms:
                top = top[:-1]  # 'EVMs': the EVM
            # an acronym names the whole point only where the notes spell it out ('Electronic
            # Voting Machines (EVMs) were used ...'), not where they use it ('Doubts about EVM
            # tampering': 'EVM' alone had earned the tampering point)
            if (
                top in acronyms
                and top.lower() not in aliased
                and acronyms[top].lower() in unit.lower()
                and not _inside_a_name(top, unit)
            ):
                aliases = [top, acronyms[top]]
                pair = list(aliases)
                aliased.update((top.lower(), acronyms[top].lower()))
            if not short_text:
                others = "\n".join(u for u in all_units if u != unit)
                aliases += _own_names(terms, aliases, aliased, topic, unit, others)
                # a name the title writes is the topic, no point's alias: "Article 51A" of notes
                # titled "Fundamental Duties (Article 51A)" had given the 42nd Amendment's point
                # to every answer that named the article (session 49, trial 2)
                aliases = [a for a in aliases if not _writes(title, a)]
            cid = _short_slug("-".join(g[0] for g in groups[:2]), 48) or "concept"
            base = cid
            while cid in seen_ids:
                seen_ids[base] += 1
                cid = f"{base}-{seen_ids[base]}"
            seen_ids[cid] += 1
            # the person the notes name as a body's chair is another name of the body, beside a
            # detail of the point (session 49); the role's fact keeps the person's own spellings
            own_groups = groups
            if not main:
                groups = chair_names_the_body(groups, terms, docs[unit])
            negative = states_a_negation(unit, nlp, [*aliases, *(t for g in groups for t in g)])
            if not negative:
                # a name the point writes only where it denies it is not the point: "passed by
                # the Lok Sabha but not by the Rajya Sabha" (trial 33: the alias 'Rajya Sabha'
                # read an answer's true "not yet passed by the Rajya Sabha" as a denial)
                aliases = [a for a in aliases if not _only_denied(a, docs[unit], nlp)]
            # aliases are other names of one thing: "NITI Aayog replaced the Planning
            # Commission" relates two, so neither names the point (trial s46: an answer naming
            # the Planning Commission alone, or denying the replacement, had earned it)
            aliases = _one_things_names(aliases, pair, unit)
            # a person's initials as learners write them: 'N. K. Singh', 'N.K. Singh', 'NK Singh'
            # (trial s46: "headed by N.K. Singh" had not earned the N. K. Singh point)
            groups = [_with_initials_spelt_out(group) for group in groups]
            # ... and an office as it is written with its polity after: "The Finance Minister of
            # the Union chairs the GST Council" had missed the point cued 'Union Finance
            # Minister' (trial s47)
            groups = [_with_offices_inverted(group) for group in groups]
            own_groups = [_with_offices_inverted(_with_initials_spelt_out(g)) for g in own_groups]
            # the topic's name beside one common word is no point: "The GST Council is
            # important for taxes" had earned half the roll-out point cued [GST] + [levy] +
            # [taxes] (trial s47); partial credit needs the point's own first cue ('levy'),
            # and the name counts beside it (or a date the point's fact holds)
            written = [groups[1], groups[0], *groups[2:]] if main else groups
            drafted.append(
                DraftConcept(
                    cid,
                    _label(unit),
                    unit,
                    section.heading,
                    written,
                    aliases,
                    [],
                    negative=negative,
                    needs_first=bool(main),
                )
            )
            # a verb is said of many things ("was passed in 2005"): facts are pinned on names and
            # nouns only, or "The Lokpal Act was passed in 2013" would be told the notes say 2005
            named = {t.text for t in terms}
            own_nouns = [g for g in own_groups if g[0] in named or g is main]
            drafted[-1].facts = [
                *_named_either_way(concept_facts(cid, unit, own_nouns, docs[unit]), groups),
                *role_facts(
                    cid, unit, own_nouns, docs[unit], [section.heading or "", *section.units]
                ),
                *share_facts(cid, unit, docs[unit]),
            ]
        if drafted:
            concepts_by_dim.append(drafted)
            dim.concepts = drafted
    kept = [d for d in dimensions if d.concepts]
    if not kept:
        raise DeriveError(
            f"{source_label or 'the source'}: found no nouns, names or terms to build concepts from"
        )
    concept_count = sum(len(d.concepts) for d in kept)
    saturation = 0.9 if concept_count <= 4 else 0.6 if concept_count <= 10 else 0.35
    directive, extras = _directives(question or ("explain" if short_text else None))
    keywords = keyness_ranking(sections, docs, limit=10)
    if max_marks is None:
        max_marks = 15 if (word_limit or 0) > 150 else 10
    if word_limit is None:
        word_limit = 250 if max_marks > 10 else 150
    full_marks = _full_marks_share(kept, prompt)
    default_question = f"Explain {title}." if short_text else f"Discuss the key aspects of {title}."
    question_text = question or default_question
    weights = [1] * len(kept)
    if question and not short_text and len(kept) > 1:
        directive_words = {w for d in ESSAY_DIRECTIVES for w in d.split()}
        ignore = topic | GENERIC_WORDS | directive_words | {k for k, v in idf.items() if v == 0.0}
        weights = focus_weights(nlp(question), kept, docs, idf, frozenset(ignore))
    data: dict[str, Any] = {
        "id": _short_slug(title, 60) or "derived",
        "title": title,
        "version": "0.1.0",
        "description": f"Draft derived from {source_label or source_notes}.",
        "source_notes": source_notes,
        **({"source_fingerprint": source_fingerprint} if source_fingerprint else {}),
        "synonyms": draft_synonyms(text, acronyms),
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
        "dimensions": [
            _with_expected(
                d.to_data(), saturation, word_limit, short_text, full, share=w / sum(weights)
            )
            for d, full, w in zip(kept, full_marks, weights, strict=True)
        ],
        "facts": unambiguous_facts(
            [f for d in kept for c in d.concepts for f in c.facts],
            [unit for d in dimensions for _, unit in d.units],
        ),
        "questions": [
            {
                "id": _short_slug(question_text.split(".")[0], 40) or "q1",
                "text": question_text,
                "directive": directive,
                **({"extra_directives": extras} if extras else {}),
                "max_marks": max_marks,
                "word_limit": word_limit,
                "dimensions": [
                    {"id": d.id, **({"weight": w} if w != 1 else {})}
                    for d, w in zip(kept, weights, strict=True)
                ],
            }
        ],
    }
    if not data["structure"]:
        del data["structure"]
    from evaluator.tools.derive.emit import render_yaml

    rendered = render_yaml(data, kept, acronyms, short_text=short_text)
    parsed = yaml.safe_load(rendered)
    rubric, problems = validate_rubric_data(parsed, "<derived rubric>")
    if rubric is None or problems:  # a bug in derive, not a user mistake
        raise RuntimeError("derived rubric is invalid: " + "; ".join(str(p) for p in problems))
    return DerivedRubric(parsed, rendered, acronyms, concept_count)


def _derive_short(
    phrasing_sets: list[list[str]],
    title: str | None,
    question: str | None,
    max_marks: int | None,
    word_limit: int | None,
    source_notes: str,
    label: str,
    nlp: Language,
    full_marks: int | None = None,
) -> DerivedRubric:
    """A short-answer rubric: one proportional concept per set of phrasings (a set holds the
    alternative correct answers of one point). Every point is expected, unless ``full_marks``
    says how many of them earn full marks."""
    concepts = []
    seen: set[str] = set()
    # the words most points share are the topic's: echo terms, as the question's words are
    common = common_keys([p[0] for p in phrasing_sets if p], nlp) if full_marks else frozenset()
    for phrasings in phrasing_sets:
        concept = reference_concept(phrasings, question, nlp, common)
        if concept is None:
            continue
        if len(phrasing_sets) > 1:
            base = _short_slug("-".join(g[0] for g in concept["cues"][:2]), 48) or "point"
            cid, n = base, 1
            while cid in seen:
                n += 1
                cid = f"{base}-{n}"
            concept["id"] = cid
        seen.add(concept["id"])
        concepts.append(concept)
    if not concepts:
        raise DeriveError(f"{label}: found no nouns, names or terms to build concepts from")
    title = title or concepts[0]["label"]
    question_text = question or f"Explain {title}."
    directive, extras = _directives(question or "explain", short=True)
    if max_marks is None:
        max_marks = 15 if (word_limit or 0) > 150 else 10
    if word_limit is None:
        word_limit = 250 if max_marks > 10 else 150
    data: dict[str, Any] = {
        "id": _short_slug(title, 60) or "derived",
        "title": title,
        "version": "0.1.0",
        "description": f"Draft derived from {label}.",
        "source_notes": source_notes,
        # a substance the references name by name or formula ('carbon dioxide', 'CO2')
        "synonyms": formula_groups("\n".join(p for ps in phrasing_sets for p in ps)),
        "bonus_keywords": [],
        "structure": {
            "introduction": False,
            "conclusion": False,
            "points_or_headings": False,
            "min_paragraphs": 1,
        },
        "scoring": {"saturation": 1.0, "rounding": SHORT_ROUNDING},
        "dimensions": [
            {
                "id": "answer",
                "label": "Answer",
                **(
                    {"expected": float(full_marks)}
                    if full_marks and full_marks < len(concepts)
                    else {}
                ),
                "concepts": concepts,
            }
        ],
        "facts": [],
        "questions": [
            {
                "id": _short_slug(question_text.split("?")[0].split(".")[0], 40) or "q1",
                "text": question_text,
                "directive": directive,
                **({"extra_directives": extras} if extras else {}),
                "kind": "short",
                "max_marks": max_marks,
                "word_limit": word_limit,
                "dimensions": [{"id": "answer"}],
            }
        ],
    }
    from evaluator.tools.derive.emit import render_yaml

    rendered = render_yaml(data, [_ShortDimension()], {}, short_text=True)
    parsed = yaml.safe_load(rendered)
    rubric, problems = validate_rubric_data(parsed, "<derived rubric>")
    if rubric is None or problems:  # a bug in derive, not a user mistake
        raise RuntimeError("derived rubric is invalid: " + "; ".join(str(p) for p in problems))
    return DerivedRubric(parsed, rendered, {}, len(concepts))


class _ShortDimension:
    """The one dimension of a short-answer draft, for the YAML comments."""

    headings: ClassVar[list[str]] = ["the reference answer(s)"]


WORDS_PER_POINT = 25
"""An answer's words per point it develops: a 250-word answer makes about ten points, a 150-word
one six, however long the notes. A dimension expects its share of them (its weight in the
question over the question's total), at least one."""


def _with_expected(
    dimension: dict[str, Any],
    saturation: float,
    word_limit: int,
    short_text: bool,
    full_marks: float | None = None,
    *,
    share: float = 1.0,
) -> dict[str, Any]:
    """Cap a dimension's expected weight at what an answer of the word limit covers.

    By default a dimension needs ``saturation`` of its concepts; a heading with 30 points would
    then ask a 150-word answer for 10 of them, and richer notes would mark the same answer down.
    So it needs at most its ``share`` (weight over the question's total) of the points an answer
    of the word limit makes (:data:`WORDS_PER_POINT`). A mark scheme that says how many points
    earn full marks ('3 points: four key elements') sets it instead (``full_marks``, this
    dimension's share of that count).
    """
    size = len(dimension["concepts"])
    cap = max(1.0, round(share * word_limit / WORDS_PER_POINT, 2))
    if full_marks is not None:
        expected: float | None = round(min(float(size), max(1.0, full_marks)), 2)
    elif short_text:  # a reference answer: every point is expected
        expected = None
    else:
        expected = cap if saturation * size > cap else None
    if expected is not None:
        concepts = dimension.pop("concepts")
        dimension["expected"] = expected
        dimension["concepts"] = concepts  # keep `concepts` last, as the schema lists it
    return dimension


SHORT_MAX_MARKS = 5
"""A question worth at most this many marks is drafted as a short answer (``kind: short``):
Mains questions are worth 10 or 15."""


def _full_marks_share(dimensions: list[Any], prompt: Prompt) -> list[float | None]:
    """Each dimension's share of the points the mark scheme asks for full marks (by its number
    of concepts), or None everywhere when the scheme names no count."""
    count = prompt.elements_for_full_marks
    sizes = [len(d.concepts) for d in dimensions]
    if count is None or count >= sum(sizes):
        return [None] * len(dimensions)
    return [count * size / sum(sizes) for size in sizes]


MAX_QUESTION_CHARS = 600
"""A question read from a prompt document is at most this long (whole sentences)."""


_OWN_NAMES = 3
"""At most this many of a point's own names become its aliases."""


def _distinct_cues(
    groups: list[list[str]],
    terms: list[Term],
    cue_sets: set[frozenset[str]],
    short_text: bool,
    acronyms: dict[str, str],
) -> list[list[str]]:
    """A point's cue groups, made of other terms of its own when another point already has the
    very same cues (trial 29b: the way-forward point "cap cesses ... a dispute settlement
    mechanism, which Article 279A already allows" took the GST Council's [Article 279A] + [GST],
    so any answer naming the article was told its way forward was covered). ``cue_sets`` is
    updated."""
    key = _cue_set(groups)
    if key in cue_sets:
        rest = [t for t in terms if t.key not in key and t.text.lower() not in key]
        others = cue_groups(rest, short_text, acronyms) if rest else []
        if others and _cue_set(others) not in cue_sets:
            groups, key = others, _cue_set(others)
    cue_sets.add(key)
    return groups


def _named_either_way(facts: list[dict[str, Any]], groups: list[list[str]]) -> list[dict[str, Any]]:
    """The facts with a cue naming a body cued by every name of it the point's group holds: the
    41% of "The 15th Finance Commission, chaired by N. K. Singh, recommended that 41% ..." is
    checked beside 'N. K. Singh' too (see :func:`chair_names_the_body`)."""
    for fact in facts:
        group = next((g for g in groups if set(fact["cues"]) & set(g)), None)
        if group is not None:
            fact["cues"] = list(dict.fromkeys([*fact["cues"], *group]))
    return facts


def _any_answers_name(group: list[str], bodies: frozenset[str], doc: Doc) -> bool:
    """Whether a cue group is a body of the state (``bodies``: 'Parliament', 'Supreme Court') or
    a place the recogniser finds ('India'): names an answer on any topic writes."""
    cue = group[0].lower()
    places = {e.text.lower() for e in doc.ents if e.label_ in ("GPE", "LOC")}
    return cue in bodies or cue in places


def _one_common_word(cue: str, terms: list[Term]) -> bool:
    """Whether a cue is one common word, no name ('activist', not 'Bihar' or 'PESA')."""
    term = next((t for t in terms if t.text == cue), None)
    return " " not in cue and "-" not in cue and cue.islower() and not (term and term.name)


def _title_acronym(key: str, title: str) -> bool:
    """Whether ``key`` (lower case, three letters or more) is the initials of a run of the
    title's words: 'rti' of "The Right to Information Act, 2005"."""
    if len(key) < 3 or not key.isalpha():
        return False
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", title)).lower()
    return key in initials


def _cue_set(groups: list[list[str]]) -> frozenset[str]:
    return frozenset(t.lower() for g in groups for t in g)


_OFFICES = frozenset(
    {"minister", "president", "governor", "chairman", "chairperson", "chair", "secretary",
     "speaker", "justice", "judge", "commissioner", "ambassador", "mayor", "officer"}
)  # fmt: skip
"""Last words of an office ('Prime Minister', 'Union Home Minister'): who holds a post is no
point's own name (trial 29b: "chaired by the Prime Minister" earned the Inter-State Council)."""


def _inside_a_name(acronym: str, unit: str) -> bool:
    """Whether the unit writes the acronym only as the start of a longer name: "The Goods and
    Services Tax (GST) Council sets rates" is about the GST Council, so 'GST' alone (a tax
    other points write of too) does not name the point (trial 30b: "The GST rate on cars is
    28%" earned the GST Council)."""
    escaped = re.escape(acronym)
    uses = list(re.finditer(rf"\(?\b{escaped}\b\)?", unit))
    return bool(uses) and all(re.match(r"\s+[A-Z][a-z]", unit[m.end() :]) for m in uses)


_PLACE_TAILS = frozenset(
    {"pradesh", "territory", "territories", "nadu", "state", "states", "district", "city",
     "province", "prefecture", "island", "islands", "valley", "sea", "ocean", "bay", "gulf"}
)  # fmt: skip
"""Last words of a place's name ('Himachal Pradesh', 'Union Territory'): a place is no point's
own name (trial 30b: "Tourism in Himachal Pradesh" earned the revenue deficit grants)."""
_INITIALS = re.compile(r"^(?:[A-Z]\.\s?){1,3}[A-Z][a-z]")
"""A person written with initials ('K.C. Neogy', 'N.K. Singh'): no point's own name either."""

_SPACED_INITIALS = re.compile(r"\b((?:[A-Z]\.\s?){2,3})(?=[A-Z][a-z])")


_POLITY_OFFICE = re.compile(
    r"(?P<polity>Union|State) (?P<field>(?:[A-Z][a-z]+ ){1,3})(?P<office>Minister|Secretary)"
)
"""An office named by its polity first ('Union Finance Minister', 'State Home Secretary')."""


def _with_offices_inverted(group: list[str]) -> list[str]:
    """The group with each office a polity qualifies ('Union Finance Minister') also written as
    answers often write it, the polity after ('Finance Minister of the Union'). Only offices
    (a minister, a secretary) of the Union or a State: 'Prime Minister' or a place or person's
    name is never turned round."""
    out = list(group)
    for term in group:
        match = _POLITY_OFFICE.fullmatch(term)
        if match is not None:
            variant = f"{match['field']}{match['office']} of the {match['polity']}"
            if variant not in out:
                out.append(variant)
    return out


def _with_initials_spelt_out(group: list[str]) -> list[str]:
    """The group with each name written with initials ('N. K. Singh', 'K.C. Neogy') also in the
    other ways learners write them: initials spaced, closed up, run into the name and without
    their stops ('N. K. Singh', 'N.K. Singh', 'N.K.Singh', 'NK Singh'); the tokenizer reads each
    as other words."""
    out = list(group)
    for term in group:
        match = _SPACED_INITIALS.search(term)
        if match is None:
            continue
        letters = re.findall(r"[A-Z]", match.group(1))
        head, tail = term[: match.start()], term[match.end() :]
        for initials in (
            ". ".join(letters) + ". ",
            ".".join(letters) + ". ",
            ".".join(letters) + ".",
            "".join(letters) + " ",
        ):
            variant = head + initials + tail
            if variant not in out:
                out.append(variant)
    return out


def _own_names(
    terms: list[Term],
    aliases: list[str],
    aliased: set[str],
    topic: frozenset[str],
    unit: str = "",
    others: str = "",
) -> list[str]:
    """Names of things only this point writes ('Veer Guardian', 'UNICORN', 'Osaka Track'):
    aliases, so naming one earns the point, as a tutor credits an answer that names the exercise
    without the rest of the notes' sentence. Not people or places ('Shinzo Abe' does not make
    the point of his Padma Vibhushan), nor an office ('Prime Minister'), nor a name the ``unit``
    only writes as the start of a longer one ('Union Home' of "Union Home Minister"), nor a name
    inside another alias ('Ocean Region'), nor one another point already has or ``others`` (the
    other points' text) writes; ``aliased`` (lower case) is updated."""
    found: list[str] = []
    for term in terms:
        text = term.text
        if balanced(text) != text:
            # "Article 262(2" of "Under Article 262(2) Parliament may bar": no answer writes the
            # stray bracket (a learner was told they had), and "Article 262" is another point's
            continue
        if not (term.rare and term.name) or len(text) < 3 or text.lower() in topic:
            continue
        if " " not in text and not (text.isupper() and len(text) >= 4):
            continue  # a single capitalised word ('Fukuoka') or a short acronym ('FDI') is no
            # thing's own name
        if text.split()[-1].lower() in _OFFICES | _PLACE_TAILS or _INITIALS.match(text):
            continue
        if text.lower() in names_settings().standing_bodies:
            continue  # 'Supreme Court', 'Lok Sabha': any answer names them, on any point
        if term.numbered:
            # a name whose number the recogniser read apart ('15th Finance Commission', '73rd
            # Constitutional Amendment Act') is the thing the point says something of, as it
            # was before the number was kept in the cue (an alias of it had cut the point's
            # evidence down to the name)
            continue
        if unit and not re.search(rf"(?<!\d(?:st|nd|rd|th) ){re.escape(text)}(?! [A-Z])", unit):
            # cut short: every time the unit writes it, a capitalised word follows, or an
            # ordinal comes before ('80th Constitutional Amendment': trial 30b)
            continue
        if " " in text and unit and not _outside_brackets(unit, text):
            # a name of several words written only in brackets qualifies the thing before it:
            # the judge of "the second Krishna tribunal (Brijesh Kumar)" is no name of the point
            # (trial 38: naming him earned the whole tribunal point)
            continue
        if others and _writes(others, text):
            # another point writes it too: "Article 262" of "the bar under Article 262 keeps
            # water-sharing disputes out of it" is the point of "Article 262(1) allows
            # Parliament ..." as much (trial 38: it had been the Article 131 point's alias)
            continue
        taken = [a.lower() for a in (*aliases, *found)]
        if text.lower() in aliased or any(text.lower() in a for a in taken):
            continue
        found.append(text)
        aliased.add(text.lower())
        if len(found) == _OWN_NAMES:
            break
    return found


_SAME_THING = re.compile(
    r"\s*(?:\(|,?\s+(?:also|or|i\.e\.,?)\s+(?:called|known as|named)?\s*)(?:the\s+)?", re.I
)
"""What the notes write between two names of one thing: "X (Y)", "X, also called Y", "X, or
Y", "X, also known as Y"."""


def _one_things_names(aliases: list[str], pair: list[str], unit: str) -> list[str]:
    """The ``aliases`` that name one thing: all of them when the ``unit`` writes each name as
    another name of the first (in brackets after it, "also called", "also known as", "or");
    else only those of the acronym ``pair`` (an acronym and its expansion), or none. Two names
    a sentence relates ("NITI Aayog replaced the Planning Commission", "Article 279A, inserted
    by the 101st Constitutional Amendment Act") are two things: naming either alone is not the
    point, and the point's cue groups ask for both."""
    own = [a for a in aliases if a not in pair]
    if not own or (len(own) == 1 and not pair):
        return aliases
    first = aliases[0]
    if all(_written_as_other_name(unit, first, name) for name in aliases[1:] if name in own):
        return aliases
    return [a for a in aliases if a in pair]


def _written_as_other_name(unit: str, one: str, other: str) -> bool:
    """Whether the unit writes ``other`` right after ``one`` as its other name, or the reverse."""
    for a, b in ((one, other), (other, one)):
        for match in re.finditer(re.escape(a), unit):
            rest = unit[match.end() :]
            gap = _SAME_THING.match(rest)
            if gap and rest[gap.end() :].startswith(b):
                return True
    return False


def _outside_brackets(unit: str, name: str) -> bool:
    """Whether the unit writes ``name`` at least once outside brackets."""
    return bool(re.search(rf"\b{re.escape(name)}\b", re.sub(r"\([^()]*\)", " ", unit)))


def _asked(asks: list[str]) -> str | None:
    """The question a prompt document sets: its task sentences, as many as fit."""
    kept: list[str] = []
    for sentence in asks:
        if sum(len(k) + 1 for k in kept) + len(sentence) > MAX_QUESTION_CHARS:
            break
        kept.append(sentence)
    return " ".join(kept) or None


def states_a_negation(unit: str, nlp: Language, terms: Sequence[str] = ()) -> bool:
    """Whether a sentence of the notes denies its own main claim ('The Model Code has no
    statutory backing', 'The Commission cannot deregister a party'), so the point it makes is a
    negation: its first clause is negated; not a bracket ('NOTA (None of the Above) was
    introduced') nor a later clause ('doubts have been raised, though never proved'), unless
    every place the point's own ``terms`` (cues, aliases) are written is inside a negation:
    'Australia sells uranium to India, though India is not a signatory of the
    Non-Proliferation Treaty', cued by the treaty alone, states the treaty's negation (an
    answer's "although India has not signed the NPT" had been read as denying the point)."""
    doc = nlp(re.sub(r"\s*\([^()]*\)", "", unit))
    scopes = negation_scopes(doc)
    if not scopes:
        return _states_a_lack(doc)
    # the first clause's verb: the claim the sentence opens with ('has no statutory backing, so
    # the Commission relies on moral pressure' is a negation whatever the parser makes its root)
    verbs = [t.i for t in doc if t.pos_ in ("VERB", "AUX")]
    if verbs and verbs[0] in scopes:
        return True
    written = _term_tokens(doc, terms, nlp)
    if written and written <= set(scopes):
        return True
    return _states_a_lack(doc)


def _only_denied(term: str, doc: Doc, nlp: Language) -> bool:
    """Whether every place a sentence of the notes writes ``term`` is inside a negation."""
    written = _term_tokens(doc, [term], nlp)
    return bool(written) and written <= set(negation_scopes(doc))


def _states_a_lack(doc: Doc) -> bool:
    """Whether the point is a lack its sentence states, a verb of lack among its words: "Many
    DDMAs exist on paper and lack staff" (a learner's "many DDMAs do not have enough staff" had
    been read as denying it). The parser often tags that 'lack' a noun, so a word of lack counts
    unless it is written as a noun ("the lack of staff", "a failure")."""
    lacking = negation_rules().negating_verbs
    return any(
        t.lemma_ in lacking
        and (t.pos_ == "VERB" or not _as_noun(t))
        and not _a_condition(t)
        # a participle that qualifies a noun names a thing, not a lack the point states:
        # "compensation for lost revenue" (a GST point read as a lack had taken "States did
        # not give up their power to tax" as stating it; session 47)
        and t.dep_ != "amod"
        for t in doc
    )


_CONDITIONS = frozenset({"if", "unless", "when", "whenever", "once", "should"})


def _a_condition(token: Token) -> bool:
    """Whether a verb is the condition of its sentence's claim, not the claim: "if negotiation
    fails the Union sets up a tribunal" states the tribunal (trial 38: the draft had read it as a
    lack and marked the point a negative claim)."""
    return any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in token.children)


def _as_noun(token: Token) -> bool:
    before = token.doc[token.i - 1] if token.i > 0 else None
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return (before is not None and before.pos_ in ("DET", "ADJ", "PRON")) or (
        after is not None and after.lower_ == "of"
    )


def _term_tokens(doc: Doc, terms: Sequence[str], nlp: Language) -> set[int]:
    """The tokens of ``doc`` where any of ``terms`` is written (whole words, any case)."""
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("term", [nlp.make_doc(t) for t in terms if t.strip()])
    return {i for _, start, end in matcher(doc) for i in range(start, end)}


def named_for_folder(derived: DerivedRubric, out: str | os.PathLike[str] | None) -> DerivedRubric:
    """The draft with the id of the folder it is written to (``rubrics/india-australia/
    rubric.yaml`` -> ``india-australia``), so ``-r india-australia`` finds it; else as it is
    (an id from the title: trial 25c's draft was 'india-australia-relations' in a folder
    'india-australia', and `-r india-australia` could not load it)."""
    if out is None or Path(out).name != "rubric.yaml":
        return derived
    folder_id = _short_slug(Path(out).resolve().parent.name, 60)
    if not folder_id or folder_id == derived.data["id"]:
        return derived
    old_line = f"id: {json.dumps(derived.data['id'], ensure_ascii=False)}\n"
    if old_line not in derived.yaml:
        return derived
    return DerivedRubric(
        {**derived.data, "id": folder_id},
        derived.yaml.replace(old_line, f"id: {json.dumps(folder_id)}\n", 1),
        derived.acronyms,
        derived.concept_count,
    )


def derive_rubric_file(
    source: str | os.PathLike[str],
    *,
    out: str | os.PathLike[str] | None = None,
    force: bool = False,
    advisories: list[str] | None = None,
    **options: Any,
) -> str:
    """Read SOURCE, derive a rubric, write it to ``out`` (atomically) and return the YAML text.

    The document's fingerprint is written beside ``out`` under a name of its own
    (:func:`fingerprint_name`); an existing ``out`` or fingerprint file of other content is
    refused without ``force``, before the few seconds of deriving. What the author should know
    about the draft (a document of several questions, drafted as one) is appended to
    ``advisories`` when given, and said on top of the draft."""
    from evaluator.rubric.fingerprint import fingerprint_text, shingle_hashes, write_fingerprint
    from evaluator.rubric.write import refuse_overwrite, write_rubric_atomically
    from evaluator.textfile import read_text_file

    path = Path(source)
    if out is not None:
        refuse_overwrite(out, protect=[path], force=force)
    text, _warning = read_text_file(source, MAX_SOURCE_BYTES)
    folder = Path(out).parent if out is not None else Path.cwd()
    notes = Path(os.path.relpath(path.resolve(), folder.resolve())).as_posix()
    fingerprint = fingerprint_name(out) if out is not None else None
    if fingerprint is not None and not force:
        existing = folder / fingerprint
        if existing.exists() and (
            existing.is_dir()
            or existing.read_bytes() != fingerprint_text(shingle_hashes(text)).encode("utf-8")
        ):
            # hostile trial 34: a second draft in the folder replaced the first one's
            # fingerprint, and the first draft's copied_source then checked the wrong document
            raise OutputError(
                f"{existing}: already exists (another document's fingerprint)",
                hint="choose another --out or pass --force",
            )
    derived = named_for_folder(
        derive_rubric(
            text,
            source_notes=notes,
            source_label=path.name,
            source_fingerprint=fingerprint,
            **options,
        ),
        out,
    )
    advisory = several_questions_advisory(path.name, text, derived.data)
    if advisory is not None:
        derived = replace(derived, yaml=_commented(advisory) + derived.yaml)
        if advisories is not None:
            advisories.append(advisory)
    if out is not None:
        write_rubric_atomically(derived.yaml, out, protect=[path], force=force)
        # the document's hashed word runs, so copying from it is caught even after the notes
        # are rewritten in the tutor's own words
        write_fingerprint(folder, text, fingerprint_name(out))
    return derived.yaml


def several_questions_advisory(name: str, text: str, data: dict[str, Any]) -> str | None:
    """What to tell the author of a draft from a document that sets several numbered questions
    with their answers (a class test, session 43): a draft holds one question, so the draft
    mixes them. None for any other document."""
    labels = several_questions(text)
    if not labels or len(data.get("questions", [])) != 1:
        return None
    question = data["questions"][0]
    return (
        f"{name} sets {len(labels)} numbered questions ({', '.join(labels)}), but a draft "
        f"holds one question: this draft is one {question['max_marks']}-mark question that "
        "mixes their points. Derive each question from its reference answers (`mains-eval "
        'rubric derive --reference "…" --question "…" --max-marks N --out q1/rubric.yaml`), '
        "then join the drafts into one rubric with `mains-eval rubric merge q1 q2 … --out "
        "test/` (docs/rubrics.md, 'A test of several short questions')."
    )


def _commented(text: str) -> str:
    """``text`` as YAML comment lines, then a blank comment line."""
    lines = textwrap.wrap(f"NOTE: {text}", width=94, break_on_hyphens=False)
    return "".join(f"# {line}\n" for line in lines) + "#\n"


def fingerprint_name(out: str | os.PathLike[str]) -> str:
    """The name of a draft's fingerprint file, beside it: ``source-fingerprint.txt`` for a
    ``rubric.yaml`` (a rubric folder's), else named after the draft (``b.yaml`` ->
    ``b-fingerprint.txt``, as ``--reference`` drafts name their ``b-references.md``), so two
    drafts in one folder keep a fingerprint each."""
    from evaluator.rubric.fingerprint import FINGERPRINT_FILE

    name = Path(out).name
    if name == "rubric.yaml":
        return FINGERPRINT_FILE
    return Path(name).with_suffix("").name + "-fingerprint.txt"


# --- helpers -------------------------------------------------------------------------------------


def draft_synonyms(text: str, acronyms: dict[str, str]) -> list[list[str]]:
    """The acronyms the text introduces, each with its expansion, and every group of names
    written more than one way (``names.yaml``) or of a substance's name and formulas
    (``formulas.yaml``) that the text writes one of; an acronym pair that names one of those
    groups joins it."""
    groups: list[list[str]] = []
    for group in names_settings().synonyms:
        if any(_writes(text, name) for name in group):
            groups.append(list(group))
    groups.extend(formula_groups(text))
    for acronym, expansion in acronyms.items():
        pair = {acronym.lower(), expansion.lower()}
        known = next((g for g in groups if pair & {n.lower() for n in g}), None)
        if known is None:
            groups.append([acronym, expansion])
        else:
            known.extend(n for n in (acronym, expansion) if n.lower() not in map(str.lower, known))
    return groups


def _writes(text: str, name: str) -> bool:
    """Whether the text writes the name as a whole word (a short acronym in its own case)."""
    flags = 0 if name.isupper() and len(name) <= 5 else re.IGNORECASE
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, flags) is not None


def _directives(question: str | None, *, short: bool = False) -> tuple[str, list[str]]:
    """(the question's directive, its others): the directive words it writes, in order; for a
    ``short`` question that writes none, what its opening asks for (:func:`_short_directive`);
    else 'discuss'."""
    if not question:
        return "discuss", []
    lowered = question.lower()
    found = [d for d in ESSAY_DIRECTIVES if re.search(rf"\b{d}\b", lowered)]
    found = [d for d in found if not any(d != o and d in o for o in found)]
    found.sort(key=lambda d: lowered.find(d))
    if not found:
        return (_short_directive(lowered) if short else None) or "discuss", []
    return found[0], found[1:]


_FACT_OPENING = re.compile(
    r"(?:(?:in|at|on|from|to|for|by|of|with|into)\s+)?"
    r"(?:what|which|who|whom|whose|where|when|how\s+(?:many|much|long|far|often))\b"
)
_GIVE_OPENING = re.compile(r"(?:give|list|write\s+down)\b")


def _short_directive(lowered: str) -> str | None:
    """The directive a short question asks by its opening, when it writes no directive word:
    'name', 'state' or 'identify' as it opens ("Name the green pigment …"); 'state' for a
    question after a fact ("What are the two raw materials …", "In which cells …", "Which gas
    …", "Give two …"); 'explain' for "Why …" and "How does …". The question is its last
    sentence that asks one ("The bulb is dark. What is wrong?"). Session 43's trial had four
    such questions drafted as 'discuss'."""
    for sentence in reversed(re.split(r"(?<=[.?!])\s+", lowered.strip())):
        text = sentence.lstrip(" \t\"'“‘(0123456789.)")
        first = re.match(r"[a-z]+", text)
        if first is None:
            continue
        if first.group(0) in SHORT_DIRECTIVES:
            return first.group(0)
        if _FACT_OPENING.match(text) or _GIVE_OPENING.match(text):
            return "state"
        if first.group(0) in ("why", "how"):
            return "explain"
    return None


_LABEL_CUT = re.compile(r"[;:]\s|,\s(?=which|when|where|while)|\s[–—]\s")
_EMBEDDED_RELATIVE = re.compile(r",\s(?:which|who)\s[^,;:]*,\s")
"""A relative clause inside a sentence (", which replaced the Planning Commission, ")."""


def _label(unit: str) -> str:
    first = _LABEL_CUT.split(unit)[0].rstrip(".")
    if len(first.split()) < 4:
        # "NITI Aayog, which replaced the Planning Commission, acts as a think tank": the
        # label is the sentence without its relative clause, not the name alone
        first = _LABEL_CUT.split(_EMBEDDED_RELATIVE.sub(" ", unit, count=1))[0].rstrip(".")
    words = first.split()
    label = " ".join(words[:10]) + ("…" if len(words) > 10 else "")
    return label[:1].upper() + label[1:]


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9+]+", "-", text.lower()).strip("-")
    slug = re.sub(r"^[^a-z0-9]+", "", slug)  # ids must start with a letter or digit
    return slug or "x"


def _short_slug(text: str, limit: int) -> str:
    """The slug of ``text`` cut to ``limit`` characters at a word's end that is no function word:
    a question id read 'describe-two-ways-lionfish-harm-the-cora' (a word is cut only when it
    alone is too long)."""
    slug = _slug(text)
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1]
    words = (cut.rsplit("-", 1)[0] if "-" in cut else cut[:limit]).strip("-").split("-")
    # nor on a function word: 'discuss-how-the-gst-council-and-the' (trial s46) reads as cut
    # mid-phrase; 'discuss-how-the-gst-council' does not
    while len(words) > 1 and words[-1] in _SLUG_TAILS:
        words.pop()
    return "-".join(words)


_SLUG_TAILS = frozenset(
    """
    a an the and or but nor of for on in to at by with from into as than that which who whose
    how what why when where its their his her our is are was were be not
    """.split()  # noqa: SIM905
)
"""Words an id cut short never ends on: a phrase goes on after them."""


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


def split_clauses(unit: str, nlp: Language | None = None) -> list[str]:
    """A sentence cut at '; ', ', and ' or ', which ' when both sides are real clauses. A side too
    short to be one joins its neighbour with the words that joined them in the notes: "NITI
    Aayog, which replaced the Planning Commission, acts as a think tank" stays whole (it lost its
    "which" when the name was joined back with a bare comma). With ``nlp``, nor is a sentence cut
    before a relative clause on a noun before its main verb ("The GST Council, which Article 279A
    created, sets the rates": "The GST Council." and "Article 279A created, sets the rates." are no
    clauses)."""
    embedded = _embedded_relatives(unit, nlp) if nlp is not None and ", which " in unit else ()
    breaks = [m for m in _CLAUSE_BREAK.finditer(unit) if m.start() not in embedded]
    parts, start = [], 0
    for m in breaks:
        parts.append(unit[start : m.start()].strip(" ,;"))
        start = m.end()
    parts.append(unit[start:].strip(" ,;"))
    joints = ["", *(_joined(m.group(0)) for m in breaks)]
    clauses: list[str] = []
    first_joint = ""  # the words between the first clause and the second
    for part, joint in zip(parts, joints, strict=True):
        if clauses and len(part.split()) < 4:
            clauses[-1] = f"{clauses[-1]}{joint}{part}"
        elif part:
            if len(clauses) == 1:
                first_joint = joint
            clauses.append(part)
    if clauses and len(clauses[0].split()) < 4 and len(clauses) > 1:
        clauses[1] = f"{clauses[0]}{first_joint}{clauses[1]}"
        clauses = clauses[1:]
    return [c if c.endswith((".", "!", "?")) else c + "." for c in clauses]


def _embedded_relatives(unit: str, nlp: Language) -> frozenset[int]:
    """Where ", which" opens a relative clause on a noun before the sentence's main verb (the
    clause sits inside the sentence): offsets of their commas."""
    doc = nlp(unit)
    found = set()
    for token in doc:
        verb = token.head
        if token.lower_ != "which" or token.i < 1 or doc[token.i - 1].text != ",":
            continue
        if verb.dep_ == "relcl" and verb.head.i < verb.head.sent.root.i:
            found.add(doc[token.i - 1].idx)
    return frozenset(found)


def _joined(separator: str) -> str:
    """The words that joined two parts of a sentence (', which ', '; '), in one space each."""
    return re.sub(r"\s+", " ", separator.strip()).replace(" ,", ",") + " "


def yaml_scalar(value: Any) -> str:
    """One YAML scalar or flow list (JSON syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)
