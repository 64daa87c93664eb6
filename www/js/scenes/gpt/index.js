// Attention and GPT: a text cut into tokens (characters, then learned
// merges), a small GPT trained on it in the worker, text generated token by
// token, every head's attention, the embeddings' picture, and the scrambled
// sentence. Everything the reader types is shown as text, never markup.

import { h, clear, fmt } from '../../ui/dom.js';
import { applyLinkView, field, numberSelect } from '../../ui/controls.js';
import { spaceToggles } from '../../ui/transport.js';
import { openShare } from '../../ui/share.js';
import { mountHub } from '../../ui/hub.js';
import { packText, unpackText } from '../../ui/textlink.js';
import { t, tr, trAttr } from '../../i18n.js';
import { Trainer } from '../../trainer.js';
import { buildControls } from './controls.js';
import { LossLines, tokenStrip, paletteShade, heatMaps, attentionRow, shown } from './views.js';
import { EmbeddingView } from './embed.js';
import { chapterText } from './text.js';
import { chapterNav } from '../../ui/chapters.js';

const PROBE_EVERY_MS = 2500;
const DEFAULT_PROMPT = { poems: '春', moby: 'The sea', own: '' };
const num = (x) => Math.round(x).toLocaleString('en-US');
const mb = (bytes) => (bytes / 1048576).toFixed(1);

export function mount(root, ctx) {
  let v = ctx.values;
  let hidden = new Set(v._hidden);
  let playing = false;
  let info = null;
  let vocab = [];
  let offered = '';
  let attnMaps = null;
  let head = [0, 0];
  let lastProbe = 0;
  let genTokens = [];
  let rate = 0;
  let lastFigures = null;
  const samples = [];
  const limits = ctx.limits;
  const set = (changes) => ctx.set(changes);
  const send = (msg) => trainer.send(msg);

  const actions = {
    togglePlay: () => send({ type: playing ? 'pause' : 'play' }),
    step: () => { send({ type: 'step' }); trainer.refresh(); },
    reset: () => { chart.reset(); send({ type: 'reset' }); },
  };
  const top = buildControls(v, set, actions, limits);

  // Text and tokens.
  const dataInfo = h('p', { class: 'data-info' });
  const vocabInfo = h('p', { class: 'vocab-info' });
  const ownText = h('textarea', { rows: 4, class: 'own-text', spellcheck: 'false', id: `gpt-own-${Math.random().toString(36).slice(2, 8)}` });
  const ownUse = tr(h('button', { on: { click: () => send({ type: 'ownText', text: ownText.value }) } }), 'gp.ownUse');
  const ownLink = h('p', { class: 'muted small', role: 'status' });
  const ownBox = h('div', { class: 'own', dataset: { control: 'corpus' } },
    tr(h('label', { for: ownText.id }), 'gp.ownLabel', { kb: Math.round(limits.maxPastedBytes / 1000) }), ownText, h('div', { class: 'row' }, ownUse),
    tr(h('p', { class: 'muted small' }), 'gp.ownNeeded', { kb: Math.floor((limits.maxTextLink * 3) / 4 / 1000) }), ownLink);
  // The own text in links: packed when the engine took it, unpacked when a
  // link brings one; `packed` is what this page last wrote or read.
  let packed = '';
  const kb = (chars) => Math.max(1, Math.round((chars * 3) / 4 / 1000));
  async function linkOwnText(text) {
    const p = await packText(text);
    if (p.length <= limits.maxTextLink) {
      packed = p;
      tr(ownLink, 'gp.ownInLink', { kb: kb(p.length) });
      if (v.text !== p) set({ text: p });
    } else {
      packed = '';
      tr(ownLink, 'gp.ownTooLong', { kb: kb(p.length), max: kb(limits.maxTextLink) });
      if (v.text) set({ text: '' });
    }
  }
  async function ownTextFromLink(p) {
    packed = p;
    const text = await unpackText(p, limits.maxPastedBytes);
    if (packed !== p) return;
    if (text instanceof Error) {
      ctx.notify('warn', 'gp.textLinkBad', { detail: text.message });
      return;
    }
    ownText.value = text;
    tr(ownLink, 'gp.ownFromLink', { kb: kb(p.length) });
    send({ type: 'ownText', text });
  }
  const mergeBy = (d) => () => set({ merges: Math.max(0, Math.min(limits.maxMerges, (info?.merges ?? v.merges) + d)) });
  const mergeButtons = h('div', { class: 'row' },
    tr(h('button', { on: { click: mergeBy(1) } }), 'gp.mergeOne'),
    tr(h('button', { on: { click: mergeBy(100) } }), 'gp.mergeMany'),
    tr(h('button', { on: { click: () => set({ merges: 0 }) } }), 'gp.mergeNone'));
  const mergesInput = h('input', { type: 'number', min: 0, max: limits.maxMerges, step: 1, class: 'short', value: v.merges });
  mergesInput.addEventListener('change', () => set({ merges: Math.max(0, Math.min(limits.maxMerges, Math.round(Number(mergesInput.value)) || 0)) }));
  const mergeList = h('ol', { class: 'merge-list' });
  const typeBox = h('textarea', { rows: 2, class: 'type-box', spellcheck: 'false' });
  trAttr(typeBox, { 'aria-label': 'gp.typeHere', placeholder: 'gp.typeHere' });
  typeBox.addEventListener('input', () => send({ type: 'tokenize', key: 'typed', text: typeBox.value }));
  const sampleStrip = h('div', { class: 'strip sample-strip' });
  const typedStrip = h('div', { class: 'strip typed-strip' });
  const download = tr(h('button', { on: { click: () => send({ type: 'exportTokenizer' }) } }), 'gp.download');
  const tokensSection = h('section', { class: 'column', dataset: { control: 'tokens' } },
    tr(h('h2'), 'gp.tokensTitle'), dataInfo, ownBox, vocabInfo, mergeButtons,
    field('merges', 'gp.mergesLabel', mergesInput), sampleStrip, tr(h('h3'), 'gp.mergeList'), mergeList,
    typeBox, typedStrip, h('div', { class: 'row' }, download));

  // Model and training.
  const modelInfo = h('p', { class: 'model-info' });
  const chart = new LossLines();
  trAttr(chart.canvas, { 'aria-label': 'gp.trainingTitle' });
  chart.canvas.classList.add('embed-main');
  const legend = h('div', { class: 'legend' },
    h('span', { class: 'key valid' }), tr(h('span'), 'gp.legendValid'), h('span', { class: 'key train' }), tr(h('span'), 'gp.legendTrain'),
    h('span', { class: 'key bigram' }), tr(h('span'), 'gp.legendBigram'), h('span', { class: 'key unigram' }), tr(h('span'), 'gp.legendUnigram'));
  const lossInfo = h('p', { class: 'loss-info embed-keep' });
  const perf = h('p', { class: 'perf muted' });
  const status = h('div', { class: 'status', role: 'status' });
  const sampleList = h('div', { class: 'samples' });
  const share = tr(h('button', { class: 'share-button', dataset: { control: 'shareButton' }, on: { click: () => openShare({ hideable: ctx.hideable, hidden, url: ctx.shareUrl }) } }), 'share.open');
  const schedule = {
    warmup: numberSelect([0, 50, 100, 200, 500], v.warmup, (x) => set({ warmup: x })),
    decaySteps: numberSelect([500, 1000, 3000, 10000, 30000], v.decaySteps, (x) => set({ decaySteps: x })),
    weightDecay: numberSelect([0, 0.01, 0.1, 0.3], v.weightDecay, (x) => set({ weightDecay: x })),
    clip: numberSelect([0, 0.5, 1, 5], v.clip, (x) => set({ clip: x })),
  };
  const stopAt = h('input', { type: 'number', min: 0, step: 100, class: 'short', value: v.stopAtStep });
  stopAt.addEventListener('change', () => set({ stopAtStep: Math.max(0, Math.round(Number(stopAt.value)) || 0) }));
  const scheduleRow = h('div', { class: 'row wrap schedule' },
    field('training', 'gp.warmup', schedule.warmup), field('training', 'gp.decaySteps', schedule.decaySteps),
    field('training', 'gp.weightDecay', schedule.weightDecay), field('training', 'gp.clip', schedule.clip),
    field('training', 'gp.stopAtStep', stopAt));
  const trainSection = h('section', { class: 'column', dataset: { control: 'training' } },
    h('div', { class: 'net-head' }, tr(h('h2'), 'gp.trainingTitle'), share),
    h('div', { dataset: { control: 'model' } }, modelInfo), scheduleRow, chart.canvas, legend, lossInfo, perf, status,
    tr(h('h3'), 'gp.samples'), sampleList);

  // Generation.
  const prompt = h('input', { type: 'text', class: 'prompt', maxlength: limits.maxPrompt });
  prompt.addEventListener('change', () => set({ prompt: prompt.value }));
  const temperature = numberSelect([0, 0.5, 0.8, 1, 1.2, 1.5], v.temperature, (x) => set({ temperature: x }));
  const topK = numberSelect([0, 5, 10, 40, 100], v.topK, (x) => set({ topK: x }));
  const topP = numberSelect([0.5, 0.8, 0.9, 0.95, 1], v.topP, (x) => set({ topP: x }));
  const length = numberSelect([50, 100, 200, 500, 1000], v.length, (x) => set({ length: x }));
  let generating = false;
  const genButton = tr(h('button', { class: 'primary generate', on: { click: () => (generating ? send({ type: 'stopGenerate' }) : generate()) } }), 'gp.generate');
  const genOut = h('div', { class: 'strip gen-out', 'aria-live': 'polite' });
  const topBox = h('div', { class: 'top-box', role: 'tooltip' });
  topBox.hidden = true;
  const genSection = h('section', { class: 'column', dataset: { control: 'generate' } },
    tr(h('h2'), 'gp.generateTitle'),
    h('div', { class: 'row wrap' }, field('prompt', 'gp.prompt', prompt), field('temperature', 'gp.temperature', temperature),
      field('topK', 'gp.topK', topK), field('topP', 'gp.topP', topP), field('length', 'gp.length', length), genButton),
    tr(h('p', { class: 'muted small' }), 'gp.genHelp'), genOut, topBox);

  // Attention.
  const attnStrip = h('div', { class: 'strip attn-strip' });
  const attnGrid = h('div', { class: 'heat-grid' });
  const attnSection = h('section', { class: 'column', dataset: { control: 'attention' } },
    tr(h('h2'), 'gp.attentionTitle'), tr(h('p', { class: 'muted small' }), 'gp.attentionHelp'), attnStrip, attnGrid);

  // Embeddings.
  const embed = new EmbeddingView((id) => pickToken(id));
  const shareInfo = h('p', { class: 'muted small' });
  const neighbourBox = h('div', { class: 'neighbours' });
  const embedSection = h('section', { class: 'column', dataset: { control: 'embeddings' } },
    tr(h('h2'), 'gp.embedTitle'), tr(h('p', { class: 'muted small' }), 'gp.embedHelp'),
    h('div', { class: 'embed-row' }, embed.tokens, embed.positions), shareInfo, neighbourBox);

  // The scrambled sentence.
  const sentence = h('input', { type: 'text', class: 'sentence', maxlength: limits.maxPrompt });
  sentence.addEventListener('change', () => set({ sentence: sentence.value }));
  let scrambleSeed = 1;
  let scrambled = '';
  const scrambleButton = tr(h('button', { class: 'primary', on: { click: () => { scrambleSeed += 1; scrambleNow(); } } }), 'gp.scramble');
  const origHead = h('p', { class: 'orig-head' });
  const scrHead = h('p', { class: 'scr-head' });
  const origStrip = h('div', { class: 'strip orig-strip' });
  const scrStrip = h('div', { class: 'strip scr-strip' });
  const verdict = h('p', { class: 'verdict' });
  const origMaps = h('div', { class: 'heat-grid small' });
  const scrMaps = h('div', { class: 'heat-grid small' });
  const scrambleSection = h('section', { class: 'column', dataset: { control: 'scramble' } },
    tr(h('h2'), 'gp.scrambleTitle'), h('div', { class: 'row wrap' }, field('sentence', 'gp.sentence', sentence), scrambleButton),
    origHead, origStrip, scrHead, scrStrip, verdict, h('div', { class: 'scramble-maps' }, origMaps, scrMaps));

  const text = chapterText();
  const el = h('div', { class: 'scene gpt' }, top.el,
    h('div', { class: 'gpt-columns' }, tokensSection, trainSection),
    genSection, attnSection, embedSection, scrambleSection, text, chapterNav('gpt'));
  root.append(el);

  const trainer = new Trainer(onMessage);
  trainer.send({ type: 'init', scene: 'gpt', query: ctx.query });
  if (v.corpus === 'own' && v.text) ownTextFromLink(v.text);
  const hub = mountHub(ctx, trainer, 'gpt');
  share.after(hub.el);
  trainer.requestFrames({ embeddings: true });
  const stopKeys = spaceToggles(() => actions.togglePlay());
  syncAll();

  /** The prompt, else the offered sentence (a validation text's start). */
  function promptText() {
    return prompt.value || offered || DEFAULT_PROMPT[v.corpus] || '';
  }

  function sentenceText() {
    return sentence.value || offered;
  }

  function generate() {
    send({ type: 'generate', prompt: promptText(), temperature: v.temperature, topK: v.topK, topP: v.topP, length: v.length, seed: Math.floor(Math.random() * 1e9) });
  }

  function scrambleNow() {
    scrambled = ctx.engine.gpt_scramble(sentenceText(), scrambleSeed);
    probe();
  }

  /** Asks for the attention maps and the scrambled experiment again. */
  function probe() {
    lastProbe = performance.now();
    send({ type: 'attention', key: 'prompt', text: promptText() });
    const s = sentenceText();
    if (s) {
      if (!scrambled) scrambled = ctx.engine.gpt_scramble(s, scrambleSeed);
      send({ type: 'losses', key: 'orig', text: s });
      send({ type: 'losses', key: 'scr', text: scrambled });
      send({ type: 'attention', key: 'orig', text: s });
      send({ type: 'attention', key: 'scr', text: scrambled });
    }
  }

  function pickToken(id) {
    embed.pick(id);
    send({ type: 'neighbours', id });
  }

  function showAttention(maps) {
    attnMaps = maps;
    if (head[0] >= maps.layers || head[1] >= maps.heads) head = [0, 0];
    const draw = (row) => heatMaps(attnGrid, maps, { selected: head, highlight: row, onPick: (l, hd) => { head = [l, hd]; draw(-1); } });
    draw(-1);
    tokenStrip(attnStrip, maps.tokens, {
      shade: paletteShade,
      onHover: (i) => {
        const w = attentionRow(maps, head[0], head[1], i);
        attnStrip.querySelectorAll('.tok').forEach((s, j) => {
          s.style.background = `hsla(205, 80%, 50%, ${(0.05 + 0.9 * Math.sqrt(w[j] || 0)).toFixed(3)})`;
          s.classList.toggle('looking', j === i);
        });
        draw(i);
      },
      onLeave: () => showAttention(maps),
    });
  }

  const lossResults = {};
  function showLosses(key, r) {
    lossResults[key] = r;
    const strip = key === 'orig' ? origStrip : scrStrip;
    const mean = r.losses.length ? r.losses.reduce((a, b) => a + b, 0) / r.losses.length : NaN;
    r.mean = mean;
    tokenStrip(strip, r.tokens, {
      hue: 10,
      shade: (i) => (i === 0 ? 0 : r.losses[i - 1] / 8),
      title: (i) => (i === 0 ? '' : t('gp.lossTitle', { token: shown(r.tokens[i]), loss: r.losses[i - 1].toFixed(2) })),
    });
    tr(key === 'orig' ? origHead : scrHead, key === 'orig' ? 'gp.original' : 'gp.scrambled', { loss: fmt(mean, 2) });
    const a = lossResults.orig?.mean;
    const b = lossResults.scr?.mean;
    if (Number.isFinite(a) && Number.isFinite(b)) tr(verdict, b >= a ? 'gp.scrambleVerdict' : 'gp.scrambleVerdictLess', { d: Math.abs(b - a).toFixed(2) });
  }

  function showTokens(msg) {
    info = msg.info;
    vocab = msg.vocab;
    offered = msg.offered;
    sentence.placeholder = offered;
    prompt.placeholder = offered || DEFAULT_PROMPT[v.corpus] || '';
    scrambled = '';
    embed.setVocab(vocab, msg.counts);
    tr(dataInfo, 'gp.dataInfo', { train: num(info.trainChars), valid: num(info.validChars) });
    tr(vocabInfo, 'gp.vocabInfo', { vocab: num(info.vocab), chars: num(info.chars), merges: num(info.merges), tokens: num(info.trainTokens) });
    mergesInput.value = info.merges;
    clear(mergeList);
    for (const m of msg.merges.slice(-12).reverse()) {
      mergeList.append(h('li', {}, h('span', { class: 'tok', text: shown(m.left) }), ' + ', h('span', { class: 'tok', text: shown(m.right) }), ' → ',
        h('span', { class: 'tok new', text: shown(m.token) }), h('span', { class: 'muted', text: ` (${num(m.count)})` })));
    }
    if (!msg.merges.length) mergeList.append(tr(h('li', { class: 'muted' }), 'gp.noMerges'));
    send({ type: 'tokenize', key: 'sample', text: sentenceText() });
    if (typeBox.value) send({ type: 'tokenize', key: 'typed', text: typeBox.value });
    showModel();
  }

  function showModel() {
    if (!info) return;
    tr(modelInfo, 'gp.modelInfo', { layers: info.layers, heads: info.heads, width: info.width, context: info.context, vocab: num(info.vocab),
      params: num(info.params), pmb: mb(info.paramBytes), wmb: mb(info.workspaceBytes), batch: v.batchSize });
  }

  function tokenized(key, r) {
    const strip = key === 'sample' ? sampleStrip : typedStrip;
    tokenStrip(strip, r.tokens, {
      shade: paletteShade,
      title: (i) => t('gp.tokenTitle', { id: r.ids[i], count: num(r.counts[i]) }),
      onClick: (i) => pickToken(r.ids[i]),
    });
  }

  function onMessage(msg) {
    switch (msg.type) {
      case 'tokens':
        showTokens(msg);
        break;
      case 'model':
        info = msg.info;
        chart.reset();
        samples.length = 0;
        clear(sampleList);
        showModel();
        probe();
        if (ctx.globals.autoplay && !playing) send({ type: 'play' });
        break;
      case 'playing':
        playing = msg.playing;
        top.setPlaying(playing);
        break;
      case 'frame':
        frame(msg);
        break;
      case 'tokenized':
        tokenized(msg.key, msg.result);
        break;
      case 'tokenizerJson': {
        const a = h('a', { href: URL.createObjectURL(new Blob([msg.text], { type: 'application/json' })), download: 'tokenizer.json' });
        a.click();
        setTimeout(() => URL.revokeObjectURL(a.href), 1000);
        break;
      }
      case 'ownText':
        if (!msg.ok) dataError(msg.message, false);
        else if (ownText.value) linkOwnText(ownText.value);
        break;
      case 'attention':
        if (msg.key === 'prompt') showAttention(msg.maps);
        else heatMaps(msg.key === 'orig' ? origMaps : scrMaps, msg.maps, { selected: [-1, -1], cell: Math.max(1, Math.floor(96 / msg.maps.ids.length)) });
        break;
      case 'losses':
        showLosses(msg.key, msg.result);
        break;
      case 'neighbours':
        clear(neighbourBox).append(tr(h('h3'), 'gp.neighbours', { token: shown(vocab[msg.id] ?? '') }),
          h('ol', {}, msg.rows.map((r) => h('li', {}, h('span', { class: 'tok', text: shown(r.token) }), h('span', { class: 'muted', text: ` ${r.p.toFixed(2)}` })))));
        break;
      case 'genStart':
        generating = true;
        tr(genButton, 'gp.stop');
        genTokens = [];
        tokenStrip(genOut, msg.prompt.tokens, { shade: () => 0.5, hue: 40 });
        break;
      case 'genTokens':
        for (const tok of msg.tokens) {
          genTokens.push(tok);
          const s = h('span', { class: 'tok gen', text: shown(tok.token) });
          s.addEventListener('mouseenter', () => showTop(tok, s));
          s.addEventListener('mouseleave', () => { topBox.hidden = true; });
          genOut.append(s);
        }
        break;
      case 'genDone':
        generating = false;
        tr(genButton, 'gp.generate');
        break;
      case 'error':
        dataError(msg.message, msg.fatal);
        break;
      default:
        break;
    }
  }

  function showTop(tok, span) {
    clear(topBox).append(tr(h('p', { class: 'small' }), 'gp.topTitle'),
      h('ol', {}, tok.top.map((c) => h('li', { class: c.id === tok.id ? 'chosen' : '' }, h('span', { class: 'tok', text: shown(c.token) }),
        h('span', { class: 'bar', style: { width: `${(100 * c.p).toFixed(1)}px` } }), h('span', { text: ` ${(100 * c.p).toFixed(1)}%` })))));
    topBox.hidden = false;
    const box = genSection.getBoundingClientRect();
    const r = span.getBoundingClientRect();
    topBox.style.left = `${Math.max(0, Math.min(r.left - box.left, box.width - topBox.offsetWidth - 4))}px`;
    topBox.style.top = `${r.bottom - box.top + 4}px`;
  }

  function frame(f) {
    if (f.playing !== playing) {
      playing = f.playing;
      top.setPlaying(playing);
    }
    top.setEpoch(f.steps);
    rate = f.tokensPerSecond;
    tr(perf, 'gp.perf', { rate: num(rate), tokens: num(f.tokensTrained) });
    if (f.figures) {
      lastFigures = f.figures;
      chart.push(f.figures);
      showLossInfo();
    }
    if (f.tokensProj) {
      embed.update(f.tokensProj, f.positionsProj);
      tr(shareInfo, 'gp.share', { a: (100 * f.tokensProj.share[0]).toFixed(0), b: (100 * f.tokensProj.share[1]).toFixed(0) });
    }
    if (f.sample) {
      samples.unshift(f.sample);
      samples.length = Math.min(samples.length, 5);
      clear(sampleList).append(...samples.map((s) => h('div', { class: 'sample' }, tr(h('span', { class: 'caption' }), 'gp.sampleAt', { step: num(s.step) }), h('pre', { text: s.text }))));
    }
    if (playing && performance.now() - lastProbe > PROBE_EVERY_MS) probe();
    status.className = `status ${f.status === 'ready' ? '' : 'on'} ${f.status === 'diverged' ? 'error' : ''}`;
    status.textContent = f.status === 'ready' ? '' : t(`status.${f.status}`, { epoch: f.epoch, rate: v.learningRate, n: v.stopAtStep });
  }

  function showLossInfo() {
    const g = lastFigures;
    if (g) tr(lossInfo, 'gp.lossInfo', { train: fmt(g.trainLoss), valid: fmt(g.validLoss), uni: fmt(g.unigramValid), bi: fmt(g.bigramValid) });
  }

  function dataError(message, fatal) {
    const match = /corpus:(\w+):?\s*(.*)$/.exec(message);
    if (match) ctx.notify('error', 'gp.dataError', { detail: match[2] });
    else ctx.engineError(message, fatal);
  }

  function syncAll() {
    top.sync(v);
    prompt.value = v.prompt;
    prompt.placeholder = offered || DEFAULT_PROMPT[v.corpus] || '';
    sentence.value = v.sentence;
    ownBox.hidden = v.corpus !== 'own';
    mergesInput.value = v.merges;
    stopAt.value = v.stopAtStep;
    const selects = [[temperature, v.temperature], [topK, v.topK], [topP, v.topP], [length, v.length],
      ...Object.entries(schedule).map(([k, sel]) => [sel, v[k]])];
    for (const [sel, x] of selects) {
      if (![...sel.options].some((o) => Number(o.value) === x)) sel.append(h('option', { value: String(x), text: String(x) }));
      sel.value = String(x);
    }
    applyLinkView(el, text, v, hidden, ctx.globals.embed);
  }

  return {
    update(values, changed, query) {
      v = values;
      hidden = new Set(v._hidden);
      syncAll();
      send({ type: 'apply', query });
      if (changed.includes('text') && v.text && v.text !== packed && v.corpus === 'own') ownTextFromLink(v.text);
      if (changed.some((k) => k === 'prompt' || k === 'sentence')) {
        scrambled = '';
        probe();
      }
      trainer.refresh();
    },
    relabel() {
      top.relabel();
      showModel();
      showLossInfo();
      if (attnMaps) showAttention(attnMaps);
    },
    unmount() {
      hub.unmount();
      stopKeys();
      trainer.dispose();
      el.remove();
    },
  };
}
