// The last step of the perceptron rule in words and numbers: which point
// was read, whether the unit classified it correctly, and after a mistake
// the update itself, w ← w + y·x and b ← b + y, with the actual vectors.

import { h, clear } from '../../ui/dom.js';
import { tr } from '../../i18n.js';

/** A number as written in a formula: whole numbers plain, a true minus sign. */
export function num(x) {
  const s = Number.isInteger(x) ? String(Math.abs(x)) : Math.abs(x).toFixed(2).replace(/\.?0+$/, '');
  return x < 0 && s !== '0' ? `−${s}` : s;
}

/** A vector as (a, b). */
export const vec = (v) => `(${Array.from(v, num).join(', ')})`;

/** The equation w·f + b = 0 with named features, e.g. "−3x₁ − 3x₂ + 9x₁x₂ + 1 = 0". */
export function equation(w, b, names) {
  const terms = [];
  [...w, b].forEach((c, i) => {
    if (c === 0) return;
    const mag = Math.abs(c);
    const body = i < w.length ? `${mag === 1 ? '' : num(mag)}${names[i]}` : num(mag);
    terms.push([c < 0 ? '−' : '+', body]);
  });
  if (!terms.length) return '0 = 0';
  return `${terms.map(([s, t], i) => (i === 0 ? (s === '−' ? `−${t}` : t) : ` ${s} ${t}`)).join('')} = 0`;
}

/** Fills `el` with the note for state `s` (empty before the first step). */
export function describeStep(el, s) {
  clear(el);
  const last = s.last;
  if (!last) return;
  const y = last.y > 0 ? '+1' : '−1';
  const vars = { i: last.index + 1, x: vec(last.x), y, m: num(last.y * last.score) };
  el.append(tr(h('p', { class: 'step-note' }), last.mistake ? 'pc.mistake' : 'pc.correct', vars));
  const formula = (text) => h('p', { class: 'formula', text });
  if (last.mistake) {
    el.append(
      formula(`w ← w + y·x = ${vec(last.before.weights)} + (${y})·${vec(last.x)} = ${vec(s.weights)}`),
      formula(`b ← b + y = ${num(last.before.bias)} + (${y}) = ${num(s.bias)}`),
    );
  } else {
    el.append(formula(`w = ${vec(s.weights)}, b = ${num(s.bias)}`));
  }
}
