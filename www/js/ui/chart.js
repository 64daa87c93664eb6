// A line chart of training and test loss over epochs, drawn on a canvas.
// Keeps at most MAX points per line, halving the resolution when full.

import { h } from './dom.js';

const MAX = 1000;

export class LossChart {
  constructor({ width = 300, height = 80, label = '' } = {}) {
    this.width = width;
    this.height = height;
    this.canvas = h('canvas', { class: 'loss-chart', role: 'img', 'aria-label': label });
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(width * dpr);
    this.canvas.height = Math.round(height * dpr);
    this.dpr = dpr;
    this.reset();
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
    const w = this.canvas.width;
    const hgt = this.canvas.height;
    ctx.clearRect(0, 0, w, hgt);
    const n = this.epochs.length;
    if (n < 1) return;
    let max = 0;
    for (const s of this.series) for (const v of s) if (Number.isFinite(v)) max = Math.max(max, v);
    if (max <= 0) max = 1;
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
        const x = n === 1 ? w / 2 : (i / (n - 1)) * (w - 2) + 1;
        const y = hgt - 2 - (v / max) * (hgt - 4);
        if (started) ctx.lineTo(x, y);
        else ctx.moveTo(x, y);
        started = true;
      }
      ctx.stroke();
    }
  }
}
