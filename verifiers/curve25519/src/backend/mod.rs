//! Limb arithmetic: GF(2^255 - 19) with 10 x 25.5-bit limbs (`field`) and integers modulo
//! the group order with 9 x 29-bit limbs in Montgomery form (`scalar`). Only `u32` limbs
//! and `u64` products: no `u128`, which compiles to slow library calls on wasm32.

pub(crate) mod field;
pub(crate) mod scalar;
