// Small builders for labelled controls. Every control sits in a wrapper
// that names it (data-control), so a link's `name_hide=true` can hide it.

import { h } from './dom.js';
import { tr } from '../i18n.js';

let uid = 0;

/** A wrapper with a visible label tied to `input`. */
export function field(control, labelKey, input, extra) {
  if (!input.id) input.id = `c-${control}-${++uid}`;
  const label = tr(h('label', { for: input.id }), labelKey);
  return h('div', { class: 'field', dataset: { control } }, label, input, extra);
}

/** A select of translated options: `options` is [value, labelKey] pairs. */
export function choiceSelect(options, value, onChange) {
  const s = h('select', { on: { change: () => onChange(s.value) } });
  for (const [v, key] of options) s.append(tr(h('option', { value: v }), key));
  s.value = value;
  return s;
}

/**
 * A select of numbers; a value not in `list` (from a link) is added so the
 * control always shows the truth.
 */
export function numberSelect(list, value, onChange, format = String) {
  const s = h('select', { on: { change: () => onChange(Number(s.value)) } });
  setNumberOptions(s, list, value, format);
  return s;
}

/** Refills a number select around `value`. */
export function setNumberOptions(s, list, value, format = String) {
  const all = [...new Set([...list, value])].sort((a, b) => a - b);
  s.replaceChildren(...all.map((v) => h('option', { value: String(v), text: format(v) })));
  s.value = String(value);
}

/** A checkbox with its label after it. */
export function checkbox(control, labelKey, checked, onChange) {
  const input = h('input', { type: 'checkbox', id: `c-${control}-${++uid}`, on: { change: () => onChange(input.checked) } });
  input.checked = checked;
  const label = tr(h('label', { for: input.id }), labelKey);
  return { el: h('div', { class: 'field check', dataset: { control } }, input, label), input };
}

/** A slider with a live value beside it. */
export function slider(control, labelKey, { min, max, step, value, format = String }, onChange) {
  const out = h('output', { text: format(value) });
  const input = h('input', { type: 'range', min, max, step, value });
  input.addEventListener('input', () => { out.textContent = format(Number(input.value)); });
  input.addEventListener('change', () => onChange(Number(input.value)));
  const el = field(control, labelKey, input, out);
  out.setAttribute('for', input.id);
  return {
    el,
    input,
    set(v) {
      input.value = v;
      out.textContent = format(v);
    },
  };
}

/**
 * Hides the wrappers of controls a link hid (a class of its own, so it
 * never fights a control's own `hidden` state).
 */
export function applyHidden(root, hidden) {
  for (const el of root.querySelectorAll('[data-control]')) {
    el.classList.toggle('link-hidden', hidden.has(el.dataset.control));
  }
}

/**
 * What a chapter's link hides: its text (`hideText`, and always in an
 * embed) and the controls named in `hidden`.
 */
export function applyLinkView(root, text, values, hidden, embed) {
  text.hidden = values.hideText || embed;
  applyHidden(root, hidden);
}
