'use strict';
// The dashboard's plotly.js: the core (scatter, shapes, annotations, legends) and the four
// traces its charts draw; WebGL scatter in its strict form (shaders precompiled: no eval).
var Plotly = require('plotly.js/lib/core');
Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/heatmap'),
    require('plotly.js/lib/sankey'),
    require('plotly.js/src/traces/scattergl/strict'),
]);
module.exports = Plotly;
