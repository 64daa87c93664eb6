//! Moving square images by whole pixels: the augmentation of the digits
//! chapter and the translation experiment of the CNN chapter.

/// Copies a `side`×`side` image moved by (`dx`, `dy`) whole pixels (right
/// and down positive); what moves in is blank (0).
pub fn shift(src: &[f32], dst: &mut [f32], side: usize, dx: isize, dy: isize) {
    assert!(
        src.len() == side * side && dst.len() == side * side,
        "shift: images of {} and {} floats, expected {side}×{side}",
        src.len(),
        dst.len()
    );
    let s = side as isize;
    for y in 0..s {
        for x in 0..s {
            let (sx, sy) = (x - dx, y - dy);
            let inside = (0..s).contains(&sx) && (0..s).contains(&sy);
            dst[(y * s + x) as usize] = if inside {
                src[(sy * s + sx) as usize]
            } else {
                0.0
            };
        }
    }
}

/// The direction test image `i` moves in the translation experiment: right,
/// down, left, up in turn, so every direction is used as often.
pub fn direction(i: usize) -> (isize, isize) {
    [(1, 0), (0, 1), (-1, 0), (0, -1)][i % 4]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pixel_moves_and_what_leaves_is_gone() {
        let mut src = [0.0f32; 9];
        src[4] = 1.0;
        let mut dst = [9.0f32; 9];
        shift(&src, &mut dst, 3, 1, -1);
        assert_eq!(dst, [0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]);
        shift(&src, &mut dst, 3, 2, 0);
        assert!(dst.iter().all(|&v| v == 0.0));
    }
}
