//! Montgomery arithmetic modulo a prime below 2^254 with nine 29-bit limbs (261 bits) and `u64`
//! products; no `u128`, which lowers to slow `__multi3` calls on wasm32.
//!
//! # Representation and bounds
//!
//! An element `a` is stored as `a·R mod m` with `R = 2^261`, in limbs `< 2^29`
//! (`x = Σ limb[i]·2^(29 i)`). Stored values are kept in `[0, 2m)`, not necessarily below `m`
//! ("almost Montgomery"): it saves the final subtraction of every multiplication.
//!
//! * `mul(a, b)` for `a, b < 2m`: the REDC result is `< (a·b + R·m)/R < 4m²/R + m`, and
//!   `4m/R < 4·2^254/2^261 < 1/32`, so it is `< 2m` again. Operands up to `4m` (sums from
//!   `add_unreduced`) still give `< 16m²/R + m < 2m`.
//! * `add` and `sub` bring their result back into `[0, 2m)` with one conditional
//!   subtraction/addition of `2m`.
//! * The products themselves are in `montgomery` (generated, fully unrolled).
//!
//! Comparisons go through [`canonical`](self) limbs (`< m`).

/// Mask of the low 29 bits.
pub(crate) const MASK: u32 = (1 << 29) - 1;

/// Defines a prime field type with Montgomery arithmetic (see the module docs).
macro_rules! montgomery_field {
    (
        $(#[$doc:meta])*
        $name:ident,
        modulus: $m:expr,
        two_modulus: $m2:expr,
        inv: $inv:expr,
        one: $one:expr,
        r2: $r2:expr,
        minus_two: $m_minus_2:expr
    ) => {
        $(#[$doc])*
        #[derive(Copy, Clone, Debug)]
        pub struct $name(pub(crate) [u32; 9]);

        impl $name {
            /// The modulus in 29-bit limbs.
            pub(crate) const MODULUS: [u32; 9] = $m;
            const TWO_MODULUS: [u32; 9] = $m2;
            /// `-m^(-1) mod 2^29`.
            const INV: u32 = $inv;
            /// `R² mod m`: `mul(x, R2)` converts `x` into Montgomery form.
            const R2: $name = $name($r2);
            /// The modulus minus two, 64-bit words, little-endian (Fermat inversion, the tests'
            /// reference).
            #[cfg_attr(not(test), allow(dead_code))]
            const MINUS_TWO: [u64; 4] = $m_minus_2;
            /// Zero.
            pub const ZERO: $name = $name([0; 9]);
            /// One (`R mod m`).
            pub const ONE: $name = $name($one);

            /// `self · rhs` (Montgomery product; see the module docs for the bounds).
            #[inline(never)]
            pub fn mul(&self, rhs: &$name) -> $name {
                $name($crate::montgomery::mont_mul(&self.0, &rhs.0, &Self::MODULUS, Self::INV))
            }

            /// `16m²` in 18 limbs: added to `a·b - c·d` by [`Self::difference_of_products`] to
            /// keep it non-negative without changing it modulo `m`.
            const SIXTEEN_M_SQUARED: [u32; 18] = $crate::backend::sixteen_times_square(&$m);

            /// `a·b + c·d` with one reduction: the real part of an `Fp2` product is one such
            /// call instead of two products and a subtraction, each a memory round trip.
            #[inline(never)]
            pub fn sum_of_products(a: &$name, b: &$name, c: &$name, d: &$name) -> $name {
                $name($crate::montgomery::mont_mul_add(
                    &a.0,
                    &b.0,
                    &c.0,
                    &d.0,
                    &Self::MODULUS,
                    Self::INV,
                ))
            }

            /// `a·b - c·d` with one reduction (see [`Self::sum_of_products`]).
            #[inline(never)]
            pub fn difference_of_products(a: &$name, b: &$name, c: &$name, d: &$name) -> $name {
                $name($crate::montgomery::mont_mul_sub(
                    &a.0,
                    &b.0,
                    &c.0,
                    &d.0,
                    &Self::SIXTEEN_M_SQUARED,
                    &Self::MODULUS,
                    Self::INV,
                ))
            }

            /// `(a + b)·(a - b) = a² - b²`: one product of operands formed in locals (the
            /// real part of an `Fp2` square). Both operands are below `4m`: `a + b` unreduced,
            /// `a - b + 2m` in `(0, 4m)`.
            #[inline(never)]
            pub fn difference_of_squares(a: &$name, b: &$name) -> $name {
                let sum = $crate::backend::add_limbs(&a.0, &b.0);
                let diff = $crate::backend::add_limbs(
                    &$crate::backend::sub_limbs(&a.0, &b.0),
                    &Self::TWO_MODULUS,
                );
                $name($crate::montgomery::mont_mul(&sum, &diff, &Self::MODULUS, Self::INV))
            }

            /// `2·a·b`: one product with `2a < 4m` formed in locals (the imaginary part of an
            /// `Fp2` square).
            #[inline(never)]
            pub fn double_product(a: &$name, b: &$name) -> $name {
                let twice = $crate::backend::add_limbs(&a.0, &a.0);
                $name($crate::montgomery::mont_mul(&twice, &b.0, &Self::MODULUS, Self::INV))
            }

            /// `self²`.
            #[inline(never)]
            pub fn square(&self) -> $name {
                $name($crate::montgomery::mont_square(&self.0, &Self::MODULUS, Self::INV))
            }

            /// `self + rhs`, in `[0, 2m)`.
            #[inline(never)]
            pub fn add(&self, rhs: &$name) -> $name {
                let mut r = [0u32; 9];
                let mut carry = 0u32;
                for i in 0..9 {
                    let v = self.0[i] + rhs.0[i] + carry;
                    r[i] = v & $crate::backend::MASK;
                    carry = v >> 29;
                }
                // Below 2m whenever the top limb is below 2m's: the common case skips the
                // trial subtraction (variable time is fine for public data).
                if r[8] < Self::TWO_MODULUS[8] {
                    return $name(r);
                }
                $name(Self::reduce_once(r))
            }

            /// `self + rhs` without the final reduction: `< 4m` for inputs `< 2m`. Only for an
            /// operand of [`Self::mul`]/[`Self::square`], which accept inputs up to `4m`
            /// (`16m²/R + m < 2m`, module docs); never stored.
            #[inline(never)]
            pub fn add_unreduced(&self, rhs: &$name) -> $name {
                let mut r = [0u32; 9];
                let mut carry = 0u32;
                for i in 0..9 {
                    let v = self.0[i] + rhs.0[i] + carry;
                    r[i] = v & $crate::backend::MASK;
                    carry = v >> 29;
                }
                $name(r)
            }

            /// `self - rhs`, in `[0, 2m)`.
            #[inline(never)]
            pub fn sub(&self, rhs: &$name) -> $name {
                let mut r = [0u32; 9];
                let mut borrow = 0u32;
                for i in 0..9 {
                    let v = self.0[i].wrapping_sub(rhs.0[i]).wrapping_sub(borrow);
                    r[i] = v & $crate::backend::MASK;
                    borrow = v >> 31;
                }
                if borrow != 0 {
                    let mut carry = 0u32;
                    for i in 0..9 {
                        let v = r[i] + Self::TWO_MODULUS[i] + carry;
                        r[i] = v & $crate::backend::MASK;
                        carry = v >> 29;
                    }
                }
                $name(r)
            }

            /// `9·self + rhs`, in `[0, 2m)` (the real part of a product by `ξ = 9 + u`).
            #[inline(never)]
            pub fn nine_times_plus(&self, rhs: &$name) -> $name {
                Self::combine(&self.0, 9, &rhs.0, 1, &[0; 9], 0, 0)
            }

            /// `9·self - rhs`, in `[0, 2m)`.
            #[inline(never)]
            pub fn nine_times_minus(&self, rhs: &$name) -> $name {
                Self::combine(&self.0, 9, &rhs.0, -1, &[0; 9], 0, 2)
            }

            /// `3·self + 2·rhs`, in `[0, 2m)` (cyclotomic squaring).
            #[inline(never)]
            pub fn triple_plus_double(&self, rhs: &$name) -> $name {
                Self::combine(&self.0, 3, &rhs.0, 2, &[0; 9], 0, 0)
            }

            /// `3·self - 2·rhs`, in `[0, 2m)` (cyclotomic squaring).
            #[inline(never)]
            pub fn triple_minus_double(&self, rhs: &$name) -> $name {
                Self::combine(&self.0, 3, &rhs.0, -2, &[0; 9], 0, 4)
            }

            /// `self - b - c`, in `[0, 2m)` (the cross terms of Karatsuba products).
            #[inline(never)]
            pub fn sub_twice(&self, b: &$name, c: &$name) -> $name {
                Self::combine(&self.0, 1, &b.0, -1, &c.0, -1, 4)
            }

            /// `⌊t / (M + 1)⌋ = ⌊t·K / 2^s⌋` for every `t < 2^30`, with `M` the top limb of the
            /// modulus, `s = 30 + 22` (`M + 1 <= 2^22`) and `K = ⌈2^s / (M + 1)⌉`: exact because
            /// `K·(M + 1) - 2^s < M + 1 <= 2^(s - 30)` (Granlund and Montgomery, "Division by
            /// invariant integers using multiplication", 1994, theorem 4.2; checked by the tests).
            pub(crate) const TOP_QUOTIENT_SHIFT: u32 = 52;
            pub(crate) const TOP_QUOTIENT_MUL: u64 = ((1u64 << Self::TOP_QUOTIENT_SHIFT)
                + Self::MODULUS[8] as u64)
                / (Self::MODULUS[8] as u64 + 1);

            /// `ka·a + kb·b + kc·c + km·m` reduced into `[0, 2m)`, for small constant
            /// coefficients (after inlining) with `km` making the sum non-negative: `km` at
            /// least twice the sum of the negative coefficients, as every input is `< 2m`.
            ///
            /// One pass instead of a chain of additions, each with its own carry chain,
            /// conditional reduction and, under Chicory, memory round trip.
            ///
            /// Bounds: with all coefficients at most 9 in size, every limb term is `< 2^35` in
            /// size, so the signed limb sums and carries fit an `i64`. The value `x` is
            /// `< 40m < 2^261`, so after carrying, limb 8 is `x >> 232` and the last carry is
            /// zero. With `M = m >> 232` (the top limb of `m`), `q = (x >> 232) / (M + 1)`
            /// satisfies `q·m < q·(M + 1)·2^232 <= x` and
            /// `x - q·m < (M + 1 + q)·2^232 <= m + (q + 1)·2^232 < 2m`, since `q < 40` and
            /// `m > 2^253`.
            #[inline(always)]
            fn combine(
                a: &[u32; 9],
                ka: i64,
                b: &[u32; 9],
                kb: i64,
                c: &[u32; 9],
                kc: i64,
                km: i64,
            ) -> $name {
                let mask = $crate::backend::MASK as i64;
                let mut x = [0i64; 9];
                let mut carry = 0i64;
                for i in 0..9 {
                    let v = ka * a[i] as i64
                        + kb * b[i] as i64
                        + kc * c[i] as i64
                        + km * Self::MODULUS[i] as i64
                        + carry;
                    x[i] = v & mask;
                    carry = v >> 29; // arithmetic: floor division, also for negative sums
                }
                // x[8] / (M + 1) as a multiplication: a division would be a `div` instruction
                // under Chicory (Integer.divideUnsigned), about 25 cycles on the critical path.
                let q = ((x[8] as u64 * Self::TOP_QUOTIENT_MUL) >> Self::TOP_QUOTIENT_SHIFT) as i64;
                let mut r = [0u32; 9];
                let mut carry = 0i64;
                for i in 0..9 {
                    let v = x[i] - q * Self::MODULUS[i] as i64 + carry;
                    r[i] = (v & mask) as u32;
                    carry = v >> 29;
                }
                $name(r)
            }

            /// `-self`, in `[0, 2m)`.
            #[inline(always)]
            pub fn neg(&self) -> $name {
                Self::ZERO.sub(self)
            }

            /// `2 · self`.
            #[inline(always)]
            pub fn double(&self) -> $name {
                self.add(self)
            }

            /// Subtracts `2m` from a value below `4m` when it is at least `2m`.
            #[inline(always)]
            fn reduce_once(r: [u32; 9]) -> [u32; 9] {
                Self::sub_if_at_least(r, &Self::TWO_MODULUS)
            }

            /// `r - s` if `r >= s`, else `r` (limbs `< 2^29`).
            #[inline(always)]
            fn sub_if_at_least(r: [u32; 9], s: &[u32; 9]) -> [u32; 9] {
                let mut t = [0u32; 9];
                let mut borrow = 0u32;
                for i in 0..9 {
                    let v = r[i].wrapping_sub(s[i]).wrapping_sub(borrow);
                    t[i] = v & $crate::backend::MASK;
                    borrow = v >> 31;
                }
                if borrow == 0 {
                    t
                } else {
                    r
                }
            }

            /// The limbs of the canonical Montgomery representative (`< m`).
            #[inline(never)]
            fn canonical(&self) -> [u32; 9] {
                Self::sub_if_at_least(self.0, &Self::MODULUS)
            }

            /// Whether both represent the same element.
            pub fn equals(&self, other: &$name) -> bool {
                self.canonical() == other.canonical()
            }

            /// Whether this is zero.
            pub fn is_zero(&self) -> bool {
                self.canonical() == [0; 9]
            }

            /// `self^e` for a little-endian exponent (variable time: exponents are public).
            pub fn pow(&self, e: &[u64]) -> $name {
                let mut r = Self::ONE;
                for w in e.iter().rev() {
                    for bit in (0..64).rev() {
                        r = r.square();
                        if (w >> bit) & 1 == 1 {
                            r = r.mul(self);
                        }
                    }
                }
                r
            }

            /// `self^(-1)`; zero maps to zero. The binary extended Euclidean algorithm on the
            /// canonical integer (variable time: the verifier only inverts public values),
            /// about ten times cheaper than Fermat's `self^(m-2)` (254 squarings and about 128
            /// products), then back into Montgomery form with one product.
            #[inline(never)]
            pub fn invert(&self) -> $name {
                let a = $crate::backend::words_from_limbs(&self.to_canonical_limbs());
                let m = $crate::backend::words_from_limbs(&Self::MODULUS);
                let inv = $crate::backend::invert_words(&a, &m);
                $name($crate::backend::limbs_from_words(&inv)).mul(&Self::R2)
            }

            /// `self^(-1)` by Fermat's little theorem (the tests' reference for [`Self::invert`]).
            #[cfg(test)]
            pub(crate) fn invert_by_fermat(&self) -> $name {
                self.pow(&Self::MINUS_TWO)
            }

            /// Decodes 32 big-endian bytes; `None` unless the integer is below the modulus.
            pub fn from_bytes_be(bytes: &[u8; 32]) -> Option<$name> {
                let limbs = $crate::backend::limbs_from_be(bytes);
                if $crate::backend::less_than(&limbs, &Self::MODULUS) {
                    Some($name(limbs).mul(&Self::R2))
                } else {
                    None
                }
            }

            /// The canonical 32-byte big-endian encoding.
            pub fn to_bytes_be(&self) -> [u8; 32] {
                $crate::backend::limbs_to_be(&self.to_canonical_limbs())
            }

            /// The integer value (not Montgomery form) in limbs, below the modulus.
            pub(crate) fn to_canonical_limbs(&self) -> [u32; 9] {
                // x·1·R⁻¹: the Montgomery product with the integer 1.
                let one = [1, 0, 0, 0, 0, 0, 0, 0, 0];
                $name($crate::montgomery::mont_mul(&self.0, &one, &Self::MODULUS, Self::INV))
                    .canonical()
            }

            /// The small integer `v` as an element.
            pub fn from_u64(v: u64) -> $name {
                let mut limbs = [0u32; 9];
                limbs[0] = (v as u32) & $crate::backend::MASK;
                limbs[1] = ((v >> 29) as u32) & $crate::backend::MASK;
                limbs[2] = (v >> 58) as u32;
                $name(limbs).mul(&Self::R2)
            }

            /// Raw Montgomery limbs (for the prepared-key byte format).
            pub fn to_raw_limbs(&self) -> [u32; 9] {
                self.0
            }

            /// An element from raw Montgomery limbs, if they are in the stored range
            /// (every limb `< 2^29`, value `< 2m`).
            pub fn from_raw_limbs(limbs: [u32; 9]) -> Option<$name> {
                if limbs.iter().all(|l| *l <= $crate::backend::MASK)
                    && $crate::backend::less_than(&limbs, &Self::TWO_MODULUS)
                {
                    Some($name(limbs))
                } else {
                    None
                }
            }
        }
    };
}

pub(crate) use montgomery_field;

/// `a + b` limb by limb with carries (no reduction; the caller bounds the value below 2^261).
#[inline(always)]
pub(crate) fn add_limbs(a: &[u32; 9], b: &[u32; 9]) -> [u32; 9] {
    let mut r = [0u32; 9];
    let mut carry = 0u32;
    for i in 0..9 {
        let v = a[i] + b[i] + carry;
        r[i] = v & MASK;
        carry = v >> 29;
    }
    r
}

/// `a - b` modulo 2^261, limb by limb with borrows: the caller adds a multiple of the modulus
/// that makes the true value non-negative before it is used.
#[inline(always)]
pub(crate) fn sub_limbs(a: &[u32; 9], b: &[u32; 9]) -> [u32; 9] {
    let mut r = [0u32; 9];
    let mut borrow = 0u32;
    for i in 0..9 {
        let v = a[i].wrapping_sub(b[i]).wrapping_sub(borrow);
        r[i] = v & MASK;
        borrow = v >> 31;
    }
    r
}

/// Nine 29-bit limbs (value below 2^256) as four little-endian 64-bit words.
pub(crate) fn words_from_limbs(limbs: &[u32; 9]) -> [u64; 4] {
    let mut w = [0u64; 4];
    for (i, limb) in limbs.iter().enumerate() {
        let (k, s) = (29 * i / 64, 29 * i % 64);
        w[k] |= (*limb as u64) << s;
        if s > 35 && k + 1 < 4 {
            w[k + 1] |= (*limb as u64) >> (64 - s);
        }
    }
    w
}

/// Four little-endian 64-bit words as nine 29-bit limbs.
pub(crate) fn limbs_from_words(w: &[u64; 4]) -> [u32; 9] {
    let mut limbs = [0u32; 9];
    for (i, limb) in limbs.iter_mut().enumerate() {
        let (k, s) = (29 * i / 64, 29 * i % 64);
        let mut v = w[k] >> s;
        if s > 35 && k + 1 < 4 {
            v |= w[k + 1] << (64 - s);
        }
        *limb = (v as u32) & MASK;
    }
    limbs
}

/// `x >= y` for four-word integers.
fn words_at_least(x: &[u64; 4], y: &[u64; 4]) -> bool {
    for i in (0..4).rev() {
        if x[i] != y[i] {
            return x[i] > y[i];
        }
    }
    true
}

/// `x - y` (for `x >= y`).
fn words_sub(x: &mut [u64; 4], y: &[u64; 4]) {
    let mut borrow = 0u64;
    for i in 0..4 {
        let (v, b1) = x[i].overflowing_sub(y[i]);
        let (v, b2) = v.overflowing_sub(borrow);
        x[i] = v;
        borrow = (b1 | b2) as u64;
    }
}

/// `x + y` (the caller keeps the sum below 2^256).
fn words_add(x: &mut [u64; 4], y: &[u64; 4]) {
    let mut carry = 0u64;
    for i in 0..4 {
        let (v, c1) = x[i].overflowing_add(y[i]);
        let (v, c2) = v.overflowing_add(carry);
        x[i] = v;
        carry = (c1 | c2) as u64;
    }
}

fn words_half(x: &mut [u64; 4]) {
    for i in 0..3 {
        x[i] = (x[i] >> 1) | (x[i + 1] << 63);
    }
    x[3] >>= 1;
}

/// `u ← u / 2^k` until odd, with `x ← x / 2 (mod m)` alongside (`x + m` when `x` is odd).
fn halve_while_even(u: &mut [u64; 4], x: &mut [u64; 4], m: &[u64; 4]) {
    while u[0] & 1 == 0 {
        words_half(u);
        if x[0] & 1 == 1 {
            words_add(x, m);
        }
        words_half(x);
    }
}

/// `a⁻¹ mod m` for an odd modulus `m < 2^255` and `0 <= a < m` (zero maps to zero): the binary
/// extended Euclidean algorithm (Menezes, van Oorschot, Vanstone, "Handbook of Applied
/// Cryptography", algorithm 14.61, in the form with `u, v` and `x1 = u/a`, `x2 = v/a mod m`
/// of Hankerson, Menezes, Vanstone, "Guide to Elliptic Curve Cryptography", algorithm 2.22).
/// Invariants: `x1·a ≡ u`, `x2·a ≡ v (mod m)`, `x1, x2 < m`, `gcd(u, v) = 1`.
pub(crate) fn invert_words(a: &[u64; 4], m: &[u64; 4]) -> [u64; 4] {
    let one = [1u64, 0, 0, 0];
    if *a == [0u64; 4] {
        return [0; 4];
    }
    let (mut u, mut v) = (*a, *m);
    let (mut x1, mut x2) = (one, [0u64; 4]);
    while u != one && v != one {
        halve_while_even(&mut u, &mut x1, m);
        halve_while_even(&mut v, &mut x2, m);
        if words_at_least(&u, &v) {
            words_sub(&mut u, &v);
            if !words_at_least(&x1, &x2) {
                words_add(&mut x1, m);
            }
            words_sub(&mut x1, &x2);
        } else {
            words_sub(&mut v, &u);
            if !words_at_least(&x2, &x1) {
                words_add(&mut x2, m);
            }
            words_sub(&mut x2, &x1);
        }
    }
    if u == one {
        x1
    } else {
        x2
    }
}

/// `16·m²` in eighteen 29-bit limbs, for `m < 2^254` (then `16m² < 2^512`): `(4m)²` by
/// schoolbook columns (`< 9·2^58` each) and one carry pass.
pub(crate) const fn sixteen_times_square(m: &[u32; 9]) -> [u32; 18] {
    let mut m4 = [0u64; 9];
    let mut carry = 0u64;
    let mut i = 0;
    while i < 9 {
        let v = ((m[i] as u64) << 2) + carry;
        m4[i] = v & MASK as u64;
        carry = v >> 29;
        i += 1;
    }
    let mut columns = [0u64; 18];
    i = 0;
    while i < 9 {
        let mut j = 0;
        while j < 9 {
            columns[i + j] += m4[i] * m4[j];
            j += 1;
        }
        i += 1;
    }
    let mut limbs = [0u32; 18];
    carry = 0;
    i = 0;
    while i < 18 {
        let v = columns[i] + carry;
        limbs[i] = (v & MASK as u64) as u32;
        carry = v >> 29;
        i += 1;
    }
    limbs
}

/// 32 big-endian bytes as nine 29-bit limbs (the top 256 - 261 bits are zero).
pub(crate) fn limbs_from_be(bytes: &[u8; 32]) -> [u32; 9] {
    let mut w = [0u64; 4];
    for i in 0..4 {
        let mut v = 0u64;
        for j in 0..8 {
            v = (v << 8) | bytes[8 * (3 - i) + j] as u64;
        }
        w[i] = v;
    }
    let mut limbs = [0u32; 9];
    for (i, limb) in limbs.iter_mut().enumerate() {
        let off = 29 * i;
        let (k, s) = (off / 64, off % 64);
        let mut v = w[k] >> s;
        if s > 35 && k + 1 < 4 {
            v |= w[k + 1] << (64 - s);
        }
        *limb = (v as u32) & MASK;
    }
    limbs
}

/// Nine 29-bit limbs (value below 2^256) as 32 big-endian bytes.
pub(crate) fn limbs_to_be(limbs: &[u32; 9]) -> [u8; 32] {
    let mut w = [0u64; 4];
    for (i, limb) in limbs.iter().enumerate() {
        let off = 29 * i;
        let (k, s) = (off / 64, off % 64);
        w[k] |= (*limb as u64) << s;
        if s > 35 && k + 1 < 4 {
            w[k + 1] |= (*limb as u64) >> (64 - s);
        }
    }
    let mut out = [0u8; 32];
    for i in 0..4 {
        out[8 * (3 - i)..8 * (4 - i)].copy_from_slice(&w[i].to_be_bytes());
    }
    out
}

/// `a < b` for limb arrays (most significant limb last).
pub(crate) fn less_than(a: &[u32; 9], b: &[u32; 9]) -> bool {
    for i in (0..9).rev() {
        if a[i] != b[i] {
            return a[i] < b[i];
        }
    }
    false
}
