"""The command line as a user runs it: exit codes and what is printed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from shipped import shipped

from oppositions.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_validate_minimal_folder_prints_summary(make_folder, capsys):
    assert main(["validate", "--data", str(make_folder())]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1].startswith("valid: 2 sources, 2 factions, 3 persons, 4 memberships, 3 fates, 2 events")


def test_validate_bad_folder_exits_1_with_located_errors(make_folder, capsys):
    folder = make_folder(edit=lambda d: d["persons"][0].update(born="someday"))
    assert main(["validate", "--data", str(folder)]) == 1
    captured = capsys.readouterr()
    assert 'error: persons.csv, row 2, born: "someday" is not a date' in captured.err
    assert "Traceback" not in captured.err + captured.out


def test_serve_refuses_invalid_folder(make_folder, capsys):
    folder = make_folder(edit=lambda d: d["persons"][0].update(born="someday"))
    served = []
    assert main(["--data", str(folder)], serve=lambda *a: served.append(a)) == 1
    assert served == [] and "Cannot serve" in capsys.readouterr().err


def test_serve_defaults_are_safe(make_folder):
    served = []
    assert main(["--data", str(make_folder())], serve=lambda *a: served.append(a)) == 0
    dataset, host, port, debug = served[0]
    assert (host, port, debug) == ("127.0.0.1", 8050, False)


def test_app_py_validate_runs_as_a_program():
    result = subprocess.run([sys.executable, "app.py", "validate"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("valid:")


def test_help_explains_commands():
    result = subprocess.run([sys.executable, "app.py", "--help"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    for word in ("validate", "--data", "--host", "--port", "--debug"):
        assert word in result.stdout


def test_runs_under_gunicorn():
    """``gunicorn app:server`` serves the page (several readers: issue of its own)."""
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    gunicorn = Path(sys.executable).parent / "gunicorn"
    proc = subprocess.Popen([str(gunicorn), "--bind", f"127.0.0.1:{port}", "--workers", "1",
                             "--timeout", "60", "app:server"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        body = b""
        for _ in range(120):
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.5)
        assert b"Oppositions in the Russian Communist Party" in body
        with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:  # a chunk size that is not hex
            conn.sendall(b"POST /frames/network HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Transfer-Encoding: chunked\r\n\r\nzz\r\n[]\r\n0\r\n\r\n")
            answer = conn.recv(4096)
        assert answer.startswith(b"HTTP/1.1 400"), answer[:200]
    finally:
        proc.terminate()
        log = proc.communicate(timeout=20)[0].decode()
    assert "Traceback" not in log and "TypeError" not in log, log


def test_gunicorn_on_a_bad_folder_prints_the_located_report(make_folder):
    folder = make_folder()
    (folder / "persons.csv").write_text("id,name\n", encoding="utf-8")
    gunicorn = Path(sys.executable).parent / "gunicorn"
    result = subprocess.run([str(gunicorn), "--preload", "--bind", "127.0.0.1:0", "app:server"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "OPPOSITIONS_DATA": str(folder)})
    assert result.returncode != 0
    assert "error: persons.csv, row 1, " in result.stderr and f"Cannot serve {folder}" in result.stderr


def test_many_readers_get_no_errors():
    """A short bounded run of the load test under gunicorn: zero errors is the bar (no timing)."""
    from benchmarks import load

    port = load.free_port()
    proc = load.start_server(workers=2, port=port)
    try:
        result = load.run_users(port, users=10, seconds=2)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert result["page"]["requests"] > 0 and result["year"]["requests"] > 0
    assert result["page"]["errors"] == 0 and result["year"]["errors"] == 0


def test_export_data_can_leave_out_what_sources_dispute(tmp_path):
    import csv


    disputed = next(m for m in shipped().memberships if m.certainty == "disputed")
    year = str(disputed.start.year)
    for flag, folder in (([], tmp_path / "all"), (["--undisputed"], tmp_path / "undisputed")):
        assert main(["export-data", "--year", year, "--format", "csv", "--out", str(folder), *flag]) == 0
    edges = {name: list(csv.DictReader((tmp_path / name / f"network-{year}-edges.csv").open()))
             for name in ("all", "undisputed")}
    assert any(e["certainty"] == "disputed" for e in edges["all"])
    assert not any(e["certainty"] == "disputed" for e in edges["undisputed"])
    assert len(edges["undisputed"]) < len(edges["all"])


def test_serve_takes_its_options_after_the_command_too():
    from oppositions.cli import build_parser

    for argv in (["serve", "--port", "8060"], ["--port", "8060", "serve"], ["--port", "8060"]):
        assert build_parser().parse_args(argv).port == 8060, argv
    assert build_parser().parse_args(["serve"]).port == 8050


def test_export_data_writes_each_charts_table_as_the_dashboard_shows_it(tmp_path):
    import csv

    from oppositions.cli import main
    from oppositions.tables import table_of

    assert main(["export-data", "--table", "network,fates", "--year", "1937", "--out", str(tmp_path)]) == 0
    rows = list(csv.DictReader((tmp_path / "network-table-1937.csv").open(encoding="utf-8")))
    expected = table_of(shipped(), "network", 1937)
    assert [r["Person"] for r in rows] == [r["name"] for r in expected.rows]
    assert (tmp_path / "fates-table-1937.csv").exists()
    assert main(["export-data", "--table", "pie", "--out", str(tmp_path)]) == 2
