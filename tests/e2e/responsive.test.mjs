// The page stays responsive while training at the largest settings: a
// long-task observer records every main-thread task over 50 ms (the aim),
// and a trace of the same stretch gives each task's CPU time.
//
// On a loaded 2-core machine a task's wall-clock time also counts the time
// the main thread waited for a core (traced at 5 ms of CPU in a 50 ms task),
// so the limits hold the page to what it does itself: the test fails on a
// task that takes over 100 ms (twice the aim) or on more than three tasks
// over 50 ms, counting each task's CPU time. The wall-clock figures are
// printed; `make bench` reports them over longer runs, without assert.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, until, number, TASK_TRACE, mainThreadTasks } from './helpers.mjs';
import { CHAPTERS } from '../../www/js/chapters.js';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const OBSERVE = () => {
  window.__long = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__long.push(Math.round(e.duration));
  }).observe({ type: 'longtask', buffered: true });
};

/** Fails on any task over this (twice the 50 ms aim)… */
const LONGEST_MS = 100;
/** …or on more than this many tasks over 50 ms in one run. */
const MOST_OVER_AIM = 3;

const ALL = 'x=true&y=true&xSquared=true&ySquared=true&xTimesY=true&sinX=true&sinY=true';
const CASES = [
  ['TensorFlow Playground’s largest network, at full speed', `${ALL}&networkShape=8,8,8,8,8,8&batchSize=10&speed=1000`],
  ['the engine’s caps: 9 features, 8 layers of 32, 2,000 points, batch 1', `${ALL}&cosX=true&cosY=true&networkShape=32,32,32,32,32,32,32,32&numSamples=2000&batchSize=1&speed=1000`],
];

for (const [name, query] of CASES) {
  test(`no long task while training: ${name}`, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.addInitScript(OBSERVE);
    const page = await context.newPage();
    await page.goto(`${env.base}#/playground?seed=1&${query}`);
    await page.waitForSelector('body[data-ready=true]', { state: 'attached', timeout: 60000 });
    await until(async () => Number.isFinite(await number(page, '#test-loss')), { what: 'first frame' });
    await env.browser.startTracing(page, { categories: TASK_TRACE });
    await page.evaluate(() => { window.__long = []; });
    await page.getByRole('button', { name: 'Play' }).click();
    const e0 = await until(async () => (await number(page, '.epoch-value')) > 0 && number(page, '.epoch-value'), { what: 'training' });
    // Change settings while training: the page rebuilds and keeps going.
    await page.getByLabel('Activation').selectOption('relu');
    await page.getByLabel('Learning rate').selectOption('0.01');
    assert.equal(await page.locator('button.play').getAttribute('aria-label'), 'Pause', 'still training');
    await until(async () => (await number(page, '.epoch-value')) > 10, { what: 'more epochs', timeout: 120000 });
    const frames = await page.evaluate(() => new Promise((ok) => {
      let n = 0;
      const t0 = performance.now();
      const f = () => (performance.now() - t0 < 2000 ? (n++, requestAnimationFrame(f)) : ok(n));
      requestAnimationFrame(f);
    }));
    const long = await page.evaluate(() => window.__long);
    const tasks = mainThreadTasks(await env.browser.stopTracing());
    const cpu = tasks.map((t) => t.cpu);
    const overAim = cpu.filter((c) => c > 50).map(Math.round);
    console.log(`  ${name}: epoch ${e0}→${await number(page, '.epoch-value')}, ${frames} animation frames in 2 s, `
      + `long tasks (wall clock) ${JSON.stringify(long)}; ${tasks.length} tasks traced, most CPU in one ${Math.max(0, ...cpu).toFixed(1)} ms`);
    assert.ok(tasks.length > 0, 'the trace holds the main thread\'s tasks');
    assert.ok(cpu.every((c) => c <= LONGEST_MS), `a main-thread task over ${LONGEST_MS} ms of CPU: ${Math.max(...cpu).toFixed(0)} ms (wall clock: ${long})`);
    assert.ok(overAim.length <= MOST_OVER_AIM, `${overAim.length} main-thread tasks over 50 ms of CPU (at most ${MOST_OVER_AIM}): ${overAim} (wall clock: ${long})`);
    await context.close();
  });
}

// Phones: every chapter of the registry at 390×844 and at 360 px wide, with
// touch: the page is exactly as wide as the screen, the header takes one
// line, and the play button and the main picture are on the first screen.

/** A phone-sized page with touch, ready. */
async function phone(hash, width, height = 844) {
  const context = await env.browser.newContext({ viewport: { width, height }, hasTouch: true, isMobile: true, locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(env.base + hash);
  await page.waitForSelector('body[data-ready=true]', { state: 'attached', timeout: 60000 });
  page.errors = errors;
  return page;
}

function firstScreen(page) {
  return page.evaluate(() => {
    const box = (el) => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top + scrollY, right: r.right, bottom: r.bottom + scrollY, width: r.width };
    };
    return {
      scrollWidth: document.documentElement.scrollWidth,
      width: innerWidth,
      height: innerHeight,
      header: box(document.querySelector('header.site')),
      play: box(document.querySelector('#stage button.play')),
      main: box(document.querySelector('#stage .embed-main')),
    };
  });
}

for (const width of [390, 360]) {
  for (const chapter of CHAPTERS) {
    test(`#/${chapter.route} on a ${width} px phone: fits its width, play and the main picture on the first screen`, async () => {
      const page = await phone(`#/${chapter.route}`, width);
      const m = await until(async () => {
        const x = await firstScreen(page);
        return x.main && x.main.width > 0 && x;
      }, { what: 'the main picture' });
      console.log(`  #/${chapter.route} at ${width}: page ${m.scrollWidth} wide, header ${Math.round(m.header.bottom)} px, `
        + `play ends at ${m.play ? Math.round(m.play.bottom) : '-'}, main picture ${Math.round(m.main.top)}–${Math.round(m.main.bottom)}`);
      assert.equal(m.scrollWidth, width, 'no sideways scrolling');
      assert.equal(m.width, width);
      assert.ok(m.header.bottom <= 64, `a one-line header: ${m.header.bottom} px`);
      assert.ok(m.main.left >= 0 && m.main.right <= width && m.main.bottom <= m.height, `main picture on the first screen: ${JSON.stringify(m.main)}`);
      // Every control a finger uses is at least 40 px (the graph's nodes
      // widen their target beyond what they draw).
      const small = await page.evaluate(() => [...document.querySelectorAll('main button:not(.node), main select, main input:not([type=checkbox]):not([type=radio]):not([type=range]):not([type=file])')]
        .filter((e) => e.offsetParent !== null)
        .map((e) => ({ what: `${e.tagName} ${e.className} ${e.textContent.slice(0, 20)}`, r: e.getBoundingClientRect() }))
        .filter((x) => x.r.height < 40 || x.r.width < 40).map((x) => `${x.what}: ${Math.round(x.r.width)}×${Math.round(x.r.height)}`));
      assert.deepEqual(small, [], 'finger-sized controls');
      if (chapter.worker) {
        assert.ok(m.play && m.play.bottom <= m.height && m.play.width >= 40, `play on the first screen: ${JSON.stringify(m.play)}`);
        await page.locator('button.play').tap();
        await until(async () => (await number(page, '.epoch-value')) > 0, { what: 'training after a tap', timeout: 120000 });
        await page.locator('button.play').tap();
      }
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }
}

test('the phone header opens the chapter list and the language switch from its menu button', async () => {
  const page = await phone('#/perceptron', 390);
  const menu = page.getByRole('button', { name: 'Menu' });
  assert.equal(await page.locator('header.site .here').textContent(), 'The perceptron');
  assert.equal(await page.locator('header.site nav').isVisible(), false);
  await menu.tap();
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  const link = page.locator('header.site nav a[data-route=playground]');
  assert.ok((await link.boundingBox()).height >= 40, 'a finger-sized link');
  await link.tap();
  await until(async () => (await page.locator('.scene.playground').count()) === 1, { what: 'the playground' });
  assert.equal(await page.locator('header.site nav').isVisible(), false, 'the menu closes');
  assert.equal(await page.locator('header.site .here').textContent(), 'Backpropagation');
  // The settings fold behind a button on a phone.
  assert.equal(await page.getByLabel('Learning rate').isVisible(), false);
  await page.getByRole('button', { name: 'Settings' }).tap();
  assert.equal(await page.getByLabel('Learning rate').isVisible(), true);
  // Chinese.
  await page.getByRole('button', { name: 'Menu' }).tap();
  await page.locator('header.site button[data-lang=zh]').tap();
  assert.equal(await page.getByRole('button', { name: '菜单' }).isVisible(), true);
  assert.equal(await page.locator('header.site .here').textContent(), '反向传播');
  await page.context().close();
});

test('the perceptron on a touch screen: taps add either class and remove points', async () => {
  const page = await phone('#/perceptron?seed=4', 390);
  const plot = page.locator('#stage .plot .plot-fg');
  const link = () => page.evaluate(() => location.hash);
  await plot.scrollIntoViewIfNeeded();
  const b = await plot.boundingBox();
  const group = page.getByRole('group', { name: 'A click or tap on the plane' });
  for (const name of ['adds blue', 'adds orange', 'removes a point']) {
    const box = await group.getByRole('button', { name }).boundingBox();
    assert.ok(box.height >= 40, `${name}: a finger-sized button (${box.height} px)`);
  }
  const before = await link();
  // A tap in an empty corner adds an orange point (label 0) at the tap.
  await group.getByRole('button', { name: 'adds orange' }).tap();
  await page.touchscreen.tap(b.x + b.width * 0.97, b.y + b.height * 0.03);
  await until(async () => (await link()) !== before, { what: 'a point added by a tap' });
  const added = await link();
  // Remove mode: the same spot removes it again.
  await group.getByRole('button', { name: 'removes a point' }).tap();
  await page.touchscreen.tap(b.x + b.width * 0.97, b.y + b.height * 0.03);
  await until(async () => (await link()) !== added, { what: 'the point removed by a tap' });
  assert.equal(await group.getByRole('button', { name: 'removes a point' }).getAttribute('aria-pressed'), 'true');
  await page.context().close();
});

test('the playground on a touch screen: a tap adds a point of the chosen class, and with “none” chosen removes it', async () => {
  const page = await phone('#/playground?seed=4&dataset=xor', 390);
  // The graph's layer and neuron +/− buttons are finger-sized too.
  await until(async () => (await page.locator('.graph button.round').count()) >= 4, { what: 'the graph' });
  for (const b of await page.locator('.graph button.round').all()) {
    const box = await b.boundingBox();
    assert.ok(box.width >= 40 && box.height >= 40, `a +/− button of ${box.width}×${box.height} px`);
  }
  const plot = page.locator('.out-col .plot .plot-fg');
  const points = () => page.evaluate(() => new URLSearchParams(location.hash.split('?')[1] || '').get('points') || '');
  await page.locator('details', { hasText: 'Your own data' }).locator('summary').tap();
  const choose = page.getByLabel('Add points as');
  await choose.selectOption('1');
  await plot.scrollIntoViewIfNeeded();
  const b = await plot.boundingBox();
  // The top-left corner, far from the XOR points near the centres.
  const spot = [b.x + b.width * 0.03, b.y + b.height * 0.03];
  await page.touchscreen.tap(...spot);
  await until(async () => (await points()).length > 0, { what: 'a point added by a tap' });
  const added = await points();
  await choose.selectOption('remove');
  await plot.scrollIntoViewIfNeeded();
  const c = await plot.boundingBox();
  await page.touchscreen.tap(c.x + c.width * 0.03, c.y + c.height * 0.03);
  await until(async () => (await points()) !== added, { what: 'the point removed by a tap' });
  assert.ok((await points()).length < added.length, 'one point fewer');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
