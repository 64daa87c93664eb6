// Views of a 14×14 digit reader shared by the chapters that read digits:
// the digit itself, the ten probability bars and the table that compares
// models side by side.

import { h, clear, fmt } from './dom.js';
import { t, tr } from '../i18n.js';

/**
 * A canvas's 2D context and a 14×14 image for it, made once and kept on
 * the canvas: maps are repainted many times a second, and a new image each
 * time is garbage the page's thread must collect.
 */
export function surface(canvas) {
  if (!canvas.surface) {
    const ctx = canvas.getContext('2d');
    canvas.surface = { ctx, img: ctx.createImageData(14, 14) };
  }
  return canvas.surface;
}

/** Draws a 14×14 image of intensities in [0, 1] (ink dark) on a canvas. */
export function drawDigit(canvas, img, offset = 0) {
  const { ctx, img: data } = surface(canvas);
  const px = data.data;
  for (let i = 0; i < 196; i++) {
    const v = 255 - Math.round(255 * Math.max(0, Math.min(1, img[offset + i])));
    px[4 * i] = v;
    px[4 * i + 1] = v;
    px[4 * i + 2] = v;
    px[4 * i + 3] = 255;
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
    /** Rows are built when their number changes; otherwise only texts change. */
    set(models) {
      if (body.children.length !== models.length) {
        clear(body);
        for (let i = 0; i < models.length; i++) {
          body.append(h('tr', {}, h('th', { scope: 'row' }), h('td'), h('td', { class: 'acc' }),
            time ? h('td', { class: 'time' }) : null, h('td'), h('td')));
        }
      }
      models.forEach((m, i) => {
        const texts = [m.name, m.params.toLocaleString('en-US'),
          Number.isFinite(m.testAccuracy) ? `${(100 * m.testAccuracy).toFixed(1)}%` : '—',
          ...(time ? [Number.isFinite(m.msPerEpoch) ? `${Math.round(m.msPerEpoch).toLocaleString('en-US')} ms` : '—'] : []),
          fmt(m.trainLoss), fmt(m.testLoss)];
        [...body.children[i].children].forEach((cell, k) => {
          if (cell.textContent !== texts[k]) cell.textContent = texts[k];
        });
      });
    },
  };
}
