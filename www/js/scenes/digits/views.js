// Small views of the digits chapter: 14×14 images, the evidence maps, the
// probability bars, the gallery of mistakes and the comparison table.

import { h, clear, fmt } from '../../ui/dom.js';
import { divergingFast } from '../../ui/colors.js';
import { t, tr, trAttr } from '../../i18n.js';

/**
 * A canvas's 2D context and a 14×14 image for it, made once and kept on
 * the canvas: maps are repainted many times a second, and a new image each
 * time is garbage the page's thread must collect.
 */
function surface(canvas) {
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

/**
 * Draws weight maps [count × 196] in the diverging scale, one per canvas,
 * all on one scale: the 98th percentile of |w| is full colour, so a few
 * large weights do not wash out the rest.
 */
export function drawMaps(canvases, weights) {
  const mags = Float32Array.from(weights, Math.abs).sort();
  const max = Math.max(1e-6, mags[Math.floor(0.98 * (mags.length - 1))] || 0);
  canvases.forEach((c, k) => {
    const { ctx, img } = surface(c);
    for (let i = 0; i < 196; i++) divergingFast(weights[k * 196 + i], img.data, 4 * i, 1 / max);
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

/**
 * The gallery of misclassified test digits; `onPick(index)` loads one. Its
 * buttons are made once and reused: while training, the mistakes change
 * with every evaluation.
 */
export function mistakesGallery(onPick) {
  const el = h('div', { class: 'gallery' });
  const none = tr(h('p', { class: 'muted' }), 'digits.noMistakes');
  const slots = [];
  let shown;
  let shownImages;
  const slot = () => {
    const s = { canvas: h('canvas', { width: 14, height: 14, 'aria-hidden': 'true' }), text: h('span'), index: -1 };
    s.button = h('button', { class: 'mistake', on: { click: () => onPick(s.index) } }, s.canvas, s.text);
    el.append(s.button);
    return s;
  };
  return {
    el,
    /** `pairs` null: no figures to show (a model that is not finite). */
    set(images, labels, pairs) {
      const key = pairs ? pairs.join(';') : null;
      if (key === shown && images === shownImages) return;
      if (images !== shownImages) for (const s of slots) s.index = -1;
      shown = key;
      shownImages = images;
      const list = pairs || [];
      while (slots.length < list.length) slots.push(slot());
      slots.forEach((s, k) => {
        s.button.hidden = k >= list.length;
        if (k >= list.length) return;
        const [i, pred] = list[k];
        if (s.index !== i || s.pred !== pred) {
          s.index = i;
          s.pred = pred;
          drawDigit(s.canvas, images, i * 196);
          s.text.textContent = `${labels[i]} → ${pred}`;
          trAttr(s.button, { 'aria-label': 'digits.mistakeLabel' }, { i, truth: labels[i], pred });
        }
      });
      if (pairs && !pairs.length) el.prepend(none);
      else none.remove();
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
    /** Rows are built when their number changes; otherwise only texts change. */
    set(models) {
      if (body.children.length !== models.length) {
        clear(body);
        for (let i = 0; i < models.length; i++) {
          body.append(h('tr', {}, h('th', { scope: 'row' }), h('td'), h('td', { class: 'acc' }), h('td'), h('td')));
        }
      }
      models.forEach((m, i) => {
        const texts = [m.name, m.params.toLocaleString('en-US'),
          Number.isFinite(m.testAccuracy) ? `${(100 * m.testAccuracy).toFixed(1)}%` : '—', fmt(m.trainLoss), fmt(m.testLoss)];
        [...body.children[i].children].forEach((cell, k) => {
          if (cell.textContent !== texts[k]) cell.textContent = texts[k];
        });
      });
    },
  };
}
