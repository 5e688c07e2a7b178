//! The optimal ate pairing `e: G1 × G2 -> GT ⊂ Fp12` of BN254: a Miller loop over `6x + 2`
//! (in NAF) with the two Frobenius lines, then the final exponentiation `(p¹² - 1)/r`.
//!
//! Lines are computed on the twist in homogeneous projective coordinates (`x = X/Z`,
//! `y = Y/Z`) and evaluated at `P ∈ G1`. With the untwisting `(x', y') -> (x'·w², y'·w³)`, the
//! line through `T` with slope `λ'` on the twist, evaluated at `P = (xP, yP)`, is
//! `yP - λ'·xP·w + (λ'·xT - yT)·w³`; it is stored as three `Fp2` coefficients `(a, b, c)` of
//! `a·yP + b·xP·w + c·w³`, scaled by a nonzero `Fp2` factor (which the final exponentiation
//! removes, as it kills every element of a proper subfield).
//!
//! [`G2Prepared`] keeps the 88 lines of a fixed `Q` (verification keys), each divided by its `a`
//! (another such factor): evaluated at `P` and divided by `yP` as well, a prepared line is
//! `1 + b·(xP/yP)·w + c·(1/yP)·w³`, whose product with the accumulator takes 10 `Fp2`
//! products instead of 13 (plus 4 `Fp` products for either form).
//! [`multi_miller_loop`] shares one accumulator (one squaring per step) between all pairs.

use crate::constants::{ATE_LOOP_NAF, BN_X_WNAF4, FROB1, FROB2, TWIST_B3};
use crate::curve::{Affine, G1Affine, G2Affine};
use crate::fp::Fp;
use crate::fp12::Fp12;
use crate::fp2::Fp2;

/// Lines per Miller loop: 65 doublings, 21 additions for the nonzero NAF digits below the top,
/// and the two Frobenius additions.
pub const LINES: usize = 88;

/// A line `a·yP + b·xP·w + c·w³` (see the module docs).
#[derive(Copy, Clone, Debug)]
pub struct Line {
    /// Coefficient of `yP`.
    pub a: Fp2,
    /// Coefficient of `xP·w`.
    pub b: Fp2,
    /// Coefficient of `w³`.
    pub c: Fp2,
}

impl Line {
    const ZERO: Line = Line {
        a: Fp2::ZERO,
        b: Fp2::ZERO,
        c: Fp2::ZERO,
    };
}

/// A line of a prepared `Q` divided by its `a`: `yP + b·xP·w + c·w³` (see the module docs).
#[derive(Copy, Clone, Debug)]
pub struct PreparedLine {
    /// Coefficient of `xP·w`.
    pub b: Fp2,
    /// Coefficient of `w³`.
    pub c: Fp2,
}

impl PreparedLine {
    /// Placeholder value for buffers that are filled afterwards.
    pub const ZERO: PreparedLine = PreparedLine {
        b: Fp2::ZERO,
        c: Fp2::ZERO,
    };
}

/// A point of the twist in homogeneous projective coordinates (the Miller loop's `T`).
#[derive(Copy, Clone, Debug)]
pub struct G2Projective {
    x: Fp2,
    y: Fp2,
    z: Fp2,
}

impl G2Projective {
    /// Placeholder value for caller-provided work buffers.
    pub const ZERO: G2Projective = G2Projective {
        x: Fp2::ZERO,
        y: Fp2::ZERO,
        z: Fp2::ZERO,
    };

    fn from_affine(q: &G2Affine) -> G2Projective {
        G2Projective {
            x: q.x,
            y: q.y,
            z: Fp2::ONE,
        }
    }

    /// `T <- 2T`; returns the tangent at `T`.
    ///
    /// Tangent slope `λ' = 3X²/(2YZ)`; multiplying the line by `2YZ` and using
    /// `X³ = Y²Z - b'Z³` gives `(2YZ)·yP - 3X²·xP·w + (Y² - 3b'Z²)·w³`. The point formulas are
    /// those of Costello–Lange–Naehrig (Aranha et al., "The realm of the pairings", eq. 10)
    /// with every coordinate scaled by 4 to avoid halving.
    #[inline(never)]
    fn double_step(&mut self) -> Line {
        let (x, y, z) = (&self.x, &self.y, &self.z);
        let b = y.square();
        let c = z.square();
        let e = c.mul(&TWIST_B3); // 3b'Z²
        let f = e.double().add(&e); // 9b'Z²
        let h = y.add(z).square().sub_twice(&b, &c); // 2YZ
        let x_sq = x.square();
        let line = Line {
            a: h,
            b: x_sq.double().add(&x_sq).neg(),
            c: b.sub(&e),
        };
        // X3 = 2XY(B - F), Y3 = (B + F)² - 12E², Z3 = 4BH.
        let e_sq = e.square();
        let e_sq4 = e_sq.double().double();
        self.x = x.mul(y).double().mul(&b.sub(&f));
        self.y = b.add(&f).square().sub(&e_sq4.double().add(&e_sq4));
        self.z = b.mul(&h).double().double();
        line
    }

    /// `T <- T + Q` for affine `Q ≠ ±T`; returns the line through `T` and `Q`.
    ///
    /// With `θ = Y - yQ·Z` and `λ = X - xQ·Z` the slope is `θ/λ`; the line times `λ` is
    /// `λ·yP - θ·xP·w + (θ·xQ - λ·yQ)·w³` (Aranha et al., eq. 11, for the point).
    #[inline(never)]
    fn add_step(&mut self, q: &G2Affine) -> Line {
        let theta = self.y.sub(&q.y.mul(&self.z));
        let lambda = self.x.sub(&q.x.mul(&self.z));
        let c = theta.square();
        let d = lambda.square();
        let e = lambda.mul(&d);
        let f = self.z.mul(&c);
        let g = self.x.mul(&d);
        let h = e.add(&f).sub(&g.double());
        let line = Line {
            a: lambda,
            b: theta.neg(),
            c: theta.mul(&q.x).sub(&lambda.mul(&q.y)),
        };
        self.x = lambda.mul(&h);
        self.y = theta.mul(&g.sub(&h)).sub(&self.y.mul(&e));
        self.z = self.z.mul(&e);
        line
    }
}

/// `ψ(Q)` for affine `Q` (see `curve::psi`).
fn psi_affine(q: &G2Affine) -> G2Affine {
    Affine {
        x: q.x.conjugate().mul(&FROB1[1]),
        y: q.y.conjugate().mul(&FROB1[2]),
        infinity: q.infinity,
    }
}

/// `-ψ²(Q)`: `ψ²(x, y) = (x·ξ^((p²-1)/3), y·ξ^((p²-1)/2))`.
fn minus_psi2_affine(q: &G2Affine) -> G2Affine {
    Affine {
        x: q.x.mul(&FROB2[1]),
        y: q.y.mul(&FROB2[2]).neg(),
        infinity: q.infinity,
    }
}

/// Produces the 88 lines of `Q` in loop order, one call per line.
struct LineGenerator {
    t: G2Projective,
    q: G2Affine,
    minus_q: G2Affine,
    /// Affine mode: a prefix product (of the step's slope denominators in [`affine_fresh_step`],
    /// of the `yP` in `c0` in [`normalize_fresh`]).
    prefix: Fp2,
    /// Affine mode: `(xP/yP, 1/yP)` of the pair's `P`.
    eval: Evaluation,
    /// Whether every step so far used the group law's formulas on valid inputs (false after an
    /// affine step with a zero slope denominator, or when the pair was skipped): see
    /// [`LineGeneratorSlot::subgroup_check_from_loop`].
    exact: bool,
}

/// The line schedule: for each NAF digit below the top, a doubling then (if the digit is
/// nonzero) an addition; then the additions of `ψ(Q)` and `-ψ²(Q)`.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Step {
    Double,
    Add,
    Sub,
    AddPsi,
    SubPsi2,
}

/// Calls `f(step)` for every line of the loop, in order.
#[inline(always)]
fn for_each_step(mut f: impl FnMut(Step)) {
    for i in (0..ATE_LOOP_NAF.len() - 1).rev() {
        f(Step::Double);
        match ATE_LOOP_NAF[i] {
            1 => f(Step::Add),
            -1 => f(Step::Sub),
            _ => {}
        }
    }
    f(Step::AddPsi);
    f(Step::SubPsi2);
}

impl LineGenerator {
    fn new(q: &G2Affine) -> LineGenerator {
        LineGenerator {
            t: G2Projective::from_affine(q),
            q: *q,
            minus_q: q.neg(),
            prefix: Fp2::ZERO,
            eval: Evaluation {
                x: Fp::ZERO,
                y: Fp::ZERO,
            },
            exact: true,
        }
    }

    #[inline(never)]
    fn line(&mut self, step: Step) -> Line {
        match step {
            Step::Double => self.t.double_step(),
            Step::Add => self.t.add_step(&self.q),
            Step::Sub => self.t.add_step(&self.minus_q),
            Step::AddPsi => self.t.add_step(&psi_affine(&self.q)),
            Step::SubPsi2 => self.t.add_step(&minus_psi2_affine(&self.q)),
        }
    }
}

/// The Miller-loop lines of a fixed `Q ∈ G2`, normalized (about 12.4 KiB).
#[derive(Copy, Clone, Debug)]
pub struct G2Prepared {
    /// The lines in loop order.
    pub lines: [PreparedLine; LINES],
    /// Whether `Q` is the identity (then the pair contributes 1).
    pub infinity: bool,
}

impl G2Prepared {
    /// Computes the lines of `q`, each divided by its `a` (one shared inversion).
    ///
    /// `a` is `2YZ` for a tangent and `X - xQ·Z` for a chord, nonzero for every `Q ≠ O` of the
    /// prime-order `G2` (no point of order 2, and the schedule never adds `±T` to `T`). Were one
    /// zero, the shared inverse would be zero, every line zero, and every pairing check with
    /// this `Q` would fail: never a false accept.
    pub fn new(q: &G2Affine) -> G2Prepared {
        let mut prepared = G2Prepared {
            lines: [PreparedLine::ZERO; LINES],
            infinity: q.infinity,
        };
        if q.infinity {
            return prepared;
        }
        let mut lines = [Line::ZERO; LINES];
        let mut gen = LineGenerator::new(q);
        let mut k = 0;
        for_each_step(|step| {
            lines[k] = gen.line(step);
            k += 1;
        });
        // Batch inversion (Montgomery's trick): prefix products, one inversion, then peel the
        // inverses off from the back.
        let mut prefix = [Fp2::ONE; LINES];
        let mut acc = Fp2::ONE;
        for (p, line) in prefix.iter_mut().zip(lines.iter()) {
            *p = acc;
            acc = acc.mul(&line.a);
        }
        let mut inv = acc.invert(); // (a_0 ⋯ a_87)⁻¹
        for i in (0..LINES).rev() {
            let a_inv = inv.mul(&prefix[i]);
            inv = inv.mul(&lines[i].a);
            prepared.lines[i] = PreparedLine {
                b: lines[i].b.mul(&a_inv),
                c: lines[i].c.mul(&a_inv),
            };
        }
        prepared
    }
}

/// The affine coordinates of `P` that a line is evaluated at.
#[derive(Copy, Clone)]
struct Evaluation {
    x: Fp,
    y: Fp,
}

#[inline(never)]
fn apply(f: &Fp12, line: &Line, p: &Evaluation) -> Fp12 {
    f.mul_by_line(&line.a.mul_fp(&p.y), &line.b.mul_fp(&p.x), &line.c)
}

/// `f` times a prepared line at `P`, given `(xP/yP, 1/yP)` in `p`.
#[inline(never)]
fn apply_prepared(f: &Fp12, line: &PreparedLine, p: &Evaluation) -> Fp12 {
    f.mul_by_normalized_line(&line.b.mul_fp(&p.x), &line.c.mul_fp(&p.y))
}

/// `(xP/yP, 1/yP)` for up to [`NORMALIZE_CHUNK`] points at once (one shared inversion; `yP` is
/// never zero on `y² = x³ + 3` outside the identity, which callers skip).
fn normalize_points(points: &[G1Affine], out: &mut [Evaluation]) {
    if points.is_empty() {
        return; // no inversion for nothing (a pairing of fresh pairs only)
    }
    let mut prefix = [Fp::ONE; NORMALIZE_CHUNK];
    let mut acc = Fp::ONE;
    for (p, point) in prefix.iter_mut().zip(points.iter()) {
        *p = acc;
        acc = acc.mul(&point.y);
    }
    let mut inv = acc.invert();
    for i in (0..points.len()).rev() {
        let y_inv = inv.mul(&prefix[i]);
        inv = inv.mul(&points[i].y);
        out[i] = Evaluation {
            x: points[i].x.mul(&y_inv),
            y: y_inv,
        };
    }
}

/// Prepared pairs per shared inversion in [`multi_miller_loop`].
const NORMALIZE_CHUNK: usize = 4;

/// `Π fₚ,Q(P)` over the prepared pairs and the pairs whose lines are computed on the fly,
/// with one shared accumulator; pairs with an identity point contribute 1.
///
/// `work` must hold at least `fresh.len()` entries (the running points `T` of the fresh pairs).
/// The result still needs [`final_exponentiation`].
///
/// Prepared pairs are evaluated at normalized points, [`NORMALIZE_CHUNK`] pairs per shared
/// inversion. Up to that many share the loop (and its squarings) with the fresh pairs; further
/// chunks run loops of their own whose results are multiplied in: the result is a product of
/// line values, so grouping the pairs changes the cost only.
pub fn multi_miller_loop(
    prepared: &[(G1Affine, &G2Prepared)],
    fresh: &[(G1Affine, G2Affine)],
    work: &mut [LineGeneratorSlot],
) -> Fp12 {
    // Every fresh pair needs its own slot: a short `work` would silently drop pairs.
    assert!(work.len() >= fresh.len(), "one work slot per fresh pair");
    for (slot, (p, q)) in work.iter_mut().zip(fresh.iter()) {
        slot.0 = LineGenerator::new(q);
        // A skipped pair's T never moves: its slot cannot tell G2 membership.
        slot.0.exact = !p.infinity;
    }
    let mut live = [0usize; NORMALIZE_CHUNK];
    let mut points = [G1Affine::IDENTITY; NORMALIZE_CHUNK];
    let mut evaluations = [Evaluation {
        x: Fp::ZERO,
        y: Fp::ZERO,
    }; NORMALIZE_CHUNK];
    let mut f = Fp12::ONE;
    let mut next = 0;
    let mut first_pass = true;
    while first_pass || next < prepared.len() {
        let mut n = 0;
        while next < prepared.len() && n < NORMALIZE_CHUNK {
            let (p, q) = &prepared[next];
            if !p.infinity && !q.infinity {
                live[n] = next;
                points[n] = *p;
                n += 1;
            }
            next += 1;
        }
        normalize_points(&points[..n], &mut evaluations[..n]);
        let fresh_here = if first_pass { fresh } else { &[] };
        let affine = fresh_here.len() >= AFFINE_MIN_FRESH;
        if affine {
            normalize_fresh(fresh_here, work);
        }
        let mut g = Fp12::ONE;
        let mut k = 0;
        let mut first_step = true;
        for_each_step(|step| {
            if step == Step::Double && !first_step {
                g = g.square();
            }
            first_step = false;
            for (index, eval) in live[..n].iter().zip(evaluations.iter()) {
                g = apply_prepared(&g, &prepared[*index].1.lines[k], eval);
            }
            if affine {
                g = affine_fresh_step(&g, step, fresh_here, work);
            } else {
                for ((p, q), slot) in fresh_here.iter().zip(work.iter_mut()) {
                    if !p.infinity && !q.infinity {
                        let line = slot.0.line(step);
                        g = apply(&g, &line, &Evaluation { x: p.x, y: p.y });
                    }
                }
            }
            k += 1;
        });
        f = if first_pass { g } else { f.mul(&g) };
        first_pass = false;
    }
    f
}

/// Fresh pairs from which [`multi_miller_loop`] keeps their `T` in affine coordinates, with one
/// `Fp2` inversion per step shared by all of them (Montgomery's trick), instead of projective.
/// Per pair and doubling step that is 8 `Fp2` products and squares instead of 10, and the line
/// comes out normalized (`1 + b·xP'·w + c·yP'·w³`, 10 `Fp2` products against the accumulator
/// instead of 13); the inversion pays off only over many pairs (measured natively: 3 % faster
/// per proof at 16 pairs, 10 % slower at 4).
pub const AFFINE_MIN_FRESH: usize = 16;

/// Affine mode: `T = Q` and `(xP/yP, 1/yP)` for every live fresh pair (one inversion for all
/// the `yP`).
#[inline(never)]
fn normalize_fresh(fresh: &[(G1Affine, G2Affine)], work: &mut [LineGeneratorSlot]) {
    let mut acc = Fp::ONE;
    for ((p, q), slot) in fresh.iter().zip(work.iter_mut()) {
        if !p.infinity && !q.infinity {
            slot.0.prefix = Fp2::new(acc, Fp::ZERO);
            acc = acc.mul(&p.y);
        }
    }
    let mut inv = acc.invert();
    for ((p, q), slot) in fresh.iter().zip(work.iter_mut()).rev() {
        if !p.infinity && !q.infinity {
            let y_inv = inv.mul(&slot.0.prefix.c0);
            inv = inv.mul(&p.y);
            slot.0.eval = Evaluation {
                x: p.x.mul(&y_inv),
                y: y_inv,
            };
        }
    }
}

/// The point `Q'` added to `T` at `step` (not for doublings).
fn added_point(gen: &LineGenerator, step: Step) -> G2Affine {
    match step {
        Step::Add | Step::Double => gen.q,
        Step::Sub => gen.minus_q,
        Step::AddPsi => psi_affine(&gen.q),
        Step::SubPsi2 => minus_psi2_affine(&gen.q),
    }
}

/// The denominator of the slope at `step`: `2yT` for a tangent, `xT - xQ'` for a chord.
fn slope_denominator(gen: &LineGenerator, step: Step) -> Fp2 {
    if step == Step::Double {
        gen.t.y.double()
    } else {
        gen.t.x.sub(&added_point(gen, step).x)
    }
}

/// One step of every live fresh pair in affine coordinates (`T = (t.x, t.y)`), lines applied to
/// `g`. Slope `λ = 3xT²/(2yT)` or `(yT - yQ')/(xT - xQ')`; `T' = (λ² - xT - xQ', λ(xT - xT') - yT)`;
/// the line through `T` is `yP - λ·xP·w + (λxT - yT)·w³` (the module docs' form with `a = 1`),
/// applied as a prepared line at `(xP/yP, 1/yP)`.
///
/// For points of the prime-order `G2` no denominator is zero (no point of order 2; the schedule
/// never adds `±T` to `T`, as for the projective lines). Were one zero, the shared inverse would
/// be zero and every line of the step wrong: the product check would fail (never a false
/// accept), and the batch verifier's fallback decides each proof alone.
#[inline(never)]
fn affine_fresh_step(
    g: &Fp12,
    step: Step,
    fresh: &[(G1Affine, G2Affine)],
    work: &mut [LineGeneratorSlot],
) -> Fp12 {
    let mut acc = Fp2::ONE;
    for ((p, q), slot) in fresh.iter().zip(work.iter_mut()) {
        if !p.infinity && !q.infinity {
            slot.0.prefix = acc;
            acc = acc.mul(&slope_denominator(&slot.0, step));
        }
    }
    if acc.is_zero() {
        // The group law's formulas did not apply this step: no slot's T is the multiple of
        // its Q any more (the lines are wrong too, see above).
        for slot in work.iter_mut().take(fresh.len()) {
            slot.0.exact = false;
        }
    }
    let mut inv = acc.invert();
    let mut g = *g;
    for ((p, q), slot) in fresh.iter().zip(work.iter_mut()).rev() {
        if p.infinity || q.infinity {
            continue;
        }
        let gen = &mut slot.0;
        let d_inv = inv.mul(&gen.prefix);
        inv = inv.mul(&slope_denominator(gen, step));
        let (x, y) = (gen.t.x, gen.t.y);
        let (lambda, x_added) = if step == Step::Double {
            let x_sq = x.square();
            (x_sq.double().add(&x_sq).mul(&d_inv), x)
        } else {
            let added = added_point(gen, step);
            (y.sub(&added.y).mul(&d_inv), added.x)
        };
        let x3 = lambda.square().sub(&x).sub(&x_added);
        gen.t.y = lambda.mul(&x.sub(&x3)).sub(&y);
        gen.t.x = x3;
        let line = PreparedLine {
            b: lambda.neg(),
            c: lambda.mul(&x).sub(&y),
        };
        g = apply_prepared(&g, &line, &gen.eval);
    }
    g
}

/// Working state of one on-the-fly pair of [`multi_miller_loop`] (written before use, so any
/// value, including all-zero bytes, is a valid initial state).
pub struct LineGeneratorSlot(LineGenerator);

impl LineGeneratorSlot {
    /// An unused slot.
    pub const EMPTY: LineGeneratorSlot = LineGeneratorSlot(LineGenerator {
        t: G2Projective::ZERO,
        q: Affine {
            x: Fp2::ZERO,
            y: Fp2::ZERO,
            infinity: false,
        },
        minus_q: Affine {
            x: Fp2::ZERO,
            y: Fp2::ZERO,
            infinity: false,
        },
        prefix: Fp2::ZERO,
        eval: Evaluation {
            x: Fp::ZERO,
            y: Fp::ZERO,
        },
        exact: false,
    });

    /// After [`multi_miller_loop`] over this slot's fresh pair `(P, Q)` (with `Q` on the twist
    /// `E'(Fp2)`): whether `Q ∈ G2`, decided from the loop's own running point, or `None` if
    /// the loop cannot tell (then use [`crate::curve::g2_in_subgroup`]).
    ///
    /// The loop leaves `T = [6x+2]Q + ψ(Q) - ψ²(Q)`, and the test is `T = -ψ³(Q)`, i.e. that
    /// `φ = (6x+2) + ψ - ψ² + ψ³` kills `Q`. Soundness, as for `curve::g2_in_subgroup`: with
    /// `ψ² = tψ - p` on `E'(Fp2)`, `φ = a + bψ` with `a = 6x + 2 + p - tp`,
    /// `b = 1 - t + t² - p`; its degree `N = a² + abt + b²p` has `gcd(N, #E'(Fp2)) =
    /// gcd(N, r·(2p - r)) = r` (checked by `gen_constants.py` and the tests), so every point of
    /// `E'(Fp2)` it kills lies in the order-`r` subgroup. Conversely `ψ` acts on `G2` as `[p]`
    /// and `6x + 2 + p - p² + p³ ≡ 0 (mod r)` (the optimal ate relation), so every `G2` point
    /// passes. The tests compare it with `g2_in_subgroup` on points in and outside `G2`.
    ///
    /// `T` is that multiple only if every step used the group law on valid inputs. Affine
    /// steps: a zero slope denominator is recorded (`exact`). Projective steps: a doubling with
    /// `Y = 0` or a chord with `X = xQ'·Z` (the only inputs where their formulas fail) sets
    /// `Z = 0`, and both formulas keep `Z = 0` from then on (`Z' = 4·Y²·2YZ`, `Z' = Z·λ³`), so a
    /// nonzero final `Z` means every step was valid.
    pub fn subgroup_check_from_loop(&self) -> Option<bool> {
        let gen = &self.0;
        if gen.q.infinity {
            return Some(true);
        }
        if !gen.exact || gen.t.z.is_zero() {
            return None;
        }
        let q3 = psi_affine(&psi_affine(&psi_affine(&gen.q)));
        let t = &gen.t;
        Some(t.x.equals(&q3.x.mul(&t.z)) && t.y.equals(&q3.y.neg().mul(&t.z)))
    }
}

/// `f^((p¹² - 1)/r)`.
///
/// Easy part `(p⁶ - 1)(p² + 1)`; hard part `(p⁴ - p² + 1)/r` with the addition chain of
/// Scott, Benger, Charlemagne, Dominguez Perez and Kachisa ("On the final exponentiation for
/// calculating pairings on ordinary elliptic curves", 2009), which raises to it through three
/// exponentiations by `x`: `y0·y1²·y2⁶·y3¹²·y4¹⁸·y5³⁰·y6³⁶`.
pub fn final_exponentiation(f: &Fp12) -> Fp12 {
    // Easy part. After it the value is in the cyclotomic subgroup: inverse = conjugate.
    let f1 = f.conjugate().mul(&f.invert());
    let f2 = f1.frobenius(2).mul(&f1);

    let fu = exp_by_x(&f2);
    let fu2 = exp_by_x(&fu);
    let fu3 = exp_by_x(&fu2);
    let y0 = f2.frobenius(1).mul(&f2.frobenius(2)).mul(&f2.frobenius(3));
    let y1 = f2.conjugate();
    let y2 = fu2.frobenius(2);
    let y3 = fu.frobenius(1).conjugate();
    let y4 = fu.mul(&fu2.frobenius(1)).conjugate();
    let y5 = fu2.conjugate();
    let y6 = fu3.mul(&fu3.frobenius(1)).conjugate();

    let mut t0 = y6.cyclotomic_square().mul(&y4).mul(&y5);
    let mut t1 = y3.mul(&y5).mul(&t0);
    t0 = t0.mul(&y2);
    t1 = t1.cyclotomic_square().mul(&t0);
    t1 = t1.cyclotomic_square();
    t0 = t1.mul(&y1);
    t1 = t1.mul(&y0);
    t0 = t0.cyclotomic_square();
    t0.mul(&t1)
}

/// `f^x` for `f` in the cyclotomic subgroup, over the width-4 non-adjacent form of `x`: 13
/// products with `f, f³, f⁵, f⁷` (3 products and a square to make them) instead of 23 over the
/// plain NAF or 27 over the binary digits. In the cyclotomic subgroup `f⁻ᵏ` is the conjugate of
/// `fᵏ`, so negative digits cost no more.
pub(crate) fn exp_by_x(f: &Fp12) -> Fp12 {
    let f2 = f.cyclotomic_square();
    let mut odd = [*f; 4];
    for i in 1..4 {
        odd[i] = odd[i - 1].mul(&f2);
    }
    // The top digit is 1: start from f and walk the digits below it.
    let mut r = *f;
    for digit in BN_X_WNAF4[..BN_X_WNAF4.len() - 1].iter().rev() {
        r = r.cyclotomic_square();
        if *digit > 0 {
            r = r.mul(&odd[(*digit as usize - 1) / 2]);
        } else if *digit < 0 {
            r = r.mul(&odd[(-*digit as usize - 1) / 2].conjugate());
        }
    }
    r
}

/// `e(P, Q)`.
pub fn pairing(p: &G1Affine, q: &G2Affine) -> Fp12 {
    let mut work = [LineGeneratorSlot::EMPTY];
    final_exponentiation(&multi_miller_loop(&[], &[(*p, *q)], &mut work))
}

/// Whether `Π e(Pᵢ, Qᵢ) = 1` (the EIP-197 check).
pub fn pairing_product_is_one(
    prepared: &[(G1Affine, &G2Prepared)],
    fresh: &[(G1Affine, G2Affine)],
    work: &mut [LineGeneratorSlot],
) -> bool {
    final_exponentiation(&multi_miller_loop(prepared, fresh, work)).is_one()
}
