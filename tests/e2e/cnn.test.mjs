// The 1989 chapter, as a reader uses it: the plan before training, training
// in the page, drawing with the mouse and seeing every layer's maps follow,
// the translation experiment, shared and hostile links, a phone with touch,
// and an embed in a 600×450 frame on another origin.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, until, number, embeddedElsewhere } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const verdict = (page) => page.locator('.verdict').textContent();
const cnnAccuracy = async (page) => number(page, 'table.compare tbody tr:first-child td.acc');

/** Draws a polyline on the pad with the mouse, in pad coordinates (0–280). */
async function stroke(page, points) {
  await page.locator('canvas.pad').scrollIntoViewIfNeeded();
  const box = await page.locator('canvas.pad').boundingBox();
  const at = ([x, y]) => [box.x + (x / 280) * box.width, box.y + (y / 280) * box.height];
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 3 });
  await page.mouse.up();
}

const ONE = [[140, 40], [140, 120], [140, 200], [140, 245]];
const ring = () => {
  const r = [];
  for (let a = 0; a <= 2 * Math.PI + 0.3; a += 0.25) r.push([140 + 70 * Math.sin(a), 140 - 100 * Math.cos(a)]);
  return r;
};

/** The first conv layer's maps as pixels, to see them change. */
const firstMaps = (page) => page.locator('.maps .layer-1:not(.pooled) canvas').evaluateAll((cs) => cs.map((c) => c.toDataURL()).join('|'));

test('the plan shows before training; training passes 95%; drawings are read, maps follow the pen, and the shift experiment charts', async () => {
  const page = await open(env, '#/cnn?seed=1&epochs=4');
  // The plan, before any training.
  assert.equal(await page.locator('table.plan tfoot td.total').textContent(), '7,946');
  const plan = await page.locator('table.plan tbody').textContent();
  for (const shape of ['1×14×14', '16×14×14', '16×7×7', '32×7×7', '32×3×3']) assert.ok(plan.includes(shape), `${shape} in ${plan}`);
  await until(async () => (await page.locator('.data-info').textContent()).includes('8,000 training and 2,000 test'), { what: 'data loaded' });
  assert.equal(await page.locator('.filter-grid canvas').count(), 0, 'no filters drawn before the first frame');
  await until(async () => (await page.locator('.filter-grid canvas').count()) === 16, { what: '16 first-layer filters' });

  await page.getByRole('button', { name: 'Play' }).click();
  const filtersBefore = await page.locator('.filter-grid canvas').evaluateAll((cs) => cs.map((c) => c.toDataURL()).join('|'));
  await until(async () => /Stopped at epoch 4/.test(await page.locator('.status').textContent()), { what: 'four epochs', timeout: 300000, every: 500 });
  const acc = await cnnAccuracy(page);
  const table = await page.locator('table.compare tbody').textContent();
  console.log(`  after 4 epochs: ${table.replace(/\s+/g, ' ')}`);
  assert.ok(acc > 95, `CNN test accuracy ${acc}%`);
  assert.equal(await page.locator('table.compare tbody tr').count(), 3, 'CNN, dense, softmax');
  const filtersAfter = await page.locator('.filter-grid canvas').evaluateAll((cs) => cs.map((c) => c.toDataURL()).join('|'));
  assert.notEqual(filtersAfter, filtersBefore, 'the filters changed while training');

  // A "1", then more ink: the maps change with the drawing.
  await stroke(page, ONE);
  await until(async () => /reads 1 /.test(await verdict(page)), { what: 'a 1 read' });
  const mapsOne = await firstMaps(page);
  await stroke(page, [[80, 60], [200, 60]]);
  await until(async () => (await firstMaps(page)) !== mapsOne, { what: 'maps follow the drawing' });
  await page.getByRole('button', { name: 'Clear' }).click();
  await until(async () => /Draw a digit/.test(await verdict(page)), { what: 'cleared' });
  await stroke(page, ring());
  await until(async () => /reads 0 /.test(await verdict(page)), { what: 'a 0 read' }).catch(async (e) => {
    await page.locator('.cnn-columns').screenshot({ path: '/tmp/cnn-ring-failure.png' });
    throw new Error(`${e.message}; the page says: ${await verdict(page)}`);
  });
  assert.equal(await page.locator('.maps .layer-2:not(.pooled) canvas').count(), 32);
  assert.equal(await page.locator('.maps .layer-2.pooled canvas').count(), 32);
  assert.equal(await page.getByRole('img', { name: 'Conv layer 2 after pooling, map 32' }).count(), 1);
  const perf = await page.locator('.perf').textContent();
  console.log(`  ${perf}`);
  const ms = Number(/through every layer: ([\d.]+) ms/.exec(perf)[1]);
  assert.ok(ms < 50, `one drawn digit through every layer took ${ms} ms`);

  // The translation experiment.
  await page.getByRole('button', { name: 'Run the shift experiment' }).click();
  await until(async () => (await page.locator('svg.shift-chart path').count()) === 3, { what: 'shift chart', timeout: 120000 });
  const row = async (model) => (await page.locator(`.shift-table tr[data-model=${model}] td`).allTextContents()).map((s) => parseFloat(s));
  const [cnn, dense, softmax] = [await row('cnn'), await row('dense'), await row('softmax')];
  console.log(`  shifted by 0–3 px: cnn ${cnn}, dense ${dense}, softmax ${softmax}`);
  assert.equal(cnn.length, 4);
  assert.ok(cnn[2] > dense[2] + 20 && cnn[2] > softmax[2] + 20, 'the CNN keeps its lead at 2 px');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a shared link restores the network and the run; the editor refuses what cannot be built', async () => {
  const link = '#/cnn?channels=8,16&kernels=3,3&pools=2,1&pooling=avg&dense=64&activation=tanh&optimizer=sgd&learningRate=0.01&batchSize=64&epochs=5&seed=abc&compare=false';
  const page = await open(env, link);
  assert.equal(await page.getByLabel('Filters in conv layer 1').inputValue(), '8');
  assert.equal(await page.getByLabel('Filters in conv layer 2').inputValue(), '16');
  assert.equal(await page.getByLabel('Kernel side of conv layer 2').inputValue(), '3');
  assert.equal(await page.getByLabel('Pooling window after conv layer 2').inputValue(), '1');
  assert.equal(await page.getByLabel('Pooling kind').inputValue(), 'avg');
  assert.equal(await page.getByLabel('Activation').inputValue(), 'tanh');
  assert.equal(await page.getByLabel('Dense layers before the output').inputValue(), '64');
  assert.equal(await page.getByLabel('Optimizer').inputValue(), 'sgd');
  assert.equal(await page.getByLabel('Learning rate').inputValue(), '0.01');
  assert.equal(await page.getByLabel('Batch size').inputValue(), '64');
  assert.equal(await page.getByLabel('Epochs (the run’s length)').inputValue(), '5');
  assert.equal(await page.getByLabel('Train the softmax model and a dense network of similar size beside it').isChecked(), false);
  assert.equal(await page.getByLabel('Preset').inputValue(), 'custom');
  // 80 + 1,168 + 784·64 + 64 + 650.
  assert.equal(await page.locator('table.plan tfoot td.total').textContent(), '52,138');
  const hash = await page.evaluate(() => location.hash);
  assert.ok(hash.includes('seed=abc') && hash.includes('channels=8,16') && hash.includes('pools=2,1'), hash);
  await until(async () => (await page.locator('table.compare tbody tr').count()) === 1, { what: 'the CNN alone' });
  // Controls a link hides, and the Share dialog offers to hide the chapter's own.
  await page.evaluate(() => { location.hash += '&learningRate_hide=true&filters_hide=true'; });
  await until(async () => !(await page.getByLabel('Learning rate').isVisible()), { what: 'learning rate hidden' });
  assert.equal(await page.locator('[data-control=filters]').isVisible(), false);
  assert.equal(await page.getByLabel('Batch size').isVisible(), true);
  await page.getByRole('button', { name: 'Share' }).click();
  for (const name of ['Network editor', 'Feature maps', 'Translation experiment', 'Comparison models']) {
    assert.equal(await page.getByRole('dialog').getByLabel(name, { exact: true }).count(), 1, name);
  }
  assert.ok((await page.getByLabel('Link to these settings and seed').inputValue()).includes('filters_hide=true'));
  await page.keyboard.press('Escape');

  // A preset rewrites the network and the link.
  await page.getByLabel('Preset').selectOption('default');
  await until(async () => (await page.locator('table.plan tfoot td.total').textContent()) === '7,946', { what: 'default plan' });
  assert.ok((await page.evaluate(() => location.hash)).includes('channels=16,32'));
  // A third layer, then a pooling window larger than its 3×3 maps: refused, nothing moves.
  await page.getByRole('button', { name: 'Add a conv layer' }).click();
  await until(async () => (await page.locator('table.plan tbody').textContent()).includes('32×3×3, ReLU') || (await page.getByLabel('Filters in conv layer 3').count()) === 1, { what: 'third layer' });
  await page.getByLabel('Pooling window after conv layer 3').selectOption('4');
  await until(async () => /cannot be built: conv3: pool: window 4×4 is larger than the input 3×3/.test(await page.locator('.refusal').textContent()), { what: 'refusal' });
  assert.equal(await page.getByLabel('Pooling window after conv layer 3').inputValue(), '1');
  assert.ok(!(await page.evaluate(() => location.hash)).includes('pools=2,2,4'));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('hostile link values get the usual note and the defaults', async () => {
  const hostile = '#/cnn?channels=99999&kernels=abc&learningRate=NaN&epochs=-1&seed=%3Cscript%3Ex%3C%2Fscript%3E&compare=maybe'
    + '&%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E=1';
  const page = await open(env, hostile);
  await until(async () => (await page.locator('.notice').count()) > 0, { what: 'notice' });
  const text = await page.locator('.notice').first().textContent();
  for (const field of ['channels', 'kernels', 'learningRate', 'epochs', 'seed', 'compare', '<img']) assert.ok(text.includes(field), `note names ${field}: ${text}`);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('#notice img, #notice script').count(), 0);
  assert.equal(await page.locator('table.plan tfoot td.total').textContent(), '7,946');
  await page.context().close();
  // Lists that do not fit together: a conflict, and the default network.
  const conflict = await open(env, '#/cnn?channels=8,8,8,8&kernels=3,3,3,3&pools=2,2,2,2');
  await until(async () => (await conflict.locator('.notice').count()) > 0, { what: 'conflict notice' });
  assert.match(await conflict.locator('.notice').first().textContent(), /channels \(does not fit the other settings\)/);
  assert.equal(await conflict.locator('table.plan tfoot td.total').textContent(), '7,946');
  await conflict.context().close();
});

test('at phone width, with touch: no sideways scrolling, and a finger draws', async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${env.base}#/cnn?seed=2`);
  await page.waitForSelector('body[data-ready=true]', { state: 'attached', timeout: 60000 });
  await until(async () => (await page.locator('.filter-grid canvas').count()) === 16, { what: 'first frame' });
  // A mobile browser widens its layout to content that overflows, so the
  // page is measured against the phone's 390 px, not innerWidth.
  const sw = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(sw <= 390, `page ${sw}px wide on a 390px phone`);
  const pad = page.locator('canvas.pad');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 390, 'the pad fits');
  const cdp = await context.newCDPSession(page);
  const pt = (x, y) => [{ x: box.x + x * box.width, y: box.y + y * box.height }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: pt(0.5, 0.15) });
  for (let i = 1; i <= 8; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: pt(0.5, 0.15 + 0.09 * i) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await until(async () => /reads \d/.test(await verdict(page)), { what: 'a touch drawing read' });
  await context.close();
});

test('embedded at 600×450 in a page of another origin: the pad, the maps and Play fit, with no inner scroll bars', async () => {
  const src = `${env.base}#/cnn?embed=true&autoplay=true&seed=3&channels=8,16`;
  const embed = await embeddedElsewhere(env, src);
  const { frame } = embed;
  await until(async () => (await number(frame, '.epoch-value')) >= 1, { what: 'autoplay', timeout: 120000 });
  await embed.assertFits(['button.play', 'canvas.pad', '.maps .layer-1 canvas', '.bars']);
  assert.equal(await frame.locator('.chapter-text').isVisible(), false);
  await embed.close();
});
