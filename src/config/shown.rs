//! A field's name as a link's note shows it: never silently altered or
//! empty, never long.

/// Characters that would hide in a name: control characters, and the
/// invisible marks that reorder or join text.
fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// A name as the reader may see it: invisible characters written as
/// `\uXXXX` (never dropped, so a name is never silently empty or altered),
/// at most 40 characters, cut before an escape rather than through it.
pub fn shorten(s: &str) -> String {
    const MAX: usize = 40;
    let mut out = String::new();
    let (mut len, mut fits) = (0, 0);
    for c in s.chars() {
        let n = if invisible(c) { 6 } else { 1 };
        if len + n > MAX {
            // Too long: keep what fits before the ellipsis.
            out.truncate(fits);
            out.push('…');
            return out;
        }
        if invisible(c) {
            out.push_str(&format!("\\u{:04X}", c as u32));
        } else {
            out.push(c);
        }
        len += n;
        if len < MAX {
            fits = out.len();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_written_out_and_names_kept_short() {
        assert_eq!(shorten("a\u{0}b"), "a\\u0000b");
        assert_eq!(shorten("\u{202E}x"), "\\u202Ex");
        assert_eq!(shorten(&"y".repeat(40)), "y".repeat(40));
        assert_eq!(shorten(&"y".repeat(41)), format!("{}…", "y".repeat(39)));
    }
}
