"""Cue words that another phrase owns (issue 13): 'Mumbai' in 'Mumbai-Ahmedabad high speed
rail' is part of a rail line's name, not a reference to the 26/11 attacks; 'ships' in 'Indian
Navy ships' are the Indian Navy's, not the Japanese ships repaired in India.

A single-word cue of a concept is *owned elsewhere* when the parse shows it inside a longer name
whose other words are not the concept's own (its terms, label and note) nor the rubric's
subject names:

* joined by a hyphen to another word ('Mumbai-Ahmedabad', 'Delhi-Mumbai'), or
* a noun carrying a proper-noun compound modifier ('Indian Navy ships'), or
* a common noun owned by another country, its people or its capital ('China's ports in Sri
  Lanka', 'Chinese investment', 'Beijing's navy': ``places`` in ``names.yaml``), or
* the other way round, a capitalised modifier of a body's noun in a name the rubric writes as a
  body ('GST' in 'the GST Council', 'Security' in 'the UN Security Council': ``body_nouns``),
  whatever the subject's title names; unless a country owns the body ('the Japan Bank for
  International Cooperation').

Such a word earns the concept nothing, partial or negated: the credit (or the denial) belongs to
the phrase it sits in. A negated cue of any length is another pair's too when its noun names a
partner outside the concept's words and the subject's ('a free trade agreement with the United
States', 'trade between India and ASEAN') or is predicated of such a name ('the IPEF is not a
free trade agreement'): those sentences neither earn nor deny the India-Japan CEPA. A cue that
ends in a noun of a compact (``agreement_nouns`` in ``names.yaml``) is its parties' asserted as
well ('India has a free trade agreement with ASEAN', 'the Quad has a free trade agreement').
Aliases (names of the whole concept) are never affected, but for those that end in a noun of a
compact ('CEPA' is many pairs' compact: "India and South Korea signed a CEPA" earns nothing).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence
from functools import cache

from spacy.attrs import DEP, HEAD
from spacy.tokens import Doc

from evaluator.nlp.docview import view
from evaluator.nlp.lexicon import stem_form
from evaluator.rubric.model import Concept
from evaluator.scoring.checks.matching import CompiledRubric, TermMatch, with_changes
from evaluator.scoring.checks.negation import negation_rules
from evaluator.settings import names_settings

_WORD = re.compile(r"[a-z0-9/]+")
# prefixes that make one word, not two names ('Self-Defense Force', 'Vice-Minister')
_PREFIXES = frozenset({"self", "vice", "co", "non", "anti", "ex", "pre", "post", "sub", "inter"})


def concept_words(compiled: CompiledRubric, concept: Concept) -> frozenset[str]:
    """Every word of a concept's own wording, lower case: its cue terms, aliases, label and note
    (so 'Foreign Secretary' stays the secretary-level concept's own)."""
    terms = compiled.concept_aliases[concept.id].union(*compiled.concept_groups[concept.id])
    words: set[str] = set()
    for term in terms:
        words.update(_WORD.findall(term.lower()))
    for group in concept.cues:
        for term in group:
            words.update(_WORD.findall(term.lower()))
    for text in (*concept.aliases, concept.label, concept.note):
        words.update(_WORD.findall(text.lower()))
    # and their stems: "Cyclone Fani" is the concept's own when its note says "cyclones"
    return frozenset(words | {stem_form(w) for w in words})


def owned_elsewhere(
    doc: Doc,
    match: TermMatch,
    own: frozenset[str],
    home: frozenset[str],
    own_tokens: frozenset[int] = frozenset(),
) -> bool:
    """Whether a one-word cue match sits inside a longer name that is not the concept's: a
    capitalised name glued to another by a hyphen ('Mumbai-Ahmedabad'; 'co-development',
    'low-carbon' and 'Japanese-language' are words, not two names), or a noun named by a
    proper-noun compound that is not the concept's ('Indian Navy ships'); or a negated cue of any
    length whose noun names a partner that is not ('no free trade agreement with the US').

    A word is the concept's when it is one of its own words (``own``), the rubric's subject
    names (``home``), or at a token index the concept's own terms matched (``own_tokens``: a
    misspelt 'Malabr' that was read as 'Malabar' is the concept's, though its letters are not).
    """
    return any(
        low not in own and low not in home and i not in own_tokens and stem_form(low) not in own
        for low, i in _outside_words(doc, match, home=home)
    )


# one slot per thread, like the token view: the neighbours of the answer being scored
_last = threading.local()
_NAME_POS = frozenset({"NOUN", "PROPN"})
_PARTNER_PREPOSITIONS = frozenset({"with", "between", "among", "amongst"})
# the members a name stands for ('the Quad countries', 'the ASEAN nations', 'BRICS members')
_MEMBER_NOUNS = frozenset({"country", "nation", "member", "partner", "state", "government"})


def _partners(doc: Doc) -> dict[int, tuple[tuple[str, int], ...]]:
    """Noun index -> the names its 'with' or 'between' phrase joins it to, as (lower case,
    index): 'agreement' in 'a free trade agreement with the United States' -> ('states', ...);
    'trade between India and ASEAN' -> India and ASEAN; the name a predicate noun is said of
    ('RCEP is a free trade agreement'); and the doers of a deed, of its object ('India and the EU
    concluded an agreement'). Worked out once per answer."""
    slot = getattr(_last, "partners", None)
    if slot is not None and slot[0] is doc:
        return slot[1]
    tokens = view(doc)
    lower, alpha, pos = tokens.lower, tokens.alpha, tokens.pos
    n = len(lower)
    found: dict[int, list[tuple[str, int]]] = {}
    if n:
        strings = doc.vocab.strings
        pobj, conj, prep = strings["pobj"], strings["conj"], strings["prep"]
        nsubj, attr, dobj = strings["nsubj"], strings["attr"], strings["dobj"]
        compound = strings["compound"]
        lemma, linking = tokens.lemma, negation_rules().linking_verbs
        deps, heads = _dependencies(doc)
        predicates: dict[int, list[int]] = {}  # linking verb -> its predicate nouns
        objects: dict[int, list[int]] = {}  # verb -> its object nouns
        for k in range(n):
            # a compact's acronym is often tagged a proper noun ('India has CEPAs with ...')
            if pos[k] in _NAME_POS and heads[k]:
                if deps[k] == attr:
                    predicates.setdefault(k + heads[k], []).append(k)
                elif deps[k] == dobj:
                    objects.setdefault(k + heads[k], []).append(k)
        for j in range(n):
            if pos[j] != "PROPN" or not alpha[j]:
                continue
            if deps[j] == nsubj and heads[j] and lemma[j + heads[j]] in linking:
                # 'The IPEF is not a free trade agreement', 'RCEP is a free trade agreement': a
                # noun predicated of a name is that name's
                for k in predicates.get(j + heads[j], ()):
                    found.setdefault(k, []).append((lower[j], j))
            if len(lower[j]) < 2:
                continue  # a one-letter name labels a thing ('bulb C'), it names no partner
            k = j
            if deps[j] == compound and heads[j] and lemma[j + heads[j]] in _MEMBER_NOUNS:
                k = j + heads[j]  # 'the Quad countries signed a free trade agreement': the Quad's
            while deps[k] == conj and heads[k]:  # 'with the US and Australia', 'India and the EU'
                k += heads[k]
            if not heads[k]:
                continue
            if deps[k] == pobj:
                p = k + heads[k]
                if deps[p] != prep or lower[p] not in _PARTNER_PREPOSITIONS or not heads[p]:
                    continue
                noun = p + heads[p]
                if pos[noun] in _NAME_POS:
                    found.setdefault(noun, []).append((lower[j], j))
                else:
                    # 'India signed a CEPA with South Korea': a partner of the deed is its
                    # object's partner
                    for obj in objects.get(noun, ()):
                        found.setdefault(obj, []).append((lower[j], j))
            elif deps[k] == nsubj:
                # 'India and the EU have not concluded a free trade agreement': the agreement of
                # a deed is its doers' (trial 28c: it had denied the India-Japan CEPA)
                for noun in objects.get(k + heads[k], ()):
                    found.setdefault(noun, []).append((lower[j], j))
    table = {i: tuple(words) for i, words in found.items()}
    _last.partners = (doc, table)
    return table


def _dependencies(doc: Doc) -> tuple[list[int], list[int]]:
    """Each token's dependency label and relative head offset, read once per answer (the
    neighbour and partner tables both walk them)."""
    slot = getattr(_last, "dependencies", None)
    if slot is not None and slot[0] is doc:
        return slot[1]
    deps, heads = doc.to_array([DEP, HEAD]).astype("int64").T.tolist()
    _last.dependencies = (doc, (deps, heads))
    return deps, heads


def _outside_words(
    doc: Doc,
    match: TermMatch,
    partners: bool = True,
    home: frozenset[str] = frozenset(),
    name: bool = False,
) -> tuple[tuple[str, int], ...]:
    """The words that could own a cue match: a one-word match's neighbours, and, for a negated
    match, the partners named beside the noun that ends it (a denial of another pair's
    agreement denies nothing of ours; an asserted mention keeps its credit, as a tutor reading
    'supply chain resilience with Australia' in an India-Japan answer would). Partners that
    include one of the subject's own beyond the country answers are written from ('CEPAs with
    Japan and South Korea') own nothing: the compact is named with the subject's partner. A
    ``name`` (an alias) is owned by a neighbouring country only."""
    words = (
        _partners(doc).get(match.end - 1, ())
        if partners and (match.negated or _ends_in_agreement(doc, match))
        else ()
    )
    if words and any(low in home and low not in _perspective() for low, _ in words):
        words = ()
    if match.end - match.start == 1:
        near = _neighbours(doc).get(match.start, ())
        if name:
            # a name of the whole point is another's only beside a country ('the India-Korea
            # CEPA'), not beside any capitalised word ('Review CEPA' opening a point)
            near = tuple(word for word in near if word[0] in _places())
        words = near + words
    return words


@cache
def _perspective() -> frozenset[str]:
    return frozenset(w.lower() for w in names_settings().perspective)


@cache
def _agreement_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in names_settings().agreement_nouns)


def _ends_in_agreement(doc: Doc, match: TermMatch) -> bool:
    """Whether a match ends in a noun of a compact ('a free trade agreement'), which belongs to
    the parties named for it whether it is asserted or denied (``agreement_nouns``)."""
    return doc[match.end - 1].lemma_.lower() in _agreement_nouns()


def _neighbours(doc: Doc) -> dict[int, tuple[tuple[str, int], ...]]:
    """Token index -> the words :func:`owned_elsewhere` would test with ``foreign`` for a one-word
    match there, as (lower case, index): the capitalised word across a hyphen, and proper-noun
    compound children. Only letters are kept (``foreign`` needs them). Worked out once per answer
    from the token view and two arrays, so no ``Token`` is created; a token absent here is never
    owned elsewhere (most cue matches are nowhere near a hyphen or a compound)."""
    slot = getattr(_last, "slot", None)
    if slot is not None and slot[0] is doc:
        return slot[1]
    tokens = view(doc)
    text, lower, alpha, pos, idx = tokens.text, tokens.lower, tokens.alpha, tokens.pos, tokens.idx
    n = len(text)

    def spaced(i: int) -> bool:  # Token.whitespace_: a gap before the next token
        return i + 1 < n and idx[i] + len(text[i]) < idx[i + 1]

    found: dict[int, list[tuple[str, int]]] = {}
    for h in range(1, n - 1):
        if text[h] not in "-–" or spaced(h):
            continue
        before, after = h - 1, h + 1
        if spaced(before):
            continue
        # 'Mumbai-Ahmedabad': a name glued to another name by a hyphen
        for at, other in ((before, after), (after, before)):
            if (
                text[at][:1].isupper()
                and lower[at] not in _PREFIXES
                and text[other][:1].isupper()
                and alpha[other]
            ):
                found.setdefault(at, []).append((lower[other], other))
    if n:
        strings = doc.vocab.strings
        compound, poss, amod = strings["compound"], strings["poss"], strings["amod"]
        deps, heads = _dependencies(doc)
        places = _places()
        for j in range(n):
            if not alpha[j] or not heads[j]:
                continue
            dep, head = deps[j], j + heads[j]
            if dep == compound and pos[j] == "PROPN":
                if pos[head] in _NAME_POS:
                    found.setdefault(head, []).append((lower[j], j))
            elif (
                ((dep == poss and pos[j] == "PROPN") or (dep == amod and pos[j] == "ADJ"))
                and pos[head] == "NOUN"
                and lower[j] in places
            ):
                # 'China's ports', 'Chinese ports': a common noun a country or a nationality
                # owns is that country's ('China's ports in Sri Lanka' are no joint project);
                # a name it owns is its own name ('China's BRI'), judged as a name
                found.setdefault(head, []).append((lower[j], j))
    table = {i: tuple(words) for i, words in found.items()}
    _last.slot = (doc, table)
    return table


def _bodies(doc: Doc) -> dict[int, tuple[tuple[str, int], ...]]:
    """Token index -> the body a capitalised modifier there is only part of, as (lower case,
    index): 'GST' in 'the GST Council' -> ('council', ...), 'Finance' in 'the Finance
    Commission', 'UN' and 'Security' in 'the UN Security Council' (``body_nouns`` in
    ``names.yaml``). A country or people that owns the body ('the Japan Bank for International
    Cooperation') is not listed: the body is theirs. Worked out once per answer."""
    slot = getattr(_last, "bodies", None)
    if slot is not None and slot[0] is doc:
        return slot[1]
    tokens = view(doc)
    text, lower, alpha, pos, lemma = (
        tokens.text,
        tokens.lower,
        tokens.alpha,
        tokens.pos,
        tokens.lemma,
    )
    found: dict[int, list[tuple[str, int]]] = {}
    if len(text):
        compound = doc.vocab.strings["compound"]
        deps, heads = _dependencies(doc)
        bodies, places = _body_nouns(), _places() | _home_places()
        for j in range(len(text)):
            if deps[j] != compound or not heads[j] or not alpha[j] or pos[j] != "PROPN":
                continue
            head = j + heads[j]
            if (
                pos[head] == "PROPN"
                and text[j][:1].isupper()
                and text[head][:1].isupper()
                and lemma[head].lower() in bodies
                and lower[j] not in places
            ):
                found.setdefault(j, []).append((lower[head], head))
    table = {i: tuple(words) for i, words in found.items()}
    _last.bodies = (doc, table)
    return table


@cache
def _body_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in names_settings().body_nouns)


@cache
def _home_places() -> frozenset[str]:
    return frozenset(word for group in names_settings().home_places for word in group)


@cache
def _places() -> frozenset[str]:
    """Countries, peoples and capitals (``names.yaml``, lower case): the owners :func:`_neighbours`
    reads from a possessive or an adjective ('China's', 'Chinese'), never a person ('Abe's
    vision'). The parse has no named-entity recogniser (it is left out for speed)."""
    return frozenset(word for group in names_settings().places for word in group)


def _suspect_terms(
    doc: Doc, by_term: Mapping[str, Sequence[TermMatch]], home: frozenset[str]
) -> frozenset[str]:
    """The terms with a match beside a word outside the rubric's subject names: those
    :func:`owned_elsewhere` could say yes to ('India' in 'India-Japan' never is), worked out
    once per answer (every concept asks with the same ``by_term``)."""
    slot = getattr(_last, "suspects", None)
    if slot is not None and slot[0] is doc and slot[1] is by_term and slot[2] is home:
        return slot[3]
    places = {
        i for i, words in _neighbours(doc).items() if any(low not in home for low, _ in words)
    }
    # a body's noun owns its modifier even when the subject's title names it ('the GST Council'
    # in notes on cooperative federalism): the body is a thing of its own
    places.update(_bodies(doc))
    # partners own only negated matches and agreements: most answers have neither, and need no
    # partner table
    owned = any(
        m.negated or _ends_in_agreement(doc, m) for matches in by_term.values() for m in matches
    )
    ends = (
        {i for i, words in _partners(doc).items() if any(low not in home for low, _ in words)}
        if owned
        else set()
    )
    found: set[str] = set()
    if places or ends:
        for term, matches in by_term.items():
            for m in matches:
                if (m.start in places and m.end - m.start == 1) or (
                    m.end - 1 in ends and (m.negated or _ends_in_agreement(doc, m))
                ):
                    found.add(term)
                    break
    terms = frozenset(found)
    _last.suspects = (doc, by_term, home, terms)
    return terms


def concepts_in_doubt(
    doc: Doc,
    compiled: CompiledRubric,
    by_term: Mapping[str, Sequence[TermMatch]],
    home: frozenset[str],
) -> frozenset[str]:
    """The concepts :func:`without_owned_cues` could take a match from in this answer (those
    naming a term with a one-word match beside a foreign name); for the rest it returns
    ``by_term`` as it is, so the engine need not ask."""
    concepts_of = compiled.concepts_of_term
    return frozenset().union(*(concepts_of.get(t, ()) for t in _suspect_terms(doc, by_term, home)))


def without_owned_cues(
    doc: Doc,
    concept: Concept,
    compiled: CompiledRubric,
    by_term: Mapping[str, Sequence[TermMatch]],
    home: frozenset[str],
) -> Mapping[str, Sequence[TermMatch]]:
    """``by_term`` with the concept's cue matches that another phrase owns removed (the same
    mapping when there are none: the common case)."""
    in_doubt = _suspect_terms(doc, by_term, home)
    if not in_doubt:
        return by_term  # no match in the answer sits beside a foreign name
    aliases = compiled.concept_aliases[concept.id]
    known = compiled.ownership.get(concept.id)
    if known is None:  # a concept's wording is the same for every answer: worked out once
        cues = frozenset().union(*compiled.concept_groups[concept.id]) - aliases
        # an alias naming a compact many pairs sign ('CEPA') is another pair's beside another
        # partner, as a cue ending in 'agreement' is (other aliases name the whole point)
        cues |= {a for a in aliases if a.split()[-1].split("-")[-1] in _agreement_nouns()}
        known = compiled.ownership[concept.id] = (concept_words(compiled, concept), cues)
    own, cue_terms = known
    if cue_terms.isdisjoint(in_doubt):
        return by_term  # no cue sits by a hyphen, under a proper-noun compound or a partner
    suspects = [t for t in cue_terms if t in in_doubt]
    # a point the rubric writes in cue groups can be another pair's; a phrase learned from the
    # tutor's marks or a reference answer's words are taken as the tutor wrote them
    # a misconception costs whoever the answer names beside it ("signed the Moonstone Accord with
    # China")
    partners = concept.credit == "groups" and not concept.learned and not concept.penalty
    # owned_elsewhere, inlined: the tokens the concept's own terms matched are gathered only
    # when some match has a neighbour outside the concept's words and the subject's
    own_tokens: frozenset[int] | None = None
    changed: dict[str, Sequence[TermMatch]] = {}
    compacts: list[tuple[int, int]] = []  # spans of compacts another pair owns
    for term in suspects:
        matches = by_term[term]
        kept = []
        for m in matches:
            outside = [
                i
                for low, i in _outside_words(doc, m, partners, home, term in aliases)
                if low not in own and low not in home and stem_form(low) not in own
            ]
            if m.end - m.start == 1 and term not in aliases:
                # 'GST' in 'the GST Council': the body's noun owns it unless the point's own
                # words name the body, whatever the subject's title names
                outside += [
                    i
                    for low, i in _bodies(doc).get(m.start, ())
                    if low not in own
                    and stem_form(low) not in own
                    and doc[m.start : i + 1].text.lower() in compiled.body_names
                ]
            if outside:
                if own_tokens is None:
                    own_tokens = frozenset(
                        i
                        for t in cue_terms | aliases
                        for m2 in by_term.get(t, ())
                        for i in range(m2.start, m2.end)
                    )
                if not own_tokens.issuperset(outside):
                    if _ends_in_agreement(doc, m):
                        # the compact's whole name: "a civil nuclear cooperation agreement"
                        compacts.append((min(m.start, doc[m.end - 1].left_edge.i), m.end))
                    continue  # another name owns it
            kept.append(m)
        if len(kept) != len(matches):
            changed[term] = kept
    if compacts:
        # another pair's compact is theirs whole: "India and France signed a civil nuclear
        # agreement" lends the India-Japan deal neither its 'nuclear' nor its 'civil' (probe s32)
        for term in (cue_terms | aliases) & by_term.keys():
            matches = changed.get(term, by_term[term])
            kept = [m for m in matches if not any(a <= m.start and m.end <= b for a, b in compacts)]
            if len(kept) != len(matches):
                changed[term] = kept
    return with_changes(by_term, changed)


def names_by_dimension(
    compiled: CompiledRubric, by_term: Mapping[str, Sequence[TermMatch]]
) -> dict[str, list[TermMatch]]:
    """Dimension id -> the answer's matches of its concepts' names of two words or more
    (aliases), worked out once per answer: what :func:`without_sibling_names` looks inside."""
    found: dict[str, list[TermMatch]] = {}
    for term, matches in by_term.items():
        dimensions = compiled.named_in.get(term)
        if not dimensions:
            continue
        long = [m for m in matches if m.end - m.start > 1]
        if long:
            for dimension in dimensions:
                found.setdefault(dimension, []).extend(long)
    return found


def without_sibling_names(
    concept: Concept,
    compiled: CompiledRubric,
    by_term: Mapping[str, Sequence[TermMatch]],
    names: Sequence[TermMatch],
) -> Mapping[str, Sequence[TermMatch]]:
    """``by_term`` less the concept's cue matches that lie inside the name of another point of
    its dimension (``names``, from :func:`names_by_dimension`): "Global Partnership" in "raised
    to a Special Strategic and Global Partnership" names the 2014 upgrade, not the 2000 one;
    "trade deficit" in "a lasting trade deficit with Japan" is that point's, not trade below its
    potential. A name the concept itself lists (as a cue or an alias) is shared, not another's."""
    own = compiled.concept_terms[concept.id]
    others = [n for n in names if n.term not in own]
    if not others:
        return by_term
    aliases = compiled.concept_aliases[concept.id]
    changed: dict[str, list[TermMatch]] = {}
    for term in own - aliases:
        matches = by_term.get(term)
        if not matches:
            continue
        kept = [
            m
            for m in matches
            if not any(
                n.start <= m.start and m.end <= n.end and n.end - n.start > m.end - m.start
                for n in others
            )
        ]
        if len(kept) != len(matches):
            changed[term] = kept
    return with_changes(by_term, changed)
