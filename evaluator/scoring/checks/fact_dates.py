"""What else a year near a fact's cue may date (issue 13; see :mod:`fact_claims`).

A year in the cue's clause is not always the cue's own: it may date a successor or a change made
to the cue ("a **new** Joint Declaration", "**upgraded** to a special one in 2014"), another noun
beside it ("before his **death** in 2022"), a life event, the end of another thing's name
("Vision **2025**"), an anniversary, an object the cue hangs on, the visit of another role, a
time before the claim's state, an event of another level, another country's first, or another
milestone than the claim's ("came into force" rather than "signed"); and a claim that dates a
beginning ("aid began in 1958") is dated only by words of a beginning. These pure functions tell
:func:`fact_claims.states_value_of` when a year is about something else, so it neither supports
nor contradicts the fact.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from spacy.tokens import Doc, Span, Token

from evaluator.nlp.lexicon import stem_form
from evaluator.nlp.quantities import Quantity
from evaluator.rubric.model import Fact
from evaluator.scoring.checks.fact_parse import (
    SUBJECT_DEPS,
    clause_head,
    clause_tokens,
    participle_after,
    root_of,
)
from evaluator.settings import names_settings, quantity_settings

MONTHS = frozenset(
    "january february march april may june july august september october november december "  # noqa: SIM905
    "jan feb mar apr jun jul aug sep sept oct nov dec year years".split()
)


def _stems(words: frozenset[str]) -> frozenset[str]:
    return frozenset(stem_form(w) for w in words)


def dates_the_cue(
    fact: Fact, value: Token, cue: Span, claim_words: frozenset[str], home: frozenset[str]
) -> bool:
    """Whether a year dates the cue's own thing, not a successor, a change made to it or another
    noun beside it (engine 0.9.72; ``change_words`` and ``event_nouns`` in ``quantities.yaml``):
    "a **new** Joint Declaration was adopted in 2025", "the Strategic and Global Partnership was
    **upgraded** to a special one in 2014" (the year dates the special one: a cue inside "to"
    or "into" is dated), "a year before his **death** in 2022", "followed the **San Francisco**
    treaty of 1951"."""
    settings = quantity_settings()
    claim_stems = _stems(claim_words)
    cue_root = root_of(cue)
    # a claim of a beginning ("ODA began in 1958") is the first one's: "the first yen loan"
    begins = bool(claim_words & set(settings.start_words))
    predecessors = frozenset() if begins else settings.predecessor_words
    for marks in (settings.successor_words, predecessors):
        if any(
            c.dep_ in ("amod", "compound") and c.lemma_.lower() in marks for c in cue_root.children
        ) and not (marks & claim_words):
            return False
    verb = clause_head(value)
    if changes(verb) and not (_stems(frozenset(settings.change_words)) & claim_stems):
        node = cue_root
        while node.i != verb.i and node.head.i != node.i:
            if node.dep_ in ("attr", "oprd") or (
                node.dep_ == "pobj" and node.head.lower_ in ("to", "into", "as")
            ):
                break
            node = node.head
        else:
            return False  # the cue is what was changed, not what it became
    return not dates_another_thing(fact, value, cue, claim_words, home)


def changes(verb: Token) -> bool:
    """Whether a verb makes a change to a thing (``change_words``: "upgraded", "replaced", "gave
    way to")."""
    words = quantity_settings().change_words
    if verb.lemma_.lower() in words:
        return True
    return any(
        c.dep_ == "dobj" and f"{verb.lemma_.lower()} {c.lower_}" in words for c in verb.children
    )


# Nouns of an occasion: a year the parser hangs on them dates the clause's event
_OCCASIONS = frozenset({"time", "occasion"})


def dated_elsewhere(fact: Fact, cue: Span) -> bool:
    """Whether an ordinal fact's cue is dated to a year its claim does not name ("The 2006 annual
    summit in Tokyo, the first, …" against "The March 2022 summit was the 14th annual summit":
    probe s37a had called the first summit's rank wrong). The rank then belongs to another
    event: neither right nor wrong."""
    if fact.expected.kind != "ordinal":
        return False
    doc = cue.doc
    start = max(cue.sent.start, cue.start - _DATED_REACH)
    years = [t.text for t in doc[start : cue.start] if t.like_num and _YEAR.fullmatch(t.text)]
    return bool(years) and not any(year in fact.claim for year in years)


_DATED_REACH = 3
"""How many words before an ordinal fact's cue may date it ('the 2006 annual summit')."""
_YEAR = re.compile(r"(1[89]|20)\d\d")


def dates_another_thing(
    fact: Fact, value: Token, cue: Span, claim_words: frozenset[str], home: frozenset[str]
) -> bool:
    """Whether a year dates a noun other than the cue's ("a year before his **death** in 2022",
    "two years after the 2015 Chennai **floods**"), a named other thing of the cue's kind ("the
    **San Francisco** treaty of 1951"), or a life event the claim does not name ("Abe **died**
    in 2022, a year after receiving the award"): then it is neither right nor wrong for the fact
    (``life_events`` and ``event_nouns`` in ``quantities.yaml``)."""
    settings = quantity_settings()
    claim_stems = _stems(claim_words)
    if _ends_a_name(value, cue, claim_words) or _keeps_an_anniversary(value):
        return True
    if only_a_reference_point(value, cue):
        return True  # "came into force in 2021, two years after the first 2+2"
    if dates_an_earlier_conjunct(value, cue):
        return True  # "answered with SAGAR in 2015 and with its Act East policy"
    verb = clause_head(value)
    if verb.lemma_.lower() in settings.life_events and stem_form(verb.lower_) not in claim_stems:
        return True
    noun = value.head.head if value.dep_ == "pobj" else value.head
    if noun.pos_ not in ("NOUN", "PROPN") or noun.i == value.i or noun.dep_ == "compound":
        return False
    if noun.ent_type_ == "DATE" or noun.lower_ in MONTHS:
        return False  # "in November 2019": the date itself
    if noun.lemma_.lower() in _OCCASIONS:
        return False  # "visited India for the first time in 2010": the visit's year (probe s33)
    if value.dep_ != "pobj" and not (value.i > 0 and value.nbor(-1).dep_ in ("det", "poss")):
        return False  # "In 2014 relations became …" is parsed as if 2014 were the relations'
    if value.dep_ == "pobj" and value.head.i - noun.i != 1:
        return False  # "in 2023" hung on a noun further back ("the armies in …, … in 2023")
    if noun.lower_ in home:
        return False
    if any(
        c.dep_ == "compound" and c.pos_ == "PROPN" and c.lower_ not in claim_words | home
        for c in noun.children
    ):
        return True  # "the San Francisco treaty of 1951": another treaty
    return (
        not cue.start <= noun.i < cue.end
        and stem_form(noun.lower_) not in claim_stems
        and noun.lemma_.lower() not in settings.event_nouns
    )


def only_a_reference_point(value: Token, cue: Span) -> bool:
    """Whether the cue stands only inside a phrase of time counted from it that does not hold the
    value ("The ACSA came into force **in 2021**, two years **after the first 2+2**", "Japan
    relaxed export rules in 2014, long **before the first 2+2**"): the year dates the clause's
    event, and the cue is its reference point (``reference_words`` in ``quantities.yaml``;
    session 42). A year inside the phrase with the cue still dates it ("two years after the
    first 2+2 in 2018")."""
    if participle_after(clause_head(value), _noun_of(cue)):
        return False  # "Since the first 2+2, held in 2018, …": the cue's own year
    return counted_from(root_of(cue), value)


def counted_from(token: Token, value: Token) -> bool:
    """Whether a word stands inside a phrase of time counted from another event ("after",
    "since": ``reference_words``) that does not hold the value: the phrase names a reference
    point, not the value's event ("in 2019, a year after the **first** 2+2")."""
    words = quantity_settings().reference_words
    doc = value.doc
    node = token
    while node.head.i != node.i and not node.is_ancestor(value) and node.i != value.i:
        if node.dep_ in ("prep", "mark") and (
            node.lower_ in words
            or (node.i > 0 and f"{doc[node.i - 1].lower_} {node.lower_}" in words)
        ):
            return True
        node = node.head
    return False


def _noun_of(cue: Span) -> Token:
    """The noun a cue's phrase names ('Act East' -> 'policy' in "its Act East policy")."""
    noun = root_of(cue)
    while noun.dep_ in ("amod", "compound", "nmod") and noun.head.i != noun.i:
        noun = noun.head
    return noun


_CONJUNCT_OBJECTS = frozenset({"dobj", "pobj", "attr", "dative", "oprd"})


def dates_an_earlier_conjunct(value: Token, cue: Span) -> bool:
    """Whether the cue is named only in a later conjunct, and the year stands before it, after
    an earlier one ("India answered with SAGAR **in 2015** and with its Act East policy", "Japan
    launched FOIP in 2016 and the Supply Chain Resilience Initiative"): the year dates that
    first conjunct, not the cue (session 42). A year after the conjuncts, or before the verb,
    dates them all ("India launched SAGAR and the Act East policy in 2015", "In 2015 India
    launched SAGAR and the Act East policy")."""
    noun = _noun_of(cue)
    # the parser hangs "and with its Act East policy" on "in 2015": the 'with' is the conjunct
    conjunct = noun.head if noun.dep_ == "pobj" and noun.head.dep_ == "conj" else noun
    if conjunct.dep_ != "conj" or value.i >= conjunct.left_edge.i:
        return False
    doc = value.doc
    if not any(t.dep_ == "cc" for t in doc[value.i + 1 : conjunct.left_edge.i]):
        return False
    verb = clause_head(value)
    return any(
        verb.i < t.i < value.i
        and t.pos_ in ("NOUN", "PROPN")
        and t.dep_ in _CONJUNCT_OBJECTS
        and not t.is_ancestor(value)
        for t in doc[verb.i + 1 : value.i]
    )


def _keeps_an_anniversary(value: Token) -> bool:
    """Whether a year's clause keeps an anniversary ("In 2022 the two **celebrated 70 years**
    of the peace treaty", "which **turned ten** in 2024", "the 70th **anniversary** of ties in
    2022"): the year is the anniversary's, not the event's (``anniversary_verbs`` and
    ``anniversary_nouns`` in ``quantities.yaml``)."""
    settings = quantity_settings()
    verb = clause_head(value)
    tokens = clause_tokens(verb)
    if any(t.lemma_.lower() in settings.anniversary_nouns for t in tokens):
        return True
    if verb.lemma_.lower() not in settings.anniversary_verbs:
        return False
    counted = any(
        t.lemma_.lower() == "year" and any(c.like_num or c.pos_ == "NUM" for c in t.children)
        for t in tokens
    )
    turned = verb.lemma_.lower() == "turn" and any(
        c.i != value.i
        and (c.like_num or c.pos_ == "NUM")
        and c.dep_ in ("dobj", "attr", "oprd", "acomp", "npadvmod")
        for c in verb.children
    )
    return counted or turned


def _ends_a_name(value: Token, cue: Span, claim_words: frozenset[str]) -> bool:
    """Whether a year is the last word of another thing's name ("Japan and India **Vision
    2025**", a plan adopted in 2015), not a date; the cue's own name with a year ("Malabar
    2020") still dates the cue."""
    if value.i == 0:
        return False
    before = value.doc[value.i - 1]
    return (
        before.pos_ == "PROPN"
        and before.is_title
        and before.lower_ not in MONTHS
        and before.lower_ not in claim_words
        and not cue.start <= before.i < cue.end
    )


def dates_a_named_event(value: Token, subjects: Sequence[Token], cue: Span) -> bool:
    """Whether the value dates an event the clause's subject names ("The **signing** of ACSA
    in 2018", "their **visit** to India in 2016": ``event_nouns`` in ``quantities.yaml``)."""
    head = value.head
    if head.dep_ == "prep" and head.i != value.i:
        head = head.head
    events = quantity_settings().event_nouns
    # "The coming into force of CEPA in 2014 …": a gerund subject is parsed as a verb
    named = head.lemma_.lower() in events if head.pos_ == "NOUN" else head.lower_ in events
    return (
        (head.pos_ == "NOUN" or (head.tag_ == "VBG" and head.dep_ in SUBJECT_DEPS))
        and named
        and not cue.start <= head.i < cue.end
        and any(head in child.subtree for child in subjects)
    )


def inside_another_object(value_clause: Token, cue: Span, claim_words: frozenset[str]) -> bool:
    """Whether the cue hangs, through a preposition, on an object the claim does not name ("In
    2015 the two adopted Vision 2025, **a plan for** their partnership"): the year dates what
    was done to that object ("signed the **agreement** on civil nuclear cooperation" still dates
    an agreement the claim names)."""
    claim_stems = _stems(claim_words)
    node, through_prep = root_of(cue), False
    if node.is_ancestor(value_clause):
        # "relations rest on the CEPA, signed in 2014, …": a clause on the cue dates the cue,
        # whatever the cue hangs on (session 40's mentor: 'rest' had read as another object)
        return False
    while node.i != value_clause.i and node.head.i != node.i:
        if node.dep_ == "prep":
            through_prep = True
        elif (
            through_prep
            and node.dep_ in ("dobj", "appos")
            and node.pos_ == "NOUN"
            and not cue.start <= node.i < cue.end
            and node.lower_ not in claim_words
            and stem_form(node.lower_) not in claim_stems
        ):
            return True
        node = node.head
    return False


def as_another_role(noun: Token, claim_words: frozenset[str]) -> bool:
    """Whether the noun a value dates is followed by "as" and a name the claim does not hold
    ("his 1960 visit **as Crown Prince**"), as written, whatever the parse made of the "as"."""
    doc = noun.doc
    if noun.pos_ != "NOUN" or noun.i + 2 >= len(doc) or doc[noun.i + 1].lower_ != "as":
        return False
    after = doc[noun.i + 2]
    if after.lower_ in ("the", "a", "an") and after.i + 1 < len(doc):
        after = doc[after.i + 1]
    return after.pos_ == "PROPN" and after.lower_ not in claim_words


def before_the_claim(value_clause: Token, cue: Span, claim_words: frozenset[str]) -> bool:
    """Whether the clause dates a time before the claim's state, named in a "before" or "until"
    clause by a word of the claim ("in 1960, long before he became **Emperor**")."""
    for child in value_clause.children:
        if child.dep_ not in ("advcl", "prep") or not any(
            t.lower_ in ("before", "until", "till") for t in child.subtree if t.i <= child.i
        ):
            continue
        if any(
            t.pos_ in ("PROPN", "NOUN")
            and t.lower_ in claim_words
            and not cue.start <= t.i < cue.end
            for t in child.subtree
        ):
            return True
    return False


def at_another_level(tokens: Sequence[Token], claim_words: frozenset[str]) -> bool:
    """Whether the clause puts its event at a level the claim does not name ("held **at the
    secretary level** in 2010", "at the level of officials"), so its value dates an event of
    another level than the claim's ministerial one."""
    claim_stems = _stems(claim_words)
    for token in tokens:
        if token.lemma_.lower() != "level" or token.pos_ != "NOUN":
            continue
        modifiers = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod")]
        modifiers += [
            g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
        ]
        if any(
            m.is_alpha
            and m.pos_ in ("NOUN", "PROPN", "ADJ")
            and m.lower_ not in claim_words
            and stem_form(m.lower_) not in claim_stems
            for m in modifiers
        ):
            return True
    return False


def out_of_order(fact: Fact, q: Quantity, said: frozenset[str], claimed: frozenset[str]) -> bool:
    """Whether a year dating one milestone contradicts the claim's year for another, by their
    order: a deal in force since 2011 cannot have been signed in 2016, one signed in 2016 can
    have come into force in 2017 but not in 2015."""
    if fact.expected.kind != "year":
        return False
    order = list(quantity_settings().events)
    expected = float(fact.expected.value)
    tolerance = fact.expected.tolerance
    for claim_event in claimed:
        for event in said:
            before = order.index(event) < order.index(claim_event)
            if (before and q.value > expected + tolerance) or (
                not before and q.value < expected - tolerance
            ):
                return True
    return False


@cache
def _event_phrases() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(milestone, its words) for every phrase of ``quantities.yaml``'s ``events``."""
    return tuple(
        (name, tuple(phrase.lower().split()))
        for name, phrases in quantity_settings().events.items()
        for phrase in phrases
    )


def _found(words: Sequence[tuple[str, ...]]) -> frozenset[str]:
    """The milestones whose phrase runs through these words (each word: its accepted forms)."""
    found = set()
    for name, phrase in _event_phrases():
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if all(phrase[k] in words[i + k] for k in range(n)):
                found.add(name)
                break
    return frozenset(found)


@cache
def claim_events(claim: str) -> frozenset[str]:
    """The milestones a claim dates ('was signed in 2016' -> signed)."""
    return _found([(w,) for w in re.findall(r"[a-z0-9]+", claim.lower())])


def events_in(tokens: list[Token]) -> frozenset[str]:
    """The milestones a clause names, its words read as written or by lemma, in text order."""
    words = [(t.lower_, t.lemma_.lower()) for t in sorted(tokens, key=lambda t: t.i)]
    return _found(words)


@cache
def _other_places() -> dict[str, int]:
    """Each word of ``names.yaml``'s ``places`` -> its group (another country)."""
    return {w: k for k, group in enumerate(names_settings().places) for w in group}


def another_country_before(
    doc: Doc, q: Quantity, home: frozenset[str], claim_words: frozenset[str] = frozenset()
) -> bool:
    """Whether the last country the value's sentence names before the value is another one
    than the rubric's subject: "India began the format with the US: the first 2+2 was held in
    2018" dates the US's first 2+2, not Japan's ("Unlike the US, Japan signed ... in 2014" names
    Japan after the US: Japan's). A country the claim names is the fact's own ("India, Japan
    and Australia launched the SCRI in 2019": the SCRI is with Australia)."""
    places = _other_places()
    sentence = doc[q.start].sent
    last_other = False
    for token in doc[sentence.start : q.start]:
        word = "usa" if token.text in _US else token.lower_
        if word in home:
            last_other = False
        elif word in places and token.text[:1].isupper():  # "china" may be porcelain
            last_other = not claims_place(word, claim_words) and not _lists_members(
                token, claim_words
            )
    return last_other


def claims_place(word: str, claim_words: frozenset[str]) -> bool:
    """Whether a place is one the claim names, by this name or another of its country's
    (``places`` in ``names.yaml``): IPEF's claim names the US, so "launched in **Washington**
    in 2021" is said of IPEF (session 40's mentor: the wrong year had gone unread)."""
    if word in claim_words:
        return True
    group = _other_places().get(word)
    return group is not None and any(w in claim_words for w in names_settings().places[group])


def _lists_members(token: Token, claim_words: frozenset[str]) -> bool:
    """Whether a country is named in an apposition of a name the claim gives, as one of its
    members: "The Quad – India, Japan, Australia and the US – … was revived in 2019" dates the
    Quad, not the US (session 40's mentor: the wrong year had gone unread)."""
    return any(
        a.dep_ == "appos" and a.head.lower_ in claim_words and a.head.pos_ == "PROPN"
        for a in [token, *token.ancestors]
    )


_US = frozenset({"US", "U.S.", "U.S", "USA"})  # "us" in lower case is a pronoun


def states_a_beginning(tokens: Sequence[Token]) -> bool:
    """Whether these words date a beginning (``start_words`` in ``quantities.yaml``)."""
    words = quantity_settings().start_words
    return any(t.lower_ in words or t.lemma_.lower() in words for t in tokens)
