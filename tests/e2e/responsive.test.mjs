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
