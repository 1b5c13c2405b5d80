"""Structure and directive fit: paragraphs, introduction, conclusion, points or headings, the
word budget, and whether the answer does what its directive word asks.

The vocabulary (markers, directive expectations, weights, budget bands) lives in
``evaluator/data/structure.yaml``. Everything here works on the text and the dimension scores
the scorer has already computed, so it adds almost nothing to the time spaCy takes.
"""

from __future__ import annotations

import itertools
import math
import re
import threading
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from spacy.tokens import Doc

from evaluator.nlp.patterns import first_chars, word_alternation
from evaluator.nlp.pipeline import NUMBERING, bullets
from evaluator.rubric.model import Question, Rubric
from evaluator.scoring.report import StructureResult
from evaluator.settings import names_settings, structure_settings
from evaluator.text import plural

_WORD = re.compile(r"[^\W_](?:[\w'’.+-]*[^\W_])?")
_PARAGRAPH_SPLIT = re.compile(r"\n\s*\n")
_ENDS_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*\s*$")
# "First, ...", "Secondly: ..." opening lines enumerate points in prose (three or more of them)
_ORDINAL_OPENER = re.compile(
    r"^\s*(?:first|second|third|fourth|fifth|sixth|seventh|firstly|secondly|thirdly|fourthly"
    r"|fifthly|lastly|finally)\s*[,:]\s*\S",
    re.IGNORECASE,
)
_MIN_ORDINAL_POINTS = 3
_MARKDOWN_HEADING = re.compile(r"^\s*(?:#{1,6}\s+\S.*|\*\*[^*]+\*\*:?|__[^_]+__:?)\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_SHORT_HEADING_WORDS = 8
_RUN_IN_LABEL = re.compile(
    r"^\s*(?:\*\*|__)?(?P<label>[^\W\d_][^\n:.!?;*_]{0,60}?)\s*(?:\*\*|__)?:(?:\*\*|__)?\s+\S"
)
_RUN_IN_LABEL_WORDS = 6
_MIN_RUN_IN_LABELS = 2
_WORD_RUN = re.compile(r"\w+")


@cache
def _bullet() -> re.Pattern[str]:
    """A line that opens a point: a bullet (``bullets`` in lexicon.yaml) or a number ("1.", "b)",
    "(iv)") before its words."""
    signs = "".join(re.escape(b) for b in sorted(bullets()))
    return re.compile(rf"^\s*(?:[{signs}]|(?i:{NUMBERING})[.)]|\((?i:{NUMBERING})\))\s+\S")


def count_words(text: str) -> int:
    """Words as an examiner counts them: runs of letters or digits (hyphenated words count once).
    A combining mark (a Devanagari vowel sign, an accent typed apart) belongs to its word, as the
    browser's counter has it: "प्रबंधन" is one word, not three."""
    return len(_WORD.findall(_without_marks(text)))


def count_latin_words(text: str) -> int:
    """The words written in the Latin script (English, and figures): what an English paper's
    examiner reads of an answer in another script."""
    return sum(1 for w in _WORD.findall(_without_marks(text)) if _LATIN.search(w))


_LATIN = re.compile(r"[A-Za-z0-9\u00c0-\u024f]")


def _without_marks(text: str) -> str:
    if text.isascii():
        return text
    return "".join(ch for ch in text if not unicodedata.category(ch).startswith("M"))


def paragraphs_of(text: str) -> list[str]:
    """Non-empty paragraphs: blank-line separated; in a text without a blank line whose lines
    mostly end a sentence (paragraphs typed with one Enter each), its lines. A hard-wrapped
    text, whose lines mostly end mid-sentence, stays one paragraph."""
    parts = [p.strip() for p in _PARAGRAPH_SPLIT.split(text) if p.strip()]
    if len(parts) != 1:
        return parts
    lines = [ln.strip() for ln in parts[0].splitlines() if ln.strip()]
    ended = sum(1 for ln in lines if _ENDS_SENTENCE.search(ln))
    if len(lines) >= 2 and 3 * ended >= 2 * len(lines):
        return lines
    return parts


@dataclass(frozen=True)
class _Vocabulary:
    markers: dict[str, re.Pattern[str]]
    marker_leads: dict[str, frozenset[str] | None]
    """The first word of each marker, per kind (None when a marker begins with no letter)."""
    directives: dict[str, tuple[str, ...]]
    feedback: dict[str, str]
    weights: dict[str, float]
    budget: dict[str, float]
    opener: re.Pattern[str] | None = None
    """Summing-up words that open a closing paragraph (``closing_openers``)."""
    label: re.Pattern[str] | None = None
    """Labels that head a conclusion at a line's start (``closing_labels``)."""
    since_of_time: re.Pattern[str] | None = None
    """'since' that dates something ('since 1958', ``since_of_time``): no reason marker."""
    given_after: frozenset[str] = frozenset()
    """Words after which 'given' is a verb ('has given', ``given_after_auxiliary``)."""
    reason_columns: frozenset[str] = frozenset()
    """Table headings of a column of effects or reasons (``reason_columns``), lower case."""
    reason_arrows: tuple[str, ...] = ()
    """Arrows that link a cause to its effect (``reason_arrows``)."""


@cache
def _vocabulary() -> _Vocabulary:
    data = structure_settings()
    markers = {}
    leads: dict[str, frozenset[str] | None] = {}
    for key in (
        "introduction",
        "conclusion",
        "closing_modal",
        "judgement",
        "critical",
        "position",
        "reason",
        "proposal",
    ):
        words = sorted(
            (str(w).strip().lower() for w in getattr(data, f"{key}_markers")), key=len, reverse=True
        )
        markers[key] = re.compile(first_chars(words) + r"\b(?:" + word_alternation(words) + r")\b")
        firsts = [_WORD_RUN.match(w) for w in words]
        leads[key] = frozenset(m.group() for m in firsts if m) if all(firsts) else None
    openers = sorted((str(w).strip().lower() for w in data.closing_openers), key=len, reverse=True)
    # "So far the projects are slow" opens a last paragraph without summing up
    never = r"(?![ ,]+(?:far|much|many|long|called|that)\b)"
    opener = re.compile(r"(?:" + word_alternation(openers) + r")\b" + never) if openers else None
    times = sorted((str(w).strip().lower() for w in data.since_of_time), key=len, reverse=True)
    dated = r"\d" + (r"|(?:" + word_alternation(times) + r")\b" if times else "")
    labels = sorted((str(w).strip().lower() for w in data.closing_labels), key=len, reverse=True)
    # "Assessment", "14. Judgement: …", "**Evaluation**", "- Overall assessment -"
    label = (
        re.compile(
            r"^[ \t]*(?:[-*•#>]+[ \t]*|\(?\w{1,3}[.)][ \t]+|\*\*|__)?(?:"
            + word_alternation(labels)
            + r")\b(?![ \t]+(?:of|on|by|for)\b)",
            re.MULTILINE,
        )
        if labels
        else None
    )
    return _Vocabulary(
        opener=opener,
        label=label,
        since_of_time=re.compile(r"since\s+(?:" + dated + ")"),
        given_after=frozenset(str(w).lower() for w in data.given_after_auxiliary),
        reason_columns=frozenset(str(w).lower() for w in data.reason_columns),
        reason_arrows=tuple(str(a) for a in data.reason_arrows),
        markers=markers,
        marker_leads=leads,
        directives={str(k): tuple(v) for k, v in data.directives.items()},
        feedback={str(k): str(v) for k, v in data.directive_feedback.items()},
        weights={str(k): float(v) for k, v in data.weights.model_dump().items()},
        budget={str(k): float(v) for k, v in data.budget.model_dump().items()},
    )


def _count_markers(vocab: _Vocabulary, key: str, lowered: str, runs: list[tuple[int, str]]) -> int:
    """How many markers of a kind the text holds: ``len(pattern.findall(lowered))``, computed by
    trying the pattern only where a word that begins some marker begins (a marker starts at the
    start of a word, and that word is the marker's first), and resuming after each match."""
    pattern, leads = vocab.markers[key], vocab.marker_leads[key]
    kept = _gives_a_reason if key == "reason" else None
    if leads is None:
        return sum(
            1 for m in pattern.finditer(lowered) if kept is None or kept(vocab, lowered, m.start())
        )
    count = resume = 0
    for start, word in runs:
        if start < resume or word not in leads:
            continue
        found = pattern.match(lowered, start)
        if found:
            resume = found.end()
            count += kept is None or kept(vocab, lowered, start)
    return count


def _laid_out_reasons(vocab: _Vocabulary, text: str) -> int:
    """Reasons an answer lays out instead of writing them: the rows of a markdown table with a
    column of effects or reasons (``reason_columns``), and the arrows of a flowchart
    (``reason_arrows``)."""
    arrows = sum(text.count(a) for a in vocab.reason_arrows)
    if "|" not in text:
        return arrows
    columns = vocab.reason_columns
    rows = 0
    in_table = reasoned = False
    for line in text.splitlines():
        cells = [c.strip().lower() for c in line.strip().strip("|").split("|")]
        # a row with or without its outer pipes ("Strategic | China's assertiveness | Quad")
        if "|" not in line or len([c for c in cells if c]) < 2:
            in_table = False  # the table ended
            continue
        if not in_table:  # its header: a column of effects, or one headed "Why the time …"
            in_table = True
            reasoned = any(c in columns or c.split(" ", 1)[0] in columns for c in cells)
        elif reasoned and not all(set(c) <= set("-: ") for c in cells):
            rows += 1  # a row under a column of effects (not the line under the header)
    return arrows + rows


def laid_out_reasons(text: str) -> int:
    """The reasons an answer lays out in a table's column of effects or a flowchart's arrows
    (see :func:`_laid_out_reasons`)."""
    return _laid_out_reasons(_vocabulary(), text)


def _gives_a_reason(vocab: _Vocabulary, lowered: str, start: int) -> bool:
    """Whether the reason marker at ``start`` gives one: "since 1958" dates a fact
    (``since_of_time``) and "has given aid" is a verb (``given_after_auxiliary``)."""
    if vocab.since_of_time and vocab.since_of_time.match(lowered, start):
        return False
    if lowered.startswith("given", start):
        before = _WORD_RUN.findall(lowered, max(0, start - 12), start)
        return not (before and before[-1] in vocab.given_after)
    return True


def word_budget(word_count: int, limit: int) -> tuple[str, float]:
    """The budget band ('too_short', 'short', 'within', 'over_limit') and its score in [0, 1]."""
    bands = _vocabulary().budget
    ratio = word_count / limit if limit else 0.0
    if ratio < bands["too_short"]:
        return "too_short", 0.5 * ratio / bands["too_short"]
    if ratio < bands["short"]:
        return "short", 0.5 + 0.5 * (ratio - bands["too_short"]) / (
            bands["short"] - bands["too_short"]
        )
    if ratio <= bands["over_limit"]:
        return "within", 1.0
    return "over_limit", max(0.0, 1.0 - (ratio - bands["over_limit"]) / bands["over_limit"])


def _is_heading(line: str, next_line: str | None) -> bool:
    stripped = line.strip()
    if not stripped or _bullet().match(line):
        return False
    if _MARKDOWN_HEADING.match(stripped):
        return True
    if next_line is None or not next_line.strip() or stripped[-1] in ".,;!?":
        return False
    # a heading is short: count at most one word past the limit
    words = sum(1 for _ in itertools.islice(_WORD.finditer(stripped), _SHORT_HEADING_WORDS + 1))
    return 0 < words <= _SHORT_HEADING_WORDS


_SHEET_FIELD = re.compile(r"(?:^|\s)[A-Z][A-Za-z.]*(?: [A-Za-z.]+)?\s*:\s*\S")
_SHEET_OPENING = re.compile(
    r"\s*(?:roll\b|name\s*:|enrol+ment\b|candidate\b|student\s*:|q(?:uestion)?\.?\s*(?:no\.?\s*)?\d)",
    re.IGNORECASE,
)


_SHEET_WORDS = 16
"""At most this many words in a header line of labelled fields (a line of points is longer)."""


def _sheet_header(line: str) -> bool:
    """A line of an answer sheet's labelled fields ("Roll No: 2417  Name: Ananya Rao  Batch:
    GS-II"), or one that opens with a roll number, a name or a question number."""
    if _bullet().match(line):
        return False
    if _SHEET_OPENING.match(line):
        return True
    words = sum(1 for _ in itertools.islice(_WORD.finditer(line), _SHEET_WORDS + 1))
    return words <= _SHEET_WORDS and len(_SHEET_FIELD.findall(line)) >= 2


def _is_run_in_label(line: str) -> bool:
    """A line that opens with a short capitalised label and a colon, then its point on the same
    line ("Strategic: both want a free and open Indo-Pacific"): a run-in sub-heading."""
    found = _RUN_IN_LABEL.match(line)
    if not found or not found.group("label")[0].isupper():
        return False
    words = sum(1 for _ in itertools.islice(_WORD.finditer(found.group("label")), 7))
    return 0 < words <= _RUN_IN_LABEL_WORDS


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s.strip()]


def analyse_structure(
    doc: Doc,
    text: str,
    *,
    question: Question,
    rubric: Rubric,
    dimension_scores: Mapping[str, float],
    word_count: int,
) -> StructureResult:
    """Paragraphs, introduction, conclusion, points, word budget and directive fit."""
    vocab = _vocabulary()
    expect = rubric.structure
    paragraphs = paragraphs_of(text)
    lines = [ln for ln in text.splitlines() if ln.strip()]
    bullets = sum(1 for ln in lines if _bullet().match(ln))
    headings = sum(
        1
        for i, ln in enumerate(lines)
        if _is_heading(ln, lines[i + 1] if i + 1 < len(lines) else None)
    )
    # labels before a colon organise an answer only when there are several of them
    run_in = sum(1 for ln in lines if _is_run_in_label(ln))
    headings += run_in if run_in >= _MIN_RUN_IN_LABELS else 0
    enumerated = sum(1 for ln in lines if _ORDINAL_OPENER.match(ln))
    uses_points = bullets >= 2 or headings >= 1 or enumerated >= _MIN_ORDINAL_POINTS
    # each point counts as a unit of organisation, like a paragraph
    units = len(paragraphs) + max(0, bullets - sum(1 for p in paragraphs if _bullet().match(p)))

    prose = [
        p
        for p in paragraphs
        if any(not _bullet().match(ln) and not _is_heading(ln, None) for ln in p.splitlines())
    ]
    lowered = text.lower()
    runs = [(m.start(), m.group()) for m in _WORD_RUN.finditer(lowered)]
    has_intro = _has_introduction(paragraphs, question, vocab, rubric)
    closing = _closing_text(paragraphs)
    has_conclusion = bool(closing) and (
        bool(vocab.markers["conclusion"].search(closing))
        or (vocab.label is not None and vocab.label.search(closing) is not None)
        or _forward_close(paragraphs, vocab)
        or _close_after_sections(paragraphs, vocab)
    )

    budget, budget_score = word_budget(word_count, question.word_limit)
    signals: dict[str, float] = {
        "word_count": word_count,
        "units": units,
        "word_budget": budget_score,
        "introduction": 1.0 if has_intro else 0.0,
        "conclusion": 1.0 if has_conclusion else 0.0,
        "points_or_headings": 1.0 if uses_points else 0.0,
        "critical": _count_markers(vocab, "critical", lowered, runs),
        "judgement": len(vocab.markers["judgement"].findall(closing)),
        "position": _count_markers(vocab, "position", lowered, runs),
        "reason": _count_markers(vocab, "reason", lowered, runs) + _laid_out_reasons(vocab, text),
        "proposal": _count_markers(vocab, "proposal", lowered, runs),
    }
    score, fit, notes, directive_feedback, components = structure_score(
        signals, question, rubric, dimension_scores
    )

    feedback: list[str] = []
    if word_count:
        wording = structure_settings().feedback
        if expect.introduction and not has_intro:
            feedback.append(wording.introduction)
        if units < expect.min_paragraphs:
            feedback.append(
                wording.paragraphs.format(min_paragraphs=expect.min_paragraphs, units=units)
            )
        if expect.points_or_headings and not uses_points:
            feedback.append(wording.points_or_headings)
        # a verdict asked for and missing says to end with a conclusion itself
        if (
            expect.conclusion
            and not has_conclusion
            and not closes_with_verdict(question, rubric, signals)
        ):
            feedback.append(wording.conclusion)
        if question.length_counts or budget == "over_limit":
            # a short answer states its point in few words: no 'write more' advice (its length
            # costs nothing either, see the too_short advisory)
            feedback.extend(_budget_feedback(budget, word_count, question.word_limit))
        feedback.extend(directive_feedback)
    return StructureResult(
        score=round(score, 4),
        paragraphs=len(paragraphs),
        has_introduction=has_intro,
        has_conclusion=has_conclusion,
        uses_points_or_headings=uses_points,
        word_count=word_count,
        word_limit=question.word_limit,
        word_budget=budget,
        directive=question.directive,
        directive_fit=round(fit, 4),
        directive_notes=notes,
        feedback=feedback,
        components={k: round(v, 4) for k, v in components.items()},
        signals=signals,
        prose_paragraphs=len(prose),
        points=bullets,
        headings=headings,
    )


class StructureScore(NamedTuple):
    """The structure score and what it is made of."""

    score: float
    """Structure score in [0, 1]."""
    directive_fit: float
    """How well the answer does what the directive asks (discuss, critically examine...)."""
    directive_notes: list[str]
    """One note per directive element: what was found."""
    directive_feedback: list[str]
    """Advice for the directive elements that are missing."""
    components: dict[str, float]
    """Each structure component's score."""


def structure_score(
    signals: Mapping[str, float],
    question: Question,
    rubric: Rubric,
    dimension_scores: Mapping[str, float],
) -> StructureScore:
    """The structure score from the answer's text signals and the dimension scores.

    Pure and cheap, so a tuner that changes weights (hence dimension scores) can recompute it
    exactly.
    """
    vocab = _vocabulary()
    expect = rubric.structure
    word_count = signals["word_count"]
    fit, notes, directive_feedback = _directive_fit(
        question, rubric, dimension_scores, signals, vocab
    )
    components: dict[str, float] = {
        "paragraphs": min(1.0, signals["units"] / expect.min_paragraphs) if word_count else 0.0,
        "word_budget": signals["word_budget"],
        "directive": fit,
    }
    if expect.introduction:
        components["introduction"] = signals["introduction"]
    if expect.conclusion:
        components["conclusion"] = signals["conclusion"]
    if expect.points_or_headings:
        components["points_or_headings"] = signals["points_or_headings"]
    total_weight = sum(vocab.weights[k] for k in components)
    form = sum(vocab.weights[k] * v for k, v in components.items()) / total_weight
    # form without substance earns nothing: structure credit grows with creditable content
    substance = _substance(question, dimension_scores, vocab)
    components["substance"] = substance
    score = form * substance if word_count else 0.0
    return StructureScore(score, fit, notes, directive_feedback, components)


def _substance(
    question: Question, dimension_scores: Mapping[str, float], vocab: _Vocabulary
) -> float:
    """Weighted content of the question's dimensions, as a share of what earns full structure."""
    total = sum(q.weight for q in question.dimensions)
    content = sum(q.weight * dimension_scores.get(q.id, 0.0) for q in question.dimensions)
    full = vocab.budget["substance_for_full_structure"]
    return min(1.0, content / total / full) if total else 0.0


def closes_with_verdict(question: Question, rubric: Rubric, signals: Mapping[str, float]) -> bool:
    """Whether the answer lacks both the conclusion the rubric expects and the verdict its
    directive asks for: one structure line and one next step say both ("End with a separate
    conclusion that gives a balanced verdict"; session 37's trial had been told twice)."""
    directives = structure_settings().directives
    asked = any(
        "judgement" in directives.get(d, ["breadth"])
        for d in [question.directive, *question.extra_directives]
    )
    return (
        asked
        and rubric.structure.conclusion
        and not signals.get("conclusion")
        and signals.get("judgement", 0.0) < 1
    )


def _has_introduction(
    paragraphs: list[str], question: Question, vocab: _Vocabulary, rubric: Rubric | None = None
) -> bool:
    """The opening (first two sentences of the first prose paragraph) gives context."""
    if not paragraphs:
        return False
    first = paragraphs[0]
    first_line = first.splitlines()[0]
    if (
        len(first.splitlines()) == 1
        and len(paragraphs) > 1
        and (_is_heading(first_line, paragraphs[1]) or _sheet_header(first_line))
    ):
        # a title line of its own ("India-Japan 2+2: Significance"), or the answer sheet's
        # header ("Roll No: 2417  Name: …  Answer to Q.5", batch trial s35): the opening
        # follows it
        first = paragraphs[1]
        first_line = first.splitlines()[0]
    if _bullet().match(first_line) or (
        _is_heading(first_line, None) and len(first.splitlines()) == 1
    ):
        return False
    if _MARKDOWN_HEADING.match(first_line.strip()):
        first = "\n".join(first.splitlines()[1:]) or (paragraphs[1] if len(paragraphs) > 1 else "")
        if not first or _bullet().match(first):
            return False
    opening = " ".join(_sentences(first)[:2])
    if count_words(opening) < 8:
        return False
    lowered = opening.lower()
    if vocab.markers["introduction"].search(lowered) or _YEAR.search(opening):
        return True
    shared = _content_words(lowered) & _question_words(question.text)
    if len(shared) >= 2:
        return True
    # a paragraph of prose that opens a body set out under headings or points, with a word of
    # the question beyond its subject's names, frames it ("Defence ties are now a pillar of the
    # Special Strategic and Global Partnership, driven by China's assertiveness": session 37's
    # third trial)
    subject = {t.lower().rstrip("s") for t in rubric.subject_terms} if rubric else set()
    subject |= {w.rstrip("s") for group in names_settings().home_places for w in group}
    rest = paragraphs[paragraphs.index(first) + 1 :] if first in paragraphs else []
    return bool(shared - subject) and len(_sentences(first)) <= 2 and any(map(_set_out, rest))


def _forward_close(paragraphs: list[str], vocab: _Vocabulary) -> bool:
    """Whether the last paragraph is a way forward or a summing-up without a marker: after an
    opening and a body, in prose (no point or heading), at most two sentences, looking forward
    ("…should speed this up", "…can become the showcase") or opening with a summing-up word
    ("So the Quad is best seen as …")."""
    if len(paragraphs) < 3:
        return False
    last = paragraphs[-1]
    lines = last.splitlines()
    if any(_bullet().match(ln) or _is_heading(ln, None) for ln in lines):
        return False
    if len(_sentences(last)) > 2:
        return False
    lowered = last.lower()
    opens = vocab.opener is not None and vocab.opener.match(lowered.lstrip()) is not None
    return opens or bool(vocab.markers["closing_modal"].search(lowered))


def _close_after_sections(paragraphs: list[str], vocab: _Vocabulary) -> bool:
    """Whether the last paragraph closes a body set out in points or under headings: a line or
    two of prose on its own after them, under no heading of its own, that judges
    (``judgement_markers`` other than a contrast: "Convergence still outweighs difference: the
    two anchor the Quad in Asia." after "Areas of convergence" and "Divergences"; session 37's
    mentor trial, where three such answers were told to add a conclusion). "So far the two
    navies have trained together only twice." is one more point, and so are "It supports the
    Special Strategic and Global Partnership" (a line that only shares the question's words) and
    "…, but construction began only recently" (a contrast)."""
    if len(paragraphs) < 3:
        return False
    last = paragraphs[-1]
    if any(_bullet().match(ln) or _is_heading(ln, None) for ln in last.splitlines()):
        return False
    if len(_sentences(last)) > 2:
        return False
    before = paragraphs[-2].splitlines()
    if len(before) == 1 and _is_heading(before[0], last):  # the heading of this paragraph
        return False
    if not any(map(_set_out, paragraphs[1:-1])):
        return False
    lowered = last.lower()
    return any(
        m.group().strip() not in _CONTRASTS for m in vocab.markers["judgement"].finditer(lowered)
    )


def _set_out(paragraph: str) -> bool:
    """Whether a paragraph is set out in points or under a heading."""
    lines = paragraph.splitlines()
    return any(
        _bullet().match(ln) or _is_heading(ln, lines[i + 1] if i + 1 < len(lines) else None)
        for i, ln in enumerate(lines)
    )


_CONTRASTS = frozenset(
    {"but", "however", "while", "yet", "although", "despite", "nevertheless", "nonetheless"}
    | {"remains", "real but"}
)
"""Judgement markers a plain point uses as well ("…, but construction began only recently",
"Australia, however, sells most of its iron ore to China": session 37's adversarial probe):
no verdict on their own after a sectioned body."""


def _closing_text(paragraphs: list[str]) -> str:
    """Where a conclusion may sit: the last two paragraphs after the first, or the last two
    sentences of a single block."""
    if len(paragraphs) >= 2:
        return "\n".join(paragraphs[max(1, len(paragraphs) - 2) :]).lower()
    if paragraphs:
        return " ".join(_sentences(paragraphs[0])[-2:]).lower()
    return ""


@cache
def _question_words(question_text: str) -> frozenset[str]:
    return frozenset(_content_words(question_text.lower()))


def _content_words(lowered: str) -> set[str]:
    # a crude stem so 'relations' meets 'relation'; only words of five letters or more carry topic
    return {w.rstrip("s") for w in re.findall(r"[a-z]{5,}", lowered)}


_tables_slot = threading.local()


def _dimension_tables(rubric: Rubric) -> tuple[dict[str, str], dict[str, str]]:
    """(dimension id -> kind, dimension id -> label) of a rubric, kept for the last rubric seen
    (the ranked next steps score about 20 variants of each answer against the same rubric)."""
    slot = getattr(_tables_slot, "slot", None)
    if slot is None or slot[0] is not rubric:
        kinds: dict[str, str] = {d.id: d.kind for d in rubric.dimensions}
        labels: dict[str, str] = {d.id: d.label for d in rubric.dimensions}
        slot = _tables_slot.slot = (rubric, kinds, labels)
    return slot[1], slot[2]


def _directive_fit(
    question: Question,
    rubric: Rubric,
    dimension_scores: Mapping[str, float],
    signals: Mapping[str, float],
    vocab: _Vocabulary,
) -> tuple[float, list[str], list[str]]:
    threshold = rubric.scoring.breadth_threshold
    kinds, labels = _dimension_tables(rubric)
    qdims = [q.id for q in question.dimensions]
    weights = {q.id: q.weight for q in question.dimensions}
    touched = [d for d in qdims if dimension_scores.get(d, 0.0) >= threshold]

    def by_kind(kind: str) -> tuple[list[str], list[str]]:
        members = [d for d in qdims if kinds.get(d) == kind]
        return members, [d for d in members if d in touched]

    def count(key: str) -> int:
        return int(signals[key])

    def side(kind: str, marker: str, name: str, word: str) -> tuple[float, str]:
        # a dimension of this kind decides when the question counts one; else the wording does
        members, hit = by_kind(kind)
        if members:
            return (1.0 if hit else 0.0), f"{name}: {'covered' if hit else 'missing'}"
        n = count(marker)
        return min(1.0, n / 2), f"{name}: {plural(n, word)}"

    def proposals() -> tuple[float, str]:
        # a way forward is measures proposed: the rubric's measures named in sentences that
        # propose, or the answer's own in proposing sentences ('India should …'). Trial s36: a
        # "Way forward:" of four "should" sentences had been told to add a way forward, and an
        # answer that named measures only as facts ("Indian IT professionals live in Japan")
        # had passed.
        members, hit = by_kind("way_forward")
        if not members:
            return side("way_forward", "proposal", "way forward", "proposal marker")
        n = count("proposal")
        if hit and n:
            return 1.0, "way forward: covered"
        if hit:
            return 0.5, "way forward: measures named, none proposed"
        if n:
            # proposals in general words earn nothing ("both sides should talk more and build
            # trust" is filler), but are told so, not to add a way forward they have
            return 0.0, f"way forward: {plural(n, 'proposal marker')}, none of the measures"
        return 0.0, "way forward: missing"

    def check(name: str) -> tuple[float, str]:
        if name == "content":
            members, hit = by_kind("content")
            if not members:
                return (1.0 if touched else 0.0), "content: any dimension"
            return (
                1.0 if hit else 0.0
            ), f"content side: {', '.join(labels[d] for d in hit) or 'none'}"
        if name == "critical":
            return side("challenges", "critical", "critical side", "critical marker")
        if name == "judgement":
            found = count("judgement") > 0
            return (1.0 if found else 0.0), f"judgement: {'present' if found else 'missing'}"
        if name == "breadth":
            needed = max(1, math.ceil(0.6 * len(qdims)))
            value = min(1.0, len(touched) / needed)
            return value, f"breadth: {len(touched)} of {len(qdims)} dimensions"
        if name == "position":
            found = count("position") > 0
            return (1.0 if found else 0.0), f"position: {'stated' if found else 'missing'}"
        if name == "reasons":
            n = count("reason")
            return min(1.0, n / 2), f"reasons: {plural(n, 'marker')}"
        if name == "proposals":
            return proposals()
        raise ValueError(f"unknown directive check {name!r} in structure.yaml")

    values: list[float] = []
    notes: list[str] = []
    feedback: list[str] = []
    for directive in [question.directive, *question.extra_directives]:
        for name in vocab.directives.get(directive, ("breadth",)):
            value, note = check(name)
            values.append(value)
            notes.append(f"{directive}: {note}")
            if value < 1.0:
                # advise only dimensions the answer leaves out; those it touches lightly only
                # when it leaves none out (never a dimension it already covers)
                absent = [d for d in qdims if dimension_scores.get(d, 0.0) <= 0.0]
                # what the question weighs most first (a draft's question weighs what it asks
                # about 3, what it hardly asks 1: "Background" last in a maritime question)
                left = sorted(
                    (d for d in absent or qdims if d not in touched), key=lambda d: -weights[d]
                )
                missing = ", ".join(labels[d] for d in left)
                # one reason given of the two asked for: ask for another, not for reasons
                wording = "reasons_more" if name == "reasons" and count("reason") else name
                if name == "judgement" and signals["conclusion"]:
                    wording = "judgement_in_conclusion"  # it has a close, which does not judge
                elif name == "judgement" and closes_with_verdict(question, rubric, signals):
                    wording = "judgement_with_conclusion"  # it has none: one line for both
                if name == "proposals" and count("proposal") and value == 0.0:
                    wording = "proposals_general"  # it proposes, in general words
                line = vocab.feedback[wording].format(
                    directive=directive.capitalize(), missing=missing
                )
                if line not in feedback:
                    feedback.append(line)
    fit = sum(values) / len(values) if values else 1.0
    return fit, notes, feedback


def _budget_feedback(budget: str, word_count: int, limit: int) -> list[str]:
    wording = structure_settings().feedback
    if budget == "too_short":
        template = wording.too_short_one_word if word_count == 1 else wording.too_short
        return [template.format(words=word_count, limit=limit)]
    if budget == "short":
        return [wording.short.format(words=word_count, limit=limit)]
    if budget == "over_limit":
        over = round(100 * (word_count - limit) / limit)
        return [wording.over_limit.format(words=word_count, over=over, limit=limit)]
    return []
