"""The stretches an answer copied from the source notes, as short quotes for the batch report.

The report keeps no answer text, so it cannot mark the copying in place as the web result page
does: it quotes each stretch the ``copied_source`` advisory found (``details.spans``) under that
advisory, a long one cut to its first and last words, so a tutor can find it in the answer. The
quotes are plain text; the templates escape them like every other piece of user text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

COPIED_SHOWN = 160
"""Characters of a copied stretch the report quotes: a longer one keeps its start and its end,
the middle elided at word boundaries (a tutor finds it in the answer from either end)."""
ELISION = " … "


def excerpt(text: str, limit: int = COPIED_SHOWN) -> str:
    """`text` on one line, cut to about `limit` characters at word boundaries, the middle elided."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    half = max(1, (limit - len(ELISION)) // 2)
    head, tail = text[: half + 1], text[-half - 1 :]
    # whole words: drop the word the cut went through, unless the cut is the only word there
    head = head.rsplit(" ", 1)[0] if " " in head.rstrip() else head[:half]
    tail = tail.split(" ", 1)[1] if " " in tail.lstrip() else tail[-half:]
    return f"{head.rstrip()}{ELISION}{tail.lstrip()}"


def copied_excerpts(report: Mapping[str, Any] | None) -> list[str]:
    """The quotes of the stretches the ``copied_source`` advisory found, in the answer's order;
    a span of another shape (a results file edited by hand, or written before spans were kept)
    is skipped."""
    quotes: list[str] = []
    for advisory in (report or {}).get("advisories", []):
        if not isinstance(advisory, Mapping) or advisory.get("code") != "copied_source":
            continue
        details = advisory.get("details")
        spans = details.get("spans") if isinstance(details, Mapping) else None
        for span in spans if isinstance(spans, list) else []:
            text = span.get("text") if isinstance(span, Mapping) else None
            if isinstance(text, str) and text.strip():
                quotes.append(excerpt(text))
    return quotes


__all__ = ["COPIED_SHOWN", "copied_excerpts", "excerpt"]
