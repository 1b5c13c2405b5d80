"""The result page as a learner reads it: the word budget, the model answer, the calculation
and the feedback cards, each saying a thing once."""

from __future__ import annotations

import re
from html import unescape

import pytest
from capped_support import EXERCISES_ONLY, UNNAMED_PARTNERS
from flask import Flask
from webtest_support import (
    COPIED_ANSWER,
    PASTED,
    QUESTION,
    REWRITTEN_ANSWER,
    RUBRIC,
    Browser,
    make_tutor,
)

from evaluator.rubric.loader import default_rubrics_dir
from evaluator.scoring.engine import evaluate

CONTEMPORARY = "pyq-2019-contemporary"  # a 150-word question with a markdown model answer
WRONG_FACT = (
    "India and Japan signed the civil nuclear agreement in 2018, and it was a landmark for a "
    "country outside the NPT. The CEPA came into force in 2011."
)


def _model_answer() -> str:
    path = default_rubrics_dir() / RUBRIC / "model-answers" / f"{CONTEMPORARY}.md"
    return path.read_text(encoding="utf-8")


def _result(browser: Browser, user: str, answer: str, question: str = CONTEMPORARY) -> str:
    """The raw HTML of the result page of this answer, submitted by a new learner."""
    browser.register(user)
    response = browser.submit(answer, url=f"/write/{RUBRIC}/{question}")
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return browser.client.get(response.headers["Location"]).get_data(as_text=True)


def test_an_answer_over_the_limit_is_called_over_even_within_the_margin(
    browser: Browser,
) -> None:
    answer = _model_answer() + "\n\nIn the years ahead, " + "the partnership will matter more " * 3
    structure = evaluate(answer, RUBRIC, CONTEMPORARY).structure
    over = structure.word_count - structure.word_limit
    assert structure.word_budget == "within" and over > 0  # the engine's tolerance
    html = unescape(_result(browser, "wordy", answer))
    line = html.split("Word budget:", 1)[1].split("</li>", 1)[0]
    assert f"over the limit by {over} words (within the allowed margin)" in line
    assert "<strong>within</strong>" not in line


@pytest.mark.parametrize(
    ("band", "words", "expected"),
    [
        ("too_short", 40, "too short"),
        ("short", 100, "short"),
        ("within", 150, "within the limit"),
        ("within", 151, "over the limit by 1 word (within the allowed margin)"),
        ("over_limit", 200, "over the limit by 50 words"),
    ],
)
def test_every_word_budget_band_is_said_in_plain_words(
    band: str, words: int, expected: str
) -> None:
    from webapp.grading import word_budget_in_words

    structure = {"word_budget": band, "word_count": words, "word_limit": 150}
    assert word_budget_in_words(structure) == expected


def test_the_model_answer_is_rendered_from_markdown(browser: Browser) -> None:
    html = _result(browser, "reader", WRONG_FACT)
    shown = html.split('<div class="model-answer">', 1)[1].split("</div>", 1)[0]
    assert "<strong>Strategic and global</strong>" in shown and "**" not in shown
    assert "<ul>" in shown and "<li>" in shown


def test_the_model_answer_lets_no_html_through() -> None:
    from webapp.richtext import render_markdown

    text = (
        "<script>alert(1)</script> **bold** <img src=x onerror=alert(1)>\n\n"
        "## Heading\n\n- a [link](javascript:alert(1)) and *italic*\n"
    )
    html = str(render_markdown(text))
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x" in html
    assert "<strong>bold</strong>" in html and "<em>italic</em>" in html
    assert "<h2>Heading</h2>" in html and "<li>" in html
    assert render_markdown("") is None and render_markdown(None) is None


def _described_ids(html: str) -> list[str]:
    return re.findall(r'aria-describedby="([^"]*)"', html)


def test_form_fields_are_described_only_by_what_exists(app: Flask, browser: Browser) -> None:
    pages = [
        browser.client.get(p).get_data(as_text=True) for p in ("/auth/register", "/auth/login")
    ]
    # with errors, every field that has one is described by it
    pages.append(
        browser.post_form(
            "/auth/register", {"username": "x", "password": "short", "confirm": "other"}
        ).get_data(as_text=True)
    )
    browser.register("tutor")
    make_tutor(app, "tutor")
    pages.append(browser.client.get(f"/rubrics/{RUBRIC}/tune").get_data(as_text=True))
    for html in pages:
        described = _described_ids(html)
        assert "None" not in described
        for target in described:
            assert f'id="{target}"' in html, target
    assert len(_described_ids(pages[2])) == 3  # the register form's three fields, all in error


def test_the_calculation_line_shows_every_term_of_the_raw_score(browser: Browser) -> None:
    html = unescape(_result(browser, "counter", WRONG_FACT))
    details = html.split("How these marks were computed", 1)[1]
    line = details.split('<p class="small">', 1)[1].split("</p>", 1)[0]
    head = line.split("→ raw", 1)[0]
    terms = {name.lower(): float(value) for name, value in re.findall(r"(\w+) (-?[\d.]+)", head)}
    raw = float(re.search(r"→ raw ([\d.]+)", line).group(1))
    formula = re.search(
        r"raw = \(([\d.]+)\*content \+ ([\d.]+)\*breadth \+ ([\d.]+)\*structure \+ "
        r"([\d.]+)\*relevance\) / ([\d.]+) \+ bonus",
        details,
    )
    assert formula, details[:500]
    shares = [float(v) for v in formula.groups()]
    names = ("content", "breadth", "structure", "relevance")
    assert set(terms) == {*names, "bonus"}, line
    recomputed = sum(s * terms[n] for s, n in zip(shares, names, strict=False)) / shares[4]
    assert recomputed + terms["bonus"] == pytest.approx(raw, abs=1e-3)


def _feedback_items(html: str) -> list[str]:
    """The text of every list item of the page's feedback, outside the learner's own answer and
    the model answer (each of which may say anything)."""
    page = unescape(html)
    page = re.sub(
        r'<div class="answer-text" id="highlighted-answer">.*?</div>', "", page, flags=re.S
    )
    page = re.sub(r'<div class="model-answer">.*?</div>', "", page, flags=re.S)
    page = page.split("<main", 1)[-1]
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item.replace("<br>", " "))).strip()
        for item in re.findall(r"<li[^>]*>(.*?)</li>", page, flags=re.S)
    ]


def test_a_wrong_fact_is_told_once_in_the_facts_list(browser: Browser) -> None:
    report = evaluate(WRONG_FACT, RUBRIC, CONTEMPORARY)
    fact = report.fact("civil-nuclear-year")
    assert fact.status == "contradicted"
    html = _result(browser, "wrongdate", WRONG_FACT)
    items = _feedback_items(html)
    told = [item for item in items if "you wrote 2018" in item]
    assert len(told) == 1, told
    claims = unescape(html).split('id="flagged-heading"', 1)[1].split("</section>", 1)[0]
    assert fact.message in claims
    # the concept the fact contradicts is named with it, not on a line of its own
    concept = report.concept(fact.concept)
    assert f"{concept.label}: {fact.claim}" in _feedback_items(claims)[0]
    assert concept.source_note not in unescape(html)
    # the step to correct it points there
    (step,) = [item for item in items if item.startswith("Correct the fact on")]
    assert step.startswith(f"Correct the fact on {concept.label} (see Claims to check)")
    # no piece of feedback repeats another, nor says the right fact twice
    assert len(items) == len(set(items)), [i for i in items if items.count(i) > 1]
    # the right CEPA fact is praised once (its claim, rubric 1.7.75)
    assert (
        len(
            [
                item
                for item in items
                if "CEPA was signed in February 2011 and came into force in August 2011" in item
            ]
        )
        == 1
    )


def test_a_right_fact_is_told_under_what_worked_only(browser: Browser) -> None:
    answer = "The CEPA came into force in 2011."
    html = unescape(_result(browser, "rightdate", answer))
    items = _feedback_items(html)
    assert [i for i in items if "CEPA" in i and "2011" in i] == [
        "Accurate fact: CEPA was signed in February 2011 and came into force in August 2011."
    ]
    assert "the dates and figures you gave are right" in html


COPIED_LABEL = "Copied from the source notes"


def _copied_stretches(html: str) -> list[str]:
    """The text of each copied stretch of the marked-up answer, as the learner reads it."""
    answer = html.split('id="highlighted-answer">', 1)[1].split("</div>", 1)[0]
    stretches = []
    for piece in answer.split('<mark class="hl hl-copied"')[1:]:
        inside = piece.split(">", 1)[1].split(f'<span class="visually-hidden"> ({COPIED_LABEL}', 1)
        assert len(inside) == 2, "a copied stretch ends by saying so to a screen reader"
        spoken = re.sub(r'<span class="visually-hidden">.*?</span>', "", inside[0])
        stretches.append(unescape(re.sub(r"<[^>]+>", "", spoken)))
    return stretches


def test_the_words_copied_from_the_notes_are_marked_in_the_answer(browser: Browser) -> None:
    """The copied_source advisory caps the marks; the marked-up answer shows which words were
    copied (one stretch, from the first pasted word to the last, the learner's own sentences
    left out), says so in its title and to a screen reader, and the legend explains the style."""
    assert "copied_source" in evaluate(COPIED_ANSWER, RUBRIC, QUESTION).advisory_codes()
    html = _result(browser, "paster", COPIED_ANSWER, QUESTION)
    assert _copied_stretches(html) == [PASTED.rstrip(".")]
    answer = html.split('id="highlighted-answer">', 1)[1]
    opening = answer.split('<mark class="hl hl-copied"', 1)[1].split(">", 1)[0]
    assert f'title="{COPIED_LABEL}, word for word: rewrite it in your own words"' in opening
    legend = html.split('class="legend"', 1)[1].split("</ul>", 1)[0]
    assert f'<mark class="hl hl-copied">{COPIED_LABEL}</mark>' in legend
    # the learner's own words around it are still theirs, and still escaped
    assert "&lt;b&gt;India&lt;/b&gt;" in html and "<b>India</b>" not in html

    rewritten = _result(browser, "rewriter", REWRITTEN_ANSWER, QUESTION)
    assert "hl-copied" not in rewritten  # nothing copied: no stretch, no legend entry


def test_a_stored_copied_span_that_does_not_fit_the_answer_is_not_marked() -> None:
    """Offsets are checked against the answer's own text, like every highlight: a report stored
    for another text (or edited) marks nothing, and breaks nothing."""
    from webapp.highlight import highlight_answer

    text = "Own words. " + PASTED
    start = text.index(PASTED)
    good = {"start": start, "end": len(text) - 1, "text": PASTED[:-1]}
    bad = [
        {"start": start + 1, "end": len(text), "text": PASTED[:-1]},
        {"start": "x", "end": None, "text": PASTED},
        {"start": -4, "end": 3, "text": "Own"},
    ]
    for spans, marked in (([good], True), (bad, False)):
        report = {"advisories": [{"code": "copied_source", "details": {"spans": spans}}]}
        html = str(highlight_answer(text, report))
        assert ('<mark class="hl hl-copied"' in html) is marked
        shown = re.sub(r'<span class="visually-hidden">.*?</span>', "", html)
        assert unescape(re.sub(r"<[^>]+>", "", shown)) == text


def test_a_point_this_question_does_not_score_is_not_marked_covered() -> None:
    # trial 30c: "Asian century" was marked green on the economic question, which scores no
    # multilateral point ("Nothing earned full credit yet" on the same page)
    from evaluator.rubric.loader import load_rubric
    from webapp.highlight import highlight_answer

    answer = "India and Japan together can make the 21st century an Asian century. Trade is low."
    report = evaluate(answer, load_rubric(RUBRIC), "pyq-2013-economic").to_dict()
    html = str(highlight_answer(answer, report))
    assert "Asian century</mark>" not in html and "multipolar" not in html
    assert "Trade well below potential" in html  # a point it scores is still marked


def test_a_missing_point_with_a_step_points_to_it_and_its_note_is_said_once(
    browser: Browser,
) -> None:
    """Trial s42: every note of the five steps in "What to do next" was printed again under
    "Missing points" (fifteen notes twice on one page)."""
    answer = (
        "India and Japan have drawn closer in the Indo-Pacific over two decades.\n\n"
        "Abe spoke of the confluence of the two seas in the Indian Parliament in 2007, and "
        "Japan's vision of a free and open Indo-Pacific followed in 2016. India put forward "
        "SAGAR in 2015, and its Act East policy looks to Southeast Asia.\n\n"
        "Both distrust China's rise and its pressure on smaller neighbours, though India keeps "
        "its strategic autonomy and will not join any alliance. Their navies exercise together, "
        "and both want sea lanes open to every nation under international law. The Quad, "
        "revived in 2017, brings them together with the US and Australia.\n\n"
        "In short, the two democracies share a broad view of the region, and their "
        "convergence is likely to deepen in the coming years."
    )
    question = "indo-pacific-quad"
    report = evaluate(answer, RUBRIC, question)
    assert [s for s in report.feedback.next_steps if s.detail], "points should be left to add"
    html = unescape(_result(browser, "twice", answer, question))
    steps = html.split('class="next-steps"', 1)[1].split("</ol>", 1)[0]
    notes = re.findall(r'<span class="source-note small">(.*?)</span>', steps, flags=re.S)
    assert notes
    for note in notes:
        assert html.count(note) == 1, note
    missing = html.split('id="missing-heading"', 1)[1].split("</section>", 1)[0]
    assert "step 1</a> above" in missing


OVERLAPPING = (
    "Japan funds the Western Dedicated Freight Corridor, and the Shinyuu Maitri exercise trains "
    "the two air forces. Japan is the largest ODA donor <i>by far</i>."
)


def _highlights(html: str) -> list[tuple[str, str]]:
    """(the text, the title) of each highlight of the marked-up answer, as the learner reads it."""
    answer = html.split('id="highlighted-answer">', 1)[1].split("</div>", 1)[0]
    return [
        (unescape(text), unescape(title))
        for title, text in re.findall(
            r'<mark class="hl hl-\w+" tabindex="-1" title="([^"]*)"[^>]*>([^<]*)</mark>', answer
        )
    ]


def test_overlapping_terms_are_one_highlight_naming_every_point(browser: Browser) -> None:
    """Session 44: two terms found one inside the other ("Dedicated Freight Corridor" in
    "Western Dedicated Freight Corridor", "Shinyuu" in "Shinyuu Maitri") were cut into fragments
    where the shorter began, each a highlight of its own, and a screen reader read the point's
    note after every fragment."""
    html = _result(browser, "overlaps", OVERLAPPING)
    marks = dict(_highlights(html))
    corridor = marks["Western Dedicated Freight Corridor"]
    # one highlight with both points it counts for
    assert "Western Dedicated Freight Corridor and Delhi–Mumbai Industrial Corridor" in corridor
    assert "Japanese ODA since 1958" in corridor
    assert "Shinyuu Maitri" in marks
    assert not {"Western ", "Western", "Shinyuu", " Maitri", "Dedicated Freight Corridor"} & set(
        marks
    )
    # each highlight's note is read once
    answer = html.split('id="highlighted-answer">', 1)[1].split("</div>", 1)[0]
    assert answer.count("(Covered: Shinyuu Maitri air force exercise)") == 1
    # the learner's own text stays escaped
    assert "&lt;i&gt;by far&lt;/i&gt;" in html and "<i>by far" not in html


def test_highlights_and_copied_stretches_nest_and_keep_the_text() -> None:
    """Every mark closes inside the one it opened in, and the marks add no words to the answer,
    with overlapping terms and a copied stretch together."""
    from html.parser import HTMLParser

    from webapp.highlight import highlight_answer

    text = COPIED_ANSWER + " " + OVERLAPPING
    report = evaluate(text, RUBRIC, CONTEMPORARY).to_dict()
    report["advisories"] = evaluate(COPIED_ANSWER, RUBRIC, QUESTION).to_dict()["advisories"]
    markup = str(highlight_answer(text, report))
    assert "hl-copied" in markup

    class Nesting(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.open: list[str] = []

        def handle_starttag(self, tag: str, attrs: object) -> None:
            self.open.append(tag)

        def handle_endtag(self, tag: str) -> None:
            assert self.open and self.open.pop() == tag

    parser = Nesting()
    parser.feed(markup)
    assert parser.open == []
    shown = re.sub(r'<span class="visually-hidden">.*?</span>', "", markup)
    assert unescape(re.sub(r"<[^>]+>", "", shown)) == text


def test_a_capped_answer_is_not_told_its_words_earned_credit(browser: Browser) -> None:
    """Session 45: "where “transfer of technology” earned credit" had stood beside 1 mark of
    10 that the off_topic cap left; the comment names the cap and its marks once."""
    html = unescape(_result(browser, "unnamed", UNNAMED_PARTNERS, question="defence-cooperation"))
    comment = html.split('id="examiner-comment">', 1)[1].split("</p>", 1)[0]
    assert comment.startswith(
        "The answer is strongest on Defence cooperation, where “transfer of technology”, "
        "“military” matched a point of the question, but the advisory below (off topic) holds "
        "its marks at 1. Adding points will not raise them: deal with that advisory first."
    )
    assert "earned credit" not in html
    assert comment.count("off topic") == 1


def test_a_capped_answers_bars_and_strengths_claim_no_marks_the_cap_holds(
    browser: Browser,
) -> None:
    """Session 46: "Defence cooperation 3.75 / 3.75" and "Defence cooperation: well covered"
    had stood beside 1.5 marks of 10 that the too_short cap left. The bars stay (what the words
    matched), said once to be before the cap; the strength says what the words matched."""
    html = unescape(_result(browser, "exercises", EXERCISES_ONLY, question="defence-cooperation"))
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "1.5 / 10" in text
    bars = html.split('id="dim-heading">', 1)[1].split("</section>", 1)[0]
    # the advisories card is above the bars
    held = (
        '<p class="small muted" id="rows-held">Before the cap: held at 1.5 by the advisory above.'
    )
    assert held in bars
    assert bars.count("held at") == 1 and "3.75 / 3.75" in bars  # once, not per row
    strengths = html.split('id="strengths-heading">', 1)[1].split("</section>", 1)[0]
    assert (
        "Defence cooperation: your words “Dharma Guardian” (the two armies' exercise, right), "
        "“Veer Guardian” (the two air forces' exercise, right), “Malabar” (a naval exercise, "
        "right), “JIMEX” (the two navies' exercise, right) matched 4 of its points."
    ) in strengths
    assert "covered" not in strengths


def test_an_uncapped_answer_has_no_note_over_its_bars(browser: Browser) -> None:
    html = unescape(_result(browser, "model", _model_answer()))
    assert 'id="rows-held"' not in html and "before the cap" not in html.lower()


LISTED_EXERCISES = (
    "India and Japan hold the Dharma Guardian army exercise, the Veer Guardian air exercise "
    "and the JIMEX and Malabar naval exercises."
)


def test_each_word_is_praised_once_and_a_right_fact_beside_it(browser: Browser) -> None:
    """Session 46: the comment quoted “Dharma Guardian”, “Veer Guardian”, “Malabar”, What worked
    quoted them again, and four "Accurate fact: …" lines a third time. The comment names the
    dimension; the strength quotes each word once with its right fact beside it."""
    html = unescape(_result(browser, "listed", LISTED_EXERCISES, question="defence-cooperation"))
    comment = html.split('id="examiner-comment">', 1)[1].split("</p>", 1)[0]
    assert comment.startswith(
        "The answer is strongest on Defence cooperation, where the words quoted under What worked "
        "matched points of the question, but the advisories below"
    )
    assert "“" not in comment
    strengths = html.split('id="strengths-heading">', 1)[1].split("</section>", 1)[0]
    assert (
        "“Dharma Guardian” (the two armies' exercise, right), “Veer Guardian” (the two air "
        "forces' exercise, right), “Malabar” (a naval exercise, right), “JIMEX” (the two navies' "
        "exercise, right) matched 4 of its points."
    ) in strengths
    items = _feedback_items(html)
    assert not [i for i in items if i.startswith("Accurate fact")]
    for name in ("Dharma Guardian", "Veer Guardian", "Malabar", "JIMEX"):
        praised = [i for i in [comment, *items] if f"“{name}”" in i]
        assert len(praised) == 1 and praised[0].count(f"“{name}”") == 1, name
    # the right facts are not listed again among the claims to check
    claims = html.split('id="flagged-heading"', 1)[1].split("</section>", 1)[0]
    assert "supported" not in claims and "exercise" not in claims
    assert "the dates and figures you gave are right (see What worked)" in claims
