// Small views of the digits chapter: 14×14 images, the evidence maps, the
// probability bars, the gallery of mistakes and the comparison table.

import { h, clear, fmt } from '../../ui/dom.js';
import { diverging } from '../../ui/colors.js';
import { t, tr, trAttr } from '../../i18n.js';

/** Draws a 14×14 image of intensities in [0, 1] (ink dark) on a canvas. */
export function drawDigit(canvas, img, offset = 0) {
  const ctx = canvas.getContext('2d');
  const data = ctx.createImageData(14, 14);
  for (let i = 0; i < 196; i++) {
    const v = 255 - Math.round(255 * Math.max(0, Math.min(1, img[offset + i])));
    data.data.set([v, v, v, 255], 4 * i);
  }
  ctx.putImageData(data, 0, 0);
}

/**
 * Draws weight maps [count × 196] in the diverging scale, one per canvas,
 * all on one scale: the 98th percentile of |w| is full colour, so a few
 * large weights do not wash out the rest.
 */
export function drawMaps(canvases, weights) {
  const mags = Float32Array.from(weights, Math.abs).sort();
  const max = Math.max(1e-6, mags[Math.floor(0.98 * (mags.length - 1))] || 0);
  canvases.forEach((c, k) => {
    const ctx = c.getContext('2d');
    const img = ctx.createImageData(14, 14);
    for (let i = 0; i < 196; i++) diverging(weights[k * 196 + i] / max, img.data, 4 * i);
    ctx.putImageData(img, 0, 0);
  });
}

/**
 * A grid of 14×14 canvases captioned k + first, each named by the text
 * `key` with {n} = k + first.
 */
export function mapGrid(count, key, first = 0) {
  const canvases = [];
  const el = h('div', { class: 'map-grid' });
  for (let k = 0; k < count; k++) {
    const c = trAttr(h('canvas', { width: 14, height: 14, class: 'digit-map', role: 'img' }), { 'aria-label': key }, { n: k + first });
    canvases.push(c);
    el.append(h('figure', {}, c, h('figcaption', { text: String(k + first) })));
  }
  return { el, canvases };
}

/** Ten probability bars, with the baseline's as thinner bars beneath. */
export function probabilityBars() {
  const rows = [];
  const list = h('div', { class: 'bars', role: 'list' });
  for (let d = 0; d < 10; d++) {
    const bar = h('div', { class: 'bar main' });
    const base = h('div', { class: 'bar base' });
    const value = h('output', { class: 'bar-value' });
    const row = h('div', { class: 'bar-row', role: 'listitem' },
      h('span', { class: 'bar-digit', text: d }), h('div', { class: 'bar-track' }, bar, base), value);
    rows.push({ row, bar, base, value });
    list.append(row);
  }
  const verdict = h('output', { class: 'verdict', 'aria-live': 'polite' });
  return {
    el: h('div', {}, verdict, list),
    verdict,
    /**
     * `probs`: ten (or twenty, with the baseline's) probabilities; null:
     * empty. Probabilities that are not numbers (weights that diverged)
     * read as "—", and nothing is read.
     */
    set(probs) {
      const broken = probs && Array.prototype.slice.call(probs, 0, 10).some((p) => !Number.isFinite(p));
      if (!probs || broken) {
        rows.forEach((r) => { r.bar.style.width = '0'; r.base.style.width = '0'; r.value.textContent = broken ? '—' : ''; r.row.classList.remove('best'); });
        tr(verdict, broken ? 'digits.noReading' : 'digits.drawSomething');
        return;
      }
      let best = 0;
      for (let d = 1; d < 10; d++) if (probs[d] > probs[best]) best = d;
      rows.forEach((r, d) => {
        r.bar.style.width = `${(100 * probs[d]).toFixed(1)}%`;
        const base = probs[10 + d];
        r.base.style.width = probs.length >= 20 && Number.isFinite(base) ? `${(100 * base).toFixed(1)}%` : '0';
        r.value.textContent = `${(100 * probs[d]).toFixed(1)}%`;
        r.row.classList.toggle('best', d === best);
      });
      tr(verdict, 'digits.verdict', { d: best, p: (100 * probs[best]).toFixed(1) });
    },
  };
}

/** The gallery of misclassified test digits; `onPick(index)` loads one. */
export function mistakesGallery(onPick) {
  const el = h('div', { class: 'gallery' });
  return {
    el,
    /** `pairs` null: no figures to show (a model that is not finite). */
    set(images, labels, pairs) {
      clear(el);
      if (!pairs) return;
      if (!pairs.length) {
        el.append(tr(h('p', { class: 'muted' }), 'digits.noMistakes'));
        return;
      }
      for (const [i, pred] of pairs) {
        const c = h('canvas', { width: 14, height: 14, 'aria-hidden': 'true' });
        drawDigit(c, images, i * 196);
        const b = h('button', { class: 'mistake', on: { click: () => onPick(i) } }, c,
          h('span', { text: `${labels[i]} → ${pred}` }));
        trAttr(b, { 'aria-label': 'digits.mistakeLabel' }, { i, truth: labels[i], pred });
        el.append(b);
      }
    },
  };
}

/** Parameters and figures of each model, side by side. */
export function comparisonTable() {
  const body = h('tbody');
  const el = h('table', { class: 'compare' },
    h('thead', {}, h('tr', {},
      ...['digits.model', 'digits.params', 'digits.testAccuracy', 'out.trainLoss', 'out.testLoss']
        .map((k) => tr(h('th', { scope: 'col' }), k)))),
    body);
  return {
    el,
    set(models) {
      clear(body);
      for (const m of models) {
        body.append(h('tr', {},
          h('th', { scope: 'row', text: m.name }),
          h('td', { text: m.params.toLocaleString('en-US') }),
          h('td', { class: 'acc', text: Number.isFinite(m.testAccuracy) ? `${(100 * m.testAccuracy).toFixed(1)}%` : '—' }),
          h('td', { text: fmt(m.trainLoss) }),
          h('td', { text: fmt(m.testLoss) })));
      }
    },
  };
}
