//! Derived constants of BN254, printed by `gen_constants.py` from the BN parameter
//! `x = 4965661367192848881` (EIP-197) and checked by the tests (which recompute each one with
//! the field code). `Fp` values are in Montgomery form.

use crate::fp::Fp;
use crate::fp2::Fp2;

/// `ξ^((p-1)/3)`: the twist Frobenius `ψ` multiplies `x̄` by this.
pub(crate) const XI_P_MINUS_1_OVER_3: Fp2 = Fp2::new(
    Fp([
        0x04a59190, 0x06f504d9, 0x0bf870bb, 0x171ffd5c, 0x1ac4d17d, 0x04be36d5, 0x0bceec27,
        0x1a83a513, 0x002492b3,
    ]),
    Fp([
        0x11142ef1, 0x0b31acc7, 0x1d5818bc, 0x180afc17, 0x1a63177e, 0x15765b3b, 0x118f742e,
        0x063a509a, 0x00135e4e,
    ]),
);

/// `ξ^((p-1)/2)`: the twist Frobenius `ψ` multiplies `ȳ` by this.
pub(crate) const XI_P_MINUS_1_OVER_2: Fp2 = Fp2::new(
    Fp([
        0x1b1f0678, 0x0373fb06, 0x13170fbd, 0x185d74b7, 0x0241131f, 0x16e18435, 0x1ef3b6ce,
        0x01f06f02, 0x001d46bd,
    ]),
    Fp([
        0x19a647d5, 0x19fdefab, 0x1d925d1a, 0x0d1f6c5f, 0x08ac6cc5, 0x1fa5621a, 0x134f06fe,
        0x09a72816, 0x0015871d,
    ]),
);

/// `b' = 3/ξ`, the constant of the twist `E': y² = x³ + b'`.
pub(crate) const TWIST_B: Fp2 = Fp2::new(
    Fp([
        0x0b489658, 0x00cfd255, 0x0fdb9a77, 0x02ce89f7, 0x0033a0d4, 0x1a768545, 0x06ee3ddc,
        0x106a7dc1, 0x0019316b,
    ]),
    Fp([
        0x1b9fece0, 0x07ecccd1, 0x1069f1c7, 0x0cdf64f3, 0x0154cbe1, 0x0dd22ac0, 0x06eba4e8,
        0x1929a235, 0x00283739,
    ]),
);

/// `3 b'`.
pub(crate) const TWIST_B3: Fp2 = Fp2::new(
    Fp([
        0x095cc5c1, 0x016b1649, 0x13202c16, 0x05967b15, 0x0b150904, 0x0c884f0e, 0x1423d855,
        0x02e3530f, 0x001b2ff4,
    ]),
    Fp([
        0x01e5cc12, 0x15bda508, 0x18588eb7, 0x00f3e938, 0x18f2b0b4, 0x03bffebe, 0x13752c37,
        0x0ec49a37, 0x0017dd10,
    ]),
);

/// `ξ^(i (p - 1)/6)` for `i = 1..=5`: Frobenius `p^1` on the coefficient of `w^i`.
pub(crate) const FROB1: [Fp2; 5] = [
    Fp2::new(
        Fp([
            0x0a0c2399, 0x1aa2357c, 0x0149b22d, 0x0487bf1b, 0x0b89bb5e, 0x1313c7e1, 0x1d61fdb5,
            0x060c56b5, 0x002e0560,
        ]),
        Fp([
            0x1bc6cc33, 0x177dfb71, 0x161dd8ab, 0x0180969d, 0x058d47f5, 0x1ab975b5, 0x01c26a2d,
            0x1cd88219, 0x00009b83,
        ]),
    ),
    Fp2::new(
        Fp([
            0x04a59190, 0x06f504d9, 0x0bf870bb, 0x171ffd5c, 0x1ac4d17d, 0x04be36d5, 0x0bceec27,
            0x1a83a513, 0x002492b3,
        ]),
        Fp([
            0x11142ef1, 0x0b31acc7, 0x1d5818bc, 0x180afc17, 0x1a63177e, 0x15765b3b, 0x118f742e,
            0x063a509a, 0x00135e4e,
        ]),
    ),
    Fp2::new(
        Fp([
            0x1b1f0678, 0x0373fb06, 0x13170fbd, 0x185d74b7, 0x0241131f, 0x16e18435, 0x1ef3b6ce,
            0x01f06f02, 0x001d46bd,
        ]),
        Fp([
            0x19a647d5, 0x19fdefab, 0x1d925d1a, 0x0d1f6c5f, 0x08ac6cc5, 0x1fa5621a, 0x134f06fe,
            0x09a72816, 0x0015871d,
        ]),
    ),
    Fp2::new(
        Fp([
            0x1081f85e, 0x139a3585, 0x124aed48, 0x034ce260, 0x19e166e5, 0x0b172958, 0x0d2df880,
            0x0de46877, 0x00167751,
        ]),
        Fp([
            0x0f616a78, 0x05940429, 0x181bb386, 0x066e257b, 0x00e66254, 0x0c12b5cd, 0x0ef6c029,
            0x1c2232e3, 0x0006f9f8,
        ]),
    ),
    Fp2::new(
        Fp([
            0x07461d8c, 0x0434a6b0, 0x14f8b697, 0x0b0aa80f, 0x118b92df, 0x0471333d, 0x18c6d066,
            0x07d8f7b0, 0x0010a3f0,
        ]),
        Fp([
            0x1eb54987, 0x08d56d1e, 0x0c80f1d8, 0x1536f380, 0x06b4b4a7, 0x082bcd3c, 0x19349170,
            0x17aea9fc, 0x000817f6,
        ]),
    ),
];

/// `ξ^(i (p² - 1)/6)` for `i = 1..=5`: Frobenius `p^2` on the coefficient of `w^i`.
pub(crate) const FROB2: [Fp2; 5] = [
    Fp2::new(
        Fp([
            0x0e4983b2, 0x0b774393, 0x03d607b6, 0x0fdad48b, 0x1d262e9b, 0x01644f52, 0x11b94d87,
            0x1a3314f3, 0x0024594f,
        ]),
        Fp([
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            0x00000000, 0x00000000,
        ]),
    ),
    Fp2::new(
        Fp([
            0x18ccb791, 0x175b1c3a, 0x0b83d6e2, 0x0e8ed071, 0x1282bee2, 0x04220e84, 0x1fe4017f,
            0x15084d4a, 0x00169119,
        ]),
        Fp([
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            0x00000000, 0x00000000,
        ]),
    ),
    Fp2::new(
        Fp([
            0x03003126, 0x0ce8395e, 0x0420727b, 0x01891eb7, 0x0ae269bf, 0x0598fff2, 0x0ed19539,
            0x09315e8b, 0x00229c18,
        ]),
        Fp([
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            0x00000000, 0x00000000,
        ]),
    ),
    Fp2::new(
        Fp([
            0x0a337995, 0x158d1d23, 0x189c9b98, 0x12fa4e45, 0x185faadc, 0x0176f16d, 0x0eed93ba,
            0x14291140, 0x000c0afe,
        ]),
        Fp([
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            0x00000000, 0x00000000,
        ]),
    ),
    Fp2::new(
        Fp([
            0x1fb045b6, 0x09a9447b, 0x10eecc6c, 0x1446525f, 0x03031a95, 0x1eb9323c, 0x00c2dfc1,
            0x1953d8e9, 0x0019d334,
        ]),
        Fp([
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            0x00000000, 0x00000000,
        ]),
    ),
];

/// `ξ^(i (p³ - 1)/6)` for `i = 1..=5`: Frobenius `p^3` on the coefficient of `w^i`.
pub(crate) const FROB3: [Fp2; 5] = [
    Fp2::new(
        Fp([
            0x0e6a3d3d, 0x0e0034bc, 0x1d2fc927, 0x167e071d, 0x07ccd695, 0x04b45d3d, 0x0e70688e,
            0x1e41c930, 0x00103828,
        ]),
        Fp([
            0x0f4e6b31, 0x05dd85ea, 0x16ca0ad7, 0x19d17c36, 0x1bae3e83, 0x01bf781f, 0x030191b5,
            0x10c0063e, 0x00133cf9,
        ]),
    ),
    Fp2::new(
        Fp([
            0x136caecd, 0x19c70818, 0x1dae30d1, 0x028eb786, 0x0bee8f49, 0x1a51d4be, 0x135c7d00,
            0x11fdec39, 0x000cad5f,
        ]),
        Fp([
            0x06e485d6, 0x1a0e1caf, 0x10aa918b, 0x04618e04, 0x07ab5997, 0x1790c244, 0x06cbab85,
            0x1ee779f9, 0x00266696,
        ]),
    ),
    Fp2::new(
        Fp([
            0x1d5df6cf, 0x1d9065af, 0x095b9391, 0x0a77ae19, 0x1344c658, 0x0bf9bc8b, 0x01b32a72,
            0x0c6bb731, 0x00131d91,
        ]),
        Fp([
            0x1ed6b572, 0x0706710a, 0x1ee04634, 0x15b5b670, 0x0cd96cb2, 0x0335dea6, 0x0d57da42,
            0x04b4fe1d, 0x001add31,
        ]),
    ),
    Fp2::new(
        Fp([
            0x0af866c4, 0x068222a0, 0x1d8c6ce8, 0x0028befb, 0x12de19cc, 0x1193e6ba, 0x09d0a776,
            0x1b6142e1, 0x0014766f,
        ]),
        Fp([
            0x09d402f7, 0x0a994a07, 0x169567b7, 0x09218b7f, 0x1b0b8541, 0x032ce2a0, 0x0f936727,
            0x16ad3976, 0x000baf8c,
        ]),
    ),
    Fp2::new(
        Fp([
            0x0314d9fe, 0x0e0dd877, 0x18eb90b3, 0x06a988e8, 0x0d6b9fe0, 0x025b9f1e, 0x161fcb32,
            0x0ed57bb5, 0x0014445b,
        ]),
        Fp([
            0x1b3b7638, 0x1086ac9c, 0x057c4a00, 0x1b93c320, 0x022ad2d0, 0x0cace295, 0x0226f886,
            0x0ee880a1, 0x0012c9d7,
        ]),
    ),
];

/// `6x + 2` in non-adjacent form, least significant digit first (66 digits, the top one 1):
/// the Miller loop of the optimal ate pairing runs over it.
pub(crate) const ATE_LOOP_NAF: [i8; 66] = [
    0, 0, 0, 1, 0, 1, 0, -1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, -1, 0, 0, 0, 1, 0, -1, 0, 0, 0, 0,
    -1, 0, 0, 1, 0, -1, 0, 0, 1, 0, 0, 0, 0, 0, -1, 0, 0, -1, 0, 1, 0, -1, 0, 0, 0, -1, 0, -1, 0,
    0, 0, 1, 0, -1, 0, 1,
];

/// The BN parameter `x` in width-4 non-adjacent form, least significant digit first (63 digits
/// in `{0, ±1, ±3, ±5, ±7}`, 14 nonzero, the top one 1): the final exponentiation raises to `x`
/// over it (13 products and 3 for the table, against 23 for the plain NAF).
pub(crate) const BN_X_WNAF4: [i8; 63] = [
    1, 0, 0, 0, -1, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, -7, 0, 0, 0, 7, 0, 0, 0, 0, 5, 0, 0, 0, 0, 1,
    0, 0, 0, -3, 0, 0, 0, -5, 0, 0, 0, 5, 0, 0, 0, 0, 3, 0, 0, 0, -3, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0,
    1,
];

/// `6x² = p - r` as little-endian 64-bit words: on `G2`, `ψ` acts as multiplication by it
/// (the tests' reference membership test).
#[cfg(test)]
pub(crate) const SIX_X_SQUARED: [u64; 2] = [0xf83e9682e87cfd46, 0x6f4d8248eeb859fb];
