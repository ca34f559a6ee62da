"""Safe defaults for every response: security headers, a strict Content-Security-Policy built
from Dash's own script hashes, and a clear 400 (never a 500 with a traceback) for callback
requests that are not what the page itself would send."""

from __future__ import annotations

import logging
import re

from dash.exceptions import DependencyException
from flask import jsonify, request
from werkzeug.exceptions import HTTPException

__all__ = ["harden", "MAX_REQUEST_BYTES", "FRAME_ANCESTORS", "frame_origins"]

MAX_REQUEST_BYTES = 1_000_000
CALLBACK_PATH = "/_dash-update-component"
log = logging.getLogger(__name__)


FRAME_ANCESTORS = "OPPOSITIONS_FRAME_ANCESTORS"  # setting: origins that may frame the chart-only mode
ORIGIN = re.compile(r"https?://[a-z0-9.-]+(:[0-9]{1,5})?", re.IGNORECASE)


def frame_origins(setting: str | None) -> tuple[str, ...]:
    """The origins an operator lists (space- or comma-separated); anything that is not a plain
    ``scheme://host[:port]`` is refused, so that a typo cannot open the page to every site."""
    found = [o.rstrip("/") for o in re.split(r"[\s,]+", setting or "") if o]
    bad = [o for o in found if not ORIGIN.fullmatch(o)]
    if bad:
        raise ValueError(f"{FRAME_ANCESTORS}: not an origin (scheme://host[:port]): {', '.join(bad)}")
    return tuple(found)


def content_security_policy(script_hashes: list[str], frame_ancestors: tuple[str, ...] = ()) -> str:
    """Scripts only from this server (and Dash's inline bootstrap, by hash); framed only by
    ``frame_ancestors`` (none by default)."""
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' " + " ".join(script_hashes),
        "style-src 'self' 'unsafe-inline'",  # Plotly and React set inline styles
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors " + (" ".join(frame_ancestors) if frame_ancestors else "'none'"),
    ])


# What a callback raises when the values it was sent are not what the page sends (a client's
# fault, 400); any other exception is the server's (500).
BAD_VALUES = (TypeError, ValueError, KeyError, IndexError, AttributeError)


def _refused(status: int, message: str):
    response = jsonify({"error": message})
    response.status_code = status
    return response


def _bad_request(message: str):
    return _refused(400, message)


def harden(dash_app) -> None:
    """Add the headers, the request checks and the error handler to a Dash app's server."""
    server = dash_app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    hashes = dash_app.csp_hashes()
    policy = content_security_policy(hashes)
    try:
        origins = frame_origins(server.config.get(FRAME_ANCESTORS))
    except ValueError as problem:  # a setting's typo: one line, and no server that frames wrongly
        raise SystemExit(str(problem)) from None
    framed_policy = content_security_policy(hashes, origins)

    @server.after_request
    def headers(response):
        framed = bool(origins) and request.args.get("embed") == "1" and response.mimetype == "text/html"
        response.headers["Content-Security-Policy"] = framed_policy if framed else policy
        response.headers["X-Content-Type-Options"] = "nosniff"
        if not framed:  # the CSP's frame-ancestors names the sites; X-Frame-Options cannot
            response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        return response

    @server.before_request
    def check_callback_request():
        """A callback request must be a JSON object naming a callback this app has."""
        if request.path != CALLBACK_PATH:
            return None
        if request.method != "POST":
            return _bad_request("callback requests are POSTed")
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            return _bad_request("the body is not a JSON object")
        output = body.get("output")
        if not isinstance(output, str) or output not in dash_app.callback_map:
            return _bad_request("no such callback")
        for key in ("inputs", "changedPropIds"):
            if not isinstance(body.get(key), list):
                return _bad_request(f"'{key}' must be a list")
        return None

    @server.errorhandler(413)
    def too_large(_error):
        return _bad_request(f"the request is larger than {MAX_REQUEST_BYTES} bytes")

    @server.errorhandler(Exception)
    def failed(error):
        """Log the details for the operator; tell the reader only what went wrong, in one line:
        a request that could not be read or names nothing the app serves is the client's (4xx),
        anything else the server's (500), never the other way round."""
        if isinstance(error, HTTPException) and (error.code or 500) < 500:
            return error
        code = getattr(error, "code", None)  # gunicorn's errors reading a broken body carry their status
        if isinstance(error, DependencyException):
            return _refused(404, "no such file")
        if isinstance(code, int) and 400 <= code < 500:
            return _refused(code, "the request could not be read")
        log.warning("refused %s %s: %r", request.method, request.path, error)
        if request.path == CALLBACK_PATH and isinstance(error, BAD_VALUES):
            return _bad_request("the callback could not use these values")
        return _refused(500, "the server could not answer this request; try again")
