// Small views of the digits chapter: the evidence maps and the gallery of
// mistakes (the digit, the bars and the table are shared: ui/digit-views.js).

import { h, clear } from '../../ui/dom.js';
import { drawDigit, surface } from '../../ui/digit-views.js';
import { divergingFast } from '../../ui/colors.js';
import { tr, trAttr } from '../../i18n.js';

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
