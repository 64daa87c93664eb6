// Small views of the digits chapter: the evidence maps and the gallery of
// mistakes (the digit, the bars and the table are shared: ui/digit-views.js).

import { h, clear } from '../../ui/dom.js';
import { drawDigit } from '../../ui/digit-views.js';
import { diverging } from '../../ui/colors.js';
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

/** The gallery of misclassified test digits; `onPick(index)` loads one. */
export function mistakesGallery(onPick) {
  const el = h('div', { class: 'gallery' });
  return {
    el,
    set(images, labels, pairs) {
      clear(el);
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
