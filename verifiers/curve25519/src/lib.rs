//! ristretto255 for zkedge: GF(2^255 - 19), scalars modulo the group order, the Edwards
//! curve, the ristretto255 group (RFC 9496) and multiscalar multiplication.
//!
//! `no_std`, no `alloc`, no dependencies, no `unsafe`, no `u128`. Designed for
//! `wasm32-unknown-unknown` run through Chicory (Wasm compiled to JVM bytecode):
//! field elements use ten 32-bit limbs with `u64` products, and field multiplication and
//! squaring are out-of-line functions so that no Wasm function body grows past the size at
//! which the JVM stops compiling it.
//!
//! Stack use: multiscalar multiplication keeps its tables on the stack, at most about
//! 100 KiB (Straus, 64-point chunks), 165 KiB (Pippenger, 1024 buckets) or 165 KiB
//! (fixed-base Straus with 128 variable points); the default wasm32 stack of 1 MiB is enough.
//! Fixed-base tables ([`FixedBaseTable`], 7.5 KiB each) and their digit scratch belong to
//! the caller.
//!
//! Layers, bottom up (as in curve25519-dalek):
//!
//! ```text
//! backend::field  (limbs, carries, bounds)     backend::scalar (29-bit limbs, Montgomery)
//!        |                                              |
//!      field      (inversion, sqrt_ratio_i, constants)  scalar (Scalar: public API)
//!        |                                              |
//!      edwards    (extended / projective / completed / Niels points)
//!        |                                              |
//!      ristretto  (RistrettoPoint, CompressedRistretto: encode, decode, hash-to-group)
//!        |
//!      msm        (Straus, Pippenger, constant-time Straus)
//! ```
#![no_std]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

#[cfg(test)]
extern crate std;

mod backend;
mod edwards;
mod field;
pub mod msm;
pub mod ristretto;
pub mod scalar;

pub use msm::{
    ct_multiscalar_mul, vartime_multiscalar_mul, vartime_multiscalar_mul_fixed, FixedBaseTable,
};
pub use ristretto::{CompressedRistretto, RistrettoPoint, RISTRETTO_BASEPOINT_COMPRESSED};
pub use scalar::Scalar;

#[cfg(test)]
mod tests;
