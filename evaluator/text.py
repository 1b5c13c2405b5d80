"""Words that agree with their numbers: "1 attempt", "3 attempts", never "3 attempt(s)".

:func:`plural` for messages written in code; :func:`fill` for the templates of the data files
(``evaluator/data/*.yaml``), where a field's format spec ``one|many`` picks the word by the
field's number: ``"{count} {count:statement|statements} of fact {count:contradicts|contradict}"``.
"""

from __future__ import annotations

from string import Formatter
from typing import Any

__all__ = ["fill", "free_id", "noun", "plural"]


def noun(count: float, singular: str, plural: str | None = None) -> str:
    """The noun agreeing with ``count``: ``singular`` for exactly one, else ``plural`` (the
    singular with an ``s`` when not given: pass irregular ones, "repository", "repositories")."""
    if count == 1:
        return singular
    return plural if plural is not None else singular + "s"


def plural(count: float, singular: str, plural: str | None = None) -> str:
    """``count`` and the noun agreeing with it: ``plural(1, "attempt") == "1 attempt"``,
    ``plural(3, "attempt") == "3 attempts"``."""
    return f"{count:g} {noun(count, singular, plural)}"


class _AgreeingFormatter(Formatter):
    """``str.format``, with a spec ``one|many`` that picks a word by the field's number."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        if "|" in format_spec:
            one, _, many = format_spec.partition("|")
            return one if value == 1 else many
        return super().format_field(value, format_spec)


_FORMATTER = _AgreeingFormatter()


def fill(template: str, /, **values: Any) -> str:
    """``template.format(**values)``, where a field written ``{n:one|many}`` gives ``one`` when
    ``n`` is 1 and ``many`` otherwise (the number itself is written as ``{n}``)."""
    return _FORMATTER.vformat(template, (), values)


def free_id(ident: str, taken: set[str], limit: int | None = None) -> str:
    """``ident``, or with the first free suffix ``-2``, ``-3`` ... (cut so that it stays
    within ``limit`` characters, when given); added to ``taken``."""
    free, suffix = ident, 2
    while free in taken:
        tail = f"-{suffix}"
        head = ident if limit is None else ident[: limit - len(tail)].rstrip("-")
        free, suffix = head + tail, suffix + 1
    taken.add(free)
    return free
