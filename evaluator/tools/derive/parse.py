"""Reading a study document for `rubric derive`: sections, units (bullets or sentences),
acronyms introduced in the text, and dates and figures. Plain text and Markdown; no spaCy here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+(.*)$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
# Emphasis only where Markdown reads it: a pair of markers around text that starts and ends with a
# non-space ("**GST**", "_ad hoc_"); a lone or inner star is text ("7*7", "2*3*4" stay as written).
_EMPHASIS = re.compile(
    r"(?<![\w*])(\*{1,3})(?=[^\s*])(.{1,200}?)(?<=[^\s*])\1(?![\w*])"
    r"|(?<![\w_])(_{1,3})(?=[^\s_])(.{1,200}?)(?<=[^\s_])\3(?![\w_])"
    r"|`([^`\n]*)`"
)
# A tag starts with a letter, "/" or "!" ("a < b > c" is text) and may quote a ">" in an attribute
# ('<img alt="a>b">' is one tag, not a tag and the text 'b">').
_HTML_TAG = re.compile(
    r"<[A-Za-z/!][^<>\"'\n]{0,200}(?:(?:\"[^\"\n]{0,200}\"|'[^'\n]{0,200}')[^<>\"'\n]{0,200}){0,20}>"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
# a sentence does not end at an initial ("N.K.", "K. C.") or a title ("Dr.", "Mr.", "Prof.")
_ABBREVIATION_END = re.compile(r"(?:(?<![A-Za-z])[A-Z]\.|\b(?:Dr|Mr|Mrs|Ms|Prof|Shri|Smt|St)\.)$")
_FUNCTION_WORDS = frozenset(
    ["a", "an", "and", "the", "of", "for", "on", "in", "to", "at", "by", "with", "&"]
)
_ACRONYM_AFTER = re.compile(r"\(([A-Z][A-Za-z0-9&/+-]{1,11})\)")
_EXPANSION_AFTER = re.compile(r"\b([A-Z][A-Z0-9&/+-]{1,11})\s+\(([^()]{5,90})\)")

# Bounded on both sides so they cannot catch part of a longer number.
# A span of years ("2021-26", "2026–31") is no one year.
YEAR = re.compile(r"(?<![\d/.\-–])(1[5-9]\d\d|20\d\d)(?![\d%]|\.\d|[-–]\d)")
YEAR_SPAN = re.compile(r"(?<![\d/.])(?:1[5-9]\d\d|20\d\d)\s?[-–]\s?\d{2}(?:\d\d)?(?!\d)")
# A currency is a word of its own: the 'rs' of "covers 2026" is no rupee (trial 30b).
MONEY = re.compile(
    r"(?<![A-Za-z])(?P<cur>US\s?\$|USD|\$|₹|Rs\.?|INR|€|£|¥)\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s*"
    r"(?P<scale>thousand|million|billion|trillion|crore|lakh)?\b",
    re.IGNORECASE,
)
PERCENT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s?(?:%|per ?cent\b)", re.IGNORECASE)


@dataclass
class Section:
    """A headed part of the document (or the whole of it when it has no headings)."""

    heading: str | None
    level: int
    units: list[str] = field(default_factory=list)
    """Bullets and paragraph sentences, markup removed, in order."""
    block_of: dict[str, int] = field(default_factory=dict)
    """The paragraph (or list of bullets) each unit comes from, numbered through the document:
    the sentences of one paragraph stay together when a text without headings is grouped."""


def clean_inline(text: str) -> str:
    """Markdown inline markup removed, whitespace collapsed."""
    text = _LINK.sub(r"\1", text)
    text = _HTML_TAG.sub(" ", text)  # Markdown may carry HTML; its tags are not content
    text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(4) or m.group(5) or "", text)
    return " ".join(text.split())


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph (a light rule: end punctuation, space, capital or digit)."""
    parts = [p.strip() for p in _SENTENCE_END.split(text) if p and p.strip()]
    merged: list[str] = []
    for part in parts:
        # "e.g. Japan" and very short fragments stay with the sentence before, and so does a
        # name after its initials or a title ("chaired by N.K. Singh", "Dr. Reddy")
        if merged and (
            len(part.split()) < 4
            or merged[-1].endswith(("e.g.", "i.e.", "etc."))
            or _ABBREVIATION_END.search(merged[-1]) is not None
        ):
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return merged


def _looks_like_plain_heading(line: str, before: str, after: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= 8
        and not before.strip()
        and bool(after.strip())
        and line[:1].isupper()
        and not line.rstrip().endswith((".", ",", ";", "?", "!"))
        and not _BULLET.match(line)
    )


def _next_text(lines: list[str], index: int) -> str:
    """The next line with text after ``index`` (a heading may be followed by a blank line)."""
    for line in lines[index + 1 : index + 3]:
        if line.strip():
            return line
    return ""


@dataclass
class Prompt:
    """What a prompt document says besides its points: the task it sets and its mark scheme."""

    asks: list[str] = field(default_factory=list)
    """Sentences that set the task: questions ('Why was bulb A on?') anywhere, and instructions
    ('Using the data, explain how ...') in the preamble or a section headed Question, Prompt,
    Task or Instructions."""
    bands: list[tuple[int, str]] = field(default_factory=list)
    """Mark-scheme lines ('Score 3: ...', '2 points: three key elements'): (marks, what earns
    them)."""

    @property
    def max_marks(self) -> int | None:
        """The top band's marks (None: no mark scheme)."""
        return max((m for m, _ in self.bands), default=None) or None

    @property
    def elements_for_full_marks(self) -> int | None:
        """How many points the top band asks for ('3 points: four key elements' -> 4)."""
        top = self.max_marks
        for marks, said in self.bands:
            found = _COUNT.search(said) if marks == top else None
            if found:
                word = found.group(1).lower()
                return int(word) if word.isdigit() else _NUMBER_WORDS[word]
        return None


# "Score 3: ...", "Score Point 2 - ...", "Level 2 – ...", "3 points: ...", "A 2-mark answer: ..."
_BAND = re.compile(
    r"^(?:(?:score|level|band|grade)(?:\s+points?)?\s*(\d{1,2})"
    r"|(?:an?\s+)?(\d{1,2})[\s-]*(?:points?|marks?|pts?)(?:\s+(?:response|answer|level))?)"
    r"\s*(?:[:=–—-]|\))\s*(.*)$",
    re.IGNORECASE | re.DOTALL,
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10,
}  # fmt: skip
_COUNT = re.compile(
    rf"\b({'|'.join(_NUMBER_WORDS)}|\d{{1,2}})\s+(?:[a-z-]+\s+){{0,2}}?"
    r"(?:elements?|points?|reasons?|examples?|ideas?|steps?|factors?|ways?|effects?|causes?"
    r"|features?|changes?|details?|pieces?|components?|traits?|differences?|similarities?)\b",
    re.IGNORECASE,
)
_TASK_HEADINGS = re.compile(r"^(?:the\s+)?(?:question|prompt|task|instructions?)\b", re.IGNORECASE)
TASK_VERBS = frozenset(
    [
        "analyse",
        "analyze",
        "comment",
        "compare",
        "contrast",
        "define",
        "describe",
        "discuss",
        "elucidate",
        "enumerate",
        "evaluate",
        "examine",
        "explain",
        "give",
        "highlight",
        "identify",
        "illustrate",
        "justify",
        "list",
        "name",
        "outline",
        "predict",
        "propose",
        "state",
        "suggest",
        "summarise",
        "summarize",
        "use",
        "write",
    ]
)
"""Verbs that open an instruction (a prompt's task), as 'explain' opens 'Explain why ...'."""


LEAD_IN_WORDS = 5
"""A unit of at most this many words ending in a colon introduces a list ('Key elements:')."""


def band_of(unit: str) -> tuple[int, str] | None:
    """(marks, text) when a unit is a mark-scheme line, else None."""
    match = _BAND.match(unit)
    if not match:
        return None
    return int(match.group(1) or match.group(2)), match.group(3).strip()


def is_task(unit: str, *, instructions: bool) -> bool:
    """Whether a unit sets the task: a question, or (``instructions``: in the preamble or a
    Question section) an instruction, opened by a task verb or with one after a comma
    ('Using the results, explain how ...')."""
    if unit.rstrip().endswith("?"):
        return True
    if not instructions:
        return False
    words = re.findall(r"[A-Za-z]+|,", unit)
    starts = [0] + [i + 1 for i, w in enumerate(words) if w == ","]
    return any(i < len(words) and words[i].lower() in TASK_VERBS for i in starts)


def parse_document(text: str) -> tuple[str | None, list[Section]]:
    """(title, sections). Markdown headings, or short stand-alone lines in plain text."""
    title, sections, _ = parse_prompt_document(text)
    return title, sections


def parse_prompt_document(text: str) -> tuple[str | None, list[Section], Prompt]:
    """(title, sections, prompt): the points of the document, and apart from them the task it
    sets and its mark scheme (a question or a 'Score 2: ...' line is not a point to credit)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    headings: dict[int, tuple[int, str]] = {}
    for i, line in enumerate(lines):
        match = _HEADING.match(line)
        if match:
            headings[i] = (len(match.group(1)), clean_inline(match.group(2)))
        elif i > 0 and _SETEXT.match(line) and lines[i - 1].strip() and i - 1 not in headings:
            headings[i - 1] = (1 if line.strip().startswith("=") else 2, clean_inline(lines[i - 1]))
    setext_underlines = {
        i + 1 for i in headings if i + 1 < len(lines) and _SETEXT.match(lines[i + 1])
    }
    if not headings:
        plain = {
            i: (2, clean_inline(line.rstrip(":")))
            for i, line in enumerate(lines)
            if _looks_like_plain_heading(line, lines[i - 1] if i else "", _next_text(lines, i))
        }
        if len(plain) >= 2:
            headings = plain

    title = None
    levels = [level for level, _ in headings.values()]
    if levels.count(1) == 1 and min(levels) == 1:
        first = min(i for i, (level, _) in headings.items() if level == 1)
        title = headings.pop(first)[1]
    section_level = min((level for level, _ in headings.values()), default=0)

    sections: list[Section] = [Section(None, 0)]
    paragraph: list[str] = []
    bullet: list[str] = []
    block = [0]

    def add(units: list[str]) -> None:
        for unit in units:
            sections[-1].units.append(unit)
            sections[-1].block_of.setdefault(unit, block[0])

    def flush(end_of_block: bool = False) -> None:
        if bullet:
            add([clean_inline(" ".join(bullet))])
            bullet.clear()
        if paragraph:
            add(split_sentences(clean_inline(" ".join(paragraph))))
            paragraph.clear()
            block[0] += 1  # a paragraph is a block of its own
        if end_of_block:
            block[0] += 1  # a blank line or a heading ends a list of bullets

    for i, line in enumerate(lines):
        if i in setext_underlines:
            continue
        if i in headings:
            flush(end_of_block=True)
            level, heading = headings[i]
            if level <= section_level:
                sections.append(Section(heading, level))
            continue  # deeper headings only group bullets inside their section
        if _HEADING.match(line):
            flush()  # the title line
            continue
        if not line.strip():
            flush(end_of_block=True)
            continue
        match = _BULLET.match(line)
        if match:
            flush()
            bullet.append(match.group(1))
        elif bullet and line.startswith((" ", "\t")):
            bullet.append(line.strip())
        else:
            if bullet:
                flush()
            paragraph.append(line.strip())
    flush()
    seen: set[str] = set()
    for section in sections:  # a repeated point is one point
        unique = []
        for unit in section.units:
            if unit not in seen:
                seen.add(unit)
                unique.append(unit)
        section.units = unique
    prompt = Prompt()
    with_headings = sum(1 for s in sections if s.units) > 1
    for section in sections:
        instructions = (section.heading is None and with_headings) or bool(
            section.heading and _TASK_HEADINGS.match(section.heading)
        )
        points = []
        for unit in section.units:
            band = band_of(unit)
            if band is not None:
                prompt.bands.append(band)
            elif unit.endswith(":") and len(unit.split()) <= LEAD_IN_WORDS:
                continue  # 'Key elements:' names the list that follows; it is no point itself
            elif is_task(unit, instructions=instructions):
                prompt.asks.append(unit)
            else:
                points.append(unit)
        section.units = points
    kept = [s for s in sections if s.units]
    # with headings, text before the first heading is a preamble about the notes themselves
    if len(kept) > 1 and kept[0].heading is None:
        kept = kept[1:]
    return title, kept, prompt


def find_acronyms(text: str) -> dict[str, str]:
    """Acronyms introduced in the text, mapped to their expansions.

    'Comprehensive Economic Partnership Agreement (CEPA)' and 'ACSA (Acquisition and
    Cross-Servicing Agreement)' both count, when the initials fit the letters.
    """
    found: dict[str, str] = {}
    flat = clean_inline(text)
    for match in _ACRONYM_AFTER.finditer(flat):
        acronym = match.group(1)
        if re.fullmatch(r"[A-Z]{2,}s", acronym):
            acronym = acronym[:-1]  # a plural: 'Electronic Voting Machines (EVMs)' is the EVM
        before = flat[: match.start()].split()
        expansion = _expansion_before(acronym, before)
        if expansion:
            found.setdefault(acronym, expansion)
    for match in _EXPANSION_AFTER.finditer(flat):
        acronym, inside = match.group(1), match.group(2).strip()
        if acronym not in found and _initials_fit(acronym, inside.split()):
            found[acronym] = inside
    return found


def _initials(words: list[str]) -> str:
    letters = []
    for word in words:
        for part in re.split(r"[-–/]", word):
            part = part.strip(".,;:'’\"()")
            if part and part.lower() not in _FUNCTION_WORDS and part[0].isalnum():
                letters.append(part[0].lower())
    return "".join(letters)


def _initials_fit(acronym: str, words: list[str]) -> bool:
    letters = "".join(ch.lower() for ch in acronym if ch.isalpha())
    initials = _initials(words)
    if len(initials) < 2 or not letters or initials[0] != letters[0]:
        return False
    if initials == letters:
        return True
    it = iter(letters)  # initials in order inside the letters: UNICORN <- Unified Complex ...
    return all(ch in it for ch in initials) and len(initials) >= len(letters) / 2


def _expansion_before(acronym: str, words: list[str]) -> str | None:
    letters = "".join(ch.lower() for ch in acronym if ch.isalpha())
    for size in range(1, min(len(words), len(letters) + 4) + 1):
        candidate = words[-size:]
        first = candidate[0].strip("(\"'“‘")
        if not first[:1].isupper():
            continue
        if _initials(candidate) == letters:
            return " ".join(w.strip(",;:") for w in candidate).strip("(\"'“‘")
    return None


# --- a document of several questions ---------------------------------------------------------

_QUESTION_LINE = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:[-*+]\s+)?[*_]{0,2}"
    r"(?P<label>(?:q(?:uestion)?\s?\.?\s?)?(?P<number>\d{1,2})[a-z]?)[*_]{0,2}"
    r"(?:\s*[.):\-–—]|\s|$)\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_MARKS_NOTE = re.compile(
    r"[(\[]\s*\d{1,3}\s*(?:marks?|points?|pts?)\b|\b\d{1,3}\s*(?:marks?|points?)\s*[)\]]",
    re.IGNORECASE,
)


def several_questions(text: str) -> list[str]:
    """The labels ('q1', 'Question 2', '3') of the numbered questions a document sets, when it
    sets two or more, each with its marks or a question mark and followed by its answer (a line
    or more before the next question); else []. A class test's questions and reference answers
    in one file (session 43's `questions.md`) are several questions, where a draft holds one;
    study notes with a numbered list, or a few past questions at their end, are not."""
    lines = [line for line in text.splitlines() if line.strip()]
    found: list[tuple[int, int, str, str]] = []  # (first line, last line, number, label)
    for n, line in enumerate(lines):
        match = _QUESTION_LINE.match(line)
        if match is None:
            continue
        rest, last = match.group("rest").rstrip(" *_#"), n
        if not rest and n + 1 < len(lines):  # a label of its own ('## Question 1'): the next line
            rest, last = lines[n + 1].strip().rstrip(" *_"), n + 1
        if _MARKS_NOTE.search(line) or rest.endswith("?"):
            found.append((n, last, match.group("number"), " ".join(match.group("label").split())))
    labels: dict[str, str] = {}
    for k, (_, last, number, label) in enumerate(found):
        following = found[k + 1][0] if k + 1 < len(found) else len(lines)
        if following - last > 1:  # a line of its answer before the next question
            labels.setdefault(number, label)
    return list(labels.values()) if len(labels) >= 2 else []
