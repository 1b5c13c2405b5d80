"""Error pages in the site's style (HTML) and as JSON under /api/."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from webtest_support import Browser

from webapp import create_app


def _site_page(html: str) -> bool:
    return 'class="site-header"' in html and "/static/style.css" in html


def test_404_page(client: FlaskClient) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert _site_page(html) and "Page not found" in html and "Traceback" not in html


def test_403_page(client: FlaskClient, browser: Browser) -> None:
    browser.register("learner")
    response = client.get("/rubrics/")
    assert response.status_code == 403
    html = response.get_data(as_text=True)
    assert _site_page(html) and "This page is for tutors." in html


def test_400_page(client: FlaskClient) -> None:
    response = client.post("/auth/login", data={"username": "a", "password": "b"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert _site_page(html) and "That request did not make sense" in html


def test_413_page(client: FlaskClient) -> None:
    response = client.post("/auth/login", data={"username": "a" * (1024 * 1024 + 1)})
    assert response.status_code == 413
    assert _site_page(response.get_data(as_text=True))


def test_405_page(client: FlaskClient) -> None:
    response = client.get("/auth/logout")
    assert response.status_code == 405
    assert _site_page(response.get_data(as_text=True))


def test_registration_closed_is_403(tmp_path: Path, nlp: object) -> None:
    app = create_app({"INSTANCE_PATH": str(tmp_path / "i"), "ALLOW_REGISTRATION": False})
    response = app.test_client().get("/auth/register")
    assert response.status_code == 403
    assert "ask your tutor" in response.get_data(as_text=True)
    app.extensions["mains_eval_db"].engine.dispose()


@pytest.fixture
def crashing_app(tmp_path: Path, nlp: object) -> Flask:
    """An app with one extra route that fails the way a bug would."""
    app = create_app({"INSTANCE_PATH": str(tmp_path / "i"), "PROPAGATE_EXCEPTIONS": False})

    def boom() -> str:
        raise RuntimeError("secret internal detail")

    app.add_url_rule("/boom", "boom", boom)
    app.add_url_rule("/api/v1/boom", "api_boom", boom)
    return app


def test_500_page_hides_the_traceback(crashing_app: Flask) -> None:
    response = crashing_app.test_client().get("/boom")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert _site_page(html) and "Something broke on our side" in html
    assert "secret internal detail" not in html and "Traceback" not in html


def test_api_errors_are_json(crashing_app: Flask) -> None:
    client = crashing_app.test_client()
    crash = client.get("/api/v1/boom")
    assert crash.status_code == 500
    assert crash.json == {
        "error": {"status": 500, "code": "internal_error", "message": "something broke on our side"}
    }
    missing = client.get("/api/v1/nothing-here")
    assert missing.status_code == 404 and missing.json["error"]["code"] == "not_found"
    wrong_method = client.get("/api/v1/evaluate")
    assert wrong_method.status_code == 405
    assert wrong_method.json["error"]["code"] == "method_not_allowed"
