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

use zkedge_curve25519::msm::vartime_multiscalar_mul;
use zkedge_curve25519::ristretto::RistrettoPoint;
use zkedge_curve25519::scalar::Scalar;

use crate::generators::{BulletproofGens, PedersenGens};
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

/// The scratch size, in scalars and in points, that a batch of `proofs` proofs needs.
pub const fn scratch_len(proofs: usize) -> usize {
    proofs * PREPARED_POINTS + 2 + 2 * MAX_GENERATORS
}

/// Caller-owned working memory for the combined multiscalar multiplication.
pub struct Scratch<'a> {
    /// At least [`scratch_len`] scalars.
    pub scalars: &'a mut [Scalar],
    /// At least [`scratch_len`] points.
    pub points: &'a mut [RistrettoPoint],
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
    let batch = Batch {
        bp_gens,
        pc_gens,
        proofs,
        weights,
    };
    batch.settle(0, proofs.len(), false, scratch, valid);
}

struct Batch<'a> {
    bp_gens: &'a BulletproofGens,
    pc_gens: &'a PedersenGens,
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
        scratch: &mut Scratch<'_>,
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
    fn check(&self, lo: usize, hi: usize, scratch: &mut Scratch<'_>) -> bool {
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
            accumulate_generator_scalars(proof, &rho, &mut g_acc, &mut h_acc);
        }

        for party in 0..max_m {
            for i in 0..max_n {
                scratch.scalars[len] = g_acc[party][i];
                scratch.points[len] = *self.bp_gens.G(party, i);
                scratch.scalars[len + 1] = h_acc[party][i];
                scratch.points[len + 1] = *self.bp_gens.H(party, i);
                len += 2;
            }
        }
        scratch.scalars[len] = b_acc;
        scratch.points[len] = self.pc_gens.B;
        scratch.scalars[len + 1] = b_blinding_acc;
        scratch.points[len + 1] = self.pc_gens.B_blinding;
        len += 2;

        vartime_multiscalar_mul(&scratch.scalars[..len], &scratch.points[..len]).is_identity()
    }
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
    g_acc: &mut [[Scalar; MAX_BITS]; MAX_PARTIES],
    h_acc: &mut [[Scalar; MAX_BITS]; MAX_PARTIES],
) {
    let nm = proof.n * proof.m;
    let mut s = [Scalar::ZERO; MAX_GENERATORS];
    proof.ipp.s_vector(&mut s[..nm]);

    let rho_z = rho * proof.z;
    let rho_a = rho * proof.a;
    let rho_b = rho * proof.b;
    let y_inv = proof.y.invert();
    let mut exp_y_inv = Scalar::ONE;
    let mut rho_z_block = rho * proof.z * proof.z; // ρ·z^{2+j}
    let mut k = 0;
    for party in 0..proof.m {
        let mut z_and_2 = rho_z_block; // ρ·z^{2+j}·2ⁱ
        for i in 0..proof.n {
            g_acc[party][i] -= rho_z + rho_a * s[k];
            h_acc[party][i] += rho_z + exp_y_inv * (z_and_2 - rho_b * s[nm - 1 - k]);
            exp_y_inv *= y_inv;
            z_and_2 = z_and_2 + z_and_2;
            k += 1;
        }
        rho_z_block *= proof.z;
    }
}
