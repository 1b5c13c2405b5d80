"""`rubric suggest`: phrases that separate a tutor's high-marked answers from the low-marked ones
and that the rubric does not know yet, with their evidence; `--apply` adds chosen ones as
concepts of a 'suggested' dimension in a new draft rubric."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from evaluator.errors import TuningError
from evaluator.nlp.pipeline import get_nlp
from evaluator.rubric.loader import LoadedRubric
from evaluator.rubric.model import Rubric
from evaluator.rubric.write import relocate_paths, rubric_yaml, write_rubric_atomically
from evaluator.scoring.checks.matching import compile_rubric, spelling_corrections
from evaluator.text import plural
from evaluator.tools.derive.terms import GENERIC_WORDS
from evaluator.tools.graded import GradedAnswer, SkippedRow
from evaluator.tools.tune.core import assign_questions, bump_version

SUGGESTED_DIMENSION = "suggested"
# Words of an answer's frame, not its content: they separate good answers but make no concept.
_FRAME_WORDS = frozenset(
    """
    introduction conclusion significance challenge challenges way forward issue issues
    aspect aspects point points thing things example examples
    """.split()  # noqa: SIM905
)
_CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ"})
_CALENDAR_WORDS = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday
    """.split()  # noqa: SIM905
)
"""Months and days ('December', 'April' ranked among a trial's top candidates): facts check
dates; they make no concept. (The scoring pipeline has no entity recogniser to tell them.)"""


@dataclass(frozen=True)
class Candidate:
    """A phrase the tutor's better answers use more than the weaker ones."""

    phrase: str
    """The phrase as answers most often write it."""
    key: str
    """Lower-case lemmas (what matching compares)."""
    high: int
    """Higher-marked answers using it."""
    low: int
    """Lower-marked answers using it."""
    rate_high: float
    rate_low: float
    score: float
    """rate_high - rate_low (times 0.6 for a lone common noun): how well it separates."""
    examples: tuple[str, ...] = ()
    """Ids of high-marked answers that use it."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form."""
        return {
            "phrase": self.phrase,
            "high": self.high,
            "low": self.low,
            "rate_high": round(self.rate_high, 4),
            "rate_low": round(self.rate_low, 4),
            "score": round(self.score, 4),
            "examples": list(self.examples),
        }


@dataclass
class Suggestions:
    """The candidates, best first, and the split they come from."""

    candidates: list[Candidate]
    questions: list[str]
    n_high: int
    n_low: int
    known_terms: int = 0
    """How many rubric terms were excluded."""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form."""
        return {
            "questions": self.questions,
            "n_high": self.n_high,
            "n_low": self.n_low,
            "candidates": [c.to_dict() for c in self.candidates],
        }


def _key_word(token: Any, fixed: Mapping[int, str]) -> str:
    """A word's part of a phrase key: its lemma, but a gerund as written, and a misspelt word
    as the rubric word grading reads it as (``fixed``: 'infrastucture' is no new phrase).

    In a run of content words a gerund is a noun ('rare earth processing'); the tagger reads
    'fund rare earth processing together' as the verb 'process', and the lemma would split one
    phrase into two keys with half the evidence each.
    """
    if token.i in fixed:
        return fixed[token.i]
    return token.text.lower() if token.tag_ == "VBG" else token.lemma_.lower()


def answer_phrases(doc: Doc, spelling: Mapping[int, str] | None = None) -> dict[str, str]:
    """Noun phrases (1-3 content words) and acronyms of an answer: lemma key -> as written.
    ``spelling``: misspelt tokens and the rubric words they are read as
    (:func:`~evaluator.scoring.checks.matching.spelling_corrections`).

    The key is made of the content words alone ('antibody memory cell'); what is shown is the
    stretch of the answer they span, as it is written ('antibodies and memory cells',
    'Indo-Pacific'): the words alone had been shown glued together ('antibodies memory cells',
    trial s43), a phrase no answer wrote, and `--apply` made it a concept's cue."""
    fixed = spelling or {}
    found: dict[str, str] = {}
    for chunk in doc.noun_chunks:
        words = [
            t
            for t in chunk
            if t.pos_ in _CONTENT_POS
            and t.is_alpha
            and not t.is_stop
            and t.lower_ not in _CALENDAR_WORDS
        ]
        if not words or words[-1].pos_ == "ADJ":
            continue
        words = words[-3:]
        for size in range(1, len(words) + 1):
            part = words[-size:]
            if len(part) == 1 and (part[0].pos_ == "ADJ" or len(part[0].text) < 3):
                continue
            key = " ".join(_key_word(t, fixed) for t in part)
            found.setdefault(key, _as_written(doc, part))
    # runs of content words the parser did not chunk ('rare earth processing' with a gerund)
    run: list[Any] = []
    for token in [*doc, None]:
        usable = (
            token is not None
            and token.is_alpha
            and not token.is_stop
            and token.lower_ not in _CALENDAR_WORDS
            and (token.pos_ in _CONTENT_POS or token.tag_ == "VBG")
        )
        if usable:
            run.append(token)
            continue
        for size in (2, 3):
            for start in range(len(run) - size + 1):
                part = run[start : start + size]
                key = " ".join(_key_word(t, fixed) for t in part)
                found.setdefault(key, _as_written(doc, part))
        run = []
    for token in doc:
        if token.is_alpha and token.is_upper and 2 <= len(token.text) <= 8:
            found.setdefault(token.text.lower(), token.text)
    return found


def _as_written(doc: Doc, words: Sequence[Any]) -> str:
    """The answer's text from the first of ``words`` to the last, on one line."""
    return " ".join(doc[words[0].i : words[-1].i + 1].text.split())


def rubric_term_keys(rubric: Rubric, nlp: Language) -> set[str]:
    """Lower-case lemma keys of every term the rubric already uses."""
    terms: set[str] = set(rubric.bonus_keywords)
    for group in rubric.synonyms:
        terms.update(group)
    for _, concept in rubric.concepts():
        terms.update(concept.aliases)
        for cue_group in concept.cues:
            terms.update(cue_group)
    for fact in rubric.facts:
        terms.update(fact.cues)
    keys = set()
    for doc in nlp.pipe(sorted(terms)):
        keys.add(" ".join(t.lemma_.lower() for t in doc if not t.is_punct))
        keys.add(doc.text.lower())
    return keys


def _known(key: str, known: set[str]) -> bool:
    if key in known:
        return True
    words = key.split()
    # a phrase made only of rubric words adds nothing the rubric cannot already see
    return all(any(w in k.split() for k in known) for w in words)


def suggest_phrases(
    loaded: LoadedRubric,
    graded: Sequence[GradedAnswer],
    *,
    question_id: str | None = None,
    top: int = 15,
    min_high: int = 2,
    nlp: Language | None = None,
    source_name: str | None = None,
    skipped: list[SkippedRow] | None = None,
) -> Suggestions:
    """Mine candidate phrases from graded answers, best separating first (with ``skipped``,
    rows that do not fit the rubric are reported there and left out)."""
    pairs = assign_questions(loaded, graded, question_id, source_name=source_name, skipped=skipped)
    where = f"{source_name}: " if source_name else ""
    if len(pairs) < 4:
        answers = f"{len(pairs)} graded answer{'' if len(pairs) == 1 else 's'}"
        raise TuningError(f"{where}only {answers}; suggestions need at least 4 (two high, two low)")
    shares = [row.mark / loaded.rubric.question(qid).max_marks for row, qid in pairs]
    if len(set(shares)) == 1:  # no higher and lower half to compare: any split is arbitrary
        marks = {row.mark for row, _ in pairs}
        same = f"the mark {marks.pop():g}" if len(marks) == 1 else "the same share of the maximum"
        raise TuningError(
            f"{where}all {len(pairs)} graded answers have {same}: suggestions compare "
            "higher- with lower-marked answers",
            hint="grade answers across the range of marks (strong, middling and weak ones)",
        )
    nlp = nlp or get_nlp()
    order = sorted(range(len(pairs)), key=lambda i: (-shares[i], i))
    half = len(order) // 2
    high_ids, low_ids = set(order[:half]), set(order[half:])
    known = rubric_term_keys(loaded.rubric, nlp)
    question_words = {
        t.lemma_.lower()
        for q in {qid for _, qid in pairs}
        for t in nlp(loaded.rubric.question(q).text)
    }

    high: Counter[str] = Counter()
    low: Counter[str] = Counter()
    written: dict[str, Counter[str]] = {}
    examples: dict[str, list[str]] = {}
    # as grading reads them (validate_answer_text: long punctuation runs cut, which spaCy's
    # tokenizer splits in quadratic time: 30,000 '!' took 85 s)
    from evaluator.scoring.engine import validate_answer_text

    texts = [validate_answer_text(row.text) for row, _ in pairs]
    compiled = compile_rubric(loaded, nlp)
    for index, doc in enumerate(nlp.pipe(texts)):
        for key, text in answer_phrases(doc, spelling_corrections(doc, compiled)).items():
            written.setdefault(key, Counter())[text] += 1
            if index in high_ids:
                high[key] += 1
                examples.setdefault(key, []).append(pairs[index][0].id)
            else:
                low[key] += 1
    n_high, n_low = len(high_ids), len(low_ids)
    scored = []
    for key, count in high.items():
        if count < min_high or _known(key, known) or set(key.split()) <= question_words:
            continue
        words = key.split()
        if len(words) == 1 and (key in _FRAME_WORDS or key in GENERIC_WORDS):
            continue
        rate_high, rate_low = count / n_high, low[key] / max(1, n_low)
        if rate_high <= rate_low:
            continue
        # names and multi-word phrases make concepts; a lone common noun rarely does
        specific = len(words) > 1 or not written[key].most_common(1)[0][0].islower()
        scored.append(
            Candidate(
                phrase=written[key].most_common(1)[0][0],
                key=key,
                high=count,
                low=low[key],
                rate_high=rate_high,
                rate_low=rate_low,
                score=(rate_high - rate_low) * (1.0 if specific else 0.6),
                examples=tuple(examples[key][:5]),
            )
        )
    scored.sort(key=lambda c: (-c.score, -c.high, -len(c.key.split()), c.key))
    chosen: list[Candidate] = []
    for candidate in scored:
        # a longer phrase with the same evidence says the same thing: keep the first one
        if any(
            (candidate.key in c.key or c.key in candidate.key) and candidate.high <= c.high
            for c in chosen
        ):
            continue
        chosen.append(candidate)
        if len(chosen) == top:
            break
    return Suggestions(chosen, sorted({q for _, q in pairs}), n_high, n_low, len(known))


def format_candidates(suggestions: Suggestions) -> str:
    """A numbered table of candidates with their evidence counts."""
    if not suggestions.candidates:
        return (
            "no candidates: nothing separates the higher-marked answers that the rubric "
            "does not already cover"
        )
    lines = [
        f"split: {suggestions.n_high} higher-marked vs {suggestions.n_low} lower-marked answers",
        f"{'#':>3}  {'phrase':<34}{'high':>8}{'low':>8}{'separation':>12}",
    ]
    for number, c in enumerate(suggestions.candidates, start=1):
        lines.append(
            f"{number:>3}  {c.phrase[:33]:<34}{c.high:>4}/{suggestions.n_high:<3}"
            f"{c.low:>4}/{suggestions.n_low:<3}{c.score:>+11.2f}"
        )
    lines.append(
        "separation: the share of higher-marked answers that write the phrase minus the share "
        "of lower-marked ones (x0.6 for a single lower-case word, which rarely makes a concept)"
    )
    return "\n".join(lines)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "suggested"


def suggested_rubric(
    rubric: Rubric, chosen: Sequence[Candidate], questions: Sequence[str], n: tuple[int, int]
) -> Rubric:
    """The rubric with the chosen candidates as concepts of a 'suggested' dimension."""
    if not chosen:
        raise TuningError("no candidates chosen", hint="use --pick with candidate numbers")
    data = rubric.model_dump(mode="json", by_alias=True, exclude_none=True)
    ids = {c.id for _, c in rubric.concepts()}
    concepts = []
    for candidate in chosen:
        cid = base = _slug(candidate.phrase)
        number = 2
        while cid in ids:
            cid, number = f"{base}-{number}", number + 1
        ids.add(cid)
        concepts.append(
            {
                "id": cid,
                "label": candidate.phrase,
                "cues": [[candidate.phrase]],
                "note": (
                    f"Suggested from graded answers: used by {candidate.high} of {n[0]} "
                    f"higher-marked and {candidate.low} of {n[1]} lower-marked answers. "
                    "Replace this with a source note in your own words."
                ),
            }
        )
    dimension_ids = {d.id for d in rubric.dimensions}
    dim_id, number = SUGGESTED_DIMENSION, 2
    while dim_id in dimension_ids:
        dim_id, number = f"{SUGGESTED_DIMENSION}-{number}", number + 1
    data["dimensions"].append(
        {
            "id": dim_id,
            "label": "Suggested by graded answers",
            "description": "Phrases the tutor's better answers use; review, merge or move them.",
            "concepts": concepts,
        }
    )
    for question in data["questions"]:
        if question["id"] in questions:
            question["dimensions"].append({"id": dim_id, "weight": 1.0})
    data["version"] = bump_version(rubric.version)
    return Rubric.model_validate(data)


def apply_suggestions(
    loaded: LoadedRubric,
    suggestions: Suggestions,
    picks: Sequence[int],
    out: str | os.PathLike[str],
    *,
    force: bool = False,
) -> Path:
    """Write a new draft with the picked candidates (1-based numbers) as concepts."""
    chosen = []
    for pick in picks:
        if not 1 <= pick <= len(suggestions.candidates):
            raise TuningError(f"no candidate number {pick} (1-{len(suggestions.candidates)})")
        chosen.append(suggestions.candidates[pick - 1])
    rubric = suggested_rubric(
        loaded.rubric, chosen, suggestions.questions, (suggestions.n_high, suggestions.n_low)
    )
    path = Path(out)
    rubric = relocate_paths(rubric, loaded.folder, path.parent)
    header = [
        f"Draft by `mains-eval rubric suggest --apply` from {loaded.id} v{loaded.version}: "
        f"{plural(len(chosen), 'suggested concept')} in the '{rubric.dimensions[-1].id}' "
        "dimension.",
        "Write real notes for them and check the draft with `mains-eval rubric check`.",
    ]
    return write_rubric_atomically(
        rubric_yaml(rubric, header=header), path, protect=[loaded.path], force=force
    )
