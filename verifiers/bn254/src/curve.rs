//! The groups: `G1 = E(Fp)` with `E: y² = x³ + 3`, and `G2`, the order-`r` subgroup of the
//! twist `E'(Fp2): y² = x³ + 3/ξ` (D-type, as in EIP-197). Both use the same generic code over
//! [`CurveField`]: affine points for storage and decoding, Jacobian coordinates for arithmetic.
//! Variable time throughout: a verifier handles public data only.

#[cfg(test)]
use crate::constants::SIX_X_SQUARED;
use crate::constants::{TWIST_B, XI_P_MINUS_1_OVER_2, XI_P_MINUS_1_OVER_3};
use crate::fp::Fp;
use crate::fp2::Fp2;

/// A field that carries one of the two curves (`Fp` for `G1`, `Fp2` for `G2`).
pub trait CurveField: Copy {
    /// Zero.
    const ZERO: Self;
    /// One.
    const ONE: Self;
    /// The curve constant `b` of `y² = x³ + b` over this field.
    fn curve_b() -> Self;
    /// Sum.
    fn add(&self, rhs: &Self) -> Self;
    /// Difference.
    fn sub(&self, rhs: &Self) -> Self;
    /// Product.
    fn mul(&self, rhs: &Self) -> Self;
    /// Square.
    fn square(&self) -> Self;
    /// Negation.
    fn neg(&self) -> Self;
    /// Inverse (zero maps to zero).
    fn invert(&self) -> Self;
    /// Equality of the represented values.
    fn equals(&self, other: &Self) -> bool;
    /// Whether this is zero.
    fn is_zero(&self) -> bool;
    /// `2 · self`.
    fn double(&self) -> Self {
        self.add(self)
    }
}

macro_rules! curve_field {
    ($f:ty, $b:expr) => {
        impl CurveField for $f {
            const ZERO: Self = <$f>::ZERO;
            const ONE: Self = <$f>::ONE;
            fn curve_b() -> Self {
                $b
            }
            fn add(&self, rhs: &Self) -> Self {
                <$f>::add(self, rhs)
            }
            fn sub(&self, rhs: &Self) -> Self {
                <$f>::sub(self, rhs)
            }
            fn mul(&self, rhs: &Self) -> Self {
                <$f>::mul(self, rhs)
            }
            fn square(&self) -> Self {
                <$f>::square(self)
            }
            fn neg(&self) -> Self {
                <$f>::neg(self)
            }
            fn invert(&self) -> Self {
                <$f>::invert(self)
            }
            fn equals(&self, other: &Self) -> bool {
                <$f>::equals(self, other)
            }
            fn is_zero(&self) -> bool {
                <$f>::is_zero(self)
            }
        }
    };
}

curve_field!(Fp, Fp::from_u64(3));
curve_field!(Fp2, TWIST_B);

/// Why an encoded point was refused.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// A coordinate is not below `p`.
    NotCanonical,
    /// The coordinates do not satisfy the curve equation.
    NotOnCurve,
    /// A `G2` point on the twist but outside the order-`r` subgroup.
    NotInSubgroup,
}

/// An affine point; `infinity` marks the identity (its coordinates are then zero).
#[derive(Copy, Clone, Debug)]
pub struct Affine<F> {
    /// x coordinate.
    pub x: F,
    /// y coordinate.
    pub y: F,
    /// Whether this is the point at infinity.
    pub infinity: bool,
}

/// A point in Jacobian coordinates `(X : Y : Z)`, `x = X/Z²`, `y = Y/Z³`; `Z = 0` is infinity.
#[derive(Copy, Clone, Debug)]
pub struct Jacobian<F> {
    /// X.
    pub x: F,
    /// Y.
    pub y: F,
    /// Z.
    pub z: F,
}

/// A point of `G1`.
pub type G1Affine = Affine<Fp>;
/// A point of `G2` (on the twist).
pub type G2Affine = Affine<Fp2>;
/// `G1` in Jacobian coordinates.
pub type G1Jacobian = Jacobian<Fp>;
/// `G2` in Jacobian coordinates.
pub type G2Jacobian = Jacobian<Fp2>;

impl<F: CurveField> Affine<F> {
    /// The identity.
    pub const IDENTITY: Affine<F> = Affine {
        x: F::ZERO,
        y: F::ZERO,
        infinity: true,
    };

    /// Whether `y² = x³ + b` (the identity counts as on the curve).
    pub fn is_on_curve(&self) -> bool {
        if self.infinity {
            return true;
        }
        let rhs = self.x.square().mul(&self.x).add(&F::curve_b());
        self.y.square().equals(&rhs)
    }

    /// `-self`.
    pub fn neg(&self) -> Affine<F> {
        Affine {
            x: self.x,
            y: self.y.neg(),
            infinity: self.infinity,
        }
    }

    /// The same point in Jacobian coordinates.
    pub fn to_jacobian(&self) -> Jacobian<F> {
        if self.infinity {
            Jacobian::IDENTITY
        } else {
            Jacobian {
                x: self.x,
                y: self.y,
                z: F::ONE,
            }
        }
    }

    /// Equality of points.
    pub fn equals(&self, other: &Affine<F>) -> bool {
        if self.infinity || other.infinity {
            return self.infinity == other.infinity;
        }
        self.x.equals(&other.x) && self.y.equals(&other.y)
    }
}

impl<F: CurveField> Jacobian<F> {
    /// The identity.
    pub const IDENTITY: Jacobian<F> = Jacobian {
        x: F::ONE,
        y: F::ONE,
        z: F::ZERO,
    };

    /// Whether this is the identity.
    pub fn is_identity(&self) -> bool {
        self.z.is_zero()
    }

    /// `2 · self` (dbl-2009-l, for `a = 0`).
    #[inline(never)]
    pub fn double(&self) -> Jacobian<F> {
        if self.is_identity() {
            return *self;
        }
        let a = self.x.square();
        let b = self.y.square();
        let c = b.square();
        let d = self.x.add(&b).square().sub(&a).sub(&c).double();
        let e = a.double().add(&a);
        let f = e.square();
        let x3 = f.sub(&d.double());
        let c8 = c.double().double().double();
        let y3 = e.mul(&d.sub(&x3)).sub(&c8);
        let z3 = self.y.mul(&self.z).double();
        Jacobian {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    /// `self + rhs` (add-2007-bl), with the doubling and inverse cases handled.
    #[inline(never)]
    pub fn add(&self, rhs: &Jacobian<F>) -> Jacobian<F> {
        if self.is_identity() {
            return *rhs;
        }
        if rhs.is_identity() {
            return *self;
        }
        let z1z1 = self.z.square();
        let z2z2 = rhs.z.square();
        let u1 = self.x.mul(&z2z2);
        let u2 = rhs.x.mul(&z1z1);
        let s1 = self.y.mul(&rhs.z).mul(&z2z2);
        let s2 = rhs.y.mul(&self.z).mul(&z1z1);
        let h = u2.sub(&u1);
        if h.is_zero() {
            return if s1.equals(&s2) {
                self.double()
            } else {
                Jacobian::IDENTITY
            };
        }
        let i = h.double().square();
        let j = h.mul(&i);
        let rr = s2.sub(&s1).double();
        let v = u1.mul(&i);
        let x3 = rr.square().sub(&j).sub(&v.double());
        let y3 = rr.mul(&v.sub(&x3)).sub(&s1.mul(&j).double());
        let z3 = self.z.add(&rhs.z).square().sub(&z1z1).sub(&z2z2).mul(&h);
        Jacobian {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    /// `self + q` for affine `q` (madd-2007-bl: `Z2 = 1` saves four products).
    #[inline(never)]
    pub fn add_affine(&self, q: &Affine<F>) -> Jacobian<F> {
        if q.infinity {
            return *self;
        }
        if self.is_identity() {
            return q.to_jacobian();
        }
        let z1z1 = self.z.square();
        let u2 = q.x.mul(&z1z1);
        let s2 = q.y.mul(&self.z).mul(&z1z1);
        let h = u2.sub(&self.x);
        if h.is_zero() {
            return if s2.equals(&self.y) {
                self.double()
            } else {
                Jacobian::IDENTITY
            };
        }
        let hh = h.square();
        let i = hh.double().double();
        let j = h.mul(&i);
        let rr = s2.sub(&self.y).double();
        let v = self.x.mul(&i);
        let x3 = rr.square().sub(&j).sub(&v.double());
        let y3 = rr.mul(&v.sub(&x3)).sub(&self.y.mul(&j).double());
        let z3 = self.z.add(&h).square().sub(&z1z1).sub(&hh);
        Jacobian {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    /// `-self`.
    pub fn neg(&self) -> Jacobian<F> {
        Jacobian {
            x: self.x,
            y: self.y.neg(),
            z: self.z,
        }
    }

    /// `k · self` for a little-endian scalar of at most four words (width-4 NAF: about one
    /// addition per five bits, with the odd multiples `P, 3P, 5P, 7P` precomputed).
    pub fn mul_words(&self, k: &[u64]) -> Jacobian<F> {
        let mut digits = [0i8; WNAF_MAX_DIGITS];
        let len = wnaf4(k, &mut digits);
        let double = self.double();
        let mut table = [*self; 4];
        for i in 1..4 {
            table[i] = table[i - 1].add(&double);
        }
        let mut acc = Jacobian::IDENTITY;
        for d in digits[..len].iter().rev() {
            acc = acc.double();
            if *d > 0 {
                acc = acc.add(&table[(*d as usize - 1) / 2]);
            } else if *d < 0 {
                acc = acc.add(&table[(-*d as usize - 1) / 2].neg());
            }
        }
        acc
    }

    /// `Σ kᵢ·Pᵢ` for affine points and little-endian scalars of `words` 64-bit words each
    /// (Straus with one shared doubling chain: `64·words` doublings in all).
    pub fn multi_mul(points: &[Affine<F>], scalars: &[[u64; 4]], words: usize) -> Jacobian<F> {
        let mut acc = Jacobian::IDENTITY;
        for w in (0..words).rev() {
            for bit in (0..64).rev() {
                acc = acc.double();
                for (p, k) in points.iter().zip(scalars.iter()) {
                    if (k[w] >> bit) & 1 == 1 {
                        acc = acc.add_affine(p);
                    }
                }
            }
        }
        acc
    }

    /// `Σ kᵢ·Pᵢ` for affine points and scalars below `2^256` (Straus with width-4 NAF digits):
    /// per [`STRAUS_CHUNK`] points one chain of about 256 doublings, and about one mixed
    /// addition per five bits of each scalar, from tables of `Pᵢ, 3Pᵢ, 5Pᵢ, 7Pᵢ` made affine
    /// with one shared inversion. [`Self::multi_mul`] adds once per set bit (one per two bits):
    /// for 254-bit scalars 2.5 times the additions.
    pub fn multi_mul_wnaf(points: &[Affine<F>], scalars: &[[u64; 4]]) -> Jacobian<F> {
        assert!(scalars.len() == points.len());
        let mut acc = Jacobian::IDENTITY;
        for (p, k) in points
            .chunks(STRAUS_CHUNK)
            .zip(scalars.chunks(STRAUS_CHUNK))
        {
            acc = acc.add(&Self::straus_chunk(p, k));
        }
        acc
    }

    /// [`Self::multi_mul_wnaf`] for at most [`STRAUS_CHUNK`] points.
    #[inline(never)]
    fn straus_chunk(points: &[Affine<F>], scalars: &[[u64; 4]]) -> Jacobian<F> {
        let n = points.len();
        let mut table = [Affine::IDENTITY; 4 * STRAUS_CHUNK];
        Self::odd_multiples(points, &mut table[..4 * n]);
        let mut digits = [[0i8; WNAF_MAX_DIGITS]; STRAUS_CHUNK];
        let mut len = 0;
        for (k, d) in scalars.iter().zip(digits.iter_mut()) {
            len = len.max(wnaf4(k, d));
        }
        Self::straus_sum(&table[..4 * n], &digits[..n], len)
    }

    /// `Σ kᵢ·Pᵢ` for scalars below `2^128` from precomputed tables `Pᵢ, 3Pᵢ, 5Pᵢ, 7Pᵢ` (four
    /// entries per scalar, as [`Self::odd_multiples_table`] writes them): one chain of at most
    /// 129 doublings per [`STRAUS_HALF_CHUNK`] scalars and about one mixed addition per five bits
    /// of each. A fixed point's 254-bit scalar `k = k_lo + 2^128·k_hi` is two such terms, on
    /// `P` and on `[2^128]P`: the tables of both (made once, for a verifying key's `IC`) halve
    /// the doublings of [`Self::multi_mul_wnaf`] and skip its table building.
    pub fn multi_mul_wnaf_tables(tables: &[Affine<F>], scalars: &[[u64; 2]]) -> Jacobian<F> {
        assert!(tables.len() == 4 * scalars.len());
        let mut acc = Jacobian::IDENTITY;
        for (t, k) in tables
            .chunks(4 * STRAUS_HALF_CHUNK)
            .zip(scalars.chunks(STRAUS_HALF_CHUNK))
        {
            acc = acc.add(&Self::straus_half_chunk(t, k));
        }
        acc
    }

    /// [`Self::multi_mul_wnaf_tables`] for at most [`STRAUS_HALF_CHUNK`] scalars.
    #[inline(never)]
    fn straus_half_chunk(tables: &[Affine<F>], scalars: &[[u64; 2]]) -> Jacobian<F> {
        let mut digits = [[0i8; WNAF_MAX_DIGITS]; STRAUS_HALF_CHUNK];
        let mut len = 0;
        for (k, d) in scalars.iter().zip(digits.iter_mut()) {
            len = len.max(wnaf4(k, d));
        }
        Self::straus_sum(tables, &digits[..scalars.len()], len)
    }

    /// `Σ Σ_pos dᵢ[pos]·2^pos·Pᵢ` from the digits and the tables of odd multiples (one shared
    /// doubling chain of `len` steps).
    fn straus_sum(
        table: &[Affine<F>],
        digits: &[[i8; WNAF_MAX_DIGITS]],
        len: usize,
    ) -> Jacobian<F> {
        let mut acc = Jacobian::IDENTITY;
        for pos in (0..len).rev() {
            acc = acc.double();
            for (d, multiples) in digits.iter().zip(table.chunks(4)) {
                let d = d[pos];
                if d > 0 {
                    acc = acc.add_affine(&multiples[(d as usize - 1) / 2]);
                } else if d < 0 {
                    acc = acc.add_affine(&multiples[(-d as usize - 1) / 2].neg());
                }
            }
        }
        acc
    }

    /// `P, 3P, 5P, 7P` of each point into `table` (four entries per point, affine), for
    /// [`Self::multi_mul_wnaf_tables`].
    pub fn odd_multiples_table(points: &[Affine<F>], table: &mut [Affine<F>]) {
        assert!(table.len() == 4 * points.len());
        for (p, t) in points
            .chunks(STRAUS_CHUNK)
            .zip(table.chunks_mut(4 * STRAUS_CHUNK))
        {
            Self::odd_multiples(p, t);
        }
    }

    /// `P, 3P, 5P, 7P` of each point into `table` (four entries per point, at most
    /// [`STRAUS_CHUNK`] points), affine with one shared inversion.
    #[inline(never)]
    fn odd_multiples(points: &[Affine<F>], table: &mut [Affine<F>]) {
        let mut odd = [Jacobian::IDENTITY; 4 * STRAUS_CHUNK];
        for (p, multiples) in points.iter().zip(odd.chunks_mut(4)) {
            let p = p.to_jacobian();
            let double = p.double();
            multiples[0] = p;
            for k in 1..4 {
                multiples[k] = multiples[k - 1].add(&double);
            }
        }
        let mut scratch = [F::ZERO; 4 * STRAUS_CHUNK];
        let n = table.len();
        Self::batch_to_affine(&odd[..n], &mut scratch[..n], table);
    }

    /// The affine point (one inversion).
    pub fn to_affine(&self) -> Affine<F> {
        if self.is_identity() {
            return Affine::IDENTITY;
        }
        let zinv = self.z.invert();
        let zinv2 = zinv.square();
        Affine {
            x: self.x.mul(&zinv2),
            y: self.y.mul(&zinv2).mul(&zinv),
            infinity: false,
        }
    }

    /// The affine forms of `points` into `out` with one shared inversion (Montgomery's trick);
    /// `scratch` holds the prefix products. All three slices must have the same length.
    pub fn batch_to_affine(points: &[Jacobian<F>], scratch: &mut [F], out: &mut [Affine<F>]) {
        assert!(scratch.len() == points.len() && out.len() == points.len());
        // The identity (z = 0) is left out of the product.
        let mut acc = F::ONE;
        for (p, s) in points.iter().zip(scratch.iter_mut()) {
            *s = acc;
            if !p.is_identity() {
                acc = acc.mul(&p.z);
            }
        }
        let mut inv = acc.invert();
        for i in (0..points.len()).rev() {
            let p = &points[i];
            if p.is_identity() {
                out[i] = Affine::IDENTITY;
                continue;
            }
            let zinv = inv.mul(&scratch[i]);
            inv = inv.mul(&p.z);
            let zinv2 = zinv.square();
            out[i] = Affine {
                x: p.x.mul(&zinv2),
                y: p.y.mul(&zinv2).mul(&zinv),
                infinity: false,
            };
        }
    }

    /// Equality of points (cross-multiplied, no inversion).
    pub fn equals(&self, other: &Jacobian<F>) -> bool {
        if self.is_identity() || other.is_identity() {
            return self.is_identity() == other.is_identity();
        }
        let z1z1 = self.z.square();
        let z2z2 = other.z.square();
        self.x.mul(&z2z2).equals(&other.x.mul(&z1z1))
            && self
                .y
                .mul(&z2z2.mul(&other.z))
                .equals(&other.y.mul(&z1z1.mul(&self.z)))
    }
}

/// Points per doubling chain of [`Jacobian::multi_mul_wnaf`] (its tables live on the stack; a
/// Groth16 key's `IC` has up to 65 points, the sensor circuit's 7).
pub const STRAUS_CHUNK: usize = 8;

/// Scalars per doubling chain of [`Jacobian::multi_mul_wnaf_tables`] (two per input of a
/// Groth16 key: the sensor circuit's 6 inputs share one chain).
pub const STRAUS_HALF_CHUNK: usize = 16;

/// Most digits of a width-4 NAF of a scalar below `2^256`.
const WNAF_MAX_DIGITS: usize = 257;

/// Width-4 NAF of a little-endian scalar (at most four words): digits in `{0, ±1, ±3, ±5, ±7}`,
/// least significant first, `k = Σ dᵢ·2ⁱ`, every nonzero digit followed by at least three zeros.
/// Returns the number of digits written.
fn wnaf4(k: &[u64], digits: &mut [i8; WNAF_MAX_DIGITS]) -> usize {
    // A fifth word absorbs the carry of a negative digit at the top.
    let mut w = [0u64; 5];
    w[..k.len()].copy_from_slice(k);
    let mut len = 0;
    while w.iter().any(|x| *x != 0) {
        let mut d = 0i8;
        if w[0] & 1 == 1 {
            d = (w[0] & 15) as i8;
            if d > 8 {
                d -= 16;
            }
            // w -= d, so that w becomes divisible by 16.
            if d > 0 {
                let mut borrow = d as u64;
                for x in w.iter_mut() {
                    let (v, b) = x.overflowing_sub(borrow);
                    *x = v;
                    borrow = b as u64;
                }
            } else {
                let mut carry = (-d) as u64;
                for x in w.iter_mut() {
                    let (v, c) = x.overflowing_add(carry);
                    *x = v;
                    carry = c as u64;
                }
            }
        }
        digits[len] = d;
        len += 1;
        for i in 0..4 {
            w[i] = (w[i] >> 1) | (w[i + 1] << 63);
        }
        w[4] >>= 1;
    }
    len
}

/// The generator of `G1`: `(1, 2)` (EIP-196).
pub fn g1_generator() -> G1Affine {
    Affine {
        x: Fp::ONE,
        y: Fp::from_u64(2),
        infinity: false,
    }
}

/// The generator of `G2` (EIP-197).
pub fn g2_generator() -> G2Affine {
    let fp = |hex: &[u8; 32]| Fp::from_bytes_be(hex).expect("generator coordinate below p");
    Affine {
        x: Fp2::new(fp(&G2_GEN[0]), fp(&G2_GEN[1])),
        y: Fp2::new(fp(&G2_GEN[2]), fp(&G2_GEN[3])),
        infinity: false,
    }
}

/// Coordinates of the `G2` generator, big-endian: x.c0, x.c1, y.c0, y.c1 (EIP-197).
const G2_GEN: [[u8; 32]; 4] = [
    *b"\x18\x00\xde\xef\x12\x1f\x1e\x76\x42\x6a\x00\x66\x5e\x5c\x44\x79\x67\x43\x22\xd4\xf7\x5e\xda\xdd\x46\xde\xbd\x5c\xd9\x92\xf6\xed",
    *b"\x19\x8e\x93\x93\x92\x0d\x48\x3a\x72\x60\xbf\xb7\x31\xfb\x5d\x25\xf1\xaa\x49\x33\x35\xa9\xe7\x12\x97\xe4\x85\xb7\xae\xf3\x12\xc2",
    *b"\x12\xc8\x5e\xa5\xdb\x8c\x6d\xeb\x4a\xab\x71\x80\x8d\xcb\x40\x8f\xe3\xd1\xe7\x69\x0c\x43\xd3\x7b\x4c\xe6\xcc\x01\x66\xfa\x7d\xaa",
    *b"\x09\x06\x89\xd0\x58\x5f\xf0\x75\xec\x9e\x99\xad\x69\x0c\x33\x95\xbc\x4b\x31\x33\x70\xb3\x8e\xf3\x55\xac\xda\xdc\xd1\x22\x97\x5b",
];

/// Decodes a `G1` point: `x ‖ y`, 32 bytes big-endian each; all zero is the identity.
pub fn g1_from_bytes(bytes: &[u8; 64]) -> Result<G1Affine, DecodeError> {
    if bytes.iter().all(|b| *b == 0) {
        return Ok(Affine::IDENTITY);
    }
    let x = fp_from(&bytes[0..32])?;
    let y = fp_from(&bytes[32..64])?;
    let p = Affine {
        x,
        y,
        infinity: false,
    };
    if p.is_on_curve() {
        Ok(p)
    } else {
        Err(DecodeError::NotOnCurve)
    }
}

/// Decodes a `G2` point: `x.c1 ‖ x.c0 ‖ y.c1 ‖ y.c0` (EIP-197 order, imaginary part first);
/// all zero is the identity. Checks the twist equation and membership in the order-`r` subgroup.
pub fn g2_from_bytes(bytes: &[u8; 128]) -> Result<G2Affine, DecodeError> {
    let q = g2_on_twist_from_bytes(bytes)?;
    if !g2_in_subgroup(&q) {
        return Err(DecodeError::NotInSubgroup);
    }
    Ok(q)
}

/// [`g2_from_bytes`] without the subgroup check: a point of the twist (or the identity). For
/// callers that check membership another way, e.g. with the Miller loop's own multiple of the
/// point ([`crate::pairing::LineGeneratorSlot::subgroup_check_from_loop`]).
pub fn g2_on_twist_from_bytes(bytes: &[u8; 128]) -> Result<G2Affine, DecodeError> {
    if bytes.iter().all(|b| *b == 0) {
        return Ok(Affine::IDENTITY);
    }
    let x1 = fp_from(&bytes[0..32])?;
    let x0 = fp_from(&bytes[32..64])?;
    let y1 = fp_from(&bytes[64..96])?;
    let y0 = fp_from(&bytes[96..128])?;
    let q = Affine {
        x: Fp2::new(x0, x1),
        y: Fp2::new(y0, y1),
        infinity: false,
    };
    if !q.is_on_curve() {
        return Err(DecodeError::NotOnCurve);
    }
    Ok(q)
}

/// Encodes a `G1` point (inverse of [`g1_from_bytes`]).
pub fn g1_to_bytes(p: &G1Affine) -> [u8; 64] {
    let mut out = [0u8; 64];
    if !p.infinity {
        out[0..32].copy_from_slice(&p.x.to_bytes_be());
        out[32..64].copy_from_slice(&p.y.to_bytes_be());
    }
    out
}

/// Encodes a `G2` point (inverse of [`g2_from_bytes`]).
pub fn g2_to_bytes(q: &G2Affine) -> [u8; 128] {
    let mut out = [0u8; 128];
    if !q.infinity {
        out[0..32].copy_from_slice(&q.x.c1.to_bytes_be());
        out[32..64].copy_from_slice(&q.x.c0.to_bytes_be());
        out[64..96].copy_from_slice(&q.y.c1.to_bytes_be());
        out[96..128].copy_from_slice(&q.y.c0.to_bytes_be());
    }
    out
}

fn fp_from(bytes: &[u8]) -> Result<Fp, DecodeError> {
    let mut b = [0u8; 32];
    b.copy_from_slice(bytes);
    Fp::from_bytes_be(&b).ok_or(DecodeError::NotCanonical)
}

/// The twisted Frobenius endomorphism `ψ(x, y) = (x̄·ξ^((p-1)/3), ȳ·ξ^((p-1)/2))` of the twist
/// (untwist, `p`-power Frobenius, twist), in Jacobian coordinates (`Z` is conjugated too).
pub fn psi(q: &G2Jacobian) -> G2Jacobian {
    Jacobian {
        x: q.x.conjugate().mul(&XI_P_MINUS_1_OVER_3),
        y: q.y.conjugate().mul(&XI_P_MINUS_1_OVER_2),
        z: q.z.conjugate(),
    }
}

/// Whether a point of the twist lies in `G2`:
/// `[x+1]Q + ψ([x]Q) + ψ²([x]Q) = ψ³([2x]Q)` (El Housni, Guillevic and Piellard, "Co-factor
/// clearing and subgroup membership testing on pairing-friendly curves", 2022), one 63-bit
/// scalar multiplication.
///
/// Why this suffices: `ψ` satisfies `ψ² - tψ + p = 0` on `E'(Fp2)` (trace `t = 6x² + 1`), so the
/// tested endomorphism `φ = (x+1) + xψ + xψ² - 2xψ³` reduces to `a + bψ` with
/// `a = x + 1 - xp + 2xtp`, `b = x + xt - 2xt² + 2xp`. Its kernel has order dividing its degree
/// `N = a² + abt + b²p`, and the points of `E'(Fp2)` it kills form a group whose order divides
/// `gcd(N, #E'(Fp2)) = gcd(N, r·(2p - r)) = r` (checked by `gen_constants.py` and the tests), so
/// they lie in `G2`. Conversely `ψ` acts on `G2` as `[6x²]` (`6x² = p - r`), and
/// `a + b·6x² ≡ 0 (mod r)`, so every point of `G2` passes (also checked in `gen_constants.py`).
pub fn g2_in_subgroup(q: &G2Affine) -> bool {
    if q.infinity {
        return true;
    }
    let j = q.to_jacobian();
    let xq = j.mul_words(&[BN_X]);
    let psi_xq = psi(&xq);
    let lhs = xq.add(&j).add(&psi_xq).add(&psi(&psi_xq));
    let rhs = psi(&psi(&psi(&xq.double())));
    lhs.equals(&rhs)
}

/// `ψ(Q) = [6x²]Q`: the slower (127-bit) membership test, kept as the tests' reference.
/// `ψ² - tψ + p = 0` and `λ = 6x²` give `λ² - tλ + p = p - 6x² = r`: any `Q` with `ψ(Q) = [λ]Q`
/// has order dividing `r`.
#[cfg(test)]
pub(crate) fn g2_in_subgroup_by_eigenvalue(q: &G2Affine) -> bool {
    if q.infinity {
        return true;
    }
    let j = q.to_jacobian();
    psi(&j).equals(&j.mul_words(&SIX_X_SQUARED))
}

/// `β`, a primitive cube root of unity in `Fp`, big-endian: `φ(x, y) = (βx, y)` is an
/// endomorphism of `E` that acts on `G1` as `[λ]` (Gallant, Lambert and Vanstone, "Faster point
/// multiplication on elliptic curves with efficient endomorphisms", CRYPTO 2001; the BN254 values
/// are recomputed by the tests: `β³ = 1`, `λ² + λ + 1 = 0 (mod r)`, `φ(G) = [λ]G`).
/// `β = 2203960485148121921418603742825762020974279258880205651966`.
const GLV_BETA_BE: [u8; 32] = [
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x59, 0xe2, 0x6b, 0xce, 0xa0, 0xd4, 0x8b, 0xac,
    0xd4, 0xf2, 0x63, 0xf1, 0xac, 0xdb, 0x5c, 0x4f, 0x57, 0x63, 0x47, 0x31, 0x77, 0xff, 0xff, 0xfe,
];

/// `λ = 4407920970296243842393367215006156084916469457145843978461` (big-endian), the eigenvalue of
/// `φ` on `G1`: `φ(P) = [λ]P`.
pub const GLV_LAMBDA_BE: [u8; 32] = [
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xb3, 0xc4, 0xd7, 0x9d, 0x41, 0xa9, 0x17, 0x58,
    0x5b, 0xfc, 0x41, 0x08, 0x8d, 0x8d, 0xaa, 0xa7, 0x8b, 0x17, 0xea, 0x66, 0xb9, 0x9c, 0x90, 0xdd,
];

/// `β` as a field element.
pub fn glv_beta() -> Fp {
    Fp::from_bytes_be(&GLV_BETA_BE).expect("β < p")
}

/// `φ(P) = (βx, y) = [λ]P` for `P` in `G1`.
pub fn glv_endomorphism(p: &G1Affine, beta: &Fp) -> G1Affine {
    Affine {
        x: p.x.mul(beta),
        y: p.y,
        infinity: p.infinity,
    }
}

/// `(k1 + λ·k2)·P = k1·P + k2·φ(P)` for `P` in `G1` and 64-bit `k1`, `k2`: one chain of 64
/// doublings shared by both halves (Straus, width-4 NAF), where a 128-bit scalar would take 128.
/// The odd multiples of `φ(P)` are those of `P` with `X` times `β` (`φ` commutes with the group
/// law and `(X : Y : Z) -> (βX : Y : Z)` is `φ` in Jacobian coordinates).
pub fn g1_mul_glv(p: &G1Affine, k1: u64, k2: u64, beta: &Fp) -> G1Jacobian {
    let p = p.to_jacobian();
    let double = p.double();
    let mut table = [p; 4];
    for i in 1..4 {
        table[i] = table[i - 1].add(&double);
    }
    let mut table_phi = table;
    for t in table_phi.iter_mut() {
        t.x = t.x.mul(beta);
    }
    let mut d1 = [0i8; WNAF_MAX_DIGITS];
    let mut d2 = [0i8; WNAF_MAX_DIGITS];
    let len = wnaf4(&[k1], &mut d1).max(wnaf4(&[k2], &mut d2));
    let mut acc = Jacobian::IDENTITY;
    for pos in (0..len).rev() {
        acc = acc.double();
        for (d, t) in [(d1[pos], &table), (d2[pos], &table_phi)] {
            if d > 0 {
                acc = acc.add(&t[(d as usize - 1) / 2]);
            } else if d < 0 {
                acc = acc.add(&t[(-d as usize - 1) / 2].neg());
            }
        }
    }
    acc
}

/// The BN parameter `x` (EIP-197).
pub(crate) const BN_X: u64 = 4965661367192848881;
