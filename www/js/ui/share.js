// The Share dialog: the link to these settings (with the seed), and an
// iframe snippet for a blog post, with checkboxes for the controls the
// embed should hide. The snippet comes in the sizes an embed is made for
// (600×450, 400×400; www/js/ui/embed-fit.js fits any chapter into them),
// a responsive one (the post's full width, 4:3), or a size of one's own,
// and the dialog shows the embed at that size, scaled to fit the dialog.

import { h, clear } from './dom.js';
import { addStrings, t, tr, trAttr } from '../i18n.js';
import './linkweights.js';

addStrings({
  'share.size': { en: 'Size', zh: '尺寸' },
  'share.sizeResponsive': { en: 'Full width of the post (4:3)', zh: '占满文章宽度（4:3）' },
  'share.sizeCustom': { en: 'Other size', zh: '自定尺寸' },
  'share.preview': { en: 'Preview of the embed at this size', zh: '按此尺寸预览嵌入效果' },
  'share.previewScaled': { en: 'shown at {pct}% to fit here', zh: '此处按 {pct}% 缩小显示' },
});

/** The sizes offered: [value, label key or text, width, height]. */
const SIZES = [
  ['600x450', '600 × 450', 600, 450],
  ['400x400', '400 × 400', 400, 400],
  ['responsive', 'share.sizeResponsive', 600, 450],
  ['custom', 'share.sizeCustom', 0, 0],
];
const RESPONSIVE_RATIO = '4 / 3';

/** Escapes text for an HTML attribute value in the snippet. */
function attr(s) {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

const clampSize = (x, fallback) => Math.max(200, Math.min(2000, Math.round(Number(x)) || fallback));

/**
 * The snippet for `src` at a size: `{ responsive: true }` or `{ w, h }`.
 * Exported for the tests' sake of reading it the way a blog author would.
 */
export function snippetFor(src, size, title) {
  const common = `src="${attr(src)}"`;
  const tail = `loading="lazy" title="${attr(title)}"></iframe>`;
  if (size.responsive) return `<iframe ${common} style="border:0;width:100%;aspect-ratio:${RESPONSIVE_RATIO}" ${tail}`;
  return `<iframe ${common} width="${size.w}" height="${size.h}" style="border:0" ${tail}`;
}

/**
 * @param {object} o
 * @param {string[]} o.hideable  control names
 * @param {Set<string>} o.hidden  currently hidden
 * @param {(hidden: string[], embed: {embed: boolean, autoplay: boolean}) => string} o.url
 * @param {(kind: string) => Promise<string | Error>} [o.weights]  the trained
 *   weights as the link's `weights` value (www/js/ui/linkweights.js), for
 *   chapters whose link can carry them
 */
export function openShare(o) {
  const hidden = new Set(o.hidden);
  const dialog = h('dialog', { class: 'share' });
  const linkInput = h('input', { type: 'text', readonly: true, id: 'share-link' });
  const snippet = h('textarea', { rows: 3, readonly: true, id: 'share-snippet', spellcheck: 'false' });
  const autoplay = h('input', { type: 'checkbox', id: 'share-autoplay' });
  const sizeSelect = h('select', { id: 'share-size' });
  for (const [value, label] of SIZES) {
    const opt = h('option', { value });
    if (label.startsWith('share.')) tr(opt, label);
    else opt.textContent = label;
    sizeSelect.append(opt);
  }
  const width = h('input', { type: 'number', id: 'share-width', value: 600, min: 200, max: 2000, class: 'short' });
  const height = h('input', { type: 'number', id: 'share-height', value: 450, min: 200, max: 2000, class: 'short' });
  const custom = h('div', { class: 'row custom-size' },
    h('div', { class: 'field' }, tr(h('label', { for: 'share-width' }), 'share.width'), width),
    h('div', { class: 'field' }, tr(h('label', { for: 'share-height' }), 'share.height'), height));
  const boxes = h('div', { class: 'hide-list' });

  // Trained weights: off by default; the link always drops a `weights`
  // value it was opened with and carries the model's weights only if asked.
  const withWeights = h('input', { type: 'checkbox', id: 'share-weights' });
  const weightsKind = h('select', { id: 'share-weights-kind' },
    tr(h('option', { value: 'f16' }), 'weights.f16'), tr(h('option', { value: 'q8' }), 'weights.q8'));
  const weightsNote = h('span', { class: 'muted small', id: 'share-weights-size' });
  let weightsValue = '';
  let weightsAsked = 0;
  async function fetchWeights() {
    const ask = ++weightsAsked;
    weightsValue = '';
    if (withWeights.checked) {
      const got = await o.weights(weightsKind.value);
      if (ask !== weightsAsked) return;
      weightsValue = got instanceof Error ? '' : got;
      if (got instanceof Error) withWeights.checked = false;
    }
    refresh();
  }
  withWeights.addEventListener('change', fetchWeights);
  weightsKind.addEventListener('change', fetchWeights);
  const weightsRow = o.weights
    ? h('div', { class: 'row' },
      h('div', { class: 'field check' }, withWeights, tr(h('label', { for: 'share-weights' }), 'weights.include')),
      h('div', { class: 'field' }, tr(h('label', { for: 'share-weights-kind' }), 'weights.precision'), weightsKind),
      weightsNote)
    : null;
  const carry = (url) => {
    const clean = url.replace(/([?&])weights=[^&]*(&|$)/, (m, a, b) => (b ? a : '')).replace(/[?&]$/, '');
    if (!weightsValue) return clean;
    return `${clean}${/[?]/.test(clean) ? '&' : '?'}weights=${weightsValue}`;
  };
  for (const name of o.hideable) {
    const id = `share-hide-${name}`;
    const cb = h('input', { type: 'checkbox', id, on: { change: () => { cb.checked ? hidden.add(name) : hidden.delete(name); refresh(); } } });
    cb.checked = hidden.has(name);
    boxes.append(h('div', { class: 'field check' }, cb, tr(h('label', { for: id }), `hide.${name}`)));
  }

  // The preview: the embed itself, at the chosen size, scaled down to the
  // dialog's width (the frame keeps its size; only the picture of it shrinks).
  const frame = h('iframe', { class: 'share-frame' });
  trAttr(frame, { title: 'share.preview' });
  const stageBox = h('div', { class: 'share-preview-box' }, frame);
  const scaleNote = h('span', { class: 'muted small' });
  const preview = h('figure', { class: 'share-preview' },
    stageBox, h('figcaption', {}, tr(h('span'), 'share.preview'), ' ', scaleNote));

  /** The chosen size: { responsive } or { w, h }, and the preview's size. */
  function size() {
    const choice = SIZES.find((s) => s[0] === sizeSelect.value) || SIZES[0];
    if (choice[0] === 'custom') {
      const w = clampSize(width.value, 600);
      const hh = clampSize(height.value, 450);
      return { w, h: hh, view: [w, hh] };
    }
    if (choice[0] === 'responsive') return { responsive: true, view: [choice[2], choice[3]] };
    return { w: choice[2], h: choice[3], view: [choice[2], choice[3]] };
  }

  function layoutPreview(sz) {
    const [w, hh] = sz.view;
    const room = Math.max(120, preview.clientWidth || 560);
    const s = Math.min(1, room / w);
    frame.style.width = `${w}px`;
    frame.style.height = `${hh}px`;
    frame.style.transform = s < 1 ? `scale(${s})` : '';
    stageBox.style.width = `${Math.round(w * s)}px`;
    stageBox.style.height = `${Math.round(hh * s)}px`;
    stageBox.dataset.width = String(w);
    stageBox.dataset.height = String(hh);
    scaleNote.hidden = s >= 1;
    if (s < 1) tr(scaleNote, 'share.previewScaled', { pct: Math.round(s * 100) });
  }

  let previewSrc = '';
  function refresh() {
    const list = o.hideable.filter((n) => hidden.has(n));
    linkInput.value = carry(o.url(list, { embed: false, autoplay: false }));
    const src = carry(o.url(list, { embed: true, autoplay: autoplay.checked }));
    weightsNote.hidden = !weightsValue;
    if (weightsValue) tr(weightsNote, 'weights.size', { chars: linkInput.value.length.toLocaleString('en-US') });
    const sz = size();
    custom.hidden = sizeSelect.value !== 'custom';
    snippet.value = snippetFor(src, sz, t('app.title'));
    layoutPreview(sz);
    if (src !== previewSrc) {
      previewSrc = src;
      frame.src = src;
    }
  }
  for (const el of [autoplay, width, height, sizeSelect]) el.addEventListener('input', refresh);
  sizeSelect.addEventListener('change', refresh);

  const copy = (el) => async () => {
    el.select();
    try {
      await navigator.clipboard.writeText(el.value);
    } catch {
      document.execCommand?.('copy');
    }
  };
  const copyLink = tr(h('button', { on: { click: copy(linkInput) } }), 'share.copy');
  const copySnippet = tr(h('button', { on: { click: copy(snippet) } }), 'share.copy');
  const close = tr(h('button', { class: 'primary', on: { click: () => dialog.close() } }), 'share.close');
  trAttr(linkInput, { 'aria-label': 'share.link' });
  trAttr(snippet, { 'aria-label': 'share.embed' });

  clear(dialog).append(
    tr(h('h2'), 'share.title'),
    tr(h('label', { for: 'share-link' }), 'share.link'),
    h('div', { class: 'row' }, linkInput, copyLink),
    ...(weightsRow ? [weightsRow] : []),
    tr(h('label', { for: 'share-snippet' }), 'share.embed'),
    h('div', { class: 'row' }, snippet, copySnippet),
    h('div', { class: 'row' },
      h('div', { class: 'field' }, tr(h('label', { for: 'share-size' }), 'share.size'), sizeSelect),
      custom,
      h('div', { class: 'field check' }, autoplay, tr(h('label', { for: 'share-autoplay' }), 'share.autoplay'))),
    preview,
    h('fieldset', {}, tr(h('legend'), 'share.hide'), boxes),
    h('div', { class: 'row end' }, close));
  // Removing the dialog unloads the preview (and its training) with it.
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  refresh();
  return dialog;
}
