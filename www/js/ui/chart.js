// A line chart of training and test loss over epochs, drawn on a canvas.
// Keeps at most MAX points per line, halving the resolution when full.
// With `axes`, it draws a labelled loss axis (linear, or logarithmic for
// losses that fall by orders of magnitude) and an epoch axis.

import { h } from './dom.js';

const MAX = 1000;

export class LossChart {
  /**
   * `axes`: { loss: () => string, epoch: () => string } gives the axes'
   * titles (functions, so they follow the language); none: a bare sparkline.
   */
  constructor({ width = 300, height = 80, label = '', axes = null } = {}) {
    this.width = width;
    this.height = height;
    this.axes = axes;
    this.log = false;
    this.canvas = h('canvas', { class: 'loss-chart', role: 'img', 'aria-label': label });
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(width * dpr);
    this.canvas.height = Math.round(height * dpr);
    this.dpr = dpr;
    this.reset();
  }

  /** Logarithmic loss axis on or off. */
  setLog(on) {
    this.log = !!on;
    this.draw();
  }

  reset() {
    this.series = [[], []];
    this.epochs = [];
    this.stride = 1;
    this.lastEpoch = -1;
    this.draw();
  }

  /** Adds a point if the epoch moved on (or replaces the last one). */
  push(epoch, train, test) {
    if (epoch < this.lastEpoch) this.reset();
    if (epoch === this.lastEpoch && this.epochs.length) {
      this.series[0][this.series[0].length - 1] = train;
      this.series[1][this.series[1].length - 1] = test;
    } else {
      if (epoch - (this.epochs[this.epochs.length - 1] ?? -Infinity) < this.stride && this.epochs.length) return this.draw();
      this.epochs.push(epoch);
      this.series[0].push(train);
      this.series[1].push(test);
      if (this.epochs.length > MAX) {
        const keep = (_, i) => i % 2 === 0;
        this.epochs = this.epochs.filter(keep);
        this.series = this.series.map((s) => s.filter(keep));
        this.stride *= 2;
      }
    }
    this.lastEpoch = epoch;
    this.draw();
  }

  draw() {
    const ctx = this.canvas.getContext('2d');
    const W = this.canvas.width;
    const H = this.canvas.height;
    ctx.clearRect(0, 0, W, H);
    const n = this.epochs.length;
    if (n < 1 && !this.axes) return;
    let max = 0;
    let min = Infinity;
    for (const s of this.series) {
      for (const v of s) {
        if (!Number.isFinite(v)) continue;
        max = Math.max(max, v);
        if (v > 0) min = Math.min(min, v);
      }
    }
    if (max <= 0) max = 1;
    const log = this.log && Number.isFinite(min);
    // The plotting area: the whole canvas, or inside the axes' margins.
    const d = this.dpr;
    const box = this.axes ? { x: 50 * d, y: 6 * d, w: W - 56 * d, h: H - 30 * d } : { x: 1, y: 2, w: W - 2, h: H - 4 };
    let lo = 0;
    let hi = max;
    if (log) {
      lo = Math.floor(Math.log10(min));
      hi = Math.max(lo + 1, Math.ceil(Math.log10(max)));
    }
    const yOf = (v) => {
      const f = log ? (Math.log10(Math.max(v, 10 ** lo)) - lo) / (hi - lo) : v / max;
      return box.y + box.h - f * box.h;
    };
    const first = this.epochs[0] ?? 0;
    const last = this.epochs[n - 1] ?? 0;
    const xOf = (i) => (n <= 1 ? box.x + box.w / 2 : box.x + ((this.epochs[i] - first) / Math.max(1, last - first)) * box.w);
    if (this.axes) this.drawAxes(ctx, box, { log, lo, hi, max, first, last, yOf });
    if (n < 1) return;
    const colors = ['#555', '#111'];
    const widths = [1, 2];
    for (let k = 0; k < 2; k++) {
      ctx.beginPath();
      ctx.strokeStyle = colors[k];
      ctx.lineWidth = widths[k] * this.dpr;
      let started = false;
      for (let i = 0; i < n; i++) {
        const v = this.series[k][i];
        if (!Number.isFinite(v)) continue;
        const x = xOf(i);
        const y = yOf(v);
        if (started) ctx.lineTo(x, y);
        else ctx.moveTo(x, y);
        started = true;
      }
      ctx.stroke();
    }
  }

  /** The loss axis (ticks and title) and the epoch axis, in the margins. */
  drawAxes(ctx, box, { log, lo, hi, max, first, last, yOf }) {
    const d = this.dpr;
    ctx.save();
    ctx.strokeStyle = '#b9bec5';
    ctx.lineWidth = d;
    ctx.beginPath();
    ctx.moveTo(box.x, box.y);
    ctx.lineTo(box.x, box.y + box.h);
    ctx.lineTo(box.x + box.w, box.y + box.h);
    ctx.stroke();
    ctx.fillStyle = '#646b73';
    ctx.font = `${10 * d}px system-ui, sans-serif`;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    const ticks = log
      ? Array.from({ length: hi - lo + 1 }, (_, k) => 10 ** (lo + k))
      : [0, max / 2, max];
    for (const v of ticks) {
      const y = yOf(v);
      ctx.fillText(formatTick(v), box.x - 4 * d, Math.max(box.y + 4 * d, Math.min(box.y + box.h, y)));
      ctx.beginPath();
      ctx.moveTo(box.x - 2 * d, y);
      ctx.lineTo(box.x, y);
      ctx.stroke();
    }
    // Epochs along the bottom: first, middle, last.
    ctx.textBaseline = 'top';
    const xs = last > first ? [first, Math.round((first + last) / 2), last] : [first];
    xs.forEach((e, k) => {
      const x = last > first ? box.x + ((e - first) / (last - first)) * box.w : box.x + box.w / 2;
      ctx.textAlign = xs.length === 1 ? 'center' : ['left', 'center', 'right'][k];
      ctx.fillText(String(e), x, box.y + box.h + 3 * d);
    });
    ctx.textAlign = 'center';
    ctx.fillText(this.axes.epoch(), box.x + box.w / 2, box.y + box.h + 14 * d);
    ctx.translate(7 * d, box.y + box.h / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'middle';
    ctx.fillText(this.axes.loss() + (log ? ' (log)' : ''), 0, 0);
    ctx.restore();
  }
}

/** A tick's label: short, and readable from 0.0001 to 1000. */
function formatTick(v) {
  if (v === 0) return '0';
  if (v >= 100) return v.toFixed(0);
  if (v >= 1) return String(Number(v.toPrecision(2)));
  if (v >= 0.001) return String(Number(v.toPrecision(2)));
  return v.toExponential(0);
}
