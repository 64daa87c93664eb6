// Play, step and reset, with the epoch counter beside them: the same in
// every chapter that trains.

import { h } from './dom.js';
import { icon } from './icons.js';
import { tr, trAttr } from '../i18n.js';

export function buildTransport(actions) {
  const play = h('button', { class: 'play', dataset: { control: 'playButton' }, 'aria-keyshortcuts': 'Space', on: { click: actions.togglePlay } });
  const step = h('button', { class: 'round', dataset: { control: 'stepButton' }, on: { click: actions.step } }, icon('step'));
  const reset = h('button', { class: 'round', dataset: { control: 'resetButton' }, on: { click: actions.reset } }, icon('reset'));
  trAttr(step, { 'aria-label': 'top.step', title: 'top.step' });
  trAttr(reset, { 'aria-label': 'top.reset', title: 'top.reset' });
  const epoch = h('output', { class: 'epoch-value', text: '000,000', 'aria-live': 'off' });
  const label = tr(h('span', { class: 'caption' }), 'top.epoch');
  label.id = `epoch-label-${Math.random().toString(36).slice(2, 8)}`;
  epoch.setAttribute('aria-labelledby', label.id);
  const api = {
    buttons: h('div', { class: 'buttons' }, reset, play, step),
    epoch: h('div', { class: 'epoch' }, label, epoch),
    setPlaying(on) {
      play.replaceChildren(icon(on ? 'pause' : 'play'));
      trAttr(play, { 'aria-label': on ? 'top.pause' : 'top.play', title: on ? 'top.pause' : 'top.play' });
      play.classList.toggle('playing', on);
    },
    setEpoch(n) {
      epoch.textContent = String(n).padStart(6, '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    },
  };
  api.setPlaying(false);
  return api;
}

/** Space starts and stops training when no control has the focus. */
export function spaceToggles(toggle) {
  const onKey = (e) => {
    if (e.key !== ' ' || e.repeat) return;
    const tag = (e.target && e.target.tagName) || '';
    if (['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'SUMMARY', 'CANVAS'].includes(tag) || e.target.isContentEditable) return;
    e.preventDefault();
    toggle();
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}
