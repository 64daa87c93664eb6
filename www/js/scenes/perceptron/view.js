// The perceptron at work, shared by the 1957 chapter (separable points the
// reader can move) and the 1969 chapter (exclusive-or): the points and each
// class's convex hull, the unit's line moving on each mistake with its
// weight vector and the update w ← w + y·x, the counters, the bound, and
// what geometry says.

import { h, fmt } from '../../ui/dom.js';
import { field, numberSelect, setNumberOptions, applyLinkView } from '../../ui/controls.js';
import { buildTransport, spaceToggles } from '../../ui/transport.js';
import { Plot2D } from '../../ui/plot.js';
import { chapterNav } from '../../ui/chapters.js';
import { openShare } from '../../ui/share.js';
import { t, tr, trAttr } from '../../i18n.js';
import { Trainer } from '../../trainer.js';
import { mountHub } from '../../ui/hub.js';
import { weightsGetter, loadLinkWeights } from '../../ui/linkweights.js';
import { drawHulls, drawLine, drawCurve, drawArrow } from './overlay.js';
import { describeStep } from './update-note.js';
import './strings.js';

const SPEEDS = [1, 2, 5, 20, 100, 1000];

/**
 * Mounts a perceptron scene. `o.scene` is 'perceptron' or 'xor';
 * `o.controls(v, set)` adds the scene's own controls; `o.text` its words;
 * `o.edit` allows moving and adding points; `o.geometry(el, state, code)`
 * may word what geometry says itself (returning true); `o.side` is an
 * optional `{el, frame(state, code)}` shown below the words.
 */
export function mountPerceptron(root, ctx, o) {
  let v = ctx.values;
  // The 1957 unit's three numbers leave as a model folder and travel in
  // its link; exclusive-or's run is a lesson, not a model to keep.
  const models = o.scene === 'perceptron';
  let hidden = new Set(v._hidden);
  let playing = false;
  let points = new Float32Array(0);
  let hulls = null;
  let state = null;
  // The unit's latest line, kept to show where it stood while its weights
  // are zero (then it has no line at all).
  let lastLine = null;
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
    on: { click: () => openShare({ hideable: ctx.hideable, hidden, url: ctx.shareUrl, weights: models ? weightsGetter(trainer) : undefined }) } }), 'share.open');

  const plot = new Plot2D({ size: 420, extent: 6, radius: 6 });
  trAttr(plot.el, { 'aria-label': 'pc.plot' });
  plot.el.classList.add('embed-main');
  const counters = h('dl', { class: 'counters embed-keep' });
  const cells = {};
  for (const k of ['updates', 'epochs', 'steps']) {
    cells[k] = h('dd', { id: `pc-${k}` });
    counters.append(tr(h('dt', { id: `pc-${k}-label` }), `pc.${k}`), cells[k]);
    cells[k].setAttribute('aria-labelledby', `pc-${k}-label`);
  }
  const stepNote = h('div', { class: 'update-note', 'aria-live': 'polite' });
  const status = h('div', { class: 'status on', role: 'status' });
  const boundNote = h('p', { class: 'help bound-note' });
  const geometry = h('p', { class: 'geometry' });
  const lineNote = h('p', { class: 'line-note' });
  const legend = h('p', { class: 'help legend-note' });
  const help = o.edit ? tr(h('p', { class: 'help' }), 'pc.editHelp') : null;
  // What a click or tap does: the touch path for Shift- and Ctrl-click.
  let addMode = 'blue';
  const modeButtons = ['blue', 'orange', 'remove'].map((mode) => {
    const b = h('button', { type: 'button', class: `add-mode ${mode}`, 'aria-pressed': String(mode === addMode) });
    tr(b, { blue: 'pc.addBlue', orange: 'pc.addOrange', remove: 'pc.removePoint' }[mode]);
    b.addEventListener('click', () => {
      addMode = mode;
      for (const m of modeButtons) m.setAttribute('aria-pressed', String(m === b));
    });
    return b;
  });
  const addLabel = tr(h('span', { class: 'caption', id: `pc-add-${o.scene}` }), 'pc.clickDoes');
  const addAs = o.edit
    ? h('div', { class: 'add-as', role: 'group', 'aria-labelledby': addLabel.id, dataset: { control: 'dataEditor' } }, addLabel, ...modeButtons)
    : null;

  const text = o.text();
  const el = h('div', { class: `scene perceptron-scene ${o.scene}` },
    h('div', { class: 'topbar' }, transport.buttons, transport.epoch, field('speed', 'pc.speed', speed), own.el, share),
    h('div', { class: 'pc-columns' },
      h('div', { class: 'column' }, addAs, plot.el, lineNote, legend, help),
      h('div', { class: 'column' }, counters, tr(h('p', { class: 'help labels-note' }), 'pc.labels'), stepNote, status, boundNote, geometry, o.side?.el)),
    text, chapterNav(o.scene));
  root.append(el);

  const trainer = new Trainer(onMessage);
  trainer.send({ type: 'init', scene: o.scene, query: ctx.query, speed: v.speed });
  let hub = null;
  if (models) {
    // A link with trained weights starts the rule from them.
    loadLinkWeights(ctx, trainer, v.weights);
    hub = mountHub(ctx, trainer, 'perceptron');
    share.after(hub.el);
  }
  trainer.requestFrames({});
  const stopKeys = spaceToggles(togglePlay);
  if (o.edit) editing();
  sync();

  function onMessage(msg) {
    if (msg.type === 'data') {
      points = msg.points;
      hulls = msg.hulls;
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
      o.side?.frame(state, msg.status);
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
    describeStep(stepNote, s);
    const b = s.bound;
    const bound = b ? { n: Math.floor(b.updates), bound: Math.floor(b.updates).toLocaleString('en-US'), r: fmt(b.r, 2), g: fmt(b.gamma, 3) } : null;
    const cycling = code === 'cycle' || !!s.cycle;
    const key = code === 'converged' ? 'pc.converged' : cycling ? 'pc.cycling' : 'pc.running';
    const cycle = s.cycle || { epoch: NaN, period: NaN };
    tr(status, key, { updates: s.updates, epoch: s.convergedAt ?? cycle.epoch, period: cycle.period, from: cycle.epoch - cycle.period });
    status.classList.toggle('error', cycling);
    status.classList.toggle('ok', code === 'converged');
    if (bound && !cycling) status.append(' ', tr(h('span'), code === 'converged' ? 'pc.withinBound' : 'pc.bound', bound));
    // Where R and γ come from, and which margin γ is.
    boundNote.hidden = !bound;
    boundNote.replaceChildren();
    if (bound) {
      const lifted = s.weights.length === 3 ? '(x₁, x₂, x₁·x₂, 1)' : '(x₁, x₂, 1)';
      boundNote.append(tr(h('span'), 'pc.boundWhy', { lifted, r: bound.r, g: bound.g, sep: t(`pc.sep.${b.separator}`) }));
      if (o.scene === 'perceptron') boundNote.append(' ', tr(h('span'), 'pc.gammaApart'));
    }
    if (o.geometry?.(geometry, s, code)) return;
    if (s.widest) tr(geometry, 'pc.separable', { m: fmt(s.widest.margin, 3) });
    else tr(geometry, 'pc.notSeparable');
  }

  /**
   * The overlay: the hulls, the widest line, the unit's line (the faded one
   * is where it stood before the last update, or last had a line), and the
   * weight vector with the update as arrows. Says in words what cannot be
   * drawn (no line while the weights are zero).
   */
  function draw() {
    const s = state;
    plot.setPoints(points, points.length / 3, {
      highlight: s && s.last ? s.last.index : -1,
      ring: s && s.last && s.last.mistake ? '#b42318' : '#1a7f37',
    });
    const product = !!s && s.weights.length === 3;
    tr(legend, product ? 'pc.legendProduct' : 'pc.legend');
    if (!s) return;
    if (s.steps === 0) lastLine = null;
    const zero = (w) => w.every((x) => x === 0);
    const before = s.last && s.last.mistake && !zero(s.last.before.weights) ? s.last.before : null;
    let ghost = before;
    if (zero(s.weights)) ghost = before || lastLine;
    else lastLine = { weights: [...s.weights], bias: s.bias };
    const shown = { hulls: 0, line: 'none', scale: 1 };
    plot.setOverlay((c, px, dpr) => {
      if (hulls) shown.hulls = drawHulls(c, px, dpr, hulls);
      if (s.widest) drawLine(c, px, ...s.widest.line, { color: '#8a9099', width: 1.5 * dpr, dash: [6 * dpr, 5 * dpr] });
      const unitLine = (w, b, style) => (product ? drawCurve(c, px, w, b, style) : drawLine(c, px, w[0], w[1], b, style));
      const ghostShown = !!ghost && unitLine(ghost.weights, ghost.bias, { color: 'rgba(17,17,17,0.35)', width: 2 * dpr, dash: [4 * dpr, 4 * dpr] });
      const now = !zero(s.weights) && unitLine(s.weights, s.bias, { color: '#111', width: 2.5 * dpr });
      shown.line = now ? 'current' : ghostShown ? 'previous' : 'none';
      if (!product) shown.scale = arrows(c, px, dpr, s);
    });
    plot.el.dataset.hulls = String(shown.hulls);
    plot.el.dataset.line = shown.line;
    // In words: no line, or a line outside the picture; arrows scaled.
    lineNote.replaceChildren();
    const say = (key, vars) => lineNote.append(tr(h('span'), key, vars), ' ');
    if (zero(s.weights)) say(s.bias > 0 ? 'pc.noLine.blue' : s.bias < 0 ? 'pc.noLine.orange' : 'pc.noLine.zero', { b: s.bias });
    else if (shown.line !== 'current') say('pc.offPicture');
    if (shown.line !== 'current' && ghost && shown.line === 'previous') say('pc.ghost');
    if (shown.scale < 1) say('pc.scaled', { k: `${Math.round(shown.scale * 100)}%` });
  }

  /**
   * The weight vector w from the origin (it points to the side the unit
   * calls blue) and, after a mistake, w before the update and the y·x that
   * was added, all at one scale that fits the picture. Returns the scale.
   */
  function arrows(c, px, dpr, s) {
    const w = s.weights;
    const last = s.last && s.last.mistake ? s.last : null;
    const norms = [Math.hypot(...w), last ? Math.hypot(...last.before.weights) : 0];
    const k = Math.min(1, 5.4 / Math.max(...norms, 1e-9));
    const at = (v) => [k * v[0], k * v[1]];
    if (last) {
      drawArrow(c, px, dpr, [0, 0], at(last.before.weights), '#7d848c', 2.5);
      // y·x in a deeper shade of the point's colour.
      drawArrow(c, px, dpr, at(last.before.weights), at(w), last.y > 0 ? '#05507f' : '#b5600a', 3);
    }
    drawArrow(c, px, dpr, [0, 0], at(w), '#111', 3);
    return k;
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
      if (ev.ctrlKey || ev.metaKey || ev.altKey || addMode === 'remove') {
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
        pts.push(x, y, ev.shiftKey || addMode === 'orange' ? 0 : 1);
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
      if (hub) hub.unmount();
      stopKeys();
      trainer.dispose();
      el.remove();
    },
  };
}
