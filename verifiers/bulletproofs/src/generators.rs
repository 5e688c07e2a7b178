//! The fixed generators, derived exactly as the dalek `bulletproofs` crate derives them, so that
//! proofs and commitments interoperate.
//!
//! Source: dalek-cryptography/bulletproofs `src/generators.rs` (v1.0+):
//! - `PedersenGens::default()`: `B` is the Ristretto basepoint and `B_blinding` is
//!   `RistrettoPoint::hash_from_bytes::<Sha3_512>(B.compress())`, i.e. the one-way map of
//!   SHA3-512 of the compressed basepoint.
//! - `BulletproofGens`: party `j`'s generators G⁽ʲ⁾ are the stream of a `GeneratorsChain` labelled
//!   `b"G" || (j as u32, little-endian)`; H⁽ʲ⁾ likewise with `b"H"`. A chain absorbs
//!   `b"GeneratorsChain" || label` into SHAKE256 and maps each successive 64 output bytes with
//!   the Ristretto one-way map. The capacity only decides how many are taken, so the first n
//!   generators of a party are the same for every capacity ≥ n.

use zkedge_curve25519::ristretto::RistrettoPoint;
use zkedge_curve25519::scalar::Scalar;
use zkedge_transcript::sha3::{sha3_512, Shake256, Shake256Reader};

use crate::{MAX_BITS, MAX_PARTIES};

/// The Pedersen commitment generators `B` (value) and `B_blinding` (blinding).
#[derive(Copy, Clone, Debug)]
pub struct PedersenGens {
    /// The value generator: the Ristretto basepoint.
    pub B: RistrettoPoint,
    /// The blinding generator, independent of `B`.
    pub B_blinding: RistrettoPoint,
}

impl Default for PedersenGens {
    fn default() -> Self {
        let B = RistrettoPoint::basepoint();
        let B_blinding = RistrettoPoint::from_uniform_bytes(&sha3_512(B.compress().as_bytes()));
        PedersenGens { B, B_blinding }
    }
}

impl PedersenGens {
    /// `value·B + blinding·B_blinding`, in constant time (both inputs may be secret).
    #[inline(never)]
    pub fn commit(&self, value: &Scalar, blinding: &Scalar) -> RistrettoPoint {
        self.B.mul_ct(value) + self.B_blinding.mul_ct(blinding)
    }
}

/// A stream of generators: SHAKE256(`b"GeneratorsChain"` || label), 64 bytes per point.
struct GeneratorsChain {
    reader: Shake256Reader,
}

impl GeneratorsChain {
    fn new(label: &[u8]) -> Self {
        let mut shake = Shake256::new();
        shake.update(b"GeneratorsChain");
        shake.update(label);
        GeneratorsChain {
            reader: shake.finalize_xof(),
        }
    }

    fn next_point(&mut self) -> RistrettoPoint {
        let mut uniform = [0u8; 64];
        self.reader.read(&mut uniform);
        RistrettoPoint::from_uniform_bytes(&uniform)
    }
}

/// The vector generators G⁽ʲ⁾ᵢ and H⁽ʲ⁾ᵢ for up to [`MAX_PARTIES`] parties of [`MAX_BITS`] bits.
///
/// Equal to dalek's `BulletproofGens::new(64, 8)` (and to the prefix of any larger capacity).
/// Building it costs 1024 hash-to-group maps, so make it once and share it.
#[derive(Clone)]
pub struct BulletproofGens {
    G: [[RistrettoPoint; MAX_BITS]; MAX_PARTIES],
    H: [[RistrettoPoint; MAX_BITS]; MAX_PARTIES],
}

impl BulletproofGens {
    /// Derives all generators.
    pub fn new() -> Self {
        let mut gens = BulletproofGens {
            G: [[RistrettoPoint::identity(); MAX_BITS]; MAX_PARTIES],
            H: [[RistrettoPoint::identity(); MAX_BITS]; MAX_PARTIES],
        };
        for party in 0..MAX_PARTIES {
            let index = (party as u32).to_le_bytes();
            let mut label = [b'G', index[0], index[1], index[2], index[3]];
            fill_from_chain(&mut gens.G[party], &label);
            label[0] = b'H';
            fill_from_chain(&mut gens.H[party], &label);
        }
        gens
    }

    /// G⁽ʲ⁾ᵢ: the i-th G generator of party j.
    pub fn G(&self, party: usize, i: usize) -> &RistrettoPoint {
        &self.G[party][i]
    }

    /// H⁽ʲ⁾ᵢ: the i-th H generator of party j.
    pub fn H(&self, party: usize, i: usize) -> &RistrettoPoint {
        &self.H[party][i]
    }

    /// The aggregated G vector for an (n, m) proof, position `k = j·n + i` ↦ G⁽ʲ⁾ᵢ.
    pub fn G_flat(&self, n: usize, k: usize) -> &RistrettoPoint {
        &self.G[k / n][k % n]
    }

    /// The aggregated H vector for an (n, m) proof, position `k = j·n + i` ↦ H⁽ʲ⁾ᵢ.
    pub fn H_flat(&self, n: usize, k: usize) -> &RistrettoPoint {
        &self.H[k / n][k % n]
    }
}

impl Default for BulletproofGens {
    fn default() -> Self {
        Self::new()
    }
}

fn fill_from_chain(out: &mut [RistrettoPoint; MAX_BITS], label: &[u8]) {
    let mut chain = GeneratorsChain::new(label);
    for point in out.iter_mut() {
        *point = chain.next_point();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// B_blinding as published by the dalek crate's users (compressed).
    const B_BLINDING_COMPRESSED: &str =
        "8c9240b456a9e6dc65c377a1048d745f94a08cdb7f44cbcd7b46f34048871134";

    fn hex(bytes: &[u8]) -> std::string::String {
        bytes.iter().map(|b| std::format!("{:02x}", b)).collect()
    }

    #[test]
    fn b_blinding_matches_dalek() {
        let gens = PedersenGens::default();
        assert_eq!(
            hex(gens.B_blinding.compress().as_bytes()),
            B_BLINDING_COMPRESSED
        );
    }

    #[test]
    fn parties_use_distinct_chains() {
        let gens = std::boxed::Box::new(BulletproofGens::new());
        assert!(gens.G(0, 0) != gens.G(1, 0));
        assert!(gens.G(0, 0) != gens.H(0, 0));
        assert!(gens.G_flat(32, 33) == gens.G(1, 1));
    }
}
