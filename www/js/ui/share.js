// The Share dialog: the link to this exact state, and an iframe snippet for
// a blog post, with checkboxes for the controls the embed should hide.

import { h, clear } from './dom.js';
import { t, tr, trAttr } from '../i18n.js';

/** Escapes text for an HTML attribute value in the snippet. */
function attr(s) {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * @param {object} o
 * @param {string[]} o.hideable  control names
 * @param {Set<string>} o.hidden  currently hidden
 * @param {(hidden: string[], embed: {embed: boolean, autoplay: boolean}) => string} o.url
 */
export function openShare(o) {
  const hidden = new Set(o.hidden);
  const dialog = h('dialog', { class: 'share' });
  const linkInput = h('input', { type: 'text', readonly: true, id: 'share-link' });
  const snippet = h('textarea', { rows: 3, readonly: true, id: 'share-snippet', spellcheck: 'false' });
  const autoplay = h('input', { type: 'checkbox', id: 'share-autoplay' });
  const width = h('input', { type: 'number', id: 'share-width', value: 900, min: 200, max: 2000, class: 'short' });
  const height = h('input', { type: 'number', id: 'share-height', value: 620, min: 200, max: 2000, class: 'short' });
  const boxes = h('div', { class: 'hide-list' });
  for (const name of o.hideable) {
    const id = `share-hide-${name}`;
    const cb = h('input', { type: 'checkbox', id, on: { change: () => { cb.checked ? hidden.add(name) : hidden.delete(name); refresh(); } } });
    cb.checked = hidden.has(name);
    boxes.append(h('div', { class: 'field check' }, cb, tr(h('label', { for: id }), `hide.${name}`)));
  }

  function refresh() {
    const list = o.hideable.filter((n) => hidden.has(n));
    linkInput.value = o.url(list, { embed: false, autoplay: false });
    const src = o.url(list, { embed: true, autoplay: autoplay.checked });
    const w = Math.max(200, Math.min(2000, Number(width.value) || 900));
    const hh = Math.max(200, Math.min(2000, Number(height.value) || 620));
    snippet.value = `<iframe src="${attr(src)}" width="${w}" height="${hh}" style="border:0" loading="lazy" title="${attr(t('app.title'))}"></iframe>`;
  }
  for (const el of [autoplay, width, height]) el.addEventListener('input', refresh);

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
    tr(h('label', { for: 'share-snippet' }), 'share.embed'),
    h('div', { class: 'row' }, snippet, copySnippet),
    h('div', { class: 'row' },
      h('div', { class: 'field check' }, autoplay, tr(h('label', { for: 'share-autoplay' }), 'share.autoplay')),
      h('div', { class: 'field' }, tr(h('label', { for: 'share-width' }), 'share.width'), width),
      h('div', { class: 'field' }, tr(h('label', { for: 'share-height' }), 'share.height'), height)),
    h('fieldset', {}, tr(h('legend'), 'share.hide'), boxes),
    h('div', { class: 'row end' }, close));
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  refresh();
  dialog.showModal();
  return dialog;
}
