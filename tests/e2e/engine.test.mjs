// The engine's boundary: routes and builds are looked up only among the
// app's own names, and an engine error leaves a message and a way to start
// the chapter again, never a dead tab.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, until, number } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

test('names inherited by every object are no routes and no builds', async () => {
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
    const page = await open(env, `#/${name}?engine=${name}`);
    await until(async () => (await page.locator('.notice').count()) > 0, { what: `note for ${name}` });
    assert.match(await page.locator('.notice').first().textContent(), /no chapter/);
    // The timeline opened, on a real build of the engine.
    await until(async () => (await page.locator('main .timeline, main ol').count()) > 0, { what: 'timeline' });
    assert.match(await page.locator('#engine-variant').textContent(), /SIMD|WebAssembly/i);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('the header lists every chapter of the registry', async () => {
  const page = await open(env, '#/');
  const routes = await page.locator('header nav a[data-route]').evaluateAll((as) => as.map((a) => a.dataset.route));
  assert.deepEqual(routes, ['', 'neuron', 'perceptron', 'xor', 'playground', 'cnn', 'lstm', 'digits', 'dbn', 'gpt', 'rlhf', 'hub']);
  await page.context().close();
});

test('an engine error says so and the chapter can start again', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.addInitScript(() => {
    const Original = window.Worker;
    window.__workers = [];
    window.Worker = class extends Original {
      constructor(...args) {
        super(...args);
        window.__workers.push(this);
      }
    };
  });
  const page = await context.newPage();
  await page.goto(`${env.base}#/playground?seed=3`);
  await page.waitForSelector('body[data-ready=true]', { state: 'attached', timeout: 60000 });
  await until(() => page.evaluate(() => window.__workers.length === 1), { what: 'worker' });
  // The worker is asked for a chapter that does not train: the engine side
  // refuses, and the page shows the error with a way out.
  await page.evaluate(() => window.__workers[0].postMessage({ type: 'init', scene: 'constructor' }));
  const again = page.getByRole('button', { name: 'Start the chapter again' });
  await until(() => again.isVisible(), { what: 'reset button' });
  assert.match(await page.locator('.notice.error').textContent(), /engine stopped with an error/);
  await again.click();
  await until(() => page.evaluate(() => window.__workers.length === 2), { what: 'a new worker' });
  assert.equal(await page.locator('.notice.error').count(), 0);
  await page.getByRole('button', { name: 'Play' }).click();
  await until(async () => (await number(page, '.epoch-value')) > 3, { what: 'training after the reset' });
  await context.close();
});
