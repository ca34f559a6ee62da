/* Callbacks that run in the browser, so that moving through the years needs no round trip.
 *
 * The network of every year, for the controls as they are, is drawn by the server (by the same
 * Python builders as every export) and fetched once, outside Dash's state; a slider move then
 * only picks the year's figure. Anything not fetched yet is asked of the server.
 */
const oppositionsFrames = {};  // JSON of [factions, view, highlight, selected, undisputed] -> {figures} or 'pending'

/* The frames of one state of the controls if they have arrived; otherwise start fetching them. */
function fetchFrames(url, state) {
    const key = JSON.stringify(state);
    const known = oppositionsFrames[key];
    if (known === undefined) {
        oppositionsFrames[key] = 'pending';
        fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: key})
            .then(response => (response.ok ? response.json() : 'refused'))
            .then(frames => {
                oppositionsFrames[key] = frames;
                if (typeof frames === 'object') { window.oppositionsFramesReady = key; }
            })
            .catch(() => { oppositionsFrames[key] = 'refused'; });
        return null;
    }
    return typeof known === 'object' ? known : null;
}
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    oppositions: {
        /* The year's network from the frames already fetched, or a request to the server. */
        network: function (step, tab, rangeOn, span, factions, view, highlight, selected, undisputed, framesUrl) {
            const skip = window.dash_clientside.no_update;
            if (tab !== 'network' || step === null || step === undefined) {
                return [skip, skip];
            }
            const state = [factions === undefined ? null : factions, view, highlight || [], selected || null,
                           Boolean(undisputed)];
            const frames = fetchFrames(framesUrl, state);
            if (!rangeOn && frames && frames.figures[step]) {
                return [frames.figures[step], skip];
            }
            return [skip, {step: step, rangeOn: rangeOn, span: span, factions: factions, view: view,
                           highlight: highlight, selected: selected, undisputed: Boolean(undisputed)}];
        },

        /* Ask the server only for the chart of the tab on screen. */
        requests: function (tab, step, rangeOn, span, factions, undisputed) {
            const skip = window.dash_clientside.no_update;
            const wanted = {step: step, rangeOn: rangeOn, span: span, factions: factions,
                            undisputed: Boolean(undisputed)};
            return ['timeline', 'overlap', 'flows', 'fates'].map(t => (t === tab ? wanted : skip));
        },

        /* The year (or range) in large type. */
        yearLabel: function (step, rangeOn, span, years) {
            if (rangeOn && span) {
                return years[span[0]] + '–' + years[span[1]];
            }
            return String(years[Math.min(Math.max(step || 0, 0), years.length - 1)]);
        },

        /* One step on (play or ▶) or back (◀); the animation stops at the last step. */
        step: function (tick, back, forward, step, timerDisabled, last) {
            const skip = window.dash_clientside.no_update;
            const trigger = (window.dash_clientside.callback_context.triggered[0] || {}).prop_id || '';
            step = step === null || step === undefined ? 0 : step;
            if (trigger.startsWith('step-back.')) {
                return [Math.max(0, step - 1), skip, skip];
            }
            if (step >= last) {
                return [last, true, '▶ Play'];
            }
            return [step + 1, skip, skip];
        }
    }
});
