// The new feature space of the 1969 chapter: with the product feature the
// unit reads (x₁, x₂, x₁·x₂), so each corner is lifted to the height of its
// product, the blue ones up to +9 and the orange ones down to −9, and the
// unit's boundary w₁x₁ + w₂x₂ + w₃·x₁x₂ + b = 0 is a flat plane there. Once
// the rule converges, that plane has the two colours on its two sides.

import { h, svg, clear } from '../../ui/dom.js';
import { classColor } from '../../ui/colors.js';
import { projection, boxEdges, planeSection, svgPoints } from '../../ui/box3d.js';
import { tr, trAttr } from '../../i18n.js';
import { equation } from '../perceptron/update-note.js';

const LO = [-4, -4, -12];
const HI = [4, 4, 12];
const NAMES = ['x₁', 'x₂', 'x₁x₂'];

/** The picture's section: `{el, frame(state, code, points)}`. */
export function liftView() {
  const picture = h('div', { class: 'lift-picture' });
  const caption = h('p', { class: 'formula lift-equation' });
  const el = h('section', { class: 'lift' }, tr(h('h3'), 'xr.liftTitle'), picture, caption);
  el.hidden = true;
  let drawn = '';

  function frame(s, code, points) {
    el.hidden = s.weights.length !== 3;
    if (el.hidden) return;
    const key = JSON.stringify([s.weights, s.bias, points.length]);
    if (key === drawn) return;
    drawn = key;
    const [w, b] = [s.weights, s.bias];
    const p = projection({ lo: LO, hi: HI, left: 34, bottom: 238, width: 170, height: 150, depth: 80 });
    const g = svg('svg', { viewBox: '0 0 300 260', width: 300, height: 260, role: 'img', class: 'lift-svg' });
    trAttr(g, { 'aria-label': 'xr.liftLabel' });
    const line = (a, q, props) => {
      const [[x1, y1], [x2, y2]] = [p(...a), p(...q)];
      g.append(svg('line', { x1, y1, x2, y2, ...props }));
    };
    for (const [a, q] of boxEdges(LO, HI)) line(a, q, { stroke: '#e1e4e8' });
    // The original plane, at height 0.
    const floor = [[LO[0], LO[1], 0], [HI[0], LO[1], 0], [HI[0], HI[1], 0], [LO[0], HI[1], 0]];
    g.append(svg('polygon', { points: svgPoints(p, floor), fill: 'none', stroke: '#b8bec6', 'stroke-dasharray': '4 3' }));
    const label = (q, text) => {
      const [x, y] = p(...q);
      g.append(svg('text', { x, y, 'font-size': 11, fill: '#646b73' }, document.createTextNode(text)));
    };
    label([HI[0] + 0.4, LO[1], 0], 'x₁');
    label([HI[0], HI[1] + 0.6, 0], 'x₂');
    label([LO[0] - 0.3, LO[1], HI[2] + 1], 'x₁·x₂');
    // The unit's plane, cut to the box.
    const section = planeSection(w, b, LO, HI);
    g.dataset.plane = String(section.length > 0);
    if (section.length) g.append(svg('polygon', { points: svgPoints(p, section), fill: 'rgba(17,17,17,0.13)', stroke: '#111', 'stroke-width': 1.5, class: 'unit-plane' }));
    // The corners, on stems from where they lie in the plane.
    let separates = section.length > 0;
    for (let i = 0; i < points.length; i += 3) {
      const [x, y, label01] = [points[i], points[i + 1], points[i + 2]];
      const z = x * y;
      const score = w[0] * x + w[1] * y + w[2] * z + b;
      if ((label01 >= 1) !== (score > 0)) separates = false;
      line([x, y, 0], [x, y, z], { stroke: '#8a9099', 'stroke-dasharray': '3 3' });
      const [sx, sy] = p(x, y, 0);
      g.append(svg('circle', { cx: sx, cy: sy, r: 2.5, fill: '#8a9099' }));
      const [cx, cy] = p(x, y, z);
      g.append(svg('circle', { cx, cy, r: 7, fill: classColor(label01 >= 1 ? 1 : 0), stroke: '#fff', 'stroke-width': 1.5, class: 'lifted' }));
    }
    g.dataset.separates = String(separates);
    clear(picture).append(g);
    if (section.length) {
      delete caption.dataset.i18n;
      caption.textContent = equation(w, b, NAMES);
    } else tr(caption, 'xr.noPlane');
  }

  return { el, frame };
}
