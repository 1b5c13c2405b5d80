"""Error pages in the site's style, and JSON errors under /api/."""

from __future__ import annotations

from flask import Flask, Response, render_template, request, url_for
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from webapp.api import error_response
from webapp.ratelimit import rate_limit_message

TITLES = {
    400: "That request did not make sense",
    401: "Please sign in",
    403: "Not for you",
    404: "Page not found",
    405: "Method not allowed",
    413: "That was too much text",
    415: "Unsupported content type",
    429: "Too many attempts",
    500: "Something broke on our side",
}

ADVICE = {
    400: "Go back, reload the page and try again. A draft you were writing is still saved in this "
    "browser.",
    403: "Your account cannot open this page. Tutor pages need a tutor account.",
    404: "The address may be mistyped, or the page belongs to another account.",
    413: "A Mains answer is 150-250 words; your draft is still saved in this browser.",
    500: "The error has been logged. Your saved attempts are safe; please try again in a moment.",
}

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "request_too_large",
    415: "unsupported_media_type",
    429: "too_many_requests",
    500: "internal_error",
}


def _wants_json() -> bool:
    return request.path.startswith("/api/")


TUTOR_TITLES = {413: "That file was too large"}
TUTOR_ADVICE = {
    400: "Go back, reload the page and upload the file again.",
    413: "Split the graded set into smaller files, or tune it at the command line (mains-eval "
    "rubric tune), which has no upload limit.",
}
"""Titles and advice on the tutor tuning page, where no learner's draft is at stake."""


def size_in_words(size: int) -> str:
    """A byte count as the error pages say it: '8 MiB', '1.5 MiB', '512 KiB'."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.3g} MiB"
    return f"{size / 1024:.3g} KiB" if size >= 1024 else f"{size} bytes"


def _too_large() -> str:
    """What was too large, with the limit that applied to this very request (a view may raise
    its own, as the tuning page does for graded CSVs)."""
    limit = request.max_content_length
    where = " on this page" if _tuning_page() else ""
    if limit is None:
        return "The request was larger than the server accepts."
    return f"The request was larger than the server accepts{where} ({size_in_words(limit)})."


def _tuning_page() -> bool:
    return request.blueprint == "tuning"


def _back_link(status: int) -> tuple[str, str]:
    """Where the error page's button leads: back to the tuning page a tutor sent a file from,
    else the questions."""
    rubric_id = (request.view_args or {}).get("rubric_id")
    if _tuning_page() and rubric_id and status in (400, 413):
        return "Back to tuning", url_for("tuning.tune", rubric_id=rubric_id)
    return "Back to the questions", url_for("practice.home")


def render_error(status: int, message: str | None) -> tuple[Response | str, int]:
    """The error as a JSON body (API) or a page in the site style."""
    if status == 413 and message is None:
        message = _too_large()
    if _wants_json():
        default = TITLES.get(status, "error").lower()
        return error_response(status, CODES.get(status, "error"), message or default)
    title, advice = TITLES.get(status, "Error"), ADVICE.get(status)
    if _tuning_page():
        title = TUTOR_TITLES.get(status, title)
        advice = TUTOR_ADVICE.get(status, advice)
    back_label, back_url = _back_link(status)
    page = render_template(
        "errors/error.html",
        status=status,
        title=title,
        message=message,
        advice=advice,
        back_label=back_label,
        back_url=back_url,
    )
    return page, status


def handle_http_exception(exc: HTTPException) -> tuple[Response | str, int, dict[str, str]]:
    """Any 4xx/5xx raised with abort() or by werkzeug (keeping its Retry-After, if any)."""
    status = exc.code or 500
    description = exc.description if status != 500 else None
    # werkzeug's stock descriptions are written for developers; show ours unless abort() gave one
    stock = type(exc).description
    body, status = render_error(status, None if description == stock else description)
    headers = {name: value for name, value in exc.get_headers() if name == "Retry-After"}
    return body, status, headers


def handle_csrf_error(exc: CSRFError) -> tuple[Response | str, int]:
    """A form without a valid token."""
    return render_error(
        400, "The form's security token was missing or expired. Reload the page and submit again."
    )


def handle_rate_limit(exc: RateLimitExceeded) -> tuple[Response | str, int]:
    """Past a rate limit: say which, and when to come back (Retry-After is added for us)."""
    return render_error(429, rate_limit_message(exc))


def handle_internal_error(exc: InternalServerError) -> tuple[Response | str, int]:
    """An unexpected failure: a calm page, no traceback."""
    return render_error(500, None)


def init_app(app: Flask) -> None:
    """Register the handlers."""
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(RateLimitExceeded, handle_rate_limit)
    app.register_error_handler(InternalServerError, handle_internal_error)
    app.register_error_handler(HTTPException, handle_http_exception)
