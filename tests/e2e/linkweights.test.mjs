// Trained weights inside a shared link: a playground network trained for a
// while leaves through the Share dialog with its weights (f16 and 8-bit),
// and a fresh page opened from that link shows the trained network's test
// loss without Play being pressed; a tampered payload gets a note naming
// why and the network starts untrained.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, until, number } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const LINK = '#/playground?dataset=spiral&networkShape=8,8&activation=tanh&learningRate=0.03&x=true&y=true&sinX=true&sinY=true&seed=4&speed=20';
const epoch = (page) => number(page, '.epoch-value');
const testLoss = (page) => number(page, '#test-loss');

/** The Share dialog's link with the trained weights at `kind`. */
async function linkWithWeights(page, kind) {
  await page.getByRole('button', { name: 'Share' }).click();
  const link = page.getByLabel('Link to these settings and seed');
  await page.getByLabel('Weights as').selectOption(kind);
  await page.getByLabel('Include the trained weights').check();
  const url = await until(async () => { const u = await link.inputValue(); return u.includes('weights=') && u; }, { what: 'the link with weights' });
  const size = await page.locator('#share-weights-size').textContent();
  assert.match(size, /The link is [\d,]+ characters long/);
  await page.getByRole('button', { name: 'Done' }).click();
  return url;
}

test('a link with trained weights opens the trained network', async () => {
  const page = await open(env, LINK);
  const untrained = await until(async () => { const l = await testLoss(page); return Number.isFinite(l) && l; }, { what: 'first loss' });
  await page.getByRole('button', { name: 'Play' }).click();
  await until(async () => (await epoch(page)) >= 60, { what: 'some training' });
  await page.getByRole('button', { name: 'Pause' }).click();
  const trained = await until(async () => {
    const a = await testLoss(page);
    await new Promise((ok) => setTimeout(ok, 400));
    return a === (await testLoss(page)) && a;
  }, { what: 'training to stop' });
  assert.ok(trained < untrained * 0.8, `trained ${trained} vs untrained ${untrained}`);

  for (const [kind, tol] of [['f16', 0.002], ['q8', 0.02]]) {
    const url = await linkWithWeights(page, kind);
    const value = new URL(url).hash.match(/weights=([^&]*)/)[1];
    console.log(`${kind}: link ${url.length} characters, weights value ${value.length}`);
    const fresh = await open(env, url.slice(url.indexOf('#')));
    const shown = await until(async () => {
      const l = await testLoss(fresh);
      return Number.isFinite(l) && Math.abs(l - trained) <= tol + 0.01 * trained && l;
    }, { what: `the trained loss (${kind})` });
    console.log(`${kind}: test loss ${trained} trained, ${shown} opened`);
    assert.equal(await epoch(fresh), 0, 'no Play was pressed');
    assert.equal(await fresh.locator('.notice.error').count(), 0);
    assert.deepEqual(fresh.errors, []);

    // A sharing of the opened page without the box drops the weights.
    await fresh.getByRole('button', { name: 'Share' }).click();
    assert.doesNotMatch(await fresh.getByLabel('Link to these settings and seed').inputValue(), /weights=/);
    await fresh.context().close();
  }

  // A setting changed after opening: the address bar drops the weights (the
  // link no longer describes them), and no refusal appears.
  const opened = await open(env, (await linkWithWeights(page, 'q8')).replace(/^[^#]*/, ''));
  await until(async () => /This link holds trained weights/.test(await opened.locator('#notice').textContent()), { what: 'the weights note' });
  await opened.getByLabel('Activation').selectOption('relu');
  await until(async () => { const h = await opened.evaluate(() => location.hash); return h.includes('activation=relu') && !h.includes('weights='); },
    { what: 'the address bar without weights' });
  assert.equal(await opened.locator('.notice.error').count(), 0);
  assert.deepEqual(opened.errors, []);
  await opened.context().close();

  // Tampered: one character in the middle of the payload changed.
  const url = await linkWithWeights(page, 'f16');
  const hash = url.slice(url.indexOf('#'));
  const at = hash.indexOf('weights=') + 8 + 40;
  const bad = hash.slice(0, at) + (hash[at] === 'A' ? 'B' : 'A') + hash.slice(at + 1);
  const tampered = await open(env, bad);
  await until(async () => (await tampered.locator('.notice.error').count()) > 0, { what: 'the refusal note' });
  const note = await tampered.locator('.notice.error').first().textContent();
  assert.match(note, /weights in this link were refused/);
  assert.match(note, /starts untrained/);
  const plain = await open(env, hash.replace(/&?weights=[^&]*/, ''));
  const a = await until(async () => { const l = await testLoss(tampered); return Number.isFinite(l) && l; }, { what: 'tampered loss' });
  const b = await until(async () => { const l = await testLoss(plain); return Number.isFinite(l) && l; }, { what: 'plain loss' });
  assert.equal(a, b, 'the tampered link trains from the settings like the link without weights');
  assert.ok(a > trained * 1.2, `untrained ${a} vs trained ${trained}`);
  await tampered.context().close();
  await plain.context().close();
  await page.context().close();
});

test('the Chinese dialog offers the weights and the refusal speaks Chinese', async () => {
  const page = await open(env, '#/playground?lang=zh&seed=3&weights=AAAA');
  await until(async () => (await page.locator('.notice.error').count()) > 0, { what: 'the refusal note' });
  assert.match(await page.locator('.notice.error').first().textContent(), /链接中的权重被拒绝了/);
  await page.getByRole('button', { name: '分享' }).click();
  assert.equal(await page.getByLabel('附上训练好的权重').isChecked(), false);
  await page.context().close();
});

test('a digits softmax link with its weights (f16 and 8-bit) opens trained', async () => {
  const accuracy = (page) => number(page, 'table.compare tbody tr:first-child td.acc');
  const page = await open(env, '#/digits?seed=2&compare=false');
  await until(async () => (await page.locator('.data-info').textContent()).includes('8,000 training'), { what: 'data loaded' });
  const untrained = await until(async () => { const a = await accuracy(page); return Number.isFinite(a) && a; }, { what: 'first accuracy' });
  await page.getByRole('button', { name: 'Play' }).click();
  await until(async () => (await number(page, '.epoch-value')) >= 1 && (await accuracy(page)) > 70, { what: 'some training', timeout: 120000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  const trained = await until(async () => {
    const a = await accuracy(page);
    await new Promise((ok) => setTimeout(ok, 600));
    return a === (await accuracy(page)) && a;
  }, { what: 'training to stop' });
  for (const kind of ['f16', 'q8']) {
    const url = await linkWithWeights(page, kind);
    console.log(`digits softmax ${kind}: link ${url.length} characters`);
    const fresh = await open(env, url.slice(url.indexOf('#')));
    const shown = await until(async () => {
      const a = await accuracy(fresh);
      return Number.isFinite(a) && Math.abs(a - trained) <= 1 && a;
    }, { what: `the trained accuracy (${kind})` });
    console.log(`digits ${kind}: test accuracy ${untrained}% untrained, ${trained}% trained, ${shown}% opened`);
    assert.equal(await number(fresh, '.epoch-value'), 0, 'no Play was pressed');
    await fresh.context().close();
  }
  await page.context().close();
});

test('the largest playground network fits a link at f16 and at 8 bits', async () => {
  const all = 'x=true&y=true&xTimesY=true&xSquared=true&ySquared=true&cosX=true&sinX=true&cosY=true&sinY=true';
  const page = await open(env, `#/playground?dataset=blobs&numClasses=6&loss=crossEntropy&networkShape=32,32,32,32,32,32,32,32&${all}&optimizer=adam&learningRate=0.003&seed=11&speed=2`);
  await until(async () => Number.isFinite(await testLoss(page)), { what: 'first loss' });
  await page.getByRole('button', { name: 'Play' }).click();
  await until(async () => (await epoch(page)) >= 4, { what: 'some training' });
  await page.getByRole('button', { name: 'Pause' }).click();
  const trained = await until(async () => {
    const a = await testLoss(page);
    await new Promise((ok) => setTimeout(ok, 600));
    return a === (await testLoss(page)) && a;
  }, { what: 'training to stop' });
  for (const kind of ['f16', 'q8']) {
    const url = await linkWithWeights(page, kind);
    console.log(`largest playground network (7,910 values) ${kind}: link ${url.length} characters`);
    const fresh = await open(env, url.slice(url.indexOf('#')));
    const shown = await until(async () => {
      const l = await testLoss(fresh);
      return Number.isFinite(l) && Math.abs(l - trained) <= 0.005 + 0.03 * trained && l;
    }, { what: `the trained loss (${kind})` });
    console.log(`largest ${kind}: test loss ${trained} trained, ${shown} opened`);
    await fresh.context().close();
  }
  await page.context().close();
});

test('a perceptron link with its three numbers opens with the line where the rule left it', async () => {
  const link = '#/perceptron?seed=6&numPoints=50&margin=0.3&speed=1';
  const page = await open(env, link);
  const line = (p) => p.locator('[data-line]').first().getAttribute('data-line');
  const steps = (p) => number(p, '#pc-steps');
  await until(async () => (await steps(page)) === 0 && (await line(page)) === 'none', { what: 'zero weights, no line' });
  const stepButton = page.locator('[data-control=stepButton]');
  for (let i = 0; i < 12; i++) await stepButton.click();
  await until(async () => (await steps(page)) === 12 && (await line(page)) === 'current', { what: 'a line after 12 steps' });
  const url = await linkWithWeights(page, 'f16');
  const value = new URL(url).hash.match(/weights=([^&]*)/)[1];
  console.log(`perceptron f16: link ${url.length} characters, weights value ${value.length}`);
  const fresh = await open(env, url.slice(url.indexOf('#')));
  await until(async () => /This link holds trained weights/.test(await fresh.locator('#notice').textContent()), { what: 'the weights note' });
  await until(async () => (await line(fresh)) === 'current', { what: 'the line drawn without a step' });
  assert.equal(await steps(fresh), 0, 'no step was taken');
  assert.equal(await fresh.locator('.notice.error').count(), 0);
  assert.deepEqual(fresh.errors, []);
  await fresh.context().close();
  await page.context().close();
});
