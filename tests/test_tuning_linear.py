"""Tuning a short-answer rubric: the linear marks path (``intercept`` + weight x credit) and the
tuner that writes it. Our own wording; real spaCy, real engine."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from evaluator.rubric import load_rubric
from evaluator.rubric.loader import LoadedRubric
from evaluator.rubric.model import Rubric
from evaluator.scoring.engine import evaluate
from evaluator.tools.derive import derive_rubric
from evaluator.tools.graded import GradedAnswer
from evaluator.tools.tune import tune_rubric, write_tuned_rubric
from evaluator.tools.tune.learn import with_rubric
from evaluator.tools.tune.linear import MIN_WEIGHT, LinearShortTuner, expected_signs

QUESTION = "Why does the bulb stay dark when the switch is open?"
REFERENCES = ["The open switch breaks the circuit, so no current flows through the bulb."]

RIGHT = [
    "The switch is open so the circuit is broken and no current flows.",
    "An open switch makes a gap, the circuit is incomplete and current cannot flow.",
    "Because the circuit is broken by the open switch, there is no current to the bulb.",
    "There is a gap in the circuit at the switch, so the current stops.",
    "The open switch breaks the path, so current does not reach the bulb.",
    "No closed path: the switch leaves a gap in the circuit.",
    "The circuit is not complete because the switch is open.",
    "Current needs a closed loop and the open switch breaks the loop.",
    "The switch being open means the circuit has a gap and no current flows.",
    "The bulb gets no current since the switch opens the circuit.",
    "A gap at the switch means the circuit is incomplete.",
    "The open switch stops the current by breaking the circuit.",
]
WRONG = [
    "The bulb is broken.",
    "The battery is dead so the bulb stays dark.",
    "The bulb needs more voltage from the battery.",
    "Because the bulb is dark.",
    "The battery is used up.",
    "The wire is too long for the bulb.",
    "The bulb is burnt out and the battery is flat.",
    "It is dark because the battery has no charge.",
    "The battery voltage is too low.",
    "The bulb filament is broken.",
    "I think the battery is the problem.",
    "The bulb is too dim to see.",
]


@pytest.fixture
def short_rubric(tmp_path: Path) -> LoadedRubric:
    result = derive_rubric(
        "",
        references=REFERENCES,
        question=QUESTION,
        max_marks=4,
        word_limit=60,
        source_notes="refs.md",
    )
    (tmp_path / "refs.md").write_text(REFERENCES[0], encoding="utf-8")
    (tmp_path / "rubric.yaml").write_text(result.yaml, encoding="utf-8")
    return load_rubric(tmp_path / "rubric.yaml")


def _graded(question: str) -> list[GradedAnswer]:
    texts = [t for pair in zip(RIGHT, WRONG, strict=True) for t in pair]
    return [
        GradedAnswer(id=f"a{i}", text=t, mark=4.0 if t in RIGHT else 0.0, question=question, line=i)
        for i, t in enumerate(texts, start=2)
    ]


def _linear(loaded: LoadedRubric, intercept: float, weight: float, penalty: bool) -> LoadedRubric:
    data = loaded.rubric.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["questions"][0]["intercept"] = intercept
    concept = data["dimensions"][0]["concepts"][0]
    concept["weight"] = weight
    concept["penalty"] = penalty
    return with_rubric(loaded, Rubric.model_validate(data))


def test_a_linear_short_question_adds_weight_times_credit_to_the_intercept(
    short_rubric: LoadedRubric,
) -> None:
    text = "The open switch breaks the circuit so no current flows."
    plain = evaluate(text, short_rubric, short_rubric.rubric.questions[0].id)
    credit = plain.concepts[0].credit
    assert credit > 0
    linear = _linear(short_rubric, 0.5, 3.0, penalty=False)
    report = evaluate(text, linear, linear.rubric.questions[0].id)
    expected = min(4.0, 0.5 + 3.0 * credit)
    step = linear.rubric.scoring.rounding
    assert report.marks == pytest.approx(round(expected / step) * step)
    assert "linear" in report.arithmetic.formula
    # a penalty concept's marks are subtracted, and the marks never go below zero
    negative = _linear(short_rubric, 0.5, 3.0, penalty=True)
    assert evaluate(text, negative, negative.rubric.questions[0].id).marks == 0.0


def test_the_fold_seed_reshuffles_the_held_out_answers_and_nothing_else(
    short_rubric: LoadedRubric,
) -> None:
    # benchmarks average over fold seeds; the default seed is the one every report used
    question = short_rubric.rubric.questions[0].id
    default = tune_rubric(short_rubric, _graded(question), folds=4)
    again = tune_rubric(short_rubric, _graded(question), folds=4, seed=0)
    other = tune_rubric(short_rubric, _graded(question), folds=4, seed=1)
    assert again.machine_after == default.machine_after
    assert other.machine_after != default.machine_after  # other answers held out together
    assert other.human == default.human  # the same answers, in the same order
    assert other.rubric == default.rubric  # the final fit uses every answer


def test_tuning_a_short_rubric_writes_a_linear_rubric_that_gives_the_marks_it_fitted(
    short_rubric: LoadedRubric, tmp_path: Path
) -> None:
    question = short_rubric.rubric.questions[0].id
    result = tune_rubric(short_rubric, _graded(question), folds=4)
    assert isinstance(result.estimator, LinearShortTuner)
    tuned = result.rubric
    assert tuned.questions[0].intercept is not None
    # a tutor who marks right or wrong (0 or 4) has no scale between: the finer marks stay
    assert tuned.scoring.rounding == short_rubric.rubric.scoring.rounding < 1
    # the held-out marks separate the tutor's right answers from the wrong ones
    human = np.array(result.human)
    after = np.array(result.machine_after)
    assert after[human == 4].mean() > after[human == 0].mean() + 1.0
    # learned concepts say where they come from and what the fit gave them, sign included
    learned = [c for _, c in tuned.concepts() if c.note.startswith("Learned from ")]
    assert learned
    for concept in learned:
        effect = "costs" if concept.penalty else "earns"
        if concept.exemplar:  # a graded answer kept as an example
            assert f"repeats its content words {effect} up to {concept.weight:g} marks" in (
                concept.note
            )
            continue
        writes = f"denies '{concept.cues[0][0]}'" if concept.denial else f"writes '{concept.label}'"
        assert f"{writes} {effect} {concept.weight:g} marks" in concept.note
    # what the tuner predicts is what grading with the tuned rubric gives, answer by answer
    loaded = with_rubric(short_rubric, tuned)
    graded = [evaluate(t, loaded, question).marks for t in result.texts]
    assert graded == pytest.approx(result.estimator.predict(result.features).tolist())
    # the written file says it is linear, and loads back to the same rubric
    written = write_tuned_rubric(result, tmp_path / "tuned" / "rubric.yaml")
    assert "Linear short answer: marks = intercept" in written.read_text(encoding="utf-8")
    assert load_rubric(written).rubric.questions[0].intercept == tuned.questions[0].intercept


def test_short_answer_phrases_are_keyed_as_matching_finds_them(nlp) -> None:
    """'connected' and 'connection' are one phrase for grading (stems), so for learning too;
    stop words may end a phrase, but never make one alone, and a negated clause gives none."""
    from evaluator.tools.tune.learn import answer_ngrams

    one = answer_ngrams(
        nlp("The bulb is connected to the gap."), content_ends=False, stem_keys=True
    )
    two = answer_ngrams(nlp("A connection to the gap."), content_ends=False, stem_keys=True)
    assert "connect" in one and "connect" in two
    assert "the gap" in one and "the" not in one
    negated = answer_ngrams(nlp("The bulb is not connected."), content_ends=False, stem_keys=True)
    assert "connect" not in negated


def test_words_written_without_their_apostrophe_give_no_fragment_phrases(nlp) -> None:
    """A teacher's tuned rubric learned 'nt', 'do nt', 'ca nt' and 'and that s' from answers
    that write "dont", "cant", "thats": the tokenizer's tail begins no phrase and is written
    joined to its word ("dont swim"); "dont" is a negation, so what it negates is learned as a
    denial ('not swim away')."""
    from evaluator.tools.tune.learn import DENIAL_KEY, answer_ngrams

    found = answer_ngrams(
        nlp("the fish dont swim away and thats why they cant eat it"),
        content_ends=False,
        stem_keys=True,
        denials=True,
    )
    written = set(found.values())
    assert not any(w.split()[0] in {"nt", "s"} for w in written), sorted(written)
    assert not any(" nt" in w or " s " in f"{w} " for w in written), sorted(written)
    assert "dont swim" in written and "cant eat" in written
    assert found[DENIAL_KEY + "swim away"] == "swim away"
    # a letter that names a thing is a word ("bulb A", "switch X")
    assert "bulb a" in answer_ngrams(nlp("Bulb A is off."), content_ends=False, stem_keys=True)


def test_misspelt_words_are_learned_as_grading_reads_them(nlp, short_rubric) -> None:
    """'circiut' is read as the rubric's 'circuit' when grading, so learning keys it the same:
    one phrase with the answers that spell it right, written as the rubric spells it."""
    from evaluator.scoring.checks.matching import compile_rubric, spelling_corrections
    from evaluator.tools.tune.learn import answer_ngrams

    compiled = compile_rubric(short_rubric, nlp)
    doc = nlp("The open swich breaks the circiut.")
    spelling = spelling_corrections(doc, compiled)
    assert sorted(spelling.values()) == ["circuit", "switch"]
    found = answer_ngrams(doc, content_ends=False, stem_keys=True, spelling=spelling)
    right = answer_ngrams(
        nlp("The open switch breaks the circuit."), content_ends=False, stem_keys=True
    )
    assert "break the circuit" in found and found.keys() == right.keys()
    assert found["break the circuit"] == "breaks the circuit"
    # grading credits the misspelt answer as it credits the right one
    question = short_rubric.rubric.questions[0].id
    assert (
        evaluate(doc.text, short_rubric, question).marks
        == evaluate("The open switch breaks the circuit.", short_rubric, question).marks
        > 0
    )


def test_denials_are_learned_as_their_own_phrases(nlp) -> None:
    """'not connected' says the opposite of 'connected': with denials on, a phrase inside a
    negated clause is its own key, never the asserted one."""
    from evaluator.tools.tune.learn import DENIAL_KEY, answer_ngrams

    said = answer_ngrams(
        nlp("The bulb stays dark because the switch is not closed."),
        content_ends=False,
        stem_keys=True,
        denials=True,
    )
    assert said[DENIAL_KEY + "close"] == "closed"
    assert "close" not in said
    assert said["bulb stay dark"] == "bulb stays dark"  # outside the negated clause: asserted
    # an n-gram half in, half out of the negated clause is neither ('dark because the')
    assert not any("dark" in key and "switch" in key for key in said)
    assert "not" not in " ".join(key.removeprefix(DENIAL_KEY) for key in said).split()
    # without denials (the Mains learner) the negated clause gives nothing, as before
    plain = answer_ngrams(
        nlp("The bulb stays dark because the switch is not closed."),
        content_ends=False,
        stem_keys=True,
    )
    assert not any(key.startswith(DENIAL_KEY) for key in plain) and "close" not in plain


def _with_denial(loaded: LoadedRubric, **extra: object) -> LoadedRubric:
    data = loaded.rubric.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["dimensions"][0]["concepts"].append(
        {
            "id": "learned-not-connected",
            "label": "not connected",
            "cues": [["connected"]],
            "note": "Learned from 24 graded answers (0 high, 5 low of the 5 using it).",
            "denial": True,
            **extra,
        }
    )
    return with_rubric(loaded, Rubric.model_validate(data))


def test_a_denial_concept_credits_only_a_negated_mention(short_rubric: LoadedRubric) -> None:
    loaded = _with_denial(short_rubric)
    question = loaded.rubric.questions[0].id

    def credit(text: str) -> float:
        report = evaluate(text, loaded, question)
        return next(c.credit for c in report.concepts if c.id == "learned-not-connected")

    assert credit("The bulb is not connected to the battery.") == 1.0
    assert credit("The bulb isn't connected to anything.") == 1.0
    assert credit("The bulb is connected to the battery.") == 0.0
    assert credit("The switch is open.") == 0.0


def test_a_denial_cannot_also_be_a_negative_claim(short_rubric: LoadedRubric) -> None:
    with pytest.raises(ValueError, match="denial or a negative_claim"):
        _with_denial(short_rubric, negative_claim=True)


NO_PHRASES = {"min_support": 10**6}
"""Learning options under which no phrase is learned (none is shared by a million answers)."""


def test_examples_are_dropped_where_learned_phrases_mark_better(
    short_rubric: LoadedRubric,
) -> None:
    """The examples are tried and left out when the learned phrases alone mark the answers
    left out better: on these 22 answers they do. The choice is close on so few answers: with
    the first pair too, since polarity is read word by word (engine 0.9.244), the examples
    lower the leave-one-out error a little and stay (see the next test for examples kept)."""
    question = short_rubric.rubric.questions[0].id
    graded = [g for g in _graded(question) if g.text not in (RIGHT[0], WRONG[0])]
    result = tune_rubric(short_rubric, graded, folds=4)
    assert not [c for _, c in result.rubric.concepts() if c.exemplar]
    assert len(result.estimator.dropped_examples_) == len(graded)
    assert result.examples_summary() == ""
    assert result.learned and result.after.qwk > 0.9


def test_graded_answers_are_kept_as_examples_an_answer_is_compared_with(
    short_rubric: LoadedRubric,
) -> None:
    """A tutor's graded answers become exemplar concepts: a new answer earns (or loses) marks
    for how much of a right (or wrong) graded answer it repeats, and the report shows the words
    it repeated. Examples stay only where they lower the held-out error; here no phrase is
    learned (``NO_PHRASES``), so the examples carry the marks (with phrases, see
    :func:`test_examples_are_dropped_where_learned_phrases_mark_better`)."""
    question = short_rubric.rubric.questions[0].id
    result = tune_rubric(short_rubric, _graded(question), folds=4, learn_options=NO_PHRASES)
    tuned = result.rubric
    examples = [c for _, c in tuned.concepts() if c.exemplar]
    # every graded answer the fit gives weight is kept; one it gives none moves no mark and is
    # not written (trial s40t: 196 pupils' answers at the floor weight, doing nothing)
    assert len(RIGHT) <= len(examples) < len(RIGHT) + len(WRONG)
    assert all(c.credit == "proportional" and c.learned for c in examples)
    assert all(c.weight > MIN_WEIGHT for c in examples)
    right = [c for c in examples if "marked 4 of 4: " in c.note]
    wrong = [c for c in examples if "marked 0 of 4: " in c.note]
    assert len(right) + len(wrong) == len(examples) and wrong
    assert {c.note.rsplit("The answer: ", 1)[1] for c in right} <= set(RIGHT)
    # right answers' examples earn marks and wrong answers' cost them, most of them at least
    assert sum(not c.penalty for c in right) > len(right) * 0.75
    assert sum(c.penalty for c in wrong) > len(wrong) * 0.75
    assert result.examples_summary().startswith(f"{len(examples)} graded answers kept as examples")
    # a new answer close to a right graded answer is credited by its example, with the span
    loaded = with_rubric(short_rubric, tuned)
    text = "Since the switch is open the circuit is broken, and no current flows."
    report = evaluate(text, loaded, question)
    credited = [c for c in report.concepts if c.id in {e.id for e in right} and c.credit > 0.8]
    assert credited
    spans = {e.text.lower() for e in credited[0].evidence}
    assert {"switch", "circuit", "current"} <= spans
    # never offered to the learner as a point to add or a misconception to drop
    steps = report.feedback.next_steps + report.feedback.more_steps
    assert not any(s.target in {e.id for e in examples} for s in steps)


def test_a_learners_report_never_quotes_another_students_answer(
    short_rubric: LoadedRubric,
) -> None:
    """A kept example is another student's answer: the tuned rubric keeps it for the tutor, but
    the report a learner reads names it by number and mark only, whether it earned marks or
    cost them."""
    question = short_rubric.rubric.questions[0].id
    tuned = tune_rubric(short_rubric, _graded(question), folds=4, learn_options=NO_PHRASES).rubric
    examples = {c.id: c for _, c in tuned.concepts() if c.exemplar}
    assert all(c.note.rsplit("The answer: ", 1)[1] in RIGHT + WRONG for c in examples.values())
    loaded = with_rubric(short_rubric, tuned)
    shown = []
    for text in (
        "Since the switch is open the circuit is broken, and no current flows.",
        WRONG[0].upper(),  # a wrong graded answer repeated: its example costs marks
    ):
        report = evaluate(text, loaded, question).to_dict()
        used = [c for c in report["concepts"] if c["id"] in examples and c["credit"] > 0]
        assert used
        shown += used
    assert any(c["penalty"] for c in shown) and any(not c["penalty"] for c in shown)
    for concept in shown:
        assert re.fullmatch(r"Graded answer \d+ \(marked [04] of 4\)", concept["label"])
        assert concept["source_note"].startswith("Learned from a graded answer marked ")
        assert "The answer:" not in concept["source_note"]
        assert not any(answer.lower() in concept["source_note"].lower() for answer in RIGHT + WRONG)


def test_an_examples_words_do_not_count_as_the_rubrics_own(short_rubric: LoadedRubric) -> None:
    """Proportional credit is scaled down for words in neither the rubric nor the question;
    a graded answer kept as an example brings its words into the rubric, but not into what the
    rubric knows: the reference concept credits an answer exactly as before."""
    question = short_rubric.rubric.questions[0].id
    text = "The open switch breaks the circuit, so no current flows; the lamp filament is cold."
    before = evaluate(text, short_rubric, question).concepts[0]
    data = short_rubric.rubric.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["dimensions"][0]["concepts"].append(
        {
            "id": "example-1",
            "label": "The lamp filament is cold",
            "credit": "proportional",
            "exemplar": True,
            "cues": [["lamp"], ["filament"], ["cold"]],
            "note": "Learned from a graded answer marked 0 of 4: The lamp filament is cold.",
        }
    )
    loaded = with_rubric(short_rubric, Rubric.model_validate(data))
    report = evaluate(text, loaded, question)
    assert before.credit < 1.0  # three words the rubric does not know cost it
    assert report.concepts[0].id == before.id
    assert report.concepts[0].credit == pytest.approx(before.credit)
    assert next(c for c in report.concepts if c.id == "example-1").credit > 0


def test_an_example_must_be_credited_in_proportion(short_rubric: LoadedRubric) -> None:
    data = short_rubric.rubric.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["dimensions"][0]["concepts"].append(
        {"id": "example-1", "label": "Cold", "exemplar": True, "cues": [["cold"]], "note": "Cold."}
    )
    with pytest.raises(ValueError, match="exemplar applies to credit: proportional"):
        Rubric.model_validate(data)


def test_examples_that_do_not_lower_the_left_out_error_are_not_kept(
    short_rubric: LoadedRubric,
) -> None:
    """Where marks follow the rubric's own point and the examples only add noise, the tuned
    rubric keeps no examples (left-out error decides, per question)."""
    from evaluator.tools.tune.learn import add_exemplar_concepts
    from evaluator.tools.tune.model import AnswerFeatures

    question = short_rubric.rubric.questions[0].id
    examples = [
        {
            "id": f"example-{i}",
            "label": f"Example {i}",
            "credit": "proportional",
            "exemplar": True,
            # three content words: an example of fewer that would cost marks is never kept
            "cues": [[f"word{i}"], [f"more{i}"], [f"last{i}"]],
            "note": f"Learned from a graded answer marked 0 of 4: word{i} more{i} last{i}",
        }
        for i in range(1, 9)
    ]
    rubric = add_exemplar_concepts(short_rubric.rubric, question, examples)
    rng = np.random.default_rng(0)
    own = rng.uniform(0, 1, 60)
    rows = [
        AnswerFeatures(
            question=question,
            max_marks=4,
            credits={"answer": float(o), **{e["id"]: float(rng.uniform()) for e in examples}},
            structure=0.0,
            bonus_count=0,
            advisories=(),
            marks=0.0,
        )
        for o in own
    ]
    tuner = LinearShortTuner(rubric).fit(rows, 4 * own)
    assert tuner.dropped_examples_ == [e["id"] for e in examples]
    assert not any(c.exemplar for _, c in tuner.tuned_rubric_.concepts())
    assert all(d.id != f"examples-{question}" for d in tuner.tuned_rubric_.dimensions)
    # the same examples, when they are what the marks follow, are kept
    marks = 4 * np.array([r.credits["example-1"] for r in rows])
    kept = LinearShortTuner(rubric).fit(rows, marks)
    assert kept.dropped_examples_ == []
    assert sum(c.exemplar for _, c in kept.tuned_rubric_.concepts()) == len(examples)


def test_a_fitted_weight_never_goes_against_how_its_users_were_marked(
    short_rubric: LoadedRubric,
) -> None:
    """A regression over hundreds of overlapping phrases gives some a sign against the evidence;
    a learner would then read "costs marks" on a phrase only right answers use, or a reference
    answer as a misconception. Right answers here are marked 4, wrong ones 0, half and half."""
    question = short_rubric.rubric.questions[0].id
    tuned = tune_rubric(short_rubric, _graded(question), folds=4).rubric
    own = [c for _, c in tuned.concepts() if not c.learned]
    assert own and not any(c.penalty for c in own)
    counted = 0
    for _, concept in tuned.concepts():
        if concept.learned and not concept.exemplar:
            # its id says what it does: phrases learned from wrong answers that the fit made
            # earn ('not flow', 'break') had kept their 'misconception-' ids; and it names the
            # phrase as answers write it, not by its stems ('learned-dens')
            assert concept.id.startswith("low-marked-" if concept.penalty else "learned-")
            assert concept.id.split("-", 2 if concept.penalty else 1)[-1].startswith(
                re.sub(r"[^a-z0-9]+", "-", concept.label.lower()).strip("-")[:40]
            ), (concept.id, concept.label)
        found = re.search(r"\((\d+) high, (\d+) low of the \d+ using it\)", concept.note)
        if not concept.learned or concept.exemplar or not found or concept.weight <= MIN_WEIGHT:
            continue
        high, low = int(found.group(1)), int(found.group(2))
        counted += 1
        if concept.penalty:
            assert low > high, concept.note
        else:
            assert high >= low, concept.note
    assert counted >= 5


def test_expected_signs_follow_the_author_and_the_marks() -> None:
    credits = np.array([[1.0, 1.0, 0.0, 0.5], [1.0, 0.0, 1.0, 0.0], [0.0, 0.0, 1.0, 1.0]])
    shares = np.array([1.0, 0.5, 0.0])
    signs = expected_signs(
        credits,
        shares,
        learned=np.array([False, True, True, False]),
        penalty=np.array([False, False, False, True]),
    )
    # the author's point earns and misconception costs whoever uses them; a learned phrase of
    # the best answer earns, one of the weaker answers costs
    assert signs.tolist() == [1.0, 1.0, -1.0, -1.0]


def test_json_learned_phrases_carry_the_weight_the_table_shows(short_rubric: LoadedRubric) -> None:
    question = short_rubric.rubric.questions[0].id
    result = tune_rubric(short_rubric, _graded(question), folds=4)
    data = result.to_dict()
    # a short question's own form is linear: 'form' says 'rubric', 'arithmetic' what it is
    assert data["form"] == "rubric" and data["arithmetic"] == {question: "linear"}
    table = {c["label"]: c for c in data["concepts"] if c["learned"] and not c["exemplar"]}
    matched = [(p, table[p["phrase"]]) for p in data["learned"] if p["phrase"] in table]
    assert matched
    for phrase, row in matched:
        assert phrase["weight"] == row["weight_after"]
        assert phrase["costs"] == row["penalty"]


def test_a_short_answers_comment_is_about_its_points_not_the_essay_form(
    short_rubric: LoadedRubric,
) -> None:
    """A tutor trial: a 3-mark short answer tuned linearly was told "'Discuss' asks you to cover
    the question's dimensions broadly ... (50%)" (its structure is not marked), that it was
    "strongest on Graded answers as examples", and, at full marks, to develop five points each
    worth +0."""
    question = short_rubric.rubric.questions[0].id
    tuned = tune_rubric(short_rubric, _graded(question), folds=4).rubric
    loaded = with_rubric(short_rubric, tuned)
    full = 0
    for rubric in (short_rubric, loaded):
        for text in RIGHT:
            report = evaluate(text, rubric, question)
            assert " asks " not in report.feedback.comment, report.feedback.comment
            own = [
                d
                for d in report.dimensions
                if not d.id.startswith(("learned-", "examples-"))
                and any(c.credit > 0 and not c.learned for c in report.concepts)
            ]
            if own and len(report.dimensions) == 1:  # nothing to compare (session 41)
                assert report.feedback.comment.startswith("The answer earns credit with “")
            elif own:
                assert f"strongest on {own[0].label}" in report.feedback.comment
            if report.marks >= report.max_marks:
                full += 1
                assert report.feedback.next_steps == [] and report.feedback.more_steps == []
                assert "Nothing left to add for marks" in report.feedback.comment
    assert full >= 3


def test_a_tuned_short_answers_terminal_report_counts_its_learned_phrases(
    short_rubric: LoadedRubric,
) -> None:
    """`grade --full` on a tuned short answer had listed about 80 lines of "Graded answer N
    (marked 0 of 3)", and its improvement points told a full-marks answer to develop its points
    and to back them with reasons (a short answer's form is not marked)."""
    from evaluator.cli.grade import render_text_report
    from evaluator.scoring import credited_view
    from evaluator.scoring.report import says_the_point
    from webapp.grading import report_summary

    question = short_rubric.rubric.questions[0].id
    negated_learned = 0
    tuned = with_rubric(short_rubric, tune_rubric(short_rubric, _graded(question), folds=4).rubric)
    shown = 0
    for text in RIGHT + WRONG:
        report = evaluate(text, tuned, question)
        page = render_text_report(report, full=True)
        assert not re.search(r"Graded answer \d", page), page
        assert "Back your points" not in page and "Organise the answer" not in page
        # a learned phrase in a negated clause is not a denial ("no current flows")
        denied_phrases = [c.id for c in report.concepts if c.learned and c.status == "negated"]
        for concept in report.concepts:
            if concept.id in denied_phrases:
                assert f" {concept.label} [negated]" not in page, page
        flagged = {c["id"] for c in report_summary(report.to_dict())["flagged"]}
        assert not flagged & set(denied_phrases)
        negated_learned += len(denied_phrases)
        learned = [
            c
            for c in report.concepts
            if c.learned and c.credit > 0 and not c.penalty and says_the_point(c)
        ]
        if learned:
            shown += 1
            # counted in a line each, but a phrase whose words a point above quotes is not
            # listed again (trial s43: one word credited five times)
            view = credited_view(report.to_dict()["concepts"], question)
            assert view["lines"] or view["repeated"]
            assert all(f"  + {line}" in page for line in view["lines"]), page
        if report.marks >= report.max_marks:
            assert "Other improvement points" not in page, page
    assert shown >= 5 and negated_learned >= 1


def test_a_keyword_dump_is_no_short_answer(short_rubric: LoadedRubric) -> None:
    """A tutor trial: "dense less dense expands lattice molecules iceberg lakes winter" got 3 of
    3 from a tuned short rubric, and its audit failed (keyword list 67%, shuffled 100%). A
    short answer is now checked for a bare list, word salad, or six words and more without a
    single function word; the graded answers, terse as they are, are not."""
    question = short_rubric.rubric.questions[0].id
    tuned = with_rubric(short_rubric, tune_rubric(short_rubric, _graded(question), folds=4).rubric)
    for rubric in (short_rubric, tuned):
        for listed in (
            "open switch breaks circuit current flows bulb stays dark",
            # a number word is a word of the run (a teacher's trial: fourteen words, 3 of 3)
            "switch open circuit gap current bulb dark three terminals battery voltage zero",
        ):
            dump = evaluate(listed, rubric, question)
            assert "keyword_stuffing" in dump.advisory_codes(), listed
            assert dump.marks <= 0.15 * dump.max_marks
        for text in RIGHT + WRONG:
            assert "keyword_stuffing" not in evaluate(text, rubric, question).advisory_codes()
    from evaluator.tools.audit import audit_question

    for rubric in (short_rubric, tuned):
        attacks = {a.attack: a for a in audit_question(rubric, question).attacks}
        assert attacks["keyword_list"].passed and attacks["injection"].passed


def test_the_concept_table_says_what_its_dash_means(
    short_rubric: LoadedRubric, tmp_path: Path
) -> None:
    """A tutor read '- floats because' in the table with no key: the dash marks a cost."""
    from click.testing import CliRunner
    from tuning_support import write_graded_csv

    from evaluator.cli import main

    question = short_rubric.rubric.questions[0].id
    graded = write_graded_csv(tmp_path / "marks.csv", _graded(question))
    done = CliRunner().invoke(
        main, ["rubric", "tune", str(short_rubric.path), "--graded", str(graded), "--folds", "4"]
    )
    assert done.exit_code == 0, done.output
    costs = [line for line in done.stdout.splitlines() if line.startswith("- ")]
    assert costs and all(" costs " in line for line in costs)
    assert "'- ' before a concept: it costs marks" in done.stdout


def test_a_year_is_never_learned_as_a_phrase(nlp) -> None:
    """Tutor trial 28a: a tuned rubric learned '2015' and '2016', praised a wrong date ("you
    wrote '2015'") and let a sentence of years raise a poor answer by 1.5 marks. A year with
    stop words alone is no phrase; a year beside a content word still is part of one."""
    from evaluator.tools.tune.learn import answer_ngrams

    for content_ends in (True, False):
        found = answer_ngrams(
            nlp("The framework was adopted in 2015 at Sendai."), content_ends=content_ends
        )
        assert "2015" not in found and "in 2015" not in found
        assert "sendai" in found
    assert "sendai 2015" in answer_ngrams(nlp("Sendai 2015 set seven targets."))


def test_the_learned_phrases_reported_are_the_ones_the_tuned_rubric_holds(
    short_rubric: LoadedRubric,
) -> None:
    """A phrase the fit gives no weight is not written (session 40), nor listed as learned: the
    tune's list and its 'N phrases learned' count what the tutor will find in the YAML."""
    question = short_rubric.rubric.questions[0].id
    result = tune_rubric(short_rubric, _graded(question), folds=4)
    held = {c.label for _, c in result.rubric.concepts() if c.learned and not c.exemplar}
    assert result.learned
    assert {p.label for p in result.learned} <= held
