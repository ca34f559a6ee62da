/* Callbacks that run in the browser, so that moving through the years needs no round trip.
 *
 * The network of every year, for the controls as they are, is drawn by the server (by the same
 * Python builders as every export) and fetched once, outside Dash's state; a slider move then
 * only picks the year's figure. For a dataset too large for that, the years next to the one on
 * screen are fetched ahead of the hand. Anything not fetched yet is asked of the server.
 */
const oppositionsFrames = new Map();  // a view's key -> the frames of that view, least recently used first
const KEPT_VIEWS = 4;  // views whose frames are kept (about 8 MB each on the shipped data)
const NEARBY_KEPT = 12;  // figures kept per view when only the years around the hand are fetched
const RETRY_MS = 5000;  // a fetch that failed (not one the server refused) is tried again this much later
let oppositionsFirstDrawn = false;  // the page's first network has been drawn
let oppositionsAfterDraw = null;  // what to fetch once it is (every year of the first view)
let oppositionsAsked = null;  // the view last asked of the server and not yet replaced by a frame
const SETTLE_MS = 400;  // a slider step at rest this long is the year read below the chart

/* The view the controls show, as the server's ViewState reads it (components/state.py): keyed
 * by field name, the slider's step or span as years, the factions and the highlight sorted (one
 * view, one key, whatever the order they were ticked in). Only the fields given are set. */
function viewOf(years, step, rangeOn, span, factions, undisputed, view, highlight, selected, crowd) {
    const at = i => years[Math.min(Math.max(i || 0, 0), years.length - 1)];
    const ranged = Boolean(rangeOn) && Array.isArray(span) && span.length === 2;
    const state = {year: at(ranged ? span[1] : step), since: ranged ? at(span[0]) : null,
                   factions: Array.isArray(factions) ? Array.from(new Set(factions)).sort() : null,
                   undisputed: Boolean(undisputed)};
    if (view !== undefined) { state.view = view; }
    if (highlight !== undefined) { state.highlight = Array.from(new Set(highlight || [])).sort(); }
    if (selected !== undefined) { state.person = selected && selected.kind === 'person' ? selected.id : null; }
    if (crowd) {  // a crowded network: the part zoomed into and the faction opened decide who is drawn
        state.region = crowd.region || null;
        state.faction = selected && selected.kind === 'faction' ? selected.id : null;
    }
    return state;
}

/* The frames of one view, whatever its year: {figures: step -> figure, whole: null | 'pending'
 * | 'done' | 'refused' | 'failed', nearby: true while the server draws years ahead, retryAt:
 * when a failed fetch may be tried again, pending: steps asked for, order: steps oldest first}.
 * Only the KEPT_VIEWS views used last are kept. What may be fetched is the server's ``plan``
 * (frames_plan). */
function framesOf(view) {
    const key = JSON.stringify(Object.assign({}, view, {year: null, since: null}));
    let entry = oppositionsFrames.get(key);
    if (entry === undefined) {
        entry = {key: key, figures: {}, whole: null, nearby: true, retryAt: 0, pending: new Set(), order: []};
    }
    oppositionsFrames.delete(key);
    oppositionsFrames.set(key, entry);  // the most recently used, last
    while (oppositionsFrames.size > KEPT_VIEWS) { oppositionsFrames.delete(oppositionsFrames.keys().next().value); }
    return entry;
}

/* POST the view (and, for a few years only, their steps): {frames} when drawn, {refused} when
 * the server will not (too large, or not a view), {failed} when it could not (try later). */
function postFrames(url, view, steps) {
    const body = JSON.stringify(steps ? {view: view, steps: steps} : {view: view});
    return fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: body})
        .then(response => (response.ok ? response.json().then(frames => ({frames: frames}))
                           : (response.status < 500 ? {refused: true} : {failed: true})))
        .catch(() => ({failed: true}));
}

/* Every year of one view at once: small datasets. */
function fetchWhole(url, view, entry) {
    entry.whole = 'pending';
    postFrames(url, view, null).then(answer => {
        if (!answer.frames) {
            entry.whole = answer.refused ? 'refused' : 'failed';
            entry.retryAt = Date.now() + RETRY_MS;
            return;
        }
        answer.frames.figures.forEach((figure, step) => { entry.figures[step] = figure; });
        entry.whole = 'done';
        window.oppositionsFramesReady = entry.key;
    });
}

/* The years next to ``step`` that are not here yet, fetched ahead of the hand: large datasets. */
function fetchNearby(url, view, entry, step, last) {
    const steps = [step + 1, step - 1, step + 2, step - 2].filter(
        s => s >= 0 && s <= last && entry.figures[s] === undefined && !entry.pending.has(s));
    if (!entry.nearby || steps.length === 0 || Date.now() < entry.retryAt) { return; }
    steps.forEach(s => entry.pending.add(s));
    postFrames(url, view, steps).then(answer => {
        steps.forEach(s => entry.pending.delete(s));
        if (!answer.frames) {
            if (answer.refused) { entry.nearby = false; } else { entry.retryAt = Date.now() + RETRY_MS; }
            return;
        }
        Object.entries(answer.frames.figures).forEach(([s, figure]) => {
            entry.figures[s] = figure;
            entry.order.push(Number(s));
        });
        while (entry.order.length > NEARBY_KEPT) { delete entry.figures[entry.order.shift()]; }
    });
}

/* The network's size in the page: how many screen px a reference px takes (the server places names
 * for every scale from the reference plot up: network_names.py), given the graph's size. */
function networkScale(layout, width, height) {
    const m = layout.margin || {};
    const plotW = width - (m.l || 0) - (m.r || 0), plotH = height - (m.t || 0) - (m.b || 0);
    const x = layout.xaxis.range, y = layout.yaxis.range;
    return Math.max(0.1, Math.min(plotW / (x[1] - x[0]), plotH / (y[1] - y[0])));
}

const SCALED_MARKS = new Set(['person', 'faction', 'ring', 'highlight', 'selected', 'names', 'doubt', 'ties']);
const SCALED_TEXTS = new Set(['names', 'doubt', 'ties']);  // shown from a scale on (network_names.py)

/* The names and doubt marks that fit at ``scale``: those placed for it or a smaller one. A name
 * left out is a space, not '': Plotly never draws a text again at an index where it once drew an
 * empty one (plotly.js issue 5360), so a name missing in one year stayed missing when the slider
 * came to a year that has it. */
function textsAt(meta, scale) {
    return meta.texts.map((t, i) => (meta.scales[i] <= scale + 1e-9 && t ? t : ' '));
}

function namesAt(data, scale) {
    return data.map(trace => {
        const meta = trace.meta || {};
        if (!SCALED_TEXTS.has(meta.role)) { return trace; }
        return Object.assign({}, trace, {text: textsAt(meta, scale)});
    });
}

/* Lines of text (``<br>`` between them) wrapped again at ``chars`` characters. */
function rewrap(text, chars) {
    return String(text).split('<br>').map(line => {
        const out = [];
        let current = '';
        line.split(' ').forEach(word => {
            if (current && current.length + word.length + 1 > chars) { out.push(current); current = word; }
            else { current = current ? current + ' ' + word : word; }
        });
        out.push(current);
        return out.join('<br>');
    }).join('<br>');
}

/* The network figure fitted to its graph in the page: below 900 px the legend goes under the
 * plot; the names shown are those that fit the plot's size (estimated here, checked against the
 * drawn axes by fitToAxes). */
function fitNetwork(figure) {
    const outer = document.getElementById('graph-network');
    if (!figure || !figure.layout || !figure.layout.xaxis || !outer) { return figure; }
    const width = outer.clientWidth || 900, height = outer.clientHeight || 600;
    let layout = figure.layout;
    if (width < 900) {  // the legend under the plot, the lines of text wrapped to the width
        const chars = Math.max(40, Math.floor((width - 20) / 6.6));
        const title = layout.title && layout.title.subtitle ? Object.assign({}, layout.title, {
            subtitle: Object.assign({}, layout.title.subtitle, {text: rewrap(layout.title.subtitle.text, chars)})}) : layout.title;
        const below = 330;
        const margin = Object.assign({}, layout.margin, {r: 10, b: below, t: (layout.margin.t || 0) + 14 * (
            (title && title.subtitle ? title.subtitle.text.split('<br>').length : 0)
            - (layout.title && layout.title.subtitle ? layout.title.subtitle.text.split('<br>').length : 0))});
        layout = Object.assign({}, layout, {
            title: title, margin: margin,
            legend: Object.assign({}, layout.legend, {orientation: 'h', x: 0, xanchor: 'left', y: -0.02,
                                                      yanchor: 'top', font: {size: 11}}),
            annotations: (layout.annotations || []).map(a => (a.name === 'caption' ? Object.assign({}, a, {
                text: rewrap(a.text, Math.floor(chars * 1.1)), yshift: -(below - 4)}) : a))});
    }
    watchAxes(outer);
    window.setTimeout(() => {  // the first drawing: the graph did not exist yet
        const gd = outer.querySelector('.js-plotly-plot');
        if (gd && !gd.oppositionsAxes) { watchAxes(outer); fitToAxes(gd); }
    }, 300);
    return Object.assign({}, figure, {layout: layout, data: namesAt(figure.data, networkScale(layout, width, height))});
}

/* After every drawing, zoom or resize: the names that fit the axes as drawn (more as the reader
 * zooms in, as Kumu does), and, in a plot smaller than the reference one, marks shrunk with it
 * (never the text) so that they stay apart. The scale is the x axis's px per reference px. */
function fitToAxes(gd) {
    const axis = gd._fullLayout && gd._fullLayout.xaxis;
    if (!axis || !axis._m || !gd.data || (gd._fullLayout.meta || {}).many) { return; }  // thousands: no names, no shrinking
    const scale = axis._m, shrink = Math.min(1, scale);
    const indices = [], texts = [], sizes = [];
    gd.data.forEach((trace, i) => {
        const meta = trace.meta || {};
        if (!SCALED_MARKS.has(meta.role)) { return; }
        if (meta.base === undefined) { meta.base = trace.marker ? trace.marker.size : null; }
        const base = meta.base;
        const size = Array.isArray(base) ? base.map(v => v * shrink) : (base === null ? null : base * shrink);
        const text = SCALED_TEXTS.has(meta.role) ? textsAt(meta, scale) : trace.text;
        const current = trace.marker ? trace.marker.size : null;
        const sizeChanged = shrink === 1 ? current !== base && JSON.stringify(current) !== JSON.stringify(base)
            : JSON.stringify(size) !== JSON.stringify(current);  // at full size, no copy to compare on every move
        if (sizeChanged || JSON.stringify(text) !== JSON.stringify(trace.text)) {
            indices.push(i); texts.push(text); sizes.push(size);
        }
    });
    if (indices.length) { window.Plotly.restyle(gd, {text: texts, 'marker.size': sizes}, indices); }
}

function watchAxes(outer) {
    const gd = outer.querySelector('.js-plotly-plot') || outer;
    if (gd.oppositionsAxes || !gd.on) { return; }
    gd.oppositionsAxes = true;
    gd.on('plotly_afterplot', () => fitToAxes(gd));
    gd.on('plotly_relayout', () => fitToAxes(gd));
}

/* A year already in the browser drawn straight into the graph Dash already made: going through
 * the graph's ``figure`` property would have Dash's renderer copy and compare the whole figure
 * first (a third of a slider step at 292 persons, more than half at 10,000). The graph's
 * property keeps the last figure the server drew; nothing reads it back. Null when there is no
 * graph yet; else a promise kept once it is drawn. */
function drawn(figure) {
    const outer = document.getElementById('graph-network');
    const gd = outer && outer.querySelector('.js-plotly-plot');
    if (!gd || !gd._fullLayout || !window.Plotly) { return null; }
    return Promise.resolve(window.Plotly.react(gd, figure.data, figure.layout));
}

/* A screen reader hears "Year, 1927", not "slider, 8": each thumb gets a name and its year as
 * aria-valuetext (the sliders' steps are indices into the years that hold a fact). */
function nameThumbs(step, span, years, tries) {
    const at = i => String(years[Math.min(Math.max(i || 0, 0), years.length - 1)]);
    const single = document.querySelector('#year-slider [role=slider]');
    if (!single && (tries || 0) < 50) {  // the slider not drawn yet: once it is
        window.setTimeout(() => nameThumbs(step, span, years, (tries || 0) + 1), 100);
        return;
    }
    if (single) {
        const drawnAs = (span && document.querySelector('#range-slider .dash-slider-mark')
                         && document.querySelector('#range-slider').offsetWidth) ? 'both' : 'single';
        if (window.oppositionsThinned !== drawnAs) {  // once per slider shown, not on every step
            window.oppositionsThinned = drawnAs;
            window.setTimeout(thinMarks, 50);
        }
        single.setAttribute('aria-label', 'Year');
        single.setAttribute('aria-valuetext', at(step));
    }
    document.querySelectorAll('#range-slider [role=slider]').forEach((thumb, k) => {
        thumb.setAttribute('aria-label', k === 0 ? 'First year of the range' : 'Last year of the range');
        thumb.setAttribute('aria-valuetext', at((span || [])[k]));
    });
}

/* The sliders' year labels never print over each other, at any width: a label that would touch
 * the one before is hidden (the first and the last always show). Run when the sliders are drawn
 * and whenever the window changes size. */
function thinMarks() {
    document.querySelectorAll('.year-sliders .dash-slider-root').forEach(root => {
        const marks = Array.from(root.querySelectorAll('.dash-slider-mark'));
        marks.forEach(m => { m.style.visibility = ''; });
        const shown = [];
        marks.forEach((mark, k) => {
            const box = mark.getBoundingClientRect();
            if (!box.width) { return; }
            const before = shown[shown.length - 1];
            if (before && box.left < before.box.right + 6) {
                if (k !== marks.length - 1) { mark.style.visibility = 'hidden'; return; }
                before.mark.style.visibility = 'hidden';  // the last year wins over the one before it
                shown.pop();
            }
            shown.push({mark: mark, box: box});
        });
    });
}
const marksWatch = new ResizeObserver(() => thinMarks());  // the track's width, whatever changed it
const slidersWatch = new MutationObserver(() => {
    const sliders = document.querySelector('.year-sliders');
    if (sliders && sliders.querySelector('.dash-slider-mark')) {
        slidersWatch.disconnect();
        marksWatch.observe(sliders);
    }
});
slidersWatch.observe(document.documentElement, {childList: true, subtree: true});

/* Back or Forward to an address this page did not write last: the page is served afresh for
 * it (the address is read when the page is served: components/page.py). */
let oppositionsWritten = window.location.search;
window.addEventListener('popstate', () => {
    if (window.location.pathname.replace(/\/+$/, '').endsWith('/about')) { return; }  // the router's
    if (window.location.search !== oppositionsWritten) { window.location.reload(); }
});

/* dash-bootstrap-components gives every tab the id "...-tab-null" and points it at a pane
 * "...-tabpane-null" that does not exist: each tab is linked to its own pane here, so that a
 * screen reader can go from a tab to the chart it shows. */
function linkTabs() {
    const tabs = document.querySelectorAll('#chart-tabs [role=tab]');
    const panes = document.querySelectorAll('.chart-area .tab-content > [role=tabpanel]');
    if (!tabs.length || tabs.length !== panes.length) { return false; }
    tabs.forEach((tab, k) => {
        const labelled = panes[k].getAttribute('aria-labelledby');
        if (labelled && tab.id !== labelled) { tab.id = labelled; }
        if (tab.getAttribute('aria-controls') !== panes[k].id) { tab.setAttribute('aria-controls', panes[k].id); }
    });
    return true;
}
const tabsWatch = new MutationObserver(() => {  // until the tabs are drawn; then only they are watched
    if (linkTabs()) {
        tabsWatch.disconnect();
        new MutationObserver(linkTabs).observe(document.getElementById('chart-tabs'),
                                               {attributes: true, attributeFilter: ['id', 'aria-controls'], subtree: true});
    }
});
tabsWatch.observe(document.documentElement, {childList: true, subtree: true});

/* The search's results by keyboard: Down from the box to the first, Up and Down between them,
 * Home and End, Escape back to the box (Enter or Space on a result opens it: they are buttons). */
document.addEventListener('keydown', event => {
    const box = document.getElementById('search-input');
    const results = Array.from(document.querySelectorAll('#search-results .search-result'));
    if (!box || !results.length) { return; }
    const at = results.indexOf(document.activeElement);
    let next = null;
    if (event.target === box && event.key === 'ArrowDown') { next = 0; }
    else if (at >= 0 && event.key === 'ArrowDown') { next = Math.min(at + 1, results.length - 1); }
    else if (at >= 0 && event.key === 'ArrowUp') { next = at - 1; }
    else if (at >= 0 && event.key === 'Home') { next = 0; }
    else if (at >= 0 && event.key === 'End') { next = results.length - 1; }
    else if (at >= 0 && event.key === 'Escape') { next = -1; }
    if (next === null) { return; }
    event.preventDefault();
    (next < 0 ? box : results[next]).focus();
});

window.dash_clientside = Object.assign({}, window.dash_clientside, {
    oppositions: {
        /* The year's network from the frames already fetched, or a request to the server. */
        network: function (step, tab, rangeOn, span, factions, view, highlight, selected, undisputed, region, plan, years) {
            const skip = window.dash_clientside.no_update;
            if (tab !== 'network' || step === null || step === undefined) {
                return [skip, skip];
            }
            const wanted = viewOf(years, step, rangeOn, span, factions, undisputed, view, highlight, selected,
                                  plan.crowdable ? {region: region} : null);
            const entry = framesOf(wanted);
            const retry = entry.whole === 'failed' && Date.now() >= entry.retryAt;
            if (plan.whole && (entry.whole === null || retry)) {
                if (!rangeOn && !entry.figures[step] && !oppositionsFirstDrawn) {
                    // the year on screen first (the server draws it alone), every year after it
                    oppositionsAfterDraw = () => { if (entry.whole === null) { fetchWhole(plan.url, wanted, entry); } };
                } else {
                    fetchWhole(plan.url, wanted, entry);
                }
            }
            const ahead = () => {
                if (!plan.whole) { fetchNearby(plan.url, wanted, entry, step, years.length - 1); }
            };
            if (!rangeOn && entry.figures[step]) {
                oppositionsAsked = null;
                const figure = fitNetwork(entry.figures[step]);
                const painted = drawn(figure);
                if (painted) {  // the years ahead asked for once this one is painted: no server work meanwhile
                    painted.then(() => window.setTimeout(ahead, 0));
                    return [skip, skip];
                }
                ahead();
                return [figure, skip];
            }
            ahead();
            // the page's controls settle one after another as it loads: the same view is asked once
            const asked = JSON.stringify(wanted);
            if (asked === oppositionsAsked) { return [skip, skip]; }
            oppositionsAsked = asked;
            return [skip, wanted];
        },

        /* The part of a crowded network the reader zoomed or panned to (x0, x1, y0, y1 in layout
         * px, as the axes show it), or null once the axes are reset to the whole: past what the
         * plot can hold, the server draws the persons inside it (network_crowd.py). Nothing for a
         * dataset the plot always holds: there a zoom only shows more names (fitToAxes). */
        region: function (relayout, plan, current) {
            const skip = window.dash_clientside.no_update;
            if (!plan || !plan.crowdable || !relayout) { return skip; }
            const keys = Object.keys(relayout);
            if (!keys.some(k => k.startsWith('xaxis') || k.startsWith('yaxis'))) { return skip; }
            if (relayout['xaxis.autorange'] || relayout['yaxis.autorange']) { return current ? null : skip; }
            const gd = document.querySelector('#graph-network .js-plotly-plot');
            const axes = gd && gd._fullLayout;
            if (!axes || !axes.xaxis || !axes.yaxis) { return skip; }
            const round = v => Math.round(v * 100) / 100;
            const region = axes.xaxis.range.concat(axes.yaxis.range).map(round);
            return JSON.stringify(region) === JSON.stringify(current) ? skip : region;
        },

        /* A network the server drew (a range of years, or before the frames came), fitted. */
        fitted: function (figure) {
            oppositionsFirstDrawn = true;
            if (oppositionsAfterDraw) {  // the years not on screen, asked for once this one is drawn
                const later = oppositionsAfterDraw;
                oppositionsAfterDraw = null;
                window.setTimeout(later, 0);
            }
            return fitNetwork(figure);
        },

        /* The view's query written into the address: in place (history.replaceState) for the
         * years and the filters, as a new entry (pushState) for a person, a story step, a tab
         * (the server's ``push``). dcc.Location is left alone: told of the query, it would
         * push its own, older address after ours. */
        writeAddress: function (address) {
            if (!address || typeof address.query !== 'string') { return window.dash_clientside.no_update; }
            if (address.query !== window.location.search) {
                const url = window.location.pathname + address.query + window.location.hash;
                window.history[address.push ? 'pushState' : 'replaceState'](null, '', url);
            }
            oppositionsWritten = address.query;
            return address.query;
        },

        /* Show or hide the side column; the charts take the room it leaves. */
        sideColumn: function (clicks, closed, hidden) {
            const trigger = (window.dash_clientside.callback_context.triggered[0] || {}).prop_id || '';
            const open = trigger.startsWith('side-column-close.') ? false : Boolean(hidden);
            window.setTimeout(() => {  // a drawer (narrow screens) takes the focus, and gives it back
                const close = document.getElementById('side-column-close');
                if (open && close && close.offsetParent) { close.focus(); }
                if (!open && trigger.startsWith('side-column-close.')) { document.getElementById('side-column-toggle').focus(); }
            }, 0);
            window.setTimeout(() => window.dispatchEvent(new Event('resize')), 30);
            return [!open, open ? 'true' : 'false'];
        },

        /* Chart | Table: the table in place of the charts (the tabs still choose which chart's
         * data); back to the chart, the graphs are told to fit the room they get again. */
        showTable: function (show, className) {
            const table = show === 'table';
            const classes = (className || '').split(' ').filter(c => c && c !== 'show-table');
            if (table) { classes.push('show-table'); }
            if (!table) { window.setTimeout(() => window.dispatchEvent(new Event('resize')), 30); }
            return [!table, classes.join(' ')];
        },

        /* Ask the server only for the chart of the tab on screen. */
        requests: function (tab, step, rangeOn, span, factions, undisputed, years, serverTabs) {
            const skip = window.dash_clientside.no_update;
            const wanted = viewOf(years, step, rangeOn, span, factions, undisputed);
            return serverTabs.map(t => (t === tab ? wanted : skip));
        },

        /* The slider's step, passed on once it has not moved for SETTLE_MS (playing, or a hand
         * on the arrow keys, moves on first): the lists of the year are not rebuilt for every
         * year flown over, and never compete with the chart's drawing. */
        settled: function (step) {
            window.oppositionsStep = step;
            return new Promise(resolve => window.setTimeout(() => resolve(
                window.oppositionsStep === step ? step : window.dash_clientside.no_update), SETTLE_MS));
        },

        /* The year (or range) in large type; the sliders' thumbs named and read as years. */
        yearLabel: function (step, rangeOn, span, years) {
            window.setTimeout(() => nameThumbs(step, rangeOn ? span : null, years), 0);
            if (rangeOn && span) {
                return years[span[0]] + '–' + years[span[1]];
            }
            return String(years[Math.min(Math.max(step || 0, 0), years.length - 1)]);
        },

        /* One step on (play or ▶) or back (◀). Playing stops at the network's last year
         * (networkEnd); played on from there, it runs through the years afterwards to the end. */
        step: function (tick, back, forward, step, timerDisabled, last, networkEnd) {
            const skip = window.dash_clientside.no_update;
            const trigger = (window.dash_clientside.callback_context.triggered[0] || {}).prop_id || '';
            step = step === null || step === undefined ? 0 : step;
            if (trigger.startsWith('step-back.')) {
                return [Math.max(0, step - 1), skip, skip];
            }
            if (step >= last) {
                return [last, true, '▶ Play'];
            }
            if (trigger.startsWith('play-timer.') && step + 1 === networkEnd) {
                return [step + 1, true, '▶ Play'];
            }
            return [step + 1, skip, skip];
        }
    }
});
