// Views of a 14×14 digit reader shared by the chapters that read digits:
// the digit itself, the ten probability bars and the table that compares
// models side by side.

import { h, clear, fmt } from './dom.js';
import { t, tr } from '../i18n.js';

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
    /** `probs`: ten (or twenty, with the baseline's) probabilities; null: empty. */
    set(probs) {
      if (!probs) {
        rows.forEach((r) => { r.bar.style.width = '0'; r.base.style.width = '0'; r.value.textContent = ''; r.row.classList.remove('best'); });
        tr(verdict, 'digits.drawSomething');
        return;
      }
      let best = 0;
      for (let d = 1; d < 10; d++) if (probs[d] > probs[best]) best = d;
      rows.forEach((r, d) => {
        r.bar.style.width = `${(100 * probs[d]).toFixed(1)}%`;
        r.base.style.width = probs.length >= 20 ? `${(100 * probs[10 + d]).toFixed(1)}%` : '0';
        r.value.textContent = `${(100 * probs[d]).toFixed(1)}%`;
        r.row.classList.toggle('best', d === best);
      });
      tr(verdict, 'digits.verdict', { d: best, p: (100 * probs[best]).toFixed(1) });
    },
  };
}

/**
 * Parameters and figures of each model, side by side; with `time`, also
 * the milliseconds each took per epoch of training (`msPerEpoch`).
 */
export function comparisonTable({ time = false } = {}) {
  const body = h('tbody');
  const heads = ['digits.model', 'digits.params', 'digits.testAccuracy', ...(time ? ['digits.msPerEpoch'] : []), 'out.trainLoss', 'out.testLoss'];
  const el = h('table', { class: 'compare' },
    h('thead', {}, h('tr', {}, ...heads.map((k) => tr(h('th', { scope: 'col' }), k)))),
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
          time ? h('td', { class: 'time', text: Number.isFinite(m.msPerEpoch) ? `${Math.round(m.msPerEpoch).toLocaleString('en-US')} ms` : '—' }) : null,
          h('td', { text: fmt(m.trainLoss) }),
          h('td', { text: fmt(m.testLoss) })));
      }
    },
  };
}
