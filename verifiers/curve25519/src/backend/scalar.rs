//! Limb arithmetic modulo the group order
//! `l = 2^252 + 27742317777372353535851937790883648493` with nine 29-bit limbs (261 bits)
//! and `u64` products, using Montgomery multiplication with `R = 2^261`.
//!
//! Every function is constant time: no branch or memory index depends on limb values.
//!
//! # Bounds
//!
//! A `Scalar29` holds limbs `< 2^29`. Functions documented as returning a *canonical* value
//! return the unique representative in `[0, l)`.

/// Mask of the low 29 bits.
const MASK: u32 = (1 << 29) - 1;

/// Nine 29-bit limbs, little-endian: `x = sum_i limb[i] 2^(29 i)`.
#[derive(Copy, Clone, Debug)]
pub(crate) struct Scalar29(pub(crate) [u32; 9]);

/// `l` in 29-bit limbs (RFC 8032 §5.1: L = 2^252 + 27742317777372353535851937790883648493).
pub(crate) const L: Scalar29 = Scalar29([
    0x1cf5d3ed, 0x009318d2, 0x1de73596, 0x1df3bd45, 0x0000014d, 0x00000000, 0x00000000, 0x00000000,
    0x00100000,
]);

/// `-l^(-1) mod 2^29` (computed from `L`; checked by the tests).
const LFACTOR: u32 = 0x12547e1b;

/// `R = 2^261 mod l` (Montgomery form of 1; checked by the tests).
pub(crate) const R: Scalar29 = Scalar29([
    0x114df9ed, 0x1a617303, 0x0f7c098c, 0x16793167, 0x1ffd656e, 0x1fffffff, 0x1fffffff, 0x1fffffff,
    0x000fffff,
]);

/// `R^2 = 2^522 mod l` (checked by the tests).
pub(crate) const RR: Scalar29 = Scalar29([
    0x0b5f9d12, 0x1e141b17, 0x158d7f3d, 0x143f3757, 0x1972d781, 0x042feb7c, 0x1ceec73d, 0x1e184d1e,
    0x0005046d,
]);

#[inline(always)]
fn m(a: u32, b: u32) -> u64 {
    (a as u64) * (b as u64)
}

impl Scalar29 {
    /// Zero.
    pub(crate) const ZERO: Scalar29 = Scalar29([0; 9]);

    /// Unpacks 32 little-endian bytes (all 256 bits; not reduced).
    pub(crate) fn from_bytes(bytes: &[u8; 32]) -> Scalar29 {
        let mut w = [0u64; 4];
        for (i, chunk) in bytes.chunks(8).enumerate() {
            let mut v = 0u64;
            for (j, b) in chunk.iter().enumerate() {
                v |= (*b as u64) << (8 * j);
            }
            w[i] = v;
        }
        Scalar29(unpack_words(&w))
    }

    /// Reduces a 512-bit little-endian integer modulo `l`; canonical.
    ///
    /// Splits the input as `lo + 2^261 hi` with `lo < 2^261` and `hi < 2^251`, and returns
    /// `montgomery_mul(lo, R) + montgomery_mul(hi, R^2) = lo + hi R (mod l)`.
    /// Both Montgomery products have inputs below `l R`: `lo R < 2^261 l` and
    /// `hi R^2 < 2^251 l < l R`.
    pub(crate) fn from_bytes_wide(bytes: &[u8; 64]) -> Scalar29 {
        let mut w = [0u64; 8];
        for (i, chunk) in bytes.chunks(8).enumerate() {
            let mut v = 0u64;
            for (j, b) in chunk.iter().enumerate() {
                v |= (*b as u64) << (8 * j);
            }
            w[i] = v;
        }
        let mut lo = [0u32; 9];
        let mut hi = [0u32; 9];
        for i in 0..9 {
            lo[i] = bits_of_words(&w, 29 * i, 29) as u32;
            hi[i] = bits_of_words(&w, 261 + 29 * i, 29) as u32;
        }
        let lo = Scalar29::montgomery_mul(&Scalar29(lo), &R);
        let hi = Scalar29::montgomery_mul(&Scalar29(hi), &RR);
        Scalar29::add(&lo, &hi)
    }

    /// Packs to 32 little-endian bytes. The value must be below `2^256` (true for
    /// canonical values).
    pub(crate) fn to_bytes(&self) -> [u8; 32] {
        let mut out = [0u8; 32];
        let mut acc: u64 = 0;
        let mut acc_bits = 0u32;
        let mut pos = 0usize;
        for limb in self.0.iter() {
            acc |= (*limb as u64) << acc_bits;
            acc_bits += 29;
            while acc_bits >= 8 && pos < 32 {
                out[pos] = acc as u8;
                pos += 1;
                acc >>= 8;
                acc_bits -= 8;
            }
        }
        out
    }

    /// `a + b mod l` for canonical `a`, `b`; canonical.
    pub(crate) fn add(a: &Scalar29, b: &Scalar29) -> Scalar29 {
        let mut sum = [0u32; 9];
        let mut carry = 0u32;
        for i in 0..9 {
            carry = a.0[i] + b.0[i] + (carry >> 29);
            sum[i] = carry & MASK;
        }
        // a + b < 2l < 2^254 fits in 9 limbs; subtract l once if needed.
        Scalar29::sub(&Scalar29(sum), &L)
    }

    /// `a - b mod l` for `a, b < 2^261` with `a - b` in `(-l, l)`, in particular for
    /// canonical inputs, or `a < 2l` and `b = l`; canonical.
    pub(crate) fn sub(a: &Scalar29, b: &Scalar29) -> Scalar29 {
        let mut diff = [0u32; 9];
        let mut borrow = 0u32;
        for i in 0..9 {
            borrow = a.0[i].wrapping_sub(b.0[i] + (borrow >> 31));
            diff[i] = borrow & MASK;
        }
        // The top bit of `borrow` is set iff a < b; then add l back.
        let mask = 0u32.wrapping_sub(borrow >> 31) & MASK;
        let mut carry = 0u32;
        for i in 0..9 {
            carry = (carry >> 29) + diff[i] + (L.0[i] & mask);
            diff[i] = carry & MASK;
        }
        Scalar29(diff)
    }

    /// The 17 column sums of the schoolbook product `a * b` (limbs `< 2^29`, so each
    /// column is `< 9 * 2^58 < 2^61.2`). Written out so the limbs stay in Wasm locals.
    #[inline(always)]
    fn mul_internal(a: &Scalar29, b: &Scalar29) -> [u64; 17] {
        let [a0, a1, a2, a3, a4, a5, a6, a7, a8] = a.0;
        let [b0, b1, b2, b3, b4, b5, b6, b7, b8] = b.0;
        let z = [
            m(a0, b0),
            m(a0, b1) + m(a1, b0),
            m(a0, b2) + m(a1, b1) + m(a2, b0),
            m(a0, b3) + m(a1, b2) + m(a2, b1) + m(a3, b0),
            m(a0, b4) + m(a1, b3) + m(a2, b2) + m(a3, b1) + m(a4, b0),
            m(a0, b5) + m(a1, b4) + m(a2, b3) + m(a3, b2) + m(a4, b1) + m(a5, b0),
            m(a0, b6) + m(a1, b5) + m(a2, b4) + m(a3, b3) + m(a4, b2) + m(a5, b1) + m(a6, b0),
            m(a0, b7)
                + m(a1, b6)
                + m(a2, b5)
                + m(a3, b4)
                + m(a4, b3)
                + m(a5, b2)
                + m(a6, b1)
                + m(a7, b0),
            m(a0, b8)
                + m(a1, b7)
                + m(a2, b6)
                + m(a3, b5)
                + m(a4, b4)
                + m(a5, b3)
                + m(a6, b2)
                + m(a7, b1)
                + m(a8, b0),
            m(a1, b8)
                + m(a2, b7)
                + m(a3, b6)
                + m(a4, b5)
                + m(a5, b4)
                + m(a6, b3)
                + m(a7, b2)
                + m(a8, b1),
            m(a2, b8) + m(a3, b7) + m(a4, b6) + m(a5, b5) + m(a6, b4) + m(a7, b3) + m(a8, b2),
            m(a3, b8) + m(a4, b7) + m(a5, b6) + m(a6, b5) + m(a7, b4) + m(a8, b3),
            m(a4, b8) + m(a5, b7) + m(a6, b6) + m(a7, b5) + m(a8, b4),
            m(a5, b8) + m(a6, b7) + m(a7, b6) + m(a8, b5),
            m(a6, b8) + m(a7, b7) + m(a8, b6),
            m(a7, b8) + m(a8, b7),
            m(a8, b8),
        ];
        z
    }

    /// The 17 column sums of `a^2`, cross products computed once with a doubled factor
    /// (`2 a_i < 2^30` fits `u32`; same column bound as `mul_internal`).
    #[inline(always)]
    fn square_internal(a: &Scalar29) -> [u64; 17] {
        let [a0, a1, a2, a3, a4, a5, a6, a7, a8] = a.0;
        let (a0_2, a1_2, a2_2, a3_2, a4_2, a5_2, a6_2, a7_2) = (
            2 * a0,
            2 * a1,
            2 * a2,
            2 * a3,
            2 * a4,
            2 * a5,
            2 * a6,
            2 * a7,
        );
        let z = [
            m(a0, a0),
            m(a0_2, a1),
            m(a0_2, a2) + m(a1, a1),
            m(a0_2, a3) + m(a1_2, a2),
            m(a0_2, a4) + m(a1_2, a3) + m(a2, a2),
            m(a0_2, a5) + m(a1_2, a4) + m(a2_2, a3),
            m(a0_2, a6) + m(a1_2, a5) + m(a2_2, a4) + m(a3, a3),
            m(a0_2, a7) + m(a1_2, a6) + m(a2_2, a5) + m(a3_2, a4),
            m(a0_2, a8) + m(a1_2, a7) + m(a2_2, a6) + m(a3_2, a5) + m(a4, a4),
            m(a1_2, a8) + m(a2_2, a7) + m(a3_2, a6) + m(a4_2, a5),
            m(a2_2, a8) + m(a3_2, a7) + m(a4_2, a6) + m(a5, a5),
            m(a3_2, a8) + m(a4_2, a7) + m(a5_2, a6),
            m(a4_2, a8) + m(a5_2, a7) + m(a6, a6),
            m(a5_2, a8) + m(a6_2, a7),
            m(a6_2, a8) + m(a7, a7),
            m(a7_2, a8),
            m(a8, a8),
        ];
        z
    }

    /// Montgomery reduction: for `z < l R` (given as column sums `< 2^61.2`), returns
    /// `z / R mod l`, canonical.
    ///
    /// First pass (`part1`): for `i = 0..9` pick `n_i = -acc_i / l mod 2^29` so that adding
    /// `n_i l 2^(29 i)` clears limb `i`; each accumulator is below
    /// `2^61.2 + 8 * 2^58 + 2^34 < 2^62.1`. Second pass (`part2`): limbs `9..17` of
    /// `z + n l`, i.e. `(z + n l) / 2^261`. The result is `< (l R + R l) / R = 2l`, so one
    /// conditional subtraction of `l` makes it canonical.
    #[inline(always)]
    fn montgomery_reduce(z: &[u64; 17]) -> Scalar29 {
        #[inline(always)]
        fn part1(sum: u64) -> (u64, u32) {
            let p = (sum as u32).wrapping_mul(LFACTOR) & MASK;
            // The low 29 bits of sum + p L0 are zero.
            ((sum + m(p, L0)) >> 29, p)
        }
        #[inline(always)]
        fn part2(sum: u64) -> (u64, u32) {
            (sum >> 29, (sum as u32) & MASK)
        }
        const L0: u32 = L.0[0];
        const L1: u32 = L.0[1];
        const L2: u32 = L.0[2];
        const L3: u32 = L.0[3];
        const L4: u32 = L.0[4];
        const L5: u32 = L.0[5];
        const L6: u32 = L.0[6];
        const L7: u32 = L.0[7];
        const L8: u32 = L.0[8];
        let (c, n0) = part1(z[0]);
        let (c, n1) = part1(c + z[1] + m(n0, L1));
        let (c, n2) = part1(c + z[2] + m(n0, L2) + m(n1, L1));
        let (c, n3) = part1(c + z[3] + m(n0, L3) + m(n1, L2) + m(n2, L1));
        let (c, n4) = part1(c + z[4] + m(n0, L4) + m(n1, L3) + m(n2, L2) + m(n3, L1));
        let (c, n5) = part1(c + z[5] + m(n0, L5) + m(n1, L4) + m(n2, L3) + m(n3, L2) + m(n4, L1));
        let (c, n6) =
            part1(c + z[6] + m(n0, L6) + m(n1, L5) + m(n2, L4) + m(n3, L3) + m(n4, L2) + m(n5, L1));
        let (c, n7) = part1(
            c + z[7]
                + m(n0, L7)
                + m(n1, L6)
                + m(n2, L5)
                + m(n3, L4)
                + m(n4, L3)
                + m(n5, L2)
                + m(n6, L1),
        );
        let (c, n8) = part1(
            c + z[8]
                + m(n0, L8)
                + m(n1, L7)
                + m(n2, L6)
                + m(n3, L5)
                + m(n4, L4)
                + m(n5, L3)
                + m(n6, L2)
                + m(n7, L1),
        );
        let (c, r0) = part2(
            c + z[9]
                + m(n1, L8)
                + m(n2, L7)
                + m(n3, L6)
                + m(n4, L5)
                + m(n5, L4)
                + m(n6, L3)
                + m(n7, L2)
                + m(n8, L1),
        );
        let (c, r1) = part2(
            c + z[10]
                + m(n2, L8)
                + m(n3, L7)
                + m(n4, L6)
                + m(n5, L5)
                + m(n6, L4)
                + m(n7, L3)
                + m(n8, L2),
        );
        let (c, r2) = part2(
            c + z[11] + m(n3, L8) + m(n4, L7) + m(n5, L6) + m(n6, L5) + m(n7, L4) + m(n8, L3),
        );
        let (c, r3) = part2(c + z[12] + m(n4, L8) + m(n5, L7) + m(n6, L6) + m(n7, L5) + m(n8, L4));
        let (c, r4) = part2(c + z[13] + m(n5, L8) + m(n6, L7) + m(n7, L6) + m(n8, L5));
        let (c, r5) = part2(c + z[14] + m(n6, L8) + m(n7, L7) + m(n8, L6));
        let (c, r6) = part2(c + z[15] + m(n7, L8) + m(n8, L7));
        let (c, r7) = part2(c + z[16] + m(n8, L8));
        // The result is < 2l < 2^254, so the last carry fits the top limb.
        let r8 = c as u32;
        Scalar29::sub(&Scalar29([r0, r1, r2, r3, r4, r5, r6, r7, r8]), &L)
    }

    /// `a * b / R mod l` for `a * b < l R` (e.g. both canonical, or one `< 2^261` and the
    /// other canonical); canonical.
    #[inline(never)]
    pub(crate) fn montgomery_mul(a: &Scalar29, b: &Scalar29) -> Scalar29 {
        Scalar29::montgomery_reduce(&Scalar29::mul_internal(a, b))
    }

    /// `a^2 / R mod l` for canonical `a`; canonical.
    #[inline(never)]
    pub(crate) fn montgomery_square(a: &Scalar29) -> Scalar29 {
        Scalar29::montgomery_reduce(&Scalar29::square_internal(a))
    }

    /// `a * b mod l` for canonical inputs; canonical.
    pub(crate) fn mul(a: &Scalar29, b: &Scalar29) -> Scalar29 {
        let ab = Scalar29::montgomery_mul(a, b);
        Scalar29::montgomery_mul(&ab, &RR)
    }

    /// `a^2 mod l` for canonical `a`; canonical.
    pub(crate) fn square(a: &Scalar29) -> Scalar29 {
        let aa = Scalar29::montgomery_square(a);
        Scalar29::montgomery_mul(&aa, &RR)
    }

    /// `a R mod l` (into Montgomery form).
    pub(crate) fn as_montgomery(&self) -> Scalar29 {
        Scalar29::montgomery_mul(self, &RR)
    }

    /// `a / R mod l` (out of Montgomery form).
    pub(crate) fn from_montgomery(&self) -> Scalar29 {
        let mut z = [0u64; 17];
        for i in 0..9 {
            z[i] = self.0[i] as u64;
        }
        Scalar29::montgomery_reduce(&z)
    }

    /// Bits `[off, off + width)` of the value (`width <= 29`); zero beyond bit 260.
    #[inline(always)]
    pub(crate) fn bits(&self, off: usize, width: u32) -> u32 {
        let k = off / 29;
        let s = off % 29;
        let lo = if k < 9 { self.0[k] as u64 } else { 0 };
        let hi = if k + 1 < 9 { self.0[k + 1] as u64 } else { 0 };
        (((lo | (hi << 29)) >> s) & ((1u64 << width) - 1)) as u32
    }
}

/// Bits `[off, off + width)` of a little-endian multiword integer (`width <= 58`),
/// zero beyond its end.
fn bits_of_words(w: &[u64], off: usize, width: u32) -> u64 {
    let (k, s) = (off / 64, off % 64);
    let mut v = if k < w.len() { w[k] >> s } else { 0 };
    if s != 0 && k + 1 < w.len() {
        v |= w[k + 1] << (64 - s);
    }
    v & ((1u64 << width) - 1)
}

/// Unpacks a 256-bit little-endian integer into nine 29-bit limbs.
fn unpack_words(w: &[u64; 4]) -> [u32; 9] {
    let mut out = [0u32; 9];
    for i in 0..9 {
        out[i] = bits_of_words(w, 29 * i, 29) as u32;
    }
    out
}
