//! The Keccak-f\[1600\] permutation (FIPS 202, section 3) and byte access to its state.
//!
//! # State layout
//!
//! The state is `[u64; 25]`; lane `A[x, y]` (FIPS 202, section 3.1.2) is element `x + 5 * y`.
//! FIPS 202 converts between the state and a 200-byte string lane by lane, little-endian
//! (section 3.1.3 with the bit ordering of appendix B.1), so byte `i` of the string is byte
//! `i % 8` of lane `i / 8`, i.e. `(state[i / 8] >> (8 * (i % 8))) as u8`. The crate-internal
//! helpers below read and write that byte view in place, a whole lane at a time where they can.
//!
//! # Size
//!
//! [`keccak_f1600`] loops over its 24 rounds; only one round is unrolled (by the compiler), which
//! keeps the Wasm function at a few KB while the 25 lanes still live in registers/locals.

/// Number of rounds of Keccak-f\[1600\] (FIPS 202, section 3.4: `12 + 2l` with `l = 6`).
pub const ROUNDS: usize = 24;

/// Round constants `RC[i_r]` of the iota step, derived at compile time by
/// FIPS 202 Algorithm 5 (`rc(t)`, an LFSR over GF(2) with polynomial `x^8 + x^6 + x^5 + x^4 + 1`)
/// and Algorithm 6 (bit `2^j - 1` of `RC[i_r]` is `rc(j + 7 i_r)`).
pub const ROUND_CONSTANTS: [u64; ROUNDS] = round_constants();

/// Rotation offsets of rho, listed along the walk of [`PI_WALK`]: the lane moved at step `t`
/// is rotated by `(t + 1)(t + 2) / 2 mod 64` (FIPS 202 Algorithm 2).
const RHO_OFFSETS: [u32; 24] = rho_pi_tables().0;

/// The lane visited at step `t + 1` of the walk `(x, y) -> (y, 2x + 3y)` that starts at
/// `(1, 0)` (FIPS 202 Algorithm 2, step 3). Pi (Algorithm 3, `A'[x, y] = A[x + 3y, x]`) moves
/// the lane at step `t` of this walk to the lane at step `t + 1`; the walk visits all 24 lanes
/// other than `(0, 0)`, which neither rho nor pi move.
const PI_WALK: [usize; 24] = rho_pi_tables().1;

const fn round_constants() -> [u64; ROUNDS] {
    let mut out = [0u64; ROUNDS];
    // R holds rc's 8-bit register with R[0] in bit 0; rc(t) is R[0] after t steps (R starts at
    // 1, and t runs consecutively over 0..168 since position 2^j - 1 of RC[i_r] uses t = j + 7 i_r).
    let mut r: u32 = 1;
    let mut i_r = 0;
    while i_r < ROUNDS {
        let mut j = 0;
        while j < 7 {
            if r & 1 == 1 {
                out[i_r] |= 1u64 << ((1u32 << j) - 1);
            }
            // R = 0 || R; R[0] ^= R[8]; R[4] ^= R[8]; R[5] ^= R[8]; R[6] ^= R[8]; R = Trunc8(R).
            r <<= 1;
            if r & 0x100 != 0 {
                r ^= 0x100 | 0x71;
            }
            j += 1;
        }
        i_r += 1;
    }
    out
}

const fn rho_pi_tables() -> ([u32; 24], [usize; 24]) {
    let mut rho = [0u32; 24];
    let mut walk = [0usize; 24];
    let (mut x, mut y) = (1usize, 0usize);
    let mut t = 0;
    while t < 24 {
        rho[t] = (((t + 1) * (t + 2) / 2) % 64) as u32;
        let next_y = (2 * x + 3 * y) % 5;
        x = y;
        y = next_y;
        walk[t] = x + 5 * y;
        t += 1;
    }
    (rho, walk)
}

/// Applies Keccak-f\[1600\] (Keccak-p\[1600, 24\], FIPS 202 section 3.4) to `state` in place.
pub fn keccak_f1600(state: &mut [u64; 25]) {
    // Work on a local copy so that the lanes can be kept in registers (Wasm locals) rather
    // than reloaded from memory at every step; it is written back once at the end.
    let mut a = *state;
    for &rc in ROUND_CONSTANTS.iter() {
        round(&mut a, rc);
    }
    *state = a;
}

/// One round `Rnd(A, i_r) = iota(chi(pi(rho(theta(A)))), i_r)` (FIPS 202, section 3.3).
#[inline(always)]
fn round(a: &mut [u64; 25], rc: u64) {
    // theta: C[x] = xor of column x; D[x] = C[x - 1] ^ rot(C[x + 1], 1); A[x, y] ^= D[x].
    let mut c = [0u64; 5];
    for x in 0..5 {
        c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    }
    for x in 0..5 {
        let d = c[(x + 4) % 5] ^ c[(x + 1) % 5].rotate_left(1);
        for y in 0..5 {
            a[x + 5 * y] ^= d;
        }
    }

    // rho and pi together: carry each lane one step along the walk, rotating it on the way.
    // The 24 steps are spelled out (with constant indices into the tables) so that every index
    // into `a` is a constant and the compiler can keep the lanes in registers / Wasm locals; a
    // loop here would index `a` dynamically and force it into memory.
    let mut moving = a[1];
    macro_rules! rho_pi_steps {
        ($($t:literal)*) => {$(
            let displaced = a[PI_WALK[$t]];
            a[PI_WALK[$t]] = moving.rotate_left(RHO_OFFSETS[$t]);
            moving = displaced;
        )*};
    }
    rho_pi_steps!(0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23);
    let _ = moving; // The last lane displaced is A[1, 0], already moved at step 0.

    // chi, row by row: A[x, y] ^= !A[x + 1, y] & A[x + 2, y].
    for y in 0..5 {
        let row = [
            a[5 * y],
            a[5 * y + 1],
            a[5 * y + 2],
            a[5 * y + 3],
            a[5 * y + 4],
        ];
        for x in 0..5 {
            a[5 * y + x] = row[x] ^ (!row[(x + 1) % 5] & row[(x + 2) % 5]);
        }
    }

    // iota.
    a[0] ^= rc;
}

/// XORs `data` into the state's byte view starting at byte `pos`.
///
/// Panics (index out of bounds) if `pos + data.len() > 200`.
pub(crate) fn xor_bytes(state: &mut [u64; 25], pos: usize, data: &[u8]) {
    let mut i = pos;
    let mut data = data;
    // Leading bytes up to the next lane boundary (`i & 7` is `i % 8`).
    while i & 7 != 0 {
        match data.split_first() {
            Some((&b, rest)) => {
                state[i / 8] ^= u64::from(b) << (8 * (i % 8));
                i += 1;
                data = rest;
            }
            None => return,
        }
    }
    // Whole lanes.
    let mut lanes = data.chunks_exact(8);
    for c in &mut lanes {
        state[i / 8] ^= u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        i += 8;
    }
    // Trailing bytes (i is lane-aligned here).
    for (k, &b) in lanes.remainder().iter().enumerate() {
        state[i / 8] ^= u64::from(b) << (8 * k);
    }
}

/// Copies `out.len()` bytes of the state's byte view, starting at byte `pos`, into `out`.
///
/// Panics (index out of bounds) if `pos + out.len() > 200`.
pub(crate) fn read_bytes(state: &[u64; 25], pos: usize, out: &mut [u8]) {
    let mut i = pos;
    let mut out = out;
    while i & 7 != 0 {
        match core::mem::take(&mut out).split_first_mut() {
            Some((b, rest)) => {
                *b = (state[i / 8] >> (8 * (i % 8))) as u8;
                i += 1;
                out = rest;
            }
            None => return,
        }
    }
    let mut lanes = out.chunks_exact_mut(8);
    for c in &mut lanes {
        c.copy_from_slice(&state[i / 8].to_le_bytes());
        i += 8;
    }
    let rest = lanes.into_remainder();
    if !rest.is_empty() {
        let n = rest.len();
        rest.copy_from_slice(&state[i / 8].to_le_bytes()[..n]);
    }
}

/// Sets byte `pos` of the state's byte view to `b`.
#[inline]
pub(crate) fn set_byte(state: &mut [u64; 25], pos: usize, b: u8) {
    let shift = 8 * (pos % 8);
    let lane = &mut state[pos / 8];
    *lane = (*lane & !(0xffu64 << shift)) | (u64::from(b) << shift);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The round constants as listed in the Keccak reference (and e.g. the XKCP sources).
    #[test]
    fn round_constants_match_the_published_list() {
        #[rustfmt::skip]
        let published: [u64; 24] = [
            0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
            0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
            0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
            0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
            0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
            0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
        ];
        assert_eq!(ROUND_CONSTANTS, published);
    }

    #[test]
    fn rho_pi_walk_visits_every_lane_but_the_first_once() {
        let mut seen = [false; 25];
        for &lane in PI_WALK.iter() {
            assert!(!seen[lane]);
            seen[lane] = true;
        }
        assert!(!seen[0]);
        // The walk closes: its last step returns to the start (1, 0).
        assert_eq!(PI_WALK[23], 1);
        // FIPS 202 Table 2: offset of A[0, 2] (lane 10, the first step) is 3, of A[1, 0] is 1.
        assert_eq!((PI_WALK[0], RHO_OFFSETS[0], RHO_OFFSETS[1]), (10, 1, 3));
    }

    /// XKCP `TestVectors/KeccakF-1600-IntermediateValues.txt`: the all-zero state after one
    /// and after two applications of the permutation.
    #[test]
    fn permutation_of_the_zero_state_matches_xkcp() {
        #[rustfmt::skip]
        let expected: [u64; 25] = [
            0xF1258F7940E1DDE7, 0x84D5CCF933C0478A, 0xD598261EA65AA9EE, 0xBD1547306F80494D,
            0x8B284E056253D057, 0xFF97A42D7F8E6FD4, 0x90FEE5A0A44647C4, 0x8C5BDA0CD6192E76,
            0xAD30A6F71B19059C, 0x30935AB7D08FFC64, 0xEB5AA93F2317D635, 0xA9A6E6260D712103,
            0x81A57C16DBCF555F, 0x43B831CD0347C826, 0x01F22F1A11A5569F, 0x05E5635A21D9AE61,
            0x64BEFEF28CC970F2, 0x613670957BC46611, 0xB87C5A554FD00ECB, 0x8C3EE88A1CCF32C8,
            0x940C7922AE3A2614, 0x1841F924A2C509E4, 0x16F53526E70465C2, 0x75F644E97F30A13B,
            0xEAF1FF7B5CECA249,
        ];
        let mut state = [0u64; 25];
        keccak_f1600(&mut state);
        assert_eq!(state, expected);
        keccak_f1600(&mut state);
        assert_eq!(state[0], 0x2D5C954DF96ECB3C);
    }

    #[test]
    fn byte_view_is_little_endian_lanes_at_any_alignment() {
        let mut state = [0u64; 25];
        let data: std::vec::Vec<u8> = (1..=200u32).map(|i| i as u8).collect();
        for start in 0..20 {
            for len in 0..(200 - start) {
                state = [0u64; 25];
                xor_bytes(&mut state, start, &data[..len]);
                for i in 0..200 {
                    let byte = (state[i / 8] >> (8 * (i % 8))) as u8;
                    let want = if i >= start && i < start + len {
                        data[i - start]
                    } else {
                        0
                    };
                    assert_eq!(byte, want, "start {} len {} byte {}", start, len, i);
                }
                let mut back = [0u8; 200];
                read_bytes(&state, start, &mut back[..len]);
                assert_eq!(&back[..len], &data[..len]);
            }
        }
        set_byte(&mut state, 13, 0xAB);
        assert_eq!((state[1] >> 40) as u8, 0xAB);
    }
}
