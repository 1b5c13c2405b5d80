"""Fact checking: values written near a fact's cues, compared with the rubric's expected value.

For every asserted mention of a fact's cue, the values of the fact's kind in the same sentence,
within ``fact.window`` tokens or anywhere in the cue's own clause, are candidates. A value
belongs to the nearest cue of any fact of a compatible kind (a clause boundary counts as extra
distance), so a sentence naming the CEPA with 2011 and the nuclear deal with 2016 pairs each
year with its own cue. List numbers ("1.") are never values; a bare count ("two countries") is
never a sum of money. Then:

* ``supported``: a candidate matches the expected value (within the tolerance);
* ``contradicted``: no candidate matches, and one of them is *stated about the fact*: in the
  cue's clause, about the fact's subject and event (see :mod:`fact_claims`), and not right for
  another fact whose cue the value is attached to (a change of name or status dates the new
  one: "in 2014 the Strategic and Global Partnership was upgraded to a Special Strategic and
  Global Partnership" is true, and so is "India's Act East Policy, announced in 2014 as an
  upgrade of the Look East Policy"), unless the two cues are coordinated and share the value
  ("the nuclear deal and the CEPA were signed in 2016" still contradicts the CEPA's 2011); the
  message quotes that clause ("you wrote 2016 in “The CEPA came into force in 2016”; the source
  notes say 2011");
* ``absent``: the cue is not mentioned, mentioned without a figure, or only with figures about
  something else ("the first 2+2 meeting", "trade with China").

Names are supported when the expected name (or an alternative, or a spelling within one edit
for words of five letters or more) appears near a cue, and contradicted only by one of the
fact's ``contrary`` descriptions given to the cue itself ("JIMEX is an army exercise"; see
:mod:`fact_names`).
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from evaluator.nlp.docview import view
from evaluator.nlp.lexicon import list_marker_words, stem_form
from evaluator.nlp.quantities import (
    Quantity,
    QuantityKind,
    extract_quantities,
    frequencies,
    ordinal_words,
    said_as_frequency,
    scale_factor,
)
from evaluator.rubric.model import Fact
from evaluator.scoring.checks.fact_claims import (
    attached_to,
    clause_span,
    fact_words,
    is_count,
    is_list_number,
    labels_its_line,
    rank_by_size,
    ranks_passed,
    shared_by_conjuncts,
    states_value_of,
    superlative_of,
)
from evaluator.scoring.checks.fact_dates import (
    changes,
    dated_elsewhere,
    dates_another_thing,
    only_a_reference_point,
)
from evaluator.scoring.checks.fact_holders import (
    deed_given_to_another,
    given_to_another,
    names_the_compact,
)
from evaluator.scoring.checks.fact_names import check_name
from evaluator.scoring.checks.fact_parse import (
    SUBJECT_DEPS,
    anchor,
    clause_head,
    cue_head,
    quoted,
)
from evaluator.scoring.checks.matching import TermMatch
from evaluator.scoring.checks.negation import refuted_report
from evaluator.scoring.checks.negation_rules import negation_rules
from evaluator.scoring.report import Evidence, FactResult
from evaluator.settings import names_settings, quantity_settings

_CLAUSE_PENALTY = 6
_COMPATIBLE: dict[str, frozenset[QuantityKind]] = {
    "year": frozenset({"year"}),
    "money": frozenset({"money", "number"}),  # a number only with a scale ("75 billion")
    "number": frozenset({"number"}),
    "percent": frozenset({"percent", "fraction"}),  # "half of": an approximate percent
    "ordinal": frozenset({"ordinal", "superlative", "top"}),  # a superlative only when asked for
}


def format_expected(fact: Fact) -> str:
    """The expected value written for people."""
    expected = fact.expected
    if expected.display:
        return expected.display
    value = expected.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if expected.kind == "money":
        symbol = {"USD": "$", "INR": "Rs ", "JPY": "¥"}.get(expected.currency or "", "")
        scale = f" {expected.scale}" if expected.scale else ""
        return f"{symbol}{value}{scale}"
    if expected.kind == "percent":
        return f"{value}%"
    if expected.kind == "ordinal" and isinstance(value, int):
        return _ordinal_text(value)
    unit = f" {expected.unit}" if expected.unit else ""
    return f"{value}{unit}"


def _ordinal_text(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass(frozen=True, slots=True)
class _Cue:
    fact: Fact
    match: TermMatch


def check_facts(
    doc: Doc,
    facts: Sequence[Fact],
    cue_spans: Mapping[str, Sequence[TermMatch]],
    home: frozenset[str] = frozenset(),
    negated: Mapping[int, str] | None = None,
) -> list[FactResult]:
    """Compare values near each fact's cues with the expected value (one result per fact).

    ``home``: the names of the rubric's own subject (see :func:`fact_claims.home_words`);
    ``negated``: the answer's negation scopes (token index -> cue), for names' contrary
    descriptions (see :mod:`fact_names`).
    """
    cues = [
        _Cue(fact, m)
        for fact in facts
        for m in cue_spans.get(fact.id, ())
        if not m.negated and not dated_elsewhere(fact, doc[m.start : m.end])
    ]
    numeric = [c for c in cues if c.fact.expected.kind != "name"]
    ranks = any(c.fact.expected.superlative for c in numeric)
    quantities = extract_quantities(doc, superlatives=ranks) if numeric else []
    if quantities:
        text = view(doc).source
        markers = _list_markers(doc) if any(q.kind == "ordinal" for q in quantities) else ()
        quantities = [
            q
            for q in quantities
            if not is_list_number(text, q) and not (q.kind == "ordinal" and q.start in markers)
        ]
    sent_of = view(doc).sent_of if quantities else []
    owners = _assign(doc, quantities, numeric, sent_of)
    cues_of: dict[str, list[TermMatch]] = {}
    for cue in cues:
        cues_of.setdefault(cue.fact.id, []).append(cue.match)
    nouns = _cue_nouns(tuple(facts))
    return [
        _check_one(
            doc, fact, cues_of.get(fact.id, []), owners, home, numeric, negated, quantities, nouns
        )
        for fact in facts
    ]


_cue_nouns_memo: dict[int, tuple[tuple[Fact, ...], frozenset[str]]] = {}


def _cue_nouns(facts: tuple[Fact, ...]) -> frozenset[str]:
    """The one-word cues of a rubric's facts, lower case ('partner', 'treaty'), worked out once
    per list of facts."""
    slot = _cue_nouns_memo.get(id(facts[0])) if facts else None
    if slot is not None and len(slot[0]) == len(facts) and all(map(operator.is_, slot[0], facts)):
        return slot[1]
    nouns = frozenset(c.lower() for f in facts for c in f.cues if c.isalpha())
    if facts:
        if len(_cue_nouns_memo) > 8:
            _cue_nouns_memo.clear()
        _cue_nouns_memo[id(facts[0])] = (facts, nouns)
    return nouns


def _clause_head(token: Token) -> int:
    return clause_head(token).i


def _distance(
    doc: Doc, q: Quantity, m: TermMatch, head_of: Callable[[int], int] | None = None
) -> int:
    if q.start >= m.end:
        gap = q.start - m.end
    elif m.start >= q.end:
        gap = m.start - q.end + 1  # a value before its cue loses ties to one after it
    else:
        gap = 0
    if head_of is None:
        head_of = lambda i: _clause_head(doc[i])  # noqa: E731
    if head_of(q.start) != head_of(m.start):
        gap += _CLAUSE_PENALTY
    return gap


def _kind_fits(doc: Doc, fact: Fact, q: Quantity) -> bool:
    kind = fact.expected.kind
    if q.kind not in _COMPATIBLE[kind]:
        return False
    if kind == "money" and q.kind == "number":
        return q.scaled  # "the two central banks" is no sum of money
    if q.kind in ("superlative", "top"):
        return fact.expected.superlative
    if kind == "percent" and fact.expected.unit and not _whole_named(doc, q, fact.expected.unit):
        # a share of the votes is read only in a sentence about votes: "the states get 41% of
        # the divisible pool" is no share of the votes the states hold (session 47)
        return False
    if q.kind == "fraction":
        return True
    if kind == "number" and fact.expected.unit:
        # "508 km": a number with a unit is that unit's value only ("a 50-year loan" is no length)
        if _claims_frequency(fact):
            # "every five years": a claim of how often is met or broken only by how often
            # ("every ten years", "every ten years a commission is set up"), not by how long
            # ("for seventy years", "a term of five years")
            return said_as_frequency(doc, q) and _unit_follows(doc, q, fact.expected.unit, False)
        return _unit_follows(doc, q, fact.expected.unit)
    # "two countries" counts countries: a value only of a fact that is itself a count
    return kind == "number" or not is_count(doc, q)


_RATE_WORDS = frozenset({"per", "/", "an", "a", "each", "every", "hour", "hr", "h", "ph"})
_UNIT_FORMS = {"km": frozenset({"km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"})}


def _whole_named(doc: Doc, q: Quantity, whole: str) -> bool:
    """Whether the value's sentence names what it is a share of ('vote' in "two-thirds of the
    votes", "the Centre's votes are a third")."""
    stem = stem_form(whole.lower())
    return any(
        t.lemma_.lower() == whole.lower() or stem_form(t.lower_) == stem for t in doc[q.start].sent
    )


def _claims_frequency(fact: Fact) -> bool:
    """Whether the fact's claim says how often, in its own unit ("set up every five years")."""
    unit = (fact.expected.unit or "").lower()
    return any(found_unit == unit for _, found_unit, _ in frequencies(fact.claim))


def _unit_follows(doc: Doc, q: Quantity, unit: str, rate: bool = True) -> bool:
    """Whether the word after a number (past a hyphen: '508-km') is ``unit`` or a form of it
    (with ``rate``: and no rate follows, '320 km an hour')."""
    i = q.end
    if i < len(doc) and doc[i].text in ("-", "–"):
        i += 1
    if i >= len(doc):
        return False
    word = doc[i].lower_
    forms = _UNIT_FORMS.get(unit.lower(), frozenset({unit.lower()}))
    if word not in forms and stem_form(word) not in {stem_form(f) for f in forms}:
        return False
    # "320 km per hour", "320 km an hour", "km/h": a rate, not the unit's value
    after = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    return not rate or after not in _RATE_WORDS


def _assign(
    doc: Doc, quantities: list[Quantity], cues: list[_Cue], sent_of: list[int]
) -> dict[tuple[str, int], list[tuple[int, Quantity]]]:
    """Each value goes to the nearest cue(s) of a compatible fact.

    Returns (fact id, cue start) -> [(distance, value)].
    """
    owners: dict[tuple[str, int], list[tuple[int, Quantity]]] = {}
    heads: dict[int, int] = {}  # token index -> its clause head: each walked up once
    source, line_of = view(doc).source, view(doc).line_of
    # a semicolon ends a value's reach: "1952 – peace treaty; 2000 – Global Partnership; 2006 –
    # …" gives the Global Partnership 2000, not the next entry's 2006
    segment = list(itertools.accumulate((t.text == ";" for t in doc), initial=0))

    def labelled(q: Quantity) -> bool:  # "- 2014: raised to …": the year dates its line
        return labels_its_line(source, q)

    def head_of(i: int) -> int:
        found = heads.get(i)
        if found is None:
            found = heads[i] = _clause_head(doc[i])
        return found

    for q in quantities:
        best: list[tuple[int, _Cue]] = []
        fits: dict[int, bool] = {}  # fact -> whether this value's kind fits it
        closed = _bracket_closes(doc, q)
        for cue in cues:
            overlaps = q.start < cue.match.end and q.end > cue.match.start
            if (
                overlaps
                # "the 5 trillion yen target (2022–27) and the SCRI": a value in brackets
                # dates what stands before them, not a cue after them (session 40's mentor)
                or (closed is not None and cue.match.start > closed)
                or segment[q.start] != segment[cue.match.start]
                or (
                    sent_of[q.start] != cue.match.sent
                    and not (labelled(q) and line_of[q.start] == line_of[cue.match.start])
                )
            ):
                continue
            fit = fits.get(id(cue.fact))
            if fit is None:
                fit = fits[id(cue.fact)] = _kind_fits(doc, cue.fact, q)
            if not fit:
                continue
            if q.kind in ("superlative", "top") and not superlative_of(
                doc, q, doc[cue.match.start : cue.match.end], cue.fact
            ):
                continue  # "the largest partner and a source of FDI": not the FDI's rank
            distance = _distance(doc, q, cue.match, head_of)
            same_clause = head_of(q.start) == head_of(cue.match.start)
            # "Veer Guardian, first held in 2023, ...": a clause that modifies the cue is its
            # own, however far its value sits
            if (
                distance > cue.fact.window
                and not same_clause
                and not attached_to(doc, q, doc[cue.match.start : cue.match.end])
                and not labelled(q)
            ):
                continue
            if not best or distance < best[0][0]:
                best = [(distance, cue)]
            elif distance == best[0][0]:
                best.append((distance, cue))
        best += _results_of_change(doc, q, cues, sent_of, [c for _, c in best])
        for distance, cue in best:
            owners.setdefault((cue.fact.id, cue.match.start), []).append((distance, q))
    return owners


def _bracket_closes(doc: Doc, q: Quantity) -> int | None:
    """The index of the ')' that closes a bracket holding the value and nothing but it (and
    words of its range: "(2022–27)", "(since 2015)"), or None."""
    sent = doc[q.start].sent
    opened = next((t.i for t in reversed(doc[sent.start : q.start]) if t.text in "()"), None)
    if opened is None or doc[opened].text != "(" or q.start - opened > 2:
        return None
    return next((t.i for t in doc[q.end : min(q.end + 3, sent.end)] if t.text == ")"), None)


def _results_of_change(
    doc: Doc, q: Quantity, cues: list[_Cue], sent_of: list[int], taken: list[_Cue]
) -> list[tuple[int, _Cue]]:
    """The cues a year of a change dates besides its nearest one: what the thing became ("In
    2016 the Global Partnership was raised **to a Strategic and Global Partnership**" dates the
    Strategic and Global Partnership, whose cue is further from the year than the Global
    Partnership's; see ``change_words`` in ``quantities.yaml``)."""
    value = anchor(doc, q)
    verb = clause_head(value)
    if not changes(verb):
        return []
    results = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "into", "as")]
    if not results:
        return []
    # the year must date the change, not a cue it already belongs to on its way up: "raised to
    # a Special Strategic and Global Partnership in 2010, after the Global Partnership of 2000"
    # dates the SSGP with 2010 only (batch trial s35: it was told "you wrote 2000")
    named = {t for cue in taken for t in range(cue.match.start, cue.match.end)}
    node = value
    while node.i != verb.i and node.head.i != node.i:
        if node.i in named:
            return []
        node = node.head
    inside = {t.i for r in results for t in r.subtree}
    return [
        (0, cue)
        for cue in cues
        if cue not in taken
        and sent_of[cue.match.start] == sent_of[q.start]
        and cue.match.start in inside
        and q.kind in _COMPATIBLE[cue.fact.expected.kind]
    ]


def _check_one(
    doc: Doc,
    fact: Fact,
    mine: list[TermMatch],
    owners: Mapping[tuple[str, int], list[tuple[int, Quantity]]],
    home: frozenset[str],
    cues: Sequence[_Cue] = (),
    negated: Mapping[int, str] | None = None,
    quantities: Sequence[Quantity] = (),
    cue_nouns: frozenset[str] = frozenset(),
) -> FactResult:
    if not mine:  # most facts in most answers: one lookup, not a wording of the value
        slot = _unmentioned_by_fact.get(id(fact))
        if slot is not None and slot[0] is fact:
            return slot[1]
        result = _absent(doc, fact, mine, format_expected(fact))
        if len(_unmentioned_by_fact) >= _UNMENTIONED_MAX:
            _unmentioned_by_fact.clear()
        _unmentioned_by_fact[id(fact)] = (fact, result)
        return result
    expected = format_expected(fact)
    if fact.expected.kind == "name":
        mine = [
            m
            for m in mine
            if not _owned_by_another(doc, fact, m, home)
            and not _modifies_another_cue(doc, fact, m, cue_nouns)
        ]
        named = check_name(doc, fact, mine, expected, negated or {})
        return named if named is not None else _absent(doc, fact, mine, expected)
    candidates = sorted(
        ((d, q, m) for m in mine for d, q in owners.get((fact.id, m.start), [])),
        key=lambda item: (item[0], item[1].start),
    )
    # a figure in another currency cannot be compared without a rate: neither right nor wrong,
    # unless no plausible rate makes it right
    candidates = [
        (d, q, m)
        for d, q, m in candidates
        if _same_currency(fact, q) or _wrong_at_any_rate(fact, q)
    ]
    denied = negated or {}
    # a value dating a denied deed is no claim either way ("NITI Aayog did not replace the
    # Planning Commission in 2014" is true, "... in 2015" is false): the negation leaves what a
    # verb of replacing acts on asserted, so its date had been read as stated (trial s46)
    denied_values = {q.start for _, q, _ in candidates if _dates_a_denied_deed(doc, q, denied)}
    # a value said of another subject than the one the answer denies it of ("Japan is not
    # India's first 2+2 partner; the United States is", "The US, not Japan, was India's first
    # 2+2 partner"): no claim of the rubric's own subject either way (trial s47); but when the
    # value is the notes' own, the answer denies the notes of that subject (below)
    home_denials = {
        q.start: names
        for _, q, _ in candidates
        if q.start not in denied_values and (names := _denied_homes(doc, q, denied, home))
    }
    denied_values |= home_denials.keys()
    # a year of one home country's deed said of the other ("India has been a permanent member of
    # Malabar since 1992" of "Japan has been a permanent member … since 2015"): another holder's
    # year, neither right nor wrong (session 49)
    denied_values |= {
        q.start
        for _, q, _ in candidates
        if q.kind == "year" and _said_of_the_other_home(doc, fact, q)
    }
    # the notes' place in an order given to another name ("Australia was the second country to
    # hold a 2+2 with India"): it supports nothing, and says the fact's subject lacks it
    given = {
        q.start: holders
        for _, q, _ in candidates
        if q.kind in ("ordinal", "superlative")
        and (holders := _given_to_another(doc, fact, q, home))
    }
    # a year of the rubric's own pair given to another pair ("Australia signed its CEPA with
    # India in 2011"): it supports nothing either (session 49)
    dated_for: dict[int, tuple[frozenset[str], TermMatch]] = {}
    for _, q, m in candidates:
        if q.kind == "year" and q.start not in dated_for:
            names = deed_given_to_another(doc, fact, q, doc[m.start : m.end], home)
            if names:
                dated_for[q.start] = (names, m)
    for _, q, m in candidates:
        # a value the answer denies supports nothing ("signed not in 1952 but in 1956")
        if q.start in denied or q.start in denied_values or q.start in given:
            continue
        if q.start in dated_for:
            continue
        if q.kind == "ordinal" and rank_by_size(anchor(doc, q), fact):
            continue  # "India is Japan's second-largest trading partner": no 2+2 order
        if q.kind in ("top", "fraction"):
            continue  # "among the top five", "about a third": not wrong, but no figure either
        if (_matches(fact, q) or _right_counting_the_passed(doc, fact, q)) and not _dates_other(
            doc, fact, q, m, home
        ):
            return FactResult(
                fact.id,
                fact.concept,
                fact.claim,
                "supported",
                q.text,
                expected,
                [_evidence(doc, q)],
                f"correct: {q.text}",
            )
    stated = [
        q
        for _, q, m in candidates
        # a value the answer denies ("Japan is not India's largest investor; it ranks fifth")
        # is no claim of it
        if q.start not in denied
        and q.start not in denied_values
        # "among the top three" is wrong of the fifth, "among the top ten" is not
        and (q.kind != "top" or float(fact.expected.value) > q.value + fact.expected.tolerance)
        # "half of the aircraft" is wrong of 30%, "a third of" or "a quarter of" is not
        and (q.kind != "fraction" or _fraction_off(fact, q))
        and not _bound_holds(doc, fact, q)
        and states_value_of(doc, fact, q, doc[m.start : m.end], home)
        and not _right_for_another(doc, fact, q, doc[m.start : m.end], cues, owners)
        and not _writes_the_year(doc, fact, q, doc[m.start : m.end], owners, home, denied)
        and not _corrected_later(doc, fact, q, quantities)
        and not _titles_another(doc, fact, m, home)
        and not _disowned(doc, q)
        and not _another_year_of_the_claim(doc, fact, q)
        and not _rank_narrowed_by_place(doc, m)
        # another value the notes give for the cue ("the 2025 Joint Declaration on Security
        # Cooperation", which replaced the 2008 one): not wrong
        and not any(_matches(fact, q, target=v) for v in fact.expected.also)
    ]
    if stated:
        return _contradicted(
            doc,
            fact,
            stated[0],
            expected,
            "you wrote {found} in “{clause}”; the source notes say {expected}",
        )
    # "Japan is not India's second 2+2 partner; Australia is", "Australia, not Japan, was
    # India's second 2+2 partner": the notes' own value denied of the rubric's own subject,
    # and given to another, is a wrong claim (session 48)
    for _, q, m in candidates:
        denied_names = home_denials.get(q.start)
        if denied_names and _denies_the_notes(
            doc, fact, q, doc[m.start : m.end], home, denied_names
        ):
            return _contradicted(
                doc, fact, q, expected, "“{clause}” denies what the source notes say: {claim}"
            )
    for _, q, m in candidates:
        given_to = given.get(q.start, frozenset())
        if (
            given_to
            and q.start not in denied
            and q.start not in denied_values
            and _matches(fact, q)
            and not rank_by_size(anchor(doc, q), fact)
            and states_value_of(doc, fact, q, doc[m.start : m.end], home | given_to, given_to)
            and not _disowned(doc, q)
            and not _names_the_subject_elsewhere(doc, fact, q, home)
        ):
            return _contradicted(
                doc,
                fact,
                q,
                expected,
                "“{clause}” gives another what the source notes say: {claim}",
            )
    for start, (given_to, m) in dated_for.items():
        q = next(q for _, q, _ in candidates if q.start == start)
        cue = doc[m.start : m.end]
        if (
            start not in denied
            and start not in denied_values
            and _matches(fact, q)
            and names_the_compact(doc, cue)
            and states_value_of(doc, fact, q, cue, home | given_to)
            and not _disowned(doc, q)
        ):
            return _contradicted(
                doc,
                fact,
                q,
                expected,
                "“{clause}” gives another what the source notes say: {claim}",
            )
    return _absent(doc, fact, mine, expected)


def _contradicted(doc: Doc, fact: Fact, q: Quantity, expected: str, says: str) -> FactResult:
    """The result of a wrong value ``q``: ``says`` is its message, with ``{clause}`` (the
    answer's clause that states the value, quoted), ``{found}``, ``{expected}`` and ``{claim}``
    filled in."""
    clause = quoted(clause_span(doc, q).text)
    return FactResult(
        fact.id,
        fact.concept,
        fact.claim,
        "contradicted",
        q.text,
        expected,
        [_evidence(doc, q)],
        says.format(clause=clause, found=q.text, expected=expected, claim=fact.claim),
        clause,
    )


def _names_the_subject_elsewhere(doc: Doc, fact: Fact, q: Quantity, home: frozenset[str]) -> bool:
    """Whether the value's sentence names a home word the claim names only as its subject
    ("Australia was the second country to hold a 2+2 with Japan" ranks Japan's partners, not
    India's): then the order may be another one, and a place given to another is not wrong."""
    subject = _first_home_of(fact.claim, home)
    others = set(re.findall(r"[a-z]+", fact.claim.lower())) & home - {subject}
    return any(t.lower_ in home and t.lower_ not in others for t in doc[q.start].sent)


def _given_to_another(doc: Doc, fact: Fact, q: Quantity, home: frozenset[str]) -> frozenset[str]:
    """The names an ordinal is said of, when the fact's claim is about a name of the rubric's
    own and none of them is one (see :func:`fact_holders.given_to_another`)."""
    subject = _first_home_of(fact.claim, home)
    if subject is None or fact.expected.kind != "ordinal":
        return frozenset()
    return given_to_another(doc, q, home)


_RANKED = re.compile(r"\d+(?:st|nd|rd|th)", re.IGNORECASE)


def _said_of_the_other_home(doc: Doc, fact: Fact, q: Quantity) -> bool:
    """Whether the value's clause has for its only subject a country of ``home_places`` other
    than the one the claim begins with, and the claim names no word of that country."""
    claim = {w.lower() for w in re.findall(r"[A-Za-z]+", fact.claim)}
    first = re.match(r"[A-Za-z]+", fact.claim)
    groups = [frozenset(g) for g in names_settings().home_places]
    own = next((g for g in groups if first and first.group(0).lower() in g), None)
    if own is None:
        return False
    subjects = [c for c in clause_head(anchor(doc, q)).children if c.dep_ in SUBJECT_DEPS]
    if len(subjects) != 1 or any(c.dep_ == "conj" for c in subjects[0].children):
        return False
    word = subjects[0].lower_
    return any(word in g and g != own and not (g & claim) for g in groups)


def _rank_narrowed_by_place(doc: Doc, m: TermMatch) -> bool:
    """Whether a ranked cue is followed at once by a named place that may narrow its rank: "The
    first 2+2 in Tokyo came in 2022" may count only the meetings held in Tokyo, so its year is
    no claim against the first of all (session 47; the parser hangs the place on the cue or on
    the verb)."""
    if m.end + 1 >= len(doc) or doc[m.end].lower_ not in ("in", "at"):
        return False
    ranks = ordinal_words()
    if not any(t.lower_ in ranks or _RANKED.fullmatch(t.text) for t in doc[m.start : m.end]):
        return False
    return doc[m.end + 1].pos_ == "PROPN" and doc[m.end + 1].sent.start == doc[m.start].sent.start


def _right_counting_the_passed(doc: Doc, fact: Fact, q: Quantity) -> bool:
    """Whether an ordinal is right once the names it is counted after are counted too ("After
    the US, Japan was the first country to hold a 2+2" ranks Japan second; session 43)."""
    if q.kind != "ordinal" or fact.expected.kind != "ordinal":
        return False
    passed = ranks_passed(anchor(doc, q))
    return passed > 0 and _matches(fact, q, target=float(fact.expected.value) - passed)


def _another_year_of_the_claim(doc: Doc, fact: Fact, q: Quantity) -> bool:
    """Whether a year is one the fact's own claim writes of another event of it, and the answer
    writes it of that event: "The Cauvery tribunal gave its final award in 2007" is true of a
    fact dated 1990 whose claim reads "was set up in 1990 and gave its final award in 2007"
    (session 38), so it does not contradict it; "The Look East Policy began in 2014" still
    contradicts "dates from 1991-92 (it became Act East in 2014)", whose 2014 is of becoming."""
    if fact.expected.kind != "year" or q.kind != "year":
        return False
    cue_words = {stem_form(w) for c in fact.cues for w in re.findall(r"[A-Za-z]+", c)}
    written = {stem_form(t.text) for t in clause_span(doc, q) if t.is_alpha}
    for part in _CLAIM_PARTS.split(fact.claim):
        years = [int(m.group(1)) for m in _YEAR.finditer(part)]
        if int(q.value) not in years or int(fact.expected.value) in years:
            continue
        event = {stem_form(w) for w in re.findall(r"[A-Za-z]{4,}", part)} - cue_words
        if event & written:
            return True
    return False


_CLAIM_PARTS = re.compile(r"[;,()]|\band\b")


def _corrected_later(doc: Doc, fact: Fact, q: Quantity, quantities: Sequence[Quantity]) -> bool:
    """Whether a later value of the same sentence gives the fact right after a word that
    corrects or changes the earlier one (``correction_words``, ``change_words``,
    ``successor_words`` in ``quantities.yaml``, or a semicolon): "Some textbooks say the ACSA
    was signed in 2018; it was signed in 2020", "Japan adopted a National Security Strategy in
    2013 and a new one in 2022" (trial 31a: both true, both called wrong)."""
    settings = quantity_settings()
    words = settings.correction_words | settings.successor_words | set(settings.change_words)
    sent_of = view(doc).sent_of
    for later in quantities:
        if later.start < q.end or sent_of[later.start] != sent_of[q.start]:
            continue
        if later.kind != q.kind or not _matches(fact, later):
            continue
        if any(
            t.text == ";" or t.lower_ in words or t.lemma_.lower() in words
            for t in doc[q.end : later.start]
        ):
            return True
    return False


_TITLE_LINKS = frozenset({"on", "of", "for", "against"})


def _list_markers(doc: Doc) -> frozenset[int]:
    """Token indexes of the ordinals that open a sentence as a list marker ('Second, it improves
    defence relations'): they rank no fact (trial s36 had praised "Japan is the second country
    … to hold a 2+2 with India")."""
    tokens = view(doc)
    sent_of = tokens.sent_of
    opens = [k == 0 or sent_of[k - 1] != sent_of[k] for k in range(len(doc))]
    return frozenset(list_marker_words(tokens.lower, opens))


def _owned_by_another(doc: Doc, fact: Fact, m: TermMatch, home: frozenset[str]) -> bool:
    """Whether a cue's noun belongs to another name: "The Quad's third meeting was held in
    Tokyo" is no claim about the third India–Japan 2+2 (rubric 1.7.89 cues it by "third
    meeting")."""
    own = fact_words(fact) | home
    head = cue_head(doc[m.start : m.end])
    return any(
        c.dep_ == "poss" and c.pos_ == "PROPN" and c.lower_ not in own for c in head.children
    )


def _modifies_another_cue(doc: Doc, fact: Fact, m: TermMatch, nouns: frozenset[str]) -> bool:
    """Whether a cue only qualifies the noun after it, and that noun is another fact's cue:
    "Japan, India's **3rd 2+2 partner**, met India in New Delhi" names a partner, not the third
    2+2 meeting (session 49's probe: it had been praised for the third meeting's place). A
    one-word cue ('Japan', 'India') is its name wherever it stands."""
    if m.end - m.start < 2:
        return False
    head = cue_head(doc[m.start : m.end])
    word = head.lemma_.lower()
    return head.i >= m.end and word in nouns and word not in fact_words(fact)


def _titles_another(doc: Doc, fact: Fact, m: TermMatch, home: frozenset[str]) -> bool:
    """Whether a cue written with a capital opens the title of another thing: "the **Treaty on
    the Non-Proliferation of Nuclear Weapons**" is no peace treaty, whatever the parser hangs
    its "on" on (trial 31a: its 1970 was called a wrong year of the 1952 treaty). A title's
    words the claim or the subject's names use ("the Treaty of Peace", "of Japan") are the
    fact's own."""
    last = doc[m.end - 1]
    if not last.text[:1].isupper() or last.is_sent_start or m.end >= len(doc):
        return False
    if doc[m.end].lower_ not in _TITLE_LINKS:
        return False
    own = fact_words(fact) | home
    for token in doc[m.end + 1 : m.end + 6]:
        if token.is_punct and token.text not in "-–":
            return False
        if token.is_alpha and token.text[:1].isupper() and token.lower_ not in own:
            return True
    return False


_DATING_ARCS = frozenset({"pobj", "prep", "nummod", "compound", "npadvmod", "quantmod", "nmod"})
"""Arcs from a value up to the verb it dates: 'in 2014', 'on 1 January 2014', 'last year'."""


def _denied_homes(
    doc: Doc, q: Quantity, denied: Mapping[int, str], home: frozenset[str]
) -> frozenset[str]:
    """The names of the rubric's own ('Japan') the value's clause denies in its subject, while
    the value itself is not denied: the negation contrasts who the value belongs to ("Japan is
    not … first …; the United States is", "The US, not Japan, was … first")."""
    if not denied or not home or q.start in denied:
        return frozenset()
    head = clause_head(anchor(doc, q))
    subjects = [c for c in head.children if c.dep_ in SUBJECT_DEPS]
    said_of = {t.i for s in subjects for t in s.subtree}
    if any(
        t.i in denied and t.i not in said_of and not q.start <= t.i < q.end and _a_value(t)
        for t in head.subtree
    ):
        return frozenset()  # "Japan was not the first but the second …": another value denied
    return frozenset(
        t.lower_ for s in subjects for t in s.subtree if t.i in denied and t.lower_ in home
    )


_VALUE_WORD = re.compile(
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|\d+(?:st|nd|rd|th)|1[5-9]\d\d|20\d\d)",
    re.IGNORECASE,
)


def _a_value(token: Token) -> bool:
    """Whether a word is an ordinal or a year ('first', '2018'; not the '2' of '2+2'): a value
    of its own."""
    return bool(_VALUE_WORD.fullmatch(token.text))


def _denies_the_notes(
    doc: Doc, fact: Fact, q: Quantity, cue: Span, home: frozenset[str], names: frozenset[str]
) -> bool:
    """Whether a value denied of ``names``, the rubric's own subject (see :func:`_denied_homes`),
    is the notes' own value of a claim about that subject, stated as the cue's, outright: then
    the answer denies the notes ("Japan is not India's second 2+2 partner; Australia is")."""
    if q.kind in ("top", "fraction") or not _matches(fact, q):
        return False
    if q.kind == "ordinal" and rank_by_size(anchor(doc, q), fact):
        return False  # "… second-largest trading partner": no 2+2 order
    if _first_home_of(fact.claim, home) not in names:
        # the denied name must be the one the claim is about: "China, not Japan, declared the
        # zone in 2013" and "Japan, not India, is the fifth-largest source of FDI in India"
        # deny nothing the notes say
        return False
    # the names the subject sets against the denied one are who the value is given to
    # ("Australia, not Japan, was the second …"), no other subject of the claim
    subjects = [c for c in clause_head(anchor(doc, q)).children if c.dep_ in SUBJECT_DEPS]
    given_to = frozenset(t.lower_ for s in subjects for t in s.subtree if t.pos_ == "PROPN")
    return states_value_of(doc, fact, q, cue, home | given_to) and not _disowned(doc, q)


def _first_home_of(claim: str, home: frozenset[str]) -> str | None:
    """The first name of the rubric's own a fact's claim gives, the one it is about ('Japan' in
    "Japan is the second country … with India")."""
    return next((w for w in re.findall(r"[a-z]+", claim.lower()) if w in home), None)


def _dates_a_denied_deed(doc: Doc, q: Quantity, denied: Mapping[int, str]) -> bool:
    """Whether the value dates a verb the answer negates ("did not replace the Planning
    Commission in 2014", "never replaced it in 2015"): the verb and its own negator are in a
    negation scope, and the value hangs on that verb through prepositions and modifiers only
    (not through a conjunct: "not in 2014 but in 2015" asserts 2015; nor through a clause of
    its own: "does not recognise the zone China declared in 2013" asserts the declaring)."""
    if not denied:
        return False
    node = anchor(doc, q)
    while node.dep_ in _DATING_ARCS and node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node.i in denied and any(
                c.dep_ == "neg" and c.i in denied for c in node.children
            )
    return False


def _disowned(doc: Doc, q: Quantity) -> bool:
    """Whether the value sits in a clause its writer disowns ("Some textbooks **wrongly** say
    the ACSA was signed in 2018"; ``disowning_adverbs`` in ``quantities.yaml``), or in a
    report the sentence refutes ("Many students write that CEPA was signed in 2008, which is
    wrong"; :func:`~evaluator.scoring.checks.negation.refuted_report`)."""
    adverbs = quantity_settings().disowning_adverbs
    node = anchor(doc, q)
    if refuted_report(node, negation_rules()):
        return True  # "Some claim Japan was India's first 2+2 partner, but the US came first"
    while True:
        if any(c.dep_ == "advmod" and c.lower_ in adverbs for c in node.children):
            return True
        if node.head.i == node.i:
            return False
        node = node.head


_YEAR = re.compile(r"(?<![\d.,])(1[5-9]\d\d|20\d\d)(?![\d.,]\d)")


def _dates_other(doc: Doc, fact: Fact, q: Quantity, m: TermMatch, home: frozenset[str]) -> bool:
    """Whether a year dates another thing than the fact's ("two years after the 2015 Chennai
    floods" supports no Malabar year; see :func:`fact_dates.dates_another_thing`)."""
    if fact.expected.kind != "year":
        return False
    words = fact_words(fact)
    return dates_another_thing(fact, anchor(doc, q), doc[m.start : m.end], words, home)


def _writes_the_year(
    doc: Doc,
    fact: Fact,
    q: Quantity,
    cue: Span,
    owners: Mapping[tuple[str, int], list[tuple[int, Quantity]]],
    home: frozenset[str],
    denied: Mapping[int, str],
) -> bool:
    """Whether the value's clause also writes the fact's own year, as no other fact's value
    ("A new declaration was adopted in 2025 to replace the older text of 2008": the 2008
    declaration is right, and 2025 dates its successor). A sentence that gives the notes' year
    is never told it is wrong; "the CEPA came into force in 2016 and the nuclear deal was signed
    in 2011" gives 2011 to the nuclear deal, so the CEPA's 2016 stays wrong. A year the sentence
    denies is not given: "signed not in 1952 but in 1956" is wrong."""
    if fact.expected.kind != "year":
        return False
    expected, tolerance = float(fact.expected.value), fact.expected.tolerance
    sentence = doc[q.start].sent
    others = {
        v.start
        for (owner, _), values in owners.items()
        if owner != fact.id
        for _, v in values
        if sentence.start <= v.start < sentence.end
    }
    for match in _YEAR.finditer(sentence.text):
        if abs(int(match.group(1)) - expected) > tolerance:
            continue
        token = doc.char_span(
            sentence.start_char + match.start(1),
            sentence.start_char + match.end(1),
            alignment_mode="expand",
        )
        if token is None or token.start in others or token.start in denied:
            continue  # another fact's, or denied ("signed not in 1952 but in 1956")
        if clause_head(token[0]).i != clause_head(doc[q.start]).i:
            continue  # another clause's year ("…, and Malabar took in all four navies in 2020")
        if dates_another_thing(fact, token[0], cue, fact_words(fact), home):
            continue  # "two years after the 2015 Chennai floods"
        return True
    return False


def _right_for_another(
    doc: Doc,
    fact: Fact,
    q: Quantity,
    cue: Span,
    cues: Sequence[_Cue],
    owners: Mapping[tuple[str, int], list[tuple[int, Quantity]]],
) -> bool:
    """Whether ``q`` is the right value of another fact whose cue it is attached to, when that
    cue has no value of its own and is not coordinated with this one: then ``q`` is that fact's
    value, not a wrong one here ("signed the CEPA in 2016 and the nuclear deal in 2011" gives
    the nuclear deal its own year, so 2016 is still the CEPA's). A cue that is only the
    reference point of a phrase of time ("a year after the first 2+2") owns no year outside it
    (session 42)."""
    if _held_by(doc, q, cue):
        return False  # "the Centre holds two-thirds of the votes and the states one-third"
    sent_of = view(doc).sent_of
    for other in cues:
        if other.fact is fact or other.fact.expected.kind != fact.expected.kind:
            continue
        if not _kind_fits(doc, other.fact, q) or not _matches(other.fact, q):
            continue
        if any(
            key[0] == other.fact.id and sent_of[v.start] == sent_of[q.start]
            for key, values in owners.items()
            for _, v in values
        ):
            continue
        span = doc[other.match.start : other.match.end]
        if only_a_reference_point(anchor(doc, q), span):
            continue  # "came into force in 2019, a year after the first 2+2": not its year
        if attached_to(doc, q, span) and not shared_by_conjuncts(cue, span):
            return True
    return False


def _held_by(doc: Doc, q: Quantity, cue: Span) -> bool:
    """Whether the value is the object of a verb whose subject is the cue ("the Centre holds
    two-thirds of the votes"): the cue's value, whatever else the parser hangs on it (session
    47: 'the states' of "… and the states one-third" was read as a conjunct of "two-thirds")."""
    value = doc[q.end - 1]
    verb = value.head
    return value.dep_ == "dobj" and any(
        c.dep_ == "nsubj" and cue.start <= c.i < cue.end for c in verb.children
    )


_UPPER = ("under", "below", "less than", "at most", "up to", "not more than", "no more than")
_LOWER = ("over", "above", "more than", "at least", "not less than", "beyond", "exceeding")


def _bound_holds(doc: Doc, fact: Fact, q: Quantity) -> bool:
    """Whether the value is a bound the expected value keeps ("trade is under US$25 billion"
    of US$22.85 billion): not a figure the answer gives, and not wrong."""
    if fact.expected.kind not in ("money", "number", "percent"):
        return False
    words = [t.lower_ for t in doc[max(0, q.start - 3) : q.start] if not t.is_currency]
    before = " ".join(words)
    upper = any(before.endswith(b) for b in _UPPER)
    lower = any(before.endswith(b) for b in _LOWER)
    if not (upper or lower):
        return False
    expected = float(fact.expected.value)
    tolerance = fact.expected.tolerance
    factor = scale_factor(fact.expected.scale) if fact.expected.scale else 1.0
    written = q.value if (q.scaled or not fact.expected.scale) else q.number * factor
    if upper:
        return (expected - tolerance) * factor <= written + 1e-9
    return (expected + tolerance) * factor >= written - 1e-9


def _same_currency(fact: Fact, q: Quantity) -> bool:
    expected = fact.expected.currency
    return not (q.currency and expected and q.currency != expected.upper())


def _fraction_off(fact: Fact, q: Quantity) -> bool:
    """Whether a fraction is further from a percent fact than an approximation may be
    (``fraction_slack`` points, or the fact's own tolerance if wider)."""
    slack = max(quantity_settings().fraction_slack, fact.expected.tolerance)
    return abs(q.value - float(fact.expected.value)) > slack + 1e-9


def _wrong_at_any_rate(fact: Fact, q: Quantity) -> bool:
    """Whether a sum in another currency than the fact's is wrong at every rate of the years an
    answer may cite (``rates_per_usd`` in ``quantities.yaml``): "a swap of Rs 75 lakh crore" is
    US$0.8-1.7 trillion, never US$75 billion. Only written with its scale, of a dollar fact."""
    expected = fact.expected
    if expected.kind != "money" or not q.scaled or not q.currency:
        return False
    if (expected.currency or "").upper() != "USD":
        return False
    rates = quantity_settings().rates_per_usd.get(q.currency)
    if rates is None:
        return False
    low_rate, high_rate = rates
    factor = scale_factor(expected.scale)
    target, tolerance = float(expected.value) * factor, expected.tolerance * factor
    lowest, highest = q.value / high_rate, q.value / low_rate
    return highest < target - tolerance or lowest > target + tolerance


def _matches(fact: Fact, q: Quantity, target: float | None = None) -> bool:
    """Whether a value is the fact's expected one (or ``target``, another value the notes also
    give, ``expected.also``), in its scale, currency and tolerance."""
    expected = fact.expected
    if target is None:
        target = float(expected.value)  # numeric kinds are checked by the rubric loader
    tolerance = expected.tolerance
    if expected.kind == "money":
        if q.currency and expected.currency and q.currency != expected.currency.upper():
            return False
        factor = scale_factor(expected.scale)
        if not q.scaled:  # "$75" for "$75 billion": the number is right, the scale implied
            return abs(q.number - target) <= tolerance
        return abs(q.value - target * factor) <= tolerance * factor + 1e-6 * target * factor
    if expected.kind == "number" and expected.scale:
        factor = scale_factor(expected.scale)
        value = q.value if q.scaled else q.number * factor
        return abs(value - target * factor) <= tolerance * factor + 1e-6 * target * factor
    return abs(q.value - target) <= tolerance + 1e-9


_UNMENTIONED: dict[tuple[str, str, str, str], FactResult] = {}
_unmentioned_by_fact: dict[int, tuple[Fact, FactResult]] = {}
"""id(fact) -> (the fact, kept so its id is not reused; its result when no cue is found)."""
_UNMENTIONED_MAX = 10_000


def _absent(doc: Doc, fact: Fact, mine: Sequence[TermMatch], expected: str) -> FactResult:
    if not mine:
        # the same for every answer that never mentions the fact (most facts in most answers):
        # built once, keyed by everything it holds (frozen; its empty list is never mutated)
        key = (fact.id, fact.concept, fact.claim, expected)
        result = _UNMENTIONED.get(key)
        if result is None:
            if len(_UNMENTIONED) >= _UNMENTIONED_MAX:
                _UNMENTIONED.clear()
            result = FactResult(fact.id, fact.concept, fact.claim, "absent", None, expected, [])
            _UNMENTIONED[key] = result
        return result
    tokens = view(doc)  # the cue's characters, as Span.text gives them, without a Span
    first, last = tokens.char_span(mine[0].start, mine[0].end)
    cue = tokens.source[first:last]
    return FactResult(
        fact.id,
        fact.concept,
        fact.claim,
        "absent",
        None,
        expected,
        [Evidence(first, last, cue)],
        f"you mention {cue} without the figure; the source notes say {expected}",
    )


def _evidence(doc: Doc, q: Quantity) -> Evidence:
    return Evidence(q.start_char, q.end_char, q.text)
