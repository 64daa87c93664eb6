// The timeline and the first three chapters, driven as a reader would.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { CHAPTERS } from '../../www/js/chapters.js';
import { start, open, until, number } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

test('the timeline is the home page and links every chapter, which link to each other', async () => {
  const page = await open(env, '');
  assert.ok((await page.evaluate(() => location.hash)).startsWith('#/?') || (await page.evaluate(() => location.hash)) === '#/?lang=en');
  assert.equal(await page.locator('ol.timeline > li').count() >= 15, true);
  // Each chapter of the registry names the event it tells.
  assert.equal(await page.locator('ol.timeline li.has-chapter').count(), CHAPTERS.length);
  await page.getByRole('link', { name: /Open the chapter: The perceptron/ }).click();
  await until(async () => (await page.evaluate(() => location.hash)).startsWith('#/perceptron'), { what: 'perceptron chapter' });
  await page.getByRole('link', { name: /Next → 1969/ }).click();
  await until(async () => (await page.evaluate(() => location.hash)).startsWith('#/xor'), { what: 'next chapter' });
  await page.getByRole('link', { name: /Previous: 1957/ }).click();
  await until(async () => (await page.evaluate(() => location.hash)).startsWith('#/perceptron'), { what: 'previous chapter' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('every gate preset shows a full truth table of matches, on two and three inputs', async () => {
  const page = await open(env, '#/neuron');
  for (const inputs of ['2', '3']) {
    await page.getByLabel('Inputs', { exact: true }).selectOption(inputs);
    const rows = 2 ** Number(inputs);
    for (const gate of ['AND', 'OR', 'NOT (of x₁)', 'NAND']) {
      await page.getByRole('button', { name: gate, exact: true }).click();
      await until(async () => (await page.locator('.summary').textContent()) === `All ${rows} rows match ${gate}.`, { what: `${gate} on ${inputs} inputs` });
      assert.equal(await page.locator('table.truth td.match').count(), rows);
      assert.equal(await page.locator('table.truth td.miss').count(), 0);
    }
  }
  // A link rebuilds the same unit.
  assert.ok((await page.evaluate(() => location.hash)).includes('target=nand'));
  await page.context().close();
});

test('no threshold unit computes exclusive-or', async () => {
  const page = await open(env, '#/neuron?target=xor&w1=1&w2=1&threshold=1');
  assert.match(await page.locator('.summary').textContent(), /^3 of 4 rows match XOR/);
  await page.getByRole('button', { name: /Try every setting/ }).click();
  await until(async () => /at best 3 of 4 rows match/.test(await page.locator('.search-result').textContent()), { what: 'search result' });
  // Moving a weight with the keyboard changes the table, never to 4 of 4.
  await page.getByLabel('Weight w1').first().fill('-1');
  await page.getByLabel('Weight w1').first().press('Enter');
  await until(async () => (await page.evaluate(() => location.hash)).includes('w1=-1'), { what: 'weight in link' });
  assert.doesNotMatch(await page.locator('.summary').textContent(), /^All/);
  await page.context().close();
});

test('the perceptron converges on separable data within the bound it displays', async () => {
  const page = await open(env, '#/perceptron?seed=4&numPoints=40&margin=0.3&speed=1000');
  await until(async () => /Novikoff’s bound/.test(await page.locator('.status').textContent()), { what: 'bound shown' });
  await page.getByRole('button', { name: 'Play' }).click();
  await until(async () => /^Converged/.test(await page.locator('.status').textContent()), { what: 'convergence', timeout: 60000 });
  const text = await page.locator('.status').textContent();
  const updates = Number(/after (\d+) updates/.exec(text)[1]);
  const bound = Number(/bound for these points was ([\d,]+) updates/.exec(text)[1].replace(/,/g, ''));
  console.log(`  converged after ${updates} updates; bound ${bound}`);
  assert.ok(updates > 0 && updates <= bound);
  assert.equal(await number(page, '#pc-updates'), updates);
  // Stepping shows one point at a time.
  await page.getByRole('button', { name: 'Reset the network' }).click();
  await until(async () => (await number(page, '#pc-steps')) === 0, { what: 'reset' });
  await page.getByRole('button', { name: 'Show the next point' }).click();
  await until(async () => (await number(page, '#pc-steps')) === 1, { what: 'one step' });
  assert.match(await page.locator('.step-note').textContent(), /^Point 1 \(x = \(.+\), y = [+−]1\) was (misclassified|correctly classified)/);
  await page.context().close();
});

test('clicking the plane adds a point and the rule goes on', async () => {
  const page = await open(env, '#/perceptron?seed=2&numPoints=10');
  await until(async () => (await page.locator('.status').textContent()).length > 0, { what: 'first frame' });
  const box = await page.locator('.plot-fg').boundingBox();
  await page.mouse.click(box.x + box.width * 0.95, box.y + box.height * 0.05);
  await until(async () => /points=[A-Za-z0-9_-]{40,}/.test(await page.evaluate(() => location.hash)), { what: 'own points in link' });
  await page.context().close();
});

test('exclusive-or cycles and is not separable; both ways out reach zero training error', async () => {
  const page = await open(env, '#/xor?speed=20');
  await page.getByRole('button', { name: 'Play' }).click();
  await until(async () => /^A cycle/.test(await page.locator('.status').textContent()), { what: 'cycle found' });
  assert.match(await page.locator('.geometry').textContent(), /No straight line separates/);
  // First way out: the product feature.
  await page.getByLabel('Add the feature x₁·x₂').check();
  await until(async () => (await page.evaluate(() => location.hash)).includes('features=product'), { what: 'feature in link' });
  await until(async () => (await page.locator('button.play').getAttribute('aria-label')) === 'Play', { what: 'paused' });
  await page.getByRole('button', { name: 'Play' }).click();
  await until(async () => /^Converged/.test(await page.locator('.status').textContent()), { what: 'product feature converges' });
  // Second way out: a hidden layer trained by backpropagation.
  await page.getByRole('link', { name: /hidden layer by backpropagation/ }).click();
  await until(async () => (await page.evaluate(() => location.hash)).startsWith('#/playground'), { what: 'playground' });
  await until(async () => (await page.locator('.graph .node.neuron').count()) === 5, { what: 'network 4 + 1' });
  await page.getByRole('button', { name: 'Play' }).click();
  await until(async () => (await number(page, '#acc-train')) === 100, { what: 'zero training error', timeout: 120000 });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** The counters of the perceptron chapters: updates, epochs, points shown. */
const counters = async (page) => [await number(page, '#pc-updates'), await number(page, '#pc-epochs'), await number(page, '#pc-steps')];

test('exclusive-or stops by itself once the cycle is shown, says so in both languages, and Play starts over', async () => {
  const page = await open(env, '#/xor?speed=1000');
  await page.getByRole('button', { name: 'Play' }).click();
  await until(async () => /^A cycle/.test(await page.locator('.status').textContent()), { what: 'cycle found' });
  // Training stopped on its own: the button offers Play, and the counters
  // stay where the cycle was found however long one waits.
  await until(async () => (await page.locator('button.play').getAttribute('aria-label')) === 'Play', { what: 'stopped by itself' });
  const stopped = await counters(page);
  await new Promise((ok) => setTimeout(ok, 1500));
  assert.deepEqual(await counters(page), stopped, 'no training after the cycle');
  const en = await page.locator('.status').textContent();
  console.log(`  stopped at updates/epochs/steps ${stopped}: ${en}`);
  assert.equal(stopped[2], 4, 'exclusive-or comes back to zero weights after one epoch of four points');
  assert.match(en, /^A cycle: the weights at the start of epoch 1 are those of epoch 0\. The rule repeats itself every epoch and will never settle, so training stops here; Play starts again from zero weights\.$/);
  assert.doesNotMatch(en, /every 1 epochs/);
  // Play starts again from zero weights (slowly enough to see it) and
  // stops at the same cycle.
  await page.getByLabel('Speed').selectOption('5');
  await page.getByRole('button', { name: 'Play' }).click();
  await until(async () => /^Still learning/.test(await page.locator('.status').textContent()) && (await number(page, '#pc-steps')) < 4, { what: 'started over', every: 20 });
  await until(async () => /^A cycle/.test(await page.locator('.status').textContent()), { what: 'the same cycle' });
  await until(async () => (await page.locator('button.play').getAttribute('aria-label')) === 'Play', { what: 'stopped again' });
  assert.deepEqual(await counters(page), stopped, 'the same run from zero weights');
  // In Chinese, read naturally: 每一轮, not 每 1 轮.
  const zh = await open(env, '#/xor?speed=1000&lang=zh');
  await zh.getByRole('button', { name: '播放' }).click();
  await until(async () => /^出现循环/.test(await zh.locator('.status').textContent()), { what: 'cycle found (zh)' });
  await until(async () => (await zh.locator('button.play').getAttribute('aria-label')) === '播放', { what: 'stopped by itself (zh)' });
  const zhText = await zh.locator('.status').textContent();
  console.log(`  ${zhText}`);
  assert.match(zhText, /此后每一轮都原样重复/);
  assert.doesNotMatch(zhText, /每 1 轮/);
  // The other forms, from the same strings: two epochs, and one update.
  const forms = await zh.evaluate(async () => {
    const i18n = await import('/js/i18n.js');
    const out = {};
    for (const l of ['en', 'zh']) {
      i18n.setLang(l);
      out[l] = [i18n.t('pc.cycling', { epoch: 5, from: 3, period: 2 }), i18n.t('pc.running', { updates: 1 }), i18n.t('pc.running', { updates: 2 }), i18n.t('pc.perSecond', { n: 1 })];
    }
    return out;
  });
  assert.match(forms.en[0], /every 2 epochs and will never settle/);
  assert.equal(forms.en[1], 'Still learning: 1 update so far.');
  assert.equal(forms.en[2], 'Still learning: 2 updates so far.');
  assert.equal(forms.en[3], '1 point/s');
  assert.match(forms.zh[0], /此后每 2 轮重复一次/);
  assert.equal(forms.zh[1], '仍在学习\uff1a已更新 1 次。');
  assert.deepEqual([...page.errors, ...zh.errors], []);
  await page.context().close();
  await zh.context().close();
});

test('the early chapters embed and hide controls like the playground', async () => {
  const page = await open(env, '#/perceptron?embed=true&seed=5&speed_hide=true&regenerate_hide=true', { viewport: { width: 900, height: 620 } });
  assert.equal(await page.locator('header.site').isVisible(), false);
  assert.equal(await page.locator('.chapter-text').isVisible(), false);
  assert.equal(await page.getByLabel('Speed').isVisible(), false);
  assert.equal(await page.getByRole('button', { name: 'Regenerate' }).isVisible(), false);
  assert.equal(await page.getByRole('button', { name: 'Play' }).isVisible(), true);
  const neuron = await open(env, '#/neuron?embed=true&presets_hide=true&target=or&threshold=1');
  assert.equal(await neuron.getByRole('button', { name: 'AND', exact: true }).isVisible(), false);
  assert.equal(await neuron.locator('.summary').textContent(), 'All 4 rows match OR.');
  await page.context().close();
  await neuron.context().close();
});
