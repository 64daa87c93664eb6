// The output column: losses, their curve, the large map with the data, and
// the quality figures (accuracy and confusion matrix, or RMSE and R²).

import { h, clear, fmt } from '../../ui/dom.js';
import { checkbox } from '../../ui/controls.js';
import { Plot2D } from '../../ui/plot.js';
import { LossChart } from '../../ui/chart.js';
import { mountConfusion } from '../../ui/confusion.js';
import { statusBox } from '../../ui/status.js';
import { addStrings, t, tr, trAttr } from '../../i18n.js';

addStrings({
  'out.lossAxis': { en: 'loss', zh: '损失' },
  'out.epochAxis': { en: 'epoch', zh: '轮次' },
  'out.logScale': { en: 'Log scale', zh: '对数刻度' },
});

export function buildOutput(v, set, actions) {
  const testLoss = h('output', { id: 'test-loss', text: '—' });
  const trainLoss = h('output', { id: 'train-loss', text: '—' });
  const losses = h('div', { class: 'losses embed-keep' },
    h('div', {}, tr(h('label', { for: 'test-loss' }), 'out.testLoss'), ' ', testLoss),
    h('div', {}, tr(h('label', { for: 'train-loss' }), 'out.trainLoss'), ' ', trainLoss));
  const chart = new LossChart({ width: 300, height: 112, axes: { loss: () => t('out.lossAxis'), epoch: () => t('out.epochAxis') } });
  chart.canvas.classList.add('with-axes');
  trAttr(chart.canvas, { 'aria-label': 'out.chart' });
  // Losses that fall by orders of magnitude read better on a log axis.
  const logScale = checkbox('lossChart', 'out.logScale', false, (x) => chart.setLog(x));
  const plot = new Plot2D({ size: 300, extent: 6 });
  trAttr(plot.el, { 'aria-label': 'out.plot' });
  plot.el.classList.add('embed-main');
  plot.fg.addEventListener('click', (ev) => actions.plotClick(...plot.toPlane(ev), ev));
  const showTest = checkbox('showTestData', 'out.showTest', v.showTestData, (x) => set({ showTestData: x }));
  const discretize = checkbox('discretize', 'out.discretize', v.discretize, (x) => set({ discretize: x }));
  const status = statusBox(actions.recover);
  const health = h('div', { class: 'health', role: 'status', 'aria-live': 'polite' });
  const fitHint = h('p', { class: 'fit-hint', role: 'status' });
  fitHint.hidden = true;
  const metrics = h('div', { class: 'metrics', dataset: { control: 'metrics' } });
  const perf = h('p', { class: 'perf muted' });

  const el = h('div', { class: 'column out-col' },
    tr(h('h2', {}), 'out.title'),
    losses,
    h('div', { dataset: { control: 'lossChart' } }, chart.canvas,
      h('div', { class: 'legend' }, h('span', { class: 'key test' }), tr(h('span'), 'out.test'), h('span', { class: 'key train' }), tr(h('span'), 'out.train'),
        logScale.el)),
    plot.el,
    h('div', { class: 'checks' }, showTest.el, discretize.el),
    status.el,
    health,
    fitHint,
    metrics,
    perf);

  let healthKey = '';
  const shown = { key: '' };
  return {
    el,
    plot,
    chart,
    sync(vv) {
      showTest.input.checked = vv.showTestData;
      discretize.input.checked = vv.discretize;
    },
    /** Shows a training state (diverged, stopped) with its way out. */
    setStatus: status.set,
    /**
     * Says how a network collapsed (a dead layer, a saturated or constant
     * output), with the same way out as a divergence; '' for none.
     */
    setHealth(key, vars) {
      const id = key && `${key}:${JSON.stringify(vars)}`;
      if (id === healthKey) return;
      healthKey = id;
      clear(health);
      health.className = `health ${key ? 'on' : ''}`;
      if (!key) return;
      health.append(tr(h('p'), `health.${key}`, vars));
      health.append(tr(h('button', { class: 'primary', on: { click: actions.recover } }), 'status.recover'));
    },
    /** The hint for a network too small for its data; null hides it. */
    setFitHint(vars) {
      fitHint.hidden = !vars;
      if (vars) tr(fitHint, 'hint.cannotFit', vars);
    },
    /** Redraws the last figures (after a language switch). */
    relabel() {
      chart.draw();
      shown.key = '';
      if (shown.last) this.frame(...shown.last);
    },
    frame(f, vv) {
      shown.last = [f, vv];
      const m = f.metrics;
      testLoss.textContent = fmt(m.testLoss);
      trainLoss.textContent = fmt(m.trainLoss);
      chart.push(f.epoch, m.trainLoss, m.testLoss);
      drawMetrics(metrics, shown, vv, m);
      perf.textContent = t('out.perf', {
        rate: Math.round(f.examplesPerSecond).toLocaleString('en-US'),
        ms: f.frameMs.toFixed(1),
      });
    },
  };
}

/** Fills the figures; rebuilds the table only when its shape changes. */
function drawMetrics(box, shown, vv, m) {
  const { trainAccuracy: trA, testAccuracy: teA, testRmse: rmse, testR2: r2, classes } = m;
  if (vv.problem === 'regression') {
    const key = 'reg';
    if (shown.key !== key) {
      shown.key = key;
      clear(box).append(
        h('div', {}, tr(h('span', { id: 'rmse-label' }), 'out.rmse'), ' ', h('output', { id: 'rmse', 'aria-labelledby': 'rmse-label' })),
        h('div', {}, tr(h('span', { id: 'r2-label' }), 'out.r2'), ' ', h('output', { id: 'r2', 'aria-labelledby': 'r2-label' })));
    }
    box.querySelector('#rmse').textContent = fmt(rmse);
    box.querySelector('#r2').textContent = fmt(r2);
    return;
  }
  const key = `cls${classes}`;
  if (shown.key !== key) {
    shown.key = key;
    const table = h('div');
    clear(box).append(
      h('div', {}, tr(h('span', { id: 'acc-test-label' }), 'out.testAccuracy'), ' ', h('output', { id: 'acc-test', 'aria-labelledby': 'acc-test-label' })),
      h('div', {}, tr(h('span', { id: 'acc-train-label' }), 'out.trainAccuracy'), ' ', h('output', { id: 'acc-train', 'aria-labelledby': 'acc-train-label' })),
      table);
    shown.confusion = mountConfusion(table, classes);
  }
  const pct = (x) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '—');
  box.querySelector('#acc-test').textContent = pct(teA);
  box.querySelector('#acc-train').textContent = pct(trA);
  shown.confusion.update(m.finite === false ? null : m.confusion);
}
