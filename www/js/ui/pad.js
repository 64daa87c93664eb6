// The drawing pad: ink with a mouse, a pen or a finger; undo and clear.
// Each change hands the ink coverage (one float per canvas pixel) to
// `onInk`, at most once per animation frame.

import { h } from './dom.js';

const SIZE = 280;
const PEN = 22;

export class DrawingPad {
  constructor(onInk) {
    this.onInk = onInk;
    this.canvas = h('canvas', { class: 'pad', width: SIZE, height: SIZE, tabindex: 0 });
    this.ctx = this.canvas.getContext('2d', { willReadFrequently: true });
    this.strokes = [];
    this.current = null;
    this.image = null;   // a 14×14 digit shown instead of strokes
    this.pending = false;
    const c = this.canvas;
    c.addEventListener('pointerdown', (e) => this.down(e));
    c.addEventListener('pointermove', (e) => this.move(e));
    for (const ev of ['pointerup', 'pointercancel']) c.addEventListener(ev, (e) => this.up(e));
    c.addEventListener('keydown', (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'z') {
        e.preventDefault();
        this.undo();
      }
    });
    this.redraw();
  }

  point(e) {
    const r = this.canvas.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * SIZE, ((e.clientY - r.top) / r.height) * SIZE];
  }

  down(e) {
    e.preventDefault();
    this.canvas.setPointerCapture?.(e.pointerId);
    if (this.image) {
      this.image = null;
      this.strokes = [];
    }
    this.current = [this.point(e)];
    this.strokes.push(this.current);
    this.redraw();
    this.changed();
  }

  move(e) {
    if (!this.current) return;
    e.preventDefault();
    // Coalesced events keep fast strokes smooth.
    const events = e.getCoalescedEvents ? e.getCoalescedEvents() : [e];
    for (const ev of events.length ? events : [e]) this.current.push(this.point(ev));
    this.redraw();
    this.changed();
  }

  up() {
    this.current = null;
  }

  undo() {
    if (this.image) this.image = null;
    else this.strokes.pop();
    this.redraw();
    this.changed();
  }

  clear() {
    this.strokes = [];
    this.image = null;
    this.redraw();
    this.changed();
  }

  /** Shows a 14×14 digit (intensities in [0, 1]) instead of strokes. */
  show(image) {
    this.strokes = [];
    this.image = image;
    this.redraw();
  }

  redraw() {
    const ctx = this.ctx;
    ctx.clearRect(0, 0, SIZE, SIZE);
    if (this.image) {
      const cell = SIZE / 14;
      for (let i = 0; i < 196; i++) {
        ctx.fillStyle = `rgba(17,17,17,${this.image[i]})`;
        ctx.fillRect((i % 14) * cell, Math.floor(i / 14) * cell, cell, cell);
      }
      return;
    }
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.lineWidth = PEN;
    ctx.strokeStyle = '#111';
    ctx.fillStyle = '#111';
    for (const s of this.strokes) {
      if (s.length === 1) {
        ctx.beginPath();
        ctx.arc(s[0][0], s[0][1], PEN / 2, 0, 2 * Math.PI);
        ctx.fill();
        continue;
      }
      ctx.beginPath();
      ctx.moveTo(s[0][0], s[0][1]);
      for (const [x, y] of s.slice(1)) ctx.lineTo(x, y);
      ctx.stroke();
    }
  }

  changed() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.onInk(this.coverage(), SIZE, SIZE);
    });
  }

  /** Ink coverage in [0, 1] for every canvas pixel (from the alpha channel). */
  coverage() {
    const data = this.ctx.getImageData(0, 0, SIZE, SIZE).data;
    const out = new Float32Array(SIZE * SIZE);
    for (let i = 0; i < out.length; i++) out[i] = data[4 * i + 3] / 255;
    return out;
  }
}
