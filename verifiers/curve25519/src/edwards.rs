//! The twisted Edwards curve `-x^2 + y^2 = 1 + d x^2 y^2` over GF(2^255 - 19) (Ed25519's
//! curve, RFC 8032 §5.1), in the point models of Hisil–Wong–Carter–Dawson 2008:
//!
//! * [`EdwardsPoint`]: extended coordinates `(X : Y : Z : T)` with `x = X/Z`, `y = Y/Z`,
//!   `x y = T/Z`;
//! * [`ProjectivePoint`]: `(X : Y : Z)`, the input of doubling;
//! * [`CompletedPoint`]: `((X : Z), (Y : T))` with `x = X/Z`, `y = Y/T`, the output of
//!   addition and doubling before the final multiplications;
//! * [`ProjectiveNielsPoint`]: `(Y + X, Y - X, Z, 2 d T)`, a cached form of an addend.
//!
//! The formulas are complete (valid for all inputs, including the identity and doubling),
//! because `a = -1` is a square and `d` is not.
//!
//! # Limb bounds
//!
//! `EdwardsPoint` and `ProjectivePoint` coordinates are products, hence reduced.
//! Differences of a reduced subtrahend use `sub_lazy` (`a + 2p - b` word by word, no carry
//! chain), which counts as 2 more reduced elements than its minuend. So in `CompletedPoint`
//! the coordinates are bounded by sums of at most 4 reduced elements (`2Z ± 2dT` after an
//! addition); in `ProjectiveNielsPoint` and `AffineNielsPoint`, `Y + X` is a sum of 2 and
//! `Y - X` of 3. All of these are within the preconditions of `mul` (4) and, where
//! subtracted, of `sub` (3): a completed coordinate only ever enters multiplications. The
//! comments at each formula give the count.
#![allow(non_snake_case)]

use crate::field::{FieldElement, BASE_T, BASE_X, BASE_Y, EDWARDS_D2};

/// A point in extended twisted Edwards coordinates.
#[derive(Copy, Clone, Debug)]
pub(crate) struct EdwardsPoint {
    pub(crate) X: FieldElement,
    pub(crate) Y: FieldElement,
    pub(crate) Z: FieldElement,
    pub(crate) T: FieldElement,
}

/// A point in projective coordinates `(X : Y : Z)`.
#[derive(Copy, Clone, Debug)]
pub(crate) struct ProjectivePoint {
    pub(crate) X: FieldElement,
    pub(crate) Y: FieldElement,
    pub(crate) Z: FieldElement,
}

/// A point `((X : Z), (Y : T))` in the "completed" model (P^1 x P^1).
#[derive(Copy, Clone, Debug)]
pub(crate) struct CompletedPoint {
    pub(crate) X: FieldElement,
    pub(crate) Y: FieldElement,
    pub(crate) Z: FieldElement,
    pub(crate) T: FieldElement,
}

/// A cached addend `(Y + X, Y - X, Z, 2 d T)`.
#[derive(Copy, Clone, Debug)]
pub(crate) struct ProjectiveNielsPoint {
    pub(crate) Y_plus_X: FieldElement,
    pub(crate) Y_minus_X: FieldElement,
    pub(crate) Z: FieldElement,
    pub(crate) T2d: FieldElement,
}

/// A cached addend with `Z = 1`: `(y + x, y - x, 2 d x y)` (affine Niels form). Adding it
/// costs 3 multiplications instead of 4, and it takes 120 bytes instead of 160. All three
/// coordinates are reduced.
#[derive(Copy, Clone, Debug)]
pub(crate) struct AffineNielsPoint {
    pub(crate) y_plus_x: FieldElement,
    pub(crate) y_minus_x: FieldElement,
    pub(crate) xy2d: FieldElement,
}

impl AffineNielsPoint {
    /// The cached form of the identity.
    pub(crate) const IDENTITY: AffineNielsPoint = AffineNielsPoint {
        y_plus_x: FieldElement::ONE,
        y_minus_x: FieldElement::ONE,
        xy2d: FieldElement::ZERO,
    };
}

impl EdwardsPoint {
    /// The neutral element `(0 : 1 : 1 : 0)`.
    pub(crate) const IDENTITY: EdwardsPoint = EdwardsPoint {
        X: FieldElement::ZERO,
        Y: FieldElement::ONE,
        Z: FieldElement::ONE,
        T: FieldElement::ZERO,
    };

    /// The Ed25519 base point `B` (RFC 8032 §5.1), which is also the ristretto255
    /// generator (RFC 9496 §4.4).
    pub(crate) const BASEPOINT: EdwardsPoint = EdwardsPoint {
        X: BASE_X,
        Y: BASE_Y,
        Z: FieldElement::ONE,
        T: BASE_T,
    };

    /// Drops `T`.
    #[inline]
    pub(crate) fn to_projective(&self) -> ProjectivePoint {
        ProjectivePoint {
            X: self.X,
            Y: self.Y,
            Z: self.Z,
        }
    }

    /// The cached form for repeated additions (one multiplication).
    #[inline]
    pub(crate) fn to_projective_niels(&self) -> ProjectiveNielsPoint {
        ProjectiveNielsPoint {
            Y_plus_X: self.Y.add(&self.X), // 2 reduced
            Y_minus_X: self.Y.sub_lazy(&self.X),
            Z: self.Z,
            T2d: self.T.mul(&EDWARDS_D2),
        }
    }

    /// `2 P`.
    #[inline(never)]
    pub(crate) fn double(&self) -> EdwardsPoint {
        self.to_projective().double().to_extended()
    }

    /// `self = 2^k self` for `k >= 1`, keeping projective coordinates between doublings.
    #[inline(never)]
    pub(crate) fn mul_by_pow2_assign(&mut self, k: u32) {
        let mut r = self.to_projective();
        let mut c = r.double();
        for _ in 1..k {
            c.to_projective_into(&mut r);
            r.double_into(&mut c);
        }
        c.to_extended_into(self);
    }

    /// `-P = (-X : Y : Z : -T)`.
    #[inline]
    pub(crate) fn neg(&self) -> EdwardsPoint {
        EdwardsPoint {
            X: self.X.neg(),
            Y: self.Y,
            Z: self.Z,
            T: self.T.neg(),
        }
    }

    /// `P + Q`.
    pub(crate) fn add(&self, other: &EdwardsPoint) -> EdwardsPoint {
        self.add_niels(&other.to_projective_niels()).to_extended()
    }

    /// `P - Q`.
    pub(crate) fn sub(&self, other: &EdwardsPoint) -> EdwardsPoint {
        self.sub_niels(&other.to_projective_niels()).to_extended()
    }

    /// `self = self + Q` (9 multiplications), in place.
    ///
    /// Performance note for wasm32: copying or initialising a 160-byte point is a call to
    /// the `memcpy`/`memset` of `compiler_builtins`, which costs about as much as a field
    /// multiplication under Chicory. Hot loops therefore update points in place through
    /// the `*_assign` and `*_into` forms, and by-value results go only into fresh locals
    /// (where the return slot is the local itself).
    #[inline(never)]
    pub(crate) fn add_assign(&mut self, other: &EdwardsPoint) {
        let q = other.to_projective_niels();
        let c = self.add_niels_impl(&q);
        c.to_extended_into(self);
    }

    /// `self = self - Q` (9 multiplications), in place.
    #[inline(never)]
    pub(crate) fn sub_assign(&mut self, other: &EdwardsPoint) {
        let q = other.to_projective_niels();
        let c = self.sub_niels_impl(&q);
        c.to_extended_into(self);
    }

    /// `P + Q` for a cached `Q` (HWCD'08 §3.1 "add-2008-hwcd-3" with `k = 2d`):
    /// 4 multiplications.
    #[inline(always)]
    fn add_niels_impl(&self, q: &ProjectiveNielsPoint) -> CompletedPoint {
        let Y_plus_X = self.Y.add(&self.X); // 2 reduced
        let Y_minus_X = self.Y.sub_lazy(&self.X);
        let PP = Y_plus_X.mul(&q.Y_plus_X); // (2) x (2)
        let MM = Y_minus_X.mul(&q.Y_minus_X);
        let TT2d = self.T.mul(&q.T2d);
        let ZZ = self.Z.mul(&q.Z);
        let ZZ2 = ZZ.add(&ZZ); // 2 reduced
        CompletedPoint {
            X: PP.sub_lazy(&MM),
            Y: PP.add(&MM),         // 2 reduced
            Z: ZZ2.add(&TT2d),      // 3 reduced
            T: ZZ2.sub_lazy(&TT2d), // 2 reduced + 2p: 4
        }
    }

    /// `P - Q` for a cached `Q`: the addition formula with `-Q = (Y - X, Y + X, Z, -2dT)`.
    #[inline(always)]
    fn sub_niels_impl(&self, q: &ProjectiveNielsPoint) -> CompletedPoint {
        let Y_plus_X = self.Y.add(&self.X);
        let Y_minus_X = self.Y.sub_lazy(&self.X);
        let PM = Y_plus_X.mul(&q.Y_minus_X);
        let MP = Y_minus_X.mul(&q.Y_plus_X); // (1) x (2)
        let TT2d = self.T.mul(&q.T2d);
        let ZZ = self.Z.mul(&q.Z);
        let ZZ2 = ZZ.add(&ZZ);
        CompletedPoint {
            X: PM.sub_lazy(&MP),
            Y: PM.add(&MP),
            Z: ZZ2.sub_lazy(&TT2d),
            T: ZZ2.add(&TT2d),
        }
    }

    /// `P + Q` for a cached `Q`, by value.
    #[inline(never)]
    pub(crate) fn add_niels(&self, q: &ProjectiveNielsPoint) -> CompletedPoint {
        self.add_niels_impl(q)
    }

    /// `P - Q` for a cached `Q`, by value.
    #[inline(never)]
    pub(crate) fn sub_niels(&self, q: &ProjectiveNielsPoint) -> CompletedPoint {
        self.sub_niels_impl(q)
    }

    /// `out = P + Q` for a cached `Q`.
    #[inline(never)]
    pub(crate) fn add_niels_into(&self, q: &ProjectiveNielsPoint, out: &mut CompletedPoint) {
        *out = self.add_niels_impl(q);
    }

    /// `out = P - Q` for a cached `Q`.
    #[inline(never)]
    pub(crate) fn sub_niels_into(&self, q: &ProjectiveNielsPoint, out: &mut CompletedPoint) {
        *out = self.sub_niels_impl(q);
    }

    /// `P + Q` for an affine cached `Q` (madd-2008-hwcd-3): 3 multiplications.
    #[inline(always)]
    fn add_affine_niels_impl(&self, q: &AffineNielsPoint) -> CompletedPoint {
        let Y_plus_X = self.Y.add(&self.X); // 2 reduced
        let Y_minus_X = self.Y.sub_lazy(&self.X);
        let PP = Y_plus_X.mul(&q.y_plus_x);
        let MM = Y_minus_X.mul(&q.y_minus_x);
        let TT2d = self.T.mul(&q.xy2d);
        let Z2 = self.Z.add(&self.Z); // 2 reduced
        CompletedPoint {
            X: PP.sub_lazy(&MM),
            Y: PP.add(&MM),        // 2 reduced
            Z: Z2.add(&TT2d),      // 3 reduced
            T: Z2.sub_lazy(&TT2d), // 2 reduced + 2p: 4
        }
    }

    /// `P - Q` for an affine cached `Q`: `-Q = (y - x, y + x, -2dxy)`.
    #[inline(always)]
    fn sub_affine_niels_impl(&self, q: &AffineNielsPoint) -> CompletedPoint {
        let Y_plus_X = self.Y.add(&self.X);
        let Y_minus_X = self.Y.sub_lazy(&self.X);
        let PM = Y_plus_X.mul(&q.y_minus_x);
        let MP = Y_minus_X.mul(&q.y_plus_x);
        let TT2d = self.T.mul(&q.xy2d);
        let Z2 = self.Z.add(&self.Z);
        CompletedPoint {
            X: PM.sub_lazy(&MP),
            Y: PM.add(&MP),
            Z: Z2.sub_lazy(&TT2d),
            T: Z2.add(&TT2d),
        }
    }

    /// `out = P + Q` for an affine cached `Q`.
    #[inline(never)]
    pub(crate) fn add_affine_niels_into(&self, q: &AffineNielsPoint, out: &mut CompletedPoint) {
        *out = self.add_affine_niels_impl(q);
    }

    /// `out = P - Q` for an affine cached `Q`.
    #[inline(never)]
    pub(crate) fn sub_affine_niels_into(&self, q: &AffineNielsPoint, out: &mut CompletedPoint) {
        *out = self.sub_affine_niels_impl(q);
    }

    /// Whether `Z` is stored as exactly 1 (as decoded points are). Variable time: for public
    /// points only.
    #[inline(always)]
    pub(crate) fn z_is_one_vartime(&self) -> bool {
        self.Z.0 == FieldElement::ONE.0
    }

    /// The affine cached form of a point whose `Z` is 1 (1 multiplication).
    #[inline(always)]
    fn to_affine_niels_z1(&self) -> AffineNielsPoint {
        AffineNielsPoint {
            y_plus_x: self.Y.add(&self.X), // 2 reduced
            y_minus_x: self.Y.sub_lazy(&self.X),
            xy2d: self.T.mul(&EDWARDS_D2),
        }
    }

    /// `self = self + Q` for a `Q` with `Z = 1` (8 multiplications instead of 9), in place.
    #[inline(never)]
    pub(crate) fn add_z1_assign(&mut self, other: &EdwardsPoint) {
        let q = other.to_affine_niels_z1();
        let c = self.add_affine_niels_impl(&q);
        c.to_extended_into(self);
    }

    /// `self = self - Q` for a `Q` with `Z = 1` (8 multiplications), in place.
    #[inline(never)]
    pub(crate) fn sub_z1_assign(&mut self, other: &EdwardsPoint) {
        let q = other.to_affine_niels_z1();
        let c = self.sub_affine_niels_impl(&q);
        c.to_extended_into(self);
    }

    /// Constant-time select: `a` if `choice == 0`, `b` if `choice == 1`.
    pub(crate) fn conditional_select(
        a: &EdwardsPoint,
        b: &EdwardsPoint,
        choice: u8,
    ) -> EdwardsPoint {
        EdwardsPoint {
            X: FieldElement::conditional_select(&a.X, &b.X, choice),
            Y: FieldElement::conditional_select(&a.Y, &b.Y, choice),
            Z: FieldElement::conditional_select(&a.Z, &b.Z, choice),
            T: FieldElement::conditional_select(&a.T, &b.T, choice),
        }
    }
}

impl ProjectivePoint {
    /// `2 P` (HWCD'08 §3.3 "dbl-2008-hwcd" with `a = -1`): 4 squarings. The output is
    /// `(E, -H, G, -F)` of the paper, which represents the same completed point.
    /// Inputs: reduced coordinates.
    #[inline(always)]
    fn double_impl(&self) -> CompletedPoint {
        let XX = self.X.square();
        let YY = self.Y.square();
        let ZZ = self.Z.square();
        let ZZ2 = ZZ.add(&ZZ); // 2 reduced
        let X_plus_Y = self.X.add(&self.Y); // 2 reduced
        let X_plus_Y_sq = X_plus_Y.square();
        let YY_plus_XX = YY.add(&XX); // 2 reduced
        let YY_minus_XX = YY.sub_lazy(&XX); // 3
        CompletedPoint {
            X: X_plus_Y_sq.sub(&YY_plus_XX), // subtrahend 2 reduced
            Y: YY_plus_XX,                   // 2 reduced
            Z: YY_minus_XX,
            T: ZZ2.sub(&YY_minus_XX), // minuend 2 reduced, subtrahend 3
        }
    }

    /// `2 P`, by value.
    #[inline(never)]
    pub(crate) fn double(&self) -> CompletedPoint {
        self.double_impl()
    }

    /// `out = 2 P`.
    #[inline(never)]
    pub(crate) fn double_into(&self, out: &mut CompletedPoint) {
        *out = self.double_impl();
    }
}

impl CompletedPoint {
    /// To projective coordinates: 3 multiplications.
    #[inline(never)]
    pub(crate) fn to_projective_into(&self, out: &mut ProjectivePoint) {
        out.X = self.X.mul(&self.T);
        out.Y = self.Y.mul(&self.Z);
        out.Z = self.Z.mul(&self.T);
    }

    /// To extended coordinates: 4 multiplications.
    #[inline(never)]
    pub(crate) fn to_extended_into(&self, out: &mut EdwardsPoint) {
        out.X = self.X.mul(&self.T);
        out.Y = self.Y.mul(&self.Z);
        out.Z = self.Z.mul(&self.T);
        out.T = self.X.mul(&self.Y);
    }

    /// To extended coordinates, by value.
    #[inline(never)]
    pub(crate) fn to_extended(&self) -> EdwardsPoint {
        EdwardsPoint {
            X: self.X.mul(&self.T),
            Y: self.Y.mul(&self.Z),
            Z: self.Z.mul(&self.T),
            T: self.X.mul(&self.Y),
        }
    }
}

impl ProjectiveNielsPoint {
    /// The cached form of the identity.
    pub(crate) const IDENTITY: ProjectiveNielsPoint = ProjectiveNielsPoint {
        Y_plus_X: FieldElement::ONE,
        Y_minus_X: FieldElement::ONE,
        Z: FieldElement::ONE,
        T2d: FieldElement::ZERO,
    };

    /// Constant-time `self = other` if `choice == 1`.
    #[inline]
    pub(crate) fn conditional_assign(&mut self, other: &ProjectiveNielsPoint, choice: u8) {
        self.Y_plus_X = FieldElement::conditional_select(&self.Y_plus_X, &other.Y_plus_X, choice);
        self.Y_minus_X =
            FieldElement::conditional_select(&self.Y_minus_X, &other.Y_minus_X, choice);
        self.Z = FieldElement::conditional_select(&self.Z, &other.Z, choice);
        self.T2d = FieldElement::conditional_select(&self.T2d, &other.T2d, choice);
    }

    /// Constant-time negation if `choice == 1`: swap `Y + X` and `Y - X`, negate `2dT`.
    #[inline]
    pub(crate) fn conditional_negate(&mut self, choice: u8) {
        let ypx = self.Y_plus_X;
        let ymx = self.Y_minus_X;
        self.Y_plus_X = FieldElement::conditional_select(&ypx, &ymx, choice);
        self.Y_minus_X = FieldElement::conditional_select(&ymx, &ypx, choice);
        self.T2d = self.T2d.conditional_negate(choice);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(p: &EdwardsPoint, q: &EdwardsPoint) -> bool {
        // X1 Z2 = X2 Z1 and Y1 Z2 = Y2 Z1
        p.X.mul(&q.Z).ct_eq(&q.X.mul(&p.Z)) == 1 && p.Y.mul(&q.Z).ct_eq(&q.Y.mul(&p.Z)) == 1
    }

    fn on_curve(p: &EdwardsPoint) -> bool {
        // (-X^2 + Y^2) Z^2 = Z^4 + d X^2 Y^2 and X Y = Z T
        let (xx, yy, zz) = (p.X.square(), p.Y.square(), p.Z.square());
        let lhs = yy.sub(&xx).mul(&zz);
        let rhs = zz.square().add(&crate::field::EDWARDS_D.mul(&xx).mul(&yy));
        lhs.ct_eq(&rhs) == 1 && p.X.mul(&p.Y).ct_eq(&p.Z.mul(&p.T)) == 1
    }

    #[test]
    fn group_law_is_consistent() {
        let b = EdwardsPoint::BASEPOINT;
        assert!(on_curve(&b));
        let b2 = b.double();
        assert!(on_curve(&b2));
        assert!(same(&b2, &b.add(&b)));
        let b3 = b2.add(&b);
        assert!(same(&b3.sub(&b), &b2));
        assert!(same(&b.add(&EdwardsPoint::IDENTITY), &b));
        assert!(same(&b.sub(&b), &EdwardsPoint::IDENTITY));
        assert!(same(&b.add(&b.neg()), &EdwardsPoint::IDENTITY));
        let mut b8 = b;
        b8.mul_by_pow2_assign(3);
        assert!(same(&b8, &b2.double().double()));
        let mut n = ProjectiveNielsPoint::IDENTITY;
        n.conditional_assign(&b3.to_projective_niels(), 1);
        n.conditional_negate(1);
        assert!(same(&b.add_niels(&n).to_extended(), &b2.neg()));
        assert!(same(&b.sub_niels(&n).to_extended(), &b3.add(&b)));
    }
}
