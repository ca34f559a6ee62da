"""The page's plotly.js: a strict bundle of the dashboard's own traces, so that WebGL charts draw
under our CSP and the page parses less before its first chart.

The standard plotly.js bundle compiles its WebGL (regl) shaders with ``new Function``. Our
Content-Security-Policy forbids that (no ``'unsafe-eval'``), so past
:data:`oppositions.figures.network.WEBGL_THRESHOLD` persons the network showed only Plotly's
"WebGL is not supported" notice. ``components/vendor/`` holds plotly.js of the version Dash
would serve, bundled with the traces the charts draw (scatter, scattergl in its strict,
precompiled form, bar, heatmap, sankey): 2 MB instead of the 5 MB of every trace (see its
README).

Dash's page loads plotly.js itself, asynchronously, from a fixed address when the first graph
mounts. :func:`serve_strict_bundle` answers that address with this bundle, so the page loads
exactly as before, only with a bundle that needs no ``eval``.
"""

from __future__ import annotations

import gzip
import hashlib
from functools import lru_cache
from pathlib import Path

import flask

__all__ = ["serve_strict_bundle", "STRICT_BUNDLE", "PLOTLYJS_ROUTE", "bundle_version"]

STRICT_BUNDLE = Path(__file__).parent / "vendor" / "plotly-dashboard.min.js"
# Where Dash's renderer fetches plotly.js when the app serves its files locally.
PLOTLYJS_ROUTE = "_dash-component-suites/plotly/package_data/plotly.min.js"
ONE_DAY = 24 * 3600


def bundle_version(bundle: Path = STRICT_BUNDLE) -> str:
    """The plotly.js version written in a bundle's banner, e.g. ``"4.1.1"``."""
    with bundle.open(encoding="utf-8") as handle:
        banner = handle.read(200)
    marker = ") v" if "(strict" in banner else "plotly.js v"
    return banner.split(marker, 1)[1].split()[0]


@lru_cache(maxsize=1)
def _bundle_bodies() -> tuple[bytes, bytes, str]:
    """The bundle as is and gzipped (once: 2 MB to 0.6 MB), and a tag of its content."""
    plain = STRICT_BUNDLE.read_bytes()
    return plain, gzip.compress(plain, compresslevel=9), hashlib.sha256(plain).hexdigest()[:20]


def _bundle_response(request: flask.Request) -> flask.Response:
    """The bundle for one request: gzipped when the browser takes it, cached for a day."""
    plain, packed, tag = _bundle_bodies()
    zipped = request.accept_encodings["gzip"] > 0
    response = flask.Response(packed if zipped else plain, mimetype="text/javascript")
    if zipped:
        response.headers["Content-Encoding"] = "gzip"
    response.headers["Vary"] = "Accept-Encoding"
    response.set_etag(tag + ("-gzip" if zipped else ""))
    response.cache_control.public = True
    response.cache_control.max_age = ONE_DAY
    return response.make_conditional(request)


def serve_strict_bundle(server: flask.Flask, pathname_prefix: str = "/") -> None:
    """Answer Dash's plotly.js address with the strict bundle.

    The rule is a fixed path, so Flask prefers it to Dash's ``<package>/<path>`` rule.
    """
    server.add_url_rule(pathname_prefix + PLOTLYJS_ROUTE, "strict_plotlyjs",
                        lambda: _bundle_response(flask.request))
