//! Input features computed from a point (x1, x2): TensorFlow Playground's
//! seven plus the two cosines.

/// One input feature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feature {
    X,
    Y,
    XSquared,
    YSquared,
    XTimesY,
    SinX,
    SinY,
    CosX,
    CosY,
}

impl Feature {
    /// Every feature, in the order the network draws them.
    pub const ALL: [Feature; 9] = [
        Feature::X,
        Feature::Y,
        Feature::XSquared,
        Feature::YSquared,
        Feature::XTimesY,
        Feature::SinX,
        Feature::SinY,
        Feature::CosX,
        Feature::CosY,
    ];

    /// The link name (TensorFlow Playground's).
    pub fn name(self) -> &'static str {
        match self {
            Feature::X => "x",
            Feature::Y => "y",
            Feature::XSquared => "xSquared",
            Feature::YSquared => "ySquared",
            Feature::XTimesY => "xTimesY",
            Feature::SinX => "sinX",
            Feature::SinY => "sinY",
            Feature::CosX => "cosX",
            Feature::CosY => "cosY",
        }
    }

    /// The feature's value at (x, y).
    pub fn eval(self, x: f32, y: f32) -> f32 {
        match self {
            Feature::X => x,
            Feature::Y => y,
            Feature::XSquared => x * x,
            Feature::YSquared => y * y,
            Feature::XTimesY => x * y,
            Feature::SinX => x.sin(),
            Feature::SinY => y.sin(),
            Feature::CosX => x.cos(),
            Feature::CosY => y.cos(),
        }
    }
}

/// Writes the features of each point as a row of `out` [N × F].
pub fn fill(features: &[Feature], points: impl Iterator<Item = (f32, f32)>, out: &mut Vec<f32>) {
    out.clear();
    for (x, y) in points {
        out.extend(features.iter().map(|f| f.eval(x, y)));
    }
}
