//! Single-proof verification.
//!
//! Groth16 accepts `(A, B, C)` for inputs `pub₁ … pubₙ` iff
//! `e(A, B) = e(α, β) · e(vk_x, γ) · e(C, δ)` with `vk_x = IC₀ + Σ pubᵢ·ICᵢ`.
//! It is checked as `e(A, B) · e(-vk_x, γ) · e(-C, δ) = e(α, β)`: one Miller loop with three
//! pairs (the lines of `γ` and `δ` are prepared) and one final exponentiation, compared with the
//! precomputed `e(α, β)`.

use zkedge_bn254::{
    final_exponentiation, multi_miller_loop, G1Affine, G1Jacobian, LineGeneratorSlot,
};

use crate::encoding::{Malformed, Proof, PublicInputs, MAX_PUBLIC_INPUTS, PROOF_LEN};
use crate::key::PreparedKey;

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

/// `vk_x = IC₀ + Σ pubᵢ·ICᵢ` (one shared doubling chain, width-4 NAF digits).
pub(crate) fn public_input_point(key: &PreparedKey, inputs: &PublicInputs) -> G1Jacobian {
    let n = inputs.as_slice().len();
    let mut scalars = [[0u64; 4]; MAX_PUBLIC_INPUTS];
    for (s, x) in scalars.iter_mut().zip(inputs.as_slice()) {
        *s = x.to_words();
    }
    G1Jacobian::multi_mul_wnaf(&key.ic[1..n + 1], &scalars[..n]).add_affine(&key.ic[0])
}

/// Verifies a decoded proof (`inputs` must have `key.n_public` entries: see
/// [`PublicInputs::from_bytes`]).
pub fn verify_proof(key: &PreparedKey, proof: &Proof, inputs: &PublicInputs) -> bool {
    if proof.has_identity() || inputs.as_slice().len() != key.n_public {
        return false;
    }
    let vk_x = public_input_point(key, inputs).to_affine();
    let neg_c: G1Affine = proof.c.neg();
    let f = multi_miller_loop(
        &[(vk_x.neg(), &key.gamma), (neg_c, &key.delta)],
        &[(proof.a, proof.b)],
        &mut [LineGeneratorSlot::EMPTY],
    );
    final_exponentiation(&f).equals(&key.alpha_beta)
}

/// Decodes and verifies one proof (256 bytes) with its public inputs (`32·n` bytes).
pub fn verify_encoded(key: &PreparedKey, proof: &[u8], inputs: &[u8]) -> Verdict {
    match decode(key, proof, inputs) {
        Err(m) => Verdict::Malformed(m),
        Ok((p, i)) => {
            if verify_proof(key, &p, &i) {
                Verdict::Valid
            } else {
                Verdict::Invalid
            }
        }
    }
}

/// Decodes a proof and its inputs for `key`.
pub fn decode(
    key: &PreparedKey,
    proof: &[u8],
    inputs: &[u8],
) -> Result<(Proof, PublicInputs), Malformed> {
    if proof.len() != PROOF_LEN {
        return Err(Malformed::Coordinate);
    }
    let mut bytes = [0u8; PROOF_LEN];
    bytes.copy_from_slice(proof);
    let inputs = PublicInputs::from_bytes(inputs, key.n_public)?;
    Ok((Proof::from_bytes(&bytes)?, inputs))
}
