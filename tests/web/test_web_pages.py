"""Every page a learner or tutor opens, through the test client with the real scorer."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import yaml
from flask import Flask
from flask.testing import FlaskClient
from webtest_support import (
    COPIED_ANSWER,
    GOOD_ANSWER,
    PASSWORD,
    QUESTION,
    REWRITTEN_ANSWER,
    RUBRIC,
    WRITE_URL,
    Browser,
    csrf_token,
    make_tutor,
)

from evaluator.rubric.loader import load_rubric
from evaluator.scoring.engine import evaluate
from webapp import create_app


def test_home_lists_questions_with_marks_limit_and_directive(client: FlaskClient) -> None:
    question = load_rubric(RUBRIC).rubric.question(QUESTION)
    html = client.get("/").get_data(as_text=True)
    assert question.text in html
    assert f"{question.max_marks} marks" in html
    assert f"{question.word_limit} words" in html
    assert question.directive.capitalize() in html
    assert f'href="{WRITE_URL}"' in html


def test_register_signs_in_and_rejects_bad_input(client: FlaskClient, browser: Browser) -> None:
    response = browser.register("asha")
    assert response.status_code == 302
    assert "asha" in client.get("/").get_data(as_text=True)
    browser.logout()
    again = browser.register("ASHA")
    assert again.status_code == 200
    assert "That username is taken." in again.get_data(as_text=True)
    short = browser.post_form(
        "/auth/register", {"username": "ravi", "password": "short", "confirm": "short"}
    )
    assert "At least 8 characters." in short.get_data(as_text=True)
    odd = browser.register("<b>x</b>")
    assert "3-40 letters" in odd.get_data(as_text=True)


def test_login_logout_and_wrong_password(client: FlaskClient, browser: Browser) -> None:
    browser.register("meera")
    browser.logout()
    assert "Sign in" in client.get("/").get_data(as_text=True)
    wrong = browser.login("meera", "not the password")
    assert "Unknown username or wrong password." in wrong.get_data(as_text=True)
    assert browser.login("meera").status_code == 302
    assert "meera" in client.get("/").get_data(as_text=True)


def test_login_next_is_followed_only_within_the_site(browser: Browser) -> None:
    browser.register("kiran")
    browser.logout()
    html = browser.client.get("/auth/login").get_data(as_text=True)
    from webtest_support import csrf_token

    data = {"username": "kiran", "password": PASSWORD, "csrf_token": csrf_token(html)}
    inside = browser.client.post("/auth/login?next=/history/", data=data)
    assert inside.headers["Location"] == "/history/"
    browser.logout()
    for evil in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        html = browser.client.get("/auth/login").get_data(as_text=True)
        data["csrf_token"] = csrf_token(html)
        outside = browser.client.post(f"/auth/login?next={evil}", data=data)
        assert outside.headers["Location"] == "/", evil
        browser.logout()


def test_write_needs_sign_in_and_a_real_question(client: FlaskClient, browser: Browser) -> None:
    response = client.get(WRITE_URL)
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]
    browser.register("dev")
    page = client.get(WRITE_URL).get_data(as_text=True)
    assert 'data-word-limit="250"' in page
    assert 'data-minutes="11"' in page  # 15 marks -> 11 minutes
    assert 'id="word-count"' in page and 'id="timer-toggle"' in page
    assert f'data-draft-key="draft:{RUBRIC}:{QUESTION}"' in page
    assert client.get(f"/write/{RUBRIC}/no-such-question").status_code == 404
    assert client.get(f"/write/no-such-rubric/{QUESTION}").status_code == 404


def test_timer_follows_exam_pace() -> None:
    from webapp.grading import timer_minutes

    question = load_rubric(RUBRIC).rubric.question(QUESTION)
    minutes = {m: timer_minutes(question.model_copy(update={"max_marks": m})) for m in (10, 15)}
    assert minutes == {10: 7, 15: 11}


def test_empty_answer_is_refused_and_nothing_stored(client: FlaskClient, browser: Browser) -> None:
    browser.register("empty")
    response = browser.submit("   ")
    assert response.status_code == 200
    assert "Write your answer first." in response.get_data(as_text=True)
    assert "No attempts yet" in client.get("/history/").get_data(as_text=True)


def test_an_answer_sent_as_a_file_part_is_refused_not_a_server_error(
    client: FlaskClient, browser: Browser
) -> None:
    import io

    browser.register("filepart")
    token = csrf_token(client.get(WRITE_URL).get_data(as_text=True))
    response = client.post(
        WRITE_URL,
        data={"csrf_token": token, "answer": (io.BytesIO(b"India and Japan hold a 2+2."), "a.txt")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200  # was HTTP 500
    assert "Paste or type the answer into the text box" in response.get_data(as_text=True)
    assert "No attempts yet" in client.get("/history/").get_data(as_text=True)


def test_result_page_shows_marks_bars_highlights_feedback(
    client: FlaskClient, browser: Browser
) -> None:
    browser.register("learner")
    attempt_id = browser.submit_and_get_id(GOOD_ANSWER)
    html = unescape(client.get(f"/attempts/{attempt_id}").get_data(as_text=True))
    report = evaluate(GOOD_ANSWER, RUBRIC, QUESTION)
    assert f'<span class="score-value">{report.marks:g}</span>' in html
    assert f"/ {report.max_marks}" in html
    assert html.count('<svg class="bar"') == len(report.dimensions)
    for dimension in report.dimensions:
        assert dimension.label in html
    covered = [c for c in report.concepts if c.status == "covered"]
    assert covered, "the test answer should cover something"
    for concept in covered:
        assert f'title="Covered: {concept.label}' in html or f"Covered: {concept.label}" in html
    assert re.search(r'<mark class="hl hl-covered"[^>]*>CEPA</mark>', html)
    relevant = {d.id for d in report.dimensions}
    for concept in report.concepts:
        if concept.status == "missing" and concept.dimension in relevant:
            assert concept.source_note in html
    assert 'id="structure-heading"' in html
    assert "<details" in html and "Show the model answer" in html
    assert f'href="{WRITE_URL}?from={attempt_id}"' in html


def test_result_page_shows_the_same_comment_and_steps_as_the_report(
    app: Flask, client: FlaskClient, browser: Browser
) -> None:
    browser.register("stepper")
    attempt_id = browser.submit_and_get_id(GOOD_ANSWER)
    html = unescape(client.get(f"/attempts/{attempt_id}").get_data(as_text=True))
    feedback = evaluate(GOOD_ANSWER, RUBRIC, QUESTION).feedback
    assert feedback.comment in html
    card = html.split('id="next-steps"', 1)[1].split("</section>", 1)[0]
    shown = re.findall(
        r'<span class="step-text">(.*?)</span> <span class="pill pill-gain">(.*?)<', card
    )
    assert shown == [(s.text, s.worth) for s in feedback.next_steps[:5]]
    if feedback.more_steps:
        assert f"{len(feedback.more_steps)} more step" in card

    # an attempt marked before next steps existed still shows, without the card
    from webapp.db import get_session
    from webapp.models import Attempt

    with app.app_context():
        session = get_session()
        attempt = session.get(Attempt, attempt_id)
        data = json.loads(attempt.report_json)
        for key in ("comment", "next_steps", "more_steps"):
            del data["feedback"][key]
        attempt.report_json = json.dumps(data)
        session.commit()
    old = client.get(f"/attempts/{attempt_id}")
    assert old.status_code == 200
    page = old.get_data(as_text=True)
    assert 'id="next-steps"' not in page and 'id="all-improvements" open' in page


def test_rewrite_starts_from_the_earlier_text(client: FlaskClient, browser: Browser) -> None:
    browser.register("rewriter")
    attempt_id = browser.submit_and_get_id("Japan and India <b>cooperate</b> in the Quad.")
    page = client.get(f"{WRITE_URL}?from={attempt_id}").get_data(as_text=True)
    assert "Japan and India &lt;b&gt;cooperate&lt;/b&gt; in the Quad.</textarea>" in page
    assert 'data-prefilled="true"' in page


def test_a_rewrite_starts_only_from_an_answer_to_the_same_question(
    client: FlaskClient, browser: Browser
) -> None:
    # web trial 28b: ?from= on another question's page filled its editor with the first answer
    browser.register("wanderer")
    attempt_id = browser.submit_and_get_id("Japan and India cooperate in the Quad.")
    other = f"/write/{RUBRIC}/defence-cooperation"
    assert other != WRITE_URL
    page = client.get(f"{other}?from={attempt_id}").get_data(as_text=True)
    assert "Japan and India cooperate in the Quad.</textarea>" not in page
    assert 'data-prefilled="true"' not in page
    assert f"Attempt {attempt_id} answers another question" in page


def test_a_tutor_is_not_offered_to_rewrite_a_learners_answer(
    app: Flask, client: FlaskClient
) -> None:
    # web trial 28b: a tutor reading a learner's attempt saw "Rewrite this answer"
    learner = Browser(app.test_client())
    learner.register("writer")
    attempt_id = learner.submit_and_get_id("Japan and India cooperate in the Quad.")
    assert 'id="rewrite"' in learner.client.get(f"/attempts/{attempt_id}").get_data(as_text=True)
    tutor = Browser(client)
    tutor.register("reader")
    make_tutor(app, "reader")
    page = client.get(f"/attempts/{attempt_id}").get_data(as_text=True)
    assert "writer&#39;s answer" in page or "writer's answer" in page
    assert 'id="rewrite"' not in page


def test_history_charts_marks_and_diffs_concepts(client: FlaskClient, browser: Browser) -> None:
    browser.register("improver")
    first = browser.submit_and_get_id("Japan and India are partners. CEPA helps trade.")
    # one attempt is one, not "1 attempt(s)" (session 32)
    html = unescape(client.get("/history/").get_data(as_text=True))
    assert " · 1 attempt</p>" in html and "Marks over 1 graded attempt: " in html
    assert "(s)" not in html
    second = browser.submit_and_get_id(GOOD_ANSWER)
    html = client.get("/history/").get_data(as_text=True)
    assert " · 2 attempts</p>" in html and "Marks over 2 graded attempts: " in unescape(html)
    assert f'href="/attempts/{first}"' in html and f'href="/attempts/{second}"' in html
    assert '<polyline class="chart-line"' in html
    assert html.count('class="chart-point"') == 2
    # each point is named as its page and the table name the attempt (web trial 28b: the chart
    # said "Attempt 2" of the page that says "Attempt 7")
    assert f"<title>Attempt {second}: " in html
    before = set(_credited("Japan and India are partners. CEPA helps trade."))
    after = _credited(GOOD_ANSWER)
    gained = [label for cid, label in after.items() if cid not in before]
    assert gained
    for label in gained:
        assert f"+ {label}" in html


def test_the_chart_caption_names_the_lows_and_highs_between_the_first_and_last() -> None:
    # session 32: "from 8 to 9.5 out of 15" of marks that fell to 1.5 and rose to 10 between
    from types import SimpleNamespace

    from webapp.charts import marks_chart

    def caption(*marks: float) -> str:
        graded = [SimpleNamespace(id=i, marks=m, max_marks=15) for i, m in enumerate(marks, 1)]
        chart = marks_chart(graded)  # type: ignore[arg-type]
        assert chart is not None
        return chart.summary

    assert caption(8, 1.5, 10, 9.5) == (
        "Marks over 4 graded attempts: from 8 to 9.5 out of 15 (lowest 1.5, highest 10)."
    )
    assert (
        caption(8, 1.5, 9.5)
        == "Marks over 3 graded attempts: from 8 to 9.5 out of 15 (lowest 1.5)."
    )
    assert caption(8, 9, 9.5) == "Marks over 3 graded attempts: from 8 to 9.5 out of 15."
    assert caption(6) == "Marks over 1 graded attempt: 6 out of 15."


def test_the_chart_names_attempts_as_the_table_does(client: FlaskClient, browser: Browser) -> None:
    """Trial s42: the chart's axis read 1, 2 beside the table's rows #1 and #12 (an attempt at
    another question came between)."""
    browser.register("numbers")
    first = browser.submit_and_get_id("Japan and India are partners. CEPA helps trade.")
    other = browser.submit("Japan funds metros.", url="/write/india-japan/defence-cooperation")
    assert other.status_code == 302
    second = browser.submit_and_get_id(GOOD_ANSWER)
    html = client.get("/history/").get_data(as_text=True)
    tick = r'<text class="chart-tick[^"]*"[^>]*text-anchor="middle">([^<]*)</text>'
    ticks = re.findall(tick, html)
    assert f"#{first}" in ticks and f"#{second}" in ticks and second - first == 2, ticks
    assert "2" not in ticks  # no place numbers


def _history_row(html: str, attempt_id: int) -> str:
    """The history table's row of one attempt (its HTML)."""
    return html.split(f'data-attempt-id="{attempt_id}"', 1)[1].split("</tr>", 1)[0]


def test_history_names_the_cap_a_rewrite_lifted(
    app: Flask, client: FlaskClient, browser: Browser
) -> None:
    """Marks that rose because a cap no longer applies say so: the learner who rewrote the
    passage copied from the notes sees why the marks went up, even with no point gained. The
    name is said once, and a stored code the page does not know is shown escaped."""
    copied = evaluate(COPIED_ANSWER, RUBRIC, QUESTION)
    rewritten = evaluate(REWRITTEN_ANSWER, RUBRIC, QUESTION)
    assert "copied_source" in copied.advisory_codes()
    assert "copied_source" not in rewritten.advisory_codes() and rewritten.marks > copied.marks
    browser.register("rewriter")
    first = browser.submit_and_get_id(COPIED_ANSWER)
    second = browser.submit_and_get_id(REWRITTEN_ANSWER)
    html = client.get("/history/").get_data(as_text=True)
    row = _history_row(html, second)
    assert row.count("No longer capped: copied from the notes") == 1
    assert f"{rewritten.marks - copied.marks:+g}" in row
    assert "No longer capped" not in _history_row(html, first)  # nothing came before it
    third = browser.submit_and_get_id(COPIED_ANSWER)  # pasted again: capped again, not lifted
    row = _history_row(client.get("/history/").get_data(as_text=True), third)
    assert "No longer capped" not in row
    # and the cap it brings back is named where the marks fell (trial 31c: a drop under a new
    # cap listed only the points lost)
    assert row.count("Now capped: copied from the notes") == 1
    assert "Now capped" not in _history_row(client.get("/history/").get_data(as_text=True), second)

    from webapp.db import get_session
    from webapp.models import Attempt

    with app.app_context():
        session = get_session()
        attempt = session.get(Attempt, first)
        data = json.loads(attempt.report_json)
        (advisory,) = [a for a in data["advisories"] if a["code"] == "copied_source"]
        data["advisories"] += [advisory, {**advisory, "code": "<b>odd</b>"}]
        attempt.report_json = json.dumps(data)
        session.commit()
    row = _history_row(client.get("/history/").get_data(as_text=True), second)
    assert row.count("No longer capped: copied from the notes") == 1
    assert "No longer capped: &lt;b&gt;odd&lt;/b&gt;" in row and "<b>odd</b>" not in row


def test_a_rewrite_of_an_older_attempt_is_compared_with_that_attempt(
    app: Flask, client: FlaskClient, browser: Browser
) -> None:
    """A learner trial: after attempts #1 (copied from the notes) and #2, rewriting #1 showed the
    change from #2. The history measures a rewrite from the answer it rewrites, and says so."""
    copied = evaluate(COPIED_ANSWER, RUBRIC, QUESTION)
    rewritten = evaluate(REWRITTEN_ANSWER, RUBRIC, QUESTION)
    good = evaluate(GOOD_ANSWER, RUBRIC, QUESTION)
    assert f"{rewritten.marks - copied.marks:+g}" != f"{rewritten.marks - good.marks:+g}"
    browser.register("reviser")
    first = browser.submit_and_get_id(COPIED_ANSWER)
    second = browser.submit_and_get_id(GOOD_ANSWER)
    done = browser.submit(REWRITTEN_ANSWER, url=f"{WRITE_URL}?from={first}")
    assert done.status_code == 302
    third = int(done.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    html = client.get("/history/").get_data(as_text=True)
    row = _history_row(html, third)
    assert f"{rewritten.marks - copied.marks:+g}" in row
    assert f"since #{first}, the answer it rewrites" in row
    assert "No longer capped: copied from the notes" in row  # #1's cap, lifted by the rewrite
    assert f"since #{first}<" in _history_row(html, second).replace("</span>", "<")
    # a plain submission after it is measured from the attempt before it again
    fourth = browser.submit_and_get_id(GOOD_ANSWER)
    row = _history_row(client.get("/history/").get_data(as_text=True), fourth)
    assert f"since #{third}<" in row.replace("</span>", "<") and "rewrites" not in row


def test_a_rewrite_from_nothing_of_yours_is_still_saved_as_a_new_answer(
    app: Flask, client: FlaskClient
) -> None:
    """``from`` naming another learner's attempt, another question's, no attempt or no number
    never costs the answer: it is saved and compared with the learner's attempt before it."""
    from webapp.db import get_session
    from webapp.models import Attempt

    other = Browser(app.test_client())
    other.register("someone-else")
    theirs = other.submit_and_get_id("Japan and India cooperate in the Quad.")
    browser = Browser(client)
    browser.register("careful")
    mine = browser.submit_and_get_id(GOOD_ANSWER)
    elsewhere = browser.submit(
        "India and Japan hold naval exercises.", url=f"/write/{RUBRIC}/defence-cooperation"
    )
    assert elsewhere.status_code == 302
    off_question = int(elsewhere.headers["Location"].rsplit("/", 1)[1])
    for source in (str(theirs), str(off_question), "99999999", "9" * 40, "-1", "x", "%00"):
        done = browser.submit(COPIED_ANSWER, url=f"{WRITE_URL}?from={source}")
        assert done.status_code == 302, source
        saved = int(done.headers["Location"].rsplit("/", 1)[1])
        with app.app_context():
            attempt = get_session().get(Attempt, saved)
            assert attempt is not None and attempt.answer == COPIED_ANSWER
            assert attempt.rewrite_of is None, source
    assert "rewrites" not in client.get("/history/").get_data(as_text=True)
    assert mine


def _credited(answer: str) -> dict[str, str]:
    report = evaluate(answer, RUBRIC, QUESTION)
    return {c.id: c.label for c in report.concepts if c.status in ("covered", "partial")}


def test_rubric_pages_are_for_tutors(app: Flask, client: FlaskClient, browser: Browser) -> None:
    assert client.get(f"/rubrics/{RUBRIC}").status_code == 302  # visitors sign in first
    browser.register("student")
    assert client.get("/rubrics/").status_code == 403
    assert client.get(f"/rubrics/{RUBRIC}").status_code == 403
    make_tutor(app, "student")
    html = client.get(f"/rubrics/{RUBRIC}").get_data(as_text=True)
    rubric = load_rubric(RUBRIC).rubric
    for _dimension, concept in rubric.concepts():
        assert concept.id in html
    assert rubric.questions[0].text in html
    # a question that counts only some points of a dimension names them
    quad = rubric.question("pyq-2020-quad-trade-bloc")
    kept = next(d for d in quad.dimensions if d.concepts)
    assert f"only {', '.join(kept.concepts)}" in html
    assert RUBRIC in client.get("/rubrics/").get_data(as_text=True)
    assert client.get("/rubrics/no-such-rubric").status_code == 404


def test_tutor_history_lists_every_learner(app: Flask, client: FlaskClient) -> None:
    one, two = Browser(app.test_client()), Browser(app.test_client())
    one.register("learner-one")
    two.register("learner-two")
    a = one.submit_and_get_id("Japan is a Quad partner of India.")
    b = two.submit_and_get_id("CEPA came in 2011.")
    tutor = Browser(client)
    tutor.register("tutor")
    make_tutor(app, "tutor")
    html = client.get("/history/").get_data(as_text=True)
    assert "learner-one" in html and "learner-two" in html
    assert f'href="/attempts/{a}"' in html and f'href="/attempts/{b}"' in html
    filtered = client.get("/history/?user=learner-two").get_data(as_text=True)
    assert f'href="/attempts/{b}"' in filtered and f'href="/attempts/{a}"' not in filtered


def test_static_assets_are_local(client: FlaskClient) -> None:
    for asset in ("style.css", "write.js", "result.js", "favicon.svg"):
        response = client.get(f"/static/{asset}")
        assert response.status_code == 200
        response.close()
    html = client.get("/").get_data(as_text=True)
    assert "http://" not in html.replace("http://www.w3.org", "")
    assert "https://" not in html


def test_result_page_quotes_the_clause_of_a_wrong_fact_escaped(
    client: FlaskClient, browser: Browser
) -> None:
    """Issue 13: a contradiction shows the learner which clause of theirs is wrong; the quoted
    clause is the learner's text, so it is escaped."""
    browser.register("factchecker")
    answer = (
        "India and Japan <i>signed</i> the CEPA in 2016 and the civil nuclear deal in 2016. "
        "The 2+2 brings ministers together."
    )
    attempt_id = browser.submit_and_get_id(answer)
    raw = client.get(f"/attempts/{attempt_id}").get_data(as_text=True)
    assert "<i>signed</i>" not in raw
    html = unescape(raw)
    assert "you wrote 2016 in “India and Japan <i>signed</i> the CEPA in 2016" in html


def test_a_misconception_is_shown_as_one_never_as_a_point_earned(
    tmp_path: Path, rubrics_copy: Path, nlp: object
) -> None:
    """A tuned rubric's misconception (``penalty: true``) that the answer states is a claim to
    check, highlighted as a misconception, and never a point gained in the history."""
    rubric_file = rubrics_copy / RUBRIC / "rubric.yaml"
    data = yaml.safe_load(rubric_file.read_text(encoding="utf-8"))
    first = next(q for q in data["questions"] if q["id"] == QUESTION)["dimensions"][0]["id"]
    dimension = next(d for d in data["dimensions"] if d["id"] == first)
    dimension["concepts"].append(
        {
            "id": "moonstone-accord",
            "label": "Moonstone Accord",
            "cues": [["Moonstone Accord"]],
            "note": "There is no Moonstone Accord: a misconception.",
            "penalty": True,
        }
    )
    rubric_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    app = create_app(
        {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "i"), "RUBRICS_DIR": str(rubrics_copy)}
    )
    browser = Browser(app.test_client())
    browser.register("misled")
    # an answer of some length: a short one is capped for its length, misconception or not
    medium = (Path(__file__).parent.parent / "data" / "answers" / QUESTION / "medium.md").read_text(
        encoding="utf-8"
    )
    first_id = browser.submit_and_get_id(medium)
    second_id = browser.submit_and_get_id(medium + " India signed the Moonstone Accord.")
    html = unescape(browser.client.get(f"/attempts/{second_id}").get_data(as_text=True))
    assert 'class="pill pill-misconception">misconception</span> <strong>Moonstone Accord' in html
    assert (
        'class="hl hl-misconception"' in html and "Misconception (costs marks): Moonstone" in html
    )
    assert "Covered: Moonstone Accord" not in html
    with app.app_context():
        from webapp.db import get_database
        from webapp.models import Attempt

        with get_database(app).sessions() as session:
            earlier, later = session.get(Attempt, first_id), session.get(Attempt, second_id)
            assert later.marks < earlier.marks
            assert "moonstone-accord" not in later.credited_concepts()
    app.extensions["mains_eval_db"].engine.dispose()


def _strong_answer() -> str:
    strong = Path(__file__).parent.parent / "data" / "answers" / QUESTION / "strong.md"
    return strong.read_text(encoding="utf-8")


def _result_page(client: FlaskClient, browser: Browser, user: str, answer: str) -> str:
    """The result page of this answer, submitted by a new learner, as text."""
    browser.register(user)
    attempt_id = browser.submit_and_get_id(answer)
    return unescape(client.get(f"/attempts/{attempt_id}").get_data(as_text=True))


def test_the_full_list_of_improvements_does_not_repeat_the_advisories(
    client: FlaskClient, browser: Browser
) -> None:
    text = _strong_answer()
    answer = text + "\n\n" + text.replace("Japan", "Tokyo")  # far over the word limit
    html = _result_page(client, browser, "verbose", answer)
    report = client.post(
        "/api/v1/evaluate", json={"rubric": RUBRIC, "question_id": QUESTION, "answer": answer}
    ).json
    (advisory,) = [a for a in report["advisories"] if a["code"] == "over_limit"]
    parts = html.split('id="all-improvements"', 1)
    listed = parts[1].split("</ol>", 1)[0] if len(parts) == 2 else ""
    assert advisory["message"] in html and advisory["message"] not in listed


def test_misspelt_key_terms_are_named_on_the_result_page(
    client: FlaskClient, browser: Browser
) -> None:
    text = _strong_answer()
    assert "Pathankot" in text
    html = _result_page(client, browser, "speller", text.replace("Pathankot", "Pathankott"))
    advisories = html.split('id="adv-heading"', 1)[1].split("</section>", 1)[0]
    assert "spelling" in advisories and "“Pathankott” (Pathankot)" in advisories


def _with_learned_phrases(rubrics_copy: Path) -> None:
    """The bundled rubric with what `rubric tune` adds to a question: a dimension of phrases
    learned from a tutor's marks ('metro' and 'peaceful' are in the medium answer, 'bullet
    train' is not)."""
    from evaluator.rubric.model import learned_dimension_id

    rubric_file = rubrics_copy / RUBRIC / "rubric.yaml"
    data = yaml.safe_load(rubric_file.read_text(encoding="utf-8"))
    learned = learned_dimension_id(QUESTION)
    note = "Learned from 40 graded answers (9 high, 1 low of the 10 using it): answers that write "
    data["dimensions"].append(
        {
            "id": learned,
            "label": "Learned from the tutor's marks",
            "concepts": [
                {
                    "id": f"learned-{w.replace(' ', '-')}",
                    "label": w,
                    "cues": [[w]],
                    "note": f"{note}'{w}'.",
                }
                for w in ("metro", "peaceful", "bullet train")
            ],
        }
    )
    question = next(q for q in data["questions"] if q["id"] == QUESTION)
    question["dimensions"].append({"id": learned, "weight": 1.0})
    rubric_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_learned_phrases_are_never_points_lost_nor_covered_points(
    tmp_path: Path, rubrics_copy: Path, nlp: object
) -> None:
    """Trial 38: with a tuned rubric, a learner's history listed the learned phrase "- appeals"
    under "Points lost", the result page highlighted "Covered: provide" and counted the learned
    dimension "3/4 points". A phrase learned from marks is the tutor's instrument, not a point
    to make: its span stays marked (the marks stay traceable), as what it is."""
    _with_learned_phrases(rubrics_copy)
    app = create_app(
        {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "i"), "RUBRICS_DIR": str(rubrics_copy)}
    )
    browser = Browser(app.test_client())
    browser.register("tuned-learner")
    medium = (Path(__file__).parent.parent / "data" / "answers" / QUESTION / "medium.md").read_text(
        encoding="utf-8"
    )
    first_id = browser.submit_and_get_id(medium)
    second_id = browser.submit_and_get_id(medium.replace("the metro", "the railways"))
    html = unescape(browser.client.get(f"/attempts/{first_id}").get_data(as_text=True))
    assert "Covered: metro" not in html and "Covered: peaceful" not in html
    assert 'class="hl hl-marked-up"' in html
    assert "Like answers the tutor marked high (earns marks): metro" in html
    head = re.search(r"<span>Learned from the tutor's marks</span><span[^>]*>([^<]*)</span>", html)
    assert head and "points" not in head.group(1), head
    assert "bullet train" not in html  # a learned phrase the answer lacks is named nowhere
    history = unescape(browser.client.get("/history/").get_data(as_text=True))
    row = _history_row(history, second_id)
    assert "metro" not in row and "Points lost" in history
    assert "metro" not in _history_row(history, first_id)
    app.extensions["mains_eval_db"].engine.dispose()


def test_a_short_answers_result_shows_no_essay_structure(
    tmp_path: Path, rubrics_copy: Path, nlp: object
) -> None:
    """Session 40 (teacher trial s40t): a short answer's marks are its points alone, so its
    result page has no Structure card ("Introduction: no, Conclusion: no"); an essay's has."""
    rubric_file = rubrics_copy / RUBRIC / "rubric.yaml"
    data = yaml.safe_load(rubric_file.read_text(encoding="utf-8"))
    question = next(q for q in data["questions"] if q["id"] == QUESTION)
    medium = (Path(__file__).parent.parent / "data" / "answers" / QUESTION / "medium.md").read_text(
        encoding="utf-8"
    )
    pages = {}
    for kind in ("mains", "short"):
        question["kind"] = kind
        rubric_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        app = create_app(
            {
                "TESTING": True,
                "INSTANCE_PATH": str(tmp_path / kind),
                "RUBRICS_DIR": str(rubrics_copy),
            }
        )
        browser = Browser(app.test_client())
        browser.register(f"{kind}-learner")
        attempt = browser.submit_and_get_id(medium)
        pages[kind] = unescape(browser.client.get(f"/attempts/{attempt}").get_data(as_text=True))
        app.extensions["mains_eval_db"].engine.dispose()
    assert 'id="structure-heading"' in pages["mains"]
    assert 'id="structure-heading"' not in pages["short"]
    assert "Introduction: <strong>" not in pages["short"]
