//! Batch verification of proofs of one key.
//!
//! With random nonzero weights `ρⱼ` (from the host's seed), the `n` equations
//! `e(Aⱼ, Bⱼ) = e(α, β)·e(vk_xⱼ, γ)·e(Cⱼ, δ)` are combined into
//!
//! ```text
//! Π e(ρⱼ·Aⱼ, Bⱼ) · e(-(Σρⱼ)·α, β) · e(-Σρⱼ·vk_xⱼ, γ) · e(-Σρⱼ·Cⱼ, δ) = 1
//! ```
//!
//! `n + 3` Miller loops and one final exponentiation. `Σρⱼ·vk_xⱼ` is computed as
//! `(Σρⱼ)·IC₀ + Σᵢ (Σⱼ ρⱼ·pubᵢⱼ)·ICᵢ`: the input scalars are summed in `Fr` first, so the
//! public-input work does not grow with `n`. If some equation fails, the combination fails
//! except with probability about `2⁻¹²⁸` over the weights; then the batch is split in halves
//! until each proof is checked alone by [`check_proof`], so every answer equals the
//! single-proof answer. A batch of one is a single verification.
//!
//! Proofs may come decoded without `B`'s subgroup check
//! ([`Proof::from_bytes_deferring_subgroup_check`]): the combined check also requires every
//! `Bⱼ`'s running point of the shared Miller loop to end at `-ψ³(Bⱼ)`, which holds exactly when
//! `Bⱼ ∈ G2` (`LineGeneratorSlot::subgroup_check_from_loop`); a batch where some slot fails or
//! cannot tell is split like a failing one, and a single proof then gets its own check
//! (MALFORMED if `B ∉ G2`).
//!
//! Each weight is `ρⱼ = ρ1ⱼ + λ·ρ2ⱼ mod r` for two random 64-bit halves, with `λ` the eigenvalue
//! of the `G1` endomorphism `φ(x, y) = (βx, y)` (GLV), so that `ρⱼ·Aⱼ = ρ1ⱼ·Aⱼ + ρ2ⱼ·φ(Aⱼ)` and
//! `Σρⱼ·Cⱼ = Σ ρ1ⱼ·Cⱼ + ρ2ⱼ·φ(Cⱼ)` need 64 doublings instead of 128. The map
//! `(ρ1, ρ2) -> ρ1 + λρ2 mod r` is injective on 64-bit halves: a collision would be a nonzero
//! `(d1, d2)` with `|d1|, |d2| < 2^64` and `d1 + λd2 ≡ 0 (mod r)`, but the shortest nonzero
//! vector of that lattice has Euclidean length about `2^126.8` (Gauss-reduced basis
//! `(-9931322734385697763, 147946756881789319000765030803803410728)` and its rotation, computed
//! from `λ` and `r`). So each `ρⱼ` still takes `2^128 - 1` distinct nonzero values with equal
//! probability, and a false accept has probability about `2⁻¹²⁸` as with 128-bit integers.

use zkedge_bn254::curve::{g1_mul_glv, glv_beta, glv_endomorphism, GLV_LAMBDA_BE};
use zkedge_bn254::{
    final_exponentiation, multi_miller_loop, Fp, Fr, G1Affine, G1Jacobian, G2Affine,
    LineGeneratorSlot,
};
use zkedge_transcript::sha3::Shake256;

use crate::encoding::{Proof, PublicInputs, MAX_PUBLIC_INPUTS};
use crate::key::PreparedKey;
use crate::verify::{check_proof, Verdict};

/// Most proofs in one batch.
pub const MAX_BATCH: usize = 256;

/// Domain separator of the weight stream.
pub const WEIGHT_DOMAIN: &[u8] = b"zkedge.groth16-batch-weights.v2";

/// Working memory of one batch (about 0.8 MiB). All-zero bytes are not needed: use
/// [`BatchBuffers::new`] (or, in Wasm static memory, write it once before use).
pub struct BatchBuffers {
    weights: [[u64; 4]; MAX_BATCH],
    pairs: [(G1Affine, G2Affine); MAX_BATCH],
    slots: [LineGeneratorSlot; MAX_BATCH],
    c_points: [G1Affine; 2 * MAX_BATCH],
    c_scalars: [[u64; 4]; 2 * MAX_BATCH],
    weighted_a: [G1Jacobian; MAX_BATCH],
    weighted_a_affine: [G1Affine; MAX_BATCH],
    scratch: [Fp; MAX_BATCH],
}

impl BatchBuffers {
    /// Empty buffers.
    pub const fn new() -> BatchBuffers {
        BatchBuffers {
            weights: [[0; 4]; MAX_BATCH],
            pairs: [(G1Affine::IDENTITY, G2Affine::IDENTITY); MAX_BATCH],
            slots: [LineGeneratorSlot::EMPTY; MAX_BATCH],
            c_points: [G1Affine::IDENTITY; 2 * MAX_BATCH],
            c_scalars: [[0; 4]; 2 * MAX_BATCH],
            weighted_a: [G1Jacobian::IDENTITY; MAX_BATCH],
            weighted_a_affine: [G1Affine::IDENTITY; MAX_BATCH],
            scratch: [Fp::ZERO; MAX_BATCH],
        }
    }
}

impl Default for BatchBuffers {
    fn default() -> Self {
        Self::new()
    }
}

/// Verifies `proofs[k]` against `inputs[k]` for every `k`, writing `verdicts[k]`: the verdict
/// of [`check_proof`] (MALFORMED only for a `B` outside `G2`).
///
/// Every input must have `key.n_public` entries (as [`PublicInputs::from_bytes`] ensures);
/// `proofs.len() <= MAX_BATCH`. `seed` (32 bytes from the host's `SecureRandom`) derives the
/// weights; the answers do not depend on it.
pub fn verify_batch(
    key: &PreparedKey,
    proofs: &[Proof],
    inputs: &[PublicInputs],
    seed: &[u8; 32],
    buffers: &mut BatchBuffers,
    verdicts: &mut [Verdict],
) {
    let n = proofs.len();
    assert!(n <= MAX_BATCH && inputs.len() == n && verdicts.len() >= n);
    derive_weights(seed, &mut buffers.weights[..n]);
    check_range(key, proofs, inputs, 0, n, buffers, verdicts);
}

/// Checks `[lo, hi)`: combined if it holds, else bisected down to single verifications.
fn check_range(
    key: &PreparedKey,
    proofs: &[Proof],
    inputs: &[PublicInputs],
    lo: usize,
    hi: usize,
    buffers: &mut BatchBuffers,
    verdicts: &mut [Verdict],
) {
    if hi - lo == 0 {
        return;
    }
    if hi - lo == 1 {
        verdicts[lo] = check_proof(key, &proofs[lo], &inputs[lo]);
        return;
    }
    if combined_check(key, &proofs[lo..hi], &inputs[lo..hi], lo, buffers) {
        for v in verdicts[lo..hi].iter_mut() {
            *v = Verdict::Valid;
        }
        return;
    }
    let mid = lo + (hi - lo) / 2;
    check_range(key, proofs, inputs, lo, mid, buffers, verdicts);
    check_range(key, proofs, inputs, mid, hi, buffers, verdicts);
}

/// The combined equation (module docs) for `proofs`, whose weights start at `buffers.weights[first]`,
/// and every `B`'s membership in `G2` read off the shared Miller loop.
fn combined_check(
    key: &PreparedKey,
    proofs: &[Proof],
    inputs: &[PublicInputs],
    first: usize,
    buffers: &mut BatchBuffers,
) -> bool {
    let n = proofs.len();
    if proofs.iter().any(|p| p.has_identity())
        || inputs.iter().any(|i| i.as_slice().len() != key.n_public)
    {
        return false;
    }
    // Σρⱼ and Σⱼ ρⱼ·pubᵢⱼ in Fr.
    let lambda = Fr::from_bytes_be(&GLV_LAMBDA_BE).expect("λ < r");
    let mut weight_sum = Fr::ZERO;
    let mut input_sums = [Fr::ZERO; MAX_PUBLIC_INPUTS];
    for j in 0..n {
        let rho = fr_from_weight(&buffers.weights[first + j], &lambda);
        weight_sum = weight_sum.add(&rho);
        for (sum, x) in input_sums.iter_mut().zip(inputs[j].as_slice()) {
            *sum = sum.add(&rho.mul(x));
        }
    }
    // -(Σρ)·α, -Σρ·vk_x, -Σρ·C.
    let mut scalars = [[0u64; 4]; MAX_PUBLIC_INPUTS + 1];
    scalars[0] = weight_sum.to_words();
    for i in 0..key.n_public {
        scalars[i + 1] = input_sums[i].to_words();
    }
    let vk_x =
        G1Jacobian::multi_mul_wnaf(&key.ic[..key.n_public + 1], &scalars[..key.n_public + 1]);
    let alpha = key.alpha.to_jacobian().mul_words(&scalars[0]);
    // Σ ρ1ⱼ·Cⱼ + ρ2ⱼ·φ(Cⱼ): 2n points with 64-bit scalars.
    let beta = glv_beta();
    for j in 0..n {
        let w = &buffers.weights[first + j];
        buffers.c_points[2 * j] = proofs[j].c;
        buffers.c_points[2 * j + 1] = glv_endomorphism(&proofs[j].c, &beta);
        buffers.c_scalars[2 * j] = [w[0], 0, 0, 0];
        buffers.c_scalars[2 * j + 1] = [w[1], 0, 0, 0];
    }
    let c_sum = G1Jacobian::multi_mul(&buffers.c_points[..2 * n], &buffers.c_scalars[..2 * n], 1);
    weighted_pairs(proofs, first, &beta, buffers);
    let f = multi_miller_loop(
        &[
            (alpha.to_affine().neg(), &key.beta),
            (vk_x.to_affine().neg(), &key.gamma),
            (c_sum.to_affine().neg(), &key.delta),
        ],
        &buffers.pairs[..n],
        &mut buffers.slots[..n],
    );
    let all_in_g2 = buffers.slots[..n]
        .iter()
        .all(|slot| slot.subgroup_check_from_loop() == Some(true));
    all_in_g2 && final_exponentiation(&f).is_one()
}

/// `buffers.pairs[j] = (ρⱼ·Aⱼ, Bⱼ)`, made affine with one inversion for all of them. Out of
/// line to keep `combined_check` well below the JVM's 8000-byte compilation limit under Chicory.
#[inline(never)]
fn weighted_pairs(proofs: &[Proof], first: usize, beta: &Fp, buffers: &mut BatchBuffers) {
    let n = proofs.len();
    for j in 0..n {
        let w = &buffers.weights[first + j];
        buffers.weighted_a[j] = g1_mul_glv(&proofs[j].a, w[0], w[1], beta);
    }
    G1Jacobian::batch_to_affine(
        &buffers.weighted_a[..n],
        &mut buffers.scratch[..n],
        &mut buffers.weighted_a_affine[..n],
    );
    for j in 0..n {
        buffers.pairs[j] = (buffers.weighted_a_affine[j], proofs[j].b);
    }
}

/// Fills `weights` with the halves `[ρ1, ρ2, 0, 0]` of nonzero weights `ρ1 + λρ2` (module docs)
/// from SHAKE256(`u32 LE len(domain)` ‖ domain ‖ seed), 16 bytes each (`ρ1` then `ρ2`,
/// little-endian); `ρ1 = ρ2 = 0` is skipped.
pub fn derive_weights(seed: &[u8; 32], weights: &mut [[u64; 4]]) {
    let mut shake = Shake256::new();
    shake.update(&(WEIGHT_DOMAIN.len() as u32).to_le_bytes());
    shake.update(WEIGHT_DOMAIN);
    shake.update(seed);
    let mut reader = shake.finalize_xof();
    for w in weights.iter_mut() {
        loop {
            let mut b = [0u8; 16];
            reader.read(&mut b);
            let mut lo = [0u8; 8];
            let mut hi = [0u8; 8];
            lo.copy_from_slice(&b[..8]);
            hi.copy_from_slice(&b[8..]);
            *w = [u64::from_le_bytes(lo), u64::from_le_bytes(hi), 0, 0];
            if w[0] != 0 || w[1] != 0 {
                break;
            }
        }
    }
}

/// The weight `ρ1 + λ·ρ2` as an element of `Fr`.
fn fr_from_weight(w: &[u64; 4], lambda: &Fr) -> Fr {
    Fr::from_u64(w[1]).mul(lambda).add(&Fr::from_u64(w[0]))
}
