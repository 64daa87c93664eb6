// The Share dialog's snippet maker: sizes an embed is made for (600×450 by
// default, 400×400), a responsive snippet (full width, 4:3) and a size of
// one's own, each previewed live in the dialog: the embed itself at that
// size, scaled to fit the dialog, fitting its frame without scroll bars.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, until } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

/** The preview's frame once its page is ready. */
async function previewFrame(page) {
  const frame = await until(() => page.frames().find((f) => f !== page.mainFrame() && f.url().includes('embed=true')), { what: 'the preview frame' });
  await frame.waitForSelector('body[data-ready=true]', { state: 'attached', timeout: 60000 });
  return frame;
}

test('the snippet maker offers fitting sizes and previews the embed at each', async () => {
  const page = await open(env, '#/playground?seed=8', { viewport: { width: 1200, height: 900 } });
  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.locator('dialog.share');
  const snippet = () => page.getByLabel('Embed in a page (iframe)').inputValue();
  const size = page.getByLabel('Size', { exact: true });
  assert.equal(await size.inputValue(), '600x450', 'the default size');
  assert.match(await snippet(), / width="600" height="450" /);
  assert.equal(await page.getByLabel('Width', { exact: true }).isVisible(), false, 'no width box for a fixed size');

  // The preview is the embed at 600×450, scaled into the dialog.
  const box = dialog.locator('.share-preview-box');
  assert.equal(await box.getAttribute('data-width'), '600');
  assert.equal(await box.getAttribute('data-height'), '450');
  const d = await dialog.boundingBox();
  const b = await box.boundingBox();
  assert.ok(b.x >= d.x && b.x + b.width <= d.x + d.width + 1, `preview ${JSON.stringify(b)} inside the dialog ${JSON.stringify(d)}`);
  assert.ok(Math.abs(b.width / b.height - 600 / 450) < 0.02, 'the preview keeps the frame\'s shape');
  let frame = await previewFrame(page);
  const fits = async () => frame.evaluate(() => {
    const e = document.documentElement;
    return [e.clientWidth, e.clientHeight, e.scrollWidth, e.scrollHeight, document.body.classList.contains('embed')];
  });
  const at600 = await until(async () => { const f = await fits(); return f[2] <= f[0] && f[3] <= f[1] && f; }, { what: 'the preview fits' });
  assert.deepEqual(at600.slice(0, 2), [600, 450]);
  assert.equal(at600[4], true, 'the preview is the embed view');
  assert.equal(await frame.locator('button.play').isVisible(), true);

  // 400×400.
  await size.selectOption('400x400');
  assert.match(await snippet(), / width="400" height="400" /);
  assert.equal(await box.getAttribute('data-width'), '400');
  frame = await previewFrame(page);
  await until(async () => { const f = await fits(); return f[0] === 400 && f[1] === 400 && f[3] <= 400; }, { what: 'the preview at 400×400' });

  // Responsive: the post's width, 4:3.
  await size.selectOption('responsive');
  const responsive = await snippet();
  assert.match(responsive, /style="border:0;width:100%;aspect-ratio:4 \/ 3"/);
  assert.doesNotMatch(responsive, / width="/);

  // A size of one's own.
  await size.selectOption('custom');
  await page.getByLabel('Width', { exact: true }).fill('500');
  await page.getByLabel('Height', { exact: true }).fill('300');
  assert.match(await snippet(), / width="500" height="300" /);
  assert.equal(await box.getAttribute('data-height'), '300');

  // Hiding a control reaches the snippet and the preview.
  await page.getByLabel('Noise').last().check();
  assert.ok((await snippet()).includes('noise_hide=true'));
  await until(() => page.frames().some((f) => f.url().includes('noise_hide=true')), { what: 'the preview follows' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the snippet maker in Chinese', async () => {
  const page = await open(env, '#/perceptron?lang=zh&seed=2');
  await page.getByRole('button', { name: '分享' }).click();
  assert.equal(await page.getByLabel('尺寸').inputValue(), '600x450');
  assert.equal(await page.locator('dialog.share option[value=responsive]').textContent(), '占满文章宽度（4:3）');
  assert.ok(await page.getByLabel('指向这些设置和随机种子的链接').isVisible());
  await page.context().close();
});
