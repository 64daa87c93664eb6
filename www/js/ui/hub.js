// Export and import of a chapter's trained model as a Hugging Face folder
// (config.json, model.safetensors, README.md, and for the GPT its
// tokenizer), one zip file built by the engine. A chapter's scene mounts
// the two buttons with `mountHub(ctx, trainer, route)` and unmounts them
// with the scene. Import takes the zip or the loose files (picked, or
// dropped anywhere on the page), has the engine check them, opens the
// chapter they belong to with their settings and loads the weights there;
// a file that does not fit is refused with the engine's reason.

import { h } from './dom.js';
import { tr, trAttr, addStrings } from '../i18n.js';
import { buildHash } from '../link.js';

// Anything larger is refused before it is read.
const MAX_BYTES = 80 << 20;
// An import waiting for its chapter to mount: { route, settings, zip }.
let pending = null;

addStrings({
  'hub.export': { en: 'Export model', zh: '导出模型' },
  'hub.import': { en: 'Import model', zh: '导入模型' },
  'hub.exportTitle': {
    en: 'Download the trained model as a Hugging Face folder (zip): config.json, model.safetensors and a model card',
    zh: '把训练好的模型下载为 Hugging Face 文件夹（zip）：config.json、model.safetensors 和模型卡',
  },
  'hub.importTitle': {
    en: 'Open a model folder exported here: the zip, or its files (you can also drop them on the page)',
    zh: '打开在这里导出的模型文件夹：zip 文件或其中的文件（也可以拖放到页面上）',
  },
  'hub.files': { en: 'Model files to import', zh: '要导入的模型文件' },
  'hub.half': { en: 'f16', zh: 'f16' },
  'hub.halfTitle': { en: 'Export the weights in half precision (f16): half the size', zh: '以半精度（f16）导出权重：大小减半' },
  'hub.exported': { en: 'Model exported: {name} ({size} kB).', zh: '模型已导出：{name}（{size} kB）。' },
  'hub.loaded': { en: 'Model imported: {parameters} parameters loaded with the settings they were trained with.', zh: '模型已导入：按训练时的设置载入了 {parameters} 个参数。' },
  'hub.noModel': {
    en: 'There is no gallery model “{id}” for this chapter; it trains from its settings.',
    zh: '画廊里没有本章可用的模型“{id}”，本章按设置从头训练。',
  },
  'hub.refused': { en: 'This model folder was refused: {problem} ({detail}).', zh: '这个模型文件夹被拒绝了：{problem}（{detail}）。' },
  'hub.code.tooLarge': { en: 'a file is too large', zh: '文件太大' },
  'hub.code.zip': { en: 'not a readable zip archive', zh: '不是可读的 zip 压缩包' },
  'hub.code.unsupported': { en: 'the zip compresses its files in a way this page does not read (it reads stored and deflated files)', zh: 'zip 中文件的压缩方式本页无法读取（可读取未压缩和 deflate 压缩的文件）' },
  'hub.code.missingFile': { en: 'a file is missing', zh: '缺少文件' },
  'hub.code.safetensors': { en: 'model.safetensors is malformed', zh: 'model.safetensors 格式有误' },
  'hub.code.dtype': { en: 'a tensor is neither F32 nor F16', zh: '有张量既不是 F32 也不是 F16' },
  'hub.code.nonFinite': { en: 'a weight is NaN or infinite', zh: '有权重是 NaN 或无穷大' },
  'hub.code.missingTensor': { en: 'a tensor the model needs is missing', zh: '缺少模型需要的张量' },
  'hub.code.extraTensor': { en: 'a tensor the model does not have', zh: '有模型中不存在的张量' },
  'hub.code.shape': { en: 'a tensor has the wrong shape', zh: '有张量形状不对' },
  'hub.code.json': { en: 'a JSON file does not parse', zh: 'JSON 文件无法解析' },
  'hub.code.config': { en: 'config.json is wrong', zh: 'config.json 有误' },
  'hub.code.architecture': { en: 'no chapter here holds this model', zh: '这里没有能载入这个模型的章节' },
  'hub.code.settings': { en: 'its settings are refused', zh: '它的设置不被接受' },
  'hub.code.tokenizer': { en: 'its tokenizer differs from the one its settings rebuild', zh: '它的分词器与按设置重建的不同' },
});

/** Shows a refusal from the engine (`{ code, detail }`) in the page's notice. */
function refuse(ctx, answer) {
  ctx.notify('error', 'hub.refused', { problem: { key: `hub.code.${answer.code}` }, detail: String(answer.detail || '').slice(0, 200) });
}

/** The chosen or dropped files as one zip archive, or null (refused). */
async function gather(ctx, files) {
  if (!files.length) return null;
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > MAX_BYTES) {
    refuse(ctx, { code: 'tooLarge', detail: `${total} > ${MAX_BYTES}` });
    return null;
  }
  const bytes = await Promise.all(files.map(async (f) => new Uint8Array(await f.arrayBuffer())));
  if (files.length === 1 && bytes[0][0] === 0x50 && bytes[0][1] === 0x4b) return bytes[0];
  const drop = new ctx.engine.HubDrop();
  try {
    files.forEach((f, i) => drop.add(f.webkitRelativePath || f.name, bytes[i]));
    return drop.pack();
  } catch (answer) {
    refuse(ctx, answer && answer.code ? answer : { code: 'zip', detail: String(answer) });
    return null;
  } finally {
    drop.free();
  }
}

/**
 * Imports files: checked by the engine, then the chapter they name opens
 * with their settings (this one stays if it is theirs) and loads them.
 */
async function importFiles(ctx, files, route, load) {
  const zip = await gather(ctx, files);
  if (!zip) return;
  const answer = ctx.engine.hub_inspect(zip);
  if (!answer.ok) {
    refuse(ctx, answer);
    return;
  }
  const p = { route: answer.route, settings: answer.settings, zip, parameters: answer.parameters };
  const target = `#/${p.route}?${p.settings}`;
  if (p.route === route) {
    // The worker applies the settings itself before the weights, so the
    // order of this and the link's own update does not matter.
    load(p);
    if (location.hash !== target) location.hash = target;
    return;
  }
  pending = p;
  location.hash = target;
}

/**
 * The Import button (its hidden file input beside it) and the drop target:
 * files picked or dropped anywhere on the page while it is mounted are
 * imported; `load(p)` loads a package of `route` here (null: every import
 * opens its own chapter). `{ el, unmount }`.
 */
export function mountImport(ctx, route, load) {
  const input = h('input', { type: 'file', multiple: true, accept: '.zip,.json,.safetensors,.md', class: 'hub-files' });
  trAttr(input, { 'aria-label': 'hub.files' });
  input.hidden = true;
  const button = trAttr(tr(h('button', { class: 'hub-import', type: 'button' }), 'hub.import'), { title: 'hub.importTitle' });
  const run = (files) => importFiles(ctx, files, load ? route : '', load);
  button.addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const files = [...input.files];
    input.value = '';
    run(files);
  });
  const over = (e) => {
    if ([...(e.dataTransfer?.types || [])].includes('Files')) e.preventDefault();
  };
  const drop = (e) => {
    const files = [...(e.dataTransfer?.files || [])];
    if (!files.length) return;
    e.preventDefault();
    run(files);
  };
  document.addEventListener('dragover', over);
  document.addEventListener('drop', drop);
  return {
    el: h('span', { class: 'hub-import-wrap' }, button, input),
    unmount() {
      document.removeEventListener('dragover', over);
      document.removeEventListener('drop', drop);
    },
  };
}

/**
 * The gallery model the link names (`model=<id>`, shipped in www/models/)
 * loaded into this chapter, exactly as an import of its zip; a model that
 * is not there, or belongs to another chapter, gets a note and the chapter
 * stays with its settings. `alive()` is false once the scene is gone.
 */
async function openGalleryModel(ctx, route, load, alive) {
  const id = ctx.globals.model;
  const missing = () => ctx.notify('warn', 'hub.noModel', { id });
  let zip;
  try {
    // Only a model the gallery's index lists for this chapter is fetched.
    const r = await fetch('models/index.json');
    const listed = r.ok ? (await r.json()).models : [];
    if (!Array.isArray(listed) || !listed.some((m) => m && m.id === id && m.route === route)) throw new Error('not listed');
    const z = await fetch(`models/${id}.zip`);
    if (!z.ok) throw new Error(String(z.status));
    zip = new Uint8Array(await z.arrayBuffer());
  } catch (err) {
    if (alive()) missing();
    return;
  }
  if (!alive()) return;
  const answer = ctx.engine.hub_inspect(zip);
  if (!answer.ok) {
    refuse(ctx, answer);
    return;
  }
  if (answer.route !== route) {
    missing();
    return;
  }
  load({ route, settings: answer.settings, zip, parameters: answer.parameters });
  if (ctx.query !== answer.settings) location.hash = buildHash(route, answer.settings, ctx.globals);
}

/**
 * The Export and Import buttons for a chapter's `trainer`; `{ el, unmount }`.
 * An import waiting for this chapter, or the gallery model the link
 * names, is loaded at once.
 */
export function mountHub(ctx, trainer, route) {
  const exportButton = trAttr(tr(h('button', { class: 'hub-export', type: 'button' }), 'hub.export'), { title: 'hub.exportTitle' });
  const half = h('input', { type: 'checkbox', class: 'hub-half' });
  const halfLabel = trAttr(h('label', { class: 'hub-half-label' }, half, tr(h('span'), 'hub.half')), { title: 'hub.halfTitle' });
  let loading = 0;
  let mounted = true;

  const load = (p) => {
    loading = p.parameters;
    const zip = p.zip.slice();
    trainer.send({ type: 'apply', query: p.settings });
    trainer.send({ type: 'hubLoad', zip: zip.buffer });
  };
  const importer = mountImport(ctx, route, load);
  const el = h('div', { class: 'hub-bar' }, exportButton, halfLabel, importer.el);

  exportButton.addEventListener('click', () => trainer.send({ type: 'hubExport', half: half.checked }));

  const stop = trainer.listen((msg) => {
    if (msg.type === 'hubExported') {
      if (!msg.ok) {
        refuse(ctx, msg);
        return;
      }
      const name = `neuroplay-${route}${msg.which ? `-${msg.which}` : ''}.zip`;
      const url = URL.createObjectURL(new Blob([msg.bytes], { type: 'application/zip' }));
      const a = h('a', { href: url, download: name });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      ctx.notify('info', 'hub.exported', { name, size: Math.ceil(msg.bytes.byteLength / 1024) });
    } else if (msg.type === 'hubLoaded') {
      if (msg.ok) ctx.notify('info', 'hub.loaded', { parameters: loading.toLocaleString('en-US') });
      else refuse(ctx, msg);
    }
  });

  if (pending && pending.route === route) {
    const p = pending;
    pending = null;
    load(p);
  } else if (ctx.globals.model) {
    openGalleryModel(ctx, route, load, () => mounted);
  }

  return {
    el,
    unmount() {
      mounted = false;
      stop();
      importer.unmount();
    },
  };
}
