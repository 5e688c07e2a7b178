//! Keccak-based primitives for the zkedge verifiers, with no dependencies, no `alloc` and no
//! `unsafe`.
//!
//! The crate is layered; each layer only uses the one below it:
//!
//! ```text
//!   merlin   Transcript: labelled messages and challenges (Merlin v1.0)
//!     |
//!   strobe   Strobe128: the meta-AD / AD / PRF / KEY subset of STROBE v1.0.2
//!     |
//!   sha3     SHA3-512 and SHAKE256 (FIPS 202 sponges)        (used by the generators)
//!     |
//!   keccak   keccak_f1600 and byte access to the 25-lane state
//! ```
//!
//! The Keccak state is always a `[u64; 25]` with lane `A[x, y]` at index `x + 5 * y`; byte `i`
//! of the FIPS 202 byte string is byte `i % 8` (little-endian) of lane `i / 8`. The sponges and
//! STROBE work on that array in place, so no layer ever copies the state into a byte buffer.
//!
//! Compatibility: [`merlin::Transcript`] produces the same challenges as the `merlin` crate 3.x
//! (checked against its published conformance vectors), [`sha3`] matches the FIPS 202 example
//! values, and [`strobe::Strobe128`] matches the conformance test of `merlin`'s `strobe.rs`.
//!
//! Code size: every function is kept well below 7 KB of Wasm; in particular
//! [`keccak::keccak_f1600`] loops over its 24 rounds instead of unrolling them.

#![no_std]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

#[cfg(test)]
extern crate std;

pub mod keccak;
pub mod merlin;
pub mod sha3;
pub mod strobe;

pub use merlin::Transcript;

#[cfg(test)]
pub(crate) mod test_util {
    use std::vec::Vec;

    /// Decodes a hex string (whitespace ignored); panics on malformed input.
    pub fn hex(s: &str) -> Vec<u8> {
        let digits: Vec<u8> = s
            .bytes()
            .filter(|b| !b.is_ascii_whitespace())
            .map(|b| match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => panic!("bad hex digit"),
            })
            .collect();
        assert_eq!(digits.len() % 2, 0, "odd number of hex digits");
        digits.chunks(2).map(|p| (p[0] << 4) | p[1]).collect()
    }
}
