//! The compact encodings (`docs/groth16.md`):
//!
//! * Fp element / Fr scalar: 32 bytes big-endian, `< p` / `< r`.
//! * G1: `x ‖ y` (64 bytes); all zero is the identity.
//! * G2: `x.c1 ‖ x.c0 ‖ y.c1 ‖ y.c0` (128 bytes, EIP-197 order); all zero is the identity.
//! * Verifying key: `u32 BE nPublic ‖ α (G1) ‖ β ‖ γ ‖ δ (G2) ‖ IC[0] … IC[nPublic] (G1)`.
//! * Proof: `A (G1) ‖ B (G2) ‖ C (G1)`, 256 bytes.
//! * Public inputs: `nPublic × 32` bytes.

use zkedge_bn254::curve::g2_on_twist_from_bytes;
use zkedge_bn254::{g1_from_bytes, g2_from_bytes, DecodeError, Fr, G1Affine, G2Affine};

/// Most public inputs a key may have.
pub const MAX_PUBLIC_INPUTS: usize = 64;
/// Length of an encoded proof.
pub const PROOF_LEN: usize = 256;

/// Why a proof or its public inputs are not well-formed.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Malformed {
    /// A coordinate is not below `p`.
    Coordinate,
    /// A point is not on its curve.
    NotOnCurve,
    /// `B` is on the twist but not in the order-`r` subgroup.
    NotInSubgroup,
    /// A public input is not below `r`.
    InputRange,
    /// The number of public inputs differs from the key's `nPublic`.
    InputCount,
}

impl From<DecodeError> for Malformed {
    fn from(e: DecodeError) -> Malformed {
        match e {
            DecodeError::NotCanonical => Malformed::Coordinate,
            DecodeError::NotOnCurve => Malformed::NotOnCurve,
            DecodeError::NotInSubgroup => Malformed::NotInSubgroup,
        }
    }
}

/// A decoded proof.
#[derive(Copy, Clone, Debug)]
pub struct Proof {
    /// `A ∈ G1`.
    pub a: G1Affine,
    /// `B ∈ G2` (only on the twist if decoded by
    /// [`Proof::from_bytes_deferring_subgroup_check`]).
    pub b: G2Affine,
    /// `C ∈ G1`.
    pub c: G1Affine,
}

impl Proof {
    /// A placeholder (all identities) for buffers.
    pub const EMPTY: Proof = Proof {
        a: G1Affine::IDENTITY,
        b: G2Affine::IDENTITY,
        c: G1Affine::IDENTITY,
    };

    /// Decodes `A ‖ B ‖ C`, checking every point (including `B`'s subgroup).
    pub fn from_bytes(bytes: &[u8; PROOF_LEN]) -> Result<Proof, Malformed> {
        Ok(Proof {
            a: g1_from_bytes(&array(&bytes[0..64]))?,
            b: g2_from_bytes(&array(&bytes[64..192]))?,
            c: g1_from_bytes(&array(&bytes[192..256]))?,
        })
    }

    /// Decodes `A ‖ B ‖ C` like [`Self::from_bytes`] but leaves `B`'s subgroup check to the
    /// verification ([`crate::verify::check_proof`], [`crate::batch::verify_batch`]), which
    /// reads it off the Miller loop's own multiple of `B` instead of a scalar multiplication
    /// of its own (`LineGeneratorSlot::subgroup_check_from_loop` in `zkedge-bn254`). `B` is on
    /// the twist (or the identity); the verdicts are those of a fully checked decoding.
    pub fn from_bytes_deferring_subgroup_check(
        bytes: &[u8; PROOF_LEN],
    ) -> Result<Proof, Malformed> {
        Ok(Proof {
            a: g1_from_bytes(&array(&bytes[0..64]))?,
            b: g2_on_twist_from_bytes(&array(&bytes[64..192]))?,
            c: g1_from_bytes(&array(&bytes[192..256]))?,
        })
    }

    /// Whether a point of the proof is the identity (such a proof is refused as INVALID).
    pub fn has_identity(&self) -> bool {
        self.a.infinity || self.b.infinity || self.c.infinity
    }
}

/// Decoded public inputs (at most [`MAX_PUBLIC_INPUTS`]).
#[derive(Copy, Clone, Debug)]
pub struct PublicInputs {
    values: [Fr; MAX_PUBLIC_INPUTS],
    len: usize,
}

impl PublicInputs {
    /// No inputs (a placeholder for buffers).
    pub const EMPTY: PublicInputs = PublicInputs {
        values: [Fr::ZERO; MAX_PUBLIC_INPUTS],
        len: 0,
    };

    /// Decodes `bytes` (a multiple of 32) as the inputs of a key with `n_public` inputs.
    pub fn from_bytes(bytes: &[u8], n_public: usize) -> Result<PublicInputs, Malformed> {
        if bytes.len() % 32 != 0 || bytes.len() / 32 != n_public || n_public > MAX_PUBLIC_INPUTS {
            return Err(Malformed::InputCount);
        }
        let mut inputs = PublicInputs::EMPTY;
        for (i, chunk) in bytes.chunks(32).enumerate() {
            inputs.values[i] = Fr::from_bytes_be(&array(chunk)).ok_or(Malformed::InputRange)?;
        }
        inputs.len = n_public;
        Ok(inputs)
    }

    /// The inputs.
    pub fn as_slice(&self) -> &[Fr] {
        &self.values[..self.len]
    }
}

/// The first `N` bytes of `bytes` as an array (`bytes.len() >= N` is the caller's check).
pub(crate) fn array<const N: usize>(bytes: &[u8]) -> [u8; N] {
    let mut out = [0u8; N];
    out.copy_from_slice(&bytes[..N]);
    out
}
