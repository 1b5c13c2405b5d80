"""Negation scope from the dependency parse: which tokens sit inside a negated claim.

A concept whose cues are only found inside a negated clause earns nothing (see
:func:`evaluator.scoring.checks.matching.concept_coverage`). The cues and exceptions live in
``evaluator/data/negation.yaml``:

* clause negators ("not", "never", "n't", "no", "neither", "nor", "nothing") negate the clause
  of the word they attach to, subject included;
* "no longer" negates the clause of the verb it qualifies, as "not" does ("India no longer
  imports steel from Japan"), and a "Neither … nor …" pair of subjects negates their verb as
  "not" would ("Neither the bullet train nor the corridor was completed on time");
* a negation that a degree word makes partial ("not fully utilised", "no longer a minor
  strand"), that a time limit bounds ("not until 2014", "before India … never") or that a second
  negative cancels ("not without difficulties") negates nothing
  (:mod:`~evaluator.scoring.checks.negation_partial`);
* negating verbs ("failed to sign", "lacks a defence pact"), prepositions ("without") and
  "yet to" negate their complement;
* a negated verb or noun of change or remedy acting on a problem ("the deficit has not been
  reduced", "Japan has not removed its barriers", "no reduction in the deficit") denies the
  change, not the problem: the problem stays asserted, the verb and its agent stay negated;
* pseudo-negations ("not only", "no doubt", "nothing but", "not just", "no less than") never do;
* a phrase of cause or time ("because of rigid labour laws", "since CEPA",
  ``presupposing_prepositions``) and a possessor in a negated object ("the IPEF's trade
  pillar") are taken as given: they stay outside the scope;
* the scope stops at clause boundaries: a relative or adverbial clause, a conjoined clause with
  its own subject (whatever the parser took its head for) or its own tense ("India did not sign
  RCEP and stayed out of the Osaka Track" negates the signing only; "India was not a signatory
  and made its own peace" the signatory), a finite clause the parser hung on a negated copula
  without a 'that' ("India is not part of RCEP and trade under CEPA is small"), and whatever
  follows a contrastive "but" ("Japan is not in BRICS, but it is a Quad member" leaves the Quad
  asserted; "the agreement is not a plan but a signed pact" the agreement too);
* a line's heading before a colon ("Economic: the CEPA, which came into force in 2011, has not
  lifted trade") leaves the sentence saying what it says without it.

The cue lists are read by :mod:`~evaluator.scoring.checks.negation_rules`.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from functools import cache
from typing import NamedTuple

from spacy.tokens import Doc, Token

from evaluator.nlp.docview import view
from evaluator.scoring.checks.negation_partial import (
    cancelling,
    double_negations,
    negated_clause_head,
    negated_verb,
    paired_subjects_verb,
    partial_negation,
    time_bound,
    until,
    verb_and_particle,
)
from evaluator.scoring.checks.negation_rules import NegationRules, negation_rules, parties
from evaluator.settings import names_settings

__all__ = [
    "DeniedRelation",
    "NegationRules",
    "NegationScopes",
    "NounPredicate",
    "classified_subjects",
    "correction",
    "denied_negatives",
    "denied_relations",
    "negation_rules",
    "negation_scopes",
    "others_subjects",
    "undenied_words",
]

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_NOMINAL_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "oprd", "dative", "pobj"})
_OBJECTS = _NOMINAL_ROLES - _SUBJECTS
_CLAUSE_POS = frozenset({"VERB", "AUX"})
_FINITE = frozenset({"VBD", "VBZ", "VBP"})
_NON_FINITE = frozenset({"VB", "VBN", "VBG"})


class NegationScopes(dict[int, str]):
    """Token index -> negation cue text, for every token inside a negated clause; and in
    :attr:`negators`, the index of the cue word itself."""

    def __init__(self) -> None:
        super().__init__()
        self.negators: dict[int, int] = {}
        """Token index -> index of the word that opened its negation ('lacks' in "India lacks
        the logistics")."""
        self.reversed: dict[int, str] = {}
        """Token index -> negation cue, for the clause of a negated verb that is both a
        cancelling verb and a negative predicate ("the US-2 deal has not stalled"): asserted for
        most points, it denies a point whose claim is the stalling (``negative_claim``)."""
        self.bounded: dict[int, frozenset[str]] = {}
        """Index of a negator whose clause a period bounds -> the years of that period ("No
        summit was held in 2020" -> {'2020'}; see ``time_bound_prepositions``)."""
        self.aside: frozenset[int] = frozenset()
        """Token indexes a negated clause takes as given but says nothing of: what another
        country did not join, is not in or does not lead, an event denied only its place, a
        frame before the clause ("The US did not join the SCRI", "Vostok was not held in the
        Senkaku Islands", "In the Quad, only India has no security treaty"). Neither credit nor
        denial: "Australia did not join the SCRI" is false and earns nothing either."""
        self.confused: frozenset[int] = frozenset()
        """Token indexes of the two things a negated verb of confusing keeps apart ("The CEPA
        should not be confused with RCEP"): neither credit nor denial for a plain point; a
        denial point still takes the denial ("… not to be mistaken for a military alliance")."""
        self.cancelled: frozenset[int] = frozenset()
        """Indexes of negators a second negative on their clause cancels ("without Japanese ODA
        the metro would not have been built"; see ``double_negations``): for a Mains answer they
        assert, a short answer reads them word by word (:mod:`.negation_short`)."""
        self.lost_for: frozenset[int] = frozenset()
        """Token indexes a verb of losing takes in with what is lost but does not deny: a
        clause or phrase hung on the lost thing, saying what it was for or when ("The states
        lost their power to levy taxes under GST": the levying, 'under GST'). Neither credit nor
        denial, but for a point whose own claim writes a verb of losing, which the loss restates
        (see :func:`~evaluator.scoring.checks.matching.coverage.concept_coverage`)."""
        self.stance_lost: Mapping[int, frozenset[str]] = {}
        """Token index of what a lost stance was towards ("Japan has lost interest in the
        AAGC": 'the AAGC'; ``stance_loss_nouns``) -> the countries that lost it ('japan'; none
        for 'both' or 'investors': :func:`~evaluator.scoring.checks.negation_rules.parties`).
        Negated, but what that does to a point depends on the point's own claim and whose stake
        it states (see :func:`~evaluator.scoring.checks.matching.coverage.concept_coverage`)."""
        self.stance_kept: frozenset[int] = frozenset()
        """Token indexes of what a stance denied lost was towards ("India did not lose interest
        in the AAGC": 'the AAGC'): asserted, but no credit for a point of doubt about it."""


def negation_scopes(doc: Doc) -> NegationScopes:
    """Token index -> negation cue text, for every token inside a negated clause."""
    rules = negation_rules()
    tokens = view(doc)
    lowers = tokens.lower
    line_of = tokens.line_of
    pseudo = _pseudo_tokens(lowers, rules)
    scopes = NegationScopes()
    negators = scopes.negators
    size = len(lowers)
    # only words that can open a negation need a look (found at C speed: most answers have few)
    triggers = rules.triggers
    candidates = set(itertools.compress(range(size), map(triggers.__contains__, lowers)))
    candidates.update(
        itertools.compress(range(size), map(rules.negating_verbs.__contains__, tokens.lemma))
    )
    cancelled = double_negations(doc, sorted(candidates), rules) if candidates else set()
    set_off: set[int] = set()
    lost_for: set[int] = set()
    stance_lost: dict[int, frozenset[str]] = {}
    for i in candidates:
        if lowers[i] in rules.sentential_first:
            cancelled |= _sentential_double(doc, lowers, i, rules)
    scopes.cancelled = frozenset(cancelled)
    # a word split at its hyphen ('co - developed'): where the parse may cut a claim in two
    hyphens = [
        j for j in itertools.compress(range(size), map("-".__eq__, lowers)) if 0 < j < size - 1
    ]
    run_ons = _run_ons(doc) if candidates else []
    for i in sorted(candidates):
        low = lowers[i]
        if i in cancelled:
            _deny_the_lack(doc, i, cancelled, rules, scopes)
            continue
        if i in pseudo:
            continue
        if low in rules.clause_negators and (
            _rhetorical_question(doc[i]) or _emphatic_comparison(doc[i])
        ):
            continue
        if rules.reporting_verbs and refuted_report(doc[i], rules):
            continue  # "Critics say Japan has abandoned the bullet train, but ..."
        scope: list[Token] = []
        run_on = next((r for r in run_ons if i in r), None)
        if run_on is not None:
            # no clause to speak of: the words right after the negation are its scope
            scope = [doc[k] for k in range(i, min(i + _RUN_ON_SCOPE, run_on.stop))]
        elif low in rules.clause_negators:
            if partial_negation(doc[i], low, rules) or until(doc[i], rules):
                continue
            if low == "nt" and doc[i].dep_ != "neg":
                continue  # "NT", a stray "nt": only "isnt"'s tail is a negation
            but_that = _not_this_but_that(doc[i])
            contrast = None if but_that else _set_off_contrast(doc[i])
            scope = (
                but_that
                or contrast
                or _not_after_the_point(doc[i])
                or _negator_scope(doc[i], low, rules)
            )
            if contrast:
                # "JIMEX - not Malabar - is the bilateral exercise" says nothing of Malabar
                # itself: neither credit nor denial, as for a verb of confusing
                set_off.update(t.i for t in contrast[1:])
            period = time_bound(doc[i], rules)
            if period is not None:
                scopes.bounded[i] = period
        elif low in rules.inequality_signs:
            scope = _after_the_sign(doc, i)
        elif low in rules.negating_prepositions:
            token = doc[i]
            if token.dep_ == "prep" and not _condition(token, rules):
                scope = list(token.subtree)
        elif low in rules.yet_to and i + 1 < size and lowers[i + 1] == "to":
            scope = _yet_to_scope(doc[i].head, rules)
        elif (
            tokens.pos[i] == "VERB"
            and tokens.lemma[i] in rules.negating_verbs
            and not _ceded(doc[i], rules)
        ):
            scope = _complements(doc[i], rules)
            if (tokens.lemma[i],) in rules.losing_verbs:
                towards = _towards_a_lost_stance(doc[i], scope, rules)
                losers = parties(_doers(doc[i]))
                stance_lost.update(dict.fromkeys(towards, losers))
                lost_for.update(_hung_on_the_lost(doc[i], scope) - towards)
        if low in rules.sentential_first and run_on is None:
            scope = scope + _sentential_scope(doc, lowers, i, rules)
        if scope and hyphens and run_on is None:
            sentence = doc[i].sent
            # hyphens between two words of the negation's own sentence
            near = hyphens[
                bisect_left(hyphens, sentence.start + 1) : bisect_left(hyphens, sentence.end - 1)
            ]
            if near:
                scope = _hyphened_words(doc, near, scope, i, sentence.end)
        if scope:
            line = line_of[i]
            for member in scope:
                # a claim never spans lines: headings and points are separate claims
                if line_of[member.i] == line and member.i not in scopes:
                    scopes[member.i] = doc[i].text
                    negators[member.i] = i
    if lost_for:
        scopes.lost_for = frozenset(lost_for)
    if stance_lost:
        scopes.stance_lost = stance_lost
    if scopes.negators:
        scopes.aside, scopes.confused = _given_phrases(doc, scopes, rules)
    if set_off:
        scopes.confused |= set_off
    return scopes


_OWN_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp"})


def _given_phrases(
    doc: Doc, scopes: NegationScopes, rules: NegationRules
) -> tuple[frozenset[int], frozenset[int]]:
    """(:attr:`NegationScopes.aside`, :attr:`NegationScopes.confused`): for each negated clause,
    the phrases :func:`_said_of_another` takes out of its scope, and the two things a verb of
    confusing keeps apart; less the clauses inside them, which make their own claims ("the
    SCRI, which India, Japan and Australia launched in 2021")."""
    aside: set[int] = set()
    confused: set[int] = set()
    for negator in set(scopes.negators.values()):
        head = negated_clause_head(doc[negator])
        confusing = _confusing(head, rules)
        for child in head.children:
            if _said_of_another(child, rules):
                aside.update(t.i for t in child.subtree)
            elif confusing is not None and child.dep_ in _KEPT_APART:
                confused.update(t.i for t in child.subtree)
        if confusing is not None and confusing is not head:
            # "The Act East Forum is not to be confused with the Act East Policy": the copula
            # holds the subject, the verb of confusing the other thing
            confused.update(
                t.i for c in confusing.children if c.dep_ in _KEPT_APART for t in c.subtree
            )
        aside |= _others_membership(head, rules)
    return _without_own_clauses(doc, aside), _without_own_clauses(doc, confused)


_KEPT_APART = frozenset({"nsubj", "nsubjpass", "dobj", "prep", "agent"})


def _confusing(head: Token, rules: NegationRules) -> Token | None:
    """The verb of confusing a negated clause turns on: its head ("should not be confused
    with"), or the infinitive a negated copula takes ("is not to be confused with"); or None."""
    if head.lemma_ in rules.confusing_verbs:
        return head
    if head.lemma_ == "be":
        return next(
            (c for c in head.children if c.dep_ == "xcomp" and c.lemma_ in rules.confusing_verbs),
            None,
        )
    return None


def _without_own_clauses(doc: Doc, indexes: set[int]) -> frozenset[int]:
    own = {k.i for i in indexes if doc[i].dep_ in _OWN_CLAUSES for k in doc[i].subtree}
    return frozenset(indexes - own)


def _said_of_another(child: Token, rules: NegationRules) -> bool:
    """Whether a child of a negated clause's head is what the clause says of another country or
    another place, taken out of the negation and set aside (:attr:`NegationScopes.aside`): what
    another country did not join ("The US did not join the SCRI"), an event denied only its
    place ("Vostok was not held in the Senkaku Islands"), a subject another country does not
    lead ("The SCRI is not led by the US"), a frame before the clause ("In the Quad, only India
    has no security treaty")."""
    dep = child.dep_
    head = child.head
    if dep in ("dobj", "prep") and _others_joining(head, rules):
        return True
    if dep in ("nsubj", "nsubjpass") and (_staged_elsewhere(head, rules) or _others_agency(head)):
        return True
    if (
        dep in ("dobj", "npadvmod")
        and head.pos_ == "VERB"
        and (_staged_elsewhere(head, rules) or head.lemma_ in rules.hosting_verbs)
    ):
        # "Japan did not host the third 2+2 (in Tokyo)": who hosted it, or where, is denied;
        # the event took place (probe s37b)
        return True
    return dep == "prep" and _fronted_frame(child, rules)


_QUESTION_AUXILIARIES = frozenset(
    {
        "is",
        "are",
        "was",
        "were",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "can",
        "could",
        "will",
        "would",
        "should",
        "shall",
        "must",
        "ca",
        "wo",
    }
)


def _rhetorical_question(negator: Token) -> bool:
    """'Isn't Japan the largest bilateral donor to India?', 'Doesn't Veer Guardian show how far
    ties have come?', 'Is Japan not …?': a negative yes-no question asserts what it asks
    (probe s36 had read each as a denial). The sentence opens with the auxiliary (after an 'and'
    or 'but') and ends with a question mark; a wh-question ("Why did India not join RCEP?") is no
    such assertion."""
    sent = negator.sent
    last = next((t for t in reversed(sent) if not t.is_space), None)
    if last is None or last.text != "?":
        return False
    first = next(t for t in sent if not t.is_space and t.dep_ not in ("cc", "punct", "intj"))
    if first.lower_ not in _QUESTION_AUXILIARIES or negator.i > first.i + 4:
        return False
    return negator.head.i in (first.i, first.head.i)


_COMPARATIVE_TAGS = frozenset({"JJR", "RBR"})


def _emphatic_comparison(negator: Token) -> bool:
    """'Nothing illustrates the trust better than the civil nuclear deal', 'No project
    symbolises the partnership more than the bullet train': 'nothing' or 'no' on the subject of a
    clause that compares with 'than' puts what follows first, with emphasis (probe s36 had
    denied the nuclear deal and the bullet train)."""
    if negator.lower_ in ("nothing", "none", "nobody") and negator.dep_ in ("nsubj", "nsubjpass"):
        verb = negator.head
    elif negator.lower_ == "no" and negator.dep_ == "det" and negator.head.dep_ == "nsubj":
        verb = negator.head.head
    else:
        return False
    # the comparative on 'than' ("better than") or on the verb ("Nothing better illustrates the
    # trust than …", where the parser hangs 'than' on the object)
    compares = any(_comparative(c) for c in verb.children)
    return any(t.lower_ == "than" and (compares or _comparative(t.head)) for t in verb.subtree)


def _comparative(token: Token) -> bool:
    return token.tag_ in _COMPARATIVE_TAGS or token.lower_ in ("more", "better")


def refuted_report(token: Token, rules: NegationRules) -> bool:
    """Whether the token is inside a claim the sentence reports of others and then refutes
    ("**Some claim** Japan was India's first 2+2 partner, **but** the US came first"; lists in
    ``negation.yaml``): the claim is not the writer's, so it neither contradicts a fact nor
    denies a point. A report of the writer's own ("I think ...") or one left standing is."""
    for node in (token, *token.ancestors):
        reporter = node.head
        if node.dep_ == "oprd" and _passive_naming(reporter):
            # "Japan is sometimes called India's biggest investor; in reality it is fifth": a name
            # others give, refuted (probe s33)
            return _refuted_after(node, rules.refuting_words)
        if _held_by_a_noun(node, rules):
            # "The claim that the SCRI was launched in 2019 is wrong" (probe s33): a word that
            # refutes, not a conjunction alone
            return _refuted_after(node, rules.refuting_words - _CONJUNCTIONS)
        if node.dep_ != "ccomp" or reporter.lemma_ not in rules.reporting_verbs:
            continue
        if reporter.pos_ != "VERB" or any(c.dep_ == "neg" for c in reporter.children):
            return False
        subject = next((c for c in reporter.children if c.dep_ in _SUBJECTS), None)
        if subject is None or subject.lower_ in ("i", "we"):
            return False
        end = max(t.i for t in node.subtree)
        after = token.doc[end + 1 : token.sent.end]
        # "..., which is wrong" hangs on the report's last word
        asides = [
            t
            for clause in node.subtree
            if clause.dep_ == "relcl"
            and any(c.lower_ == "which" and c.dep_ in _SUBJECTS for c in clause.children)
            for t in clause.subtree
        ]
        return any(t.lower_ in rules.refuting_words for t in (*asides, *after))
    return False


_NAMING = frozenset({"call", "dub", "term", "label", "brand", "nickname"})
_CONJUNCTIONS = frozenset({"but", "however", "yet"})


def _refuted_after(clause: Token, refuting: frozenset[str]) -> bool:
    """Whether a refuting word follows a reported clause in its sentence."""
    end = max(t.i for t in clause.subtree)
    return any(t.lower_ in refuting for t in clause.doc[end + 1 : clause.sent.end])


def _condition(preposition: Token, rules: NegationRules) -> bool:
    """Whether a 'without' that opens its sentence states a condition: "Without a review of CEPA,
    the trade gap is unlikely to close", "Without fewer barriers, trade will stay below
    potential" say what is needed, and deny neither the CEPA nor its review (probe s34). The
    clause it opens must be a forecast (a modal) or a hedge (``conditional_hedges``) and not
    itself negated (a double negation asserts: "without Japanese ODA the metro would not have
    been built")."""
    if preposition.i != preposition.sent.start:
        return False
    clause = preposition.head
    children = list(clause.children)
    if any(c.dep_ == "neg" for c in children):
        return False
    return _modal(clause) or any(
        c.dep_ == "acomp" and c.lemma_ in rules.conditional_hedges for c in children
    )


def _passive_naming(verb: Token) -> bool:
    """'is (sometimes) called', 'has been dubbed': a name others give the subject."""
    return verb.lemma_.lower() in _NAMING and any(c.dep_ == "auxpass" for c in verb.children)


def _held_by_a_noun(node: Token, rules: NegationRules) -> bool:
    """Whether a clause is the 'that' clause of a noun of claiming ("the claim that ...",
    "claims that ...", which the parser may hang on the noun as a complement)."""
    return (
        node.dep_ in ("acl", "ccomp")
        and node.head.pos_ in ("NOUN", "PROPN")
        and node.head.lemma_.lower() in rules.reporting_nouns
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in node.children)
    )


def _deny_the_lack(
    doc: Doc, i: int, cancelled: set[int], rules: NegationRules, scopes: NegationScopes
) -> None:
    """A negator cancelled by a negating verb ("India does not lack infrastructure") asserts
    the verb's complement but denies the verb itself: the lack, failure or refusal did not
    happen, so a point that names a lack is denied, not stated; so does a framing that denies
    the sentence ("It is wrong to say that …", ``sentential_negators``)."""
    token = doc[i]
    if token.lower_ in rules.sentential_first:
        # "It is wrong to say that panchayats lack funds" denies the lack as "Panchayats do
        # not lack funds" does (session 48: the framing had left it stated)
        lowers = view(doc).lower
        pair = _sentential_double(doc, lowers, i, rules)
        if pair:
            (verb,) = (doc[v] for v in pair if v != i)
            inside = {t.i for t in _sentential_scope(doc, lowers, i, rules)}
            if verb.i in cancelled and verb.i not in scopes and _framed(verb, inside):
                scopes[verb.i] = token.text
                scopes.negators[verb.i] = i
                if _negative_predicate(verb, rules):
                    _reverse(doc, verb, token.text, scopes)
            return
    if token.lower_ not in rules.clause_negators:
        if token.pos_ == "VERB" and token.lemma_ in rules.negating_verbs:
            # "India refused to pull out of RCEP": it stayed in, so the complement is asserted
            # for most points but denies one whose claim is the leaving (negative_claim)
            for dropped in token.children:
                if dropped.i in cancelled and _negative_predicate(dropped, rules):
                    _reverse(doc, dropped, token.text, scopes)
        return
    head = negated_verb(token, rules)
    if (
        head.i in cancelled
        and head.i not in scopes
        and head.pos_ == "VERB"
        # and "the US-2 deal has not stalled" denies the stalling, a point of its own
        and (head.lemma_ in rules.negating_verbs or cancelling(head, rules))
    ):
        scopes[head.i] = token.text
        scopes.negators[head.i] = i
        if _negative_predicate(head, rules):
            _reverse(doc, head, token.text, scopes)
        if (head.lemma_.lower(),) in rules.losing_verbs:
            # "India did not lose interest in the AAGC": the stance stays, which says nothing
            # for a point of doubt about the corridor
            kept = _towards_a_lost_stance(head, _complements(head, rules), rules)
            scopes.stance_kept = scopes.stance_kept | kept


def _negative_predicate(verb: Token, rules: NegationRules) -> bool:
    """Whether a verb states a lack, a hurdle or a leaving (``negative_predicates``), by itself
    ('stalled', 'withdrew') or by its particle ('pull out', 'back out'), or a staying out
    (``absence_verbs``: 'stay away', 'exclude from')."""
    words = rules.negative_predicates
    if verb.lemma_ in words or verb.lower_ in words:
        return True
    if verb_and_particle(verb) in rules.absence_verbs:
        return True  # 'has not stayed out', 'was not excluded from'
    return any(
        c.dep_ in ("prt", "prep") and c.i == verb.i + 1 and c.lower_ in words for c in verb.children
    )


def _reverse(doc: Doc, verb: Token, cue: str, scopes: NegationScopes) -> None:
    """Mark the clause of a negated negative predicate as reversed (see
    ``NegationScopes.reversed``), within its line."""
    line = view(doc).line_of
    for t in verb.subtree:
        if line[t.i] == line[verb.i]:
            scopes.reversed.setdefault(t.i, cue)


def undenied_words(doc: Doc, scopes: NegationScopes) -> frozenset[int]:
    """Indexes of words inside a negation's scope that it does not deny, for reading a short
    answer word by word: the word that opened the negation ('stopped' in "the infection is
    stopped": a verb of ending negates its complement, not itself) and the subject of the
    gerund a negating preposition denies ('the person' in "without the person getting the
    disease": the getting is denied, not the person), and a phrase set before the subject of
    the clause a negator denies ('in the dark' in "in the dark the plant could not make
    glucose": where, not what, is denied; session 44). A clause negator keeps the subject in
    its denial ("the dry seeds did not sprout")."""
    negators = scopes.negators
    left: set[int] = {i for i, opener in negators.items() if opener == i}
    for i in scopes:
        token = doc[i]
        verb = token.head
        if token.dep_ == "prep" and token.i < verb.i and negators.get(i) != i:
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and token.i < subject.left_edge.i:
                left.update(t.i for t in token.subtree)
        if (
            token.dep_ in ("nsubj", "nsubjpass")
            and verb.dep_ == "pcomp"
            and negators.get(i) == verb.head.i
        ):
            left.update(t.i for t in token.subtree)
    return frozenset(left.intersection(scopes))


_RUN_ON = 120
"""A 'sentence' of more than this many tokens is a run-on, not prose (the longest sentence in
our answers has 109): its parse nests clause in clause, so walking each negation's clause, or
the sentence to its end, is quadratic in its length ('not x-y not x-y …' a thousand times took
5.9 s). There a negation's scope is the words right after it."""
_RUN_ON_SCOPE = 12


def _run_ons(doc: Doc) -> list[range]:
    """Token ranges of the run-on sentences of a text (usually none)."""
    return [range(s.start, s.end) for s in doc.sents if s.end - s.start > _RUN_ON]


def _hyphened_words(
    doc: Doc, hyphens: Sequence[int], scope: list[Token], trigger: int, end: int
) -> list[Token]:
    """The scope with each word the tokenizer split at its hyphen ("co-developed",
    "re-examined") taken whole: inside, with its complement, when the negation reaches the
    word's first part or an auxiliary of it; outside otherwise.

    The parser reads such a word as two: 'co' heads the clause and 'developed' hangs on it as a
    separate claim, so "have never co-developed a fighter" negated 'co' and left 'developed a
    fighter' asserted, and "has not been co-produced" stopped at 'been'; or the rest hangs on
    the negated verb of another clause ("trade has not grown, though the sides re-launched
    talks" negated 'launched talks'; what follows such a word in its sentence is its clause's).
    ``hyphens`` lie between two words of the sentence that ends before ``end``."""
    inside = {t.i for t in scope}
    reached = inside | {t.head.i for t in scope if t.dep_ in ("aux", "auxpass")}
    added: list[Token] = []
    dropped: set[int] = set()
    for j in hyphens:
        if not ({j - 1, j, j + 1} & reached):
            continue
        first, hyphen, rest = doc[j - 1], doc[j], doc[j + 1]
        if first.whitespace_ or hyphen.whitespace_ or not (first.is_alpha and rest.is_alpha):
            continue
        whole = [first, hyphen, rest, *(t for t in rest.subtree if rest.i < t.i < end)]
        if first.i in reached:
            added += [t for t in whole if t.i not in inside]
            inside.update(t.i for t in whole)
        elif j > trigger:
            # the word opens an asserted clause: what follows it there is that clause's
            dropped.update(t.i for t in whole)
            dropped.update(t.i for t in scope if j < t.i < end)
    if not added and not dropped:
        return scope
    return [t for t in scope if t.i not in dropped] + added


# where a sentential negation ends (and at a colon before a clause, see _clause_after)
_CLAIM_END = frozenset({".", "!", "?", ";"})
_SIGN_END = _CLAIM_END | frozenset({",", ":", "(", ")", "–", "—"})


def _after_the_sign(doc: Doc, i: int) -> list[Token]:
    """What a sign written for 'is not' denies: the words after it up to the end of its claim
    ("Quad ≠ military alliance: no treaty" denies the alliance, not the Quad)."""
    scope = [doc[i]]
    for token in doc[i + 1 : doc[i].sent.end]:
        if token.text in _SIGN_END or "\n" in token.text:
            break
        scope.append(token)
    return scope if len(scope) > 1 else []


def _clause_after(colon: Token) -> bool:
    """Whether a colon is followed by a clause of its own, a subject with its verb ("It is not
    true that Japan refused to sign a nuclear deal: the agreement was signed in 2016"), not a
    list that spells out what was denied ("It is not true that it did three things: …")."""
    end = colon.sent.end
    for token in colon.doc[colon.i + 1 : end]:
        if token.text in _CLAIM_END or token.text == ":":
            return False
        if (
            token.dep_ in ("nsubj", "nsubjpass")
            and token.head.i > colon.i
            and token.head.pos_ in ("VERB", "AUX")
        ):
            return True
    return False


def denied_negatives(doc: Doc, scopes: dict[int, str] | None = None) -> set[int]:
    """Token indexes whose negation denies a negative statement ("trade does not remain small",
    "India did not stay out of RCEP"): negated claims whose scope holds a negative predicate.

    A concept that is itself a negative claim (``negative_claim: true``, "India did not join
    RCEP") is asserted by a plain negation but denied by one of these.
    """
    scopes = negation_scopes(doc) if scopes is None else scopes
    if not scopes:
        return set()
    rules = negation_rules()
    tokens = view(doc)
    # group the scope by its sentence and cue: one negated claim per (sentence, cue) pair
    claims: dict[tuple[int, str], list[int]] = {}
    for i, cue in scopes.items():
        claims.setdefault((tokens.sent_of[i], cue), []).append(i)
    denied: set[int] = set()
    # the word that opened a negation is no predicate it negates ("India lacks the ports"
    # states a lack; it does not deny one)
    negators = getattr(scopes, "negators", {})
    for members in claims.values():
        # "the deficit has not yet been bridged" says the negative persists: no denial
        if any(
            tokens.lower[i] in rules.shortfall_qualifiers and doc[i].dep_ == "advmod"
            for i in members
        ):
            continue
        if any(
            tokens.lower[i] in rules.negative_predicates
            and negators.get(i) != i
            and not _acting_subject(doc[i], rules)
            for i in members
        ):
            denied.update(members)
    # and a cancelled negative predicate's clause: "India did not stay out of RCEP" (session 42)
    denied.update(getattr(scopes, "reversed", ()))
    return denied


_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})


def _acting_subject(token: Token, rules: NegationRules) -> bool:
    """Whether a word belongs to the subject of a negated deed: "red tape does not encourage
    investors" says the red tape is there (the negation denies the encouragement), where "the
    deficit is not real", "does not exist" (a linking verb, or existence) and "trade does not
    remain small" (the predicate) deny the negative word."""
    node = token
    for _ in range(12):
        if node.dep_ in _SUBJECTS:
            verb = node.head.lemma_.lower()
            return verb not in rules.linking_verbs and verb != "exist"
        if node.head is node or (node.dep_ in ("ROOT", "conj") and node.pos_ in ("VERB", "AUX")):
            return False
        node = node.head
    return False


def classified_subjects(
    doc: Doc, scopes: dict[int, str] | None = None
) -> dict[int, frozenset[int]]:
    """Token index of each word in the subject of a negated noun predicate -> the predicate's
    token indexes.

    "Neither the Quad nor the 2+2 is a military alliance" denies that they are alliances, not
    that the Quad exists or matters: a concept named only in the subject is denied when the
    predicate names the concept too ("the bullet train is not a Japanese project", "Japan is not a
    Quad member"), and otherwise the mention says nothing about it (see
    :func:`~evaluator.scoring.checks.matching.concept_coverage`). A predicate that names a problem
    or an existence ("the trade deficit is not a problem", "… is not a reality") is about the
    subject itself and is left out here. The object of a negated verb of stance ("Japan does
    not recognise China's air defence zone", ``stance_verbs``) maps to the verb the same way,
    and the subject of a negated deed with an object ("the ACSA does not make the two countries
    allies", :func:`_denies_a_deed`) to the verb and its complements.
    """
    scopes = negation_scopes(doc) if scopes is None else scopes
    if not scopes:
        return {}
    rules = negation_rules()
    found: dict[int, frozenset[int]] = {}
    run_ons = _run_ons(doc)
    for i in scopes:
        if run_ons and any(i in r for r in run_ons):
            continue  # a run-on has no subject and predicate to tell apart: the scope stands
        token = doc[i]
        if token.lower_ == "no" and token.dep_ == "det" and token.head.dep_ == "dobj":
            # "the Quad has no trade agreement": what the subject lacks is denied, not the subject
            thing, verb = token.head, token.head.head
            if not _modal(verb):
                # what it lacks, not what that would do ("no obligation to fight together")
                span = frozenset(t.i for t in thing.subtree) - _clausal_modifiers(thing)
                for child in verb.children:
                    if child.dep_ == "nsubj":
                        for t in child.subtree:
                            found[t.i] = span
            continue
        if token.lemma_ in rules.stance_verbs and _used_as_verb(token) and not _modal(token):
            # "Japan does not recognise China's zone": the stance is denied, not the zone; so in
            # the passive ("India's part in Vostok was not welcomed by Tokyo")
            for child in token.children:
                if child.dep_ in ("dobj", "prep", "ccomp", "xcomp", "nsubjpass"):
                    for t in child.subtree:
                        found[t.i] = frozenset({token.i})
            continue
        if token.dep_ == "neg" and _denies_a_deed(token.head, rules):
            # "the ACSA does not make the two countries allies": what the subject does is denied,
            # not the subject; it is denied when the predicate names the concept too ("the Act
            # East Forum does not link the two visions")
            verb = token.head
            span = frozenset(
                t.i
                for child in verb.children
                if child.dep_ not in _SUBJECTS and child.i != token.i
                for t in child.subtree
            ) | {verb.i}
            for child in verb.children:
                if child.dep_ == "nsubj":
                    for t in child.subtree:
                        found.setdefault(t.i, span)
                    if _names_a_problem(child, rules):
                        # "Myanmar's instability has not helped connectivity": a problem that
                        # did not help says nothing against what it did not help
                        for other in verb.children:
                            if other.dep_ in _DEED_OBJECTS or other.dep_ == "prep":
                                for t in other.subtree:
                                    found.setdefault(t.i, frozenset({verb.i}))
            continue
        predicate = token
        head = predicate.head
        if (
            predicate.dep_ == "attr"
            and predicate.lemma_ in rules.stance_nouns
            and head.i in scopes
            and head.lemma_ in rules.linking_verbs
        ):
            # "Japan is not a fan of India's part in Vostok": a stance, as stance verbs are
            for child in predicate.children:
                if child.dep_ == "prep":
                    for t in child.subtree:
                        found[t.i] = frozenset({predicate.i})
            continue
        if (
            predicate.dep_ != "attr"
            or predicate.pos_ not in ("NOUN", "PROPN")
            or head.i not in scopes
            or head.lemma_ not in rules.linking_verbs
            or _modal(head)
            or _names_a_problem(predicate, rules)
            or predicate.lower_ in rules.existence_predicates
            or predicate.lemma_ in rules.existence_predicates
        ):
            continue
        span = NounPredicate(t.i for t in predicate.subtree)
        for child in head.children:
            if child.dep_ in ("nsubj", "csubj"):
                for t in child.subtree:
                    found[t.i] = span
    return found


class NounPredicate(frozenset[int]):
    """The tokens of a negated noun predicate ("JIMEX is not an army exercise"): unlike a deed
    or a stance, it says what the subject is not, so the subject itself is presupposed (see
    :func:`~evaluator.scoring.checks.matching.coverage.concept_coverage`)."""

    __slots__ = ()


_DEED_OBJECTS = frozenset({"dobj", "dative", "oprd", "ccomp"})


def others_subjects(
    doc: Doc, classified: Mapping[int, AbstractSet[int]], home: AbstractSet[str]
) -> dict[AbstractSet[int], frozenset[int]]:
    """The predicates in ``classified`` (:func:`classified_subjects`) whose subject names another
    party than the topic's own (a name, and none of the topic's, ``home``), each with its
    subject's token indexes. What such a subject lacks, is not or does not do says nothing of a
    point it does not name: "The Quad has no free trade agreement" denies no India–Japan CEPA
    (probe s39), where "Japan has no free trade agreement with India" still does."""
    subjects: dict[AbstractSet[int], set[int]] = {}
    for i, span in classified.items():
        subjects.setdefault(span, set()).add(i)
    return {
        span: frozenset(subject)
        for span, subject in subjects.items()
        if not any(doc[j].lower_ in home for j in subject) and _names_a_party(doc, subject)
    }


def _names_a_party(doc: Doc, subject: AbstractSet[int]) -> bool:
    """A subject that names a body or a country: "the Quad", "the EU", "Australia"; not a
    person ("Abe") or a misread imperative ("Review CEPA, do not …")."""
    names = [doc[j] for j in sorted(subject) if doc[j].pos_ == "PROPN"]
    if not names:
        return False
    first = doc[min(subject)]
    return first.lower_ == "the" or any(_another_country(n) for n in names)


def _clausal_modifiers(noun: Token) -> frozenset[int]:
    """The words of the clauses that qualify a noun phrase's nouns ('to fight together' in "no
    defence treaty and no obligation to fight together")."""
    return frozenset(
        t.i for m in noun.subtree if m.dep_ in ("acl", "relcl") and m.i != noun.i for t in m.subtree
    )


def _denies_a_deed(verb: Token, rules: NegationRules) -> bool:
    """A negated active verb with an object: what the subject does is denied ("the ACSA does
    not make the two countries allies"), and so with a verb of change ("CEPA has not closed the
    trade deficit" denies the closing, not the CEPA; "SCRI does not reduce dependence on China"
    still denies SCRI, whose point the predicate names). Not a modal (a proposal denied), nor a
    linking or a stance verb (their own rules)."""
    return (
        verb.pos_ == "VERB"
        and (not _modal(verb) or _foretold(verb))
        and verb.lemma_ not in rules.linking_verbs
        and verb.lemma_ not in rules.stance_verbs
        and any(c.dep_ in _DEED_OBJECTS for c in verb.children)
        and any(c.dep_ == "nsubj" for c in verb.children)
    )


def _foretold(verb: Token) -> bool:
    """Whether a verb's only modal is 'will' ("the bullet train will not use Chinese
    technology"): a statement of what will be, not a possibility or a proposal denied."""
    modals = [c for c in verb.children if c.dep_ == "aux" and c.tag_ == "MD"]
    return bool(modals) and all(c.lower_ in ("will", "wo", "'ll") for c in modals)


def _yet_to_scope(head: Token, rules: NegationRules) -> list[Token]:
    """'The CEPA is yet to come into force': the clause; but 'the deficit is yet to be reduced'
    leaves the subject asserted, as 'has not been reduced' does; and 'the MAHSR is yet to be
    completed' is under way, as 'is not yet complete' is (probe s34)."""
    if any(
        c.dep_ == "xcomp"
        and (c.lemma_ in rules.partial_predicates or c.lower_ in rules.partial_predicates)
        for c in head.children
    ):
        return []
    scope = _clause(head, rules)
    if any(c.dep_ == "xcomp" and c.lemma_ in rules.presupposing_verbs for c in head.children):
        kept = {
            t.i
            for c in head.children
            if c.dep_ in _SUBJECTS and _names_a_problem(c, rules)
            for t in c.subtree
        }
        scope = [t for t in scope if t.i not in kept]
    return scope


def framed_denials(doc: Doc, scopes: NegationScopes | None = None) -> set[int]:
    """Token indexes a framing denies the whole of ("It is a myth that panchayats face a
    shortage of staff": ``sentential_negators``), less a clause of its own inside it. The
    clause of a negating verb such a framing cancels ("It is wrong to say that panchayats lack
    funds") is in :attr:`NegationScopes.reversed`, and :func:`denied_negatives` holds it."""
    scopes = negation_scopes(doc) if scopes is None else scopes
    rules = negation_rules()
    lowers = view(doc).lower
    found: set[int] = set()
    for opener in set(scopes.negators.values()):
        if lowers[opener] not in rules.sentential_first:
            continue
        scope = _sentential_scope(doc, lowers, opener, rules)
        inside = {t.i for t in scope}
        found.update(t.i for t in scope if _framed(t, inside))
    return found


def _framed(token: Token, inside: AbstractSet[int]) -> bool:
    """Whether a word of a framing's scope (``inside``) belongs to the framed clause, not to a
    clause of its own in it: "It is wrong to say that panchayats are strong, since they lack
    funds" still states the lack."""
    node = token
    while node.head.i in inside and node.head is not node:
        if node.dep_ in _OWN_CLAUSES:
            return False
        node = node.head
    return True


def _sentential_scope(doc: Doc, lowers: list[str], i: int, rules: NegationRules) -> list[Token]:
    """'It is not true that X': X up to the end of the sentence, a semicolon or a colon before
    a clause of its own is denied."""
    for seq in rules.sentential:
        n = len(seq)
        if tuple(lowers[i : i + n]) == seq:
            if seq[-1] != "that" and not _opens_a_clause(doc, i + n):
                continue  # "this is not the case with Japan": no claim follows
            # the parser often splits such sentences oddly, so scan to the end of the sentence
            # as written: a full stop, a semicolon or a line break
            scope = []
            for token in doc[i + n :]:
                if token.text in _CLAIM_END or "\n" in token.text:
                    break
                if token.text == ":" and _clause_after(token):
                    break
                scope.append(token)
            return _focused_date(scope) or scope
    return []


_FOCUS = frozenset({"only", "just", "merely"})


def _focused_date(scope: list[Token]) -> list[Token] | None:
    """The date a refuted "only … in YEAR" is about, or None: "It is a myth that Japan only
    joined Malabar in 2020; it has been a regular participant since 2015" refutes the date, not
    the joining (probe s34 had read the Malabar point as denied)."""
    inside = {t.i for t in scope}
    for verb in scope:
        if verb.pos_ not in ("VERB", "AUX") or not any(
            c.dep_ == "advmod" and c.lower_ in _FOCUS and c.i < verb.i for c in verb.children
        ):
            continue
        dates = [
            t
            for c in verb.children
            if c.dep_ in ("prep", "npadvmod")
            and c.i > verb.i
            and any(w.like_num for w in c.subtree)
            for t in c.subtree
            if t.i in inside
        ]
        if dates:
            return dates
    return None


def _not_this_but_that(token: Token) -> list[Token] | None:
    """The phrase a 'not … but …' of two phrases on one verb negates, or None: "The Act East
    Forum was not set up in 2014 but in 2017" denies 2014 only; the setting up, in 2017, is
    asserted (trial 28c: it had denied the Act East point)."""
    head = negated_clause_head(token)
    but = next(
        (c for c in head.children if c.dep_ == "cc" and c.lower_ == "but" and c.i > token.i), None
    )
    if but is None:
        # "is not chaired by the Prime Minister but by the Finance Minister": the contrast hangs
        # on the phrase itself, whose conjunct is asserted
        for phrase in head.children:
            if phrase.dep_ not in ("prep", "agent") or phrase.i < token.i:
                continue
            if any(c.dep_ == "cc" and c.lower_ == "but" for c in phrase.children) and any(
                c.dep_ == "conj" for c in phrase.children
            ):
                aside = {
                    t.i for c in phrase.children if c.dep_ in ("cc", "conj") for t in c.subtree
                }
                return [token, *(t for t in phrase.subtree if t.i not in aside)]
        return None
    before = [c for c in head.children if c.dep_ == "prep" and token.i < c.i < but.i]
    after = [c for c in head.children if c.dep_ == "prep" and c.i > but.i]
    if not before or not after:
        return None
    return [token, *(t for c in before for t in c.subtree)]


def _not_after_the_point(token: Token) -> list[Token] | None:
    """'The Quad is a minilateral, not a treaty alliance': a 'not' set after the phrase it hangs
    on, past a comma, denies what follows it, not that phrase (probe 30a had the minilateral
    denied)."""
    head = token.head
    if token.dep_ not in ("neg", "advmod") or head.i > token.i:
        return None
    doc = token.doc
    if head.pos_ in ("VERB", "AUX"):
        # "The Quad was first set up in 2007 – not, as some say, in 2004": a 'not' after a
        # dash or comma that follows the verb's own phrase is an afterthought denying what
        # comes after it (probe s37a had the 2007 founding denied)
        if doc[token.i - 1].text not in _AFTERTHOUGHT_MARKS or not any(
            c.dep_ in _OWN_COMPLEMENTS and head.i < c.i < token.i for c in head.children
        ):
            return None
    elif token.dep_ != "neg" or not any(t.text == "," for t in doc[head.i + 1 : token.i]):
        return None
    said = _cleft_clause(head) if head.pos_ in ("NOUN", "PROPN") else frozenset()
    after = [t for t in head.subtree if t.i > token.i and t.i not in said]
    return [token, *after] if after else None


_AFTERTHOUGHT_MARKS = frozenset({",", "-", "–", "—"})
_NAMES = ("NOUN", "PROPN")


def _set_off_contrast(token: Token) -> list[Token] | None:
    """'JIMEX - not Malabar - is the bilateral exercise', '… is JIMEX - not Malabar': a 'not'
    set off by a dash or a comma between two names denies the name after it only. Around a
    spaced hyphen the parser reads the two names as one ('JIMEX' a compound of 'Malabar'), so
    the whole phrase had been denied, and JIMEX, the true point, read as negated (session 44).
    Typed without spaces ("JIMEX -not Malabar- is …") the second name is the first's apposition.
    None when the parse already keeps the names apart. The caller takes the name after 'not'
    as neither credited nor denied (the sentence says nothing of Malabar itself)."""
    doc = token.doc
    if token.dep_ != "neg" or token.i == 0 or doc[token.i - 1].text not in _AFTERTHOUGHT_MARKS:
        return None
    noun = token.head
    if noun.pos_ not in _NAMES:
        return None
    if noun.i < token.i and noun.dep_ not in ("compound", "nmod"):
        # "JIMEX -not Malabar- is …" (dashes typed against the words): 'not' hangs on the first
        # name, the second its apposition right after the 'not'
        named = next(
            (
                c
                for c in noun.rights
                if c.dep_ == "appos" and c.left_edge.i == token.i + 1 and c.pos_ in _NAMES
            ),
            None,
        )
        return None if named is None else [token, *named.subtree]
    if noun.i < token.i:
        # "… is JIMEX - not Malabar": 'not' hangs on the first name, a modifier of the second
        if noun.head.i < token.i:
            return None
        noun = noun.head
        if noun.pos_ not in ("NOUN", "PROPN"):
            return None
    if noun.left_edge.i >= token.i:
        return None
    return [token, *(t for t in noun.subtree if t.i > token.i)]


def _ceded(verb: Token, rules: NegationRules) -> bool:
    """Whether a negating verb passes its object to another ("Japan lost the Kurils to the
    Soviet Union"): the object still exists, so nothing is negated."""
    return verb.lemma_ in rules.ceding_verbs and any(
        c.dep_ == "prep" and c.lower_ == "to" for c in verb.children
    )


def _sentential_double(doc: Doc, lowers: list[str], i: int, rules: NegationRules) -> set[int]:
    """'It is not true that Japan refused to sign the deal': the sentential negation and the
    negating verb it opens on cancel out (Japan signed); their indexes, or an empty set."""
    scope = _sentential_scope(doc, lowers, i, rules)
    verbs = [t for t in scope if t.pos_ == "VERB"]
    if verbs and verbs[0].lemma_ in rules.negating_verbs:
        return {i, verbs[0].i}
    return set()


_CLAUSE_OPENERS = frozenset({"PROPN", "NOUN", "PRON", "NUM", "ADJ"})
_SUBJECT_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "every"})


def _opens_a_clause(doc: Doc, i: int) -> bool:
    """Whether the word at ``i`` can open a clause: a subject's first word ("… the case Japan
    joined RCEP", "… the case the loans were cheap"), not a preposition, an adverb, "any more"
    or the sentence's end."""
    if i >= len(doc):
        return False
    token = doc[i]
    if token.pos_ == "DET":
        return token.lower_ in _SUBJECT_DETERMINERS
    return token.pos_ in _CLAUSE_OPENERS and token.lower_ != "any"


def _pseudo_tokens(lowers: list[str], rules: NegationRules) -> set[int]:
    """Indexes of tokens that belong to a pseudo-negation such as 'not only' or 'no doubt'."""
    found: set[int] = set()
    for i, low in enumerate(lowers):
        if low not in rules.pseudo_first:
            continue
        for seq in rules.pseudo:
            n = len(seq)
            if seq[0] == low and tuple(lowers[i : i + n]) == seq:
                found.update(range(i, i + n))
    return found


def _negator_scope(token: Token, low: str, rules: NegationRules) -> list[Token]:
    head = token.head
    if (
        low == "no"
        and head.i != token.i
        and head.lower_ in rules.adverbs_after_no
        and head.head.i != head.i
    ):
        # "India no longer imports steel": 'no' hangs on 'longer', which qualifies the verb
        held = head.head
        return _clause(held, rules, _described_subject(held, rules) | _former_holder(held, rules))
    if low == "nor" and token.dep_ in ("cc", "preconj"):
        if any(c.lower_ == "neither" and c.i < token.i for c in head.children):
            return []  # "Neither India nor Japan …": one negation, the one 'neither' opens
        # "…, nor did Japan join": the conjunct after 'nor' is negated
        after = [c for c in head.children if c.dep_ == "conj" and c.i > token.i]
        if not after and token.i == head.left_edge.i and head.pos_ in _CLAUSE_POS:
            # "Nor is it a military alliance.": a sentence that opens with 'nor' is negated
            return _clause(head, rules, _described_subject(head, rules))
        return [
            t for c in after for t in (_clause(c, rules) if c.pos_ in _CLAUSE_POS else c.subtree)
        ]
    if token.dep_ == "preconj" and head.dep_ in ("conj", "appos") and head.i > head.head.i:
        if head.pos_ in _CLAUSE_POS:
            # "…, and neither is Japan; both seek seats as G4 members": 'neither' on a clause
            # negates that clause, and a conjunct with its own subject is its own claim
            return [token, *_clause(head, rules, _described_subject(head, rules))]
        # "a coalition for a free Indo-Pacific, neither alliance nor bloc": the pair after
        # 'neither' is denied, not the noun it was parsed as conjoined with
        return [token, *head.subtree]
    verb = paired_subjects_verb(token)
    if verb is not None:
        if _subject_contrast(verb):
            # "Neither the armies nor the air forces take part in JIMEX; the navies do": the pair
            # is denied, and the predicate given to another subject (session 43)
            subject = next(c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))
            return [token, *subject.subtree]
        # "Neither India nor Japan is comfortable with …": the pair negates the verb as 'not' on
        # it would, for each subject
        return _clause(verb, rules, _described_subject(verb, rules))
    if low in rules.determiner_negators and token.dep_ in ("det", "preconj", "amod", "advmod"):
        if any(c.lower_ in rules.exclusive_modifiers for c in head.children if c.dep_ == "amod"):
            return []  # "no country other than Japan has …": an exclusive claim asserts
        return _nominal_scope(head, rules)
    if token.pos_ in ("PRON", "NOUN") and token.dep_ in _NOMINAL_ROLES:
        # "nothing was signed", "none of the pacts": the pronoun negates its clause
        return _nominal_scope(token, rules)
    if head is token:
        return [token]
    if (
        low == "not"
        and head.pos_ in ("NOUN", "PROPN")
        and head.dep_ in _NOMINAL_ROLES
        and token.i == head.left_edge.i
        and token.i + 1 < len(token.doc)
        and token.doc[token.i + 1].lower_ in ("a", "an", "one", "single")
    ):
        # "Not a single Quad summit has produced a trade deal": 'not a single' negates as 'no'
        # does (the deed of the subject, not the subject)
        return _nominal_scope(head, rules)
    if token.dep_ == "neg" and head.pos_ in ("NOUN", "PROPN") and token.i > head.i:
        own = [c for c in token.children if c.dep_ == "prep"]
        if own:
            # "India is a member of IPEF, not of its trade pillar": the phrase after 'not'
            return [token, *(t for c in own for t in c.subtree)]
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if (
            following is not None
            and following.dep_ == "prep"
            and following.head.i not in (token.i, head.i)
        ):
            # "signed on April 28, 1952, not in 1951": the parser hangs 'not' on the date and
            # 'in 1951' on the verb; the phrase after 'not' is what is denied (probe s34 had
            # checked 1951 as the writer's year)
            return [token, *following.subtree]
    if token.dep_ == "neg" and head.pos_ in ("NOUN", "PROPN"):
        # "an informal grouping, not an alliance": the negation denies the contrasted noun only
        contrasted = [
            c for c in head.children if c.dep_ in ("appos", "conj") and c.left_edge.i == token.i + 1
        ]
        if contrasted:
            said = _cleft_clause(head)
            return [token, *(t for t in contrasted[0].subtree if t.i not in said)]
    if token.dep_ == "neg" and head.pos_ in _CLAUSE_POS:
        contrasted_subject = _subject_contrast(head)
        if contrasted_subject:
            return [token, *contrasted_subject]
    return _clause(head, rules, _described_subject(head, rules))


def _cleft_clause(focus: Token) -> frozenset[int]:
    """The clause of a cleft sentence whose focus is a noun ("It is the navies, not the armies,
    **that train in JIMEX**"): it says what it says of the focus, not of the contrasted noun the
    parser hangs it on, so a 'not' before that noun does not reach it (session 43: JIMEX had
    been read as denied). Empty when the noun is no cleft's focus (the complement of 'be'
    whose subject is 'it')."""
    copula = focus.head
    if not (
        focus.dep_ == "attr"
        and copula.lemma_.lower() == "be"
        and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in copula.children)
    ):
        return frozenset()
    return frozenset(
        t.i
        for noun in focus.subtree
        for c in noun.children
        if c.dep_ == "relcl" and c.i > noun.i
        for t in c.subtree
    )


_ELLIPTICAL_VERBS = frozenset({"do", "be", "have"})
_PARTNER_PREPOSITIONS = frozenset({"with", "between", "among", "amongst"})
_LIST_DEPS = frozenset({"conj", "appos", "cc", "punct"})


def _subject_contrast(verb: Token) -> list[Token]:
    """What a negated clause denies when a bare auxiliary after it gives its predicate to
    another subject: the words that tell the subjects apart. "The Quad leaders did not meet in
    2017; only officials did" denies the leaders, not the 2017 meeting; "The Eastern freight
    corridor was not funded by Japan; the Western corridor was" denies the Eastern one, not
    Japan's funding of a freight corridor (probe s39: both true sentences had been told they
    deny their point). Empty when there is no such auxiliary, or nothing tells them apart."""
    other: Token | None = verb.head
    if verb.dep_ not in ("ccomp", "parataxis") or verb.head.i < verb.i:
        other = next((c for c in verb.children if c.dep_ == "conj" and c.pos_ in _CLAUSE_POS), None)
    if other is None or other.lemma_.lower() not in _ELLIPTICAL_VERBS:
        return []
    children = [c for c in other.children if c.i != verb.i]
    if any(c.dep_ in _OWN_COMPLEMENTS or c.dep_ in _OBJECTS or c.dep_ == "neg" for c in children):
        return []  # "…; the Western corridor was built by India" has its own predicate
    first = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    second = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if first is None or second is None or first.pos_ not in ("NOUN", "PROPN"):
        return []
    if first.lemma_.lower() != second.lemma_.lower() and second.lower_ not in ("one", "ones"):
        return [first]  # the leaders, not the officials: the words that qualify both stay
    theirs = {c.lower_ for c in second.children if c.dep_ == "amod"}
    return [c for c in first.children if c.dep_ == "amod" and c.lower_ not in theirs]


def _nominal_scope(noun: Token, rules: NegationRules) -> list[Token]:
    """'No agreement was signed': a negated subject or object negates its whole clause; a
    negated object not the verbs conjoined after it ("has no permanent staff and depends on
    state employees": the second verb says its own thing of the same subject)."""
    if noun.dep_ in _NOMINAL_ROLES and noun.dep_ != "pobj" and noun.head.pos_ in _CLAUSE_POS:
        kept = None
        if noun.dep_ in _OBJECTS:
            kept = {
                c.i
                for c in noun.head.children
                if c.dep_ == "conj"
                and c.i > noun.i
                and (
                    (
                        c.pos_ in ("VERB", "AUX")
                        and any(g.dep_ in _OWN_COMPLEMENTS for g in c.children)
                    )
                    # "India has no seat in RCEP, and a large deficit with Japan": a second
                    # object with a determiner of its own, which the parser hung on the verb
                    or (c.pos_ == "NOUN" and _determined_item(c, noun.head, rules))
                )
            } | {
                t.i
                for c in noun.children
                if c.dep_ == "conj" and _determined_item(c, noun, rules)
                for t in c.subtree
            }
            # "India has no free trade agreement with the United States, which is why the Quad
            # …": the partner the thing is denied with is taken as given, and what a clause on
            # it says is its own claim (probe s39 had denied the Quad); not the items listed
            # after it ("with Japan, a nuclear deal, or a currency swap")
            partners = {
                g.i
                for c in noun.children
                if c.dep_ == "prep" and c.lower_ in _PARTNER_PREPOSITIONS
                for g in c.children
                if g.dep_ == "pobj" and g.pos_ == "PROPN"
            }
            kept |= {
                t.i
                for i in partners
                for c in noun.doc[i].children
                if c.dep_ not in _LIST_DEPS
                for t in c.subtree
            }
            return [t for t in _clause(noun.head, rules, kept) if t.i not in partners]
        elif noun.pos_ == "NOUN":
            # "No Quad member accepts changes to the status quo": the group a negated subject
            # is drawn from is taken as given; its members' deed is denied
            kept = {
                t.i
                for c in noun.children
                if c.dep_ == "compound" and c.pos_ == "PROPN"
                for t in c.subtree
            } | {
                # "No free trade agreement binds the four Quad members": a named group the
                # deed is denied of is taken as given too (probe s39 had denied the Quad)
                t.i
                for c in noun.head.children
                if c.dep_ == "dobj" and _names_a_group(c, rules)
                for t in c.subtree
            } or None
        return _clause(noun.head, rules, kept)
    if noun.dep_ == "conj" and noun.head.dep_ in _NOMINAL_ROLES:
        return _nominal_scope(noun.head, rules)
    return _walk(noun, rules, _own_items(noun))


def _names_a_group(noun: Token, rules: NegationRules) -> bool:
    """The members of a named group ("the four Quad members", "the Quad countries"); not a
    named thing in general ("Neither side promotes the WPS agenda" denies the agenda)."""
    return noun.lemma_ in rules.group_nouns and any(
        c.dep_ == "compound" and c.pos_ == "PROPN" for c in noun.children
    )


def _own_items(noun: Token) -> set[int]:
    """The conjuncts of a negated noun that are items of their own: after a comma or with a
    determiner of their own ("two democracies with no disputes and a shared stake in the
    Indo-Pacific", "democracies, no disputes, shared Indo-Pacific stake": the 'no' is the
    disputes', session 37's third trial). "no tariffs and quotas" denies both."""
    doc = noun.doc
    own: set[int] = set()
    for c in noun.children:
        if c.dep_ != "conj":
            continue
        comma = any(doc[k].text == "," for k in range(noun.i + 1, c.left_edge.i))
        if comma or any(g.dep_ in ("det", "poss") for g in c.children):
            own |= {t.i for t in c.subtree}
    return own


def _determined_item(conjunct: Token, head: Token, rules: NegationRules) -> bool:
    """Whether a conjunct after 'and' has a determiner of its own, not a negating one ("no seat
    in RCEP and a large deficit"): an item the 'no' before it does not reach. A list joined by
    'or' shares its 'no' ("no logistics pact, a nuclear deal, or a currency swap")."""
    coordinators = [c.lower_ for c in head.children if c.dep_ == "cc"]
    return (
        bool(coordinators)
        and coordinators[-1] == "and"
        and any(
            g.dep_ in ("det", "poss") and g.lower_ not in rules.determiner_negators
            for g in conjunct.children
        )
    )


_OWN_COMPLEMENTS = frozenset({"dobj", "prep", "attr", "acomp", "xcomp", "ccomp"})


def _complements(verb: Token, rules: NegationRules) -> list[Token]:
    """'failed to sign the CEPA', 'lacks a defence pact': the verb's complement is negated."""
    scope: list[Token] = [verb]
    for child in verb.children:
        if child.i < verb.i and _listed_before(child, verb):
            continue  # "the bullet train is late; the AAGC has failed to take off"
        if child.i < verb.i and child.dep_ == "ccomp" and _broken_off(child, verb):
            continue  # "Seeds need oxygen, so sealing them … stops germination" (session 42)
        if child.dep_ in ("xcomp", "dobj", "ccomp", "attr"):
            scope.extend(_walk(child, rules))
    return scope


_HUNG_ON = frozenset({"acl", "relcl", "advcl", "prep"})
_LOST_ALONG = frozenset({"of", "in"})
"""Prepositions whose phrase is part of the lost thing: 'most of their power', 'interest in the
Kuril Islands' ("Japan lost interest in the Kuril Islands long ago" denies that Japan claims
them)."""


def _hung_on_the_lost(verb: Token, scope: list[Token]) -> set[int]:
    """Token indexes of the clauses and phrases hung on what a verb of losing loses (its scope
    from :func:`_complements`): "lost most of their power to levy taxes under GST" loses the
    power, and says nothing of the levying nor of GST. An 'of' phrase is the lost thing itself
    ('most of their power', 'the power of taxation')."""
    inside = {t.i for t in scope}
    hung: set[int] = set()
    for token in scope:
        if token is verb or token.head is verb or token.head.i not in inside:
            continue
        if token.dep_ in _HUNG_ON and not (token.dep_ == "prep" and token.lower_ in _LOST_ALONG):
            hung.update(t.i for t in token.subtree)
    return hung & inside


def _towards_a_lost_stance(verb: Token, scope: list[Token], rules: NegationRules) -> set[int]:
    """Token indexes of what a stance that a verb of losing loses was towards: 'the AAGC' of
    "Japan has lost interest in the AAGC" and of "lost much of its enthusiasm for the AAGC"
    (``stance_loss_nouns``, ``stance_loss_prepositions``). Not a clause or phrase hung on that
    thing, which the loss takes in as it does one hung on the lost thing ('to the Quad' of "lost
    confidence in India's commitment to the Quad": see :func:`_hung_on_the_lost`)."""
    inside = {t.i for t in scope}
    found: set[int] = set()
    for token in scope:
        if token.lemma_.lower() not in rules.stance_loss_nouns or not _lost_itself(token, verb):
            continue
        for child in token.children:
            if child.dep_ != "prep" or child.lower_ not in rules.stance_loss_prepositions:
                continue
            phrase = list(child.subtree)
            hung: set[int] = set()
            for t in phrase:
                if t.i == child.i or t.head.i == child.i:
                    continue  # the preposition and what it names
                if t.dep_ in _HUNG_ON and not (t.dep_ == "prep" and t.lower_ == "of"):
                    hung.update(x.i for x in t.subtree)
            found.update(t.i for t in phrase if t.i not in hung)
    return found & inside


def _doers(verb: Token) -> list[Token]:
    """The words of a verb's subject, or of the subject of the verb it is joined to ("Japan
    joined and later lost interest in ..."): who lost a stance."""
    while not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and verb.dep_ in (
        "conj",
        "xcomp",
    ):
        verb = verb.head
    return [t for c in verb.children if c.dep_ == "nsubj" for t in c.subtree]


def _lost_itself(token: Token, verb: Token) -> bool:
    """Whether the token is what the verb loses: its object, or an 'of' phrase of it ('most of
    its interest')."""
    node = token
    while node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.lower_ == "of":
        node = node.head.head
    return node.dep_ == "dobj" and node.head.i == verb.i


def _described_subject(head: Token, rules: NegationRules) -> set[int]:
    """The subject of a negated copula with an adjective ('the trade deficit is not
    sustainable', 'India's deficit with Japan is not small'): the negation denies the property,
    so the subject stays asserted; unless the adjective denies the subject itself ('the deficit
    is not real', 'is not significant'), or an adjective standing for a noun ('the 2023 Veer
    Guardian was not the last'). A noun predicate ('Japan is not a Quad member')
    classifies the subject and keeps it negated. A negated attachment ('Japan's ODA is not tied
    to political conditions') denies what the subject is tied to, not the subject."""
    children = list(head.children)
    if head.lemma_ in rules.attachment_verbs and any(c.dep_ == "prep" for c in children):
        return {t.i for c in children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    if head.lemma_ not in rules.linking_verbs or (_modal(head) and not _foretold(head)):
        # under 'will' it describes the subject still ("the 2008 declaration will not remain
        # unchanged": probe s35)
        return set()
    predicates = [c for c in children if c.dep_ in ("acomp", "attr", "oprd")]
    if not predicates or any(
        p.dep_ not in ("acomp", "attr")
        or p.pos_ != "ADJ"
        or p.lower_ in rules.existence_predicates
        or p.lemma_ in rules.existence_predicates
        for p in predicates
    ):
        return set()
    # "Japanese firms are not comfortable with India's tax disputes": the disputes exist; so
    # do the minerals of "Japan is not self-sufficient in critical minerals", whose phrase the
    # parser hangs on the copula
    related = {t.i for p in predicates for c in p.children if c.dep_ == "prep" for t in c.subtree}
    last = max(p.i for p in predicates)
    related |= {t.i for c in children if c.dep_ == "prep" and c.i > last for t in c.subtree}
    return related | {t.i for c in children if c.dep_ in ("nsubj", "csubj") for t in c.subtree}


def _others_membership(head: Token, rules: NegationRules) -> set[int]:
    """The whole another country is denied a place in, taken as given: "China is not a member of
    the SCRI", "South Korea is not a party to the India-Japan CEPA" (probe s33: each had denied
    the point). The topic's own countries keep the denial ("Japan is not a member of the
    Quad")."""
    if head.lemma_ not in rules.linking_verbs:
        return set()
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if subject is None or not (_another_country(subject) or _names_another_country(subject)):
        return set()
    # "The US is not in the SCRI", "Neither the US nor China is in the SCRI" (session 37's
    # adversarial probe): what the copula puts it in, too
    within = {
        t.i
        for c in head.children
        if c.dep_ == "prep" and c.lower_ in ("in", "within", "inside")
        for t in c.subtree
    }
    return within | _predicate_parts(head, rules.membership_nouns, lambda c: c.dep_ == "prep")


def _names_another_country(pronoun: Token) -> bool:
    """Whether a subject pronoun ('it') stands for another country, the subject of an earlier
    clause of its sentence ("While the US is in the Quad, it is not part of the SCRI"; "While
    Japan backs the US, it is not part of the SCRI" stays Japan's)."""
    if pronoun.lower_ not in ("it", "they"):
        return False
    before = [
        t
        for t in pronoun.doc[pronoun.sent.start : pronoun.i]
        if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "PROPN"
    ]
    return bool(before) and _another_country(before[0])


def _others_joining(verb: Token, rules: NegationRules) -> bool:
    """Whether a verb is another country's joining ("The US did not join the SCRI", "China has
    not signed the CEPA"): what it did not join is taken as given (session 37)."""
    if verb.lemma_ not in rules.joining_verbs:
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and _another_country(subject)


def _others_agency(verb: Token) -> bool:
    """Whether a negated verb denies another country's agency over its subject: a passive's
    agent ("The SCRI is not led by the US") or a copula's "X-led" ("is not US-led", session 37's
    adversarial probe). The topic's own countries keep the denial."""
    for child in verb.children:
        if child.dep_ == "agent" and any(
            g.dep_ == "pobj" and _another_country(g) for g in child.children
        ):
            return True
        if child.dep_ == "acomp" and any(
            g.dep_ in ("npadvmod", "compound") and _another_country(g) for g in child.children
        ):
            return True
    return False


def _fronted_frame(prep: Token, rules: NegationRules) -> bool:
    """Whether a prepositional phrase opens its clause, set off by a comma, as the frame of
    what the clause says ("In the Quad, only India has no security treaty with the US", "Under
    CEPA, tariffs have not fallen much"): the frame is taken as given (session 37's adversarial
    probe had denied the Quad point)."""
    doc = prep.doc
    after = prep.right_edge.i + 1
    return (
        prep.lower_ in rules.frame_prepositions
        and prep.i < prep.head.i
        and after < len(doc)
        and doc[after].text == ","
    )


def _staged_elsewhere(verb: Token, rules: NegationRules) -> bool:
    """Whether a verb stages its subject at a named place ("Vostok was not held in the Senkaku
    Islands", "The third 2+2 was not held in Tokyo"): the negation denies the place, not the
    event (session 37)."""
    if verb.lemma_ not in rules.staging_verbs:
        return False
    return any(
        c.dep_ == "prep"
        and (c.lower_ in rules.place_prepositions or c.lower_ in _ROUTE_PREPOSITIONS)
        and any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in c.children)
        for c in verb.children
    )


_ROUTE_PREPOSITIONS = frozenset({"at", "off", "to"})
"""Beside ``place_prepositions``: where an event is staged or a route runs ("at Visakhapatnam",
"off Okinawa", "to Delhi")."""


def _role_fields(head: Token, rules: NegationRules) -> set[int]:
    """The field a negated copula's role noun names, taken as given: "India is not yet a major
    semiconductor manufacturer", "India is not a big producer of critical minerals" deny India
    the role, not the semiconductors or the minerals (probe s33). The role noun stays denied."""
    if head.lemma_ not in rules.linking_verbs:
        return set()
    return _predicate_parts(
        head,
        rules.role_nouns,
        lambda c: c.dep_ in ("compound", "nmod") or (c.dep_ == "prep" and c.lower_ in _FIELDS),
    )


_FIELDS = frozenset({"of", "in", "for"})


def _predicate_parts(
    copula: Token, nouns: frozenset[str], part: Callable[[Token], bool]
) -> set[int]:
    """The token indexes of the ``part`` modifiers (with their subtrees) of a copula's noun
    predicates whose lemma is one of ``nouns``."""
    return {
        t.i
        for p in copula.children
        if p.dep_ == "attr" and p.lemma_ in nouns
        for c in p.children
        if part(c)
        for t in c.subtree
    }


def _former_holder(copula: Token, rules: NegationRules) -> set[int]:
    """The subject of "no longer" on a copula with a noun predicate, taken as given: "The 2008
    declaration is no longer the basis of security ties" says it was, and so that it exists
    (probe s34 had read the 2008 declaration as denied). The predicate stays denied."""
    if copula.lemma_ not in rules.linking_verbs or not any(
        c.dep_ == "attr" for c in copula.children
    ):
        return set()
    return {t.i for c in copula.children if c.dep_ == "nsubj" for t in c.subtree}


def _another_country(subject: Token) -> bool:
    """Whether a subject names a country other than the topic's own (``places`` but not
    ``home_places`` in ``names.yaml``; "the United States" by its synonyms)."""
    if subject.pos_ != "PROPN":
        return False
    home, places, country_names = _country_words()
    words = {t.lower_ for t in subject.subtree}
    if words & home:
        return False
    text = " ".join(t.lower_ for t in subject.subtree if t.dep_ not in ("det", "punct"))
    return bool(words & places) or text in country_names


@cache
def _country_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """``names.yaml``'s home words, other countries' words, and the names of several words
    those countries go by ('united states'), lower case; read once."""
    names = names_settings()
    home = frozenset(w for group in names.home_places for w in group)
    places = frozenset(w for group in names.places for w in group)
    synonyms = [{m.lower() for m in group} for group in names.synonyms]
    return home, places, frozenset(m for group in synonyms if group & places for m in group)


def _clause(head: Token, rules: NegationRules, kept: set[int] | None = None) -> list[Token]:
    """The tokens of the clause headed by ``head``, without separate claims attached to it
    (nor the tokens of ``kept``)."""
    # "Japan is not in BRICS but is a Quad member": the subject also belongs to the asserted
    # conjunct, so it stays out of the negated scope
    contrast_at = min(
        (c.i for c in head.children if c.dep_ == "cc" and c.lower_ in rules.contrastive),
        default=None,
    )
    # and so does one the asserted conjunct names again by a pronoun ("The ACSA does not turn
    # India and Japan into allies, but it eases logistics": probe s35 had denied the ACSA)
    shared_subject = contrast_at is not None and any(
        c.dep_ == "conj"
        and c.pos_ in _CLAUSE_POS
        and c.i > contrast_at
        and (
            not _has_subject(c)
            or (
                _pronoun_subject(c, rules)
                # only when the negation denies a deed done to something else: "The ACSA was
                # not signed, but it was discussed", "CEPA never came into force, but it was
                # negotiated", "Dharma Guardian has not taken place, but they planned it" deny
                # the thing itself (adversarial probe s35)
                and _denies_a_deed(head, rules)
                and not _takes_place(head)
            )
        )
        for c in head.children
    )
    corrector = correction(head, rules)
    skip = {
        c.i
        for c in head.children
        if (shared_subject or corrector is not None or _reclassified(head, rules))
        and c.dep_ in _SUBJECTS
    }
    skip |= _others_membership(head, rules) | _role_fields(head, rules)
    if kept:
        skip |= kept
    scope = _walk(head, rules, skip)
    if (
        corrector is not None
        and head.lemma_ == "be"
        and any(c.dep_ in ("attr", "acomp") for c in head.children)
    ):
        # "The Finance Commission under Article 280 is not a permanent body; it is constituted
        # every five years": only the predicate is corrected, not what else the clause says of
        # its subject
        predicate = {
            t.i
            for c in head.children
            if c.dep_ in ("attr", "acomp", "neg") or c.lower_ in rules.adverbs_after_no
            for t in c.subtree
        } | {head.i}
        scope = [t for t in scope if t.i in predicate]
    corrected_at = _corrected_after(head, rules)
    if corrected_at is not None:
        scope = [t for t in scope if t.i < corrected_at]
    if (corrector is not None and _ranks(corrector, rules)) or _rank_given_after(head, rules):
        # "Japan is not India's largest investor; it ranks fifth" (or "it is the fifth"): an
        # investor all the same
        # (and "the largest source of FDI; it is the fifth": a source of FDI all the same; only
        # the rank, 'largest', stays denied)
        nouns = {
            t.i
            for c in head.children
            if c.dep_ == "attr" and c.pos_ == "NOUN"
            for t in c.subtree
            if t.i == c.i
            or (
                not any(a.dep_ == "amod" and a.head.i == c.i for a in t.ancestors)
                and not (t.dep_ == "amod" and t.head.i == c.i)
            )
        }
        scope = [t for t in scope if t.i not in nouns]
    return scope


def _takes_place(verb: Token) -> bool:
    """'take place', 'take shape', 'see the light of day': an object that says the thing
    happened, not a deed done to something else."""
    return verb.lemma_ in ("take", "see") and any(
        c.dep_ == "dobj" and c.lemma_ in ("place", "shape", "off", "light", "effect")
        for c in verb.children
    )


def _pronoun_subject(clause: Token, rules: NegationRules) -> bool:
    """Whether a clause's subject is a pronoun that names a thing again ('it', 'they')."""
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in rules.correcting_subjects
        for c in clause.children
    )


def _ranks(corrector: Token, rules: NegationRules) -> bool:
    """A correction that gives a rank: "it ranks fifth", "it is the fifth", "it is the fifth
    largest"."""
    if corrector.lemma_ in rules.ranking_verbs:
        return True
    return corrector.lemma_ == "be" and any(
        c.dep_ == "attr" and any(_ORDINAL.fullmatch(g.lower_) for g in (c, *c.children))
        for c in corrector.children
    )


def _rank_given_after(copula: Token, rules: NegationRules) -> bool:
    """Whether a negated copula is followed by a contrasting clause that gives the subject a
    rank: "Japan is not the top source of FDI for India, though it is among the top five",
    "… not India's largest investor, but it ranks fifth" (probe s33 had read each as denying
    the fifth-largest source point)."""
    if copula.lemma_ not in rules.linking_verbs:
        return False
    for clause in copula.children:
        if clause.i < copula.i or clause.dep_ not in ("advcl", "conj"):
            continue
        contrasted = any(
            c.dep_ in ("mark", "cc") and c.lower_ in rules.contrastive for c in clause.children
        ) or any(
            c.dep_ == "cc" and c.lower_ in rules.contrastive and c.i < clause.i
            for c in copula.children
        )
        subject = next((c for c in clause.children if c.dep_ in _SUBJECTS), None)
        if (
            contrasted
            and subject is not None
            and subject.lower_ in rules.correcting_subjects
            and not any(c.dep_ == "neg" for c in clause.children)
            and (_ranks(clause, rules) or _among_the_top(clause))
        ):
            return True
    return False


def _among_the_top(verb: Token) -> bool:
    """'is among the top five', 'is one of the largest': a rank given as a group."""
    return any(
        t.lower_ == "top" or t.tag_ == "JJS" or (t.like_num and c.dep_ == "prep")
        for c in verb.children
        if (c.dep_ == "prep" and c.lower_ in ("among", "amongst"))
        or (c.dep_ == "attr" and c.lower_ == "one")
        for t in c.subtree
    )


_ORDINAL = re.compile(
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)"
)


_CORRECTING_PUNCT = frozenset({";", ":", "—", "–", "-", "--"})
_CORRECTED_PARTS = frozenset({"attr", "acomp", "oprd", "prep", "dobj", "advmod", "npadvmod"})
"""What a negated clause may deny instead of its bare deed: a predicate, an object or a
circumstance ('at sea', 'any more')."""


def correction(head: Token, rules: NegationRules) -> Token | None:
    """The clause that corrects a negated clause, or None: "Dharma Guardian is not held at sea;
    it is a land exercise" (the parser hangs the negated clause on the correction after a
    semicolon, colon or dash, whose subject is a pronoun for the same thing). The negated
    clause then denies what it says of its subject, not the subject (trial 28c: the exercise,
    the swap line and Japan as an investor had been denied)."""
    verb = head.head
    if head.dep_ not in ("ccomp", "parataxis") or verb.i <= head.i or verb.pos_ not in _CLAUSE_POS:
        return None
    if not any(c.dep_ in _CORRECTED_PARTS for c in head.children):
        return None  # "The ACSA was not signed; it is still a draft" denies the deed itself
    children = list(verb.children)
    if not any(
        c.dep_ == "punct" and c.text in _CORRECTING_PUNCT and c.i > head.i for c in children
    ):
        return None
    if any(c.dep_ == "neg" for c in children):
        return None  # "… is not held at sea; it is not a naval drill either": no correction
    subject = next((c for c in children if c.dep_ in _SUBJECTS), None)
    if subject is None or subject.lower_ not in rules.correcting_subjects:
        return None
    return verb


def _reclassified(copula: Token, rules: NegationRules) -> bool:
    """Whether a copula's predicate is 'not A but B' ("the civil nuclear agreement is no longer
    a hope but a signed deal", "Japan is not a treaty ally but a strategic partner"): it says
    what the subject is, B, so the subject is asserted with it; so does a verb's "not (seen) as A
    but as B"."""
    if copula.lemma_ not in rules.linking_verbs:
        return _regarded_otherwise(copula, rules) is not None
    if any(
        c.dep_ == "cc"
        and c.lower_ in rules.contrastive
        and any(g.dep_ in ("pobj", "conj", "attr") for g in c.children)
        for c in copula.children
    ) and any(c.dep_ == "attr" for c in copula.children):
        return True  # "was not the first 2+2 but the third" (the parser's 'but' takes 'third')
    for predicate in copula.children:
        if predicate.dep_ not in ("attr", "acomp", "oprd"):
            continue
        contrast_at = min(
            (c.i for c in predicate.children if c.dep_ == "cc" and c.lower_ in rules.contrastive),
            default=None,
        )
        if contrast_at is not None and any(
            c.dep_ == "conj" and c.i > contrast_at for c in predicate.children
        ):
            return True
    return _corrected_after(copula, rules) is not None


def _regarded_otherwise(verb: Token, rules: NegationRules) -> int | None:
    """Where the 'but' of 'not (seen) as A but as B' on one verb stands, or None ("The Northeast
    is no longer seen as a periphery but as India's gateway to Southeast Asia"): what the subject
    is taken to be, B, is asserted, and the subject with it (probe s34 had read the Northeast's
    points as denied)."""
    children = list(verb.children)
    contrast = next(
        (c.i for c in children if c.dep_ == "cc" and c.lower_ in rules.contrastive), None
    )
    if contrast is None:
        return None
    before = any(c.dep_ == "prep" and c.lower_ == "as" and c.i < contrast for c in children)
    after = any(c.dep_ == "prep" and c.lower_ == "as" and c.i > contrast for c in children)
    return contrast if before and after else None


def _figures_contrasted(predicate: Token, rules: NegationRules) -> int | None:
    """Where the 'but' of 'not A but B' of two figures stands, however the parser hangs them
    ("the swap is not 50 billion but 75 billion dollars": both numbers modify 'dollars', and
    'but' hangs on the first), or None."""
    words = list(predicate.subtree)
    for k, word in enumerate(words):
        if word.dep_ == "cc" and word.lower_ in rules.contrastive:
            if any(t.like_num for t in words[:k]) and any(t.like_num for t in words[k + 1 :]):
                return word.i
            return None
    return None


def _corrected_after(copula: Token, rules: NegationRules) -> int | None:
    """Where the 'but' of a negated copula's 'not A but B' stands when the parser hangs B on the
    copula rather than on 'but' or A ("the meeting was not the second but the third 2+2": '2+2'
    an attr of 'was'): what follows it is what the subject is, outside the denial."""
    regarded = _regarded_otherwise(copula, rules)
    if regarded is not None:
        return regarded
    if copula.lemma_ not in rules.linking_verbs:
        return None
    negator = min((c.i for c in copula.children if c.dep_ == "neg"), default=None)
    if negator is None:
        return None
    children = list(copula.children)
    for predicate in children:
        if predicate.dep_ not in ("attr", "acomp", "oprd") or predicate.i < negator:
            continue
        contrast_at = min(
            (c.i for c in predicate.children if c.dep_ == "cc" and c.lower_ in rules.contrastive),
            default=None,
        )
        if contrast_at is not None and any(
            c.dep_ in ("attr", "acomp", "oprd", "npadvmod") and c.i > contrast_at for c in children
        ):
            return contrast_at
        figures_at = _figures_contrasted(predicate, rules)
        if figures_at is not None:
            return figures_at
    return None


# the thing a word of change acts on (its patient): the object of an active verb, the subject of
# a passive one or of one used without an object ("the delays have not eased"), a noun's
# prepositional object ("no reduction in the deficit")
_PATIENT_OF_VERB = frozenset({"dobj", "nsubjpass"})
_PATIENT_OF_NOUN = frozenset({"prep"})


def _persisting_problems(node: Token, rules: NegationRules) -> set[int]:
    """Children of a word of change or comparison that a negation leaves asserted.

    A negated change says the problem it acts on persists ('the deficit has not been reduced',
    'Japan has not removed its barriers'), and a verb of change used without an object says how
    its subject moved ('Japanese investment has not grown', 'ODA disbursement has not slowed'):
    those stay asserted. A negated comparison ('investment has not matched the pledge', 'has
    not kept pace with the promises') keeps both things compared, and a negated use ('the swap
    line has not been used', ``usage_verbs``) the thing unused. The agent of a change
    ('Japan'), an object or passive subject that is no problem ('dependence on China has not
    been reduced') and the subject of a negated modal ('connectivity can not grow') stay
    negated.
    """
    kept: set[int] = set()
    if node.pos_ == "VERB" and _compares(node, rules) and not _modal(node):
        return {c.i for c in node.children if c.dep_ in _COMPARED}
    if node.pos_ == "VERB" and node.lemma_ in rules.usage_verbs and not _modal(node):
        # 'the swap line has not been used', 'has not drawn on the swap': it exists, unused
        return {c.i for c in node.children if c.dep_ in _USED}
    if (
        node.pos_ == "VERB"
        and node.lemma_ in rules.dependence_verbs
        and not _modal(node)
        and any(c.dep_ == "prep" and c.lower_ in ("on", "upon") for c in node.children)
    ):
        # 'the bullet train does not depend on Chinese loans': it exists, and rests on
        # something else
        return {c.i for c in node.children if c.dep_ == "nsubj"}
    if node.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "advmod" and c.lower_ in rules.manner_adverbs for c in node.children
    ):
        # "India's Vostok participation did not go down well in Tokyo": how it went, not
        # whether it happened
        return {c.i for c in node.children if c.dep_ in ("nsubj", "nsubjpass")}
    if node.pos_ == "VERB" and node.lemma_ == "go" and _going_to_fade(node, rules):
        # "China's dominance of rare earths is not going to fade": 'will not fade' (probe s35)
        return {c.i for c in node.children if c.dep_ == "nsubj"}
    if node.pos_ == "VERB" and _verb_in(node, rules.presupposing_verbs):
        children = list(node.children)
        has_object = any(c.dep_ == "dobj" for c in children)
        if not has_object and (
            not _modal(node) or (_foretold(node) and _verb_in(node, rules.fading_verbs))
        ):
            # and under 'will': "China's dominance in rare earths will not vanish soon" (probe
            # s35) says it is there
            kept.update(c.i for c in children if c.dep_ == "nsubj")
        patients = [c for c in children if c.dep_ in _PATIENT_OF_VERB]
    elif node.pos_ == "NOUN" and node.lemma_ in rules.presupposing_nouns:
        patients = [o for c in node.children if c.dep_ in _PATIENT_OF_NOUN for o in c.children]
    else:
        return kept
    neutral = node.pos_ == "NOUN" and node.lemma_ in rules.neutral_change_nouns
    for patient in patients:
        if neutral or _names_a_problem(patient, rules):
            kept.add(patient.i if patient.head.i == node.i else patient.head.i)
    return kept


_COMPARED = frozenset({"nsubj", "dobj", "prep"})


class DeniedRelation(NamedTuple):
    """A negated verb that keeps what it relates asserted: a comparison or a succession ("NITI
    Aayog did not replace the Planning Commission"), or a verb of dropping whose negation
    cancels ("States did not give up their power to tax"; see :func:`denied_relations`)."""

    verb: str
    """The verb's lemma ('replace', 'give')."""
    cue: str
    """The negation cue of its clause."""
    negator: int
    """Token index of the word that opened the negation."""
    start: int
    """Token index of the first word of the verb's clause (its subtree)."""
    end: int
    """Token index one past the last word of the verb's clause."""
    kept: bool = False
    """A denied verb of dropping or losing, not a comparison: what it relates is kept ("The Gram
    Sabha did not give up its say under PESA" says the Gram Sabha has its say)."""


_CANCELLED_RELATED = _COMPARED | {"nsubjpass"}
_OTHER_CLAIMS = frozenset({"conj", "cc", "parataxis", "punct"})


def denied_relations(doc: Doc, scopes: NegationScopes) -> dict[int, DeniedRelation]:
    """Token index of each word of the things a negated relation keeps asserted (the subject,
    object and prepositional objects of a negated comparison, ``comparison_verbs``, or of a
    negated verb of dropping, ``cancelling_verbs``) -> the denial.

    "NITI Aayog did not replace the Planning Commission" keeps both bodies, and a point about
    either stands; but a point whose own claim is the replacing is denied by it (see
    :func:`~evaluator.scoring.checks.matching.coverage.concept_coverage`). A negation that
    bounds only a period ("did not replace it in 2014 but in 2015") or none ("not … until
    2015") leaves the verb out of the scope, and so out of here."""
    if not scopes:
        return {}
    rules = negation_rules()
    found: dict[int, DeniedRelation] = {}
    for i, cue in scopes.items():
        verb = doc[i]
        if verb.pos_ != "VERB" or _modal(verb):
            continue
        negator = scopes.negators.get(i, -1)
        if negator in scopes.cancelled:
            # a verb of losing keeps what is lost, as one of dropping does ("The states did
            # not lose their power to tax", session 48)
            if not cancelling(verb, rules) and (verb.lemma_.lower(),) not in rules.losing_verbs:
                continue  # another double negative ("would not have been built without …")
            related, kept = _CANCELLED_RELATED, True
        elif _compares(verb, rules):
            related, kept = _COMPARED, False
        else:
            continue
        # its own clause: a clause joined to it ("…, and it took over from …") is a claim of its own
        clause = [verb.i] + [
            t.i for child in verb.children if child.dep_ not in _OTHER_CLAIMS for t in child.subtree
        ]
        denial = DeniedRelation(
            verb.lemma_.lower(),
            cue,
            negator,
            min(clause),
            max(clause) + 1,
            kept=kept,
        )
        for child in verb.children:
            if child.dep_ in related:
                for t in child.subtree:
                    if t.i not in scopes:
                        found.setdefault(t.i, denial)
    return found


_USED = _PATIENT_OF_VERB | {"prep"}


def _going_to_fade(going: Token, rules: NegationRules) -> bool:
    """'is going to vanish', 'are going to go away': a future of ending, without an object."""
    return any(
        c.dep_ == "xcomp"
        and (_verb_in(c, rules.fading_verbs) or cancelling(c, rules))
        and not any(g.dep_ == "dobj" for g in c.children)
        for c in going.children
    )


def _modal(verb: Token) -> bool:
    """'can not grow', 'will not be sustainable': a negated modal denies a possibility or a
    proposal (the way-forward points of a rubric are written so: 'connectivity can grow by
    joining Act East with the PQI'), not a report of how things are, so none of its clause is
    presupposed."""
    return any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)


def _compares(verb: Token, rules: NegationRules) -> bool:
    """'match', 'equal', 'keep pace (with)', 'catch up (with)'."""
    return _verb_in(verb, rules.comparison_verbs)


def _verb_in(verb: Token, words: frozenset[str]) -> bool:
    """The verb's lemma is listed, or its lemma and object or particle ('keep pace', 'go
    away')."""
    if verb.lemma_ in words:
        return True
    return any(
        c.dep_ in ("dobj", "prt", "advmod") and f"{verb.lemma_} {c.lemma_}" in words
        for c in verb.children
    )


def _names_a_problem(noun: Token, rules: NegationRules) -> bool:
    """'the trade deficit', 'non-tariff barriers', 'tax disputes and red tape'."""
    heads = [noun, *(c for c in noun.children if c.dep_ == "conj")]
    return any(
        h.lower_ in rules.negative_predicates or h.lemma_ in rules.negative_predicates
        for h in heads
    )


def _walk(root: Token, rules: NegationRules, skip: set[int] | None = None) -> list[Token]:
    skip = (skip or set()) | _run_together_subject(root, rules)
    out: list[Token] = []
    stack = [root]
    while stack:
        node = stack.pop()
        out.append(node)
        children = list(node.children)
        kept = _persisting_problems(node, rules)
        if kept:
            children = [c for c in children if c.i not in kept]
        # a contrast after the head ("not A but B"); one that opens the clause ("Unlike NATO,
        # the Quad is not a military alliance") contrasts nothing inside it
        contrast_at = min(
            (
                c.i
                for c in children
                if c.dep_ in ("cc", "prep") and c.lower_ in rules.contrastive and c.i > node.i
            ),
            default=None,
        )
        for child in children:
            if child.i in skip or _separate_claim(child, contrast_at, rules):
                continue
            stack.append(child)
    return out


def _used_as_verb(token: Token) -> bool:
    """A verb, or a word the parser tags as a preposition but uses as one: 'Tokyo did not like
    India's part in Vostok' ('like' with its own auxiliary and negation)."""
    return token.pos_ == "VERB" or (
        token.pos_ == "ADP" and any(c.dep_ in ("aux", "neg") for c in token.children)
    )


def _named_place_of(preposition: Token) -> bool:
    """Whether a preposition of place names a place for a noun predicate ('claimants in the
    South China Sea'): its object is a proper noun and its head the copula's noun."""
    noun = preposition.head
    return (
        noun.dep_ == "attr"
        and noun.pos_ == "NOUN"
        and any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in preposition.children)
    )


def _restated(clause: Token, rules: NegationRules) -> bool:
    """Whether a clause opens with (or right after) a word of restatement ('viz.', 'i.e.'),
    before its head."""
    doc = clause.doc
    start = max(0, clause.left_edge.i - 1)
    return any(doc[k].lower_ in rules.restating_words for k in range(start, clause.i))


def _separate_claim(child: Token, contrast_at: int | None, rules: NegationRules) -> bool:
    dep = child.dep_
    if dep in rules.boundaries:
        return True
    if _across_a_semicolon(child):
        return True  # "India does not; India's part in Vostok irritated Tokyo"
    if dep in ("ccomp", "conj") and _restated(child, rules):
        return True  # "…, viz. it is only a logistics pact": a restatement of its own
    if dep in ("cc", "prep") and child.lower_ in rules.contrastive:
        return True
    if dep == "prep" and child.lower_ in rules.presupposing_prepositions:
        return True  # "has not narrowed since CEPA": CEPA is taken as given
    if dep == "prep" and child.lower_ in rules.place_prepositions and _named_place_of(child):
        return True  # "are not claimants in the South China Sea": the sea is taken as given
    if _said_of_another(child, rules):
        return True  # "The US did not join the SCRI": set aside, neither credit nor denial
    if (
        dep == "conj"
        and child.pos_ in ("VERB", "AUX")
        and child.i > child.head.i
        and any(g.dep_ == "aux" and g.lemma_ == "have" for g in child.children)
        and not any(g.dep_ in ("nsubj", "neg") for g in child.children)
        and any(g.dep_ == "neg" for g in child.head.children)
    ):
        # "India is not a member of the BRI and has left RCEP too", "The US-2 deal has not been
        # signed and has stalled for years": a verb after 'and' with a perfect 'has' of its own
        # makes its own claim (session 37's probes). Any auxiliary at all lowered SemEval's
        # composite part from 0.556 to 0.534.
        return True
    if dep in ("nsubj", "attr", "appos") and _conceded(child):
        return True  # "The US, although a Quad member, is not in the SCRI": granted, not denied
    if dep in ("acl", "appos") and _set_off(child) and child.head.dep_ in _SUBJECTS:
        # "The Quad, set up in 2007, will never become a trade bloc": a phrase between commas
        # on the subject is an aside of its own, not what the negation denies (probe s37a)
        return True
    if dep in ("nsubj", "nsubjpass") and _confusing(child.head, rules) is not None:
        return True  # "The Quad should not be confused with …": the Quad is not denied
    if dep == "compound" and child.head.lemma_ in rules.part_nouns and child.pos_ == "PROPN":
        return True  # "India is not in the IPEF trade pillar": the IPEF is taken as given
    if dep == "poss" and child.head.dep_ in _OBJECTS:
        return True  # "did not join the IPEF's trade pillar": the IPEF is taken as given
    if (
        dep == "prep"
        and child.lower_ == "of"
        and child.head.dep_ in _OBJECTS
        and child.head.dep_ != "attr"
        and child.head.lemma_ in rules.part_nouns
    ):
        # "has not joined the trade pillar of IPEF", "is not part of the trade pillar of IPEF":
        # a part presupposes its whole, as "the IPEF's trade pillar" does; "not a member of the
        # Quad" and "does not fund the construction of the bullet train" keep theirs denied
        return True
    if (
        dep == "nsubj"
        and _introduced(_after_heading(child))
        and any(c.dep_ == "dobj" for c in child.head.children)
    ):
        # "the agreement that came into force in 2011 has not produced the jump in trade": a
        # subject its own clause describes is taken as given; the negation denies what it did
        return True
    if dep == "nsubj" and _brings_a_result(child.head, rules) and _adjoins(child, child.head):
        # "the civil nuclear agreement has not led to reactor deals": the negation denies the
        # result; the agreement is taken as given
        return True
    if (
        dep == "prep"
        and child.head.dep_ == "nsubj"
        and any(c.dep_ == "dobj" for c in child.head.head.children)
    ):
        # "talks on the US-2 aircraft have not produced a deal": what the subject is about is
        # taken as given (the talks still stand in the denial); the negation denies the deed
        return True
    if dep == "ccomp" and _run_together(child, rules):
        return True
    if dep == "ccomp" and child.i < child.head.i and _broken_off(child, child.head):
        # "Its main tool is the MCC, but the code is not backed by law, so the Commission
        # cannot punish leaders": a clause before a comma is its own claim, whatever the parser
        # hangs it on
        return True
    if dep in ("dep", "npadvmod") and child.i < child.head.i and _listed_before(child, child.head):
        # "Hurdles – land delays, tax disputes, weak logistics, SMEs don't find land": a
        # fragment before a comma (a list of points) is not the clause after it
        return True
    if (
        dep == "nsubj"
        and child.i + 1 < len(child.doc)
        and child.doc[child.i + 1].text in _HEADING_MARKS
        and any(t.text == "," for t in child.subtree)
    ):
        # "Challenges: hilly terrain, insurgency, land delays, Bangladesh and Myanmar don't
        # want …": a heading and its list, which the parser made the subject, are the line's
        # points, not what the clause after them denies
        return True
    if dep == "attr" and contrast_at is not None and child.i > contrast_at:
        return True  # "Japan was not the first but the second partner": B is asserted
    if (
        dep in ("appos", "npadvmod", "nummod", "amod")
        and contrast_at is not None
        and child.i > contrast_at
        and child.head.dep_ in ("attr", "acomp", "oprd")
    ):
        return True  # "It was not the first but the third 2+2": the parser hangs B on A
    if dep == "conj":
        if contrast_at is not None and child.i > contrast_at:
            return True  # "not A but B": B is asserted
        if (
            child.pos_ == "NOUN"
            and _after_comma_and(child)
            and (
                _elliptical_do(child.head)
                or any(g.dep_ == "nummod" and g.lower_ == "two" for g in child.children)
            )
        ):
            # "…; India does not, and its part in Vostok irritated Tokyo", "India has no border
            # dispute with Japan, and the two share a vision": a clause of its own the parser
            # read as a noun (probes s37a, s37b)
            return True
        if _has_subject(child) or any(
            c.dep_ == "preconj" and c.lower_ == "both" and c.i < child.i for c in child.children
        ):
            # "… and India leads the SCO": its own claim, whatever the parser took its head for
            # ("… and its part in the Vostok exercise irritated Tokyo", parsed as a noun); so
            # "… and both uphold freedom of navigation", whose 'both' the parser takes for the
            # first half of "both … and" (batch trial s35)
            return True
        if child.tag_ in _FINITE and child.head.tag_ in _NON_FINITE:
            # "India did not sign RCEP and stayed out of the Osaka Track": the conjunct carries
            # its own tense, so the auxiliary's negation does not reach it
            return True
        if (
            (child.tag_ in _FINITE or child.tag_ == "VB")
            and child.pos_ == "VERB"
            and child.head.lemma_ == "be"
            and child.head.pos_ == "AUX"
        ):
            # "India and Japan are not permanent members and seek seats through the G4": a
            # copula has no 'do' to share, so the plain verb after it ('seek', which the tagger
            # may read as an infinitive) is a claim of its own tense
            return True
        if (
            child.tag_ in _FINITE
            and child.pos_ == "VERB"
            and child.head.tag_ in _FINITE
            and _states_a_negative(child, rules)
        ):
            # "India never joined RCEP and walked out of the talks": a conjunct in its own tense
            # that itself states a negative is the writer's next claim, not a second thing the
            # negation denies (that would be a double negative nobody writes)
            return True
        if (
            child.tag_ in _FINITE
            and child.pos_ == "VERB"
            and child.head.tag_ in _FINITE
            and child.head.pos_ == "AUX"
            and child.head.lemma_ in rules.linking_verbs
        ):
            # "India was not a signatory of the 1951 treaty and made its own peace in 1952": the
            # negation sits in the copula's predicate; the verb after 'and' has its own tense
            return True
    return False


_CONCESSIVE = frozenset({"although", "though", "while", "whilst"})


def _across_a_semicolon(child: Token) -> bool:
    """Whether a word the parser hangs on a negated clause stands after a semicolon that ends
    that clause, elliptical ("does not;", "did not;"): "Japan sanctions Moscow, India does not;
    India's participation in Vostok … irritated Tokyo" made 'participation' an apposition of
    'India' and denied the Vostok exercise (session 40's mentor). Only after such a bare
    'not': a frame that negates the whole sentence ("It is not true that A; B", the audit's
    negated attack) still reaches past the semicolon."""
    head = child.head
    if child.i < head.i:
        return False
    doc = child.doc
    return any(
        t.text == ";"
        and (t.head.i == head.i or t.head.is_ancestor(head))
        and t.i >= 2
        and doc[t.i - 1].dep_ == "neg"
        and doc[t.i - 2].pos_ == "AUX"
        for t in doc[head.i + 1 : child.left_edge.i]
    )


def _conceded(phrase: Token) -> bool:
    """Whether a phrase opens with a concession ('although', 'though', 'while'), set off by a
    comma after it: what it grants stands outside the clause's negation."""
    doc = phrase.doc
    before = phrase.left_edge.i - 1
    end = _end_mark(phrase)
    return (
        before >= 0
        and doc[before].lower_ in _CONCESSIVE
        and doc[before].dep_ == "mark"
        and end is not None
        and doc[end].text == ","
        and end < phrase.head.i
    )


def _end_mark(phrase: Token) -> int | None:
    """The index of the punctuation that closes a phrase: its own last token, or the next one
    (the parser hangs a closing comma on either side)."""
    doc = phrase.doc
    last = phrase.right_edge.i
    if doc[last].is_punct and last > phrase.i:
        return last
    return last + 1 if last + 1 < len(doc) and doc[last + 1].is_punct else None


def _set_off(phrase: Token) -> bool:
    """Whether a phrase stands between commas (or a comma and a dash) right after its noun."""
    doc = phrase.doc
    before = phrase.left_edge.i - 1
    end = _end_mark(phrase)
    return (
        before > phrase.head.i
        and doc[before].text in _AFTERTHOUGHT_MARKS
        and end is not None
        and doc[end].text in _AFTERTHOUGHT_MARKS
    )


def _after_comma_and(conjunct: Token) -> bool:
    """Whether a conjunct follows ', and' (or ', but')."""
    doc = conjunct.doc
    k = conjunct.left_edge.i
    return k >= 2 and doc[k - 1].dep_ == "cc" and doc[k - 2].text == ","


def _elliptical_do(verb: Token) -> bool:
    """'does not' standing for a verb said before it ("Japan sanctions Russia; India does
    not"): a 'do' with nothing to act on."""
    return verb.lemma_ == "do" and not any(
        c.dep_ in _OWN_COMPLEMENTS or c.dep_ in _OBJECTS for c in verb.children
    )


def _states_a_negative(verb: Token, rules: NegationRules) -> bool:
    """Whether a verb, or its particle, is a negative predicate ('withdrew', 'walked out')."""
    words = rules.negative_predicates
    return verb.lemma_ in words or any(
        c.i == verb.i + 1 and c.dep_ in ("prt", "prep", "advmod") and c.lower_ in words
        for c in verb.children
    )


# the result: an object, a complement, a particle, or "to reactor deals" parsed as a clause
_RESULTS = frozenset({"dobj", "prep", "prt", "xcomp"})


def _brings_a_result(verb: Token, rules: NegationRules) -> bool:
    """Whether a verb names a result its subject brought about, with the result written ('has
    not led to deals', 'has not boosted trade'; ``result_verbs``), not under a modal ('will not
    yield returns' is a forecast)."""
    return (
        verb.pos_ == "VERB"
        and verb.lemma_ in rules.result_verbs
        and not _modal(verb)
        and any(c.dep_ in _RESULTS for c in verb.children)
    )


def _broken_off(clause: Token, head: Token) -> bool:
    """Whether a clause that comes before its head ends at a clause break (a comma), though the
    parser may hang the connective after it on the clause ("Seeds need oxygen, **so** sealing
    them in airless jars stops germination": the seeds' need is no part of what 'stops'
    denies; session 42)."""
    doc = clause.doc
    between = doc[clause.right_edge.i + 1 : head.i]
    if any(t.text in _CLAUSE_BREAKS for t in between) or (
        clause.right_edge.i + 1 < len(doc) and doc[clause.right_edge.i].text in _CLAUSE_BREAKS
    ):
        return True
    end = clause.right_edge.i + 1
    return any(
        t.text in _CLAUSE_BREAKS and all(u.lower_ in _CONNECTIVES for u in doc[t.i + 1 : end])
        for t in doc[clause.i + 1 : end]
    )


_CONNECTIVES = frozenset({"so", "and", "but", "yet", "then", "thus", "hence", "therefore"})
"""Words that open the next clause after a comma, which the parser may hang on the one before."""


def _listed_before(fragment: Token, head: Token) -> bool:
    """Whether a fragment before its head ends at a comma, semicolon or colon, or a spaced
    dash: not at the hyphen of a word ('rules-based', parsed 'rules' + 'based')."""
    doc = fragment.doc
    for t in doc[fragment.right_edge.i : head.i]:
        if t.text in (",", ";", ":"):
            return True
        if t.text in ("-", "–", "—") and t.i > 0 and doc[t.i - 1].whitespace_:
            return True
    return False


def _adjoins(subject: Token, verb: Token) -> bool:
    """Whether no clause break stands between a subject's phrase and its verb ('the agreement
    (2016) has not led': brackets are no break); a comma there is a parse that ran two clauses
    together ("Review CEPA, do not create a single window" instructs, then denies)."""
    between = subject.doc[subject.right_edge.i + 1 : verb.i]
    return not any(t.text in _CLAUSE_BREAKS for t in between)


_CLAUSE_BREAKS = frozenset({",", ";", ":", "-", "–", "—"})
_HEADING_MARKS = frozenset({":", "–", "—"})


def _after_heading(noun: Token) -> Token:
    """The subject a line's heading stands for: "Economic: the CEPA, which came into force in
    2011, has not lifted trade" is parsed with the heading 'Economic' as the subject and the
    CEPA as its apposition; the heading must not change what the sentence says, so the
    apposition after the colon is the subject. Any other noun is itself."""
    doc = noun.doc
    colon = noun.i + 1
    if (
        colon >= len(doc)
        or doc[colon].text != ":"
        or noun.left_edge.i != noun.sent.start
        or noun.i - noun.sent.start >= _HEADING_WORDS
    ):
        return noun
    return next((c for c in noun.children if c.dep_ == "appos" and c.i > colon), noun)


_HEADING_WORDS = 4
"""At most this many words before the colon make a heading ('Economic ties:')."""


def _introduced(noun: Token) -> bool:
    """Whether a noun carries its own clause (a relative clause, 'that came into force in 2011',
    or a participle, 'signed in 2011'), which asserts that the thing exists."""
    return any(c.dep_ in ("relcl", "acl") and c.pos_ in ("VERB", "AUX") for c in noun.children)


def _run_together(clause: Token, rules: NegationRules) -> bool:
    """A finite clause the parser hung on a copula as its complement, with no 'that' or
    'whether' to make it one: two claims run together. In "India is not part of RCEP and trade
    under CEPA is small" the small parser reads "trade" as a second object of "part of" and
    "is small" as the complement of the negated "is", so the negation reached the size of the
    trade. A copula with a subject of its own takes no bare clause ("the problem is not that
    trade is small" has its 'that'), so the clause is its own claim; with an empty 'it' ("it
    is not true trade is small", "it is not clear …") the clause is what the copula speaks of."""
    head = clause.head
    return (
        clause.pos_ in _CLAUSE_POS
        and clause.tag_ in _FINITE
        and head.lemma_ in rules.linking_verbs
        and not any(c.dep_ == "mark" for c in clause.children)
        and any(c.dep_ == "nsubj" and c.lower_ not in _EMPTY_SUBJECTS for c in head.children)
    )


_EMPTY_SUBJECTS = frozenset({"it", "this", "that", "there"})


def _run_together_subject(root: Token, rules: NegationRules) -> set[int]:
    """The words the parser left on the negated clause that are the subject of a run-together
    clause with none of its own (see :func:`_run_together`): from the 'and' before the clause
    to the clause ("… and *trade under CEPA* is small"), when no verb stands between."""
    doc = root.doc
    out: set[int] = set()
    for clause in root.children:
        if clause.dep_ != "ccomp" or _has_subject(clause) or not _run_together(clause, rules):
            continue
        start = clause.left_edge.i
        j = start - 1
        while j > root.i and start - j <= _RUN_TOGETHER_SUBJECT:
            token = doc[j]
            if token.dep_ == "cc":
                out.update(range(j + 1, start))
                break
            if token.pos_ in _CLAUSE_POS or token.is_punct:
                break
            j -= 1
    return out


_RUN_TOGETHER_SUBJECT = 8
"""At most this many words between the 'and' and a run-together clause are its subject."""


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in _SUBJECTS for c in token.children)
