//! Bulletproofs range proofs (Bünz et al., 2018), wire-compatible with the dalek `bulletproofs`
//! crate (v1.0+: its byte format, its Merlin transcript, its generators and its aggregation), and
//! the zkedge range statement built on them.
//!
//! Layers, from the bottom: [`generators`] (the fixed points), [`transcript`] (the Fiat–Shamir
//! protocol on top of Merlin), [`inner_product`] and [`range_proof`] (the protocol), [`batch`]
//! (many proofs in one multiscalar multiplication) and [`statement`] (what zkedge proves about a
//! sensor reading). Nothing here allocates: sizes are bounded by [`MAX_BITS`] and
//! [`MAX_PARTIES`], and the large working sets of batch verification live in caller-owned
//! buffers.
#![no_std]
#![deny(missing_docs)]
#![allow(non_snake_case)] // A, S, T_1, L_vec … are the paper's names.

#[cfg(test)]
extern crate std;

pub mod batch;
mod errors;
pub mod generators;
pub mod inner_product;
pub mod random;
pub mod range_proof;
pub mod statement;
pub mod transcript;

pub use errors::ProofError;

/// Largest supported bit size n of one value.
pub const MAX_BITS: usize = 64;
/// Largest supported number of aggregated values m.
pub const MAX_PARTIES: usize = 8;
/// Largest n·m: the generator capacity of every table in this crate.
pub const MAX_GENERATORS: usize = MAX_BITS * MAX_PARTIES;
/// log2 of [`MAX_GENERATORS`]: the most (L, R) pairs an inner-product proof can carry.
pub const MAX_ROUNDS: usize = 9;

/// Whether `n` is a supported bit size (8, 16, 32 or 64).
pub fn is_supported_bits(n: usize) -> bool {
    n == 8 || n == 16 || n == 32 || n == 64
}

/// Whether `m` is a supported aggregation size (1, 2, 4 or 8).
pub fn is_supported_parties(m: usize) -> bool {
    m == 1 || m == 2 || m == 4 || m == 8
}
