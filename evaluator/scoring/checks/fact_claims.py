"""Whether a value written near a fact's cue is a claim about that fact (issue 13).

A figure near a cue word is not necessarily about the fact: "the two central banks" counts
banks, "1." numbers a list, "the first 2+2 meeting" names another meeting, "trade with China"
is another trade. Supporting a fact is generous (any value of its kind near its cue), but a
*contradiction* is shown to a learner as an error, so it needs the value to be stated about the
fact. These pure functions of the parsed answer decide that from the dependency parse:

* :func:`is_list_number` and :func:`is_count` drop values that are never claims ("1." at the
  start of a point; "two countries");
* :func:`states_value_of` holds a value to the fact's clause, its subject and its event (and
  to the claim's milestone: a deal "came into force" in another year than it was "signed");
* :func:`shared_by_conjuncts` tells a value that two coordinated cues share ("the nuclear deal
  and the CEPA were signed in 2016") from one beside a second fact's cue ("in 2006 the Global
  Partnership became a Strategic and Global Partnership"): a value right for that second fact
  is its value, not a wrong value of the first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from spacy.tokens import Doc, Span, Token

from evaluator.nlp.lexicon import stem_form
from evaluator.nlp.quantities import Quantity
from evaluator.rubric.model import Fact
from evaluator.settings import names_settings, quantity_settings

CLAUSE_DEPS = frozenset({"ROOT", "conj", "advcl", "relcl", "ccomp", "parataxis", "acl", "xcomp"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_PREDICATE_DEPS = frozenset({"attr", "acomp", "appos", "oprd"})
_ORDINAL_WORD = re.compile(
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))",
    re.IGNORECASE,
)
_LIST_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:[-*•][ \t]*)?$")
_LIST_AFTER = re.compile(r"^[.)][ \t]")


def anchor(doc: Doc, q: Quantity) -> Token:
    """The token of a value that attaches it to the sentence (its head lies outside the value)."""
    for token in doc[q.start : q.end]:
        if not q.start <= token.head.i < q.end or token.head.i == token.i:
            return token
    return doc[q.start]


def clause_head(token: Token) -> Token:
    """The verb (or root) of the clause a token belongs to."""
    node = token
    while not _heads_clause(node) and node.head is not node:
        node = node.head
    return node


def _heads_clause(token: Token) -> bool:
    # "signed the CEPA in 2016 and the nuclear deal in 2011": a conjoined noun is no clause
    if token.dep_ == "conj":
        return token.pos_ in ("VERB", "AUX")
    return token.dep_ in CLAUSE_DEPS


def is_list_number(text: str, q: Quantity) -> bool:
    """'1.' or '2)' at the start of a line numbers a point; it states nothing."""
    if q.kind not in ("number", "year") or q.scaled or q.currency or "." in q.text:
        return False
    return bool(_LIST_BEFORE.search(text[: q.start_char])) and bool(
        _LIST_AFTER.match(text[q.end_char : q.end_char + 2] + " ")
    )


def is_count(doc: Doc, q: Quantity) -> bool:
    """A bare number counting a noun ('two countries', '15 other countries') is a count."""
    if q.kind != "number" or q.scaled or q.currency:
        return False
    token = anchor(doc, q)
    return token.dep_ == "nummod" or (token.head.pos_ in ("NOUN", "PROPN") and token.dep_ != "ROOT")


@cache
def _words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9]+", text.lower()))


def _ordinals_in(text: str) -> frozenset[str]:
    return frozenset(m.group(0).lower() for m in _ORDINAL_WORD.finditer(text))


def _clause_tokens(head: Token) -> list[Token]:
    """The tokens of a clause without its subordinate clauses."""
    out: list[Token] = []
    stack = [head]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(c for c in node.children if not _heads_clause(c) or c.dep_ == "xcomp")
    return out


_NOUN_PHRASE_DEPS = frozenset({"pobj", "prep", "compound", "nmod"})


_SCOPES = frozenset({"in", "among", "for", "within", "across"})


def superlative_of(doc: Doc, q: Quantity, cue: Span, fact: Fact) -> bool:
    """Whether a superlative ranks the cue's own noun phrase, over the fact's own field: "the
    largest investor", "the largest source of FDI in India" (the cue hangs from the noun the
    superlative modifies through "of" or a compound); not "the largest partner and a source of
    FDI", nor "the largest investor in India's metro projects" (first in a narrower field,
    which the claim does not name)."""
    ranked = doc[q.start].head
    node = _cue_root(cue)
    path = [node]
    for _ in range(5):
        if node.i == ranked.i:
            break
        if node.dep_ not in _NOUN_PHRASE_DEPS or node.head is node:
            return False
        node = node.head
        path.append(node)
    else:
        return False
    claim = _words(fact.claim)
    for noun in path:
        for prep in noun.children:
            if prep.dep_ != "prep" or prep.lower_ not in _SCOPES:
                continue
            fields = [c for c in prep.children if c.dep_ == "pobj"]
            if any(f.lower_ not in claim and f.lemma_.lower() not in claim for f in fields):
                return False
    return True


def _attached(value_clause: Token, cue_root: Token) -> bool:
    """The value sits in the cue's clause, or in a clause that modifies the cue ('the CEPA,
    signed in 2016')."""
    cue_clause = clause_head(cue_root)
    if value_clause.i == cue_clause.i:
        return True
    if value_clause.dep_ in ("acl", "relcl"):
        # 'the civil nuclear pact signed in 2016': the clause modifies the noun the cue names
        noun = _noun_head(cue_root)
        return value_clause.head.i in (cue_root.i, noun.i) or value_clause.head in noun.subtree
    if (
        value_clause.dep_ == "conj"
        and value_clause.head.i == cue_clause.i
        and not any(c.dep_ in _SUBJECT_DEPS for c in value_clause.children)
    ):
        # "The initiative was proposed in 2020 and launched in 2021": a conjoined verb without
        # a subject of its own says its thing of the cue when the cue is the shared subject
        return any(c.dep_ in _SUBJECT_DEPS and cue_root in c.subtree for c in cue_clause.children)
    return False


def _cue_root(cue: Span) -> Token:
    return cue.root


def attached_to(doc: Doc, q: Quantity, cue: Span) -> bool:
    """Whether a value sits in a cue's clause, or in a clause that modifies the cue."""
    return _attached(clause_head(anchor(doc, q)), _cue_root(cue))


def shared_by_conjuncts(cue: Span, other: Span) -> bool:
    """Whether two cues are coordinated ("the nuclear deal and the CEPA"), so that a value in
    their clause is said of both."""
    root, other_root = _noun_head(_cue_root(cue)), _noun_head(_cue_root(other))
    return other_root in root.conjuncts


_MONTHS = frozenset(
    "january february march april may june july august september october november december "  # noqa: SIM905
    "jan feb mar apr jun jul aug sep sept oct nov dec year years".split()
)


def fact_words(fact: Fact) -> frozenset[str]:
    """The lower-case words of a fact's claim and cues."""
    return _words(fact.claim) | _words(" ".join(fact.cues))


def _stems(words: frozenset[str]) -> frozenset[str]:
    return frozenset(stem_form(w) for w in words)


def _dates_the_cue(
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
    cue_root = _cue_root(cue)
    if any(
        c.dep_ in ("amod", "compound") and c.lemma_.lower() in settings.successor_words
        for c in cue_root.children
    ) and not (settings.successor_words & claim_words):
        return False
    verb = clause_head(value)
    if verb.lemma_.lower() in settings.change_words and not (
        _stems(frozenset(settings.change_words)) & claim_stems
    ):
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
    verb = clause_head(value)
    if verb.lemma_.lower() in settings.life_events and stem_form(verb.lower_) not in claim_stems:
        return True
    noun = value.head.head if value.dep_ == "pobj" else value.head
    if noun.pos_ not in ("NOUN", "PROPN") or noun.i == value.i or noun.dep_ == "compound":
        return False
    if noun.ent_type_ == "DATE" or noun.lower_ in _MONTHS:
        return False  # "in November 2019": the date itself
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


def _keeps_an_anniversary(value: Token) -> bool:
    """Whether a year's clause keeps an anniversary ("In 2022 the two **celebrated 70 years**
    of the peace treaty", "which **turned ten** in 2024", "the 70th **anniversary** of ties in
    2022"): the year is the anniversary's, not the event's (``anniversary_verbs`` and
    ``anniversary_nouns`` in ``quantities.yaml``)."""
    settings = quantity_settings()
    verb = clause_head(value)
    tokens = _clause_tokens(verb)
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
        and before.lower_ not in _MONTHS
        and before.lower_ not in claim_words
        and not cue.start <= before.i < cue.end
    )


def _dates_a_named_event(value: Token, subjects: Sequence[Token], cue: Span) -> bool:
    """Whether the value dates an event the clause's subject names ("The **signing** of ACSA
    in 2018", "their **visit** to India in 2016": ``event_nouns`` in ``quantities.yaml``)."""
    head = value.head
    if head.dep_ == "prep" and head.i != value.i:
        head = head.head
    events = quantity_settings().event_nouns
    # "The coming into force of CEPA in 2014 …": a gerund subject is parsed as a verb
    named = head.lemma_.lower() in events if head.pos_ == "NOUN" else head.lower_ in events
    return (
        (head.pos_ == "NOUN" or (head.tag_ == "VBG" and head.dep_ in _SUBJECT_DEPS))
        and named
        and not cue.start <= head.i < cue.end
        and any(head in child.subtree for child in subjects)
    )


def _name_head(token: Token) -> str:
    """The lower-case last word of the name a compound word begins ('Prime Minister Shinzo
    Abe' -> 'abe')."""
    while token.dep_ == "compound" and token.head is not token:
        token = token.head
    return token.lower_


def _noun_head(token: Token) -> Token:
    """The noun a modifier belongs to ('civil nuclear' -> 'deal')."""
    while token.dep_ in ("amod", "compound", "nmod") and token.head is not token:
        token = token.head
    return token


def states_value_of(doc: Doc, fact: Fact, q: Quantity, cue: Span, home: frozenset[str]) -> bool:
    """Whether the answer states ``q`` as the value of ``fact`` (so a wrong ``q`` contradicts it).

    ``home`` holds the words that name the rubric's own subject (India, Japan, ...): a name other
    than those and the claim's own words marks another subject ('trade with China').
    """
    value = anchor(doc, q)
    value_clause = clause_head(value)
    cue_root = _cue_root(cue)
    if not _attached(value_clause, cue_root):
        return False
    claim_words = fact_words(fact)
    in_value = set(range(q.start, q.end))
    in_cue = set(range(cue.start, cue.end))
    # the cue's own phrase and the clause's subject: another name there ('trade with China',
    # 'Indian students in France') makes it a claim about another subject
    subject_side = list(cue_root.subtree)
    subjects = [c for c in value_clause.children if c.dep_ in _SUBJECT_DEPS]
    for child in subjects:
        subject_side.extend(child.subtree)
    cue_is_subject = any(cue_root in child.subtree for child in subjects)
    starts = bool(_START_CLAIM & _words(fact.claim))
    # the event named beside the cue, not the cue itself ('summits since 2021' is a span)
    names_event = _dates_a_named_event(value, subjects, cue)
    # "a swap of US$ 50 billion supports the rupee": a value inside the cue's own phrase says
    # what the cue is, whatever the clause goes on to say it does
    describes_cue = any(t.i == value.i for t in cue_root.subtree)
    for token in subject_side:
        if token.i in in_value or token.i in in_cue or not token.is_alpha:
            continue
        word = token.lower_
        if (
            token.pos_ == "PROPN"
            and word not in claim_words
            and word not in home
            # "New Delhi", "(Prime Minister) Shinzo Abe": words of a home or the claim's name
            and not (token.dep_ == "compound" and _name_head(token) in home | claim_words)
            # "India's Parliament": a body of a home country is the home's
            and not any(c.dep_ == "poss" and c.lower_ in home for c in token.children)
        ):
            return False
    value_in_subject = any(value in c.subtree for c in subjects)
    for token in _clause_tokens(value_clause):
        if token.i in in_value or token.i in in_cue:
            continue
        word = token.lower_
        # "had first come ... in 1960", "the first Quad meeting": another event of the kind
        # (of a claim that dates a beginning, "first" says that: "Japan's first yen loan to
        # India came in 1958")
        if (
            fact.expected.kind != "ordinal"
            and _ORDINAL_WORD.fullmatch(word)
            and word not in _ordinals_in(fact.claim)
            and not (starts and word == "first")
            # "Abe's speech in 2007 first linked the oceans": the year dates the subject, and
            # the ordinal the deed it goes on to say
            and not (value_in_subject and not any(token in c.subtree for c in subjects))
        ):
            return False
        # "India has been the largest recipient of ODA loans since 2003-04": the value dates
        # a state the predicate names (being the largest recipient), not the cue inside it
        if (
            token.dep_ == "attr"
            and token.head.i == value_clause.i
            and not cue_is_subject
            and not describes_cue
            and cue_root in token.subtree
            and token.pos_ == "NOUN"
            and token.lemma_.lower() not in claim_words
            and word not in claim_words
        ):
            return False
        # "aid has funded metros since 2002": the value dates what was done to another thing,
        # unless the subject names the event it dates ("The signing of ACSA in 2018 gave both
        # navies access"); and a beginning is not dated by a span inside the subject ("aid since
        # 2002 has funded metros")
        if (
            cue_is_subject
            and (not describes_cue or starts)
            and not names_event
            and token.dep_ == "dobj"
            and token.head.i == value_clause.i
            and token.pos_ in ("NOUN", "PROPN")
            and token.lemma_.lower() not in claim_words
            and word not in claim_words
        ):
            return False
    clause = _clause_tokens(value_clause)
    if fact.expected.kind == "year" and not _dates_the_cue(fact, value, cue, claim_words, home):
        return False
    # "visited India as Crown Prince in 1960", "his 1960 visit as Crown Prince": the value dates
    # the visit of another role
    for token in [*clause, *value.head.children]:
        if (
            token.lower_ == "as"
            and token.dep_ == "prep"
            and token.head.i in (value_clause.i, value.head.i)
            and any(
                c.dep_ == "pobj" and c.pos_ == "PROPN" and c.lower_ not in claim_words
                for c in token.children
            )
        ):
            return False
    if fact.expected.kind == "year" and _inside_another_object(value_clause, cue, claim_words):
        return False  # "adopted Vision 2025, a plan for their partnership, in 2015"
    if _as_another_role(value.head, claim_words):
        return False  # "Akihito's 1960 visit as Crown Prince was followed by …", parsed oddly
    if fact.expected.kind == "year" and _before_the_claim(value_clause, cue, claim_words):
        return False  # "had seen India in 1960, long before he became Emperor"
    if _at_another_level([*clause, *subject_side], claim_words):
        return False  # "the first 2+2, at secretary level, met in 2010": not the ministerial one
    if starts and not _states_a_beginning([*clause, *cue]):
        return False  # "In 2014 Japan pledged ... ODA" dates a pledge, not aid's beginning
    if fact.expected.kind == "year" and _another_country_before(doc, q, home):
        return False
    claimed = _claim_events(fact.claim)
    if claimed:
        said = _events_in(_clause_tokens(value_clause))
        if said and not said & claimed and not _out_of_order(fact, q, said, claimed):
            return False  # "came into force in 2017" dates another milestone than "signed"
    if fact.expected.kind == "ordinal":
        return _ordinal_claimed(doc, fact, value, cue_root, home)
    return True


def _inside_another_object(value_clause: Token, cue: Span, claim_words: frozenset[str]) -> bool:
    """Whether the cue hangs, through a preposition, on an object the claim does not name ("In
    2015 the two adopted Vision 2025, **a plan for** their partnership"): the year dates what
    was done to that object ("signed the **agreement** on civil nuclear cooperation" still dates
    an agreement the claim names)."""
    claim_stems = _stems(claim_words)
    node, through_prep = _cue_root(cue), False
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


def _as_another_role(noun: Token, claim_words: frozenset[str]) -> bool:
    """Whether the noun a value dates is followed by "as" and a name the claim does not hold
    ("his 1960 visit **as Crown Prince**"), as written, whatever the parse made of the "as"."""
    doc = noun.doc
    if noun.pos_ != "NOUN" or noun.i + 2 >= len(doc) or doc[noun.i + 1].lower_ != "as":
        return False
    after = doc[noun.i + 2]
    if after.lower_ in ("the", "a", "an") and after.i + 1 < len(doc):
        after = doc[after.i + 1]
    return after.pos_ == "PROPN" and after.lower_ not in claim_words


def _before_the_claim(value_clause: Token, cue: Span, claim_words: frozenset[str]) -> bool:
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


def _at_another_level(tokens: Sequence[Token], claim_words: frozenset[str]) -> bool:
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


def _out_of_order(fact: Fact, q: Quantity, said: frozenset[str], claimed: frozenset[str]) -> bool:
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
def _claim_events(claim: str) -> frozenset[str]:
    """The milestones a claim dates ('was signed in 2016' -> signed)."""
    return _found([(w,) for w in re.findall(r"[a-z0-9]+", claim.lower())])


def _events_in(tokens: list[Token]) -> frozenset[str]:
    """The milestones a clause names, its words read as written or by lemma, in text order."""
    words = [(t.lower_, t.lemma_.lower()) for t in sorted(tokens, key=lambda t: t.i)]
    return _found(words)


def _ordinal_claimed(
    doc: Doc, fact: Fact, value: Token, cue_root: Token, home: frozenset[str]
) -> bool:
    """An ordinal is claimed when it is predicated of the fact's subject ('the meeting was the
    third', 'Japan is the second country'); 'the first 2+2 meeting' only names a meeting."""
    claim_words = fact_words(fact)
    if any(
        c.i != value.i
        and c.dep_ in ("amod", "compound", "nmod")
        and c.pos_ in ("ADJ", "PROPN", "NOUN")
        and c.lower_ not in claim_words
        and c.lower_ not in home
        for c in value.head.children
    ):
        return False  # "the first **Asian** country": a rank among a part of them
    noun = value.head
    if noun.i + 1 < len(doc) and doc[noun.i + 1].lower_ in ("after", "besides", "excluding"):
        return False  # "the first country **after the US**" (as written): counted from another
    node = value
    while node.dep_ not in _PREDICATE_DEPS and not _heads_clause(node) and node.head is not node:
        node = node.head
    if node.dep_ not in _PREDICATE_DEPS:
        return False
    verb = node.head
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    if node.dep_ == "appos":
        subjects = [verb]
    claim_subject = _claim_subject_words(fact.claim)
    for subject in subjects:
        words = {t.lower_ for t in subject.subtree if t.is_alpha and not t.is_stop}
        if cue_root in subject.subtree or words & claim_subject:
            return True
    return False


def _claim_subject_words(claim: str) -> frozenset[str]:
    """The content words of a claim before its verb ('Japan is the second ...' -> {japan})."""
    head = re.split(r"\b(?:is|was|are|were|has|have|had|became|comes|came)\b", claim, maxsplit=1)[0]
    stop = {"the", "a", "an", "of", "in", "on", "to", "and"}
    return frozenset(w for w in _words(head) if w not in stop)


def clause_span(doc: Doc, q: Quantity) -> Span:
    """The clause a value is written in, to quote it back to the learner."""
    tokens = _clause_tokens(clause_head(anchor(doc, q)))
    start = min(t.i for t in tokens)
    end = max(t.i for t in tokens) + 1

    def loose(token: Token) -> bool:
        return token.is_punct or token.is_space or token.dep_ == "cc"

    while end - 1 > start and loose(doc[end - 1]):
        end -= 1
    while start < end - 1 and loose(doc[start]):
        start += 1
    return doc[start:end]


def home_words(title: str, synonyms: list[list[str]]) -> frozenset[str]:
    """The names in a rubric's title and their synonyms ('India', 'Japan' -> also 'Indian',
    'Japanese'), and the other names of a country the title names (``home_places`` in
    ``names.yaml``: 'Tokyo', 'Delhi'): the rubric's own subject, never 'another subject'."""
    names = {w.lower() for w in re.findall(r"[A-Z][A-Za-z]+", title)}
    for group in [*synonyms, *names_settings().home_places]:
        lowered = {w.lower() for w in group}
        if lowered & names:
            names |= lowered
    return frozenset(names)


@cache
def _other_places() -> dict[str, int]:
    """Each word of ``names.yaml``'s ``places`` -> its group (another country)."""
    return {w: k for k, group in enumerate(names_settings().places) for w in group}


def _another_country_before(doc: Doc, q: Quantity, home: frozenset[str]) -> bool:
    """Whether the last country the value's sentence names before the value is another one
    than the rubric's subject: "India began the format with the US: the first 2+2 was held in
    2018" dates the US's first 2+2, not Japan's ("Unlike the US, Japan signed ... in 2014" names
    Japan after the US: Japan's)."""
    places = _other_places()
    sentence = doc[q.start].sent
    last_other = False
    for token in doc[sentence.start : q.start]:
        word = "usa" if token.text in _US else token.lower_
        if word in home:
            last_other = False
        elif word in places and token.text[:1].isupper():  # "china" may be porcelain
            last_other = True
    return last_other


_US = frozenset({"US", "U.S.", "U.S", "USA"})  # "us" in lower case is a pronoun


_START_CLAIM = frozenset({"began", "begin", "begun", "since"})
"""A claim with one of these words dates a beginning ("aid began in 1958", "a member since
2015"): only a value the answer states as a beginning contradicts it."""


def _states_a_beginning(tokens: Sequence[Token]) -> bool:
    """Whether these words date a beginning (``start_words`` in ``quantities.yaml``)."""
    words = quantity_settings().start_words
    return any(t.lower_ in words or t.lemma_.lower() in words for t in tokens)
