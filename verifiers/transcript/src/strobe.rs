//! The subset of STROBE v1.0.2 that Merlin uses, at security level 128.
//!
//! STROBE (Hamburg, <https://strobe.sourceforge.io/specs/>) is a duplex construction over
//! Keccak-f\[1600\]. With security level 128 the capacity is 256 bits, so the block is
//! `200 - 32 = 168` bytes, of which STROBE keeps 2 for its padding: the rate is `R = 166`.
//!
//! Only the operations Merlin needs are provided, all in the "application" direction, without the
//! transport (`T`) flag: `meta-AD`, `AD`, `PRF` and `KEY`.
//!
//! # State and encodings
//!
//! * Initialisation (spec section 6.2): the Keccak state's bytes are set to
//!   `[1, R + 2, 1, 0, 1, 12 * 8]` (a cSHAKE-style `bytepad` header: `left_encode(R + 2)`,
//!   `left_encode(96)`) followed by the 12 bytes `"STROBEv1.0.2"`, zero elsewhere, and the
//!   permutation is run once. Then `meta-AD(protocol_label)`.
//! * Each new (non-`more`) operation absorbs the two bytes `[pos_begin, flags]` (section 6.3),
//!   where `pos_begin` is the position where the previous operation began; ops with the `C` or
//!   `K` flag force a permutation first if the block is not empty.
//! * A permutation (`run_f`, section 6.5) absorbs `pos_begin` at `pos`, `0x04` at `pos + 1`
//!   and `0x80` at byte `R + 1`.
//!
//! The flags are `I = 1, A = 2, C = 4, T = 8, M = 16, K = 32` (section 6.1), and the operations
//! used are `meta-AD = M|A`, `AD = A`, `PRF = I|A|C`, `KEY = A|C`.

use crate::keccak::{keccak_f1600, read_bytes, set_byte, xor_bytes};

/// The STROBE rate, in bytes, at security level 128: `200 - 2 * 128 / 8 - 2`.
pub const STROBE_R: usize = 166;

const FLAG_I: u8 = 1;
const FLAG_A: u8 = 1 << 1;
const FLAG_C: u8 = 1 << 2;
const FLAG_M: u8 = 1 << 4;
const FLAG_K: u8 = 1 << 5;

/// A STROBE-128 object restricted to `meta-AD`, `AD`, `PRF` and `KEY`.
///
/// Invariant between calls: `pos < R` and `pos_begin <= pos`, both byte offsets into the
/// Keccak state's byte view (see [`crate::keccak`]).
#[derive(Clone)]
pub struct Strobe128 {
    state: [u64; 25],
    pos: usize,
    pos_begin: usize,
    cur_flags: u8,
}

impl core::fmt::Debug for Strobe128 {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // The state may be keyed (KEY): never print it.
        f.write_str("Strobe128 { .. }")
    }
}

impl Strobe128 {
    /// Initialises STROBE-128 (version string `STROBEv1.0.2`) and runs `meta-AD(protocol_label)`.
    pub fn new(protocol_label: &[u8]) -> Strobe128 {
        let mut state = [0u64; 25];
        xor_bytes(&mut state, 0, &[1, (STROBE_R + 2) as u8, 1, 0, 1, 96]);
        xor_bytes(&mut state, 6, b"STROBEv1.0.2");
        keccak_f1600(&mut state);
        let mut strobe = Strobe128 {
            state,
            pos: 0,
            pos_begin: 0,
            cur_flags: 0,
        };
        strobe.meta_ad(protocol_label, false);
        strobe
    }

    /// `meta-AD(data)`: absorbs framing metadata. With `more`, continues the previous
    /// `meta-AD` (the bytes are absorbed as if appended to its data).
    ///
    /// # Panics
    ///
    /// If `more` is set and the previous operation was not a `meta-AD`.
    pub fn meta_ad(&mut self, data: &[u8], more: bool) {
        self.begin_op(FLAG_M | FLAG_A, more);
        self.absorb(data);
    }

    /// `AD(data)`: absorbs associated data. See [`meta_ad`](Self::meta_ad) for `more`.
    ///
    /// # Panics
    ///
    /// If `more` is set and the previous operation was not an `AD`.
    pub fn ad(&mut self, data: &[u8], more: bool) {
        self.begin_op(FLAG_A, more);
        self.absorb(data);
    }

    /// `PRF`: fills `out` with pseudorandom bytes bound to everything absorbed so far.
    /// See [`meta_ad`](Self::meta_ad) for `more`.
    ///
    /// # Panics
    ///
    /// If `more` is set and the previous operation was not a `PRF`.
    pub fn prf(&mut self, out: &mut [u8], more: bool) {
        self.begin_op(FLAG_I | FLAG_A | FLAG_C, more);
        self.squeeze(out);
    }

    /// `KEY(data)`: overwrites state bytes with the secret `data` (rekeying).
    /// See [`meta_ad`](Self::meta_ad) for `more`.
    ///
    /// # Panics
    ///
    /// If `more` is set and the previous operation was not a `KEY`.
    pub fn key(&mut self, data: &[u8], more: bool) {
        self.begin_op(FLAG_A | FLAG_C, more);
        self.overwrite(data);
    }

    /// STROBE `run_f`: pads the current block and permutes.
    fn run_f(&mut self) {
        xor_bytes(&mut self.state, self.pos, &[self.pos_begin as u8, 0x04]);
        xor_bytes(&mut self.state, STROBE_R + 1, &[0x80]);
        keccak_f1600(&mut self.state);
        self.pos = 0;
        self.pos_begin = 0;
    }

    /// Duplex-absorbs `data`: state ^= data.
    fn absorb(&mut self, mut data: &[u8]) {
        while !data.is_empty() {
            let n = core::cmp::min(STROBE_R - self.pos, data.len());
            let (block, rest) = data.split_at(n);
            xor_bytes(&mut self.state, self.pos, block);
            self.advance(n);
            data = rest;
        }
    }

    /// Squeezes into `out`: out = state, then state = 0 (for the flags `I|A|C`, STROBE sets
    /// the state to the output XOR the all-zero input, i.e. absorbs the output back).
    fn squeeze(&mut self, mut out: &mut [u8]) {
        while !out.is_empty() {
            let n = core::cmp::min(STROBE_R - self.pos, out.len());
            let (block, rest) = core::mem::take(&mut out).split_at_mut(n);
            read_bytes(&self.state, self.pos, block);
            // x ^ x = 0: zero exactly the bytes just read.
            xor_bytes(&mut self.state, self.pos, block);
            self.advance(n);
            out = rest;
        }
    }

    /// Overwrites state bytes with `data` (flags `A|C` without `I`: state = data).
    fn overwrite(&mut self, data: &[u8]) {
        for &b in data {
            set_byte(&mut self.state, self.pos, b);
            self.advance(1);
        }
    }

    /// Moves `pos` forward by `n` (with `pos + n <= R`), permuting when the block is full.
    #[inline]
    fn advance(&mut self, n: usize) {
        self.pos += n;
        if self.pos == STROBE_R {
            self.run_f();
        }
    }

    /// STROBE `_begin_op` without the transport direction logic (the `T` flag is never used).
    fn begin_op(&mut self, flags: u8, more: bool) {
        if more {
            assert!(
                self.cur_flags == flags,
                "STROBE: `more` continues an op with other flags"
            );
            return;
        }
        let old_begin = self.pos_begin as u8;
        self.pos_begin = self.pos + 1;
        self.cur_flags = flags;
        self.absorb(&[old_begin, flags]);
        if flags & (FLAG_C | FLAG_K) != 0 && self.pos != 0 {
            self.run_f();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::hex;

    /// The scenario of `test_conformance` in dalek-cryptography/merlin `src/strobe.rs` (which
    /// checks Merlin's STROBE against the full `strobe-rs` implementation). The expected bytes
    /// are the values published for that scenario by independent ports' test suites (a Python
    /// and a Java Merlin port, both `b48e645c...` and `07e45cce...`).
    #[test]
    fn strobe_conformance_scenario_matches_published_outputs() {
        let mut s = Strobe128::new(b"Conformance Test Protocol");
        let msg = [99u8; 1024];
        s.meta_ad(b"ms", false);
        s.meta_ad(b"g", true);
        s.ad(&msg, false);

        let mut prf = [0u8; 32];
        s.meta_ad(b"prf", false);
        s.prf(&mut prf, false);
        assert_eq!(
            prf.to_vec(),
            hex("b48e645ca17c667fd5206ba57a6a228d72d8e1903814d3f17f622996d7cfefb0")
        );

        s.meta_ad(b"key", false);
        s.key(&prf, false);

        let mut prf2 = [0u8; 32];
        s.meta_ad(b"prf", false);
        s.prf(&mut prf2, false);
        assert_eq!(
            prf2.to_vec(),
            hex("07e45cce8078cee259e3e375bb85d75610e2d1e1201c5f645045a194edd49ff8")
        );
    }

    #[test]
    fn split_operations_with_more_equal_one_operation() {
        let mut whole = Strobe128::new(b"split");
        let mut parts = whole.clone();
        let data: std::vec::Vec<u8> = (0..700u32).map(|i| (i * 13) as u8).collect();

        whole.ad(&data, false);
        parts.ad(&data[..1], false);
        parts.ad(&data[1..166], true);
        parts.ad(&data[166..500], true);
        parts.ad(&data[500..], true);

        let mut a = [0u8; 400];
        let mut b = [0u8; 400];
        whole.prf(&mut a, false);
        parts.prf(&mut b[..165], false);
        parts.prf(&mut b[165..167], true);
        parts.prf(&mut b[167..], true);
        assert_eq!(a[..], b[..]);
    }

    #[test]
    #[should_panic]
    fn continuing_an_op_with_other_flags_panics() {
        let mut s = Strobe128::new(b"p");
        s.meta_ad(b"label", false);
        s.ad(b"data", true);
    }
}
