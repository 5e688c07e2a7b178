//! The ristretto255 prime-order group (RFC 9496 §4), represented by Edwards points.
//!
//! A [`RistrettoPoint`] is an Edwards point standing for its coset modulo the 4-torsion;
//! equality, encoding and decoding are those of RFC 9496 §4.3, so two representatives of
//! the same element compare equal and encode identically.
//!
//! Encoding (RFC 9496 §4.3.2): 32 bytes, the canonical little-endian encoding of a
//! non-negative field element `s`. The identity encodes as 32 zero bytes.

use core::iter::Sum;
use core::ops::{Add, AddAssign, Mul, Neg, Sub, SubAssign};

use crate::edwards::EdwardsPoint;
use crate::field::{
    FieldElement, D_MINUS_ONE_SQ, EDWARDS_D, INVSQRT_A_MINUS_D, ONE_MINUS_D_SQ, SQRT_AD_MINUS_ONE,
    SQRT_M1,
};
use crate::scalar::Scalar;

/// The encoding of the ristretto255 generator (RFC 9496 Appendix A.1, `B`).
pub const RISTRETTO_BASEPOINT_COMPRESSED: [u8; 32] = [
    0xe2, 0xf2, 0xae, 0x0a, 0x6a, 0xbc, 0x4e, 0x71, 0xa8, 0x84, 0xa9, 0x61, 0xc5, 0x00, 0x51, 0x5f,
    0x58, 0xe3, 0x0b, 0x6a, 0xa5, 0x82, 0xdd, 0x8d, 0xb6, 0xa6, 0x59, 0x45, 0xe0, 0x8d, 0x2d, 0x76,
];

/// A 32-byte ristretto255 encoding, not yet validated.
#[derive(Copy, Clone, PartialEq, Eq, Debug, Default)]
pub struct CompressedRistretto(pub [u8; 32]);

impl CompressedRistretto {
    /// Copies a 32-byte slice; `None` if the slice has another length. (No validation:
    /// that is [`CompressedRistretto::decompress`].)
    pub fn from_slice(bytes: &[u8]) -> Option<CompressedRistretto> {
        if bytes.len() != 32 {
            return None;
        }
        let mut b = [0u8; 32];
        b.copy_from_slice(bytes);
        Some(CompressedRistretto(b))
    }

    /// The encoded bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The encoded bytes, by value.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.0
    }

    /// Whether these are the identity's encoding (32 zero bytes). Bytewise, as in dalek.
    pub fn is_identity(&self) -> bool {
        self.0 == [0u8; 32]
    }

    /// RFC 9496 §4.3.1 DECODE. Returns `None` unless the bytes are the canonical encoding
    /// of a non-negative field element `s` that decodes to a group element (which rejects
    /// non-canonical encodings, negative `s`, non-square cases, negative `t`, and `y = 0`).
    ///
    /// Not constant time in whether decoding fails (the input is public).
    pub fn decompress(&self) -> Option<RistrettoPoint> {
        let s = FieldElement::from_bytes(&self.0);
        // 1. Canonical and non-negative.
        if s.to_bytes() != self.0 || s.is_negative() == 1 {
            return None;
        }
        // 2. The rest of DECODE.
        let one = FieldElement::ONE;
        let ss = s.square();
        let u1 = one.sub(&ss); // 1 - s^2
        let u2 = one.add(&ss); // 1 + s^2 (1 reduced + 1)
        let u2_sqr = u2.square();
        // v = -(D u1^2) - u2^2
        let v = EDWARDS_D.mul(&u1.square()).neg().sub(&u2_sqr);
        let (was_square, invsqrt) = FieldElement::sqrt_ratio_i(&one, &v.mul(&u2_sqr));
        let den_x = invsqrt.mul(&u2);
        let den_y = invsqrt.mul(&den_x).mul(&v);
        let x = s.add(&s).mul(&den_x).abs();
        let y = u1.mul(&den_y);
        let t = x.mul(&y);
        if was_square == 0 || t.is_negative() == 1 || y.is_zero() == 1 {
            return None;
        }
        Some(RistrettoPoint(EdwardsPoint {
            X: x,
            Y: y,
            Z: one,
            T: t,
        }))
    }
}

/// An element of the ristretto255 group.
#[derive(Copy, Clone, Debug)]
pub struct RistrettoPoint(pub(crate) EdwardsPoint);

impl Default for RistrettoPoint {
    fn default() -> Self {
        RistrettoPoint::identity()
    }
}

impl RistrettoPoint {
    /// The identity element.
    pub fn identity() -> Self {
        RistrettoPoint(EdwardsPoint::IDENTITY)
    }

    /// The generator of RFC 9496 §4.4 (Ed25519's base point), encoded as
    /// [`RISTRETTO_BASEPOINT_COMPRESSED`].
    pub fn basepoint() -> Self {
        RistrettoPoint(EdwardsPoint::BASEPOINT)
    }

    /// RFC 9496 §4.3.2 ENCODE. Constant time.
    pub fn compress(&self) -> CompressedRistretto {
        let p = &self.0;
        let (x0, y0, z0, t0) = (&p.X, &p.Y, &p.Z, &p.T);
        let u1 = z0.add(y0).mul(&z0.sub(y0));
        let u2 = x0.mul(y0);
        // Ignore was_square: u1 u2^2 is always a square for a valid point.
        let (_, invsqrt) = FieldElement::sqrt_ratio_i(&FieldElement::ONE, &u1.mul(&u2.square()));
        let den1 = invsqrt.mul(&u1);
        let den2 = invsqrt.mul(&u2);
        let z_inv = den1.mul(&den2).mul(t0);
        let ix0 = x0.mul(&SQRT_M1);
        let iy0 = y0.mul(&SQRT_M1);
        let enchanted_denominator = den1.mul(&INVSQRT_A_MINUS_D);
        let rotate = t0.mul(&z_inv).is_negative();
        let x = FieldElement::conditional_select(x0, &iy0, rotate);
        let y = FieldElement::conditional_select(y0, &ix0, rotate);
        let den_inv = FieldElement::conditional_select(&den2, &enchanted_denominator, rotate);
        let y = y.conditional_negate(x.mul(&z_inv).is_negative());
        let s = den_inv.mul(&z0.sub(&y)).abs();
        CompressedRistretto(s.to_bytes())
    }

    /// RFC 9496 §4.3.4 FROM_UNIFORM_BYTES (the one-way map used for hash-to-group):
    /// maps each 32-byte half (top bit masked) with MAP and adds the results.
    pub fn from_uniform_bytes(bytes: &[u8; 64]) -> Self {
        let mut b0 = [0u8; 32];
        let mut b1 = [0u8; 32];
        b0.copy_from_slice(&bytes[..32]);
        b1.copy_from_slice(&bytes[32..]);
        // from_bytes ignores bit 255 and reduces mod p, as the RFC requires.
        let p0 = elligator_map(&FieldElement::from_bytes(&b0));
        let p1 = elligator_map(&FieldElement::from_bytes(&b1));
        RistrettoPoint(p0.add(&p1))
    }

    /// Whether this is the identity element (constant time up to the `bool`).
    pub fn is_identity(&self) -> bool {
        self.ct_eq(&RistrettoPoint::identity()) == 1
    }

    /// `2 P`.
    pub fn double(&self) -> Self {
        RistrettoPoint(self.0.double())
    }

    /// `s P`, variable time (for public scalars).
    pub fn mul_vartime(&self, s: &Scalar) -> Self {
        crate::msm::vartime_multiscalar_mul(core::slice::from_ref(s), core::slice::from_ref(self))
    }

    /// `s P`, constant time in `s` (and in `P`).
    pub fn mul_ct(&self, s: &Scalar) -> Self {
        crate::msm::ct_multiscalar_mul(core::slice::from_ref(s), core::slice::from_ref(self))
    }

    /// Constant-time select: `a` if `choice == 0`, `b` if `choice == 1`.
    pub fn conditional_select(a: &Self, b: &Self, choice: u8) -> Self {
        RistrettoPoint(EdwardsPoint::conditional_select(&a.0, &b.0, choice))
    }

    /// RFC 9496 §4.3.3 EQUALS: `X1 Y2 == Y1 X2 || Y1 Y2 == X1 X2`; 1 if equal, else 0.
    fn ct_eq(&self, other: &Self) -> u8 {
        let (p, q) = (&self.0, &other.0);
        let a = p.X.mul(&q.Y).ct_eq(&p.Y.mul(&q.X));
        let b = p.Y.mul(&q.Y).ct_eq(&p.X.mul(&q.X));
        a | b
    }
}

/// RFC 9496 §4.3.4 MAP (Elligator 2 onto the Jacobi quartic, then the isogeny), returning
/// an Edwards representative in extended coordinates. Constant time.
fn elligator_map(t: &FieldElement) -> EdwardsPoint {
    let one = FieldElement::ONE;
    let minus_one = FieldElement::MINUS_ONE;
    let r = SQRT_M1.mul(&t.square());
    let u = r.add(&one).mul(&ONE_MINUS_D_SQ);
    // v = (-1 - r D) (r + D)
    let v = minus_one.sub(&r.mul(&EDWARDS_D)).mul(&r.add(&EDWARDS_D));
    let (was_square, s) = FieldElement::sqrt_ratio_i(&u, &v);
    let s_prime = s.mul(t).abs().neg();
    let s = FieldElement::conditional_select(&s_prime, &s, was_square);
    let c = FieldElement::conditional_select(&r, &minus_one, was_square);
    // N = c (r - 1) D_MINUS_ONE_SQ - v
    let n = c.mul(&r.sub(&one)).mul(&D_MINUS_ONE_SQ).sub(&v);
    let ss = s.square();
    let w0 = s.add(&s).mul(&v);
    let w1 = n.mul(&SQRT_AD_MINUS_ONE);
    let w2 = one.sub(&ss);
    let w3 = one.add(&ss);
    EdwardsPoint {
        X: w0.mul(&w3),
        Y: w2.mul(&w1),
        Z: w1.mul(&w3),
        T: w0.mul(&w2),
    }
}

impl PartialEq for RistrettoPoint {
    /// Group equality (RFC 9496 §4.3.3), constant time.
    fn eq(&self, other: &Self) -> bool {
        self.ct_eq(other) == 1
    }
}

impl Eq for RistrettoPoint {}

impl<'a, 'b> Add<&'b RistrettoPoint> for &'a RistrettoPoint {
    type Output = RistrettoPoint;
    fn add(self, rhs: &'b RistrettoPoint) -> RistrettoPoint {
        RistrettoPoint(self.0.add(&rhs.0))
    }
}

impl<'a, 'b> Sub<&'b RistrettoPoint> for &'a RistrettoPoint {
    type Output = RistrettoPoint;
    fn sub(self, rhs: &'b RistrettoPoint) -> RistrettoPoint {
        RistrettoPoint(self.0.sub(&rhs.0))
    }
}

impl<'a> Neg for &'a RistrettoPoint {
    type Output = RistrettoPoint;
    fn neg(self) -> RistrettoPoint {
        RistrettoPoint(self.0.neg())
    }
}

impl Neg for RistrettoPoint {
    type Output = RistrettoPoint;
    fn neg(self) -> RistrettoPoint {
        -&self
    }
}

/// Owned and mixed forms of a binary point operator in terms of the `&a op &b` form.
macro_rules! forward_point_binop {
    ($tr:ident, $m:ident, $tra:ident, $ma:ident) => {
        impl<'b> $tr<&'b RistrettoPoint> for RistrettoPoint {
            type Output = RistrettoPoint;
            fn $m(self, rhs: &'b RistrettoPoint) -> RistrettoPoint {
                (&self).$m(rhs)
            }
        }
        impl<'a> $tr<RistrettoPoint> for &'a RistrettoPoint {
            type Output = RistrettoPoint;
            fn $m(self, rhs: RistrettoPoint) -> RistrettoPoint {
                self.$m(&rhs)
            }
        }
        impl $tr<RistrettoPoint> for RistrettoPoint {
            type Output = RistrettoPoint;
            fn $m(self, rhs: RistrettoPoint) -> RistrettoPoint {
                (&self).$m(&rhs)
            }
        }
        impl<'b> $tra<&'b RistrettoPoint> for RistrettoPoint {
            fn $ma(&mut self, rhs: &'b RistrettoPoint) {
                *self = (&*self).$m(rhs);
            }
        }
        impl $tra<RistrettoPoint> for RistrettoPoint {
            fn $ma(&mut self, rhs: RistrettoPoint) {
                *self = (&*self).$m(&rhs);
            }
        }
    };
}

forward_point_binop!(Add, add, AddAssign, add_assign);
forward_point_binop!(Sub, sub, SubAssign, sub_assign);

/// `P * s` is constant time ([`RistrettoPoint::mul_ct`]).
impl<'a, 'b> Mul<&'b Scalar> for &'a RistrettoPoint {
    type Output = RistrettoPoint;
    fn mul(self, s: &'b Scalar) -> RistrettoPoint {
        self.mul_ct(s)
    }
}

/// `s * P` is constant time ([`RistrettoPoint::mul_ct`]).
impl<'a, 'b> Mul<&'b RistrettoPoint> for &'a Scalar {
    type Output = RistrettoPoint;
    fn mul(self, p: &'b RistrettoPoint) -> RistrettoPoint {
        p.mul_ct(self)
    }
}

impl Mul<Scalar> for RistrettoPoint {
    type Output = RistrettoPoint;
    fn mul(self, s: Scalar) -> RistrettoPoint {
        self.mul_ct(&s)
    }
}

impl Mul<RistrettoPoint> for Scalar {
    type Output = RistrettoPoint;
    fn mul(self, p: RistrettoPoint) -> RistrettoPoint {
        p.mul_ct(&self)
    }
}

impl Sum for RistrettoPoint {
    fn sum<I: Iterator<Item = RistrettoPoint>>(iter: I) -> RistrettoPoint {
        iter.fold(RistrettoPoint::identity(), |acc, x| &acc + &x)
    }
}

impl<'a> Sum<&'a RistrettoPoint> for RistrettoPoint {
    fn sum<I: Iterator<Item = &'a RistrettoPoint>>(iter: I) -> RistrettoPoint {
        iter.fold(RistrettoPoint::identity(), |acc, x| &acc + x)
    }
}
