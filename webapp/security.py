"""Security plumbing: the secret key, CSRF protection and the response headers."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from flask import Flask, Response, request
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()

SECRET_KEY_FILE = "secret_key"

# No inline script and no inline style anywhere: every script and stylesheet is a local file.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def init_app(app: Flask) -> None:
    """Set the secret key, enable CSRF on every form and add the headers to every response."""
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ.get("MAINS_EVAL_SECRET_KEY") or load_or_create_key(
            Path(app.instance_path)
        )
    csrf.init_app(app)
    app.after_request(add_security_headers)


def load_or_create_key(instance: Path) -> str:
    """The key stored in the instance folder, generated once (atomically, so that several worker
    processes starting together agree on one key)."""
    path = instance / SECRET_KEY_FILE
    if not path.exists():
        tmp = instance / f".{SECRET_KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(32))
        # link() fails if another process won the race; then everyone reads the winner's key
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
        tmp.unlink()
    return path.read_text(encoding="ascii").strip()


def add_security_headers(response: Response) -> Response:
    """Headers on every response; pages with personal content are never cached."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if not request.path.startswith("/static/"):
        response.headers.setdefault("Cache-Control", "no-store")
    return response
