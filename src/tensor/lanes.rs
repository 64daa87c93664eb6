//! Four f32 lanes behind one small trait, so each kernel is written once and
//! compiled for WebAssembly SIMD128 (`v128`) or for plain arrays that native
//! compilers vectorise on their own.

/// Four f32 lanes.
pub trait Lanes: Copy {
    /// Name of the path, shown by benchmarks and the page.
    const NAME: &'static str;
    /// All lanes zero.
    fn zero() -> Self;
    /// All lanes `x`.
    fn splat(x: f32) -> Self;
    /// Loads four consecutive floats.
    ///
    /// # Safety
    /// `p` must point to four readable floats.
    unsafe fn load(p: *const f32) -> Self;
    /// Stores four consecutive floats.
    ///
    /// # Safety
    /// `p` must point to four writable floats.
    unsafe fn store(self, p: *mut f32);
    /// Four copies of the float at `p`.
    ///
    /// # Safety
    /// `p` must point to a readable float.
    #[inline(always)]
    unsafe fn load_splat(p: *const f32) -> Self {
        Self::splat(*p)
    }
    /// Lane-wise `self + a * b`.
    fn mul_add(self, a: Self, b: Self) -> Self;
    /// Lane-wise sum.
    fn add(self, o: Self) -> Self;
    /// Sum of the four lanes.
    fn hsum(self) -> f32;
}

/// Portable lanes: a plain array that LLVM maps to SSE, NEON or scalars.
#[derive(Clone, Copy, Debug)]
pub struct Portable(pub [f32; 4]);

impl Lanes for Portable {
    const NAME: &'static str = "portable";
    #[inline(always)]
    fn zero() -> Self {
        Portable([0.0; 4])
    }
    #[inline(always)]
    fn splat(x: f32) -> Self {
        Portable([x; 4])
    }
    #[inline(always)]
    unsafe fn load(p: *const f32) -> Self {
        Portable(std::ptr::read_unaligned(p as *const [f32; 4]))
    }
    #[inline(always)]
    unsafe fn store(self, p: *mut f32) {
        std::ptr::write_unaligned(p as *mut [f32; 4], self.0)
    }
    #[inline(always)]
    fn mul_add(self, a: Self, b: Self) -> Self {
        let mut r = self.0;
        for l in 0..4 {
            r[l] += a.0[l] * b.0[l];
        }
        Portable(r)
    }
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        let mut r = self.0;
        for l in 0..4 {
            r[l] += o.0[l];
        }
        Portable(r)
    }
    #[inline(always)]
    fn hsum(self) -> f32 {
        (self.0[0] + self.0[2]) + (self.0[1] + self.0[3])
    }
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub use simd::Simd128;

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd {
    use super::Lanes;
    use core::arch::wasm32::*;

    /// WebAssembly SIMD128 lanes.
    #[derive(Clone, Copy, Debug)]
    pub struct Simd128(pub v128);

    impl Lanes for Simd128 {
        const NAME: &'static str = "simd128";
        #[inline(always)]
        fn zero() -> Self {
            Simd128(f32x4_splat(0.0))
        }
        #[inline(always)]
        fn splat(x: f32) -> Self {
            Simd128(f32x4_splat(x))
        }
        #[inline(always)]
        unsafe fn load(p: *const f32) -> Self {
            Simd128(v128_load(p as *const v128))
        }
        #[inline(always)]
        unsafe fn store(self, p: *mut f32) {
            v128_store(p as *mut v128, self.0)
        }
        #[inline(always)]
        unsafe fn load_splat(p: *const f32) -> Self {
            Simd128(v128_load32_splat(p as *const u32))
        }
        #[inline(always)]
        fn mul_add(self, a: Self, b: Self) -> Self {
            Simd128(f32x4_add(self.0, f32x4_mul(a.0, b.0)))
        }
        #[inline(always)]
        fn add(self, o: Self) -> Self {
            Simd128(f32x4_add(self.0, o.0))
        }
        #[inline(always)]
        fn hsum(self) -> f32 {
            let v = self.0;
            (f32x4_extract_lane::<0>(v) + f32x4_extract_lane::<2>(v))
                + (f32x4_extract_lane::<1>(v) + f32x4_extract_lane::<3>(v))
        }
    }
}

#[cfg(all(target_arch = "wasm32", target_feature = "relaxed-simd"))]
pub use relaxed::Relaxed;

#[cfg(all(target_arch = "wasm32", target_feature = "relaxed-simd"))]
mod relaxed {
    use super::{Lanes, Simd128};
    use core::arch::wasm32::*;

    /// SIMD128 lanes whose multiply-add is relaxed SIMD's, fused where the
    /// machine has fused multiply-add (one rounding instead of two).
    #[derive(Clone, Copy, Debug)]
    pub struct Relaxed(pub v128);

    impl Lanes for Relaxed {
        const NAME: &'static str = "relaxed-simd";
        #[inline(always)]
        fn zero() -> Self {
            Relaxed(Simd128::zero().0)
        }
        #[inline(always)]
        fn splat(x: f32) -> Self {
            Relaxed(f32x4_splat(x))
        }
        #[inline(always)]
        unsafe fn load(p: *const f32) -> Self {
            Relaxed(v128_load(p as *const v128))
        }
        #[inline(always)]
        unsafe fn store(self, p: *mut f32) {
            v128_store(p as *mut v128, self.0)
        }
        #[inline(always)]
        unsafe fn load_splat(p: *const f32) -> Self {
            Relaxed(v128_load32_splat(p as *const u32))
        }
        #[inline(always)]
        fn mul_add(self, a: Self, b: Self) -> Self {
            Relaxed(f32x4_relaxed_madd(a.0, b.0, self.0))
        }
        #[inline(always)]
        fn add(self, o: Self) -> Self {
            Relaxed(f32x4_add(self.0, o.0))
        }
        #[inline(always)]
        fn hsum(self) -> f32 {
            Simd128(self.0).hsum()
        }
    }
}

/// The best lanes this build can run.
#[cfg(all(target_arch = "wasm32", target_feature = "relaxed-simd"))]
pub type Best = Relaxed;
/// The best lanes this build can run.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128", not(target_feature = "relaxed-simd")))]
pub type Best = Simd128;
/// The best lanes this build can run.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
pub type Best = Portable;
