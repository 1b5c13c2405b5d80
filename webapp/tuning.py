"""Tutor tuning page: upload a graded CSV, see how the rubric agrees with the tutor's marks
before and after tuning (cross-validated) and how a bag-of-words model does on the same folds,
with a scatter plot, the concepts learned from the marks and the tuned rubric to download or to
publish to learners."""

from __future__ import annotations

import base64
import io
import re
import zipfile
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from itsdangerous import BadSignature, Signer
from sqlalchemy import not_, or_, select
from werkzeug.wrappers import Response
from wtforms import IntegerField, SelectField
from wtforms.validators import NumberRange, Optional

from evaluator import plural
from evaluator.errors import EvaluatorError
from evaluator.tools import GradedAnswer, graded_columns, parse_graded_bytes
from webapp.auth import tutor_required
from webapp.db import get_session
from webapp.grading import rubric_or_404, score_loaded, scoring_lock, versions_marked
from webapp.models import Attempt
from webapp.published import PublishError, Spans, publish, published_rubrics
from webapp.security import csrf
from webapp.tuned_download import TunedDownload, tuned_download

if TYPE_CHECKING:
    from evaluator.rubric import LoadedRubric
    from evaluator.scoring import Report
    from evaluator.tools import SkippedRow
    from evaluator.tools.tune import ConceptTuning, Notice, TuningResult

bp = Blueprint("tuning", __name__, url_prefix="/rubrics")

MAX_UPLOAD_BYTES = 8 * 1024 * 1024
"""A graded CSV may hold hundreds of answers: more room than the answer forms get."""
MAX_WEB_GRADED = 150
"""Most graded answers the page tunes in one request: tuning learns phrases and fits every fold,
so time grows faster than the answers (about a minute for 100 on a busy 2-core machine; 400
did not finish in 15 minutes), and a request must end while the tutor waits. More is for
`mains-eval rubric tune`, which has no request to time out."""


FOLDS_LABEL = "Cross-validation folds"
"""The folds field's label: the web's word for the CLI's ``--folds``."""


class TuneForm(FlaskForm):
    """The graded CSV and the tuning options."""

    graded = FileField(
        "Graded CSV or JSONL", validators=[FileRequired("Choose a graded CSV or JSONL file.")]
    )
    question = SelectField("Question", choices=[], validators=[Optional()])
    folds = IntegerField(FOLDS_LABEL, default=5, validators=[NumberRange(2, 10)])


def _score_all(loaded: LoadedRubric, pairs: list[tuple[GradedAnswer, str]]) -> list[Report]:
    # one answer per lock hold, so learners' submissions interleave with a long upload
    return [score_loaded(row.text, loaded, qid) for row, qid in pairs]


@bp.route("/<rubric_id>/tune", methods=["GET", "POST"])
@csrf.exempt  # checked below, after the larger upload limit is in place
@tutor_required
def tune(rubric_id: str) -> str:
    """Upload a graded CSV and show the agreement before and after tuning."""
    # scikit-learn and matplotlib load with the first tuning request, not with every worker
    from evaluator.tools import METRICS
    from evaluator.tools.tune import agreement_scatter_svg, assign_questions, tune_rubric

    loaded = rubric_or_404(rubric_id)
    if request.method == "POST":
        request.max_content_length = MAX_UPLOAD_BYTES
        csrf.protect()
    form = TuneForm()
    form.question.choices = [("", "All questions (from the CSV's question column)")] + [
        (q.id, f"{q.id} ({plural(q.max_marks, 'mark')})") for q in loaded.rubric.questions
    ]
    result: TuningResult | None = None
    error: str | None = None
    # bad rows are reported and left out, as `rubric tune` and batch do; the rest are tuned
    skipped: list[SkippedRow] = []
    # how the file was read when not as UTF-8 (an Excel CSV in cp1252), as `rubric tune` says it
    decoded: list[str] = []
    if form.validate_on_submit():
        upload = form.graded.data
        data = upload.read()
        name = upload.filename or "graded.csv"
        try:
            if "file" in graded_columns(data):
                # a 'file' column names files on the server: never read those from an upload
                raise EvaluatorError(
                    f"{name}: uploads must carry the answers in an 'answer' column, not 'file'"
                )
            graded = parse_graded_bytes(data, name=name, skipped=skipped, warnings=decoded)
            question = form.question.data or None
            pairs = assign_questions(loaded, graded, question, source_name=name, skipped=skipped)
            if len(pairs) > MAX_WEB_GRADED:
                raise EvaluatorError(
                    f"{name}: {len(pairs)} graded answers; this page tunes up to "
                    f"{MAX_WEB_GRADED} at a time. Tune a larger set with `mains-eval rubric tune "
                    f"{loaded.id} --graded {name}`, or upload one question's answers."
                )
            reports = _score_all(loaded, pairs)
            result = tune_rubric(
                loaded,
                [row for row, _ in pairs],  # the rows that fit the rubric, in the reports' order
                question_id=question,
                folds=form.folds.data or 5,
                reports=reports,
                source_name=name,
                lock=scoring_lock,
            )
        except EvaluatorError as exc:
            error = web_message(exc)
    said = verdicts(result) if result else []
    scatter = None
    bundle: TunedDownload | None = None
    signed_bundle = None
    if result is not None:
        svg = agreement_scatter_svg(result).encode("utf-8")
        scatter = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
        with scoring_lock:  # the audit scores answers with the one pipeline
            bundle = tuned_download(
                result, unused_version(loaded, result.rubric.version), audit=True
            )
        zipped = base64.b64encode(bundle.zip_bytes)
        # the page's one copy of the zip, in the publish form: its download button posts it to
        # download_tuned (the page had carried it twice, also as the link's data: URL). Marked
        # when the tuned rubric agrees no better than the rubric as it is: publishing that one
        # takes the tutor's word that it is meant
        signed_bundle = _signer().sign(_WORSE * (not result.improved) + zipped).decode("ascii")
    audit = [audit_in_page_words(line) for line in (bundle.audit if bundle else ())]
    return render_template(
        "rubrics/tune.html",
        loaded=loaded,
        form=form,
        result=result,
        error=error,
        skipped=sorted(skipped, key=lambda row: row.line),
        decoded=decoded,
        metrics=METRICS,
        scatter=scatter,
        bundle=bundle,
        signed_bundle=signed_bundle,
        published=published_rubrics().get(loaded.id) is not None,
        verdicts=said,
        # what the publish box asks the tutor to confirm having read
        warned=bool(skipped or decoded)
        or any(kind != "good" for kind, _ in said)
        or any(kind == "fail" for kind, _ in audit),
        audit=audit,
        changed=_changed_concepts(result) if result else [],
        learned=[c for c in result.concepts if c.learned and not c.exemplar] if result else [],
        examples=result.examples_summary() if result else "",
    )


def unused_version(served: LoadedRubric, proposed: str) -> str:
    """``proposed``, or the first version after it that names no other rubric: none that
    learners' marks name, and not the version served now (a rubric published, withdrawn and
    tuned again would otherwise come back under the version learners were marked with)."""
    from evaluator.tools.tune import bump_version

    taken = versions_marked(served.id) | {served.version}
    while proposed in taken:
        proposed = bump_version(proposed)
    return proposed


def marked_outside(rubric_id: str, version: str, spans: Spans) -> bool:
    """Whether a learner's mark naming ``version`` of ``rubric_id`` was given outside every span
    (or at no recorded time): then another rubric of that version may have given it."""
    given_within = [Attempt.graded_at.between(_utc(start), _utc(until)) for start, until in spans]
    query = (
        select(Attempt.id)
        .where(
            Attempt.rubric_id == rubric_id,
            Attempt.rubric_version == version,
            or_(Attempt.graded_at.is_(None), not_(or_(*given_within)))
            if given_within
            else Attempt.rubric_version.is_not(None),
        )
        .limit(1)
    )
    return get_session().scalar(query) is not None


def _utc(moment: datetime) -> datetime:
    """A time in UTC, as the database stores marks' (SQLite keeps no time zone)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


_WORSE = b"worse:"
"""Prefix of a signed tuned rubric that agrees no better with the tutor than the rubric as it is
(base64 never holds a colon)."""


def _signer() -> Signer:
    """Signs the tuned rubric the page carries to the publish button: the server publishes only
    a rubric it tuned itself."""
    return Signer(current_app.secret_key or "", salt="mains-eval tuned rubric")


def _tuned_zip() -> bytes:
    """The tuned rubric's zip the page's form carries, if this server signed it (else 400)."""
    try:
        signed = _signer().unsign(request.form.get("bundle", ""))
    except BadSignature:
        abort(400, "This is not a rubric this server tuned. Tune it again and publish that.")
    return base64.b64decode(signed.removeprefix(_WORSE))


@bp.route("/<rubric_id>/tuned.zip", methods=["POST"])
@csrf.exempt  # checked below, after the larger limit is in place
@tutor_required
def download_tuned(rubric_id: str) -> Response:
    """The tuned rubric's folder as a zip download, from the copy the tuning page carries."""
    rubric_or_404(rubric_id)
    request.max_content_length = MAX_UPLOAD_BYTES  # the tuned rubric's folder, zipped
    csrf.protect()
    zip_bytes = _tuned_zip()
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as archive:
        tops = {name.split("/", 1)[0] for name in archive.namelist()}
    folder = tops.pop() if len(tops) == 1 else f"{rubric_id}-tuned"
    return send_file(
        io.BytesIO(zip_bytes),
        mimetype="application/zip",
        as_attachment=True,
        download_name=f"{folder}.zip",
    )


@bp.route("/<rubric_id>/publish", methods=["POST"])
@csrf.exempt  # checked below, after the larger limit is in place
@tutor_required
def publish_tuned(rubric_id: str) -> Response:
    """Serve a tuned rubric to learners in place of the rubric of its id."""
    served = rubric_or_404(rubric_id)
    request.max_content_length = MAX_UPLOAD_BYTES  # the tuned rubric's folder, zipped
    csrf.protect()
    try:
        signed = _signer().unsign(request.form.get("bundle", ""))
    except BadSignature:
        abort(400, "This is not a rubric this server tuned. Tune it again and publish that.")
    if signed.startswith(_WORSE) and request.form.get("anyway") != "yes":
        flash(
            f"Not published: the tuned rubric does not agree better with your marks than "
            f"{rubric_id} version {served.version}, and 'Publish it anyway' was not ticked. "
            f"Nothing changed: learners are still marked with version {served.version}.",
            "error",
        )
        return redirect(url_for("rubrics.index"))
    if not signed.startswith(_WORSE) and request.form.get("confirm") != "yes":
        # the page asks the tutor to confirm, after reading its warnings (a spill into questions
        # no mark checked was one click from learners); the box is required in the browser too
        flash(
            f"Not published: the box confirming that you have read the tuning results was not "
            f"ticked. Nothing changed: learners are still marked with {rubric_id} version "
            f"{served.version}.",
            "error",
        )
        return redirect(url_for("rubrics.index"))
    zip_bytes = base64.b64decode(signed.removeprefix(_WORSE))
    try:
        publication = publish(
            zip_bytes,
            rubric_id,
            by=current_user.username,
            served=served,
            versions_marked=versions_marked(rubric_id),
            marked_outside=lambda version, spans: marked_outside(rubric_id, version, spans),
        )
    except PublishError as exc:
        hint = f" Hint: {exc.hint}." if exc.hint else ""
        flash(
            f"Not published: {exc.message}. Nothing changed: learners are still marked with "
            f"{rubric_id} version {served.version}.{hint}",
            "error",
        )
        return redirect(url_for("rubrics.index"))
    replaced = publication.replaces.described if publication.replaces else "nothing"
    flash(
        f"Published {rubric_id} version {publication.version}: learners are marked with it "
        f"from now on, in place of {replaced}. Earlier attempts keep their marks.",
        "success",
    )
    return redirect(url_for("rubrics.index"))


def _changed_concepts(result: TuningResult) -> list[ConceptTuning]:
    """The rubric's own concepts whose weight tuning moved, the largest move first (each
    explained on the page by ``ConceptTuning.why``, as the CLI's table does)."""
    # moved as the page shows weights (to three figures): "2 -> 2" is no move (web trial 27b)
    moved = [
        c
        for c in result.concepts
        if not c.learned and f"{c.weight_after:.3g}" != f"{c.weight_before:.3g}"
    ]
    return sorted(moved, key=lambda c: -abs(c.weight_after - c.weight_before))


_FOLDS_FIELD = f"'{FOLDS_LABEL}'"
WEB_WORDS = (
    (r"pass --question QID", "choose its question in the Question menu on this page"),
    (r"--folds (\d+) needs\b", r"\1 cross-validation folds need"),
    (r"pass a smaller --folds \(at most (\d+) here\)", rf"set {_FOLDS_FIELD} to \1 or fewer"),
    (r"pass a smaller --folds", rf"set {_FOLDS_FIELD} lower"),
    (r"pass --folds (\d+)", rf"set {_FOLDS_FIELD} to \1"),
    (r"--folds\b", _FOLDS_FIELD),
)
"""The library's command-line words (in its messages and hints) as regular expressions, and
the page's own words for them: the form's fields, not the CLI's options. Applied in turn, so a
whole phrase is put in the page's words before the last catches a flag said any other way."""


def _in_web_words(text: str) -> str:
    for cli, web in WEB_WORDS:
        text = re.sub(cli, web, text)
    return text


def audit_in_page_words(line: str) -> tuple[str, str]:
    """An audit line as the page shows it ('pass' or 'fail', the line without the command
    line's backticks)."""
    return ("fail" if ": FAIL" in line else "pass", line.replace("`rubric audit`", "the audit"))


def web_message(exc: EvaluatorError) -> str:
    """The error as one message for this page, in the page's terms, not the CLI's."""
    message = _in_web_words(exc.message)
    hint = _in_web_words(exc.hint) if exc.hint else exc.hint
    if not hint:
        return message
    stop = "" if message.endswith((".", "!", "?")) else "."
    return f"{message}{stop} Hint: {hint}."


WEB_ADVICE = {
    "spill": (
        "mark answers to those questions too and upload them with these, with 'All questions' "
        "chosen in the Question menu, to tune every question together."
    ),
    "converted": "This page keeps whichever form agrees better with your marks.",
    "left_out": (
        "Choose their question in the Question menu to tune it, or 'All questions' to tune "
        "every question together."
    ),
    "nothing_learned": (
        "Phrases your high-marked answers use can still be added to the rubric's concepts as "
        "cues by hand."
    ),
}
"""The next step of a verdict, by its kind, in the page's words: the library's advice names the
command line's tools (`rubric diff`, `rubric suggest`, ``--form``), which a tutor on this page
does not have in front of them (session 32)."""

_TONES = {"not_improved": "bad"}
"""The kind of each verdict that is not a caution."""


def in_page_words(notice: Notice) -> str:
    """A verdict's sentence for this page: its advice in the page's words (none when the page
    offers no next step of that kind)."""
    advice = WEB_ADVICE.get(notice.kind, "") if notice.advice else ""
    if not advice:
        return notice.said.removesuffix(":").rstrip() + ("" if notice.said[-1:] in ".!?" else ".")
    return f"{notice.said} {advice}"


def verdicts(result: TuningResult) -> list[tuple[str, str]]:
    """(kind, sentence) pairs saying what the numbers mean, kind being ``good``, ``caution`` or
    ``bad``: the library's verdict in the page's words, styled by what each sentence is about,
    and a word of praise when tuning agrees better with the tutor and the bag of words does not
    agree better on every measure (saying so of the bag of words only when the tuned rubric
    agrees at least as well)."""
    said = [(_TONES.get(n.kind, "caution"), in_page_words(n)) for n in result.notices()]
    outdone = result.beats_baseline is False and not result.mixed_against_baseline
    if result.improved and not outdone:
        # an improvement is said when the bag of words does better on one measure only (trial
        # 29b: the page showed only two cautions for QWK 0.738 -> 0.762; the caution about the
        # mixed result follows); not when it does better on both (QWK -0.235 -> -0.206 on marks
        # with nothing to learn is no news to praise)
        baseline = ""
        if result.baseline is not None and result.beats_baseline is not False:
            # trial 31c: "at least as well as" undersold a lead whose interval is far above 0
            how = (
                "better than"
                if result.lead is not None and result.lead.clear and result.lead.low > 0
                else "at least as well as"
            )
            baseline = (
                f"; the tuned rubric agrees {how} the bag-of-words model (QWK "
                f"{result.baseline.qwk:.3f})"
            )
        said.insert(
            0,
            (
                "good",
                "Tuning improved the agreement with your marks: QWK "
                f"{result.before.qwk:.3f} → {result.after.qwk:.3f} on answers held out of the "
                f"fit{baseline}.",
            ),
        )
    return said
