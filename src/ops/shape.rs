//! Shape checks for ops that state their dimensions. An op takes its sizes
//! as arguments (B, T, C, H, W …, as llm.c's kernels do) and checks every
//! buffer against them before touching it, so a wrong shape stops with a
//! message naming the op, the buffer and both sizes, never a silently wrong
//! result.

/// Panics unless `len` equals the product of `dims`, with a message such as
/// `layernorm: inp holds 20 floats, expected B×T×C = 2×3×4 = 24`.
#[track_caller]
#[inline]
pub fn expect(op: &str, buffer: &str, len: usize, dims: &[(&str, usize)]) {
    expect_of(op, buffer, len, "floats", dims)
}

/// [`expect`] for a buffer of integers (token ids, targets, argmax
/// indices): the message says `values`, e.g. `embedding: ids holds 5
/// values, expected B×T = 2×3 = 6`.
#[track_caller]
#[inline]
pub fn expect_values(op: &str, buffer: &str, len: usize, dims: &[(&str, usize)]) {
    expect_of(op, buffer, len, "values", dims)
}

/// Panics unless `len` equals the product of `dims`, naming what the
/// buffer holds (`unit`).
#[track_caller]
#[inline]
fn expect_of(op: &str, buffer: &str, len: usize, unit: &str, dims: &[(&str, usize)]) {
    let want: usize = dims.iter().map(|d| d.1).product();
    if len != want {
        let names: Vec<&str> = dims.iter().map(|d| d.0).collect();
        let sizes: Vec<String> = dims.iter().map(|d| d.1.to_string()).collect();
        panic!(
            "{op}: {buffer} holds {len} {unit}, expected {} = {} = {want}",
            names.join("×"),
            sizes.join("×")
        );
    }
}

/// Panics unless every id in `ids` (a [B×T] buffer, `t` ids per row) is
/// below `limit`, with a message such as
/// `embedding: ids holds token id 12 at b = 0, t = 3, not below V = 11`:
/// a bad token is an error, never a read past a table.
#[track_caller]
pub fn expect_ids(op: &str, buffer: &str, ids: &[u32], t: usize, limit: (&str, usize)) {
    if let Some(i) = ids.iter().position(|&id| id as usize >= limit.1) {
        panic!(
            "{op}: {buffer} holds token id {} at b = {}, t = {}, not below {} = {}",
            ids[i],
            i / t.max(1),
            i % t.max(1),
            limit.0,
            limit.1
        );
    }
}

#[cfg(test)]
mod tests {
    #[test]
    #[should_panic(expected = "layernorm: inp holds 20 floats, expected B×T×C = 2×3×4 = 24")]
    fn names_the_op_the_buffer_and_both_sizes() {
        super::expect("layernorm", "inp", 20, &[("B", 2), ("T", 3), ("C", 4)]);
    }

    #[test]
    #[should_panic(expected = "embedding: ids holds 5 values, expected B×T = 2×3 = 6")]
    fn integer_buffers_hold_values() {
        super::expect_values("embedding", "ids", 5, &[("B", 2), ("T", 3)]);
    }
}
