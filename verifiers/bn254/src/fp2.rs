//! `Fp2 = Fp[u] / (u² + 1)`.

use crate::fp::Fp;

/// `c0 + c1·u`.
#[derive(Copy, Clone, Debug)]
pub struct Fp2 {
    /// Real part.
    pub c0: Fp,
    /// Coefficient of `u`.
    pub c1: Fp,
}

impl Fp2 {
    /// Zero.
    pub const ZERO: Fp2 = Fp2::new(Fp::ZERO, Fp::ZERO);
    /// One.
    pub const ONE: Fp2 = Fp2::new(Fp::ONE, Fp::ZERO);

    /// `c0 + c1·u`.
    pub const fn new(c0: Fp, c1: Fp) -> Fp2 {
        Fp2 { c0, c1 }
    }

    /// Sum.
    #[inline(always)]
    pub fn add(&self, rhs: &Fp2) -> Fp2 {
        Fp2::new(self.c0.add(&rhs.c0), self.c1.add(&rhs.c1))
    }

    /// Difference.
    #[inline(always)]
    pub fn sub(&self, rhs: &Fp2) -> Fp2 {
        Fp2::new(self.c0.sub(&rhs.c0), self.c1.sub(&rhs.c1))
    }

    /// `2 · self`.
    #[inline(always)]
    pub fn double(&self) -> Fp2 {
        self.add(self)
    }

    /// Negation.
    #[inline(always)]
    pub fn neg(&self) -> Fp2 {
        Fp2::new(self.c0.neg(), self.c1.neg())
    }

    /// Conjugate `c0 - c1·u` (the Frobenius map of `Fp2`).
    #[inline(always)]
    pub fn conjugate(&self) -> Fp2 {
        Fp2::new(self.c0, self.c1.neg())
    }

    /// Product: `(a0 b0 - a1 b1) + (a0 b1 + a1 b0) u`, each part one call with a single
    /// reduction (`Fp::difference_of_products`, `Fp::sum_of_products`). Four `Fp` products
    /// instead of Karatsuba's three, but the same number of 64-bit multiplications (two
    /// reductions instead of three) and two calls instead of seven: under Chicory every call
    /// moves its operands and result through bounds-checked linear memory.
    #[inline(always)]
    pub fn mul(&self, rhs: &Fp2) -> Fp2 {
        Fp2::new(
            Fp::difference_of_products(&self.c0, &rhs.c0, &self.c1, &rhs.c1),
            Fp::sum_of_products(&self.c0, &rhs.c1, &self.c1, &rhs.c0),
        )
    }

    /// Square: `(c0 + c1)(c0 - c1) + 2 c0 c1 u`, two calls.
    #[inline(always)]
    pub fn square(&self) -> Fp2 {
        Fp2::new(
            Fp::difference_of_squares(&self.c0, &self.c1),
            Fp::double_product(&self.c0, &self.c1),
        )
    }

    /// `self · k` for `k` in `Fp`.
    #[inline(always)]
    pub fn mul_fp(&self, k: &Fp) -> Fp2 {
        Fp2::new(self.c0.mul(k), self.c1.mul(k))
    }

    /// `self · ξ` with `ξ = 9 + u`: `(9 c0 - c1) + (c0 + 9 c1) u`.
    #[inline(always)]
    pub fn mul_by_xi(&self) -> Fp2 {
        Fp2::new(
            self.c0.nine_times_minus(&self.c1),
            self.c1.nine_times_plus(&self.c0),
        )
    }

    /// `self - b - c` (one pass per coefficient).
    #[inline(always)]
    pub fn sub_twice(&self, b: &Fp2, c: &Fp2) -> Fp2 {
        Fp2::new(
            self.c0.sub_twice(&b.c0, &c.c0),
            self.c1.sub_twice(&b.c1, &c.c1),
        )
    }

    /// Inverse: `(c0 - c1 u) / (c0² + c1²)`; zero maps to zero.
    pub fn invert(&self) -> Fp2 {
        let t = self.c0.square().add(&self.c1.square()).invert();
        Fp2::new(self.c0.mul(&t), self.c1.mul(&t).neg())
    }

    /// Whether both represent the same element.
    pub fn equals(&self, other: &Fp2) -> bool {
        self.c0.equals(&other.c0) && self.c1.equals(&other.c1)
    }

    /// Whether this is zero.
    pub fn is_zero(&self) -> bool {
        self.c0.is_zero() && self.c1.is_zero()
    }
}
