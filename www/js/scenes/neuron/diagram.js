// The McCulloch–Pitts unit drawn as a signal path: each input, its weight
// on the wire, the weighted sum, the threshold test and the output. Wires
// from inputs that are on light up, the sum shows what they add to, and
// the output lights when the sum reaches the threshold.

import { svg, fmt } from '../../ui/dom.js';
import { t, trAttr } from '../../i18n.js';

const SUB = '₁₂₃';
const LIT = '#0877bd';
const DIM = '#b8bec6';

/**
 * The diagram for weights `w`, threshold `theta`, the inputs `on` (booleans)
 * and the unit's row for them (`{sum, fires}`).
 */
export function unitDiagram(w, theta, on, row) {
  const n = w.length;
  const H = 40 + n * 46;
  const mid = H / 2;
  const g = svg('svg', { viewBox: `0 0 360 ${H}`, width: 360, height: H, class: 'unit-diagram', role: 'img' });
  const inputs = on.map((b) => (b ? 1 : 0));
  trAttr(g, { 'aria-label': 'mp.diagramLabel' }, {
    inputs: inputs.map((b, i) => `x${SUB[i]} = ${b}`).join(t('mp.listComma')),
    sum: fmt(row.sum, 2),
    cmp: row.fires ? '≥' : '<',
    theta: fmt(theta, 2),
    out: row.fires ? 1 : 0,
  });
  g.dataset.fires = String(row.fires);
  const text = (x, y, s, props = {}) => svg('text', { x, y, 'text-anchor': 'middle', 'font-size': 13, fill: '#1f2328', ...props }, document.createTextNode(s));

  // Inputs and their weighted wires into the sum.
  const sx = 190;
  for (let i = 0; i < n; i++) {
    const y = 20 + 23 + i * 46;
    const lit = inputs[i] === 1;
    const width = 1.5 + Math.min(4, Math.abs(w[i]));
    g.append(svg('line', { x1: 46, y1: y, x2: sx - 24, y2: mid, stroke: lit ? LIT : DIM, 'stroke-width': width,
      'stroke-dasharray': w[i] < 0 ? '6 4' : null, class: `wire${lit ? ' lit' : ''}` }));
    const dot = svg('g', { class: `input${lit ? ' on' : ''}`, 'data-on': String(lit) });
    dot.append(svg('circle', { cx: 28, cy: y, r: 16, fill: lit ? LIT : '#fff', stroke: lit ? LIT : '#646b73', 'stroke-width': 2 }));
    dot.append(text(28, y + 5, String(inputs[i]), { fill: lit ? '#fff' : '#1f2328', 'font-weight': 700 }));
    g.append(dot, text(10, y - 20, `x${SUB[i]}`, { 'text-anchor': 'start', 'font-size': 11, fill: '#646b73' }));
    // The weight, written halfway along its wire.
    const t = 0.45;
    g.append(text(46 + t * (sx - 70), y + t * (mid - y) - 6, `w${SUB[i]} = ${fmt(w[i], 1)}`, { 'font-size': 11, fill: lit ? LIT : '#646b73' }));
  }

  // The weighted sum, the threshold test and the output.
  g.append(svg('circle', { cx: sx, cy: mid, r: 24, fill: '#fff', stroke: '#1f2328', 'stroke-width': 2 }));
  g.append(text(sx, mid - 3, 'Σ', { 'font-size': 15, 'font-weight': 700 }));
  g.append(text(sx, mid + 13, fmt(row.sum, 1), { 'font-size': 11, class: 'sum-value' }));
  g.append(svg('line', { x1: sx + 24, y1: mid, x2: 238, y2: mid, stroke: '#1f2328', 'stroke-width': 1.5 }));
  g.append(svg('rect', { x: 238, y: mid - 22, width: 62, height: 44, rx: 6, fill: row.fires ? '#e6f1f9' : '#fff', stroke: '#1f2328', 'stroke-width': 1.5 }));
  // A step: flat, then up at the threshold.
  g.append(svg('path', { d: `M246 ${mid + 8} H266 V${mid - 10} H292`, fill: 'none', stroke: '#1f2328', 'stroke-width': 1.5 }));
  g.append(text(269, mid + 19, `≥ ${fmt(theta, 1)}`, { 'font-size': 10 }));
  g.append(svg('line', { x1: 300, y1: mid, x2: 316, y2: mid, stroke: row.fires ? LIT : DIM, 'stroke-width': 2.5 }));
  const out = svg('g', { class: `output${row.fires ? ' on' : ''}`, 'data-fires': String(row.fires) });
  out.append(svg('circle', { cx: 334, cy: mid, r: 17, fill: row.fires ? LIT : '#fff', stroke: row.fires ? LIT : '#646b73', 'stroke-width': 2 }));
  out.append(text(334, mid + 5, row.fires ? '1' : '0', { fill: row.fires ? '#fff' : '#1f2328', 'font-weight': 700 }));
  g.append(out);
  return g;
}
