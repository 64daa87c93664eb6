// The benchmark page: every build of the engine this browser validates and
// TensorFlow.js's WebAssembly backend, each in its own worker, measured on
// the same cases in rounds that take one sample from each in turn, so that
// load from elsewhere on the machine falls on all of them alike. Medians of
// the rounds, then ratios. `make bench` drives the same workers through
// window.__benchApi, with the native build joining the rounds.

import { pickVariant, wasmUrl, VARIANTS } from './wasm.js';
import { CASES, median } from './bench-cases.js';
import { t } from './i18n.js';
import { siteHeader } from './site-header.js';
import './bench-strings.js';

const state = document.getElementById('state');
const table = document.getElementById('results');
const button = document.getElementById('run');
const quick = location.hash.includes('quick');
const ROUNDS = quick ? 1 : 11;
const SAMPLE_MS = quick ? 20 : 50;

/** A worker that answers `measure(case)` with one sample. */
function engineWorker(name, url, init) {
  const w = new Worker(url, { type: 'module' });
  let next = 0;
  const waiting = new Map();
  let readyOk;
  const ready = new Promise((ok) => { readyOk = ok; });
  w.onmessage = (e) => {
    const m = e.data;
    if (m.type === 'ready') readyOk(m);
    else if (waiting.has(m.id)) {
      waiting.get(m.id)(m);
      waiting.delete(m.id);
    } else if (m.type === 'error') readyOk({ error: m.message, cases: [] });
  };
  w.onerror = (e) => readyOk({ error: e.message || 'could not start', cases: [] });
  w.postMessage({ type: 'init', ...init });
  return {
    name,
    ready,
    measure(c, ms = SAMPLE_MS) {
      const id = ++next;
      return new Promise((ok) => {
        waiting.set(id, ok);
        w.postMessage({ type: 'measure', id, case: c, ms });
      });
    },
  };
}

/** Starts a worker per build this browser runs, and TensorFlow.js's. */
// `bench.html?base=folder` also measures the SIMD builds of another copy of
// the site served from that folder (an earlier commit's `www/`), in the same
// rounds, so a change to the engine is measured against what it replaced.
const BASE = new URLSearchParams(location.search).get('base');

async function startWorkers() {
  const best = pickVariant();
  const builds = VARIANTS.slice(VARIANTS.indexOf(best));
  const workers = builds.map((v) => engineWorker(v, new URL('./bench-worker.js', import.meta.url), { wasm: wasmUrl(v) }));
  if (BASE && /^[\w-]+$/.test(BASE)) {
    for (const v of builds.filter((b) => b !== 'scalar')) {
      const root = new URL(`../${BASE}/`, import.meta.url);
      workers.push(engineWorker(`${v}-base`, new URL('js/bench-worker.js', root), { wasm: new URL(`pkg/neuroplay_${v}.wasm`, root).href }));
    }
  }
  workers.push(engineWorker('TensorFlow.js', new URL('./bench-tfjs-worker.js', import.meta.url), {}));
  for (const w of workers) w.info = await w.ready;
  return workers;
}

const fmt = (unit, v) => (v === undefined ? '—' : unit === 'ms' ? v.toFixed(2) : unit === 'GFLOP/s' ? v.toFixed(1) : Math.round(v).toLocaleString('en-US'));

/**
 * Ratios worth reading: each build against TensorFlow.js (the median of the
 * ratios within each round, which were measured moments apart), and the
 * matmul kernels against their build's ceiling.
 */
function notes(result) {
  const out = {};
  const [best] = result.columns;
  result.ratios = {};
  for (const c of CASES) {
    const row = result.values[c.name];
    const parts = [];
    const acc = result.accuracy[c.name]?.[best];
    if (acc !== undefined) parts.push(t('bench.accuracy', { p: (100 * acc).toFixed(1) }));
    const tf = result.samples[c.name]['TensorFlow.js'];
    for (const v of result.columns.filter((n) => n !== 'TensorFlow.js' && n !== 'scalar')) {
      const ours = result.samples[c.name][v];
      if (!tf || !ours) continue;
      const per = ours.map((x, r) => (c.unit === 'ms' ? tf[r] / x : x / tf[r])).filter(Number.isFinite);
      const ratio = median(per);
      (result.ratios[c.name] ||= {})[v] = ratio;
      parts.push(t('bench.vsTf', { v, r: ratio.toFixed(2) }));
    }
    if (c.name.startsWith('matmul-')) {
      for (const v of result.columns.filter((n) => n === 'relaxed' || n === 'simd')) {
        const peak = result.values['peak-mul-add']?.[v];
        if (peak && row[v]) parts.push(t('bench.ofPeak', { v, p: (100 * row[v] / peak).toFixed(0) }));
      }
    }
    out[c.name] = parts.join('; ');
  }
  return out;
}

function render(result) {
  const head = document.createElement('tr');
  for (const c of [t('bench.case'), t('bench.unit'), ...result.columns, t('bench.notes')]) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = c;
    head.append(th);
  }
  const body = document.createElement('tbody');
  for (const c of CASES) {
    const tr = document.createElement('tr');
    const cells = [c.name, t(`bench.unit.${c.unit}`), ...result.columns.map((n) => fmt(c.unit, result.values[c.name][n])), result.notes[c.name]];
    for (const text of cells) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    body.append(tr);
  }
  const thead = document.createElement('thead');
  thead.append(head);
  table.replaceChildren(thead, body);
}

let workersPromise = null;
const workers = () => (workersPromise ||= startWorkers());

async function run() {
  button.disabled = true;
  const ws = await workers();
  const result = { columns: ws.map((w) => w.name), values: {}, accuracy: {}, paths: {}, errors: [] };
  for (const w of ws) {
    result.paths[w.name] = w.info.path;
    if (w.info.error) result.errors.push(`${w.name}: ${w.info.error}`);
  }
  // Warm up every case on every worker first: engines compile hot code
  // again, optimised, in the background, and would slow the first rounds.
  for (const c of CASES) {
    for (const w of ws) {
      if (!w.info.cases.includes(c.name)) continue;
      state.textContent = t('bench.warming', { c: c.name, w: w.name });
      await w.measure(c.name);
    }
  }
  result.samples = {};
  for (const c of CASES) {
    const samples = {};
    result.samples[c.name] = samples;
    for (let r = 0; r < ROUNDS; r++) {
      // Every other round in reverse order, so no engine always goes first.
      for (const w of r % 2 ? [...ws].reverse() : ws) {
        if (!w.info.cases.includes(c.name)) continue;
        state.textContent = t('bench.round', { c: c.name, r: r + 1, n: ROUNDS, w: w.name });
        const m = await w.measure(c.name);
        if (m.type === 'error') {
          result.errors.push(`${w.name} ${c.name}: ${m.message}`);
          (samples[w.name] ||= []).push(NaN);
          continue;
        }
        (samples[w.name] ||= []).push(m.value);
        if (m.extra?.accuracy !== undefined) (result.accuracy[c.name] ||= {})[w.name] = m.extra.accuracy;
      }
    }
    // A ceiling is the best a build reached; everything else is a median.
    const stat = c.name === 'peak-mul-add' ? (v) => Math.max(...v) : median;
    result.values[c.name] = Object.fromEntries(Object.entries(samples).map(([n, v]) => [n, stat(v.filter(Number.isFinite))]));
  }
  result.notes = notes(result);
  render(result);
  showDone(result);
  button.disabled = false;
  window.__bench = result;
}

// For `make bench`: the workers, measured one sample at a time from outside.
window.__benchApi = {
  cases: CASES,
  async start() {
    const ws = await workers();
    return ws.map((w) => ({ name: w.name, path: w.info.path, error: w.info.error, cases: w.info.cases }));
  },
  async measure(name, c, ms) {
    const w = (await workers()).find((x) => x.name === name);
    const m = await w.measure(c, ms);
    return m.type === 'error' ? { error: m.message } : { value: m.value, extra: m.extra };
  },
};

/** The last line of the run: which paths ran, and any errors. */
function showDone(result) {
  state.textContent = `${t('bench.done', { paths: Object.values(result.paths).filter(Boolean).join(', ') })}${result.errors.length ? `; ${result.errors.join('; ')}` : ''}`;
}

// The header and the language: a switch rewrites the table in place.
siteHeader(() => {
  const result = window.__bench;
  if (!result) return;
  result.notes = notes(result);
  render(result);
  showDone(result);
});

button.addEventListener('click', run);
if (location.hash.startsWith('#auto')) run();
