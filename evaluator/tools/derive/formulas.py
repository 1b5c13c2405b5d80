"""Formulas and standard abbreviations of substances (``formulas.yaml``) in a derive source.

A reference answer or notes writing "carbon dioxide" or "CO2" give the draft the group
``[carbon dioxide, CO2, CO₂]`` as a synonym class, so an answer writing either form earns the
cue in full; a reference's "carbon dioxide" is one cue group, not "carbon" and "dioxide".
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc

from evaluator.settings import formula_settings


@cache
def _patterns() -> tuple[tuple[tuple[str, ...], re.Pattern[str]], ...]:
    """Each group with one pattern finding any of its forms as a whole word, longest first."""
    settings = formula_settings()
    # 'hydrogen peroxide', 'nitrogen dioxide', 'oxygen atoms': the name is part of another's
    others = "|".join(re.escape(w) for w in settings.not_before)
    part_of = rf"(?!\s+(?:\w+ides?|{others})\b)" if others else r"(?!\s+\w+ides?\b)"
    found = []
    for group in settings.formulas:
        forms = sorted(group, key=len, reverse=True)
        alternatives = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
        pattern = rf"(?<![\w-])(?:{alternatives})(?![\w-]){part_of}"
        found.append((tuple(group), re.compile(pattern, re.I)))
    return tuple(found)


def formula_groups(text: str) -> list[list[str]]:
    """The groups of ``formulas.yaml`` of which the text writes a form, in file order."""
    return [list(group) for group, pattern in _patterns() if pattern.search(text)]


def formula_spans(doc: Doc) -> dict[int, tuple[int, tuple[str, ...]]]:
    """First token index -> (end token index, the group) of each form the doc writes."""
    spans: dict[int, tuple[int, tuple[str, ...]]] = {}
    taken: set[int] = set()
    for group, pattern in _patterns():
        for match in pattern.finditer(doc.text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is None or taken & set(range(span.start, span.end)):
                continue
            taken.update(range(span.start, span.end))
            spans[span.start] = (span.end, group)
    return spans
