"""The engine's settings: typed, validated models of the bundled data files
(``evaluator/data/*.yaml``), each read and checked once per process.

Like rubrics, the files are data, not code: thresholds, cue words and messages a maintainer can
tune without touching Python. The models say what each key means and reject unknown keys
(``extra="forbid"``), so a typo in a data file fails at the first use with the key's path
instead of silently falling back to nothing."""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from evaluator.resources import load_data

Words = list[str]


class Settings(BaseModel):
    """Base of the settings models: unknown keys are errors; loaded models are read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- advisories.yaml ------------------------------------------------------------------------


class EmptyAdvisory(Settings):
    """An empty answer."""

    cap: float = Field(0.0, ge=0, le=1, description="Marks cap, as a share of the maximum.")
    message: str = Field(description="What the learner is told.")


class NotEnglishAdvisory(Settings):
    """An answer in another language or script."""

    message: str = Field(description="What the learner is told ({language}, {script}).")
    latin_penalty_per_share: float = Field(
        2.0,
        ge=0,
        description=(
            "An answer in another language written in Latin letters (romanised Hindi) loses this "
            "many times its share of that language's words, as a share of the maximum: its "
            "English keywords would otherwise earn as an English answer does."
        ),
    )
    latin_max_penalty: float = Field(0.5, ge=0, le=1, description="At most this share.")


class TooShortAdvisory(Settings):
    """An answer well under the word limit."""

    below: float = Field(0.5, gt=0, description="Share of the word limit below which it fires.")
    message: str = Field(description="What the learner is told.")
    effect: str = Field(description="The effect line ({cap}: the share of the limit used).")


class OverLimitAdvisory(Settings):
    """An answer over the word limit."""

    above: float = Field(1.2, gt=1, description="Share of the word limit above which it fires.")
    bands: list[tuple[float, float | None, float]] = Field(
        description="[from share of the limit, cap or null, penalty]: the last band passed applies."
    )
    message: str = Field(description="What the learner is told.")


class OffTopicAdvisory(Settings):
    """An answer on another subject."""

    min_content_words: int = Field(12, ge=0, description="Content words before it can fire.")
    max_overlap: float = Field(
        0.30, description="Share of the answer's content words found in the question or notes."
    )
    max_concepts: int = Field(2, ge=0, description="Concepts it may earn and still be off topic.")
    shared_names: list[str] = Field(
        default_factory=lambda: ["India", "Indian", "Indians"],
        description=(
            "Names every answer of the exam shares: never a sign that an answer is on a topic "
            "(taken out of the subject names a rubric's title gives)."
        ),
    )
    words_per_subject_name: int = Field(
        200,
        ge=1,
        description=(
            "An answer that names its topic's subject less than once per this many words is off "
            "topic (one with no subject name at all, whatever its length)."
        ),
    )
    concept_names: int = Field(
        3,
        ge=1,
        description=(
            "An answer naming this many of the rubric's concepts by their own names (aliases "
            "the rubric writes with a capital letter: 'JIMEX', 'CEPA', 'Malabar'; not phrases "
            "such as 'strategic autonomy') is about the topic even if it never names the "
            "subject."
        ),
    )
    other_subject_mentions: int = Field(
        4,
        ge=1,
        description=(
            "An answer naming another country (``places`` in names.yaml) at least this many "
            "times..."
        ),
    )
    other_subject_ratio: float = Field(
        4.0,
        gt=0,
        description=(
            "...and this many times as often as its own subject is about that country, when its "
            "question names the subject (a Quad question need not name Japan)."
        ),
    )
    other_subject_alone: int = Field(
        3,
        ge=1,
        description=(
            "...or this many times when the answer never names its subject at all (an "
            "India-US 2+2 answer to an India-Japan question: 'US' three times, Japan never)."
        ),
    )
    cap: float = Field(0.10, ge=0, le=1, description="Marks cap, as a share of the maximum.")
    message: str = Field(description="What the learner is told.")
    short_other_words: int = Field(
        2,
        ge=1,
        description=(
            "A short answer whose only word on the topic (the one word a rubric term matches) "
            "shares its sentence with a name and this many content words in all that the "
            "question, its notes and the rubric never write, and that says nothing else on the "
            "topic, is off topic ('Akbar built a water tank' to a question on photosynthesis)."
        ),
    )
    short_cap: float = Field(
        0.0, ge=0, le=1, description="Marks cap of such a short answer, as a share of the maximum."
    )
    short_message: str = Field(
        "The answer shares only “{word}” with the question; the rest of it ({others}) is about "
        "something else: the question and its notes never name {names}. Answer the question "
        "that was asked.",
        description="What the learner is told when a short answer's one matching word is used "
        "about something else.",
    )
    other_subject_message: str = Field(
        "The answer is mostly about {other}: it names {other} (or its people or capital) "
        "{other_mentions} {other_mentions:time|times} and {subject} {mentions} "
        "{mentions:time|times} in {words} words. Answer the question that was asked.",
        description="What the learner is told when another country is the answer's subject.",
    )


StuffingReason = Literal["list", "links", "salad", "scrambled", "run"]
"""Why an answer reads as a list of keywords (``keyword_stuffing.reasons``)."""


class KeywordStuffingAdvisory(Settings):
    """A list of rubric terms instead of sentences that make claims."""

    min_terms: int = Field(6, description="Distinct rubric terms before the check applies.")
    table_min_reason_rows: int = Field(
        3,
        description=(
            "Rows under a table's column of reasons ('Why', 'Impact') that make its cells an "
            "argument laid out, not a bare list of terms."
        ),
    )
    list_sentence_terms: int = Field(5, description="Terms that make a sentence a list...")
    list_max_verb_rate: float = Field(0.05, description="...with at most this many verbs a word...")
    list_min_separators: int = Field(3, description="...at least this many separators...")
    list_separator_share: float = Field(
        0.6, gt=0, description="...or any verbs, with this many separators per word"
    )
    list_sentence_term_share: float = Field(
        0.45, description="...and this share of its words in rubric terms."
    )
    list_detail_share: float = Field(
        0.5,
        gt=0,
        description=(
            "A list whose items carry a detail (a bracketed gloss or a figure) at this share of "
            "its items or more is notes, not keywords ('JIMEX (navy, since 2012), Malabar')."
        ),
    )
    list_term_share: float = Field(0.4, description="Share of term hits in list sentences.")
    list_max_link_rate: float = Field(
        0.35,
        gt=0,
        description=(
            "...in an answer whose words relating terms stay below this rate per word: prose "
            "with one listing sentence ('conducts elections to the Lok Sabha, the Rajya Sabha, "
            "state assemblies and ...') runs near 0.45, a dump of keywords near 0."
        ),
    )
    max_link_rate: float = Field(
        0.1, description="Words relating terms (verbs, prepositions...) per word: below, a list..."
    )
    min_term_share: float = Field(0.3, description="...when this share of words are terms.")
    notes_min_lines: int = Field(
        8, description="Lines of an answer in note form (a layout, not a list of terms)..."
    )
    notes_min_words_per_line: float = Field(
        5.0, description="...of this many words each on average..."
    )
    notes_min_link_rate: float = Field(
        0.06, description="...that still relate their terms at this rate: no 'links' reason."
    )
    max_disorder: float = Field(0.02, description="Broken word order per word: word salad...")
    min_disorder_breaks: int = Field(
        2, ge=1, description="...when at least this many (one is a slip: 'the the')."
    )
    short_min_terms: int = Field(
        4, ge=1, description="A short answer is checked from this many distinct rubric terms..."
    )
    short_bare_run: int = Field(
        9,
        ge=2,
        description="...and is a list when this many words run with no function word between.",
    )
    short_step_directives: Words = Field(
        default_factory=list,
        description=(
            "Directives of a short question asking for a procedure ('Describe how to test a "
            "leaf for starch'): an answer to one listing its steps tersely ('Boil leaf, ethanol, "
            "iodine, blue-black'), within the word limit, each item naming a rubric term and no "
            "more items than the reference has steps (its sentences and clauses), is no list of "
            "keywords."
        ),
    )
    max_scrambled_share: float = Field(
        0.3, description="Share of sentences that start or break mid-sentence: word salad..."
    )
    min_scrambled_sentences: int = Field(3, description="...when at least this many do.")
    cap: float = Field(0.15, ge=0, le=1, description="Marks cap, as a share of the maximum.")
    message: str = Field(description="What the learner is told ({why}: the reasons that fired).")
    reasons: dict[StuffingReason, str] = Field(
        description=(
            "How each reason that fired is said in {why}, formatted with the measurements: "
            "list (bare lists), links (few linking words), salad (broken word order), "
            "scrambled (shuffled sentences), run (a long run of words with no function word)."
        )
    )


class FactListAdvisory(Settings):
    """A flat list of facts with no introduction, conclusion or claims: notes, not an answer."""

    min_points: int = Field(8, description="Bulleted or numbered points before it applies.")
    max_headings: int = Field(1, description="At most this many headings: one flat list.")
    min_bare_share: float = Field(
        0.6, description="Share of its sentences (lines) with no verb: names and dates."
    )
    cap: float = Field(0.4, description="Marks at most this share of the maximum.")
    message: str = Field(description="What the learner is told.")


class CopiedSourceAdvisory(Settings):
    """An answer that repeats the source notes word for word."""

    shingle: int = Field(8, ge=2, description="Words in a run shared with the source notes.")
    min_share: float = Field(0.25, description="Share of the answer's words in shared runs.")
    full_share: float = Field(
        0.35,
        description=(
            "Share at which the whole cap applies (half of the share not copied); between "
            "min_share and this it eases in, so one more copied word never costs marks at a jump."
        ),
    )
    min_words: int = Field(25, description="Copied words before it fires.")
    message: str = Field(description="What the learner is told.")
    effect: str = Field(description="The effect line ({cap}: the cap it sets).")


class RepetitionAdvisory(Settings):
    """An answer that says the same thing again."""

    min_sentence_words: int = Field(4, description="Shorter sentences are not compared.")
    near_duplicate: float = Field(0.8, description="Word-set overlap at which two are the same.")
    heavy_share: float = Field(0.3, description="Share of repeated sentences that sets a cap.")
    heavy_cap: float = Field(0.15, ge=0, le=1, description="The cap for heavy repetition.")
    light_repeats: int = Field(2, description="Repeated sentences that cost a penalty.")
    light_penalty: float = Field(0.10, ge=0, le=1, description="The penalty for them.")
    mattr_window: int = Field(50, ge=1, description="Window of the moving type/token ratio.")
    min_mattr: float = Field(0.5, description="Lexical diversity below which it is low.")
    min_words_for_mattr: int = Field(100, description="Words before diversity is measured.")
    diversity_penalty: float = Field(0.10, ge=0, le=1, description="Penalty for low diversity.")
    restated_new_words: int = Field(
        2,
        ge=1,
        description=(
            "A sentence adding fewer new content words than this (beyond the question and the "
            "earlier sentences) restates instead of making a point."
        ),
    )
    heavy_restated: float = Field(
        0.6, description="Share of restating sentences that sets the heavy-repetition cap."
    )
    min_restated_sentences: int = Field(
        5, description="Sentences an answer needs before the restating share is judged."
    )
    message: str = Field(description="What the learner is told.")


class UnreadableAdvisory(Settings):
    """Parts of the answer the input boundary replaced with U+FFFD (evaluator.scoring.inputs)."""

    message: str = Field(description="What the learner is told.")


class SpellingAdvisory(Settings):
    """Misspelt words that matching read as rubric terms (they earned credit: no effect)."""

    max_listed: int = Field(6, ge=1, description="Misspelt words named in the message.")
    message: str = Field(description="What the learner is told ({count}, {words}).")
    other_words: str = Field(description="Other misspelt words, alone ({other_count}, {others}).")
    other_words_also: str = Field(
        description="Other misspelt words, after the message ({other_count}, {others})."
    )


class OneSidedAdvisory(Settings):
    """An answer to a question that asks it to weigh both sides that gives only one."""

    directives: Words = Field(
        description="Directives that ask for both sides (the question's own or an extra one)."
    )
    min_markers: int = Field(
        2, ge=1, description="Fewer critical markers than this (``critical_markers``) is none."
    )
    lack_words: Words = Field(
        default_factory=list,
        description="Words that state a lack or a hurdle by themselves: one the answer does not "
        "deny is the other side.",
    )
    lack_denials: Words = Field(
        default_factory=list,
        description="Words right before a lack word that deny it ('no shortage of').",
    )
    deduction: float = Field(0.2, ge=0, le=1, description="Share of the answer's marks deducted.")
    message: str = Field(description="What the learner is told ({directive}).")


class MissingPartAdvisory(Settings):
    """An essay-marked answer that leaves out a part the question names (``Question.parts``)."""

    cap: float = Field(
        0.45, ge=0, le=1, description="Share of the maximum the marks are capped at."
    )
    min_dimension_score: float = Field(
        0.34,
        ge=0,
        le=1,
        description="A part's dimension scoring this much (of 1) takes the part up.",
    )
    min_new_words: int = Field(
        2,
        ge=0,
        description=(
            "Content words a sentence must add to the question's for its mention of a part to "
            "count: a sentence that only restates the question does not take the part up."
        ),
    )
    message: str = Field(description="What the learner is told ({parts}).")


class FactualErrorsAdvisory(Settings):
    """Statements of fact that contradict the source notes, in an answer marked as an essay."""

    per_fact: float = Field(
        0.1, ge=0, le=1, description="Share of the answer's marks deducted per wrong fact."
    )
    max_deduction: float = Field(
        0.5, ge=0, le=1, description="The largest share of its marks deducted in all."
    )
    message: str = Field(description="What the learner is told ({count}).")


class DisorderRules(Settings):
    """Word pairs that break English word order (a sign of shuffled keywords)."""

    determiners: Words
    prepositions: Words
    coordinators: Words
    cannot_follow_determiner: Words
    cannot_follow_preposition: Words
    cannot_follow_coordinator: Words
    cannot_end_sentence: Words
    capitalised_inside: Words
    """Function words that, capitalised after a word on the same line, show a sentence's first
    word moved inside it."""


class AdvisorySettings(Settings):
    """``advisories.yaml``: thresholds, effects and learner messages of every advisory."""

    empty: EmptyAdvisory
    not_english: NotEnglishAdvisory
    too_short: TooShortAdvisory
    over_limit: OverLimitAdvisory
    off_topic: OffTopicAdvisory
    keyword_stuffing: KeywordStuffingAdvisory
    fact_list: FactListAdvisory
    one_sided: OneSidedAdvisory
    missing_part: MissingPartAdvisory
    copied_source: CopiedSourceAdvisory
    repetition: RepetitionAdvisory
    factual_errors: FactualErrorsAdvisory
    unreadable: UnreadableAdvisory
    spelling: SpellingAdvisory
    function_words: Words = Field(description="Words left out of topic and overlap measures.")
    disorder: DisorderRules
    cap_unused: str = Field(
        default="(not binding here: the marks were already within it)",
        description="Added to the effect of a cap the marks were already under.",
    )

    def message_template(self, code: str) -> str:
        """The learner message template of the advisory ``code``."""
        advisory = getattr(self, code)
        return str(advisory.message)


# --- language.yaml --------------------------------------------------------------------------


class Script(Settings):
    """A writing system other than Latin."""

    name: str
    languages: str = Field(description="The languages a learner writing it likely means.")
    ranges: list[tuple[int, int]] = Field(description="Unicode code point ranges.")


class LanguageThresholds(Settings):
    """How the language check decides."""

    script_share: float = Field(0.3, description="Share of letters in another script: not English.")
    min_words: int = Field(15, description="Words the Latin-script check needs.")
    other_share: float = Field(0.12, description="Share of another language's function words.")


class LanguageSettings(Settings):
    """``language.yaml``: scripts and function words of the languages learners may write in."""

    scripts: list[Script]
    english_stopwords: Words
    other_languages: dict[str, Words]
    thresholds: LanguageThresholds


# --- negation.yaml --------------------------------------------------------------------------


class NegationSettings(Settings):
    """``negation.yaml``: the cues that deny a clause, and the ones that only look negative."""

    clause_negators: Words
    determiner_negators: Words
    negating_verbs: Words
    negating_prepositions: Words
    cancelling_verbs: Words = Field(
        default_factory=list,
        description=(
            "Verbs of dropping, sparing or doubting ('scrap', 'undermine', 'give up'): negated, "
            "they assert what they act on ('the dialogue was not scrapped'); plain, they negate "
            "nothing."
        ),
    )
    usage_verbs: Words = Field(
        default_factory=list,
        description=(
            "Verbs of using something ('the swap line has not been used'): negated, what they "
            "act on stays asserted."
        ),
    )
    revision_verbs: Words = Field(
        default_factory=list,
        description=(
            "Verbs of revising something that exists ('CEPA has not been reviewed'): negated, "
            "what they act on stays asserted, as with usage_verbs."
        ),
    )
    result_verbs: Words = Field(
        default_factory=list,
        description=(
            "Verbs (lemmas) of a result ('lead to', 'produce', 'boost'): negated with an object "
            "or complement, they deny the result, not their subject ('the nuclear deal has not "
            "led to reactor orders' says the deal exists)."
        ),
    )
    part_nouns: Words = Field(
        default_factory=list,
        description=(
            "Nouns of a part (lemmas: pillar, chapter, track): in a negated object, the whole "
            "an 'of' names is taken as given ('has not joined the trade pillar of IPEF')."
        ),
    )
    membership_nouns: Words = Field(
        default_factory=list,
        description=(
            "Nouns of belonging (lemmas: member, party, signatory): 'China is not a member of "
            "the SCRI' denies another country's membership, and takes the SCRI as given."
        ),
    )
    group_nouns: Words = Field(
        default_factory=list,
        description=(
            "Nouns of a named group's members besides membership_nouns (lemmas: country, "
            "nation): 'No free trade agreement binds the four Quad countries' takes them as given."
        ),
    )
    joining_verbs: Words = Field(
        default_factory=list,
        description=(
            "Verbs of joining (lemmas: join, sign): another country's negated joining ('The US "
            "did not join the SCRI') takes what it did not join as given."
        ),
    )
    confusing_verbs: Words = Field(
        default_factory=list,
        description=(
            "Verbs of confusing (lemmas: confuse, mistake): a negated one denies that two things "
            "are one, not that either exists; a denial point still takes the denial."
        ),
    )
    frame_prepositions: Words = Field(
        default_factory=list,
        description=(
            "Prepositions of a frame: a phrase with one that opens its clause before a comma is "
            "taken as given ('In the Quad, only India has no security treaty with the US')."
        ),
    )
    losing_verbs: Words = Field(
        default_factory=list,
        description=(
            "Verbs of losing or giving something up (lemmas; 'give up' as two words): a "
            "negating one ('lose') over a point whose claim writes one restates the point "
            "('The states lost their power to tax' of 'States gave up their power to tax')."
        ),
    )
    stance_loss_nouns: Words = Field(
        default_factory=list,
        description=(
            "Nouns of a stance one can lose ('lost interest in the AAGC', 'lost faith in the "
            "promise'): what the lost stance was towards is denied only for a point whose claim "
            "is a stake in it (stake_words), stated by one whose claim is doubt about it "
            "(doubt_words), and neither credited nor denied for any other point."
        ),
    )
    stance_loss_prepositions: Words = Field(
        default_factory=list,
        description=(
            "Prepositions that say what a lost stance was towards ('interest in', 'appetite "
            "for', 'patience with')."
        ),
    )
    stake_words: Words = Field(
        default_factory=list,
        description=(
            "Words of a point's claim (lower case, every form) that state a stake in its thing "
            "('which Japan claims', 'backed', 'financed'): a lost stance denies such a point."
        ),
    )
    doubt_words: Words = Field(
        default_factory=list,
        description=(
            "Words of a point's claim (lower case, every form) that state doubt, waning or a "
            "lack about its thing ('Doubts about the AAGC', 'stalled'): a lost stance states "
            "such a point."
        ),
    )
    ceding_verbs: Words = Field(
        default_factory=list,
        description=(
            "Negating verbs that pass what they act on to another (lemmas: lose): with 'to' "
            "('Japan lost the Kurils to the Soviet Union') the thing still exists, and nothing "
            "is negated."
        ),
    )
    hosting_verbs: Words = Field(
        default_factory=list,
        description=(
            "Verbs of hosting an event (lemmas: host): negated, they deny who hosted it, not "
            "that it took place ('Japan did not host the third 2+2')."
        ),
    )
    staging_verbs: Words = Field(
        default_factory=list,
        description=(
            "Verbs that stage an event (lemmas: hold, host): a negated one with a named place "
            "('Vostok was not held in the Senkaku Islands') denies the place, not the event."
        ),
    )
    role_nouns: Words = Field(
        default_factory=list,
        description=(
            "Nouns of what a subject makes or is in a field (lemmas: producer, manufacturer, "
            "hub): 'India is not yet a major semiconductor manufacturer' denies India the role "
            "and takes the semiconductors its modifiers name as given."
        ),
    )
    dependence_verbs: Words = Field(
        default_factory=list,
        description=(
            "Verbs of resting on something (lemmas: depend, rely): 'the bullet train does not "
            "depend on Chinese loans' denies the dependence and takes its subject as given."
        ),
    )
    conditional_hedges: Words = Field(
        default_factory=list,
        description=(
            "Adjectives of a forecast (unlikely, hard): 'Without a review of CEPA, the gap is "
            "unlikely to close' states a condition, and denies nothing."
        ),
    )
    absence_verbs: Words = Field(
        default_factory=list,
        description=(
            "Verbs of staying out or being kept out, with their particle ('stay out', 'keep "
            "away', 'exclude from'): negated or refused, they affirm the subject's part in what "
            "they name ('Japan has not stayed out of Malabar') and deny a point that is the "
            "staying out."
        ),
    )
    dropping_verbs: Words = Field(
        default_factory=list,
        description=(
            "Verbs of dropping or ending something (abandon, scrap, drop, give up): 'refused to "
            "abandon the bullet train' keeps it; 'refused to oppose' is no such double negative."
        ),
    )
    inequality_signs: Words = Field(
        default_factory=list,
        description=(
            "Signs written for 'is not' in notes ('Quad ≠ military alliance'): what follows one, "
            "up to a comma, colon, semicolon, bracket or the end of the claim, is denied; what "
            "stands before it is not."
        ),
    )
    restating_words: Words = Field(
        default_factory=list,
        description=(
            "Words that open a restatement (viz., i.e., namely): a clause right after one is a "
            "claim of its own, outside a negation before it."
        ),
    )
    stance_negators: Words = Field(
        default_factory=list,
        description=(
            "Words of a negating verb that is a stance (reject, rejected): they deny a denial "
            "or negative-claim point they name, and take any other point as given ('India and "
            "Japan reject China's unilateral moves')."
        ),
    )
    permitting_verbs: Words = Field(
        default_factory=list,
        description=(
            "Verbs of letting something happen (let, allow): negated over a verb of ending or "
            "failing ('Japan would not let the bullet train project fail') they keep what would "
            "have ended, as a refusal to drop it does."
        ),
    )
    fading_verbs: Words = Field(
        default_factory=list,
        description=(
            "Verbs of something ending or shrinking (vanish, fade, loosen): under 'will not' "
            "without an object ('China's hold on rare earths will not vanish soon') they say "
            "the subject stays, where 'connectivity will not grow' denies a prospect."
        ),
    )
    manner_adverbs: Words = Field(
        default_factory=list,
        description=(
            "Adverbs of how something went (well, smoothly): a negated verb they qualify "
            "('the Vostok participation did not go down well') takes its subject as given."
        ),
    )
    presupposing_prepositions: Words = Field(
        default_factory=list,
        description=(
            "Prepositions whose object a negated clause takes as given ('has not narrowed since "
            "CEPA', 'because of rigid labour laws'): the phrase is outside the negation."
        ),
    )
    place_prepositions: Words = Field(
        default_factory=list,
        description=(
            "Prepositions of place: under a negated noun predicate, the named place they "
            "introduce is taken as given ('are not claimants in the South China Sea')."
        ),
    )
    yet_to: Words
    pseudo_negations: list[Words]
    clause_boundaries: Words = Field(description="Dependency labels where a scope stops.")
    contrastive_coordinators: Words
    sentential_negators: list[Words]
    negative_predicates: Words
    partial_negation_adverbs: Words = Field(
        default_factory=list,
        description=(
            "Degree adverbs that make 'not' partial ('not fully utilised'): the claim states a "
            "shortfall of something that exists, so it negates nothing."
        ),
    )
    partial_negation_phrases: Words = Field(
        default_factory=list,
        description=(
            "Phrases of scale on a negated verb ('not moving in large numbers'): the claim "
            "states a shortfall of something that happens, so it negates nothing."
        ),
    )
    not_yet_predicates: Words = Field(
        default_factory=list,
        description=(
            "Verbs of running (lemmas) that a negation with 'yet' and no object leaves under way "
            "('the bullet train is not yet running')."
        ),
    )
    partial_negation_predicates: Words = Field(
        default_factory=list,
        description=(
            "Words of completion whose negation says a thing is under way ('the bullet train is "
            "not yet complete'): the claim negates nothing."
        ),
    )
    shortfall_qualifiers: Words = Field(
        default_factory=list,
        description=(
            "Adverbs that make a negation a shortfall still to be made good ('not yet bridged'): "
            "it still negates, but never denies a negative statement."
        ),
    )
    negating_adverbs_after_no: Words = Field(
        default_factory=list,
        description=(
            "Adverbs that turn a 'no' before them into a clause negation ('India no longer "
            "imports steel' denies the imports)."
        ),
    )
    presupposing_verbs: Words = Field(
        default_factory=list,
        description=(
            "Verbs (lemmas) of change or remedy: negated, they deny the change but not what it "
            "acts on ('the trade deficit has not been reduced' asserts the deficit)."
        ),
    )
    presupposing_nouns: Words = Field(
        default_factory=list,
        description=(
            "Nouns of change or remedy (lemmas): 'no reduction in the deficit' asserts the "
            "deficit; the noun's prepositional objects stay outside the negation."
        ),
    )
    neutral_change_nouns: Words = Field(
        default_factory=list,
        description=(
            "Nouns of change without a direction: negated, what they act on stays asserted "
            "whatever it is ('rejected any change of the status quo' upholds the status quo)."
        ),
    )
    partial_negation_comparatives: Words = Field(
        default_factory=list,
        description=(
            "Words opening a comparison of degree on the negated word ('has not grown as fast "
            "as promised'): the claim states a shortfall, so it negates nothing."
        ),
    )
    temporal_limits: Words = Field(
        default_factory=list,
        description=(
            "Words of a time limit ('until'): a negated clause with one ('not upgraded until "
            "2014') says when the event happened, so it negates nothing."
        ),
    )
    partial_quantifiers: Words = Field(
        default_factory=list,
        description=(
            "Quantifiers on a negated clause's object that take the negation to themselves "
            "('does not hold a 2+2 with many countries' says it holds one with a few)."
        ),
    )
    time_bound_prepositions: Words = Field(
        default_factory=list,
        description=(
            "Prepositions of a period ('in', 'during'): a negated clause bounded by one whose "
            "object is a year, a date or a period word ('no summit was held in 2020', 'during "
            "the pandemic') says what did not happen then, not that it never happens."
        ),
    )
    time_bound_periods: Words = Field(
        default_factory=list,
        description=(
            "Nouns (lemmas) of a period that bound a negated clause as a date does "
            "('pandemic', 'year')."
        ),
    )
    partial_negation_modifiers: Words = Field(
        default_factory=list,
        description=(
            "Adjectives on a negated noun predicate that take the negation to themselves ('is "
            "not a new concern'): the claim is asserted."
        ),
    )
    exclusive_modifiers: Words = Field(
        default_factory=list,
        description=(
            "Modifiers of a negated noun that make an exclusive claim ('no country other than "
            "Japan'): the claim is asserted."
        ),
    )
    privative_predicates: Words = Field(
        default_factory=list,
        description=(
            "Adjectives that already negate ('immune', 'devoid'): a negation over one cancels "
            "out ('not immune to the China factor')."
        ),
    )
    comparison_verbs: Words = Field(
        default_factory=list,
        description=(
            "Verbs (lemmas, or 'lemma object/particle') that compare two things ('has not "
            "matched the pledge', 'keep pace'): negated, both things compared stay asserted."
        ),
    )
    linking_verbs: Words = Field(
        default_factory=list,
        description=(
            "Copulas (lemmas): 'X is not <adjective>' keeps its subject asserted unless the "
            "adjective is an existence predicate."
        ),
    )
    stance_verbs: Words = Field(
        default_factory=list,
        description=(
            "Verbs (lemmas) of a stance towards something ('does not recognise the zone'): "
            "negated, what the object names is neither credited nor denied, unless the "
            "concept names the stance too."
        ),
    )
    obligation_verbs: Words = Field(
        default_factory=list,
        description=(
            "Verbs (lemmas) of obliging someone to act ('does not compel states to transfer the "
            "subjects'): negated, they deny the duty, not what the duty is about, as for "
            "stance_verbs."
        ),
    )
    stance_nouns: Words = Field(
        default_factory=list,
        description=(
            "Nouns (lemmas) of a stance as a predicate ('Japan is not a fan of …'): negated, what "
            "their 'of' phrase names is neither credited nor denied, as for stance_verbs."
        ),
    )
    correcting_subjects: Words = Field(
        default_factory=list,
        description=(
            "Pronouns that open a correction after a semicolon, colon or dash ('Dharma Guardian "
            "is not held at sea; it is a land exercise'): the negated clause's subject stays "
            "asserted."
        ),
    )
    ranking_verbs: Words = Field(
        default_factory=list,
        description=(
            "Verbs (lemmas) of a rank given in a correction ('Japan is not India's largest "
            "investor; it ranks fifth'): the corrected noun ('investor') stays asserted, its "
            "denied qualifier ('largest') negated."
        ),
    )
    reporting_verbs: Words = Field(
        default_factory=list,
        description=(
            "Verbs (lemmas) that report another's claim ('Critics say ...'): a report the "
            "sentence goes on to refute (refuting_words after it) states nothing of the writer's."
        ),
    )
    reporting_nouns: Words = Field(
        default_factory=list,
        description=(
            "Nouns (lemmas) that hold another's claim in a 'that' clause ('The claim that ... is "
            "wrong'): refuted by a refuting word after the clause other than a conjunction."
        ),
    )
    refuting_words: Words = Field(
        default_factory=list,
        description=(
            "Words after a reported claim that refute it ('..., but', '..., which is wrong')."
        ),
    )
    attachment_verbs: Words = Field(
        default_factory=list,
        description=(
            "Verbs (lemmas) that attach the subject to something ('not tied to political "
            "conditions'): negated with a preposition, the subject stays asserted."
        ),
    )
    existence_predicates: Words = Field(
        default_factory=list,
        description=(
            "Adjectives whose negation denies the subject itself ('the deficit is not real', "
            "'is not significant'): the whole clause stays negated."
        ),
    )


# --- quantities.yaml ------------------------------------------------------------------------


class QuantitySettings(Settings):
    """``quantities.yaml``: how answers write numbers, money, percentages and ordinals."""

    number_words: dict[str, int]
    hundreds: dict[str, int]
    scales: dict[str, float]
    scale_names: dict[str, float] = Field(description="Canonical scales of ExpectedValue.scale.")
    currency_prefixes: dict[str, str]
    currency_suffixes: dict[str, str]
    percent_words: Words
    fractions: dict[str, float] = Field(
        default_factory=dict,
        description=(
            "Fractions as percents ('half of', 'two-thirds of'): an approximate percent, wrong "
            "only further than fraction_slack points from a percent fact, never a support."
        ),
    )
    fraction_slack: float = Field(5, ge=0, description="Points a fraction may be off a percent.")
    share_slack: float = Field(
        0.5,
        ge=0,
        description=(
            "Points by which a share written another way ('75%', 'three quarters', '3/4') may "
            "differ from a cue that is a share ('three-fourths') and still match it."
        ),
    )
    rates_per_usd: dict[str, tuple[float, float]] = Field(
        default_factory=dict,
        description=(
            "Units of a currency per US dollar, lowest and highest over the years an answer may "
            "cite: a sum in another currency is wrong only when no rate in the range makes it "
            "right ('Rs 75 lakh crore' of a US$75 billion swap), and is never supported."
        ),
    )
    ordinals: dict[str, int]
    numbered_name_fillers: Words = Field(
        default_factory=list,
        description=(
            "Words of a numbered name that answers leave out ('constitutional' and 'act' of 'the "
            "73rd Constitutional Amendment Act', written 'the 73rd Amendment'): `rubric derive` "
            "cues the name without them too, its number always kept."
        ),
    )
    superlatives: Words = Field(
        description="Superlatives read as rank 1 by facts that ask for it ('the largest')."
    )
    year_range: tuple[int, int] = Field(description="Bare numbers in this range are years.")
    events: dict[str, Words] = Field(
        default_factory=dict,
        description=(
            "Milestones a dated fact may name (negotiated, signed, in force), in the order they "
            "happen, each as word forms: a year dating another milestone than the claim's is "
            "wrong only when it breaks that order."
        ),
    )
    event_nouns: Words = Field(
        default_factory=list,
        description=(
            "Nouns naming an event a year dates ('the signing of ACSA in 2018'): a subject "
            "that names one states the year of its fact, whatever the clause's verb does."
        ),
    )
    change_words: Words = Field(
        default_factory=list,
        description=(
            "Verbs of a change made to a thing ('upgraded', 'replaced'): a year of such a "
            "clause dates what the thing became, not the thing changed."
        ),
    )
    life_events: frozenset[str] = Field(
        default_factory=frozenset,
        description="Verbs of a life's events ('died'): their year is not a fact's beside them.",
    )
    correction_words: frozenset[str] = Field(
        default_factory=frozenset,
        description=(
            "Words that correct a value with a later one of the same sentence ('… in 2018; "
            "it was signed in 2020', 'some say 1968, but it actually began in 1958'): the "
            "earlier value is not stated as the fact's."
        ),
    )
    disowning_adverbs: frozenset[str] = Field(
        default_factory=frozenset,
        description=(
            "Adverbs by which a writer disowns what a clause reports ('some textbooks wrongly "
            "say …'): a value under them is not stated as the writer's."
        ),
    )
    deciding_verbs: frozenset[str] = Field(
        default_factory=frozenset,
        description=(
            "Verbs whose 'that' clause says what their subject decides ('the Finance Commission "
            "recommended that 41% go to the states'): a value there is the subject's."
        ),
    )
    anniversary_verbs: frozenset[str] = Field(
        default_factory=frozenset,
        description=(
            "Verbs that keep an anniversary ('celebrated 70 years of the treaty', 'turned ten'): "
            "with a count of years, their year is not the fact's."
        ),
    )
    anniversary_nouns: frozenset[str] = Field(
        default_factory=frozenset,
        description="Nouns of an anniversary ('the 70th anniversary of ties in 2022').",
    )
    successor_words: frozenset[str] = Field(
        default_factory=frozenset,
        description="Words marking a successor ('a new declaration'): not the old one's year.",
    )
    founding_abbreviations: frozenset[str] = Field(
        default_factory=frozenset,
        description=(
            "Abbreviations of 'established' written before a year ('est. 2019', 'estd. 2017'; "
            "lower case, no full stop): never the name of another subject."
        ),
    )
    idiom_objects: frozenset[str] = Field(
        default_factory=frozenset,
        description=(
            "A verb's lemma and the object that is part of it ('take place', 'take effect'): "
            "a year of such a clause dates its subject, not another thing done to the object."
        ),
    )
    predecessor_words: frozenset[str] = Field(
        default_factory=frozenset,
        description=(
            "Words marking a predecessor ('Japan's first National Security Strategy'): its "
            "year is not the claim's, unless the claim names the word."
        ),
    )
    start_words: Words = Field(
        default_factory=list,
        description=(
            "Words dating a beginning: a fact whose claim says 'began' or 'since' is contradicted "
            "only by a year stated as a beginning."
        ),
    )
    reference_words: frozenset[str] = Field(
        default_factory=frozenset,
        description=(
            "Prepositions of a time counted from another event ('two years after the first "
            "2+2', 'long before X', 'since X'): a cue only inside one is a reference point, "
            "and a year outside the phrase is not its year."
        ),
    )


# --- structure.yaml -------------------------------------------------------------------------


class StructureWeights(Settings):
    """Weight of each structure component in the structure score."""

    paragraphs: float = 0.15
    introduction: float = 0.15
    conclusion: float = 0.15
    points_or_headings: float = 0.10
    word_budget: float = 0.15
    directive: float = 0.30


class WordBudget(Settings):
    """Word-budget bands, as shares of the word limit."""

    too_short: float = 0.5
    short: float = 0.8
    over_limit: float = 1.2
    substance_for_full_structure: float = Field(
        0.4, description="Content score an answer needs before its structure earns in full."
    )


class StructureFeedback(Settings):
    """Learner feedback on the answer's shape (str.format templates)."""

    introduction: str = Field(description="No introduction.")
    paragraphs: str = Field(description="Too few paragraphs ({min_paragraphs}, {units}).")
    points_or_headings: str = Field(description="No points or headings.")
    conclusion: str = Field(description="No conclusion.")
    too_short: str = Field(description="Under half the word limit ({words}, {limit}).")
    too_short_one_word: str = Field(
        description="The same for an answer of one word ({limit}): 'At 1 word', not 'At 1 words'."
    )
    short: str = Field(description="Room for more points ({words}, {limit}).")
    over_limit: str = Field(description="Over the word limit ({words}, {over}, {limit}).")


class StructureSettings(Settings):
    """``structure.yaml``: structure markers, what each directive asks for, weights, budget."""

    introduction_markers: Words
    conclusion_markers: Words
    closing_modal_markers: Words = Field(
        default_factory=list,
        description="Forward-looking words that make a short prose last paragraph a conclusion.",
    )
    closing_openers: Words = Field(
        default_factory=list,
        description=(
            "Words that, opening a short prose last paragraph, sum up ('So', 'In short'): such a "
            "paragraph is a conclusion too."
        ),
    )
    closing_labels: Words = Field(
        default_factory=list,
        description=(
            "Labels that, opening a line of the last paragraphs ('Assessment', 'Judgement:'), "
            "head a conclusion; anywhere else in a line they close nothing ('a threat "
            "assessment')."
        ),
    )
    judgement_markers: Words
    critical_markers: Words
    position_markers: Words
    reason_markers: Words
    given_after_auxiliary: Words = Field(
        default_factory=list,
        description="Words after which 'given' is a verb ('has given aid'), not a reason.",
    )
    since_of_time: Words = Field(
        default_factory=list,
        description=(
            "Words after which 'since' dates something instead of giving a reason ('since "
            "then', 'since independence'); a number after it ('since 1958') always does."
        ),
    )
    reason_columns: Words = Field(
        default_factory=list,
        description=(
            "Headings of a table column that gives reasons or effects ('Effect', 'Impact', "
            "'Why'): each row of such a markdown table gives one reason."
        ),
    )
    reason_arrows: Words = Field(
        default_factory=list,
        description="Arrows that link a cause to its effect ('A -> B'): each gives one reason.",
    )
    proposal_markers: Words
    directives: dict[str, Words] = Field(description="Directive -> the elements it asks for.")
    directive_feedback: dict[str, str] = Field(description="Element -> advice when it is missing.")
    feedback: StructureFeedback
    weights: StructureWeights
    budget: WordBudget


# --- feedback.yaml --------------------------------------------------------------------------


class FeedbackSettings(Settings):
    """``feedback.yaml``: the wording of the ranked next steps and the examiner's comment."""

    shown: int = Field(5, ge=1, le=10, description="Next steps shown before 'more'.")
    label_chars: int = Field(
        80, ge=20, description="Longest label or note quoted in a step (cut at a word, with '…')."
    )
    steps: dict[str, str] = Field(description="Step kind -> its wording ({label}, {dimension}...).")
    comment: dict[str, str] = Field(description="The comment's sentences, by role.")
    directive_asks: dict[str, str] = Field(
        description="Directive -> what it asks, in plain words ('default' for the rest)."
    )
    name_continuations: Words = Field(
        default_factory=list,
        description="Words that go on with a name's own phrase ('of' in 'the Committee of 1957'):"
        " a right fact whose claim goes on so after its quoted name is told whole.",
    )
    clause_breaks: Words = Field(
        default_factory=list,
        description="Where a claim of the notes goes on to another clause (', and '): a right"
        " fact told beside its quoted word ends with the clause that holds its checked value.",
    )
    more_clause_breaks: Words = Field(
        default_factory=list,
        description="Where else a claim goes on (a new sentence, ', which '), since compact"
        " format 27: a right fact's claim ends there too, on a line of its own as beside a word.",
    )
    second_verbs: Words = Field(
        default_factory=list,
        description="Verbs that open a second predicate after ' and ' ('… passed in 1992 and came"
        " into force …'; any word in -ed does too), since compact format 27.",
    )


# --- substance.yaml -------------------------------------------------------------------------


class SubstanceSettings(Settings):
    """``substance.yaml``: when a sentence says something about a concept beyond the question."""

    min_own_words: int = Field(
        3,
        ge=1,
        description=(
            "Distinct content lemmas of its own (outside the question and the concept's terms) "
            "that make a sentence say something without a rubric term or a number."
        ),
    )


# --- audit.yaml -----------------------------------------------------------------------------


class AuditSettings(Settings):
    """``audit.yaml``: the texts the rubric audit attacks with."""

    off_topic: str = Field(description="A fluent answer on another subject.")
    injection: str = Field(description="Prompt-injection text.")
    filler: Words = Field(description="Padding sentences.")


# --- lexicon.yaml ---------------------------------------------------------------------------


class LexiconSettings(Settings):
    """Word forms matching treats as one word (see :mod:`evaluator.nlp.lexicon`)."""

    spelling: dict[str, str] = Field(description="British spelling -> American spelling.")
    ise_min_length: int = Field(
        7, ge=4, description="Shortest unlisted word whose -ise/-isation ending becomes -ize."
    )
    ise_keep: Words = Field(default_factory=list, description="Words whose -ise is not British.")
    known_words: Words = Field(
        default_factory=list,
        description="Words missing from the English word list that are no misspellings.",
    )
    meaning_words: Words = Field(
        default_factory=list,
        description=(
            "Stop words that carry a short answer's point ('same', 'more'): a reference "
            "answer's cue groups keep them."
        ),
    )
    fixed_expressions: Words = Field(
        default_factory=list,
        description=(
            "Set phrases whose words are no rubric cue ('on balance': the verdict, not a "
            "balance of power), written in lower case."
        ),
    )
    abbreviations: dict[str, str] = Field(
        default_factory=dict,
        description=(
            "Abbreviations with a full stop that ends no sentence ('approx.', 'incl.'), each "
            "with the word it stands for: the tokenizer keeps each as one word."
        ),
    )
    open_abbreviations: Words = Field(
        default_factory=list,
        description=(
            "Abbreviations a sentence always goes on after ('approx.', 'incl.'): no sentence "
            "starts after them."
        ),
    )
    list_markers: Words = Field(
        default_factory=list,
        description=(
            "Ordinal words that open a sentence as a list marker ('Second, ...'): there they "
            "are no rubric cue (no 'second partner'), written in lower case."
        ),
    )
    other_verbs: Words = Field(
        default_factory=list,
        description=(
            "Words whose verb means another thing than their noun ('deal with China' handles "
            "it; 'a deal' is an agreement): used as a verb they are no rubric cue (lemmas)."
        ),
    )
    bullets: Words = Field(
        default_factory=list,
        description=(
            "Marks that open a point ('-', '•', '➢'): the pipeline keeps one in its point's "
            "sentence, the structure check counts the point, a fact's message quotes the point "
            "without it."
        ),
    )
    bullet_signs: Words = Field(
        default_factory=list,
        description=(
            "Of the bullets, the signs written for nothing else ('•', '▪', '➢'): the parser reads "
            "each as it reads a hyphen."
        ),
    )


class NamesSettings(Settings):
    """``names.yaml``: names written more than one way (for the synonyms of derived drafts), and
    the places whose possessive owns a cue word (matching)."""

    synonyms: list[Words] = Field(description="Groups of names that mean the same thing.")
    places: list[Words] = Field(
        default_factory=list,
        description=(
            "Other countries, each a group of its name, people and capital (lower case): "
            "written as the owner of a common noun ('China's ports', 'Chinese investment') one "
            "makes it that country's, and an answer naming one far more often than its subject "
            "is about that country."
        ),
    )
    waters: Words = Field(
        default_factory=list,
        description=(
            "Words that make a place word before them part of a body of water's name (lower "
            "case): 'the South China Sea' names a sea, not China, when an answer is counted "
            "for the country it is about."
        ),
    )
    home_places: list[Words] = Field(
        default_factory=list,
        description=(
            "A country's other names (capital, native name; lower case), for the subject of a "
            "rubric whose title names the country: a fact stated of 'Tokyo and New Delhi' is "
            "stated of Japan and India."
        ),
    )
    perspective: Words = Field(
        default_factory=list,
        description=(
            "The country every answer is written from (lower case): a compact named with a "
            "home partner other than these ('CEPAs with Japan and South Korea') is the "
            "subject's, whatever other partner is named beside it."
        ),
    )
    standing_bodies: Words = Field(
        default_factory=list,
        description=(
            "Bodies of the state that answers on any topic name (lower case): `rubric derive` "
            "never makes one a point's own name (an alias that alone earns it), however few "
            "points of the notes write it."
        ),
    )
    agreement_nouns: Words = Field(
        default_factory=list,
        description=(
            "Nouns of a compact between parties (lemmas): such a cue belongs to the parties an "
            "answer names for it, asserted as well as denied ('India has a free trade agreement "
            "with ASEAN' earns nothing of the India-Japan CEPA)."
        ),
    )
    party_verbs: Words = Field(
        default_factory=list,
        description=(
            "Verbs (lemmas) whose object is who takes part in their subject, an exercise or a "
            "meeting; a second word is a particle the verb must have ('bring together'): "
            "'Dharma Guardian brings together the navies' gives it the navies."
        ),
    )
    route_verbs: Words = Field(
        default_factory=list,
        description=(
            "Verbs (lemmas) after which a line names its ends, as objects or after to/from: "
            "'The bullet train runs from Delhi to Ahmedabad' gives the line ends the notes "
            "do not (a name fact whose display is two ends joined by a dash)."
        ),
    )
    route_gap: Words = Field(
        default_factory=list,
        description=(
            "Words (lemmas) that may stand between a line's cue and its ends, besides "
            "auxiliaries and adverbs ('is expected to link')."
        ),
    )
    route_others: Words = Field(
        default_factory=list,
        description=(
            "Words before a line's cue that make it another line ('another bullet train', "
            "'a proposed bullet train'): its ends are not read."
        ),
    )
    route_unstated: Words = Field(
        default_factory=list,
        description=(
            "Verbs (lemmas) whose object is no line in service ('India plans a bullet train "
            "from Delhi to Varanasi'): its ends are not read."
        ),
    )
    body_nouns: Words = Field(
        default_factory=list,
        description=(
            "Nouns that make a capitalised name a body of its own (lemmas): a cue word that is "
            "only a modifier in such a name ('the GST Council', 'the Finance Commission') names "
            "another body and earns the point nothing there, unless the noun is the point's own "
            "or a country owns the body ('the Japan Coast Guard')."
        ),
    )
    role_verbs: Words = Field(
        default_factory=list,
        description=(
            "Verbs of holding a role over a body (lemmas): a point saying who does it ('The "
            "Union Finance Minister chairs the Council') drafts a fact of the holder, which "
            "another holder given the role contradicts ('The Prime Minister chairs the GST "
            "Council')."
        ),
    )
    role_nouns: Words = Field(
        default_factory=list,
        description=(
            "Nouns of an office (lemmas): a holder whose last word (or word before 'of') is one "
            "is an office, compared only with an office ('Prime Minister' with 'Union Finance "
            "Minister'), never with a person's name ('Nirmala Sitharaman')."
        ),
    )


class FormulaSettings(Settings):
    """``formulas.yaml``: substances a science answer names by formula or abbreviation (for the
    synonyms of derived drafts)."""

    formulas: list[Words] = Field(
        description=(
            "Groups of a substance's name and its formulas or standard abbreviations ('carbon "
            "dioxide', 'CO2'), the name first; only forms that name nothing else."
        )
    )
    not_before: Words = Field(
        default_factory=list,
        description=(
            "Words (lower case) after which a name names another thing ('hydrogen peroxide', "
            "'oxygen atoms'), as any word ending in -ide does: no formula's name there."
        ),
    )


# --- loading --------------------------------------------------------------------------------


@cache
def advisory_settings() -> AdvisorySettings:
    """``advisories.yaml``, validated (once per process)."""
    return AdvisorySettings.model_validate(load_data("advisories.yaml"))


@cache
def language_settings() -> LanguageSettings:
    """``language.yaml``, validated (once per process)."""
    return LanguageSettings.model_validate(load_data("language.yaml"))


@cache
def negation_settings() -> NegationSettings:
    """``negation.yaml``, validated (once per process)."""
    return NegationSettings.model_validate(load_data("negation.yaml"))


@cache
def quantity_settings() -> QuantitySettings:
    """``quantities.yaml``, validated (once per process)."""
    return QuantitySettings.model_validate(load_data("quantities.yaml"))


@cache
def structure_settings() -> StructureSettings:
    """``structure.yaml``, validated (once per process)."""
    return StructureSettings.model_validate(load_data("structure.yaml"))


@cache
def feedback_settings() -> FeedbackSettings:
    """``feedback.yaml``, validated (once per process)."""
    return FeedbackSettings.model_validate(load_data("feedback.yaml"))


@cache
def substance_settings() -> SubstanceSettings:
    """``substance.yaml``, validated (once per process)."""
    return SubstanceSettings.model_validate(load_data("substance.yaml"))


@cache
def audit_settings() -> AuditSettings:
    """``audit.yaml``, validated (once per process)."""
    return AuditSettings.model_validate(load_data("audit.yaml"))


@cache
def lexicon_settings() -> LexiconSettings:
    """``lexicon.yaml``, validated (once per process)."""
    return LexiconSettings.model_validate(load_data("lexicon.yaml"))


@cache
def names_settings() -> NamesSettings:
    """``names.yaml``, validated (once per process)."""
    return NamesSettings.model_validate(load_data("names.yaml"))


@cache
def formula_settings() -> FormulaSettings:
    """``formulas.yaml``, validated (once per process)."""
    return FormulaSettings.model_validate(load_data("formulas.yaml"))
