// The reader's own data: points clicked onto the plot with the mouse, and
// CSV pasted in; a malformed file is refused with its line and reason.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, until, number } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const pointCount = (page) => page.evaluate(() => {
  const m = location.hash.match(/points=([A-Za-z0-9_-]*)/);
  return m ? Math.floor((m[1].length * 3) / 4 / 6) : 0;
});

test('clicking the plot adds points of two classes; Ctrl+click removes one; the network learns them', async () => {
  const page = await open(env, '#/playground?dataset=custom&seed=3&percTrainData=90&speed=10');
  await until(async () => (await page.locator('.status').textContent()).includes('no training data'), { what: 'empty-data note' });
  const plot = page.locator('.plot-fg');
  const box = await plot.boundingBox();
  const at = (x, y) => ({ x: box.x + ((x + 6) / 12) * box.width, y: box.y + ((6 - y) / 12) * box.height });
  // Class 1 on the left, class 0 (Shift) on the right.
  for (let i = 0; i < 6; i++) {
    const p = at(-4, -3 + i);
    await page.mouse.click(p.x, p.y);
    const q = at(4, -3 + i);
    await page.keyboard.down('Shift');
    await page.mouse.click(q.x, q.y);
    await page.keyboard.up('Shift');
  }
  await until(async () => (await pointCount(page)) === 12, { what: '12 points in the link' });
  const extra = at(0, 5);
  await page.mouse.click(extra.x, extra.y);
  await until(async () => (await pointCount(page)) === 13, { what: 'a 13th point' });
  await page.keyboard.down('Control');
  await page.mouse.click(extra.x, extra.y);
  await page.keyboard.up('Control');
  await until(async () => (await pointCount(page)) === 12, { what: 'point removed' });
  await page.getByRole('button', { name: 'Play' }).click();
  await until(async () => (await number(page, '#acc-train')) === 100, { what: 'training accuracy 100%' });
  await page.context().close();
});

test('a malformed CSV is refused with its line and reason, and the data stays', async () => {
  const page = await open(env, '#/playground?seed=4');
  await page.locator('.own-data summary').click();
  const before = await page.evaluate(() => location.hash);
  await page.getByLabel('Paste CSV').fill('x,y,label\n1,2,1\n3,oops,0\n');
  await page.getByRole('button', { name: 'Use this CSV' }).click();
  const msg = page.locator('.own-data .message');
  await until(async () => (await msg.textContent()).includes('Line 3'), { what: 'error message' });
  assert.match(await msg.textContent(), /Line 3: field 2 is not a number\. The current data is unchanged\./);
  assert.equal(await page.evaluate(() => location.hash), before);
  await page.getByLabel('Paste CSV').fill('1,2,1\n-1,-2,-1\n2,2,1\n-2,-1,-1\n');
  await page.getByRole('button', { name: 'Use this CSV' }).click();
  await until(async () => (await msg.textContent()).includes('Loaded 4 points'), { what: 'loaded' });
  await until(async () => (await page.evaluate(() => location.hash)).includes('dataset=custom'), { what: 'custom data in link' });
  assert.equal(await pointCount(page), 4);
  await page.context().close();
});
