// The digits chapter, as a reader uses it: train, draw with the mouse, read
// a shared link; and a damaged data file.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, until, number } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const accuracy = async (page) => number(page, 'table.compare tbody tr:first-child td.acc');

/** Draws a polyline on the pad with the mouse, in pad coordinates (0–280). */
async function stroke(page, points) {
  const box = await page.locator('canvas.pad').boundingBox();
  const at = ([x, y]) => [box.x + (x / 280) * box.width, box.y + (y / 280) * box.height];
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 3 });
  await page.mouse.up();
}

const verdict = (page) => page.locator('.verdict').textContent();

test('training through the page lifts test accuracy above 85%, and drawn digits are read', async () => {
  const page = await open(env, '#/digits?seed=1&networkShape=128&learningRate=0.1');
  await until(async () => (await page.locator('.data-info').textContent()).includes('8,000 training and 2,000 test'), { what: 'data loaded' });
  await page.getByRole('button', { name: 'Play' }).click();
  await until(async () => (await number(page, '.epoch-value')) >= 3 && (await accuracy(page)) > 85, { what: 'accuracy above 85%', timeout: 120000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  const acc = await accuracy(page);
  console.log(`  test accuracy after ${await number(page, '.epoch-value')} epochs: ${acc}%`);

  // A "1": one vertical stroke.
  await stroke(page, [[140, 40], [140, 120], [140, 200], [140, 245]]);
  await until(async () => /reads 1 /.test(await verdict(page)), { what: 'a 1 read' });
  await page.getByRole('button', { name: 'Clear' }).click();
  await until(async () => /Draw a digit/.test(await verdict(page)), { what: 'cleared' });
  // A "0": a ring.
  const ring = [];
  for (let a = 0; a <= 2 * Math.PI + 0.3; a += 0.25) ring.push([140 + 70 * Math.sin(a), 140 - 100 * Math.cos(a)]);
  await stroke(page, ring);
  await until(async () => /reads 0 /.test(await verdict(page)), { what: 'a 0 read' });
  // Undo takes the ring away.
  await page.getByRole('button', { name: 'Undo' }).click();
  await until(async () => /Draw a digit/.test(await verdict(page)), { what: 'undone' });
  // A misclassified test digit loads into the pad and is read.
  await page.locator('.gallery .mistake').first().click();
  await until(async () => /Test image \d+, labelled \d/.test(await page.locator('.pad-row + .row + p').textContent()), { what: 'test digit loaded' });
  await until(async () => /reads \d/.test(await verdict(page)), { what: 'test digit read' });
  const latency = await page.locator('.perf').textContent();
  console.log(`  ${latency}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a shared digits link opens with the same settings', async () => {
  const link = '#/digits?networkShape=64,32&activation=tanh&optimizer=adam&learningRate=0.001&batchSize=64&seed=abc&compare=false&augment=true';
  const page = await open(env, link);
  assert.equal(await page.getByLabel('Network', { exact: true }).inputValue(), '64,32');
  assert.equal(await page.getByLabel('Activation').inputValue(), 'tanh');
  assert.equal(await page.getByLabel('Optimizer').inputValue(), 'adam');
  assert.equal(await page.getByLabel('Learning rate').inputValue(), '0.001');
  assert.equal(await page.getByLabel('Batch size').inputValue(), '64');
  assert.equal(await page.getByLabel('Train the softmax model beside it').isChecked(), false);
  assert.equal(await page.getByLabel('Shift training images by up to one pixel').isChecked(), true);
  const hash = await page.evaluate(() => location.hash);
  assert.ok(hash.includes('seed=abc') && hash.includes('networkShape=64,32'), hash);
  await until(async () => (await page.locator('table.compare tbody tr').count()) === 1, { what: 'one model, no comparison' });
  await page.context().close();
});

test('a damaged data file gives a clear message, not a broken page', async () => {
  const context = await env.browser.newContext();
  await context.route('**/data/digits-14x14.bin', async (route) => {
    const res = await route.fetch();
    const body = Buffer.from(await res.body());
    body[5000] ^= 0xff;
    await route.fulfill({ response: res, body });
  });
  const page = await context.newPage();
  await page.goto(`${env.base}#/digits`);
  await until(async () => (await page.locator('.notice.error').count()) > 0, { what: 'error notice' });
  const text = await page.locator('.notice.error').textContent();
  assert.match(text, /could not be used: its checksum does not match/);
  await context.close();
});
