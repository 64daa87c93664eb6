// Nothing a link, a paste, a fast click or a diverged network does may
// break a chapter: each test drives one way in which the page once broke.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, until } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const notes = (page) => page.locator('#notice .notice');

test('a link of thousands of bad fields gets one short note, replaced by the next link, gone with the chapter', async () => {
  // 66,000 characters of unknown fields: the engine reads 65,536 of them.
  const page = await open(env, `#/playground?${'a&'.repeat(33000)}`);
  await until(async () => (await notes(page).count()) === 1, { what: 'one note' });
  const items = await page.locator('#notice .notice > ul > li').allTextContents();
  assert.equal(items.length, 5, items.join(' | '));
  assert.match(items[0], /too long/);
  assert.equal(items[1], 'a (unknown setting)');
  assert.equal(await page.locator('#notice details.more summary').textContent(), '…and 32,764 more fields');
  assert.ok((await page.locator('#notice li').count()) <= 20, 'a bounded list');
  const height = await page.locator('#notice').evaluate((e) => e.getBoundingClientRect().height);
  assert.ok(height < 300, `note ${height}px tall`);
  await page.getByRole('button', { name: '中文' }).click();
  assert.equal(await page.locator('#notice details.more summary').textContent(), '……另有 32,764 项');
  await page.getByRole('button', { name: 'EN' }).click();

  // Every change of the address replaces the note; a clean link clears it.
  for (let i = 0; i < 30; i++) {
    await page.evaluate((k) => { location.hash = `#/playground?seed=${k}&bad${k}=1`; }, i);
  }
  await until(async () => (await page.locator('#notice li').first().textContent()) === 'bad29 (unknown setting)', { what: 'the last link’s note' });
  assert.equal(await notes(page).count(), 1);
  await page.evaluate(() => { location.hash = '#/playground?seed=30'; });
  await until(async () => (await notes(page).count()) === 0, { what: 'note gone with a clean link' });
  // A note belongs to its chapter: opening another removes it.
  await page.evaluate(() => { location.hash = '#/playground?seed=31&nope=1'; });
  await until(async () => (await notes(page).count()) === 1, { what: 'note' });
  await page.evaluate(() => { location.hash = '#/neuron'; });
  await until(async () => (await page.locator('.scene').count()) === 1 && (await notes(page).count()) === 0, { what: 'note gone' });
  assert.deepEqual(page.errors, []);
  await page.context().close();

  // The same in an embed.
  const embed = await open(env, '#/playground?embed=true&seed=2&nope=1');
  await until(async () => (await notes(embed).count()) === 1, { what: 'embed note' });
  await embed.evaluate(() => { location.hash = '#/perceptron?embed=true'; });
  await until(async () => (await embed.locator('.perceptron-scene').count()) === 1, { what: 'perceptron' });
  assert.equal(await notes(embed).count(), 0);
  await embed.context().close();

  // A megabyte of link opens as fast as one at the cap.
  const t0 = Date.now();
  const big = await open(env, `#/playground?${'learningRate=0.1&'.repeat(62000)}seed=5`);
  console.log(`  a ${(62000 * 17 / 1e6).toFixed(2)} MB link was ready in ${Date.now() - t0} ms`);
  await until(async () => (await notes(big).count()) === 1, { what: 'note for the long link' });
  assert.match(await big.locator('#notice li').first().textContent(), /too long/);
  assert.ok((await big.evaluate(() => location.hash.length)) < 1000, 'the address holds the canonical link');
  await big.context().close();
});

test('a link’s numbers and names are never coerced silently', async () => {
  const page = await open(env, '#/playground?seed=3&learningRate=1e-400&regularizationRate=-0&%00=1&=2');
  await until(async () => (await notes(page).count()) === 1, { what: 'note' });
  const items = await page.locator('#notice .notice > ul > li').allTextContents();
  assert.deepEqual(items, ['learningRate (out of range)', '\\u0000 (unknown setting)', 'a field with no name (unknown setting)']);
  const hash = await page.evaluate(() => location.hash);
  assert.ok(hash.includes('learningRate=0.03&') && hash.includes('regularizationRate=0&') && !hash.includes('-0'), hash);
  await page.getByRole('button', { name: '中文' }).click();
  assert.equal(await page.locator('#notice .notice > ul > li').nth(2).textContent(), '无名字段（未知设置）');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a diverged network shows no figures but “—”, the reason and the way back', async () => {
  const cases = [
    ['problem=regression&learningRate=10&activation=relu&networkShape=32,32,32', ['#rmse', '#r2']],
    ['regularization=L2&regularizationRate=10&learningRate=10', ['#acc-test', '#acc-train']],
    ['dataset=blobs&numClasses=6&loss=crossEntropy&learningRate=10&networkShape=6&activation=relu', ['#acc-test', '#acc-train']],
  ];
  for (const [query, figures] of cases) {
    const page = await open(env, `#/playground?seed=1&autoplay=true&${query}`);
    const status = page.locator('.out-col .status');
    await until(async () => /exploded/.test(await status.textContent()), { what: `divergence of ${query}` });
    await until(async () => (await page.locator('#test-loss').textContent()) === '—', { what: 'test loss “—”' });
    for (const sel of ['#train-loss', ...figures]) assert.equal(await page.locator(sel).textContent(), '—', `${sel} of ${query}`);
    if (figures[0] === '#acc-test') {
      const cells = await page.locator('.metrics table.confusion td').allTextContents();
      assert.ok(cells.length > 0 && cells.every((c) => c === '—'), cells.join(' '));
    }
    await page.getByRole('button', { name: 'Lower the learning rate and reset' }).click();
    await until(async () => (await page.getByLabel('Learning rate').inputValue()) === '3', { what: 'a lower rate' });
    assert.deepEqual(page.errors, [], query);
    await page.context().close();
  }
});

test('a network that collapses instead of exploding says so, in both languages', async () => {
  const cases = [
    ['dataset=spiral&loss=crossEntropy&learningRate=10&networkShape=4,2&activation=relu', /^Hidden layer 2 is dead/, /^第 2 个隐藏层已经“死亡”/],
    ['dataset=xor&learningRate=10&networkShape=4,2&activation=linear', /^The output is saturated/, /^输出已饱和/],
  ];
  for (const [query, en, zh] of cases) {
    const page = await open(env, `#/playground?seed=1&autoplay=true&${query}`);
    const health = page.locator('.out-col .health p');
    await until(async () => (await health.count()) === 1 && en.test(await health.textContent()), { what: `collapse of ${query}` });
    assert.equal(await page.locator('.out-col .health button').textContent(), 'Lower the learning rate and reset');
    await page.getByRole('button', { name: '中文' }).click();
    assert.match(await health.textContent(), zh);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
  // A healthy network says nothing of the kind.
  const page = await open(env, '#/playground?seed=1&autoplay=true');
  await until(async () => Number((await page.locator('.epoch-value').textContent()).replace(/,/g, '')) > 30, { what: 'training' });
  assert.equal(await page.locator('.out-col .health p').count(), 0);
  await page.context().close();
});

test('digits: a diverged network shows “—” and offers the way back', async () => {
  const page = await open(env, '#/digits?learningRate=10&networkShape=256,128,32&seed=1');
  await until(async () => (await page.locator('.compare tbody tr').count()) > 0, { what: 'first figures' });
  await page.getByRole('button', { name: 'Play' }).click();
  const status = page.locator('.digits .status');
  await until(async () => /exploded/.test(await status.textContent()), { what: 'divergence', timeout: 120000 });
  await until(async () => (await page.locator('.compare tbody tr').first().locator('td').allTextContents()).slice(1).every((c) => c === '—'), { what: '“—” for the diverged model' });
  const cells = await page.locator('.digits table.confusion td').allTextContents();
  assert.ok(cells.length === 100 && cells.every((c) => c === '—'));
  assert.equal(await page.locator('.gallery .mistake:visible').count(), 0);
  await page.getByRole('button', { name: 'Lower the learning rate and reset' }).click();
  await until(async () => (await page.evaluate(() => location.hash)).includes('learningRate=1&'), { what: 'a lower rate' });
  await until(async () => (await status.textContent()) === '', { what: 'status cleared' });
  await until(async () => /%$/.test(await page.locator('.compare tbody tr td.acc').first().textContent()), { what: 'figures again' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** A page that counts its workers: made, and ended by terminate(). */
async function countingWorkers(hash) {
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.addInitScript(() => {
    const Original = window.Worker;
    window.__alive = new Set();
    window.__made = 0;
    window.Worker = class extends Original {
      constructor(...args) {
        super(...args);
        window.__made += 1;
        window.__alive.add(this);
      }
      terminate() {
        window.__alive.delete(this);
        super.terminate();
      }
    };
  });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  await page.goto(env.base + hash);
  return page;
}

const alive = (page) => page.evaluate(() => window.__alive.size);
const scenes = (page) => page.locator('main .scene').evaluateAll((els) => els.map((e) => e.className));

test('one route at a time: the last address wins, with one worker', async () => {
  const runs = [
    // [first address, then the addresses set in one go, the scene expected, workers expected]
    ['#/', ['#/playground', '#/digits'], 'digits', 1],
    ['#/', ['#/digits', '#/neuron'], 'neuron', 0],
    ['#/', ['#/playground', '#/digits', '#/perceptron', '#/xor', '#/playground?seed=4'], 'playground', 1],
    ['#/neuron', ['#/xor', '#/'], 'timeline', 0],
  ];
  for (const [first, hashes, want, workers] of runs) {
    const page = await countingWorkers(first);
    // On a first visit the scenes' modules are not loaded yet: the loads
    // overlap. Here before the page is even ready, and again once it is.
    await page.evaluate((list) => { for (const hsh of list) location.hash = hsh; }, hashes);
    await page.waitForSelector('body[data-ready=true]', { state: 'attached', timeout: 60000 });
    const settled = async () => {
      const s = await scenes(page);
      return s.length === 1 && s[0].includes(want) && (await alive(page)) === workers;
    };
    await until(settled, { what: `${want} alone after ${hashes.join(' → ')}` });
    // Still so a moment later (no late mount from an older load).
    await new Promise((ok) => setTimeout(ok, 1500));
    assert.ok(await settled(), `${hashes.join(' → ')}: ${await scenes(page)}, ${await alive(page)} workers`);
    assert.equal(await page.evaluate(() => location.hash.split('?')[0]), hashes[hashes.length - 1].split('?')[0] || '#/');
    await page.evaluate((list) => { for (const hsh of list) location.hash = hsh; }, ['#/perceptron', '#/digits', ...hashes]);
    await until(settled, { what: `${want} alone, again` });
    await new Promise((ok) => setTimeout(ok, 1500));
    assert.ok(await settled(), `again: ${await scenes(page)}, ${await alive(page)} workers`);
    assert.deepEqual(page.errors, [], hashes.join(' → '));
    await page.context().close();
  }
});

/** Points in link form (base64url of i16 thousandths; class labels as they are). */
function linkPoints(points, regression = false) {
  const buf = Buffer.alloc(points.length * 6);
  points.forEach(([x, y, l], i) => {
    buf.writeInt16LE(Math.round(x * 1000), 6 * i);
    buf.writeInt16LE(Math.round(y * 1000), 6 * i + 2);
    buf.writeInt16LE(Math.round(regression ? l * 1000 : l), 6 * i + 4);
  });
  return buf.toString('base64url');
}

test('points from a link, a paste or a click follow one set of rules', async () => {
  // A link with a single class, and one with a target of 32.767: refused
  // with the reason, as a CSV file would be.
  for (const [query, reason] of [
    [`dataset=custom&points=${linkPoints([[1, 1, 1], [2, 2, 1]])}`, 'points (refused: only one class; classification needs at least two)'],
    [`problem=regression&regDataset=custom&points=${linkPoints([[1, 1, 1], [2, 2, 32.767]], true)}`, 'points (refused: a value lies outside −10 to 10)'],
  ]) {
    const page = await open(env, `#/playground?seed=2&${query}`);
    await until(async () => (await notes(page).count()) === 1, { what: 'note' });
    assert.equal(await page.locator('#notice li').first().textContent(), reason);
    assert.ok(!(await page.evaluate(() => location.hash)).includes('points='), 'refused points leave the link');
    await page.context().close();
  }
  const page = await open(env, '#/playground?seed=2');
  await page.locator('.own-data summary').click();
  const csvBox = page.getByLabel('Paste CSV (x, y, label per line)');
  const message = page.locator('.own-data .message');
  // −1, 0 and 1 in one file: refused, not merged.
  await csvBox.fill('x,y,label\n1,1,-1\n2,2,0\n3,3,1\n');
  await page.getByRole('button', { name: 'Use this CSV' }).click();
  assert.equal(await message.textContent(), 'Line 3: −1/+1 labels are mixed with other class numbers (0, or 2 and above). The current data is unchanged.');
  await csvBox.fill('1,1,1\n2,2,1\n');
  await page.getByRole('button', { name: 'Use this CSV' }).click();
  assert.equal(await message.textContent(), 'Classification needs at least two classes. The current data is unchanged.');
  // Clicks from an empty plot: one class waits as a draft, two go in.
  await page.getByRole('button', { name: 'Start empty' }).click();
  await until(async () => /dataset=custom/.test(await page.evaluate(() => location.hash)), { what: 'empty custom set' });
  const plot = page.locator('.out-col .plot-fg');
  await plot.click({ position: { x: 100, y: 100 } });
  await until(async () => /at least two classes/.test(await message.textContent()), { what: 'draft message' });
  assert.ok(!(await page.evaluate(() => location.hash)).includes('points='), 'a draft is not in the link');
  await plot.click({ position: { x: 200, y: 200 }, modifiers: ['Shift'] });
  await until(async () => /points=[\w-]{16}/.test(await page.evaluate(() => location.hash)), { what: 'two points in the link' });
  assert.equal(await message.textContent(), '');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** A digits file in the shipped format (FNV-1a checksum at the end). */
function digitsFile(train, test) {
  const n = train + test;
  const body = Buffer.alloc(16 + n + n * 196);
  body.write('NPDG', 0, 'latin1');
  body.writeUInt16LE(1, 4);
  body[6] = 14;
  body[7] = 14;
  body.writeUInt32LE(train, 8);
  body.writeUInt32LE(test, 12);
  for (let i = 0; i < n; i++) body[16 + i] = i % 10;
  for (let i = 16 + n; i < body.length; i++) body[i] = (i * 7) % 256;
  let h = 0x811c9dc5;
  for (const b of body) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  const sum = Buffer.alloc(4);
  sum.writeUInt32LE(h >>> 0);
  return Buffer.concat([body, sum]);
}

test('digits: a file without training or test images is refused with its reason', async () => {
  for (const [train, test] of [[3, 0], [0, 3], [0, 0]]) {
    const context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.route('**/digits-14x14.bin', (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: digitsFile(train, test) }));
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${env.base}#/digits`);
    await until(async () => (await page.locator('#notice .notice.error').count()) === 1, { what: `refusal of ${train} + ${test}` });
    const text = await page.locator('#notice .notice.error p').textContent();
    assert.match(text, /^The digits file could not be used: it holds no training images or no test images \(/);
    assert.ok(text.includes(`${train} training and ${test} test images`), text);
    assert.equal(await page.getByText('click the plot to add points').count(), 0);
    assert.equal(await page.getByText('0.0%').count(), 0);
    await page.getByRole('button', { name: '中文' }).click();
    assert.match(await page.locator('#notice .notice.error p').textContent(), /^数字数据文件无法使用：其中没有训练图像或没有测试图像/);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('autoplay=true starts every chapter that trains', async () => {
  for (const route of ['playground', 'digits', 'perceptron', 'xor']) {
    const page = await open(env, `#/${route}?autoplay=true&seed=3`);
    await until(async () => Number((await page.locator('.epoch-value').textContent()).replace(/,/g, '')) > 0, { what: `epochs on ${route}` });
    assert.deepEqual(page.errors, [], route);
    await page.context().close();
  }
  // Without it, nothing moves.
  const page = await open(env, '#/xor?seed=3');
  await new Promise((ok) => setTimeout(ok, 2000));
  assert.equal(await page.locator('.epoch-value').textContent(), '000,000');
  await page.context().close();
});

/** Long tasks and the worker's frames, watched from the page's start. */
async function watched(hash) {
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(Math.round(e.duration)); })
      .observe({ type: 'longtask', buffered: true });
    window.__frames = [];
    const Original = window.Worker;
    window.Worker = class extends Original {
      constructor(...args) {
        super(...args);
        this.addEventListener('message', (e) => {
          if (e.data && e.data.type === 'frame') window.__frames.push({ params: !!e.data.params, examples: e.data.examples });
        });
      }
    };
  });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.goto(env.base + hash);
  await page.waitForSelector('body[data-ready=true]', { state: 'attached', timeout: 60000 });
  return page;
}

async function report(page, name, ms) {
  await page.evaluate(() => { window.__long = []; window.__frames = []; });
  await new Promise((ok) => setTimeout(ok, ms));
  const { long, frames } = await page.evaluate(() => ({ long: window.__long, frames: window.__frames }));
  const over = long.filter((d) => d > 50);
  const trained = frames.length > 1 ? frames[frames.length - 1].examples - frames[0].examples : 0;
  console.log(`  ${name}: ${over.length} tasks over 50 ms in ${ms / 1000} s (longest ${Math.max(0, ...long)} ms), ${frames.length} frames, ${trained} examples`);
  return frames;
}

test('at the caps the page draws what it can spare, and the weights travel only to be read', async () => {
  const all = 'x=true&y=true&xSquared=true&ySquared=true&xTimesY=true&sinX=true&sinY=true&cosX=true&cosY=true';
  const pg = await watched(`#/playground?seed=1&${all}&networkShape=32,32,32,32,32,32,32,32&numSamples=2000&batchSize=1&speed=1000&autoplay=true`);
  await until(async () => Number((await pg.locator('.epoch-value').textContent()).replace(/,/g, '')) > 0, { what: 'training', timeout: 120000 });
  const frames = await report(pg, 'playground at its caps', 10000);
  assert.ok(frames.length > 5, 'frames keep coming');
  assert.ok(Number.isFinite(Number(await pg.locator('#test-loss').textContent())), 'figures shown');
  assert.deepEqual(pg.errors, []);
  await pg.context().close();

  const dg = await watched('#/digits?networkShape=256,256,256&batchSize=1&seed=1&autoplay=true');
  await until(async () => (await dg.locator('.compare tbody tr').count()) > 0, { what: 'digits figures', timeout: 120000 });
  const plain = await report(dg, 'digits, 3 × 256, batch 1', 10000);
  assert.ok(plain.length > 5 && plain.every((f) => !f.params), 'no weights in frames while nothing is drawn');
  // A drawing: the weights come so that it is read on the page's thread.
  const box = await dg.locator('canvas.pad').boundingBox();
  await dg.mouse.move(box.x + 140, box.y + 60);
  await dg.mouse.down();
  await dg.mouse.move(box.x + 140, box.y + 220, { steps: 8 });
  await dg.mouse.up();
  await until(async () => (await dg.evaluate(() => window.__frames.some((f) => f.params))), { what: 'weights for the drawing' });
  await until(async () => /^It reads \d/.test(await dg.locator('.verdict').textContent()), { what: 'a reading' });
  assert.deepEqual(dg.errors, []);
  await dg.context().close();
});
