// What the playground shows, checked the way a reader sees it: points that
// stay readable on any background (pixels sampled after training), links
// found anywhere along their curve, layer captions clear of the next
// layer's buttons, a loss chart with axes, a page whose text is true to
// what a learning rate of 10 does, hand-placed points trained on in full,
// and a hint when the network is too small for its data.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, until, number } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const play = (page) => page.getByRole('button', { name: 'Play' }).click();
const epochAtLeast = (page, n, timeout = 120000) => until(async () => (await number(page, '.epoch-value')) >= n, { what: `epoch ${n}`, timeout });

test('points keep their class colour with a dark ring on a saturated map', async () => {
  const page = await open(env, '#/playground?seed=3&dataset=gauss&speed=20');
  await play(page);
  await epochAtLeast(page, 200);
  await until(async () => (await number(page, '#acc-train')) > 99, { what: 'a fitted map' });
  await page.getByRole('button', { name: 'Pause' }).click();
  // Inside the page: the map under each point pixel and the point itself.
  const m = await page.evaluate(() => {
    const plot = document.querySelector('.out-col .plot');
    const [bg, fg] = plot.querySelectorAll('canvas');
    const W = fg.width;
    const map = document.createElement('canvas');
    map.width = W;
    map.height = W;
    const mc = map.getContext('2d');
    mc.drawImage(bg, 0, 0, W, W);
    const under = mc.getImageData(0, 0, W, W).data;
    const over = fg.getContext('2d').getImageData(0, 0, W, W).data;
    const classes = [[245, 147, 34], [8, 119, 189]];
    let fill = 0;
    let close = 0;
    let ring = 0;
    let opaque = 0;
    for (let i = 0; i < over.length; i += 4) {
      if (over[i + 3] < 250) continue;
      opaque++;
      const c = [over[i], over[i + 1], over[i + 2]];
      if (c[0] + c[1] + c[2] < 150) ring++;
      if (!classes.some((k) => Math.hypot(k[0] - c[0], k[1] - c[1], k[2] - c[2]) < 6)) continue;
      fill++;
      // How far the point's own colour is from the map right under it.
      const d = Math.hypot(c[0] - under[i], c[1] - under[i + 1], c[2] - under[i + 2]);
      if (d < 25) close++;
    }
    // The map's most certain colour, for the record.
    let deepest = 0;
    for (let i = 0; i < under.length; i += 4) {
      deepest = Math.max(deepest, Math.hypot(under[i] - 232, under[i + 1] - 234, under[i + 2] - 237));
    }
    return { fill, close, ring, opaque, deepest: Math.round(deepest) };
  });
  console.log(`  point pixels: ${m.fill} in a class colour, ${m.close} of them within 25 of the map under them; ${m.ring} of ${m.opaque} opaque pixels dark (the ring); deepest map colour ${m.deepest} from white`);
  assert.ok(m.fill > 500, 'points are drawn in their class colours');
  assert.ok(m.close / m.fill < 0.02, `points stand apart from the map: ${m.close} of ${m.fill} pixels too close`);
  assert.ok(m.ring / m.opaque > 0.2, 'a dark ring around every point');
  await page.context().close();
});

test('a link is found from the middle of its curve, and its weight shown', async () => {
  // One input, one hidden layer of two: no two links cross at a midpoint.
  const page = await open(env, '#/playground?seed=5&x=true&y=false&networkShape=2');
  await until(async () => (await page.locator('.graph .node.neuron').count()) === 3, { what: 'the graph' });
  const feature = await page.locator('.graph .node.feature.on').boundingBox();
  const neuron = await page.locator('.graph .node.neuron').nth(1).boundingBox();
  // The link runs from the feature's right edge to the neuron's left edge,
  // mid-height; the middle of the curve is the middle of the two ends.
  const a = [feature.x + feature.width, feature.y + feature.height / 2];
  const b = [neuron.x, neuron.y + neuron.height / 2];
  for (const t of [0.5, 0.42, 0.58]) {
    const x = a[0] + t * (b[0] - a[0]);
    // The curve's height at its middle is the ends' mean; off the middle,
    // hover the curve itself: y(t) of the cubic with flat ends.
    const s = 3 * t * t - 2 * t * t * t;
    await page.mouse.move(x, a[1] + s * (b[1] - a[1]));
    const card = page.locator('.graph .hovercard');
    await until(async () => (await card.isVisible()) && /x₁ → h₁,₂\s+weight: -?\d/i.test(await card.textContent()), { what: `the weight at t=${t}` });
    await page.mouse.move(5, 5);
  }
  await page.context().close();
});

test('layer captions stay clear of the next layer’s buttons on wide layers', async () => {
  const page = await open(env, '#/playground?seed=1&networkShape=32,32,32,32,32,32,32,32');
  await until(async () => (await page.locator('.graph .neuron-controls').count()) === 8, { what: 'the layer controls' });
  const boxes = await page.locator('.graph .neuron-controls').evaluateAll((els) => els.map((el) => ({
    caption: el.querySelector('.caption').getBoundingClientRect().toJSON(),
    buttons: [...el.querySelectorAll('button')].map((b) => b.getBoundingClientRect().toJSON()),
    text: el.querySelector('.caption').textContent,
  })));
  const overlap = (p, q) => p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom;
  boxes.forEach((b, i) => {
    assert.equal(b.text, '32 neurons');
    boxes.forEach((o, j) => {
      if (i === j) return;
      for (const btn of [...o.buttons, o.caption]) assert.ok(!overlap(b.caption, btn), `layer ${i + 1}'s caption meets layer ${j + 1}'s controls`);
    });
  });
  await page.context().close();
});

test('the loss chart has a labelled loss axis, a log scale and epochs', async () => {
  const page = await open(env, '#/playground?seed=3&dataset=gauss&speed=20');
  await play(page);
  await epochAtLeast(page, 100);
  const ink = () => page.evaluate(() => {
    const c = document.querySelector('.out-col canvas.loss-chart');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    // Ink in the left margin (the loss axis' labels) and the bottom one (epochs).
    const dpr = c.width / 300;
    let left = 0;
    let bottom = 0;
    for (let y = 0; y < c.height; y++) {
      for (let x = 0; x < c.width; x++) {
        if (d[4 * (y * c.width + x) + 3] < 100) continue;
        if (x < 46 * dpr) left++;
        if (y > c.height - 22 * dpr) bottom++;
      }
    }
    return { left, bottom };
  });
  const lin = await ink();
  assert.ok(lin.left > 100 && lin.bottom > 100, `axes drawn: ${JSON.stringify(lin)}`);
  const log = page.getByLabel('Log scale');
  await log.check();
  assert.equal(await log.isChecked(), true);
  const logInk = await ink();
  assert.notDeepEqual(logInk, lin, 'the log axis has other ticks');
  await page.context().close();
});

test('a learning rate of 10: the text says what happens, and the page names it', async () => {
  const page = await open(env, '#/playground?seed=2&dataset=circle&activation=relu&learningRate=10&speed=20');
  const text = await page.locator('.chapter-text').textContent();
  assert.doesNotMatch(text, /explode/);
  assert.match(text, /65%/);
  await play(page);
  await epochAtLeast(page, 300);
  const health = page.locator('.health.on');
  await until(async () => /dead|saturated/.test(await health.textContent()), { what: 'a dead or saturated network named' });
  const acc = await number(page, '#acc-train');
  console.log(`  learning rate 10, ReLU, circle: training accuracy ${acc}%; “${(await health.textContent()).slice(0, 60)}…”`);
  assert.ok(acc <= 60, `stuck near chance: ${acc}%`);
  await page.context().close();
});

test('hand-placed points train on all of them; the test split stays available', async () => {
  const page = await open(env, '#/playground?seed=3&dataset=circle');
  assert.equal(await page.getByLabel('Ratio of training to test data').inputValue(), '50');
  // The data set has arrived (its test loss is shown): a click adds to it.
  await until(async () => /\d/.test(await page.locator('#test-loss').textContent()), { what: 'the data' });
  const plot = await page.locator('.out-col .plot .plot-fg').boundingBox();
  await page.mouse.click(plot.x + plot.width * 0.1, plot.y + plot.height * 0.1);
  await until(async () => (await page.evaluate(() => location.hash)).includes('dataset=custom'), { what: 'own data' });
  assert.ok((await page.evaluate(() => location.hash)).includes('percTrainData=100'));
  assert.equal(await page.getByLabel('Ratio of training to test data').inputValue(), '100');
  // A second point keeps the reader's choice.
  await page.getByLabel('Ratio of training to test data').fill('70');
  await until(async () => (await page.evaluate(() => location.hash)).includes('percTrainData=70'), { what: 'a split chosen' });
  const points = () => page.evaluate(() => /points=([^&]*)/.exec(location.hash)?.[1] ?? '');
  const before = await points();
  // The slider may have scrolled the page: where the plot is now.
  const again = await page.locator('.out-col .plot .plot-fg').boundingBox();
  await page.mouse.click(again.x + again.width * 0.9, again.y + again.height * 0.1);
  await until(async () => (await points()) !== before, { what: 'the point added' });
  assert.ok((await page.evaluate(() => location.hash)).includes('percTrainData=70'));
  await page.context().close();
});

test('a network too small for its data gets a hint', async () => {
  const page = await open(env, '#/playground?seed=1&dataset=spiral3&networkShape=4,2&speed=50');
  const hint = page.locator('.fit-hint');
  await play(page);
  await until(async () => (await hint.isVisible()) && /more neurons/.test(await hint.textContent()), { what: 'the hint', timeout: 180000 });
  const acc = await number(page, '#acc-train');
  console.log(`  three arms on 4,2: training accuracy ${acc}% at epoch ${await number(page, '.epoch-value')}: “${(await hint.textContent()).slice(0, 70)}…”`);
  assert.ok(acc < 90);
  await page.context().close();
});
