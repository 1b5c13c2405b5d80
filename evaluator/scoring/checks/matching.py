"""Term and concept matching: pure functions from a spaCy ``Doc`` to findings.

A rubric is compiled once (per pipeline) into phrase indexes keyed by token forms:

* lower-case forms and lemmas, so 'exercises' matches the cue 'exercise';
* stem forms of the American spelling (:func:`evaluator.nlp.lexicon.stem_form`), so 'behaviour'
  matches 'behaviors' and 'simulate' matches 'simulation';
* synonym classes, so 'Tokyo' matches a cue written 'Japan' when the rubric says they are one;
* short all-capital acronyms ('US', 'UN', 'IT') only in capitals, so the pronoun 'us' is not the
  United States;
* misspelt proper nouns of five letters or more within one edit (two from nine letters) of a
  capitalised rubric word, only when the answer's word is not itself a rubric word and the
  nearest rubric word is unambiguous.

Concepts are then credited from their cue groups co-occurring within a small sentence window.
"""

from __future__ import annotations

import itertools
import re
import threading
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA
from spacy.language import Language
from spacy.tokens import Doc

from evaluator.nlp.docview import view
from evaluator.nlp.lexicon import (
    EnglishWords,
    english_words,
    fixed_expression_words,
    list_marker_words,
    other_verb_words,
    stem_form,
)
from evaluator.nlp.pipeline import pipeline_cache_key
from evaluator.resources import read_cached_json, write_cached_json
from evaluator.rubric.loader import LoadedRubric
from evaluator.rubric.model import Concept, Dimension, Rubric
from evaluator.scoring.checks.fact_claims import home_words
from evaluator.scoring.checks.proportional import (
    Phrasing,
    ProportionalCredit,
    extra_content_words,
    proportional_credit,
)
from evaluator.scoring.report import ConceptResult

# Tokens that carry no meaning for matching: "rules-based" == "rules based", quotes ignored.
_SKIP_TEXT = frozenset({"-", "–", "—", "‐", "'", '"', "‘", "’", "“", "”", "`"})
_CASE_SENSITIVE_MAX = 3
_FUZZY_MIN_LEN = 5
_FUZZY_LONG_LEN = 9
# what forms() says a token may be a misspelling of (bit flags)
_NO_SPELLING = 0
_NAME_SPELLING = 1
"""A capitalised word outside the rubric's vocabulary: maybe one of its names, misspelt."""
_WORD_SPELLING = 2
"""A word that is no English word the pipeline knows: maybe any rubric word, misspelt."""
_MAX_TERM_TOKENS = 8
_FORMS_CACHE_MAX = 100_000
Forms = tuple[str, str, str, int, bool, str]
_SKIP: Forms = ("", "", "", _NO_SPELLING, False, "")

Trie = dict[str | None, Any]
"""Token form -> the next level; None -> the (sorted) classes of the term that ends here."""


class TermMatch(NamedTuple):
    """One occurrence of a rubric term (by its synonym class) in the answer (a named tuple: an
    answer has a hundred of these, and a tuple is the cheapest immutable record to build)."""

    term: str
    """Canonical term (synonym class key)."""
    start: int
    """Token index of the first token."""
    end: int
    """Token index one past the last token."""
    sent: int
    """Index of the sentence holding the first token."""
    negated: bool = False
    negation_cue: str = ""
    corrected: bool = False
    """True when a misspelt word was accepted through edit-distance tolerance."""


@dataclass(frozen=True)
class ConceptMatch:
    """What the cue groups of one concept found in the answer."""

    status: str
    """covered, partial, missing or negated (contradiction is decided later, by facts)."""
    groups_matched: int
    groups_total: int
    evidence: tuple[TermMatch, ...] = ()
    negation_cue: str = ""
    via_alias: bool = False
    proportional: ProportionalCredit | None = None
    """For a ``credit: proportional`` concept: the credit and what it is made of."""


@dataclass
class CompiledRubric:
    """A rubric turned into phrase indexes for fast matching. Built once per pipeline."""

    loaded: LoadedRubric
    concept_groups: dict[str, list[frozenset[str]]] = field(default_factory=dict)
    concept_aliases: dict[str, frozenset[str]] = field(default_factory=dict)
    concept_terms: dict[str, frozenset[str]] = field(default_factory=dict)
    """Concept id -> its aliases and every cue of its groups."""
    name_aliases: frozenset[str] = frozenset()
    """The aliases the rubric writes as names (a capital letter: 'JIMEX', 'CEPA', 'Malabar'),
    not as phrases any answer on a neighbouring subject uses ('strategic autonomy')."""
    fact_cues: dict[str, frozenset[str]] = field(default_factory=dict)
    fact_own_terms: dict[str, frozenset[str]] = field(default_factory=dict)
    """Fact id -> its cues and its concept's aliases and cues: a cue inside a longer term made
    of these words is still the fact's cue."""
    bonus_terms: dict[str, frozenset[str]] = field(default_factory=dict)
    tries: tuple[Trie, Trie, Trie, Trie] = ({}, {}, {}, {})
    """The lower, lemma, caps and stem indexes as token tries: a phrase is walked one token at a
    time and extended only while it is still the beginning of some rubric term."""
    concepts_of_term: dict[str, frozenset[str]] = field(default_factory=dict)
    learned_terms: frozenset[str] = frozenset()
    """Terms of learned concepts only (phrases `rubric tune` took from graded answers): not
    the rubric's own vocabulary, so the keyword-stuffing check does not count them."""
    """Term class -> the concepts whose aliases or cues name it."""
    named_in: dict[str, frozenset[str]] = field(default_factory=dict)
    """Term class of an alias -> the dimensions one of whose concepts it names."""
    _missing_results: dict[tuple[str, int], ConceptResult] = field(default_factory=dict)
    """(concept id, cue groups matched) -> the result of a missing concept (see
    :meth:`missing_result`)."""
    vocabulary: frozenset[str] = frozenset()
    fuzzy_targets: tuple[str, ...] = ()
    """Names the rubric writes (capitalised words it never writes in lower case): what a
    capitalised word outside the rubric's vocabulary may be a misspelling of."""
    word_targets: tuple[str, ...] = ()
    """Every lower-case word of five letters or more in the rubric's terms: what a word that is
    no English word the pipeline knows ('conected', 'infrastucture') may be a misspelling of."""
    dictionary: EnglishWords = field(default_factory=EnglishWords)
    """The English words the pipeline knows (:func:`evaluator.nlp.lexicon.english_words`)."""
    _fuzzy_cache: dict[tuple[str, bool], str | None] = field(default_factory=dict)
    _targets_by_letter: dict[tuple[str, bool], tuple[str, ...]] = field(default_factory=dict)
    phrasings: dict[str, tuple[Phrasing, ...]] = field(default_factory=dict)
    focus: dict[str, frozenset[str] | None] = field(default_factory=dict)
    """Question id -> the concepts its next steps put first (see ``engine.question_focus``),
    worked out on first use."""
    """Proportional concepts -> their compiled phrasings (own cues first, then alternatives)."""
    known_stems: frozenset[str] = frozenset()
    """Stem forms and lemmas of every rubric term and question word: an answer's content word
    outside these is an extra word for proportional credit."""
    question_stems: frozenset[str] = frozenset()
    """Stem forms of the words of the rubric's questions (echo words of a short answer)."""
    forms_of: dict[tuple[str, str], Forms] = field(default_factory=dict)
    """(token text, lemma) -> its matching forms, filled as answers are read (see :meth:`forms`)."""
    concepts: tuple[tuple[Dimension, Concept], ...] = ()
    """Every concept with its dimension, in rubric order (``Rubric.concepts()``, built once)."""
    home: frozenset[str] = frozenset()
    """The names of the rubric's own subject (see :func:`fact_claims.home_words`)."""
    ownership: dict[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)
    """Concept id -> (its own words, its one-word-cue candidates), filled as answers are read by
    checks.ownership (a concept's wording is the same for every answer)."""

    def missing_result(
        self, dimension_id: str, concept: Concept, groups_matched: int
    ) -> ConceptResult:
        """The result of a missing concept: the same for every answer that matched as many of its
        cue groups (none, or too few in one place), so built once per compiled rubric (frozen, and
        its empty lists are never mutated)."""
        key = (concept.id, groups_matched)
        result = self._missing_results.get(key)
        if result is None:
            result = ConceptResult(
                id=concept.id,
                label=concept.label,
                dimension=dimension_id,
                status="missing",
                credit=0.0,
                weight=concept.weight,
                evidence=[],
                matched=[],
                groups_matched=groups_matched,
                groups_total=len(concept.cues),
                source_note=concept.shared_note,
                reason="not found in the answer",
                penalty=concept.penalty,
                learned=concept.learned,
            )
            self._missing_results[key] = result
        return result

    def forms(self, text: str, lemma: str, space: bool) -> Forms:
        """The forms a token is looked up by: (lower case, lemma, case-sensitive form, whether it
        may be a misspelt name, whether some rubric term begins with it, stem form). ``_SKIP``
        for spaces and quotes. Cached per (text, lemma)."""
        if space or text in _SKIP_TEXT:
            forms = _SKIP
        else:
            lower, base, cap = _token_forms(text, lemma)
            unknown = (
                text.isalpha()
                and len(lower) >= _FUZZY_MIN_LEN
                and lower not in self.vocabulary
                and base not in self.vocabulary
            )
            misspelt = _NO_SPELLING
            if unknown and not self.dictionary.knows(lower, base):
                if text[:1].isupper():
                    misspelt |= _NAME_SPELLING
                if self.dictionary:
                    misspelt |= _WORD_SPELLING
            stem = _stem_key(text, _degree_kept(lower, base))
            forms = (lower, base, cap, misspelt, self.begins_term(lower, base, cap, stem), stem)
        if len(self.forms_of) >= _FORMS_CACHE_MAX:
            self.forms_of.clear()
        self.forms_of[(text, lemma)] = forms
        return forms

    def begins_term(self, lower: str, lemma: str, cap: str, stem: str = "") -> bool:
        """Whether a rubric term begins with a token of these forms."""
        lowers, lemmas, caps, stems = self.tries
        return lower in lowers or lemma in lemmas or cap in caps or (stem in stems and stem != "")

    @property
    def rubric(self) -> Rubric:
        """The underlying rubric model."""
        return self.loaded.rubric

    def read_as(self, misspelt: int, lower: str, named: bool) -> tuple[str, str] | None:
        """(the rubric word, its stem form) a token of these :meth:`forms` is read as, or None.
        ``named``: the token is tagged a proper noun or capitalised inside a sentence, so it may
        be one of the rubric's names misspelt; a name keeps no stem form."""
        if misspelt & _NAME_SPELLING and named:
            target = self.correct_spelling(lower)
            if target is not None:
                return target, ""
        if misspelt & _WORD_SPELLING:
            target = self.correct_spelling(lower, name=False)
            if target is not None:
                return target, stem_form(target)
        return None

    def _targets_from(self, letter: str, name: bool) -> tuple[str, ...]:
        """The spelling targets (names, or every rubric word) that begin with this letter."""
        key = (letter, name)
        found = self._targets_by_letter.get(key)
        if found is None:
            targets = self.fuzzy_targets if name else self.word_targets
            found = self._targets_by_letter[key] = tuple(t for t in targets if t[:1] == letter)
        return found

    def correct_spelling(self, word: str, name: bool = True) -> str | None:
        """The rubric word a misspelt word stands for, or None: a name of the rubric's for a
        capitalised word (``name``), else any of its words, for a word that is no English word
        the pipeline knows."""
        lowered = word.lower()
        key = (lowered, name)
        if key in self._fuzzy_cache:
            return self._fuzzy_cache[key]
        result = None
        if len(lowered) >= _FUZZY_MIN_LEN and lowered not in self.vocabulary:
            limit = 2 if len(lowered) >= _FUZZY_LONG_LEN else 1
            # a misspelling keeps the first letter: 'Bhakti' is not 'Shakti', 'Divestment' not
            # 'investment'
            hits = process.extract(
                lowered,
                self._targets_from(lowered[:1], name),
                scorer=OSA.distance,
                score_cutoff=limit,
                limit=2,
            )
            if hits:
                best_word, best_distance, _ = hits[0]
                ambiguous = len(hits) > 1 and hits[1][1] == best_distance
                # a short target must not swallow a longer word: "India" is not "Indiana"
                if not ambiguous and len(best_word) >= _FUZZY_MIN_LEN:
                    result = best_word
        if len(self._fuzzy_cache) >= _FORMS_CACHE_MAX:
            self._fuzzy_cache.clear()
        self._fuzzy_cache[key] = result
        return result


# --- compiling ---------------------------------------------------------------------------------

_compiled: dict[tuple[str, str, int], CompiledRubric] = {}
_compile_lock = threading.Lock()


def compile_rubric(loaded: LoadedRubric, nlp: Language) -> CompiledRubric:
    """The compiled form of a rubric for this pipeline (cached by rubric fingerprint)."""
    key = (loaded.rubric.id, loaded.fingerprint, id(nlp))
    with _compile_lock:
        cached = _compiled.get(key)
        if cached is None:
            cached = _compile(loaded, nlp)
            _compiled[key] = cached
    return cached


def _term_key(term: str) -> str:
    return " ".join(term.lower().split())


def _compile(loaded: LoadedRubric, nlp: Language) -> CompiledRubric:
    rubric = loaded.rubric
    synonym_of: dict[str, str] = {}
    for group in rubric.synonyms:
        head = _term_key(group[0])
        for member in group:
            synonym_of.setdefault(_term_key(member), head)

    def canonical(term: str) -> str:
        key = _term_key(term)
        return synonym_of.get(key, key)

    compiled = CompiledRubric(
        loaded, concepts=tuple(rubric.concepts()), home=home_words(rubric.title, rubric.synonyms)
    )
    surface_terms: dict[str, str] = {}  # surface form -> canonical class
    own_surfaces: set[str] = set()  # the rubric's vocabulary: not its graded answers' words

    def add(term: str, own: bool = True) -> str:
        """The term's class; ``own``: a word of the rubric, not of an exemplar concept."""
        cls = canonical(term)
        surface_terms.setdefault(term.strip(), cls)
        if own:
            own_surfaces.add(term.strip())
        return cls

    for group in rubric.synonyms:
        for member in group:
            add(member)
    named_in: dict[str, set[str]] = defaultdict(set)
    for dimension, concept in rubric.concepts():
        own = not concept.exemplar
        compiled.concept_groups[concept.id] = [
            frozenset(add(t, own) for t in g) for g in concept.cues
        ]
        compiled.concept_aliases[concept.id] = frozenset(add(t) for t in concept.aliases)
        for term in compiled.concept_aliases[concept.id]:
            named_in[term].add(dimension.id)
        names = frozenset(add(t) for t in concept.aliases if any(c.isupper() for c in t))
        compiled.name_aliases = compiled.name_aliases | names
        compiled.concept_terms[concept.id] = compiled.concept_aliases[concept.id].union(
            *compiled.concept_groups[concept.id]
        )
    echo_weight = rubric.scoring.echo_weight
    for _, concept in rubric.concepts():
        if concept.credit != "proportional":
            continue
        own = not concept.exemplar
        phrasings = []
        for cues, echo, negative in [
            (concept.cues, concept.echo, concept.negative_claim),
            *((a.cues, a.echo, a.negative_claim) for a in concept.alternatives),
        ]:
            echoes = {canonical(t) for t in echo}
            cue_sets = tuple(frozenset(add(t, own) for t in g) for g in cues)
            weights = tuple(echo_weight if g & echoes else 1.0 for g in cue_sets)
            heads = tuple(canonical(g[0]) for g in cues)
            phrasings.append(Phrasing(cue_sets, weights, negative, heads))
        compiled.phrasings[concept.id] = tuple(phrasings)
    for fact in rubric.facts:
        compiled.fact_cues[fact.id] = frozenset(add(t) for t in fact.cues)
        # the fact's own concept's words are its own: "currency swap arrangement of $75 billion"
        compiled.fact_own_terms[fact.id] = compiled.fact_cues[fact.id].union(
            compiled.concept_aliases.get(fact.concept, frozenset()),
            *compiled.concept_groups.get(fact.concept, []),
        )
    for keyword in rubric.bonus_keywords:
        compiled.bonus_terms[keyword] = frozenset({add(keyword)})

    vocabulary: set[str] = set()
    own_vocabulary: set[str] = set()
    fuzzy_targets: set[str] = set()
    word_targets: set[str] = set()
    # Only names are spelling targets: a capitalised rubric word that the rubric's own prose also
    # writes in lower case ("Staff Talks" / "staff", "Peace" / "peace") is an ordinary word, and
    # correcting "Tasks" into "talks" or "Place" into "peace" would invent matches.
    common_words = _lower_case_words(loaded)
    # phrase indexes keyed by token forms; case-sensitive terms (short acronyms) only in caps
    lower_index: dict[tuple[str, ...], set[str]] = {}
    lemma_index: dict[tuple[str, ...], set[str]] = {}
    caps_index: dict[tuple[str, ...], set[str]] = {}
    stem_index: dict[tuple[str, ...], set[str]] = {}
    surfaces = sorted(surface_terms)
    analysed = term_tokens(loaded, surfaces, nlp)
    for surface in surfaces:
        cls = surface_terms[surface]
        # a token's lower case, alphabetic and space flags are spaCy's lexical attributes,
        # which are these str methods; only the lemma needs the pipeline
        tokens = [(text, lemma) for text, lemma in analysed[surface] if not _skippable_text(text)]
        if not tokens:
            continue
        tokens = tokens[:_MAX_TERM_TOKENS]
        lowers, plain, caps = zip(
            *(_token_forms(text, lemma) for text, lemma in tokens), strict=True
        )
        lemmas = tuple(map(_degree_kept, lowers, plain))
        if any(_case_sensitive(text) for text, _ in tokens):
            caps_index.setdefault(caps, set()).add(cls)
        else:
            lower_index.setdefault(lowers, set()).add(cls)
            lemma_index.setdefault(lemmas, set()).add(cls)
            stems = tuple(
                _stem_key(text, base) for (text, _), base in zip(tokens, lemmas, strict=True)
            )
            if all(stems):
                stem_index.setdefault(stems, set()).add(cls)
        for text, lemma in tokens:
            lower = text.lower()
            vocabulary.add(_norm(lower))
            vocabulary.add(_norm(lemma))
            if surface in own_surfaces:
                own_vocabulary.update((_norm(lower), _norm(lemma)))
            if text.isalpha() and len(text) >= _FUZZY_MIN_LEN:
                word_targets.add(lower)
            if (
                text.isalpha()
                and text[:1].isupper()
                and len(text) >= _FUZZY_MIN_LEN
                and lower not in common_words
            ):
                fuzzy_targets.add(lower)
    compiled.tries = (
        _trie(lower_index),
        _trie(lemma_index),
        _trie(caps_index),
        _trie(stem_index),
    )
    known: set[str] = set(own_vocabulary)
    for surface in surfaces:
        if surface not in own_surfaces:
            continue
        for text, lemma in analysed[surface]:
            known.add(_stem_key(text, lemma) or lemma)
    compiled.question_stems = frozenset(
        _stem_key(word, word.lower())
        for question in rubric.questions
        for word in _WORD.findall(question.text)
    )
    compiled.known_stems = frozenset(
        known
        | compiled.question_stems
        | {word.lower() for question in rubric.questions for word in _WORD.findall(question.text)}
    )
    concepts_of: dict[str, set[str]] = defaultdict(set)
    for concept_id, groups in compiled.concept_groups.items():
        for term in compiled.concept_aliases[concept_id].union(*groups):
            concepts_of[term].add(concept_id)
    for concept_id, phrasings_of in compiled.phrasings.items():  # alternatives' words too
        for phrasing in phrasings_of:
            for term in frozenset().union(*phrasing.groups):
                concepts_of[term].add(concept_id)
    compiled.concepts_of_term = {t: frozenset(c) for t, c in concepts_of.items()}
    learned_ids = {c.id for _, c in compiled.concepts if c.learned}
    compiled.learned_terms = frozenset(
        t for t, c in compiled.concepts_of_term.items() if learned_ids and c <= learned_ids
    )
    compiled.named_in = {t: frozenset(d) for t, d in named_in.items()}
    compiled.vocabulary = frozenset(vocabulary)
    compiled.fuzzy_targets = tuple(sorted(fuzzy_targets))
    compiled.word_targets = tuple(sorted(word_targets))
    compiled.dictionary = english_words(nlp)
    return compiled


_WORD = re.compile(r"[A-Za-z]+")
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z]+(?![\w-])")


def _lower_case_words(loaded: LoadedRubric) -> frozenset[str]:
    """Words the rubric's prose (source notes, concept notes, cues) writes in lower case."""
    rubric = loaded.rubric
    texts = [loaded.source_notes, rubric.description]
    for _, concept in rubric.concepts():
        texts.append(concept.note)
        texts.extend(t for group in concept.cues for t in group)
    return frozenset(m.group(0) for text in texts for m in _LOWER_WORD.finditer(text))


def _trie(index: Mapping[tuple[str, ...], set[str]]) -> Trie:
    """Nested dicts keyed by token form; the key ``None`` holds the classes of a complete term.
    Classes are sorted, so matches come out in the same order in every process."""
    root: Trie = {}
    for key, classes in index.items():
        node = root
        for form in key:
            node = node.setdefault(form, {})
        node[None] = tuple(sorted(classes))
    return root


def touched_concepts(compiled: CompiledRubric, by_term: Mapping[str, object]) -> set[str]:
    """Concepts with at least one alias or cue term in the answer (the rest are missing)."""
    touched: set[str] = set()
    for term in by_term:
        touched.update(compiled.concepts_of_term.get(term, ()))
    return touched


_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
)
"""Typographic ligatures a PDF pastes ("deﬁcit", "ﬁrms"): read as their letters."""


def _norm(form: str) -> str:
    if not form.isascii():
        form = form.translate(_LIGATURES)
    if len(form) > 1 and ("-" in form or "‐" in form):
        return form.replace("-", "").replace("‐", "")
    return form


def _token_forms(text: str, lemma: str) -> tuple[str, str, str]:
    """(lower case, lemma, case-sensitive form) of a token: the keys of the three indexes, the
    same for a rubric term's tokens and an answer's.

    A letter and a full stop ("C.") is the letter: spaCy keeps "C." whole as an initial, so
    "through STAR-C." at the end of a sentence would not match the term "STAR-C". So is a
    number with letters and a full stop: "under Article 279A." ends on the article's number."""
    if len(text) >= 2 and text[-1] == "." and _initial_or_numbered(text[:-1]):
        text = text[:-1]
        lemma = lemma.rstrip(".") or text
    lower = _norm(text.lower())
    return lower, _norm(lemma), "=" + text if _case_sensitive(text) else lower


def _initial_or_numbered(word: str) -> bool:
    """A letter ('C'), or letters and digits with a digit ('279A', '246A')."""
    if len(word) == 1:
        return word.isalpha()
    return word.isalnum() and any(ch.isdigit() for ch in word) and word.isascii()


def _degree_kept(lower: str, lemma: str) -> str:
    """The lemma, except that a superlative keeps its degree (the lemmatizer reads "largest" as
    "large"). A rubric's superlative states a rank, so its lemma key is the superlative; an
    answer's superlative still says the quality, so an answer's lemma key stays the plain lemma
    and only its stem key keeps the degree: "the hardest rock" matches the cue ``hard``, and
    "Toyota has large plants" no longer matches ``largest``. Comparatives ("higher") keep their
    lemma: answers write "a high pitch" for "a higher pitch"."""
    if lower != lemma and lower.isalpha() and lower.endswith("est"):
        return lower
    return lemma


_STEM_MIN_LEN = 4
"""Shorter words are matched by their lemma only: stems of short words collide ('us'/'use')."""


def _stem_key(text: str, lemma: str) -> str:
    """The stem index key of a token: the stem of its lemma for ordinary lower-case words of four
    letters or more; "" (no stem lookup) for acronyms, numbers and short words."""
    if len(text) < _STEM_MIN_LEN or not text.isalpha() or not text[1:].islower():
        return ""
    return stem_form(lemma if lemma.isalpha() else text.lower())


def _skippable_text(text: str) -> bool:
    return text.isspace() or text in _SKIP_TEXT


TERM_CACHE_KIND = "term-tokens-v1"
"""Disk cache folder for analysed rubric terms; bump the suffix when term_tokens changes."""


def term_tokens(
    loaded: LoadedRubric, surfaces: Sequence[str], nlp: Language
) -> dict[str, list[tuple[str, str]]]:
    """Each rubric term's tokens as (text, lower-case lemma), through the tagging components only
    (no parser). Running the pipeline over a rubric's terms is most of compiling it, so the result
    is kept on disk, keyed by the rubric's fingerprint and the pipeline."""
    key = pipeline_cache_key(nlp, loaded.fingerprint, *surfaces)
    stored = read_cached_json(TERM_CACHE_KIND, key)
    if isinstance(stored, dict) and set(stored) == set(surfaces):
        try:
            return {s: [(str(text), str(lemma)) for text, lemma in stored[s]] for s in surfaces}
        except (TypeError, ValueError):
            pass  # not what we wrote: build it again
    enabled = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")
    skip = [name for name in nlp.pipe_names if name not in enabled]
    analysed = {
        surface: [(token.text, token.lemma_.lower()) for token in doc]
        for surface, doc in zip(surfaces, nlp.pipe(surfaces, disable=skip), strict=True)
    }
    write_cached_json(TERM_CACHE_KIND, key, analysed)
    return analysed


def _case_sensitive(text: str) -> bool:
    return 2 <= len(text) <= _CASE_SENSITIVE_MAX and text.isalpha() and text.isupper()


# --- finding terms -----------------------------------------------------------------------------


def find_terms(
    doc: Doc,
    compiled: CompiledRubric,
    negated: Mapping[int, str] | None = None,
) -> list[TermMatch]:
    """Every occurrence of every rubric term in the answer, longest first at each position.

    ``negated`` maps token indexes inside a negated clause to the negation cue (see
    :func:`evaluator.scoring.checks.negation.negation_scopes`).
    """
    negated = negated or {}
    tokens = view(doc)
    sent_of = tokens.sent_of
    # the forms of every token, read from the per-rubric cache in one pass at C speed (an
    # answer's words are nearly all known after the first few answers)
    keys = list(zip(tokens.text, tokens.lemma, strict=True))
    forms = list(map(compiled.forms_of.get, keys))
    if None in forms:
        for i, known in enumerate(forms):
            if known is None:
                forms[i] = compiled.forms(*keys[i], tokens.space[i])
    if forms.count(_SKIP):  # spaces and quotes are not tokens of a term
        positions = [i for i, f in enumerate(forms) if f is not _SKIP]
        forms = [forms[i] for i in positions]
    else:
        positions = list(range(len(forms)))
    count = len(positions)
    columns = [list(column) for column in zip(*forms, strict=True)] if count else [[]] * 6
    lowers, lemmas, caps = columns[0], columns[1], columns[2]
    misspelt, begins, stems = columns[3], columns[4], columns[5]
    corrected = [False] * count
    if any(misspelt):
        pos = tokens.pos
        for k in itertools.compress(range(count), misspelt):
            i = positions[k]
            read = compiled.read_as(misspelt[k], lowers[k], _may_be_name(pos, sent_of, i))
            if read is not None:
                target, stem = read
                lowers[k] = lemmas[k] = target
                stems[k] = stem
                corrected[k] = True
                begins[k] = compiled.begins_term(target, target, caps[k], stem)
    any_corrected = True in corrected
    for k in fixed_expression_words(lowers):  # 'on balance': the verdict, no balance of power
        begins[k] = False
    for k in other_verb_words(lemmas, tokens.pos, positions):  # 'deal with China': no deal
        begins[k] = False
    if count > 1:  # 'Second, ...' opens a list item: no 'second 2+2 partner'
        opens = [k == 0 or sent_of[positions[k - 1]] != sent_of[positions[k]] for k in range(count)]
        for k in list_marker_words(lowers, opens):
            begins[k] = False
    starters = itertools.compress(range(count), begins)  # where some rubric term may begin

    matches: list[TermMatch] = []
    walks: tuple[tuple[Trie, list[str]], ...] = tuple(
        zip(compiled.tries, (lowers, lemmas, caps, stems), strict=True)
    )
    for i in starters:
        found: list[tuple[int, tuple[str, ...]]] = []
        for trie, column in walks:
            node: Trie | None = trie.get(column[i])
            n = 1
            while node is not None:  # most tokens begin no rubric term
                term_classes = node.get(None)
                if term_classes:
                    found.append((n, term_classes))
                if i + n >= count:
                    break
                node = node.get(column[i + n])
                n += 1
        if not found:
            continue
        if len(found) > 1:
            found.sort(key=lambda item: -item[0])  # longest first, stable for equal lengths
        seen: set[str] = set()
        start = positions[i]
        for n, hit in found:  # each class once per position
            end = positions[i + n - 1] + 1
            if n == 1 and not lowers[i][:1].isalnum() and _glued_symbol(doc, start, lowers[i]):
                continue  # (most terms begin with a letter or digit: no symbol to look at)
            cue = _negation_of(negated, start, end) if negated else ""
            fixed = any_corrected and any(corrected[i : i + n])
            for cls in hit:
                if cls in seen:
                    continue
                seen.add(cls)
                matches.append(
                    TermMatch(
                        term=cls,
                        start=start,
                        end=end,
                        sent=sent_of[start],
                        negated=bool(cue),
                        negation_cue=cue,
                        corrected=fixed,
                    )
                )
    return matches


def _glued_symbol(doc: Doc, i: int, form: str) -> bool:
    """A cue of symbols only ('+' for 'capital + talent') written between two numbers: the '+'
    of '2+2' or 'G7+1' is part of a name, no such cue ('30%' still reads as a percent)."""
    if any(ch.isalnum() for ch in form):
        return False
    before = i > 0 and not doc[i - 1].whitespace_ and _has_digit(doc[i - 1].text)
    after = i + 1 < len(doc) and not doc[i].whitespace_ and _has_digit(doc[i + 1].text)
    return before and after


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _may_be_name(pos: Sequence[str], sent_of: Sequence[int], i: int) -> bool:
    """Whether token ``i`` may be a misspelt name: tagged a proper noun, or (its capital then
    says so) not the first word of its sentence."""
    return pos[i] == "PROPN" or (i > 0 and sent_of[i - 1] == sent_of[i])


def spelling_corrections(doc: Doc, compiled: CompiledRubric) -> dict[int, str]:
    """Token index -> the rubric word a misspelt token is read as (what :func:`find_terms`
    matches it by): 'seperated' -> 'separated' when the rubric writes 'separated'. So what
    learns from answers (``rubric tune``) sees them as grading will."""
    tokens = view(doc)
    sent_of = tokens.sent_of
    corrected: dict[int, str] = {}
    for i, key in enumerate(zip(tokens.text, tokens.lemma, strict=True)):
        forms = compiled.forms_of.get(key) or compiled.forms(*key, tokens.space[i])
        if not forms[3]:
            continue
        read = compiled.read_as(forms[3], forms[0], _may_be_name(tokens.pos, sent_of, i))
        if read is not None:
            corrected[i] = read[0]
    return corrected


def cased_as(word: str, written: str) -> str:
    """A rubric word as a reader shows it in place of ``written``: capitalised when that was
    ('Aquisition' -> 'Acquisition')."""
    return word[:1].upper() + word[1:] if written[:1].isupper() else word


def _negation_of(negated: Mapping[int, str], start: int, end: int) -> str:
    for i in range(start, end):
        cue = negated.get(i)
        if cue:
            return cue
    return ""


def group_by_term(matches: Iterable[TermMatch]) -> dict[str, list[TermMatch]]:
    """Matches keyed by term class, in answer order."""
    grouped: dict[str, list[TermMatch]] = defaultdict(list)
    for match in matches:
        grouped[match.term].append(match)
    return grouped


# --- concepts ----------------------------------------------------------------------------------


def concept_coverage(
    concept: Concept,
    compiled: CompiledRubric,
    by_term: Mapping[str, Sequence[TermMatch]],
    window_sentences: int = 2,
    denied: AbstractSet[int] = frozenset(),
    classified: Mapping[int, AbstractSet[int]] | None = None,
) -> ConceptMatch:
    """Full, partial, negated or no coverage of one concept from its aliases and cue groups.

    ``denied`` holds token indexes of negations that deny a negative statement ("trade does not
    remain small"): for a negative-claim concept only those still count as negated.
    ``classified`` maps the words in the subject of a negated noun predicate to the predicate's
    tokens (:func:`~evaluator.scoring.checks.negation.classified_subjects`): a negated mention
    there denies the concept only when the predicate names the concept too ("the bullet train is
    not a Japanese project"); otherwise ("Neither the Quad nor the 2+2 is a military alliance")
    it is left out, neither credit nor denial.
    """
    groups = compiled.concept_groups[concept.id]
    total = len(groups)
    if classified and not concept.denial and not concept.negative_claim:
        by_term = _without_classified(concept, compiled, by_term, classified)
    if concept.denial:
        # the concept is the denial ('not connected'): only negated mentions count, as asserted
        own = compiled.concept_aliases[concept.id].union(*groups)
        kept = {
            t: [m._replace(negated=False, negation_cue="") for m in by_term[t] if m.negated]
            for t in own
            if t in by_term
        }
        by_term = {t: found for t, found in kept.items() if found}
    elif concept.negative_claim:
        # the negation is the claim: "India did not join RCEP" asserts this concept
        own = compiled.concept_aliases[concept.id].union(*groups)
        by_term = {
            t: [
                m._replace(negated=False, negation_cue="")
                if m.negated and m.start not in denied
                else m
                for m in by_term[t]
            ]
            for t in own
            if t in by_term
        }
    # dict keys test a small set of terms against the answer's terms in C, without a new set
    answer_terms = by_term.keys()
    aliases = compiled.concept_aliases[concept.id]
    alias_hits = (
        [m for t in aliases for m in by_term.get(t, ())]
        if not answer_terms.isdisjoint(aliases)
        else []
    )
    asserted_aliases = [m for m in alias_hits if not m.negated]
    if asserted_aliases:
        return ConceptMatch(
            "covered", total, total, tuple(_first(asserted_aliases)), via_alias=True
        )

    needed_partial = total // 2 + 1  # more than half of the groups
    present = [not answer_terms.isdisjoint(group) for group in groups]
    if not alias_hits and sum(present) < needed_partial:
        # too few groups anywhere in the answer for any window to reach partial credit (the
        # common case: one generic word such as 'Japan'); no window search needed
        asserted = 0
        for group, here in zip(groups, present, strict=True):
            if here and _asserted_in(group, by_term):
                asserted += 1
        return _missing_match(asserted, total)
    group_hits: list[list[TermMatch]] = []
    for group, here in zip(groups, present, strict=True):
        hits: list[TermMatch] = []
        if here:
            for t in group:
                found = by_term.get(t)
                if found:
                    hits += found
            if len(hits) > 1:
                # groups are frozensets: sort so the evidence never depends on string hashing
                hits.sort(key=_position)
        group_hits.append(hits)

    count, evidence = _best_window(group_hits, window_sentences, asserted_only=True)
    if count == total:
        return ConceptMatch("covered", count, total, evidence)
    if any(m.negated for hits in group_hits for m in hits):
        any_count, any_evidence = _best_window(group_hits, window_sentences, asserted_only=False)
    else:
        any_count, any_evidence = count, evidence
    negated_alias = [m for m in alias_hits if m.negated]
    if not negated_alias and any_count >= needed_partial and any_count > count:
        # the denied claim must itself say the point (or part of it): in "Japan is not the
        # largest trading partner, but among the biggest investors" only 'largest' is negated,
        # one group of the fifth-largest-investor point, whose 'investors' stands asserted;
        # and one claim must deny it: "the US-2 aircraft deal never materialised. No platform
        # has been co-produced" are two true denials, neither of them of the pledge to build
        # 30% of the aircraft in India
        denied_count, _ = _best_window(
            [[m for m in hits if m.negated] for hits in group_hits],
            1,
            asserted_only=False,
        )
        if denied_count < needed_partial:
            any_count = count
    core = groups[0] if concept.needs_first_group else None
    if negated_alias or (any_count >= needed_partial and any_count > count):
        negated_evidence = tuple(m for m in (negated_alias or any_evidence) if m.negated)
        if core is not None and not negated_alias and not _names(core, any_evidence):
            negated_evidence = ()  # the denied claim never names the point itself
        if negated_evidence and (negated_alias or count < needed_partial):
            cue = negated_evidence[0].negation_cue
            return ConceptMatch(
                "negated", max(any_count, count), total, tuple(_first(negated_evidence)), cue
            )
    if total > 1 and count >= needed_partial and (core is None or _names(core, evidence)):
        return ConceptMatch("partial", count, total, evidence)
    return ConceptMatch("missing", count, total, ())


def _names(group: frozenset[str], evidence: Sequence[TermMatch]) -> bool:
    """Whether some of the evidence is a term of this cue group."""
    return any(m.term in group for m in evidence)


def _without_classified(
    concept: Concept,
    compiled: CompiledRubric,
    by_term: Mapping[str, Sequence[TermMatch]],
    classified: Mapping[int, AbstractSet[int]],
) -> Mapping[str, Sequence[TermMatch]]:
    """``by_term`` without the concept's negated mentions in the subject of a negated noun
    predicate (or the object of a negated stance verb) that names nothing more of the concept
    (see :func:`concept_coverage`)."""
    own = compiled.concept_terms[concept.id]
    mine = [(t, m) for t in own for m in by_term.get(t, ())]
    groups = compiled.concept_groups[concept.id]
    aliases = compiled.concept_aliases[concept.id]

    def names_more(said: str, other: str) -> bool:
        # the predicate's term says something of the concept the subject's does not: an alias,
        # or a cue group the subject's term is not in ("Japan's ODA loans are not grants"
        # tells loans from grants, one group: the ODA point stands)
        return other in aliases or any(other in g and said not in g for g in groups)

    dropped = {
        id(m)
        for t, m in mine
        if m.negated
        and m.start in classified
        and not any(o.start in classified[m.start] and names_more(t, u) for u, o in mine)
    }
    if not dropped:
        return by_term
    kept = dict(by_term)
    for t in own:
        if t in kept:
            left = [m for m in kept[t] if id(m) not in dropped]
            if left:
                kept[t] = left
            else:
                del kept[t]
    return kept


def _asserted_in(group: frozenset[str], by_term: Mapping[str, Sequence[TermMatch]]) -> bool:
    """Whether some term of the group is found outside a negated claim."""
    for term in group:
        for m in by_term.get(term, ()):
            if not m.negated:
                return True
    return False


_MISSING_MATCHES: dict[tuple[int, int], ConceptMatch] = {}


def _missing_match(groups_matched: int, groups_total: int) -> ConceptMatch:
    """``ConceptMatch("missing", groups_matched, groups_total)``, built once per pair (frozen):
    most touched concepts of an answer end here."""
    key = (groups_matched, groups_total)
    found = _MISSING_MATCHES.get(key)
    if found is None:
        found = _MISSING_MATCHES[key] = ConceptMatch("missing", groups_matched, groups_total, ())
    return found


def proportional_coverage(
    concept: Concept,
    compiled: CompiledRubric,
    by_term: Mapping[str, Sequence[TermMatch]],
    *,
    negative_sentences: frozenset[int],
    extra_words: int,
) -> ConceptMatch:
    """Coverage of a ``credit: proportional`` concept: the best phrasing's share of cue groups
    (see :mod:`evaluator.scoring.checks.proportional`); evidence is the first place each found
    group's term occurs."""
    result = proportional_credit(
        compiled.phrasings[concept.id],
        by_term,
        negative_sentences=negative_sentences,
        extra_words=extra_words,
        settings=compiled.rubric.scoring,
    )
    evidence = tuple(sorted((by_term[t][0] for t in result.found), key=_position))
    if result.credit <= 0:
        status = "missing"
    elif result.credit >= 1.0 - 1e-9:
        status = "covered"
    else:
        status = "partial"
    return ConceptMatch(
        status,
        result.groups_matched,
        result.groups_total,
        evidence,
        proportional=result,
    )


def extra_word_count(doc: Doc, compiled: CompiledRubric) -> int:
    """Content words of the answer in neither the rubric nor its questions (by stem)."""
    return extra_content_words(doc, _stem_key, compiled.known_stems)


def _best_window(
    group_hits: list[list[TermMatch]], window: int, *, asserted_only: bool
) -> tuple[int, tuple[TermMatch, ...]]:
    """The sentence window where the most cue groups match: (groups matched, evidence).

    One place in the answer fills one group unless it fills them all: a rubric lists a strong
    term in two groups of three so that it completes a point with one more word ("China's
    assertiveness"), not so that the word alone earns part of it ("tourism" alone is not the
    2023 Year of Tourism Exchange; "cross-border data flows" are not cross-border terrorism); a
    term in every group is as good as an alias ("sea lanes" for secure sea lanes).
    """
    usable = [[m for m in hits if not (asserted_only and m.negated)] for hits in group_hits]
    # hits are in answer order, so their sentences never decrease: the first hit of a group
    # inside a window is the first at or after the window's first sentence (a bisection)
    sents = [[m.sent for m in hits] for hits in usable]
    starts = sorted({s for group in sents for s in group})
    best_count = 0
    best_evidence: tuple[TermMatch, ...] = ()
    total = len(usable)
    for start in starts:
        last = start + window - 1
        evidence: list[TermMatch] = []
        count = 0
        for hits, group in zip(usable, sents, strict=True):
            k = bisect_left(group, start)
            if k < len(group) and group[k] <= last:
                count += 1
                evidence.append(hits[k])
        if 1 < count < total and _one_place(evidence):
            evidence = _second_place(evidence, usable, sents, start, last)
            if _one_place(evidence):
                count = 1
                evidence = evidence[:1]
        if count > best_count:
            best_count = count
            best_evidence = tuple(sorted(evidence, key=lambda m: m.start))
            if count == total:
                break  # every group matched: no later window can do better
    return best_count, best_evidence


def _one_place(evidence: Sequence[TermMatch]) -> bool:
    """Whether every match overlaps the first one ("South China Sea" holds "China")."""
    first = evidence[0]
    return all(m.start < first.end and first.start < m.end for m in evidence)


def _second_place(
    evidence: list[TermMatch],
    usable: list[list[TermMatch]],
    sents: list[list[int]],
    start: int,
    last: int,
) -> list[TermMatch]:
    """``evidence`` with one group's match moved to another place inside the window when some
    group has one there (the first such group, its first such match)."""
    place = evidence[0]
    k = 0
    for hits, group in zip(usable, sents, strict=True):
        j = bisect_left(group, start)
        if j >= len(group) or group[j] > last:
            continue
        for m in itertools.islice(hits, j, bisect_left(group, last + 1)):
            if m.start >= place.end or place.start >= m.end:
                moved = list(evidence)
                moved[k] = m
                return moved
        k += 1
    return evidence


def _position(match: TermMatch) -> tuple[int, int, str]:
    return (match.start, match.end, match.term)


def _first(matches: Sequence[TermMatch], limit: int = 3) -> list[TermMatch]:
    return sorted(matches, key=_position)[:limit]


def fact_cue_spans(
    compiled: CompiledRubric, by_term: Mapping[str, Sequence[TermMatch]]
) -> dict[str, list[TermMatch]]:
    """For each fact, the places its cues were found (asserted or negated).

    A cue found only inside a longer rubric term is not a cue: "Global Partnership" inside
    "Special Strategic and Global Partnership" names the 2014 upgrade, not the 2000 one.
    """
    longer = [m for matches in by_term.values() for m in matches if m.end - m.start > 1]
    spans: dict[str, list[TermMatch]] = {}
    answer_terms = by_term.keys()
    for fact in compiled.rubric.facts:
        terms = compiled.fact_cues[fact.id]
        if answer_terms.isdisjoint(terms):
            spans[fact.id] = []
            continue
        own = compiled.fact_own_terms[fact.id]
        spans[fact.id] = sorted(
            (m for t in terms for m in by_term.get(t, ()) if not _inside_longer(m, longer, own)),
            key=_position,
        )
    return spans


def _inside_longer(match: TermMatch, longer: Sequence[TermMatch], own: frozenset[str]) -> bool:
    return any(
        other.term not in own
        and other.start <= match.start
        and match.end <= other.end
        and other.end - other.start > match.end - match.start
        for other in longer
    )


def bonus_keywords_used(
    compiled: CompiledRubric, by_term: Mapping[str, Sequence[TermMatch]]
) -> list[str]:
    """The bonus keywords the answer asserts, in rubric order."""
    return [
        keyword
        for keyword, terms in compiled.bonus_terms.items()
        if any(not m.negated for t in terms for m in by_term.get(t, ()))
    ]
