"""Template wording in compact records: a sentence the engine rendered from one of its templates
(``evaluator/data/*.yaml``) is stored as the template's name and the values that vary.

A coded text is one of

- ``"text"``: free text, kept as it is (a sentence no template renders);
- ``["name"]``: the template ``name`` with every field taken from the context (the question's
  word limit and directive, a step's concept label...);
- ``["name", {"field": value, ...}]``: the same with the fields that vary: numbers are stored as
  numbers when they print the same, a value that lists some of the question's dimensions
  (``"Defence cooperation, Way forward"``) as their indices (``[3, 6]``), and a value a template
  renders itself (the step that ``"{step}; for instance, add {label}"`` wraps) coded in turn.

The header of a compact file carries the templates themselves (``wording``), so a file expands
to exactly the text it was written from, whichever wording the reading version has. Encoding is
checked: a text is coded only when rendering the code gives back the very same string.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from string import Formatter
from typing import Any

Coded = str | list[Any]
"""A text as a compact record stores it (see the module docstring)."""
_FIELD = re.compile(r"[A-Za-z_]\w*\Z")
_NESTED_MIN = 25
"""Shortest value looked at as a coded text of its own (a wrapped step, not a label)."""
_KEPT = 4096
"""Coded texts a wording keeps for reuse."""


@dataclass(frozen=True, eq=False)  # hashed by identity: compiled once per wording
class Template:
    """One template, ready to read its values out of a text and to render them back."""

    name: str
    plain: str
    """The template with format specs and conversions removed: it renders the stored strings."""
    pieces: tuple[tuple[str, str | None], ...]
    """(literal text, the field after it or None), in order."""
    fields: tuple[str, ...]
    """The fields, each once, in order."""
    prefix: str
    suffix: str
    """The literal text every rendering starts and ends with (a quick test before the regex)."""


@lru_cache(maxsize=512)
def compile_template(name: str, text: str) -> Template | None:
    """The template of a wording, or None when its fields are not plain names (``{a.b}``)."""
    plain: list[str] = []
    pieces: list[tuple[str, str | None]] = []
    for literal, field, _spec, _conversion in Formatter().parse(text):
        plain.append(literal.replace("{", "{{").replace("}", "}}"))
        if field is not None:
            if not _FIELD.match(field):
                return None
            plain.append("{" + field + "}")
        pieces.append((literal, field))
    fields = tuple(dict.fromkeys(f for _, f in pieces if f is not None))
    suffix = pieces[-1][0] if pieces and pieces[-1][1] is None else ""
    prefix = pieces[0][0] if pieces else ""
    return Template(name, "".join(plain), tuple(pieces), fields, prefix, suffix)


@lru_cache(maxsize=8192)
def _pattern(template: Template, fixed: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """A regular expression that reads the template's values out of a text it rendered: one
    named group per field, holding exactly the ``fixed`` value for the fields given there."""
    known = dict(fixed)
    regex: list[str] = []
    seen: set[str] = set()
    for literal, field in template.pieces:
        regex.append(re.escape(literal))
        if field is None:
            continue
        if field in seen:
            regex.append(f"(?P={field})")
        elif field in known:
            regex.append(f"(?P<{field}>{re.escape(known[field])})")
        else:
            regex.append(f"(?P<{field}>.*?)")
        seen.add(field)
    return re.compile("".join(regex), re.DOTALL)


class Wording:
    """The named templates of one kind of text (structure feedback, next steps, reasons...)."""

    def __init__(self, templates: Mapping[str, str]) -> None:
        self.templates = dict(templates)
        compiled = (compile_template(n, t) for n, t in self.templates.items())
        self._compiled = [t for t in compiled if t is not None]
        self._by_name = {t.name: t for t in self._compiled}
        self._encoded: dict[tuple[Any, ...], Coded] = {}
        """Texts already coded: a step's or a line's wording recurs in answer after answer."""

    def encode(
        self,
        text: str,
        context: Mapping[str, str] | None = None,
        names: Sequence[str] = (),
    ) -> Coded:
        """The coded form of ``text``: a template's name and the values that vary (those the
        ``context`` does not already give; a value listing some of ``names`` as their indices),
        or the text itself when no template renders it."""
        context = context or {}
        key = (text, tuple(context.items()), tuple(names))
        coded = self._encoded.get(key)
        if coded is None:
            if len(self._encoded) >= _KEPT:
                self._encoded.clear()
            coded = self._encoded[key] = self._encode(text, context, names)
        if isinstance(coded, str):
            return coded
        return [coded[0], dict(coded[1])] if len(coded) > 1 else [coded[0]]  # the caller's own

    def _encode(self, text: str, context: Mapping[str, str], names: Sequence[str]) -> Coded:
        best: list[Any] | None = None
        for template in self._compiled:
            if not (text.startswith(template.prefix) and text.endswith(template.suffix)):
                continue
            fixed = tuple((f, context[f]) for f in template.fields if f in context)
            # the context's values first (a label may hold the template's own punctuation)
            for known in (fixed, ()) if fixed else ((),):
                found = _pattern(template, known).fullmatch(text)
                if found is None:
                    continue
                values = found.groupdict()
                if template.plain.format(**values) != text:
                    continue
                varying = {
                    k: self._nested(v, context, names)
                    for k, v in values.items()
                    if context.get(k) != v
                }
                if best is None or len(varying) < len(best[1]):  # the fewest values to store
                    best = [template.name, varying]
                break
        if best is None:
            return text
        return best if best[1] else best[:1]

    def _nested(self, value: str, context: Mapping[str, str], names: Sequence[str]) -> Any:
        """How a value is stored: coded itself when a template renders it (the step a "{step};
        for instance, add {label}" wraps), else as :func:`_value` stores it."""
        if len(value) >= _NESTED_MIN:
            coded = self.encode(value, context, names)  # kept for reuse, as the whole text is
            if not isinstance(coded, str):
                return coded
        return _value(value, names)

    def decode(
        self, coded: Coded, context: Mapping[str, str] | None = None, names: Sequence[str] = ()
    ) -> str:
        """The text of a coded text (a string is its own text)."""
        if isinstance(coded, str):
            return coded
        name, *given = coded
        values: dict[str, Any] = dict(context or {})
        for key, value in (given[0] if given else {}).items():
            if isinstance(value, list) and value and isinstance(value[0], str):
                values[key] = self.decode(value, context, names)  # a coded text inside
            elif isinstance(value, list):
                values[key] = ", ".join(names[i] for i in value)
            else:
                values[key] = value
        template = self._by_name.get(name)
        if template is None:
            raise KeyError(f"no wording named {name!r} in the header")
        return template.plain.format(**values)


def _value(value: str, names: Sequence[str]) -> str | int | list[int]:
    """How a record stores a value: an integer when it prints as the same string (``"120"``),
    the indices of ``names`` when it lists them (``"Defence, Economy"``), else the string."""
    if value.isascii() and value.isdigit() and str(int(value)) == value:
        return int(value)
    picked = _listed(value, tuple(names)) if names else None
    return value if picked is None else picked


def _listed(value: str, names: tuple[str, ...]) -> list[int] | None:
    """The indices of the names ``value`` joins with ", " (a name may hold a comma), or None."""
    for index, name in enumerate(names):
        if value == name:
            return [index]
        if name and value.startswith(name + ", "):
            rest = _listed(value[len(name) + 2 :], names)
            if rest is not None:
                return [index, *rest]
    return None
