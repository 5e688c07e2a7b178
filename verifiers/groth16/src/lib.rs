//! Groth16 verification over BN254, compatible with snarkjs (`groth16`, curve `bn128`), for the
//! zkedge Wasm module (`docs/groth16.md`, `verifiers/ABI.md`).
//!
//! * [`encoding`]: the compact byte encodings of verifying keys, proofs and public inputs, with
//!   canonical decoding (coordinates `< p`, inputs `< r`, points on their curves, `G2` points in
//!   the order-`r` subgroup).
//! * [`key`]: [`PreparedKey`], a verifying key with `e(α, β)` and the Miller-loop lines of `β`,
//!   `γ` and `δ` precomputed, and its byte form for hosts that cache it.
//! * [`verify`]: single verification, `e(A, B) = e(α, β)·e(Σ pubᵢ·ICᵢ, γ)·e(C, δ)`, as one
//!   multi-pairing with one final exponentiation.
//! * [`batch`]: `n` proofs of one key with random weights in `n + 3` Miller loops and one final
//!   exponentiation, bisected on failure so that every answer equals the single-proof answer.
//!
//! `no_std`, no `alloc`, no `unsafe`.
#![no_std]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

#[cfg(test)]
extern crate std;

pub mod batch;
pub mod encoding;
pub mod key;
pub mod verify;

pub use batch::{verify_batch, BatchBuffers, MAX_BATCH};
pub use encoding::{Malformed, Proof, PublicInputs, MAX_PUBLIC_INPUTS, PROOF_LEN};
pub use key::{KeyError, PreparedKey};
pub use verify::{verify_proof, Verdict};

#[cfg(test)]
mod tests;
