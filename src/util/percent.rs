//! Percent-decoding of link components, lenient: a malformed escape is kept
//! as written, invalid UTF-8 becomes U+FFFD. Never fails.

/// Decodes `%XX` escapes (and `+` is left alone, as in URL hashes).
pub fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encodes every byte outside `[A-Za-z0-9._~,-]` as `%XX`.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &c in s.as_bytes() {
        if c.is_ascii_alphanumeric() || b"._~,-".contains(&c) {
            out.push(c as char);
        } else {
            out.push_str(&format!("%{c:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_leniency() {
        for s in ["a b<c>&=%", "你好", "", "%", "x%4", "%zz"] {
            assert_eq!(decode(&encode(s)), s);
        }
        assert_eq!(decode("%3Cb%3E"), "<b>");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%e4%bd"), "\u{FFFD}");
    }
}
