// The deep belief net chapter's pictures: every hidden unit's weights as a
// 14×14 filter in one canvas, rows of digits (originals, reconstructions,
// chains, the dream's strip) and small line charts drawn in SVG.

import { h, svg, clear } from '../../ui/dom.js';
import { divergingFast } from '../../ui/colors.js';
import { tr, trAttr } from '../../i18n.js';

const S = 14;
const GAP = 1;

/**
 * One canvas holding `n` tiles of 14×14 in `cols` columns; `paint(i, px,
 * offset)` fills tile i from the image data.
 */
function tiles(cls, labelKey) {
  const canvas = h('canvas', { class: `dbn-tiles ${cls} empty`, role: 'img', width: 1, height: 1 });
  trAttr(canvas, { 'aria-label': labelKey });
  let ctx = null;
  let image = null;
  let shape = '';
  return {
    canvas,
    /** Hides the canvas until the next layout. */
    clear() {
      shape = '';
      canvas.classList.add('empty');
    },
    /** Lays out `n` tiles in `cols` columns (a new image only when the shape changes). */
    layout(n, cols) {
      const rows = Math.max(1, Math.ceil(n / cols));
      const key = `${n}:${cols}`;
      if (key === shape) return;
      shape = key;
      canvas.classList.remove('empty');
      canvas.width = cols * (S + GAP) - GAP;
      canvas.height = rows * (S + GAP) - GAP;
      canvas.dataset.count = String(n);
      canvas.style.aspectRatio = `${canvas.width} / ${canvas.height}`;
      ctx = canvas.getContext('2d');
      image = ctx.createImageData(canvas.width, canvas.height);
      image.data.fill(255);
      this.cols = cols;
    },
    /** Calls `pixel(tile, p)` → [r, g, b] for every pixel of `n` tiles. */
    draw(n, colorOf) {
      const px = image.data;
      const w = canvas.width;
      for (let tIdx = 0; tIdx < n; tIdx++) {
        const x0 = (tIdx % this.cols) * (S + GAP);
        const y0 = Math.floor(tIdx / this.cols) * (S + GAP);
        for (let p = 0; p < S * S; p++) {
          const o = 4 * ((y0 + Math.floor(p / S)) * w + x0 + (p % S));
          colorOf(tIdx, p, px, o);
          px[o + 3] = 255;
        }
      }
      ctx.putImageData(image, 0, 0);
    },
  };
}

/** Every hidden unit's weights (column j of W [196 × H]) as a filter. */
export function filterView() {
  const v = tiles('filters', 'dbn.filtersLabel');
  return {
    el: v.canvas,
    set(w, hidden) {
      const cols = Math.min(16, hidden);
      v.layout(hidden, cols);
      // One scale per filter: its largest |weight| is full colour.
      const scale = new Float32Array(hidden);
      for (let i = 0; i < w.length; i++) {
        const j = i % hidden;
        scale[j] = Math.max(scale[j], Math.abs(w[i]));
      }
      v.draw(hidden, (j, p, px, o) => divergingFast(w[p * hidden + j] / (scale[j] || 1), px, o));
    },
  };
}

/** A row (or rows) of digits, intensities in [0, 1], ink dark. */
export function digitRow(cls, labelKey, cols) {
  const v = tiles(cls, labelKey);
  return {
    el: v.canvas,
    clear: () => v.clear(),
    /** `images` [n × 196]; `mark(p)`: a pixel drawn tinted (clamped). */
    set(images, n, mark) {
      v.layout(Math.max(n, 1), cols || Math.max(n, 1));
      v.draw(n, (i, p, px, o) => {
        const g = 255 - Math.round(255 * Math.max(0, Math.min(1, images[i * 196 + p])));
        const tint = mark && mark(p);
        px[o] = tint ? Math.round(g * 0.85) : g;
        px[o + 1] = tint ? Math.round(g * 0.9) : g;
        px[o + 2] = g;
      });
    },
  };
}

/**
 * A line chart of one or more series over a shared x axis: `series` are
 * `{ key, color, values: [[x, y]…] }`; `y` bounds fixed or from the data.
 */
export function lineChart(labelKey, { width = 300, height = 120, yMin, yMax, format = (y) => y.toFixed(1) } = {}) {
  const el = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'dbn-chart', role: 'img' });
  trAttr(el, { 'aria-label': labelKey });
  const pad = { l: 38, r: 8, t: 8, b: 18 };
  return {
    el,
    draw(series, xLabel = '') {
      clear(el);
      const all = series.flatMap((s) => s.values).filter((p) => Number.isFinite(p[1]));
      el.dataset.points = String(Math.min(...series.map((s) => s.values.length)));
      if (!all.length) return;
      const x0 = Math.min(...all.map((p) => p[0]));
      const x1 = Math.max(x0 + 1e-9, ...all.map((p) => p[0]));
      let lo = yMin ?? Math.min(...all.map((p) => p[1]));
      let hi = yMax ?? Math.max(...all.map((p) => p[1]));
      if (hi - lo < 1e-9) { lo -= 0.5; hi += 0.5; }
      const X = (x) => pad.l + ((x - x0) / (x1 - x0)) * (width - pad.l - pad.r);
      const Y = (y) => pad.t + (1 - (y - lo) / (hi - lo)) * (height - pad.t - pad.b);
      for (const y of [lo, (lo + hi) / 2, hi]) {
        el.append(svg('line', { x1: pad.l, x2: width - pad.r, y1: Y(y), y2: Y(y), stroke: '#e3e6ea' }));
        const label = svg('text', { x: pad.l - 3, y: Y(y) + 3, 'text-anchor': 'end', 'font-size': 9, fill: '#646b73' });
        label.textContent = format(y);
        el.append(label);
      }
      const xl = svg('text', { x: width - pad.r, y: height - 4, 'text-anchor': 'end', 'font-size': 9, fill: '#646b73' });
      xl.textContent = xLabel;
      el.append(xl);
      for (const s of series) {
        const pts = s.values.filter((p) => Number.isFinite(p[1]));
        if (!pts.length) continue;
        const d = pts.map((p, i) => `${i ? 'L' : 'M'}${X(p[0]).toFixed(1)},${Y(p[1]).toFixed(1)}`).join('');
        el.append(svg('path', { d, fill: 'none', stroke: s.color, 'stroke-width': 2, dataset: { series: s.key } }));
      }
    },
  };
}

/** A legend: swatch and translated name per series. */
export function legend(items) {
  return h('div', { class: 'legend' }, ...items.flatMap(([color, key]) => [
    h('span', { class: 'key', style: { background: color } }), tr(h('span'), key),
  ]));
}
