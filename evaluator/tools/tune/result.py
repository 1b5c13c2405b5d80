"""What `rubric tune` reports: how each concept was tuned, the agreement before and after, and
the verdict on whether the tuned rubric is worth keeping."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from evaluator.rubric.loader import LoadedRubric
from evaluator.rubric.model import Rubric
from evaluator.text import plural
from evaluator.tools.agreement import (
    BOOTSTRAP_RESAMPLES,
    Agreement,
    Gap,
    agreement,
    format_table,
    qwk_gap,
)
from evaluator.tools.tune.keep import agrees_better
from evaluator.tools.tune.linear import LinearShortTuner
from evaluator.tools.tune.model import AnswerFeatures, RubricWeightTuner
from evaluator.tools.tune.phrases import LearnedPhrase

__all__ = ["ConceptTuning", "Notice", "TuningResult", "concept_stats", "format_metric"]


_LOWERED = "weight lowered as far as one tuning goes"
"""What a concept the fit gives no weight gets: its weight falls by the most one tuning moves
it (halved), not to the rubric's minimum (trial 28a: "weight to the minimum" beside 1 -> 0.5)."""


@dataclass(frozen=True)
class ConceptTuning:
    """How one concept behaved in the graded set and what tuning did to its weight."""

    id: str
    label: str
    dimension: str
    weight_before: float
    weight_after: float
    fires_high: int
    """Answers in the higher-marked half where the concept earned credit."""
    fires_low: int
    """Answers in the lower-marked half where it earned credit."""
    rate_high: float
    rate_low: float
    never_fires: bool
    """No graded answer earned any credit for it (its weight was left as it was)."""
    zero_weight: bool
    """It fired, but the regression gave it no weight: it does not separate the tutor's marks,
    or what separates them in it the rest of the rubric already counts."""
    learned: bool = False
    """Tuning added it: a phrase learned from the graded answers (its note says how many)."""
    penalty: bool = False
    """It costs credit (a misconception)."""
    linear: bool = False
    """Its question was tuned linearly: ``weight_after`` is in marks per unit of credit."""
    exemplar: bool = False
    """Tuning added it: a graded answer kept as an example (see ``Concept.exemplar``)."""
    too_rare: bool = False
    """It fired in fewer graded answers than the weight tuner moves a weight for
    (:data:`~evaluator.tools.tune.model.MIN_FIRED`): its weight was kept."""
    overlaps: tuple[str, ...] = ()
    """Labels of the (at most :data:`OVERLAPS_NAMED`) concepts that keep a weight and whose
    credit, answer by answer, goes most closely with this one's (correlation at least
    :data:`OVERLAP_MIN`): what "the rest of the rubric" already counts of it."""

    def why(self) -> str:
        """Why tuning gave it its weight, in a few words, never contradicting the firing rates."""
        if self.zero_weight:
            if self.rate_high > self.rate_low:
                # higher-marked answers use it more, but what else they write already counts
                return (
                    f"adds nothing the rest of the rubric does not count{self._with()}: {_LOWERED}"
                )
            if self.rate_low > self.rate_high:
                # lower-marked answers use it more: it separates the marks, the wrong way for a
                # point that earns (trial 26b: "11%  33%  does not separate the marks")
                return f"goes with lower marks: {_LOWERED}"
            return f"does not separate the marks: {_LOWERED}"
        effect = "costs" if self.penalty else "earns"
        if self.exemplar:
            return (
                f"example: {effect} up to {plural(self.weight_after, 'mark')} with the rest of "
                "the rubric"
            )
        if self.linear:
            learned = "learned: " if self.learned else ""
            marks = plural(self.weight_after, "mark")
            return f"{learned}{effect} {marks} with the rest of the rubric"
        if self.learned:
            kind = "penalty" if self.penalty else "new"
            more = "low" if self.rate_low > self.rate_high else "high"
            if (more == "low") == self.penalty:
                return f"learned ({kind}): {more}-marked answers use it"
            return f"learned ({kind}): {effect} credit with the rest of the rubric"
        if self.weight_after > self.weight_before:
            if self.rate_low >= self.rate_high:
                # used as much or more by low-marked answers, yet worth more once the rest is
                # counted (trial 25c: "83%  83%  goes with higher marks")
                return "weighs more with the rest of the rubric"
            return "goes with higher marks"
        if self.weight_after < self.weight_before:
            if self.rate_high >= self.rate_low:
                return f"weighs less with the rest of the rubric{self._with()}"
            return "counts for less in the tutor's marks"
        return ""

    def _with(self) -> str:
        """ " (overlaps with A and B)", naming what the rest of the rubric counts of it."""
        if not self.overlaps:
            return ""
        return f" (overlaps with {' and '.join(self.overlaps)})"

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form."""
        return {
            "learned": self.learned,
            "exemplar": self.exemplar,
            "linear": self.linear,
            "penalty": self.penalty,
            "id": self.id,
            "label": self.label,
            "dimension": self.dimension,
            "weight_before": self.weight_before,
            "weight_after": self.weight_after,
            "fires_high": self.fires_high,
            "fires_low": self.fires_low,
            "rate_high": round(self.rate_high, 4),
            "rate_low": round(self.rate_low, 4),
            "never_fires": self.never_fires,
            "too_rare": self.too_rare,
            "overlaps": list(self.overlaps),
            "zero_weight": self.zero_weight,
        }


@dataclass(frozen=True)
class Notice:
    """One sentence of the verdict on a tuning: what it is about, what it says, and the next
    step in the command line's words (a page words that step its own way, by ``kind``)."""

    kind: str
    """What it is about: ``few_per_fold``, ``spill`` (questions no mark checked moved),
    ``converted``, ``not_improved``, ``gain_in_noise``, ``mixed_baseline``, ``below_baseline``,
    ``lead_in_noise``, ``nothing_learned``, ``left_out`` (rows of other questions),
    ``retuned`` (the rubric tuned was tuned from marks before), ``kept_as_was`` (questions tuning
    made no better, kept as they were) or ``not_kept`` (one tuned all the same)."""
    said: str
    """What the numbers mean (no command in it)."""
    advice: str = ""
    """The next step, naming the CLI's commands and options; empty when the sentence has none."""

    @property
    def text(self) -> str:
        """The whole sentence, as the CLI prints it."""
        return f"{self.said} {self.advice}" if self.advice else self.said


FEW_PER_FOLD = 5
"""Held-out answers per fold under which agreement numbers mean little."""


@dataclass
class TuningResult:
    """Everything `rubric tune` reports, and the tuned rubric."""

    before: Agreement
    """The rubric as it is, against the tutor's marks."""
    after: Agreement
    """The tuned rubric, cross-validated (each answer marked by a fit on the other folds)."""
    concepts: list[ConceptTuning]
    rubric: Rubric
    """The tuned rubric (fitted on every answer), version bumped."""
    source: LoadedRubric
    ids: list[str]
    questions: list[str]
    human: list[float]
    machine_before: list[float]
    machine_after: list[float]
    folds: int
    step: float
    """Step of the tutor's marks (1 or 0.5): the scale QWK and exact agreement use."""
    estimator: RubricWeightTuner | LinearShortTuner = field(repr=False)
    baseline: Agreement | None = None
    """A bag-of-words model (TF-IDF ridge) on the same folds: what knowing no rubric gives."""
    machine_baseline: list[float] = field(default_factory=list)
    learned: list[LearnedPhrase] = field(default_factory=list)
    """Phrases learned from the marks (fitted on every answer) and written as concepts."""
    texts: list[str] = field(default_factory=list, repr=False)
    """The graded answers' texts (same order as ``ids``)."""
    features: list[AnswerFeatures] = field(default_factory=list, repr=False)
    """Every answer's features under the rubric the final fit saw (with its learned concepts):
    ``estimator.predict(features)`` are the marks the tuned rubric gives."""
    form: str = "rubric"
    """The form the tuned rubric has: ``rubric`` (its own) or ``linear`` (its questions tuned as
    linear short answers)."""
    forms: dict[str, Agreement] = field(default_factory=dict)
    """Held-out agreement of every form fitted (same folds); ``after`` is the chosen one's."""
    kinds: dict[str, str] = field(default_factory=dict)
    """The tuned questions' kinds before tuning (``mains`` or ``short``)."""
    learning: bool = False
    """Whether phrases were sought in the marks (``rubric tune`` does unless ``--no-learn``)."""
    left_out: dict[str, int] = field(default_factory=dict)
    """Rows of the file for other questions than the one asked for, by question: left out."""
    machine_tuned: list[float] = field(default_factory=list)
    """Held-out marks of the tuned form for every answer, a question kept as it was included
    (``machine_after`` holds that question's marks as it was): what each question's row of
    :meth:`per_question` compares."""
    kept_as_was: list[str] = field(default_factory=list)
    """Questions tuning made no better on the held-out folds, kept in the tuned rubric as they
    were (concepts, weights and question untouched)."""
    not_kept: dict[str, str] = field(default_factory=dict)
    """Questions tuning made no better that are tuned all the same, with why (what they share
    with the others moved)."""

    @property
    def converted(self) -> list[str]:
        """Questions that tuning turned from Mains essays into linear short answers."""
        if self.form != "linear":
            return []
        return [q for q, kind in self.kinds.items() if kind != "short"]

    @property
    def improved(self) -> bool:
        """Whether the tuned rubric (cross-validated) agrees better than the rubric as it was:
        higher QWK and no larger RMSE."""
        return _better(self.after, self.before)

    @property
    def gain_in_noise(self) -> bool:
        """Whether the QWK gain's 95% interval reaches zero or below (or cannot be measured)."""
        return not (self.gain.low > 0)

    @property
    def lead_in_noise(self) -> bool:
        """Whether the QWK lead over the bag of words has a 95% interval reaching zero."""
        return self.lead is not None and not (self.lead.low > 0)

    @property
    def beats_baseline(self) -> bool | None:
        """Whether the tuned rubric agrees at least as well as the bag of words (None: no
        baseline)."""
        if self.baseline is None:
            return None
        return not _better(self.baseline, self.after) and not self.mixed_against_baseline

    @property
    def mixed_against_baseline(self) -> bool:
        """Whether the tuned rubric and the bag of words each win on one measure: a higher QWK
        but a larger RMSE, or the other way round (neither is simply better)."""
        if self.baseline is None:
            return False
        a, b = self.after, self.baseline
        if a.qwk != a.qwk or b.qwk != b.qwk:
            return False
        return (a.qwk > b.qwk and a.rmse > b.rmse + 1e-9) or (
            a.qwk < b.qwk and a.rmse < b.rmse - 1e-9
        )

    @cached_property
    def gain(self) -> Gap:
        """How much better the tuned rubric (held-out) agrees with the tutor than the rubric as
        it was, in QWK, with a bootstrap interval over the graded answers."""
        return qwk_gap(self.human, self.machine_after, self.machine_before, step=self.step)

    @cached_property
    def lead(self) -> Gap | None:
        """How much better the tuned rubric agrees than the bag of words, in QWK, with its
        interval (None: no baseline)."""
        if self.baseline is None or len(self.machine_baseline) != len(self.human):
            return None
        return qwk_gap(self.human, self.machine_after, self.machine_baseline, step=self.step)

    def noise(self) -> str:
        """One line on how sure the QWK differences are: the gain over the rubric as it was
        and the lead over the bag of words, each with its 95% interval."""
        # named as the table's rows are (trial 31c: "tuned" beside a row called "after")
        parts = [f"after minus before {self.gain.describe()}"]
        gaps = [self.gain]
        if self.lead is not None:
            parts.append(f"after minus bag of words {self.lead.describe()}")
            gaps.append(self.lead)
        if all(g.low > 0 for g in gaps):
            meaning = " Every interval is above zero: the gains are unlikely to be chance."
        elif all(g.high < 0 for g in gaps):
            meaning = " Every interval is below zero: the losses are unlikely to be chance."
        elif all(g.low > 0 or g.high < 0 for g in gaps):
            # a gain over the rubric and a loss to the bag of words, both clear (trial s42 had
            # been told of an interval holding zero where none did)
            meaning = " No interval holds zero: neither difference is likely to be chance."
        else:
            meaning = " An interval that holds zero is a difference chance could make."
        rough = (
            f" With {len(self.ids)} answers the intervals are rough too: they cover which answers "
            "were marked, not how the folds fell."
            if self.few_per_fold
            else ""
        )
        return (
            f"QWK differences, with 95% intervals from {BOOTSTRAP_RESAMPLES:,} resamples of the "
            f"{len(self.ids)} answers: " + "; ".join(parts) + "." + meaning + rough
        )

    @property
    def few_per_fold(self) -> bool:
        """Whether the held-out folds hold under :data:`FEW_PER_FOLD` answers each on average:
        agreement measured on so few answers means little."""
        return len(self.ids) < FEW_PER_FOLD * self.folds

    @property
    def untuned_questions(self) -> list[str]:
        """The rubric's questions no graded answer was marked for (``--question`` tunes one)."""
        marked = set(self.questions)
        return [q.id for q in self.source.rubric.questions if q.id not in marked]

    def spill(self) -> str | None:
        """What tuning one question changed for the rubric's other questions (see
        :meth:`spill_notice`), as one sentence; None when nothing they use moved."""
        notice = self.spill_notice()
        return notice.text if notice else None

    def spill_notice(self) -> Notice | None:
        """What tuning one question changed for the rubric's other questions, which no graded
        answer checked: the marks mapping (``scoring.ceiling`` and ``curve`` are the rubric's)
        and the weights of the concepts they count too; None when every question was marked or
        nothing they use moved."""
        others = self.untuned_questions
        if not others:
            return None
        before, after = self.source.rubric, self.rubric
        moved = []
        for name in ("ceiling", "curve"):
            old, new = getattr(before.scoring, name), getattr(after.scoring, name)
            if abs(old - new) > 1e-9:
                moved.append(f"scoring.{name} {old:g} -> {new:.3g}")
        weights = {c.id: c.weight for _, c in after.concepts()}
        counted = {
            c.id
            for q in before.questions
            if q.id in others
            for qd in q.dimensions
            for c in before.counted(q, qd.id)
        }
        shared = sum(
            1
            for _, c in before.concepts()
            if c.id in counted and abs(weights.get(c.id, c.weight) - c.weight) > 1e-9
        )
        if shared:
            moved.append(f"the weights of {plural(shared, 'concept')} they count")
        if not moved:
            return None
        named = ", ".join(others[:5]) + (", ..." if len(others) > 5 else "")
        return Notice(
            "spill",
            f"The marks cover only {', '.join(sorted(set(self.questions)))}, but tuning also "
            f"changed what the rubric's other questions ({named}) use: {', '.join(moved)}. No "
            "mark checks their new marks:",
            "compare them with `rubric diff RUBRIC TUNED --answers FILE` on answers to those "
            "questions, or mark answers to every question and tune them together.",
        )

    def verdict(self) -> list[str]:
        """Plain sentences on what the numbers mean (empty when tuning helped and beat the
        baseline): the :meth:`notices`' text, as the CLI prints them."""
        return [notice.text for notice in self.notices()]

    def notices(self) -> list[Notice]:
        """The verdict's sentences, each with its kind and its advice apart (see
        :class:`Notice`)."""
        lines: list[Notice] = []
        if self.left_out:
            counted = ", ".join(f"{q} ({n})" for q, n in sorted(self.left_out.items()))
            rows = plural(sum(self.left_out.values()), "row")
            lines.append(
                Notice(
                    "left_out",
                    f"{rows} of the file mark answers to other questions ({counted}) and were "
                    f"left out: these numbers are {', '.join(sorted(set(self.questions)))}'s "
                    "alone.",
                    "Tune them with --question, or every question together without it.",
                )
            )
        learned_before = sum(1 for _, c in self.source.rubric.concepts() if c.learned or c.exemplar)
        if learned_before:
            # trial s42: after publishing a tuned version, the same sheet tuned again read
            # "before 0.894" (in-sample: that version was fitted on these answers) and "the
            # tuned rubric does NOT agree better"
            lines.append(
                Notice(
                    "retuned",
                    f"The rubric as it was (version {self.source.rubric.version}) was itself "
                    f"tuned from marks ({plural(learned_before, 'learned concept')}): on answers "
                    "it was tuned on, its 'before' agreement is not held out and flatters it.",
                )
            )
        if self.few_per_fold:
            lines.append(
                Notice(
                    "few_per_fold",
                    f"{len(self.ids)} graded answers in {self.folds} folds leave under "
                    f"{FEW_PER_FOLD} answers per held-out fold: the agreement numbers mean "
                    "little; mark 50 or more answers for a tuned rubric to trust.",
                )
            )
        spill = self.spill_notice()
        if spill:
            lines.append(spill)
        if self.converted:
            other = self.forms.get("rubric")
            why = (
                "because your marks follow that form better (QWK "
                f"{format_metric(self.after.qwk)} against {format_metric(other.qwk)} in the "
                "rubric's own form, held-out folds)"
                if other is not None
                else "as asked (--form linear; the rubric's own form was not fitted)"
            )
            lines.append(
                Notice(
                    "converted",
                    "Tuned as answers marked linearly in their concepts (marks = intercept + "
                    f"weights), {why}; structure and length no longer count, while the gaming "
                    "checks (keyword stuffing, off topic, copied source) still cap the marks.",
                    "Pass --form rubric to keep the essay form.",
                )
            )
        if self.kept_as_was:
            named = _listed(self.kept_as_was)
            lines.append(
                Notice(
                    "kept_as_was",
                    f"Tuning did not make {named} agree better with your marks on held-out "
                    "folds, so the tuned rubric keeps "
                    f"{'it' if len(self.kept_as_was) == 1 else 'them'} as "
                    f"{'it was' if len(self.kept_as_was) == 1 else 'they were'} (concepts and "
                    "weights untouched); the 'after' row counts "
                    f"{'its' if len(self.kept_as_was) == 1 else 'their'} marks as they were.",
                )
            )
        for qid, why in sorted(self.not_kept.items()):
            lines.append(
                Notice(
                    "not_kept",
                    f"Tuning did not make {qid} agree better with your marks on held-out folds, "
                    f"but it is tuned with the rest: {why}.",
                )
            )
        if not self.improved:
            lines.append(
                Notice(
                    "not_improved",
                    "The tuned rubric does NOT agree better with your marks than the rubric as it "
                    f"was (QWK {format_metric(self.before.qwk)} -> "
                    f"{format_metric(self.after.qwk)}, RMSE {format_metric(self.before.rmse)} -> "
                    f"{format_metric(self.after.rmse)} on held-out folds).",
                )
            )
        if self.improved and self.gain_in_noise:
            lines.append(
                Notice(
                    "gain_in_noise",
                    f"The gain is within the noise of {len(self.ids)} graded answers: QWK "
                    f"{self.gain.describe()} with its 95% interval over resamples of them, so it "
                    "may not hold on the next answers; mark more answers before trusting it.",
                )
            )
        if self.beats_baseline is False and self.baseline is not None:
            if self.mixed_against_baseline:
                lines.append(
                    Notice(
                        "mixed_baseline",
                        "Against a bag-of-words model that knows no rubric the result is mixed "
                        f"(QWK {format_metric(self.after.qwk)} vs "
                        f"{format_metric(self.baseline.qwk)}, RMSE "
                        f"{format_metric(self.after.rmse)} vs "
                        f"{format_metric(self.baseline.rmse)}): neither is closer to your marks "
                        "on both; grade more answers or revise the rubric's concepts.",
                    )
                )
            else:
                lines.append(
                    Notice(
                        "below_baseline",
                        "The tuned rubric agrees LESS well than a bag-of-words model that knows "
                        f"no rubric (QWK {format_metric(self.after.qwk)} vs "
                        f"{format_metric(self.baseline.qwk)}): grade more answers or revise the "
                        "rubric's concepts.",
                    )
                )
        if self.beats_baseline and self.lead_in_noise:
            assert self.lead is not None
            lines.append(
                Notice(
                    "lead_in_noise",
                    "The lead over the bag-of-words model is within the noise of "
                    f"{len(self.ids)} graded answers: QWK {self.lead.describe()} with its 95% "
                    "interval over resamples of them.",
                )
            )
        if self.learning and not self.learned:
            lines.append(
                Notice(
                    "nothing_learned",
                    f"No phrases were learned from the marks: of the phrases the {len(self.ids)} "
                    "graded answers share, none added to the rubric's own points raised the "
                    "agreement on held-out answers, so the fit kept none.",
                    "`rubric suggest` lists phrases the marks favour, to add as cues by hand.",
                )
            )
        return lines

    def per_question(self) -> dict[str, tuple[Agreement, Agreement]]:
        """Each question's agreement before and after tuning (held-out), when answers to more
        than one were tuned together: a pooled "NOT better" (QWK 0.901 -> 0.894) had hidden one
        question improving (0.774 -> 0.882) and the other getting worse (trial 25c)."""
        marked = sorted(set(self.questions))
        if len(marked) < 2:
            return {}
        out: dict[str, tuple[Agreement, Agreement]] = {}
        for qid in marked:
            rows = [i for i, q in enumerate(self.questions) if q == qid]
            human = [self.human[i] for i in rows]
            if len(rows) < 2 or len(set(human)) < 2:
                continue  # agreement is not measurable on one answer or one mark
            tuned = self.machine_tuned or self.machine_after
            before = agreement(human, [self.machine_before[i] for i in rows], step=self.step)
            after = agreement(human, [tuned[i] for i in rows], step=self.step)
            out[qid] = (before, after)
        return out

    def question_status(self, question_id: str) -> str:
        """What the tuned rubric holds for a question, in a few words: 'tuned', 'no better held
        out: kept as it was', or 'no better held out, tuned with the rest (why)'."""
        if question_id in self.kept_as_was:
            return "no better held out: kept as it was"
        why = self.not_kept.get(question_id)
        if why:
            return f"no better held out, tuned with the rest ({why})"
        return "tuned"

    def dimension_changes(self) -> list[tuple[str, str, float, float]]:
        """(question, dimension, weight before, after) of each tuned question's dimension whose
        weight tuning moved: the CLI had printed none of them (trial 25c: a "critically
        examine ... challenges" question's challenges 2 -> 1.042)."""
        changes = []
        for qid in sorted(set(self.questions)):
            before = {d.id: d.weight for d in self.source.rubric.question(qid).dimensions}
            for d in self.rubric.question(qid).dimensions:
                old = before.get(d.id)
                if old is not None and abs(old - d.weight) > 1e-9:
                    changes.append((qid, d.id, old, d.weight))
        return changes

    def to_dict(self) -> dict[str, Any]:
        """The --json contract: before, after, concepts (plus answers and the mark mapping)."""
        metric_keys = ("qwk", "pearson", "rmse", "exact", "adjacent", "smd")
        before = self.before.to_dict()
        after = self.after.to_dict()
        baseline = self.baseline.to_dict() if self.baseline is not None else None
        # a learned phrase's weight in the tuned rubric (the concept table's), beside the
        # coefficient of the regression that selected it (a share of the maximum, before the
        # final fit): the two are different numbers, and a reader must not take one for the other
        tuned = {c.label: c for c in self.concepts if c.learned and not c.exemplar}
        learned = [
            {
                **p.to_dict(),
                "weight": tuned[p.label].weight_after if p.label in tuned else None,
                "costs": tuned[p.label].penalty if p.label in tuned else p.penalty,
            }
            for p in self.learned
        ]
        return {
            "before": {k: before[k] for k in metric_keys},
            "after": {k: after[k] for k in metric_keys},
            "baseline": {k: baseline[k] for k in metric_keys} if baseline else None,
            "form": self.form,
            # what each tuned question's marks are made of: a short question's own form
            # ("rubric") is linear too, which "form" alone did not say
            "arithmetic": {
                q: "linear" if self.rubric.question(q).intercept is not None else "essay"
                for q in self.questions
            },
            "forms": {
                name: {k: v for k, v in a.to_dict().items() if k in metric_keys}
                for name, a in self.forms.items()
            },
            "converted": self.converted,
            "improved": self.improved,
            # QWK differences with 95% bootstrap intervals over the graded answers
            "intervals": {
                "after_minus_before": self.gain.to_dict(),
                "after_minus_baseline": self.lead.to_dict() if self.lead is not None else None,
            },
            "beats_baseline": self.beats_baseline,
            "verdict": self.verdict(),
            "per_question": {
                q: {
                    "before": {k: b.to_dict()[k] for k in metric_keys},
                    "after": {k: a.to_dict()[k] for k in metric_keys},
                    # whether the tuned rubric holds the question tuned, or as it was
                    "tuned": q not in self.kept_as_was,
                    "status": self.question_status(q),
                }
                for q, (b, a) in self.per_question().items()
            },
            "dimension_weights": [
                {"question": q, "dimension": d, "before": b, "after": round(a, 4)}
                for q, d, b, a in self.dimension_changes()
            ],
            "learned": learned,
            "concepts": [c.to_dict() for c in self.concepts],
            "n": len(self.ids),
            "folds": self.folds,
            "step": self.step,
            "rubric": {"id": self.rubric.id, "version": self.rubric.version},
            "scoring": {"ceiling": self.rubric.scoring.ceiling, "curve": self.rubric.scoring.curve},
            "answers": [
                {"id": i, "question": q, "human": h, "before": b, "after": round(a, 2)}
                for i, q, h, b, a in zip(
                    self.ids,
                    self.questions,
                    self.human,
                    self.machine_before,
                    self.machine_after,
                    strict=True,
                )
            ],
        }

    def examples_summary(self) -> str:
        """One sentence on the graded answers kept as examples, or '' when none was kept."""
        examples = [c for c in self.concepts if c.exemplar]
        if not examples:
            return ""
        costs = sum(1 for c in examples if c.penalty and not c.zero_weight)
        earns = sum(1 for c in examples if not c.penalty and not c.zero_weight)
        return (
            f"{plural(len(examples), 'graded answer')} kept as examples: a new answer earns marks "
            f"for repeating {earns} of them and loses marks for repeating {costs}; each note in "
            "the tuned rubric holds the answer and your mark."
        )

    def rows(self) -> dict[str, Agreement]:
        """The agreement table's rows by label: before, after, the form not kept (when two
        were fitted) and the bag of words."""
        rows = {"before": self.before, f"after ({self.folds}-fold)": self.after}
        for name, result in self.forms.items():
            if name != self.form:
                rows[f"({name} form, not kept)"] = result
        if self.baseline is not None:
            rows["bag of words"] = self.baseline
        return rows

    def table(self) -> str:
        """The before/after agreement table as plain text."""
        return format_table(self.rows())


def _better(a: Agreement, b: Agreement) -> bool:
    """Whether ``a`` agrees better than ``b``: higher QWK and no larger RMSE."""
    return agrees_better(a, b)


OVERLAPS_NAMED = 2
"""Most concepts a lowered weight's reason names as overlapping with it."""
OVERLAP_MIN = 0.5
"""Correlation of two concepts' credit over the graded answers from which they overlap."""
_LABEL_CHARS = 40
"""A named concept's label is cut to this many characters."""


def credit_overlaps(
    credits: np.ndarray, index: int, candidates: list[int], labels: list[str]
) -> tuple[str, ...]:
    """The labels of the ``candidates`` (columns of ``credits``, answers by concepts) whose
    credit correlates most with column ``index``'s, at least :data:`OVERLAP_MIN`, best first."""
    centred = credits - credits.mean(axis=0)
    norms = np.sqrt((centred**2).sum(axis=0))
    if norms[index] == 0:
        return ()
    scored = []
    for other in candidates:
        if other == index or norms[other] == 0:
            continue
        r = float(centred[:, index] @ centred[:, other] / (norms[index] * norms[other]))
        if r >= OVERLAP_MIN:
            scored.append((-r, labels[other]))
    named = [label for _, label in sorted(scored)[:OVERLAPS_NAMED]]
    return tuple(n if len(n) <= _LABEL_CHARS else n[: _LABEL_CHARS - 1] + "…" for n in named)


def concept_stats(
    rubric: Rubric,
    original: Rubric,
    model: RubricWeightTuner | LinearShortTuner,
    features: list[AnswerFeatures],
    human: np.ndarray,
) -> list[ConceptTuning]:
    """How each concept the tuner fitted fired in the higher- and lower-marked halves of the
    graded answers whose reports hold it, and its weight before and after tuning.

    A short question's report holds its own points only, so in a test of several short
    questions a point is measured on its own question's answers, halved by their marks ("fires
    high 48%" for a point of one question of five had been a share of every question's answers:
    session 43's trial). A Mains report holds every point of the rubric (its feedback draws on
    them), and the essay form is fitted on all of them: measured there as before."""
    shares = human / np.array([f.max_marks for f in features], dtype=float)
    order = np.argsort(-shares, kind="stable")
    halves: dict[bytes, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def answers_of(concept_id: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The rows of the answers whose reports hold the concept, and their higher- and
        lower-marked halves."""
        held = np.array([concept_id in f.credits for f in features], dtype=bool)
        key = held.tobytes()
        if key not in halves:
            ranked = order[held[order]]
            half = len(ranked) // 2
            halves[key] = np.flatnonzero(held), ranked[: max(1, half)], ranked[max(1, half) :]
        return halves[key]

    known = {c.id: c.weight for _, c in original.concepts()}
    fitted = [(d, c) for d, c in rubric.concepts() if c.id in model.concept_ids_]
    # each concept's credit, answer by answer: what a lowered weight overlaps with
    credits = np.array(
        [[f.credits.get(c.id, 0.0) for _, c in fitted] for f in features], dtype=float
    ).reshape(len(features), len(fitted))
    labels = [c.label for _, c in fitted]
    counting = [
        i
        for i, (_, c) in enumerate(fitted)
        if not c.penalty and c.id not in model.zero_weight_ and model.concept_weights_[c.id] > 0
    ]
    stats = []
    for column, (dimension, concept) in enumerate(fitted):
        fired = np.array([f.credits.get(concept.id, 0.0) > 0 for f in features], dtype=bool)
        rows, high, low = answers_of(concept.id)
        weight_before = known.get(concept.id, 0.0)
        weight_after = model.concept_weights_[concept.id]
        lowered = concept.id in model.zero_weight_ or weight_after < weight_before
        overlaps = (
            credit_overlaps(credits[rows], column, counting, labels)
            if lowered and len(rows) and not concept.penalty
            else ()
        )
        stats.append(
            ConceptTuning(
                id=concept.id,
                label=concept.label,
                dimension=dimension.id,
                weight_before=weight_before,
                weight_after=weight_after,
                fires_high=int(fired[high].sum()),
                fires_low=int(fired[low].sum()),
                rate_high=float(fired[high].mean()) if len(high) else 0.0,
                rate_low=float(fired[low].mean()) if len(low) else 0.0,
                never_fires=concept.id in model.never_fired_,
                zero_weight=concept.id in model.zero_weight_,
                learned=concept.id not in known,
                penalty=concept.penalty,
                linear=isinstance(model, LinearShortTuner),
                exemplar=concept.exemplar,
                too_rare=concept.id in getattr(model, "too_rare_", ()),
                overlaps=overlaps,
            )
        )
    return stats


def _listed(names: list[str]) -> str:
    """'q1', 'q1 and q3', 'q1, q3 and q4'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def format_metric(value: float) -> str:
    """An agreement number to three decimals, or 'n/a' when it is undefined (NaN)."""
    return "n/a" if value != value else f"{value:.3f}"
