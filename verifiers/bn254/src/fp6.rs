//! `Fp6 = Fp2[v] / (v³ - ξ)` with `ξ = 9 + u`.

use crate::fp2::Fp2;

/// `c0 + c1·v + c2·v²`.
#[derive(Copy, Clone, Debug)]
pub struct Fp6 {
    /// Constant coefficient.
    pub c0: Fp2,
    /// Coefficient of `v`.
    pub c1: Fp2,
    /// Coefficient of `v²`.
    pub c2: Fp2,
}

impl Fp6 {
    /// Zero.
    pub const ZERO: Fp6 = Fp6::new(Fp2::ZERO, Fp2::ZERO, Fp2::ZERO);
    /// One.
    pub const ONE: Fp6 = Fp6::new(Fp2::ONE, Fp2::ZERO, Fp2::ZERO);

    /// `c0 + c1·v + c2·v²`.
    pub const fn new(c0: Fp2, c1: Fp2, c2: Fp2) -> Fp6 {
        Fp6 { c0, c1, c2 }
    }

    /// Sum.
    #[inline(never)]
    pub fn add(&self, rhs: &Fp6) -> Fp6 {
        Fp6::new(
            self.c0.add(&rhs.c0),
            self.c1.add(&rhs.c1),
            self.c2.add(&rhs.c2),
        )
    }

    /// Difference.
    #[inline(never)]
    pub fn sub(&self, rhs: &Fp6) -> Fp6 {
        Fp6::new(
            self.c0.sub(&rhs.c0),
            self.c1.sub(&rhs.c1),
            self.c2.sub(&rhs.c2),
        )
    }

    /// `self - b - c`.
    #[inline(never)]
    pub fn sub_twice(&self, b: &Fp6, c: &Fp6) -> Fp6 {
        Fp6::new(
            self.c0.sub_twice(&b.c0, &c.c0),
            self.c1.sub_twice(&b.c1, &c.c1),
            self.c2.sub_twice(&b.c2, &c.c2),
        )
    }

    /// Negation.
    pub fn neg(&self) -> Fp6 {
        Fp6::new(self.c0.neg(), self.c1.neg(), self.c2.neg())
    }

    /// `self · v = ξ c2 + c0 v + c1 v²`.
    #[inline(always)]
    pub fn mul_by_v(&self) -> Fp6 {
        Fp6::new(self.c2.mul_by_xi(), self.c0, self.c1)
    }

    /// Product (Karatsuba-style interpolation: six `Fp2` products).
    #[inline(never)]
    pub fn mul(&self, rhs: &Fp6) -> Fp6 {
        let (a, b) = (self, rhs);
        let v0 = a.c0.mul(&b.c0);
        let v1 = a.c1.mul(&b.c1);
        let v2 = a.c2.mul(&b.c2);
        let t12 = a.c1.add(&a.c2).mul(&b.c1.add(&b.c2)).sub_twice(&v1, &v2);
        let t01 = a.c0.add(&a.c1).mul(&b.c0.add(&b.c1)).sub_twice(&v0, &v1);
        let t02 = a.c0.add(&a.c2).mul(&b.c0.add(&b.c2)).sub_twice(&v0, &v2);
        Fp6::new(
            v0.add(&t12.mul_by_xi()),
            t01.add(&v2.mul_by_xi()),
            t02.add(&v1),
        )
    }

    /// Square (Chung–Hasan SQR2: two products and three squares in `Fp2`).
    #[inline(never)]
    pub fn square(&self) -> Fp6 {
        let s0 = self.c0.square();
        let s1 = self.c0.mul(&self.c1).double();
        let s2 = self.c0.sub(&self.c1).add(&self.c2).square();
        let s3 = self.c1.mul(&self.c2).double();
        let s4 = self.c2.square();
        Fp6::new(
            s0.add(&s3.mul_by_xi()),
            s1.add(&s4.mul_by_xi()),
            s1.add(&s2).add(&s3).sub_twice(&s0, &s4),
        )
    }

    /// `self · k` for `k` in `Fp2`.
    #[inline(never)]
    pub fn mul_fp2(&self, k: &Fp2) -> Fp6 {
        Fp6::new(self.c0.mul(k), self.c1.mul(k), self.c2.mul(k))
    }

    /// `self · (d0 + d1 v)` (five `Fp2` products).
    #[inline(never)]
    pub fn mul_by_01(&self, d0: &Fp2, d1: &Fp2) -> Fp6 {
        let a0d0 = self.c0.mul(d0);
        let a1d1 = self.c1.mul(d1);
        // (a0 + a1)(d0 + d1) - a0 d0 - a1 d1 = a0 d1 + a1 d0
        let cross = self
            .c0
            .add(&self.c1)
            .mul(&d0.add(d1))
            .sub_twice(&a0d0, &a1d1);
        // c0 = a0 d0 + ξ a2 d1, c1 = a0 d1 + a1 d0, c2 = a1 d1 + a2 d0
        Fp6::new(
            a0d0.add(&self.c2.mul(d1).mul_by_xi()),
            cross,
            a1d1.add(&self.c2.mul(d0)),
        )
    }

    /// Inverse; zero maps to zero.
    pub fn invert(&self) -> Fp6 {
        let (a0, a1, a2) = (&self.c0, &self.c1, &self.c2);
        let t0 = a0.square().sub(&a1.mul(a2).mul_by_xi());
        let t1 = a2.square().mul_by_xi().sub(&a0.mul(a1));
        let t2 = a1.square().sub(&a0.mul(a2));
        let det = a0.mul(&t0).add(&a2.mul(&t1).add(&a1.mul(&t2)).mul_by_xi());
        let inv = det.invert();
        Fp6::new(t0.mul(&inv), t1.mul(&inv), t2.mul(&inv))
    }

    /// Whether both represent the same element.
    pub fn equals(&self, other: &Fp6) -> bool {
        self.c0.equals(&other.c0) && self.c1.equals(&other.c1) && self.c2.equals(&other.c2)
    }
}
