// The worker's side of trained weights inside a link, the same for every
// chapter whose handle has `weights_payload` and `load_weights_payload`
// (src/wasm/linkweights.rs): the running model's weights leave as a
// compact payload, and a link's payload comes back into the model the
// link's settings just built.

/** A refusal thrown by the engine (`{ok: false, code, detail, message}`), as a message body. */
function refusal(err) {
  if (err && typeof err === 'object' && typeof err.code === 'string') {
    return { ok: false, code: err.code, detail: String(err.detail || '').slice(0, 200) };
  }
  return { ok: false, code: 'failed', detail: String((err && err.message) || err).slice(0, 200) };
}

/**
 * Answers `weightsPayload` (`kind`: 'f16' or 'q8'; replies with the bytes)
 * and `loadWeights` (`bytes`; on success the chapter is told its model
 * changed, on a refusal the model stays as built). `w` is
 * `{ handle, adapter, post }`.
 */
export function weightsCommand(msg, w) {
  const reply = msg.type === 'weightsPayload' ? 'weightsPayload' : 'weightsLoaded';
  if (typeof w.handle.weights_payload !== 'function') {
    w.post({ type: reply, ok: false, code: 'unsupported', detail: '' });
    return;
  }
  if (msg.type === 'weightsPayload') {
    let bytes;
    try {
      bytes = w.handle.weights_payload(String(msg.kind));
    } catch (err) {
      w.post({ type: reply, ...refusal(err) });
      return;
    }
    w.post({ type: reply, ok: true, kind: msg.kind, bytes }, [bytes.buffer]);
    return;
  }
  let answer;
  try {
    answer = w.handle.load_weights_payload(new Uint8Array(msg.bytes));
  } catch (err) {
    w.post({ type: reply, ...refusal(err) });
    return;
  }
  w.post({ type: reply, ...answer });
  w.adapter.announce(w.handle, w.post, 2);
}
