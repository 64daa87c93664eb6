// 2016–2020: Transformers and the Hugging Face Hub. The story of sharing
// trained models, what a model folder holds and how to continue with one
// in Python; then the gallery of ready models (www/models/index.json, made
// by `make models`), one card each: how it was trained, its measured
// figures, a link that opens its chapter with the model loaded
// (`model=<id>`), and the zip to download. The Import button takes a
// folder to its own chapter. Nothing trains here.

import { h, clear } from '../../ui/dom.js';
import { applyLinkView } from '../../ui/controls.js';
import { chapterNav } from '../../ui/chapters.js';
import { chapterAt } from '../../chapters.js';
import { mountImport } from '../../ui/hub.js';
import { buildHash } from '../../link.js';
import { chapterText } from '../perceptron/index.js';
import { currentLang, t, tr, trAttr } from '../../i18n.js';
import './strings.js';

let sheet = null;
function addSheet() {
  if (sheet) return;
  sheet = h('link', { rel: 'stylesheet', href: new URL('../../../css/hub.css', import.meta.url).href });
  document.head.append(sheet);
}

/** How to go on in Python (the same in both languages). */
const PYTHON = `# the GPT's folder, unzipped into gpt-moby/ (transformers with PyTorch)
from transformers import GPT2LMHeadModel
model = GPT2LMHeadModel.from_pretrained("gpt-moby")

# any folder: every weight by its name, as numpy arrays
from safetensors.numpy import load_file
weights = load_file("playground-spiral/model.safetensors")`;

/** The gallery's index, fetched once per page. */
let index = null;
function loadIndex() {
  if (!index) {
    index = fetch('models/index.json').then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.json();
    });
    index.catch(() => { index = null; });
  }
  return index;
}

const count = (n) => Number(n).toLocaleString('en-US');

/** A figure as its chapter shows it: accuracies in per cent, the rest to three decimals. */
export function showFigure(f) {
  if (!Number.isFinite(f.value)) return '—';
  if (f.kind === 'accuracy') return `${(100 * f.value).toFixed(1)}%`;
  return Number.isInteger(f.value) ? String(f.value) : f.value.toFixed(3);
}

export function mount(root, ctx) {
  addSheet();
  let v = ctx.values;
  let models = null;
  const importer = mountImport(ctx, 'hub', null);
  const importBox = h('div', { class: 'row hub-import-row', dataset: { control: 'import' } },
    importer.el, tr(h('span', { class: 'help' }), 'hubch.importHelp'));
  // The gallery at a glance (the main picture: first on a phone, what an
  // embed shows), then one card per model with everything about it.
  const overview = h('table', { class: 'hub-overview embed-main' });
  const cards = h('div', { class: 'hub-cards' });
  const status = h('p', { class: 'help hub-status', role: 'status' });
  tr(status, 'hubch.loading');
  const gallery = h('section', { class: 'hub-gallery', dataset: { control: 'gallery' } },
    tr(h('h2'), 'hubch.galleryTitle'), tr(h('p', { class: 'help' }), 'hubch.galleryHelp'), status, overview, cards);
  const text = chapterText('hubch', ['p1', 'p2', 'p3', 'p4', 'p5']);
  text.append(h('pre', { class: 'hub-python', text: PYTHON }));
  const el = h('div', { class: 'scene hub-scene' },
    h('div', { class: 'topbar' }, importBox),
    text, gallery, chapterNav('hub'));
  root.append(el);
  render();

  let alive = true;
  loadIndex().then((data) => {
    if (!alive) return;
    models = Array.isArray(data.models) ? data.models : [];
    status.textContent = '';
    delete status.dataset.i18n;
    drawCards();
  }).catch((err) => {
    if (alive) tr(status, 'hubch.noIndex', { detail: String(err.message || err).slice(0, 100) });
  });

  const titleOf = (m) => (m.title && (m.title[currentLang()] || m.title.en)) || m.id;
  const openHref = (m) => buildHash(m.route, m.settings, { lang: ctx.globals.lang, model: m.id });
  const figureName = (f) => {
    const key = `hubch.fig.${f.name}`;
    return t(key) === key ? f.name : t(key);
  };

  /** One line of the overview: the title (opens it), its chapter, its first figure. */
  function row(m) {
    const chapter = chapterAt(m.route);
    const f = (m.figures || [])[0];
    return h('tr', { dataset: { model: m.id } },
      h('th', { scope: 'row' }, h('a', { href: openHref(m) }, titleOf(m))),
      h('td', { class: 'hub-year', text: chapter ? chapter.year : m.route }),
      h('td', { class: 'hub-headline', text: f ? `${figureName(f)} ${showFigure(f)}` : '' }));
  }

  function card(m) {
    const title = titleOf(m);
    const chapter = chapterAt(m.route);
    const budget = m.budget || {};
    const trained = tr(h('p', { class: 'model-training' }), budget.unit === 'epochs' ? 'hubch.trained.epochs' : 'hubch.trained.steps',
      { count: count(budget.count), steps: count(m.steps), seed: m.seed });
    const link = `#/${m.route}?${m.settings}`;
    const figures = h('dl', { class: 'model-figures' });
    for (const f of m.figures || []) figures.append(h('div', {}, h('dt', { text: figureName(f) }), h('dd', { text: showFigure(f) })));
    const open = h('a', { class: 'button-link primary model-open', href: openHref(m) }, t('hubch.open'));
    open.setAttribute('aria-label', t('hubch.openLabel', { title }));
    const download = h('a', { class: 'button-link model-download', href: m.file, download: `${m.id}.zip` }, t('hubch.download'));
    download.setAttribute('aria-label', t('hubch.downloadLabel', { title }));
    return h('article', { class: 'model-card', dataset: { model: m.id } },
      h('h3', { text: title }),
      h('p', { class: 'model-chapter' }, tr(h('span'), 'hubch.chapter'), ' ',
        chapter ? h('a', { href: `#/${m.route}` }, `${chapter.year} · `, tr(h('span'), chapter.title)) : m.route),
      trained,
      h('p', { class: 'model-settings' }, tr(h('span', { class: 'caption' }), 'hubch.settings'), ' ', h('code', { text: link })),
      tr(h('p', { class: 'caption' }), 'hubch.figures'),
      figures,
      tr(h('p', { class: 'model-size' }), 'hubch.size',
        { parameters: count(m.parameters), precision: m.precision, size: Math.ceil(m.bytes / 1024), command: m.command }),
      h('div', { class: 'model-actions' }, open, download));
  }

  function drawCards() {
    clear(cards);
    clear(overview);
    if (!models) return;
    for (const m of models) {
      overview.append(row(m));
      cards.append(card(m));
    }
  }

  function render() {
    applyLinkView(el, text, v, new Set(v._hidden), ctx.globals.embed);
  }

  return {
    update(values) {
      v = values;
      render();
    },
    relabel() {
      drawCards();
      render();
    },
    unmount() {
      alive = false;
      importer.unmount();
      el.remove();
    },
  };
}
