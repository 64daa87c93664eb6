// A chapter's main picture first, on a phone: the reader who opens a shared
// link on a 390 px screen sees the play button and the picture without
// scrolling, with the rest of the page below.
//
// - The main picture is the element marked `embed-main` (the same mark the
//   embed view fits to its frame; without one, the scene's largest canvas
//   or svg). Each panel that holds it comes first among its neighbours on a
//   narrow screen (CSS `order`, in main.css: classes `lead`/`lead-parent`).
// - The top bar keeps play, step, reset and the counter; its settings fold
//   behind a "Settings" button on a narrow screen (wide screens show them).

import { h } from './dom.js';
import { addStrings, tr, trAttr } from '../i18n.js';

addStrings({
  'ui.settings': { en: 'Settings', zh: '设置' },
  'ui.settingsHelp': { en: 'Show or hide the training settings', zh: '显示或隐藏训练设置' },
});

/** The scene's main picture (marked, else its largest canvas or svg). */
export function findMain(scene) {
  let main = scene.querySelector('.embed-main');
  if (main) return main;
  let area = 0;
  for (const el of scene.querySelectorAll('canvas, svg')) {
    const r = el.getBoundingClientRect();
    if (r.width * r.height > area) {
      area = r.width * r.height;
      main = el;
    }
  }
  main?.classList.add('embed-main');
  return main;
}

/**
 * Orders the scene mounted in `stage` for narrow screens (the CSS applies
 * it only there) and adds the Settings button to its top bar. Returns
 * `{ stop }`, which undoes both.
 */
export function mainFirst(stage) {
  const scene = stage.firstElementChild;
  if (!scene) return { stop() {} };
  const marked = [];
  const main = findMain(scene);
  for (let e = main?.parentElement; e && e !== scene && scene.contains(e); e = e.parentElement) {
    e.classList.add('lead');
    e.parentElement.classList.add('lead-parent');
    marked.push(e, e.parentElement);
  }
  const topbar = scene.querySelector('.topbar');
  let toggle = null;
  // Only a top bar with settings beside play and the counter gets it.
  if (topbar?.querySelector(':scope > .buttons') && [...topbar.children].some((c) => !c.classList.contains('buttons') && !c.classList.contains('epoch'))) {
    toggle = h('button', { type: 'button', class: 'settings-toggle', 'aria-expanded': 'false' });
    tr(toggle, 'ui.settings');
    trAttr(toggle, { title: 'ui.settingsHelp' });
    toggle.addEventListener('click', () => {
      const on = !topbar.classList.contains('settings-open');
      topbar.classList.toggle('settings-open', on);
      toggle.setAttribute('aria-expanded', String(on));
    });
    topbar.classList.add('has-settings-toggle');
    topbar.append(toggle);
  }
  return {
    stop() {
      for (const el of marked) el.classList.remove('lead', 'lead-parent');
      toggle?.remove();
      topbar?.classList.remove('settings-open', 'has-settings-toggle');
    },
  };
}
