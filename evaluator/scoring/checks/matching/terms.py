"""Finding the rubric's terms in an answer: every occurrence, by any of its token forms, with
misspelt words read as the rubric word they stand for; the places of facts' cues and bonus
keywords."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from spacy.tokens import Doc

from evaluator.nlp.docview import view
from evaluator.nlp.lexicon import fixed_expression_words, list_marker_words, other_verb_words
from evaluator.nlp.quantities import number_words, ordinal_words, same_share, shares
from evaluator.scoring.checks.matching.compiled import CompiledRubric, Trie
from evaluator.scoring.checks.matching.forms import SKIP, START_SPELLING
from evaluator.scoring.checks.negation import NegationScopes


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
    negator: int = -1
    """Token index of the word that opened the negation (-1 when not negated)."""


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
    negators = negated.negators if isinstance(negated, NegationScopes) else {}
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
    if forms.count(SKIP):  # spaces and quotes are not tokens of a term
        positions = [i for i, f in enumerate(forms) if f is not SKIP]
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
            cased = bool(misspelt[k] & START_SPELLING) and _sentence_cased(doc, i)
            read = compiled.read_as(misspelt[k], lowers[k], _may_be_name(pos, sent_of, i), cased)
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
    if "non" in lowers:  # 'a non-permanent member' is no 'permanent member'
        for k in range(1, count):
            if lowers[k - 1] == "non" and after_non(doc, positions[k]):
                begins[k] = False
    ranking = _ranking_ordinals(lowers) if count > 3 else frozenset()
    starters = itertools.compress(range(count), begins)  # where some rubric term may begin

    spelt = number_words()  # 'five' of "seventy-five" is checked at the match below
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
            if n == 1 and not lowers[i][:1].isalnum() and _no_symbol_term(doc, start, lowers[i]):
                continue  # (most terms begin with a letter or digit: no symbol to look at)
            if n == 1 and lowers[i] in spelt and _in_hyphened_number(doc, start):
                continue  # 'five' in "seventy-five" is no five
            if n > 1 and i in ranking:
                continue  # 'the third country to hold a 2+2' ranks a country: no 'third countries'
            cue, negator = _negation_of(negated, negators, start, end) if negated else ("", -1)
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
                        negator=negator,
                    )
                )
    if compiled.share_terms:
        extra = _share_matches(doc, compiled, matches, negated, negators)
        if extra:  # in the order of the others: by place, the longest first
            matches = sorted([*matches, *extra], key=lambda m: (m.start, m.start - m.end))
    return matches


def _share_matches(
    doc: Doc,
    compiled: CompiledRubric,
    matches: Sequence[TermMatch],
    negated: Mapping[int, str],
    negators: Mapping[int, int],
) -> list[TermMatch]:
    """Matches of the rubric's share terms by the same share written another way: "75%" or
    "three quarters" is the cue "three-fourths", "two thirds" the cue "66.7%" (within
    ``share_slack`` points; 70% is no three-fourths). A share the term's own words matched
    already at that place is not matched twice."""
    sent_of = view(doc).sent_of
    taken = {(m.term, m.start) for m in matches}
    found: list[TermMatch] = []
    for value, start_char, end_char in shares(view(doc).source):
        span = doc.char_span(start_char, end_char, alignment_mode="expand")
        if span is None or not len(span):
            continue
        start, end = span.start, span.end
        for share, cls in compiled.share_terms:
            if not same_share(share, value) or (cls, start) in taken:
                continue
            taken.add((cls, start))
            cue, negator = _negation_of(negated, negators, start, end) if negated else ("", -1)
            found.append(
                TermMatch(
                    term=cls,
                    start=start,
                    end=end,
                    sent=sent_of[start],
                    negated=bool(cue),
                    negation_cue=cue,
                    negator=negator,
                )
            )
    return found


_HYPHENS = ("-", "\u2010", "\u2011")


def _ranking_ordinals(lowers: Sequence[str]) -> frozenset[int]:
    """Indexes of ordinals that rank what follows them: 'the' + ordinal + a word + 'to' ('the
    third country to hold a 2+2', 'the first nation ever to'). There the ordinal and its noun
    are no term of two words ('third countries', where projects are carried out together)."""
    ordinals = ordinal_words()
    return frozenset(
        k
        for k in range(1, len(lowers) - 2)
        if lowers[k] in ordinals
        and lowers[k - 1] == "the"
        and "to" in (lowers[k + 2], lowers[k + 3] if k + 3 < len(lowers) else "")
    )


def _hyphen_joined(doc: Doc, a: int) -> bool:
    """Whether tokens ``a`` and ``a + 2`` are one word joined by a hyphen ('non-permanent')."""
    return (
        a >= 0
        and a + 2 < len(doc)
        and doc[a + 1].text in _HYPHENS
        and not doc[a].whitespace_
        and not doc[a + 1].whitespace_
    )


def after_non(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is written after 'non-' as one word ('non-permanent')."""
    return _hyphen_joined(doc, i - 2) and doc[i - 2].lower_ == "non"


def _in_hyphened_number(doc: Doc, i: int) -> bool:
    """Whether number word ``i`` is part of a number written with a hyphen ('seventy-five',
    'thirty-five'): a cue 'five' or 'thirty' names another number."""
    words = number_words()
    return (_hyphen_joined(doc, i - 2) and doc[i - 2].lower_ in words) or (
        _hyphen_joined(doc, i) and doc[i + 2].lower_ in words
    )


def _no_symbol_term(doc: Doc, i: int, form: str) -> bool:
    """A symbol that is no cue here: glued between two numbers (see :func:`_glued_symbol`), or
    a '%' after no number ('{% raw %}', a stray '%'), which is no word for 'percent'."""
    if form == "%":
        return i == 0 or not (_has_digit(doc[i - 1].text) or doc[i - 1].like_num)
    return _glued_symbol(doc, i, form)


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


def _sentence_cased(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is capitalised only because it begins its sentence ('Boyl the leef in
    water'), so the misspelling rule for lower-case words applies to it: the sentence's first
    word (only marks or numbers before it: '1. Boyl'), and either written in lower case
    elsewhere in the answer, or standing as a verb does: an article or pronoun right after it,
    and it the sentence's root or taking that object ('Boyl the leef', 'Boyl it so ...'). Its
    tag alone does not say: spaCy tags 'Boyl' a proper noun, and 'Modi' of "Modi this year met
    Abe" a verb. A name opening a sentence stays one: 'Modi is ...', 'Modi, the prime
    minister', 'Modi and Abe', 'Modi this year ...'."""
    tokens = view(doc)
    start, end = tokens.sents[tokens.sent_of[i]]
    if any(tokens.alpha[start:i]):
        return False
    if tokens.lower[i] in (t for k, t in enumerate(tokens.text) if k != i):
        return True
    token = doc[i]
    return (
        i + 1 < end
        and tokens.pos[i + 1] in {"DET", "PRON"}
        and token.dep_ not in _SUBJECTS
        and (token.dep_ == "ROOT" or any(c.dep_ == "dobj" for c in token.children))
    )


_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})


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
        cased = bool(forms[3] & START_SPELLING) and _sentence_cased(doc, i)
        read = compiled.read_as(forms[3], forms[0], _may_be_name(tokens.pos, sent_of, i), cased)
        if read is not None:
            corrected[i] = read[0]
    return corrected


def cased_as(word: str, written: str) -> str:
    """A rubric word as a reader shows it in place of ``written``: capitalised when that was
    ('Aquisition' -> 'Acquisition')."""
    return word[:1].upper() + word[1:] if written[:1].isupper() else word


def _negation_of(
    negated: Mapping[int, str], negators: Mapping[int, int], start: int, end: int
) -> tuple[str, int]:
    for i in range(start, end):
        cue = negated.get(i)
        if cue:
            return cue, negators.get(i, -1)
    return "", -1


def with_changes(
    by_term: Mapping[str, Sequence[TermMatch]], changed: Mapping[str, Sequence[TermMatch]]
) -> Mapping[str, Sequence[TermMatch]]:
    """``by_term`` with the ``changed`` terms' matches replaced (a term left with none dropped);
    the same mapping when nothing changed."""
    if not changed:
        return by_term
    merged = dict(by_term)
    for term, remaining in changed.items():
        if remaining:
            merged[term] = remaining
        else:
            del merged[term]
    return merged


def group_by_term(matches: Iterable[TermMatch]) -> dict[str, list[TermMatch]]:
    """Matches keyed by term class, in answer order."""
    grouped: dict[str, list[TermMatch]] = defaultdict(list)
    for match in matches:
        grouped[match.term].append(match)
    return grouped


def by_position(match: TermMatch) -> tuple[int, int, str]:
    """Sort key of a match: its place in the answer, then its term."""
    return (match.start, match.end, match.term)


def fact_cue_spans(
    compiled: CompiledRubric, by_term: Mapping[str, Sequence[TermMatch]]
) -> dict[str, list[TermMatch]]:
    """For each fact, the places its cues were found (asserted or negated).

    A cue found only inside a longer rubric term is not a cue: "Global Partnership" inside
    "Special Strategic and Global Partnership" names the 2014 upgrade, not the 2000 one. A
    bonus keyword names no point of its own, so it is no longer term: "Ravi-Beas" inside the
    keyword "Ravi-Beas tribunal" is still the fact's cue (session 38's tutor: "The Ravi-Beas
    tribunal was formed in 1996" had left the 1986 fact unread).
    """
    naming = compiled.concepts_of_term.keys() | {
        t for terms in compiled.fact_cues.values() for t in terms
    }
    longer = [
        m
        for term, matches in by_term.items()
        if term in naming
        for m in matches
        if m.end - m.start > 1
    ]
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
            key=by_position,
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
