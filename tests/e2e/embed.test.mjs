// Every chapter of the registry embedded in a blog-like page of another
// origin, in the frame sizes the Share dialog offers (600×450, 400×400):
// no scroll bars inside the frame, the play button and the main picture
// wholly inside it, the settings behind one labelled "Controls" button, and
// pressing play trains (the shown epoch counter moves).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { start, until } from './helpers.mjs';
import { CHAPTERS } from '../../www/js/chapters.js';

let env;
let host;
before(async () => {
  env = await start();
  // The blog: another port is another origin.
  host = createServer((req, res) => {
    const q = new URL(req.url, 'http://host').searchParams;
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>blog</title><body style="margin:0"><p>A post.</p>`
      + `<iframe src="${env.base}#/${q.get('route')}?embed=true" width="${q.get('w')}" height="${q.get('h')}" style="border:0"></iframe>`);
  });
  await new Promise((ok) => host.listen(0, '127.0.0.1', ok));
});
after(async () => {
  await new Promise((ok) => host.close(ok));
  await env.close();
});

/** Opens `route` embedded at w×h; returns { page, frame, context }. */
async function embedded(route, w, h, lang = 'en-US') {
  const context = await env.browser.newContext({ viewport: { width: 900, height: 700 }, locale: lang });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`http://127.0.0.1:${host.address().port}/?route=${route}&w=${w}&h=${h}`);
  const frame = await until(() => page.frames().find((f) => f.url().startsWith(env.base)), { what: 'the frame' });
  await frame.waitForSelector('body[data-ready=true]', { state: 'attached', timeout: 60000 });
  return { page, frame, context, errors };
}

/** The frame's document and a few boxes, measured inside the frame. */
function layout(frame) {
  return frame.evaluate(() => {
    const d = document.documentElement;
    const box = (el) => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
    };
    return {
      scrollWidth: d.scrollWidth, scrollHeight: d.scrollHeight, clientWidth: d.clientWidth, clientHeight: d.clientHeight,
      main: box(document.querySelector('#stage .embed-main')),
      play: box(document.querySelector('#stage button.play')),
      zoom: document.body.dataset.embedZoom,
    };
  });
}

const inside = (b, L) => b && b.width > 0 && b.height > 0 && b.left >= -0.5 && b.top >= -0.5
  && b.right <= L.clientWidth + 0.5 && b.bottom <= L.clientHeight + 0.5;

const epoch = async (frame) => Number((await frame.locator('.epoch-value').first().textContent()).replace(/,/g, ''));

for (const chapter of CHAPTERS) {
  for (const [w, h] of [[600, 450], [400, 400]]) {
    test(`#/${chapter.route} embedded at ${w}×${h}: fits, main picture and play inside, trains`, async () => {
      const { frame, context, errors } = await embedded(chapter.route, w, h);
      // The fit settles once the scene has drawn; no scroll bars inside.
      const L = await until(async () => {
        const l = await layout(frame);
        return l.scrollHeight <= l.clientHeight && l.scrollWidth <= l.clientWidth && inside(l.main, l) && l;
      }, { what: `${chapter.route} fitting ${w}×${h}`, timeout: 60000, every: 250 }).catch(async (e) => {
        throw new Error(`${e.message}: ${JSON.stringify(await layout(frame))}`);
      });
      console.log(`  #/${chapter.route} ${w}×${h}: content ${L.scrollWidth}×${L.scrollHeight}, zoom ${L.zoom}, `
        + `main picture ${Math.round(L.main.width)}×${Math.round(L.main.height)}`);
      assert.equal(await frame.locator('header.site').isVisible(), false);
      assert.equal(await frame.locator('.chapter-text').isVisible(), false);
      const toggle = frame.getByRole('button', { name: 'Controls' });
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
      assert.ok(await toggle.isVisible(), 'the Controls button is shown');
      if (chapter.worker) {
        assert.ok(inside(L.play, L), `play inside the frame: ${JSON.stringify(L.play)}`);
        assert.ok(L.play.width >= 40, 'a full-size play button');
        const before = await epoch(frame);
        await frame.locator('button.play').click();
        await until(async () => (await epoch(frame)) > before, { what: `${chapter.route} training in the frame`, timeout: 120000 });
        await frame.locator('button.play').click();
        // Training changes what is drawn; the frame still fits.
        const after = await layout(frame);
        assert.ok(after.scrollHeight <= after.clientHeight + 1, `after training: ${after.scrollHeight} in ${after.clientHeight}`);
      }
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}

test('the Controls button opens and closes the settings by keyboard, in both languages', async () => {
  const { frame, context } = await embedded('playground', 600, 450);
  const toggle = frame.getByRole('button', { name: 'Controls' });
  assert.equal(await frame.getByLabel('Learning rate').isVisible(), false);
  await toggle.focus();
  await toggle.press('Enter');
  await until(async () => (await toggle.getAttribute('aria-expanded')) === 'true', { what: 'opened' });
  assert.equal(await frame.getByLabel('Learning rate').isVisible(), true);
  assert.equal(await frame.locator('.net-col').isVisible(), true, 'the network graph is back');
  // Opened, the page may scroll, but it fits the frame's width.
  const open = await layout(frame);
  assert.ok(open.scrollWidth <= open.clientWidth, `open: ${open.scrollWidth} wide in ${open.clientWidth}`);
  await toggle.press('Space');
  await until(async () => (await toggle.getAttribute('aria-expanded')) === 'false', { what: 'closed' });
  await until(async () => {
    const l = await layout(frame);
    return l.scrollHeight <= l.clientHeight && inside(l.main, l);
  }, { what: 'fitting again' });
  await context.close();

  const zh = await embedded('perceptron', 400, 400, 'zh-CN');
  const zhToggle = zh.frame.getByRole('button', { name: '设置' });
  assert.equal(await zhToggle.isVisible(), true);
  await zh.context.close();
});
