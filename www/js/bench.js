// The benchmark page: runs the cases in a worker and prints a table.
// `make bench` opens it with #auto and reads window.__bench.

const state = document.getElementById('state');
const body = document.querySelector('#results tbody');
const button = document.getElementById('run');

function row(r) {
  const tr = document.createElement('tr');
  const note = [
    r.accuracy !== undefined ? `test accuracy ${(100 * r.accuracy).toFixed(1)}%` : '',
    r.ratio !== undefined ? `we are ${r.ratio.toFixed(2)}× faster` : '',
  ].filter(Boolean).join(', ');
  for (const v of [r.case, r.unit === 'ms' ? r.median.toFixed(2) : Math.round(r.median).toLocaleString('en-US'), r.unit, note]) {
    const td = document.createElement('td');
    td.textContent = v;
    tr.append(td);
  }
  body.append(tr);
}

const DIGITS = [
  { name: 'digits-softmax-epoch', hidden: [], batch: 32, lr: 0.1, epochs: 5 },
  { name: 'digits-128-epoch', hidden: [128], batch: 32, lr: 0.1, epochs: 5 },
];

/** The same digits cases on TensorFlow.js's wasm backend, if it is here. */
function tfjs() {
  return new Promise((ok) => {
    const w = new Worker(new URL('./bench-tfjs-worker.js', import.meta.url));
    w.onmessage = (e) => { w.terminate(); ok(e.data); };
    w.onerror = (e) => { w.terminate(); ok({ type: 'error', message: e.message || 'TensorFlow.js did not load (run make bench or make dist to vendor it)' }); };
    w.postMessage({ cases: DIGITS });
  });
}

function run() {
  button.disabled = true;
  body.replaceChildren();
  state.textContent = 'running…';
  const worker = new Worker(new URL('./bench-worker.js', import.meta.url), { type: 'module' });
  const results = [];
  worker.onmessage = (e) => {
    const m = e.data;
    if (m.type === 'row') {
      results.push(m.row);
      row(m.row);
    } else if (m.type === 'done') {
      worker.terminate();
      state.textContent = 'running TensorFlow.js…';
      tfjs().then((tf) => {
        const extra = tf.type === 'done' ? tf.results.map((r) => {
          const ours = results.find((x) => x.case === r.case);
          return { case: `${r.case} (TensorFlow.js ${tf.backend}${tf.simd ? ' simd' : ''})`, unit: 'ms', median: r.ms, accuracy: r.accuracy, ratio: ours ? r.ms / ours.median : NaN };
        }) : [];
        for (const r of extra) row(r);
        state.textContent = `done (our SIMD path: ${m.simd})${tf.type === 'done' ? '' : `; TensorFlow.js: ${tf.message}`}`;
        button.disabled = false;
        window.__bench = { simd: m.simd, rows: results, tfjs: extra, tfjsError: tf.type === 'done' ? null : tf.message };
      });
    } else if (m.type === 'loaded') {
      worker.postMessage('go');
    } else if (m.type === 'error') {
      state.textContent = `error: ${m.message}`;
      window.__bench = { error: m.message };
    }
  };
}

button.addEventListener('click', run);
if (location.hash === '#auto') run();
