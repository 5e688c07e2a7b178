//! Field-level algorithms in GF(2^255 - 19): inversion, square roots of ratios (RFC 9496
//! §4.2), signs, and the curve constants. Limb arithmetic lives in `backend::field`.

pub(crate) use crate::backend::field::{ct_bytes_eq, FieldElement2625 as FieldElement};

// Constants as canonical limbs (radix 2^25.5, see `backend::field`). They were computed
// from their definitions; the tests in this file check the defining equations.

/// The Edwards curve constant `d = -121665/121666` (RFC 8032 §5.1; RFC 9496 §4.1 D).
pub(crate) const EDWARDS_D: FieldElement = FieldElement::from_limbs([
    0x35978a3, 0x0d37284, 0x3156ebd, 0x06a0a0e, 0x001c029, 0x179e898, 0x3a03cbb, 0x1ce7198,
    0x2e2b6ff, 0x1480db3,
]);
/// `2d`, used by the extended-coordinate addition formula.
pub(crate) const EDWARDS_D2: FieldElement = FieldElement::from_limbs([
    0x2b2f159, 0x1a6e509, 0x22add7a, 0x0d4141d, 0x0038052, 0x0f3d130, 0x3407977, 0x19ce331,
    0x1c56dff, 0x0901b67,
]);
/// `sqrt(-1) = 2^((p-1)/4)` (RFC 9496 §4.1 SQRT_M1 = 19681161376707505956807079304988542015446066515923890162744021073123829784752).
pub(crate) const SQRT_M1: FieldElement = FieldElement::from_limbs([
    0x20ea0b0, 0x186c9d2, 0x08f189d, 0x035697f, 0x0bd0c60, 0x1fbd7a7, 0x2804c9e, 0x1e16569,
    0x004fc1d, 0x0ae0c92,
]);
/// `1/sqrt(a - d)` with `a = -1` (RFC 9496 §4.1 INVSQRT_A_MINUS_D = 54469307008909316920995813868745141605393597292927456921205312896311721017578).
pub(crate) const INVSQRT_A_MINUS_D: FieldElement = FieldElement::from_limbs([
    0x05d40ea, 0x03f6aa0, 0x257d339, 0x0bad20b, 0x274bc58, 0x001d840, 0x13dc8ff, 0x19442d8,
    0x05cfaff, 0x1e1b224,
]);
/// `sqrt(a d - 1)` (RFC 9496 §4.1 SQRT_AD_MINUS_ONE = 25063068953384623474111414158702152701244531502492656460079210482610430750235).
pub(crate) const SQRT_AD_MINUS_ONE: FieldElement = FieldElement::from_limbs([
    0x17b2e1b, 0x1fda812, 0x297afd2, 0x060dbc2, 0x2be7638, 0x1f5d1fd, 0x27e6498, 0x11581e7,
    0x3f2b834, 0x0dda4c6,
]);
/// `1 - d^2` (RFC 9496 §4.1 ONE_MINUS_D_SQ = 1159843021668779879193775521855586647937357759715417654439879720876111806838).
pub(crate) const ONE_MINUS_D_SQ: FieldElement = FieldElement::from_limbs([
    0x05fc176, 0x1027065, 0x2a1fc4f, 0x1c66af1, 0x0b20684, 0x070dfe4, 0x255eedf, 0x01af332,
    0x28b2b3e, 0x00a41ca,
]);
/// `(d - 1)^2` (RFC 9496 §4.1 D_MINUS_ONE_SQ = 40440834346308536858101042469323190826248399146238708352240133220865137265952).
pub(crate) const D_MINUS_ONE_SQ: FieldElement = FieldElement::from_limbs([
    0x0ed4d20, 0x156aa91, 0x3332635, 0x16580f0, 0x34a7928, 0x09b4eeb, 0x26997a9, 0x048299b,
    0x3af66c2, 0x165a2cd,
]);
/// x of the Ed25519 base point B (RFC 8032 §5.1: x = 15112221349535400772501151409588531511454012693041857206046113283949847762202).
pub(crate) const BASE_X: FieldElement = FieldElement::from_limbs([
    0x325d51a, 0x18b5823, 0x0f6592a, 0x104a92d, 0x1a4b31d, 0x1d6dc5c, 0x27118fe, 0x07fd814,
    0x13cd6e5, 0x085a4db,
]);
/// y of the Ed25519 base point B (RFC 8032 §5.1: y = 4/5 = 46316835694926478169428394003475163141307993866256225615783033603165251855960).
pub(crate) const BASE_Y: FieldElement = FieldElement::from_limbs([
    0x2666658, 0x1999999, 0x0cccccc, 0x1333333, 0x1999999, 0x0666666, 0x3333333, 0x0cccccc,
    0x2666666, 0x1999999,
]);
/// x*y of the Ed25519 base point (extended coordinate T with Z = 1).
pub(crate) const BASE_T: FieldElement = FieldElement::from_limbs([
    0x1b7dda3, 0x1a2ace9, 0x25eadbb, 0x003ba8a, 0x083c27e, 0x0abe37d, 0x1274732, 0x0ccacdd,
    0x0fd78b7, 0x19e1d7c,
]);

impl FieldElement {
    /// 1 if the canonical encoding is odd ("negative" in RFC 9496 §4.1), else 0.
    pub(crate) fn is_negative(&self) -> u8 {
        self.to_bytes()[0] & 1
    }

    /// 1 if the element is zero, else 0 (constant time).
    pub(crate) fn is_zero(&self) -> u8 {
        ct_bytes_eq(&self.to_bytes(), &[0u8; 32])
    }

    /// `-self` if `choice == 1`, else `self` (constant time); reduced if `self` is.
    pub(crate) fn conditional_negate(&self, choice: u8) -> FieldElement {
        let neg = self.neg();
        FieldElement::conditional_select(self, &neg, choice)
    }

    /// `|self|`: the non-negative one of `self` and `-self` (RFC 9496 CT_ABS).
    pub(crate) fn abs(&self) -> FieldElement {
        self.conditional_negate(self.is_negative())
    }

    /// Returns `(x^(2^250 - 1), x^11)`, the shared prefix of the inversion and square-root
    /// exponents (an addition chain of 254 squarings and 11 multiplications).
    #[inline(never)]
    fn pow22501(&self) -> (FieldElement, FieldElement) {
        let x = self;
        let t0 = x.square(); // x^2
        let t1 = t0.pow2k(2); // x^8
        let t1 = x.mul(&t1); // x^9
        let t0 = t0.mul(&t1); // x^11
        let t2 = t0.square(); // x^22
        let t1 = t1.mul(&t2); // x^31 = x^(2^5 - 1)
        let t2 = t1.pow2k(5);
        let t1 = t2.mul(&t1); // x^(2^10 - 1)
        let t2 = t1.pow2k(10);
        let t2 = t2.mul(&t1); // x^(2^20 - 1)
        let t3 = t2.pow2k(20);
        let t2 = t3.mul(&t2); // x^(2^40 - 1)
        let t2 = t2.pow2k(10);
        let t1 = t2.mul(&t1); // x^(2^50 - 1)
        let t2 = t1.pow2k(50);
        let t2 = t2.mul(&t1); // x^(2^100 - 1)
        let t3 = t2.pow2k(100);
        let t2 = t3.mul(&t2); // x^(2^200 - 1)
        let t2 = t2.pow2k(50);
        let t1 = t2.mul(&t1); // x^(2^250 - 1)
        (t1, t0)
    }

    /// `self^(p - 2)`, the inverse of a nonzero element; `0` maps to `0`. Constant time.
    /// (Ristretto needs only `sqrt_ratio_i`; kept for callers such as batch encodings.)
    #[allow(dead_code)]
    pub(crate) fn invert(&self) -> FieldElement {
        let (t19, t3) = self.pow22501();
        // (2^250 - 1) 2^5 + 11 = 2^255 - 21 = p - 2.
        t19.pow2k(5).mul(&t3)
    }

    /// `self^((p - 5) / 8) = self^(2^252 - 3)`.
    fn pow_p58(&self) -> FieldElement {
        let (t19, _) = self.pow22501();
        // (2^250 - 1) 4 + 1 = 2^252 - 3.
        t19.pow2k(2).mul(self)
    }

    /// RFC 9496 §4.2 SQRT_RATIO_M1(u, v): returns `(was_square, r)` with `r` non-negative
    /// and
    /// * `(1, sqrt(u/v))` if `u/v` is square (and `v != 0`),
    /// * `(1, 0)` if `u = 0`,
    /// * `(0, 0)` if `u != 0` and `v = 0`,
    /// * `(0, sqrt(i u / v))` otherwise, with `i = SQRT_M1`.
    ///
    /// Constant time. Inputs: sums of up to 3 reduced elements.
    pub(crate) fn sqrt_ratio_i(u: &FieldElement, v: &FieldElement) -> (u8, FieldElement) {
        let v3 = v.square().mul(v);
        let v7 = v3.square().mul(v);
        let r = u.mul(&v3).mul(&u.mul(&v7).pow_p58());
        let check = v.mul(&r.square());

        let neg_u = u.neg();
        let correct_sign_sqrt = check.ct_eq(u);
        let flipped_sign_sqrt = check.ct_eq(&neg_u);
        let flipped_sign_sqrt_i = check.ct_eq(&neg_u.mul(&SQRT_M1));

        let r_prime = SQRT_M1.mul(&r);
        let r =
            FieldElement::conditional_select(&r, &r_prime, flipped_sign_sqrt | flipped_sign_sqrt_i);
        (correct_sign_sqrt | flipped_sign_sqrt, r.abs())
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;

    fn fe(x: u64) -> FieldElement {
        let mut b = [0u8; 32];
        b[..8].copy_from_slice(&x.to_le_bytes());
        FieldElement::from_bytes(&b)
    }

    fn hex32(s: &str) -> [u8; 32] {
        let mut out = [0u8; 32];
        for i in 0..32 {
            out[i] = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap();
        }
        out
    }

    /// A deterministic sequence of field elements with all limbs exercised.
    fn sample(seed: u64) -> FieldElement {
        let mut b = [0u8; 32];
        let mut s = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        for x in b.iter_mut() {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            *x = s as u8;
        }
        FieldElement::from_bytes(&b)
    }

    #[test]
    fn constants_satisfy_their_definitions() {
        let one = FieldElement::ONE;
        let minus_one = FieldElement::MINUS_ONE;
        assert_eq!(minus_one.to_bytes(), one.neg().to_bytes());
        // d * 121666 = -121665
        assert_eq!(
            EDWARDS_D.mul(&fe(121666)).to_bytes(),
            fe(121665).neg().to_bytes()
        );
        assert_eq!(EDWARDS_D2.to_bytes(), EDWARDS_D.add(&EDWARDS_D).to_bytes());
        assert_eq!(SQRT_M1.square().to_bytes(), minus_one.to_bytes());
        // INVSQRT_A_MINUS_D^2 * (a - d) = 1 with a = -1
        let a_minus_d = minus_one.sub(&EDWARDS_D);
        assert_eq!(
            INVSQRT_A_MINUS_D.square().mul(&a_minus_d).to_bytes(),
            one.to_bytes()
        );
        // SQRT_AD_MINUS_ONE^2 = a d - 1 = -d - 1
        assert_eq!(
            SQRT_AD_MINUS_ONE.square().to_bytes(),
            EDWARDS_D.neg().sub(&one).to_bytes()
        );
        assert_eq!(
            ONE_MINUS_D_SQ.to_bytes(),
            one.sub(&EDWARDS_D.square()).to_bytes()
        );
        assert_eq!(
            D_MINUS_ONE_SQ.to_bytes(),
            EDWARDS_D.sub(&one).square().to_bytes()
        );
        // The base point is on the curve: -x^2 + y^2 = 1 + d x^2 y^2, and T = x y.
        let (x2, y2) = (BASE_X.square(), BASE_Y.square());
        let lhs = y2.sub(&x2);
        let rhs = one.add(&EDWARDS_D.mul(&x2).mul(&y2));
        assert_eq!(lhs.to_bytes(), rhs.to_bytes());
        assert_eq!(BASE_T.to_bytes(), BASE_X.mul(&BASE_Y).to_bytes());
        assert_eq!(BASE_Y.mul(&fe(5)).to_bytes(), fe(4).to_bytes());
    }

    #[test]
    fn encoding_round_trips_and_reduces_non_canonical_inputs() {
        for i in 0..200 {
            let x = sample(i);
            let b = x.to_bytes();
            assert_eq!(b[31] >> 7, 0);
            assert_eq!(FieldElement::from_bytes(&b).to_bytes(), b);
        }
        // p encodes zero, p + 1 encodes one; the top bit is ignored.
        let p = hex32("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        assert_eq!(FieldElement::from_bytes(&p).to_bytes(), [0u8; 32]);
        let mut p1 = p;
        p1[0] += 1;
        assert_eq!(FieldElement::from_bytes(&p1).to_bytes(), fe(1).to_bytes());
        let all = [0xffu8; 32];
        // 2^255 - 1 = p + 18
        assert_eq!(FieldElement::from_bytes(&all).to_bytes(), fe(18).to_bytes());
        // -1 encodes as p - 1
        let mut pm1 = p;
        pm1[0] -= 1;
        assert_eq!(fe(1).neg().to_bytes(), pm1);
    }

    #[test]
    fn multiplication_agrees_with_schoolbook_identities() {
        for i in 0..100 {
            let (a, b, c) = (sample(3 * i), sample(3 * i + 1), sample(3 * i + 2));
            // commutativity, distributivity, square = mul
            assert_eq!(a.mul(&b).to_bytes(), b.mul(&a).to_bytes());
            assert_eq!(
                a.mul(&b.add(&c)).to_bytes(),
                a.mul(&b).add(&a.mul(&c)).to_bytes()
            );
            assert_eq!(a.square().to_bytes(), a.mul(&a).to_bytes());
            assert_eq!(a.sub(&b).add(&b).to_bytes(), a.to_bytes());
            // Worst-case inputs allowed by the bounds: sums of four reduced elements.
            let a4 = a.add(&b).add(&c).add(&a);
            let b4 = c.add(&c).add(&b).add(&a);
            let expect = a
                .mul(&b4)
                .add(&b.mul(&b4))
                .add(&c.mul(&b4))
                .add(&a.mul(&b4));
            assert_eq!(a4.mul(&b4).to_bytes(), expect.to_bytes());
            assert_eq!(a4.square().to_bytes(), a4.mul(&a4).to_bytes());
        }
        // Largest limbs: the all-ones limbs times four.
        let max = FieldElement::from_limbs([
            0x3ffffff,
            0x1ffffff + (1 << 18),
            0x3ffffff,
            0x1ffffff,
            0x3ffffff,
            0x1ffffff,
            0x3ffffff,
            0x1ffffff,
            0x3ffffff,
            0x1ffffff,
        ]);
        let max4 = max.add(&max).add(&max).add(&max);
        let r = max.mul(&FieldElement::ONE);
        let expect = r.mul(&r).mul(&fe(16));
        assert_eq!(max4.mul(&max4).to_bytes(), expect.to_bytes());
        assert_eq!(max4.square().to_bytes(), expect.to_bytes());
        let max3 = max.add(&max).add(&max);
        assert_eq!(max.sub(&max3).to_bytes(), r.mul(&fe(2)).neg().to_bytes());
    }

    #[test]
    fn invert_times_self_is_one_and_zero_inverts_to_zero() {
        for i in 0..20 {
            let a = sample(i);
            assert_eq!(a.mul(&a.invert()).to_bytes(), FieldElement::ONE.to_bytes());
        }
        assert_eq!(FieldElement::ZERO.invert().to_bytes(), [0u8; 32]);
    }

    #[test]
    fn sqrt_ratio_i_matches_rfc_9496_cases() {
        // Cases from the RFC 9496 reference tests (SQRT_RATIO_M1 on small inputs).
        let (ok, r) = FieldElement::sqrt_ratio_i(&fe(0), &fe(0));
        assert_eq!((ok, r.to_bytes()), (1, [0u8; 32]));
        let (ok, r) = FieldElement::sqrt_ratio_i(&fe(0), &fe(1));
        assert_eq!((ok, r.to_bytes()), (1, [0u8; 32]));
        let (ok, r) = FieldElement::sqrt_ratio_i(&fe(1), &fe(0));
        assert_eq!((ok, r.to_bytes()), (0, [0u8; 32]));
        let (ok, r) = FieldElement::sqrt_ratio_i(&fe(2), &fe(1));
        assert_eq!(ok, 0);
        assert_eq!(
            r.to_bytes(),
            hex32("3c5ff1b5d8e4113b871bd052f9e7bcd0582804c266ffb2d4f4203eb07fdb7c54")
        );
        let (ok, r) = FieldElement::sqrt_ratio_i(&fe(4), &fe(1));
        assert_eq!((ok, r.to_bytes()), (1, fe(2).to_bytes()));
        let (ok, r) = FieldElement::sqrt_ratio_i(&fe(1), &fe(4));
        assert_eq!(ok, 1);
        assert_eq!(
            r.to_bytes(),
            hex32("f6ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff3f")
        );
        // Random ratios: r^2 v = u or r^2 v = i u, and r is non-negative.
        for i in 0..20 {
            let (u, v) = (sample(2 * i), sample(2 * i + 1));
            let (ok, r) = FieldElement::sqrt_ratio_i(&u, &v);
            let lhs = r.square().mul(&v);
            let want = if ok == 1 { u } else { SQRT_M1.mul(&u) };
            assert_eq!(lhs.to_bytes(), want.to_bytes());
            assert_eq!(r.is_negative(), 0);
        }
    }
}
