"""A shared cache of computed figures: in-process by default, Redis when configured.

Set ``OPPOSITIONS_REDIS_URL=redis://host:6379/0`` to share the cache between gunicorn workers
and machines. Callbacks keep no other state, so any number of workers can serve one reader.
Keys carry the dataset's fingerprint, so two data folders never share an entry.
"""

from __future__ import annotations

import os
from typing import Callable

from flask_caching import Cache

__all__ = ["cache", "configure", "cached_figure"]

cache = Cache()
TIMEOUT = 24 * 3600


def configure(server) -> str:
    """Attach the cache to a Flask server; return the backend's name."""
    url = os.environ.get("OPPOSITIONS_REDIS_URL")
    if url:
        config = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": url, "CACHE_KEY_PREFIX": "oppositions:"}
    else:
        config = {"CACHE_TYPE": "SimpleCache", "CACHE_THRESHOLD": 2000}
    cache.init_app(server, config={**config, "CACHE_DEFAULT_TIMEOUT": TIMEOUT})
    return config["CACHE_TYPE"]


def cached_figure(key: str, build: Callable) -> dict:
    """The figure for ``key`` as a plain dict, built (and stored) on a miss; ``build`` returns a
    JSON-ready dict."""
    hit = cache.get(key)
    if hit is not None:
        return hit
    figure = build()
    cache.set(key, figure)
    return figure

