"""`rubric tune --form`: a Mains question the tutor marks point by point on short answers is
tuned as a linear short answer when that agrees better on held-out answers; the essay form is
kept otherwise, and always with few graded answers. Our own wording; real spaCy, real engine."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from tuning_support import NOTES, QUESTION, point_marked, write_graded_csv

from evaluator.cli import main
from evaluator.rubric import load_rubric
from evaluator.rubric.loader import LoadedRubric
from evaluator.rubric.model import Rubric
from evaluator.scoring.engine import evaluate
from evaluator.scoring.marks import marks_formula
from evaluator.text import plural
from evaluator.tools.tune import TuningResult, tune_rubric, write_tuned_rubric
from evaluator.tools.tune.concepts import without_inert_learned
from evaluator.tools.tune.learn import with_rubric
from evaluator.tools.tune.linear import LINEAR_MIN_ANSWERS, LinearShortTuner
from evaluator.tools.tune.model import RubricWeightTuner


@pytest.fixture(scope="module")
def essay_rubric(tmp_path_factory: pytest.TempPathFactory) -> LoadedRubric:
    from evaluator.tools.derive import derive_rubric

    folder = tmp_path_factory.mktemp("solar")
    (folder / "notes.md").write_text(NOTES, encoding="utf-8")
    derived = derive_rubric(
        NOTES, question=QUESTION, max_marks=10, word_limit=150, source_notes="notes.md"
    )
    (folder / "rubric.yaml").write_text(derived.yaml, encoding="utf-8")
    loaded = load_rubric(folder / "rubric.yaml")
    assert loaded.rubric.questions[0].kind == "mains"
    return loaded


@pytest.fixture(scope="module")
def auto(essay_rubric: LoadedRubric) -> TuningResult:
    question = essay_rubric.rubric.questions[0].id
    return tune_rubric(essay_rubric, point_marked(question), folds=5)


def test_point_by_point_marks_on_short_answers_are_tuned_linearly(auto: TuningResult) -> None:
    assert len(auto.ids) >= LINEAR_MIN_ANSWERS
    assert auto.form == "linear"
    assert isinstance(auto.estimator, LinearShortTuner)
    assert set(auto.forms) == {"rubric", "linear"}
    # the essay form's mark mapping and word-limit cap cannot follow a mark per point
    assert auto.after.qwk > auto.forms["rubric"].qwk + 0.2
    assert auto.after.qwk > 0.9
    assert auto.converted == [auto.questions[0]]
    # the tutor marks in whole marks on a scale (0, 2, 4, 6): so does the tuned rubric, and the
    # held-out marks compared with the tutor's are whole marks, not 0.5-step marks rounded again
    assert auto.rubric.scoring.rounding == 1.0
    assert all(float(m).is_integer() for m in auto.machine_after)
    verdict = " ".join(auto.verdict())
    assert "Tuned as answers marked linearly" in verdict
    assert "--form rubric" in verdict
    # both forms are in the table and the JSON, the one not kept said so
    assert "(rubric form, not kept)" in auto.table()
    data = auto.to_dict()
    assert data["form"] == "linear"
    assert data["forms"]["rubric"]["qwk"] == pytest.approx(auto.forms["rubric"].qwk, abs=1e-4)


def test_the_linear_rubric_written_gives_the_marks_it_was_fitted_to(
    auto: TuningResult, essay_rubric: LoadedRubric, tmp_path: Path
) -> None:
    question = auto.rubric.question(auto.questions[0])
    assert question.kind == "mains"  # still an essay question, marked linearly
    assert question.intercept is not None
    loaded = with_rubric(essay_rubric, auto.rubric)
    graded = [evaluate(t, loaded, question.id).marks for t in auto.texts]
    assert graded == pytest.approx(auto.estimator.predict(auto.features).tolist())
    written = write_tuned_rubric(auto, tmp_path / "tuned.yaml")
    assert load_rubric(written).rubric.question(question.id).intercept == question.intercept


def test_a_tutor_scale_gets_cut_points_fitted_on_left_out_answers(auto: TuningResult) -> None:
    question = auto.rubric.question(auto.questions[0])
    # whole marks on 10: one cut point per mark, ascending, inside the scale
    cuts = question.cut_points
    assert cuts is not None and len(cuts) == 10
    assert cuts == sorted(cuts) and cuts[0] >= 0 and cuts[-1] <= 10
    # they are part of the arithmetic a learner is shown, and the marks are the tutor's steps
    assert "1 mark for each cut point reached" in marks_formula(auto.rubric, question)
    assert set(auto.estimator.predict(auto.features).tolist()) <= set(range(11))


def test_cut_points_are_refused_where_they_mean_nothing(essay_rubric: LoadedRubric) -> None:
    data = essay_rubric.rubric.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["questions"][0]["cut_points"] = [1.0, 2.0]
    with pytest.raises(ValueError, match="cut_points apply to linear questions"):
        Rubric.model_validate(data)
    data["questions"][0].update(kind="short", intercept=0.0, cut_points=[2.0, 1.0])
    with pytest.raises(ValueError, match="ascending"):
        Rubric.model_validate(data)
    data["questions"][0]["cut_points"] = [1.0, 12.0]
    with pytest.raises(ValueError, match="between 0 and max_marks"):
        Rubric.model_validate(data)


def test_form_rubric_keeps_the_essay_form(essay_rubric: LoadedRubric) -> None:
    question = essay_rubric.rubric.questions[0].id
    kept = tune_rubric(essay_rubric, point_marked(question), folds=5, form="rubric")
    assert kept.form == "rubric"
    assert isinstance(kept.estimator, RubricWeightTuner)
    assert set(kept.forms) == {"rubric"}
    assert kept.rubric.question(question).kind == "mains"
    assert kept.converted == []


def test_with_few_graded_answers_the_essay_form_is_the_only_one_tried(
    essay_rubric: LoadedRubric,
) -> None:
    question = essay_rubric.rubric.questions[0].id
    few = point_marked(question, n=LINEAR_MIN_ANSWERS - 10)
    result = tune_rubric(essay_rubric, few, folds=5)
    assert set(result.forms) == {"rubric"}
    assert result.form == "rubric"
    # asked for explicitly, the linear form is fitted however few answers there are
    forced = tune_rubric(essay_rubric, few, folds=5, form="linear")
    assert set(forced.forms) == {"linear"}
    assert forced.rubric.question(question).intercept is not None
    assert "as asked (--form linear" in " ".join(forced.verdict())


def test_cli_form_option(essay_rubric: LoadedRubric, tmp_path: Path) -> None:
    question = essay_rubric.rubric.questions[0].id
    graded = write_graded_csv(tmp_path / "marks.csv", point_marked(question))
    runner = CliRunner()
    args = ["rubric", "tune", str(essay_rubric.path), "--graded", str(graded), "--no-learn"]
    out = tmp_path / "tuned.yaml"
    result = runner.invoke(main, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "(rubric form, not kept)" in result.output
    assert "Tuned as answers marked linearly" in result.output
    assert "intercept:" in out.read_text(encoding="utf-8")
    bad = runner.invoke(main, [*args, "--form", "curved"])
    assert bad.exit_code == 2
    assert "'curved' is not one of" in bad.output


def test_the_concept_table_never_contradicts_the_firing_rates(auto: TuningResult) -> None:
    from evaluator.tools.tune.core import ConceptTuning

    # the linear form: weights are marks, and the reason says so
    for concept in auto.concepts:
        if not concept.never_fires and not concept.zero_weight:
            effect = "costs" if concept.penalty else "earns"
            # a graded answer kept as an example earns in proportion to what an answer repeats
            effect += " up to" if concept.exemplar else ""
            assert concept.why().endswith(
                f"{effect} {concept.weight_after:g} marks with the rest of the rubric"
            )
    # the essay form: a learned penalty used more by higher-marked answers is not said to be
    # a phrase of low-marked answers (the fit counts the rest of the rubric too)
    odd = ConceptTuning(
        "learned-strategic",
        "Strategic",
        "learned-q",
        0.0,
        0.4,
        18,
        6,
        0.9,
        0.3,
        False,
        False,
        learned=True,
        penalty=True,
    )
    assert odd.why() == "learned (penalty): costs credit with the rest of the rubric"
    usual = ConceptTuning(
        "learned-moonstone",
        "Moonstone",
        "learned-q",
        0.0,
        0.4,
        1,
        9,
        0.05,
        0.45,
        False,
        False,
        learned=True,
        penalty=True,
    )
    assert usual.why() == "learned (penalty): low-marked answers use it"
    # a rubric concept in the essay form: raised by the fit although low-marked answers use it
    # more ("Japan the fifth-largest source of FDI", 5% of high and 10% of low answers)
    raised = ConceptTuning(
        "fdi-fifth-source", "FDI", "economic", 2.0, 5.26, 1, 2, 0.05, 0.1, False, False
    )
    assert raised.why() == "weighs more with the rest of the rubric"
    lowered = ConceptTuning(
        "g4-unsc", "G4", "multilateral", 2.0, 1.2, 9, 2, 0.45, 0.1, False, False
    )
    assert lowered.why() == "weighs less with the rest of the rubric"
    plain = ConceptTuning("quad", "Quad", "indo-pacific", 3.0, 4.6, 19, 4, 0.9, 0.19, False, False)
    assert plain.why() == "goes with higher marks"
    # as many high- as low-marked answers use it: raised, but not "with higher marks", and
    # lowered, but not "for less in the tutor's marks" (trial 25c: "83%  83%  goes with higher
    # marks" beside "50%  50%  does not separate the marks")
    level = ConceptTuning("ecta", "ECTA", "trade", 1.0, 1.086, 5, 5, 0.83, 0.83, False, False)
    assert level.why() == "weighs more with the rest of the rubric"
    level_down = ConceptTuning("ecta", "ECTA", "trade", 1.0, 0.6, 5, 5, 0.83, 0.83, False, False)
    assert level_down.why() == "weighs less with the rest of the rubric"
    # weight lowered: never said 'does not separate the marks' of a concept that
    # higher-marked answers use far more (Dharma Guardian, 48% of high and 5% of low answers)
    kept = ConceptTuning(
        "dharma-guardian", "Dharma", "defence", 2.0, 1.0, 10, 1, 0.48, 0.05, False, True
    )
    lowered = "weight lowered as far as one tuning goes"
    assert kept.why() == f"adds nothing the rest of the rubric does not count: {lowered}"
    even = ConceptTuning("fukuoka", "Fukuoka", "people", 1.0, 0.5, 1, 1, 0.05, 0.05, False, True)
    assert even.why() == "does not separate the marks: weight lowered as far as one tuning goes"
    # session 32: a lowered weight named nothing it overlaps with, and read as arbitrary
    named = replace(kept, overlaps=("Malabar naval exercise", "JIMEX"))
    assert named.why() == (
        "adds nothing the rest of the rubric does not count (overlaps with Malabar naval "
        f"exercise and JIMEX): {lowered}"
    )
    assert replace(level_down, overlaps=("CEPA",)).why() == (
        "weighs less with the rest of the rubric (overlaps with CEPA)"
    )


def test_a_lowered_weight_names_the_concepts_its_credit_goes_with() -> None:
    import numpy as np

    from evaluator.tools.tune.result import credit_overlaps

    # answers by concepts: B is credited where A is, C nearly so, D at random, E never
    credits = np.array(
        [
            [1, 1, 1, 0, 0],
            [1, 1, 0.5, 1, 0],
            [0, 0, 0, 1, 0],
            [1, 1, 1, 0, 0],
            [0, 0, 0, 0, 0],
            [0, 0, 0.5, 1, 0],
        ],
        dtype=float,
    )
    labels = ["A", "B", "C", "D", "E"]
    assert credit_overlaps(credits, 0, [1, 2, 3, 4], labels) == ("B", "C")
    assert credit_overlaps(credits, 0, [2, 3, 4], labels) == ("C",)
    assert credit_overlaps(credits, 0, [3, 4], labels) == ()  # nothing goes with it
    assert credit_overlaps(credits, 4, [0, 1], labels) == ()  # never credited: no overlap


def test_learned_phrases_are_never_suggested_to_the_learner(
    auto: TuningResult, essay_rubric: LoadedRubric
) -> None:
    """A learned phrase is not a point to add ('add Solar power' teaches keyword insertion), a
    denial even less ('add not land'), and a learned phrase in a negated clause is not a denial
    of a claim ('at night the panels produce nothing' is true)."""
    loaded = with_rubric(essay_rubric, auto.rubric)
    question = auto.questions[0]
    learned = [c for _, c in auto.rubric.concepts() if c.learned]
    assert any(c.denial for c in learned) and any(not c.denial for c in learned)
    text = (
        "Rooftop solar panels cut the electricity bill for families. But at night the panels "
        "produce nothing, so storage is needed."
    )
    report = evaluate(text, loaded, question)
    ids = {c.id for c in learned}
    steps = report.feedback.next_steps + report.feedback.more_steps
    assert steps and not any(s.target in ids for s in steps), [s.text for s in steps]
    assert report.feedback.improvements
    for line in report.feedback.improvements:
        assert not line.startswith("Learned from the tutor's marks")  # their dimension's label
        assert "You deny" not in line and "Learned from" not in line
        assert "is a misconception" not in line
    # the learned concepts still count, and the report shows what they matched
    assert any(c.id in {x.id for x in learned} and c.credit > 0 for c in report.concepts)


def test_cli_lists_the_weightiest_learned_concepts_and_counts_the_rest(
    essay_rubric: LoadedRubric, tmp_path: Path
) -> None:
    from evaluator.cli.tuning import LEARNED_LISTED

    graded = write_graded_csv(
        tmp_path / "marks.csv", point_marked(essay_rubric.rubric.questions[0].id)
    )
    tuned = tmp_path / "tuned.yaml"
    done = CliRunner().invoke(
        main,
        ["rubric", "tune", str(essay_rubric.path), "--graded", str(graded), "--out", str(tuned)],
    )
    assert done.exit_code == 0, done.output
    learned = [line for line in done.stdout.splitlines() if "  learned: " in line]
    assert len(learned) == LEARNED_LISTED
    summary = [line for line in done.stdout.splitlines() if "more learned concept" in line]
    assert len(summary) == 1 and int(summary[0].split()[0]) > 0
    # the graded answers kept as examples are one line, not 60 rows of answer text
    assert not any(" example: " in line for line in done.stdout.splitlines())
    examples = [line for line in done.stdout.splitlines() if "kept as examples" in line]
    kept = [c for _, c in load_rubric(tuned).rubric.concepts() if c.exemplar]
    if kept:
        assert len(examples) == 1
        assert examples[0].startswith(f"{plural(len(kept), 'graded answer')} kept as examples")
    else:  # the fit was better without them: nothing to say about them
        assert not examples


def test_an_unknown_form_is_one_clear_error(essay_rubric: LoadedRubric) -> None:
    from evaluator.errors import TuningError

    question = essay_rubric.rubric.questions[0].id
    with pytest.raises(
        TuningError, match="--form must be one of auto, rubric, linear, got 'curved'"
    ):
        tune_rubric(essay_rubric, point_marked(question), form="curved")


def test_a_mains_question_tuned_linearly_still_caps_a_keyword_list(
    auto: TuningResult, essay_rubric: LoadedRubric
) -> None:
    """The linear form leaves length to the tutor's marks, not gaming: a list of the rubric's
    terms is capped as it is before tuning."""
    question = auto.questions[0]
    tuned = auto.rubric.question(question)
    assert tuned.kind == "mains" and tuned.intercept is not None
    keywords = (
        "rooftop solar panels, household electricity bill, net metering, surplus power, "
        "distribution company, new land, solar parks, transmission losses, batteries, grid, "
        "storage cost, night, sunset"
    )
    before = evaluate(keywords, essay_rubric, question)
    after = evaluate(keywords, with_rubric(essay_rubric, auto.rubric), question)
    assert "keyword_stuffing" in {a.code for a in before.advisories}
    assert "keyword_stuffing" in {a.code for a in after.advisories}
    assert after.marks <= 0.15 * tuned.max_marks
    # a short answer in sentences is not capped for its length: the tutor marked such answers
    sentences = (
        "Solar panels on the roof cut the monthly electricity bill. Rooftop solar needs no "
        "fresh land, unlike solar parks. Battery storage for solar is needed after sunset."
    )
    report = evaluate(sentences, with_rubric(essay_rubric, auto.rubric), question)
    assert not {a.code for a in report.advisories} & {"too_short", "keyword_stuffing"}
    assert report.marks >= 0.5 * tuned.max_marks


def test_learned_phrases_do_not_make_an_ordinary_answer_a_keyword_list(
    essay_rubric: LoadedRubric,
) -> None:
    """A tuned rubric holds hundreds of phrases of ordinary answers ('the GST', 'states'): had
    they counted as the rubric's terms, an answer in sentences would read as a list of keywords,
    and a Mains question tuned linearly would be capped at 15% (a user trial: held-out QWK
    0.762 instead of 0.898). The same phrases written as the rubric's own points still count."""
    from evaluator.rubric.model import LEARNED_NOTE

    text = (  # two slips, 'the the', in 45 words: over the word-salad rate once 6 terms count
        "Households on the the top floor pay less for power. Their panels feed the grid in "
        "summer, and the discom pays them for every unit they export. Families with "
        "batteries keep the the lights on at night and save more each month."
    )
    words = [w.strip(".,") for w in text.split() if len(w.strip(".,")) > 3]
    phrases = sorted({" ".join(words[k : k + 2]) for k in range(len(words) - 1)} | set(words))

    question = essay_rubric.rubric.questions[0].id

    def with_phrases(learned: bool) -> LoadedRubric:
        data = essay_rubric.rubric.model_dump(mode="json", by_alias=True, exclude_none=True)
        note = f"{LEARNED_NOTE}40 graded answers (9 high, 1 low of the 10 using it)."
        concepts = [
            {"id": f"p{n}", "label": p, "cues": [[p]], "note": note if learned else "A point."}
            for n, p in enumerate(phrases)
        ]
        data["dimensions"].append({"id": "extra", "label": "Extra", "concepts": concepts})
        data["questions"][0]["dimensions"].append({"id": "extra", "weight": 1.0})
        return with_rubric(essay_rubric, Rubric.model_validate(data))

    def stuffing(loaded: LoadedRubric) -> bool:
        return "keyword_stuffing" in evaluate(text, loaded, question).advisory_codes()

    assert not stuffing(essay_rubric)  # the rubric's own terms in it are too few to judge

    assert not stuffing(with_phrases(learned=True))
    assert stuffing(with_phrases(learned=False))  # what the check measures, on own terms


def test_a_learned_phrase_sits_where_its_sign_says(auto: TuningResult) -> None:
    """One that earns in the learned dimension, one that costs among the question's points."""
    from evaluator.tools.tune.learn import learned_dimension_id

    question = auto.rubric.question(auto.questions[0])
    learned_dimension = learned_dimension_id(question.id)
    for dimension, concept in auto.rubric.concepts():
        if not concept.learned or concept.exemplar:
            continue
        assert (dimension.id == learned_dimension) != concept.penalty, (dimension.id, concept.id)


def test_a_zero_weight_used_more_by_low_marked_answers_says_so() -> None:
    from evaluator.tools.tune.core import ConceptTuning

    # tutor trial 26b: "ipkf 1->0.5  11%  33%  does not separate the marks"
    lower = ConceptTuning("ipkf", "IPKF", "history", 1.0, 0.5, 1, 3, 0.11, 0.33, False, True)
    assert lower.why() == "goes with lower marks: weight lowered as far as one tuning goes"
    level = ConceptTuning("upi", "UPI", "economy", 1.0, 0.5, 2, 2, 0.2, 0.2, False, True)
    assert level.why() == "does not separate the marks: weight lowered as far as one tuning goes"


def test_a_learned_phrase_matching_never_credits_is_not_written(auto: TuningResult) -> None:
    # tutor trial 26b: 'deal' (of "the East Container Terminal deal", whose longer term owns the
    # word) was written as a learned concept that earned nothing in any graded answer
    assert not [c.id for c in auto.concepts if c.learned and not c.exemplar and c.never_fires]
    learned = [
        (d, c) for d, c in auto.rubric.concepts() if c.learned and not c.exemplar and not c.penalty
    ]
    dimension, concept = learned[0]
    fewer, dropped = without_inert_learned(auto.rubric, [concept.id, "not-a-concept"])
    assert dropped == [concept.label]
    assert concept.id not in {c.id for _, c in fewer.concepts()}
    left = [d for d in fewer.dimensions if d.id == dimension.id]
    if left:
        # what saturates the dimension stays what the marks were fitted with
        possible = sum(c.weight for c in dimension.concepts if not c.penalty)
        assert left[0].expected == pytest.approx(
            dimension.expected or auto.rubric.scoring.saturation * possible, abs=1e-3
        )
    # a rubric concept that never fires is kept
    own = next(c for _, c in auto.rubric.concepts() if not c.learned)
    assert without_inert_learned(auto.rubric, [own.id]) == (auto.rubric, [])
