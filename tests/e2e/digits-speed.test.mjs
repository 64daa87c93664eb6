// The digits chapter's speed control: from as fast as the machine goes down
// to one batch per frame, so the evidence maps can be watched forming; at a
// chosen speed, pausing stops training within a frame of what is shown; the
// controls that do not apply to the softmax model alone are hidden.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, until, number } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

/** A fingerprint of the ten evidence maps as drawn. */
const maps = (page) => page.evaluate(() => {
  let sum = 0;
  for (const c of document.querySelectorAll('.embed-main canvas.digit-map')) {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 0; i < d.length; i += 4) sum = (sum * 31 + d[i] * 7 + d[i + 2]) % 1e9;
  }
  return sum;
});

test('one batch per frame: the maps change from frame to frame within the first epoch', async () => {
  const page = await open(env, '#/digits?seed=1&speed=batch');
  const speed = page.getByLabel('Speed', { exact: true });
  assert.equal(await speed.inputValue(), 'batch');
  assert.equal(await speed.locator('option:checked').textContent(), 'one batch per frame');
  await until(async () => (await page.locator('.epoch-value').textContent()) === '000,000', { what: 'ready' });
  await page.getByRole('button', { name: 'Play' }).click();
  const seen = new Set();
  const t0 = Date.now();
  await until(async () => {
    seen.add(await maps(page));
    return seen.size >= 5;
  }, { what: 'five different pictures of the maps', every: 150, timeout: 60000 });
  const epoch = await number(page, '.epoch-value');
  const examples = await page.evaluate(() => Number(/([\d,]+) examples\/s/.exec(document.querySelector('.perf')?.textContent ?? '')?.[1]?.replace(/,/g, '') ?? NaN));
  console.log(`  ${seen.size} different maps in ${Date.now() - t0} ms, still at epoch ${epoch}; ${examples} examples/s (one batch of 32 per frame is at most 1,920)`);
  assert.equal(epoch, 0, 'all within the first epoch (250 batches)');
  if (Number.isFinite(examples)) assert.ok(examples <= 2400, `no faster than a batch a frame: ${examples}/s`);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.context().close();
});

test('at one epoch per second, pause stops within a frame of what is shown', async () => {
  const page = await open(env, '#/digits?seed=2&speed=1');
  await page.getByRole('button', { name: 'Play' }).click();
  await until(async () => (await number(page, '.epoch-value')) >= 2, { what: 'two epochs', timeout: 60000 });
  const shown = await number(page, '.epoch-value');
  await page.getByRole('button', { name: 'Pause' }).click();
  await until(async () => (await page.locator('button.play').getAttribute('aria-label')) === 'Play', { what: 'paused' });
  // The last frame after the pause tells where training stopped.
  await new Promise((ok) => setTimeout(ok, 1500));
  const stopped = await number(page, '.epoch-value');
  console.log(`  shown ${shown} when Pause was pressed, stopped at ${stopped}`);
  // The slice already in the worker when Pause arrives finishes: at full
  // speed on an idle machine that was up to 2 of the softmax's epochs (it
  // was about 7 before the counter followed the worker); twice that is the
  // bound.
  assert.ok(stopped - shown <= 4, `training went on for ${stopped - shown} epochs after the pause`);
  await page.context().close();
});

test('at full speed, Pause stops at the epoch the counter shows', async () => {
  // The softmax model alone trains many epochs a second. The counter is
  // read and Pause pressed in one task of the page, as a reader would see
  // and press them, without a test driver's delay in between.
  const page = await open(env, '#/digits?seed=2');
  await page.getByRole('button', { name: 'Play' }).click();
  await until(async () => (await number(page, '.epoch-value')) >= 3, { what: 'three epochs', timeout: 60000 });
  const shown = await page.evaluate(() => {
    const epoch = Number(document.querySelector('.epoch-value').textContent.replace(/,/g, ''));
    document.querySelector('button.play').click();
    return epoch;
  });
  await until(async () => (await page.locator('button.play').getAttribute('aria-label')) === 'Play', { what: 'paused' });
  await new Promise((ok) => setTimeout(ok, 1500));
  const stopped = await number(page, '.epoch-value');
  console.log(`  full speed: shown ${shown} when Pause was pressed, stopped at ${stopped}`);
  // The slice already in the worker when Pause arrives finishes: at full
  // speed on an idle machine that was up to 2 of the softmax's epochs (it
  // was about 7 before the counter followed the worker); twice that is the
  // bound.
  assert.ok(stopped - shown <= 4, `training went on for ${stopped - shown} epochs after the pause`);
  await page.context().close();
});

test('the speed is in the link, both languages name it, and softmax-only hides what does not apply', async () => {
  const page = await open(env, '#/digits?seed=1');
  assert.equal(await page.getByLabel('Speed', { exact: true }).inputValue(), 'max');
  // Softmax alone: no activation to choose and nothing to compare with.
  assert.equal(await page.getByLabel('Activation').isVisible(), false);
  assert.equal(await page.getByLabel('Train the softmax model beside it').isVisible(), false);
  await page.getByLabel('Speed', { exact: true }).selectOption('3');
  await until(async () => (await page.evaluate(() => location.hash)).includes('speed=3'), { what: 'speed in the link' });
  await page.getByLabel('Network', { exact: true }).selectOption('128');
  await until(async () => page.getByLabel('Activation').isVisible(), { what: 'activation shown for a hidden layer' });
  assert.equal(await page.getByLabel('Train the softmax model beside it').isVisible(), true);
  await page.getByRole('button', { name: '中文' }).click();
  assert.equal(await page.getByLabel('速度', { exact: true }).locator('option[value="batch"]').textContent(), '每帧一个批次');
  assert.equal(await page.getByLabel('速度', { exact: true }).inputValue(), '3');
  await page.context().close();
});
