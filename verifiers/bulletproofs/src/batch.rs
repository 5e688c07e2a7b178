//! Verification of many range proofs with one multiscalar multiplication.
//!
//! Each proof's verification equation (dalek's "mega check") is already a random combination,
//! with weight c, of its two equations (the t(x) check and the inner-product check). A batch
//! multiplies proof k's whole equation by a second random weight ρₖ and adds them up; the
//! generators B, B̃, G and H are shared, so their scalars are summed and each appears once. With
//! weights unknown to the prover, the sum is the identity only if every equation is, except with
//! probability about 2⁻²⁵².
//!
//! When the sum is not the identity, the batch is split in halves until every proof has its own
//! verdict, so a batch answer always equals the single-verification answer (DESIGN invariant 7).
//! Both weights of proof k are drawn from a host-supplied seed ([`crate::random`]).
//!
//! Cost: the fixed generators use precomputed tables ([`VerifierTables`], made on first use and
//! kept by the caller), so a single proof's check costs about 28 affine additions per generator
//! instead of about 43 projective ones plus a per-call table. The proofs' own points (A, S,
//! T_1, T_2, L, R, V) share that doubling chain up to 128 points and go through Pippenger's
//! method beyond.

use zkedge_curve25519::msm::{
    fixed_msm_scratch_len, vartime_multiscalar_mul_fixed, FixedBaseTable, MAX_STRAUS_VARIABLE,
};
use zkedge_curve25519::ristretto::RistrettoPoint;
use zkedge_curve25519::scalar::Scalar;

use crate::generators::{BulletproofGens, PedersenGens};
use crate::inner_product::IppChallenges;
use crate::random::{ScalarStream, BATCH_DOMAIN};
use crate::range_proof::{delta, PreparedRangeProof, PREPARED_POINTS};
use crate::{MAX_BITS, MAX_GENERATORS, MAX_PARTIES};

/// The two random weights of one proof in a batch.
#[derive(Copy, Clone, Debug)]
pub struct BatchWeights {
    /// c: combines the proof's two equations (dalek draws it per verification).
    pub c: Scalar,
    /// ρ: weights the proof's equation within the batch.
    pub rho: Scalar,
}

impl BatchWeights {
    /// Draws `out.len()` pairs of nonzero weights from `seed`.
    pub fn derive(seed: &[u8; 32], out: &mut [BatchWeights]) {
        let mut stream = ScalarStream::new(BATCH_DOMAIN, seed);
        for weights in out.iter_mut() {
            weights.c = stream.next_nonzero_scalar();
            weights.rho = stream.next_nonzero_scalar();
        }
    }

    /// A placeholder for buffers; never used as a real weight.
    pub const UNSET: BatchWeights = BatchWeights {
        c: Scalar::ZERO,
        rho: Scalar::ZERO,
    };
}

/// The scratch size, in scalars and in points, that a batch of `proofs` proofs needs: each
/// proof's own terms, and one inverse per proof.
pub const fn scratch_len(proofs: usize) -> usize {
    proofs * (PREPARED_POINTS + 1)
}

/// The fixed points of the combined check: every G and H generator, B and B̃.
const FIXED_POINTS: usize = 2 * MAX_GENERATORS + 2;

/// The length of [`Scratch::digits`] (enough for any batch).
pub const DIGITS_LEN: usize = fixed_msm_scratch_len(FIXED_POINTS, MAX_STRAUS_VARIABLE);

/// Caller-owned working memory for the combined multiscalar multiplication.
pub struct Scratch<'a> {
    /// At least [`scratch_len`] scalars.
    pub scalars: &'a mut [Scalar],
    /// At least [`scratch_len`] points.
    pub points: &'a mut [RistrettoPoint],
    /// At least [`DIGITS_LEN`] words.
    pub digits: &'a mut [u64],
    /// The generator tables, kept between calls.
    pub tables: &'a mut VerifierTables,
}

/// Precomputed [`FixedBaseTable`]s of the fixed generators (G, H, B, B̃), about 7.7 MiB when all
/// are made. Each is made the first time a proof needs it, so a verifier that only sees 8-bit
/// proofs of one value makes 18 of them.
///
/// Integers only: all-zero bytes are a valid, empty value (the Wasm module keeps one in zeroed
/// static memory; native callers allocate it zeroed).
pub struct VerifierTables {
    g: [[FixedBaseTable; MAX_BITS]; MAX_PARTIES],
    h: [[FixedBaseTable; MAX_BITS]; MAX_PARTIES],
    b: FixedBaseTable,
    b_blinding: FixedBaseTable,
    /// How many generators of each party have their tables (a prefix).
    ready: [usize; MAX_PARTIES],
    base_ready: bool,
}

impl VerifierTables {
    /// Makes the tables for the first `n` generators of the first `m` parties, and of B, B̃.
    #[inline(never)]
    fn ensure(&mut self, bp_gens: &BulletproofGens, pc_gens: &PedersenGens, n: usize, m: usize) {
        if !self.base_ready {
            self.b = FixedBaseTable::new(&pc_gens.B);
            self.b_blinding = FixedBaseTable::new(&pc_gens.B_blinding);
            self.base_ready = true;
        }
        for party in 0..m {
            for i in self.ready[party]..n {
                self.g[party][i] = FixedBaseTable::new(bp_gens.G(party, i));
                self.h[party][i] = FixedBaseTable::new(bp_gens.H(party, i));
            }
            if n > self.ready[party] {
                self.ready[party] = n;
            }
        }
    }
}

/// Sets `valid[k]` to whether `proofs[k]` verifies, for every k.
///
/// # Panics
/// If the slices differ in length or `scratch` is smaller than [`scratch_len`]`(proofs.len())`.
pub fn verify_batch(
    bp_gens: &BulletproofGens,
    pc_gens: &PedersenGens,
    proofs: &[PreparedRangeProof],
    weights: &[BatchWeights],
    scratch: &mut Scratch<'_>,
    valid: &mut [bool],
) {
    assert!(proofs.len() == weights.len() && proofs.len() == valid.len());
    assert!(scratch.scalars.len() >= scratch_len(proofs.len()));
    assert!(scratch.points.len() >= scratch_len(proofs.len()));
    let (mut max_n, mut max_m) = (0, 0);
    for proof in proofs {
        max_n = max_n.max(proof.n);
        max_m = max_m.max(proof.m);
    }
    scratch.tables.ensure(bp_gens, pc_gens, max_n, max_m);
    // Every proof's y⁻¹ at once (Montgomery's trick: one inversion per batch, not per proof).
    let count = proofs.len();
    let (terms, y_inv) = scratch.scalars.split_at_mut(count * PREPARED_POINTS);
    let y_inv = &mut y_inv[..count];
    for (inverse, proof) in y_inv.iter_mut().zip(proofs) {
        *inverse = proof.y;
    }
    Scalar::batch_invert(y_inv, &mut terms[..count]);
    let batch = Batch {
        proofs,
        weights,
        y_inv,
        tables: &*scratch.tables,
    };
    let mut work = Work {
        scalars: terms,
        points: &mut *scratch.points,
        digits: &mut *scratch.digits,
    };
    batch.settle(0, count, false, &mut work, valid);
}

/// The working memory of [`Batch::check`].
struct Work<'a> {
    scalars: &'a mut [Scalar],
    points: &'a mut [RistrettoPoint],
    digits: &'a mut [u64],
}

struct Batch<'a> {
    /// yₖ⁻¹ of every proof.
    y_inv: &'a [Scalar],
    tables: &'a VerifierTables,
    proofs: &'a [PreparedRangeProof],
    weights: &'a [BatchWeights],
}

impl Batch<'_> {
    /// Gives every proof in `lo..hi` its verdict. `known_bad` says the range as a whole is
    /// already known to fail, which saves one check per split.
    fn settle(
        &self,
        lo: usize,
        hi: usize,
        known_bad: bool,
        scratch: &mut Work<'_>,
        valid: &mut [bool],
    ) {
        if lo == hi {
            return;
        }
        if !known_bad && self.check(lo, hi, scratch) {
            for v in &mut valid[lo..hi] {
                *v = true;
            }
            return;
        }
        if hi - lo == 1 {
            valid[lo] = false;
            return;
        }
        let mid = lo + (hi - lo) / 2;
        let left_ok = self.check(lo, mid, scratch);
        if left_ok {
            for v in &mut valid[lo..mid] {
                *v = true;
            }
            // The whole range failed and its left half passed: the right half fails.
            self.settle(mid, hi, true, scratch, valid);
        } else {
            self.settle(lo, mid, true, scratch, valid);
            self.settle(mid, hi, false, scratch, valid);
        }
    }

    /// Whether the weighted sum of the equations of proofs `lo..hi` is the identity.
    fn check(&self, lo: usize, hi: usize, scratch: &mut Work<'_>) -> bool {
        let mut g_acc = [[Scalar::ZERO; MAX_BITS]; MAX_PARTIES];
        let mut h_acc = [[Scalar::ZERO; MAX_BITS]; MAX_PARTIES];
        let mut b_acc = Scalar::ZERO;
        let mut b_blinding_acc = Scalar::ZERO;
        let (mut max_n, mut max_m) = (0, 0);
        let mut len = 0;

        for k in lo..hi {
            let proof = &self.proofs[k];
            let BatchWeights { c, rho } = self.weights[k];
            max_n = max_n.max(proof.n);
            max_m = max_m.max(proof.m);
            len += push_proof_terms(
                proof,
                &c,
                &rho,
                &mut scratch.scalars[len..],
                &mut scratch.points[len..],
            );
            let (b, b_blinding) = base_scalars(proof, &c, &rho);
            b_acc += b;
            b_blinding_acc += b_blinding;
            accumulate_generator_scalars(proof, &rho, &self.y_inv[k], &mut g_acc, &mut h_acc);
        }

        combined_msm(
            self.tables,
            (max_n, max_m),
            (&g_acc, &h_acc, &b_acc, &b_blinding_acc),
            &scratch.scalars[..len],
            &scratch.points[..len],
            &mut *scratch.digits,
        )
        .is_identity()
    }
}

/// The combined multiscalar multiplication: the accumulated generator scalars on their tables,
/// and the proofs' own points.
#[inline(never)]
#[allow(clippy::type_complexity)]
fn combined_msm(
    tables: &VerifierTables,
    (max_n, max_m): (usize, usize),
    (g_acc, h_acc, b_acc, b_blinding_acc): (
        &[[Scalar; MAX_BITS]; MAX_PARTIES],
        &[[Scalar; MAX_BITS]; MAX_PARTIES],
        &Scalar,
        &Scalar,
    ),
    scalars: &[Scalar],
    points: &[RistrettoPoint],
    digits: &mut [u64],
) -> RistrettoPoint {
    let mut fixed_scalars = [Scalar::ZERO; FIXED_POINTS];
    let mut fixed_tables = [&tables.b; FIXED_POINTS];
    let mut fixed = 0;
    for party in 0..max_m {
        for i in 0..max_n {
            fixed_scalars[fixed] = g_acc[party][i];
            fixed_tables[fixed] = &tables.g[party][i];
            fixed_scalars[fixed + 1] = h_acc[party][i];
            fixed_tables[fixed + 1] = &tables.h[party][i];
            fixed += 2;
        }
    }
    fixed_scalars[fixed] = *b_acc;
    fixed_tables[fixed] = &tables.b;
    fixed_scalars[fixed + 1] = *b_blinding_acc;
    fixed_tables[fixed + 1] = &tables.b_blinding;
    fixed += 2;

    vartime_multiscalar_mul_fixed(
        &fixed_scalars[..fixed],
        &fixed_tables[..fixed],
        scalars,
        points,
        digits,
    )
}

/// Writes this proof's own points and their weighted scalars (A, S, T_1, T_2, L_j, R_j, V_j);
/// returns how many.
#[inline(never)]
fn push_proof_terms(
    proof: &PreparedRangeProof,
    c: &Scalar,
    rho: &Scalar,
    scalars: &mut [Scalar],
    points: &mut [RistrettoPoint],
) -> usize {
    let (x, z) = (proof.x, proof.z);
    let rho_c = rho * c;
    let rounds = proof.ipp.rounds;
    scalars[0] = *rho;
    scalars[1] = rho * x;
    scalars[2] = rho_c * x;
    scalars[3] = rho_c * x * x;
    for j in 0..rounds {
        scalars[4 + j] = rho * proof.ipp.u_sq[j];
        scalars[4 + rounds + j] = rho * proof.ipp.u_inv_sq[j];
    }
    let mut v_scalar = rho_c * z * z;
    for j in 0..proof.m {
        scalars[4 + 2 * rounds + j] = v_scalar;
        v_scalar *= z;
    }
    let count = proof.point_count();
    points[..count].copy_from_slice(&proof.points[..count]);
    count
}

/// ρ times this proof's scalars of B and B̃:
/// (w·(t_x − a·b) + c·(δ(y, z) − t_x), −(ẽ + c·t̃_x)).
#[inline(never)]
fn base_scalars(proof: &PreparedRangeProof, c: &Scalar, rho: &Scalar) -> (Scalar, Scalar) {
    let b = rho
        * (proof.w * (proof.t_x - proof.a * proof.b)
            + c * (delta(proof.n, proof.m, &proof.y, &proof.z) - proof.t_x));
    let b_blinding = -(rho * (proof.e_blinding + c * proof.t_x_blinding));
    (b, b_blinding)
}

/// Adds ρ times this proof's G and H scalars into the shared accumulators:
/// gₖ = −z − a·sₖ and hₖ = z + y⁻ᵏ·(z^{2+j}·2ⁱ − b·s_{nm−1−k}), k = j·n + i.
#[inline(never)]
fn accumulate_generator_scalars(
    proof: &PreparedRangeProof,
    rho: &Scalar,
    y_inv: &Scalar,
    g_acc: &mut [[Scalar; MAX_BITS]; MAX_PARTIES],
    h_acc: &mut [[Scalar; MAX_BITS]; MAX_PARTIES],
) {
    let nm = proof.n * proof.m;
    // ρa·s and ρb·s, built directly: s is a product of challenges from s₀ on, so scaling s₀
    // scales the whole vector (2·nm multiplications instead of 3·nm).
    let mut a_s = [Scalar::ZERO; MAX_GENERATORS];
    let mut b_s = [Scalar::ZERO; MAX_GENERATORS];
    scaled_s_vector(&proof.ipp, &(rho * proof.a), &mut a_s[..nm]);
    scaled_s_vector(&proof.ipp, &(rho * proof.b), &mut b_s[..nm]);

    let rho_z = rho * proof.z;
    let mut exp_y_inv = Scalar::ONE;
    let mut rho_z_block = rho * proof.z * proof.z; // ρ·z^{2+j}
    let mut k = 0;
    for party in 0..proof.m {
        let mut z_and_2 = rho_z_block; // ρ·z^{2+j}·2ⁱ
        for i in 0..proof.n {
            g_acc[party][i] -= rho_z + a_s[k];
            h_acc[party][i] += rho_z + exp_y_inv * (z_and_2 - b_s[nm - 1 - k]);
            exp_y_inv *= y_inv;
            z_and_2 = z_and_2 + z_and_2;
            k += 1;
        }
        rho_z_block *= proof.z;
    }
}

/// `out[i] = factor · sᵢ` for the s vector of [`IppChallenges::s_vector`] (same recurrence,
/// started from factor · s₀).
fn scaled_s_vector(ipp: &IppChallenges, factor: &Scalar, out: &mut [Scalar]) {
    out[0] = factor * ipp.all_inv;
    for i in 1..out.len() {
        let lg_i = (usize::BITS - 1 - i.leading_zeros()) as usize;
        let k = 1usize << lg_i;
        out[i] = out[i - k] * ipp.u_sq[ipp.rounds - 1 - lg_i];
    }
}
