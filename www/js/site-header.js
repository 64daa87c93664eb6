// The site's header on a page outside the app (the benchmark): the same
// chapter links and language switch as the app's header. The language is
// kept in the page's own address (`?lang=zh`), and the links back into the
// app carry it in theirs (`#/route?lang=zh`), so a shared link opens in the
// language it was shared in.

import { h } from './ui/dom.js';
import { chooseLang, currentLang, setLang, tr } from './i18n.js';
import { CHAPTERS } from './chapters.js';
import { headerMenu } from './ui/header-menu.js';

/**
 * Fills the page's `header.site` and sets the language from the address
 * (else the browser's). `onLang` runs after every switch.
 */
export function siteHeader(onLang = () => {}) {
  const header = document.querySelector('header.site');
  const nav = header.querySelector('nav');
  const brand = header.querySelector('a.brand');
  brand.dataset.route = '';
  const appLinks = [brand];
  const link = (route, child) => {
    const a = h('a', { href: './', dataset: { route } }, child);
    appLinks.push(a);
    return a;
  };
  nav.replaceChildren(
    link('', tr(h('span'), 'nav.timeline')),
    ...CHAPTERS.map((c) => {
      const a = link(c.route, c.navTitle ? tr(h('span'), c.title) : h('span', { text: c.year }));
      if (!c.navTitle) a.setAttribute('data-i18n-attr', `title:${c.title}`);
      return a;
    }),
    tr(h('a', { href: 'bench.html', 'data-lang-link': 'bench.html', 'aria-current': 'page' }), 'nav.bench'),
  );
  const buttons = [...header.querySelectorAll('button[data-lang]')];
  headerMenu(header).setTitle('nav.bench');

  function use(lang) {
    setLang(lang);
    for (const a of appLinks) a.setAttribute('href', `./#/${a.dataset.route}?lang=${lang}`);
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  }

  for (const b of buttons) {
    b.addEventListener('click', () => {
      const url = new URL(location.href);
      url.searchParams.set('lang', b.dataset.lang);
      history.replaceState(null, '', url);
      use(b.dataset.lang);
      onLang(currentLang());
    });
  }
  use(chooseLang(new URLSearchParams(location.search).get('lang')));
  return currentLang();
}
