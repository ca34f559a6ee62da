"""The page's plotly.js: the "strict" bundle, so that WebGL charts draw under our CSP.

The standard plotly.js bundle compiles its WebGL (regl) shaders with ``new Function``. Our
Content-Security-Policy forbids that (no ``'unsafe-eval'``), so past
:data:`oppositions.figures.network.WEBGL_THRESHOLD` persons the network showed only Plotly's
"WebGL is not supported" notice. plotly.js publishes a strict bundle of every release whose
regl code is precompiled; ``components/vendor/`` holds the one of the same version that Dash
would serve (see its README).

Dash's page loads plotly.js itself, asynchronously, from a fixed address when the first graph
mounts. :func:`serve_strict_bundle` answers that address with the strict bundle, so the page
loads exactly as before, only with a bundle that needs no ``eval``.
"""

from __future__ import annotations

from pathlib import Path

import flask

__all__ = ["serve_strict_bundle", "STRICT_BUNDLE", "PLOTLYJS_ROUTE", "bundle_version"]

STRICT_BUNDLE = Path(__file__).parent / "vendor" / "plotly-strict.min.js"
# Where Dash's renderer fetches plotly.js when the app serves its files locally.
PLOTLYJS_ROUTE = "_dash-component-suites/plotly/package_data/plotly.min.js"
ONE_DAY = 24 * 3600


def bundle_version(bundle: Path = STRICT_BUNDLE) -> str:
    """The plotly.js version written in a bundle's banner, e.g. ``"4.1.1"``."""
    with bundle.open(encoding="utf-8") as handle:
        banner = handle.read(200)
    marker = ") v" if "(strict" in banner else "plotly.js v"
    return banner.split(marker, 1)[1].split()[0]


def serve_strict_bundle(server: flask.Flask, pathname_prefix: str = "/") -> None:
    """Answer Dash's plotly.js address with the strict bundle.

    The rule is a fixed path, so Flask prefers it to Dash's ``<package>/<path>`` rule.
    """

    def strict_plotlyjs():
        return flask.send_file(STRICT_BUNDLE, mimetype="text/javascript", conditional=True,
                               max_age=ONE_DAY)

    server.add_url_rule(pathname_prefix + PLOTLYJS_ROUTE, "strict_plotlyjs", strict_plotlyjs)
