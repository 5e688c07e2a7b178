//! Multiscalar multiplication `sum_i s_i P_i` without a heap.
//!
//! * [`vartime_multiscalar_mul`] (public scalars, the verifier): Straus' method with
//!   width-5 NAF digits and per-point tables of odd multiples for small inputs; Pippenger's
//!   bucket method with signed (Booth) digits for large ones. Straus works on fixed-size
//!   chunks whose tables live on the stack; Pippenger recomputes each scalar's digit per
//!   window from the scalar itself, so it needs only the buckets.
//! * [`vartime_multiscalar_mul_fixed`] (public scalars, points that never change, such as the
//!   Bulletproofs generators): each fixed point brings a [`FixedBaseTable`] of 64 odd multiples
//!   in affine form, made once, and gets width-8 NAF digits (about 28 additions of 7
//!   multiplications per 253-bit scalar, against 43 of 8 plus a table of 8 per call with
//!   width 5). The nonzero digits of all scalars are sorted by bit position into linked lists
//!   (caller-provided scratch), so the doubling chain visits only the additions it makes.
//!   Decoded points (`Z = 1`) are added to Pippenger's buckets with one multiplication less.
//! * [`ct_multiscalar_mul`] (secret scalars, the prover): Straus with fixed signed radix-16
//!   digits and constant-time table lookups; the sequence of operations and memory
//!   accesses depends only on the number of points.

use crate::edwards::{
    AffineNielsPoint, CompletedPoint, EdwardsPoint, ProjectiveNielsPoint, ProjectivePoint,
};
use crate::field::FieldElement;
use crate::ristretto::RistrettoPoint;
use crate::scalar::Scalar;

/// Points per Straus chunk: the tables of a chunk take `STRAUS_CHUNK * 8 * 160` bytes
/// of stack (80 KiB for 64), the digits `STRAUS_CHUNK * 256` bytes.
const STRAUS_CHUNK: usize = 64;

/// Below this many points Straus is faster than Pippenger (measured: natively the two
/// cross between 150 and 190 points, e.g. n = 128: Straus 2.14 ms, Pippenger w6 2.46 ms;
/// n = 190: Straus 3.65 ms, Pippenger w7 3.49 ms; under Chicory Pippenger did relatively
/// better still).
const PIPPENGER_THRESHOLD: usize = 160;

/// Largest Pippenger window: `2^(MAX_WINDOW - 1)` buckets of 160 bytes on the stack
/// (160 KiB for 11; the default wasm32 stack is 1 MiB).
const MAX_WINDOW: u32 = 11;

/// `sum_i scalars[i] * points[i]`, variable time (public inputs only).
///
/// # Panics
/// If the slices differ in length.
pub fn vartime_multiscalar_mul(scalars: &[Scalar], points: &[RistrettoPoint]) -> RistrettoPoint {
    assert_eq!(
        scalars.len(),
        points.len(),
        "vartime_multiscalar_mul: length mismatch"
    );
    let n = scalars.len();
    let r = if n < PIPPENGER_THRESHOLD {
        straus_vartime(scalars, points)
    } else {
        pippenger(scalars, points, pippenger_window(n))
    };
    RistrettoPoint(r)
}

/// `sum_i scalars[i] * points[i]`, constant time in the scalars and points.
///
/// # Panics
/// If the slices differ in length.
pub fn ct_multiscalar_mul(scalars: &[Scalar], points: &[RistrettoPoint]) -> RistrettoPoint {
    assert_eq!(
        scalars.len(),
        points.len(),
        "ct_multiscalar_mul: length mismatch"
    );
    let n = scalars.len();
    let r = if n <= 1 {
        straus_ct_chunk::<1>(scalars, points)
    } else if n <= 4 {
        straus_ct_chunk::<4>(scalars, points)
    } else {
        let mut acc = EdwardsPoint::IDENTITY;
        let mut start = 0;
        while start < n {
            let end = if n - start > STRAUS_CHUNK {
                start + STRAUS_CHUNK
            } else {
                n
            };
            let part = straus_ct_chunk::<STRAUS_CHUNK>(&scalars[start..end], &points[start..end]);
            acc.add_assign(&part);
            start = end;
        }
        acc
    };
    RistrettoPoint(r)
}

/// NAF width for points with a [`FixedBaseTable`]: digits in `(-128, 128)`, about one nonzero
/// digit per 9 bits, each added with 7 multiplications. (Width 7 halves the tables and their
/// set-up for about 12% more additions.)
pub const FIXED_NAF_WIDTH: u32 = 8;

/// Entries of a [`FixedBaseTable`]: `P, 3P, ..., 127P`.
const FIXED_TABLE_LEN: usize = 1 << (FIXED_NAF_WIDTH - 2);

/// Most nonzero digits of a width-`w` NAF of a scalar below `2^253` (positions 0..=253, any
/// two at least `w` apart).
const fn max_naf_digits(w: u32) -> usize {
    253 / w as usize + 1
}

/// Most variable points that [`vartime_multiscalar_mul_fixed`] handles in its Straus chain;
/// more go to Pippenger.
pub const MAX_STRAUS_VARIABLE: usize = 128;

/// The length of the `scratch` that [`vartime_multiscalar_mul_fixed`] needs for `fixed` fixed
/// points and `variable` variable ones.
pub const fn fixed_msm_scratch_len(fixed: usize, variable: usize) -> usize {
    let straus_variable = if variable <= MAX_STRAUS_VARIABLE {
        variable
    } else {
        0
    };
    fixed * max_naf_digits(FIXED_NAF_WIDTH) + straus_variable * max_naf_digits(5)
}

/// The odd multiples `P, 3P, ..., 127P` of a fixed point in affine cached form (7.5 KiB), for
/// width-8 NAF digits in [`vartime_multiscalar_mul_fixed`]. Making one costs about 64 point
/// additions and one field inversion; it pays off for a point used in many multiplications
/// (the generators of a proof system).
#[derive(Copy, Clone, Debug)]
pub struct FixedBaseTable([AffineNielsPoint; FIXED_TABLE_LEN]);

impl FixedBaseTable {
    /// A placeholder (every entry the identity), for arrays that are filled later.
    pub const PLACEHOLDER: FixedBaseTable =
        FixedBaseTable([AffineNielsPoint::IDENTITY; FIXED_TABLE_LEN]);

    /// The table of `point`.
    #[inline(never)]
    pub fn new(point: &RistrettoPoint) -> FixedBaseTable {
        let mut multiples = [EdwardsPoint::IDENTITY; FIXED_TABLE_LEN];
        Self::odd_multiples(&point.0, &mut multiples);
        let mut table = FixedBaseTable::PLACEHOLDER;
        table.normalize_from(&multiples);
        table
    }

    /// `multiples[k] = (2k + 1) P` in extended coordinates.
    #[inline(never)]
    fn odd_multiples(p: &EdwardsPoint, multiples: &mut [EdwardsPoint; FIXED_TABLE_LEN]) {
        let p2 = p.double().to_projective_niels();
        multiples[0] = *p;
        for k in 1..FIXED_TABLE_LEN {
            multiples[k] = multiples[k - 1].add_niels(&p2).to_extended();
        }
    }

    /// Fills the table with the affine cached forms of `multiples`.
    #[inline(never)]
    fn normalize_from(&mut self, multiples: &[EdwardsPoint; FIXED_TABLE_LEN]) {
        // One inversion for all Z (Montgomery's trick): prefix[k] = Z_0 ... Z_(k-1).
        let mut prefix = [FieldElement::ONE; FIXED_TABLE_LEN];
        let mut run = FieldElement::ONE;
        for k in 0..FIXED_TABLE_LEN {
            prefix[k] = run;
            run = run.mul(&multiples[k].Z);
        }
        let mut inv = run.invert(); // 1 / (Z_0 ... Z_k) for the k below
        let mut k = FIXED_TABLE_LEN;
        while k > 0 {
            k -= 1;
            let z_inv = inv.mul(&prefix[k]);
            inv = inv.mul(&multiples[k].Z);
            let x = multiples[k].X.mul(&z_inv);
            let y = multiples[k].Y.mul(&z_inv);
            self.0[k] = AffineNielsPoint {
                y_plus_x: y.add(&x), // 2 reduced
                y_minus_x: y.sub(&x),
                xy2d: x.mul(&y).mul(&crate::field::EDWARDS_D2),
            };
        }
    }
}

/// `sum_i fixed_scalars[i] * P_i + sum_j scalars[j] * points[j]`, variable time, where
/// `fixed_tables[i]` is the [`FixedBaseTable`] of `P_i`.
///
/// One doubling chain serves every fixed point (width-8 NAF, affine additions) and up to 128
/// variable points (width-5 NAF, as in Straus); beyond that the variable points go through
/// Pippenger's method. `scratch` holds the digits: at least [`fixed_msm_scratch_len`] words.
///
/// # Panics
/// If the slices differ in length or `scratch` is too short.
pub fn vartime_multiscalar_mul_fixed(
    fixed_scalars: &[Scalar],
    fixed_tables: &[&FixedBaseTable],
    scalars: &[Scalar],
    points: &[RistrettoPoint],
    scratch: &mut [u64],
) -> RistrettoPoint {
    assert_eq!(
        fixed_scalars.len(),
        fixed_tables.len(),
        "fixed: length mismatch"
    );
    assert_eq!(scalars.len(), points.len(), "variable: length mismatch");
    assert!(scratch.len() >= fixed_msm_scratch_len(fixed_tables.len(), points.len()));
    let n = points.len();
    let r = if n <= 32 {
        straus_fixed::<32>(fixed_scalars, fixed_tables, scalars, points, scratch)
    } else if n <= MAX_STRAUS_VARIABLE {
        straus_fixed::<MAX_STRAUS_VARIABLE>(fixed_scalars, fixed_tables, scalars, points, scratch)
    } else {
        let mut fixed = straus_fixed::<0>(fixed_scalars, fixed_tables, &[], &[], scratch);
        let variable = pippenger(scalars, points, pippenger_window(n));
        fixed.add_assign(&variable);
        fixed
    };
    RistrettoPoint(r)
}

/// Straus with per-position digit lists: `scratch` holds linked lists of the nonzero digits
/// at each bit position (`digit | point << 8 | (next + 1) << 32`), so the main loop visits
/// only the additions it makes. Points `0..fixed` are fixed, the rest variable.
#[inline(never)]
fn straus_fixed<const N: usize>(
    fixed_scalars: &[Scalar],
    fixed_tables: &[&FixedBaseTable],
    scalars: &[Scalar],
    points: &[RistrettoPoint],
    scratch: &mut [u64],
) -> EdwardsPoint {
    let fixed = fixed_scalars.len();
    let n = scalars.len();
    debug_assert!(n <= N);
    let mut head = [0u32; 256];
    let mut len = 0usize;
    let mut top = 0usize;
    for i in 0..fixed + n {
        let (scalar, w) = if i < fixed {
            (&fixed_scalars[i], FIXED_NAF_WIDTH)
        } else {
            (&scalars[i - fixed], 5)
        };
        scalar.for_each_naf_digit(w, |pos, d| {
            scratch[len] = (d as u8 as u64) | (i as u64) << 8 | (head[pos] as u64) << 32;
            len += 1;
            head[pos] = len as u32;
            if pos > top {
                top = pos;
            }
        });
    }
    let mut tables = [[ProjectiveNielsPoint::IDENTITY; 8]; N];
    for j in 0..n {
        odd_multiples(&points[j].0, &mut tables[j]);
    }
    let mut r = ProjectivePoint {
        X: FieldElement::ZERO,
        Y: FieldElement::ONE,
        Z: FieldElement::ONE,
    };
    let mut c = r.double();
    let mut e = EdwardsPoint::IDENTITY;
    let mut i = top + 1;
    while i > 0 {
        i -= 1;
        if i != top {
            r.double_into(&mut c);
        }
        let mut link = head[i];
        while link != 0 {
            let entry = scratch[link as usize - 1];
            link = (entry >> 32) as u32;
            let d = entry as u8 as i8;
            let point = ((entry >> 8) & 0xff_ffff) as usize;
            c.to_extended_into(&mut e);
            add_digit(&e, d, point, fixed_tables, &tables, fixed, &mut c);
        }
        if i == 0 {
            c.to_extended_into(&mut e);
        } else {
            c.to_projective_into(&mut r);
        }
    }
    e
}

/// `out = e + d * P`, with `P` the fixed point `point` or the variable point `point - fixed`.
#[inline(always)]
fn add_digit<const N: usize>(
    e: &EdwardsPoint,
    d: i8,
    point: usize,
    fixed_tables: &[&FixedBaseTable],
    tables: &[[ProjectiveNielsPoint; 8]; N],
    fixed: usize,
    out: &mut CompletedPoint,
) {
    if point < fixed {
        let table = &fixed_tables[point].0;
        if d > 0 {
            e.add_affine_niels_into(&table[(d / 2) as usize], out);
        } else {
            e.sub_affine_niels_into(&table[(-d / 2) as usize], out);
        }
    } else {
        let table = &tables[point - fixed];
        if d > 0 {
            e.add_niels_into(&table[(d / 2) as usize], out);
        } else {
            e.sub_niels_into(&table[(-d / 2) as usize], out);
        }
    }
}

/// Straus over chunks; small inputs use smaller stack tables.
fn straus_vartime(scalars: &[Scalar], points: &[RistrettoPoint]) -> EdwardsPoint {
    let n = scalars.len();
    if n <= 1 {
        return straus_vartime_chunk::<1>(scalars, points);
    }
    if n <= 4 {
        return straus_vartime_chunk::<4>(scalars, points);
    }
    let mut acc = EdwardsPoint::IDENTITY;
    let mut start = 0;
    while start < n {
        let end = if n - start > STRAUS_CHUNK {
            start + STRAUS_CHUNK
        } else {
            n
        };
        let part = straus_vartime_chunk::<STRAUS_CHUNK>(&scalars[start..end], &points[start..end]);
        acc.add_assign(&part);
        start = end;
    }
    acc
}

/// Straus for at most `N` points: width-5 NAF digits, tables `[P, 3P, ..., 15P]`.
#[inline(never)]
fn straus_vartime_chunk<const N: usize>(
    scalars: &[Scalar],
    points: &[RistrettoPoint],
) -> EdwardsPoint {
    let n = scalars.len();
    debug_assert!(n <= N);
    let mut tables = [[ProjectiveNielsPoint::IDENTITY; 8]; N];
    let mut nafs = [[0i8; 256]; N];
    let mut top = 0usize;
    for i in 0..n {
        scalars[i].non_adjacent_form_5(&mut nafs[i]);
        let mut j = 255;
        while j > top && nafs[i][j] == 0 {
            j -= 1;
        }
        if j > top {
            top = j;
        }
        odd_multiples(&points[i].0, &mut tables[i]);
    }
    // r: the accumulator between doublings; c: after a doubling or addition; e: c in
    // extended coordinates before an addition. All updated in place.
    let mut r = ProjectivePoint {
        X: FieldElement::ZERO,
        Y: FieldElement::ONE,
        Z: FieldElement::ONE,
    };
    let mut c = r.double();
    let mut e = EdwardsPoint::IDENTITY;
    let mut i = top + 1;
    while i > 0 {
        i -= 1;
        if i != top {
            r.double_into(&mut c);
        }
        for j in 0..n {
            let d = nafs[j][i];
            if d > 0 {
                c.to_extended_into(&mut e);
                e.add_niels_into(&tables[j][(d / 2) as usize], &mut c);
            } else if d < 0 {
                c.to_extended_into(&mut e);
                e.sub_niels_into(&tables[j][(-d / 2) as usize], &mut c);
            }
        }
        if i == 0 {
            c.to_extended_into(&mut e);
        } else {
            c.to_projective_into(&mut r);
        }
    }
    e
}

/// Pippenger window width for `n` points.
///
/// Chosen from measurements of this code (native x86-64, min of 6-20 alternating runs, times
/// in ms for Straus / best windows): n = 190: 3.65 / w7 3.49; 256: w7; 512: w8 7.8 (w7 8.0);
/// 1024: w8 13.7, w9 14.0; 2048: w9-w10 25.1; 4096: w10 45.3, w11 44.4; 9000: w10 94.9,
/// w11 87.0. Relative timings under Chicory agreed within their (large) noise.
fn pippenger_window(n: usize) -> u32 {
    if n < 450 {
        7
    } else if n < 1200 {
        8
    } else if n < 2500 {
        9
    } else if n < 6000 {
        10
    } else {
        11
    }
}

/// Pippenger's bucket method with signed window-`w` digits (`2 <= w <= MAX_WINDOW`).
///
/// For each window `j` from the top: `total = 2^w total + sum_b b * B_b` where bucket `B_b`
/// collects the points whose digit is `+-b`; the bucket sum is the running-sum trick
/// (`2^w` additions). Digits are recomputed per window from the scalars (Booth recoding
/// needs only the bit below the window), so nothing per point is stored.
#[inline(never)]
fn pippenger(scalars: &[Scalar], points: &[RistrettoPoint], w: u32) -> EdwardsPoint {
    const B: usize = 1 << (MAX_WINDOW - 1);
    let nb = 1usize << (w - 1);
    let mut buckets = [EdwardsPoint::IDENTITY; B];
    let mut filled = [false; B];
    let windows = (254 + w as usize - 1) / w as usize;
    let mut total = EdwardsPoint::IDENTITY;
    let mut running = EdwardsPoint::IDENTITY;
    let mut sum = EdwardsPoint::IDENTITY;
    let mut j = windows;
    while j > 0 {
        j -= 1;
        if j + 1 != windows {
            total.mul_by_pow2_assign(w);
        }
        for f in filled[..nb].iter_mut() {
            *f = false;
        }
        for (s, p) in scalars.iter().zip(points.iter()) {
            let d = s.signed_digit(j, w);
            // Decoded points have Z = 1: their additions save a multiplication.
            if d > 0 {
                let b = (d - 1) as usize;
                if !filled[b] {
                    buckets[b] = p.0;
                    filled[b] = true;
                } else if p.0.z_is_one_vartime() {
                    buckets[b].add_z1_assign(&p.0);
                } else {
                    buckets[b].add_assign(&p.0);
                }
            } else if d < 0 {
                let b = (-d - 1) as usize;
                if filled[b] {
                    if p.0.z_is_one_vartime() {
                        buckets[b].sub_z1_assign(&p.0);
                    } else {
                        buckets[b].sub_assign(&p.0);
                    }
                } else {
                    buckets[b] = p.0.neg();
                    filled[b] = true;
                }
            }
        }
        // sum_b (b + 1) B_b = sum over b from the top of the running sum.
        let mut running_set = false;
        let mut sum_set = false;
        let mut b = nb;
        while b > 0 {
            b -= 1;
            if filled[b] {
                if running_set {
                    running.add_assign(&buckets[b]);
                } else {
                    running = buckets[b];
                    running_set = true;
                }
            }
            if running_set {
                if sum_set {
                    sum.add_assign(&running);
                } else {
                    sum = running;
                    sum_set = true;
                }
            }
        }
        if sum_set {
            total.add_assign(&sum);
        }
    }
    total
}

/// `table = [P, 3P, 5P, ..., 15P]` in cached form.
#[inline(never)]
fn odd_multiples(p: &EdwardsPoint, table: &mut [ProjectiveNielsPoint; 8]) {
    let p2 = p.double();
    table[0] = p.to_projective_niels();
    for k in 1..8 {
        let e = p2.add_niels(&table[k - 1]).to_extended();
        table[k] = e.to_projective_niels();
    }
}

/// `table = [P, 2P, ..., 8P]` in cached form (constant time).
#[inline(never)]
fn small_multiples(p: &EdwardsPoint, table: &mut [ProjectiveNielsPoint; 8]) {
    table[0] = p.to_projective_niels();
    for k in 1..8 {
        let e = p.add_niels(&table[k - 1]).to_extended();
        table[k] = e.to_projective_niels();
    }
}

/// Constant-time Straus for at most `N` points: signed radix-16 digits in `[-8, 8]`,
/// tables `[P, 2P, ..., 8P]`, every table entry read for every lookup.
#[inline(never)]
fn straus_ct_chunk<const N: usize>(scalars: &[Scalar], points: &[RistrettoPoint]) -> EdwardsPoint {
    let n = scalars.len();
    debug_assert!(n <= N);
    let mut tables = [[ProjectiveNielsPoint::IDENTITY; 8]; N];
    let mut digits = [[0i8; 64]; N];
    for i in 0..n {
        for k in 0..64 {
            digits[i][k] = scalars[i].signed_digit(k, 4) as i8;
        }
        small_multiples(&points[i].0, &mut tables[i]);
    }
    let mut q = EdwardsPoint::IDENTITY;
    // Scratch for the completed sum; this initial value is overwritten before use.
    let mut c = q.to_projective().double();
    let mut t = ProjectiveNielsPoint::IDENTITY;
    let mut k = 64;
    while k > 0 {
        k -= 1;
        if k != 63 {
            q.mul_by_pow2_assign(4);
        }
        for i in 0..n {
            select_ct(&tables[i], digits[i][k], &mut t);
            q.add_niels_into(&t, &mut c);
            c.to_extended_into(&mut q);
        }
    }
    q
}

/// `d * P` from `table = [P, ..., 8P]` for `d in [-8, 8]`, reading every entry.
#[inline(never)]
fn select_ct(table: &[ProjectiveNielsPoint; 8], d: i8, t: &mut ProjectiveNielsPoint) {
    let neg = ((d as u8) >> 7) & 1;
    // |d| without branches: (d ^ m) - m with m = 0 or -1.
    let m = 0u8.wrapping_sub(neg);
    let abs = ((d as u8) ^ m).wrapping_sub(m);
    // Start from `identity` or `table[0]`, field by field (assigning a whole constant point
    // would be a 160-byte memcpy call on wasm32).
    let c = ct_eq_u8(abs, 1);
    let (one, zero) = (&FieldElement::ONE, &FieldElement::ZERO);
    t.Y_plus_X = FieldElement::conditional_select(one, &table[0].Y_plus_X, c);
    t.Y_minus_X = FieldElement::conditional_select(one, &table[0].Y_minus_X, c);
    t.Z = FieldElement::conditional_select(one, &table[0].Z, c);
    t.T2d = FieldElement::conditional_select(zero, &table[0].T2d, c);
    for k in 1..8 {
        t.conditional_assign(&table[k], ct_eq_u8(abs, (k + 1) as u8));
    }
    t.conditional_negate(neg);
}

/// 1 if `a == b`, else 0, without branches.
#[inline(always)]
fn ct_eq_u8(a: u8, b: u8) -> u8 {
    let x = (a ^ b) as u32;
    (((x | x.wrapping_neg()) >> 31) ^ 1) as u8
}

/// Straus on all points (test access).
#[cfg(test)]
pub(crate) fn straus_for_tests(scalars: &[Scalar], points: &[RistrettoPoint]) -> EdwardsPoint {
    straus_vartime(scalars, points)
}

/// Pippenger with a chosen window (test access).
#[cfg(test)]
pub(crate) fn pippenger_for_tests(
    scalars: &[Scalar],
    points: &[RistrettoPoint],
    w: u32,
) -> EdwardsPoint {
    pippenger(scalars, points, w)
}
