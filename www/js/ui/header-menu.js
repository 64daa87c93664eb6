// The site's header on a phone: one line with the name, the page's title
// and a menu button that opens the chapter list and the language switch
// (on a wide screen the header shows them all and these two stay hidden).
// Used by the app and by the benchmark page.

import { h } from './dom.js';
import { addStrings, tr, trAttr } from '../i18n.js';

addStrings({
  'nav.menu': { en: 'Menu', zh: '菜单' },
  'nav.menuHelp': { en: 'Chapters and language', zh: '章节与语言' },
});

/**
 * Adds the title and the menu button to `header` (header.site). Returns
 * `{ setTitle(key), close() }`.
 */
export function headerMenu(header) {
  const nav = header.querySelector('nav');
  if (!nav.id) nav.id = 'site-nav';
  const here = h('span', { class: 'here', 'aria-hidden': 'true' });
  const button = h('button', { type: 'button', class: 'menu-toggle', 'aria-expanded': 'false', 'aria-controls': nav.id });
  tr(button, 'nav.menu');
  trAttr(button, { title: 'nav.menuHelp' });
  const brand = header.querySelector('.brand');
  brand.after(here, button);

  function setOpen(on) {
    header.classList.toggle('menu-open', on);
    button.setAttribute('aria-expanded', String(on));
  }
  button.addEventListener('click', () => setOpen(!header.classList.contains('menu-open')));
  header.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && header.classList.contains('menu-open')) {
      setOpen(false);
      button.focus();
    }
  });
  // Following a link closes the menu.
  nav.addEventListener('click', (e) => {
    if (e.target.closest('a')) setOpen(false);
  });

  return {
    setTitle(key) {
      tr(here, key);
    },
    close: () => setOpen(false),
  };
}
