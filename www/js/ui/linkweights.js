// Trained weights inside a shared link. The share dialog asks the worker
// for the running model's payload (src/hub/linkweights.rs: f16, or 8 bits
// with one scale per tensor), deflates it and writes it base64url into the
// chapter's `weights` field (www/js/ui/textlink.js); a page opened from
// such a link expands it and loads it into the network its settings just
// built, so the link opens the trained network. A damaged payload gets a
// note naming why, and the network stays as built: it trains from the
// settings as any link's does.

import { addStrings } from '../i18n.js';
import { packBytes, unpackBytes } from './textlink.js';

/** The largest payload (bytes, once expanded): the engine's MAX_PAYLOAD. */
export const MAX_PAYLOAD = 32768;

addStrings({
  'weights.include': { en: 'Include the trained weights', zh: '附上训练好的权重' },
  'weights.precision': { en: 'Weights as', zh: '权重精度' },
  'weights.f16': { en: '16-bit floats (f16)', zh: '16 位浮点（f16）' },
  'weights.q8': { en: '8 bits with a scale per tensor (smaller)', zh: '8 位，每个张量一个缩放（更短）' },
  'weights.size': { en: 'The link is {chars} characters long.', zh: '链接长 {chars} 个字符。' },
  'weights.loaded': { en: 'This link holds trained weights: the network starts trained.', zh: '这个链接带有训练好的权重：网络从训练后的状态开始。' },
  'weights.refused': {
    en: 'The weights in this link were refused: {problem} ({detail}). The network starts untrained from the settings.',
    zh: '链接中的权重被拒绝了：{problem}（{detail}）。网络按设置从未训练的状态开始。',
  },
  'weights.code.packing': { en: 'they are not compressed base64url data', zh: '不是压缩的 base64url 数据' },
  'weights.code.truncated': { en: 'they are cut short', zh: '数据被截断了' },
  'weights.code.tooLarge': { en: 'they are too large', zh: '数据太大' },
  'weights.code.magic': { en: 'they are not a weights payload', zh: '不是权重数据' },
  'weights.code.version': { en: 'they are of an unknown version', zh: '版本未知' },
  'weights.code.kind': { en: 'their number format is unknown', zh: '数值格式未知' },
  'weights.code.count': { en: 'their number of weights differs from this network', zh: '权重个数与这个网络不符' },
  'weights.code.model': { en: 'they belong to another network', zh: '它们属于另一个网络' },
  'weights.code.checksum': { en: 'they were damaged or edited (checksum)', zh: '数据被损坏或改动过（校验和不符）' },
  'weights.code.nonFinite': { en: 'a weight is NaN or infinite', zh: '有权重是 NaN 或无穷大' },
  'weights.code.unsupported': { en: 'this chapter does not take weights', zh: '这个章节不接受权重' },
  'weights.code.failed': { en: 'the engine failed', zh: '引擎出错' },
});

/** Asks `trainer`'s worker for one message of type `reply` after sending `msg`. */
function ask(trainer, msg, reply, transfer) {
  return new Promise((resolve) => {
    const stop = trainer.listen((m) => {
      if (m.type !== reply) return;
      stop();
      resolve(m);
    });
    if (transfer) trainer.worker.postMessage(msg, transfer);
    else trainer.send(msg);
  });
}

/**
 * For the share dialog: `(kind) => Promise<string | Error>`, the running
 * model's weights as the `weights` field's value ('f16' or 'q8').
 */
export function weightsGetter(trainer) {
  return async (kind) => {
    const m = await ask(trainer, { type: 'weightsPayload', kind }, 'weightsPayload');
    if (!m.ok) return new Error(`${m.code}: ${m.detail || ''}`);
    return packBytes(new Uint8Array(m.bytes));
  };
}

/**
 * Loads a link's `weights` value (if any) into the model the worker built
 * from the same link; a refusal is shown with `ctx.notify`. Resolves to
 * whether the weights were loaded.
 */
export async function loadLinkWeights(ctx, trainer, packed) {
  if (!packed) return false;
  const refuse = (code, detail) => {
    ctx.notify('error', 'weights.refused', { problem: { key: `weights.code.${code}` }, detail: String(detail || '').slice(0, 200) });
    return false;
  };
  const bytes = await unpackBytes(packed, MAX_PAYLOAD);
  if (bytes instanceof Error) return refuse(bytes.message === 'too long' ? 'tooLarge' : 'packing', bytes.message);
  const m = await ask(trainer, { type: 'loadWeights', bytes: bytes.buffer }, 'weightsLoaded', [bytes.buffer]);
  if (!m.ok) return refuse(m.code, m.detail);
  ctx.notify('info', 'weights.loaded', {});
  return true;
}
