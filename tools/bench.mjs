// `make bench`: the native build and every build in headless Chromium (and
// TensorFlow.js's wasm backend there), measured on the same cases in rounds
// that take one sample from each in turn, so load from elsewhere on this
// shared machine falls on all of them alike. Prints medians and the ratios
// that matter, each the median of the ratios within rounds. Timing is only
// ever reported here, never asserted.

import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { start } from '../tests/e2e/helpers.mjs';
import { LONGTASK_CASES, measureLongTasks, describe } from './bench-longtask.mjs';
import { gptNet, gptTrainFlopsPerToken } from './bench-flops.mjs';

const ROUNDS = Number(process.env.ROUNDS || 15);
// Short samples, so the engines compared in a round run moments apart.
const SAMPLE_MS = Number(process.env.SAMPLE_MS || 40);
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

/** The native benchmark in serving mode: one sample per line asked. */
async function nativeServer() {
  const p = spawn('cargo', ['bench', '--bench', 'train', '-q', '--', '--serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: p.stdout });
  const queue = [];
  lines.on('line', (l) => queue.shift()?.(l));
  const next = () => new Promise((ok) => queue.push(ok));
  const ready = await next();
  return {
    path: ready.replace(/^ready /, ''),
    async measure(c) {
      p.stdin.write(`${c} ${SAMPLE_MS}\n`);
      const v = Number(await next());
      return Number.isFinite(v) ? v : NaN;
    },
    stop: () => p.stdin.end(),
  };
}

const native = await nativeServer();
// BASE=folder (another build's www/, e.g. an earlier commit's) adds its SIMD
// builds as columns measured in the same rounds: served beside www/ from a
// copy, since the server serves one folder.
let root = 'www';
if (process.env.BASE) {
  root = mkdtempSync(join(tmpdir(), 'bench-'));
  cpSync('www', root, { recursive: true });
  cpSync(process.env.BASE, join(root, 'base'), { recursive: true });
}
const env = await start(root);
const page = await env.browser.newPage();
await page.goto(`${env.base}bench.html${process.env.BASE ? '?base=base' : ''}`);
await page.waitForFunction(() => window.__benchApi, null, { timeout: 60000 });
const workers = await page.evaluate(() => window.__benchApi.start());
// ONLY=case1,case2 measures just those cases.
const only = process.env.ONLY ? process.env.ONLY.split(',').map((s) => s.trim()).filter(Boolean) : null;
const allCases = await page.evaluate(() => window.__benchApi.cases);
const cases = allCases.filter((c) => !only || only.includes(c.name));
const pageCases = LONGTASK_CASES.filter((c) => !only || only.includes(c.name));
const names = [...allCases, ...LONGTASK_CASES].map((c) => c.name);
const unknown = (only || []).filter((n) => !names.includes(n));
if (unknown.length) process.stderr.write(`ONLY: no case named ${unknown.join(', ')}; the cases are ${names.join(', ')}\n`);
if (!cases.length && !pageCases.length) {
  native.stop();
  await env.close();
  process.exit(1);
}
const measure = (name, c) => page.evaluate(([n, cc, ms]) => window.__benchApi.measure(n, cc, ms), [name, c, SAMPLE_MS]);
const columns = ['native', ...workers.map((w) => w.name)];

const samples = {};
for (const c of cases) {
  const take = async (col) => {
    if (col === 'native') return native.measure(c.name);
    const w = workers.find((x) => x.name === col);
    if (!w.cases.includes(c.name)) return undefined;
    const r = await measure(col, c.name);
    return r.error ? NaN : r.value;
  };
  for (const col of columns) await take(col); // warm up
  samples[c.name] = Object.fromEntries(columns.map((col) => [col, []]));
  for (let r = 0; r < ROUNDS; r++) {
    // Every other round in reverse order, so no engine always goes first.
    for (const col of r % 2 ? [...columns].reverse() : columns) {
      const v = await take(col);
      if (v !== undefined) samples[c.name][col].push(v);
    }
  }
  process.stderr.write(`  ${c.name} done\n`);
}
native.stop();
await page.close();
// The pages at their heaviest settings, one at a time, nothing else running.
const pageResults = [];
for (const c of pageCases) {
  pageResults.push([c, await measureLongTasks(env.browser, env.base, c)]);
  process.stderr.write(`  ${c.name} done\n`);
}
await env.close();

// A ceiling is the best a build reached; everything else is a median.
const stat = (c, v) => (c === 'peak-mul-add' ? Math.max(...v) : median(v));
const faster = (unit, a, b) => (unit === 'ms' ? b / a : a / b); // how many times a beats b
const perRound = (unit, a, b) => median(a.map((x, i) => faster(unit, x, b[i])).filter(Number.isFinite));
const bestOf = (unit, v) => (unit === 'ms' ? Math.min(...v) : Math.max(...v));
const ratio = (unit, a, b) => `${perRound(unit, a, b).toFixed(2)}× [${faster(unit, bestOf(unit, a), bestOf(unit, b)).toFixed(2)}×]`;
// Rates below a million in thousands, so that the GPT rows (a few
// thousand tokens/s) keep three significant digits.
const fmt = (unit, v) => (!Number.isFinite(v) ? '—' : unit === 'ms' ? `${v.toFixed(2)} ms` : unit === 'GFLOP/s' ? v.toFixed(1) : v < 1e5 ? `${(v / 1e3).toFixed(2)} k` : `${(v / 1e6).toFixed(3)} M`);
/** A build's measured ceiling, or undefined when the case was not run. */
const peakOf = (col) => {
  const v = (samples['peak-mul-add']?.[col] || []).filter(Number.isFinite);
  return v.length ? Math.max(...v) : undefined;
};
const wasmCols = workers.filter((w) => w.name !== 'TensorFlow.js').map((w) => w.name);

if (cases.length) {
  console.log(`\nBenchmark: native (${native.path}) and, in headless Chromium, ${workers.map((w) => `${w.name} (${w.path})`).join(', ')};`);
  console.log(`medians of ${ROUNDS} rounds (the peak: the best round); ratios are medians of the ratios within rounds (above 1: faster).\n`);
  console.log(['case'.padEnd(22), 'unit'.padEnd(11), ...columns.map((c) => c.padStart(14))].join(''));
  for (const c of cases) {
    console.log([c.name.padEnd(22), c.unit.padEnd(11), ...columns.map((col) => fmt(c.unit, stat(c.name, samples[c.name][col])).padStart(14))].join(''));
  }
  console.log('\nBest round of each (what each reaches when nothing else interferes)');
  for (const c of cases) {
    const best = (v) => (c.unit === 'ms' ? Math.min(...v) : Math.max(...v));
    console.log([c.name.padEnd(22), c.unit.padEnd(11), ...columns.map((col) => fmt(c.unit, samples[c.name][col].length ? best(samples[c.name][col]) : NaN).padStart(14))].join(''));
  }
  console.log('\nRatios (median of the ratios within rounds; in brackets, the ratio of the best rounds)');
  for (const c of cases) {
    const s = samples[c.name];
    const parts = [];
    for (const v of wasmCols) if (s[v].length && s.native.length) parts.push(`${v}/native ${ratio(c.unit, s[v], s.native)}`);
    for (const v of wasmCols) if (s[v].length && s['TensorFlow.js']?.length) parts.push(`${v}/TF.js ${ratio(c.unit, s[v], s['TensorFlow.js'])}`);
    for (const v of wasmCols) if (s[v].length && s[`${v}-base`]?.length) parts.push(`${v}/${v}-base ${ratio(c.unit, s[v], s[`${v}-base`])}`);
    // A share of the ceiling only where both it and the product were measured.
    if (c.name.startsWith('matmul-')) {
      for (const v of wasmCols.filter((x) => x !== 'scalar')) {
        const peak = peakOf(v);
        const ours = (s[v] || []).filter(Number.isFinite);
        if (!(peak > 0) || !ours.length) continue;
        parts.push(`${v} at ${(100 * median(ours) / peak).toFixed(0)}% of its peak [${(100 * Math.max(...ours) / peak).toFixed(0)}%]`);
      }
    }
    // GPT training: the model's arithmetic per second against each
    // build's ceiling (tools/bench-flops.mjs).
    const net = gptNet(c.name);
    if (net) {
      for (const v of columns.filter((x) => x !== 'TensorFlow.js' && !x.endsWith('-base'))) {
        const peak = peakOf(v);
        const ours = (s[v] || []).filter(Number.isFinite);
        if (!(peak > 0) || !ours.length) continue;
        const gf = (median(ours) * gptTrainFlopsPerToken(net)) / 1e9;
        parts.push(`${v} ${gf.toFixed(1)} GFLOP/s of model arithmetic = ${((100 * gf) / peak).toFixed(0)}% of its peak`);
      }
    }
    console.log(`  ${c.name.padEnd(22)} ${parts.length ? parts.join('; ') : '—'}`);
  }
}

if (pageResults.length) {
  console.log('\nMain thread while training in headless Chromium (measured, not asserted; the aim is no task over 50 ms)');
  for (const [c, r] of pageResults) console.log(describe(c, r));
}
