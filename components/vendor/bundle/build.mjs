// Builds components/vendor/plotly-dashboard.min.js: plotly.js with only the traces the
// dashboard draws, WebGL in its strict (eval-free) form. Run by `make vendor-plotly`, which
// installs plotly.js of the plotly Python package's version, esbuild and buffer beside it.
import * as esbuild from 'esbuild';
import {readFileSync} from 'node:fs';

const version = JSON.parse(readFileSync('node_modules/plotly.js/package.json', 'utf8')).version;
await esbuild.build({
  entryPoints: ['entry.js'], bundle: true, minify: true, format: 'iife', globalName: 'Plotly',
  outfile: process.argv[2], target: ['es2018'], legalComments: 'none', logLevel: 'warning',
  define: {'process.env.NODE_ENV': '"production"', 'global': 'window'},
  inject: ['./buffer-shim.js'],
  banner: {js: `/**\n* plotly.js (strict - minified, the dashboard's traces: scatter, scattergl, bar, heatmap, ` +
                `sankey) v${version}\n* Copyright 2012-2026, Plotly, Inc.\n* Licensed under the MIT license\n*/`},
});
