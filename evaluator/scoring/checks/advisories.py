"""Advisories: warnings shown beside the marks, never instead of them.

Stable codes, always in this order: ``empty``, ``not_english``, ``too_short``, ``over_limit``,
``off_topic``, ``keyword_stuffing``, ``fact_list``, ``copied_source``, ``repetition``,
``one_sided``, ``missing_part``, ``factual_errors``, ``unreadable``, ``spelling``. Each
carries a message for the learner, the effect on the marks in words, and a cap (marks at most
this share of the maximum) or a penalty (this share of the maximum subtracted). Thresholds and
messages live in ``evaluator/data/advisories.yaml``; the measurements in
:mod:`evaluator.scoring.checks.gaming`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from evaluator.nlp.language import detect_language
from evaluator.nlp.lexicon import (
    MEANT_MIN_LEN,
    accent_folded,
    ise_derivation,
    people_of,
    stem_form,
)
from evaluator.rubric.loader import LoadedRubric
from evaluator.rubric.model import Question
from evaluator.scoring.checks.gaming import (
    bare_share,
    copy_share,
    list_shape,
    lone_match,
    reference_steps,
    repetition,
    step_items,
    topic_overlap,
)
from evaluator.scoring.checks.matching import (
    CompiledRubric,
    TermMatch,
    cased_as,
    spelling_corrections,
)
from evaluator.scoring.checks.negation import denied_negatives, framed_denials, negation_scopes
from evaluator.scoring.checks.structure import count_latin_words, laid_out_reasons
from evaluator.scoring.checks.subject import (
    SubjectMentions,
    names_subject_too_rarely,
    other_subject,
    subject_mentions,
    subject_names,
)
from evaluator.scoring.checks.substance import restated_sentences, sentences_beyond
from evaluator.scoring.report import Advisory, ConceptResult, FactResult, StructureResult
from evaluator.settings import KeywordStuffingAdvisory, StuffingReason, advisory_settings
from evaluator.text import fill

ADVISORY_CODES = (
    "empty",
    "not_english",
    "too_short",
    "over_limit",
    "off_topic",
    "keyword_stuffing",
    "fact_list",
    "copied_source",
    "repetition",
    "one_sided",
    "missing_part",
    "factual_errors",
    "unreadable",
    "spelling",
)
"""Every advisory code, in the order advisories are reported."""


@dataclass(frozen=True)
class AdvisoryContext:
    """Everything the advisories may look at for one answer."""

    text: str
    doc: Doc
    word_count: int
    question: Question
    loaded: LoadedRubric
    compiled: CompiledRubric
    matches: Sequence[TermMatch]
    concepts: Sequence[ConceptResult]
    structure: StructureResult
    asked: frozenset[str] = frozenset()
    """Words and lemmas of the question (what restating sentences repeat)."""
    facts: Sequence[FactResult] = ()
    dimension_scores: Mapping[str, float] = field(default_factory=dict)
    """Each of the question's dimensions' score in [0, 1]."""


def _effect(cap: float | None, penalty: float, deduction: float = 0.0) -> str:
    if cap is not None and cap <= 0:
        return "marks set to 0"
    if cap is not None:
        return f"marks capped at {cap:.0%} of the maximum"
    if penalty:
        return f"{penalty:.0%} of the maximum deducted"
    if deduction:
        return f"{deduction:.0%} of the marks deducted"
    return "none"


def _advisory(
    code: str,
    details: dict[str, Any],
    *,
    cap: float | None = None,
    penalty: float = 0.0,
    deduction: float = 0.0,
    effect: str | None = None,
) -> Advisory:
    message = fill(advisory_settings().message_template(code), **details)
    return Advisory(
        code=code,
        message=message,
        effect=effect or _effect(cap, penalty, deduction),
        cap=cap,
        penalty=penalty,
        deduction=deduction,
        details=details,
    )


def detect_advisories(ctx: AdvisoryContext) -> list[Advisory]:
    """The advisories that fire for this answer, in the stable order of ``ADVISORY_CODES``."""
    cfg = advisory_settings()
    if ctx.word_count == 0 or not ctx.text.strip():
        return [_advisory("empty", {}, cap=cfg.empty.cap)]
    advisories: list[Advisory] = []
    language = detect_language(ctx.text)
    if not language.english:
        ne = cfg.not_english
        # another script earns only through its English words (the length counts those); in
        # Latin letters its English keywords would earn as an English answer's do
        penalty = (
            round(min(ne.latin_max_penalty, ne.latin_penalty_per_share * language.share), 4)
            if language.script == "Latin"
            else 0.0
        )
        advisories.append(
            _advisory(
                "not_english",
                {"language": language.language, "script": language.script, "share": language.share},
                penalty=penalty,
                effect=(
                    f"{penalty:.0%} of the maximum deducted: a Mains answer is marked in the "
                    "language of the paper"
                    if penalty
                    else "none: only English text the rubric recognises earns marks"
                ),
            )
        )
    advisories.extend(_length(ctx, english=language.english))
    if language.english:
        advisories.extend(_gaming(ctx))
    if language.english and not any(
        a.code in ("too_short", "off_topic", "keyword_stuffing") for a in advisories
    ):
        # not beside a length cap: a thin answer's missing side is part of its thinness, which
        # the cap already marks (our tutor's 60-100-word answers to a 250-word question); nor in
        # an answer partly in another language, whose other side may be written there (the
        # markers are English words)
        sided = one_sided(ctx)
        if sided is not None:
            advisories.append(sided)
        left_out = missing_part(ctx)
        if left_out is not None:
            advisories.append(left_out)
    if not any(a.code == "off_topic" for a in advisories):
        # an answer on another subject states its figures about that subject ('bilateral trade
        # crossed US$27 billion' of India and Korea): no deduction for India-Japan facts
        advisories.extend(factual_errors(ctx.question, ctx.facts))
    advisories.extend(_unreadable(ctx, english=language.english))
    if language.english:
        advisories.extend(_spelling(ctx))
    return advisories


_LINE_WORDS = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


def _in_note_form(text: str, link_rate: float, ks: KeywordStuffingAdvisory) -> bool:
    """Whether a terse answer is notes rather than a list of terms: many lines of several words
    each that still relate their terms now and then (a topper's "Myanmar coup 2021 - Kaladan,
    Trilateral Highway delayed"), where bulleted terms run two to four words a line."""
    if link_rate < ks.notes_min_link_rate:
        return False
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < ks.notes_min_lines:
        return False
    words = sum(len(_LINE_WORDS.findall(line)) for line in lines)
    return words / len(lines) >= ks.notes_min_words_per_line


def factual_errors(question: Question, facts: Iterable[FactResult]) -> list[Advisory]:
    """The ``factual_errors`` advisory of an essay-marked answer with contradicted facts (a share
    of its marks deducted per wrong value it writes), else nothing. The ranked next steps call it
    again with a fact corrected, so that a correction's worth includes the deduction it lifts."""
    # one wrong value is one error, however many of the notes' facts it contradicts ("CEPA came
    # into force in 2008" is wrong of both its signing and its entry into force)
    wrong = len(
        {
            (f.evidence[0].start, f.evidence[0].end) if f.evidence else f.id
            for f in facts
            if f.status == "contradicted"
        }
    )
    if not wrong or not question.essay_marked:
        return []
    cfg = advisory_settings().factual_errors
    deduction = round(min(cfg.max_deduction, cfg.per_fact * wrong), 4)
    return [_advisory("factual_errors", {"count": wrong}, deduction=deduction)]


def _spelling(ctx: AdvisoryContext) -> list[Advisory]:
    """Misspelt words: those inside the rubric terms the answer was credited with, each with the
    term's word it was read as ('maritme' -> 'maritime'), and the other words no English word
    list holds that are one slip from exactly one English word ('importent' -> 'important'),
    in answer order, each once. No effect on the marks."""
    spans = [(m.start, m.end) for m in ctx.matches if m.corrected]
    read = spelling_corrections(ctx.doc, ctx.compiled)
    pairs: dict[str, str] = {}
    for i in sorted(read):
        if any(start <= i < end for start, end in spans):
            wrote = ctx.doc[i].text
            if _same_word(wrote, read[i]) or _accented(wrote, read[i], ctx.compiled):
                continue  # the same word in another form ('Andamans', 'Shinzō'): no misspelling
            if not any(w.lower() == wrote.lower() for w in pairs):
                # 'Leef' opening a sentence and 'leef' inside one are one misspelling, named once
                pairs[wrote] = cased_as(read[i], wrote)
    others = _other_misspellings(ctx, read, set(pairs))
    if not pairs and not others:
        return []
    cfg = advisory_settings().spelling
    listed = list(pairs.items())[: cfg.max_listed]
    shown = list(others.items())[: cfg.max_listed]
    details: dict[str, Any] = {
        "count": len(pairs),
        "words": _listing(listed, len(pairs)),
        "corrections": [list(p) for p in listed],
        "other_count": len(others),
        "others": _listing(shown, len(others)),
        "other_corrections": [list(p) for p in shown],
    }
    parts = [fill(cfg.message, **details)] if pairs else []
    if others:
        parts.append(fill(cfg.other_words_also if pairs else cfg.other_words, **details))
    return [
        Advisory(
            code="spelling",
            message=" ".join(parts),
            effect="none: the words earned their credit" if pairs else "none",
            details=details,
        )
    ]


def _same_word(wrote: str, read: str) -> bool:
    """Whether a word is the rubric word it was read as, in another form: its stem, its
    plural ('Senkakus' for 'Senkaku', which the stemmer does not take back), the adjective
    or people of a place ('Lankan' for 'Lanka'), or a verb in -ise or -ize made of it
    ('photosynthesise' of 'photosynthesis': a word, though no word list the check has holds
    it; session 43's trial had told a pupil to learn its spelling)."""
    lower = wrote.lower()
    return (
        stem_form(wrote) == stem_form(read)
        or lower in (read + "s", read + "es")
        or people_of(lower, read.lower())
        or ise_derivation(lower, read)
    )


def _accented(wrote: str, read: str, compiled: CompiledRubric) -> bool:
    """Whether a word is written with accents that, taken off, leave the word it was read as,
    a rubric word or an English word ('Shinzō' for 'Shinzo', Hepburn's long vowel)."""
    folded = accent_folded(wrote)
    if folded == wrote:
        return False
    lower = folded.lower()
    return (
        lower == read.lower()
        or _same_word(folded, read)
        or lower in compiled.vocabulary
        or compiled.dictionary.knows(lower)
    )


def _listing(pairs: Sequence[tuple[str, str]], count: int) -> str:
    words = ", ".join(f"“{wrote}” ({meant})" for wrote, meant in pairs)
    return words + ", …" if count > len(pairs) else words


_WORD = re.compile(r"[^\W\d_]+")
_written_words_of: dict[str, frozenset[str]] = {}


def _written_words(loaded: LoadedRubric) -> frozenset[str]:
    """The lower-case words of a rubric's source notes and model answers: the tutor's words are
    never a learner's slip ('memoised' in notes on computing). Kept per rubric fingerprint."""
    found = _written_words_of.get(loaded.fingerprint)
    if found is None:
        texts = [loaded.source_notes, *loaded.model_answers.values()]
        found = frozenset(w.lower() for text in texts for w in _WORD.findall(text))
        _written_words_of[loaded.fingerprint] = found
    return found


def _other_misspellings(
    ctx: AdvisoryContext, read: dict[int, str], named: set[str]
) -> dict[str, str]:
    """Written -> most likely meant, for lower-case words outside the rubric's and the question's
    vocabulary that no English word list holds: the rubric word matching read one as (where it
    earned nothing), else the one English word one slip away
    (:meth:`~evaluator.nlp.lexicon.EnglishWords.meant`). A capitalised word may be a name;
    a word inside a credited term is in ``named``."""
    dictionary = ctx.compiled.dictionary
    if not dictionary:
        return {}
    vocabulary, notes = ctx.compiled.vocabulary, _written_words(ctx.loaded)
    found: dict[str, str] = {}
    for token in ctx.doc:
        text = token.text
        if len(text) < MEANT_MIN_LEN or not text[:1].islower() or text in named or text in found:
            continue
        if _accented(text, read.get(token.i, ""), ctx.compiled):
            continue  # 'naïve', 'résumé': the word with its accents
        if token.i in read:
            if (
                token.lower_ != read[token.i]
                and not dictionary.knows(token.lower_)
                and not _same_word(text, read[token.i])
            ):
                found[text] = dictionary.meant(token.lower_) or read[token.i]
            continue
        lower = token.lower_
        if lower in vocabulary or lower in notes or lower in ctx.asked:
            continue
        meant = dictionary.meant(lower)
        if meant is not None:
            found[text] = meant
    return found


def _unreadable(ctx: AdvisoryContext, *, english: bool) -> list[Advisory]:
    # U+FFFD marks what the input boundary could not read (evaluator.scoring.inputs)
    places = ctx.text.count("\ufffd")
    if places and not english:
        # a stretch cut after a letter of a script written without spaces (Japanese, Chinese,
        # Thai) is ordinary writing in that script, which not_english already reports: telling
        # the learner to "write ordinary sentences there" as well repeated it (hostile trial 33)
        text = ctx.text
        places -= sum(
            1
            for m in re.finditer("\ufffd", text)
            if m.start() and text[m.start() - 1].isalpha() and not text[m.start() - 1].isascii()
        )
    if not places:
        return []
    return [_advisory("unreadable", {"places": places}, effect="none: those parts earn nothing")]


def _length(ctx: AdvisoryContext, *, english: bool = True) -> list[Advisory]:
    cfg = advisory_settings()
    limit = ctx.question.word_limit
    # an answer in another script is as long as its English words (only they can earn marks):
    # a Hindi answer's words had lifted its length cap, and Hindi padding its marks
    words = ctx.word_count if english else count_latin_words(ctx.text)
    used = words / limit
    details: dict[str, object] = {
        "words": words,
        "limit": limit,
        "used": round(used, 4),
        "written": "" if english else " in English",
    }
    if used < cfg.too_short.below and ctx.question.length_counts:
        short_cap = round(used, 2)
        effect = str(cfg.too_short.effect).format(cap=short_cap)
        return [_advisory("too_short", details, cap=short_cap, effect=effect)]
    if used > cfg.over_limit.above:
        cap: float | None = None
        penalty = 0.0
        for start, band_cap, band_penalty in cfg.over_limit.bands:
            if used > start:
                cap, penalty = band_cap, band_penalty
        details["over"] = round(used - 1, 4)
        return [_advisory("over_limit", details, cap=cap, penalty=penalty)]
    return []


def _written_names(names: Iterable[str], ctx: AdvisoryContext) -> str:
    """The subject's names (lower case) as the rubric writes them, joined by "or": its declared
    terms, title, question or notes ("GST", not "Gst": session 46's trial read "names Council
    or Finance Commission or Gst 0 times"); a name written nowhere with a capital is
    title-cased, as before."""
    rubric = ctx.loaded.rubric
    texts = [*(rubric.subject_terms or ()), rubric.title, ctx.question.text]
    texts.append(ctx.loaded.source_notes)
    written = []
    for name in names:
        pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.IGNORECASE)
        forms = (m.group(0) for text in texts if text for m in pattern.finditer(text))
        capitals = [f for f in forms if not f.islower()]
        # a heading in capitals ("JAPAN") is no name's written form where another is found
        written.append(
            next((f for f in capitals if not f.isupper()), None)
            or next(iter(capitals), name.title())
        )
    return " or ".join(written)


def _other_subject(ctx: AdvisoryContext, subject: SubjectMentions) -> Advisory | None:
    """``off_topic`` for an answer about another country: one it names (its name, people or
    capital) at least ``other_subject_mentions`` times and ``other_subject_ratio`` times as
    often as the subject, or ``other_subject_alone`` times when it never names the subject, where
    the question names the subject. "Economic ties between India
    and South Korea ..." answers another question than India and Japan's, however many of
    the constraints it shares."""
    off = advisory_settings().off_topic
    if not subject.names or not subject_mentions(ctx.question.text, subject.names, 0).mentions:
        return None
    other = other_subject(ctx.text, subject.names, ctx.question.text)
    if other is None:
        return None
    if subject.mentions == 0:
        if other.mentions < off.other_subject_alone:
            return None
    elif (
        other.mentions < off.other_subject_mentions
        or other.mentions < off.other_subject_ratio * subject.mentions
    ):
        return None
    details = {
        "other": other.name,
        "other_mentions": other.mentions,
        "subject": _written_names(subject.names, ctx),
        "mentions": subject.mentions,
        "words": subject.words,
    }
    return Advisory(
        code="off_topic",
        message=fill(str(off.other_subject_message), **details),
        effect=_effect(off.cap, 0.0),
        cap=off.cap,
        details=details,
    )


def _lone_match(ctx: AdvisoryContext) -> Advisory | None:
    """``off_topic`` for a short answer whose one word on the topic is used about something
    else (:func:`~evaluator.scoring.checks.gaming.lone_match`): too few words for the share of
    its vocabulary to tell, but all it says beside that word is outside the question, and its
    sentence names someone or something the question, notes and rubric never name."""
    off = advisory_settings().off_topic
    lone = lone_match(ctx.doc, ctx.loaded, ctx.question, ctx.matches)
    # a name the question never writes says whom the sentence is about instead: without one,
    # a terse paraphrase in the learner's own words reads the same (SemEval's "It breaks the
    # closed pathway that the bulbs require to work" shares one word with its reference)
    if lone is None or not lone.names or len(lone.others) < off.short_other_words:
        return None
    details = {
        "word": lone.word,
        "others": ", ".join(lone.others),
        "names": " and ".join(lone.names),
    }
    return Advisory(
        code="off_topic",
        message=fill(str(off.short_message), **details),
        effect=_effect(off.short_cap, 0.0),
        cap=off.short_cap,
        details=details,
    )


def _gaming(ctx: AdvisoryContext) -> list[Advisory]:
    cfg = advisory_settings()
    found: list[Advisory] = []

    credited = sum(1 for c in ctx.concepts if c.credit > 0)
    off = cfg.off_topic
    subject = subject_mentions(ctx.text, subject_names(ctx.loaded), ctx.word_count)
    # a short answer need not name what its question already names ("three ways it reflects
    # cooperative federalism" rarely repeats "the GST Council"): there the vocabulary decides
    unnamed = ctx.question.kind != "short" and names_subject_too_rarely(
        subject, off.words_per_subject_name
    )
    if unnamed:
        names = ctx.compiled.name_aliases
        named = {m.term for m in ctx.matches if not m.negated and m.term in names}
        unnamed = len(named) < off.concept_names
        # a question that does not name the subject (the India–Japan rubric's Quad question)
        # asks an answer to make its points, not to name the subject: an answer on the Quad
        # that never writes "Japan" but earns three points is on topic, one on groundwater
        # (no point, no name) is not
        if unnamed and not subject_mentions(ctx.question.text, subject.names, 0).mentions:
            unnamed = not named and credited <= off.max_concepts
    # an answer that names its subject and earns more concepts than an off-topic one may is on
    # topic: no need to measure its vocabulary (the common case)
    topic = (
        topic_overlap(ctx.doc, ctx.loaded, ctx.question, ctx.matches, credited)
        if unnamed or credited <= off.max_concepts
        else None
    )
    if (
        topic is not None
        and topic.content_words >= off.min_content_words
        and (unnamed or (topic.overlap < off.max_overlap and topic.concepts <= off.max_concepts))
    ):
        found.append(
            _advisory(
                "off_topic",
                {
                    "overlap": topic.overlap,
                    "terms": topic.terms,
                    "concepts": topic.concepts,
                    "content_words": topic.content_words,
                    "subject": _written_names(subject.names, ctx) or "its subject",
                    "mentions": subject.mentions,
                    "words": subject.words,
                },
                cap=off.cap,
            )
        )
    elif ctx.question.kind != "short":
        other = _other_subject(ctx, subject)
        if other is not None:
            found.append(other)
    else:
        lone = _lone_match(ctx)
        if lone is not None:
            found.append(lone)

    # the rubric's own terms: a tuned rubric's learned phrases ('the GST', 'states') are the
    # words of ordinary answers, and counting them called every answer a list of keywords
    learned = ctx.compiled.learned_terms
    shape = list_shape(ctx.doc, [m for m in ctx.matches if m.term not in learned])
    ks = cfg.keyword_stuffing
    salad = shape.disorder >= ks.max_disorder and shape.disorder_breaks >= ks.min_disorder_breaks
    fired: list[StuffingReason] = []
    if ctx.question.kind != "short":
        if shape.terms >= ks.min_terms:
            if (
                shape.list_share >= ks.list_term_share
                and shape.link_rate < ks.list_max_link_rate
                and laid_out_reasons(ctx.text) < ks.table_min_reason_rows
            ):
                # (a table with a column of reasons lays its terms out as an argument: session
                # 38's fifth mentor gave "DIMENSION | WHY THE TIME HAS COME | EVIDENCE" 5 of 10,
                # and it had been capped at 15% as a list of keywords)
                fired.append("list")
            if salad:
                fired.append("salad")
            if (
                shape.scrambled >= ks.max_scrambled_share
                and shape.scrambled_sentences >= ks.min_scrambled_sentences
            ):
                fired.append("scrambled")
            if (
                shape.link_rate < ks.max_link_rate
                and shape.term_share >= ks.min_term_share
                and not _in_note_form(ctx.text, shape.link_rate, ks)
            ):
                fired.append("links")
    elif shape.terms >= ks.short_min_terms:
        # a short answer is terse by nature ("a gap in the circuit" is dense with terms, "short
        # string high pitch, long string low pitch" has no function word), so its few links
        # prove nothing; a bare list does, word salad (a capital A is a label: "so A is"), and
        # a run of words English hardly writes ("dense less dense expands lattice molecules
        # iceberg lakes winter": nine; "a steep slope makes water flow faster causing more
        # erosion" runs nine too, once in SemEval's 8,910 answers)
        if shape.list_share >= ks.list_term_share and not _step_list(ctx, ks):
            fired.append("list")
        if salad:
            fired.append("salad")
        if shape.bare_run >= ks.short_bare_run:
            fired.append("run")
    stuffed = bool(fired)
    if stuffed:
        measured = {
            "terms": shape.terms,
            "list_share": shape.list_share,
            "verb_rate": shape.verb_rate,
            "link_rate": shape.link_rate,
            "term_share": shape.term_share,
            "disorder": shape.disorder,
            "scrambled": shape.scrambled,
            "bare_run": shape.bare_run,
        }
        found.append(
            _advisory(
                "keyword_stuffing",
                {**measured, "why": "; ".join(ks.reasons[r].format(**measured) for r in fired)},
                cap=ks.cap,
            )
        )

    if not stuffed and ctx.question.kind != "short":
        listed = _fact_list(ctx)
        if listed is not None:
            found.append(listed)

    # not in a short answer: see _copied_source
    copied = _copied_source(ctx) if ctx.question.kind != "short" else None
    if copied is not None:
        found.append(copied)

    rp = cfg.repetition
    rep = repetition(ctx.doc)
    low_diversity = rep.mattr < rp.min_mattr
    restated = restated_sentences(ctx.doc, ctx.asked, rp.restated_new_words, rp.min_sentence_words)
    padding = (
        rep.sentences >= rp.min_restated_sentences and restated >= rp.heavy_restated * rep.sentences
    )
    if (rep.share >= rp.heavy_share and rep.repeats >= rp.light_repeats) or padding:
        found.append(_repetition_advisory(rep, restated, cap=rp.heavy_cap))
    elif rep.repeats >= rp.light_repeats or low_diversity:
        penalty = (rp.light_penalty if rep.repeats >= rp.light_repeats else 0.0) + (
            rp.diversity_penalty if low_diversity else 0.0
        )
        found.append(_repetition_advisory(rep, restated, penalty=round(penalty, 4)))
    return found


def _step_list(ctx: AdvisoryContext, ks: KeywordStuffingAdvisory) -> bool:
    """Whether a short answer's list names the steps a procedure question asks for: "Describe
    how to test a leaf for starch" answered "Boil leaf, ethanol, iodine, blue-black." (its
    teacher's 4 of 4), within the word limit, each item a rubric term, no more items than the
    reference states steps. A list of the rubric's cues names one a step or more (the audit's
    keyword list: 19 items for the leaf test's 5 steps) and stays a list of keywords."""
    question = ctx.question
    if question.directive not in ks.short_step_directives:
        return False
    if ctx.word_count > question.word_limit:
        return False
    items = step_items(ctx.doc, ctx.matches)
    return items is not None and 0 < items <= reference_steps(ctx.loaded, question)


def _fact_list(ctx: AdvisoryContext) -> Advisory | None:
    """The ``fact_list`` advisory of a flat list of facts: many points under at most a title,
    no introduction or conclusion, and most lines with no verb (names and dates, no claims)."""
    fl = advisory_settings().fact_list
    st = ctx.structure
    if (
        st.points < fl.min_points
        or st.headings > fl.max_headings
        or st.has_introduction
        or st.has_conclusion
    ):
        return None
    bare = bare_share(ctx.doc)
    if bare < fl.min_bare_share:
        return None
    return _advisory("fact_list", {"points": st.points, "bare": bare}, cap=fl.cap)


def one_sided(ctx: AdvisoryContext) -> Advisory | None:
    """The ``one_sided`` advisory of an essay-marked answer that gives only one side where its
    directive asks it to weigh both: fewer critical markers than ``min_markers``, no credited
    point of a ``challenges`` dimension of the question, and no credited point that states a
    lack or a hurdle (``negative_claim``)."""
    cfg = advisory_settings().one_sided
    question = ctx.question
    if not question.essay_marked:
        return None
    asked = [d for d in [question.directive, *question.extra_directives] if d in cfg.directives]
    if not asked or ctx.structure.signals.get("critical", 0) >= cfg.min_markers:
        return None
    other_side = {
        c.id for d, c in ctx.compiled.concepts if c.negative_claim or d.kind == "challenges"
    }
    if any(c.credit > 0 and c.id in other_side for c in ctx.concepts):
        return None
    if _states_a_lack(ctx.doc, frozenset(cfg.lack_words), frozenset(cfg.lack_denials)):
        return None
    return _advisory("one_sided", {"directive": asked[0].capitalize()}, deduction=cfg.deduction)


def _states_a_lack(doc: Doc, words: frozenset[str], denials: frozenset[str]) -> bool:
    """Whether the answer states a lack or a hurdle in a word of ``lack_words`` that it does
    not deny: "panchayats still lack funds", "a shortage of staff hampers them"; not "they do
    not lack funds", "no shortage of staff" nor "It is wrong to say that they lack funds"."""
    found = [t for t in doc if t.lower_ in words]
    if not found:
        return False
    scopes = negation_scopes(doc)
    # and what a framing denies: "It is wrong to say that panchayats lack funds", "It is a myth
    # that they face a shortage of staff"
    denied = denied_negatives(doc, scopes) | framed_denials(doc, scopes)
    return any(
        t.i not in denied
        and not (t.i > 0 and doc[t.i - 1].lower_ in denials)
        and not any(c.dep_ == "neg" or c.lower_ in denials for c in t.children)
        for t in found
    )


def missing_part(ctx: AdvisoryContext) -> Advisory | None:
    """The ``missing_part`` advisory of an essay-marked answer that leaves out a part its
    question names (``Question.parts``): none of the part's words in a sentence that says more
    than the question, and its dimension, if it names one, scoring under
    ``min_dimension_score``."""
    question = ctx.question
    if not question.parts or not question.essay_marked:
        return None
    cfg = advisory_settings().missing_part
    unearned = [
        part
        for part in question.parts
        if part.dimension is None
        or ctx.dimension_scores.get(part.dimension, 0.0) < cfg.min_dimension_score
    ]
    if not unearned:
        return None
    beyond = sentences_beyond(ctx.doc, ctx.asked, cfg.min_new_words)
    missing = [
        part.label
        for part in unearned
        if not any(
            first <= m.start() < last
            for m in _part_words(tuple(part.named_by)).finditer(ctx.text)
            for first, last in beyond
        )
    ]
    if not missing:
        return None
    parts = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
    return _advisory(
        "missing_part", {"parts": parts, "count": len(missing), "missing": missing}, cap=cfg.cap
    )


_SPACES = r"[\s\-\u2010-\u2014]+"
"""A space, a hyphen or a dash between the words of a part's phrase."""


@lru_cache(maxsize=256)
def _part_words(named_by: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern of the words that take a part up (``QuestionPart.named_by``): any case, a
    hyphen or dash read as a space, a plural or possessive ending allowed."""
    alternatives = (
        _SPACES.join(re.escape(w) for w in re.split(_SPACES, t.strip())) for t in named_by
    )
    return re.compile(
        r"(?<!\w)(?:" + "|".join(alternatives) + r")(?:s|es|['\u2019]s)?(?!\w)", re.IGNORECASE
    )


def _copied_source(ctx: AdvisoryContext) -> Advisory | None:
    """The ``copied_source`` advisory of an answer much of which repeats the source notes word
    for word. Not for a short answer (the caller's rule): it states its points, and the
    document's words are the points: the mark scheme's own wording is what a pupil who knows
    the answer writes, and a passage the item is set on is there to be quoted (trial s40t: the
    three key elements written as the prompt words them were capped at 5%, 0 of 3 where the
    teacher gave 3)."""
    cs = advisory_settings().copied_source
    copied = copy_share(ctx.text, ctx.loaded, cs.shingle)
    if copied.share < cs.min_share or copied.copied < cs.min_words:
        return None
    cap = copy_cap(copied.share, cs.min_share, cs.full_share)
    return _advisory(
        "copied_source",
        {
            "share": copied.share,
            "copied": copied.copied,
            "words": copied.words,
            # where: so every face can mark the stretches to rewrite
            "spans": [
                {"start": start, "end": end, "text": ctx.text[start:end]}
                for start, end in copied.spans
            ],
        },
        cap=cap,
        effect=str(cs.effect).format(cap=cap),
    )


def copy_cap(share: float, min_share: float, full_share: float) -> float:
    """The cap for an answer ``share`` of whose words repeat the source: half of the share not
    copied (at least 5%), eased in linearly from no cap at ``min_share`` to the whole of it at
    ``full_share``, so the mark falls with each copied word rather than at a cliff (trial 29c: an
    answer just over 25% copied lost three marks of ten)."""
    full = max(0.05, 0.5 * (1 - share))
    if share < full_share and full_share > min_share:
        full += (1 - full) * (full_share - share) / (full_share - min_share)
    return round(min(1.0, full), 2)


def _repetition_advisory(
    rep: Any, restated: int, *, cap: float | None = None, penalty: float = 0.0
) -> Advisory:
    return _advisory(
        "repetition",
        {
            "repeats": rep.repeats,
            "restated": restated,
            "sentences": rep.sentences,
            "share": rep.share,
            "mattr": rep.mattr,
        },
        cap=cap,
        penalty=penalty,
    )
