//! Deterministic expansion of a host-supplied seed into scalars.
//!
//! Wasm modules have no source of randomness (they import nothing), so the host passes 32 bytes
//! from `SecureRandom` and this stream expands them: SHAKE256(domain || seed), 64 bytes per
//! scalar, reduced modulo ℓ (bias below 2⁻¹²⁸). Different uses take different domains so that
//! one seed never feeds two purposes.

use zkedge_curve25519::scalar::Scalar;
use zkedge_transcript::sha3::{Shake256, Shake256Reader};

/// Domain of the prover's blindings.
pub const PROVER_DOMAIN: &[u8] = b"zkedge.prover-randomness.v1";
/// Domain of the batch verifier's weights.
pub const BATCH_DOMAIN: &[u8] = b"zkedge.batch-weights.v1";

/// An endless stream of uniformly random scalars derived from a seed.
pub struct ScalarStream {
    reader: Shake256Reader,
}

impl ScalarStream {
    /// Starts the stream for `domain` and `seed`.
    pub fn new(domain: &[u8], seed: &[u8; 32]) -> Self {
        let mut shake = Shake256::new();
        shake.update(&(domain.len() as u32).to_le_bytes());
        shake.update(domain);
        shake.update(seed);
        ScalarStream {
            reader: shake.finalize_xof(),
        }
    }

    /// The next scalar.
    #[inline(never)]
    pub fn next_scalar(&mut self) -> Scalar {
        let mut wide = [0u8; 64];
        self.reader.read(&mut wide);
        Scalar::from_bytes_mod_order_wide(&wide)
    }

    /// The next nonzero scalar (batch weights must not vanish).
    pub fn next_nonzero_scalar(&mut self) -> Scalar {
        loop {
            let s = self.next_scalar();
            if !s.is_zero() {
                return s;
            }
        }
    }
}
