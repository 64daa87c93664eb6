// The worker's side of export and import, the same for every chapter whose
// handle has the hub's calls (src/wasm/hub.rs): the model leaves as the
// zip archive of its Hugging Face folder, and a checked archive's weights
// come back into the running session.

/**
 * Answers `hubExport` (the folder of the current link's settings, as
 * bytes) and `hubLoad` (weights from an archive; on success the chapter is
 * told its model changed). `w` is `{ handle, adapter, post, query, stop }`.
 */
export function hubCommand(msg, w) {
  if (typeof w.handle.hub_export !== 'function') {
    w.post({ type: msg.type === 'hubExport' ? 'hubExported' : 'hubLoaded', ok: false, code: 'architecture', detail: '' });
    return;
  }
  if (msg.type === 'hubExport') {
    let bytes;
    try {
      bytes = w.handle.hub_export(w.query, !!msg.half);
    } catch (err) {
      w.post({ type: 'hubExported', ok: false, code: 'nonFinite', detail: String((err && err.message) || err).slice(0, 200) });
      return;
    }
    w.post({ type: 'hubExported', ok: true, bytes }, [bytes.buffer]);
    return;
  }
  w.stop();
  const answer = w.handle.hub_load(new Uint8Array(msg.zip));
  w.post({ type: 'hubLoaded', ...answer });
  if (answer.ok) w.adapter.announce(w.handle, w.post, 2);
}
