// The unit's inputs as points: the four corners of a square (two inputs)
// or the eight of a cube (three). The square is shaded on each side of the
// unit's line w₁x₁ + w₂x₂ = θ, blue where it fires; in the cube the unit's
// boundary is a plane, and each corner wears a halo of its side's colour.
// A corner's own colour is the output the target gate wants (the unit's
// output when there is no target), its ring green when the unit agrees.

import { svg } from '../../ui/dom.js';
import { classColor } from '../../ui/colors.js';
import { projection, boxEdges, planeSection, svgPoints } from '../../ui/box3d.js';
import { trAttr } from '../../i18n.js';

const FIRE_BG = 'rgba(8,119,189,0.16)';
const QUIET_BG = 'rgba(245,147,34,0.16)';
const RIGHT = '#1a7f37';
const WRONG = '#b42318';

/**
 * `rows` from the engine's truth table (binary counting order), `targets`
 * the wanted outputs or null, `w` and `theta` the unit.
 */
export function cornersPicture(rows, targets, w, theta) {
  return w.length === 2 ? square(rows, targets, w, theta) : cube(rows, targets, w, theta);
}

function corner(g, x, y, row, want, label) {
  const fires = row.fires;
  const color = classColor(want ?? (fires ? 1 : 0));
  const c = svg('g', { class: 'corner', 'data-fires': String(fires), 'data-right': want === null ? null : String(fires === (want === 1)) });
  if (want !== null) c.append(svg('circle', { cx: x, cy: y, r: 13, fill: 'none', stroke: fires === (want === 1) ? RIGHT : WRONG, 'stroke-width': 4 }));
  c.append(svg('circle', { cx: x, cy: y, r: 9, fill: color, stroke: '#fff', 'stroke-width': 1.5 }));
  c.append(svg('text', { x: x + 16, y: y + 4, 'font-size': 11, fill: '#333' }, document.createTextNode(label)));
  g.append(c);
}

/** Clips a convex polygon to the half-plane a·x + b·y ≥ c. */
function clip(poly, a, b, c) {
  const out = [];
  const f = ([x, y]) => a * x + b * y - c;
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i];
    const q = poly[(i + 1) % poly.length];
    const [fp, fq] = [f(p), f(q)];
    if (fp >= 0) out.push(p);
    if ((fp >= 0) !== (fq >= 0)) {
      const t = fp / (fp - fq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

function square(rows, targets, [w1, w2], theta) {
  const S = 260;
  const px = (x) => 55 + x * 140;
  const py = (y) => S - 55 - y * 140;
  const g = svg('svg', { viewBox: `0 0 ${S} ${S}`, width: S, height: S, role: 'img', class: 'corners square' });
  trAttr(g, { 'aria-label': 'mp.planeLabel' });
  // The two sides of the line across the drawn square [−0.4, 1.4]².
  const box = [[-0.4, -0.4], [1.4, -0.4], [1.4, 1.4], [-0.4, 1.4]];
  const pts = (poly) => poly.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ');
  const fires = clip(box, w1, w2, theta);
  const quiet = clip(box, -w1, -w2, -theta);
  if (quiet.length >= 3) g.append(svg('polygon', { points: pts(quiet), fill: QUIET_BG, class: 'side quiet' }));
  if (fires.length >= 3) g.append(svg('polygon', { points: pts(fires), fill: FIRE_BG, class: 'side fires' }));
  g.append(svg('rect', { x: px(0), y: py(1), width: 140, height: 140, fill: 'none', stroke: '#c5cad1', 'stroke-dasharray': '3 3' }));
  // The line w1·x1 + w2·x2 = θ where it crosses the drawn square.
  const ends = [];
  for (const [p, q] of [[box[0], box[1]], [box[1], box[2]], [box[2], box[3]], [box[3], box[0]]]) {
    const [fp, fq] = [w1 * p[0] + w2 * p[1] - theta, w1 * q[0] + w2 * q[1] - theta];
    if (fp !== fq && (fp >= 0) !== (fq >= 0)) {
      const t = fp / (fp - fq);
      ends.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  if (ends.length >= 2) {
    g.append(svg('line', { x1: px(ends[0][0]), y1: py(ends[0][1]), x2: px(ends[1][0]), y2: py(ends[1][1]), stroke: '#111', 'stroke-width': 2, class: 'unit-line' }));
  }
  g.append(svg('text', { x: px(0.5), y: S - 8, 'font-size': 11, fill: '#646b73', 'text-anchor': 'middle' }, document.createTextNode('x₁')));
  g.append(svg('text', { x: 10, y: py(0.5), 'font-size': 11, fill: '#646b73' }, document.createTextNode('x₂')));
  for (let r = 0; r < 4; r++) {
    const [x, y] = rows[r].inputs;
    corner(g, px(x), py(y), rows[r], targets ? targets[r] : null, `(${x},${y})`);
  }
  return g;
}

function cube(rows, targets, w, theta) {
  const lo = [-0.15, -0.15, -0.15];
  const hi = [1.15, 1.15, 1.15];
  const p = projection({ lo, hi, left: 110, bottom: 285, width: 180, height: 180, depth: 90, slant: -1 });
  const g = svg('svg', { viewBox: '0 0 320 300', width: 320, height: 300, role: 'img', class: 'corners cube' });
  trAttr(g, { 'aria-label': 'mp.cubeLabel' });
  // The unit cube's edges, then the plane w·x = θ cut to the drawn box.
  for (const [a, b] of boxEdges([0, 0, 0], [1, 1, 1])) {
    const [[x1, y1], [x2, y2]] = [p(...a), p(...b)];
    g.append(svg('line', { x1, y1, x2, y2, stroke: '#c5cad1', 'stroke-dasharray': '3 3' }));
  }
  const section = planeSection(w, -theta, lo, hi);
  if (section.length) g.append(svg('polygon', { points: svgPoints(p, section), fill: 'rgba(17,17,17,0.12)', stroke: '#111', 'stroke-width': 1.5, class: 'unit-plane' }));
  // The three axes from corner 000, named at their tips.
  for (const [i, name, dx, dy] of [[0, 'x₁', 4, 14], [1, 'x₂', -16, -4], [2, 'x₃', -18, 4]]) {
    const tip = [0, 0, 0];
    tip[i] = 1.13;
    const [[x1, y1], [x2, y2]] = [p(0, 0, 0), p(...tip)];
    g.append(svg('line', { x1, y1, x2, y2, stroke: '#8a9099' }));
    g.append(svg('text', { x: x2 + dx, y: y2 + dy, 'font-size': 12, fill: '#646b73' }, document.createTextNode(name)));
  }
  // Far corners first, so near ones are drawn over them.
  const order = [...rows.keys()].sort((a, b) => rows[b].inputs[1] - rows[a].inputs[1]);
  for (const r of order) {
    const [x, y] = p(...rows[r].inputs);
    g.append(svg('circle', { cx: x, cy: y, r: 20, fill: rows[r].fires ? FIRE_BG.replace('0.16', '0.45') : QUIET_BG.replace('0.16', '0.45'), class: 'halo' }));
    corner(g, x, y, rows[r], targets ? targets[r] : null, rows[r].inputs.join(''));
  }
  return g;
}
