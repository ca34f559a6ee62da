"""A bounded load test on loopback: the page and the year callback at 1, 10 and 50 readers.

Starts the app under gunicorn (several workers, on 127.0.0.1 only), sends requests from a fixed
number of threads for a fixed number of seconds, then stops everything by itself. Prints a table
(requests per second, p50/p95/p99 latency, errors) and writes ``benchmarks/load-results.json``.

    python -m benchmarks.load [--seconds 10] [--workers 4] [--users 1,10,50]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "load-results.json"
NETWORK_YEARS = range(1919, 1942)  # the shipped network's years, one slider step each


def network_output(dependencies: list[dict]) -> str:
    """The output key of the server's network callback, from Dash's ``/_dash-dependencies``."""
    return next(d["output"] for d in dependencies
                if any(i["id"] == "network-wanted" for i in d["inputs"]))


def fetch_network_output(port: int) -> str:
    """:func:`network_output` read from a running server."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/_dash-dependencies")
    return network_output(json.loads(conn.getresponse().read()))


def year_request(year: int, output: str) -> bytes:
    """The callback a slider move sends when the browser has no frame for the year: the
    network of one year, drawn by the server (the view as assets/clientside.js ``viewOf`` makes it)."""
    wanted = {"year": year, "since": None, "factions": None, "undisputed": False, "view": "bipartite",
              "highlight": [], "person": None}
    body = {
        "output": output, "outputs": {"id": output.split(".", 1)[0], "property": output.split(".", 1)[1]},
        "inputs": [{"id": "network-wanted", "property": "data", "value": wanted}],
        "changedPropIds": ["network-wanted.data"], "state": []}
    return json.dumps(body).encode()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(workers: int, port: int, env: dict | None = None) -> subprocess.Popen:
    """gunicorn on loopback with ``make serve``'s settings (components/gunicorn_conf.py);
    returns once the page answers."""
    gunicorn = Path(sys.executable).parent / "gunicorn"
    env = {**os.environ, **(env or {}), "HOST": "127.0.0.1", "PORT": str(port), "WORKERS": str(workers)}
    proc = subprocess.Popen([str(gunicorn), "-c", "python:components.gunicorn_conf", "--log-level", "warning",
                             "app:server"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError("the server did not start")


def start_readers(port: int, users: int, seconds: float, output: str) -> dict:
    """``users`` threads, each alternating a page load and a year change for ``seconds``, started;
    :func:`finish_readers` waits for them and sums up."""
    latencies = {"page": [], "year": []}
    errors = {"page": 0, "year": 0}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def user(index: int):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        n = index
        while time.monotonic() < stop:
            for kind in ("page", "year"):
                started = time.perf_counter()
                try:
                    if kind == "page":
                        conn.request("GET", "/")
                    else:
                        conn.request("POST", "/_dash-update-component", body=year_request(NETWORK_YEARS[n % len(NETWORK_YEARS)], output),
                                     headers={"Content-Type": "application/json"})
                    response = conn.getresponse()
                    response.read()
                    ok = response.status == 200
                except (OSError, http.client.HTTPException):
                    ok = False
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                elapsed = time.perf_counter() - started
                with lock:
                    latencies[kind].append(elapsed)
                    errors[kind] += not ok
                n += 1
        conn.close()

    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    started = time.monotonic()
    for t in threads:
        t.start()
    return {"threads": threads, "latencies": latencies, "errors": errors, "started": started}


def finish_readers(run: dict, by_kind: bool = True) -> dict:
    """The readers' requests summed up, page loads and year changes apart (or together)."""
    for t in run["threads"]:
        t.join()
    wall = time.monotonic() - run["started"]
    latencies, errors = run["latencies"], run["errors"]
    if not by_kind:
        return summarise(latencies["page"] + latencies["year"], errors["page"] + errors["year"], wall)
    return {kind: summarise(latencies[kind], errors[kind], wall) for kind in latencies}


def run_users(port: int, users: int, seconds: float) -> dict:
    """``users`` readers for ``seconds``, page loads and year changes summed up apart."""
    return finish_readers(start_readers(port, users, seconds, fetch_network_output(port)))


def summarise(latencies: list[float], errors: int, wall: float) -> dict:
    """Requests per second, p50/p95/p99 in milliseconds, and the error count."""
    if not latencies:
        return {"requests": 0, "rps": 0, "p50_ms": None, "p95_ms": None, "p99_ms": None, "errors": errors}
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [latencies[0]] * 99
    return {"requests": len(latencies), "rps": round(len(latencies) / wall, 1),
            "p50_ms": round(1000 * cuts[49], 1), "p95_ms": round(1000 * cuts[94], 1),
            "p99_ms": round(1000 * cuts[98], 1), "errors": errors}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--users", default="1,10,50")
    args = parser.parse_args(argv)
    port = free_port()
    proc = start_server(args.workers, port)
    results = {"machine": f"{platform.node()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
               "workers": args.workers, "seconds": args.seconds, "runs": {}}
    try:
        for users in (int(u) for u in args.users.split(",")):
            results["runs"][users] = run_users(port, users, args.seconds)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    print(f"{'readers':>7} {'request':>7} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>6}")
    for users, kinds in results["runs"].items():
        for kind, r in kinds.items():
            print(f"{users:>7} {kind:>7} {r['rps']:>7} {r['p50_ms']:>7} {r['p95_ms']:>7} {r['p99_ms']:>7} {r['errors']:>6}")
    RESULTS.write_text(json.dumps(results, indent=1))
    print(f"({results['machine']}; {args.workers} gunicorn workers; {args.seconds:g} s per level) -> {RESULTS.name}")
    return 1 if any(r["errors"] for kinds in results["runs"].values() for r in kinds.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
