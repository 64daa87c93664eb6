// The benchmark's responsiveness cases: a chapter training at its heaviest
// settings in headless Chromium for a while, watched from the page's main
// thread. Reports the longest main-thread task and the count of tasks over
// 50 ms as a long-task observer sees them (wall clock), the same from a
// trace by each task's CPU time (on a loaded machine the wall clock also
// counts the time the thread waited for a core), and animation frames per
// second. Measured, never asserted (the end-to-end test
// tests/e2e/responsive.test.mjs keeps a loose limit).

import { TASK_TRACE, mainThreadTasks } from '../tests/e2e/helpers.mjs';

const ALL9 = 'x=true&y=true&xSquared=true&ySquared=true&xTimesY=true&sinX=true&sinY=true&cosX=true&cosY=true';

/** The cases: a name (for ONLY=), what it is, its link, and how to start it. */
export const LONGTASK_CASES = [
  {
    name: 'longtask-playground-caps',
    what: 'playground at its caps (9 features, 8 layers of 32, 2,000 points, batch 1, full speed)',
    hash: `#/playground?seed=1&${ALL9}&networkShape=32,32,32,32,32,32,32,32&numSamples=2000&batchSize=1&speed=1000&autoplay=true`,
    play: false,
  },
  {
    name: 'longtask-digits-256x3',
    what: 'digits, three hidden layers of 256, batch 1',
    hash: '#/digits?seed=1&networkShape=256,256,256&batchSize=1',
    // The digits chapter has no autoplay: the Play button starts it.
    play: true,
  },
];

// Runs in the page before its own scripts.
const WATCH = () => {
  const w = { long: [], frames: 0, on: false };
  window.__watch = w;
  new PerformanceObserver((list) => {
    if (w.on) for (const e of list.getEntries()) w.long.push(e.duration);
  }).observe({ type: 'longtask' });
  const frame = () => {
    if (w.on) w.frames++;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
};

/** The first number in an element's text (commas removed); NaN if none. */
async function numberIn(page, selector) {
  const t = await page.locator(selector).first().textContent({ timeout: 1000 }).catch(() => '');
  return Number(String(t).replace(/,/g, '').match(/[\d.]+/)?.[0]);
}

/**
 * Opens `c` in a fresh context of `browser` served at `base`, waits until it
 * trains, then watches for `ms`; returns the figures.
 */
export async function measureLongTasks(browser, base, c, ms = 10000) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  try {
    await context.addInitScript(WATCH);
    const page = await context.newPage();
    await page.goto(base + c.hash);
    await page.waitForSelector('body[data-ready=true]', { state: 'attached', timeout: 60000 });
    if (c.play) await page.getByRole('button', { name: 'Play' }).first().click();
    // Training has begun once the epoch counter moves or Pause is offered.
    const end = Date.now() + 120000;
    while (Date.now() < end) {
      const label = await page.locator('button.play').first().getAttribute('aria-label').catch(() => null);
      if (label === 'Pause') break;
      await new Promise((ok) => setTimeout(ok, 100));
    }
    const epochs0 = await numberIn(page, '.epoch-value');
    await browser.startTracing(page, { categories: TASK_TRACE });
    await page.evaluate(() => { window.__watch.on = true; });
    const t0 = Date.now();
    await new Promise((ok) => setTimeout(ok, ms));
    const w = await page.evaluate(() => { window.__watch.on = false; return window.__watch; });
    const seconds = (Date.now() - t0) / 1000;
    const tasks = mainThreadTasks(await browser.stopTracing());
    const epochs = (await numberIn(page, '.epoch-value')) - epochs0;
    return {
      seconds,
      over50: w.long.length,
      longest: w.long.length ? Math.max(...w.long) : null,
      traced: tasks.length,
      longestWall: Math.max(0, ...tasks.map((t) => t.wall)),
      longestCpu: Math.max(0, ...tasks.map((t) => t.cpu)),
      cpuOver50: tasks.filter((t) => t.cpu > 50).length,
      fps: w.frames / seconds,
      epochs,
    };
  } finally {
    await context.close();
  }
}

/** The report for `c`'s figures `r`: two lines. */
export function describe(c, r) {
  const longest = r.longest === null ? `none (longest traced: ${r.longestWall.toFixed(0)} ms)` : `${r.longest.toFixed(0)} ms`;
  const epochs = Number.isFinite(r.epochs) ? `, ${r.epochs} epochs` : '';
  return `  ${c.name}: ${c.what}; ${r.seconds.toFixed(1)} s${epochs}, ${r.fps.toFixed(0)} frames/s\n`
    + `    wall clock (long-task observer): ${r.over50} tasks over 50 ms, longest ${longest}; `
    + `CPU time (trace of ${r.traced} tasks): ${r.cpuOver50} over 50 ms, longest ${r.longestCpu.toFixed(1)} ms`;
}
