"""Helpers shared by the web app tests: constants, a learner-like form walker, a waitress
server thread. Kept out of conftest.py so test modules can import them by a unique name."""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import re
import selectors
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import IO, Any

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

QUESTION = "2plus2-significance"
RUBRIC = "india-japan"
WRITE_URL = f"/write/{RUBRIC}/{QUESTION}"
TUNE_URL = f"/rubrics/{RUBRIC}/tune"
PASSWORD = "correct horse 42"

GOOD_ANSWER = (
    "India and Japan hold a 2+2 dialogue of foreign and defence ministers.\n\n"
    "Economic ties: the Comprehensive Economic Partnership Agreement (CEPA) has applied since "
    "2011 and Japan is a major investor.\n\n"
    "Strategic ties: both are Quad partners and cooperate on a free and open Indo-Pacific; "
    "the Special Strategic and Global Partnership dates from 2014.\n\n"
    "In conclusion, the dialogue deepens the partnership."
)

PASTED = (
    "The third India–Japan 2+2 meeting of foreign and defence ministers took place in New "
    "Delhi. Both sides recommitted to a rules-based international order resting on the UN "
    "Charter. They intend to revise the 2008 Joint Declaration on Security Cooperation so that "
    "it reflects present-day priorities and threats."
)
"""Three sentences of the rubric's source notes, word for word."""
COPIED_ANSWER = (
    "The 2+2 dialogue matters for <b>India</b> and Japan.\n\n"
    + PASTED
    + "\n\nIn conclusion, the partnership is deepening through the Quad and CEPA."
)
"""An answer that pastes :data:`PASTED` between sentences of its own (one with a tag in it)."""
REWRITTEN_ANSWER = (
    "The 2+2 dialogue matters for India and Japan.\n\n"
    "Japan and India sent their foreign and defence ministers to Delhi for a third round of "
    "talks. The two countries promised again to uphold a world order based on rules and the UN "
    "Charter. They also plan to update their old security declaration from 2008 to match "
    "today's threats.\n\n"
    "In conclusion, the partnership is deepening through the Quad and CEPA."
)
""":data:`COPIED_ANSWER` with the pasted sentences put in the learner's own words."""

_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_token(html: str) -> str:
    """The CSRF token of the first form on a page."""
    match = _TOKEN.search(html)
    assert match, "page has no CSRF token"
    return match.group(1)


class Browser:
    """Walks the site like a learner: every POST carries the token of the page it came from."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def post_form(self, page: str, data: dict[str, str], url: str | None = None) -> TestResponse:
        """GET the page, then POST its form with the page's CSRF token."""
        html = self.client.get(page).get_data(as_text=True)
        return self.client.post(url or page, data={**data, "csrf_token": csrf_token(html)})

    def register(self, username: str, password: str = PASSWORD) -> TestResponse:
        """Create an account (and stay signed in)."""
        return self.post_form(
            "/auth/register", {"username": username, "password": password, "confirm": password}
        )

    def login(self, username: str, password: str = PASSWORD) -> TestResponse:
        """Sign in."""
        return self.post_form("/auth/login", {"username": username, "password": password})

    def logout(self) -> TestResponse:
        """Sign out through the nav form."""
        return self.post_form("/", {}, url="/auth/logout")

    def submit(self, answer: str, url: str = WRITE_URL) -> TestResponse:
        """Submit an answer; returns the redirect to the result (or the form with errors)."""
        return self.post_form(url, {"answer": answer})

    def submit_and_get_id(self, answer: str) -> int:
        """Submit an answer and return the new attempt's id."""
        response = self.submit(answer)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])


def register_in_browser(page: Any, base: str, username: str) -> None:
    """Register an account through the browser's registration form and wait for the home page."""
    page.goto(base + "/auth/register")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat password").fill(PASSWORD)
    page.get_by_role("button", name="Register").click()
    page.wait_for_url(base + "/")


def make_tutor(app: Flask, username: str) -> None:
    """Promote an account to tutor, as `mains-eval user promote` does."""
    from webapp.auth import find_user
    from webapp.db import get_database

    with get_database(app).sessions() as session:
        user = find_user(session, username)
        assert user is not None
        user.is_tutor = True
        session.commit()


def tune_in_browser(
    page: Any, app: Flask, base: str, username: str, graded: Path, folds: int | None = None
) -> None:
    """As a new tutor, upload a graded CSV on the tuning page and submit it: register through
    the browser, promote the account, open the page, choose the file, set the cross-validation
    folds (when given; else the form's default) and press "Score and tune". The caller waits for
    the part of the results it reads."""
    register_in_browser(page, base, username)
    make_tutor(app, username)
    page.goto(base + TUNE_URL)
    page.get_by_label("Graded CSV").set_input_files(str(graded))
    if folds is not None:
        page.get_by_label("Cross-validation folds").fill(str(folds))
    page.get_by_role("button", name="Score and tune").click()


class ServerThread:
    """The app under a real waitress server in a background thread, on a free port."""

    def __init__(self, app: Flask, threads: int = 8) -> None:
        from waitress.server import create_server

        self.server = create_server(app, host="127.0.0.1", port=0, threads=threads)
        self.port = int(self.server.effective_port)  # type: ignore[union-attr]
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        """Base URL."""
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ServerThread:
        self.thread.start()
        return self

    def _close_everything(self) -> None:
        # runs inside the server's loop thread: closing the sockets there (not from the test's
        # thread, mid-select) empties the loop's map, so the loop returns instead of failing
        for dispatcher in list(self.server._map.values()):  # type: ignore[union-attr]
            dispatcher.close()

    def __exit__(self, *exc: object) -> None:
        try:
            self.server.trigger.pull_trigger(self._close_everything)  # type: ignore[union-attr]
            self.thread.join(timeout=30)
        except OSError:
            # the trigger's pipe is gone (seen once in CI: EBADF): empty the loop's map from
            # here instead; the loop ends at its next turn (select times out within a second)
            # and the sockets are closed once it has
            dispatchers = list(self.server._map.values())  # type: ignore[union-attr]
            self.server._map.clear()  # type: ignore[union-attr]
            self.thread.join(timeout=30)
            for dispatcher in dispatchers:
                with contextlib.suppress(OSError):  # the trigger's closed end
                    dispatcher.close()
                if dispatcher.socket is not None:  # what the trigger's failed close left
                    dispatcher.socket.close()
        self.server.task_dispatcher.shutdown()  # type: ignore[union-attr]
        assert not self.thread.is_alive(), "the waitress thread did not stop"


class WebLearner:
    """A learner on a real HTTP connection (cookies, CSRF tokens), for concurrency tests."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def _token(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=60) as response:
            html = response.read().decode()
        match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
        assert match
        return match.group(1)

    def post(self, path: str, data: dict[str, str]) -> tuple[int, str]:
        """POST a form with the page's token; returns the final status and URL."""
        body = urllib.parse.urlencode({**data, "csrf_token": self._token(path)}).encode()
        with self.opener.open(self.base + path, data=body, timeout=120) as response:
            return response.status, response.url

    def register_and_submit(self, name: str, answers: list[str]) -> list[str]:
        """Register, then submit each answer; returns the result URLs."""
        self.post("/auth/register", {"username": name, "password": PASSWORD, "confirm": PASSWORD})
        urls = []
        for answer in answers:
            status, url = self.post(WRITE_URL, {"answer": answer})
            assert status == 200 and "/attempts/" in url
            urls.append(url)
        return urls


class ServerOutput:
    """A server process's output, read line by line with a deadline: a server that stalls fails
    the test with what it said, instead of hanging the run."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._fd = stream.fileno()
        self._buffer = b""
        self.said: list[str] = []

    def line(self, seconds: float = 120.0) -> str:
        """The next line ('' when the server closed its output)."""
        deadline = time.monotonic() + seconds
        with selectors.DefaultSelector() as selector:
            selector.register(self._fd, selectors.EVENT_READ)
            while b"\n" not in self._buffer:
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(left):
                    raise AssertionError(
                        f"the server said nothing for {seconds:.0f} s; it had said: "
                        + " | ".join(self.said[-8:])
                    )
                chunk = os.read(self._fd, 65536)
                if not chunk:
                    break
                self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\n")
        text = raw.decode("utf-8", errors="replace")
        if raw or _:
            self.said.append(text)
        return text + ("\n" if _ else "")
