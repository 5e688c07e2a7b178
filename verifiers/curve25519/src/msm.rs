//! Multiscalar multiplication `sum_i s_i P_i` without a heap.
//!
//! * [`vartime_multiscalar_mul`] (public scalars, the verifier): Straus' method with
//!   width-5 NAF digits and per-point tables of odd multiples for small inputs; Pippenger's
//!   bucket method with signed (Booth) digits for large ones. Straus works on fixed-size
//!   chunks whose tables live on the stack; Pippenger recomputes each scalar's digit per
//!   window from the scalar itself, so it needs only the buckets.
//! * [`ct_multiscalar_mul`] (secret scalars, the prover): Straus with fixed signed radix-16
//!   digits and constant-time table lookups; the sequence of operations and memory
//!   accesses depends only on the number of points.

use crate::edwards::{EdwardsPoint, ProjectiveNielsPoint, ProjectivePoint};
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
            if d > 0 {
                let b = (d - 1) as usize;
                if filled[b] {
                    buckets[b].add_assign(&p.0);
                } else {
                    buckets[b] = p.0;
                    filled[b] = true;
                }
            } else if d < 0 {
                let b = (-d - 1) as usize;
                if filled[b] {
                    buckets[b].sub_assign(&p.0);
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
