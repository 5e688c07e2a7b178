//! `Fp12 = Fp6[w] / (w² - v)`, the target group's field. As powers of `w` (`w⁶ = ξ`), an element
//! `c0 + c1·w` is `c0.c0 + c1.c0·w + c0.c1·w² + c1.c1·w³ + c0.c2·w⁴ + c1.c2·w⁵`.

use crate::constants::{FROB1, FROB2, FROB3};
use crate::fp2::Fp2;
use crate::fp6::Fp6;

/// `c0 + c1·w`.
#[derive(Copy, Clone, Debug)]
pub struct Fp12 {
    /// Constant coefficient.
    pub c0: Fp6,
    /// Coefficient of `w`.
    pub c1: Fp6,
}

/// `(a + b·y)²` in `Fp4 = Fp2[y]/(y² - ξ)`: `(a² + ξ b², 2ab)`.
#[inline(always)]
fn fp4_square(a: &Fp2, b: &Fp2) -> (Fp2, Fp2) {
    let a2 = a.square();
    let b2 = b.square();
    let ab2 = a.add(b).square().sub_twice(&a2, &b2);
    (a2.add(&b2.mul_by_xi()), ab2)
}

/// `3t - 2x`.
#[inline(always)]
fn triple_minus_double(t: &Fp2, x: &Fp2) -> Fp2 {
    Fp2::new(
        t.c0.triple_minus_double(&x.c0),
        t.c1.triple_minus_double(&x.c1),
    )
}

/// `3t + 2x`.
#[inline(always)]
fn triple_plus_double(t: &Fp2, x: &Fp2) -> Fp2 {
    Fp2::new(
        t.c0.triple_plus_double(&x.c0),
        t.c1.triple_plus_double(&x.c1),
    )
}

impl Fp12 {
    /// One.
    pub const ONE: Fp12 = Fp12::new(Fp6::ONE, Fp6::ZERO);

    /// `c0 + c1·w`.
    pub const fn new(c0: Fp6, c1: Fp6) -> Fp12 {
        Fp12 { c0, c1 }
    }

    /// Product (Karatsuba: three `Fp6` products).
    #[inline(never)]
    pub fn mul(&self, rhs: &Fp12) -> Fp12 {
        let aa = self.c0.mul(&rhs.c0);
        let bb = self.c1.mul(&rhs.c1);
        let cross = self
            .c0
            .add(&self.c1)
            .mul(&rhs.c0.add(&rhs.c1))
            .sub_twice(&aa, &bb);
        Fp12::new(aa.add(&bb.mul_by_v()), cross)
    }

    /// Square (complex method: two `Fp6` products).
    #[inline(never)]
    pub fn square(&self) -> Fp12 {
        let ab = self.c0.mul(&self.c1);
        let t = self.c0.add(&self.c1).mul(&self.c0.add(&self.c1.mul_by_v()));
        let c0 = t.sub_twice(&ab, &ab.mul_by_v());
        Fp12::new(c0, ab.add(&ab))
    }

    /// Square of an element of the cyclotomic subgroup (norm 1 over `Fp6` and `Fp4`; every value
    /// after the easy part of the final exponentiation), by Granger and Scott ("Faster squaring
    /// in the cyclotomic subgroup of sixth degree extensions", PKC 2010).
    ///
    /// With `y = w³` (`y² = ξ`), write `f = A + B·w + C·w²` over `Fp4 = Fp2[y]`:
    /// `A = c0.c0 + c1.c1·y`, `B = c1.c0 + c0.c2·y`, `C = c0.c1 + c1.c2·y`. Then
    /// `f² = (3A² - 2Ā) + (3y·C² + 2B̄)·w + (3B² - 2C̄)·w²`: three `Fp4` squares (nine `Fp2`
    /// squares) instead of two `Fp6` products.
    #[inline(never)]
    pub fn cyclotomic_square(&self) -> Fp12 {
        let (a0, a1) = (self.c0.c0, self.c1.c1);
        let (b0, b1) = (self.c1.c0, self.c0.c2);
        let (c0, c1) = (self.c0.c1, self.c1.c2);
        let (aa0, aa1) = fp4_square(&a0, &a1);
        let (bb0, bb1) = fp4_square(&b0, &b1);
        let (cc0, cc1) = fp4_square(&c0, &c1);
        // 3A² - 2Ā: (3 aa0 - 2 a0) + (3 aa1 + 2 a1) y.
        let na0 = triple_minus_double(&aa0, &a0);
        let na1 = triple_plus_double(&aa1, &a1);
        // 3y·C² + 2B̄ with y·C² = ξ cc1 + cc0 y: (3 ξ cc1 + 2 b0) + (3 cc0 - 2 b1) y.
        let nb0 = triple_plus_double(&cc1.mul_by_xi(), &b0);
        let nb1 = triple_minus_double(&cc0, &b1);
        // 3B² - 2C̄: (3 bb0 - 2 c0) + (3 bb1 + 2 c1) y.
        let nc0 = triple_minus_double(&bb0, &c0);
        let nc1 = triple_plus_double(&bb1, &c1);
        Fp12::new(Fp6::new(na0, nc0, nb1), Fp6::new(nb0, na1, nc1))
    }

    /// `self · (l0 + l1·w + l3·w³)`: the sparse product with a line value (`l0` at `w⁰`,
    /// `l1` at `w`, `l3` at `w³ = v·w`).
    #[inline(never)]
    pub fn mul_by_line(&self, l0: &Fp2, l1: &Fp2, l3: &Fp2) -> Fp12 {
        // (f0 + f1 w)(g0 + g1 w) with g0 = l0 (in Fp2), g1 = l1 + l3 v.
        let f0g0 = self.c0.mul_fp2(l0);
        let f1g1 = self.c1.mul_by_01(l1, l3);
        let cross = self
            .c0
            .add(&self.c1)
            .mul_by_01(&l0.add(l1), l3)
            .sub_twice(&f0g0, &f1g1);
        Fp12::new(f0g0.add(&f1g1.mul_by_v()), cross)
    }

    /// `self · (1 + (l1 + l3·v)·w)`: a line whose constant coefficient is one (a normalized
    /// prepared line), 10 `Fp2` products instead of the 13 of [`Self::mul_by_line`].
    #[inline(never)]
    pub fn mul_by_normalized_line(&self, l1: &Fp2, l3: &Fp2) -> Fp12 {
        // (f0 + f1 w)(1 + g1 w) = (f0 + f1 g1 v) + (f1 + f0 g1) w, as w² = v.
        let f0g1 = self.c0.mul_by_01(l1, l3);
        let f1g1 = self.c1.mul_by_01(l1, l3);
        Fp12::new(self.c0.add(&f1g1.mul_by_v()), self.c1.add(&f0g1))
    }

    /// Conjugate `c0 - c1·w` (the `p⁶`-power Frobenius; the inverse in the cyclotomic subgroup).
    pub fn conjugate(&self) -> Fp12 {
        Fp12::new(self.c0, self.c1.neg())
    }

    /// Inverse: `(c0 - c1 w) / (c0² - v c1²)`; zero maps to zero.
    pub fn invert(&self) -> Fp12 {
        let t = self.c0.square().sub(&self.c1.square().mul_by_v()).invert();
        Fp12::new(self.c0.mul(&t), self.c1.mul(&t).neg())
    }

    /// `self^(p^k)` for `k` in 1..=3: `c·w^i -> c^(p^k) · ξ^(i (p^k - 1)/6) · w^i`.
    pub fn frobenius(&self, k: usize) -> Fp12 {
        let table = match k {
            1 => &FROB1,
            2 => &FROB2,
            _ => &FROB3,
        };
        // Coefficients in w-power order 0..5.
        let mut c = [
            self.c0.c0, self.c1.c0, self.c0.c1, self.c1.c1, self.c0.c2, self.c1.c2,
        ];
        for (i, ci) in c.iter_mut().enumerate() {
            if k % 2 == 1 {
                *ci = ci.conjugate();
            }
            if i > 0 {
                *ci = ci.mul(&table[i - 1]);
            }
        }
        Fp12::new(Fp6::new(c[0], c[2], c[4]), Fp6::new(c[1], c[3], c[5]))
    }

    /// Whether both represent the same element.
    pub fn equals(&self, other: &Fp12) -> bool {
        self.c0.equals(&other.c0) && self.c1.equals(&other.c1)
    }

    /// Whether this is one.
    pub fn is_one(&self) -> bool {
        self.equals(&Fp12::ONE)
    }
}
