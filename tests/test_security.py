"""Safe defaults: headers on every response, and malformed requests refused with a 4xx."""

from __future__ import annotations

import json

import pytest
from shipped import shipped

import app


@pytest.fixture(scope="module")
def client():
    return app.create_app(shipped()).server.test_client()


def test_security_headers_on_every_response(client):
    for path in ("/", "/_dash-layout", "/assets/bootstrap.min.css"):
        response = client.get(path)
        assert response.status_code == 200
        csp = response.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self' 'sha256-" in csp
        assert "unsafe-eval" not in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("body", [
    "garbage", "[]", "null", json.dumps({"output": "x.children", "inputs": []}),
    json.dumps({"output": "this-year.children", "inputs": "nope", "changedPropIds": []}),
    json.dumps({"output": "this-year.children", "inputs": [{"id": "year-slider", "property": "value", "value": "abc"}],
                "changedPropIds": ["year-slider.value"]}),
])
def test_malformed_callback_requests_get_400_without_traceback(client, body):
    response = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "Traceback" not in text and "/work" not in text and ".py" not in text


def test_huge_request_is_refused(client):
    response = client.post("/_dash-update-component", data="x" * 2_000_000, content_type="application/json")
    assert response.status_code in (400, 413)


def test_a_valid_callback_still_works(client):
    body = {"output": "this-year.children", "outputs": {"id": "this-year", "property": "children"},
            "inputs": [{"id": "year-slider", "property": "value", "value": 8},
                       {"id": "undisputed-switch", "property": "value", "value": False}],
            "changedPropIds": ["year-slider.value"], "state": []}
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200 and "1927" in response.get_data(as_text=True)


def test_the_server_keeps_serving_after_bad_requests(client):
    for _ in range(20):
        client.post("/_dash-update-component", data="{", content_type="application/json")
    assert client.get("/").status_code == 200


def test_the_page_gets_the_strict_plotly_bundle_of_the_same_version(client):
    """WebGL charts need plotly.js without eval under our CSP: Dash's address serves the strict
    bundle, of the version the plotly package would have served."""
    from plotly.offline import get_plotlyjs_version

    from components.plotlyjs import PLOTLYJS_ROUTE, bundle_version

    response = client.get("/" + PLOTLYJS_ROUTE)
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    head = response.get_data(as_text=True)[:200]
    assert "plotly.js (strict - minified" in head
    assert "unsafe-eval" not in response.headers["Content-Security-Policy"]
    if bundle_version() != get_plotlyjs_version():
        pytest.skip(f"vendored strict plotly.js {bundle_version()} differs from the plotly package's "
                    f"{get_plotlyjs_version()}: run `make vendor-plotly`")


def test_the_vendored_plotly_registers_every_trace_the_charts_draw(monkeypatch):
    """The bundle carries only the dashboard's traces: each chart's, the WebGL network's too."""
    import re

    from shipped import shipped

    from components.plotlyjs import STRICT_BUNDLE
    from oppositions import figures
    from oppositions.figures import network_scene

    data = shipped()
    entry = (STRICT_BUNDLE.parent / "bundle" / "entry.js").read_text(encoding="utf-8")
    registered = {"scatter"} | set(re.findall(r"plotly\.js/lib/(\w+)'", entry)) | set(
        re.findall(r"traces/(\w+)/strict'", entry))
    drawn = [figures.network_figure(data, 1927), figures.timeline_figure(data), figures.overlap_heatmap(data),
             figures.overlap_upset(data), figures.flows_figure(data), figures.fates_figure(data)]
    monkeypatch.setattr(network_scene, "WEBGL_THRESHOLD", 10)
    drawn.append(figures.network_figure(data, 1927))
    used = {t.type for f in drawn for t in f.data}
    assert "scattergl" in used and used <= registered, used - registered


def test_the_plotly_bundle_travels_gzipped_and_is_revalidated(client):
    """2 MB of plotly.js go out as about 0.6 MB to a browser that takes gzip, and a browser that
    has it already gets a 304."""
    import gzip

    from components.plotlyjs import PLOTLYJS_ROUTE, STRICT_BUNDLE

    bundle = STRICT_BUNDLE.read_bytes()
    zipped = client.get("/" + PLOTLYJS_ROUTE, headers={"Accept-Encoding": "gzip, deflate"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert len(zipped.data) < len(bundle) / 2
    assert gzip.decompress(zipped.data) == bundle
    again = client.get("/" + PLOTLYJS_ROUTE, headers={"Accept-Encoding": "gzip",
                                                     "If-None-Match": zipped.headers["ETag"]})
    assert again.status_code == 304 and not again.data
    plain = client.get("/" + PLOTLYJS_ROUTE)
    assert "Content-Encoding" not in plain.headers and plain.data == bundle


def test_only_the_chart_only_mode_may_be_framed_and_only_by_the_sites_the_operator_lists(monkeypatch):
    from components.security import FRAME_ANCESTORS

    monkeypatch.setenv(FRAME_ANCESTORS, "https://course.example.edu, https://moodle.example.org:8443")
    client = app.create_app(shipped()).server.test_client()
    embedded = client.get("/?year=1927&embed=1")
    policy = embedded.headers["Content-Security-Policy"]
    assert "frame-ancestors https://course.example.edu https://moodle.example.org:8443" in policy
    assert "X-Frame-Options" not in embedded.headers
    for path in ("/?year=1927", "/about", "/_dash-layout?embed=1"):
        response = client.get(path)
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"], path
        assert response.headers["X-Frame-Options"] == "DENY", path


def test_without_the_setting_not_even_the_embed_mode_may_be_framed(client):
    response = client.get("/?year=1927&embed=1")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("setting", ["*", "https://ok.example.org javascript:alert(1)", "course.example.edu",
                                     "https://a.example.org/path"])
def test_a_frame_setting_that_is_not_a_list_of_origins_is_refused_at_start(setting):
    from components.security import frame_origins

    with pytest.raises(ValueError, match="not an origin"):
        frame_origins(setting)


@pytest.mark.parametrize("path", ["/_dash-component-suites/dash/nope.js", "/_dash-component-suites/dash/../../app.py",
                                  "/_dash-component-suites/no_such_library/x.js",
                                  "/_dash-component-suites/dash/deps/nope.v1m1.js",
                                  "/_dash-component-suites/dash_bootstrap_components/_components/x.js"])
def test_a_script_the_app_does_not_have_is_not_found_not_a_server_error(client, path):
    response = client.get(path)
    assert response.status_code == 404 and response.get_json() == {"error": "no such file"}


def test_a_malformed_referer_opens_the_page_at_its_defaults(client):
    response = client.get("/_dash-layout", headers={"Referer": "http://[::1/?year=1"})
    assert response.status_code == 200 and b"Traceback" not in response.data


def test_a_fault_of_the_server_inside_a_callback_is_a_500_not_the_readers_400(monkeypatch):
    import components.screen as charts
    from benchmarks.load import network_output, year_request

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(charts, "chart_spec", broken)
    client = app.create_app(shipped()).server.test_client()
    output = network_output(client.get("/_dash-dependencies").get_json())
    response = client.post("/_dash-update-component", data=year_request(1927, output), content_type="application/json")
    assert response.status_code == 500 and "try again" in response.get_json()["error"]
    assert "No space" not in response.get_data(as_text=True)


@pytest.mark.parametrize("host, expected", [
    ("127.0.0.1:8050", "http://127.0.0.1:8050"), ("history.example.org", "http://history.example.org"),
    ("[::1]:8050", "http://[::1]:8050"), ('evil.example"><script>x</script>', ""), ("a b", ""),
    ("x.example/@other.example", ""),
])
def test_without_a_set_address_a_citation_takes_only_a_plain_host_from_the_request(client, monkeypatch, host,
                                                                                      expected):
    from components.cite import base_address

    server = client.application
    monkeypatch.setitem(server.config, "OPPOSITIONS_BASE_URL", "")
    with server.test_request_context("/", headers={"Host": host}):
        assert base_address() == expected


def test_the_operators_address_wins_over_any_host(client, monkeypatch):
    from components.cite import base_address

    server = client.application
    monkeypatch.setitem(server.config, "OPPOSITIONS_BASE_URL", "https://oppositions.example/")
    with server.test_request_context("/", headers={"Host": "evil.example"}):
        assert base_address() == "https://oppositions.example"


def test_a_picture_that_cannot_be_drawn_is_said_so_under_the_menu_and_the_next_one_works(monkeypatch):
    import components.downloads as downloads
    from oppositions.export import ExportError

    client = app.create_app(shipped()).server.test_client()
    callback = next(d for d in client.get("/_dash-dependencies").get_json() if "download-error.children" in d["output"])
    output = callback["output"]
    inputs = [{"id": i["id"], "property": i["property"], "value": 1 if i["id"] == "download-png" else 0}
              for i in callback["inputs"]]
    state = [{"id": s["id"], "property": s["property"], "value": value} for s, value in zip(
        callback["state"], ["network", 8, False, [4, 8], None, "bipartite", [], None, False, None])]
    body = {"output": output, "outputs": [{"id": o.split(".")[0], "property": o.split(".")[1]}
                                          for o in output.strip(".").split("...")],
            "inputs": inputs, "state": state, "changedPropIds": ["download-png.n_clicks"]}

    def dead(*args, **kwargs):
        raise ExportError("the browser that draws pictures stopped")
    monkeypatch.setattr(downloads, "chart_bytes", dead)
    answer = client.post("/_dash-update-component", json=body)
    assert answer.status_code == 200
    said = answer.get_json()["response"]
    assert said["download-error"]["children"].startswith("The PNG could not be drawn just now")
    assert "download" not in said  # no file, and nothing of the error's inside shown
    monkeypatch.setattr(downloads, "chart_bytes", lambda *a, **k: b"\x89PNG picture")
    said = client.post("/_dash-update-component", json=body).get_json()["response"]
    assert said["download-error"]["children"] == "" and said["download"]["data"]["filename"] == "network-1927.png"


def test_without_a_referer_the_page_still_opens_on_its_link():
    """Privacy settings and proxies may strip the Referer: the layout then reads the page's query
    from the cookie set with the page, sent back to the layout's address only."""
    from components import ids

    def selected(layout: dict):
        found = []

        def walk(node):
            if isinstance(node, dict):
                if node.get("props", {}).get("id") == ids.SELECTED:
                    found.append(node["props"].get("data"))
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)
        walk(layout)
        return found[0]

    client = app.create_app(shipped()).server.test_client()
    page = client.get("/?year=1927&person=trotsky")
    cookie = page.headers.get("Set-Cookie", "")
    assert "oppositions-query=" in cookie and "Path=/_dash-layout" in cookie and "HttpOnly" in cookie
    assert selected(client.get("/_dash-layout").get_json()) == {"kind": "person", "id": "trotsky"}  # no Referer
    assert selected(client.get("/_dash-layout", headers={"Referer": "http://localhost/?year=1930"}).get_json()) is None
    fresh = app.create_app(shipped()).server.test_client()
    assert selected(fresh.get("/_dash-layout").get_json()) is None
