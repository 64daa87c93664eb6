// The timeline and the first three chapters, driven as a reader would.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, until, number } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

test('the timeline is the home page and links every chapter, which link to each other', async () => {
  const page = await open(env, '');
  assert.ok((await page.evaluate(() => location.hash)).startsWith('#/?') || (await page.evaluate(() => location.hash)) === '#/?lang=en');
  assert.equal(await page.locator('ol.timeline > li').count() >= 15, true);
  assert.equal(await page.locator('ol.timeline li.has-chapter').count(), 6);
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
    await page.getByLabel('Inputs').selectOption(inputs);
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
  assert.match(await page.locator('.step-note').textContent(), /^Point 1 was on the (wrong|right) side/);
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
  await page.getByRole('button', { name: 'Pause' }).click();
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
