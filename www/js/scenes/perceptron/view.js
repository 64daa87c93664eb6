// The perceptron at work, shared by the 1957 chapter (separable points the
// reader can move) and the 1969 chapter (exclusive-or): the points, the
// unit's line moving on each mistake, the counters, and what geometry says.

import { h, fmt } from '../../ui/dom.js';
import { field, numberSelect, setNumberOptions, slider, applyLinkView } from '../../ui/controls.js';
import { buildTransport, spaceToggles } from '../../ui/transport.js';
import { Plot2D } from '../../ui/plot.js';
import { chapterNav } from '../../ui/chapters.js';
import { openShare } from '../../ui/share.js';
import { t, tr, trAttr } from '../../i18n.js';
import { Trainer } from '../../trainer.js';

const SPEEDS = [1, 2, 5, 20, 100, 1000];

/**
 * Mounts a perceptron scene. `o.scene` is 'perceptron' or 'xor';
 * `o.controls(v, set)` adds the scene's own controls; `o.text` its words;
 * `o.edit` allows moving and adding points.
 */
export function mountPerceptron(root, ctx, o) {
  let v = ctx.values;
  let hidden = new Set(v._hidden);
  let playing = false;
  let points = new Float32Array(0);
  let state = null;
  let drag = null;
  let lastStatus = null;
  const set = (changes) => ctx.set(changes);
  const { engine } = ctx;

  // Once the run has ended (converged, or a cycle shown), Play starts it
  // again from zero weights.
  const togglePlay = () => {
    if (playing) trainer.send({ type: 'pause' });
    else {
      if (lastStatus === 'converged' || lastStatus === 'cycle') trainer.send({ type: 'reset' });
      trainer.send({ type: 'play' });
    }
  };
  const transport = buildTransport({
    togglePlay,
    step: () => { trainer.send({ type: 'step' }); trainer.refresh(); },
    reset: () => trainer.send({ type: 'reset' }),
  });
  trAttr(transport.buttons.querySelector('[data-control=stepButton]'), { 'aria-label': 'pc.step', title: 'pc.step' });
  const speed = numberSelect(SPEEDS, v.speed, (x) => set({ speed: x }), (x) => (x >= 1000 ? t('pc.max') : t('pc.perSecond', { n: x })));
  const own = o.controls ? o.controls(v, set) : { el: null, sync() {} };
  const share = tr(h('button', { class: 'share-button', dataset: { control: 'shareButton' },
    on: { click: () => openShare({ hideable: ctx.hideable, hidden, url: ctx.shareUrl }) } }), 'share.open');

  const plot = new Plot2D({ size: 420, extent: 6, radius: 6 });
  trAttr(plot.el, { 'aria-label': 'pc.plot' });
  const counters = h('dl', { class: 'counters' });
  const cells = {};
  for (const k of ['updates', 'epochs', 'steps']) {
    cells[k] = h('dd', { id: `pc-${k}` });
    counters.append(tr(h('dt', { id: `pc-${k}-label` }), `pc.${k}`), cells[k]);
    cells[k].setAttribute('aria-labelledby', `pc-${k}-label`);
  }
  const stepNote = h('p', { class: 'step-note', 'aria-live': 'polite' });
  const status = h('div', { class: 'status on', role: 'status' });
  const geometry = h('p', { class: 'geometry' });
  const help = o.edit ? tr(h('p', { class: 'help' }), 'pc.editHelp') : null;

  const text = o.text();
  const el = h('div', { class: `scene perceptron-scene ${o.scene}` },
    h('div', { class: 'topbar' }, transport.buttons, transport.epoch, field('speed', 'pc.speed', speed), own.el, share),
    h('div', { class: 'pc-columns' },
      h('div', { class: 'column' }, plot.el, help),
      h('div', { class: 'column' }, counters, stepNote, status, geometry)),
    text, chapterNav(o.scene));
  root.append(el);

  const trainer = new Trainer(onMessage);
  trainer.send({ type: 'init', scene: o.scene, query: ctx.query, speed: v.speed });
  trainer.requestFrames({});
  const stopKeys = spaceToggles(togglePlay);
  if (o.edit) editing();
  sync();

  function onMessage(msg) {
    if (msg.type === 'data') {
      points = msg.points;
      draw();
    } else if (msg.type === 'playing') {
      playing = msg.playing;
      transport.setPlaying(playing);
    } else if (msg.type === 'frame') {
      if (msg.playing !== playing) {
        playing = msg.playing;
        transport.setPlaying(playing);
      }
      state = msg.state;
      transport.setEpoch(msg.epoch);
      lastStatus = msg.status;
      plot.setMap(msg.map.map((s) => (s > 0 ? 0.28 : s < 0 ? -0.28 : 0)), 1, msg.density);
      describe(msg.status);
      draw();
    } else if (msg.type === 'error') {
      ctx.engineError(msg.message, msg.fatal);
    }
  }

  /** The counters, the last step, and the verdict in words. */
  function describe(code) {
    const s = state;
    cells.updates.textContent = String(s.updates);
    cells.epochs.textContent = String(s.epochs);
    cells.steps.textContent = String(s.steps);
    if (s.last) tr(stepNote, s.last.mistake ? 'pc.mistake' : 'pc.correct', { i: s.last.index + 1 });
    else stepNote.textContent = '';
    const b = s.bound;
    const bound = b ? { bound: Math.floor(b.updates).toLocaleString('en-US'), r: fmt(b.r, 2), g: fmt(b.gamma, 3) } : null;
    const cycling = code === 'cycle' || !!s.cycle;
    const key = code === 'converged' ? 'pc.converged' : cycling ? 'pc.cycling' : bound ? 'pc.running' : 'pc.runningNoBound';
    const cycle = s.cycle || { epoch: NaN, period: NaN };
    tr(status, key, {
      updates: s.updates, epoch: s.convergedAt ?? cycle.epoch, period: cycle.period, from: cycle.epoch - cycle.period, ...(bound || {}),
    });
    status.classList.toggle('error', cycling);
    status.classList.toggle('ok', code === 'converged');
    if (code === 'converged' && bound) status.append(' ', tr(h('span'), 'pc.withinBound', bound));
    if (s.widest) tr(geometry, 'pc.separable', { m: fmt(s.widest.margin, 3) });
    else tr(geometry, 'pc.notSeparable');
  }

  function draw() {
    const s = state;
    plot.setPoints(points, points.length / 3, {
      highlight: s && s.last ? s.last.index : -1,
      ring: s && s.last && s.last.mistake ? '#b42318' : '#1a7f37',
    });
    plot.setOverlay(!s ? null : (c, px, dpr) => {
      // The widest line, dashed, when there is one.
      if (s.widest) line(c, px, ...s.widest.line, '#8a9099', 1.5 * dpr, [6 * dpr, 5 * dpr]);
      // The unit's own line (with the product feature its boundary is the
      // curve the shading shows).
      if (s.weights.length === 2) line(c, px, s.weights[0], s.weights[1], s.bias, '#111', 2.5 * dpr, []);
    });
  }

  function editing() {
    const toPlane = (ev) => plot.toPlane(ev);
    const nearest = (x, y) => {
      let best = -1;
      let bd = 0.45 ** 2;
      for (let i = 0; i < points.length; i += 3) {
        const d = (points[i] - x) ** 2 + (points[i + 1] - y) ** 2;
        if (d < bd) { bd = d; best = i / 3; }
      }
      return best;
    };
    const commit = (pts) => set({ points: engine.points_encode(Float32Array.from(pts), 'classification') });
    plot.fg.addEventListener('pointerdown', (ev) => {
      if (hidden.has('dataEditor')) return;
      const [x, y] = toPlane(ev);
      const i = nearest(x, y);
      const pts = Array.from(points);
      if (ev.ctrlKey || ev.metaKey || ev.altKey) {
        if (i >= 0 && pts.length > 6) {
          pts.splice(3 * i, 3);
          commit(pts);
        }
        return;
      }
      if (i >= 0) {
        drag = { i, pts };
        plot.fg.setPointerCapture?.(ev.pointerId);
        return;
      }
      if (pts.length / 3 < 200) {
        pts.push(x, y, ev.shiftKey ? 0 : 1);
        commit(pts);
      }
    });
    plot.fg.addEventListener('pointermove', (ev) => {
      if (!drag) return;
      const [x, y] = toPlane(ev);
      drag.pts[3 * drag.i] = Math.max(-5.99, Math.min(5.99, x));
      drag.pts[3 * drag.i + 1] = Math.max(-5.99, Math.min(5.99, y));
      points = Float32Array.from(drag.pts);
      draw();
    });
    const end = () => {
      if (!drag) return;
      const pts = drag.pts;
      drag = null;
      commit(pts);
    };
    plot.fg.addEventListener('pointerup', end);
    plot.fg.addEventListener('pointercancel', end);
  }

  function sync() {
    setNumberOptions(speed, SPEEDS, v.speed, (x) => (x >= 1000 ? t('pc.max') : t('pc.perSecond', { n: x })));
    own.sync(v);
    applyLinkView(el, text, v, hidden, ctx.globals.embed);
  }

  return {
    update(values, changed, query) {
      v = values;
      hidden = new Set(v._hidden);
      sync();
      trainer.send({ type: 'apply', query, speed: v.speed });
      trainer.refresh();
    },
    relabel() {
      sync();
      if (state && lastStatus) describe(lastStatus);
    },
    unmount() {
      stopKeys();
      trainer.dispose();
      el.remove();
    },
  };
}

/** Draws a·x + b·y + c = 0 across the plane. */
function line(ctx, px, a, b, c, color, width, dash) {
  if (!Number.isFinite(a) || (a === 0 && b === 0)) return;
  const E = 6;
  const pts = [];
  if (Math.abs(b) > 1e-12) for (const x of [-E, E]) pts.push([x, -(a * x + c) / b]);
  if (Math.abs(a) > 1e-12) for (const y of [-E, E]) pts.push([-(b * y + c) / a, y]);
  const inside = pts.filter(([x, y]) => Math.abs(x) <= E + 1e-9 && Math.abs(y) <= E + 1e-9);
  if (inside.length < 2) return;
  // The two crossings farthest apart (a corner may be met twice).
  let [p, q] = [inside[0], inside[1]];
  for (const u of inside) for (const w of inside) if ((u[0] - w[0]) ** 2 + (u[1] - w[1]) ** 2 > (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2) [p, q] = [u, w];
  ctx.save();
  ctx.beginPath();
  ctx.moveTo(...px(...p));
  ctx.lineTo(...px(...q));
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.setLineDash(dash);
  ctx.stroke();
  ctx.restore();
}
