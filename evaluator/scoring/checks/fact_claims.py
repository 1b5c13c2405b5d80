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

What else a year in the cue's clause may date (a successor, a life event, an anniversary,
another milestone, ...) is decided in :mod:`fact_dates`; the parse helpers both modules use are
in :mod:`fact_parse`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from spacy.tokens import Doc, Span, Token

from evaluator.nlp.docview import view
from evaluator.nlp.pipeline import bullets
from evaluator.nlp.quantities import Quantity
from evaluator.rubric.model import Fact
from evaluator.scoring.checks.fact_dates import (
    MONTHS,
    another_country_before,
    as_another_role,
    at_another_level,
    before_the_claim,
    claim_events,
    claims_place,
    counted_from,
    dates_a_named_event,
    dates_the_cue,
    events_in,
    inside_another_object,
    out_of_order,
    states_a_beginning,
)
from evaluator.scoring.checks.fact_parse import (
    LINKING_VERBS,
    RANKING_VERBS,
    SUBJECT_DEPS,
    anchor,
    clause_head,
    clause_tokens,
    emphatic,
    heads_clause,
    labels_a_line,
    participle_after,
    root_of,
)
from evaluator.settings import names_settings, quantity_settings

_PREDICATE_DEPS = frozenset({"attr", "acomp", "appos", "oprd"})
_ORDINAL_WORD = re.compile(
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))",
    re.IGNORECASE,
)
_LIST_AFTER = re.compile(r"^[.)][ \t]")


def _opens_line(text: str, start: int) -> bool:
    """Whether only blanks and a bullet stand between the start of the line and `start`. The line
    alone is read: searching the whole text before every value had made a 3,000-word answer
    dense with figures take half a minute."""
    return _list_before().fullmatch(text, text.rfind("\n", 0, start) + 1, start) is not None


@cache
def _list_before() -> re.Pattern[str]:
    """Blanks and a bullet (``bullets`` in lexicon.yaml) at the start of a line."""
    signs = "".join(re.escape(b) for b in sorted(bullets()))
    return re.compile(rf"[ \t]*(?:[{signs}][ \t]*)?")


def is_list_number(text: str, q: Quantity) -> bool:
    """'1.' or '2)' at the start of a line numbers a point; it states nothing."""
    if q.kind not in ("number", "year") or q.scaled or q.currency or "." in q.text:
        return False
    return bool(_LIST_AFTER.match(text[q.end_char : q.end_char + 2] + " ")) and _opens_line(
        text, q.start_char
    )


_LABEL_AFTER = re.compile(r"^[ \t]*(?::|[-–—][ \t])")


def _under_another_title(fact: Fact, cue_root: Token, claim_words: frozenset[str]) -> bool:
    """Whether the answer gives the cue's name another title than the claim does ("**Crown
    Prince** Akihito" where the claim says "Emperor Akihito"): a value then dates the person in
    another role. A name the claim gives no title keeps its own first words ("Prime Minister
    Shinzo Abe" is the claim's Abe)."""
    if cue_root.pos_ != "PROPN":
        return False
    found = re.search(rf"\b([A-Z][a-z]+)\s+{re.escape(cue_root.text)}\b", fact.claim)
    if found is None:
        return False
    titles = [
        c
        for c in cue_root.children
        if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < cue_root.i
    ]
    return bool(titles) and all(
        t.lower_ != found.group(1).lower() and t.lower_ not in claim_words for t in titles
    )


def labels_its_line(text: str, q: Quantity) -> bool:
    """A year that opens a line and is followed by a colon or a dash ("- 2014: raised to a
    Special Strategic and Global Partnership") dates what its line says, however the parser
    joins the two."""
    return (
        q.kind == "year"
        and bool(_LABEL_AFTER.match(text[q.end_char : q.end_char + 3]))
        and _opens_line(text, q.start_char)
    )


def is_count(doc: Doc, q: Quantity) -> bool:
    """A bare number counting a noun ('two countries', '15 other countries') is a count."""
    if q.kind != "number" or q.scaled or q.currency:
        return False
    token = anchor(doc, q)
    return token.dep_ == "nummod" or (token.head.pos_ in ("NOUN", "PROPN") and token.dep_ != "ROOT")


@cache
def _words(text: str) -> frozenset[str]:
    # a currency's letters ("US$16-23 billion") are no word of the claim: the claim's "US" had
    # made "India-US trade is about US$120 billion" a claim about India and Japan's trade
    return frozenset(re.findall(r"[a-z0-9]+", _CURRENCY.sub(" ", text).lower()))


_CURRENCY = re.compile(r"\b[A-Za-z]{1,3}\$")


def _ordinals_in(text: str) -> frozenset[str]:
    return frozenset(m.group(0).lower() for m in _ORDINAL_WORD.finditer(text))


_NOUN_PHRASE_DEPS = frozenset({"pobj", "prep", "compound", "nmod"})


_SCOPES = frozenset({"in", "among", "for", "within", "across"})


def superlative_of(doc: Doc, q: Quantity, cue: Span, fact: Fact) -> bool:
    """Whether a superlative ranks the cue's own noun phrase, over the fact's own field: "the
    largest investor", "the largest source of FDI in India" (the cue hangs from the noun the
    superlative modifies through "of" or a compound); not "the largest partner and a source of
    FDI", nor "the largest investor in India's metro projects" (first in a narrower field,
    which the claim does not name)."""
    ranked = doc[q.start].head
    node = root_of(cue)
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
    if participle_after(value_clause, _noun_head(cue_root)):
        return True  # "Since the first 2+2, held in 2018, defence ties have grown"
    if (
        value_clause.dep_ == "advcl"
        and value_clause.tag_ == "VBN"
        and value_clause.i < value_clause.head.i
        and value_clause.head.i == cue_clause.i
        and not any(c.dep_ in SUBJECT_DEPS for c in value_clause.children)
    ):
        # "Signed in 2018, the ACSA lets the forces share supplies": a participle that opens
        # the sentence says its thing of the clause's subject (trial 31a)
        return any(c.dep_ in SUBJECT_DEPS and cue_root in c.subtree for c in cue_clause.children)
    if (
        value_clause.dep_ == "ccomp"
        and value_clause.head.i == cue_clause.i
        and cue_clause.lemma_.lower() in quantity_settings().deciding_verbs
    ):
        # "The 15th Finance Commission recommended that 42% of the pool go to the states": what
        # the cue, the subject of a verb of deciding, decides (session 48)
        return any(c.dep_ in SUBJECT_DEPS and cue_root in c.subtree for c in cue_clause.children)
    if (
        value_clause.dep_ == "conj"
        and value_clause.head.i == cue_clause.i
        and not any(c.dep_ in SUBJECT_DEPS for c in value_clause.children)
    ):
        # "The initiative was proposed in 2020 and launched in 2021": a conjoined verb without
        # a subject of its own says its thing of the cue when the cue is the shared subject,
        # or the agent of the first verb ("The first Finance Commission was chaired by K.C.
        # Neogy and was set up in 1961": a derived fact's cue is often the notes' agent, trial
        # 31b)
        return any(
            c.dep_ in (*SUBJECT_DEPS, "agent") and cue_root in c.subtree
            for c in cue_clause.children
        )
    return False


def attached_to(doc: Doc, q: Quantity, cue: Span) -> bool:
    """Whether a value sits in a cue's clause, or in a clause that modifies the cue."""
    return _attached(clause_head(anchor(doc, q)), root_of(cue))


def shared_by_conjuncts(cue: Span, other: Span) -> bool:
    """Whether two cues are coordinated ("the nuclear deal and the CEPA"), so that a value in
    their clause is said of both."""
    root, other_root = _noun_head(root_of(cue)), _noun_head(root_of(other))
    return other_root in root.conjuncts


def fact_words(fact: Fact) -> frozenset[str]:
    """The lower-case words of a fact's claim and cues."""
    return _words(fact.claim) | _words(" ".join(fact.cues))


def _name_head(token: Token) -> str:
    """The lower-case last word of the name a compound word begins ('Prime Minister Shinzo
    Abe' -> 'abe')."""
    # a name's words are proper nouns ("New Delhi"): 'US' in "India-US trade" names the US,
    # not the trade it qualifies
    while token.dep_ == "compound" and token.head is not token and token.head.pos_ == "PROPN":
        token = token.head
    return token.lower_


def _noun_head(token: Token) -> Token:
    """The noun a modifier belongs to ('civil nuclear' -> 'deal')."""
    while token.dep_ in ("amod", "compound", "nmod") and token.head is not token:
        token = token.head
    return token


_START_CLAIM = frozenset({"began", "begin", "begun", "since"})
"""A claim with one of these words dates a beginning ("aid began in 1958", "a member since
2015"): only a value the answer states as a beginning contradicts it."""


_MONTH_NAMES = MONTHS - {"year", "years"}


def _day_of_a_month(token: Token) -> bool:
    """Whether an ordinal in figures is the day of a date: a month name beside it ("28th
    April", "April 28th", "the 28th of April")."""
    if not token.lower_[:1].isdigit():
        return False
    doc = token.doc
    near = [doc[k] for k in (token.i - 1, token.i + 1, token.i + 2) if 0 <= k < len(doc)]
    return any(
        t.lower_.rstrip(".") in _MONTH_NAMES
        and (t.i != token.i + 2 or doc[token.i + 1].lower_ == "of")
        for t in near
    )


_RANK_REFERENCES = frozenset({"after", "behind", "than", "below", "beneath", "besides"})


def _ranked_against(token: Token) -> bool:
    """Whether a token is inside an 'after' or 'behind' phrase: what a rank is counted from
    ("the second biggest investor after Mauritius", probe s35), not another subject."""
    return any(a.dep_ == "prep" and a.lower_ in _RANK_REFERENCES for a in token.ancestors)


def states_value_of(
    doc: Doc,
    fact: Fact,
    q: Quantity,
    cue: Span,
    home: frozenset[str],
    holders: frozenset[str] = frozenset(),
) -> bool:
    """Whether the answer states ``q`` as the value of ``fact`` (so a wrong ``q`` contradicts it).

    ``home`` holds the words that name the rubric's own subject (India, Japan, ...): a name other
    than those and the claim's own words marks another subject ('trade with China'). An ordinal
    predicated of one of ``holders`` counts as predicated of the claim's subject ("Australia
    was the second country …" states the second place, given to Australia).
    """
    value = anchor(doc, q)
    value_clause = clause_head(value)
    cue_root = root_of(cue)
    if not _attached(value_clause, cue_root) and not labels_its_line(view(doc).source, q):
        return False
    claim_words = fact_words(fact)
    if _projected(value, value_clause):
        return False  # "trade could reach US$50 billion", "if …, trade would double to …"
    if _another_measure(cue_root, claim_words):
        return False  # "a trade deficit of US$12 billion", "India's total trade"
    if fact.expected.kind not in ("year", "ordinal") and value_of_another_noun(
        value, value_clause, cue_root, claim_words | home
    ):
        return False  # "Exports, at about US$5 billion, are under a quarter of bilateral trade"
    if fact.expected.kind == "year" and _dates_a_change_into_another(value_clause, cue, value):
        return False  # "Look East became Act East in 2014" dates Act East
    if fact.expected.kind == "year" and _framework_of(value_clause, cue_root):
        return False  # "Under Act East, Japan and India set up the forum in 2017"
    if fact.expected.kind == "year" and _first_since(_noun_head(cue_root)):
        return False  # "The first annual summit since 2018 came only in 2022": a gap
    in_value = set(range(q.start, q.end))
    in_cue = set(range(cue.start, cue.end))
    # the cue's own phrase and the clause's subject: another name there ('trade with China',
    # 'Indian students in France') makes it a claim about another subject
    subject_side = list(cue_root.subtree)
    subjects = [c for c in value_clause.children if c.dep_ in SUBJECT_DEPS]
    for child in subjects:
        subject_side.extend(child.subtree)
    subject_side.extend(_antecedent(value_clause, subjects))
    cue_is_subject = any(cue_root in child.subtree for child in subjects)
    elsewhere = _coordinated_with_the_cue(_noun_head(cue_root)) | _later_items(cue_root, value)
    starts = bool(_START_CLAIM & _words(fact.claim))
    # the event named beside the cue, not the cue itself ('summits since 2021' is a span)
    names_event = dates_a_named_event(value, subjects, cue)
    # "a swap of US$ 50 billion supports the rupee": a value inside the cue's own phrase says
    # what the cue is, whatever the clause goes on to say it does
    describes_cue = any(t.i == value.i for t in cue_root.subtree)
    for token in subject_side:
        if token.i in in_value or token.i in in_cue or not token.is_alpha:
            continue
        if fact.expected.kind == "ordinal" and _ranked_against(token):
            continue  # "the second biggest investor after Mauritius": the rank's reference
        if _semicolon_between(token, cue.start):
            continue  # "Both back ASEAN centrality; the Act East Forum, set up in 2014, …"
        if token.i in elsewhere:
            continue  # "rest on the CEPA, signed in 2014, and on Japanese investment and ODA"
        if labels_a_line(_noun_head(token)):
            continue  # "- Trade policy: India's exit from RCEP …": a label, no subject
        word = token.lower_
        if word in quantity_settings().founding_abbreviations:
            continue  # "The Act East Forum (est. 2019)": 'est' names no other subject
        if (
            token.pos_ == "PROPN"
            and not claims_place(word, claim_words)
            and word not in home
            # "India–China trade Japan is …" (a full stop left out): a modifier of a home name
            and not _qualifies_a_home_name(token, home)
            and word not in MONTHS  # "signed in September 2018": a date, no other subject
            # "New Delhi", "(Prime Minister) Shinzo Abe": words of a home or the claim's name
            and not (token.dep_ == "compound" and _name_head(token) in home | claim_words)
            # "India's Parliament": a body of a home country is the home's
            and not any(c.dep_ == "poss" and c.lower_ in home for c in token.children)
        ):
            return False
    value_in_subject = any(value in c.subtree for c in subjects)
    for token in clause_tokens(value_clause):
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
            # "signed on 28th April 1951", "April 28th": a day of the date (probe s35)
            and not _day_of_a_month(token)
            # "Abe's speech in 2007 first linked the oceans": the year dates the subject, and
            # the ordinal the deed it goes on to say
            and not (value_in_subject and not any(token in c.subtree for c in subjects))
            # "came into force in 2019, a year after the first 2+2": the reference point's
            and not counted_from(token, value)
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
            # "visited Bharat in 2015" of a claim that writes India: the same country (session 49)
            and not _another_name_of_the_claims(word, claim_words)
            # "took place in 2021", "took effect in 2014": the object is part of the verb
            and f"{value_clause.lemma_.lower()} {word}" not in quantity_settings().idiom_objects
        ):
            return False
    clause = clause_tokens(value_clause)
    if fact.expected.kind == "year" and not dates_the_cue(fact, value, cue, claim_words, home):
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
    if _under_another_title(fact, cue_root, claim_words):
        return False  # "Crown Prince Akihito visited India in 1960": not as Emperor
    if fact.expected.kind == "year" and inside_another_object(value_clause, cue, claim_words):
        return False  # "adopted Vision 2025, a plan for their partnership, in 2015"
    if as_another_role(value.head, claim_words):
        return False  # "Akihito's 1960 visit as Crown Prince was followed by …", parsed oddly
    if fact.expected.kind == "year" and before_the_claim(value_clause, cue, claim_words):
        return False  # "had seen India in 1960, long before he became Emperor"
    if at_another_level([*clause, *subject_side], claim_words):
        return False  # "the first 2+2, at secretary level, met in 2010": not the ministerial one
    if starts and not _begins_the_cue(clause, cue, cue_root):
        return False  # "In 2014 Japan pledged ... ODA" dates a pledge, not aid's beginning
    # a country the claim names is the fact's own ("India, Japan and Australia launched the
    # SCRI in 2019": the SCRI is with Australia)
    if fact.expected.kind == "year" and another_country_before(doc, q, home, claim_words):
        return False
    claimed = claim_events(fact.claim)
    if claimed:
        said = events_in(clause_tokens(value_clause))
        if said and not said & claimed and not out_of_order(fact, q, said, claimed):
            return False  # "came into force in 2017" dates another milestone than "signed"
    if fact.expected.kind == "ordinal":
        # "among the top three" states a range of ranks; "among the first" no rank at all
        return _ordinal_claimed(
            doc, fact, value, cue_root, home, among=q.kind == "top", holders=holders
        )
    return True


_RELATIVES = frozenset({"which", "who", "that", "whom"})


def _antecedent(clause: Token, subjects: Sequence[Token]) -> list[Token]:
    """The name a relative clause's pronoun subject stands for, with the words of that name
    ("Unlike the US, which signed its nuclear deal with India in 2008, …": the US signed it;
    session 49's probe had told the sentence the notes say 2016)."""
    if clause.dep_ != "relcl" or not any(s.lower_ in _RELATIVES for s in subjects):
        return []
    noun = clause.head
    return [noun, *(c for c in noun.children if c.dep_ in ("compound", "flat"))]


def _semicolon_between(token: Token, cue_start: int) -> bool:
    """Whether a semicolon stands between a word and the cue: it ends what the parser may hang
    across it ("Both back ASEAN centrality and the AOIP; the Act East Forum, set up in 2014, …"
    made 'centrality' the forum's clause's subject, and ASEAN another subject; session 40)."""
    low, high = sorted((token.i, cue_start))
    return any(t.text == ";" for t in token.doc[low:high])


def _coordinated_with_the_cue(noun: Token) -> frozenset[int]:
    """The words of a phrase that repeats the preposition the cue hangs from, which the parser
    hung inside the cue's phrase: in "relations rest on the CEPA, signed in 2014 …, and **on
    Japanese investment and ODA**" the second 'on' phrase is a conjunct of the first, so its
    'ODA' is no other subject of the CEPA's year (session 40's mentor)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.pos_ != "ADP":
        return frozenset()
    return frozenset(
        t.i
        for c in noun.subtree
        if c.dep_ == "conj" and c.pos_ == "ADP" and c.lower_ == prep.lower_
        for t in c.subtree
    )


def _later_items(cue_root: Token, value: Token) -> frozenset[int]:
    """The words of the items listed after the cue and after its value: in "a Strategic and
    Global Partnership in 2008 and a Special Strategic and Global Partnership in 2014" the
    second item, hung as the cue's conjunct, is no other subject of the first's year
    (session 43)."""
    noun = _noun_head(cue_root)
    return frozenset(
        t.i
        for c in noun.conjuncts
        if c.i > value.i and c.i > noun.i and not c.is_ancestor(value)
        for t in c.subtree
    )


_MODIFYING = frozenset({"compound", "amod", "nmod"})


def _qualifies_a_home_name(token: Token, home: frozenset[str]) -> bool:
    """Whether a name only qualifies a name of the rubric's own subject: the subject is still
    that name ("a fraction of India–China trade Japan is India's largest source of FDI", a full
    stop left out, hangs 'India–China trade' on 'Japan'; session 40's mentor)."""
    node = token
    while node.dep_ in _MODIFYING and node.head is not node:
        node = node.head
    return node is not token and node.pos_ == "PROPN" and node.lower_ in home


def _first_since(noun: Token) -> bool:
    """Whether the cue's noun is the 'first' or 'only' one 'since' a time ("the first annual
    summit since 2018 came only in March 2022"): the sentence counts a gap, and none of its years
    dates the beginning (session 37's adversarial probe had called it a wrong start of the
    summits)."""
    children = list(noun.children)
    return any(c.lower_ in ("first", "only") for c in children) and any(
        c.dep_ == "prep" and c.lower_ == "since" for c in children
    )


_FRAMEWORKS = frozenset({"under", "through", "via", "within", "amid"})


def _framework_of(value_clause: Token, cue_root: Token) -> bool:
    """Whether the cue names the framework of the clause's event ("Under the Act East Policy,
    Japan and India set up the forum in 2017"): the year dates the event, not the framework
    (probe s36 had called the true sentence a wrong Act East year)."""
    noun = _noun_head(cue_root)  # "Act East" of "the Act East Policy"
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.dep_ == "prep"
        and prep.lower_ in _FRAMEWORKS
        and prep.head.i == value_clause.i
    )


_SUPPOSING_MARKS = frozenset({"if", "unless", "once", "when", "whether"})
# 'will' of a plan states it ("Japan will build 30% of the aircraft in India"); of growth to a
# figure it forecasts
_PLANNING = frozenset({"will", "shall", "'ll"})
_GROWTH = frozenset({"reach", "double", "triple", "cross", "touch", "hit", "grow", "rise", "climb"})


def _projected(value: Token, clause: Token) -> bool:
    """Whether a value is a projection or a supposition, not a figure the answer gives as
    fact: its clause (or a clause it hangs in) has a modal ('could', 'would', 'will') or opens
    with 'if' (trial 28c: "trade could double to over US$40 billion" was a wrong trade figure)."""
    node = clause
    for _ in range(4):
        modals = [c.lower_ for c in node.children if c.tag_ == "MD"]
        if any(m not in _PLANNING for m in modals) and not emphatic(node):
            return True
        if modals and node.lemma_.lower() in _GROWTH:
            return True  # "trade will reach US$50 billion by 2030"; not "Japan will build 30%"
        if any(c.dep_ == "mark" and c.lower_ in _SUPPOSING_MARKS for c in node.children):
            return True
        if node.dep_ not in ("xcomp", "ccomp", "conj", "advcl") or node.head is node:
            return False
        node = node.head
    return False


# nouns that measure the cue itself ("the trade figure", "trade volume"); another noun the cue
# qualifies is another quantity ("a trade deficit", "a trade target")
_MEASURES = frozenset({"volume", "value", "figure", "turnover", "level", "size", "amount"})
# modifiers that widen the cue past the claim's scope ("India's total trade")
_WIDER = frozenset({"total", "overall", "global", "worldwide", "entire", "whole", "merchandise"})


def _another_measure(cue_root: Token, claim_words: frozenset[str]) -> bool:
    """Whether the cue names another quantity than the claim's: it qualifies another noun ('a
    trade **deficit** of US$12 billion') or is widened past the claim ("India's **total**
    trade")."""
    head = cue_root.head
    if (
        cue_root.dep_ == "compound"
        and head.pos_ == "NOUN"
        and head.lemma_.lower() not in claim_words
        # "Lok Sabha elections are held every six years" of the claim "Elections to the Lok
        # Sabha are held every five years": the claim's own noun, as written (session 48)
        and head.lower_ not in claim_words
        and head.lemma_.lower() not in _MEASURES
        # "A USD 7.5 billion currency swap cushions India": a 'noun' with an object is a verb
        # the parser misread (trial 31a: the wrong swap size had passed as another measure)
        and not any(c.dep_ == "dobj" for c in head.children)
    ):
        return True
    if any(
        t.lower_ in _WIDER and t.lower_ not in claim_words
        for c in cue_root.children
        if c.dep_ in ("amod", "compound")
        for t in c.subtree  # "India's total goods trade": 'total' qualifies 'goods'
    ):
        return True
    # "India's trade with the world"
    return any(
        c.dep_ == "prep" and any(g.lemma_.lower() in _WORLD for g in c.children)
        for c in cue_root.children
    )


_WORLD = frozenset({"world", "globe"})

# words that set the cue up as what another thing is measured against ("larger than trade")
_COMPARED = frozenset({"than", "compared", "versus", "vs", "vs."})
# prepositions that give a noun its size ("exports at US$5 billion", "a target of US$42 billion")
_SIZE_PREPS = frozenset({"at", "of", "worth", "around"})


def _keeps_the_measure(noun: Token, cue_root: Token, claim_words: frozenset[str]) -> bool:
    """Whether a noun a value measures is the cue's own ('trade', 'its volume', 'the figure')."""
    return (
        noun.i in (cue_root.i, _noun_head(cue_root).i)
        or noun.lemma_.lower() in claim_words | _MEASURES
        or noun.lower_ in claim_words
        or noun.pos_ not in ("NOUN", "PROPN")
    )


def value_of_another_noun(
    value: Token, value_clause: Token, cue_root: Token, claim_words: frozenset[str]
) -> bool:
    """Whether a figure is the size of another noun than the cue: set beside it in apposition
    or by "at"/"of" ("Exports, at about US$5 billion, …", "The 5 trillion yen target (about
    US$42 billion)"), the complement of a clause whose subject is another noun ("Exports were
    US$5 billion, a quarter of bilateral trade"), or the cue stands only as what it is compared
    with ("… larger than bilateral trade") (session 42, third pass)."""
    noun = None
    if value.dep_ == "appos":
        noun = value.head
    elif value.dep_ == "pobj" and value.head.lower_ in _SIZE_PREPS:
        noun = value.head.head
    if noun is not None and noun.pos_ in ("NOUN", "PROPN"):
        return not _keeps_the_measure(noun, cue_root, claim_words)
    for node in cue_root.ancestors:
        if node.i == value_clause.i:
            break
        if node.lower_ in _COMPARED and value not in node.subtree:
            return True
    on_the_verb = value.head.i == value_clause.i or (
        value.dep_ == "pobj" and value.head.dep_ == "prep" and value.head.head.i == value_clause.i
    )
    # the value itself as the subject ("… recommended that 42% of the pool go to the states")
    # is no other noun
    subjects = [c for c in value_clause.children if c.dep_ in SUBJECT_DEPS and c.i != value.i]
    return (
        on_the_verb
        and bool(subjects)
        and not any(cue_root in s.subtree for s in subjects)
        and all(
            s.pos_ == "NOUN" and not _keeps_the_measure(s, cue_root, claim_words) for s in subjects
        )
    )


_CHANGE_VERBS = frozenset(
    {"become", "turn", "rename", "widen", "upgrade", "transform", "evolve", "convert", "expand"}
)


def _dates_a_change_into_another(clause: Token, cue: Span, value: Token) -> bool:
    """Whether a year dates the cue's change into another named thing ("Look East became Act
    East in 2014", "was widened into Act East in 2014"): the year is the new thing's. A year
    inside one of the things it became dates that one: "Ties became a Global Partnership in
    2000, a Strategic and Global Partnership in 2008 and …" dates the second with 2008
    (session 43: the wrong year in the list had gone unread)."""
    if clause.lemma_.lower() not in _CHANGE_VERBS:
        return False
    targets = [c for c in clause.children if c.dep_ in ("attr", "oprd")]
    targets += [
        o
        for c in clause.children
        if c.dep_ == "prep" and c.lower_ in ("into", "to", "as")
        for o in c.children
        if o.dep_ == "pobj"
    ]
    every = {t.i for target in targets for t in (target, *target.conjuncts)}
    node = value
    while node.i != clause.i and node.head.i != node.i:
        if node.i in every:
            return not cue.start <= node.i < cue.end  # the year is inside this target's phrase
        node = node.head
    return any(
        t.pos_ == "PROPN" and not any(cue.start <= w.i < cue.end for w in t.subtree)
        for t in targets
    )


def _ordinal_claimed(
    doc: Doc,
    fact: Fact,
    value: Token,
    cue_root: Token,
    home: frozenset[str],
    among: bool = False,
    holders: frozenset[str] = frozenset(),
) -> bool:
    """An ordinal is claimed when it is predicated of the fact's subject ('the meeting was the
    third', 'Japan is the second country'); 'the first 2+2 meeting' only names a meeting."""
    claim_words = fact_words(fact)
    if rank_by_size(value, fact):
        # "India's 12th largest trading partner": a rank by size, where the claim is an order
        # ("the second country to hold a 2+2")
        return False
    if any(
        c.i != value.i
        and c.dep_ in ("amod", "compound", "nmod")
        and c.pos_ in ("ADJ", "PROPN", "NOUN")
        and c.lower_ not in claim_words
        and c.lower_ not in home
        for c in value.head.children
    ):
        return False  # "the first **Asian** country": a rank among a part of them
    if _among_a_part(value, claim_words | home):
        return False  # "Among **Asian** countries, Japan was the first …" (session 43)
    noun = value.head
    if _ranks_another_deed(noun, claim_words, home, fact):
        return False  # "Japan was the third country to join the ISA": no 2+2 order
    if _dated_as_the_claims(value, cue_root, fact):
        return True  # "The twelfth annual summit was held in March 2022" (session 49)
    if noun.lemma_.lower() in _ERAS and any(t.i == cue_root.i for t in clause_head(value).subtree):
        return True  # "Buddhism reached Japan in the 10th century": the century dates the claim
    if (
        value.dep_ in ("advmod", "npadvmod", "acomp", "attr", "dobj")
        and value.head.lemma_.lower() in RANKING_VERBS
        and any(c.dep_ in SUBJECT_DEPS for c in value.head.children)
    ):
        # "Japan ranks third among India's FDI sources": a rank its verb gives the subject
        verb = value.head
        claim_subject = _claim_subject_words(fact.claim) | holders
        return any(
            cue_root in c.subtree or {t.lower_ for t in c.subtree if t.is_alpha} & claim_subject
            for c in verb.children
            if c.dep_ in SUBJECT_DEPS
        )
    node = value
    while (
        node.dep_ not in _PREDICATE_DEPS
        and not heads_clause(node)
        and node.head is not node
        and not (among and _among_predicate(node))
    ):
        node = node.head
    small = _small_clause_subjects(value.head)
    complements = complements_of_ranked_subject(value)
    if small:
        subjects = small  # "…, making Japan the first country to …": a predicate of 'Japan'
    elif complements:
        # "India's second 2+2 partner was Australia": the rank stands on the subject, and what
        # it is said of is the complement (session 49)
        subjects = complements
    elif node.dep_ not in _PREDICATE_DEPS and not (among and _among_predicate(node)):
        return False
    else:
        verb = node.head
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if node.dep_ == "appos":
            subjects = [verb]
    # an apposition's own words are the rank, not what it is said of ("The US, India's first
    # 2+2 partner, began the format": the US, whatever the cue inside the apposition)
    aside = {t.i for t in node.subtree} if node.dep_ == "appos" else set()
    claim_subject = _claim_subject_words(fact.claim) | holders
    for subject in subjects:
        if (cue_root in subject.subtree and cue_root.i not in aside) or _own_words(
            subject, aside
        ) & claim_subject:
            return True
    return False


def _dated_as_the_claims(value: Token, cue_root: Token, fact: Fact) -> bool:
    """Whether an ordinal that names the cue ("the twelfth annual summit") is given to the
    claim's own event by its year: the cue is its clause's subject or object and the clause
    dates it with a year the claim writes ("… was held in March 2022" of "The March 2022 summit
    was the 14th annual summit"). Not 'first', which a gap also writes ("the first annual summit
    since 2018 came in 2022")."""
    if value.head.i != cue_root.i or value.dep_ != "amod" or value.lower_ in ("first", "1st"):
        return False
    if cue_root.dep_ not in (*SUBJECT_DEPS, "dobj"):
        return False
    years = set(re.findall(r"\b(?:19|20)\d\d\b", fact.claim))
    if not years:
        return False
    verb = clause_head(cue_root)
    if verb.i == cue_root.i:
        return False
    dated = [t for t in verb.subtree if t.text in years and not cue_root.is_ancestor(t)]
    return bool(dated) and not any(t.lower_ in ("since", "after", "before") for t in verb.subtree)


def _own_words(phrase: Token, aside: set[int] | None = None) -> set[str]:
    """The content words of a noun phrase, without those of an owner it names ("Japan's ally,
    the US" is the US, not Japan: session 49's probe had told "Japan's ally, the US, was
    India's first 2+2 partner" that the notes say second), nor those at ``aside``."""
    owners = {t.i for c in phrase.children if c.dep_ == "poss" for t in c.subtree}
    owners |= aside or set()
    return {t.lower_ for t in phrase.subtree if t.is_alpha and not t.is_stop and t.i not in owners}


def complements_of_ranked_subject(value: Token) -> list[Token]:
    """The complement of a copula whose subject is the noun an ordinal ranks ("India's second
    2+2 partner was Australia", "The second 2+2 partner of India is Australia"): the rank is
    said of the complement, as in "Australia was India's second 2+2 partner"."""
    noun = value
    # "the fifth-largest source": 'fifth' qualifies 'largest', which ranks the noun
    while noun.dep_ in ("amod", "nummod", "advmod", "compound") and noun.head is not noun:
        noun = noun.head
        if noun.pos_ in ("NOUN", "PROPN"):
            break
    verb = noun.head
    if noun.dep_ not in SUBJECT_DEPS or verb.lemma_.lower() not in LINKING_VERBS:
        return []
    return [c for c in verb.children if c.dep_ == "attr"]


_MAKING = frozenset({"make", "render", "leave"})


_PARTITIVES = frozenset({"among", "amongst", "of"})


def _among_a_part(value: Token, own: frozenset[str]) -> bool:
    """Whether an ordinal ranks within a group a modifier narrows, named in an 'among' or 'of'
    phrase on the ordinal, its noun or its clause: "Among Asian countries, Japan was the first
    to hold a 2+2" (a rank among a part, as "the first Asian country" is)."""
    holders = {value.i, value.head.i, clause_head(value).i}
    return any(
        prep.dep_ == "prep"
        and prep.lower_ in _PARTITIVES
        # 'of' only set before the rank ("Of all Asian partners, …"), not "the second 2+2 of
        # foreign and defence ministers"
        and (prep.lower_ != "of" or prep.i < value.i)
        and prep.head.i in holders
        and not prep.is_ancestor(value)  # "among the top three sources": the rank itself
        and any(
            m.dep_ in ("amod", "compound", "nmod")
            and m.pos_ in ("ADJ", "PROPN", "NOUN")
            and m.lower_ not in own
            for obj in prep.children
            if obj.dep_ == "pobj"
            for m in obj.children
        )
        for prep in value.sent
    )


def _ranks_another_deed(
    noun: Token, claim_words: frozenset[str], home: frozenset[str], fact: Fact
) -> bool:
    """Whether the infinitive on a ranked noun names a deed the claim does not: "Japan was the
    third country **to join the ISA**" ranks the ISA's members, not India's 2+2 partners
    (session 43: it had been told the notes say second). One with a word of the claim's own
    ("to hold a 2+2") ranks what the claim does."""
    # the infinitive that says what is ranked ("the third country to join the ISA"), on the
    # noun or hung on its copula; a relative clause may say anything of it ("the second 2+2,
    # which met in 2022")
    holders = [noun, noun.head] if noun.dep_ == "attr" else [noun]
    deeds = [
        c
        for holder in holders
        for c in holder.children
        if c.dep_ in ("acl", "relcl", "xcomp", "advcl")
        and c.i > noun.i
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    ]
    if not deeds:
        return False
    cue_words = _words(" ".join(fact.cues))
    specific = claim_words - home - cue_words - _ordinals_in(fact.claim)
    said = {
        w
        for deed in deeds
        for t in deed.subtree
        for w in (t.lower_, t.lemma_.lower())
        if (t.is_alpha or t.like_num) and not t.is_stop
    }
    return not said & specific


# words that set names aside before a rank is counted ("the first country after the US",
# "Besides the US, Japan was the first", "apart from the US", "other than the US")
_PASSED = frozenset({"after", "besides", "beside", "excluding", "except"})
_PASSED_WITH = {"apart": "from", "aside": "from", "other": "than"}


def ranks_passed(value: Token) -> int:
    """How many names an ordinal is counted after, or 0: "the first country after the US" and
    "Besides the US, Japan was the first partner" pass one, so the rank is the second counting
    them; "the third country, after the US and Australia" passes two, which it may also count
    (session 43: "After the US, Japan was the first country to hold a 2+2" had been called
    wrong, and "the third country, after the US and Australia" had gone unread). The names are
    those of the phrase on the ordinal's noun or on its clause's verb."""
    noun = value.head
    holders = {noun.i, clause_head(value).i}
    for token in value.sent:
        low = token.lower_
        if low in _PASSED and token.dep_ == "prep":
            prep = token
        elif low in _PASSED_WITH and any(
            c.lower_ == _PASSED_WITH[low] and c.dep_ == "prep" for c in token.children
        ):
            prep = next(c for c in token.children if c.lower_ == _PASSED_WITH[low])
        else:
            continue
        if token.head.i not in holders and not (
            token.head.dep_ == "prep" and token.head.head.i in holders
        ):
            continue
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        names = [o for first in objects for o in (first, *first.conjuncts) if o.pos_ == "PROPN"]
        if names:
            return len(names)
    return _names_passed_as_written(noun)


_LIST_GLUE = frozenset({"the", ",", "and"})


def _names_passed_as_written(noun: Token) -> int:
    """The names after "after", "besides" or "excluding" right after the ordinal's noun, as
    written, however parsed ("the first country after the US to hold a 2+2": 'after' read as
    opening a clause whose subject is 'the US')."""
    doc = noun.doc
    i = noun.i + 1
    if i < len(doc) and doc[i].text == ",":
        i += 1
    if i >= len(doc) or doc[i].lower_ not in _PASSED:
        return 0
    names, in_name = 0, False
    for token in doc[i + 1 : noun.sent.end]:
        if token.pos_ == "PROPN":
            names += not in_name
            in_name = True
        elif token.lower_ in _LIST_GLUE:
            in_name = False
        else:
            break
    return names


def _small_clause_subjects(noun: Token) -> list[Token]:
    """The subject of a noun a verb of making predicates of its object ("…, **making Japan the
    first country** to hold a 2+2 with India"; the parser reads "Japan the first country" as a
    clause of its own, or 'Japan' as the object and 'country' as its predicate): what the noun
    says, it says of that subject (session 40's mentor: the wrong order had gone unread)."""
    if noun.pos_ not in ("NOUN", "PROPN") or noun.head is noun:
        return []
    if noun.dep_ == "oprd" and noun.head.lemma_.lower() in _MAKING:
        return [c for c in noun.head.children if c.dep_ == "dobj"]
    subjects = [c for c in noun.children if c.dep_ == "nsubj"]
    # a noun with a subject of its own is a predicate of it, under a verb of making however
    # the parser hangs it ('country' a clause of 'making', or the subject of 'to hold')
    if subjects and any(a.lemma_.lower() in _MAKING for a in list(noun.ancestors)[:3]):
        return subjects
    return []


def _begins_the_cue(clause: Sequence[Token], cue: Span, cue_root: Token) -> bool:
    """Whether the clause dates the beginning of the cue's own thing: a word of beginning in the
    cue's phrase ('the first Quad summit'), 'since', or a verb of beginning whose subject or
    object holds the cue ('Quad summits began in 2021'). "The IPMDA was launched at the Tokyo
    Quad summit in 2022" dates the IPMDA's launch, not the first summit (probe 30a)."""
    if not states_a_beginning([*clause, *cue]):
        return False
    words = quantity_settings().start_words
    own = {t.i for t in cue_root.subtree}
    for token in clause:
        if token.lower_ not in words and token.lemma_.lower() not in words:
            continue
        if token.i in own or token.lower_ == "since":
            return True
        holders = [c for c in token.children if c.dep_ in _BEGUN_DEPS]
        if any(cue_root.i in {t.i for t in c.subtree} for c in holders):
            return True
        if token.pos_ not in ("VERB", "AUX"):
            return True  # 'inception', 'onwards': no verb to tell whose beginning it is
    return any(t.lower_ in words or t.lemma_.lower() in words for t in cue)


_BEGUN_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})


def _among_predicate(node: Token) -> bool:
    """'Japan is among the top three sources': a copula's 'among' phrase is its predicate."""
    return (
        node.dep_ == "prep"
        and node.lower_ in ("among", "amongst")
        and node.head.lemma_.lower() in ("be", "remain", "stay", "rank")
    )


_ERAS = frozenset({"century", "millennium"})


def rank_by_size(value: Token, fact: Fact) -> bool:
    """Whether an ordinal ranks by size ("India's second-largest trading partner") where the
    fact's ordinal is an order ("the second country to hold a 2+2"): neither support nor
    contradiction."""
    return value.head.tag_ == "JJS" and not fact.expected.superlative


def _claim_subject_words(claim: str) -> frozenset[str]:
    """The content words of a claim before its verb ('Japan is the second ...' -> {japan})."""
    head = re.split(r"\b(?:is|was|are|were|has|have|had|became|comes|came)\b", claim, maxsplit=1)[0]
    stop = {"the", "a", "an", "of", "in", "on", "to", "and"}
    return frozenset(w for w in _words(head) if w not in stop)


def clause_span(doc: Doc, q: Quantity) -> Span:
    """The clause a value is written in, to quote it back to the learner."""
    tokens = clause_tokens(clause_head(anchor(doc, q)))
    start = min(t.i for t in tokens)
    end = max(t.i for t in tokens) + 1

    def loose(token: Token) -> bool:
        return token.is_punct or token.is_space or token.dep_ == "cc"

    while end - 1 > start and loose(doc[end - 1]):
        end -= 1
    while start < end - 1 and loose(doc[start]):
        start += 1
    return doc[start:end]


def _another_name_of_the_claims(word: str, claim_words: frozenset[str]) -> bool:
    """Whether a word is another name of a country the claim names ('bharat' of 'India':
    ``home_places`` in ``names.yaml``)."""
    return any(word in group and claim_words & set(group) for group in names_settings().home_places)


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
