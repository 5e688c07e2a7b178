//! Limb arithmetic in GF(2^255 - 19) with ten 32-bit limbs in radix 2^25.5.
//!
//! An element is `x = sum_i limb[i] * 2^ceil(25.5 * i)`: limb `i` sits at bit offset
//! 0, 26, 51, 77, 102, 128, 153, 179, 204, 230 and nominally holds 26 bits (even `i`) or
//! 25 bits (odd `i`). Products are taken in `u64` (`u32 x u32 -> u64` is a single `i64.mul`
//! on wasm32); there is no `u128` anywhere, because on wasm32 that lowers to `__multi3`.
//!
//! # Storage: two 32-bit limbs per `u64` word
//!
//! The ten limbs are stored as five `u64` words, word `i` holding limb `2i` in its low half
//! and limb `2i + 1` in its high half. Every limb is below `2^32` at all times (the bounds
//! below are far smaller), so the halves never interact. Measured under Chicory (Wasm
//! compiled to JVM bytecode), loads and stores of linear memory are the main cost besides
//! the products themselves; this layout halves them (`mul` reads 10 words instead of 20
//! limbs), and `add` becomes five word additions (no half can carry into the next since
//! every limb sum stays below `2^32`). Limbs are unpacked into `u64` locals for arithmetic.
//!
//! # Bounds
//!
//! We call an element *reduced* when its limbs satisfy
//!
//! * `limb[i] < 2^26` for even `i`,
//! * `limb[i] < 2^25` for odd `i != 1`, and `limb[1] < 2^25 + 2^18`.
//!
//! Every function that returns an element built by [`FieldElement2625::reduce`] (that is
//! `mul`, `square`, `sub`, `neg`, `from_bytes`) returns a reduced element. `add` does not
//! carry: the sum of `k` reduced elements has limbs below `k` times the bounds above.
//!
//! Preconditions, argued at each function:
//!
//! * `mul` and `square` accept sums of up to **4** reduced elements;
//! * the subtrahend of `sub` may be a sum of up to **3** reduced elements; its minuend
//!   may be any element whose limbs fit in `u32` minus `2^28`.
//!
//! The group formulas in `edwards.rs` and the algorithms in `field.rs` and `ristretto.rs`
//! respect these limits (see the comments there).

use core::ops::{Add, Mul, Neg, Sub};

/// Mask of the low 26 bits.
const LOW_26: u64 = (1 << 26) - 1;
/// Mask of the low 25 bits.
const LOW_25: u64 = (1 << 25) - 1;

/// An element of GF(2^255 - 19) as ten limbs in radix 2^25.5, two per `u64` word (see the
/// module docs).
///
/// The representation is not unique: compare with [`FieldElement2625::ct_eq`] or through
/// [`FieldElement2625::to_bytes`], never with the derived structure.
#[derive(Copy, Clone, Debug)]
pub(crate) struct FieldElement2625(pub(crate) [u64; 5]);

/// Mask of a 32-bit half word.
const LOW_32: u64 = 0xffff_ffff;

/// Widening multiply: `u64` operands that are known to fit their products in `u64`.
#[inline(always)]
fn m(x: u64, y: u64) -> u64 {
    x * y
}

impl FieldElement2625 {
    /// Zero.
    pub(crate) const ZERO: FieldElement2625 = FieldElement2625([0; 5]);
    /// One.
    pub(crate) const ONE: FieldElement2625 = FieldElement2625([1, 0, 0, 0, 0]);
    /// Minus one (`p - 1`), reduced and canonical.
    pub(crate) const MINUS_ONE: FieldElement2625 = FieldElement2625::from_limbs([
        0x3ffffec, 0x1ffffff, 0x3ffffff, 0x1ffffff, 0x3ffffff, 0x1ffffff, 0x3ffffff, 0x1ffffff,
        0x3ffffff, 0x1ffffff,
    ]);

    /// Builds an element from limbs (used for constants, which are all canonical).
    pub(crate) const fn from_limbs(l: [u32; 10]) -> FieldElement2625 {
        FieldElement2625([
            l[0] as u64 | (l[1] as u64) << 32,
            l[2] as u64 | (l[3] as u64) << 32,
            l[4] as u64 | (l[5] as u64) << 32,
            l[6] as u64 | (l[7] as u64) << 32,
            l[8] as u64 | (l[9] as u64) << 32,
        ])
    }

    /// The ten limbs, each in its own `u64`.
    #[inline(always)]
    pub(crate) fn limbs(&self) -> [u64; 10] {
        let w = &self.0;
        [
            w[0] & LOW_32,
            w[0] >> 32,
            w[1] & LOW_32,
            w[1] >> 32,
            w[2] & LOW_32,
            w[2] >> 32,
            w[3] & LOW_32,
            w[3] >> 32,
            w[4] & LOW_32,
            w[4] >> 32,
        ]
    }

    /// Packs ten limbs, each below `2^32`.
    #[inline(always)]
    fn pack(l: &[u64; 10]) -> FieldElement2625 {
        FieldElement2625([
            l[0] | l[1] << 32,
            l[2] | l[3] << 32,
            l[4] | l[5] << 32,
            l[6] | l[7] << 32,
            l[8] | l[9] << 32,
        ])
    }

    /// Carries the wide limbs `z` into a reduced element.
    ///
    /// Precondition: every `z[i] < 2^63`. The chain is sequential
    /// `z0 -> z1 -> ... -> z9 -> 19 * (carry) -> z0 -> z1`:
    /// * each carry out of `z[i]` is `< 2^(63-25) = 2^38`, so adding it to the next limb
    ///   stays below `2^64`;
    /// * the carry `c` out of `z9` is `< 2^38 + 1` (`z9 < 2^63 + 2^38`), so `19 c < 2^43`
    ///   and limb 0 becomes `< 2^26 + 2^43`;
    /// * the final carry out of limb 0 is `< 2^17 + 1`, so limb 1 ends `< 2^25 + 2^18`;
    ///   all other limbs were masked to 26/25 bits.
    #[inline(always)]
    fn reduce(mut z: [u64; 10]) -> FieldElement2625 {
        let mut c;
        c = z[0] >> 26;
        z[0] &= LOW_26;
        z[1] += c;
        c = z[1] >> 25;
        z[1] &= LOW_25;
        z[2] += c;
        c = z[2] >> 26;
        z[2] &= LOW_26;
        z[3] += c;
        c = z[3] >> 25;
        z[3] &= LOW_25;
        z[4] += c;
        c = z[4] >> 26;
        z[4] &= LOW_26;
        z[5] += c;
        c = z[5] >> 25;
        z[5] &= LOW_25;
        z[6] += c;
        c = z[6] >> 26;
        z[6] &= LOW_26;
        z[7] += c;
        c = z[7] >> 25;
        z[7] &= LOW_25;
        z[8] += c;
        c = z[8] >> 26;
        z[8] &= LOW_26;
        z[9] += c;
        c = z[9] >> 25;
        z[9] &= LOW_25;
        // 2^255 = 19 (mod p).
        z[0] += 19 * c;
        c = z[0] >> 26;
        z[0] &= LOW_26;
        z[1] += c;
        Self::pack(&z)
    }

    /// Decodes 32 little-endian bytes, ignoring the top bit (bit 255), without checking that
    /// the value is below `p` (values in `[p, 2^255)` are accepted and reduced).
    /// Callers that need canonical encodings compare `to_bytes()` with the input.
    pub(crate) fn from_bytes(bytes: &[u8; 32]) -> FieldElement2625 {
        let mut w = [0u64; 5];
        for (i, chunk) in bytes.chunks(8).enumerate() {
            let mut v = 0u64;
            for (j, b) in chunk.iter().enumerate() {
                v |= (*b as u64) << (8 * j);
            }
            w[i] = v;
        }
        // Bits [off, off + width) of the 256-bit little-endian integer in `w`.
        let bits = |off: usize, width: u32| -> u64 {
            let (k, s) = (off / 64, off % 64);
            let mut v = w[k] >> s;
            if s != 0 {
                v |= w[k + 1] << (64 - s);
            }
            v & ((1u64 << width) - 1)
        };
        // Limb 9 takes bits 230..254 (25 bits), so bit 255 is dropped here.
        // All limbs fit their 26/25 bits: the element is reduced.
        Self::pack(&[
            bits(0, 26),
            bits(26, 25),
            bits(51, 26),
            bits(77, 25),
            bits(102, 26),
            bits(128, 25),
            bits(153, 26),
            bits(179, 25),
            bits(204, 26),
            bits(230, 25),
        ])
    }

    /// The canonical (fully reduced, `< p`) little-endian encoding; bit 255 is zero.
    ///
    /// Accepts any element whose limbs are below `4 x` the reduced bounds.
    pub(crate) fn to_bytes(&self) -> [u8; 32] {
        // First make the element reduced: then h < 2^255 + 2^18 * 2^26 < 2p.
        let mut l = Self::reduce(self.limbs()).limbs();
        // q = floor((h + 19) / 2^255), which is 1 iff h >= p (as h < 2p), computed by an
        // exact carry chain on h + 19 (limbs non-negative, so carries are floor divisions).
        let mut q = (l[0] + 19) >> 26;
        q = (l[1] + q) >> 25;
        q = (l[2] + q) >> 26;
        q = (l[3] + q) >> 25;
        q = (l[4] + q) >> 26;
        q = (l[5] + q) >> 25;
        q = (l[6] + q) >> 26;
        q = (l[7] + q) >> 25;
        q = (l[8] + q) >> 26;
        q = (l[9] + q) >> 25;
        // h - q p = h + 19 q - q 2^255: add 19 q, carry, and drop bit 255 from limb 9.
        l[0] += 19 * q;
        let mut c;
        c = l[0] >> 26;
        l[0] &= LOW_26;
        l[1] += c;
        c = l[1] >> 25;
        l[1] &= LOW_25;
        l[2] += c;
        c = l[2] >> 26;
        l[2] &= LOW_26;
        l[3] += c;
        c = l[3] >> 25;
        l[3] &= LOW_25;
        l[4] += c;
        c = l[4] >> 26;
        l[4] &= LOW_26;
        l[5] += c;
        c = l[5] >> 25;
        l[5] &= LOW_25;
        l[6] += c;
        c = l[6] >> 26;
        l[6] &= LOW_26;
        l[7] += c;
        c = l[7] >> 25;
        l[7] &= LOW_25;
        l[8] += c;
        c = l[8] >> 26;
        l[8] &= LOW_26;
        l[9] += c;
        l[9] &= LOW_25;

        // Pack 255 bits, limb i at bit offset ceil(25.5 i), into four little-endian words
        // (straight-line: no loop, no index checks). Shifts that run past bit 63 drop the bits
        // that the next word picks up.
        let w = [
            l[0] | l[1] << 26 | l[2] << 51,
            l[2] >> 13 | l[3] << 13 | l[4] << 38,
            l[5] | l[6] << 25 | l[7] << 51,
            l[7] >> 13 | l[8] << 12 | l[9] << 38,
        ];
        let mut out = [0u8; 32];
        out[0..8].copy_from_slice(&w[0].to_le_bytes());
        out[8..16].copy_from_slice(&w[1].to_le_bytes());
        out[16..24].copy_from_slice(&w[2].to_le_bytes());
        out[24..32].copy_from_slice(&w[3].to_le_bytes());
        out
    }

    /// `self + rhs` without carrying (see the module docs for the resulting bound).
    ///
    /// Adds whole words: both halves of every word are limbs whose sum stays below `2^32`
    /// (at most a handful of reduced elements are ever summed), so no half overflows.
    #[inline(always)]
    pub(crate) fn add(&self, rhs: &FieldElement2625) -> FieldElement2625 {
        let (a, b) = (&self.0, &rhs.0);
        FieldElement2625([
            a[0] + b[0],
            a[1] + b[1],
            a[2] + b[2],
            a[3] + b[3],
            a[4] + b[4],
        ])
    }

    /// `self - rhs`, reduced.
    ///
    /// Computes `self + 4p - rhs` limb-wise, then carries. The limbs of `4p` are
    /// `2^28 - 76` (limb 0), `2^28 - 4` (other even limbs) and `2^27 - 4` (odd limbs); a sum
    /// of 3 reduced elements has limbs below `3 * 2^26` resp. `3 * (2^25 + 2^18)`, which is
    /// smaller, so no limb goes negative. The result is below `2^32 + 2^28 < 2^63`, so
    /// `reduce`'s precondition holds.
    #[inline(always)]
    pub(crate) fn sub(&self, rhs: &FieldElement2625) -> FieldElement2625 {
        const FOUR_P: [u64; 10] = [
            0xfffffb4, 0x7fffffc, 0xffffffc, 0x7fffffc, 0xffffffc, 0x7fffffc, 0xffffffc, 0x7fffffc,
            0xffffffc, 0x7fffffc,
        ];
        let a = self.limbs();
        let b = rhs.limbs();
        let mut z = [0u64; 10];
        for i in 0..10 {
            z[i] = (a[i] + FOUR_P[i]) - b[i];
        }
        Self::reduce(z)
    }

    /// `self - rhs` without carrying: `self + 2p - rhs`, word by word (5 additions and 5
    /// subtractions instead of a carry chain over ten limbs).
    ///
    /// Preconditions: `rhs` is reduced, so each of its limbs is at most the matching limb of
    /// `2p` (`2^27 - 38` for limb 0, `2^27 - 2` for the other even limbs, `2^26 - 2` for the odd
    /// ones; a reduced limb 1 is below `2^25 + 2^18`) and no half word borrows; `self`'s limbs
    /// stay below `2^32 - 2^27`, so no half word carries.
    ///
    /// Result: each limb is below `self`'s plus `2p`'s, and `2p`'s limbs are below twice the
    /// reduced bounds, so for a `self` that is a sum of `k` reduced elements the result is
    /// bounded like a sum of `k + 2`. The point formulas use it only where that stays within
    /// `mul`'s precondition (4) and, where the result is later subtracted, `sub`'s (3).
    #[inline(always)]
    pub(crate) fn sub_lazy(&self, rhs: &FieldElement2625) -> FieldElement2625 {
        const TWO_P_LOW: u64 = 0x7ffffda | 0x3fffffe << 32;
        const TWO_P: u64 = 0x7fffffe | 0x3fffffe << 32;
        let (a, b) = (&self.0, &rhs.0);
        FieldElement2625([
            (a[0] + TWO_P_LOW) - b[0],
            (a[1] + TWO_P) - b[1],
            (a[2] + TWO_P) - b[2],
            (a[3] + TWO_P) - b[3],
            (a[4] + TWO_P) - b[4],
        ])
    }

    /// `-self`, reduced (input: a sum of up to 3 reduced elements).
    #[inline(always)]
    pub(crate) fn neg(&self) -> FieldElement2625 {
        Self::ZERO.sub(self)
    }

    /// `self * rhs`, reduced.
    ///
    /// Precondition: both inputs are sums of at most 4 reduced elements, so even limbs are
    /// `< E = 2^28` and odd limbs `< O = 2^27 + 2^20`. Writing `z_k` for the coefficient of
    /// limb `k` (products `x_i y_j` with `i + j = k`, or `19 x_i y_j` with `i + j = k + 10`,
    /// doubled when `i` and `j` are both odd because of the half bit of the radix), the
    /// largest is `z0 < E^2 + 19 (4 E^2 + 10 O^2) < 124.6 * 2^56 < 2^62.97`; every
    /// other `z_k` is smaller. That meets `reduce`'s precondition (`< 2^63`).
    #[inline(never)]
    pub(crate) fn mul(&self, rhs: &FieldElement2625) -> FieldElement2625 {
        let x = self.limbs();
        let y = rhs.limbs();
        let (x0, x1, x2, x3, x4, x5, x6, x7, x8, x9) =
            (x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], x[8], x[9]);
        let (y0, y1, y2, y3, y4, y5, y6, y7, y8, y9) =
            (y[0], y[1], y[2], y[3], y[4], y[5], y[6], y[7], y[8], y[9]);
        // Doubled odd limbs of x (both-odd products carry an extra factor 2).
        let (x1_2, x3_2, x5_2, x7_2, x9_2) = (2 * x1, 2 * x3, 2 * x5, 2 * x7, 2 * x9);
        // 19 y_j for the wrapped products (2^255 = 19 mod p).
        let (y1_19, y2_19, y3_19, y4_19, y5_19, y6_19, y7_19, y8_19, y9_19) = (
            19 * y1,
            19 * y2,
            19 * y3,
            19 * y4,
            19 * y5,
            19 * y6,
            19 * y7,
            19 * y8,
            19 * y9,
        );
        let z0 = m(x0, y0)
            + m(x1_2, y9_19)
            + m(x2, y8_19)
            + m(x3_2, y7_19)
            + m(x4, y6_19)
            + m(x5_2, y5_19)
            + m(x6, y4_19)
            + m(x7_2, y3_19)
            + m(x8, y2_19)
            + m(x9_2, y1_19);
        let z1 = m(x0, y1)
            + m(x1, y0)
            + m(x2, y9_19)
            + m(x3, y8_19)
            + m(x4, y7_19)
            + m(x5, y6_19)
            + m(x6, y5_19)
            + m(x7, y4_19)
            + m(x8, y3_19)
            + m(x9, y2_19);
        let z2 = m(x0, y2)
            + m(x1_2, y1)
            + m(x2, y0)
            + m(x3_2, y9_19)
            + m(x4, y8_19)
            + m(x5_2, y7_19)
            + m(x6, y6_19)
            + m(x7_2, y5_19)
            + m(x8, y4_19)
            + m(x9_2, y3_19);
        let z3 = m(x0, y3)
            + m(x1, y2)
            + m(x2, y1)
            + m(x3, y0)
            + m(x4, y9_19)
            + m(x5, y8_19)
            + m(x6, y7_19)
            + m(x7, y6_19)
            + m(x8, y5_19)
            + m(x9, y4_19);
        let z4 = m(x0, y4)
            + m(x1_2, y3)
            + m(x2, y2)
            + m(x3_2, y1)
            + m(x4, y0)
            + m(x5_2, y9_19)
            + m(x6, y8_19)
            + m(x7_2, y7_19)
            + m(x8, y6_19)
            + m(x9_2, y5_19);
        let z5 = m(x0, y5)
            + m(x1, y4)
            + m(x2, y3)
            + m(x3, y2)
            + m(x4, y1)
            + m(x5, y0)
            + m(x6, y9_19)
            + m(x7, y8_19)
            + m(x8, y7_19)
            + m(x9, y6_19);
        let z6 = m(x0, y6)
            + m(x1_2, y5)
            + m(x2, y4)
            + m(x3_2, y3)
            + m(x4, y2)
            + m(x5_2, y1)
            + m(x6, y0)
            + m(x7_2, y9_19)
            + m(x8, y8_19)
            + m(x9_2, y7_19);
        let z7 = m(x0, y7)
            + m(x1, y6)
            + m(x2, y5)
            + m(x3, y4)
            + m(x4, y3)
            + m(x5, y2)
            + m(x6, y1)
            + m(x7, y0)
            + m(x8, y9_19)
            + m(x9, y8_19);
        let z8 = m(x0, y8)
            + m(x1_2, y7)
            + m(x2, y6)
            + m(x3_2, y5)
            + m(x4, y4)
            + m(x5_2, y3)
            + m(x6, y2)
            + m(x7_2, y1)
            + m(x8, y0)
            + m(x9_2, y9_19);
        let z9 = m(x0, y9)
            + m(x1, y8)
            + m(x2, y7)
            + m(x3, y6)
            + m(x4, y5)
            + m(x5, y4)
            + m(x6, y3)
            + m(x7, y2)
            + m(x8, y1)
            + m(x9, y0);
        Self::reduce([z0, z1, z2, z3, z4, z5, z6, z7, z8, z9])
    }

    /// `self^2`, reduced. Same precondition and bound as [`Self::mul`] (the coefficients
    /// are those of `mul` with `y = x`, cross terms merged).
    #[inline(never)]
    pub(crate) fn square(&self) -> FieldElement2625 {
        let x = self.limbs();
        let (x0, x1, x2, x3, x4, x5, x6, x7, x8, x9) =
            (x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], x[8], x[9]);
        let (x0_2, x1_2, x2_2, x3_2, x4_2, x5_2, x6_2, x7_2, x8_2) = (
            2 * x0,
            2 * x1,
            2 * x2,
            2 * x3,
            2 * x4,
            2 * x5,
            2 * x6,
            2 * x7,
            2 * x8,
        );
        let (x6_19, x7_19, x8_19, x9_19) = (19 * x6, 19 * x7, 19 * x8, 19 * x9);
        let (x5_38, x7_38, x9_38) = (38 * x5, 38 * x7, 38 * x9);
        let z0 = m(x0, x0)
            + m(x1_2, x9_38)
            + m(x2_2, x8_19)
            + m(x3_2, x7_38)
            + m(x4_2, x6_19)
            + m(x5, x5_38);
        let z1 = m(x0_2, x1) + m(x2_2, x9_19) + m(x3_2, x8_19) + m(x4_2, x7_19) + m(x5_2, x6_19);
        let z2 = m(x0_2, x2)
            + m(x1, x1_2)
            + m(x3_2, x9_38)
            + m(x4_2, x8_19)
            + m(x5_2, x7_38)
            + m(x6, x6_19);
        let z3 = m(x0_2, x3) + m(x1_2, x2) + m(x4_2, x9_19) + m(x5_2, x8_19) + m(x6_2, x7_19);
        let z4 = m(x0_2, x4)
            + m(x1_2, x3_2)
            + m(x2, x2)
            + m(x5_2, x9_38)
            + m(x6_2, x8_19)
            + m(x7, x7_38);
        let z5 = m(x0_2, x5) + m(x1_2, x4) + m(x2_2, x3) + m(x6_2, x9_19) + m(x7_2, x8_19);
        let z6 =
            m(x0_2, x6) + m(x1_2, x5_2) + m(x2_2, x4) + m(x3, x3_2) + m(x7_2, x9_38) + m(x8, x8_19);
        let z7 = m(x0_2, x7) + m(x1_2, x6) + m(x2_2, x5) + m(x3_2, x4) + m(x8_2, x9_19);
        let z8 =
            m(x0_2, x8) + m(x1_2, x7_2) + m(x2_2, x6) + m(x3_2, x5_2) + m(x4, x4) + m(x9, x9_38);
        let z9 = m(x0_2, x9) + m(x1_2, x8) + m(x2_2, x7) + m(x3_2, x6) + m(x4_2, x5);
        Self::reduce([z0, z1, z2, z3, z4, z5, z6, z7, z8, z9])
    }

    /// `self^(2^k)` for `k >= 1`.
    pub(crate) fn pow2k(&self, k: u32) -> FieldElement2625 {
        let mut r = self.square();
        for _ in 1..k {
            r = r.square();
        }
        r
    }

    /// Constant-time select: `a` if `choice == 0`, `b` if `choice == 1`.
    #[inline(always)]
    pub(crate) fn conditional_select(
        a: &FieldElement2625,
        b: &FieldElement2625,
        choice: u8,
    ) -> FieldElement2625 {
        let mask = 0u64.wrapping_sub((choice & 1) as u64);
        let mut out = [0u64; 5];
        for i in 0..5 {
            out[i] = a.0[i] ^ (mask & (a.0[i] ^ b.0[i]));
        }
        FieldElement2625(out)
    }

    /// Constant-time equality of the represented values: 1 if equal, else 0.
    pub(crate) fn ct_eq(&self, other: &FieldElement2625) -> u8 {
        ct_bytes_eq(&self.to_bytes(), &other.to_bytes())
    }
}

/// Constant-time equality of two 32-byte strings: 1 if equal, else 0.
pub(crate) fn ct_bytes_eq(a: &[u8; 32], b: &[u8; 32]) -> u8 {
    let mut acc = 0u8;
    for i in 0..32 {
        acc |= a[i] ^ b[i];
    }
    // acc == 0 -> 1, else 0, without branching.
    let x = acc as u32;
    (((x | x.wrapping_neg()) >> 31) ^ 1) as u8
}

impl<'a, 'b> Add<&'b FieldElement2625> for &'a FieldElement2625 {
    type Output = FieldElement2625;
    #[inline(always)]
    fn add(self, rhs: &'b FieldElement2625) -> FieldElement2625 {
        FieldElement2625::add(self, rhs)
    }
}

impl<'a, 'b> Sub<&'b FieldElement2625> for &'a FieldElement2625 {
    type Output = FieldElement2625;
    #[inline(always)]
    fn sub(self, rhs: &'b FieldElement2625) -> FieldElement2625 {
        FieldElement2625::sub(self, rhs)
    }
}

impl<'a, 'b> Mul<&'b FieldElement2625> for &'a FieldElement2625 {
    type Output = FieldElement2625;
    #[inline(always)]
    fn mul(self, rhs: &'b FieldElement2625) -> FieldElement2625 {
        FieldElement2625::mul(self, rhs)
    }
}

impl<'a> Neg for &'a FieldElement2625 {
    type Output = FieldElement2625;
    #[inline(always)]
    fn neg(self) -> FieldElement2625 {
        FieldElement2625::neg(self)
    }
}
