//! Single-proof verification.
//!
//! Groth16 accepts `(A, B, C)` for inputs `pub₁ … pubₙ` iff
//! `e(A, B) = e(α, β) · e(vk_x, γ) · e(C, δ)` with `vk_x = IC₀ + Σ pubᵢ·ICᵢ`.
//! It is checked as `e(A, B) · e(-vk_x, γ) · e(-C, δ) = e(α, β)`: one Miller loop with three
//! pairs (the lines of `γ` and `δ` are prepared) and one final exponentiation, compared with the
//! precomputed `e(α, β)`.
//!
//! `B`'s membership in `G2` is read off the same Miller loop: its running point ends at
//! `[6x+2]B + ψ(B) - ψ²(B)`, which equals `-ψ³(B)` exactly when `B ∈ G2`
//! (`LineGeneratorSlot::subgroup_check_from_loop`), so a proof decoded with
//! [`Proof::from_bytes_deferring_subgroup_check`] needs no scalar multiplication of `B`.

use zkedge_bn254::curve::g2_in_subgroup;
use zkedge_bn254::{
    final_exponentiation, multi_miller_loop, G1Affine, G1Jacobian, LineGeneratorSlot,
};

use crate::encoding::{Malformed, Proof, PublicInputs, MAX_PUBLIC_INPUTS, PROOF_LEN};
use crate::key::{PreparedKey, IC_TABLE_POINTS};

/// The answer for one proof.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The proof verifies for its public inputs.
    Valid,
    /// Well-formed, but the pairing check fails (or `A`, `B` or `C` is the identity).
    Invalid,
    /// The proof or its inputs do not decode.
    Malformed(Malformed),
}

/// `vk_x = IC₀ + Σ pubᵢ·ICᵢ`: each `pubᵢ = lo + 2^128·hi` as `lo·ICᵢ + hi·[2^128]ICᵢ` from the
/// key's precomputed tables (one shared chain of 128 doublings, width-4 NAF digits).
pub(crate) fn public_input_point(key: &PreparedKey, inputs: &PublicInputs) -> G1Jacobian {
    let n = inputs.as_slice().len();
    let mut halves = [[0u64; 2]; 2 * MAX_PUBLIC_INPUTS];
    for (h, x) in halves.chunks_mut(2).zip(inputs.as_slice()) {
        let w = x.to_words();
        h[0] = [w[0], w[1]];
        h[1] = [w[2], w[3]];
    }
    G1Jacobian::multi_mul_wnaf_tables(&key.ic_tables[..IC_TABLE_POINTS * n], &halves[..2 * n])
        .add_affine(&key.ic[0])
}

/// Verifies a decoded proof (`inputs` must have `key.n_public` entries: see
/// [`PublicInputs::from_bytes`]).
pub fn verify_proof(key: &PreparedKey, proof: &Proof, inputs: &PublicInputs) -> bool {
    check_proof(key, proof, inputs) == Verdict::Valid
}

/// The verdict for a decoded proof whose `B` may not have passed its subgroup check yet
/// ([`Proof::from_bytes_deferring_subgroup_check`]): MALFORMED (`NotInSubgroup`) if `B ∉ G2`,
/// as the full decoding would have answered, else VALID or INVALID.
pub fn check_proof(key: &PreparedKey, proof: &Proof, inputs: &PublicInputs) -> Verdict {
    if proof.has_identity() || inputs.as_slice().len() != key.n_public {
        // The decoding's answer comes first, as with a fully checked decoding.
        if !g2_in_subgroup(&proof.b) {
            return Verdict::Malformed(Malformed::NotInSubgroup);
        }
        return Verdict::Invalid;
    }
    let vk_x = public_input_point(key, inputs).to_affine();
    let neg_c: G1Affine = proof.c.neg();
    let mut work = [LineGeneratorSlot::EMPTY];
    let f = multi_miller_loop(
        &[(vk_x.neg(), &key.gamma), (neg_c, &key.delta)],
        &[(proof.a, proof.b)],
        &mut work,
    );
    let in_g2 = work[0]
        .subgroup_check_from_loop()
        .unwrap_or_else(|| g2_in_subgroup(&proof.b));
    if !in_g2 {
        Verdict::Malformed(Malformed::NotInSubgroup)
    } else if final_exponentiation(&f).equals(&key.alpha_beta) {
        Verdict::Valid
    } else {
        Verdict::Invalid
    }
}

/// Decodes and verifies one proof (256 bytes) with its public inputs (`32·n` bytes).
pub fn verify_encoded(key: &PreparedKey, proof: &[u8], inputs: &[u8]) -> Verdict {
    match decode_deferring_subgroup_check(key, proof, inputs) {
        Err(m) => Verdict::Malformed(m),
        Ok((p, i)) => check_proof(key, &p, &i),
    }
}

/// Decodes a proof and its inputs for `key`.
pub fn decode(
    key: &PreparedKey,
    proof: &[u8],
    inputs: &[u8],
) -> Result<(Proof, PublicInputs), Malformed> {
    decode_with(key, proof, inputs, Proof::from_bytes)
}

/// [`decode`] with [`Proof::from_bytes_deferring_subgroup_check`]: for [`check_proof`] and
/// [`crate::batch::verify_batch`].
pub fn decode_deferring_subgroup_check(
    key: &PreparedKey,
    proof: &[u8],
    inputs: &[u8],
) -> Result<(Proof, PublicInputs), Malformed> {
    decode_with(
        key,
        proof,
        inputs,
        Proof::from_bytes_deferring_subgroup_check,
    )
}

fn decode_with(
    key: &PreparedKey,
    proof: &[u8],
    inputs: &[u8],
    decode_proof: fn(&[u8; PROOF_LEN]) -> Result<Proof, Malformed>,
) -> Result<(Proof, PublicInputs), Malformed> {
    if proof.len() != PROOF_LEN {
        return Err(Malformed::Coordinate);
    }
    let mut bytes = [0u8; PROOF_LEN];
    bytes.copy_from_slice(proof);
    let inputs = PublicInputs::from_bytes(inputs, key.n_public)?;
    Ok((decode_proof(&bytes)?, inputs))
}
