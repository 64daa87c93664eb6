// A square plot of the plane [-E, E]²: a heatmap underneath (one canvas
// pixel per grid cell, smoothed by the browser) and the data points on top.
// Used by every 2D scene.

import { h } from './dom.js';
import { paint, classColor, diverging } from './colors.js';

/**
 * How far the map's most certain colour goes toward the class colour: the
 * points keep the full class colour, so they never vanish into a region
 * of their own class (and a dark ring sets them off any background).
 */
const MAP_STRENGTH = 0.72;
/** The points' rings: dark for training points; test points add white. */
const RING = 'rgba(20, 24, 28, .9)';

export class Plot2D {
  /**
   * @param {object} o
   * @param {number} o.size  CSS pixels
   * @param {number} o.extent  half-width of the plane
   * @param {string} o.label  accessible name
   */
  constructor({ size = 300, extent = 6, label = '', radius = 3.2 } = {}) {
    this.size = size;
    this.radius = radius;
    this.extent = extent;
    this.bg = h('canvas', { class: 'plot-bg', width: 2, height: 2 });
    this.fg = h('canvas', { class: 'plot-fg' });
    this.el = h('div', { class: 'plot', role: 'img', 'aria-label': label }, this.bg, this.fg, this.axes());
    this.points = null;
    this.pointStyle = {};
    this.overlay = null;
    this.resize();
  }

  axes() {
    const ticks = h('div', { class: 'plot-ticks', 'aria-hidden': 'true' });
    for (const v of [-this.extent, 0, this.extent]) {
      const f = (v + this.extent) / (2 * this.extent);
      const x = h('span', { class: 'tick tick-x', text: v });
      x.style.left = `${f * 100}%`;
      const y = h('span', { class: 'tick tick-y', text: v });
      y.style.top = `${(1 - f) * 100}%`;
      ticks.append(x, y);
    }
    return ticks;
  }

  resize() {
    const dpr = window.devicePixelRatio || 1;
    this.fg.width = Math.round(this.size * dpr);
    this.fg.height = Math.round(this.size * dpr);
    this.dpr = dpr;
  }

  /** Plane coordinates of a pointer event (the plot may be scaled by CSS). */
  toPlane(ev) {
    const r = this.fg.getBoundingClientRect();
    const fx = (ev.clientX - r.left) / r.width;
    const fy = (ev.clientY - r.top) / r.height;
    return [(fx * 2 - 1) * this.extent, (1 - fy * 2) * this.extent];
  }

  /**
   * Paints the heatmap: `values` is [channels × d²], row 0 at the top.
   * `tanhScores`: multi-channel values are in [-1, 1], not probabilities.
   */
  setMap(values, channels, d, discretize = false, tanhScores = false) {
    if (this.bg.width !== d) {
      this.bg.width = d;
      this.bg.height = d;
    }
    const ctx = this.bg.getContext('2d');
    const img = ctx.createImageData(d, d);
    let v = values;
    if (channels > 1 && tanhScores) v = values.map((x) => (x + 1) / 2);
    paint(img.data, v, channels, d * d, discretize, MAP_STRENGTH);
    ctx.putImageData(img, 0, 0);
  }

  /** Clears the heatmap to neutral. */
  clearMap() {
    const ctx = this.bg.getContext('2d');
    ctx.clearRect(0, 0, this.bg.width, this.bg.height);
  }

  /**
   * Sets a function that draws over the points: `draw(ctx, px)` where
   * `px(x, y)` gives canvas coordinates of a point of the plane.
   */
  setOverlay(draw) {
    this.overlay = draw;
    this.drawPoints();
  }

  /** Canvas coordinates of a point of the plane. */
  px(x, y) {
    const s = this.size * this.dpr;
    return [((x / this.extent + 1) / 2) * s, ((1 - y / this.extent) / 2) * s];
  }

  /**
   * Sets the points: flat [x, y, label …]; those from `split` on are test
   * points, drawn only if `showTest`. Regression labels use the diverging
   * scale.
   */
  setPoints(points, split, { showTest = false, regression = false, highlight = -1, ring = null } = {}) {
    this.points = points;
    this.pointStyle = { split, showTest, regression, highlight, ring };
    this.drawPoints();
  }

  drawPoints() {
    const ctx = this.fg.getContext('2d');
    const s = this.size * this.dpr;
    ctx.clearRect(0, 0, s, s);
    if (this.overlay) this.overlay(ctx, (x, y) => this.px(x, y), this.dpr);
    if (!this.points) return;
    const { split, showTest, regression, highlight } = this.pointStyle;
    const n = this.points.length / 3;
    const r = this.radius * this.dpr;
    const px = [0, 0, 0, 255];
    for (let i = 0; i < n; i++) {
      const test = i >= split;
      if (test && !showTest) continue;
      const [x, y] = this.px(this.points[3 * i], this.points[3 * i + 1]);
      const label = this.points[3 * i + 2];
      if (regression) {
        diverging(label, px, 0);
        ctx.fillStyle = `rgb(${px[0] | 0},${px[1] | 0},${px[2] | 0})`;
      } else {
        ctx.fillStyle = classColor(label | 0);
      }
      ctx.beginPath();
      ctx.arc(x, y, i === highlight ? r * 1.8 : r, 0, 2 * Math.PI);
      ctx.fill();
      ctx.lineWidth = (test ? 2.4 : 1.2) * this.dpr;
      ctx.strokeStyle = RING;
      ctx.stroke();
      if (test) {
        // A test point: a white ring inside the dark one.
        ctx.lineWidth = 0.9 * this.dpr;
        ctx.strokeStyle = '#fff';
        ctx.stroke();
      }
      if (i === highlight && this.pointStyle.ring) {
        ctx.beginPath();
        ctx.arc(x, y, r * 3.2, 0, 2 * Math.PI);
        ctx.lineWidth = 2.5 * this.dpr;
        ctx.strokeStyle = this.pointStyle.ring;
        ctx.stroke();
      }
    }
  }
}
