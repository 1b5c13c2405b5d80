"""How a short answer's negations are read: the relation denied, not only the words in scope.

A Mains essay's negated use says the thing exists and lies unused ("the swap line has not been
used"), and "without Japanese ODA the metro would not have been built" asserts both the aid and
the metro (:func:`~evaluator.scoring.checks.negation.negation_scopes`). A short answer is read
against a reference answer word by word, so there what a negated use or need acts on is denied
with it ("Plants do not need carbon dioxide or water" denies needing both, as the reference
"Plants need carbon dioxide and water" affirms them: session 44's teacher trial), and a
condition stated by two negatives ("Without light there is no photosynthesis") says each of its
words in the negative, as the right answer "no light, so no photosynthesis" does.

:func:`denied_claims` gives, for each negation, the words that name what it denies (not its
verbs): proportional credit reads a denial made of the reference's own words as a denial of the
reference (:mod:`~evaluator.scoring.checks.proportional`).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from evaluator.nlp.docview import view
from evaluator.scoring.checks.negation import NegationScopes, negation_rules
from evaluator.scoring.checks.negation import _modal as modal
from evaluator.scoring.checks.negation import _negator_scope as negator_scope
from evaluator.scoring.checks.negation import _walk as clause_walk
from evaluator.scoring.checks.negation_partial import partial_negation, until
from evaluator.scoring.checks.proportional import CONTENT_POS
from evaluator.settings import lexicon_settings

_CONDITIONS = frozenset({"if", "unless"})
"""Subordinators of a condition: a denial in a conditional sentence says what would be."""
_NOMINAL_NEGATORS = frozenset({"no", "nothing", "none", "nobody", "nowhere"})
"""Negators that deny a thing ('no gap', 'nothing on the bottom'), not the clause's subject."""
_USED = frozenset({"dobj", "nsubjpass", "prep"})
"""What a verb of using or needing acts on: 'need water', 'water is not needed', 'draw on'."""


def short_answer_scopes(doc: Doc, scopes: NegationScopes) -> NegationScopes:
    """``scopes`` with what a short answer's negations deny besides: the object of a negated
    verb of using or needing, and both halves of a 'without … no' condition. A new object;
    ``scopes`` is left as it is."""
    rules = negation_rules()
    line_of = view(doc).line_of
    added: dict[int, int] = {}
    for i, opener in scopes.negators.items():
        token = doc[i]
        if (
            i == opener
            or token.pos_ != "VERB"
            or token.lemma_ not in rules.usage_verbs
            or modal(token)
        ):
            continue
        for child in token.children:
            if child.dep_ in _USED:
                # its own clauses stay out ('the starch it had stored' is given)
                for member in clause_walk(child, rules):
                    added.setdefault(member.i, opener)
    # a condition opened by 'without' and closed by a negation: "Without light there is no
    # photosynthesis" ("not without difficulties", 'without' after, asserts; and so do
    # "did not hesitate to …", "refused to abandon …", which no 'without' opens)
    cancelled = sorted(scopes.cancelled)
    for w in cancelled:
        opening = doc[w]
        if opening.lower_ not in rules.negating_prepositions or opening.dep_ != "prep":
            continue
        closing = [
            doc[j]
            for j in cancelled
            if j > w
            and doc[j].sent.start == opening.sent.start
            and doc[j].lower_ in rules.clause_negators
            and not partial_negation(doc[j], doc[j].lower_, rules)
            and not until(doc[j], rules)
        ]
        if not closing:
            continue
        for member in opening.subtree:
            added.setdefault(member.i, w)
        for negator in closing:
            for member in negator_scope(negator, negator.lower_, rules):
                added.setdefault(member.i, negator.i)
    if not added:
        return scopes
    read = NegationScopes()
    read.update(scopes)
    read.negators = dict(scopes.negators)
    read.reversed = scopes.reversed
    read.bounded = scopes.bounded
    read.aside = scopes.aside
    read.confused = scopes.confused
    read.cancelled = scopes.cancelled
    for index, opener in added.items():
        if index not in read and line_of[index] == line_of[opener]:
            read[index] = doc[opener].text
            read.negators[index] = opener
    return read


def denied_claims(
    doc: Doc, scopes: NegationScopes, undenied: frozenset[int]
) -> dict[int, frozenset[int]]:
    """Negator index -> the indexes of the content words of what it denies (not those of
    :func:`~evaluator.scoring.checks.negation.undenied_words`): stop words and verbs of using or
    needing left out ('do not use carbon dioxide' denies the carbon dioxide of a reference that
    needs it), stop words that carry a point kept ('not in the same path' denies the sameness,
    ``meaning_words``). A negation in a conditional sentence denies no claim."""
    rules = negation_rules()
    kept = frozenset(lexicon_settings().meaning_words)
    claims: dict[int, set[int]] = {}
    conditional = {t.sent.start for t in doc if t.dep_ == "mark" and t.lower_ in _CONDITIONS}
    for i, opener in scopes.negators.items():
        token = doc[i]
        if doc[opener].sent.start in conditional:
            # "If you do not change one variable at a time, it is not a controlled experiment"
            # states a condition, not what is so (SemEval: a right answer of that shape)
            continue
        if i in undenied or token.pos_ not in CONTENT_POS:
            continue
        if token.is_stop and token.lower_ not in kept:
            continue
        if not (token.is_alpha or token.like_num):
            continue
        if token.pos_ == "VERB" and token.lemma_ in rules.usage_verbs:
            continue
        if doc[opener].lower_ in _NOMINAL_NEGATORS and _subject_apart(token, doc[opener]):
            # "Solution 3 has nothing on the bottom": what it has is denied, not the solution
            continue
        claims.setdefault(opener, set()).add(i)
    return {opener: frozenset(words) for opener, words in claims.items()}


def _subject_apart(token: Token, negator: Token) -> bool:
    """Whether ``token`` is in the subject of a clause, a subject that ``negator`` is not in."""
    node = token
    while True:
        if node.dep_ in ("nsubj", "nsubjpass"):
            return not (node.left_edge.i <= negator.i <= node.right_edge.i)
        if node.head.i == node.i:
            return False
        node = node.head
