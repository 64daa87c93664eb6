//! Whether two classes of points in the plane can be split by a straight
//! line, exactly: they can if and only if their convex hulls do not meet.
//! When they can, the widest margin is half the distance between the hulls,
//! and the best line is the perpendicular bisector of the closest pair.

/// A point.
pub type P = (f64, f64);

fn cross(o: P, a: P, b: P) -> f64 {
    (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0)
}

/// Convex hull, counter-clockwise, without collinear points (Andrew's
/// monotone chain). One or two points come back as they are.
pub fn hull(points: &[P]) -> Vec<P> {
    let mut p: Vec<P> = points.to_vec();
    p.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    p.dedup();
    if p.len() < 3 {
        return p;
    }
    let mut h: Vec<P> = Vec::with_capacity(2 * p.len());
    for pass in 0..2 {
        let start = h.len();
        let iter: Box<dyn Iterator<Item = &P>> = if pass == 0 { Box::new(p.iter()) } else { Box::new(p.iter().rev()) };
        for &q in iter {
            while h.len() >= start + 2 && cross(h[h.len() - 2], h[h.len() - 1], q) <= 0.0 {
                h.pop();
            }
            h.push(q);
        }
        h.pop();
    }
    h
}

fn closest_on_segment(p: P, a: P, b: P) -> P {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    if len2 == 0.0 {
        return a;
    }
    let t = (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0);
    (a.0 + t * dx, a.1 + t * dy)
}

fn edges(h: &[P]) -> Vec<(P, P)> {
    match h.len() {
        0 => Vec::new(),
        1 => vec![(h[0], h[0])],
        2 => vec![(h[0], h[1])],
        n => (0..n).map(|i| (h[i], h[(i + 1) % n])).collect(),
    }
}

fn segments_cross(a: P, b: P, c: P, d: P) -> bool {
    let (d1, d2, d3, d4) = (cross(c, d, a), cross(c, d, b), cross(a, b, c), cross(a, b, d));
    let straddle = |x: f64, y: f64| (x > 0.0 && y < 0.0) || (x < 0.0 && y > 0.0);
    if straddle(d1, d2) && straddle(d3, d4) {
        return true;
    }
    let on = |p: P, q: P, r: P, v: f64| v == 0.0 && closest_on_segment(r, p, q) == r;
    on(c, d, a, d1) || on(c, d, b, d2) || on(a, b, c, d3) || on(a, b, d, d4)
}

fn inside(p: P, h: &[P]) -> bool {
    h.len() >= 3 && (0..h.len()).all(|i| cross(h[i], h[(i + 1) % h.len()], p) >= 0.0)
}

/// The widest separating line, if any: `(n, c, margin)` with the unit normal
/// `n`, the line `n·x + c = 0`, class `b` on the positive side, and the
/// distance from the line to the nearest point of either class.
pub fn max_margin(a: &[P], b: &[P]) -> Option<((f64, f64), f64, f64)> {
    let (ha, hb) = (hull(a), hull(b));
    if ha.is_empty() || hb.is_empty() {
        return None;
    }
    let (ea, eb) = (edges(&ha), edges(&hb));
    for &(p, q) in &ea {
        for &(r, s) in &eb {
            if segments_cross(p, q, r, s) {
                return None;
            }
        }
    }
    if ha.iter().any(|&p| inside(p, &hb)) || hb.iter().any(|&p| inside(p, &ha)) {
        return None;
    }
    // Closest pair: a vertex of one hull against an edge of the other.
    let mut best = (f64::INFINITY, (0.0, 0.0), (0.0, 0.0));
    for (pts, es, flip) in [(&ha, &eb, false), (&hb, &ea, true)] {
        for &p in pts.iter() {
            for &(r, s) in es.iter() {
                let q = closest_on_segment(p, r, s);
                let d = ((p.0 - q.0).powi(2) + (p.1 - q.1).powi(2)).sqrt();
                if d < best.0 {
                    best = if flip { (d, q, p) } else { (d, p, q) };
                }
            }
        }
    }
    let (d, pa, pb) = best;
    if d == 0.0 {
        return None;
    }
    let n = ((pb.0 - pa.0) / d, (pb.1 - pa.1) / d);
    let mid = ((pa.0 + pb.0) / 2.0, (pa.1 + pb.1) / 2.0);
    Some((n, -(n.0 * mid.0 + n.1 * mid.1), d / 2.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xor_corners_cannot_be_split() {
        assert!(max_margin(&[(-1.0, -1.0), (1.0, 1.0)], &[(-1.0, 1.0), (1.0, -1.0)]).is_none());
    }

    #[test]
    fn two_columns_are_split_down_the_middle() {
        let a = [(-2.0, 0.0), (-3.0, 1.0), (-2.0, 3.0)];
        let b = [(1.0, 0.0), (2.0, -4.0), (1.0, 2.0)];
        let (n, c, m) = max_margin(&a, &b).unwrap();
        assert!((m - 1.5).abs() < 1e-12, "margin {m}");
        for &p in &a {
            assert!(n.0 * p.0 + n.1 * p.1 + c <= -m + 1e-9);
        }
        for &p in &b {
            assert!(n.0 * p.0 + n.1 * p.1 + c >= m - 1e-9);
        }
    }

    #[test]
    fn a_point_inside_the_other_hull_is_not_separable() {
        let a = [(0.0, 0.0)];
        let b = [(-1.0, -1.0), (2.0, -1.0), (0.0, 2.0)];
        assert!(max_margin(&a, &b).is_none());
        assert!(max_margin(&b, &a).is_none());
    }

    #[test]
    fn hull_drops_inner_and_collinear_points() {
        let h = hull(&[(0.0, 0.0), (2.0, 0.0), (1.0, 0.0), (2.0, 2.0), (0.0, 2.0), (1.0, 1.0)]);
        assert_eq!(h.len(), 4);
    }
}
