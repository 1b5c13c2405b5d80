"""`mains-eval rubric audit`: gaming attacks on model answers, and the bundled rubric passing its
own audit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from spacy.language import Language

from evaluator.cli import main
from evaluator.rubric.loader import LoadedRubric, load_rubric
from evaluator.scoring.checks.structure import count_words
from evaluator.scoring.engine import evaluate
from evaluator.tools.audit import (
    DEFAULT_THRESHOLD,
    QuestionAudit,
    audit_question,
    audit_rubric,
    format_audit,
    negated,
    notes_model_answer,
    padded,
    pasted,
    shuffled,
)
from evaluator.tools.derive.core import derive_rubric_file

ATTACKS = {
    "keyword_list",
    "question_echo",
    "shuffled",
    "negated",
    "source_copy",
    "repetition",
    "padding",
    "off_topic",
    "injection",
}


@pytest.fixture(scope="module")
def bundled_audit(india_japan: LoadedRubric, nlp: Language) -> dict[str, QuestionAudit]:
    return {a.question: a for a in audit_rubric(india_japan, nlp=nlp)}


@pytest.fixture(scope="module")
def honest_dir(data_dir: Path) -> Path:
    return data_dir / "honest" / "rubric"


def test_every_bundled_question_has_a_model_answer(india_japan: LoadedRubric) -> None:
    assert {q.id for q in india_japan.rubric.questions} <= set(india_japan.model_answers)


@pytest.mark.parametrize(
    "question",
    [
        "2plus2-significance",
        "pyq-2019-contemporary",
        "pyq-2013-economic",
        "challenges-way-forward",
        "defence-cooperation",
        "indo-pacific-quad",
        "japan-development-partner",
        "act-east-foip-northeast",
        # the negated attack reached 40% here when a comma-split parse ("Review CEPA, do not
        # create a single window") made CEPA the subject of a negated verb of result
        "economic-security-supply-chains",
        "pyq-2020-quad-trade-bloc",
    ],
)
def test_bundled_rubric_passes_its_own_audit(
    bundled_audit: dict[str, QuestionAudit], question: str
) -> None:
    audit = bundled_audit[question]
    assert {a.attack for a in audit.attacks} == ATTACKS
    assert audit.model_marks and audit.model_marks > 0
    failing = [(a.attack, a.share, a.advisories) for a in audit.attacks if not a.passed]
    assert audit.passed, failing
    assert all(a.share < 0.35 for a in audit.attacks)


def test_gaming_attacks_are_flagged(bundled_audit: dict[str, QuestionAudit]) -> None:
    for audit in bundled_audit.values():
        fired = {a.attack: set(a.advisories) for a in audit.attacks}
        assert "keyword_stuffing" in fired["keyword_list"]
        assert "keyword_stuffing" in fired["shuffled"]
        assert "copied_source" in fired["source_copy"]
        assert "over_limit" in fired["padding"]
        assert "repetition" in fired["repetition"]
        assert "off_topic" in fired["off_topic"]
        assert "too_short" in fired["question_echo"]  # the question alone is no answer


def test_negated_attack_denies_the_claims(nlp: Language) -> None:
    text = negated("- Japan holds JIMEX with India.\n- The CEPA has applied since 2011.", nlp)
    assert text == "- Japan does not hold JIMEX with India.\n- The CEPA has not applied since 2011."
    # a claim without a clause is denied whole (it had been left standing, and kept its credit)
    assert negated("Annual summits since 2006.", nlp) == (
        "It is not true that Annual summits since 2006."
    )
    assert negated("Conclusion", nlp) == "Conclusion"


def test_attack_builders_are_deterministic(nlp: Language, india_japan: LoadedRubric) -> None:
    model = india_japan.model_answers["pyq-2013-economic"]
    assert shuffled(nlp(model)) == shuffled(nlp(model))
    assert shuffled(nlp(model)) != model
    assert count_words(padded(model, 200)) >= 600


def test_question_without_model_answer_is_attacked_on_its_notes(
    honest_dir: Path, nlp: Language
) -> None:
    loaded = load_rubric(honest_dir)
    assert "suggest-future" not in loaded.model_answers
    audit = audit_question(loaded, "suggest-future", nlp=nlp)
    assert not audit.skipped and audit.model_source == "notes"
    assert {a.attack for a in audit.attacks} == ATTACKS
    assert audit.model_marks and audit.model_marks > 0  # the notes earn marks
    assert "built from the rubric's notes" in format_audit([audit])
    # and an attack that gains more than the threshold fails it (the CLI then exits 1)
    strict = audit_question(loaded, "suggest-future", threshold=0.01, nlp=nlp)
    assert not strict.passed


def test_cli_audits_a_derived_rubric_and_fails_at_a_low_threshold(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(
        "# Solar power in India\n\n"
        "- India set a target of 500 GW of non-fossil capacity by 2030.\n"
        "- The International Solar Alliance was launched by India and France in 2015.\n"
        "- Rooftop solar lags because of weak net-metering rules in many states.\n",
        encoding="utf-8",
    )
    out = tmp_path / "solar" / "rubric.yaml"
    derived = CliRunner().invoke(main, ["rubric", "derive", str(notes), "--out", str(out)])
    assert derived.exit_code == 0, derived.output
    done = CliRunner().invoke(main, ["rubric", "audit", str(out), "--threshold", "0.01"])
    assert "skipped" not in done.output and "built from the rubric's notes" in done.output
    assert done.exit_code == 1, done.output


def test_a_derived_rubric_is_audited_against_what_its_points_earn(
    tmp_path: Path, nlp: Language
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(
        "# Seed germination\n\n"
        "- Seeds need water to germinate; the dry seeds did not sprout.\n"
        "- Warmth speeds germination: most seeds sprouted at 25 degrees.\n"
        "- Seeds need oxygen, so sealing them in airless jars stops germination.\n",
        encoding="utf-8",
    )
    out = tmp_path / "seeds" / "rubric.yaml"
    derive_rubric_file(notes, out=out, max_marks=3)
    loaded = load_rubric(out)
    question = loaded.rubric.questions[0]
    # the answer built from the notes states the draft's points in the document's words: a
    # short answer is not checked for copying (session 40), so it earns its points
    built = evaluate(notes_model_answer(loaded, question), loaded, question.id, nlp=nlp)
    assert question.kind == "short" and "copied_source" not in built.advisory_codes()
    audit = audit_question(loaded, question.id, nlp=nlp)
    # attacks are measured against what its points earn, not against zero
    assert audit.model_marks == 3.0
    # pasting the notes is no attack on a short answer: its points are the notes' sentences
    assert "source_copy" not in {a.attack for a in audit.attacks}
    assert 0 <= min(a.share for a in audit.attacks) <= max(a.share for a in audit.attacks) <= 1


def test_the_answer_built_from_broad_notes_covers_what_the_question_asks(
    tmp_path: Path, nlp: Language
) -> None:
    """A draft of the bundled notes (20 headings) for one question: the built answer takes the
    notes that earn the most within the word limit, across the question's dimensions. It used to
    take the first dimensions' notes in order: 2 of 10 marks, so every attack failed the audit
    against a threshold of 0.7 marks."""
    notes = Path(__file__).resolve().parent.parent / "rubrics" / "india-japan" / "source-notes.md"
    out = tmp_path / "defence" / "rubric.yaml"
    question_text = "Examine the growing defence cooperation between India and Japan."
    derive_rubric_file(notes, out=out, question=question_text, max_marks=10, word_limit=150)
    loaded = load_rubric(out)
    question = loaded.rubric.questions[0]
    built = notes_model_answer(loaded, question)
    assert len(built.split()) <= question.word_limit
    report = evaluate(built, loaded, question.id, nlp=nlp)
    assert report.arithmetic.before_advisories >= 0.5 * question.max_marks
    credited = {c.dimension for c in report.concepts if c.credit > 0}
    assert len(credited) >= 3  # more than the first headings
    main_dimension = next(d.id for d in question.dimensions if d.weight == 3)
    assert main_dimension in credited
    # its words shuffled: few function words break ('the of'), so the word-order rules alone
    # let it keep 6 of 7 marks; its sentences read as shuffled
    audit = audit_question(loaded, question.id, nlp=nlp)
    attack = next(a for a in audit.attacks if a.attack == "shuffled")
    assert "keyword_stuffing" in attack.advisories and attack.passed, attack
    assert audit.passed, format_audit([audit])


def test_cli_passes_with_exit_zero(honest_dir: Path) -> None:
    result = CliRunner().invoke(main, ["rubric", "audit", str(honest_dir), "-q", "comment-economy"])
    assert result.exit_code == 0, result.output
    assert "comment-economy: model answer" in result.output
    for attack in ATTACKS:
        assert attack in result.output
    assert "=> PASS" in result.output


def test_cli_fails_with_exit_one_at_a_low_threshold(honest_dir: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "rubric",
            "audit",
            str(honest_dir),
            "--question",
            "comment-economy",
            "--threshold",
            "0.01",
            "--json",
        ],
    )
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["passed"] is False
    attacks = data["questions"][0]["attacks"]
    assert {a["attack"] for a in attacks} == ATTACKS
    assert all({"marks", "share", "advisories", "passed"} <= set(a) for a in attacks)
    assert "audit failed for comment-economy" in result.stderr


def test_cli_help_shows_the_audit_default_threshold() -> None:
    result = CliRunner().invoke(main, ["rubric", "audit", "--help"])
    assert result.exit_code == 0
    assert f"[default: {DEFAULT_THRESHOLD}]" in " ".join(result.output.split())


def test_cli_unknown_question_is_one_line(honest_dir: Path) -> None:
    result = CliRunner().invoke(main, ["rubric", "audit", str(honest_dir), "-q", "nope"])
    assert result.exit_code == 2
    assert "no question 'nope'" in result.stderr
    assert "Traceback" not in result.output


def test_source_notes_longer_than_an_answer_are_pasted_up_to_the_limit(india_japan):
    from evaluator.scoring.inputs import MAX_ANSWER_TOKENS, estimated_tokens

    notes = india_japan.source_notes
    assert pasted(notes) == notes or estimated_tokens(pasted(notes)) <= MAX_ANSWER_TOKENS
    long_notes = "\n\n".join([notes] * 3)
    cut = pasted(long_notes)
    assert MAX_ANSWER_TOKENS - 400 < estimated_tokens(cut) <= MAX_ANSWER_TOKENS
    assert long_notes.startswith(cut)


VACCINE_REFERENCES = (
    "A vaccine holds a weakened or killed form of a germ, so the immune system makes antibodies "
    "and memory cells while the person stays healthy.",
    "The vaccine teaches white blood cells to know the antigen; memory cells remain, so when the "
    "real germ arrives later it is destroyed quickly, before the person falls ill.",
    "Vaccination gives immunity: the body practises fighting the microbe in advance, so a later "
    "infection meets a strong and quick immune response.",
)


def _vaccine_draft(tmp_path: Path) -> Path:
    out = tmp_path / "vaccine" / "rubric.yaml"
    args = ["rubric", "derive", "--out", str(out), "--max-marks", "4", "--word-limit", "30"]
    for reference in VACCINE_REFERENCES:
        args += ["--reference", reference]
    derived = CliRunner().invoke(
        main, [*args, "--question", "Explain how vaccines protect the body from disease."]
    )
    assert derived.exit_code == 0, derived.output
    return out


def test_a_draft_of_several_reference_answers_is_audited_on_one_of_them(tmp_path: Path) -> None:
    """Trial s42: a draft of three reference answers keeps them all in one note, longer than the
    word limit, so no note fitted; the audit printed "skipped (no concept notes)" and exited 0,
    a pass, although the same rubric with one reference failed two attacks."""
    out = _vaccine_draft(tmp_path)
    loaded = load_rubric(out)
    question = loaded.rubric.questions[0]
    # the attacked answer is the first reference, as a learner would write one answer
    assert notes_model_answer(loaded, question) == VACCINE_REFERENCES[0]
    done = CliRunner().invoke(main, ["rubric", "audit", str(out)])
    assert "skipped" not in done.output and "built from the rubric's notes" in done.output
    assert "shuffled" in done.output, done.output
    # the negated attack (every claim of the reference denied) had earned 62% of the marks;
    # a denial of the reference in its own words earns nothing of it (session 44)
    negated = next(line for line in done.output.splitlines() if line.strip().startswith("negated"))
    assert negated.split()[1:4] == ["0", "0%", "ok"], done.output


def test_repeating_a_one_sentence_answer_is_no_attack(tmp_path: Path, nlp: Language) -> None:
    """Said twice, a one-sentence model answer is the whole answer and earns its marks: the
    'repetition' attack had failed every short draft at 100%."""
    loaded = load_rubric(_vaccine_draft(tmp_path))
    audit = audit_question(loaded, loaded.rubric.questions[0].id, nlp=nlp)
    assert "repetition" not in {a.attack for a in audit.attacks}
    assert {"shuffled", "negated", "padding"} <= {a.attack for a in audit.attacks}


def test_learned_phrases_are_not_a_model_answer_and_nothing_to_attack_fails(
    tmp_path: Path,
) -> None:
    """A tuned rubric's learned concepts say how they were fitted ("Learned from 40 graded
    answers …"): the audit had attacked those notes strung together as an answer. A rubric
    with no note an answer would write is not audited, and that is no pass."""
    out = _vaccine_draft(tmp_path)
    text = out.read_text(encoding="utf-8")
    note = next(line for line in text.splitlines() if line.strip().startswith("note:"))
    learned = '        note: "Learned from 12 graded answers (9 high, 3 low of the 12 using it)."'
    out.write_text(text.replace(note, learned), encoding="utf-8")
    loaded = load_rubric(out)
    assert notes_model_answer(loaded, loaded.rubric.questions[0]) == ""
    done = CliRunner().invoke(main, ["rubric", "audit", str(out)])
    assert "not audited" in done.output and "nothing to attack" in done.output
    assert done.exit_code == 1, done.output


def test_tuning_is_not_blamed_when_nothing_was_audited_before() -> None:
    """Trial s42: the draft had been skipped ("no concept notes"), so the tuned rubric's failure
    was put down to tuning ("caused by tuning") though the draft had never been attacked."""
    from evaluator.tools.audit import AttackResult
    from evaluator.tools.tune.output import _audit_line

    shuffled_attack = AttackResult("shuffled", "words shuffled", 3.0, 0.75, [], False, 20)
    after = QuestionAudit("q", 4, 4.0, 0.35, [shuffled_attack], "", "tutor")
    before = QuestionAudit("q", 4, None, 0.35, [], "no concept note an answer would write")
    line = _audit_line("q", after, lambda: before, "")
    assert "FAIL" in line and "caused by tuning" not in line
    assert "not audited before tuning" in line


def _one_word_draft(tmp_path: Path) -> Path:
    out = tmp_path / "pigment" / "rubric.yaml"
    derived = CliRunner().invoke(
        main,
        [
            *("rubric", "derive", "--out", str(out), "--max-marks", "1", "--word-limit", "20"),
            *("--reference", "Chlorophyll"),
            *("--question", "Name the green pigment that absorbs light in a leaf."),
        ],
    )
    assert derived.exit_code == 0, derived.output
    return out


def test_an_attack_that_is_the_model_answer_itself_is_not_run(
    tmp_path: Path, nlp: Language
) -> None:
    """Trial s43: a one-word answer ("Chlorophyll") listed as keywords or shuffled is the same
    word, and its full marks failed the audit of every such question, so it could never pass."""
    out = _one_word_draft(tmp_path)
    loaded = load_rubric(out)
    audit = audit_question(loaded, loaded.rubric.questions[0].id, nlp=nlp)
    run = {a.attack for a in audit.attacks}
    assert {"keyword_list", "shuffled"} <= set(audit.unchanged)
    assert not run & set(audit.unchanged)
    shown = CliRunner().invoke(main, ["rubric", "audit", str(out)])
    assert "not run: keyword_list, shuffled" in shown.output, shown.output


def test_a_one_word_answer_is_denied_as_a_pupil_would_and_the_json_shows_each_attack(
    tmp_path: Path, nlp: Language
) -> None:
    """Trial s43: "It is not chlorophyll." earned marks, but the audit's negated attack left a
    one-word answer as it was; and no output showed what an attack had written."""
    out = _one_word_draft(tmp_path)
    loaded = load_rubric(out)
    audit = audit_question(loaded, loaded.rubric.questions[0].id, nlp=nlp)
    denied = next(a for a in audit.attacks if a.attack == "negated")
    assert denied.text == "Not chlorophyll."
    shown = CliRunner().invoke(main, ["rubric", "audit", str(out), "--json"])
    data = json.loads(shown.output[: shown.output.rindex("}") + 1])
    texts = {a["attack"]: a["text"] for a in data["questions"][0]["attacks"]}
    assert texts["negated"] == "Not chlorophyll."
    assert data["questions"][0]["unchanged"] == ["keyword_list", "shuffled"]
