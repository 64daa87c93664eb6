// The links of the network graph on one canvas: thousands of weights drawn
// in a few strokes (grouped by colour and width), and found under the mouse
// by distance to sampled points of each curve.

import { h } from '../../ui/dom.js';
import { classColor } from '../../ui/colors.js';

const SAMPLES = 12;
const WIDTHS = 8;

export class LinkLayer {
  constructor(width, height) {
    const dpr = window.devicePixelRatio || 1;
    this.canvas = h('canvas', { class: 'links', 'aria-hidden': 'true' });
    this.canvas.width = Math.round(width * dpr);
    this.canvas.height = Math.round(height * dpr);
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    this.dpr = dpr;
    this.links = [];
    this.samples = new Float32Array(0);
    this.highlighted = null;
  }

  /** Sets the links: {x1, y1, x2, y2, index, from, to} in CSS pixels. */
  setLinks(links) {
    this.links = links;
    this.samples = new Float32Array(links.length * SAMPLES * 2);
    links.forEach((l, k) => {
      for (let s = 0; s < SAMPLES; s++) {
        const [x, y] = bezier(l, s / (SAMPLES - 1));
        this.samples[(k * SAMPLES + s) * 2] = x;
        this.samples[(k * SAMPLES + s) * 2 + 1] = y;
      }
    });
  }

  /** Redraws every link from the flat parameter buffer. */
  draw(params) {
    this.params = params;
    const ctx = this.canvas.getContext('2d');
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    // One path per (sign, width bucket): a handful of strokes in all.
    const buckets = Array.from({ length: 2 * WIDTHS }, () => []);
    for (const l of this.links) {
      const w = params[l.index];
      const b = Math.min(WIDTHS - 1, Math.floor((Math.min(Math.abs(w), 4) / 4) * WIDTHS));
      buckets[(w >= 0 ? WIDTHS : 0) + b].push(l);
    }
    ctx.globalAlpha = this.links.length > 1000 ? 0.45 : 0.75;
    buckets.forEach((list, k) => {
      if (!list.length) return;
      ctx.beginPath();
      for (const l of list) trace(ctx, l);
      ctx.strokeStyle = classColor(k >= WIDTHS ? 1 : 0);
      ctx.lineWidth = 0.6 + ((k % WIDTHS) + 0.5) * (5.6 / WIDTHS);
      ctx.stroke();
    });
    ctx.globalAlpha = 1;
    if (this.highlighted) this.stroke(ctx, this.highlighted);
  }

  /** Marks one link (or none) as hovered. */
  highlight(link, params) {
    this.highlighted = link;
    this.draw(params);
  }

  stroke(ctx, l) {
    ctx.beginPath();
    trace(ctx, l);
    ctx.strokeStyle = '#111';
    ctx.lineWidth = 2.5;
    ctx.stroke();
  }

  /** The link nearest to (x, y) within 5 px, or null. */
  hit(x, y) {
    let best = null;
    let bd = 25;
    const s = this.samples;
    for (let k = 0; k < this.links.length; k++) {
      for (let i = 0; i < SAMPLES; i++) {
        const dx = s[(k * SAMPLES + i) * 2] - x;
        const dy = s[(k * SAMPLES + i) * 2 + 1] - y;
        const d = dx * dx + dy * dy;
        if (d < bd) { bd = d; best = this.links[k]; }
      }
    }
    return best;
  }
}

function trace(ctx, l) {
  const mx = (l.x1 + l.x2) / 2;
  ctx.moveTo(l.x1, l.y1);
  ctx.bezierCurveTo(mx, l.y1, mx, l.y2, l.x2, l.y2);
}

function bezier(l, t) {
  const mx = (l.x1 + l.x2) / 2;
  const u = 1 - t;
  const x = u * u * u * l.x1 + 3 * u * u * t * mx + 3 * u * t * t * mx + t * t * t * l.x2;
  const y = u * u * u * l.y1 + 3 * u * u * t * l.y1 + 3 * u * t * t * l.y2 + t * t * t * l.y2;
  return [x, y];
}
