// The data column: which data set, how much of it, how noisy, and the
// reader's own points (clicked onto the plot, pasted or uploaded as CSV).

import { h, clear } from '../../ui/dom.js';
import { field, numberSelect, setNumberOptions, slider } from '../../ui/controls.js';
import { classColor } from '../../ui/colors.js';
import { t, tr, trAttr } from '../../i18n.js';

const CLASSIFY = ['circle', 'xor', 'gauss', 'spiral', 'blobs', 'spiral3'];
const REGRESS = ['reg-plane', 'reg-gauss'];
const BATCHES = [1, 2, 3, 4, 5, 8, 10, 15, 20, 25, 30, 50, 64, 100, 128, 256];
const SAMPLES = [50, 100, 200, 300, 500, 800, 1000, 1200, 1500, 2000];

export function buildDataPanel(v, set, actions, engine, limits) {
  const picker = h('div', { class: 'datasets', role: 'group' });
  trAttr(picker, { 'aria-label': 'data.which' });
  const ratio = slider('percTrainData', 'data.ratio', { min: 10, max: 100, step: 10, value: v.percTrainData, format: (x) => `${x}%` },
    (x) => set({ percTrainData: x }));
  const noise = slider('noise', 'data.noise', { min: 0, max: 50, step: 5, value: v.noise }, (x) => set({ noise: x }));
  const batch = numberSelect(BATCHES, v.batchSize, (x) => set({ batchSize: x }));
  const samples = numberSelect(SAMPLES, v.numSamples, (x) => set({ numSamples: x }));
  const classes = numberSelect([2, 3, 4, 5, 6], v.numClasses, (x) => set({ numClasses: x }));
  const classesField = field('dataset', 'data.classes', classes);
  const regen = h('button', { class: 'wide', dataset: { control: 'dataset' }, on: { click: actions.regenerate } });
  tr(regen, 'data.regenerate');

  // The reader's own data.
  const addClass = h('select', {});
  const editHelp = tr(h('p', { class: 'help' }), 'data.clickHelp');
  const csv = h('textarea', { rows: 4, spellcheck: 'false', placeholder: 'x, y, label' });
  const csvMsg = h('p', { class: 'message', role: 'alert' });
  const file = h('input', { type: 'file', accept: '.csv,text/csv,text/plain' });
  const loadCsv = h('button', { on: { click: () => useCsv(csv.value) } });
  tr(loadCsv, 'data.loadCsv');
  const download = h('button', { on: { click: () => actions.downloadCsv() } });
  tr(download, 'data.downloadCsv');
  const clearPts = h('button', { on: { click: () => actions.clearPoints() } });
  tr(clearPts, 'data.clearPoints');
  file.addEventListener('change', async () => {
    const f = file.files && file.files[0];
    if (!f) return;
    if (f.size > limits.maxCsvBytes) {
      showCsv('error', t('csv.tooLarge'));
      return;
    }
    useCsv(await f.text());
    file.value = '';
  });
  const editor = h('details', { class: 'own-data', dataset: { control: 'dataEditor' } },
    tr(h('summary', {}), 'data.ownData'),
    editHelp,
    field('dataEditor', 'data.addClass', addClass),
    field('dataEditor', 'data.csv', csv),
    h('div', { class: 'row' }, loadCsv, download, clearPts),
    field('dataEditor', 'data.upload', file),
    csvMsg);

  function showCsv(kind, text) {
    csvMsg.className = `message ${kind}`;
    csvMsg.textContent = text;
  }

  function useCsv(text) {
    // Refused before it is copied into the engine: a character is at least
    // one byte, so a text longer than the cap in characters is over it.
    if (text.length > limits.maxCsvBytes) {
      showCsv('error', t('csv.tooLarge'));
      return;
    }
    const r = JSON.parse(engine.parse_csv(text, current.problem));
    if (!r.ok) {
      const reason = t(`csv.${r.reason}`, { n: r.detail });
      showCsv('error', r.line > 0 ? t('csv.atLine', { line: r.line, reason }) : t('csv.whole', { reason }));
      return;
    }
    showCsv('ok', t('csv.loaded', { n: r.count }));
    actions.usePoints(r.points);
  }

  let current = v;
  function drawPicker(vv) {
    clear(picker);
    const names = vv.problem === 'regression' ? REGRESS : CLASSIFY;
    const key = vv.problem === 'regression' ? 'regDataset' : 'dataset';
    for (const name of [...names, 'custom']) {
      const c = h('canvas', { width: 48, height: 48, 'aria-hidden': 'true' });
      const b = h('button', { class: 'dataset-choice', 'aria-pressed': vv[key] === name ? 'true' : 'false',
        on: { click: () => set({ [key]: name }) } }, c, tr(h('span'), `ds.${name}`));
      picker.append(b);
      drawPreview(c, name === 'custom' ? null : engine.preview_points(name, vv.numClasses), vv.problem === 'regression');
    }
  }

  function sync(vv) {
    const redraw = !current || current.problem !== vv.problem || current.numClasses !== vv.numClasses
      || current.dataset !== vv.dataset || current.regDataset !== vv.regDataset || !picker.firstChild;
    current = vv;
    if (redraw) drawPicker(vv);
    ratio.set(vv.percTrainData);
    noise.set(vv.noise);
    setNumberOptions(batch, BATCHES, vv.batchSize);
    setNumberOptions(samples, SAMPLES, vv.numSamples);
    setNumberOptions(classes, [2, 3, 4, 5, 6], vv.numClasses);
    classesField.hidden = !(vv.problem === 'classification' && vv.dataset === 'blobs');
    const k = vv.problem === 'regression' ? 0 : Math.max(2, actions.classCount());
    const prev = addClass.value;
    clear(addClass);
    if (k === 0) {
      for (const x of [1, 0.5, 0, -0.5, -1]) addClass.append(h('option', { value: x, text: x.toFixed(1) }));
      addClass.value = prev && addClass.querySelector(`option[value="${prev}"]`) ? prev : '1';
    } else {
      for (let c = 0; c < Math.min(6, k + 1); c++) {
        const o = h('option', { value: c, text: t('data.classN', { n: c }) });
        o.style.color = classColor(c);
        addClass.append(o);
      }
      addClass.value = prev && Number(prev) <= k ? prev : '1';
    }
    // The touch path for what Ctrl+click does: a tap removes the nearest point.
    addClass.append(h('option', { value: 'remove', text: t('data.removePoint') }));
    if (prev === 'remove') addClass.value = 'remove';
    tr(editHelp, vv.problem === 'regression' ? 'data.clickHelpReg' : 'data.clickHelp');
  }

  const el = h('div', { class: 'column data-col' },
    tr(h('h2', {}), 'data.title'),
    h('div', { dataset: { control: 'dataset' } }, picker),
    classesField,
    ratio.el,
    noise.el,
    field('batchSize', 'data.batch', batch),
    field('numSamples', 'data.samples', samples),
    regen,
    editor);
  sync(v);
  return { el, sync, addValue: () => Number(addClass.value), removing: () => addClass.value === 'remove', showCsv };
}

function drawPreview(canvas, pts, regression) {
  const ctx = canvas.getContext('2d');
  const s = canvas.width;
  ctx.fillStyle = '#f3f4f6';
  ctx.fillRect(0, 0, s, s);
  if (!pts) {
    ctx.fillStyle = '#888';
    ctx.font = `${s / 2}px sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText('+', s / 2, s / 2);
    return;
  }
  for (let i = 0; i < pts.length; i += 3) {
    const x = ((pts[i] + 6) / 12) * s;
    const y = ((6 - pts[i + 1]) / 12) * s;
    const l = pts[i + 2];
    ctx.fillStyle = regression ? (l >= 0 ? classColor(1) : classColor(0)) : classColor(l | 0);
    ctx.fillRect(x - 1, y - 1, 2.5, 2.5);
  }
}
