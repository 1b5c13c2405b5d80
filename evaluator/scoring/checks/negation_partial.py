"""Negations that negate nothing: a partial one ('not fully utilised', 'no longer a minor
strand'), one limited in time ('not upgraded until 2014') and two that cancel out ('has not been
without difficulties'). See :mod:`evaluator.scoring.checks.negation`."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from evaluator.scoring.checks.negation_rules import NegationRules

_NOMINAL_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "oprd", "dative", "pobj"})
_PARTIAL_NEGATORS = frozenset({"not", "n't", "never"})


def negated_clause_head(token: Token) -> Token:
    """The word whose clause a negator negates: its head, or the verb of the noun it
    qualifies ('Not a single year has passed' -> 'passed')."""
    head = token.head
    if head.pos_ in ("NOUN", "PROPN", "PRON") and head.dep_ in _NOMINAL_ROLES:
        return head.head
    return head


def negated_verb(token: Token, rules: NegationRules) -> Token:
    """:func:`negated_clause_head`, past the 'longer' of 'no longer' ("will no longer be
    discussed without a dedicated dialogue": 'no' hangs on 'longer', which qualifies the
    verb)."""
    head = negated_clause_head(token)
    if head.lower_ in rules.adverbs_after_no and head.dep_ == "advmod":
        return head.head
    return head


_NEGATED_VERB_ARGUMENTS = frozenset({"xcomp", "dobj", "nsubj", "nsubjpass"})
"""A negating verb ('stop', 'abandon') with one of these, itself negated, asserts: its
complement ('has not stopped funding'), or what goes on ('work has not stopped')."""


def double_negations(doc: Doc, candidates: list[int], rules: NegationRules) -> set[int]:
    """Indexes of negators cancelled by a second negative on the same clause, and of that
    negative: a 'without' ('the partnership has not been without difficulties', 'without
    Japanese ODA the metro would not have been built', 'not a single year has passed without a
    summit'), a negating verb with a complement ('Japan does not hesitate to call …'), a
    privative adjective ('not immune to the China factor'); and a negating verb whose
    complement is a verb of dropping ('refused to abandon the project'). Each asserts."""
    cancelled: set[int] = set()
    for i in candidates:
        token = doc[i]
        if (
            token.pos_ == "VERB"
            and token.lemma_ in rules.negating_verbs
            # "did not hesitate to abandon it": the 'not' cancels the hesitation, the
            # abandoning stands (adversarial probe s35)
            and not any(c.dep_ == "neg" for c in token.children)
        ):
            # 'Japan refused to abandon the bullet train': a refusal to drop it keeps it (probe
            # s35 had read the project as denied)
            dropping = [
                c
                for c in token.children
                if c.dep_ == "xcomp"
                and c.pos_ == "VERB"
                and (
                    c.lemma_ in rules.dropping_verbs or verb_and_particle(c) in rules.dropping_verbs
                )
            ]
            # 'Japan refused to let the project lapse': a refusal to let it end keeps it too
            for letting in (c for c in token.children if c.dep_ == "xcomp"):
                if ended := _let_end(letting, rules):
                    dropping += [letting, *ended]
            if dropping:
                cancelled.add(i)
                cancelled.update(c.i for c in dropping)
            continue
        if token.lower_ not in rules.clause_negators:
            continue
        head = negated_verb(token, rules)
        negating = [
            c
            for c in head.children
            if (c.dep_ == "prep" and c.lower_ in rules.negating_prepositions)
            or (c.dep_ == "acomp" and c.lemma_ in rules.privative_predicates)
        ]
        if (
            head.pos_ == "VERB"
            and (head.lemma_ in rules.negating_verbs or cancelling(head, rules))
            and any(c.dep_ in _NEGATED_VERB_ARGUMENTS for c in head.children)
        ):
            # 'has not stopped funding the metro', and without a complement 'support for the
            # metro has not stopped', 'the project has not been abandoned': it goes on
            negating.append(head)
        if ended := _let_end(head, rules):
            # 'Japan would not let the bullet train project fail': it goes on
            negating += [head, *ended]
        if negating:
            cancelled.add(i)
            cancelled.update(c.i for c in negating)
    return cancelled


def _let_end(verb: Token, rules: NegationRules) -> list[Token]:
    """The verbs of ending ('fail', 'lapse', 'be abandoned') a permitting verb ('let',
    'allow') lets happen: 'let the project fail'. The tagger reads a bare 'lapse' after a
    compound as a noun ('let the bullet train project lapse': 'lapse' the object, 'project' its
    compound); such a noun counts too."""
    if verb.pos_ != "VERB" or verb.lemma_ not in rules.permitting_verbs:
        return []
    words = rules.ending_verbs
    return [
        c
        for c in verb.children
        if (
            c.dep_ in ("ccomp", "xcomp")
            and c.pos_ == "VERB"
            and (c.lemma_ in words or c.lower_ in words or verb_and_particle(c) in words)
        )
        or (
            c.dep_ == "dobj"
            and c.lower_ in words
            and any(g.dep_ in ("compound", "nmod") for g in c.children)
        )
    ]


def verb_and_particle(verb: Token) -> str:
    """'give up', 'pull out', 'keep away': a verb's lemma and the particle right after it (''
    without one; the parser reads 'away' as an adverb)."""
    return next(
        (
            f"{verb.lemma_} {c.lower_}"
            for c in verb.children
            if c.dep_ in ("prt", "prep", "advmod") and c.i == verb.i + 1
        ),
        "",
    )


def cancelling(verb: Token, rules: NegationRules) -> bool:
    """Whether a verb is one of ``cancelling_verbs`` ('scrap', 'undermine'), alone or with its
    particle ('give up', 'leave out')."""
    words = rules.cancelling_verbs
    return verb.lemma_ in words or verb.lower_ in words or verb_and_particle(verb) in words


def until(token: Token, rules: NegationRules) -> bool:
    """'Ties were not upgraded until 2014': the event happened, at that time. So with the limit
    on the verb's partner: "Japan did not sign a nuclear deal with any non-NPT state before
    India" (probe s37a had denied the nuclear deal)."""
    head = negated_clause_head(token)
    limits = rules.temporal_limits
    return any(
        c.dep_ in ("prep", "mark", "advcl") and c.lower_ in limits for c in head.children
    ) or any(
        g.dep_ == "prep" and g.lower_ in limits
        for c in head.children
        if c.dep_ == "prep" and c.lower_ == "with"
        for o in c.children
        if o.dep_ == "pobj"
        for g in o.children
    )


def time_bound(token: Token, rules: NegationRules) -> frozenset[str] | None:
    """The years of the period that bounds a negated clause ('No annual summit was held in 2020
    or 2021' -> {'2020', '2021'}; 'during the pandemic' -> an empty set), or None when nothing
    bounds it. A period is a preposition's object that is a date, a year or a period noun."""
    head = negated_clause_head(token)
    for child in head.children:
        if child.dep_ != "prep" or child.lower_ not in rules.time_bound_prepositions:
            continue
        objects = [c for c in child.children if c.dep_ == "pobj"]
        if not objects:
            continue
        words = [w for o in objects for w in o.subtree]
        years = frozenset(w.text for w in words if w.like_num and len(w.text) == 4)
        if child.lower_ == "between" and len(years) > 1:
            # "No annual summit was held between 2018 and 2022": the years bound the gap and
            # are not in it (the 2022 summit ended it; probe s37a had denied that summit)
            return frozenset()
        if years or any(
            w.ent_type_ == "DATE" or w.lemma_.lower() in rules.time_bound_periods for w in objects
        ):
            return years
    return None


def _forms(token: Token) -> set[str]:
    """A word as written and by lemma, and with its particle ('taken off' -> 'take off')."""
    forms = {token.lower_, token.lemma_}
    for child in token.children:
        if child.dep_ == "prt":
            forms |= {f"{token.lemma_} {child.lower_}", f"{token.lower_} {child.lower_}"}
    return forms


def partial_negation(token: Token, low: str, rules: NegationRules) -> bool:
    """'not fully utilised', 'never adequately funded', 'not yet complete', 'no longer a minor
    strand': a degree adverb on the negated word (or right after the negator), or a negated word
    of completion, makes the claim a shortfall of something that exists. A 'Neither … nor …'
    pair of subjects negates its verb as 'not' does ("Neither the bullet train nor the freight
    corridor was completed on time", "Neither India nor Japan can decouple quickly")."""
    negated = _negated_word(token, low, rules)
    if negated is None:
        return False
    head, last = negated
    # the negated word itself, or the complement of a negated copula ("is not yet complete")
    predicates = [head, *(c for c in head.children if c.dep_ in ("acomp", "attr", "oprd"))]
    # "cannot be seen as a mere formality": 'as' introduces what the subject is taken to be
    predicates += [
        o
        for c in head.children
        if c.dep_ == "prep" and c.lower_ == "as"
        for o in c.children
        if o.dep_ == "pobj"
    ]
    # "trade with Japan is not as large as trade with China", "has not attracted as much
    # investment as hoped": a comparison of degree on the complement or on the object
    quantities = [
        m for c in head.children if c.dep_ == "dobj" for m in c.children if m.dep_ == "amod"
    ]
    if any(_degree_comparison(p, rules) for p in (*predicates[1:], *quantities)):
        return True
    # "does not hold a 2+2 with many countries", "has not funded all the projects"
    objects = [c for c in head.children if c.dep_ == "dobj"] + [
        o for c in head.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"
    ]
    if any(
        m.dep_ in ("amod", "det", "predet") and m.lower_ in rules.partial_quantifiers
        for o in objects
        for m in o.children
    ):
        return True
    if any(
        c.dep_ == "prep" and " ".join(t.lower_ for t in c.subtree) in rules.partial_phrases
        for c in head.children
    ):
        return True  # "not moving to Japan in large numbers"
    if any(
        _forms(p) & rules.partial_predicates
        # "Japan is not ready to fund the bullet train" refuses a deed, where "the bullet train
        # is not ready" is under way (the adversarial probe s35)
        and not any(c.dep_ == "xcomp" for c in p.children)
        for p in predicates
    ):
        return True
    if (
        head.lemma_ in rules.not_yet_predicates
        and any(c.lower_ == "yet" for c in head.children)
        and not any(c.dep_ == "dobj" for c in head.children)
    ):
        return True  # "the bullet train is not yet running": built, not yet in service
    if any(
        t.dep_ in ("amod", "advmod") and t.lower_ in rules.partial_modifiers
        for p in predicates
        if p.dep_ in ("attr", "pobj")
        for t in p.doc[p.left_edge.i : p.i]
    ):
        # "not a new concern", "never a mere aid donor": the negation falls on the adjective
        return True
    doc = token.doc
    if last + 1 < len(doc) and doc[last + 1].lower_ in rules.partial_adverbs:
        return True
    # on the negated verb, or on the verb it governs ("does not push its firms to invest
    # abroad boldly")
    modifiers = [
        *head.children,
        # and on a purpose clause ("is not funding projects to counter China alone")
        *(g for c in head.children if c.dep_ in ("xcomp", "advcl") for g in c.children),
    ]
    return any(
        c.dep_ == "advmod"
        and c.i > token.i
        and (c.lower_ in rules.partial_adverbs or _degree_comparison(c, rules))
        for c in modifiers
    )


def _negated_word(token: Token, low: str, rules: NegationRules) -> tuple[Token, int] | None:
    """The word a negator negates, and the negator's last word, where a degree word can make the
    negation partial: the head of 'not', 'n't' or 'never'; the verb 'no longer' qualifies; the
    verb of a 'Neither … nor …' pair of subjects. None for other negators ('no agreement')."""
    head = token.head
    if low in _PARTIAL_NEGATORS:
        return head, token.i
    if low == "neither" and token.dep_ == "det" and head.dep_ in ("nsubj", "nsubjpass"):
        return head.head, token.i  # "Neither side can balance China alone"
    if (
        low == "no"
        and head.i != token.i
        and head.lower_ in rules.adverbs_after_no
        and head.head.i != head.i
    ):
        return head.head, head.i
    verb = paired_subjects_verb(token)
    if verb is not None:
        return verb, token.i
    return None


def paired_subjects_verb(token: Token) -> Token | None:
    """The verb of a subject pair that opens with this 'neither' ("Neither the bullet train nor
    the corridor was completed on time"): the pair says of each subject what 'not' on the verb
    would ("the bullet train was not completed on time"). None for any other word, or a
    'neither' on an object ("Japan is neither a treaty ally nor a BRICS member")."""
    if token.lower_ != "neither" or token.dep_ not in ("det", "preconj"):
        return None
    subject = token.head
    if subject.dep_ not in ("nsubj", "nsubjpass") or subject.left_edge.i != token.i:
        return None
    if not any(c.dep_ == "cc" and c.lower_ == "nor" for c in subject.children):
        return None
    verb = subject.head
    return verb if verb.pos_ in ("VERB", "AUX") and verb.i != subject.i else None


def _degree_comparison(adverb: Token, rules: NegationRules) -> bool:
    """'as fast (as promised)', 'so much': an adverb of degree opened by a comparative word."""
    return any(
        c.dep_ == "advmod" and c.i < adverb.i and c.lower_ in rules.partial_comparatives
        for c in adverb.children
    )
