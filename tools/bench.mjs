// `make bench`: the native benchmark and the browser benchmark in one run,
// printed side by side with the wasm/native ratio. Timing is only ever
// reported here, never asserted.

import { execFileSync } from 'node:child_process';
import { start } from '../tests/e2e/helpers.mjs';

function native() {
  const out = execFileSync('cargo', ['bench', '--bench', 'train', '-q'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return Object.fromEntries(out.split('\n').filter((l) => l.startsWith('{')).map((l) => {
    const r = JSON.parse(l);
    return [r.case, r];
  }));
}

async function browser() {
  const env = await start('www');
  try {
    const page = await env.browser.newPage();
    await page.goto(`${env.base}bench.html#auto`);
    await page.waitForFunction(() => window.__bench, null, { timeout: 600000, polling: 500 });
    return await page.evaluate(() => window.__bench);
  } finally {
    await env.close();
  }
}

// Alternate the two a few times and keep each case's median, so a burst of
// load on this shared machine does not land on one side only.
const ROUNDS = Number(process.env.ROUNDS || 3);
const nats = [];
const webs = [];
for (let i = 0; i < ROUNDS; i++) {
  nats.push(native());
  const w = await browser();
  if (w.error) throw new Error(w.error);
  webs.push(w);
}
const mid = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const nat = Object.fromEntries(Object.keys(nats[0]).map((c) => [c, { ...nats[0][c], median: mid(nats.map((n) => n[c].median)) }]));
const web = { simd: webs[0].simd, rows: webs[0].rows.map((r, k) => ({ ...r, median: mid(webs.map((w) => w.rows[k].median)) })) };
const tfjs = webs[0].tfjs.map((r, k) => ({ ...r, median: mid(webs.map((w) => w.tfjs[k].median)), ratio: mid(webs.map((w) => w.tfjs[k].ratio)) }));
const fmt = (r) => (r.unit === 'ms' ? `${r.median.toFixed(2)} ms` : `${(r.median / 1e6).toFixed(3)} M ex/s`);
console.log(`\nPlayground benchmark: wasm (${web.simd}) in headless Chromium beside the native build of the same engine;\nmedians over ${ROUNDS} alternating rounds of repeated runs\n`);
console.log('case'.padEnd(40), 'wasm'.padStart(16), 'native'.padStart(16), 'wasm/native'.padStart(12));
for (const r of web.rows) {
  const n = nat[r.case];
  // For times, a ratio above 1 means wasm is slower; report speed ratios.
  const ratio = n ? (r.unit === 'ms' ? n.median / r.median : r.median / n.median) : NaN;
  console.log(r.case.padEnd(40), fmt(r).padStart(16), (n ? fmt(n) : '—').padStart(16),
    (Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '—').padStart(12));
}
if (webs[0].tfjsError) console.log(`\nTensorFlow.js: ${webs[0].tfjsError}`);
if (tfjs.length) {
  console.log('\nThe same digits epochs with TensorFlow.js in the same browser (medians of the per-round ratios)\n');
  console.log('case'.padEnd(58), 'TF.js'.padStart(12), 'ours faster by'.padStart(16));
  for (const r of tfjs) console.log(r.case.padEnd(58), fmt(r).padStart(12), `${r.ratio.toFixed(2)}×`.padStart(16));
}
