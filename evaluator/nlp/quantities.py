"""Numbers as answers write them: years, money with scale and currency, percentages, plain
numbers and ordinals ("$75 billion", "75 bn USD", "US$ 22.85 billion", "seventy-five billion
dollars", "Rs 1.8 lakh crore", "30%", "the second country", "2nd", "FY 2023-24").

The vocabulary lives in ``evaluator/data/quantities.yaml``; the patterns are compiled once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from spacy.tokens import Doc, Token

from evaluator.nlp.docview import view
from evaluator.nlp.patterns import first_chars, word_alternation
from evaluator.settings import quantity_settings

QuantityKind = Literal[
    "year", "number", "money", "percent", "ordinal", "superlative", "top", "fraction"
]
"""``superlative``: "the largest", read as rank 1 only by facts that ask for it; ``top``: "the
top three", "the five largest", a rank no lower than its value (read by the same facts);
``fraction``: "half of", "two-thirds of", an approximate percent."""


@dataclass(frozen=True, slots=True)
class Quantity:
    """One value written in the answer."""

    kind: QuantityKind
    value: float
    """Absolute value: the scale is applied ('75 billion' -> 75e9); a year is the year."""
    number: float
    """The number as written, before the scale ('75' in '75 billion')."""
    scaled: bool
    """True when a scale word was written ('billion', 'crore', 'bn')."""
    currency: str | None
    text: str
    start_char: int
    end_char: int
    start: int
    """Token index of the first token."""
    end: int
    """Token index one past the last token."""


@dataclass(frozen=True)
class _Patterns:
    money: re.Pattern[str]
    fiscal: re.Pattern[str]
    ordinal: re.Pattern[str]
    number_words: dict[str, int]
    hundreds: dict[str, int]
    scales: dict[str, float]
    scale_names: dict[str, float]
    prefixes: dict[str, str]
    suffixes: dict[str, str]
    ordinals: dict[str, int]
    year_range: tuple[int, int]
    superlatives: frozenset[str]
    fraction: re.Pattern[str] | None = None
    fractions: dict[str, float] = field(default_factory=dict)


def _alternation(words: list[str]) -> str:
    return word_alternation(words, flexible_space=True)


@cache
def _patterns() -> _Patterns:
    data = quantity_settings()
    number_words = {str(k): int(v) for k, v in data.number_words.items()}
    hundreds = {str(k): int(v) for k, v in data.hundreds.items()}
    scales = {str(k): float(v) for k, v in data.scales.items()}
    prefixes = {str(k): str(v) for k, v in data.currency_prefixes.items()}
    suffixes = {str(k): str(v) for k, v in data.currency_suffixes.items()}
    ordinals = {str(k): int(v) for k, v in data.ordinals.items()}
    word = _alternation([*number_words, *hundreds])
    long_scales = [s for s in scales if len(s) > 1]
    digits = r"\d{1,3}(?:,\d{2,3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    spelt = rf"(?:{word})(?:(?:\s+and\s+|[\s-]+)(?:{word}))*"
    pre = _alternation(list(prefixes))
    suf = _alternation(list(suffixes))
    pct = _alternation([str(p) for p in data.percent_words])
    money = re.compile(
        first_chars([*"0123456789", *prefixes, *number_words, *hundreds])
        + rf"(?<![\w+.$₹¥€])(?<![A-Za-z]-)(?:(?P<pre>{pre})\s*)?"
        rf"(?:(?P<digits>{digits})(?P<glued>{_alternation(list(scales))})?(?![\w+])"
        rf"|(?P<spelt>\b{spelt}\b))"
        rf"(?P<scale>(?:[\s-]*\b(?:{_alternation(long_scales)})\b)*)"
        rf"(?:[\s-]*(?P<suf>\b(?:{suf})\b))?"
        rf"(?:\s*(?P<pct>{pct})(?!\w))?",
        re.IGNORECASE,
    )
    fiscal = re.compile(
        r"(?=[F12])\b(?:FY\s*)?(?P<year>(?:19|20)\d\d)\s*[-–/]\s*(?P<to>\d{2}(?:\d\d)?)\b"
    )
    ordinal = re.compile(
        first_chars([*"0123456789", *ordinals])
        + rf"\b(?:(?P<num>\d+)(?:st|nd|rd|th)|(?P<word>{_alternation(list(ordinals))}))\b",
        re.IGNORECASE,
    )
    low, high = data.year_range
    fractions = {str(k).lower(): float(v) for k, v in data.fractions.items()}
    numerators = _alternation(["a", "an", *number_words])
    fraction = (
        re.compile(
            rf"\b(?:(?P<num>{numerators})[\s-]+)?(?P<frac>{_alternation(list(fractions))})"
            r"(?:\s+of\b|\s+the\b)",
            re.IGNORECASE,
        )
        if fractions
        else None
    )
    return _Patterns(
        money,
        fiscal,
        ordinal,
        number_words,
        hundreds,
        scales,
        {str(k): float(v) for k, v in data.scale_names.items()},
        prefixes,
        suffixes,
        ordinals,
        (int(low), int(high)),
        frozenset(w.lower() for w in data.superlatives),
        fraction,
        fractions,
    )


def scale_factor(name: str | None) -> float:
    """The factor of a rubric scale name ('billion' -> 1e9); 1 for none."""
    return _patterns().scale_names.get(name, 1.0) if name else 1.0


def number_words() -> Mapping[str, int]:
    """The number words quantities read ('five' -> 5, 'seventy' -> 70; `quantities.yaml`)."""
    return _patterns().number_words


def ordinal_words() -> Mapping[str, int]:
    """The ordinal words quantities read ('first' -> 1, 'third' -> 3; `quantities.yaml`)."""
    return _patterns().ordinals


def spelt_number(text: str) -> int | None:
    """'seventy-five' -> 75, 'two hundred and ten' -> 210; None when it is not a number."""
    p = _patterns()
    total = 0
    for part in re.split(r"[\s-]+", text.lower()):
        if part == "and" or not part:
            continue
        if part in p.number_words:
            total += p.number_words[part]
        elif part in p.hundreds:
            total = max(total, 1) * p.hundreds[part]
        else:
            return None
    return total


_AFTER_POINT = re.compile(r"\bpoint\s+$", re.IGNORECASE)

_NUMERIC_DATE = re.compile(
    r"(?<![\d.,/-])(?:(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d\d)"
    r"|(?P<iso>(?:19|20)\d\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"|(?P<c>\d\d)(?P<sep2>[./])(?P<e>\d\d)(?P=sep2)(?P<yy>\d\d))(?![\d.,/-]?\d)(?!\w)"
)
"""A date in figures: "09.09.2020", "9/9/2020", "28-04-1952", "2020-09-09", "09.09.20" (two
figures each, the year of this century up to '50). It is one value, its year (probe s35:
"09.09.2019" had been read as the number 9.09, so a wrong year passed)."""
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
"""A month's name or its abbreviation, for the patterns of dates below."""
_SHORT_YEAR = re.compile(rf"\b{_MONTHS}\s*['’](?P<yy>\d\d)\b", re.IGNORECASE)
"""A month and a year of two figures after an apostrophe: "Nov '16" (probe s35)."""
_MONTH_AFTER = re.compile(rf"\s+(?:of\s+)?{_MONTHS}\b", re.IGNORECASE)
_MONTH_BEFORE = re.compile(rf"\b{_MONTHS}\s+$", re.IGNORECASE)


def _numeric_dates(text: str) -> list[tuple[int, int, int]]:
    """(year, start, end) of every date written in figures or as "Nov '16" in ``text``."""
    found = []
    for m in _NUMERIC_DATE.finditer(text):
        if m.group("year"):
            day_month = sorted((int(m.group("a")), int(m.group("b"))))
            year = int(m.group("year"))
        elif m.group("yy"):
            day_month = sorted((int(m.group("c")), int(m.group("e"))))
            yy = int(m.group("yy"))
            year = 2000 + yy if yy <= 50 else 1900 + yy
        else:
            day_month = sorted((int(m.group("m")), int(m.group("d"))))
            year = int(m.group("iso"))
        if 1 <= day_month[0] <= 12 and 1 <= day_month[1] <= 31:
            found.append((year, m.start(), m.end()))
    for m in _SHORT_YEAR.finditer(text):
        yy = int(m.group("yy"))
        found.append((2000 + yy if yy <= 50 else 1900 + yy, m.start("yy") - 1, m.end()))
    return found


@cache
def _spoken_year_pattern() -> re.Pattern[str]:
    """A year said in words: "nineteen fifty-eight", "twenty twenty-two", "nineteen oh five",
    "two thousand and fourteen"."""
    word = _alternation(list(_patterns().number_words))
    return re.compile(
        rf"\b(?:two\s+thousand(?:\s+and)?|(?P<hi>{word})(?:[\s-]+(?P<oh>oh|o))?)"
        rf"[\s-]+(?P<lo>{word}(?:[\s-]+{word})?)\b",
        re.IGNORECASE,
    )


_YEAR_BEFORE = re.compile(
    rf"(?:\b(?:in|since|from|until|till|by|of|during|before|after|year)"
    rf"|\b{_MONTHS}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?,?)?"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?)\s+$",
    re.IGNORECASE,
)
"""What stands before a year said in words: "in", "since", "from", a date's month and day."""


def _two_figures(words: str, oh: bool) -> int | None:
    """The last two figures of a year said in words: 'fifty-eight' -> 58, 'oh five' -> 5."""
    numbers = _patterns().number_words
    parts = [w for w in re.split(r"[\s-]+", words.lower()) if w]
    values = [numbers.get(w) for w in parts]
    if None in values or not parts:
        return None
    if oh:
        return values[0] if len(values) == 1 and 1 <= (values[0] or 0) <= 9 else None
    if len(values) == 1:
        return values[0] if 10 <= (values[0] or 0) <= 99 else None
    tens, unit = values[0] or 0, values[1] or 0
    return tens + unit if 20 <= tens <= 90 and tens % 10 == 0 and 1 <= unit <= 9 else None


def _spoken_years(doc: Doc, text: str) -> list[tuple[int, int, int]]:
    """(year, start, end) of every year said in words where it stands as a year: after "in",
    "since", "from" and the like, or as a date's year ("March nineteen fifty-eight"), with no
    noun after it that it would count ("from nineteen fifty-eight soldiers" counts them). Session
    47's user trial: "began in nineteen fifty-eight" had been read as the number 77."""
    p = _patterns()
    found: list[tuple[int, int, int]] = []
    for m in _spoken_year_pattern().finditer(text):
        last = _two_figures(m.group("lo"), bool(m.group("oh")))
        if last is None:
            continue
        if m.group("hi") is None:
            year = 2000 + last
        else:
            century = p.number_words.get(m.group("hi").lower(), 0)
            if not 10 <= century <= 20:
                continue
            year = century * 100 + last
        if not p.year_range[0] <= year <= p.year_range[1]:
            continue
        start, end = m.span()
        after_year = bool(found) and re.fullmatch(
            r"\s*(?:to|and|-|–)\s*", text[found[-1][2] : start]
        )
        if not after_year and not _YEAR_BEFORE.search(text, max(0, start - 24), start):
            continue  # "from nineteen fifty-eight to nineteen sixty": the second after the first
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and span.end < len(doc) and doc[span.end].pos_ == "NOUN":
            continue
        found.append((year, start, end))
    return found


def extract_quantities(doc: Doc, superlatives: bool = False) -> list[Quantity]:
    """Every value written in the answer, in order, with character and token spans; with
    ``superlatives`` also the superlatives that state first place (for facts that read them)."""
    p = _patterns()
    text = view(doc).source
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def add(
        kind: QuantityKind,
        value: float,
        number: float,
        scaled: bool,
        currency: str | None,
        start: int,
        end: int,
    ) -> None:
        if _AFTER_POINT.search(text, max(0, start - 12), start):
            # "twenty-two point eight five billion": the digits of a decimal written in words
            # are no value of their own (read as "eight five billion" they contradicted 22.85)
            return
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return
        found.append(
            Quantity(
                kind,
                value,
                number,
                scaled,
                currency,
                text[start:end],
                start,
                end,
                span.start,
                span.end,
            )
        )
        taken.append((start, end))

    if p.fraction is not None:
        for m in p.fraction.finditer(text):
            share = _fraction_share(m, p)
            if share is not None:
                start, end = m.start(), m.end("frac")
                add("fraction", share, share, False, None, start, end)
    for year, start, end in _numeric_dates(text):
        add("year", float(year), float(year), False, None, start, end)
    for m in p.fiscal.finditer(text):
        start, end = m.span()
        if any(s < end and start < e for s, e in taken):
            continue
        add("year", float(m.group("year")), float(m.group("year")), False, None, start, end)
    for year, start, end in _spoken_years(doc, text):
        if not any(s < end and start < e for s, e in taken):
            add("year", float(year), float(year), False, None, start, end)
    for m in p.money.finditer(text):
        start, end = m.span()
        if any(s < end and start < e for s, e in taken):
            continue
        _add_number(m, p, add)
    for m in p.ordinal.finditer(text):
        start, end = m.span()
        if any(s < end and start < e for s, e in taken):
            continue
        if m.group("num") and (
            _MONTH_AFTER.match(text, end) or _MONTH_BEFORE.search(text, max(0, start - 12), start)
        ):
            continue  # "28th April, 1951", "April 28th": a day of a date, not a rank (probe s35)
        value = int(m.group("num")) if m.group("num") else p.ordinals[m.group("word").lower()]
        add("ordinal", value, value, False, None, start, end)
    if superlatives:
        found.extend(_superlatives(doc, p))
        found.extend(_tops(doc, p))
    found.sort(key=lambda q: q.start_char)
    return found


_NOT_FIRST = frozenset({"of", "among", "amongst"})
"""Before a superlative's phrase: "one of the largest", "among India's biggest"."""


def _superlative_modifiers(doc: Doc, p: _Patterns) -> list[Token]:
    """The superlatives ('largest', 'top') that modify a noun."""
    lower = view(doc).lower
    return [
        doc[i] for i, word in enumerate(lower) if word in p.superlatives and doc[i].dep_ == "amod"
    ]


def _counted_after_others(token: Token) -> int:
    """How many named others a superlative's sentence counts it after: "the largest investor in
    India after Mauritius, Singapore, the US and the Netherlands" (or "After Mauritius, ...,
    Japan is the largest source") is fifth, not first (probe s35: it had contradicted the fifth
    rank); "the biggest source of FDI after Singapore" is second."""
    for t in token.sent:
        if t.dep_ != "prep" or t.lower_ not in ("after", "behind"):
            continue
        for name in t.children:
            if name.dep_ == "pobj" and name.pos_ == "PROPN":
                return sum(1 for n in (name, *name.conjuncts) if n.pos_ == "PROPN")
    return 0


def _superlatives(doc: Doc, p: _Patterns) -> list[Quantity]:
    """Superlatives that state first place: "the largest source", "India's biggest investor";
    not "the fifth-largest" (no determiner before it), "the second largest", "one of the
    largest", "among the top investors", "the top five"."""
    found = []
    for token in _superlative_modifiers(doc, p):
        det = doc[token.i - 1] if token.i else None
        while det is not None and det.lower_ in ("single", "very") and det.i:
            det = doc[det.i - 1]
        if det is None or not (det.lower_ == "the" or det.tag_ in ("POS", "PRP$")):
            continue
        start = det.head.left_edge.i if det.tag_ == "POS" else det.i
        if start and doc[start - 1].lower_ in _NOT_FIRST:
            continue
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if after is not None and (
            after.like_num or after.lower_ in p.number_words or after.lower_ in p.ordinals
        ):
            continue
        rank = 1.0 + _counted_after_others(token)
        end_char = token.idx + len(token.text)
        found.append(
            Quantity(
                "superlative",
                rank,
                rank,
                False,
                None,
                token.text,
                token.idx,
                end_char,
                token.i,
                token.i + 1,
            )
        )
    return found


def _fraction_share(m: re.Match[str], p: _Patterns) -> float | None:
    """'two-thirds' -> 66.6, 'half' -> 50, 'a quarter' -> 25; None for 'third of' without a
    numerator ('the third of the meetings' is an ordinal)."""
    share = p.fractions[m.group("frac").lower()]
    numerator = (m.group("num") or "").lower()
    if not numerator:
        return share if share == 50 else None
    count = 1 if numerator in ("a", "an") else p.number_words.get(numerator)
    if not count or count * share > 100:
        return None
    return round(count * share, 1)


def _tops(doc: Doc, p: _Patterns) -> list[Quantity]:
    """Superlatives with a count, a rank no lower than the count: "among the top three
    sources", "one of the five largest investors" ("top 3", "3 biggest")."""
    found = []
    for token in _superlative_modifiers(doc, p):
        i = token.i
        for k in (i + 1, i - 1):  # "top three", "three largest"
            if not 0 <= k < len(doc) or doc[k].head.i != token.head.i or doc[k].dep_ != "nummod":
                continue
            word = doc[k].lower_
            count = p.number_words.get(word) or (int(word) if word.isdigit() else None)
            if not count:
                continue
            first, last = min(i, k), max(i, k)
            start_char, end_char = doc[first].idx, doc[last].idx + len(doc[last].text)
            text = doc[first : last + 1].text
            found.append(
                Quantity(
                    "top",
                    float(count),
                    float(count),
                    False,
                    None,
                    text,
                    start_char,
                    end_char,
                    first,
                    last + 1,
                )
            )
            break
    return found


def _number_of(m: re.Match[str]) -> float | None:
    """The number of a money-pattern match, in figures ("1,500") or words ("forty-one"); None
    for words that make no number."""
    if m.group("digits"):
        return float(m.group("digits").replace(",", ""))
    spelt = spelt_number(m.group("spelt"))
    return None if spelt is None else float(spelt)


def _add_number(m: re.Match[str], p: _Patterns, add: object) -> None:
    assert callable(add)
    number = _number_of(m)
    if number is None:
        return
    factor = 1.0
    scale_words = re.findall(r"[a-z]+", (m.group("scale") or "").lower())
    if m.group("glued"):
        scale_words.insert(0, m.group("glued").lower())
    for word in scale_words:
        factor *= p.scales.get(word, 1.0)
    scaled = bool(scale_words)
    currency = None
    if m.group("pre"):
        currency = p.prefixes.get(" ".join(m.group("pre").lower().split()))
    if m.group("suf"):
        currency = p.suffixes.get(" ".join(m.group("suf").lower().split()), currency)
    start, end = m.span()
    if m.group("pct"):
        add("percent", number, number, False, None, start, end)
    elif currency:
        add("money", number * factor, number, scaled, currency, start, end)
    elif scaled:
        add("number", number * factor, number, True, None, start, end)
    elif (
        m.group("digits")
        and re.fullmatch(r"\d{4}", m.group("digits"))
        and p.year_range[0] <= number <= p.year_range[1]
    ):
        add("year", number, number, False, None, start, end)
    elif m.group("spelt") and number == 0:
        return
    else:
        add("number", number, number, False, None, start, end)


_DIGIT_FRACTION = re.compile(r"(?<![\w/.,])(?P<a>[1-9])\s?/\s?(?P<b>10|[2-9])(?![\w/]|[.,]\d)")
"""A fraction in figures ("3/4", "2/3"), not a date ("1/7/2017") nor "24/7"."""


@cache
def _share_words() -> re.Pattern[str] | None:
    """A fraction in words with its count: "three-fourths", "two thirds", "one-third"."""
    p = _patterns()
    if not p.fractions:
        return None
    return re.compile(
        rf"\b(?P<num>{_alternation(list(p.number_words))})[\s-]+"
        rf"(?P<frac>{_alternation(list(p.fractions))})\b",
        re.IGNORECASE,
    )


def shares(text: str) -> list[tuple[float, int, int]]:
    """Every share of a whole written in ``text`` as (percent, start, end): "75%", "75 per
    cent", "forty-one percent", "three-fourths", "two thirds" (the exact 66.67), "3/4".

    A fraction in words needs its count ("a third country" is no share); its value is exact,
    not the rounded percent of ``fractions`` (33.3 is a third, so is 33%)."""
    p = _patterns()
    found: list[tuple[float, int, int]] = []
    for m in p.money.finditer(text):
        if not m.group("pct") or m.group("pre") or m.group("suf") or m.group("scale"):
            continue
        number = _number_of(m)
        if number is not None and 0 < number <= 100:
            found.append((number, m.start(), m.end()))
    words = _share_words()
    if words is not None:
        for m in words.finditer(text):
            count = p.number_words[" ".join(m.group("num").lower().split())]
            denominator = round(100 / p.fractions[m.group("frac").lower()])
            if 0 < count <= denominator:
                found.append((100 * count / denominator, m.start(), m.end()))
    for m in _DIGIT_FRACTION.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if a < b:
            found.append((100 * a / b, m.start(), m.end()))
    return sorted(found, key=lambda share: share[1])


def share_of_term(term: str) -> float | None:
    """The share a rubric term is, when the whole term is one ("three-fourths" -> 75, "41%"
    -> 41); None for any other term ("30", "a third country", "three-fourths majority")."""
    text = term.strip()
    found = shares(text)
    if len(found) == 1 and found[0][1] == 0 and found[0][2] == len(text):
        return found[0][0]
    return None


def same_share(a: float, b: float) -> bool:
    """Whether two shares are the same within ``share_slack`` points (two-thirds and 67%)."""
    return abs(a - b) <= quantity_settings().share_slack + 1e-9


_EVERY = re.compile(r"\b(?:every|each|once\s+in(?:\s+every)?|once\s+every)\s+$", re.IGNORECASE)
_FREQUENCY = re.compile(
    r"\b(?:every|once\s+in(?:\s+every)?|once\s+every)\s+(?P<num>\d{1,3}|[a-z]+(?:-[a-z]+)?)"
    r"\s+(?P<unit>years?|months?|weeks?|days?)\b",
    re.IGNORECASE,
)
"""How often something happens: "every five years", "once in 5 years"."""


def frequencies(text: str) -> list[tuple[int, str, int]]:
    """(count, unit in the plural, start) of every "every N years" of ``text`` ("every five
    years" -> (5, 'years', ...); also months, weeks and days)."""
    found = []
    for m in _FREQUENCY.finditer(text):
        num = m.group("num")
        count = int(num) if num.isdigit() else spelt_number(num)
        if count:
            unit = m.group("unit").lower()
            found.append((count, unit if unit.endswith("s") else unit + "s", m.start()))
    return found


def said_as_frequency(doc: Doc, q: Quantity) -> bool:
    """Whether a number is a count of how often something happens: "every ten years", "once in
    five years", "each 5 years" (not "for seventy years", "a five-year term")."""
    text = view(doc).source
    return bool(_EVERY.search(text, max(0, q.start_char - 20), q.start_char))
