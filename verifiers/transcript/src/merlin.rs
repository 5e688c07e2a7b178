//! Merlin transcripts (<https://merlin.cool>), byte-compatible with the `merlin` crate 3.x.
//!
//! A transcript is a [`Strobe128`] initialised with the protocol label `b"Merlin v1.0"`. Its
//! operations are the following STROBE sequences (`LE32(n)` is `n` as 4 little-endian bytes):
//!
//! | operation                        | STROBE operations                                            |
//! |----------------------------------|--------------------------------------------------------------|
//! | `new(label)`                     | `append_message(b"dom-sep", label)`                          |
//! | `append_message(label, message)` | `meta-AD(label)`, `meta-AD(LE32(len(message)); more)`, `AD(message)` |
//! | `append_u64(label, x)`           | `append_message(label, LE64(x))`                             |
//! | `challenge_bytes(label, dest)`   | `meta-AD(label)`, `meta-AD(LE32(len(dest)); more)`, `PRF(dest)` |
//!
//! Labels are absorbed as they are, without a length prefix (as in Merlin); a protocol must use
//! a fixed, prefix-free set of labels for its framing to be unambiguous. Unlike the `merlin`
//! crate, labels are `&[u8]` rather than `&'static [u8]`, because the command-line tools take
//! the transcript label from the user; the bytes absorbed are identical.
//!
//! # Lengths
//!
//! Message and challenge lengths are encoded in 32 bits, so they must be below 2^32 bytes.
//! That always holds on `wasm32` (where `usize` is 32 bits); on 64-bit targets a longer message
//! or challenge makes [`Transcript::append_message`] / [`Transcript::challenge_bytes`] panic
//! (as `merlin` does) rather than absorb a truncated, ambiguous length.

use crate::strobe::Strobe128;

/// The STROBE protocol label of every Merlin transcript.
pub const MERLIN_PROTOCOL_LABEL: &[u8] = b"Merlin v1.0";

/// A transcript of a public-coin argument: the prover's messages go in with
/// [`append_message`](Transcript::append_message), the verifier's challenges come out of
/// [`challenge_bytes`](Transcript::challenge_bytes).
#[derive(Clone)]
pub struct Transcript {
    strobe: Strobe128,
}

impl core::fmt::Debug for Transcript {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Transcript { .. }")
    }
}

/// `LE32(n)`; panics if `n` does not fit in 32 bits (see the module docs).
fn encode_len(n: usize) -> [u8; 4] {
    match u32::try_from(n) {
        Ok(n) => n.to_le_bytes(),
        Err(_) => panic!("Merlin: message or challenge longer than u32::MAX bytes"),
    }
}

impl Transcript {
    /// A new transcript for the protocol (domain separator) `label`.
    pub fn new(label: &[u8]) -> Transcript {
        let mut transcript = Transcript {
            strobe: Strobe128::new(MERLIN_PROTOCOL_LABEL),
        };
        transcript.append_message(b"dom-sep", label);
        transcript
    }

    /// Appends the prover's `message` under `label`.
    ///
    /// # Panics
    ///
    /// If `message.len() > u32::MAX` (only possible on 64-bit targets).
    pub fn append_message(&mut self, label: &[u8], message: &[u8]) {
        let len = encode_len(message.len());
        self.strobe.meta_ad(label, false);
        self.strobe.meta_ad(&len, true);
        self.strobe.ad(message, false);
    }

    /// Appends `x` as its 8-byte little-endian encoding under `label`.
    pub fn append_u64(&mut self, label: &[u8], x: u64) {
        self.append_message(label, &x.to_le_bytes());
    }

    /// Fills `dest` with the verifier's challenge bytes under `label`. The challenge depends on
    /// `dest.len()`: asking for 32 bytes is not a prefix of asking for 64.
    ///
    /// # Panics
    ///
    /// If `dest.len() > u32::MAX` (only possible on 64-bit targets).
    pub fn challenge_bytes(&mut self, label: &[u8], dest: &mut [u8]) {
        let len = encode_len(dest.len());
        self.strobe.meta_ad(label, false);
        self.strobe.meta_ad(&len, true);
        self.strobe.prf(dest, false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::hex;

    /// `equivalence_simple` of dalek-cryptography/merlin `src/transcript.rs`; the expected
    /// challenge is the one recorded from it (e.g. in gtank/merlin and
    /// oasisprotocol/curve25519-voi `TestSimpleTranscript`).
    #[test]
    fn simple_transcript_matches_merlin_conformance_vector() {
        let mut t = Transcript::new(b"test protocol");
        t.append_message(b"some label", b"some data");
        let mut challenge = [0u8; 32];
        t.challenge_bytes(b"challenge", &mut challenge);
        assert_eq!(
            challenge.to_vec(),
            hex("d5a21972d0d5fe320c0d263fac7fffb8145aa640af6e9bca177c03c7efcf0615")
        );
    }

    /// `equivalence_complex` of dalek-cryptography/merlin `src/transcript.rs` (1 KiB messages
    /// wrapping the sponge, 32 rounds); expected value from oasisprotocol/curve25519-voi
    /// `TestComplexTranscript` (gtank/merlin has the same test).
    #[test]
    fn complex_transcript_matches_merlin_conformance_vector() {
        let mut t = Transcript::new(b"test protocol");
        t.append_message(b"step1", b"some data");
        let data = [99u8; 1024];
        let mut challenge = [0u8; 32];
        for _ in 0..32 {
            t.challenge_bytes(b"challenge", &mut challenge);
            t.append_message(b"bigdata", &data);
            t.append_message(b"challengedata", &challenge);
        }
        assert_eq!(
            challenge.to_vec(),
            hex("a8c933f54fae76e3f9bea93648c1308e7dfa2152dd51674ff3ca438351cf003c")
        );
    }

    #[test]
    fn append_u64_is_append_message_of_le_bytes() {
        let mut a = Transcript::new(b"u64");
        let mut b = a.clone();
        a.append_u64(b"n", 0x0102_0304_0506_0708);
        b.append_message(b"n", &[8, 7, 6, 5, 4, 3, 2, 1]);
        let (mut ca, mut cb) = ([0u8; 64], [0u8; 64]);
        a.challenge_bytes(b"c", &mut ca);
        b.challenge_bytes(b"c", &mut cb);
        assert_eq!(ca[..], cb[..]);
    }

    #[test]
    fn clones_evolve_independently() {
        let mut t = Transcript::new(b"p");
        let mut u = t.clone();
        t.append_message(b"l", b"x");
        u.append_message(b"l", b"x");
        let (mut ct, mut cu) = ([0u8; 64], [0u8; 64]);
        t.challenge_bytes(b"c", &mut ct);
        u.challenge_bytes(b"c", &mut cu);
        assert_eq!(ct[..], cu[..]);
        t.append_message(b"l", b"y");
        u.append_message(b"l", b"z");
        t.challenge_bytes(b"c", &mut ct);
        u.challenge_bytes(b"c", &mut cu);
        assert_ne!(ct[..], cu[..]);
    }

    #[test]
    fn labels_and_lengths_separate_challenges() {
        let challenge = |label: &[u8], msg: &[u8], n: usize| {
            let mut t = Transcript::new(b"sep");
            t.append_message(label, msg);
            let mut out = [0u8; 64];
            t.challenge_bytes(b"c", &mut out[..n]);
            out
        };
        let base = challenge(b"a", b"bc", 32);
        // Moving a byte between label and message changes the transcript.
        assert_ne!(base, challenge(b"ab", b"c", 32));
        // A shorter challenge is not a prefix of a longer one.
        assert_ne!(base[..16], challenge(b"a", b"bc", 16)[..16]);
    }

    #[test]
    fn runtime_labels_equal_static_labels() {
        let owned: std::vec::Vec<u8> = b"test protocol".to_vec();
        let mut t = Transcript::new(&owned);
        t.append_message(&owned[..4], b"some data");
        let mut u = Transcript::new(b"test protocol");
        u.append_message(b"test", b"some data");
        let (mut a, mut b) = ([0u8; 32], [0u8; 32]);
        t.challenge_bytes(b"challenge", &mut a);
        u.challenge_bytes(b"challenge", &mut b);
        assert_eq!(a, b);
    }
}
