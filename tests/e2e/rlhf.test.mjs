// The 2022 chapter, as a reader uses it, on a small GPT so it runs quickly:
// pre-training, then fine-tuning beside a model from scratch (both curves
// and samples); a few pairs judged by clicking, the rule labelling more,
// the reward model's held-out accuracy; the policy update with reward and
// KL shown and the KL coefficient changed mid-run; DPO beside it; a shared
// link restoring the configuration; hostile link values; a phone; an embed
// in a 600×450 frame on another origin.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { start, open, until, number } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

// The settings tests/rlhf_page.rs measures natively (seeds 1–5: held-out
// accuracy 0.96–1.00 on 80 pairs, the mean reward of the last five policy
// steps 1.7–2.9 above the first five's).
const SMALL = 'layers=1&width=16&heads=2&batchSize=8&pretrainSteps=100&finetuneSteps=20&pairs=400&rewardSteps=300&policySteps=50';
const data = (page, sel) => page.locator(sel).evaluate((e) => ({ ...e.dataset, text: e.textContent }));
const button = (page, name) => page.getByRole('button', { name, exact: true });

test('pre-train, fine-tune, judge pairs, train the reward model, update the policy and run DPO', async () => {
  const page = await open(env, `#/rlhf?${SMALL}&seed=1`);
  await until(async () => /A GPT of [\d,]+ parameters/.test(await page.locator('.rlhf-model-info').textContent()), { what: 'the model' });

  // Step 1: pre-training, then fine-tuning beside a model from scratch.
  await button(page, 'Pre-train').click();
  const pre = await until(async () => {
    const d = await data(page, '.rlhf-pre-info');
    return d.text.includes('100 of 100') && Number.isFinite(Number(d.loss)) ? d : null;
  }, { what: 'pre-training done', timeout: 120000 });
  console.log(`  ${pre.text}`);
  await button(page, 'Fine-tune').click();
  const ft = await until(async () => {
    const d = await data(page, '.rlhf-ft-info');
    return Number(d.points) >= 2 && d.text.includes('20 of 20') ? d : null;
  }, { what: 'fine-tuning done', timeout: 120000 });
  console.log(`  ${ft.text}`);
  assert.ok(Number.isFinite(Number(ft.tuned)) && Number.isFinite(Number(ft.scratch)));
  await until(async () => (await page.locator('.rlhf-ft-samples td[data-col=scratch]').count()) === 4, { what: 'samples from scratch' });
  assert.equal(await page.locator('.rlhf-ft-samples td[data-col=tuned]').count(), 4);

  // Step 2: a few pairs by clicking (and by keyboard), then the rule.
  await button(page, 'Show two samples').click();
  await until(async () => page.getByRole('button', { name: 'The first is better' }).isEnabled(), { what: 'a pair' });
  const firstText = await page.locator('pre.rlhf-text').first().textContent();
  assert.ok(firstText.length > 0);
  await page.getByRole('button', { name: 'The first is better' }).click();
  await until(async () => (await data(page, '.rlhf-pairs')).train === '1', { what: 'one pair' });
  await until(async () => page.getByRole('button', { name: 'Same' }).isEnabled(), { what: 'the next pair' });
  await page.getByRole('button', { name: 'Same' }).click();
  await until(async () => page.getByRole('button', { name: 'The second is better' }).isEnabled(), { what: 'the next pair' });
  await page.getByRole('button', { name: 'The second is better' }).focus();
  await page.keyboard.press('Enter');
  await until(async () => (await data(page, '.rlhf-pairs')).train === '2', { what: 'two pairs' });
  await button(page, 'Let the rule label 400 pairs').click();
  await until(async () => /The rule added \d+ pairs/.test(await page.locator('.rlhf-auto-info').textContent()), { what: 'the rule labelled' });
  const pairs = await data(page, '.rlhf-pairs');
  console.log(`  ${pairs.text}`);
  assert.ok(Number(pairs.held) >= 5, pairs.text);
  await button(page, 'Train the reward model').click();
  const acc = await until(async () => {
    const d = await data(page, '.rlhf-acc');
    return d.text.includes('after 300 steps') && Number.isFinite(Number(d.accuracy)) ? d : null;
  }, { what: 'the reward model trained', timeout: 180000 });
  console.log(`  ${acc.text}`);
  // Chance is 0.5; natively these settings reach 0.96 or more.
  assert.ok(Number(acc.accuracy) >= 0.8, `the reward model learns: ${acc.text}`);

  // Step 3: the policy update, reward and KL shown and changing.
  await button(page, 'Update the policy').click();
  const done = await until(async () => {
    const d = await data(page, '.rlhf-pol');
    return Number(d.steps) === 50 ? d : null;
  }, { what: 'fifty policy steps', timeout: 240000 });
  console.log(`  ${done.text} (step 1: reward ${Number(done.firstReward).toFixed(3)}, KL ${Number(done.firstKl).toFixed(3)})`);
  assert.ok(Number.isFinite(Number(done.reward)) && Number.isFinite(Number(done.kl)));
  // The mean reward of the last five steps against the first five (natively +1.7 to +2.9).
  assert.ok(Number(done.rewardEnd) >= Number(done.rewardStart) + 0.5, `the reward rises: ${done.text}`);
  assert.ok(Number(done.kl) > 0, 'the KL is shown');
  await until(async () => (await page.locator('.rlhf-pol-samples td[data-col=after]').count()) === 4, { what: 'samples after' });
  // The KL coefficient to zero mid-run, and more steps: the same policy goes on.
  await page.getByLabel('KL coefficient β', { exact: true }).selectOption('0');
  await page.getByLabel('Policy steps', { exact: true }).selectOption('100');
  await until(async () => (await page.evaluate(() => location.hash)).includes('beta=0'), { what: 'β in the link' });
  await button(page, 'Update the policy').click();
  const zero = await until(async () => {
    const d = await data(page, '.rlhf-pol');
    return Number(d.steps) === 100 && d.text.includes('β = 0)') ? d : null;
  }, { what: 'steps at β = 0', timeout: 120000 });
  console.log(`  ${zero.text}`);
  await button(page, 'Run DPO').click();
  const dpo = await until(async () => {
    const d = await data(page, '.rlhf-dpo');
    return d.text.includes('DPO after 100 steps') ? d : null;
  }, { what: 'DPO to its budget', timeout: 240000 });
  console.log(`  ${dpo.text}`);

  // Export: the policy and the reward model leave as zips; the policy comes
  // back in a fresh page as the pre-trained model and samples the same.
  // Once nothing trains, the samples shown are the final policy's.
  let seen = null;
  const after = await until(async () => {
    const t = (await page.locator('.rlhf-pol-samples td[data-col=after]').allTextContents()).join('|');
    const stable = t === seen && (await page.locator('button.play').getAttribute('aria-label')) === 'Play';
    seen = t;
    return stable ? t.split('|') : null;
  }, { what: 'the final samples', every: 500 });
  const policy = await download(page, 'Export policy');
  assert.equal(policy.name, 'neuroplay-rlhf.zip');
  assert.ok(zipHas(policy.bytes, 'GPT2LMHeadModel') && zipHas(policy.bytes, 'tokenizer.json'));
  const reward = await download(page, 'Export reward model');
  assert.equal(reward.name, 'neuroplay-rlhf-reward.zip');
  assert.ok(zipHas(reward.bytes, 'GPT2ForSequenceClassification') && zipHas(reward.bytes, 'score.weight') && zipHas(reward.bytes, 'held-out pair accuracy'));
  console.log(`  exported the policy (${policy.bytes.length} bytes) and the reward model (${reward.bytes.length} bytes)`);
  const fresh = await open(env, '#/playground?seed=1');
  await importZip(fresh, reward);
  await until(async () => /refused: no chapter here holds this model/.test(await fresh.locator('#notice').textContent()), { what: 'the reward model refused' });
  await importZip(fresh, policy);
  await until(async () => /Model imported/.test(await fresh.locator('#notice').textContent()), { what: 'imported', timeout: 120000 });
  const hash = await fresh.evaluate(() => location.hash);
  assert.ok(hash.startsWith('#/rlhf?') && hash.includes('width=16') && hash.includes('seed=1'), hash);
  const back = await until(async () => {
    const t = await fresh.locator('.rlhf-ft-samples td[data-col=pretrained]').allTextContents();
    return t.length === 4 ? t : null;
  }, { what: 'samples of the imported model', timeout: 120000 });
  assert.deepEqual(back, after, 'the imported policy samples what it sampled before');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(fresh.errors, []);
  await page.context().close();
  await fresh.context().close();
});

/** Presses an export button; the downloaded file's name and bytes. */
async function download(page, name) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), button(page, name).click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}

/** Picks a zip with the Import button's file chooser. */
async function importZip(page, file) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import model' }).click()]);
  await chooser.setFiles({ name: file.name, mimeType: 'application/zip', buffer: file.bytes });
}

// The archive stores its files uncompressed, so their text can be found in it.
const zipHas = (bytes, text) => bytes.includes(Buffer.from(text));

test('fine-tuning on a text of your own: pasted, in the link, and compared with training from scratch', async () => {
  const own = readFileSync(new URL('../fixtures/rlhf-own.txt', import.meta.url), 'utf8');
  const link = 'small=own&layers=1&width=16&heads=2&batchSize=8&pretrainSteps=100&finetuneSteps=20&seed=1';
  const page = await open(env, `#/rlhf?${link}`);
  await until(async () => /Paste a text of at least 1,000 characters/.test(await page.locator('.rlhf-own-info').textContent()), { what: 'the request for a text' });
  await page.getByLabel(/^Your text/).fill('too short');
  await button(page, 'Fine-tune on this text').click();
  await until(async () => /refused: the text has 9 characters/.test(await page.locator('.rlhf-own-link').textContent()), { what: 'a short text refused' });
  await page.getByLabel(/^Your text/).fill(own);
  await button(page, 'Fine-tune on this text').click();
  const info = await until(async () => {
    const d = await data(page, '.rlhf-own-info');
    return d.small === 'own' ? d : null;
  }, { what: 'the text taken' });
  console.log(`  ${info.text}`);
  assert.ok(info.text.includes('8,000 characters') && info.text.includes('28 of its characters never occur in the novel'), info.text);
  await until(async () => (await page.evaluate(() => location.hash)).includes('&text='), { what: 'the text in the link' });
  await button(page, 'Pre-train').click();
  await until(async () => (await page.locator('.rlhf-pre-info').textContent()).includes('100 of 100'), { what: 'pre-trained', timeout: 120000 });
  await button(page, 'Fine-tune').click();
  const ft = await until(async () => {
    const d = await data(page, '.rlhf-ft-info');
    return d.text.includes('20 of 20') ? d : null;
  }, { what: 'fine-tuned', timeout: 120000 });
  console.log(`  ${ft.text}`);
  // Natively: 3.325 fine-tuned against 3.685 from scratch.
  assert.ok(Number(ft.tuned) < Number(ft.scratch) - 0.1, ft.text);

  // The link brings the text back.
  const hash = await page.evaluate(() => location.hash);
  const again = await open(env, hash);
  await until(async () => (await data(again, '.rlhf-own-info')).chars === '8000', { what: 'the text from the link' });
  assert.equal(await again.getByLabel(/^Your text/).inputValue(), own.split('\n').filter((l) => l.trim()).join('\n'));
  assert.deepEqual(page.errors, []);
  assert.deepEqual(again.errors, []);
  await page.context().close();
  await again.context().close();
});

test('your choices travel in the link and replay: the same pairs, the same reward model; a tampered value is dropped', async () => {
  const link = 'layers=1&width=16&heads=2&batchSize=8&pretrainSteps=40&finetuneSteps=20&pairs=50&rewardSteps=50&seed=5';
  const trainTo = async (p) => {
    await button(p, 'Pre-train').click();
    await until(async () => (await p.locator('.rlhf-pre-info').textContent()).includes('40 of 40'), { what: 'pre-trained', timeout: 120000 });
    await button(p, 'Fine-tune').click();
    await until(async () => (await p.locator('.rlhf-ft-info').textContent()).includes('20 of 20'), { what: 'fine-tuned', timeout: 120000 });
  };
  const reward = async (p) => {
    await button(p, 'Train the reward model').click();
    return until(async () => {
      const d = await data(p, '.rlhf-acc');
      return d.text.includes('after 50 steps') ? d : null;
    }, { what: 'the reward model', timeout: 120000 });
  };
  const page = await open(env, `#/rlhf?${link}`);
  await trainTo(page);
  await button(page, 'Show two samples').click();
  for (const [name, n] of [['The first is better', '1'], ['Same', '1'], ['The second is better', '2']]) {
    await until(async () => page.getByRole('button', { name }).isEnabled(), { what: 'a pair' });
    await page.getByRole('button', { name }).click();
    await until(async () => (await data(page, '.rlhf-pairs')).train === n, { what: `${n} pairs` });
  }
  await button(page, 'Let the rule label 50 pairs').click();
  await until(async () => /The rule added \d+ pairs/.test(await page.locator('.rlhf-auto-info').textContent()), { what: 'the rule labelled' });
  const pairs = await data(page, '.rlhf-pairs');
  const acc = await reward(page);
  const hash = await until(async () => {
    const h = await page.evaluate(() => location.hash);
    return /prefs=40-20-[0-9x]+r-[0-9a-z]+/.test(h) ? h : null;
  }, { what: 'the choices in the link' });
  console.log(`  ${pairs.text} ${acc.text} ${/prefs=[^&]+/.exec(hash)[0]}`);

  const again = await open(env, hash);
  await until(async () => /This link holds 4 choices made on the model after 40 pre-training and 20 fine-tuning steps/.test(await again.locator('.rlhf-prefs').textContent()), { what: 'the choices waiting' });
  await trainTo(again);
  await until(async () => (await data(again, '.rlhf-prefs')).replayed === '4', { what: 'the choices replayed' });
  const pairs2 = await data(again, '.rlhf-pairs');
  assert.deepEqual([pairs2.train, pairs2.held], [pairs.train, pairs.held]);
  const acc2 = await reward(again);
  assert.equal(acc2.accuracy, acc.accuracy, 'the same reward model');

  // One letter changed: other pairs, so the choices are dropped with a note.
  const tampered = hash.replace(/(prefs=40-20-)1/, '$12');
  assert.notEqual(tampered, hash);
  const bad = await open(env, tampered);
  await trainTo(bad);
  await until(async () => /did not give back the same pairs/.test(await bad.locator('#notice').textContent()), { what: 'the note' });
  await until(async () => !(await bad.evaluate(() => location.hash)).includes('prefs='), { what: 'the choices dropped from the link' });
  assert.equal((await data(bad, '.rlhf-pairs')).train, '0');
  for (const p of [page, again, bad]) {
    assert.deepEqual(p.errors, []);
    await p.context().close();
  }
});

test('a shared link restores the configuration; hidden parts stay hidden', async () => {
  const page = await open(env, '#/rlhf?layers=1&width=24&heads=2&batchSize=4&pretrainSteps=100&finetune=lora&rank=2&finetuneSteps=50'
    + '&finetuneRate=0.003&rule=short&pairs=20&rewardSteps=200&policySteps=50&beta=0.3&seed=abc&policy_hide=true&width_hide=true');
  const want = { Layers: '1', Heads: '2', 'Batch size': '4', 'Pre-training steps': '100', 'Fine-tuning method': 'lora', 'LoRA rank': '2',
    'Fine-tuning steps': '50', 'Fine-tuning learning rate': '0.003', 'Automatic labeller': 'short', 'Pairs per press': '20', 'Reward-model steps': '200', Seed: 'abc' };
  for (const [label, value] of Object.entries(want)) assert.equal(await page.getByLabel(label, { exact: true }).inputValue(), value, label);
  assert.equal(await page.locator('[data-control=policy]').isVisible(), false);
  assert.equal(await page.locator('[data-control=width]').isVisible(), false);
  assert.equal(await page.locator('[data-control=feedback]').isVisible(), true);
  await until(async () => /A GPT of [\d,]+ parameters/.test(await page.locator('.rlhf-model-info').textContent()), { what: 'the model' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('hostile link values get the usual note and the defaults', async () => {
  const page = await open(env, '#/rlhf?layers=99&width=abc&rule=poem&beta=-1&letter=%3Cb%3E&seed=%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E');
  await until(async () => (await page.locator('.notice').count()) > 0, { what: 'notice' });
  const text = await page.locator('.notice').first().textContent();
  for (const f of ['layers', 'width', 'rule', 'beta', 'letter', 'seed']) assert.ok(text.includes(f), `note names ${f}: ${text}`);
  assert.equal(await page.getByLabel('Layers').inputValue(), '2');
  assert.equal(await page.getByLabel('Automatic labeller').inputValue(), 'contains');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('.scene img').count(), 0);
  await page.context().close();
});

test('at phone width, with touch: no sideways scrolling, and a tap pre-trains', async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${env.base}#/rlhf?${SMALL}&seed=2`);
  await page.waitForSelector('body[data-ready=true]', { state: 'attached', timeout: 60000 });
  await until(async () => /A GPT of/.test(await page.locator('.rlhf-model-info').textContent()), { what: 'the model' });
  await button(page, 'Pre-train').tap();
  await until(async () => (await page.locator('.rlhf-pre-info').textContent()).includes('100 of 100'), { what: 'pre-trained', timeout: 120000 });
  const sw = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(sw <= 390, `page ${sw}px wide on a 390px phone`);
  for (const sel of ['canvas.rlhf-chart', '.rlhf-picks', 'canvas.loss-chart']) {
    const b = await page.locator(sel).first().boundingBox();
    assert.ok(b && b.x >= 0 && b.x + b.width <= 390 + 1, `${sel} fits: ${JSON.stringify(b)}`);
  }
  await context.close();
});

test('embedded at 600×450 in a page of another origin: Play and the main chart fit, with no inner scroll bars', async () => {
  const src = `${env.base}#/rlhf?embed=true&autoplay=true&${SMALL}&seed=3`;
  const outer = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>host</title><iframe src="${src}" width="600" height="450" style="border:0"></iframe>`);
  });
  await new Promise((ok) => outer.listen(0, '127.0.0.1', ok));
  const context = await env.browser.newContext({ viewport: { width: 800, height: 600 } });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${outer.address().port}/`);
  const frame = page.frameLocator('iframe');
  await frame.locator('body[data-ready=true]').waitFor({ state: 'attached', timeout: 60000 });
  await until(async () => (await number(frame, '.epoch-value')) >= 1, { what: 'autoplay', timeout: 120000 });
  const inner = page.frames().find((f) => f.url().startsWith(env.base));
  await until(async () => {
    const s = await inner.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight, innerWidth, innerHeight]);
    return s[0] <= s[2] && s[1] <= s[3];
  }, { what: 'content fits the frame' });
  // Boxes are on the host page: measured from the frame's corner.
  const f = await page.locator('iframe').boundingBox();
  for (const sel of ['button.play', 'canvas.embed-main']) {
    const b = await frame.locator(sel).first().boundingBox();
    assert.ok(b && b.y >= f.y && b.y + b.height <= f.y + 450 + 1 && b.x >= f.x && b.x + b.width <= f.x + 600 + 1, `${sel} inside the frame at ${JSON.stringify(f)}: ${JSON.stringify(b)}`);
  }
  assert.equal(await frame.locator('.chapter-text').isVisible(), false);
  await context.close();
  await new Promise((ok) => outer.close(ok));
});
