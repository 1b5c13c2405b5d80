"""Rubric text written in markdown (a model answer) as safe HTML.

markdown-it-py (a declared dependency; spaCy brings it too). Raw HTML is off, so any tag in the
text is shown as text, and only paragraphs, headings, lists and emphasis are rendered: no links
or images, which would send the reader (or the page's requests) off the site.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markupsafe import Markup

_MARKDOWN = MarkdownIt("zero", {"html": False}).enable(["heading", "list", "emphasis"])


def render_markdown(text: str | None) -> Markup | None:
    """The text as HTML (every character of it escaped), or None for no text."""
    if not text or not text.strip():
        return None
    return Markup(_MARKDOWN.render(text))
