//! 32-bit FNV-1a (Fowler, Noll and Vo): the checksum of the shipped data
//! files, of the weights inside links, and of the pairs a link's
//! preferences were given on. Not a guard against a forger; a guard
//! against damage and mismatch.

/// The offset basis: the hash of nothing.
pub const START: u32 = 0x811c_9dc5;

/// The hash continued from `h` over `bytes` (start with [`START`]).
pub fn fnv1a(mut h: u32, bytes: &[u8]) -> u32 {
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        // The published test vectors of FNV-1a 32.
        assert_eq!(fnv1a(START, b""), 0x811c_9dc5);
        assert_eq!(fnv1a(START, b"a"), 0xe40c_292c);
        assert_eq!(fnv1a(START, b"foobar"), 0xbf9c_f968);
        assert_eq!(fnv1a(fnv1a(START, b"foo"), b"bar"), 0xbf9c_f968);
    }
}
