// The benchmark page: runs the cases in a worker and prints a table.
// `make bench` opens it with #auto and reads window.__bench.

const state = document.getElementById('state');
const body = document.querySelector('#results tbody');
const button = document.getElementById('run');

function row(r) {
  const tr = document.createElement('tr');
  for (const v of [r.case, r.unit === 'ms' ? r.median.toFixed(2) : Math.round(r.median).toLocaleString('en-US'), r.unit]) {
    const td = document.createElement('td');
    td.textContent = v;
    tr.append(td);
  }
  body.append(tr);
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
      state.textContent = `done (SIMD path: ${m.simd})`;
      button.disabled = false;
      window.__bench = { simd: m.simd, rows: results };
      worker.terminate();
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
