//! Integers modulo the prime group order
//! `l = 2^252 + 27742317777372353535851937790883648493` (RFC 8032 §5.1, RFC 9496 §4).
//!
//! A [`Scalar`] always holds the canonical representative in `[0, l)`. All arithmetic is
//! constant time (the prover uses it on secrets): no branch or memory index depends on
//! a scalar's value. Only [`Scalar::from_canonical_bytes`] returns an `Option`, whose
//! `None`/`Some` reveals whether the input was canonical, which is public.
//!
//! Encoding: 32 bytes, little-endian, canonical (`< l`, so the top 3 bits are zero).

use core::iter::{Product, Sum};
use core::ops::{Add, AddAssign, Mul, MulAssign, Neg, Sub, SubAssign};

use crate::backend::scalar::{Scalar29, L, R};

/// An integer modulo `l`, always canonical.
#[derive(Copy, Clone, Default)]
pub struct Scalar {
    /// Canonical value in nine 29-bit limbs.
    limbs: [u32; 9],
}

impl Scalar {
    /// Zero.
    pub const ZERO: Scalar = Scalar { limbs: [0; 9] };
    /// One.
    pub const ONE: Scalar = Scalar {
        limbs: [1, 0, 0, 0, 0, 0, 0, 0, 0],
    };

    #[inline(always)]
    fn from29(s: Scalar29) -> Scalar {
        Scalar { limbs: s.0 }
    }

    #[inline(always)]
    fn as29(&self) -> Scalar29 {
        Scalar29(self.limbs)
    }

    /// The scalar `x` (every `u64` is below `l`).
    pub fn from_u64(x: u64) -> Scalar {
        let mut b = [0u8; 32];
        b[..8].copy_from_slice(&x.to_le_bytes());
        Scalar::from29(Scalar29::from_bytes(&b))
    }

    /// Decodes a canonical encoding: `None` if the 256-bit little-endian value is `>= l`
    /// (which includes every input with one of the top 3 bits, 253 to 255, set).
    pub fn from_canonical_bytes(bytes: &[u8; 32]) -> Option<Scalar> {
        let x = Scalar29::from_bytes(bytes);
        // x < 2^256 < 2^261. Compute x - l with a borrow chain: x < l iff it borrows.
        let mut borrow = 0u32;
        for i in 0..9 {
            borrow = x.0[i].wrapping_sub(L.0[i] + (borrow >> 31));
        }
        if borrow >> 31 == 1 {
            Some(Scalar::from29(x))
        } else {
            None
        }
    }

    /// Reduces a 256-bit little-endian integer modulo `l`.
    pub fn from_bytes_mod_order(bytes: &[u8; 32]) -> Scalar {
        let mut wide = [0u8; 64];
        wide[..32].copy_from_slice(bytes);
        Scalar::from_bytes_mod_order_wide(&wide)
    }

    /// Reduces a 512-bit little-endian integer modulo `l` (e.g. a 64-byte hash output).
    pub fn from_bytes_mod_order_wide(bytes: &[u8; 64]) -> Scalar {
        Scalar::from29(Scalar29::from_bytes_wide(bytes))
    }

    /// The canonical 32-byte little-endian encoding.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.as29().to_bytes()
    }

    /// `self^2`.
    pub fn square(&self) -> Scalar {
        Scalar::from29(Scalar29::square(&self.as29()))
    }

    /// The multiplicative inverse `self^(l - 2)` (Fermat); `0` maps to `0`.
    ///
    /// Constant time: a fixed sequence of Montgomery squarings and multiplications that
    /// depends only on the public exponent `l - 2` (4-bit fixed windows; windows whose digit
    /// is zero skip their multiplication, which depends only on the exponent).
    pub fn invert(&self) -> Scalar {
        // Montgomery form: every product below divides by R once, keeping the factor R.
        let x = self.as29().as_montgomery();
        // table[i] = x^i R for i in 0..16 (table[0] = R, the Montgomery form of 1).
        let mut table = [R; 16];
        table[1] = x;
        for i in 2..16 {
            table[i] = Scalar29::montgomery_mul(&table[i - 1], &x);
        }
        // The exponent l - 2, little-endian bytes; nibble i is bits [4i, 4i + 4).
        let e = &L_MINUS_2_BYTES;
        let mut acc = R;
        let mut started = false;
        for i in (0..64).rev() {
            let nibble = (e[i / 2] >> (4 * (i % 2))) & 0xf;
            if started {
                for _ in 0..4 {
                    acc = Scalar29::montgomery_square(&acc);
                }
            }
            if nibble != 0 {
                acc = if started {
                    Scalar29::montgomery_mul(&acc, &table[nibble as usize])
                } else {
                    table[nibble as usize]
                };
                started = true;
            }
        }
        Scalar::from29(acc.from_montgomery())
    }

    /// Inverts every element of `values` in place with Montgomery's trick (one inversion
    /// and `3 (n - 1)` multiplications). Zeros stay zero (and do not disturb the others).
    /// Constant time in the values.
    ///
    /// # Panics
    /// If `scratch.len() < values.len()`.
    pub fn batch_invert(values: &mut [Scalar], scratch: &mut [Scalar]) {
        assert!(
            scratch.len() >= values.len(),
            "batch_invert: scratch too short"
        );
        let n = values.len();
        // Forward: scratch[i] = product of values[0..i] (zeros replaced by one).
        let mut acc = Scalar::ONE;
        for i in 0..n {
            scratch[i] = acc;
            let v = Scalar::conditional_select(&values[i], &Scalar::ONE, values[i].is_zero_ct());
            acc = &acc * &v;
        }
        // acc is a product of nonzero values, so it is invertible.
        let mut inv = acc.invert();
        // Backward: values[i]^-1 = inv(prefix through i) * prefix before i.
        for i in (0..n).rev() {
            let was_zero = values[i].is_zero_ct();
            let v = Scalar::conditional_select(&values[i], &Scalar::ONE, was_zero);
            let vi = &inv * &scratch[i];
            inv = &inv * &v;
            values[i] = Scalar::conditional_select(&vi, &Scalar::ZERO, was_zero);
        }
    }

    /// Whether `self == 0` (constant time up to the returned `bool`).
    pub fn is_zero(&self) -> bool {
        self.is_zero_ct() == 1
    }

    /// 1 if zero, else 0.
    fn is_zero_ct(&self) -> u8 {
        ct_limbs_eq(&self.limbs, &[0; 9])
    }

    /// Constant-time select: `a` if `choice == 0`, `b` if `choice == 1`.
    pub fn conditional_select(a: &Scalar, b: &Scalar, choice: u8) -> Scalar {
        let mask = 0u32.wrapping_sub((choice & 1) as u32);
        let mut limbs = [0u32; 9];
        for i in 0..9 {
            limbs[i] = a.limbs[i] ^ (mask & (a.limbs[i] ^ b.limbs[i]));
        }
        Scalar { limbs }
    }

    /// Bits `[off, off + width)` of the canonical value, `width <= 29`; zero past bit 252.
    #[inline(always)]
    pub(crate) fn bits(&self, off: usize, width: u32) -> u32 {
        self.as29().bits(off, width)
    }

    /// Signed radix-`2^w` (Booth) digits: `self = sum_j d_j 2^(w j)` with
    /// `d_j in [-2^(w-1), 2^(w-1)]`, for `j < ceil(254 / w)`.
    ///
    /// `d_j = b_j + c_j - 2^w c_(j+1)` where `b_j` is the `j`-th `w`-bit window and the carry
    /// `c_j` is bit `j w - 1` (the top bit of the previous window). Since the scalar is
    /// below `2^253`, the carry out of the last window (bit `254 + ...` ) is zero.
    /// Constant time.
    #[inline(always)]
    pub(crate) fn signed_digit(&self, j: usize, w: u32) -> i32 {
        let off = j * w as usize;
        let b = self.bits(off, w) as i32;
        let c_in = if off == 0 {
            0
        } else {
            self.bits(off - 1, 1) as i32
        };
        let c_out = b >> (w - 1);
        b + c_in - (c_out << w)
    }

    /// Width-`w` non-adjacent form (`2 <= w <= 8`), reported sparsely: calls `f(i, d)` for
    /// every nonzero digit `d` at bit `i`, from the bottom up, where `self = sum_i d_i 2^i`,
    /// every `d_i` is odd and in `(-2^(w-1), 2^(w-1))`, and any `w` consecutive digits have
    /// at most one nonzero. Positions are at most 253. Variable time (public scalars only).
    #[inline(always)]
    pub(crate) fn for_each_naf_digit<F: FnMut(usize, i32)>(&self, w: u32, mut f: F) {
        let width = 1u32 << w;
        let half = width >> 1;
        let mut pos = 0usize;
        let mut carry = 0u32;
        while pos < 256 {
            let window = carry + self.bits(pos, w);
            if window & 1 == 0 {
                pos += 1;
                continue;
            }
            if window < half {
                carry = 0;
                f(pos, window as i32);
            } else {
                carry = 1;
                f(pos, window as i32 - width as i32);
            }
            pos += w as usize;
        }
    }

    /// Width-5 non-adjacent form: `self = sum_i naf[i] 2^i` with every nonzero digit odd,
    /// in `(-16, 16)`, and any 5 consecutive digits having at most one nonzero.
    /// Variable time (for public scalars only).
    pub(crate) fn non_adjacent_form_5(&self, naf: &mut [i8; 256]) {
        *naf = [0i8; 256];
        let mut pos = 0usize;
        let mut carry = 0u32;
        while pos < 256 {
            // The window starting at `pos`, plus the carry from the previous digit.
            let window = carry + self.bits(pos, 5);
            if window & 1 == 0 {
                // Even (including the 32 = 0 + carry overflow case): emit 0, move on;
                // the carry is kept for the next bit.
                pos += 1;
                continue;
            }
            if window < 16 {
                carry = 0;
                naf[pos] = window as i8;
            } else {
                carry = 1;
                naf[pos] = (window as i8) - 32;
            }
            pos += 5;
        }
    }
}

/// The 32 bytes of `l - 2`, little-endian (l from RFC 8032 §5.1).
const L_MINUS_2_BYTES: [u8; 32] = [
    0xeb, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
];

/// Constant-time equality of limb arrays: 1 if equal, else 0.
fn ct_limbs_eq(a: &[u32; 9], b: &[u32; 9]) -> u8 {
    let mut acc = 0u32;
    for i in 0..9 {
        acc |= a[i] ^ b[i];
    }
    // acc < 2^29: (acc | -acc) has its top bit set iff acc != 0.
    (((acc | acc.wrapping_neg()) >> 31) ^ 1) as u8
}

impl core::fmt::Debug for Scalar {
    /// Prints the canonical encoding as little-endian hex: `Scalar(0100…00)`.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Scalar(")?;
        for b in self.to_bytes().iter() {
            write!(f, "{:02x}", b)?;
        }
        f.write_str(")")
    }
}

impl PartialEq for Scalar {
    /// Constant-time comparison of the canonical values.
    fn eq(&self, other: &Scalar) -> bool {
        ct_limbs_eq(&self.limbs, &other.limbs) == 1
    }
}

impl Eq for Scalar {}

impl<'a, 'b> Add<&'b Scalar> for &'a Scalar {
    type Output = Scalar;
    fn add(self, rhs: &'b Scalar) -> Scalar {
        Scalar::from29(Scalar29::add(&self.as29(), &rhs.as29()))
    }
}

impl<'a, 'b> Sub<&'b Scalar> for &'a Scalar {
    type Output = Scalar;
    fn sub(self, rhs: &'b Scalar) -> Scalar {
        Scalar::from29(Scalar29::sub(&self.as29(), &rhs.as29()))
    }
}

impl<'a, 'b> Mul<&'b Scalar> for &'a Scalar {
    type Output = Scalar;
    fn mul(self, rhs: &'b Scalar) -> Scalar {
        Scalar::from29(Scalar29::mul(&self.as29(), &rhs.as29()))
    }
}

impl<'a> Neg for &'a Scalar {
    type Output = Scalar;
    fn neg(self) -> Scalar {
        Scalar::from29(Scalar29::sub(&Scalar29::ZERO, &self.as29()))
    }
}

impl Neg for Scalar {
    type Output = Scalar;
    fn neg(self) -> Scalar {
        -&self
    }
}

/// Owned and mixed forms of a binary operator in terms of the `&a op &b` form.
macro_rules! forward_binop {
    ($tr:ident, $m:ident, $tra:ident, $ma:ident) => {
        impl<'b> $tr<&'b Scalar> for Scalar {
            type Output = Scalar;
            fn $m(self, rhs: &'b Scalar) -> Scalar {
                (&self).$m(rhs)
            }
        }
        impl<'a> $tr<Scalar> for &'a Scalar {
            type Output = Scalar;
            fn $m(self, rhs: Scalar) -> Scalar {
                self.$m(&rhs)
            }
        }
        impl $tr<Scalar> for Scalar {
            type Output = Scalar;
            fn $m(self, rhs: Scalar) -> Scalar {
                (&self).$m(&rhs)
            }
        }
        impl<'b> $tra<&'b Scalar> for Scalar {
            fn $ma(&mut self, rhs: &'b Scalar) {
                *self = (&*self).$m(rhs);
            }
        }
        impl $tra<Scalar> for Scalar {
            fn $ma(&mut self, rhs: Scalar) {
                *self = (&*self).$m(&rhs);
            }
        }
    };
}

forward_binop!(Add, add, AddAssign, add_assign);
forward_binop!(Sub, sub, SubAssign, sub_assign);
forward_binop!(Mul, mul, MulAssign, mul_assign);

impl Sum for Scalar {
    fn sum<I: Iterator<Item = Scalar>>(iter: I) -> Scalar {
        iter.fold(Scalar::ZERO, |acc, x| &acc + &x)
    }
}

impl<'a> Sum<&'a Scalar> for Scalar {
    fn sum<I: Iterator<Item = &'a Scalar>>(iter: I) -> Scalar {
        iter.fold(Scalar::ZERO, |acc, x| &acc + x)
    }
}

impl Product for Scalar {
    fn product<I: Iterator<Item = Scalar>>(iter: I) -> Scalar {
        iter.fold(Scalar::ONE, |acc, x| &acc * &x)
    }
}

impl<'a> Product<&'a Scalar> for Scalar {
    fn product<I: Iterator<Item = &'a Scalar>>(iter: I) -> Scalar {
        iter.fold(Scalar::ONE, |acc, x| &acc * x)
    }
}

impl From<u64> for Scalar {
    fn from(x: u64) -> Scalar {
        Scalar::from_u64(x)
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use crate::backend::scalar::RR;
    use std::vec::Vec;

    fn hex32(s: &str) -> [u8; 32] {
        let mut out = [0u8; 32];
        for i in 0..32 {
            out[i] = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap();
        }
        out
    }

    /// l, little-endian (RFC 8032 §5.1).
    const L_HEX: &str = "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010";

    /// Deterministic pseudo-random scalars.
    pub(crate) fn sample(seed: u64) -> Scalar {
        let mut b = [0u8; 64];
        let mut s = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        for x in b.iter_mut() {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            *x = s as u8;
        }
        Scalar::from_bytes_mod_order_wide(&b)
    }

    #[test]
    fn montgomery_constants_are_consistent() {
        // R = 2^261 mod l: from_montgomery(R) = 1, and from_montgomery(RR) = R.
        assert_eq!(R.from_montgomery().0, [1, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(RR.from_montgomery().0, R.0);
        assert_eq!(Scalar29::from_bytes(&hex32(L_HEX)).0, L.0);
        let mut lm2 = hex32(L_HEX);
        lm2[0] -= 2;
        assert_eq!(lm2, L_MINUS_2_BYTES);
    }

    #[test]
    fn canonical_decoding_rejects_l_and_above() {
        let l = hex32(L_HEX);
        assert!(Scalar::from_canonical_bytes(&l).is_none());
        let mut l1 = l;
        l1[0] += 1;
        assert!(Scalar::from_canonical_bytes(&l1).is_none());
        let mut lm1 = l;
        lm1[0] -= 1;
        let s = Scalar::from_canonical_bytes(&lm1).unwrap();
        assert_eq!(s.to_bytes(), lm1);
        assert_eq!(s, -Scalar::ONE);
        // 2^255 (high bit set) and all-ones.
        let mut top = [0u8; 32];
        top[31] = 0x80;
        assert!(Scalar::from_canonical_bytes(&top).is_none());
        assert!(Scalar::from_canonical_bytes(&[0xff; 32]).is_none());
        let mut x = [0u8; 32];
        x[0] = 7;
        assert_eq!(Scalar::from_canonical_bytes(&x), Some(Scalar::from_u64(7)));
        assert_eq!(Scalar::from_canonical_bytes(&[0; 32]), Some(Scalar::ZERO));
    }

    #[test]
    fn reduction_mod_order_matches_known_vectors() {
        // l reduces to 0, l + 1 to 1.
        let l = hex32(L_HEX);
        assert_eq!(Scalar::from_bytes_mod_order(&l), Scalar::ZERO);
        let mut l1 = l;
        l1[0] += 1;
        assert_eq!(Scalar::from_bytes_mod_order(&l1), Scalar::ONE);
        // Expected values computed independently with Python integers (`x % l`).
        // 2^256 - 1 mod l:
        assert_eq!(
            Scalar::from_bytes_mod_order(&[0xff; 32]).to_bytes(),
            hex32("1c95988d7431ecd670cf7d73f45befc6feffffffffffffffffffffffffffff0f")
        );
        // 2^512 - 1 mod l:
        assert_eq!(
            Scalar::from_bytes_mod_order_wide(&[0xff; 64]).to_bytes(),
            hex32("000f9c44e31106a447938568a71b0ed065bef517d273ecce3d9a307c1b419903")
        );
        // SHA-512("zkedge") mod l:
        let mut h = [0u8; 64];
        let hx = "efb76c591a45cf41f27b67a73fe971bb76220fcd699647367385cd950627393040d6617f289fb26c373b4ada0c23665c3e714594838bf1c2bfe15d9359707e88";
        for i in 0..64 {
            h[i] = u8::from_str_radix(&hx[2 * i..2 * i + 2], 16).unwrap();
        }
        assert_eq!(
            Scalar::from_bytes_mod_order_wide(&h).to_bytes(),
            hex32("366279f87324e7652fbd82f84134b9671a355164f764c529fe749fa5284fa607")
        );
        // l 2^256 + 5 -> 5.
        let mut w = [0u8; 64];
        w[32..].copy_from_slice(&l);
        w[0] = 5;
        assert_eq!(Scalar::from_bytes_mod_order_wide(&w), Scalar::from_u64(5));
    }

    #[test]
    fn arithmetic_satisfies_ring_identities() {
        for i in 0..50 {
            let (a, b, c) = (sample(3 * i), sample(3 * i + 1), sample(3 * i + 2));
            assert_eq!(&a * &b, &b * &a);
            assert_eq!(&a * &(&b + &c), &(&a * &b) + &(&a * &c));
            assert_eq!(&(&a - &b) + &b, a);
            assert_eq!(&a + &(-&a), Scalar::ZERO);
            assert_eq!(a.square(), &a * &a);
            let bytes = a.to_bytes();
            assert_eq!(Scalar::from_canonical_bytes(&bytes), Some(a));
        }
        assert_eq!(
            &Scalar::from_u64(u64::MAX) * &Scalar::from_u64(u64::MAX),
            Scalar::from_bytes_mod_order(&{
                let v = (u64::MAX as u128) * (u64::MAX as u128);
                let mut b = [0u8; 32];
                b[..16].copy_from_slice(&v.to_le_bytes());
                b
            })
        );
    }

    #[test]
    fn invert_times_self_is_one() {
        for i in 0..30 {
            let a = sample(i);
            assert_eq!(&a * &a.invert(), Scalar::ONE);
        }
        assert_eq!(Scalar::ONE.invert(), Scalar::ONE);
        assert_eq!(Scalar::ZERO.invert(), Scalar::ZERO);
        assert_eq!((-Scalar::ONE).invert(), -Scalar::ONE);
    }

    #[test]
    fn batch_invert_matches_single_inversions_and_keeps_zeros() {
        let mut v: Vec<Scalar> = (0..17).map(sample).collect();
        v[3] = Scalar::ZERO;
        v[16] = Scalar::ZERO;
        let orig = v.clone();
        let mut scratch = std::vec![Scalar::ZERO; 20];
        Scalar::batch_invert(&mut v, &mut scratch);
        for (x, y) in orig.iter().zip(v.iter()) {
            assert_eq!(x.invert(), *y);
        }
        let mut empty: [Scalar; 0] = [];
        Scalar::batch_invert(&mut empty, &mut []);
    }

    #[test]
    fn signed_digits_and_naf_reconstruct_the_scalar() {
        for i in 0..40 {
            let s = if i == 0 { -Scalar::ONE } else { sample(i) };
            for w in [4u32, 5, 6, 7, 8, 9, 10, 11, 12] {
                let k = (254 + w as usize - 1) / w as usize;
                let mut acc = Scalar::ZERO;
                let radix = Scalar::from_u64(1 << w);
                for j in (0..k).rev() {
                    let d = s.signed_digit(j, w);
                    assert!(d.abs() <= 1 << (w - 1));
                    let ds = if d < 0 {
                        -Scalar::from_u64((-d) as u64)
                    } else {
                        Scalar::from_u64(d as u64)
                    };
                    acc = &(&acc * &radix) + &ds;
                }
                assert_eq!(acc, s, "w = {}", w);
            }
            let mut naf = [0i8; 256];
            s.non_adjacent_form_5(&mut naf);
            let mut acc = Scalar::ZERO;
            let two = Scalar::from_u64(2);
            for j in (0..256).rev() {
                let d = naf[j] as i64;
                assert!(d == 0 || (d % 2 != 0 && d.abs() < 16));
                let ds = if d < 0 {
                    -Scalar::from_u64((-d) as u64)
                } else {
                    Scalar::from_u64(d as u64)
                };
                acc = &(&acc * &two) + &ds;
            }
            assert_eq!(acc, s);
        }
    }
}
