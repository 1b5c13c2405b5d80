"""The answer as HTML with the spans that earned (or lost) credit highlighted.

Every piece of the learner's text is escaped here, segment by segment between evidence offsets;
only our own tags are added. The result is the one place the templates mark safe.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from typing import Any

from markupsafe import Markup, escape

HIGHLIGHTED = ("contradicted", "misconception", "marked-down", "negated", "covered", "partial")
"""Statuses shown in the text, strongest first: overlapping spans take the first."""

STATUS_LABELS = {
    "covered": "Covered",
    "partial": "Partly covered",
    "negated": "Negated",
    "contradicted": "Contradicted",
    "misconception": "Misconception (costs marks)",
    "marked-down": "Like answers the tutor marked low (costs marks)",
    "missing": "Missing",
}


def _spans(report: Mapping[str, Any], text: str) -> list[tuple[int, int, str, str]]:
    spans = []
    for concept in report.get("concepts", []):
        status = concept.get("status")
        if concept.get("penalty"):  # a misconception the answer states, never a point earned
            # one `rubric tune` learned from marks is words of low-marked answers, not a claim
            # to call wrong
            cost = "marked-down" if concept.get("learned") else "misconception"
            status = cost if status in ("covered", "partial") else None
        if status not in HIGHLIGHTED:
            continue
        for ev in concept.get("evidence", []):
            start, end = int(ev.get("start", -1)), int(ev.get("end", -1))
            # offsets must point at the text they claim to: anything else is skipped, not trusted
            if 0 <= start < end <= len(text) and text[start:end] == ev.get("text"):
                spans.append((start, end, status, str(concept.get("label", concept.get("id")))))
    for fact in report.get("facts", []):
        if fact.get("status") != "contradicted":
            continue
        for ev in fact.get("evidence", []):
            start, end = int(ev.get("start", -1)), int(ev.get("end", -1))
            if 0 <= start < end <= len(text) and text[start:end] == ev.get("text"):
                spans.append((start, end, "contradicted", str(fact.get("claim", fact.get("id")))))
    return spans


def highlight_answer(text: str, report: Mapping[str, Any]) -> Markup:
    """The answer with <mark> elements per concept status; all user text escaped.

    No highlight is a tab stop (an answer has dozens): the answer is one, and the arrow keys move
    from highlight to highlight inside it (static/result.js), each showing its explanation."""
    spans = _spans(report, text)
    bounds = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    parts: list[str] = []
    for left, right in itertools.pairwise(bounds):
        segment = escape(text[left:right])
        active = [s for s in spans if s[0] <= left and right <= s[1]]
        if not active:
            parts.append(segment)
            continue
        status = min(active, key=lambda s: HIGHLIGHTED.index(s[2]))[2]
        tip = "; ".join(dict.fromkeys(f"{STATUS_LABELS[s[2]]}: {s[3]}" for s in active))
        parts.append(
            Markup(
                '<mark class="hl hl-{}" tabindex="-1" title="{}" data-tip="{}">{}</mark>'
                '<span class="visually-hidden"> ({})</span>'
            ).format(status, tip, tip, segment, tip)
        )
    return Markup("").join(parts)


LEGEND_ORDER = ("covered", "partial", "negated", "contradicted")


def legend(statuses: Iterable[str] = LEGEND_ORDER) -> list[tuple[str, str]]:
    """(status, label) pairs for the colour legend."""
    return [(s, STATUS_LABELS[s]) for s in statuses]
