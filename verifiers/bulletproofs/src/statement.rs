//! The zkedge range statement: a sensor reading v, committed as C = v·B + r·B̃, lies in
//! [min, max].
//!
//! It is one aggregated dalek range proof (m = 2) that v − min and max − v both lie in [0, 2ⁿ),
//! with blindings r and −r. The verifier derives both commitments from C:
//! V₀ = C − min·B and V₁ = max·B − C. Both differences are nonnegative integers below 2⁶⁴ ≪ ℓ,
//! so min ≤ v ≤ max follows; n must satisfy max − min < 2ⁿ for an honest prover to succeed.
//!
//! The transcript binds the proof to its context (DESIGN invariant 3), so a proof cannot be
//! replayed for another sensor, sequence number, time or range:
//!
//! ```text
//! Transcript::new(b"zkedge.range.v1")
//! append_message(b"sensor", sensor id bytes)
//! append_u64(b"seq",  seq)
//! append_u64(b"time", event time in ms since the epoch, as two's-complement u64)
//! append_u64(b"min",  min as two's-complement u64)
//! append_u64(b"max",  max as two's-complement u64)
//! append_message(b"C", compressed C)
//! … then dalek's RangeProof::prove_multiple(values = [v − min, max − v],
//!                                            blindings = [r, −r], n) on that transcript.
//! ```
//! See `docs/range-statement.md` for device firmware that uses the dalek crate directly.

use zkedge_curve25519::ristretto::{CompressedRistretto, RistrettoPoint};
use zkedge_curve25519::scalar::Scalar;
use zkedge_transcript::merlin::Transcript;

use crate::generators::{BulletproofGens, PedersenGens};
use crate::random::ScalarStream;
use crate::range_proof::{PreparedRangeProof, RangeProof};
use crate::{is_supported_bits, ProofError};

/// The transcript label that opens every zkedge range statement.
pub const DOMAIN_LABEL: &[u8] = b"zkedge.range.v1";

/// The public part of a range statement: everything but the proof.
#[derive(Copy, Clone, Debug)]
pub struct RangeStatement<'a> {
    /// Bits n of the range proof: 8, 16, 32 or 64.
    pub bits: usize,
    /// The sensor's identifier.
    pub sensor_id: &'a [u8],
    /// The reading's sequence number.
    pub seq: u64,
    /// The reading's event time, ms since the Unix epoch.
    pub time: i64,
    /// Lower bound, inclusive.
    pub min: i64,
    /// Upper bound, inclusive.
    pub max: i64,
}

impl RangeStatement<'_> {
    /// Checks the statement itself: supported n, min ≤ max, max − min < 2ⁿ.
    pub fn check(&self) -> Result<(), ProofError> {
        if !is_supported_bits(self.bits) {
            return Err(ProofError::Unsupported);
        }
        if self.min > self.max {
            return Err(ProofError::Format);
        }
        if self.bits < 64 && (self.width() >> self.bits) != 0 {
            return Err(ProofError::Format);
        }
        Ok(())
    }

    /// max − min as an unsigned integer (exact for min ≤ max).
    fn width(&self) -> u64 {
        self.max.wrapping_sub(self.min) as u64
    }

    /// The transcript, bound to this statement and its commitment, ready for the range proof.
    pub fn transcript(&self, commitment: &CompressedRistretto) -> Transcript {
        let mut t = Transcript::new(DOMAIN_LABEL);
        t.append_message(b"sensor", self.sensor_id);
        t.append_u64(b"seq", self.seq);
        t.append_u64(b"time", self.time as u64);
        t.append_u64(b"min", self.min as u64);
        t.append_u64(b"max", self.max as u64);
        t.append_message(b"C", commitment.as_bytes());
        t
    }

    /// V₀ = C − min·B and V₁ = max·B − C, compressed.
    pub fn derived_commitments(
        &self,
        pc_gens: &PedersenGens,
        commitment: &CompressedRistretto,
    ) -> Result<[CompressedRistretto; 2], ProofError> {
        let C = commitment.decompress().ok_or(ProofError::Format)?;
        let [V0, V1] = self.derived_points(pc_gens, &C);
        Ok([V0.compress(), V1.compress()])
    }

    /// V₀ = C − min·B and V₁ = max·B − C. min and max are public, so this is variable time, and
    /// a negative bound costs a 64-bit multiplication (−|x|·B), not a 253-bit one (ℓ − |x|).
    fn derived_points(&self, pc_gens: &PedersenGens, C: &RistrettoPoint) -> [RistrettoPoint; 2] {
        let times_b = |x: i64| {
            let p = pc_gens.B.mul_vartime(&Scalar::from_u64(x.unsigned_abs()));
            if x < 0 {
                -p
            } else {
                p
            }
        };
        [C - times_b(self.min), times_b(self.max) - C]
    }

    /// Checks the statement, replays the transcript and decodes the proof for batch verification.
    ///
    /// V₀ and V₁ are compressed once for the transcript and handed to the proof as points, not
    /// decoded again.
    pub fn prepare(
        &self,
        pc_gens: &PedersenGens,
        commitment: &CompressedRistretto,
        proof: &RangeProof,
    ) -> Result<PreparedRangeProof, ProofError> {
        self.check()?;
        let C = commitment.decompress().ok_or(ProofError::Format)?;
        let points = self.derived_points(pc_gens, &C);
        let V = [points[0].compress(), points[1].compress()];
        let mut transcript = self.transcript(commitment);
        proof.prepare_with_points(&mut transcript, &V, &points, self.bits)
    }

    /// Proves that `value` lies in [min, max]. Draws the commitment blinding r and every proof
    /// blinding from `randomness`. Returns (C, r, proof).
    pub fn prove(
        &self,
        bp_gens: &BulletproofGens,
        pc_gens: &PedersenGens,
        value: i64,
        randomness: &mut ScalarStream,
    ) -> Result<(CompressedRistretto, Scalar, RangeProof), ProofError> {
        self.check().map_err(|e| match e {
            ProofError::Format => ProofError::ValueOutOfRange,
            other => other,
        })?;
        if value < self.min || value > self.max {
            return Err(ProofError::ValueOutOfRange);
        }
        let r = randomness.next_scalar();
        let C = pc_gens.commit(&scalar_from_i64(value), &r).compress();
        let mut transcript = self.transcript(&C);
        let values = [
            value.wrapping_sub(self.min) as u64,
            self.max.wrapping_sub(value) as u64,
        ];
        let (proof, _) = RangeProof::prove(
            bp_gens,
            pc_gens,
            &mut transcript,
            &values,
            &[r, -r],
            self.bits,
            randomness,
        )?;
        Ok((C, r, proof))
    }
}

/// The scalar congruent to `x` modulo ℓ, in constant time (the prover passes its secret
/// reading): the two's-complement bits read as u64, minus 2⁶⁴ when the sign bit is set.
pub fn scalar_from_i64(x: i64) -> Scalar {
    let two_64 = Scalar::from_u64(u64::MAX) + Scalar::ONE;
    let negative = ((x as u64) >> 63) as u8;
    Scalar::from_u64(x as u64) - Scalar::conditional_select(&Scalar::ZERO, &two_64, negative)
}
