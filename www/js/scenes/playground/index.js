// The 1986 chapter: the backpropagation playground. This file wires the
// parts together: settings from the link, the training worker, and the views.

import { h } from '../../ui/dom.js';
import { applyHidden, applyLinkView } from '../../ui/controls.js';
import { spaceToggles } from '../../ui/transport.js';
import { lowerRate } from '../../ui/status.js';
import { openShare } from '../../ui/share.js';
import { mountHub } from '../../ui/hub.js';
import { t, tr } from '../../i18n.js';
import { Trainer } from '../../trainer.js';
import { weightsGetter, loadLinkWeights } from '../../ui/linkweights.js';
import { buildTopBar, LEARNING_RATES } from './topbar.js';
import { buildDataPanel } from './data-panel.js';
import { buildOutput } from './output.js';
import { NetworkGraph, FEATURES } from './graph.js';
import { chapterText } from './text.js';
import { FitWatch } from './fit-hint.js';

const DENSITY = 100;
const THUMB = 20;

export function mount(root, ctx) {
  let v = ctx.values;
  let hidden = new Set(v._hidden);
  let points = new Float32Array(0);
  // Whether the data set's points have come from the worker: an edit before
  // then would start the reader's own data from nothing.
  let haveData = false;
  let split = 0;
  // Points clicked onto an empty plot that the rules do not take yet (a
  // single class): shown, not trained on, and not in the link, until a
  // point of another class joins them.
  let draft = null;
  let playing = false;
  let model = null;
  let lastFrame = null;
  let selected = null;
  const { engine } = ctx;
  const fitWatch = new FitWatch();
  // Caps the engine enforces (it publishes them; the page copies none).
  const { maxLayers: MAX_LAYERS, maxNeurons: MAX_NEURONS, maxPoints: MAX_POINTS } = ctx.limits;
  const set = (changes) => ctx.set(changes);

  const actions = {
    togglePlay: () => trainer.send({ type: playing ? 'pause' : 'play' }),
    step: () => { trainer.send({ type: 'step' }); trainer.refresh(); },
    reset: () => { output.chart.reset(); trainer.send({ type: 'reset' }); },
    regenerate: () => set({ seed: Math.random().toFixed(5) }),
    setProblem: (p) => set({ problem: p, numSamples: p === 'regression' ? 1200 : 500, ...(p === 'regression' ? { loss: 'squared' } : {}) }),
    recover: () => {
      set({ learningRate: lowerRate(LEARNING_RATES, v.learningRate) });
      actions.reset();
    },
    plotClick: (x, y, ev) => editPoints(x, y, ev),
    usePoints: (encoded) => set(customChange(encoded)),
    clearPoints: () => set(customChange('')),
    downloadCsv: () => downloadCsv(),
    classCount: () => classCount(),
  };

  const top = buildTopBar(v, set, actions);
  const data = buildDataPanel(v, set, actions, engine, ctx.limits);
  const output = buildOutput(v, set, actions);
  const graph = new NetworkGraph({
    toggleFeature: (name) => set({ [name]: !v[name] }),
    layers: (d) => {
      const shape = [...v.networkShape];
      if (d > 0 && shape.length < MAX_LAYERS) shape.push(shape.length ? shape[shape.length - 1] : 4);
      if (d < 0) shape.pop();
      set({ networkShape: shape });
    },
    neurons: (l, d) => {
      const shape = [...v.networkShape];
      shape[l] = Math.max(1, Math.min(MAX_NEURONS, shape[l] + d));
      set({ networkShape: shape });
    },
    select: (node) => {
      selected = node;
      trainer.setFrameOptions({ node: node ?? -1 });
    },
    editParam: (index, value) => {
      trainer.send({ type: 'setParam', index, value });
      trainer.refresh();
    },
  });
  const share = h('button', { class: 'share-button', dataset: { control: 'shareButton' }, on: { click: openShareDialog } });
  tr(share, 'share.open');
  const graphCol = h('div', { class: 'column net-col' },
    h('div', { class: 'net-head' }, tr(h('h2', {}), 'net.title'), share), graph.el);
  const text = chapterText();
  const el = h('div', { class: 'scene playground' },
    top.el,
    h('div', { class: 'columns' }, data.el, graphCol, output.el),
    text);
  root.append(el);

  const trainer = new Trainer(onMessage);
  trainer.send({ type: 'init', scene: 'playground', query: ctx.query, speed: v.speed });
  // A link with trained weights loads them into the network just built.
  loadLinkWeights(ctx, trainer, v.weights);
  const hub = mountHub(ctx, trainer, 'playground');
  share.after(hub.el);
  trainer.requestFrames({ density: DENSITY, thumb: THUMB, node: -1 });
  syncAll();

  const stopKeys = spaceToggles(() => actions.togglePlay());

  function onMessage(msg) {
    switch (msg.type) {
      case 'ready':
        output.el.dataset.simd = msg.simd;
        break;
      case 'data':
        points = msg.points;
        haveData = true;
        split = msg.split;
        drawPoints();
        data.sync(v);
        break;
      case 'model':
        model = msg;
        fitWatch.reset();
        output.chart.reset();
        buildGraph();
        break;
      case 'playing':
        playing = msg.playing;
        top.setPlaying(playing);
        showStatus(msg.status, lastFrame ? lastFrame.epoch : 0, lastFrame?.metrics);
        break;
      case 'frame':
        lastFrame = msg;
        if (msg.playing !== playing) {
          playing = msg.playing;
          top.setPlaying(playing);
        }
        // The numbers first, so that they are the model's even if a
        // picture could not be drawn.
        top.setEpoch(msg.epoch);
        output.frame(msg, v);
        showStatus(msg.status, msg.epoch, msg.metrics);
        graph.update(msg);
        output.plot.setMap(msg.big, msg.channels, msg.density, v.discretize && msg.node < 0,
          v.loss === 'squared' && msg.channels > 1);
        break;
      case 'error':
        ctx.engineError(msg.message, msg.fatal);
        break;
      default:
        break;
    }
  }

  /**
   * The training state; a model that is not finite has diverged, whatever
   * stopped it. Beside it, whether the network collapsed instead (the
   * engine checks on every evaluation).
   */
  function showStatus(status, epoch, metrics) {
    const diverged = status === 'diverged' || (metrics && metrics.finite === false);
    const key = diverged ? 'diverged' : status === 'ready' ? '' : status;
    output.setStatus(key, { epoch, rate: v.learningRate, loss: v.stopAtLoss, n: v.stopAtEpoch });
    let health = '';
    if (metrics && !diverged) {
      if (metrics.deadLayer) health = 'deadLayer';
      else if (metrics.saturatedOutput) health = 'saturated';
      else if (metrics.constantOutput) health = 'constant';
    }
    output.setHealth(health, health === 'deadLayer' ? { n: metrics.deadLayer } : null);
    // A healthy classifier that stays well short of its data: too small.
    const stuck = metrics && !diverged && !health && v.problem === 'classification'
      ? fitWatch.observe(epoch, metrics.trainAccuracy) : null;
    output.setFitHint(stuck);
  }

  function buildGraph() {
    if (!model) return;
    const enabled = FEATURES.map(([name]) => !!v[name]);
    const outputs = model.sizes[model.sizes.length - 1];
    const outputMode = v.problem === 'regression' ? 'raw' : v.loss === 'crossEntropy' ? 'probs' : 'tanh';
    graph.build({
      sizes: model.sizes,
      enabled,
      layout: model.layout,
      featureMaps: engine.feature_maps(THUMB),
      thumb: THUMB,
      activation: v.activation,
      outputActivation: v.problem === 'regression' || v.loss === 'crossEntropy' ? 'linear' : 'tanh',
      outputNames: Array.from({ length: outputs }, (_, j) => (outputs === 1 ? t('graph.out') : `p${j}`)),
      outputMode,
      lockFeatures: hidden.has('features'),
      lockLayers: hidden.has('numHiddenLayers'),
      compact: ctx.globals.embed,
    });
    applyHidden(el, hidden);
  }

  function drawPoints() {
    const shown = draft ?? points;
    output.plot.setPoints(shown, draft ? shown.length / 3 : split, {
      showTest: v.showTestData || isCustom(),
      regression: v.problem === 'regression',
    });
  }

  function isCustom() {
    return (v.problem === 'regression' ? v.regDataset : v.dataset) === 'custom';
  }

  function classCount() {
    const shown = draft ?? points;
    let k = 0;
    for (let i = 2; i < shown.length; i += 3) k = Math.max(k, shown[i] + 1);
    return k;
  }

  /**
   * The change to one's own points. Points placed by hand are few and each
   * was put there to be learned: switching to them trains on all of them
   * (the ratio slider still holds some out as test data if asked).
   */
  function customChange(encoded) {
    const change = { [v.problem === 'regression' ? 'regDataset' : 'dataset']: 'custom', points: encoded };
    if (!isCustom()) change.percTrainData = 100;
    return change;
  }

  /**
   * Adds or removes a point, then checks the set by the rules every input
   * follows before it goes into the link; a single class waits as a draft.
   */
  function editPoints(x, y, ev) {
    if (hidden.has('dataEditor') || !haveData) return;
    const pts = Array.from(draft ?? (isCustom() ? engine.points_decode(v.points, v.problem) : points));
    if (ev.ctrlKey || ev.metaKey || ev.altKey || data.removing()) {
      let best = -1;
      let bd = 0.5 * 0.5;
      for (let i = 0; i < pts.length; i += 3) {
        const d = (pts[i] - x) ** 2 + (pts[i + 1] - y) ** 2;
        if (d < bd) { bd = d; best = i; }
      }
      if (best < 0) return;
      pts.splice(best, 3);
    } else {
      if (pts.length / 3 >= MAX_POINTS) {
        data.showCsv('error', t('data.full'));
        return;
      }
      const value = data.addValue();
      const label = ev.shiftKey ? (v.problem === 'regression' ? -value : 0) : value;
      pts.push(x, y, label);
    }
    const flat = Float32Array.from(pts);
    const reason = engine.points_check(flat, v.problem);
    if (reason === 'oneClass') {
      draft = flat;
      data.showCsv('info', t('data.needTwoClasses'));
      if (!isCustom() || v.points) set(customChange(''));
      drawPoints();
      data.sync(v);
      return;
    }
    if (reason && reason !== 'empty') {
      data.showCsv('error', t(`csv.${reason}`));
      return;
    }
    if (draft) data.showCsv('', '');
    draft = null;
    set(customChange(reason === 'empty' ? '' : engine.points_encode(flat, v.problem)));
  }

  function downloadCsv() {
    const lines = ['x,y,label'];
    for (let i = 0; i < points.length; i += 3) lines.push(`${points[i]},${points[i + 1]},${points[i + 2]}`);
    const url = URL.createObjectURL(new Blob([lines.join('\n') + '\n'], { type: 'text/csv' }));
    const a = h('a', { href: url, download: 'playground-data.csv' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function openShareDialog() {
    openShare({ hideable: ctx.hideable, hidden, url: ctx.shareUrl, weights: weightsGetter(trainer) });
  }

  function syncAll() {
    top.sync(v);
    data.sync(v);
    output.sync(v);
    applyLinkView(el, text, v, hidden, ctx.globals.embed);
  }

  return {
    /** New settings (from a control or an edited link). */
    update(values, changed, query) {
      v = values;
      hidden = new Set(v._hidden);
      // A draft lives only on an empty set of the reader's own points.
      if (draft && (!isCustom() || v.points)) {
        draft = null;
        drawPoints();
      }
      syncAll();
      trainer.send({ type: 'apply', query, speed: v.speed });
      const redraw = ['problem', 'loss', 'activation', ...FEATURES.map(([n]) => n)].some((k) => changed.includes(k));
      if (redraw || changed.includes('_hidden')) buildGraph();
      if (changed.some((k) => ['showTestData', 'dataset', 'regDataset', 'problem'].includes(k))) drawPoints();
      trainer.refresh();
    },
    /** Rewrites the texts made from numbers in the new language. */
    relabel() {
      output.relabel();
      // The speed's "max" and the output neuron's name are made in the
      // language of the moment.
      top.sync(v);
      buildGraph();
      trainer.refresh();
    },
    unmount() {
      hub.unmount();
      stopKeys();
      graph.cancelDrawing();
      trainer.dispose();
      el.remove();
    },
    get selected() {
      return selected;
    },
  };
}
