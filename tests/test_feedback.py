"""What a learner reads after grading: a few next steps, each with its worth in marks, that hold
when the learner makes the change; an examiner's comment; no advice said twice."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evaluator.scoring import evaluate
from evaluator.scoring.feedback import unsaid_improvements
from evaluator.scoring.feedback.wording import clip, normalised, plural
from evaluator.scoring.report import Report

ANSWERS = Path(__file__).parent / "data" / "answers"
MEDIUM_AND_WEAK = sorted(
    (p.parent.name, p) for p in ANSWERS.glob("*/*.md") if p.stem in ("medium", "weak")
)


def _grade(india_japan, nlp, question: str, text: str) -> Report:
    return evaluate(text, india_japan, question, nlp=nlp)


@pytest.mark.parametrize(("question", "path"), MEDIUM_AND_WEAK, ids=lambda v: str(v)[-30:])
def test_medium_and_weak_answers_get_a_few_distinct_steps_with_their_worth(
    india_japan, nlp, question, path
):
    report = _grade(india_japan, nlp, question, path.read_text(encoding="utf-8"))
    steps = report.feedback.next_steps
    assert 1 <= len(steps) <= 5
    shown = [normalised(s.text) for s in steps + report.feedback.more_steps]
    assert len(shown) == len(set(shown)), "the same advice twice"
    cap = report.arithmetic.cap
    step = india_japan.rubric.scoring.rounding
    if cap is not None and report.marks + step > cap * report.max_marks:
        # the marks sit at the length cap (too short): no single point can raise them, so the
        # first advice is to write more
        assert steps[0].kind == "word_budget"
    else:
        assert steps[0].gain > 0
    # each step is worth what it adds to the steps above it (session 48): the worths add up
    assert all(
        s.marks_after == pytest.approx(report.marks + sum(t.gain for t in steps[: i + 1]))
        for i, s in enumerate(steps)
    )
    improvements = [normalised(line) for line in report.feedback.improvements]
    assert len(improvements) == len(set(improvements))
    # the word limit is spoken of once, not by both the structure note and the advisory
    assert sum("word limit" in line for line in improvements) <= 1
    comment = report.feedback.comment
    assert 2 <= comment.count(". ") + 1 <= 3 and steps[0].worth in comment
    # the steps follow the comment on every face: it points at the first, never restates it
    assert "the first step below" in comment
    assert normalised(steps[0].text)[:30] not in normalised(comment)


def _add_note(text: str, note: str) -> str:
    """The learner adds the point in their own body paragraph (the second), as one sentence."""
    paragraphs = text.strip().split("\n\n")
    paragraphs[1] = paragraphs[1].rstrip() + " " + note.strip()
    return "\n\n".join(paragraphs)


# (question, answer): answers whose first step is a concept; the learner writes its note
CONCEPT_CASES = [
    ("pyq-2019-contemporary", "generic"),
    ("2plus2-significance", "strong"),
    ("challenges-way-forward", "strong"),
    ("pyq-2019-contemporary", "medium"),
    ("defence-cooperation", "generic"),
]


@pytest.mark.parametrize(("question", "answer"), CONCEPT_CASES)
def test_the_first_steps_worth_is_what_the_change_earns(india_japan, nlp, question, answer):
    text = (ANSWERS / question / f"{answer}.md").read_text(encoding="utf-8")
    report = _grade(india_japan, nlp, question, text)
    step = report.feedback.next_steps[0]
    assert step.kind == "concept" and step.gain > 0
    changed = _grade(
        india_japan, nlp, question, _add_note(text, report.concept(step.target).source_note)
    )
    assert changed.concept(step.target).status == "covered"
    rounding = india_japan.rubric.scoring.rounding
    assert abs(changed.marks - step.marks_after) <= rounding + 1e-9


def test_a_length_cap_is_lifted_before_the_points_it_holds(india_japan, nlp):
    # the weak answer is held at its too_short cap (3.1 of 10) after its first point: each
    # point below had read "under 0.5 marks" and the word budget's step, below them, had
    # claimed "+2 marks", what the points add once the answer is long enough (session 49)
    question = "pyq-2013-economic"
    text = (ANSWERS / question / "weak.md").read_text(encoding="utf-8")
    report = _grade(india_japan, nlp, question, text)
    steps = report.feedback.next_steps
    assert "too_short" in report.advisory_codes()
    assert [s.kind for s in steps] == ["concept", "word_budget", "concept", "concept", "concept"]
    assert all(s.gain > 0 for s in steps), [s.worth for s in steps]
    # the worths add up to what doing every step gives
    assert steps[-1].marks_after == pytest.approx(report.marks + sum(s.gain for s in steps))
    # the learner makes the first two steps: the point, and the words (developing the answer's
    # own points); the marks are at least what the two steps say
    more = (
        "The gap in trade shows in daily business. Indian firms that want to sell in Japan must "
        "translate every paper, hire local agents and wait months for approvals, so many small "
        "exporters give up before their first order. Japanese buyers ask for strict quality "
        "checks and steady delivery, which Indian suppliers often cannot promise. Aid for the "
        "metro and roads has helped Indian cities, yet it has not turned into regular orders for "
        "Indian goods. Both sides talk of closer business links, but until the paperwork shrinks "
        "and firms learn to trust each other, trade will stay small next to trade with China."
    )
    note = report.concept(steps[0].target).source_note
    written = _grade(india_japan, nlp, question, f"{text.strip()}\n\n{more}\n\n{note}")
    assert "too_short" not in written.advisory_codes()
    assert written.concept(steps[0].target).status == "covered"
    assert written.marks >= steps[1].marks_after


def test_a_point_a_length_cap_holds_whole_is_a_step_after_the_word_budget(india_japan, nlp):
    # held at its cap from the start, a too-short answer had one step, the word budget with a
    # point folded in: no other point was named, each gaining nothing alone (session 49)
    text = (
        "India and Japan meet in a 2+2 format where the foreign and defence ministers of both "
        "countries sit at one table. The format shows how much trust has grown between them.\n\n"
        "Both are partners in the Quad with the United States and Australia, and they want a "
        "free and open Indo-Pacific where rules, not force, settle disputes at sea. Japan "
        "also funds roads and ports in the Northeast of India."
    )
    report = _grade(india_japan, nlp, "2plus2-significance", text)
    steps = report.feedback.next_steps
    cap = report.arithmetic.cap
    assert cap is not None and report.marks + 0.5 > cap * report.max_marks
    assert steps[0].kind == "word_budget" and len(steps) > 1
    assert all(s.kind == "concept" for s in steps[1:]) and steps[1].gain > 0
    assert steps[-1].marks_after == pytest.approx(report.marks + sum(s.gain for s in steps))


def test_a_step_does_not_claim_the_half_mark_the_rounding_above_it_left_over(india_japan, nlp):
    # the medium answer's steps had read "+1.5, +0.5, under 0.5, +0.5, +0.5": the third point
    # adds more than the fourth and fifth, but the marks it added stayed under the next half
    # mark and the fourth's step claimed it (session 49); the half marks go to the steps by
    # what each adds, and the worths still add up to what doing them all gives
    report = _grade(
        india_japan,
        nlp,
        "2plus2-significance",
        (ANSWERS / "2plus2-significance" / "medium.md").read_text(encoding="utf-8"),
    )
    steps = report.feedback.next_steps
    gains = [s.gain for s in steps]
    assert gains == sorted(gains, reverse=True), [s.worth for s in steps]
    assert steps[-1].marks_after == pytest.approx(report.marks + sum(gains))


def test_the_other_sides_worth_is_what_adding_it_earns(india_japan, nlp):
    # the medium answer praises only (one_sided, engine 0.9.233): its first step is to add the
    # other side, worth the fifth of its marks the advisory deducts
    text = (ANSWERS / "2plus2-significance" / "medium.md").read_text(encoding="utf-8")
    report = _grade(india_japan, nlp, "2plus2-significance", text)
    step = report.feedback.next_steps[0]
    assert (step.kind, step.target) == ("advisory", "one_sided") and step.gain > 0
    limits = "Yet real limits remain: the ministers meet rarely, and their plans move at a crawl."
    changed = _grade(india_japan, nlp, "2plus2-significance", _add_note(text, limits))
    assert "one_sided" not in changed.advisory_codes()
    rounding = india_japan.rubric.scoring.rounding
    assert abs(changed.marks - step.marks_after) <= rounding + 1e-9


def test_a_conclusions_worth_is_what_adding_one_earns(india_japan, nlp):
    # the strong answer without its closing section (still long enough that no word-limit cap
    # hides what a conclusion adds)
    text = (ANSWERS / "2plus2-significance" / "strong.md").read_text(encoding="utf-8")
    body = text.strip().split("\n\n")
    assert body[-1].startswith("**Conclusion**")
    without = "\n\n".join(body[:-1])
    report = _grade(india_japan, nlp, "2plus2-significance", without)
    assert not report.structure.has_conclusion and report.arithmetic.cap is None
    step = next(
        s for s in report.feedback.next_steps + report.feedback.more_steps if s.kind == "conclusion"
    )
    restored = _grade(india_japan, nlp, "2plus2-significance", without + "\n\n" + body[-1])
    assert restored.structure.has_conclusion
    assert restored.marks >= report.marks
    rounding = india_japan.rubric.scoring.rounding
    assert abs(restored.marks - step.marks_after) <= rounding + 1e-9


def test_a_full_answer_is_told_so(india_japan, nlp):
    strong = (ANSWERS / "2plus2-significance" / "strong.md").read_text(encoding="utf-8")
    report = _grade(india_japan, nlp, "2plus2-significance", strong)
    assert "Discuss" in report.feedback.comment
    # a dimension already covered is never advised
    covered = {d.label for d in report.dimensions if d.score >= 1.0}
    for step in report.feedback.next_steps:
        assert not any(f"({label})" in step.text for label in covered)


ALL_ANSWERS = sorted((p.parent.name, p) for p in ANSWERS.glob("*/*.md"))


def test_a_strength_says_how_much_of_its_dimension_was_covered(india_japan, nlp):
    """'well covered' only where the answer earned nearly all of a dimension: at 60% it told a
    learner there was nothing left to add there. An answer a cap holds down is told what its
    words matched instead (session 46)."""
    from evaluator.scoring.feedback.comment import holding_codes

    seen = set()
    for question, path in ALL_ANSWERS:
        report = _grade(india_japan, nlp, question, path.read_text(encoding="utf-8"))
        before = report.arithmetic.before_advisories
        held = holding_codes(report.advisories, before, report.max_marks)
        for dimension in report.dimensions:
            lines = [s for s in report.feedback.strengths if s.startswith(f"{dimension.label}: ")]
            for line in lines:
                expected = "well covered" if dimension.score >= 0.9 else "mostly covered"
                if held:
                    expected = "your words"
                assert line.startswith(f"{dimension.label}: {expected} "), line
                seen.add(expected)
    # the answers hold both kinds, and medium answers a length cap holds (session 46)
    assert seen == {"well covered", "mostly covered", "your words"}


def test_strengths_quote_the_answers_own_words(india_japan, nlp):
    strong = (ANSWERS / "2plus2-significance" / "strong.md").read_text(encoding="utf-8")
    report = _grade(india_japan, nlp, "2plus2-significance", strong)
    well = [s for s in report.feedback.strengths if "well covered" in s]
    assert well
    for line in well:
        # a right fact is told beside its word in brackets (session 46): the quotes are the words
        quoted = re.findall(r"“([^”]+)”", line.split("you wrote ", 1)[1])
        assert quoted
        for word in quoted:
            assert word in strong


def test_strengths_quote_a_word_once(india_japan, nlp):
    # "South China Sea" earns a point in the Indo-Pacific dimension and one in the challenges
    # dimension: the second strength quotes the answer's other words, not the same one again
    text = (
        "Both back ASEAN's central place and a free and open Indo-Pacific, and both are worried "
        "by China's claims in the South China Sea. India keeps its strategic autonomy and will "
        "not join a military alliance, while Japan is a treaty ally of the US."
    )
    report = _grade(india_japan, nlp, "indo-pacific-quad", text)
    quoted = [w for s in report.feedback.strengths for w in re.findall(r"“([^”]+)”", s)]
    assert "South China Sea" in quoted
    assert len(quoted) == len(set(quoted)), report.feedback.strengths


def _inside(word: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word.lower())}(?!\w)", phrase.lower()) is not None


def test_strengths_never_quote_a_word_inside_another_quoted(india_japan, nlp):
    # "development partner" earns Japan's place as the largest donor and "development" its
    # ODA; "biggest recipient" one dimension and "biggest" another: each was quoted twice
    text = (
        "Japan has been India's most dependable development partner since its first yen loans "
        "in 1958, and India is now the biggest recipient of Japanese ODA. Suzuki and Toyota "
        "lead Japanese investment in cars.\n\nConnectivity in the Northeast follows the "
        "Partnership for Quality Infrastructure, which pairs quality infrastructure with the "
        "Act East Policy through roads and bridges."
    )
    answers = [("japan-development-partner", text)] + [
        (question, path.read_text(encoding="utf-8")) for question, path in ALL_ANSWERS
    ]
    for question, answer in answers:
        strengths = _grade(india_japan, nlp, question, answer).feedback.strengths
        quoted = [w for s in strengths for w in re.findall(r"“([^”]+)”", s)]
        for i, word in enumerate(quoted):
            others = quoted[:i] + quoted[i + 1 :]
            assert not any(_inside(word, other) for other in others), (word, strengths)
    assert "“development partner”" in " ".join(
        _grade(india_japan, nlp, "japan-development-partner", text).feedback.strengths
    )


def test_breadth_advice_names_only_dimensions_left_out(india_japan, nlp):
    weak = (ANSWERS / "2plus2-significance" / "weak.md").read_text(encoding="utf-8")
    report = _grade(india_japan, nlp, "2plus2-significance", weak)
    line = next(s for s in report.feedback.improvements if "needs breadth" in s)
    for d in report.dimensions:
        if d.score > 0:
            assert d.label not in line


def test_labels_are_cut_at_a_word_and_counted_in_words():
    label = "Both sides signed the Comprehensive Economic Partnership Agreement in 2011"
    cut = clip(label, 40)
    assert cut.endswith("…") and not cut.endswith(".…")
    assert label.startswith(cut[:-1]) and label[len(cut) - 1] == " "
    assert clip("short label", 40) == "short label"
    assert plural(1, "paragraph") == "1 paragraph" and plural(3, "paragraph") == "3 paragraphs"


def _structure(score: float, paragraphs: int, *, parts: bool, words: int, directive: str):  # type: ignore[no-untyped-def]
    """A StructureResult within a 150-word limit: with or without introduction, conclusion
    and points (``parts``), its directive fully met."""
    from evaluator.scoring.report import StructureResult

    return StructureResult(
        score=score,
        paragraphs=paragraphs,
        has_introduction=parts,
        has_conclusion=parts,
        uses_points_or_headings=parts,
        word_count=words,
        word_limit=150,
        word_budget="within",
        directive=directive,
        directive_fit=1.0,
    )


def test_a_label_that_repeats_its_note_is_said_once():
    from evaluator.scoring.feedback import improvements_of
    from evaluator.scoring.report import ConceptResult, DimensionResult

    note = "Defence deals are delayed by cost negotiations and offset obligations."
    concept = ConceptResult(
        id="delays",
        label="Defence deals are delayed by cost negotiations and offset agreement…",
        dimension="defence",
        status="missing",
        credit=0.0,
        weight=1.0,
        evidence=[],
        matched=[],
        groups_matched=0,
        groups_total=2,
        source_note=note,
    )
    dimension = DimensionResult("defence", "Defence", 0.0, 2.0, 0.0, 1.0, 0, 1)
    structure = _structure(0.5, 3, parts=True, words=150, directive="discuss")
    (line,) = improvements_of([concept], [dimension], [], structure, [])
    assert line.count("Defence deals are delayed") + line.count("defence deals are delayed") == 1
    assert "agreement…." not in line


WRONG_YEAR = """India and Japan hold a 2+2 dialogue of foreign and defence ministers, a format \
India keeps for its closest partners.

Strategic significance:
- Both countries work together in the Quad for a free and open Indo-Pacific.
- Defence exercises such as JIMEX and Dharma Guardian have grown in scope.

Economic significance:
- The Comprehensive Economic Partnership Agreement came into force in 2016 and trade has grown.
- Japan funds the Mumbai–Ahmedabad high-speed rail project.

Challenges: trade remains modest, defence deals move slowly, and the two countries differ on \
how far to go in balancing China while keeping their own economic ties with it.

In conclusion, the 2+2 turns shared concern about the Indo-Pacific into concrete cooperation."""


def test_correcting_a_contradicted_fact_earns_what_its_step_says(india_japan, nlp):
    # (long enough that no length cap holds the marks: under a cap only the budget step gains)
    question = "2plus2-significance"
    report = _grade(india_japan, nlp, question, WRONG_YEAR)
    steps = report.feedback.next_steps + report.feedback.more_steps
    step = next(s for s in steps if s.kind == "fact")
    assert "2016" in step.text and "2011" in step.text
    corrected = _grade(india_japan, nlp, question, WRONG_YEAR.replace("in 2016", "in 2011"))
    assert corrected.concept(step.target).status == "covered"
    rounding = india_japan.rubric.scoring.rounding
    assert abs(corrected.marks - step.marks_after) <= rounding + 1e-9


@pytest.mark.parametrize(
    ("question", "text", "dull"),
    [
        # 'Both' fills a cue group of the Quad point ('both countries'): a function word
        (
            "2plus2-significance",
            "India and Japan are old friends. Both are members of the Quad. Japan gives India "
            "cheap loans for metro lines.",
            "Both",
        ),
        # 'together' fills one too: a lone stop word ('third', or 'US' written as a name, stays
        # quotable)
        (
            "pyq-2020-quad-trade-bloc",
            "The Quad brings together India, Japan, the United States and Australia. Its leaders "
            "have met at summits since 2021.",
            "together",
        ),
    ],
)
def test_praise_quotes_the_words_that_tell(india_japan, nlp, question, text, dull) -> None:
    # quoted as what earned the credit, the dull word told the learner nothing
    report = _grade(india_japan, nlp, question, text)
    quad = next(c for c in report.concepts if c.id == "quad-cooperation")
    assert quad.credit > 0 and dull in quad.matched  # the evidence keeps every matched word
    praise = " ".join([report.feedback.comment, *report.feedback.strengths])
    assert "“Quad”" in praise and f"“{dull}”" not in praise, praise


def test_praise_does_not_quote_the_topics_own_name(india_japan, nlp) -> None:
    # 'Japan' or 'Japanese' fills a cue group of the townships point; every answer writes it
    text = (
        "Japan's partnership with India keeps growing in many fields.\n\n"
        "Way forward: create land banks and fast-track clearances for Japanese industrial "
        "townships, and finish the bullet train on time.\n\n"
        "Overall, steady delivery will decide how far the ties go."
    )
    report = _grade(india_japan, nlp, "challenges-way-forward", text)
    townships = next(c for c in report.concepts if "Townships" in c.label)
    named = {"Japan", "Japanese"} & set(townships.matched)
    assert townships.credit > 0 and named  # the evidence keeps it
    praise = " ".join([report.feedback.comment, *report.feedback.strengths])
    assert "“industrial townships”" in praise
    assert not any(f"“{name}”" in praise for name in ("Japan", "Japanese")), praise


NORTHEAST = """India's Act East Policy looks to South-East Asia through the North East, while
Japan's Free and Open Indo-Pacific vision seeks connected, rules-based regional links. The two
meet on the ground in the North East.

Connectivity: Japan funds roads and bridges in Meghalaya and Mizoram through JICA loans, including
the Dhubri–Phulbari bridge over the Brahmaputra. These links aim to tie the region to Bangladesh
and Myanmar.

Forum: The India–Japan Act East Forum, set up in 2017, coordinates projects in the region.

Beyond roads: Japan supports forest management in Tripura, water supply in Guwahati and skill
training.

Challenges: land acquisition is slow, insurgency lingers in places, and Myanmar's turmoil stalls
cross-border links.

Way forward: India should speed up clearances and use the Bay of Bengal route so that the North
East becomes a hub, not a frontier."""


def test_next_steps_keep_to_the_question(india_japan, nlp) -> None:
    """The Northeast question also counts the development-partnership dimension, so the bullet
    train between Mumbai and Ahmedabad earns marks there; but it is no advice for an answer on
    the Northeast. Steps the model answer makes, or of the question's main dimension, are shown;
    the others only in the full list."""
    from evaluator.scoring.engine import question_focus

    question = india_japan.rubric.question("act-east-foip-northeast")
    focus = question_focus(india_japan, question, nlp)
    assert focus is not None
    assert {"northeast-projects", "asean-aoip", "counter-bri"} <= focus  # model answer's points
    assert "bullet-train" not in focus and "russia-ukraine-divergence" not in focus
    report = _grade(india_japan, nlp, question.id, NORTHEAST)
    shown = [s.target for s in report.feedback.next_steps]
    assert shown and all(t not in {c.id for c in report.concepts} or t in focus for t in shown)
    assert "bullet-train" not in shown
    # a point off the focus is still in the full list, with what it is worth; the bullet train
    # no longer counts for this question at all (rubric 1.7.97)
    more = {s.target: s for s in report.feedback.more_steps}
    assert "bullet-train" not in more
    assert more["yen-investment-targets"].worth and "yen-investment-targets" not in focus
    # a question without a model answer has no focus: every step as before
    data = india_japan.rubric.model_dump(mode="json", by_alias=True, exclude_none=True)
    for item in data["questions"]:
        item.pop("model_answer", None)
    from dataclasses import replace

    from evaluator.rubric.model import Rubric

    bare = replace(india_japan, rubric=Rubric.model_validate(data), model_answers={})
    bare = replace(bare, fingerprint=bare.fingerprint + ":bare")
    assert question_focus(bare, bare.rubric.question(question.id), nlp) is None
    plain = evaluate(NORTHEAST, bare, question.id, nlp=nlp)
    # without a focus, a point off it is shown among the first steps again
    assert "yen-investment-targets" in [s.target for s in plain.feedback.next_steps]


def test_an_answer_held_at_its_length_cap_is_told_to_write_more_with_a_point(india_japan, nlp):
    """A too-short answer whose marks sit at their length cap cannot show a point's worth, and
    more words alone add little: the first step asks for the words with the point worth most,
    and is worth the two together; that point is not advised a second time."""
    question = "pyq-2013-economic"
    text = (ANSWERS / question / "medium.md").read_text(encoding="utf-8")
    report = _grade(india_japan, nlp, question, text)
    cap = report.arithmetic.cap
    assert cap is not None and report.marks + 0.5 > cap * report.max_marks  # held at the cap
    first = report.feedback.next_steps[0]
    assert first.kind == "word_budget" and "; for instance, add " in first.text
    assert first.gain > 0 and "its length" in report.feedback.comment
    point = next(c for c in report.concepts if c.status == "missing" and c.label[:40] in first.text)
    others = report.feedback.next_steps[1:] + report.feedback.more_steps
    assert all(s.target != point.id for s in others)
    # nor among the improvement points a face lists after the steps (the web page and the
    # CLI had said "add <the same point>. <its note>" there again)
    assert not [line for line in unsaid_improvements(report.to_dict()) if point.label in line]
    # the learner does it: the point's note, and the rest of the words developing the answer
    development = (
        " Both governments meet every year to review these economic links, and business "
        "chambers on each side hold regular meetings. Officials say the partnership can grow "
        "if firms on both sides learn more about each other's markets, rules and customs."
    )
    longer = text.rstrip() + "\n\n" + point.source_note + development
    after = _grade(india_japan, nlp, question, longer)
    assert after.concept(point.id).status == "covered"
    assert after.marks >= first.marks_after


def test_a_thin_answer_far_under_its_cap_is_also_told_which_point_to_write(india_japan, nlp):
    """Far above its length cap a point alone gains nothing at all: the step still names one."""
    thin = (
        "India and Japan are good friends. Their ministers meet in a 2+2 dialogue. Japan lends "
        "money for the bullet train. Both are in the Quad. The ties will grow."
    )
    report = _grade(india_japan, nlp, "2plus2-significance", thin)
    first = report.feedback.next_steps[0]
    assert first.kind == "word_budget" and "; for instance, add " in first.text
    assert first.gain > 0


def test_a_capped_answer_is_not_told_there_is_nothing_left_to_add(india_japan, nlp):
    # a long keyword list is capped: no point it adds raises its marks, and the comment had
    # said "Nothing left to add for marks: polish the wording", which reads as praise
    terms = (
        "2+2 dialogue, foreign and defence ministers, Special Strategic and Global Partnership, "
        "JIMEX, Malabar, Dharma Guardian, Veer Guardian, Shinyuu Maitri, ACSA, logistics pact, "
        "UNICORN mast, unmanned ground vehicles, robotics, US-2 amphibious aircraft, joint staff "
        "talks, defence equipment and technology, Joint Working Group, 2008 Joint Declaration on "
        "Security Cooperation, maritime domain awareness, IFC-IOR, Indo-Pacific, Quad, China "
        "assertiveness, South China Sea, Senkaku, Galwan, freedom of navigation, rules-based "
        "order, ASEAN centrality, AOIP, FOIP, Act East Policy, Act East Forum, Northeast, "
        "connectivity, Partnership for Quality Infrastructure, Vostok, Kuril Islands, defence "
        "exports, Make in India, co-development, co-production, three services exercises, "
        "first fighter exercise, Tarang Shakti, coast guards, Sahyog Kaijin, civil nuclear "
        "agreement, National Security Strategy, counterstrike capability, defence budget, "
        "strategic autonomy, non-alignment."
    )
    report = evaluate(terms, india_japan, "defence-cooperation", nlp=nlp)
    assert [a.code for a in report.advisories if a.cap is not None] == ["keyword_stuffing"]
    # no point adds marks; the one step is to lift the cap (engine 0.9.62)
    assert [(s.kind, s.target) for s in report.feedback.next_steps] == [
        ("advisory", "keyword_stuffing")
    ]
    assert "Nothing left to add" not in report.feedback.comment
    assert "how it is written, not what it says" in report.feedback.comment


def test_a_denied_point_is_named_in_quotes_inside_its_step(india_japan, nlp):
    # "State Doubts about the AAGC as the source notes do": a label inside a sentence read as
    # a stray capital; quoted, it reads as the point's name
    text = (
        "India and Japan have not signed any civil nuclear agreement, so Japanese reactors "
        "cannot be sold to India."
    )
    report = _grade(india_japan, nlp, "pyq-2019-contemporary", text)
    assert report.concept("civil-nuclear-2016").status == "negated"
    steps = report.feedback.next_steps + report.feedback.more_steps
    denied = [s.text for s in steps if s.target == "civil-nuclear-2016"]
    assert denied == [
        "Restate “Civil nuclear agreement (November 2016)” as the source notes do; the answer "
        "denies it"
    ]


def test_an_answer_with_a_conclusion_is_asked_to_judge_in_it(india_japan, nlp):
    # "Close with a balanced verdict" read as if the answer had no close: it has one, which
    # looks ahead but does not judge
    body = (
        "India and Japan became special strategic and global partners in 2014, and their "
        "foreign and defence ministers have met in a 2+2 dialogue since 2019.\n\n"
        "Challenges: trade of about 22 billion dollars is small, the US-2 aircraft deal has "
        "stalled, and the Asia-Africa Growth Corridor has not moved.\n\n"
    )
    closes = {
        "with": body + "Conclusion: Going ahead, both should deepen defence technology ties.",
        "without": body.strip(),
    }
    wording = {}
    for name, text in closes.items():
        report = _grade(india_japan, nlp, "challenges-way-forward", text)
        steps = report.feedback.next_steps + report.feedback.more_steps
        wording[name] = [s.text for s in steps if s.target == "judgement"]
        assert report.concept("aagc-scepticism").status != "negated"  # stalled, not denied
    assert wording["with"] == ["Turn your conclusion into a balanced verdict ('On balance, ...')"]
    # without a close, one step says both (session 37: "End with a separate conclusion" and
    # "Close with a balanced verdict" were steps 2 and 4 of one answer)
    assert wording["without"] == [
        "End with a separate conclusion that gives a balanced verdict ('On balance, ...')"
    ]
    steps = report.feedback.next_steps + report.feedback.more_steps
    assert not [s for s in steps if s.target == "conclusion"]
    assert sum("conclusion" in line for line in report.structure.feedback) == 1


def test_a_capped_answer_is_told_to_lift_the_cap_first(india_japan, nlp):
    # a learner trial: an answer copying the notes was capped from 6.4 to 2.5 and its only step
    # was to cut 34 words; the comment called its length the biggest gap
    notes = (Path(india_japan.path).parent / "source-notes.md").read_text(encoding="utf-8")
    copied = " ".join(
        line.lstrip("- ").strip()
        for line in notes.split("## Rules-based order", 1)[1].splitlines()[:14]
        if line.strip() and not line.startswith("#")
    )
    text = (
        "India and Japan hold a 2+2 dialogue of foreign and defence ministers, which shows how "
        "close the partnership has become.\n\n" + copied + "\n\nIn conclusion, the two "
        "democracies share a vision of a free and open Indo-Pacific."
    )
    report = _grade(india_japan, nlp, "2plus2-significance", text)
    assert "copied_source" in report.advisory_codes()
    first = report.feedback.next_steps[0]
    assert (first.kind, first.target) == ("advisory", "copied_source")
    assert first.text.startswith("Rewrite the passages copied from the source notes")
    assert first.gain > 0
    assert "how it is written, not what it says" in report.feedback.comment
    assert "length" not in report.feedback.comment


def test_marks_from_learned_wording_are_not_called_no_credit():
    # a teacher's tuned rubric gave 2 of 3 from phrases and graded examples while the question's
    # own points scored nothing: the comment said "does not yet earn credit for any point"
    from evaluator.scoring.feedback import examiner_comment
    from evaluator.scoring.report import ConceptResult, DimensionResult

    def concept(cid: str, dimension: str, credit: float, learned: bool) -> ConceptResult:
        return ConceptResult(
            id=cid,
            label=cid,
            dimension=dimension,
            status="covered" if credit else "missing",
            credit=credit,
            weight=0.5,
            evidence=[],
            matched=[],
            groups_matched=1 if credit else 0,
            groups_total=1,
            source_note="",
            learned=learned,
        )

    concepts = [
        concept("point", "answer", 0.0, False),
        concept("learned-eat", "learned", 1.0, True),
    ]
    dimensions = [
        DimensionResult("answer", "Answer", 0.0, 1.1, 0.0, 1.0, 0, 1),
        DimensionResult("learned", "Learned from the tutor's marks", 1.2, 12.0, 0.1, 1.0, 1, 1),
    ]
    structure = _structure(0.0, 1, parts=False, words=26, directive="describe")
    comment = examiner_comment(
        concepts, dimensions, structure, [], "describe", directive_marked=False, own_first=True
    )
    assert "does not yet earn credit" not in comment
    assert "wording it shares with answers the tutor marked well" in comment
    # without learned credit the plain sentence stays
    bare = examiner_comment(
        concepts[:1],
        dimensions[:1],
        structure,
        [],
        "describe",
        directive_marked=False,
        own_first=True,
    )
    assert "does not yet earn credit for any point" in bare


def test_the_word_budget_step_counts_the_words_left_and_is_said_once(india_japan, nlp):
    # session 26 tutor trial: at 111 of 150 words the step said "about 9 more words for one or
    # two more points" (the words to the 80% band) beside "At 111 of 150 words there is room for
    # one or two more points"
    text = (
        "India and Japan share a Special Strategic and Global Partnership since 2014. "
        "Defence ties have grown through JIMEX, Malabar and Dharma Guardian, and the ACSA "
        "logistics pact of 2020 lets each use the other's bases. The 2+2 dialogue of foreign and "
        "defence ministers gives the ties a regular frame. Both back a free and open "
        "Indo-Pacific and the Quad because China's assertiveness worries them. Japan is also "
        "transferring UNICORN antenna technology for Indian warships. However, the US-2 "
        "amphibious aircraft deal has stalled for years. In conclusion, defence cooperation is "
        "growing steadily and can deepen further."
    )
    report = _grade(india_japan, nlp, "defence-cooperation", text)
    count, limit = report.structure.word_count, report.structure.word_limit
    assert report.structure.word_budget == "short"
    (budget,) = [
        s
        for s in report.feedback.next_steps + report.feedback.more_steps
        if s.kind == "word_budget"
    ]
    assert f"{limit - count} words are left" in budget.text
    unsaid = unsaid_improvements(report.to_dict())
    assert not [line for line in unsaid if line.startswith(f"At {count} of {limit} words")]


def test_a_step_names_a_point_by_its_own_label_when_the_label_only_opens_like_its_note(
    india_japan, nlp
):
    # probe s32: "Japan's National Security Strategy (December 2022)" opens as its note does,
    # and steps named the point by the note cut short ("“Japan's National Security Strategy of
    # December 2022 widens what Tokyo can do in…”")
    report = _grade(
        india_japan,
        nlp,
        "2plus2-significance",
        "Japan's National Security Strategy dates from 2013, and the 2+2 meets every year.",
    )
    steps = [
        step.text
        for step in (*report.feedback.next_steps, *report.feedback.more_steps)
        if "National Security Strategy" in step.text
    ]
    assert steps
    assert all("widens what Tokyo" not in line for line in steps)
    assert any("Japan's National Security Strategy (December 2022)" in line for line in steps)


def test_a_clipped_label_is_not_followed_by_a_full_stop(india_japan, nlp):
    # probe s32: "add Complementarity (Japanese capital and technology, Indian talent, market
    # and…. Japan has capital …" read as a slip
    long_labels = [c.label for _, c in india_japan.rubric.concepts() if len(c.label) > 80]
    assert long_labels  # the bundled rubric has labels a step clips
    for question in india_japan.rubric.questions:
        report = _grade(india_japan, nlp, question.id, "India and Japan are partners.")
        assert not any("…." in line for line in report.feedback.improvements), question.id
