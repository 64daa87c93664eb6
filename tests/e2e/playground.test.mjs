// The backpropagation chapter, driven as a reader would: buttons, keys,
// the mouse on the network. Every wait polls with a generous deadline.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, until, number } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const TF_LINK = '#activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03&regularizationRate=0&noise=0&networkShape=4,2&seed=0.53087&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false';

const epoch = (page) => number(page, '.epoch-value');
const testLoss = (page) => number(page, '#test-loss');

test('play trains: the epoch counter runs and the test loss falls', async () => {
  const page = await open(env, '#/playground?seed=0.5&speed=5');
  const first = await until(async () => { const l = await testLoss(page); return Number.isFinite(l) && l; }, { what: 'first loss' });
  await page.getByRole('button', { name: 'Play' }).click();
  await until(async () => (await testLoss(page)) < first / 4 && (await epoch(page)) > 20, { what: 'test loss to fall' });
  await page.getByRole('button', { name: 'Pause' }).click();
  const stopped = await until(async () => {
    const a = await epoch(page);
    await new Promise((ok) => setTimeout(ok, 400));
    return a === (await epoch(page)) && a;
  }, { what: 'training to stop' });
  assert.ok(stopped > 20);
  const acc = await number(page, '#acc-test');
  assert.ok(acc > 90, `test accuracy ${acc}%`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('keyboard alone starts and stops training', async () => {
  const page = await open(env, '#/playground?seed=1');
  await page.locator('body').focus();
  let found = false;
  for (let i = 0; i < 40 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.classList.contains('play'));
  }
  assert.ok(found, 'the play button is reachable with Tab');
  await page.keyboard.press('Enter');
  await until(async () => (await epoch(page)) > 5, { what: 'training started by Enter' });
  await page.keyboard.press('Space');
  const paused = await until(async () => {
    const label = await page.locator('button.play').getAttribute('aria-label');
    return label === 'Play';
  }, { what: 'paused by Space' });
  assert.ok(paused);
  // Space on the page itself (not a control) toggles too.
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('Space');
  await until(async () => (await page.locator('button.play').getAttribute('aria-label')) === 'Pause', { what: 'played by Space' });
  await page.keyboard.press('Space');
  await until(async () => (await page.locator('button.play').getAttribute('aria-label')) === 'Play', { what: 'paused again' });
  await page.context().close();
});

test('a control changes the link, and the link restores the control', async () => {
  const page = await open(env, '#/playground?seed=2');
  await page.getByLabel('Activation').selectOption('relu');
  await until(async () => (await page.evaluate(() => location.hash)).includes('activation=relu'), { what: 'hash to change' });
  await page.getByLabel('Learning rate').selectOption('0.1');
  await until(async () => (await page.evaluate(() => location.hash)).includes('learningRate=0.1'), { what: 'rate in hash' });
  await page.getByRole('button', { name: 'Add a hidden layer' }).click();
  await until(async () => (await page.evaluate(() => location.hash)).includes('networkShape=4,2,2'), { what: 'layer in hash' });
  await page.getByRole('button', { name: /Feature x₁² / }).click();
  await until(async () => (await page.evaluate(() => location.hash)).includes('xSquared=true'), { what: 'feature in hash' });
  const link = await page.evaluate(() => location.href);
  const again = await open(env, link.slice(link.indexOf('#')));
  await until(async () => (await again.locator('.neuron-controls').count()) === 3, { what: 'graph of the link' });
  assert.equal(await again.getByLabel('Activation').inputValue(), 'relu');
  assert.equal(await again.getByLabel('Learning rate').inputValue(), '0.1');
  assert.equal(await again.getByRole('button', { name: /Feature x₁² / }).getAttribute('aria-pressed'), 'true');
  await page.context().close();
  await again.context().close();
});

test('a TensorFlow Playground link opens as the same network and data', async () => {
  const page = await open(env, TF_LINK);
  const hash = await page.evaluate(() => location.hash);
  assert.ok(hash.startsWith('#/playground?'), hash);
  assert.ok(hash.includes('seed=0.53087'));
  assert.equal(await page.getByLabel('Activation').inputValue(), 'tanh');
  assert.equal(await page.getByLabel('Learning rate').inputValue(), '0.03');
  assert.equal(await page.getByLabel('Batch size').inputValue(), '10');
  assert.equal(await page.getByRole('button', { name: 'Circle' }).getAttribute('aria-pressed'), 'true');
  await until(async () => (await page.locator('.neuron-controls').count()) === 2, { what: 'graph' });
  assert.equal(await page.locator('.graph .node.neuron:not(.output)').count(), 6);
  assert.equal(await page.locator('.notice').count(), 0, 'a real link raises no notes');
  // Same seed, same numbers: two pages show the same first losses.
  const other = await open(env, TF_LINK);
  const a = await until(() => testLoss(page), { what: 'loss a' });
  const b = await until(() => testLoss(other), { what: 'loss b' });
  assert.equal(a, b);
  await page.context().close();
  await other.context().close();
});

test('an exploding loss pauses training and offers the way back', async () => {
  const page = await open(env, '#/playground?problem=regression&regDataset=reg-gauss&seed=2&networkShape=8,8,8&activation=relu&weightInit=he&learningRate=10');
  await page.getByRole('button', { name: 'Play' }).click();
  const status = page.locator('.status');
  await until(async () => (await status.textContent()).includes('exploded'), { what: 'divergence message' });
  assert.equal(await page.locator('button.play').getAttribute('aria-label'), 'Play');
  await page.getByRole('button', { name: 'Lower the learning rate and reset' }).click();
  await until(async () => (await page.evaluate(() => location.hash)).includes('learningRate=3'), { what: 'lower rate' });
  await until(async () => (await status.textContent()) === '', { what: 'status cleared' });
  await page.context().close();
});

test('hovering a neuron shows its formula; a weight can be typed in', async () => {
  const page = await open(env, '#/playground?seed=3');
  await until(async () => Number.isFinite(await testLoss(page)), { what: 'first frame' });
  const neuron = page.locator('.graph .node.neuron').first();
  await neuron.hover();
  await until(async () => /h₁,₁ = tanh\(/.test(await page.locator('.hovercard').textContent()), { what: 'formula' });
  await neuron.click();
  const bias = page.getByLabel('bias');
  await bias.fill('2.5');
  await bias.press('Enter');
  await page.mouse.move(0, 0);
  await neuron.hover();
  await until(async () => (await page.locator('.hovercard').textContent()).includes('+ 2.50)'), { what: 'new bias in formula' });
  await page.context().close();
});

test('language switch rewrites the page and is kept in the link', async () => {
  const page = await open(env, '#/playground?seed=4', { lang: 'zh-CN' });
  assert.ok((await page.evaluate(() => location.hash)).includes('lang=zh'));
  assert.equal(await page.locator('button.play').getAttribute('aria-label'), '播放');
  await page.getByRole('button', { name: 'EN' }).click();
  await until(async () => (await page.locator('button.play').getAttribute('aria-label')) === 'Play', { what: 'English' });
  assert.ok((await page.evaluate(() => location.hash)).includes('lang=en'));
  assert.ok((await page.locator('.chapter-text h2').textContent()).includes('Backpropagation'));
  await page.context().close();
});
