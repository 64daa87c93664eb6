// 2022, ChatGPT's three steps at the size of a browser tab, on a tiny
// character-level GPT: (1) pre-train on the start of Moby-Dick, then
// fine-tune a copy on its end beside the same model trained from scratch
// (both validation curves on one chart, samples from each); (2) the reader
// picks the better of two samples, or lets a stated rule label pairs, and
// a reward model learns from them (its accuracy on held-out pairs shown);
// (3) the policy update raises the reward model's score under a KL
// penalty whose coefficient the reader changes mid-run, with DPO on the
// same pairs beside it, and samples before and after for the same prompts.

import './strings.js';
import { h } from '../../ui/dom.js';
import { applyLinkView, field, choiceSelect, numberSelect, setNumberOptions } from '../../ui/controls.js';
import { buildTransport, spaceToggles } from '../../ui/transport.js';
import { openShare } from '../../ui/share.js';
import { LossChart } from '../../ui/chart.js';
import { t, tr, trAttr } from '../../i18n.js';
import { Trainer } from '../../trainer.js';
import { mountHub } from '../../ui/hub.js';
import { packText, unpackText } from '../../ui/textlink.js';
import { lines, legend, samplesTable, visible, fmt, pct } from './views.js';

const LAYERS = [1, 2, 3];
const WIDTHS = [16, 24, 32, 48, 64];
const HEADS = [1, 2, 4];
const BATCHES = [4, 8, 16, 32];
const STEPS = [20, 50, 100, 200, 300, 500, 1000, 2000];
const RATES = [0.0003, 0.001, 0.003, 0.01];
const RANKS = [1, 2, 4, 8, 16];
const PAIRS = [10, 20, 50, 100, 200, 400];
const BETAS = [0, 0.01, 0.03, 0.1, 0.3, 1];
const PHASES = ['pretrain', 'finetune', 'reward', 'policy', 'dpo'];

let sheet = null;
function addSheet() {
  if (sheet) return;
  sheet = h('link', { rel: 'stylesheet', href: new URL('../../../css/rlhf.css', import.meta.url).href });
  document.head.append(sheet);
}

const last = (a) => (a && a.length ? a[a.length - 1] : NaN);

export function mount(root, ctx) {
  addSheet();
  let v = ctx.values;
  let hidden = new Set(v._hidden);
  let playing = false;
  let status = 'ready';
  let state = null;
  let series = null;
  let samples = null;
  let pair = null;
  let autoAdded = -1;
  const set = (changes) => ctx.set(changes);

  const actions = {
    togglePlay: () => trainer.send({ type: playing ? 'pause' : 'play' }),
    step: () => { trainer.send({ type: 'step' }); trainer.refresh(); },
    reset: () => { pair = null; trainer.send({ type: 'reset' }); },
  };
  const transport = buildTransport(actions);
  // The counter counts steps of the phase the play button trains, not epochs.
  tr(transport.epoch.querySelector('.caption'), 'rlhf.counter');
  const phaseNote = h('output', { class: 'rlhf-phase', 'aria-live': 'polite' });
  const sel = (list, key, fmtFn) => numberSelect(list, v[key], (x) => set({ [key]: x }), fmtFn);
  const c = {
    layers: sel(LAYERS, 'layers'), width: sel(WIDTHS, 'width'), heads: sel(HEADS, 'heads'), batchSize: sel(BATCHES, 'batchSize'),
    pretrainSteps: sel(STEPS, 'pretrainSteps'), learningRate: sel(RATES, 'learningRate'),
    rank: sel(RANKS, 'rank'), finetuneSteps: sel(STEPS, 'finetuneSteps'), finetuneRate: sel(RATES, 'finetuneRate'),
    pairs: sel(PAIRS, 'pairs'), rewardSteps: sel(STEPS, 'rewardSteps'), policySteps: sel(STEPS, 'policySteps'), beta: sel(BETAS, 'beta'),
  };
  const finetune = choiceSelect(['full', 'freeze', 'lora'].map((k) => [k, `rlhf.finetune.${k}`]), v.finetune, (x) => set({ finetune: x }));
  const rule = choiceSelect(['contains', 'short', 'rhyme'].map((k) => [k, `rlhf.rule.${k}`]), v.rule, (x) => set({ rule: x }));
  const letter = h('input', { type: 'text', maxlength: '1', size: '2', autocomplete: 'off', spellcheck: 'false' });
  letter.value = v.letter;
  letter.addEventListener('change', () => { if (/^[A-Za-z0-9._-]$/.test(letter.value)) set({ letter: letter.value }); else letter.value = v.letter; });
  const seed = h('input', { type: 'text', maxlength: '40', size: '6', autocomplete: 'off', spellcheck: 'false' });
  seed.value = v.seed;
  seed.addEventListener('change', () => { if (/^[A-Za-z0-9._-]{1,40}$/.test(seed.value)) set({ seed: seed.value }); else seed.value = v.seed; });
  const share = tr(h('button', { class: 'share-button', dataset: { control: 'shareButton' }, on: { click: () => openShare({ hideable: ctx.hideable, hidden, url: ctx.shareUrl }) } }), 'share.open');
  const modelInfo = h('p', { class: 'muted small rlhf-model-info' });
  const top = h('div', { class: 'topbar' }, transport.buttons, transport.epoch, phaseNote,
    h('div', { class: 'rlhf-model', dataset: { control: 'model' } },
      field('layers', 'rlhf.layers', c.layers), field('width', 'rlhf.width', c.width), field('heads', 'rlhf.heads', c.heads),
      field('batchSize', 'data.batch', c.batchSize), field('seed', 'rlhf.seed', seed)),
    share);

  const run = (phase, key) => tr(h('button', { class: 'rlhf-run', dataset: { phase }, on: { click: () => { trainer.send({ type: 'phase', phase }); trainer.send({ type: 'play' }); } } }), key);
  const phaseState = () => h('span', { class: 'rlhf-phase-state small muted', role: 'status' });
  const phaseStates = Object.fromEntries(PHASES.map((p) => [p, phaseState()]));

  // Step 1. The fine-tuning text: the novel's end, or the reader's own
  // (taken by the engine, then packed into the link when it fits).
  const small = choiceSelect(['end', 'own'].map((k) => [k, `rlhf.small.${k}`]), v.small, (x) => set({ small: x }));
  const ownText = h('textarea', { rows: 4, class: 'rlhf-own-text', spellcheck: 'false', id: `rlhf-own-${Math.random().toString(36).slice(2, 8)}` });
  const ownUse = tr(h('button', { class: 'rlhf-own-use', on: { click: () => trainer.send({ type: 'ownText', text: ownText.value }) } }), 'rlhf.ownUse');
  const ownInfo = h('p', { class: 'small rlhf-own-info', role: 'status' });
  const ownLink = h('p', { class: 'small muted rlhf-own-link', role: 'status' });
  const ownBox = h('div', { class: 'rlhf-own' },
    tr(h('label', { for: ownText.id }), 'rlhf.ownLabel', { min: (ctx.limits.minOwnChars || 1000).toLocaleString('en-US'), max: (ctx.limits.maxOwnChars || 20000).toLocaleString('en-US') }),
    ownText, h('div', { class: 'rlhf-row' }, ownUse), ownLink);
  let packed = '';
  const kb = (n) => Math.max(1, Math.round((n * 3) / 4 / 1000));
  async function linkOwnText(text) {
    const p = await packText(text);
    if (p.length <= (ctx.limits.maxTextLink || 24000)) {
      packed = p;
      tr(ownLink, 'rlhf.ownInLink', { kb: kb(p.length) });
      if (v.text !== p) set({ text: p });
    } else {
      packed = '';
      tr(ownLink, 'rlhf.ownTooLong', { kb: kb(p.length) });
      if (v.text) set({ text: '' });
    }
  }
  async function ownTextFromLink(p) {
    packed = p;
    const text = await unpackText(p, ctx.limits.maxPastedBytes || 200000);
    if (packed !== p) return;
    if (text instanceof Error) {
      tr(ownLink, 'rlhf.ownLinkBad', { detail: text.message });
      return;
    }
    ownText.value = text;
    tr(ownLink, 'rlhf.ownFromLink', { kb: kb(p.length) });
    trainer.send({ type: 'ownText', text });
  }
  const pre = lines({ width: 300, height: 110 });
  pre.canvas.classList.add('embed-main');
  trAttr(pre.canvas, { 'aria-label': 'rlhf.preChart' });
  const preInfo = h('p', { class: 'small rlhf-pre-info embed-keep', role: 'status' });
  const val = new LossChart({ width: 300, height: 130, axes: { loss: () => t('rlhf.valAxis'), epoch: () => t('rlhf.stepAxis') } });
  trAttr(val.canvas, { 'aria-label': 'rlhf.valChart' });
  const ftInfo = h('p', { class: 'small rlhf-ft-info', role: 'status' });
  const ftSamples = h('table', { class: 'rlhf-samples rlhf-ft-samples' });
  const step1 = h('section', { class: 'rlhf-step', dataset: { control: 'pretraining' } },
    tr(h('h2'), 'rlhf.step1'), tr(h('p', { class: 'muted small' }), 'rlhf.step1Help'),
    h('div', { class: 'rlhf-row' }, field('pretrainSteps', 'rlhf.pretrainSteps', c.pretrainSteps), field('learningRate', 'rlhf.learningRate', c.learningRate),
      run('pretrain', 'rlhf.runPretrain'), phaseStates.pretrain),
    tr(h('h3'), 'rlhf.preLoss'), pre.canvas, preInfo,
    h('div', { class: 'rlhf-row' }, field('small', 'rlhf.small', small)), ownBox, ownInfo,
    h('div', { class: 'rlhf-row' }, field('finetune', 'rlhf.finetune', finetune), field('rank', 'rlhf.rank', c.rank),
      field('finetuneSteps', 'rlhf.finetuneSteps', c.finetuneSteps), field('finetuneRate', 'rlhf.finetuneRate', c.finetuneRate),
      run('finetune', 'rlhf.runFinetune'), phaseStates.finetune),
    val.canvas, h('div', { class: 'legend rlhf-legend' },
      h('span', { class: 'key' }), tr(h('span'), 'rlhf.keyTuned'), h('span', { class: 'key train' }), tr(h('span'), 'rlhf.keyScratch')),
    ftInfo, tr(h('h3'), 'rlhf.samplesHead'), h('div', { class: 'scroll-x' }, ftSamples));

  // Step 2.
  const offerBtn = tr(h('button', { class: 'rlhf-offer', on: { click: () => trainer.send({ type: 'offer' }) } }), 'rlhf.offer');
  const promptEl = h('p', { class: 'rlhf-prompt' });
  const cards = [0, 1].map((i) => h('div', { class: 'rlhf-card' }, tr(h('div', { class: 'small muted' }), i ? 'rlhf.second' : 'rlhf.first'), h('pre', { class: 'rlhf-text' })));
  const pick = (choice, key) => tr(h('button', { class: 'rlhf-pick', disabled: true, dataset: { choice }, on: { click: () => choose(choice) } }), key);
  const picks = [pick('first', 'rlhf.pickFirst'), pick('same', 'rlhf.pickSame'), pick('second', 'rlhf.pickSecond')];
  const pairsInfo = h('p', { class: 'small rlhf-pairs', role: 'status' });
  const prefsInfo = h('p', { class: 'small muted rlhf-prefs', role: 'status' });
  let droppedSeen = 0;
  const autoBtn = h('button', { class: 'rlhf-auto', on: { click: () => { autoBtn.disabled = true; trainer.send({ type: 'auto' }); } } });
  const autoInfo = h('p', { class: 'small muted rlhf-auto-info', role: 'status' });
  const ruleNote = h('p', { class: 'small muted rlhf-rule-note' });
  const acc = lines({ width: 300, height: 90, range: [0, 1] });
  trAttr(acc.canvas, { 'aria-label': 'rlhf.accChart' });
  const accInfo = h('p', { class: 'small rlhf-acc', role: 'status' });
  const step2 = h('section', { class: 'rlhf-step', dataset: { control: 'feedback' } },
    tr(h('h2'), 'rlhf.step2'), tr(h('p', { class: 'muted small' }), 'rlhf.step2Help'),
    offerBtn, promptEl, h('div', { class: 'rlhf-pair' }, ...cards), h('div', { class: 'rlhf-picks' }, ...picks), pairsInfo, prefsInfo,
    h('div', { class: 'rlhf-row' }, field('rule', 'rlhf.rule', rule), field('letter', 'rlhf.letter', letter), field('pairs', 'rlhf.pairsN', c.pairs), autoBtn),
    ruleNote, autoInfo,
    h('div', { class: 'rlhf-row' }, field('rewardSteps', 'rlhf.rewardSteps', c.rewardSteps), run('reward', 'rlhf.runReward'), phaseStates.reward),
    tr(h('h3'), 'rlhf.accChart'), acc.canvas, accInfo);

  // Step 3.
  const reward = lines({ width: 300, height: 90 });
  const kl = lines({ width: 300, height: 90 });
  const share3 = lines({ width: 300, height: 90, range: [0, 1] });
  trAttr(reward.canvas, { 'aria-label': 'rlhf.rewardChart' });
  trAttr(kl.canvas, { 'aria-label': 'rlhf.klChart' });
  trAttr(share3.canvas, { 'aria-label': 'rlhf.shareChart' });
  const polInfo = h('p', { class: 'small rlhf-pol', role: 'status' });
  const dpoInfo = h('p', { class: 'small rlhf-dpo', role: 'status' });
  const polSamples = h('table', { class: 'rlhf-samples rlhf-pol-samples' });
  const step3 = h('section', { class: 'rlhf-step', dataset: { control: 'policy' } },
    tr(h('h2'), 'rlhf.step3'), tr(h('p', { class: 'muted small' }), 'rlhf.step3Help'),
    h('div', { class: 'rlhf-row' }, field('beta', 'rlhf.beta', c.beta), field('policySteps', 'rlhf.policySteps', c.policySteps),
      run('policy', 'rlhf.runPolicy'), phaseStates.policy, run('dpo', 'rlhf.runDpo'), phaseStates.dpo),
    h('div', { class: 'rlhf-charts' },
      h('div', {}, tr(h('h3'), 'rlhf.rewardChart'), reward.canvas),
      h('div', {}, tr(h('h3'), 'rlhf.klChart'), kl.canvas),
      h('div', {}, tr(h('h3'), 'rlhf.shareChart'), share3.canvas, legend(['rlhf.sharePolicy', 'rlhf.shareDpo']))),
    polInfo, dpoInfo, tr(h('h3'), 'rlhf.samplesHead'), h('div', { class: 'scroll-x' }, polSamples));

  const text = h('section', { class: 'chapter-text' }, tr(h('h2'), 'rlhf.heading'), ...['p1', 'p2', 'p3', 'p4', 'p5'].map((k) => tr(h('p'), `rlhf.${k}`)));
  const el = h('div', { class: 'scene rlhf' }, top, modelInfo, h('div', { class: 'rlhf-steps' }, step1, step2, step3), text);
  root.append(el);

  const trainer = new Trainer(onMessage);
  trainer.send({ type: 'init', scene: 'rlhf', query: ctx.query });
  // Export: the policy (LoRA merged) as GPT2LMHeadModel, the reward model
  // as GPT2ForSequenceClassification; import takes a policy folder back as
  // the pre-trained language model of its settings.
  const hub = mountHub(ctx, trainer, 'rlhf');
  tr(hub.el.querySelector('.hub-export'), 'rlhf.exportPolicy');
  const exportReward = trAttr(tr(h('button', { class: 'hub-export-reward', type: 'button', disabled: true,
    on: { click: () => trainer.send({ type: 'hubExport', which: 'reward', half: hub.el.querySelector('.hub-half').checked }) } }), 'rlhf.exportReward'),
  { title: 'rlhf.exportRewardTitle' });
  hub.el.querySelector('.hub-half-label').before(exportReward);
  share.after(hub.el);
  trainer.requestFrames({});
  const stopKeys = spaceToggles(() => actions.togglePlay());
  if (v.small === 'own' && v.text) ownTextFromLink(v.text);
  syncAll();
  showAll();

  function choose(choice) {
    if (!pair) return;
    for (const b of picks) b.disabled = true;
    trainer.send({ type: 'label', choice });
  }

  function onMessage(msg) {
    switch (msg.type) {
      case 'model':
        pair = null;
        samples = null;
        autoAdded = -1;
        state = msg.state;
        showAll();
        break;
      case 'data':
      case 'state':
        state = msg.state;
        showAll();
        trainer.refresh();
        break;
      case 'labelled':
        state = msg.state;
        showAll();
        break;
      case 'pair':
        pair = msg.pair;
        showPair();
        break;
      case 'ownText':
        if (msg.ok) {
          pair = null;
          samples = null;
          state = msg.state;
          showAll();
          trainer.refresh();
          linkOwnText(ownText.value);
        } else tr(ownLink, 'rlhf.ownRefused', { detail: String(msg.message || '').replace(/^.*corpus:own:\s*/, '') });
        break;
      case 'auto':
        state = msg.state;
        autoAdded = msg.added;
        autoBtn.disabled = false;
        showAll();
        trainer.refresh();
        break;
      case 'playing':
        playing = msg.playing;
        status = msg.status || status;
        transport.setPlaying(playing);
        showPhase();
        break;
      case 'frame':
        frame(msg);
        break;
      case 'error': {
        autoBtn.disabled = false;
        const m = /corpus:(\w+):?\s*(.*)$/.exec(msg.message || '');
        if (m) ctx.notify('error', 'rlhf.dataError', { detail: m[2] });
        else ctx.engineError(msg.message, msg.fatal);
        break;
      }
      default:
        break;
    }
  }

  function frame(f) {
    if (f.playing !== playing) {
      playing = f.playing;
      transport.setPlaying(playing);
    }
    status = f.status;
    transport.setEpoch(f.epoch);
    state = f.state;
    series = f.series;
    if (f.samples) samples = f.samples;
    showAll();
  }

  function showPhase() {
    if (!state) return;
    phaseNote.dataset.phase = state.phase;
    tr(phaseNote, 'rlhf.phase', { phase: t(`rlhf.phase.${state.phase}`) });
    const done = { pretrain: state.pretrained, finetune: state.finetuned, reward: state.rewarded, policy: state.updated, dpo: state.dpo };
    for (const p of PHASES) {
      const s = phaseStates[p];
      let text = '';
      if (p === state.phase && status === 'noData') text = t(`rlhf.blocked.${p}`);
      else if (p === state.phase && status === 'reachedEpoch') text = t('rlhf.done', { n: done[p] });
      s.textContent = text;
    }
    for (const b of el.querySelectorAll('.rlhf-run')) b.setAttribute('aria-pressed', String(b.dataset.phase === state.phase && playing));
  }

  function showPair() {
    const on = !!pair;
    promptEl.textContent = on ? visible(pair.prompt) : '';
    cards.forEach((card, i) => { card.lastChild.textContent = on ? visible(i ? pair.second : pair.first) : ''; });
    for (const b of picks) b.disabled = !on;
  }

  function showAll() {
    showPhase();
    exportReward.disabled = !(state && state.hasReward);
    tr(autoBtn, 'rlhf.autoLabel', { n: v.pairs });
    tr(ruleNote, `rlhf.ruleNote.${v.rule}`);
    if (autoAdded >= 0) tr(autoInfo, 'rlhf.autoAdded', { n: autoAdded });
    else autoInfo.textContent = '';
    if (!state) return;
    ownBox.hidden = v.small !== 'own';
    if (state.ownMissing) tr(ownInfo, 'rlhf.ownMissing', { min: (ctx.limits.minOwnChars || 1000).toLocaleString('en-US') });
    else if (state.small === 'own') {
      const fresh = [...state.newChars];
      tr(ownInfo, fresh.length ? 'rlhf.ownInfoNew' : 'rlhf.ownInfo', { n: state.smallChars.toLocaleString('en-US'), k: fresh.length,
        list: fresh.slice(0, 12).map((ch) => visible(ch === ' ' ? '␠' : ch)).join(' ') + (fresh.length > 12 ? ' …' : '') });
    } else ownInfo.textContent = '';
    ownInfo.dataset.small = state.small;
    ownInfo.dataset.chars = String(state.smallChars);
    tr(modelInfo, 'rlhf.modelInfo', { params: state.params.toLocaleString('en-US'), vocab: state.vocab, context: ctx.limits.context || 32, prompt: ctx.limits.prompt || 8 });
    tr(pairsInfo, 'rlhf.pairs', { train: state.pairs, held: state.held });
    pairsInfo.dataset.train = String(state.pairs);
    pairsInfo.dataset.held = String(state.held);
    // The reader's choices in the link (one letter per pair), or waiting
    // there for the model they were made with.
    if (state.prefs !== (v.prefs || '')) set({ prefs: state.prefs });
    if (state.prefsDropped > droppedSeen) {
      droppedSeen = state.prefsDropped;
      ctx.notify('warn', 'rlhf.prefsDropped');
    }
    prefsInfo.dataset.replayed = String(state.prefsReplayed);
    if (state.prefsWaiting) tr(prefsInfo, 'rlhf.prefsWaiting', { n: state.prefsCount, pre: state.prefsPre, ft: state.prefsFt });
    else if (state.prefsReplayed) tr(prefsInfo, 'rlhf.prefsReplayed', { n: state.prefsReplayed });
    else if (state.prefs) tr(prefsInfo, 'rlhf.prefsInLink');
    else if (state.pairs + state.held > 0) tr(prefsInfo, 'rlhf.prefsNotInLink');
    else prefsInfo.textContent = '';
    if (!series) return;
    const s = series;
    pre.draw([s.preStep], [s.preLoss]);
    tr(preInfo, 'rlhf.preInfo', { n: state.pretrained, max: v.pretrainSteps, loss: fmt(last(s.preLoss)) });
    preInfo.dataset.loss = String(last(s.preLoss));
    val.reset();
    for (let i = 0; i < s.ftStep.length; i++) val.push(s.ftStep[i], s.scratch[i], s.tuned[i]);
    ftInfo.dataset.points = String(s.ftStep.length);
    if (s.ftStep.length) {
      ftInfo.dataset.tuned = String(last(s.tuned));
      ftInfo.dataset.scratch = String(last(s.scratch));
      tr(ftInfo, 'rlhf.ftInfo', { n: state.finetuned, max: v.finetuneSteps, tuned: fmt(last(s.tuned)), scratch: fmt(last(s.scratch)),
        trainable: state.trainable.toLocaleString('en-US'), params: state.params.toLocaleString('en-US') });
    } else ftInfo.textContent = '';
    acc.draw([s.rmStep], [s.accuracy]);
    accInfo.dataset.accuracy = String(last(s.accuracy));
    if (s.rmStep.length) tr(accInfo, 'rlhf.accInfo', { n: state.rewarded, acc: pct(last(s.accuracy)), held: state.held });
    else tr(accInfo, 'rlhf.accNone');
    reward.draw([s.polStep], [s.reward]);
    kl.draw([s.polStep], [s.kl]);
    share3.draw([s.polStep, s.dpoStep], [s.share, s.dpoShare]);
    const mean5 = (a) => a.reduce((x, y) => x + y, 0) / a.length;
    const rewardStart = mean5(Array.from(s.reward.slice(0, 5)));
    const rewardEnd = mean5(Array.from(s.reward.slice(-5)));
    Object.assign(polInfo.dataset, { steps: String(s.polStep.length), reward: String(last(s.reward)), kl: String(last(s.kl)), share: String(last(s.share)),
      firstReward: String(s.reward[0]), firstKl: String(s.kl[0]), rewardStart: String(rewardStart), rewardEnd: String(rewardEnd) });
    if (s.polStep.length) tr(polInfo, 'rlhf.polInfo', { n: last(s.polStep), reward: fmt(last(s.reward)), kl: fmt(last(s.kl), 2), share: pct(last(s.share)), beta: Number(state.beta.toPrecision(3)),
      start: fmt(rewardStart), end: fmt(rewardEnd) });
    else tr(polInfo, 'rlhf.polNone');
    dpoInfo.dataset.steps = String(s.dpoStep.length);
    if (s.dpoStep.length) tr(dpoInfo, 'rlhf.dpoInfo', { n: last(s.dpoStep), loss: fmt(last(s.dpoLoss)), share: pct(last(s.dpoShare)) });
    else dpoInfo.textContent = '';
    if (samples) {
      samplesTable(ftSamples, [['rlhf.col.pretrained', samples.pretrained], ['rlhf.col.tuned', state.hasTuned ? samples.lm : []], ['rlhf.col.scratch', samples.scratch]]);
      samplesTable(polSamples, state.hasPolicy ? [['rlhf.col.before', samples.lm], ['rlhf.col.after', samples.after]] : []);
    }
  }

  function syncAll() {
    for (const [k, s] of Object.entries(c)) {
      const list = { layers: LAYERS, width: WIDTHS, heads: HEADS, batchSize: BATCHES, pretrainSteps: STEPS, learningRate: RATES, rank: RANKS,
        finetuneSteps: STEPS, finetuneRate: RATES, pairs: PAIRS, rewardSteps: STEPS, policySteps: STEPS, beta: BETAS }[k];
      setNumberOptions(s, list, v[k]);
    }
    finetune.value = v.finetune;
    small.value = v.small;
    rule.value = v.rule;
    if (document.activeElement !== letter) letter.value = v.letter;
    if (document.activeElement !== seed) seed.value = v.seed;
    applyLinkView(el, text, v, hidden, ctx.globals.embed);
  }

  return {
    update(values, changed, q) {
      v = values;
      if (v.small === 'own' && v.text && v.text !== packed) ownTextFromLink(v.text);
      hidden = new Set(v._hidden);
      syncAll();
      showAll();
      trainer.send({ type: 'apply', query: q });
      trainer.refresh();
    },
    relabel() {
      showAll();
      showPair();
    },
    unmount() {
      stopKeys();
      hub.unmount();
      trainer.dispose();
      el.remove();
    },
  };
}
