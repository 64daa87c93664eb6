// Views of the CNN chapter: the first layer's filters, every layer's
// feature maps for the digit on the pad, and the translation experiment's
// chart with its figures.

import { h, svg, clear } from '../../ui/dom.js';
import { diverging } from '../../ui/colors.js';
import { t, tr, trAttr } from '../../i18n.js';

/**
 * Paints `count` square-or-not maps of `w`×`h` from `data` (one after
 * another) onto `canvases`, on one diverging scale: the largest |value|
 * (or `max`) is full colour.
 */
function paint(canvases, data, w, hgt, max) {
  let m = max;
  if (!(m > 0)) {
    m = 1e-6;
    for (const x of data) if (Math.abs(x) > m) m = Math.abs(x);
  }
  const n = w * hgt;
  canvases.forEach((c, k) => {
    const ctx = c.getContext('2d');
    const img = ctx.createImageData(w, hgt);
    for (let i = 0; i < n; i++) diverging(data[k * n + i] / m, img.data, 4 * i);
    ctx.putImageData(img, 0, 0);
  });
}

function grid(count, w, hgt, key, vars) {
  const canvases = [];
  const el = h('div', { class: 'map-grid cnn-grid' });
  for (let k = 0; k < count; k++) {
    const c = trAttr(h('canvas', { width: w, height: hgt, class: 'cnn-map', role: 'img' }), { 'aria-label': key }, { ...vars, n: k + 1 });
    canvases.push(c);
    el.append(c);
  }
  return { el, canvases };
}

/** The first conv layer's filters as small images. */
export function filterView() {
  const box = h('div', { class: 'filter-grid' });
  const help = h('p', { class: 'muted small' });
  let shape = '';
  let g = null;
  return {
    el: h('div', {}, help, box),
    /** `weights` [OC, IC·K·K] for `oc` filters of side `k` (IC = 1). */
    set(weights, oc, k) {
      if (`${oc}/${k}` !== shape) {
        shape = `${oc}/${k}`;
        g = grid(oc, k, k, 'cnn.filterN', {});
        clear(box).append(g.el);
        tr(help, 'cnn.filtersHelp', { k });
      }
      paint(g.canvases, weights, k, k);
    },
  };
}

/**
 * Every layer's maps, one block per conv layer and per pooling after it:
 * `blocks` are `{ l, pooled, shape: [C, H, W] }` in the network's order.
 */
export function mapsView() {
  const el = h('div', { class: 'maps' });
  let blocks = [];
  let key = '';
  return {
    el,
    /** Rebuilds the blocks (only when their shapes changed). */
    layout(list) {
      const k = JSON.stringify(list);
      if (k === key) return;
      key = k;
      clear(el);
      blocks = list.map((b) => {
        const [c, hh, w] = b.shape;
        const g = grid(c, w, hh, b.pooled ? 'cnn.pooledN' : 'cnn.mapN', { l: b.l + 1 });
        const title = tr(h('h3'), b.pooled ? 'cnn.pooledOf' : 'cnn.mapsOf', { n: b.l + 1, c, h: hh, w });
        el.append(h('div', { class: `map-layer layer-${b.l + 1}${b.pooled ? ' pooled' : ''}` }, title, g.el));
        return { ...b, g, w, h: hh };
      });
    },
    /** Draws block i from `get(i)`, or blanks them all when `get` is null. */
    draw(get) {
      for (const [i, b] of blocks.entries()) {
        const data = get ? get(i) : new Float32Array(b.g.canvases.length * b.w * b.h);
        paint(b.g.canvases, data, b.w, b.h);
      }
    },
  };
}

const SERIES = [['cnn', 'cnn.model.cnn', '#0877bd', 3], ['dense', 'cnn.model.dense', '#f59322', 2], ['softmax', 'cnn.model.softmax', '#777', 2]];
const W = 320;
const H = 170;
const PAD = { l: 40, r: 10, t: 10, b: 30 };

/** The translation experiment's chart and its table of figures. */
export function shiftView() {
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'shift-chart', role: 'img' });
  trAttr(chart, { 'aria-label': 'cnn.shiftChart' });
  const table = h('table', { class: 'compare shift-table' });
  const note = h('p', { class: 'muted small' });
  let last = null;
  const el = h('div', { class: 'shift-result', hidden: true }, chart, h('div', { class: 'scroll-x' }, table), note);
  function render() {
    const r = last.result;
    clear(chart);
    clear(table);
    el.hidden = !r;
    if (!r) return;
    const x = (i) => PAD.l + (i / Math.max(1, r.shifts.length - 1)) * (W - PAD.l - PAD.r);
    const y = (a) => PAD.t + (1 - a) * (H - PAD.t - PAD.b);
    for (const a of [0, 0.25, 0.5, 0.75, 1]) {
      chart.append(svg('line', { x1: PAD.l, x2: W - PAD.r, y1: y(a), y2: y(a), stroke: '#e3e6ea' }));
      const label = svg('text', { x: PAD.l - 4, y: y(a) + 4, 'text-anchor': 'end', 'font-size': 10, fill: '#646b73' });
      label.textContent = `${Math.round(100 * a)}%`;
      chart.append(label);
    }
    r.shifts.forEach((s, i) => {
      const label = svg('text', { x: x(i), y: H - PAD.b + 14, 'text-anchor': 'middle', 'font-size': 10, fill: '#646b73' });
      label.textContent = t('cnn.px', { n: s });
      chart.append(label);
    });
    const head = h('tr', {}, tr(h('th', { scope: 'col' }), 'cnn.shiftBy'));
    for (const s of r.shifts) head.append(h('th', { scope: 'col', text: t('cnn.px', { n: s }) }));
    table.append(h('thead', {}, head));
    const body = h('tbody');
    for (const [kind, key, color, width] of SERIES) {
      const acc = r[kind];
      if (!acc || !acc.length) continue;
      const d = acc.map((a, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(a).toFixed(1)}`).join('');
      chart.append(svg('path', { d, fill: 'none', stroke: color, 'stroke-width': width }));
      acc.forEach((a, i) => chart.append(svg('circle', { cx: x(i), cy: y(a), r: 3, fill: color })));
      const name = t(key, { sizes: last.denseSizes || '' });
      const row = h('tr', { dataset: { model: kind } }, h('th', { scope: 'row' }, h('span', { class: 'swatch', style: { background: color } }), name));
      for (const a of acc) row.append(h('td', { text: `${(100 * a).toFixed(1)}%` }));
      body.append(row);
    }
    table.append(body);
    tr(note, 'cnn.shiftAt', { epoch: last.epoch });
  }
  return {
    el,
    /** `result`: {shifts, cnn, dense, softmax}; `epoch` it was measured at. */
    set(result, epoch, denseSizes) {
      last = { result, epoch, denseSizes };
      render();
    },
    clear() {
      last = { result: null };
      render();
      note.textContent = '';
    },
    relabel() {
      if (last && last.result) render();
    },
  };
}
