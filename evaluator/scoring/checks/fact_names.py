"""Name facts: supported by the name written near a cue, contradicted by a contrary description
of the cue itself.

A name fact (``expected.kind: name``) is *supported* when its name (or an alternative, or a
spelling within one edit for words of five letters or more) appears near one of its cues.

It is *contradicted* only when the answer describes the cue by one of ``expected.contrary`` in
so many words, in a plain statement:

* the description is the cue's apposition ("JIMEX, an army drill, ..."), what a copula says
  of it as its subject ("JIMEX is an army exercise", "the Quad has become a military alliance";
  a subject's conjunct counts: "JIMEX and Malabar are army exercises"), or what it does as the
  subject of another verb, with that verb's object ("India joined RCEP in 2020": a contrary
  description may name the verb by its lemma, "join RCEP"), or who takes part in what a
  passive verb says of it ("Veer Guardian is held between the two navies", "conducted by the
  two armies") and the named place it puts it in ("The third 2+2 was held in Tokyo");
* a description of several words that ends in a name ends where its phrase does: "part of
  RCEP" does not describe "India was part of the RCEP negotiations", whose 'RCEP' only
  qualifies the talks;
* coordinated subjects with coordinated descriptions are read respectively: "JIMEX and
  Dharma Guardian are exercises of the navy and the army" gives Dharma Guardian no navy;
* it is no rank or share: "Japan is India's 12th largest trading partner", "one of India's
  largest trading partners" name no first place (a number before a noun counts it: "an
  exercise of the two navies" is a description);
* the copula is the sentence's own claim: not reported or supposed ("China claims that the Quad
  is an Asian NATO", "if the Quad became an alliance"), not a question, not under a modal ("the
  Quad could become an alliance");
* no word of the description lies in a negated clause ("a diplomatic grouping, not a military
  alliance"), and none hedges it ("aspiring permanent members").

A contrary word merely near a cue ("Dharma Guardian (army) and JIMEX (navy)", "the army's
Dharma Guardian and JIMEX at sea") is no description of it, so it contradicts nothing.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from rapidfuzz.distance import Levenshtein
from spacy.tokens import Doc, Span, Token

from evaluator.rubric.model import Fact
from evaluator.scoring.checks.fact_parse import (
    clause_head,
    cue_head,
    emphatic,
    labels_a_line,
    quoted,
)
from evaluator.scoring.checks.fact_roles import claims_a_role, gives_a_role, holders
from evaluator.scoring.checks.fact_routes import wrong_route
from evaluator.scoring.checks.matching import TermMatch, after_non
from evaluator.scoring.checks.negation import correction, negation_rules
from evaluator.scoring.report import Evidence, FactResult
from evaluator.settings import names_settings

_COPULAS = frozenset({"be", "become", "remain", "stay"})
_CLAIM_DEPS = frozenset({"ROOT", "conj"})
_SUPPOSING = frozenset({"if", "whether", "unless", "though", "although"})
# parts of a description that say something else than what the cue is
_ASIDE_DEPS = frozenset({"conj", "cc", "relcl", "acl", "advcl", "punct", "xcomp"})
"""(and an infinitive's complement: "is unlikely to become a trade bloc", "is set to become an
alliance" say what may come, not what the cue is: session 38)"""
_ARTICLES = frozenset({"a", "an", "the"})
# what a verb says of its subject, beside the verb: "joined RCEP", "signed up to RCEP"
_ACT_DEPS = frozenset({"dobj", "prt", "prep", "dative"})
# a rank before a contrary description ("the fifth-largest"): no first place
_RANK = re.compile(r"\d+(st|nd|rd|th)")
_RANK_WORDS = frozenset(
    {"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
)
# prepositions that name who takes part in what a passive verb says of its subject
_PARTIES = frozenset({"between", "among", "amongst"})
# prepositions of the place a passive verb names ("held in Tokyo")
_PLACES = frozenset({"in", "at"})
# nouns of those a cue names as a group ("Quad members", "Quad countries"): what they are is
# no description of the group
_MEMBERS = frozenset(
    {"member", "country", "nation", "state", "partner", "government", "leader", "minister"}
)
# verbs whose subject is the place of what they host ("Tokyo hosted the third 2+2")
_HOSTS = frozenset({"host"})
# verbs whose subject takes part in what they hold ("The two air forces hold JIMEX": session
# 37's trial), and whose named place is its place ("India held Vostok near the Senkakus")
_HOLDS = frozenset({"hold", "conduct", "stage", "organise", "organize"})
# verbs whose subject takes part in what their 'in' phrase names ("The armies train together in
# JIMEX", "India took part in Vostok near the Senkakus": session 43), and whose named place is
# its place; "take" only with its object 'part'
_TAKES_PART = frozenset({"train", "exercise", "drill", "participate", "take"})
# verbs whose object is set up where they put it ("India is opening a new consulate in Nagoya")
_OPENS = frozenset({"open", "establish", "set", "inaugurate"})
# a word that qualifies the next one: 'RCEP' in "the RCEP negotiations"
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
# a description of what the cue hopes or may become ("aspiring permanent members") or once was
# ("Malabar, once a bilateral drill, ...")
_HEDGES = frozenset(
    {
        "aspiring",
        "aspirant",
        "prospective",
        "potential",
        "future",
        "candidate",
        "hopeful",
        "proposed",
        "possible",
        "eventual",
        "once",
        "formerly",
        "originally",
        "initially",
        "earlier",
        "previously",
        "erstwhile",
        "former",
    }
)


def check_name(
    doc: Doc,
    fact: Fact,
    mine: Sequence[TermMatch],
    expected: str,
    negated: Mapping[int, str],
) -> FactResult | None:
    """The fact supported, contradicted, or None (neither: the caller reports it absent)."""
    route = wrong_route(doc, fact, mine, negated)
    if route is not None:
        # "The bullet train runs from Delhi to Ahmedabad": a line given an end the notes do not
        # give it is wrong, however right its other end (session 49)
        span, clause = route
        return _written_wrong(fact, expected, span, clause)
    found = _named(doc, fact, mine, negated) or _named_in_correction(fact, doc, mine, negated)
    contradiction = _contradiction(doc, fact, mine, negated) if fact.expected.contrary else None
    if contradiction is not None and (found is None or _in_another_clause(found, contradiction)):
        # a contrary description of the cue itself outweighs a right name in another clause:
        # in "JIMEX is the joint army exercise, Dharma Guardian is a naval exercise" the 'army'
        # near Dharma Guardian is JIMEX's (trial s36 had praised it as accurate)
        span, clause = contradiction.span, contradiction.clause
        return _written_wrong(fact, expected, span, clause)
    role: tuple[Span, str] | None = None
    if claims_a_role(fact):
        # who chairs: named as the one who does ("the Finance Minister of the Union chairs the
        # GST Council"), or near the cue in a sentence that gives the role; not "The Union
        # Finance Minister and the state ministers sit on the GST Council" (session 47)
        role, holder_named = holders(doc, fact, mine, negated)
        if found is not None and not gives_a_role(found.sent):
            found = None
        found = holder_named or found
    if role is not None:
        # "The Prime Minister chairs the GST Council": another holder of the role the notes
        # give the fact's name (session 47)
        holder, clause = role
        return _written_wrong(fact, expected, holder, clause)
    if found is not None:
        return FactResult(
            fact.id,
            fact.concept,
            fact.claim,
            "supported",
            found.text,
            expected,
            [Evidence(found.start_char, found.end_char, found.text)],
            f"correct: {found.text}",
        )
    return None


def _written_wrong(fact: Fact, expected: str, span: Span, clause: str) -> FactResult:
    """The fact contradicted by what the answer wrote at ``span``, in ``clause``."""
    return FactResult(
        fact.id,
        fact.concept,
        fact.claim,
        "contradicted",
        span.text,
        expected,
        [Evidence(span.start_char, span.end_char, span.text)],
        f"you wrote {span.text} in “{clause}”; the source notes say {expected}",
        clause,
    )


def denials_borne_out(
    doc: Doc,
    facts: Sequence[Fact],
    cue_spans: Mapping[str, Sequence[TermMatch]],
    negated: Mapping[int, str],
) -> frozenset[int]:
    """The starts of the negated cues a contrast denies only what the notes deny of them too:
    "The army exercise is Dharma Guardian, not JIMEX", "It is Dharma Guardian, not JIMEX, that
    brings the armies together" say what JIMEX is not, which is one of its name fact's contrary
    descriptions; they deny no point of JIMEX (session 43: the learner had been told the answer
    denies the JIMEX point). The contrast is a 'not' set after the noun it hangs on ("X, not
    Y", "X, not in Y"); what the rest of its clause says is read, without the denied words."""
    negators: Mapping[int, int] = getattr(negated, "negators", {})
    found: set[int] = set()
    for fact in facts:
        if fact.expected.kind != "name" or not fact.expected.contrary:
            continue
        contrary: list[list[str]] | None = None
        for m in cue_spans.get(fact.id, ()):
            if not m.negated or m.negator < 0 or m.start in found:
                continue
            negator = doc[m.negator]
            if negator.lower_ != "not" or negator.dep_ != "neg":
                continue
            if negator.head.pos_ in ("VERB", "AUX") or not (
                negator.head.i < negator.i
                or (negator.i > 0 and doc[negator.i - 1].text in _SET_OFF)
            ):
                continue  # a denied clause, not a contrast ("JIMEX does not involve armies")
            denied = {k for k, v in negators.items() if v == m.negator}
            said = [
                t
                for t in clause_head(negator.head).subtree
                if t.i not in denied and t.i != m.negator and t.sent.start == negator.sent.start
            ]
            if contrary is None:
                contrary = sorted(map(_words, fact.expected.contrary), key=len, reverse=True)
            if _contrary_in(said, contrary, {}) is not None:
                found.add(m.start)
    return frozenset(found)


_SET_OFF = frozenset({",", "-", "–", "—"})


class _Contrary(NamedTuple):
    """A contrary name that describes a cue."""

    span: Span
    description: frozenset[int]
    """The token indexes of the description it is in."""
    cue: Token
    clause: str
    """The text of the sentence that makes the claim."""


def _in_another_clause(found: Span, contradiction: _Contrary) -> bool:
    """Whether a right name lies outside the contrary description and in another clause than
    the cue it describes ("armies in Dharma Guardian, air forces in …", a list the parser reads
    as an apposition, keeps its 'armies')."""
    if contradiction.description.intersection(range(found.start, found.end)):
        return False
    head = clause_head(found.root)
    cue = contradiction.cue
    # "Dharma Guardian, held between the two armies, is …": a clause on the cue describes it
    return head != clause_head(cue) and not cue.is_ancestor(head)


def _contradiction(
    doc: Doc, fact: Fact, mine: Sequence[TermMatch], negated: Mapping[int, str]
) -> _Contrary | None:
    """The first contrary name that describes a cue."""
    # the longest first: "military alliance" is reported before "alliance"
    contrary = sorted((_words(name) for name in fact.expected.contrary), key=len, reverse=True)
    for m in mine:
        cue = cue_head(doc[m.start : m.end])
        if not m.start <= cue.i < m.end and cue.lemma_.lower() in _MEMBERS:
            # "Two Quad members, Japan and the US, are bound by a security treaty": what the
            # members are is no description of the Quad (session 37's adversarial probe)
            continue
        route = _route_before(doc, m.start)
        if route:
            # "The Mumbai–Delhi bullet train": the names joined by a dash before the cue are
            # its ends (session 42, third pass)
            span = _contrary_in(route, contrary, negated)
            if span is not None:
                indexes = frozenset(t.i for t in route)
                return _Contrary(span, indexes, cue, quoted(route[0].sent.text))
        paired = _coordinated(cue)  # one of coordinated subjects: "JIMEX and Dharma Guardian"
        labels = _labels_of_other_names(doc, m)
        for description, claim in _descriptions(cue):
            if labels:
                # "Malabar (with the US and Australia), Dharma Guardian (armies)": a bracket
                # labels the name before it, not the cue the parser hangs that name on
                description = [t for t in description if t.i not in labels]
            # a verb's description must begin with the verb ("join RCEP"): "the Quad differs
            # from NATO" gives the Quad no contrary name
            verb = claim if _acts_as_verb(claim) and claim.lemma_.lower() not in _COPULAS else None
            span = _contrary_in(description, contrary, negated, verb, paired)
            if span is not None:
                indexes = frozenset(t.i for t in description)
                return _Contrary(span, indexes, cue, quoted(claim.sent.text))
    return None


_DASHES = frozenset({"-", "–", "—"})
_BRACKETS_KEY = "mains_eval_brackets"
"""Where a parsed answer keeps its sentences' brackets (``Doc.user_data``), by sentence start."""


def _labels_of_other_names(doc: Doc, m: TermMatch) -> frozenset[int]:
    """The token indexes inside the sentence's brackets that follow another proper name than
    the cue ("Dharma Guardian (armies)" beside Malabar): each labels its own name (session 43)."""
    sent = doc[m.start].sent
    inside: set[int] = set()
    for opened, closed in _brackets(sent):
        before = doc[opened - 1] if opened > sent.start else None
        if before is None or before.pos_ != "PROPN" or m.start <= before.i < m.end:
            continue
        if opened < m.start < closed:
            continue  # the cue is inside: "(JIMEX, an army drill)"
        inside.update(range(opened + 1, closed))
    return frozenset(inside)


def _route_before(doc: Doc, start: int) -> list[Token]:
    """The names joined by dashes right before a cue ("the Mumbai–Delhi bullet train"), or
    nothing when no dash joins two names there."""
    i = start - 1
    while i >= 0 and (doc[i].pos_ == "PROPN" or doc[i].text in _DASHES):
        i -= 1
    run = list(doc[i + 1 : start])
    if len(run) < 3 or run[0].pos_ != "PROPN" or run[-1].pos_ != "PROPN":
        return []
    return run if any(t.text in _DASHES for t in run) else []


def _named(
    doc: Doc, fact: Fact, mine: Sequence[TermMatch], negated: Mapping[int, str]
) -> Span | None:
    names = [str(fact.expected.value), *fact.expected.alternatives]
    variants = [[w.lower() for w in name.split()] for name in names]
    for m in mine:
        sent = doc[m.start].sent
        cue = cue_head(doc[m.start : m.end])
        lo = max(sent.start, m.start - fact.window)
        hi = min(sent.end, m.end + fact.window)
        words = [t.lower_ for t in doc[lo:hi]]
        others = _others_brackets(_brackets(sent), m.start, m.end)
        for variant in variants:
            n = len(variant)
            for i in range(len(words) - n + 1):
                # the words first: the cheap test that rules out almost every position
                if not all(
                    _same_word(a, b) for a, b in zip(words[i : i + n], variant, strict=True)
                ):
                    continue
                if lo + i < m.end and lo + i + n > m.start and n <= m.end - m.start:
                    continue  # the cue itself is not the value
                if any(a < lo + i and lo + i + n <= b for a, b in others):
                    continue  # "JIMEX (army), Dharma Guardian (navy)": another name's label
                if any(k in negated for k in range(lo + i, lo + i + n)):
                    continue  # denied: "not an air force exercise; it is a naval one"
                if _stayed_out(doc[lo + i + n - 1]):
                    continue  # "Australia stayed out of the SCRI" names no member
                if _a_sibling(doc[lo + i : lo + i + n], cue):
                    continue  # "Quad and minilaterals": another thing named beside it
                return doc[lo + i : lo + i + n]
    return None


def _conjuncts_head(token: Token) -> Token:
    """The first of the coordinated words a word is one of ("the Quad" in "the Quad, IPEF and
    minilaterals"), or the word itself."""
    while (token.dep_ == "conj" or _a_listed_apposition(token)) and token.head != token:
        token = token.head
    return token


def _a_listed_apposition(token: Token) -> bool:
    """Whether an apposition is the second of a list the parser read as one ("the Quad, IPEF
    and minilaterals complement …"): it has conjuncts and no comma, dash or bracket closes it,
    as one closes "the Quad, a minilateral and informal forum, meets …", and a comma opens it."""
    if token.dep_ != "appos" or not any(c.dep_ == "conj" for c in token.children):
        return False
    start = token.left_edge.i
    if start == 0 or token.doc[start - 1].text != ",":
        return False  # "Dharma Guardian (armies), Malabar and JIMEX": a bracket labels it
    end = token.right_edge.i + 1
    return end >= len(token.doc) or token.doc[end].text not in (",", "–", "—", "-", ")")


def _noun_of(token: Token) -> Token:
    """The noun a modifier qualifies ("groupings" for 'minilateral' in "minilateral groupings")."""
    while token.dep_ in _MODIFIER_DEPS and token.head != token:
        token = token.head
    return token


def _a_sibling(name: Span, cue: Token) -> bool:
    """Whether a name is only another of the words coordinated with the cue ("Quad and
    minilaterals", "the Quad, IPEF and minilateral groupings"): it names another thing beside
    the cue and says nothing of it (trial 42 had praised "Quad and minilaterals" as the Quad's
    form). What a copula, an apposition or a modifier gives the cue is no conjunct of it."""
    word, own = _noun_of(name.root), _noun_of(cue)
    if word == own:
        return False
    if not any(t.dep_ == "conj" or _a_listed_apposition(t) for t in (word, own)):
        return False
    return _conjuncts_head(word) == _conjuncts_head(own)


# verbs whose subject is out of what follows ("Australia left the SCRI", "withdrew from")
_EXITS = frozenset({"leave", "withdraw", "quit", "exit"})
# verbs that say so with 'out' ("stayed out of", "opted out of", "pulled out of")
_OUT_VERBS = frozenset({"stay", "keep", "remain", "opt", "pull", "walk", "drop", "step", "be"})


def _stayed_out(name: Token) -> bool:
    """Whether a name is the subject of a verb that puts it outside ("Australia stayed out of
    the Supply Chain Resilience Initiative", "Australia left it"): no support for a fact that
    names it as a member (probe s39 had praised the first as accurate)."""
    if name.dep_ != "nsubj":
        return False
    verb = name.head
    if verb.lemma_.lower() in _EXITS:
        return True
    return verb.lemma_.lower() in _OUT_VERBS and any(
        c.dep_ in ("prt", "advmod", "prep") and c.lower_ in ("out", "outside")
        for c in verb.children
    )


def _brackets(sent: Span) -> list[tuple[int, int]]:
    """The (open, close) token indices of a sentence's brackets, read once per sentence of an
    answer and kept on its ``Doc`` (per cue match, one sentence of 2,000 words and names had
    taken seconds: hostile 'mixed-scripts')."""
    known = sent.doc.user_data.setdefault(_BRACKETS_KEY, {})
    if sent.start not in known:
        known[sent.start] = _bracket_pairs(sent)
    return known[sent.start]


def _bracket_pairs(sent: Span) -> list[tuple[int, int]]:
    """The (open, close) token indices of a sentence's brackets."""
    spans, opened = [], None
    for t in sent:
        if t.text == "(":
            opened = t.i
        elif t.text == ")" and opened is not None:
            spans.append((opened, t.i))
            opened = None
    return spans


def _others_brackets(
    brackets: list[tuple[int, int]], cue_start: int, cue_end: int
) -> list[tuple[int, int]]:
    """The bracketed labels of a sentence that neither follow nor hold the cue: a bracket labels
    the word before it (trial 31a: "Exercises include JIMEX (army), Dharma Guardian (navy) …" had
    given Dharma Guardian JIMEX's 'army')."""
    return [(a, b) for a, b in brackets if a != cue_end and not a < cue_start < b]


def _named_in_correction(
    fact: Fact, doc: Doc, mine: Sequence[TermMatch], negated: Mapping[int, str]
) -> Span | None:
    """The fact's name in what a negated copula says the cue is instead, however far from the
    cue ("JIMEX is not an army exercise; it is a naval exercise")."""
    names = [_words(name) for name in (str(fact.expected.value), *fact.expected.alternatives)]
    for m in mine:
        cue = cue_head(doc[m.start : m.end])
        if cue.dep_ != "nsubj" or cue.head.lemma_.lower() not in _COPULAS:
            continue
        for description, _ in _corrected_descriptions(cue.head):
            span = _contrary_in(description, names, negated)
            if span is not None:
                return span
    return None


def _same_word(written: str, expected: str) -> bool:
    if written == expected:
        return True
    return len(expected) >= 5 and Levenshtein.distance(written, expected, score_cutoff=1) <= 1


def _words(name: str) -> list[str]:
    return [w for w in name.lower().replace("-", " ").split() if w not in _ARTICLES]


# verbs that give a thing a name ("China calls the Quad an Asian NATO"): the name is the
# subject's label for it, reported, not the writer's description
_NAMING_VERBS = frozenset(
    {"call", "dub", "label", "term", "brand", "style", "christen", "nickname", "portray"}
)


def _a_label_given(cue: Token) -> bool:
    """Whether the cue is the object of a verb of naming, so what stands beside it is a name
    someone gives it ("Critics call the Quad an Asian NATO": reported, not claimed; probe 30a)."""
    return cue.dep_ == "dobj" and cue.head.lemma_.lower() in _NAMING_VERBS


def _gapped(appos: Token) -> bool:
    """Whether an 'apposition' is the next conjunct of a gapped list: "ground forces take part in
    Dharma Guardian, its air force in Veer Guardian and its navy in JIMEX" (a possessive pronoun
    and a phrase of its own naming another thing; probe 30a had Dharma Guardian an air force
    exercise)."""
    owned = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in appos.children)
    return owned and any(
        c.dep_ == "prep" and any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in c.children)
        for c in appos.children
    )


def _descriptions(cue: Token) -> list[tuple[list[Token], Token]]:
    """The phrases that describe ``cue`` (its appositions, and what a copula says of it as its
    subject), each with the token whose sentence makes the claim."""
    found: list[tuple[list[Token], Token]] = []
    subject = cue
    while subject.dep_ == "conj" and subject.head is not subject:
        subject = subject.head
    if subject.dep_ == "appos" and labels_a_line(subject.head):
        # "Institutions: India, Japan and the US launched the SCRI": the label is no subject,
        # what follows its colon is (session 40's mentor)
        subject = subject.head
    verb = subject.head
    role = "nsubj" if _misparsed_subject(subject) else subject.dep_
    places = _own_places(cue)
    if places and _said_outright(cue):
        # "welcomed the new consulate in Osaka", "India decided to open a new consulate in
        # Osaka": the place the cue's own 'in' puts it in (session 47's user trial); the walk
        # up to the root only for a cue with such a place (a long run-on sentence made it
        # the whole check's time: 12,000 characters of mixed scripts 0.8 s -> 5.3 s)
        found += places
    if _plain_claim(clause_head(cue)) or _own_segment_claims(cue):
        found += [
            (_phrase(c), cue)
            for c in cue.children
            if c.dep_ == "appos" and not _gapped(c) and not _a_label_given(cue)
        ]
        found += _participle_descriptions(subject)
        found += _bracketed_labels(cue) + _kind_descriptions(cue)
    if role == "nsubj" and verb.lemma_.lower() in _COPULAS:
        found += _corrected_descriptions(verb)
    if subject.dep_ == "nsubjpass" and _plain_claim(verb):
        return found + _passive_descriptions(verb)
    # "Tokyo hosted the third 2+2": '2' hung as an adverb of 'hosted', '+ 2' its objects
    # (session 47's user trial: the host went unread)
    subject_role = "dobj" if _split_object(subject) else subject.dep_
    if subject_role == "dobj" and verb.lemma_.lower() in _HOSTS and _plain_claim(verb):
        # "Tokyo hosted the third 2+2": the host is where it met; so is the named place the
        # host puts it in ("Japan hosted the first 2+2 in Tokyo": trial 42)
        return (
            found
            + [(_phrase(c), c) for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"]
            + _named_places(verb)
            + _named_places(subject)  # "hosted the first ministerial 2+2 in Tokyo", so parsed
        )
    opens = subject.dep_ == "dobj" and verb.lemma_.lower() in _OPENS
    if opens and (_plain_claim(verb) or _said_outright(verb)):
        # "India is opening a new consulate in Nagoya": where it is opened is where it is
        return found + _named_places(verb) + _named_places(subject)
    partaker = _taking_part(subject)
    if partaker is not None and _plain_claim(partaker):
        # "The armies train together in JIMEX": who takes part in it, and where, when the place
        # is a name ("took part in Vostok near the Senkakus")
        return (
            found
            + [(_phrase(c), c) for c in partaker.children if c.dep_ == "nsubj"]
            + _named_places(partaker, _WHERE)
        )
    if subject.dep_ == "dobj" and verb.lemma_.lower() in _HOLDS and _plain_claim(verb):
        # "The air forces of both countries hold JIMEX": who holds it takes part in it; where,
        # when the place is a name
        return (
            found
            + [(_phrase(c), c) for c in verb.children if c.dep_ == "nsubj"]
            + _named_places(verb)
        )
    if role != "nsubj" or not _plain_claim(verb):
        return found
    if any(c.dep_ == "advmod" and c.lower_ in _HEDGES for c in verb.children):
        return found  # "Japan was once India's largest trading partner in Asia"
    if verb.lemma_.lower() in _COPULAS:
        found += [(_phrase(c), verb) for c in verb.children if c.dep_ in ("attr", "acomp")]
    elif _acts_as_verb(verb):
        # "The third 2+2 met in Tokyo", "took place in Tokyo": where, when the place is a name
        # (trial 31a: only "was held in Tokyo" had been read)
        found += _named_places(verb)
        # "India joined RCEP in 2020": the verb with its particle and object
        acts = [verb, *(t for c in verb.children if c.dep_ in _ACT_DEPS for t in _phrase(c))]
        found.append((sorted(acts, key=lambda t: t.i), verb))
        # "will connect Mumbai and Delhi": the verb with each object after the first
        found += [
            ([verb, *_phrase(conj)], verb)
            for c in verb.children
            if c.dep_ == "dobj"
            for conj in c.conjuncts
        ]
        if _gathers(verb):
            # "Dharma Guardian brings together the navies": whom it gathers is who takes part
            # in it, as who holds it is (session 49)
            found += [(_phrase(c), c) for c in verb.children if c.dep_ == "dobj"]
    return found


def _gathers(verb: Token) -> bool:
    """Whether a verb gathers its object (``party_verbs`` in ``names.yaml``: 'unite', 'bring
    together', 'bring ... together')."""
    lemma = verb.lemma_.lower()
    for entry in names_settings().party_verbs:
        head, _, particle = entry.partition(" ")
        if lemma == head and (not particle or any(c.lower_ == particle for c in verb.children)):
            return True
    return False


def _split_object(subject: Token) -> bool:
    """Whether a number the parser hung as an adverb of a verb begins that verb's object, split
    at a sign ("hosted the third 2+2": '2' an npadvmod, '+' and '2' objects)."""
    return (
        subject.dep_ == "npadvmod"
        and subject.pos_ == "NUM"
        and any(c.dep_ == "dobj" and c.i == subject.i + 1 for c in subject.head.children)
    )


# what the nouns on the way up from a cue may make of it: no fact but a possibility, a proposal
# or a report ("the idea of a new consulate in Osaka")
_UNREAL_NOUNS = frozenset(
    {"possibility", "proposal", "suggestion", "option", "rumour", "rumor", "speculation",
     "demand", "request", "hope", "question", "talk", "prospect"}
)  # fmt: skip


def _said_outright(token: Token) -> bool:
    """Whether the writer states what ``token`` says as a fact: no word on its way up to the
    sentence's root denies, supposes, hedges, reports, drops or merely proposes it, and the
    sentence is no question ("India decided to open a new consulate in Osaka", "They welcomed
    India's decision to open …"; not "India may open …", "India dropped the plan to open …")."""
    if token.sent.text.rstrip().endswith("?"):
        return False
    rules = negation_rules()
    undoing = {*rules.negating_verbs, *rules.cancelling_verbs, *rules.reporting_verbs}
    node = token
    while True:
        for c in node.children:
            if c.dep_ == "neg" or c.lower_ in ("no", "not", "never") or c.lower_ in _SUPPOSING:
                return False
            if c.tag_ == "MD" and not _states_the_future(c, node):
                return False
        lemma = node.lemma_.lower()
        if node.i != token.i and (
            lemma in undoing or lemma in rules.reporting_nouns or lemma in _UNREAL_NOUNS
        ):
            return False
        if node.head.i == node.i:
            return True
        node = node.head


def _own_places(cue: Token) -> list[tuple[list[Token], Token]]:
    """The named places a noun's own 'in' or 'at' after it puts it in ("the new consulate in
    Osaka"), unless a rank stands before the noun. A fact's contrary names tell a place from any
    other name (the pipeline tags no entities)."""
    if cue.pos_ not in ("NOUN", "PROPN", "NUM", "SYM"):
        return []
    places = [
        (_phrase(g), c)
        for c in cue.children
        if c.dep_ == "prep" and c.lower_ in _PLACES and c.i > cue.i
        for g in c.children
        if g.dep_ == "pobj" and g.pos_ == "PROPN"
    ]
    if not places:
        return []
    before = cue.doc[max(cue.sent.start, cue.i - 4) : cue.i + 1]
    if any(
        t.lower_ in _RANK_WORDS or t.lower_ == "first" or _RANK.fullmatch(t.lower_) for t in before
    ):
        # "The first 2+2 in Tokyo came in 2022": the place may narrow the rank (the first of
        # those in Tokyo), which says nothing of where the first of all met
        return []
    return places


def _taking_part(cue: Token) -> Token | None:
    """The verb of taking part whose 'in' phrase the cue is ("The armies train together in
    JIMEX", "India took part in Vostok", 'in' hung on 'part' or on the verb), or None."""
    if cue.dep_ != "pobj" or cue.head.lower_ != "in" or cue.head.dep_ != "prep":
        return None
    verb = cue.head.head
    if verb.lower_ == "part" and verb.dep_ == "dobj":
        verb = verb.head  # "took part in", 'in' hung on 'part'
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _TAKES_PART:
        return None
    if verb.lemma_.lower() == "take" and not any(
        c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children
    ):
        return None  # "took place in", "took office in"
    return verb


def _misparsed_subject(name: Token) -> bool:
    """Whether a name before a copula with no subject of its own is that copula's subject, which
    the parser made an adverb ("JIMEX is the bilateral army exercise, Dharma Guardian is …":
    'JIMEX' hung as an advmod of 'is'; session 42)."""
    verb = name.head
    if (
        name.dep_ == "compound"
        and name.i < verb.i
        and verb.pos_ == "VERB"
        and verb.tag_ in ("VBZ", "VBP", "VBD")
        and any(c.dep_ in _ACT_DEPS for c in verb.children)
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)
    ):
        # "The bullet train links Mumbai with Delhi", "… runs from Mumbai to Delhi": the noun
        # hung as a compound of the finite verb after it is its subject (session 42, third pass)
        return True
    return (
        name.dep_ in ("advmod", "npadvmod")
        and name.pos_ == "PROPN"
        and name.i < verb.i
        and verb.lemma_.lower() in _COPULAS
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)
    )


def _bracketed_labels(cue: Token) -> list[tuple[list[Token], Token]]:
    """A bracket right after the cue labels it, however the parser hangs it ("Dharma Guardian
    (navies), JIMEX and Malabar at sea": an apposition, or a 'parataxis' in a list)."""
    doc = cue.doc
    if cue.i + 1 >= len(doc) or doc[cue.i + 1].text != "(":
        return []
    close = next((t.i for t in doc[cue.i + 2 : cue.sent.end] if t.text == ")"), None)
    if close is None:
        return []
    return [
        (_phrase(c), cue) for c in cue.children if c.dep_ == "parataxis" and cue.i + 1 < c.i < close
    ]


_NAME_MODIFIERS = frozenset({"compound", "nmod"})
# prepositions of where a named thing is ("the Vostok exercise near the Senkaku Islands")
_WHERE = frozenset({"in", "at", "near", "off"})


def _kind_descriptions(cue: Token) -> list[tuple[list[Token], Token]]:
    """What the noun a name qualifies says of it: "the UNICORN **missile-defence system**" is a
    missile-defence system, "the Vostok exercise **near the Senkaku Islands**" is near them
    (session 40's mentor: both had gone unread). The modifiers between the name and its noun,
    and a named place the noun is put in."""
    doc = cue.doc
    if cue.dep_ in _NAME_MODIFIERS and cue.head.pos_ == "NOUN" and cue.head.i > cue.i:
        noun, start = cue.head, cue.i + 1
    elif cue.pos_ == "NOUN" and (
        names := [
            c.i
            for c in cue.children
            if c.dep_ in _NAME_MODIFIERS and c.pos_ == "PROPN" and c.i < cue.i
        ]
    ):
        noun, start = cue, max(names) + 1
    elif (
        cue.pos_ == "PROPN"
        and cue.i + 1 < len(doc)
        and doc[cue.i + 1].pos_ == "NOUN"
        and doc[cue.i + 1].head.i != cue.i
        and cue.head.i != cue.i + 1
        and doc[cue.i + 1].dep_ in ("dobj", "npadvmod", "appos")
    ):
        # "took part in Russia's Vostok exercise near the Senkakus": the noun right after the
        # name, which the parser hung elsewhere (as the verb's object), is still its noun
        noun, start = doc[cue.i + 1], cue.i + 1
    else:
        return []
    kind = [t for t in doc[start : noun.i + 1] if t.i == noun.i or noun in t.ancestors]
    found = [(kind, noun)] if len(kind) > 1 else []
    found += [
        (_phrase(c), noun)
        for c in noun.children
        if c.dep_ == "prep"
        and c.lower_ in _WHERE
        and c.i > noun.i
        and any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in c.children)
    ]
    return found


def _own_segment_claims(cue: Token) -> bool:
    """Whether the cue stands after a semicolon that ends the clause the parser hangs it on, in
    a part that neither negates, supposes nor hedges ("Japan sanctions Moscow, India does not;
    India's participation in Vostok exercises near the Senkaku Islands irritated Tokyo": the
    first part's 'not' is no claim of the second; session 40's mentor)."""
    head = clause_head(cue)
    doc = cue.doc
    stops = [
        t.i
        for t in doc[head.i + 1 : cue.i]
        if t.text == ";" and (t.head.i == head.i or t.head.is_ancestor(head))
    ]
    if head.i >= cue.i or not stops:
        return False
    end = next((t.i for t in doc[cue.i : cue.sent.end] if t.text == ";"), cue.sent.end)
    part = doc[stops[-1] + 1 : end]
    return not any(
        t.tag_ == "MD" or t.dep_ == "neg" or t.lower_ in _SUPPOSING or t.lower_ in ("no", "not")
        for t in part
    ) and not cue.sent.text.rstrip().endswith("?")


def _participle_descriptions(subject: Token) -> list[tuple[list[Token], Token]]:
    """Who takes part and where, in a passive clause set beside the cue: "The third 2+2, held in
    Tokyo, …", "…, which was held in Tokyo, …", "Held in Tokyo, the third 2+2 …" (probe s39:
    only "was held in Tokyo" as the main verb had been read)."""
    verbs = [
        c
        for c in subject.children
        if (c.dep_ == "acl" and c.tag_ == "VBN")
        or (
            c.dep_ == "relcl"
            and any(g.dep_ == "nsubjpass" and g.lower_ in _RELATIVES for g in c.children)
        )
    ]
    if subject.dep_ in ("nsubj", "nsubjpass"):
        verbs += [
            c
            for c in subject.head.children
            if c.dep_ == "advcl"
            and c.tag_ == "VBN"
            and c.i < subject.i
            and not any(g.dep_ in ("mark", "nsubj", "nsubjpass") for g in c.children)
        ]
    return [
        description
        for verb in verbs
        if not any(g.tag_ == "MD" or g.dep_ == "neg" for g in verb.children)
        for description in _passive_descriptions(verb)
    ]


def _passive_descriptions(verb: Token) -> list[tuple[list[Token], Token]]:
    """What a passive verb says of its subject: who takes part ("Veer Guardian is held between
    the two navies", "conducted by the two armies") and where, when the place is a name ("The
    third 2+2 was held in Tokyo")."""
    return [
        (_phrase(c), c)
        for c in verb.children
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in _PARTIES)
    ] + _named_places(verb)


_RELATIVES = frozenset({"which", "that"})


def _named_places(
    verb: Token, prepositions: frozenset[str] = _PLACES
) -> list[tuple[list[Token], Token]]:
    """The named places a verb puts its subject or object in ("held in Tokyo", "met in
    Tokyo"), each with its preposition."""
    return [
        (_phrase(g), c)
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in prepositions
        for g in c.children
        if g.dep_ == "pobj" and g.pos_ == "PROPN"
    ]


def _acts_as_verb(token: Token) -> bool:
    """A verb, or a 'noun' with a subject and an object that the parser misread: "Both India and
    Japan sanction Russia" (probe s32: the wrong claim had passed unread)."""
    return token.pos_ == "VERB" or (
        token.pos_ == "NOUN"
        and any(c.dep_ == "nsubj" for c in token.children)
        and any(c.dep_ == "dobj" for c in token.children)
    )


def _corrected_descriptions(copula: Token) -> list[tuple[list[Token], Token]]:
    """What a negated copula says its subject is instead: "Dharma Guardian is not an army
    exercise but a naval drill" ('a naval drill'), "Veer Guardian is not an air force exercise;
    it is a naval one" (the correction's predicate, whose pronoun is the subject)."""
    if not any(
        c.dep_ == "neg" or (c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children))
        for c in copula.children
    ):
        return []  # "not", "never", "no longer"
    rules = negation_rules()
    found = [
        (_phrase(conj), conj)
        for predicate in copula.children
        if predicate.dep_ in ("attr", "acomp")
        for but in predicate.children
        if but.dep_ == "cc" and but.lower_ in rules.contrastive
        for conj in predicate.children
        if conj.dep_ == "conj" and conj.i > but.i
    ]
    corrector = correction(copula, rules)
    if corrector is not None and corrector.lemma_.lower() in _COPULAS and _plain_claim(corrector):
        found += [(_phrase(c), c) for c in corrector.children if c.dep_ in ("attr", "acomp")]
    return found


_claims = threading.local()


def _plain_claim(verb: Token) -> bool:
    """Whether a clause's head (a copula's, say) states it as the writer's own claim. Worked
    out once per head and answer: every cue of a run-on 'sentence' has the same head, whose
    children may be thousands (a hostile answer of 12,000 characters took 5.9 s)."""
    doc = verb.doc
    slot = getattr(_claims, "slot", None)
    if slot is None or slot[0] is not doc:
        slot = _claims.slot = (doc, {})
    known: dict[int, bool] = slot[1]
    found = known.get(verb.i)
    if found is None:
        found = known[verb.i] = _states_as_own(verb)
    return found


# a clause of contrast asserts what it says as much as its main clause ("JIMEX is a naval
# exercise, while Dharma Guardian is an army one")
_CONTRAST_MARKS = frozenset({"while", "whereas"})


def _states_as_own(verb: Token) -> bool:
    if verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _CONTRAST_MARKS for c in verb.children
    ):
        return _plain_claim(verb.head) and not any(
            c.tag_ == "MD" or c.dep_ == "neg" for c in verb.children
        )
    if _spliced_clause(verb):
        # "JIMEX is an army exercise, Dharma Guardian is held between the armies, and …": a
        # list of clauses whose first the parser hangs on the next as an adverbial clause
        # (session 42)
        return _plain_claim(verb.head) and not any(
            c.tag_ == "MD" or c.dep_ == "neg" for c in verb.children
        )
    if verb.dep_ == "ccomp" and emphatic(verb.head):
        # "No one can deny that JIMEX is an army exercise": asserted, with emphasis
        # (adversarial probe s35)
        return not any(c.tag_ == "MD" or c.dep_ == "neg" for c in verb.children)
    if verb.dep_ == "ccomp" and _clause_before_semicolon(verb):
        # "India, Japan and the US launched the SCRI in 2019; other partnerships followed": the
        # parser hangs the first clause on the second's verb, but it is a sentence of its own
        return not any(
            c.tag_ == "MD" or c.dep_ == "neg" or c.lower_ in _SUPPOSING for c in verb.children
        ) and not verb.sent.text.rstrip().endswith("?")
    if verb.dep_ not in _CLAIM_DEPS:
        return False
    if verb.lemma_ == "become" and verb.tag_ == "VBG":
        # "The Quad is becoming a trade bloc": a trend the question may ask the answer to judge
        # (its premise), not a state claimed; "has become a trade bloc" is one (session 38)
        return False
    if verb.dep_ == "conj" and not _plain_claim(verb.head):
        return False
    if any(
        (c.tag_ == "MD" and not _states_the_future(c, verb))
        or c.dep_ == "neg"
        or c.lower_ in _SUPPOSING
        for c in verb.children
    ):
        return False
    return not verb.sent.text.rstrip().endswith("?")


# what a project is built to do is stated in the future ("The bullet train will link Mumbai and
# Ahmedabad"): a plain claim of a verb's deed, unlike "could", "may" or "will become"
_FUTURE = frozenset({"will", "'ll", "shall"})


def _states_the_future(modal: Token, verb: Token) -> bool:
    """Whether a modal only puts a verb's deed in the future ("will link", "shall connect")."""
    return (
        modal.lower_ in _FUTURE
        and verb.pos_ == "VERB"
        and verb.lemma_.lower() not in _COPULAS
        and not any(c.dep_ == "neg" for c in verb.children)
    )


def _spliced_clause(verb: Token) -> bool:
    """Whether an 'adverbial clause' is a finite clause of a list, standing before the clause it
    hangs on, with no word that subordinates it and a comma after it ("JIMEX is the bilateral
    army exercise, Dharma Guardian is held between the armies, and …")."""
    head = verb.head
    if verb.dep_ != "advcl" or head.i <= verb.i or verb.tag_ not in ("VBZ", "VBP", "VBD"):
        return False
    if any(c.dep_ in ("mark", "advmod") and c.pos_ in ("SCONJ", "ADP") for c in verb.children):
        return False
    if any(t.lower_ in _SUPPOSING or t.pos_ == "SCONJ" for t in verb.doc[verb.sent.start : verb.i]):
        return False
    between = verb.doc[verb.i + 1 : head.i]
    return any(t.text == "," and t.head.i == head.i for t in between)


def _clause_before_semicolon(verb: Token) -> bool:
    """Whether a complement clause ends in a semicolon before the verb it hangs on, which does
    not report it ("X launched Y in 2019; Z followed", not "the Quad is an alliance; so China
    says")."""
    head = verb.head
    if head.i <= verb.i or head.lemma_.lower() in negation_rules().reporting_verbs:
        return False
    return any(
        t.text == ";" and t.head.i in (verb.i, head.i) for t in verb.doc[verb.i + 1 : head.i]
    )


def _phrase(head: Token) -> list[Token]:
    """A description's tokens, without the clauses and conjuncts that say something else."""
    out: list[Token] = []
    stack = [head]
    while stack:
        node = stack.pop()
        out.append(node)
        # an apposition inside the description describes its own noun: "Japan is wary of
        # Pakistan, an ally of China" gives Japan no 'ally of China' (session 37's probe)
        stack.extend(
            c
            for c in node.children
            if c.dep_ not in _ASIDE_DEPS and not (c.dep_ == "appos" and node is not head)
        )
    return sorted(out, key=lambda t: t.i)


def _ranked(token: Token) -> bool:
    """Whether a contrary description is ranked or shared: "India's 12th largest trading partner",
    "the second biggest", "one of India's largest trading partners" name no first place."""
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    if before is not None and before.lower_ == "-" and token.i > 1:
        before = doc[token.i - 2]  # "fifth-largest"
    if before is not None and (
        _RANK.fullmatch(before.lower_)
        or before.lower_ in _RANK_WORDS
        # "the 2 largest", not "the two navies": a number counts what a noun names
        or (before.like_num and token.pos_ != "NOUN")
    ):
        return True
    return any(
        t.lower_ == "one" and any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children)
        for t in token.ancestors
    )


def _coordinated(token: Token) -> bool:
    """Whether a word is one of coordinated words ("JIMEX and Dharma Guardian", "the navy and
    the army")."""
    return token.dep_ == "conj" or any(c.dep_ == "conj" for c in token.children)


def _contrary_in(
    description: list[Token],
    contrary: list[list[str]],
    negated: Mapping[int, str],
    verb: Token | None = None,
    paired: bool = False,
) -> Span | None:
    if any(t.lower_ in _HEDGES for t in description):
        return None
    # a word the tokenizer keeps whole across a hyphen ('US-2') is read as its parts, as the
    # contrary names are ("buy US-2": buy, us, 2)
    pieces = [
        (t, part)
        for t in description
        # nor a count: "bought 12 US-2 amphibious aircraft" is "buy US-2" (session 37's trial)
        if t.lower_ not in _ARTICLES and not t.is_punct and not (t.pos_ == "NUM" and t.like_num)
        for part in (_HYPHENED.split(t.lower_) if _HYPHENED.search(t.lower_) else [None])
    ]
    within = {t.i for t in description}
    for name in contrary:
        n = len(name)
        for i in range(len(pieces) - n + 1):
            run = [t for t, _ in pieces[i : i + n]]
            if run[-1].i - run[0].i > 2 * n or (verb is not None and run[0].i != verb.i):
                continue
            if not all(
                w == part if part is not None else w in (t.lower_, t.lemma_.lower())
                for (t, part), w in zip(pieces[i : i + n], name, strict=True)
            ):
                continue
            run = list(dict.fromkeys(run))  # a hyphened word once
            last = run[-1]
            if (
                n > 1
                and last.pos_ == "PROPN"
                and last.dep_ in _MODIFIER_DEPS
                and last.head.i > last.i
                and last.head.i in within
            ):
                # "part of the RCEP negotiations": a name that qualifies another noun ('air
                # force' qualifies its noun by design: "an air force drill")
                continue
            if any(t.i in negated or _denied(t) for t in run) or _ranked(run[0]):
                continue
            if _prefixed(run[0]):
                continue  # "a non-permanent member of the UNSC" is no permanent member
            if paired and any(_coordinated(t) for t in run):
                # "JIMEX and Dharma Guardian are exercises of the navy and the army": each
                # subject takes its own service, respectively
                continue
            return run[0].doc[run[0].i : run[-1].i + 1]
    return None


def _denies(child: Token, token: Token) -> bool:
    """Whether a negator child of a word denies ``token``: a 'not' set off after the word
    denies only what follows it ("Tokyo, not New Delhi, hosted the third 2+2" denies New Delhi,
    not Tokyo: session 49; "a grouping, not an alliance" still denies the alliance)."""
    if not (child.dep_ == "neg" or child.lower_ in ("no", "not", "never")):
        return False
    doc = child.doc
    set_off = child.i > 0 and doc[child.i - 1].text in _SET_OFF
    return not (set_off and child.head.i < child.i and token.i < child.i)


_HYPHENED = re.compile(r"(?<=[a-z0-9])-(?=[a-z0-9])")


def _prefixed(token: Token) -> bool:
    """Whether a word is written after 'non', as one word ('non-permanent', as matching reads
    it) or apart ('non permanent')."""
    doc, i = token.doc, token.i
    return after_non(doc, i) or (i >= 1 and doc[i - 1].lower_ in ("non", "non-"))


def _denied(token: Token) -> bool:
    """A 'not' or 'no' on the word or on the phrase it belongs to ("not a military alliance")."""
    node = token
    for _ in range(4):
        if any(_denies(c, token) for c in node.children):
            return True
        if node.dep_ not in ("amod", "compound", "pobj", "prep", "appos") or node.head is node:
            return False
        node = node.head
    return False
