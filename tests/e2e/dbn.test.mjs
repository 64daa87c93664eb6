// The 2006 chapter, as a reader uses it: training an RBM in the page and
// watching its filters and reconstruction error, a dream whose strip
// grows, the top half of digits clamped and the rest filled in, the
// pretraining comparison's two curves, shared and hostile links, a phone
// with touch, and an embed in a 600×450 frame on another origin.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, until, number, embeddedElsewhere } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const filtersUrl = (page) => page.locator('canvas.dbn-tiles.filters').evaluate((c) => c.toDataURL());
const recon = async (page) => Number(await page.locator('.dbn-figures').getAttribute('data-recon'));
const stripCount = async (page) => Number(await page.locator('canvas.dbn-tiles.strip').getAttribute('data-count'));

/** Ink (0–1) of each pixel of tile `i` of a tiles canvas of 8 columns. */
const tile = (page, cls, i) => page.locator(`canvas.dbn-tiles.${cls}`).evaluate((c, i) => {
  const d = c.getContext('2d').getImageData((i % 8) * 15, Math.floor(i / 8) * 15, 14, 14).data;
  const out = [];
  for (let p = 0; p < 196; p++) out.push(1 - d[4 * p + 2] / 255);
  return out;
}, i);

test('training shows 64 filters and a falling reconstruction error; a dream grows its strip; clamped halves are filled in', async () => {
  const page = await open(env, '#/dbn?seed=1&hidden=64&epochs=3');
  await until(async () => (await page.locator('canvas.dbn-tiles.filters').getAttribute('data-count')) === '64', { what: '64 filters' });
  await until(async () => Number.isFinite(await recon(page)) && (await recon(page)) > 0, { what: 'first figures' });
  const first = await recon(page);
  const before = await filtersUrl(page);
  await page.getByRole('button', { name: 'Play' }).click();
  await until(async () => (await number(page, '.epoch-value')) >= 1 && (await recon(page)) < first - 2, { what: 'reconstruction error falls', timeout: 180000, every: 500 });
  console.log(`  reconstruction error ${first.toFixed(2)} → ${(await recon(page)).toFixed(2)}: ${await page.locator('.dbn-figures').textContent()}`);
  assert.notEqual(await filtersUrl(page), before, 'the filters changed while training');
  assert.ok(Number(await page.locator('svg[aria-label="Reconstruction error over epochs"]').getAttribute('data-points')) >= 2);

  // A dream from noise: the strip grows and the step count climbs.
  await page.getByRole('button', { name: 'Dream' }).click();
  await until(async () => (await stripCount(page)) >= 4, { what: 'the strip grows', timeout: 60000 });
  const steps = await page.locator('.dbn-steps').textContent();
  assert.match(steps, /\d+ Gibbs steps · the strip holds \d+ samples/);

  // Clamp the top half of eight test digits: the top stays the digit, the bottom fills in.
  await page.getByRole('button', { name: 'Clamp the top half, fill in the rest' }).click();
  await until(async () => (await page.locator('canvas.dbn-tiles.originals').isVisible()) && /^([2-9]\d|\d{3,}) Gibbs/.test(await page.locator('.dbn-steps').textContent()), { what: 'twenty steps of filling in', timeout: 60000 });
  for (let i = 0; i < 8; i++) {
    const [orig, fill] = [await tile(page, 'originals', i), await tile(page, 'chains', i)];
    for (let p = 0; p < 98; p++) {
      const want = orig[p] >= 0.5 ? 1 : 0;
      assert.ok(Math.abs(fill[p] - want) < 0.2, `digit ${i}, pixel ${p}: clamped ${want}, shown ${fill[p]}`);
    }
    const bottomInk = fill.slice(98).reduce((a, b) => a + b, 0);
    assert.ok(bottomInk > 1, `digit ${i}: the bottom half is filled (${bottomInk.toFixed(1)})`);
  }
  await page.getByRole('button', { name: 'Back to training' }).click();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the pretraining comparison draws both accuracy curves and names both figures', async () => {
  const page = await open(env, '#/dbn?seed=2&hidden=32&layer2=16&pretrainEpochs=1&finetuneSteps=300&labels=100');
  await until(async () => (await page.locator('.dbn-compare-status').getAttribute('data-phase')) === 'none', { what: 'comparison ready' });
  await page.getByRole('button', { name: 'Run the comparison' }).click();
  await until(async () => (await page.locator('.dbn-compare-status').getAttribute('data-phase')) === 'pretrain', { what: 'pretraining', timeout: 60000 });
  await until(async () => (await page.locator('.dbn-compare-status').getAttribute('data-phase')) === 'done', { what: 'comparison done', timeout: 300000, every: 500 });
  const text = await page.locator('.dbn-compare-status').textContent();
  console.log(`  ${text}`);
  assert.match(text, /Done after 300 steps with 100 labels: pretrained \d+\.\d%, random start \d+\.\d%/);
  const chart = page.getByRole('img', { name: 'Test accuracy of both networks over fine-tuning steps' });
  assert.equal(await chart.locator('path[data-series=pretrained]').count(), 1);
  assert.equal(await chart.locator('path[data-series=random]').count(), 1);
  assert.ok(Number(await chart.getAttribute('data-points')) >= 10);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a shared link restores the configuration; hidden controls stay hidden', async () => {
  const link = '#/dbn?hidden=100&sampler=pcd&k=3&learningRate=0.02&momentum=0.9&weightDecay=0.001&batchSize=50&epochs=5'
    + '&dreamFrom=digit&dreamSpeed=30&layer2=32&pretrainEpochs=2&finetuneSteps=750&labels=2000&seed=abc&k_hide=true';
  const page = await open(env, link);
  assert.equal(await page.getByLabel('Hidden units', { exact: true }).inputValue(), '100');
  assert.equal(await page.getByLabel('Negative phase').inputValue(), 'pcd');
  assert.equal(await page.getByLabel('Learning rate').inputValue(), '0.02');
  assert.equal(await page.getByLabel('Momentum').inputValue(), '0.9');
  assert.equal(await page.getByLabel('Weight decay').inputValue(), '0.001');
  assert.equal(await page.getByLabel('Batch size').inputValue(), '50');
  assert.equal(await page.getByLabel('Stop after epochs').inputValue(), '5');
  assert.equal(await page.getByLabel('Start from').inputValue(), 'digit');
  assert.equal(await page.getByLabel('Steps per second').inputValue(), '30');
  assert.equal(await page.getByLabel('Labelled digits', { exact: true }).inputValue(), '2000');
  assert.equal(await page.getByLabel('Second RBM’s hidden units').inputValue(), '32');
  assert.equal(await page.getByLabel('Epochs per RBM', { exact: true }).inputValue(), '2');
  assert.equal(await page.getByLabel('Fine-tuning steps', { exact: true }).inputValue(), '750');
  assert.equal(await page.locator('[data-control=k]').isVisible(), false);
  await until(async () => (await page.locator('canvas.dbn-tiles.filters').getAttribute('data-count')) === '100', { what: '100 filters' });
  const hash = await page.evaluate(() => location.hash);
  assert.ok(hash.includes('seed=abc') && hash.includes('sampler=pcd') && hash.includes('labels=2000'), hash);
  await page.getByRole('button', { name: 'Share' }).click();
  for (const name of ['Filters of the hidden units', 'Dreaming and filling in', 'Gibbs steps k']) {
    assert.equal(await page.getByRole('dialog').getByLabel(name, { exact: true }).count(), 1, name);
  }
  await page.keyboard.press('Escape');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('hostile link values get the usual note and the defaults', async () => {
  const hostile = '#/dbn?hidden=99999&k=abc&learningRate=NaN&labels=7&sampler=%3Cscript%3E&seed=%3Cscript%3Ex%3C%2Fscript%3E'
    + '&%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E=1';
  const page = await open(env, hostile);
  await until(async () => (await page.locator('.notice').count()) > 0, { what: 'notice' });
  const text = await page.locator('.notice').first().textContent();
  for (const field of ['hidden', 'k', 'learningRate', 'labels', 'sampler', '<img']) assert.ok(text.includes(field), `note names ${field}: ${text}`);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('#notice img, #notice script').count(), 0);
  await until(async () => (await page.locator('canvas.dbn-tiles.filters').getAttribute('data-count')) === '128', { what: 'the default machine' });
  await page.context().close();
});

test('at phone width, with touch: no sideways scrolling, and a tap starts a dream', async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${env.base}#/dbn?seed=3&hidden=32`);
  await page.waitForSelector('body[data-ready=true]', { state: 'attached', timeout: 60000 });
  await until(async () => (await page.locator('canvas.dbn-tiles.filters').getAttribute('data-count')) === '32', { what: 'first frame' });
  const sw = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(sw <= 390, `page ${sw}px wide on a 390px phone`);
  const dream = page.getByRole('button', { name: 'Dream' });
  await dream.scrollIntoViewIfNeeded();
  await dream.tap();
  await until(async () => (await stripCount(page)) >= 3, { what: 'a dream after a tap', timeout: 60000 });
  const strip = await page.locator('canvas.dbn-tiles.strip').boundingBox();
  assert.ok(strip.x >= 0 && strip.x + strip.width <= 390, 'the strip fits');
  await context.close();
});

test('embedded at 600×450 in a page of another origin: the filters, the curves and Play fit, with no inner scroll bars', async () => {
  const src = `${env.base}#/dbn?embed=true&autoplay=true&seed=4&hidden=64`;
  const embed = await embeddedElsewhere(env, src);
  const { frame } = embed;
  await until(async () => (await frame.locator('.dbn-figures').getAttribute('data-recon')) !== null && (await number(frame, '.epoch-value')) >= 1, { what: 'autoplay', timeout: 180000, every: 500 });
  await embed.assertFits(['button.play', 'canvas.dbn-tiles.filters', 'canvas.dbn-tiles.recon', '.dbn-figures']);
  assert.equal(await frame.locator('.chapter-text').isVisible(), false);
  await embed.close();
});
