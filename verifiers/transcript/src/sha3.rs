//! SHA3-512 and SHAKE256 (FIPS 202, sections 6.1 and 6.2).
//!
//! Both are `KECCAK[c]` sponges over [`keccak_f1600`] with `pad10*1`; they differ in capacity and
//! in the domain-separation suffix appended to the message before padding (FIPS 202 section 6 and
//! appendix B.2, in the byte-oriented form):
//!
//! | function | rate (bytes) | first padding byte (suffix + first pad bit) | last padding byte |
//! |----------|--------------|---------------------------------------------|-------------------|
//! | SHA3-512 | 72           | `0x06` (suffix `01`)                        | `0x80`            |
//! | SHAKE256 | 136          | `0x1F` (suffix `1111`)                      | `0x80`            |
//!
//! When the message fills all but one byte of the block both bytes land on the same position
//! (`0x86` / `0x9F`), which XOR-ing them in produces automatically.

use crate::keccak::{keccak_f1600, read_bytes, xor_bytes};

const SHA3_512_RATE: usize = 72;
const SHAKE256_RATE: usize = 136;
const SHA3_SUFFIX: u8 = 0x06;
const SHAKE_SUFFIX: u8 = 0x1F;

/// An absorbing sponge: the state and the number of bytes of the current block absorbed so far
/// (`pos < rate` between calls).
#[derive(Clone)]
struct Sponge {
    state: [u64; 25],
    pos: usize,
    rate: usize,
}

impl Sponge {
    const fn new(rate: usize) -> Sponge {
        Sponge {
            state: [0u64; 25],
            pos: 0,
            rate,
        }
    }

    fn absorb(&mut self, mut data: &[u8]) {
        while !data.is_empty() {
            let n = core::cmp::min(self.rate - self.pos, data.len());
            let (block, rest) = data.split_at(n);
            xor_bytes(&mut self.state, self.pos, block);
            self.pos += n;
            if self.pos == self.rate {
                keccak_f1600(&mut self.state);
                self.pos = 0;
            }
            data = rest;
        }
    }

    /// Appends the domain suffix and `pad10*1`, and runs the final absorbing permutation.
    fn pad_and_permute(&mut self, suffix: u8) {
        xor_bytes(&mut self.state, self.pos, &[suffix]);
        xor_bytes(&mut self.state, self.rate - 1, &[0x80]);
        keccak_f1600(&mut self.state);
        self.pos = 0;
    }
}

/// SHA3-512 of `data` (FIPS 202 section 6.1).
pub fn sha3_512(data: &[u8]) -> [u8; 64] {
    let mut sponge = Sponge::new(SHA3_512_RATE);
    sponge.absorb(data);
    sponge.pad_and_permute(SHA3_SUFFIX);
    // 64 < 72 bytes of rate: a single squeeze block suffices.
    let mut out = [0u8; 64];
    read_bytes(&sponge.state, 0, &mut out);
    out
}

/// An incremental SHAKE256 (FIPS 202 section 6.2) in its absorbing phase.
#[derive(Clone)]
pub struct Shake256 {
    sponge: Sponge,
}

impl Default for Shake256 {
    fn default() -> Self {
        Shake256::new()
    }
}

impl core::fmt::Debug for Shake256 {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Shake256 { .. }")
    }
}

impl Shake256 {
    /// A SHAKE256 instance that has absorbed nothing.
    pub const fn new() -> Self {
        Shake256 {
            sponge: Sponge::new(SHAKE256_RATE),
        }
    }

    /// Absorbs `data`; successive calls absorb the concatenation of their inputs.
    pub fn update(&mut self, data: &[u8]) {
        self.sponge.absorb(data);
    }

    /// Ends the input and returns a reader over the (unbounded) output stream.
    pub fn finalize_xof(self) -> Shake256Reader {
        let mut sponge = self.sponge;
        sponge.pad_and_permute(SHAKE_SUFFIX);
        Shake256Reader { sponge }
    }
}

/// The squeezing phase of [`Shake256`]: an output stream read front to back.
#[derive(Clone)]
pub struct Shake256Reader {
    /// `sponge.pos` is the number of bytes of the current output block already handed out.
    sponge: Sponge,
}

impl core::fmt::Debug for Shake256Reader {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Shake256Reader { .. }")
    }
}

impl Shake256Reader {
    /// Fills `out` with the next `out.len()` bytes of the output stream: reading `a` then `b`
    /// bytes yields the same bytes as reading `a + b` at once.
    pub fn read(&mut self, out: &mut [u8]) {
        let sponge = &mut self.sponge;
        let mut out = out;
        while !out.is_empty() {
            if sponge.pos == sponge.rate {
                keccak_f1600(&mut sponge.state);
                sponge.pos = 0;
            }
            let n = core::cmp::min(sponge.rate - sponge.pos, out.len());
            let (block, rest) = out.split_at_mut(n);
            read_bytes(&sponge.state, sponge.pos, block);
            sponge.pos += n;
            out = rest;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::hex;
    use std::vec;
    use std::vec::Vec;

    // SHA3-512 values: NIST "Cryptographic Standards and Guidelines: Example Values"
    // (SHA3-512_Msg0.pdf, SHA3-512_1600.pdf) and FIPS 202 / NIST CSRC examples for "abc".

    #[test]
    fn sha3_512_of_the_empty_string_matches_nist() {
        assert_eq!(
            sha3_512(b"").to_vec(),
            hex(
                "a69f73cca23a9ac5c8b567dc185a756e97c982164fe25859e0d1dcc1475c80a6
                 15b2123af1f5f94c11e3e9402c3ac558f500199d95b6d3e301758586281dcd26"
            )
        );
    }

    #[test]
    fn sha3_512_of_abc_matches_nist() {
        assert_eq!(
            sha3_512(b"abc").to_vec(),
            hex(
                "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e
                 10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0"
            )
        );
    }

    #[test]
    fn sha3_512_of_200_bytes_of_a3_matches_nist() {
        // 1600-bit message 0xA3 * 200: spans two blocks plus 56 bytes of a third.
        assert_eq!(
            sha3_512(&[0xa3u8; 200]).to_vec(),
            hex(
                "e76dfad22084a8b1467fcf2ffa58361bec7628edf5f3fdc0e4805dc48caeeca8
                 1b7c13c30adf52a3659584739a2df46be589c51ca1a4a8416df6545a1ce8ba00"
            )
        );
    }

    #[test]
    fn sha3_512_pads_correctly_at_block_boundaries() {
        // Lengths rate - 1 (both padding bytes on one position), rate and rate + 1: the
        // one-shot value must equal what an incremental sponge absorbing byte by byte gives.
        for len in [71usize, 72, 73, 143, 144, 145] {
            let msg: Vec<u8> = (0..len).map(|i| (i * 7 + 1) as u8).collect();
            let mut s = Sponge::new(SHA3_512_RATE);
            for b in msg.iter() {
                s.absorb(core::slice::from_ref(b));
            }
            s.pad_and_permute(SHA3_SUFFIX);
            let mut out = [0u8; 64];
            read_bytes(&s.state, 0, &mut out);
            assert_eq!(sha3_512(&msg), out, "len {}", len);
        }
    }

    #[test]
    fn shake256_of_the_empty_string_matches_nist() {
        // NIST example values (SHAKE256_Msg0.pdf), first 64 output bytes.
        let mut out = [0u8; 64];
        Shake256::new().finalize_xof().read(&mut out);
        assert_eq!(
            out.to_vec(),
            hex(
                "46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762f
                 d75dc4ddd8c0f200cb05019d67b592f6fc821c49479ab48640292eacb3b7c4be"
            )
        );
    }

    #[test]
    fn shake256_of_200_bytes_of_a3_matches_nist() {
        // NIST example values (SHAKE256_Msg1600.pdf), first 32 output bytes.
        let mut h = Shake256::new();
        h.update(&[0xa3u8; 200]);
        let mut out = [0u8; 32];
        h.finalize_xof().read(&mut out);
        assert_eq!(
            out.to_vec(),
            hex("cd8a920ed141aa0407a22d59288652e9d9f1a7ee0c1e7c1ca699424da84a904d")
        );
    }

    #[test]
    fn shake256_streaming_reads_at_odd_boundaries_equal_one_read() {
        let mut h = Shake256::new();
        h.update(b"GeneratorsChain");
        h.update(b"some label");
        let reader = h.finalize_xof();

        let mut whole = vec![0u8; 1000];
        reader.clone().read(&mut whole);

        for splits in [
            &[1usize, 135, 1, 136, 137, 3][..],
            &[7, 129, 300, 0, 64],
            &[136, 136, 136],
        ] {
            let mut r = reader.clone();
            let mut got = vec![0u8; 1000];
            let mut at = 0;
            for &n in splits.iter() {
                r.read(&mut got[at..at + n]);
                at += n;
            }
            r.read(&mut got[at..]);
            assert_eq!(got, whole, "splits {:?}", splits);
        }
    }

    #[test]
    fn shake256_incremental_updates_equal_one_update() {
        let msg: Vec<u8> = (0..500u32).map(|i| (i * 31) as u8).collect();
        let mut one = Shake256::new();
        one.update(&msg);
        let mut want = [0u8; 80];
        one.finalize_xof().read(&mut want);

        for split in [0usize, 1, 135, 136, 137, 271, 499] {
            let mut two = Shake256::new();
            two.update(&msg[..split]);
            two.update(&msg[split..]);
            let mut got = [0u8; 80];
            two.finalize_xof().read(&mut got);
            assert_eq!(got, want, "split {}", split);
        }
    }
}
