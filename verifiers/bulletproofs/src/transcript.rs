//! The Fiat–Shamir protocol of the dalek `bulletproofs` crate, as an extension of Merlin.
//!
//! Source: dalek-cryptography/bulletproofs `src/transcript.rs` (v1.0+). The domain separators
//! and labels below are part of the wire format: changing one breaks interoperability.

use zkedge_curve25519::ristretto::CompressedRistretto;
use zkedge_curve25519::scalar::Scalar;
use zkedge_transcript::merlin::Transcript;

use crate::ProofError;

/// The operations the range proof and the inner-product proof perform on a transcript.
pub trait TranscriptProtocol {
    /// `dom-sep = "rangeproof v1"`, then `n` and `m`.
    fn rangeproof_domain_sep(&mut self, n: u64, m: u64);
    /// `dom-sep = "ipp v1"`, then `n`.
    fn innerproduct_domain_sep(&mut self, n: u64);
    /// Appends a scalar's canonical bytes.
    fn append_scalar(&mut self, label: &[u8], scalar: &Scalar);
    /// Appends a compressed point as it is (commitments may be the identity).
    fn append_point(&mut self, label: &[u8], point: &CompressedRistretto);
    /// Appends a compressed point, refusing the identity encoding.
    fn validate_and_append_point(
        &mut self,
        label: &[u8],
        point: &CompressedRistretto,
    ) -> Result<(), ProofError>;
    /// 64 challenge bytes reduced modulo ℓ.
    fn challenge_scalar(&mut self, label: &[u8]) -> Scalar;
}

impl TranscriptProtocol for Transcript {
    fn rangeproof_domain_sep(&mut self, n: u64, m: u64) {
        self.append_message(b"dom-sep", b"rangeproof v1");
        self.append_u64(b"n", n);
        self.append_u64(b"m", m);
    }

    fn innerproduct_domain_sep(&mut self, n: u64) {
        self.append_message(b"dom-sep", b"ipp v1");
        self.append_u64(b"n", n);
    }

    fn append_scalar(&mut self, label: &[u8], scalar: &Scalar) {
        self.append_message(label, &scalar.to_bytes());
    }

    fn append_point(&mut self, label: &[u8], point: &CompressedRistretto) {
        self.append_message(label, point.as_bytes());
    }

    fn validate_and_append_point(
        &mut self,
        label: &[u8],
        point: &CompressedRistretto,
    ) -> Result<(), ProofError> {
        if point.is_identity() {
            return Err(ProofError::Verification);
        }
        self.append_message(label, point.as_bytes());
        Ok(())
    }

    #[inline(never)]
    fn challenge_scalar(&mut self, label: &[u8]) -> Scalar {
        let mut wide = [0u8; 64];
        self.challenge_bytes(label, &mut wide);
        Scalar::from_bytes_mod_order_wide(&wide)
    }
}
