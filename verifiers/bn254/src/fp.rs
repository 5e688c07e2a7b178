//! The base field `Fp` and the scalar field `Fr` of BN254 (EIP-196):
//!
//! * `p = 21888242871839275222246405745257275088696311157297823662689037894645226208583`
//! * `r = 21888242871839275222246405745257275088548364400416034343698204186575808495617`
//!
//! Limb constants come from `gen_constants.py` (from the BN parameter `x` only) and are
//! re-derived by the tests.

use crate::backend::montgomery_field;

montgomery_field!(
    /// An element of the base field `Fp` (Montgomery form, see `backend`).
    Fp,
    modulus: [
        0x187cfd47, 0x010460b6, 0x1c72a34f, 0x02d522d0, 0x1585d978, 0x02db40c0, 0x00a6e141,
        0x0e5c2634, 0x0030644e
    ],
    two_modulus: [
        0x10f9fa8e, 0x0208c16d, 0x18e5469e, 0x05aa45a1, 0x0b0bb2f0, 0x05b68181, 0x014dc282,
        0x1cb84c68, 0x0060c89c
    ],
    inv: 0x04866389,
    one: [
        0x157ccc21, 0x141c2758, 0x185230d3, 0x014c0419, 0x0aa36fb9, 0x1d4240ce, 0x11d54c07,
        0x052ac7a8, 0x000dc836
    ],
    r2: [
        0x059bac10, 0x0d1503a3, 0x018016b8, 0x10ab0ca8, 0x02632639, 0x02c0169f, 0x169bfd53,
        0x11869d4c, 0x002a11a6
    ],
    minus_two: [
        0x3c208c16d87cfd45,
        0x97816a916871ca8d,
        0xb85045b68181585d,
        0x30644e72e131a029
    ]
);

montgomery_field!(
    /// An element of the scalar field `Fr` (the group order; Montgomery form).
    Fr,
    modulus: [
        0x10000001, 0x1f0fac9f, 0x0e5c2450, 0x07d090f3, 0x1585d283, 0x02db40c0, 0x00a6e141,
        0x0e5c2634, 0x0030644e
    ],
    two_modulus: [
        0x00000002, 0x1e1f593f, 0x1cb848a1, 0x0fa121e6, 0x0b0ba506, 0x05b68181, 0x014dc282,
        0x1cb84c68, 0x0060c89c
    ],
    inv: 0x0fffffff,
    one: [
        0x0fffff57, 0x1ea70ab4, 0x052c068b, 0x17504f49, 0x0aa8075b, 0x1d4240ce, 0x11d54c07,
        0x052ac7a8, 0x000dc836
    ],
    r2: [
        0x05b69bd4, 0x06170a5a, 0x020cddce, 0x1db6310b, 0x0e54d0ff, 0x1cf855e3, 0x1c15e103,
        0x07d09161, 0x000a054a
    ],
    minus_two: [
        0x43e1f593efffffff,
        0x2833e84879b97091,
        0xb85045b68181585d,
        0x30644e72e131a029
    ]
);

impl Fr {
    /// The canonical integer value as four little-endian 64-bit words (for scalar
    /// multiplication).
    pub fn to_words(&self) -> [u64; 4] {
        let be = self.to_bytes_be();
        let mut w = [0u64; 4];
        for i in 0..4 {
            let mut b = [0u8; 8];
            b.copy_from_slice(&be[8 * (3 - i)..8 * (4 - i)]);
            w[i] = u64::from_be_bytes(b);
        }
        w
    }
}
