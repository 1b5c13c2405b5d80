"""The compiled rubric: a rubric's terms as token tries and lookup sets, with the per-token forms
and spelling corrections it fills in as answers are read."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA

from evaluator.nlp.lexicon import EnglishWords, stem_form
from evaluator.rubric.loader import LoadedRubric
from evaluator.rubric.model import Concept, Dimension, Question, Rubric
from evaluator.scoring.checks.matching.forms import (
    FUZZY_MIN_LEN,
    NAME_SPELLING,
    NO_SPELLING,
    SKIP,
    SKIP_TEXT,
    START_SPELLING,
    WORD_MIN_LEN,
    WORD_SPELLING,
    Forms,
    degree_kept,
    stem_key,
    token_forms,
)
from evaluator.scoring.checks.proportional import Phrasing
from evaluator.scoring.report import ConceptResult

_FUZZY_LONG_LEN = 9
_TWO_SLIPS_LEN = 6
"""From six letters a misspelt word (not a name) may be two edits from the word meant; below
nine letters only when its first :data:`_KEPT_START` letters are the word's and no English word
is one edit from it."""
_KEPT_START = 3
_FORMS_CACHE_MAX = 100_000

_WORD = re.compile(r"[A-Za-z]+")

Trie = dict[str | None, Any]
"""Token form -> the next level; None -> the (sorted) classes of the term that ends here."""


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
    share_terms: tuple[tuple[float, str], ...] = ()
    """(share, term class) of every term that is a share of a whole ("three-fourths", "41%"):
    the same share written another way ("75%", "three quarters") matches it."""
    tries: tuple[Trie, Trie, Trie, Trie] = ({}, {}, {}, {})
    """The lower, lemma, caps and stem indexes as token tries: a phrase is walked one token at a
    time and extended only while it is still the beginning of some rubric term."""
    concepts_of_term: dict[str, frozenset[str]] = field(default_factory=dict)
    learned_terms: frozenset[str] = frozenset()
    """Terms of learned concepts only (phrases `rubric tune` took from graded answers): not
    the rubric's own vocabulary, so the keyword-stuffing check does not count them."""
    denial_terms: frozenset[str] = frozenset()
    """Terms of ``denial`` concepts ('alliance' of "not a military alliance"): a negated noun
    predicate naming only these still presupposes its subject (see ``concept_coverage``)."""
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
    no English word the pipeline knows ('conected', 'infrastucture') may be a misspelling of.
    Both kinds of target are words the rubric's author wrote: a learned phrase's or a graded
    example's word is a pupil's, and may be misspelt ('chlorophil', kept as an example by
    `rubric tune`, had corrected "chlorofil" towards itself)."""
    joined: dict[str, str] = field(default_factory=dict)
    """Two words of a term of the rubric's author written as one, which is no English word ->
    the two words ('carbondioxide' -> 'carbon dioxide'): the lower-case index holds the term
    with them as one token so written, and :meth:`read_as` reads the word as that token."""
    dictionary: EnglishWords = field(default_factory=EnglishWords)
    """The English words the pipeline knows (:func:`evaluator.nlp.lexicon.english_words`)."""
    _fuzzy_cache: dict[tuple[str, bool, bool], str | None] = field(default_factory=dict)
    _targets_by_letter: dict[tuple[str, bool], tuple[str, ...]] = field(default_factory=dict)
    phrasings: dict[str, tuple[Phrasing, ...]] = field(default_factory=dict)
    twins: dict[str, frozenset[str]] | None = None
    """Concept id -> the concepts that are the same point (see ``engine.concept_twins``); None
    until first asked."""
    focus: dict[str, frozenset[str] | None] = field(default_factory=dict)
    """Question id -> the concepts its next steps put first (see ``engine.question_focus``),
    worked out on first use."""
    """Proportional concepts -> their compiled phrasings (own cues first, then alternatives)."""
    known_stems: dict[str, frozenset[str]] = field(default_factory=dict)
    """Question id -> the stem forms and lemmas of its words and of every rubric term but
    another question's (see ``compiler._question_vocabulary``): an answer's content word outside
    these is an extra word for proportional credit."""
    forms_of: dict[tuple[str, str], Forms] = field(default_factory=dict)
    """(token text, lemma) -> its matching forms, filled as answers are read (see :meth:`forms`)."""
    concepts: tuple[tuple[Dimension, Concept], ...] = ()
    """Every concept with its dimension, in rubric order (``Rubric.concepts()``, built once)."""
    naming_facts: dict[str, frozenset[str]] | None = None
    """The facts whose cues name their point, with the words that name it (see
    ``engine.naming_facts``), worked out on first use."""
    home: frozenset[str] = frozenset()
    """The names of the rubric's own subject (see :func:`fact_claims.home_words`)."""
    ownership: dict[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)
    """Concept id -> (its own words, its one-word-cue candidates), filled as answers are read by
    checks.ownership (a concept's wording is the same for every answer)."""
    plural_senses: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """A plural the lemmatizer lists under several lemmas -> those lemmas ('taxes' -> ('tax',
    'taxis')): see :func:`compiler.plural_senses` and :meth:`forms`."""
    verb_forms: Mapping[str, str] = field(default_factory=dict)
    """An irregular verb form -> its lemma ('gave' -> 'give'; the lemmatizer's exceptions): the
    words of a concept's claim are stemmed through it (:meth:`claim_stems`)."""
    loss_claims: frozenset[str] = frozenset()
    """The concepts whose label or note writes a verb of losing or giving up as a verb ("States
    gave up much of their power to tax"; not "compensation for lost revenue"): parsed once, at
    compile time (:func:`claim_reading.loss_claims`)."""
    staking: frozenset[str] = frozenset()
    """The concepts whose claim states a stake in its thing ("… the South Kuril Islands, which
    Japan claims"): a lost stance towards the thing denies them
    (:func:`claim_reading.stance_readings`)."""
    doubting: frozenset[str] = frozenset()
    """The concepts whose claim states doubt, waning or a lack about its thing ("Doubts about the
    Asia-Africa Growth Corridor"): a lost stance towards the thing states them."""
    stake_holders: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Concept id -> the countries its claim names as holding its stake ('japan' of "… the
    South Kuril Islands, which Japan claims"; :func:`claim_reading.stake_holders`): only their
    lost stance denies the point."""
    home_parties: frozenset[str] = frozenset()
    """The countries the rubric's subject names ('india', 'japan'): a stake's holders when its
    point names none."""
    body_names: frozenset[str] = frozenset()
    """Names of bodies the rubric writes, lower case ('gst council', 'security council'): a cue
    word that is only a modifier in one in an answer names the body
    (:func:`claim_reading.body_names`)."""
    _claim_stems: dict[str, frozenset[str]] = field(default_factory=dict)
    """Concept id -> the stems of the words of its label and note (see :meth:`claim_stems`)."""

    def known_words(self, question: Question) -> frozenset[str]:
        """The words an answer to this question is not discounted for (``known_stems``); for a
        question the rubric does not hold, every question's."""
        known = self.known_stems.get(question.id)
        if known is None:
            known = frozenset().union(*self.known_stems.values())
        return known

    def claim_stems(self, concept: Concept) -> frozenset[str]:
        """The stems of the words a concept's label and note write: what its claim says
        ('replac' of "NITI Aayog replaced the Planning Commission", 'give' of "States gave up
        …"), worked out on first use."""
        stems = self._claim_stems.get(concept.id)
        if stems is None:
            words = _WORD.findall(f"{concept.label} {concept.note}".lower())
            forms = self.verb_forms
            stems = frozenset(stem_form(forms.get(w, w)) for w in words)
            self._claim_stems[concept.id] = stems
        return stems

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
        may be a misspelt name, whether some rubric term begins with it, stem form). ``SKIP``
        for spaces and quotes. Cached per (text, lemma)."""
        if space or text in SKIP_TEXT:
            forms = SKIP
        else:
            lower, base, cap = token_forms(text, lemma)
            senses = self.plural_senses.get(lower)
            if (
                senses
                and base in senses[1:]
                and lower not in (base + "s", base + "es")
                and senses[0] in self.vocabulary
            ):
                # the lemmatizer reads such a plural as its last-listed sense whatever the
                # sentence says ("taxes" as the plural of "taxis"): where the rubric writes the
                # first-listed, commoner sense ('tax'), that is the word ("leaves" of "it leaves",
                # a verb's regular form, stays "leave")
                base = senses[0]
            unknown = (
                text.isalpha()
                and len(lower) >= WORD_MIN_LEN
                and lower not in self.vocabulary
                and base not in self.vocabulary
            )
            misspelt = NO_SPELLING
            if unknown and not self.dictionary.knows(lower, base):
                if len(lower) >= FUZZY_MIN_LEN:
                    if text[:1].isupper():
                        misspelt |= NAME_SPELLING
                    if self.dictionary:
                        misspelt |= WORD_SPELLING
                elif self.dictionary and text.islower():
                    # a word of four letters in lower case only: a capitalised one may be a
                    # name ('Modi' is no 'mode'), one in capitals an acronym
                    misspelt |= WORD_SPELLING
                elif self.dictionary and text[:1].isupper() and text[1:].islower():
                    # 'Boyl': a lower-case word only if the sentence's start capitalises it,
                    # which the token's place decides (see :meth:`read_as`)
                    misspelt |= START_SPELLING
            stem = stem_key(text, degree_kept(lower, base))
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

    def read_as(
        self, misspelt: int, lower: str, named: bool, sentence_cased: bool = False
    ) -> tuple[str, str] | None:
        """(the rubric word, its stem form) a token of these :meth:`forms` is read as, or None.
        ``named``: the token is tagged a proper noun or capitalised inside a sentence, so it may
        be one of the rubric's names misspelt; a name keeps no stem form. ``sentence_cased``:
        the token is capitalised only as its sentence's first word, so a four-letter one is
        read as a lower-case word would be."""
        joined = self.joined.get(lower) if misspelt & WORD_SPELLING else None
        if joined is not None:
            return joined, ""
        if misspelt & NAME_SPELLING and named:
            target = self.correct_spelling(lower)
            if target is not None:
                return target, ""
        if misspelt & WORD_SPELLING or (misspelt & START_SPELLING and sentence_cased):
            # a capitalised word read as a lower-case one takes one slip below nine letters, as
            # a name does ("Kalapani" is no "Kaladan")
            target = self.correct_spelling(
                lower, name=False, two_slips=not (misspelt & NAME_SPELLING)
            )
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

    def correct_spelling(self, word: str, name: bool = True, two_slips: bool = True) -> str | None:
        """The rubric word a misspelt word stands for, or None: a name of the rubric's for a
        capitalised word (``name``), else any of its words, for a word that is no English word
        the pipeline knows. Without ``two_slips`` a word below nine letters is read only one
        slip from its target, as a name is."""
        lowered = word.lower()
        key = (lowered, name, two_slips)
        if key in self._fuzzy_cache:
            return self._fuzzy_cache[key]
        result = None
        shortest = FUZZY_MIN_LEN if name else WORD_MIN_LEN
        if len(lowered) >= shortest and lowered not in self.vocabulary:
            # a name is two slips from another only from nine letters: "Kalapani" (a place of
            # its own) is no "Kaladan"
            shortest_two = _FUZZY_LONG_LEN if name or not two_slips else _TWO_SLIPS_LEN
            limit = 2 if len(lowered) >= shortest_two else 1
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
                # a short target must not swallow a longer word: "India" is not "Indiana"; a
                # rubric word of four letters is only read for a word of four ('boyl' as
                # 'boil', never 'boill')
                length = len(best_word)
                # two slips in a word of six to eight letters only after its first three
                # letters ('iodeen' for iodine), which keep most such words apart
                # and when no English word is one slip from it: "chause" is "cause" misspelt
                # before it is "change"
                kept = (
                    best_distance < 2
                    or len(lowered) >= _FUZZY_LONG_LEN
                    or (
                        best_word[:_KEPT_START] == lowered[:_KEPT_START]
                        and not self.dictionary.one_edit_from(lowered)
                    )
                )
                if not ambiguous and kept and (length >= FUZZY_MIN_LEN or length == len(lowered)):
                    result = best_word
        if len(self._fuzzy_cache) >= _FORMS_CACHE_MAX:
            self._fuzzy_cache.clear()
        self._fuzzy_cache[key] = result
        return result
