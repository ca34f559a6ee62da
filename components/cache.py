"""A shared cache of computed figures: in-process by default, Redis when configured.

Set ``OPPOSITIONS_REDIS_URL=redis://host:6379/0`` to share the cache between gunicorn workers
and machines. Callbacks keep no other state, so any number of workers can serve one reader.
Keys carry the dataset's fingerprint, so two data folders never share an entry.

What goes to Redis is JSON (the figures are plain dicts), never pickle: Flask-Caching's Redis
backend unpickles what it reads, so anyone who could write one key could run code in every
worker. A value that is not this cache's JSON is ignored. If the cache fails (Redis down), the
figure is computed without it and the fault is logged once: a reader never gets an error for it.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Callable

from flask_caching import Cache
from flask_caching.backends.rediscache import RedisCache

__all__ = ["cache", "configure", "cached_figure", "JSONRedisCache"]

cache = Cache()
TIMEOUT = 6 * 3600  # hours, not days: a figure is rebuilt in a fraction of a second
JSON_MARK = b"json:"
LOG = logging.getLogger(__name__)
_faults = {"logged": False}


class JSONSerializer:
    """cachelib's serializer interface, in JSON; what it did not write reads as a miss."""

    def dumps(self, value) -> bytes:
        return JSON_MARK + json.dumps(value, separators=(",", ":")).encode("utf-8")

    def loads(self, raw):
        if not isinstance(raw, bytes) or not raw.startswith(JSON_MARK):
            return None
        try:
            return json.loads(raw[len(JSON_MARK):])
        except ValueError:
            return None


class JSONRedisCache(RedisCache):
    """Flask-Caching's Redis backend with the JSON serializer instead of pickle."""

    serializer = JSONSerializer()


def configure(server) -> str:
    """Attach the cache to a Flask server; return the backend's name."""
    url = os.environ.get("OPPOSITIONS_REDIS_URL")
    if url:
        config = {"CACHE_TYPE": "components.cache.JSONRedisCache", "CACHE_REDIS_URL": url,
                  "CACHE_KEY_PREFIX": "oppositions:"}
    else:
        config = {"CACHE_TYPE": "SimpleCache", "CACHE_THRESHOLD": 2000}
    cache.init_app(server, config={**config, "CACHE_DEFAULT_TIMEOUT": TIMEOUT})
    return config["CACHE_TYPE"]


def cached_figure(key: str, build: Callable) -> dict:
    """The figure for ``key`` as a plain dict, built (and stored) on a miss; ``build`` returns a
    JSON-ready dict."""
    try:
        hit = cache.get(key)
    except Exception as error:  # Redis down or refusing: compute without the cache
        _fault(error)
        hit = None
    if hit is not None:
        return hit
    figure = build()
    try:
        cache.set(key, figure)
    except Exception as error:
        _fault(error)
    return figure


def _fault(error: Exception) -> None:
    """Log the first cache fault of a worker (and no more: an outage would fill the log)."""
    if not _faults["logged"]:
        _faults["logged"] = True
        LOG.warning("figure cache unavailable, computing without it: %s", error)

