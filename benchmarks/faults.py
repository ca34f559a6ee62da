"""The load test's fault cases: readers keep loading pages and moving the year while something goes
wrong beside them, on loopback, with the figure cache on a real Redis.

- ``worker killed``: one gunicorn worker is killed (SIGKILL) mid-load; only its requests in flight
  may fail, and the master starts another.
- ``redis restarted``: Redis stops for 3 s mid-load and comes back; readers get their figures
  computed without the cache meanwhile, never an error.
- ``pictures``: four clients download PNGs one after another while readers browse; readers' p99
  should stay under 500 ms.
- ``pollution``: eight clients post random searches and random sets of factions to the frames
  route; the workers' memory and Redis's stay bounded.

    python -m benchmarks.faults [--seconds 10] [--workers 4]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from .load import (
    NETWORK_YEARS,
    RESULTS,
    fetch_network_output,
    finish_readers,
    free_port,
    start_readers,
    start_server,
    summarise,
)

ROOT = Path(__file__).resolve().parent.parent
FAULT_RESULTS = RESULTS.with_name("fault-results.json")


def start_redis(port: int, folder: str) -> subprocess.Popen:
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server is missing: make test installs it (apt-get install redis-server)")
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", folder, "--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
            return proc
        except OSError:
            time.sleep(0.05)
    return proc


def worker_pids(master: int) -> list[int]:
    """The gunicorn master's worker processes."""
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def rss_mb(pids: list[int]) -> float:
    """Resident memory of these processes together, in MB."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return round(total / 1024, 1)


def readers(port: int, users: int, seconds: float, output: str) -> dict:
    """``users`` readers alternating a page load and a year change for ``seconds`` (load.py's)."""
    return start_readers(port, users, seconds, output)


def finish(run: dict) -> dict:
    """Readers' (load.py's) or side clients' requests, waited for and summed up together."""
    if isinstance(run["latencies"], dict):
        return finish_readers(run, by_kind=False)
    for t in run["threads"]:
        t.join()
    return summarise(run["latencies"], run["errors"][0], time.monotonic() - run["started"])


def picture_body(port: int) -> bytes:
    """The Download menu's PNG of the network of 1927, as the page posts it."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/_dash-dependencies")
    callback = next(d for d in json.loads(conn.getresponse().read()) if "download-error.children" in d["output"])
    values = ["network", 8, False, [4, 8], None, "bipartite", [], None, False]
    return json.dumps({
        "output": callback["output"],
        "outputs": [{"id": o.split(".")[0], "property": o.split(".")[1]} for o in callback["output"].strip(".").split("...")],
        "inputs": [{"id": i["id"], "property": i["property"], "value": int(i["id"] == "download-png")}
                   for i in callback["inputs"]],
        "state": [{"id": s["id"], "property": s["property"], "value": v} for s, v in zip(callback["state"], values)],
        "changedPropIds": ["download-png.n_clicks"]}).encode()


def side_clients(port: int, count: int, seconds: float, make_body, path: str) -> dict:
    """``count`` clients posting ``make_body()`` to ``path`` for ``seconds``; their own results."""
    latencies, errors, lock = [], [0], threading.Lock()
    stop = time.monotonic() + seconds

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                conn.request("POST", path, body=make_body(), headers={"Content-Type": "application/json"})
                response = conn.getresponse()
                response.read()
                ok = response.status in (200, 400)  # a refused hostile body is the right answer
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            with lock:
                latencies.append(time.perf_counter() - started)
                errors[0] += not ok

    threads = [threading.Thread(target=client) for _ in range(count)]
    started = time.monotonic()
    for t in threads:
        t.start()
    return {"threads": threads, "latencies": latencies, "errors": errors, "started": started}


def pollution_body(persons: list[str], factions: list[str]):
    def make() -> bytes:
        chosen = random.sample(factions, random.randint(1, len(factions)))
        searched = random.sample(persons, random.randint(1, 6)) if random.random() < 0.5 else []
        view = {"year": 1927, "factions": sorted(chosen), "view": "bipartite", "highlight": sorted(searched)}
        return json.dumps({"view": view, "steps": [random.randrange(len(NETWORK_YEARS))]}).encode()
    return make


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--readers", type=int, default=10)
    args = parser.parse_args(argv)
    from oppositions.dataset import load_dataset

    dataset = load_dataset()
    persons, factions = sorted(dataset.persons), sorted(dataset.factions)
    folder = tempfile.mkdtemp(prefix="oppositions-faults-")
    redis_port, port = free_port(), free_port()
    redis = start_redis(redis_port, folder)
    server = start_server(args.workers, port, {"OPPOSITIONS_REDIS_URL": f"redis://127.0.0.1:{redis_port}/0"})
    output = fetch_network_output(port)
    cases = {}
    try:
        run = readers(port, args.readers, args.seconds, output)  # a worker killed mid-load
        time.sleep(args.seconds / 3)
        os.kill(worker_pids(server.pid)[0], signal.SIGKILL)
        cases["worker killed"] = finish(run)

        run = readers(port, args.readers, args.seconds, output)  # Redis stopped, then back
        time.sleep(args.seconds / 4)
        redis.terminate()
        redis.wait(timeout=10)
        time.sleep(3)
        redis = start_redis(redis_port, folder)
        cases["redis restarted"] = finish(run)

        body = picture_body(port)  # four picture downloads beside the readers
        pictures = side_clients(port, 4, args.seconds, lambda: body, "/_dash-update-component")
        time.sleep(1)
        run = readers(port, args.readers, args.seconds - 1, output)
        cases["pictures: readers"] = finish(run)
        cases["pictures: downloads"] = finish(pictures)

        before = rss_mb(worker_pids(server.pid))  # random searches and factions
        polluters = side_clients(port, 8, args.seconds, pollution_body(persons, factions), "/frames/network")
        run = readers(port, 2, args.seconds, output)
        cases["pollution: readers"] = finish(run)
        cases["pollution: polluters"] = finish(polluters)
        after = rss_mb(worker_pids(server.pid))
        import redis as redis_client

        used = redis_client.Redis(port=redis_port).info("memory")["used_memory"] / 2 ** 20
        memory = {"workers_mb_before": before, "workers_mb_after": after, "redis_mb": round(used, 1)}
    finally:
        server.terminate()
        server.wait(timeout=30)
        redis.terminate()
        redis.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{'case':<22} {'requests':>8} {'p50 ms':>7} {'p99 ms':>8} {'errors':>6}")
    for name, r in cases.items():
        print(f"{name:<22} {r['requests']:>8} {r['p50_ms']:>7} {r['p99_ms']:>8} {r['errors']:>6}")
    print(f"memory under pollution: workers {memory['workers_mb_before']} -> {memory['workers_mb_after']} MB "
          f"({args.workers} workers), Redis {memory['redis_mb']} MB (maxmemory 64 MB)")
    FAULT_RESULTS.write_text(json.dumps({"cases": cases, "memory": memory, "workers": args.workers,
                                         "seconds": args.seconds}, indent=1))
    print(f"-> {FAULT_RESULTS.name}")
    bad = [n for n, r in cases.items() if r["errors"] and n != "worker killed"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
