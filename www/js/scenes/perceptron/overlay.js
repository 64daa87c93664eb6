// What the perceptron view draws over its points, on the plot's canvas:
// each class's convex hull, the unit's line (or, with the product feature,
// its curve), the line before the last update, and the weight vector with
// the update w ← w + y·x as arrows. `px(x, y)` maps the plane to canvas
// pixels; `dpr` is the canvas's pixels per CSS pixel.

import { CLASS_COLORS } from '../../ui/colors.js';

const E = 6;
const rgba = (k, a) => `rgba(${CLASS_COLORS[k].join(',')},${a})`;

/** The two classes' convex hulls: filled polygons, or a segment for two points. */
export function drawHulls(c, px, dpr, hulls) {
  let drawn = 0;
  for (const [k, hull] of [[0, hulls.zero], [1, hulls.one]]) {
    if (!hull || hull.length < 2) continue;
    c.save();
    c.beginPath();
    hull.forEach(([x, y], i) => (i ? c.lineTo(...px(x, y)) : c.moveTo(...px(x, y))));
    if (hull.length > 2) {
      c.closePath();
      c.fillStyle = rgba(k, 0.18);
      c.fill();
      c.lineWidth = 2 * dpr;
      c.strokeStyle = rgba(k, 0.75);
    } else {
      // Two points: a soft band, so arrows along it stay readable.
      c.lineWidth = 7 * dpr;
      c.lineCap = 'round';
      c.strokeStyle = rgba(k, 0.4);
    }
    c.stroke();
    c.restore();
    drawn++;
  }
  return drawn;
}

/** Draws a·x + b·y + c = 0 across the plane; false if it misses the picture. */
export function drawLine(ctx, px, a, b, c, style) {
  if (!Number.isFinite(a) || !Number.isFinite(b) || (a === 0 && b === 0)) return false;
  const pts = [];
  if (Math.abs(b) > 1e-12) for (const x of [-E, E]) pts.push([x, -(a * x + c) / b]);
  if (Math.abs(a) > 1e-12) for (const y of [-E, E]) pts.push([-(b * y + c) / a, y]);
  const inside = pts.filter(([x, y]) => Math.abs(x) <= E + 1e-9 && Math.abs(y) <= E + 1e-9);
  if (inside.length < 2) return false;
  // The two crossings farthest apart (a corner may be met twice).
  let [p, q] = [inside[0], inside[1]];
  const d = (u, w) => (u[0] - w[0]) ** 2 + (u[1] - w[1]) ** 2;
  for (const u of inside) for (const w of inside) if (d(u, w) > d(p, q)) [p, q] = [u, w];
  if (d(p, q) < 1e-12) return false;
  stroke(ctx, style, () => {
    ctx.moveTo(...px(...p));
    ctx.lineTo(...px(...q));
  });
  return true;
}

/**
 * Draws where w₁x + w₂y + w₃xy + b = 0 (the unit's boundary with the
 * product feature: a hyperbola, or two lines when it factors), by marching
 * squares on a fine grid; false if it misses the picture.
 */
export function drawCurve(ctx, px, [w1, w2, w3], b, style) {
  const N = 150;
  const h = (2 * E) / N;
  const f = (x, y) => w1 * x + w2 * y + w3 * x * y + b;
  const at = (i) => -E + i * h;
  const segs = [];
  let row = Array.from({ length: N + 1 }, (_, i) => f(at(i), -E));
  for (let j = 0; j < N; j++) {
    const y0 = at(j);
    const y1 = at(j + 1);
    const next = Array.from({ length: N + 1 }, (_, i) => f(at(i), y1));
    for (let i = 0; i < N; i++) {
      const x0 = at(i);
      const x1 = at(i + 1);
      // Corners counter-clockwise from bottom left, and where each edge
      // changes sign.
      const v = [row[i], row[i + 1], next[i + 1], next[i]];
      const p = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
      const cuts = [];
      for (let e = 0; e < 4; e++) {
        const [va, vb] = [v[e], v[(e + 1) % 4]];
        if ((va > 0) !== (vb > 0)) {
          const t = va / (va - vb);
          const [a, q] = [p[e], p[(e + 1) % 4]];
          cuts.push([a[0] + t * (q[0] - a[0]), a[1] + t * (q[1] - a[1])]);
        }
      }
      if (cuts.length === 2) segs.push(cuts);
      else if (cuts.length === 4) {
        // A saddle: pair the crossings by the sign at the cell's centre.
        const centre = f((x0 + x1) / 2, (y0 + y1) / 2) > 0;
        if (centre === (v[0] > 0)) segs.push([cuts[0], cuts[3]], [cuts[1], cuts[2]]);
        else segs.push([cuts[0], cuts[1]], [cuts[2], cuts[3]]);
      }
    }
    row = next;
  }
  if (!segs.length) return false;
  stroke(ctx, style, () => {
    for (const [a, q] of segs) {
      ctx.moveTo(...px(...a));
      ctx.lineTo(...px(...q));
    }
  });
  return true;
}

function stroke(ctx, { color, width, dash = [] }, path) {
  ctx.save();
  ctx.beginPath();
  path();
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.lineCap = 'round';
  ctx.setLineDash(dash);
  ctx.stroke();
  ctx.restore();
}

/** An arrow from plane point `a` to `b`, with its head at `b`. */
export function drawArrow(ctx, px, dpr, a, b, color, width = 2.5) {
  const [x0, y0] = px(...a);
  const [x1, y1] = px(...b);
  const len = Math.hypot(x1 - x0, y1 - y0);
  if (len < 2 * dpr) return;
  const [ux, uy] = [(x1 - x0) / len, (y1 - y0) / len];
  const head = Math.min(12 * dpr, len / 2);
  ctx.save();
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = width * dpr;
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1 - ux * head * 0.8, y1 - uy * head * 0.8);
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - ux * head - uy * head * 0.45, y1 - uy * head + ux * head * 0.45);
  ctx.lineTo(x1 - ux * head + uy * head * 0.45, y1 - uy * head - ux * head * 0.45);
  ctx.closePath();
  ctx.fill();
  ctx.restore();
}
