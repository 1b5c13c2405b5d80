"""Topic relevance: on-topic generic prose earns a little, another subject earns nothing."""

from __future__ import annotations

import json

from evaluator.scoring.checks import relevance as relevance_module
from evaluator.scoring.checks.relevance import asserted_factor, relevance, topic_lemmas
from evaluator.scoring.checks.subject import subject_names
from evaluator.scoring.engine import evaluate

ON_TOPIC = (
    "India and Japan are two Asian democracies whose partnership has grown steadily. Their "
    "ministers meet often to discuss security, trade, technology and the wider region. Both "
    "want a stable and open Indo-Pacific and work together in many forums."
)
OTHER_SUBJECT = (
    "Photosynthesis converts light energy into chemical energy. Chlorophyll in the leaves "
    "absorbs sunlight, water is split and carbon dioxide is fixed into sugars by enzymes in "
    "the stroma, releasing oxygen as a by-product."
)


def test_on_topic_prose_is_relevant(nlp, india_japan):
    vocabulary = topic_lemmas(india_japan, nlp)
    found = relevance(nlp(ON_TOPIC), vocabulary, word_count=150, word_limit=250)
    assert found.share > 0.75
    assert found.score == 1.0


def test_another_subject_is_not(nlp, india_japan):
    vocabulary = topic_lemmas(india_japan, nlp)
    found = relevance(nlp(OTHER_SUBJECT), vocabulary, word_count=150, word_limit=250)
    assert found.share < 0.35
    assert found.score == 0.0


def test_short_answers_earn_relevance_in_proportion(nlp, india_japan):
    vocabulary = topic_lemmas(india_japan, nlp)
    found = relevance(nlp(ON_TOPIC), vocabulary, word_count=50, word_limit=250)
    assert found.score == 0.4


def test_relevance_feeds_the_marks(india_japan):
    on_topic = evaluate(ON_TOPIC, india_japan, "2plus2-significance")
    other = evaluate(OTHER_SUBJECT, india_japan, "2plus2-significance")
    assert on_topic.arithmetic.relevance > 0
    assert other.arithmetic.relevance == 0
    assert other.marks == 0


def test_the_topic_vocabulary_is_kept_on_disk_for_the_next_process(
    nlp, india_japan, tmp_path, monkeypatch
):
    monkeypatch.setenv("MAINS_EVAL_CACHE_DIR", str(tmp_path))
    relevance_module._vocabularies.clear()  # as in a new process
    try:
        built = topic_lemmas(india_japan, nlp)
        (stored,) = tmp_path.rglob("*.json")
        assert json.loads(stored.read_text(encoding="utf-8")) == sorted(built)

        # a corrupt file is ignored and rewritten
        stored.write_text("{half a file", encoding="utf-8")
        relevance_module._vocabularies.clear()
        assert topic_lemmas(india_japan, nlp) == built
        assert json.loads(stored.read_text(encoding="utf-8")) == sorted(built)

        # what is stored is what the next process uses, without parsing the rubric again
        stored.write_text(json.dumps(["sentinel"]), encoding="utf-8")
        relevance_module._vocabularies.clear()
        assert topic_lemmas(india_japan, nlp) == {"sentinel"}
    finally:
        relevance_module._vocabularies.clear()


def test_an_empty_cache_setting_turns_the_disk_cache_off(nlp, india_japan, tmp_path, monkeypatch):
    monkeypatch.setenv("MAINS_EVAL_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    relevance_module._vocabularies.clear()
    try:
        assert topic_lemmas(india_japan, nlp)
        assert list(tmp_path.rglob("*.json")) == []
    finally:
        relevance_module._vocabularies.clear()


ANOTHER_COUNTRY = (
    "India and Nepal share an open border, the 1950 treaty and ties of religion and marriage. "
    "Gorkha regiments serve in the Indian Army, and the Motihari-Amlekhgunj pipeline carries "
    "fuel. The 2020 map dispute over Kalapani and Lipulekh and China's projects breed mistrust; "
    "trade, connectivity and hydropower can restore trust between the two neighbours."
)
GENERIC = (
    "Economic relations between the two countries have grown, but trade and investment are "
    "still below their potential. Policies, procedures and delays hold businesses back; both "
    "governments should reduce barriers and encourage investment for growth and jobs."
)


def test_an_answer_about_another_country_earns_no_relevance(nlp, india_japan):
    # shares trade, border, treaty and connectivity with the topic, but never names Japan
    vocabulary = topic_lemmas(india_japan, nlp)
    subject = subject_names(india_japan)
    found = relevance(nlp(ANOTHER_COUNTRY), vocabulary, 150, 250, subject)
    assert found.share > 0.35  # the vocabulary alone would earn credit
    assert found.score == 0.0
    with_japan = ANOTHER_COUNTRY.replace("India and Nepal", "India, Japan and Nepal")
    assert relevance(nlp(with_japan), vocabulary, 150, 250, subject).score > 0


def test_a_generic_answer_naming_nobody_keeps_its_relevance(nlp, india_japan):
    vocabulary = topic_lemmas(india_japan, nlp)
    subject = subject_names(india_japan)
    plain = relevance(nlp(GENERIC), vocabulary, 150, 250)
    assert plain.score > 0
    assert relevance(nlp(GENERIC), vocabulary, 150, 250, subject) == plain


ASSERTED = (
    "India and Japan are both members of the Quad and hold a 2+2 dialogue of their foreign and "
    "defence ministers. Their navies exercise together in JIMEX and Malabar, and Japan has long "
    "been the largest bilateral donor of development aid to India."
)
DENIED = (
    "India and Japan are not members of the Quad and hold no 2+2 dialogue of their foreign and "
    "defence ministers. Their navies never exercise together in JIMEX or Malabar, and Japan has "
    "never been a donor of development aid to India."
)


def test_an_answer_denying_every_point_earns_no_relevance_credit(india_japan):
    # the same topic words as a true answer, but every point it names is denied: an examiner gives
    # nothing for being on the topic while getting it all wrong
    asserted = evaluate(ASSERTED, india_japan, "2plus2-significance")
    denied = evaluate(DENIED, india_japan, "2plus2-significance")
    touched = [c for c in denied.concepts if c.status != "missing"]
    assert touched and all(c.status == "negated" for c in touched)
    assert asserted.arithmetic.relevance > 0.3  # a short answer: the length factor is 0.34
    assert denied.arithmetic.relevance == 0
    assert denied.marks < asserted.marks


def test_one_true_denial_among_asserted_points_keeps_the_relevance_credit(nlp, india_japan):
    text = ASSERTED + " India has not joined the RCEP trade bloc, which Japan has."
    honest = evaluate(text, india_japan, "2plus2-significance")
    assert any(c.status == "covered" for c in honest.concepts)
    on_topic = relevance(
        nlp(text),
        topic_lemmas(india_japan, nlp),
        honest.word_count,
        250,
        subject_names(india_japan),
    )
    assert on_topic.score > 0
    assert honest.arithmetic.relevance == on_topic.score


def test_relevance_falls_in_proportion_once_most_points_are_denied():
    assert asserted_factor(["covered", "partial", "missing", "negated"]) == 1.0
    assert asserted_factor(["covered", "negated", "negated", "contradicted"]) == 0.5
    assert asserted_factor(["negated", "contradicted"]) == 0.0
    assert asserted_factor(["missing", "missing"]) == 1.0  # nothing touched, nothing denied
