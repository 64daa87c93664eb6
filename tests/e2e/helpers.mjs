// Shared by the browser tests: a server on a free port, a headless Chromium,
// and polling helpers (never fixed sleeps: these machines are noisy).

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import { serve } from '../../tools/serve.mjs';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Starts the server and the browser; returns { base, browser, close }. */
export async function start(root = 'www') {
  const server = await serve(root, 0);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  return {
    base,
    browser,
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/**
 * Opens a page at `hash`, collecting console errors and page errors; waits
 * until the app says it is ready.
 */
export async function open(env, hash, { lang = 'en-US', viewport = { width: 1400, height: 1000 } } = {}) {
  const context = await env.browser.newContext({ locale: lang, viewport });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(env.base + hash);
  try {
    await page.waitForSelector('body[data-ready=true]', { state: 'attached', timeout: 60000 });
  } catch (e) {
    throw new Error(`page did not start: ${errors.join(' | ')}`);
  }
  page.errors = errors;
  return page;
}

/** Polls `fn` until it returns a truthy value; fails after `timeout` ms. */
export async function until(fn, { timeout = 60000, every = 100, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await new Promise((ok) => setTimeout(ok, every));
  }
  throw new Error(`timed out waiting for ${what} (last: ${last})`);
}

/** The text of an element, as a number (commas removed); NaN if none. */
export async function number(page, selector) {
  const t = await page.locator(selector).first().textContent();
  return Number(String(t).replace(/[,%]/g, ''));
}

/** Trace categories that record every main-thread task with its CPU time. */
export const TASK_TRACE = ['disabled-by-default-devtools.timeline'];

/**
 * The renderer main thread's tasks in a trace recorded with TASK_TRACE
 * (`browser.startTracing(page, { categories: TASK_TRACE })`): for each, its
 * wall-clock and CPU (thread) time in ms. On a loaded machine a task's wall
 * time includes the time the thread waited for a core; the CPU time is the
 * page's own share. The busiest renderer main thread is the page's.
 */
export function mainThreadTasks(traceBuffer) {
  const events = JSON.parse(traceBuffer.toString()).traceEvents;
  const key = (e) => `${e.pid}/${e.tid}`;
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map(key));
  const byThread = new Map();
  for (const e of events) {
    if (e.name !== 'RunTask' || e.ph !== 'X' || !mains.has(key(e))) continue;
    if (!byThread.has(key(e))) byThread.set(key(e), []);
    byThread.get(key(e)).push({ wall: e.dur / 1000, cpu: (e.tdur ?? e.dur) / 1000 });
  }
  const total = (tasks) => tasks.reduce((s, t) => s + t.wall, 0);
  return [...byThread.values()].sort((a, b) => total(b) - total(a))[0] || [];
}

/**
 * `src` in a w×h iframe of a page from another origin (a server of its own
 * on another port), as a blog post holds an embed. Returns { page, frame
 * (a frame locator), inner (the frame, once ready), assertFits, close }.
 */
export async function embeddedElsewhere(env, src, { width = 600, height = 450 } = {}) {
  const host = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>host</title><iframe src="${src}" width="${width}" height="${height}" style="border:0"></iframe>`);
  });
  await new Promise((ok) => host.listen(0, '127.0.0.1', ok));
  host.unref(); // a failed assertion must not leave it holding the test process open
  const context = await env.browser.newContext({ viewport: { width: width + 200, height: height + 150 } });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${host.address().port}/`);
  const frame = page.frameLocator('iframe');
  await frame.locator('body[data-ready=true]').waitFor({ state: 'attached', timeout: 60000 });
  const inner = page.frames().find((f) => f.url().startsWith(env.base));
  return {
    page,
    frame,
    inner,
    /** No scroll bars inside the frame, and each selector's box wholly in it. */
    async assertFits(selectors) {
      const size = await inner.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight, innerWidth, innerHeight]);
      assert.ok(size[0] <= size[2] && size[1] <= size[3], `content ${size[0]}×${size[1]} in ${size[2]}×${size[3]}`);
      for (const sel of selectors) {
        const b = await frame.locator(sel).first().boundingBox();
        assert.ok(b && b.y >= 0 && b.y + b.height <= height + 1 && b.x + b.width <= width + 1, `${sel} inside the frame: ${JSON.stringify(b)}`);
      }
    },
    async close() {
      await context.close();
      await new Promise((ok) => host.close(ok));
    },
  };
}
