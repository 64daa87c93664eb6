// The benchmark page runs in the browser and prints a full table: every
// case for every build this browser validates, and TensorFlow.js where it
// has the case. No timing is asserted: these machines are shared.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

test('the benchmark page runs every case and prints the table', async () => {
  const page = await env.browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${env.base}bench.html#auto&quick`);
  await page.waitForFunction(() => window.__bench, null, { timeout: 300000, polling: 250 });
  const result = await page.evaluate(() => window.__bench);
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.columns, ['relaxed', 'simd', 'scalar', 'TensorFlow.js'], 'Chromium validates all three builds');
  const rows = await page.locator('#results tbody tr').count();
  assert.equal(rows, 21);
  for (const [c, values] of Object.entries(result.values)) {
    for (const build of ['relaxed', 'simd', 'scalar']) assert.ok(values[build] > 0, `${c} ${build}`);
  }
  for (const c of ['matmul-512', 'mlp-196-64-10-b32', 'digits-128-epoch', 'cnn-digits-b32', 'cnn-read-one', 'gpt-tiny-train', 'gpt-small-train', 'lstm-64-train', 'lstm-128-train']) assert.ok(result.values[c]['TensorFlow.js'] > 0, `${c} TF.js`);
  assert.match(await page.locator('#results').textContent(), /× TF\.js/);
  // The same table in Chinese: headers, units and notes rewritten in place,
  // the language kept in the address.
  await page.getByRole('button', { name: '中文' }).click();
  await page.waitForFunction(() => document.querySelector('#results th')?.textContent === '测试项', null, { timeout: 10000 });
  const zh = await page.locator('#results').textContent();
  assert.match(zh, /为 TF\.js 的 [\d.]+×/);
  assert.match(zh, /样本\/秒/);
  assert.match(await page.locator('#state').textContent(), /^完成\uff1a/);
  assert.match(page.url(), /bench\.html\?lang=zh#auto&quick$/);
  assert.deepEqual(errors, []);
});

test('the page says which build it runs, and a link can ask for another', async () => {
  const page = await env.browser.newPage();
  await page.goto(`${env.base}#/`);
  await page.waitForSelector('body[data-ready=true]', { state: 'attached' });
  assert.match(await page.locator('#engine-variant').textContent(), /relaxed SIMD/);
  await page.goto(`${env.base}#/playground?engine=scalar&seed=1&autoplay=true`);
  await page.reload();
  await page.waitForSelector('body[data-ready=true]', { state: 'attached' });
  assert.match(await page.locator('#engine-variant').textContent(), /without SIMD/);
  await page.waitForFunction(() => Number(document.querySelector('.epoch-value')?.textContent.replace(/,/g, '')) > 3, null, { timeout: 60000 });
  await page.close();
});
