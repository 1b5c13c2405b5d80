"""Compiling a rubric for a pipeline: its terms analysed (cached on disk), sorted into synonym
classes, and indexed as token tries."""

from __future__ import annotations

import itertools
import re
import threading
from collections import defaultdict
from collections.abc import Mapping, Sequence

from spacy.language import Language

from evaluator.nlp.lexicon import english_words, lemmatizer_table
from evaluator.nlp.pipeline import PerTextMemo, pipeline_cache_key
from evaluator.nlp.quantities import share_of_term
from evaluator.resources import read_cached_json, write_cached_json
from evaluator.rubric.loader import LoadedRubric
from evaluator.rubric.model import Rubric
from evaluator.scoring.checks.fact_claims import home_words
from evaluator.scoring.checks.matching.claim_reading import (
    body_names,
    loss_claims,
    stake_holders,
    stance_readings,
)
from evaluator.scoring.checks.matching.compiled import CompiledRubric, Trie
from evaluator.scoring.checks.matching.forms import (
    FUZZY_MIN_LEN,
    WORD_MIN_LEN,
    case_sensitive,
    degree_kept,
    normal_form,
    skippable_text,
    stem_key,
    token_forms,
)
from evaluator.scoring.checks.negation_rules import countries
from evaluator.scoring.checks.proportional import Phrasing
from evaluator.settings import formula_settings

_MAX_TERM_TOKENS = 8

_compiled: dict[tuple[str, str, int], CompiledRubric] = {}
_compile_lock = threading.Lock()


_verb_forms: dict[int, dict[str, str]] = {}


def irregular_verb_forms(nlp: Language) -> dict[str, str]:
    """The pipeline lemmatizer's irregular verb forms -> their lemma ('gave' -> 'give'), read once
    per pipeline; empty without a lemmatizer's tables."""
    found = _verb_forms.get(id(nlp))
    if found is None:
        verbs = lemmatizer_table(nlp, "lemma_exc").get("verb", {})
        found = {
            str(form).lower(): str(lemmas[0]).lower() for form, lemmas in verbs.items() if lemmas
        }
        _verb_forms[id(nlp)] = found
    return found


_noun_senses: dict[int, dict[str, tuple[str, ...]]] = {}


def plural_senses(nlp: Language) -> dict[str, tuple[str, ...]]:
    """The plurals the pipeline lemmatizer lists under several lemmas -> those lemmas, as its
    tables list them ('taxes' -> ('tax', 'taxis'), 'bases' -> ('base', 'basis')); read once per
    pipeline. The lemmatizer picks one of them whatever the sentence means ("taxes" is read as
    the plural of "taxis"), so matching lets the rubric's own word decide (see
    :meth:`CompiledRubric.forms`)."""
    found = _noun_senses.get(id(nlp))
    if found is None:
        found = {}
        for form, lemmas in lemmatizer_table(nlp, "lemma_exc").get("noun", {}).items():
            senses = tuple(dict.fromkeys(str(lemma).lower() for lemma in lemmas))
            if len(senses) > 1 and str(form).isalpha():
                found[str(form).lower()] = senses
        _noun_senses[id(nlp)] = found
    return found


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
    authored: set[str] = set()  # what the rubric's author wrote: no learned phrase or example
    owners: dict[str, set[str]] = defaultdict(set)  # class -> concepts whose own words name it

    def add(term: str, own: bool = True, owner: str | None = None, by_author: bool = True) -> str:
        """The term's class; ``own``: a word of the rubric, not of an exemplar concept;
        ``owner``: the concept whose word it is (None: the whole rubric's, a synonym or a bonus
        keyword); ``by_author``: written by the rubric's author, not learned from graded answers
        (a learned phrase or an example is a pupil's wording, never a spelling to correct to)."""
        cls = canonical(term)
        surface_terms.setdefault(term.strip(), cls)
        if own:
            own_surfaces.add(term.strip())
            if owner is not None:
                owners[cls].add(owner)
        if by_author:
            authored.add(term.strip())
        return cls

    for group in rubric.synonyms:
        for member in group:
            add(member)
    named_in: dict[str, set[str]] = defaultdict(set)
    for dimension, concept in rubric.concepts():
        own, by_author = not concept.exemplar, not concept.learned
        compiled.concept_groups[concept.id] = [
            frozenset(add(t, own, concept.id, by_author) for t in g) for g in concept.cues
        ]
        compiled.concept_aliases[concept.id] = frozenset(
            add(t, owner=concept.id) for t in concept.aliases
        )
        for term in compiled.concept_aliases[concept.id]:
            named_in[term].add(dimension.id)
        names = frozenset(
            add(t, owner=concept.id) for t in concept.aliases if any(c.isupper() for c in t)
        )
        compiled.name_aliases = compiled.name_aliases | names
        compiled.concept_terms[concept.id] = compiled.concept_aliases[concept.id].union(
            *compiled.concept_groups[concept.id]
        )
    echo_weight = rubric.scoring.echo_weight
    for _, concept in rubric.concepts():
        if concept.credit != "proportional":
            continue
        own, by_author = not concept.exemplar, not concept.learned
        phrasings = []
        for cues, echo, negative, negated in [
            (concept.cues, concept.echo, concept.negative_claim, concept.negated),
            *((a.cues, a.echo, a.negative_claim, a.negated) for a in concept.alternatives),
        ]:
            echoes = {canonical(t) for t in echo}
            denied = {canonical(t) for t in negated}
            cue_sets = tuple(frozenset(add(t, own, concept.id, by_author) for t in g) for g in cues)
            weights = tuple(echo_weight if g & echoes else 1.0 for g in cue_sets)
            heads = tuple(canonical(g[0]) for g in cues)
            said_negatively = tuple(bool(g & denied) for g in cue_sets)
            phrasings.append(
                Phrasing(
                    cue_sets,
                    weights,
                    negative or bool(denied),
                    heads,
                    said_negatively,
                    tuple(g[0] for g in cues),
                )
            )
        compiled.phrasings[concept.id] = tuple(phrasings)
    for fact in rubric.facts:
        compiled.fact_cues[fact.id] = frozenset(add(t, owner=fact.concept) for t in fact.cues)
    for fact in rubric.facts:
        # the fact's own concept's words are its own: "currency swap arrangement of $75 billion";
        # so are the cues of the concept's facts of another kind of value, or of the same value,
        # which name the same thing: "the 14th annual summit" (its year's cue) still holds the
        # rank's cue 'annual summit', "the new consulate" the consulate's (session 43); a cue
        # of another value of the same kind names another thing of the point ('Global
        # Partnership' inside 'Strategic and Global Partnership')
        compiled.fact_own_terms[fact.id] = compiled.fact_cues[fact.id].union(
            compiled.concept_aliases.get(fact.concept, frozenset()),
            *compiled.concept_groups.get(fact.concept, []),
            *(
                compiled.fact_cues[f.id]
                for f in rubric.facts
                if f.concept == fact.concept
                and (
                    f.expected.kind != fact.expected.kind or f.expected.value == fact.expected.value
                )
            ),
        )
    for keyword in rubric.bonus_keywords:
        compiled.bonus_terms[keyword] = frozenset({add(keyword)})

    for variant, cls in _acronym_variants(rubric.synonyms, surface_terms).items():
        surface_terms.setdefault(variant, cls)
        own_surfaces.add(variant)
        authored.add(variant)
    for variant, cls in _formula_variants(surface_terms).items():
        surface_terms.setdefault(variant, cls)
        own_surfaces.add(variant)
    vocabulary: set[str] = set()
    own_forms: dict[str, set[str]] = defaultdict(set)  # own surface -> its words' known forms
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
    compiled.dictionary = english_words(nlp)
    compiled.verb_forms = irregular_verb_forms(nlp)
    compiled.plural_senses = plural_senses(nlp)
    # what each point's own claim says of a loss or a stance, read here once, not per answer
    claims = [concept for _, concept in compiled.concepts]
    compiled.loss_claims = loss_claims(claims, nlp, compiled.verb_forms)
    compiled.staking, compiled.doubting = stance_readings(claims)
    compiled.stake_holders = stake_holders(claims, nlp, compiled.staking)
    compiled.home_parties = countries(compiled.home)
    compiled.body_names = body_names(
        [rubric.title]
        + [d.label for d in rubric.dimensions]
        + [
            text
            for c in claims
            for text in (c.label, c.note, *c.aliases, *(t for g in c.cues for t in g))
        ]
    )
    stop_words = frozenset(nlp.Defaults.stop_words)
    for surface in surfaces:
        cls = surface_terms[surface]
        # a token's lower case, alphabetic and space flags are spaCy's lexical attributes,
        # which are these str methods; only the lemma needs the pipeline
        tokens = [(text, lemma) for text, lemma in analysed[surface] if not skippable_text(text)]
        if not tokens:
            continue
        tokens = tokens[:_MAX_TERM_TOKENS]
        lowers, plain, caps = zip(
            *(token_forms(text, lemma) for text, lemma in tokens), strict=True
        )
        lemmas = tuple(map(degree_kept, lowers, plain))
        if any(case_sensitive(text) for text, _ in tokens):
            caps_index.setdefault(caps, set()).add(cls)
        else:
            lower_index.setdefault(lowers, set()).add(cls)
            if surface in authored:
                written = tuple(text for text, _ in tokens)
                for apart in _written_apart(written, lowers, compiled, stop_words):
                    lower_index.setdefault(apart, set()).add(cls)
                    if surface in own_surfaces:  # 'sun' and 'light' are no extra words
                        own_forms[surface].update(w for w in apart if " " not in w)
            lemma_index.setdefault(lemmas, set()).add(cls)
            stems = tuple(
                stem_key(text, base) for (text, _), base in zip(tokens, lemmas, strict=True)
            )
            if all(stems):
                stem_index.setdefault(stems, set()).add(cls)
            if lowers != lemmas:
                # a cue is written in its base form, but a word tagged out of context can be
                # lemmatised wrongly ('trawler' alone is read as the adjective 'trawl'): an
                # answer word whose lemma is the cue as written is the cue ('trawlers')
                lemma_index.setdefault(lowers, set()).add(cls)
                written = tuple(stem_key(text, text.lower()) for text, _ in tokens)
                if all(written):
                    stem_index.setdefault(written, set()).add(cls)
        for text, lemma in tokens:
            lower = text.lower()
            vocabulary.add(normal_form(lower))
            vocabulary.add(normal_form(lemma))
            if surface in own_surfaces:
                own_forms[surface].update((normal_form(lower), normal_form(lemma)))
            if surface not in authored:
                # a word only learned phrases or graded answers write is a pupil's, perhaps
                # misspelt ('chlorophil' kept as an example): never what a word is corrected to
                continue
            if text.isalpha() and len(text) >= WORD_MIN_LEN:
                word_targets.add(lower)
            if (
                text.isalpha()
                and text[:1].isupper()
                and len(text) >= FUZZY_MIN_LEN
                and lower not in common_words
            ):
                fuzzy_targets.add(lower)
    compiled.tries = (
        _trie(lower_index),
        _trie(lemma_index),
        _trie(caps_index),
        _trie(stem_index),
    )
    for surface in surfaces:
        if surface not in own_surfaces:
            continue
        for text, lemma in analysed[surface]:
            own_forms[surface].add(stem_key(text, lemma) or lemma)
    class_forms: dict[str, set[str]] = defaultdict(set)
    for surface, forms in own_forms.items():
        class_forms[surface_terms[surface]] |= forms
    compiled.known_stems = _question_vocabulary(rubric, class_forms, owners)
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
    compiled.denial_terms = frozenset(
        t for _, c in compiled.concepts if c.denial for t in compiled.concept_terms[c.id]
    )
    compiled.named_in = {t: frozenset(d) for t, d in named_in.items()}
    compiled.share_terms = tuple(
        sorted(
            {
                (share, cls)
                for surface, cls in surface_terms.items()
                if (share := share_of_term(surface)) is not None
            }
        )
    )
    compiled.vocabulary = frozenset(vocabulary)
    compiled.fuzzy_targets = tuple(sorted(fuzzy_targets))
    compiled.word_targets = tuple(sorted(word_targets))
    return compiled


_PART_MIN_LEN = 3
"""A word joined to or split from another has at least this many letters."""


def _written_apart(
    written: tuple[str, ...],
    lowers: tuple[str, ...],
    compiled: CompiledRubric,
    stop_words: frozenset[str],
) -> list[tuple[str, ...]]:
    """The other ways a pupil writes a term of the rubric's author (its tokens as ``written``,
    and their ``lowers``), as keys of the lower-case index: two of its words run together
    ("carbondioxide", no English word: it is then read as the words, see
    ``CompiledRubric.joined``), or one of its words written as the two English words it is made
    of ("sun light" for sunlight; neither part a stop word, so "a part" is no "apart"). Only
    words written in lower case: a name is no two words ("green land" is no Greenland)."""
    words = compiled.dictionary.words
    variants: list[tuple[str, ...]] = []
    for k, (first, second) in enumerate(itertools.pairwise(lowers)):
        joined = first + second
        if (
            written[k].isalpha()
            and written[k].islower()
            and written[k + 1].isalpha()
            and written[k + 1].islower()
            and min(len(first), len(second)) >= _PART_MIN_LEN
            and not compiled.dictionary.knows(joined)
        ):
            compiled.joined.setdefault(joined, f"{first} {second}")
            variants.append((*lowers[:k], f"{first} {second}", *lowers[k + 2 :]))
    for k, word in enumerate(lowers):
        if not (written[k].isalpha() and written[k].islower()):
            continue
        for cut in range(_PART_MIN_LEN, len(word) - _PART_MIN_LEN + 1):
            head, tail = word[:cut], word[cut:]
            if {head, tail} <= words and not {head, tail} & stop_words:
                variants.append((*lowers[:k], head, tail, *lowers[k + 1 :]))
    return variants


_WORD = re.compile(r"[A-Za-z]+")
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z]+(?![\w-])")


def _question_vocabulary(
    rubric: Rubric, class_forms: Mapping[str, set[str]], owners: Mapping[str, set[str]]
) -> dict[str, frozenset[str]]:
    """Question id -> the stems and lemmas an answer to it may write without being discounted
    for extra words: those of its own text and of every rubric term but another question's.

    A term is another question's when every concept whose own words name it (its cues, aliases,
    alternatives' cues and facts' cues) counts for some other question and not for this one: in
    a tutor's test of forty short questions, the words of question 2's reference are no part of
    question 1's vocabulary (as in question 1's rubric alone). The rubric's synonyms and bonus
    keywords that no concept uses, and the terms of concepts no question counts, are every
    question's; so a rubric of one question knows every term, as before. An exemplar concept's
    cues name nothing here (they are never the rubric's vocabulary), a learned concept's do."""
    counted = {
        q.id: frozenset(c.id for qd in q.dimensions for c in rubric.counted(q, qd.id))
        for q in rubric.questions
    }
    known: dict[str, frozenset[str]] = {}
    for question in rubric.questions:
        foreign = (
            frozenset().union(*(c for q, c in counted.items() if q != question.id))
            - counted[question.id]
        )
        words = _WORD.findall(question.text)
        vocabulary = {stem_key(word, word.lower()) for word in words}
        vocabulary.update(word.lower() for word in words)
        for cls, forms in class_forms.items():
            named_by = owners.get(cls)
            if not named_by or not named_by <= foreign:
                vocabulary |= forms
        known[question.id] = frozenset(vocabulary)
    return known


def _acronym_variants(
    synonyms: Sequence[Sequence[str]], surface_terms: Mapping[str, str]
) -> dict[str, str]:
    """Longer terms written with an acronym in place of its expansion, or the other way round,
    where a synonym group holds both: '16th Finance Commission' is also '16th FC' when the
    rubric says FC and Finance Commission are one (trial 30b: "The 16th FC under Arvind
    Panagariya" had missed the point). An expansion is a member whose initials spell the
    acronym ('United Nations' of UN); one swap per term, each term's class kept."""
    pairs: list[tuple[str, str]] = []
    for group in synonyms:
        members = [" ".join(m.split()) for m in group]
        for acronym in members:
            if not (acronym.isupper() and acronym.isalpha() and len(acronym) >= 2):
                continue
            for expansion in members:
                if _initials(expansion) == acronym.lower():
                    pairs += [(acronym, expansion), (expansion, acronym)]
    found: dict[str, str] = {}
    for surface, cls in surface_terms.items():
        words = surface.split()
        if len(words) < 2:
            continue
        lowered = [w.lower() for w in words]
        for written, other in pairs:
            part = written.lower().split()
            n = len(part)
            if n == len(words):
                continue
            at = next((k for k in range(len(words) - n + 1) if lowered[k : k + n] == part), None)
            if at is not None:
                found.setdefault(" ".join([*words[:at], other, *words[at + n :]]), cls)
    return {v: c for v, c in found.items() if v not in surface_terms}


def _formula_variants(surface_terms: Mapping[str, str]) -> dict[str, str]:
    """The other forms of a substance a term names by its name or formula (``formulas.yaml``),
    in the term's class: a rubric's cue 'carbon dioxide' is matched by "CO2" and 'CO2' by
    "carbon dioxide", as in a draft that lists the group among its synonyms. Whole terms only
    ('carbon dioxide emissions' stays as written)."""
    by_form = {
        " ".join(form.lower().split()): group
        for group in formula_settings().formulas
        for form in group
    }
    found: dict[str, str] = {}
    for surface, cls in surface_terms.items():
        group = by_form.get(" ".join(surface.lower().split()))
        for form in group or ():
            found.setdefault(form, cls)
    return {v: c for v, c in found.items() if v not in surface_terms}


_SMALL_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "&"})


def _initials(phrase: str) -> str:
    """'Finance Commission' -> 'fc'; '' for a single word (no expansion)."""
    words = [w for w in phrase.lower().split() if w not in _SMALL_WORDS]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


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
        surface: list(tokens)
        for surface, tokens in _term_memo.of(nlp, surfaces, disable=skip).items()
    }
    write_cached_json(TERM_CACHE_KIND, key, analysed)
    return analysed


_term_memo: PerTextMemo[tuple[tuple[str, str], ...]] = PerTextMemo(
    lambda doc: tuple((token.text, token.lemma_.lower()) for token in doc), limit=200_000
)
