// The links of the network graph on one canvas: thousands of weights drawn
// in a few strokes (grouped by colour and width), and found under the mouse
// by distance to each curve as drawn: a polyline through points along the
// curve (a straight line where the graph is dense and drawn straight).

import { layerCanvas } from '../../ui/dom.js';
import { classColor } from '../../ui/colors.js';

/** Points along each curve; the pieces between them are ~10 px long. */
const SAMPLES = 25;
/** How near the pointer must be to a link's stroke, in CSS px. */
const REACH = 5;
const WIDTHS = 8;

export class LinkLayer {
  constructor(width, height) {
    this.size = [width, height];
    this.canvas = layerCanvas('links', width, height);
    this.links = [];
    this.samples = new Float32Array(0);
    this.highlighted = null;
  }

  /** Sets the links: {x1, y1, x2, y2, index, from, to} in CSS pixels. */
  setLinks(links) {
    this.links = links;
    this.samples = null;
    // Each link's stroke as drawn last (0: none yet, or not a number).
    this.drawnAs = new Uint8Array(links.length);
    this.codes = new Uint8Array(links.length);
    this.fresh = true;
    // Thousands of links are painted at half resolution: software painting
    // of that many strokes would otherwise hold the page up.
    this.dpr = links.length > 1000 ? 0.5 : window.devicePixelRatio || 1;
    this.canvas.width = Math.round(this.size[0] * this.dpr);
    this.canvas.height = Math.round(this.size[1] * this.dpr);
  }

  /** Points along every curve as drawn, for finding the link under the mouse. */
  sample() {
    const out = new Float32Array(this.links.length * SAMPLES * 2);
    const straight = this.links.length > 1000;
    this.links.forEach((l, k) => {
      // A straight link: its middle control points on the line.
      const mx = (l.x1 + l.x2) / 2;
      for (let s = 0; s < SAMPLES; s++) {
        const t = s / (SAMPLES - 1);
        if (straight) {
          out[(k * SAMPLES + s) * 2] = l.x1 + t * (l.x2 - l.x1);
          out[(k * SAMPLES + s) * 2 + 1] = l.y1 + t * (l.y2 - l.y1);
          continue;
        }
        const u = 1 - t;
        const a = u * u * u;
        const b = 3 * u * u * t;
        const c = 3 * u * t * t;
        const d = t * t * t;
        out[(k * SAMPLES + s) * 2] = a * l.x1 + (b + c) * mx + d * l.x2;
        out[(k * SAMPLES + s) * 2 + 1] = (a + b) * l.y1 + (c + d) * l.y2;
      }
    });
    return out;
  }

  /**
   * Redraws every link from the flat parameter buffer, unless every link
   * would be stroked as it was last time (`force`: redraw anyway).
   */
  draw(params, force = false) {
    this.params = params;
    // Each link's stroke: 1 + (sign, width bucket), 0 for a weight that is
    // not a number (a diverged network): not drawn, and nothing here may
    // throw on it.
    const codes = this.codes;
    let same = !this.fresh;
    for (let k = 0; k < this.links.length; k++) {
      const w = params[this.links[k].index];
      let code = 0;
      if (Number.isFinite(w)) code = 1 + (w >= 0 ? WIDTHS : 0) + Math.min(WIDTHS - 1, Math.floor((Math.min(Math.abs(w), 4) / 4) * WIDTHS));
      codes[k] = code;
      same &&= code === this.drawnAs[k];
    }
    if (same && !force) return;
    this.fresh = false;
    this.drawnAs.set(codes);
    const ctx = this.canvas.getContext('2d');
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    // One path per (sign, width bucket): a handful of strokes in all.
    const buckets = Array.from({ length: 2 * WIDTHS }, () => []);
    this.links.forEach((l, k) => {
      if (codes[k]) buckets[codes[k] - 1].push(l);
    });
    // Dense graphs get thinner, fainter strokes: the picture stays legible
    // and painting thousands of wide curves does not stall the page.
    const dense = this.links.length > 1000;
    const maxWidth = dense ? 1.6 : 6;
    ctx.globalAlpha = dense ? 0.5 : 0.75;
    buckets.forEach((list, k) => {
      if (!list.length) return;
      ctx.beginPath();
      for (const l of list) trace(ctx, l, dense);
      ctx.strokeStyle = classColor(k >= WIDTHS ? 1 : 0);
      ctx.lineWidth = 0.5 + ((k % WIDTHS) + 0.5) * ((maxWidth - 0.5) / WIDTHS);
      ctx.stroke();
    });
    ctx.globalAlpha = 1;
    if (this.highlighted) this.stroke(ctx, this.highlighted);
  }

  /** Marks one link (or none) as hovered. */
  highlight(link, params) {
    this.highlighted = link;
    this.draw(params, true);
  }

  stroke(ctx, l) {
    ctx.beginPath();
    trace(ctx, l);
    ctx.strokeStyle = '#111';
    ctx.lineWidth = 2.5;
    ctx.stroke();
  }

  /**
   * The link nearest to (x, y) anywhere along its curve, within REACH px of
   * its stroke (wider strokes reach further), or null.
   */
  hit(x, y) {
    let best = null;
    let bd = Infinity;
    if (!this.samples) this.samples = this.sample();
    const s = this.samples;
    const params = this.params;
    for (let k = 0; k < this.links.length; k++) {
      const w = params ? Math.abs(params[this.links[k].index]) : 0;
      const reach = REACH + (Number.isFinite(w) ? Math.min(w, 4) * 0.7 : 0);
      const o = k * SAMPLES * 2;
      for (let i = 0; i + 1 < SAMPLES; i++) {
        const d = segmentDistance2(x, y, s[o + 2 * i], s[o + 2 * i + 1], s[o + 2 * i + 2], s[o + 2 * i + 3]);
        if (d < reach * reach && d < bd) {
          bd = d;
          best = this.links[k];
        }
      }
    }
    return best;
  }
}

/** Adds one link to the path: a curve, or a straight line when dense. */
function trace(ctx, l, straight = false) {
  ctx.moveTo(l.x1, l.y1);
  if (straight) {
    ctx.lineTo(l.x2, l.y2);
    return;
  }
  const mx = (l.x1 + l.x2) / 2;
  ctx.bezierCurveTo(mx, l.y1, mx, l.y2, l.x2, l.y2);
}

/** Squared distance from (px, py) to the segment (ax, ay)–(bx, by). */
function segmentDistance2(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const len = dx * dx + dy * dy;
  const t = len > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len)) : 0;
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}
