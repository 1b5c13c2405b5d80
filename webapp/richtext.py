"""Rubric text written in markdown (a model answer) as safe HTML, and messages' `command` spans
as code.

markdown-it-py (a declared dependency; spaCy brings it too). Raw HTML is off, so any tag in the
text is shown as text, and only paragraphs, headings, lists and emphasis are rendered: no links
or images, which would send the reader (or the page's requests) off the site.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

if TYPE_CHECKING:
    from flask import Flask

_MARKDOWN = MarkdownIt("zero", {"html": False}).enable(["heading", "list", "emphasis"])


def render_markdown(text: str | None) -> Markup | None:
    """The text as HTML (every character of it escaped), or None for no text."""
    if not text or not text.strip():
        return None
    return Markup(_MARKDOWN.render(text))


_CODE_SPAN = re.compile(r"`([^`\n]+)`")


def code_spans(text: str | None) -> Markup:
    """A message with its `...` spans (a command the library names) as ``<code>``: the whole
    text escaped first, so nothing in it is trusted; a web page shows no literal backtick."""
    escaped = str(escape(text or ""))
    return Markup(_CODE_SPAN.sub(r"<code>\1</code>", escaped))


def init_app(app: Flask) -> None:
    """The templates' filters: ``code_spans``, ``plural`` (``{{ n|plural("attempt") }}``
    is "1 attempt" or "3 attempts") and ``signed`` (a cost in marks with a minus sign)."""
    from evaluator import plural
    from evaluator.scoring import signed

    app.add_template_filter(code_spans, "code_spans")
    app.add_template_filter(plural, "plural")
    app.add_template_filter(signed, "signed")
