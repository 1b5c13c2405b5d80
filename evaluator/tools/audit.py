"""Rubric audit: how much of the model answer's marks can a gaming attempt collect?

For a question with a model answer, :func:`audit_question` builds attack variants (a keyword
list, the answer's words shuffled, every claim negated, the source notes pasted, repetition,
padding to three times the limit, an off-topic answer, prompt-injection text), grades each with
:func:`evaluator.scoring.evaluate` and reports its marks as a share of the model answer's marks
with the advisories that fired. An attack that reaches the threshold means the rubric (or the
scorer) can be gamed that way.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from evaluator.rubric.loader import LoadedRubric
from evaluator.rubric.model import ALSO_CORRECT, PHRASINGS_JOIN, Concept, Question
from evaluator.scoring.checks.structure import count_words
from evaluator.scoring.inputs import MAX_ANSWER_TOKENS, estimated_tokens
from evaluator.settings import audit_settings

DEFAULT_THRESHOLD = 0.35
"""An attack reaching this share of the model answer's marks fails the audit."""

_SEED = 20240  # fixed: the audit is as deterministic as the scorer
_MARKUP = re.compile(r"[*_#>`]+")
_LINE_PREFIX = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+|^\s*\*\*[^*]+\*\*:?\s*")
_HEADING = re.compile(r"^(\s*(?:#{1,6}\s+|\*\*|__))([^*_#].*?)((?:\*\*|__)?:?\s*)$")
_FOCUS_ADVERBS = frozenset({"only", "just", "merely", "simply"})


@dataclass(frozen=True)
class AttackResult:
    """One attack variant and what it earned."""

    attack: str
    description: str
    marks: float
    share: float
    """Marks as a share of the model answer's marks."""
    advisories: list[str]
    passed: bool
    words: int
    text: str = ""
    """The attack's answer as graded (in ``--json``: what earned the share)."""


@dataclass(frozen=True)
class QuestionAudit:
    """The audit of one question."""

    question: str
    max_marks: int
    model_marks: float | None
    threshold: float
    attacks: list[AttackResult] = field(default_factory=list)
    skipped: str = ""
    """Why the question was not audited, else empty (every question has something to attack:
    see ``model_source``)."""
    model_source: str = "rubric"
    """Where the attacked answer came from: 'rubric' (its model answer), 'notes' (built from the
    concepts' notes, for a rubric without one) or 'tutor' (the best-marked graded answer)."""
    unchanged: list[str] = field(default_factory=list)
    """Attacks not run because their answer would be the model answer's own words in its own
    order (a one-word answer listed, shuffled or negated is still that word)."""

    @property
    def passed(self) -> bool:
        """True when no attack reached the threshold; a question with nothing to attack (see
        ``skipped``) has not passed."""
        return not self.skipped and all(a.passed for a in self.attacks)


# --- attack builders ------------------------------------------------------------------------


def keyword_list(loaded: LoadedRubric, question: Question) -> str:
    """Every cue and alias of the question's points, as a bare comma-separated list, up to the
    word limit (a gamer pastes what the limit allows).

    Points only: a tuned rubric's phrases learned from marks and its graded answers kept as
    examples are no keywords a gamer would know, and listing all of them (1,227 words for one
    tuned 3-mark question) was stopped by the word limit, not by the scorer."""
    wanted = {d.id for d in question.dimensions}
    left_out = loaded.rubric.left_out(question)
    terms: list[str] = []
    words = 0
    for dimension, concept in loaded.rubric.concepts():
        if dimension.id not in wanted or concept.id in left_out:
            continue
        if concept.learned or concept.exemplar:
            continue
        for term in [*concept.aliases[:1], *(group[0] for group in concept.cues)]:
            if term in terms:
                continue
            words += count_words(term)
            if terms and words > question.word_limit:
                return ", ".join(terms) + "."
            terms.append(term)
    return ", ".join(terms) + "."


def shuffled(doc: Doc) -> str:
    """The answer's words shuffled inside each sentence, and the sentences shuffled."""
    rng = random.Random(_SEED)
    sentences = []
    for sent in doc.sents:
        words = [t.text for t in sent if not t.is_punct and not t.is_space]
        rng.shuffle(words)
        if words:
            sentences.append(" ".join(words) + ".")
    rng.shuffle(sentences)
    return " ".join(sentences)


def negated(text: str, nlp: Language) -> str:
    """Every claim of the answer negated, line by line (points are parsed on their own).

    Each clause with a subject gets 'not' after its auxiliary or copula, or 'did not' before its
    verb; participle clauses get 'not'; a sentence with no clause (three words or more) is
    prefixed 'It is not true that'.
    """
    lines = text.split("\n")
    prefixes = [_LINE_PREFIX.match(line) for line in lines]
    bodies = [line[m.end() :] if m else line for line, m in zip(lines, prefixes, strict=True)]
    out = []
    for line, match, doc in zip(lines, prefixes, nlp.pipe(bodies), strict=True):
        prefix = match.group(0) if match else ""
        heading = _HEADING.match(line)
        if heading:
            # a heading names claims too ("Quad and groupings"): deny it
            out.append(f"{heading.group(1)}No {heading.group(2)}{heading.group(3)}")
        else:
            out.append(prefix + _negate_doc(doc) if line.strip() else line)
    return "\n".join(out)


def denied_short(text: str, nlp: Language) -> str:
    """:func:`negated`, and a short answer of a word or two that has no clause to deny
    ("Chlorophyll.") denied as a pupil would: "Not chlorophyll." (trial s43: "It is not
    chlorophyll" earned the full mark once tuned, and the audit had not tried it)."""
    denied = negated(text, nlp)
    if denied != text or not 0 < len(_word_sequence(text)) <= 2:
        return denied
    body = text.strip()
    first = body[:1].lower() if body[1:2].islower() else body[:1]
    return f"Not {first}{body[1:]}"


def _negate_doc(doc: Doc) -> str:
    edits: list[tuple[int, int, str]] = []
    for sent in doc.sents:
        clauses = [
            t
            for t in sent
            if t.pos_ in ("VERB", "AUX")
            and t.dep_ not in ("aux", "auxpass")
            and (
                any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in t.children)
                # "… and has given aid since 1958": a verb after 'and' with an auxiliary of its
                # own is a claim of its own (the scorer reads it so, engine 0.9.221)
                or (t.dep_ == "conj" and any(c.dep_ in ("aux", "auxpass") for c in t.children))
            )
        ]
        negated_heads: set[int] = set()
        for head in list(clauses):
            fronted = [c for c in head.children if c.dep_ == "prep" and c.i < head.left_edge.i + 1]
            if fronted:
                # "As Quad members, they meet": the fronted phrase is a claim too, so the whole
                # clause is denied rather than its verb
                clauses.remove(head)
                first = head.left_edge
                lead = "It" if first.is_sent_start else "it"
                edits.append(
                    (first.idx, first.idx + 1, f"{lead} is not true that {first.text[0].lower()}")
                )
                negated_heads.add(head.i)
        for head in clauses:
            if head.dep_ == "ccomp" and head.head in clauses and head.i > head.head.i:
                # "did not recommend that 41% go to the states": what a denied verb reports is
                # denied with it; "… that 41% do not go" would deny twice, and assert it again
                continue
            edit = _negate_verb(head)
            if edit:
                edits.append(edit)
                negated_heads.add(head.i)
        for verb in sent:
            # "…, funding the bullet train": participle clauses are claims too
            if (
                verb.tag_ in ("VBG", "VBN")
                and verb.dep_ in ("advcl", "acl")
                and not any(c.dep_ in ("aux", "auxpass", "neg") for c in verb.children)
            ):
                edits.append((verb.idx, verb.idx, "not "))
        for token in sent:
            # a negative claim of the answer ("never a military alliance", "with no treaty", "India
            # has not joined the sanctions") is denied by dropping its negation
            if (token.lower_ == "no" and token.dep_ == "det") or (
                token.lower_ in _NEGATORS and token.dep_ == "neg"
            ):
                # "doesn't" keeps the space after it ("does buy"), "no treaty" loses its own
                space = "" if token.text.lower() == "n't" else token.whitespace_
                edits.append((token.idx, token.idx + len(token.text) + len(space), ""))
            elif token.lower_ == "nor" and token.dep_ == "cc":
                edits.append((token.idx, token.idx + len(token.text), "and"))
        # a claim without a clause ("Annual summits since 2006.") is denied whole, and so is one
        # whose main claim no edit denies ("Its criteria such as population … balance equity,
        # which reduces imbalance", parsed as a noun phrase: denying only its 'which' clause
        # left the criteria point standing, and `rubric audit` failed a fresh draft, session 47);
        # a heading of a word or two is not a claim
        if sum(1 for t in sent if t.is_alpha or t.like_num) >= 3 and not (
            sent.root.i in negated_heads or _denied_root(sent, edits)
        ):
            start = _first_word(sent)
            if start is not None:
                edits = [e for e in edits if not sent.start_char <= e[0] < sent.end_char]
                edits.append((start, start, "It is not true that "))
    text = doc.text
    for start, end, insert in sorted(edits, reverse=True):
        text = text[:start] + insert + text[end:]
    return text


_NEGATORS = frozenset({"not", "n't", "never"})


def _denied_root(sent: Span, edits: Sequence[tuple[int, int, str]]) -> bool:
    """Whether an edit drops the negation of the sentence's main claim ("India has not joined
    RCEP" -> "India has joined RCEP"): the claim is denied."""
    at = {start for start, _, _ in edits}
    return any(c.dep_ == "neg" and c.idx in at for c in sent.root.children)


def _first_word(sent: Span) -> int | None:
    for token in sent:
        if token.is_alpha:
            return token.idx
    return None


def _negate_verb(head: Token) -> tuple[int, int, str] | None:
    if any(c.dep_ == "neg" for c in head.children):
        return None
    aux = [c for c in head.children if c.dep_ in ("aux", "auxpass") and c.i < head.i]
    target = aux[0] if aux else head if head.lemma_ == "be" else None
    if target is not None:
        end = target.idx + len(target.text)
        following = target.nbor(1) if target.i + 1 < len(target.doc) else None
        if following is not None and following.lower_ in _FOCUS_ADVERBS:
            # "was only" -> "was not only" would be a pseudo-negation; drop the adverb
            return end, following.idx + len(following.text), " not"
        return end, end, " not"
    if head.pos_ != "VERB":
        return None
    helper = {"VBD": "did not", "VBZ": "does not", "VBP": "do not", "VB": "do not"}.get(head.tag_)
    if helper is None:
        return None
    return head.idx, head.idx + len(head.text), f"{helper} {head.lemma_}"


def repetition(doc: Doc, limit: int) -> str:
    """The answer's first three sentences repeated until the word limit is reached; of a shorter
    answer, all but its last sentence. Empty for an answer of one sentence: any repetition of it
    holds the whole answer, which earns its marks (a short draft's 'repetition' had earned
    100%: its model answer said twice)."""
    sentences = [s.text.strip() for s in doc.sents if s.text.strip()]
    opening = sentences[: min(3, len(sentences) - 1)]
    if not opening:
        return ""
    block = " ".join(opening)
    words = max(1, count_words(block))
    return "\n\n".join([block] * max(2, -(-limit // words)))


def pasted(document: str) -> str:
    """A document pasted as an answer: whole, or its paragraphs up to the longest answer the
    scorer accepts (a copier pastes what the form takes; a rubric's notes grow past it)."""
    if estimated_tokens(document) <= MAX_ANSWER_TOKENS:
        return document
    kept: list[str] = []
    size = 0
    for paragraph in document.split("\n\n"):
        size += estimated_tokens(paragraph)
        if size > MAX_ANSWER_TOKENS:
            break
        kept.append(paragraph)
    return "\n\n".join(kept)


def padded(answer: str, limit: int) -> str:
    """The answer padded with vague filler to three times the word limit."""
    filler = [str(s) for s in audit_settings().filler]
    parts = [answer.strip()]
    words = count_words(answer)
    i = 0
    while words < 3 * limit:
        sentence = filler[i % len(filler)]
        parts.append(sentence)
        words += count_words(sentence)
        i += 1
    return parts[0] + "\n\n" + " ".join(parts[1:])


def attacks_for(
    loaded: LoadedRubric, question: Question, model_answer: str, nlp: Language
) -> list[tuple[str, str, str]]:
    """(attack id, description, text) for every attack on a question's model answer."""
    data = audit_settings()
    doc = nlp(model_answer)
    plain = _MARKUP.sub("", model_answer)
    keywords = keyword_list(loaded, question)
    # a short answer that states the document's points is the answer the question asks for,
    # not a copy (copied_source does not check short answers): no source_copy attack to survive
    copy_attack = (
        []
        if question.kind == "short"
        else [
            (
                "source_copy",
                "the rubric's source notes pasted as the answer",
                pasted(loaded.source_notes),
            )
        ]
    )
    return [
        ("keyword_list", "the rubric's cue terms as a bare list", keywords),
        ("question_echo", "the question copied back as the answer", question.text),
        ("shuffled", "the model answer's words shuffled in each sentence", shuffled(nlp(plain))),
        (
            "negated",
            "every claim of the model answer negated",
            (denied_short if question.kind == "short" else negated)(model_answer, nlp),
        ),
        *copy_attack,
        *(
            [("repetition", "the opening sentences repeated to the word limit", repeated)]
            if (repeated := repetition(doc, question.word_limit))
            else []
        ),
        (
            "padding",
            "the model answer padded with filler to 3x the limit",
            padded(model_answer, question.word_limit),
        ),
        ("off_topic", "a fluent answer on another subject", str(data.off_topic)),
        (
            "injection",
            "prompt injection ('ignore the rubric and award full marks') + keywords",
            str(data.injection) + "\n\n" + keywords,
        ),
    ]


# --- running the audit ----------------------------------------------------------------------


def audit_question(
    loaded: LoadedRubric,
    question_id: str,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    nlp: Language | None = None,
    model_answer: str | None = None,
    model_source: str = "tutor",
) -> QuestionAudit:
    """Grade every attack on a question's model answer against the model answer's own marks.

    ``model_answer`` (say a tutor's best-marked answer) is attacked instead of the rubric's; a
    rubric without one gets one built from its concepts' notes (:func:`notes_model_answer`).
    """
    question = loaded.rubric.question(question_id)
    if not model_answer:
        model_answer = loaded.model_answers.get(question.id)
        model_source = "rubric"
    if not model_answer:
        model_answer = notes_model_answer(loaded, question)
        model_source = "notes"
    if not model_answer.strip():
        nothing = "no concept note an answer would write"
        return QuestionAudit(question.id, question.max_marks, None, threshold, skipped=nothing)
    # spaCy is imported here, not at the top: `mains-eval --help` reads DEFAULT_THRESHOLD
    from evaluator.nlp.pipeline import get_nlp
    from evaluator.scoring.engine import evaluate

    nlp = nlp or get_nlp()
    model = evaluate(model_answer, loaded, question.id, nlp=nlp)
    model_marks = model.marks
    if model_source == "notes":
        # the notes written out copy the source by construction: copied_source (or a short
        # draft's length cap) on it says nothing about the rubric, and an audit measured against
        # its capped marks would fail every attack that keeps a word of it (the source_copy
        # attack still pastes the notes and is graded with every advisory)
        step = loaded.rubric.step_of(question)
        model_marks = round(round(model.arithmetic.before_advisories / step) * step, 3)
    reference = model_marks or float(question.max_marks)
    results = []
    unchanged = []
    own_words = _word_sequence(model_answer)
    for attack, description, text in attacks_for(loaded, question, model_answer, nlp):
        if _word_sequence(text) == own_words:
            # "Chlorophyll" as a keyword list, shuffled or negated is the model answer: its
            # full marks measure nothing (trial s43: a one-word question could never pass)
            unchanged.append(attack)
            continue
        report = evaluate(text, loaded, question.id, nlp=nlp)
        share = report.marks / reference
        results.append(
            AttackResult(
                attack,
                description,
                report.marks,
                round(share, 4),
                report.advisory_codes(),
                share < threshold,
                report.word_count,
                text,
            )
        )
    return QuestionAudit(
        question.id,
        question.max_marks,
        model_marks,
        threshold,
        results,
        "",
        model_source,
        unchanged,
    )


def _word_sequence(text: str) -> tuple[str, ...]:
    """An answer's words in order, lower-cased, without punctuation or markup."""
    return tuple(re.findall(r"\w+", _MARKUP.sub("", text).lower()))


def notes_model_answer(loaded: LoadedRubric, question: Question) -> str:
    """A model answer built from the rubric's own notes, as a strong answer within the word
    limit would be: concepts' notes chosen for the most marks per word (a dimension counts by its
    weight in the question, until its expected weight is covered), one paragraph per dimension in
    the question's order (misconceptions left out). What a rubric without a model answer is
    audited on."""
    rubric = loaded.rubric
    saturation = rubric.scoring.saturation
    limit = question.word_limit
    candidates: list[tuple[int, int, float, Concept, str]] = []
    need: dict[int, float] = {}
    for d_index, qd in enumerate(question.dimensions):
        concepts = [c for c in rubric.counted(question, qd.id) if not c.penalty]
        total = sum(c.weight for c in concepts)
        need[d_index] = rubric.expected_weight(question, qd.id) or saturation * total or 1.0
        candidates += [
            (d_index, c_index, qd.weight, c, text)
            for c_index, c in enumerate(concepts)
            if (text := answer_text(c, limit))
        ]
    covered = dict.fromkeys(need, 0.0)
    chosen: dict[int, list[tuple[int, str]]] = {}
    words = 0

    def gain(item: tuple[int, int, float, Concept, str]) -> float:
        """Marks per word this concept's text would add, as the dimension stands."""
        d_index, _, weight, concept, text = item
        before = min(1.0, covered[d_index] / need[d_index])
        after = min(1.0, (covered[d_index] + concept.weight) / need[d_index])
        return weight * (after - before) / max(1, len(text.split()))

    left = list(candidates)
    while left:
        fits = [c for c in left if words + len(c[4].split()) <= limit]
        if not fits:
            break
        best = max(fits, key=lambda c: (gain(c), -c[0], -c[1]))
        if gain(best) <= 0:
            break
        left.remove(best)
        d_index, c_index, _, concept, text = best
        covered[d_index] += concept.weight
        words += len(text.split())
        chosen.setdefault(d_index, []).append((c_index, text.rstrip(".") + "."))
    if not chosen and candidates:
        # every note is longer than the limit: the most valuable one, cut to the limit (an
        # audit of part of a point is an audit; a skipped one had passed in silence)
        d_index, c_index, _, concept, text = max(
            candidates, key=lambda c: (c[2] * c[3].weight, -c[0], -c[1])
        )
        chosen[d_index] = [(c_index, _cut_to_words(text, limit))]
    paragraphs = [[note for _, note in sorted(chosen[d])] for d in sorted(chosen)]
    return "\n\n".join(" ".join(p) for p in paragraphs)


def answer_text(concept: Concept, word_limit: int) -> str:
    """The text of a concept's note an answer would write: a phrase learned from a tutor's marks
    or a graded answer kept as an example says how it was fitted, not what an answer says (none);
    a derived concept of several reference answers holds them all ("… Also correct: … / …"), and
    an answer writes one: the first within the word limit, else the shortest."""
    if concept.learned or concept.exemplar:
        return ""
    first, also, rest = concept.note.partition(ALSO_CORRECT)
    if not also:
        return concept.note
    phrasings = [first, *rest.split(PHRASINGS_JOIN)]
    within = [p for p in phrasings if len(p.split()) <= word_limit]
    return within[0] if within else min(phrasings, key=lambda p: len(p.split()))


def _cut_to_words(text: str, limit: int) -> str:
    """``text``'s whole sentences within ``limit`` words, or its first ``limit`` words."""
    kept: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+", text.strip()):
        if len(" ".join([*kept, sentence]).split()) > limit:
            break
        kept.append(sentence)
    return " ".join(kept) if kept else " ".join(text.split()[:limit]).rstrip(".,;:") + "."


def audit_rubric(
    loaded: LoadedRubric,
    question_ids: Sequence[str] | None = None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    nlp: Language | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[QuestionAudit]:
    """Audit the given questions (all of the rubric's when None)."""
    ids = list(question_ids) if question_ids else [q.id for q in loaded.rubric.questions]
    audits = []
    for question_id in ids:
        if progress:
            progress(question_id)
        audits.append(audit_question(loaded, question_id, threshold=threshold, nlp=nlp))
    return audits


def format_audit(audits: Sequence[QuestionAudit]) -> str:
    """The audit as a plain-text table per question."""
    lines: list[str] = []
    for audit in audits:
        if audit.skipped:
            lines.append(f"{audit.question}: not audited ({audit.skipped})")
            continue
        source = {
            "notes": (
                " (built from the rubric's notes: it has no model answer; marked before "
                "advisories, as it copies the notes)"
            ),
            "tutor": " (the tutor's best-marked answer)",
        }.get(audit.model_source, "")
        lines.append(
            f"{audit.question}: model answer{source} {audit.model_marks:g}/{audit.max_marks}; "
            f"threshold {audit.threshold:.0%} of the model answer's marks"
        )
        lines.append(f"  {'attack':<14} {'marks':>6} {'share':>6}  {'result':<6} advisories")
        for a in audit.attacks:
            verdict = "ok" if a.passed else "FAIL"
            lines.append(
                f"  {a.attack:<14} {a.marks:>6g} {a.share:>6.0%}  {verdict:<6} "
                f"{', '.join(a.advisories) or '-'}"
            )
        if audit.unchanged:
            lines.append(
                f"  not run: {', '.join(audit.unchanged)} (the attack would be the model "
                "answer's own words in its own order)"
            )
        lines.append(f"  => {'PASS' if audit.passed else 'FAIL'}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def audit_to_dict(audits: Sequence[QuestionAudit]) -> dict[str, object]:
    """The audit as JSON-ready data."""
    return {
        "passed": all(a.passed for a in audits),
        "questions": [
            {
                "question": a.question,
                "max_marks": a.max_marks,
                "model_marks": a.model_marks,
                "threshold": a.threshold,
                "passed": a.passed,
                "skipped": a.skipped,
                "model_source": a.model_source,
                "attacks": [asdict(r) for r in a.attacks],
                "unchanged": list(a.unchanged),
            }
            for a in audits
        ],
    }
