"""A shared cache of computed figures: in-process by default, Redis when configured.

Set ``OPPOSITIONS_REDIS_URL=redis://host:6379/0`` to share the cache between gunicorn workers
and machines. Callbacks keep no other state, so any number of workers can serve one reader.
Keys carry the dataset's fingerprint, so two data folders never share an entry.

What goes to Redis is JSON (the figures are plain dicts), never pickle: Flask-Caching's Redis
backend unpickles what it reads, so anyone who could write one key could run code in every
worker. A value that is not this cache's JSON is ignored. If the cache fails (Redis down), the
figure is computed without it and the fault is logged once: a reader never gets an error for it.

The cost of the cache is bounded. In-process, each worker keeps at most
``OPPOSITIONS_CACHE_MB`` megabytes of figures (256 by default), the least recently used leaving
first; in Redis, entries live 6 hours and the server's ``maxmemory`` bounds the whole (a warning
is logged when the Redis has none). No single figure larger than :data:`ENTRY_MAX_BYTES` is
stored, and figures of a search (a highlight no story step names) are never stored: a client
sending random highlights costs computing time, not memory.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections import OrderedDict
from typing import Callable

from cachelib.base import BaseCache
from flask_caching import Cache
from flask_caching.backends.rediscache import RedisCache

__all__ = ["cache", "configure", "cached_figure", "JSONRedisCache", "BoundedCache"]

cache = Cache()
TIMEOUT = 6 * 3600  # hours, not days: a figure is rebuilt in a fraction of a second
JSON_MARK = b"json:"
LOG = logging.getLogger(__name__)
ENTRY_MAX_BYTES = 8 * 1024 * 1024  # a year of 10,000 persons is about 3 MB
DEFAULT_MB = 256
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

    def set(self, key, value, timeout=None):
        raw = self.serializer.dumps(value)
        if len(raw) > ENTRY_MAX_BYTES:
            return False
        return self._write_client.set(name=self._get_prefix() + key, value=raw,
                                      ex=self._normalize_timeout(timeout))


class BoundedCache(BaseCache):
    """An in-process LRU cache bounded in bytes: values are kept as their JSON (so a hit is a
    fresh copy that no caller can change) and the least recently used leave first once the
    total passes ``max_bytes``. Safe across the threads of one worker."""

    def __init__(self, max_bytes: int = DEFAULT_MB * 1024 * 1024, default_timeout: int = TIMEOUT):
        super().__init__(default_timeout)
        self.max_bytes = max_bytes
        self.bytes = 0
        self._entries: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry[0] < time.monotonic():
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            raw = entry[1]
        return json.loads(raw)

    def set(self, key, value, timeout=None):
        raw = json.dumps(value, separators=(",", ":")).encode("utf-8")
        if len(raw) > min(ENTRY_MAX_BYTES, self.max_bytes):
            self.delete(key)  # never leave an older value to be read for this key
            return False
        expires = time.monotonic() + (self.default_timeout if timeout is None else timeout or 10 ** 9)
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = (expires, raw)
            self.bytes += len(raw)
            while self.bytes > self.max_bytes:
                self._drop(next(iter(self._entries)))
        return True

    def delete(self, key):
        with self._lock:
            return self._drop(key)

    def has(self, key):
        return self.get(key) is not None

    def clear(self):
        with self._lock:
            self._entries.clear()
            self.bytes = 0
        return True

    def __len__(self) -> int:
        return len(self._entries)

    def _drop(self, key) -> bool:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self.bytes -= len(entry[1])
        return entry is not None


def bounded_cache(_app, config, _args, _kwargs):
    """Flask-Caching's factory for :class:`BoundedCache`."""
    return BoundedCache(max_bytes=config["CACHE_MAX_BYTES"], default_timeout=config["CACHE_DEFAULT_TIMEOUT"])


def configure(server) -> str:
    """Attach the cache to a Flask server; return the backend's name."""
    url = os.environ.get("OPPOSITIONS_REDIS_URL")
    if url:
        config = {"CACHE_TYPE": "components.cache.JSONRedisCache", "CACHE_REDIS_URL": url,
                  "CACHE_KEY_PREFIX": "oppositions:"}
    else:
        config = {"CACHE_TYPE": "components.cache.bounded_cache", "CACHE_MAX_BYTES": _megabytes() * 1024 * 1024}
    cache.init_app(server, config={**config, "CACHE_DEFAULT_TIMEOUT": TIMEOUT})
    if url:
        _warn_if_unbounded()
    return config["CACHE_TYPE"]


def _megabytes() -> int:
    """``OPPOSITIONS_CACHE_MB``, the in-process cache's bound; a bad value stops the server with
    a message naming the variable."""
    value = os.environ.get("OPPOSITIONS_CACHE_MB", str(DEFAULT_MB))
    if not value.strip().isdigit():
        raise SystemExit(f"OPPOSITIONS_CACHE_MB must be a whole number of megabytes (0 turns the cache off), not {value!r}")
    return int(value)


def _warn_if_unbounded() -> None:
    """Log once when the shared Redis has no memory bound (its ``maxmemory`` is 0)."""
    try:
        limit = cache.cache._read_client.config_get("maxmemory").get("maxmemory")
    except Exception:  # no CONFIG rights, or Redis not up yet: nothing to say
        return
    if str(limit) == "0":
        LOG.warning("the shared Redis has no maxmemory: set maxmemory and maxmemory-policy allkeys-lru "
                    "(see the README), or its figures grow without bound")


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

