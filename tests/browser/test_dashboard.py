"""The dashboard in a real headless Chromium, as a reader uses it."""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.keys import Keys
from shipped import shipped
from waiting import wait_for

from oppositions.network import network_for
from oppositions.sourcing import copy_only_facts
from oppositions.vocabulary import SOURCE_KINDS

pytestmark = pytest.mark.browser

FIGURE_JS = "return document.querySelector('#{} .js-plotly-plot').{};"


def figure_title(duo, graph="graph-network") -> str:
    """The chart's title with its subtitle (the network's count lines), as one text."""
    return duo.driver.execute_script(
        f"const t = document.querySelector('#{graph} .js-plotly-plot').layout.title;"
        "return t.text + (t.subtitle && t.subtitle.text ? '<br>' + t.subtitle.text : '');")


def open_side_column(duo):
    """Show the view and faction choices (hidden by default so that the chart has the width)."""
    if duo.driver.execute_script("return document.getElementById('side-column').hidden"):
        duo.find_element("#side-column-toggle").click()
        wait_for(lambda: not duo.driver.execute_script("return document.getElementById('side-column').hidden"))


def persons_in(year: int) -> int:
    graph = network_for(shipped()).graph_at(year)
    return sum(1 for _, k in graph.nodes(data="kind") if k == "person")


def test_page_loads_without_console_errors(dashboard, shoot):
    wait_for(lambda: "1921" in figure_title(dashboard))
    assert dashboard.find_element("#year-label").text == "1921"
    shoot("dashboard-1921")
    assert dashboard.get_logs() == []


def test_moving_the_slider_from_1921_to_1927_redraws_the_network(dashboard, shoot):
    wait_for(lambda: f", {persons_in(1921)} belonged to" in figure_title(dashboard))
    handle = dashboard.find_element("#year-slider [role=slider]")
    handle.click()
    for _ in range(6):
        handle.send_keys(Keys.ARROW_RIGHT)
    wait_for(lambda: dashboard.find_element("#year-label").text == "1927")
    wait_for(lambda: figure_title(dashboard).startswith("Who belonged to which faction, 1927"))
    assert f", {persons_in(1927)} belonged to" in figure_title(dashboard)
    wait_for(lambda: "year=1927" in dashboard.driver.current_url)  # once the slider rests
    shoot("network-1927")
    assert dashboard.get_logs() == []


def test_search_by_a_variant_spelling_opens_the_fate(dashboard, shoot):
    search = dashboard.find_element("#search-input")
    search.send_keys("Shliapnikov")
    dashboard.wait_for_contains_text("#search-results", "Alexander Shlyapnikov", timeout=10)
    dashboard.find_element("#search-results .list-group-item").click()
    dashboard.wait_for_text_to_equal("#panel-name", "Alexander Shlyapnikov", timeout=10)
    fate = dashboard.find_element("#panel-fate").text
    assert "2 September 1937" in fate and "Shot" in fate
    assert "person=shlyapnikov" in dashboard.driver.current_url
    wait_for(lambda: "executed in 1937" in figure_title(dashboard, "person-path"))
    dashboard.driver.execute_script("document.getElementById('person-path').scrollIntoView();")
    shoot("panel-shlyapnikov")


def test_cyrillic_search_finds_kollontai(dashboard):
    dashboard.find_element("#search-input").send_keys("Коллонтай")
    dashboard.wait_for_contains_text("#search-results", "Alexandra Kollontai", timeout=10)


def test_a_link_reopens_its_state(served, shoot):
    served.driver.get(served.server_url +
                        "/?year=1927&factions=left-opposition,united-opposition&view=factions&person=trotsky")
    served.wait_for_text_to_equal("#panel-name", "Leon Trotsky", timeout=20)
    assert served.find_element("#year-label").text == "1927"
    checked = served.driver.execute_script(
        "return [...document.querySelectorAll('#factions-checklist input:checked')].map(e => e.value);")
    assert sorted(checked) == ["left-opposition", "united-opposition"]
    wait_for(lambda: figure_title(served).startswith("Which factions shared members, 1927"))
    shoot("link-state")
    assert served.get_logs() == []


def test_the_years_are_written_in_place_and_back_returns_from_a_person(dashboard):
    """Stepping through the years rewrites the address without a history entry per year; opening
    a person is one, which Back leaves (on the year the reader was at) and Forward reopens."""
    driver = dashboard.driver
    entries = driver.execute_script("return history.length")
    forward = dashboard.find_element("#step-forward")
    for year in ("1922", "1923", "1924"):
        forward.click()
        wait_for(lambda: dashboard.find_element("#year-label").text == year)
    wait_for(lambda: "year=1924" in driver.current_url)
    assert driver.execute_script("return history.length") == entries
    dashboard.find_element("#search-input").send_keys("Shliapnikov")
    dashboard.wait_for_contains_text("#search-results", "Alexander Shlyapnikov", timeout=10)
    dashboard.find_element("#search-results .list-group-item").click()
    wait_for(lambda: "person=shlyapnikov" in driver.current_url)
    assert driver.execute_script("return history.length") == entries + 1
    driver.back()
    wait_for(lambda: "person=" not in driver.current_url)
    dashboard.wait_for_text_to_equal("#year-label", "1924", timeout=20)
    assert not dashboard.driver.find_elements("css selector", "#panel-name") or \
        not dashboard.find_element("#panel-name").is_displayed()
    driver.forward()
    dashboard.wait_for_text_to_equal("#panel-name", "Alexander Shlyapnikov", timeout=20)
    assert dashboard.get_logs() == []


def test_bad_link_says_what_it_ignored(served):
    served.driver.get(served.server_url + "/?year=banana&factions=nonexistent")
    served.wait_for_contains_text("#state-notice", "banana", timeout=20)
    assert served.find_element("#year-label").text == "1921"


def test_clicking_a_timeline_event_moves_the_slider(dashboard, shoot):
    tab = [a for a in dashboard.driver.find_elements("css selector", "#chart-tabs .nav-link")
           if a.text == "Timeline"][0]
    tab.click()
    dashboard.wait_for_element("#graph-timeline .main-svg", timeout=20)
    wait_for(lambda: dashboard.driver.execute_script(
        "return document.querySelector('#graph-timeline .js-plotly-plot')._fullData.length") > 0)
    point = dashboard.driver.execute_script("""
        const gd = document.querySelector('#graph-timeline .js-plotly-plot');
        const t = gd._fullData.find(t => t.name === 'Trials and executions' && t.xaxis === 'x');
        const i = t.customdata.findIndex(c => c[2] === 1937);
        const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
        const x = xa._offset + xa.l2p(t.x[i]), y = ya._offset + ya.l2p(ya.d2l(t.y[i]));
        const top = gd.getBoundingClientRect().top + window.scrollY;
        window.scrollTo({top: top + y - window.innerHeight / 2, behavior: 'instant'});
        const box = gd.getBoundingClientRect();
        return [box.left + x, box.top + y];
    """)
    actions = ActionBuilder(dashboard.driver)
    actions.pointer_action.move_to_location(int(point[0]), int(point[1])).click()
    actions.perform()
    wait_for(lambda: dashboard.find_element("#year-label").text == "1937")
    wait_for(lambda: "1937" in figure_title(dashboard, "graph-timeline"))
    shoot("timeline-1937")
    assert "No event" not in dashboard.find_element("#this-year").text


def test_every_tab_draws_and_a_filter_that_leaves_nothing_says_so(dashboard, shoot):
    for label, graph in (("Overlap", "graph-overlap"), ("Flows", "graph-flows"), ("Fates", "graph-fates")):
        tab = [a for a in dashboard.driver.find_elements("css selector", "#chart-tabs .nav-link")
               if a.text == label][0]
        tab.click()
        dashboard.wait_for_element(f"#{graph} .main-svg", timeout=20)
        wait_for(lambda: bool(figure_title(dashboard, graph)))
        shoot(f"tab-{label.lower()}")
    open_side_column(dashboard)
    dashboard.find_element("#factions-none").click()
    wait_for(lambda: "Tick at least one" in dashboard.driver.execute_script(
        "return JSON.stringify(document.querySelector('#graph-fates .js-plotly-plot').layout.annotations)"))
    assert dashboard.get_logs() == []


def test_about_page_counts_and_cites(dashboard, shoot):
    dashboard.find_element("#about-link").click()
    dashboard.wait_for_contains_text("#page-about", "How to cite", timeout=10)
    text = dashboard.find_element("#page-about").text
    data = shipped()
    assert f"{len(data.persons)} persons" in text and f"{len(data.sources)} sources" in text
    link = dashboard.find_element("#about-package")
    assert link.get_attribute("href").endswith("/dataset.zip") and data.fingerprint in link.text
    kinds = dashboard.find_element("#about-source-kinds").text
    copies = len(copy_only_facts(data.sources, data.facts))
    assert f"{copies} of the" in kinds and "rest only on copies" in kinds
    headings = [b.text for b in dashboard.find_elements("#about-sources strong")]
    ranks = [list(SOURCE_KINDS.values()).index(h[0].lower() + h[1:]) for h in headings]
    assert ranks == sorted(ranks) and len(ranks) >= 5  # grouped by kind, the strongest first
    assert "read at" in dashboard.find_element("#about-sources").text
    shoot("about")


def test_the_counts_say_what_they_count_and_link_to_what_the_dataset_covers(dashboard):
    assert "Among the 292 persons in this dataset" in figure_title(dashboard)
    line = dashboard.find_element("#scope-line")
    assert "Every count counts the 292 persons in this dataset" in line.text
    line.find_element("css selector", "a").click()
    dashboard.wait_for_element("#about-coverage", timeout=30)
    wait_for(lambda: "counts these 292 persons only" in dashboard.find_element("#about-coverage").text, timeout=30)


def test_in_1988_a_status_no_fact_supports_is_shown_as_not_known(served):
    served.driver.get(served.server_url + "/?year=1988")
    wait_for(lambda: "1988" in figure_title(served))
    title = figure_title(served)
    assert "with no fact so late (status not known)" in title and "imprisoned" not in title
    legend = served.driver.execute_script(
        "return [...document.querySelectorAll('#graph-network .legendtext')].map(t => t.textContent)")
    assert "not known (no later fact)" in legend and "active" not in legend


def click_point(duo, graph: str, trace_filter: str, point_filter: str):
    """Click, as a reader would, on the point of a Plotly chart chosen by two JS predicates."""
    where = duo.driver.execute_script(f"""
        const gd = document.querySelector('#{graph} .js-plotly-plot');
        const t = gd._fullData.find(t => {trace_filter});
        const i = t.customdata.findIndex(c => {point_filter});
        const xa = gd._fullLayout[t.xaxis.replace('x', 'xaxis')], ya = gd._fullLayout[t.yaxis.replace('y', 'yaxis')];
        const x = xa._offset + xa.l2p(xa.d2l(t.x[i])), y = ya._offset + ya.l2p(ya.d2l(t.y[i]));
        const top = gd.getBoundingClientRect().top + window.scrollY;
        window.scrollTo({{top: top + y - window.innerHeight / 2, behavior: 'instant'}});
        const box = gd.getBoundingClientRect();
        return [box.left + x, box.top + y];
    """)
    actions = ActionBuilder(duo.driver)
    actions.pointer_action.move_to_location(int(where[0]), int(where[1])).click()
    actions.perform()


def test_clicking_a_person_in_the_network_opens_the_panel(dashboard):
    wait_for(lambda: "1921" in figure_title(dashboard))
    # the first active person whose marker stands clear of every other point
    person = dashboard.driver.execute_script("""
        const gd = document.querySelector('#graph-network .js-plotly-plot');
        const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, pts = [];
        gd._fullData.forEach(t => (t.customdata || []).forEach((c, i) =>
            pts.push({id: c[1], kind: c[0], name: t.name, x: xa.l2p(t.x[i]), y: ya.l2p(t.y[i])})));
        const clear = pts.filter(p => p.kind === 'person' && p.name === 'active' &&
            pts.every(q => q.id === p.id || Math.hypot(q.x - p.x, q.y - p.y) > 14));
        return clear.length ? clear[0].id : null;""")
    assert person
    click_point(dashboard, "graph-network", "t.name === 'active' && t.customdata", f"c[1] === '{person}'")
    name = shipped().persons[person].name
    dashboard.wait_for_text_to_equal("#panel-name", name, timeout=10)
    assert "Memberships" in dashboard.find_element("#detail-panel-body").text


def test_a_range_of_years_draws_every_membership_in_it(dashboard, shoot):
    dashboard.find_element("label[for='range-switch']").click()
    wait_for(lambda: dashboard.find_element("#year-label").text == "1923–1927")
    wait_for(lambda: figure_title(dashboard).startswith("Who belonged to which faction, 1923-1927"))
    assert "from=1923" in dashboard.driver.current_url and "year=1927" in dashboard.driver.current_url
    shoot("network-range")


RECORD_REQUESTS = """
    window.sentBodies = [];
    const send = window.fetch;
    window.fetch = function (url, options) {
        window.sentBodies.push(String(url) + ' ' + ((options && options.body) || ''));
        return send.apply(this, arguments);
    };"""


def record_requests(driver) -> None:
    """From now on, keep the address and body of every request the page sends (window.sentBodies)."""
    driver.execute_script(RECORD_REQUESTS)


def test_once_the_years_are_in_the_browser_the_slider_needs_no_server(dashboard):
    wait_for(lambda: dashboard.driver.execute_script("return window.oppositionsFramesReady || 0;"), timeout=60)
    record_requests(dashboard.driver)
    handle = dashboard.find_element("#year-slider [role=slider]")
    handle.click()
    for year in range(1922, 1928):
        handle.send_keys(Keys.ARROW_RIGHT)
        wait_for(lambda: figure_title(dashboard).startswith(f"Who belonged to which faction, {year}"))
    assert f", {persons_in(1927)} belonged to" in figure_title(dashboard)
    # once the slider rests, the page writes the address and the year's events
    sent = wait_for(lambda: dashboard.driver.execute_script("return window.sentBodies;"), 10)
    assert not [body for body in sent if "network-wanted" in body or "graph-network" in body]
    assert dashboard.get_logs() == []


def test_too_large_for_every_year_the_years_ahead_are_fetched_before_the_hand(dash_duo, monkeypatch):
    import app
    from components import frames as charts

    monkeypatch.setattr(charts, "FRAMES_MAX_POINTS", 10)  # as for a dataset of many thousand persons
    dash_duo.start_server(app.create_app(shipped()))
    dash_duo.driver.get(dash_duo.server_url + "/?year=1924")
    dash_duo.wait_for_element("#graph-network .main-svg", timeout=30)
    wait_for(lambda: figure_title(dash_duo).startswith("Who belonged to which faction, 1924"))
    record_requests(dash_duo.driver)
    handle = dash_duo.find_element("#year-slider [role=slider]")
    handle.click()
    handle.send_keys(Keys.ARROW_RIGHT)  # 1925: drawn by the server; 1926 and 1927 asked for ahead
    wait_for(lambda: figure_title(dash_duo).startswith("Who belonged to which faction, 1925"))
    wait_for(lambda: any('/frames/network' in b and '"steps":' in b for b in
                         dash_duo.driver.execute_script("return window.sentBodies;")))
    time.sleep(2)  # the years ahead arrive
    dash_duo.driver.execute_script("window.sentBodies = [];")
    handle.send_keys(Keys.ARROW_RIGHT)
    wait_for(lambda: figure_title(dash_duo).startswith("Who belonged to which faction, 1926"))
    sent = dash_duo.driver.execute_script("return window.sentBodies;")
    assert not [body for body in sent if "network-wanted" in body or "graph-network" in body]
    assert dash_duo.get_logs() == []


def test_a_network_in_webgl_draws_under_the_pages_strict_csp(dash_duo, monkeypatch, shoot):
    """Past the WebGL threshold the network is drawn in WebGL, not Plotly's "not supported" notice
    (the standard plotly.js bundle needs eval, which the page's CSP forbids)."""
    import app
    from oppositions.figures import network_scene as network_module

    monkeypatch.setattr(network_module, "WEBGL_THRESHOLD", 10)  # as for a dataset of thousands
    dash_duo.start_server(app.create_app(shipped()))
    dash_duo.driver.get(dash_duo.server_url + "/?year=1927")
    wait_for(lambda: figure_title(dash_duo).startswith("Who belonged to which faction, 1927"), 30)
    types = dash_duo.driver.execute_script(FIGURE_JS.format("graph-network", "_fullData.map(t => t.type)"))
    assert "scattergl" in types
    time.sleep(1)
    shoot("network-webgl")
    assert not dash_duo.driver.find_elements("css selector", "#graph-network .no-webgl")
    drawn = dash_duo.driver.execute_script("""
        const canvas = document.querySelector('#graph-network canvas.gl-canvas-context');
        const blank = document.createElement('canvas');
        blank.width = canvas.width; blank.height = canvas.height;
        return canvas.toDataURL() !== blank.toDataURL();""")
    assert drawn, "the WebGL canvas stayed blank"
    assert dash_duo.get_logs() == []


def test_1927_shows_its_change_markers_and_counts(dash_duo, shoot):
    import app

    dataset = shipped()
    dash_duo.start_server(app.create_app(dataset))
    dash_duo.driver.get(dash_duo.server_url + "/?year=1927")
    dash_duo.wait_for_element("#graph-network .main-svg", timeout=30)
    wait_for(lambda: "Changes among them" in figure_title(dash_duo) and "1927" in figure_title(dash_duo))
    rings = dash_duo.driver.execute_script("""
        const gd = document.querySelector('#graph-network .js-plotly-plot');
        return gd.data.filter(t => t.legendgroup === 'changes' && t.x.length).map(t => [t.name, t.x.length]);""")
    kinds = dict(rings)
    assert any(name.startswith("joined or signed") for name in kinds) and any(n.startswith("expelled") for n in kinds)
    expelled = next(n for name, n in rings if name.startswith("expelled"))
    assert f"{expelled} expelled" in figure_title(dash_duo)
    line = dash_duo.find_element("#changes-line").text
    assert line.startswith("1927: ") and f"{expelled} expelled" in line
    assert dash_duo.find_element("#changes-expelled").get_attribute("open") is not None  # open by default
    names = dash_duo.find_element("#changes-expelled").text
    assert "Kamenev" in names or "Rakovsky" in names or "Smilga" in names
    shoot("changes-1927")
    assert dash_duo.get_logs() == []


def test_hiding_disputed_facts_changes_the_counts(dashboard):
    wait_for(lambda: "1921" in figure_title(dashboard))
    before = figure_title(dashboard)
    open_side_column(dashboard)
    dashboard.find_element("label[for='undisputed-switch']").click()
    wait_for(lambda: "disputed memberships" in figure_title(dashboard) and "hidden" in figure_title(dashboard))
    after = figure_title(dashboard)
    assert after != before
    hidden = shipped().disputed_counts()
    assert f"{hidden['fates']} fates" in after
    wait_for(lambda: "undisputed=1" in dashboard.driver.current_url)


def test_the_citation_holds_the_version_and_the_year(dashboard):
    handle = dashboard.find_element("#year-slider [role=slider]")
    handle.click()
    for _ in range(6):
        handle.send_keys(Keys.ARROW_RIGHT)
    wait_for(lambda: dashboard.find_element("#year-label").text == "1927")
    dashboard.find_element("#cite-button").click()
    dashboard.wait_for_contains_text("#cite-text-chicago", "1927", timeout=10)
    dataset = shipped()
    for style in ("chicago", "apa", "bibtex"):
        text = dashboard.find_element(f"#cite-text-{style}").text
        assert dataset.fingerprint in text and dataset.version in text and "network, 1927" in text, style
        assert f"v={dataset.fingerprint}" in text and "year=1927" in text, style
    assert "Accessed" in dashboard.find_element("#cite-text-chicago").text
    assert f"v={dataset.fingerprint}" in dashboard.driver.current_url


def test_a_link_made_with_other_data_says_so(served):
    served.driver.get(served.server_url + "/?year=1927&v=000000000000")
    served.wait_for_contains_text("#state-notice", "the data has changed since", timeout=20)


def test_stepping_through_the_story_moves_the_slider_and_the_highlights(dashboard, shoot):
    dataset = shipped()
    dashboard.find_element("#story-open").click()
    dashboard.wait_for_contains_text("#story-progress-text", f"step 1 of {len(dataset.story)}", timeout=10)
    wait_for(lambda: dashboard.find_element("#year-label").text == str(dataset.story[0].year))

    def ringed():
        return set(dashboard.driver.execute_script("""
            const gd = document.querySelector('#graph-network .js-plotly-plot');
            const ring = gd.data.find(t => (t.meta || {}).role === 'highlight');
            return (ring.customdata || []).map(c => c[1]);"""))

    wait_for(lambda: ringed() == set(dataset.story[0].highlight) & ringed() and ringed())
    for number in (2, 3):
        dashboard.find_element("#story-next").click()
        step = dataset.story[number - 1]
        dashboard.wait_for_contains_text("#story-progress-text", f"step {number} of", timeout=10)
        wait_for(lambda: dashboard.find_element("#year-label").text == str(step.year))
        wait_for(lambda: ringed() and ringed() <= set(step.highlight))
        assert step.title in dashboard.find_element("#story-title").text
        wait_for(lambda: f"story={number}" in dashboard.driver.current_url)
    shoot("story-step-3")
    dashboard.find_element("#story-prev").click()
    dashboard.wait_for_contains_text("#story-progress-text", "step 2 of", timeout=10)
    wait_for(lambda: dashboard.find_element("#year-label").text == str(dataset.story[1].year))
    assert dashboard.get_logs() == []


def test_a_fate_shows_its_own_sources_its_doubt_and_its_place_in_the_year(dashboard, shoot):
    """Smilga: the arrest of 1 January 1935 before the sentence known only to 1935; the disputed
    execution with its badge and the note saying which sources give 1938; each step's numbers
    link to the pages read, with the citation on hover, and name entries of the panel's list."""
    dashboard.driver.get(dashboard.server_url + "/?year=1935&person=smilga")
    dashboard.wait_for_text_to_equal("#panel-name", "Ivar Smilga", timeout=20)
    steps = dashboard.find_elements("#panel-fate > li")
    texts = [s.text for s in steps]
    arrest = next(i for i, t in enumerate(texts) if t.startswith("1 January 1935"))
    sentence = next(i for i, t in enumerate(texts) if t.startswith("1935 — Sentenced"))
    assert arrest < sentence, texts
    shot = next(s for s in steps if "Shot in Moscow" in s.text)
    assert "disputed" in shot.text and "1938" in shot.text
    refs = shot.find_elements("css selector", ".panel-refs a")
    listed = dashboard.find_elements("#panel-sources > li")
    assert 1 <= len(refs) < len(listed)  # its own sources, not the whole list
    for ref in refs:
        number = int(ref.text.strip("[]"))
        assert ref.get_attribute("href").startswith("http")
        assert ref.get_attribute("title") and ref.get_attribute("title") in listed[number - 1].text
    kinds = [k.text.removeprefix("— ").split(", read at")[0] for k in
             dashboard.find_elements("#panel-sources .source-kind")]
    assert len(kinds) == len(listed)
    ranks = [list(SOURCE_KINDS.values()).index(k) for k in kinds]
    assert ranks == sorted(ranks), kinds  # the panel's sources open with the strongest
    shoot("panel-smilga")


def test_smirnov_finds_three_people_told_apart(dashboard):
    dashboard.find_element("#search-input").send_keys("Smirnov")
    dashboard.wait_for_contains_text("#search-results", "Ivan Smirnov (1881–1936) · ", timeout=10)
    items = [e.text for e in dashboard.find_elements("#search-results .list-group-item")]
    assert len(items) >= 3 and len(set(items)) == len(items)
    assert any("Vladimir Smirnov (1887–1937)" in t for t in items)


def test_a_page_asks_the_server_for_its_first_network_once(dash_duo):
    """As the page loads, its controls settle one after another; the year's network is still
    asked of the server (and drawn) once, not once per control."""
    import app

    dash_duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_REQUESTS})
    dash_duo.start_server(app.create_app(shipped()))
    dash_duo.driver.get(dash_duo.server_url + "/?year=1927&person=trotsky")
    wait_for(lambda: figure_title(dash_duo).startswith("Who belonged to which faction, 1927"), 30)
    time.sleep(1)
    asked = [b for b in dash_duo.driver.execute_script("return window.sentBodies;") if '"network-wanted.data"' in b
             and "_dash-update-component" in b]
    assert len(asked) == 1, asked
