//! BN254 (alt_bn128, EIP-196/197) for the zkedge Groth16 verifier: the fields `Fp`, `Fr`, the
//! tower `Fp2 -> Fp6 -> Fp12`, the groups `G1` and `G2` (with canonical decoding and the `G2`
//! subgroup check) and the optimal ate pairing with a multi-pairing that shares one final
//! exponentiation.
//!
//! `no_std`, no `alloc`, no dependencies, no `unsafe`, no `u128`. Designed for
//! `wasm32-unknown-unknown` under Chicory: field elements are nine 29-bit limbs multiplied in
//! `u64` (one `i64.mul` each), small `Copy` structs that stay in locals, and every arithmetic
//! function is small and out of line so that no Wasm function body approaches the JIT limits.
//! Variable time: a verifier only handles public data.
//!
//! Layers, bottom up:
//!
//! ```text
//! backend   Montgomery arithmetic, 9 x 29-bit limbs (macro for Fp and Fr)
//!   |
//! fp (Fp, Fr) -> fp2 -> fp6 -> fp12       constants (Frobenius, twist, loop NAF)
//!   |
//! curve     G1, G2: affine/Jacobian, decoding, ψ and the G2 subgroup check
//!   |
//! pairing   line functions, G2Prepared, multi-Miller loop, final exponentiation
//! ```
#![no_std]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

#[cfg(test)]
extern crate std;

mod backend;
mod constants;
pub mod curve;
pub mod fp;
pub mod fp12;
pub mod fp2;
pub mod fp6;
mod montgomery;
pub mod pairing;

pub use curve::{
    g1_from_bytes, g1_generator, g1_to_bytes, g2_from_bytes, g2_generator, g2_to_bytes,
    DecodeError, G1Affine, G1Jacobian, G2Affine, G2Jacobian,
};
pub use fp::{Fp, Fr};
pub use fp12::Fp12;
pub use fp2::Fp2;
pub use pairing::{
    final_exponentiation, multi_miller_loop, pairing, pairing_product_is_one, G2Prepared,
    LineGeneratorSlot,
};

#[cfg(test)]
mod tests;
