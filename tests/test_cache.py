"""The shared figure cache: in-process by default, a real Redis server when configured."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shipped import shipped

import app
import components.screen as charts
from benchmarks.load import network_output, year_request
from components.cache import TIMEOUT, BoundedCache, cache


def network_request(client, year: int = 1927) -> dict:
    """The server's network callback for a year, as the browser sends it when it has no frame."""
    output = network_output(client.get("/_dash-dependencies").get_json())
    return json.loads(year_request(year, output))


@pytest.fixture
def builds(monkeypatch):
    """Count how many figures are really built for this test (its test client runs in its own
    thread; a browser test's server, still up for the session, is not counted)."""
    calls, here = [], threading.get_ident()
    real = charts.chart_spec

    def counting(*args, **kwargs):
        if threading.get_ident() == here:
            calls.append(args[1])
        return real(*args, **kwargs)
    monkeypatch.setattr(charts, "chart_spec", counting)
    return calls


def post(client, year: int = 1927):
    response = client.post("/_dash-update-component", json=network_request(client, year))
    assert response.status_code == 200
    return response.get_json()


def test_in_process_cache_builds_each_figure_once(builds, monkeypatch):
    monkeypatch.delenv("OPPOSITIONS_REDIS_URL", raising=False)
    client = app.create_app(shipped()).server.test_client()
    first, second = post(client), post(client)
    assert first == second and builds == ["network"]
    assert "1927" in first["response"]["network-drawn"]["data"]["layout"]["title"]["text"]


@pytest.fixture
def redis_url(tmp_path):
    """A real redis-server on a free loopback port, stopped after the test."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is missing: make test installs it (apt-get install redis-server)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(tmp_path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_redis_cache_is_shared_between_workers(builds, monkeypatch, redis_url):
    import redis

    monkeypatch.setenv("OPPOSITIONS_REDIS_URL", redis_url)
    dataset = shipped()
    worker_a = app.create_app(dataset).server.test_client()
    worker_b = app.create_app(dataset).server.test_client()
    assert post(worker_a) == post(worker_b)
    assert builds == ["network"]  # the second worker read what the first one stored
    keys = redis.Redis.from_url(redis_url).keys("oppositions:figure:*")
    assert len(keys) == 1 and dataset.fingerprint.encode() in keys[0]


class Boom:
    """Unpickling this runs code: what a poisoned Redis key would hold."""

    def __reduce__(self):
        return (exec, ("import pathlib; pathlib.Path(__import__('os').environ['POISON_MARK']).write_text('ran')",))


def test_redis_holds_json_and_a_poisoned_key_is_never_unpickled(builds, monkeypatch, redis_url, tmp_path):
    import pickle

    import redis

    mark = tmp_path / "ran"
    monkeypatch.setenv("POISON_MARK", str(mark))
    monkeypatch.setenv("OPPOSITIONS_REDIS_URL", redis_url)
    worker = app.create_app(shipped()).server.test_client()
    first = post(worker)
    store = redis.Redis.from_url(redis_url)
    (key,) = store.keys("oppositions:figure:*")
    assert store.get(key).startswith(b"json:") and json.loads(store.get(key)[5:])["layout"]
    store.set(key, b"!" + pickle.dumps(Boom()))  # what Flask-Caching's own backend would unpickle
    assert post(worker) == first and not mark.exists()  # read as a miss: rebuilt, nothing run
    assert builds == ["network", "network"]


def test_a_redis_outage_is_computed_through_never_a_readers_error(monkeypatch):
    monkeypatch.setenv("OPPOSITIONS_REDIS_URL", "redis://127.0.0.1:9/0")  # nothing listens there
    worker = app.create_app(shipped()).server.test_client()
    assert "1927" in post(worker)["response"]["network-drawn"]["data"]["layout"]["title"]["text"]


def test_a_client_posting_random_searches_does_not_grow_the_cache(builds, monkeypatch):
    """Each search is drawn for its reader and not kept: the cache holds what many readers share
    (the years, the story's steps), so a client cannot fill the server's memory with highlights."""
    monkeypatch.delenv("OPPOSITIONS_REDIS_URL", raising=False)
    dataset = shipped()
    client = app.create_app(dataset).server.test_client()
    post(client)
    kept = len(cache.cache)
    persons = sorted(dataset.persons)
    for n in range(6):
        request = network_request(client)
        request["inputs"][0]["value"]["highlight"] = persons[n::7][:5]
        response = client.post("/_dash-update-component", json=request)
        assert response.status_code == 200
    assert len(cache.cache) == kept and builds.count("network") == 7


def test_the_in_process_cache_keeps_within_its_bytes_and_drops_the_least_recently_used():
    store = BoundedCache(max_bytes=1000)
    store.set("a", {"x": "a" * 400})
    store.set("b", {"x": "b" * 400})
    assert store.get("a")["x"] == "a" * 400  # a is now the most recently used
    store.set("c", {"x": "c" * 400})
    assert store.get("b") is None and store.get("a") and store.get("c")
    assert not store.set("huge", {"x": "h" * 2000}) and store.get("huge") is None
    hit = store.get("a")
    hit["x"] = "changed"
    assert store.get("a")["x"] == "a" * 400  # a hit is a copy: no caller changes what is kept
    store.set("gone", [1], timeout=-1)
    assert store.get("gone") is None


@settings(max_examples=40)
@given(st.lists(st.tuples(st.sampled_from("abcdefgh"), st.integers(0, 700)), max_size=40),
       st.integers(100, 2000))
def test_the_in_process_cache_never_holds_more_bytes_than_its_bound(writes, bound):
    store = BoundedCache(max_bytes=bound)
    for key, size in writes:
        store.set(key, "x" * size)
    assert store.bytes <= bound
    assert store.bytes == sum(len(raw) for _, raw in store._entries.values())
    latest = {key: size for key, size in writes}
    for key in list(store._entries):  # what is kept is the latest value written
        assert store.get(key) == "x" * latest[key]


def test_a_bad_cache_bound_stops_the_server_with_its_name(monkeypatch):
    monkeypatch.delenv("OPPOSITIONS_REDIS_URL", raising=False)
    monkeypatch.setenv("OPPOSITIONS_CACHE_MB", "lots")
    with pytest.raises(SystemExit, match="OPPOSITIONS_CACHE_MB"):
        app.create_app(shipped())


def test_redis_entries_expire_and_a_redis_without_maxmemory_is_warned_of(monkeypatch, redis_url, caplog):
    import redis

    monkeypatch.setenv("OPPOSITIONS_REDIS_URL", redis_url)
    with caplog.at_level("WARNING", logger="components.cache"):
        worker = app.create_app(shipped()).server.test_client()
    assert "maxmemory" in caplog.text
    post(worker)
    store = redis.Redis.from_url(redis_url)
    (key,) = store.keys("oppositions:figure:*")
    assert 0 < store.ttl(key) <= TIMEOUT
