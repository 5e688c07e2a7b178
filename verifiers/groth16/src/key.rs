//! Verifying keys: decoding the canonical encoding and preparing it for verification.
//!
//! A [`PreparedKey`] holds what every verification with the key needs: `α`, the `IC` points,
//! `e(α, β)` (single verification compares against it), and the Miller-loop lines of `β`
//! (batch verification pairs `β` with a weighted `α`), `γ` and `δ`.
//!
//! # Byte form
//!
//! Hosts prepare a key once ([`PreparedKey::to_bytes`]) and pass the bytes with every batch.
//! All integers little-endian; an `Fp` is its 9 Montgomery limbs as `u32` (36 bytes):
//!
//! ```text
//! "ZKG16PK3"                   8 bytes, format tag
//! u32 nPublic                  ≤ MAX_PUBLIC_INPUTS
//! α                            G1: u8 identity flag (0/1), x, y
//! IC[0] … IC[nPublic]          G1 each
//! tables of IC[1] … IC[nPublic] 8 G1 each: P, 3P, 5P, 7P, Q, 3Q, 5Q, 7Q with P = IC[i],
//!                              Q = [2^128]P (see PreparedKey::ic_tables)
//! e(α, β)                      12 Fp (Fp12 coefficients c0.c0.c0, c0.c0.c1, c0.c1.c0, …)
//! lines(β), lines(γ), lines(δ) 88 lines × (b, c) × Fp2 (c0, c1) each (divided by a: see
//!                              zkedge_bn254::pairing)
//! ```
//!
//! [`PreparedKey::from_bytes`] checks the tag, the length, every limb range and that the `G1`
//! points (the tables' too) are on the curve; the lines, the tables and `e(α, β)` are trusted to come from `to_bytes` of this
//! module version (the host keeps them next to the signed key they were made from).

use zkedge_bn254::fp6::Fp6;
use zkedge_bn254::pairing::{PreparedLine, LINES};
use zkedge_bn254::{
    g1_from_bytes, g2_from_bytes, pairing, DecodeError, Fp, Fp12, Fp2, G1Affine, G1Jacobian,
    G2Prepared,
};

use crate::encoding::{array, MAX_PUBLIC_INPUTS};

/// Why a verifying key was refused.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum KeyError {
    /// The length does not match `nPublic`, or `nPublic` exceeds [`MAX_PUBLIC_INPUTS`].
    Length,
    /// A point does not decode (coordinate `≥ p`, off the curve, `G2` outside the subgroup).
    Point(DecodeError),
    /// `α`, `β`, `γ` or `δ` is the identity.
    Identity,
    /// Prepared-key bytes with a wrong tag, length or value range.
    PreparedBytes,
}

impl From<DecodeError> for KeyError {
    fn from(e: DecodeError) -> KeyError {
        KeyError::Point(e)
    }
}

/// A verifying key ready for verification (about 38 KiB).
#[derive(Clone, Debug)]
pub struct PreparedKey {
    /// Number of public inputs.
    pub n_public: usize,
    /// `α ∈ G1`.
    pub alpha: G1Affine,
    /// `IC[0] … IC[nPublic]`; entries past `n_public` are unused.
    pub ic: [G1Affine; MAX_PUBLIC_INPUTS + 1],
    /// For `IC[1] … IC[nPublic]`, eight affine points each: `P, 3P, 5P, 7P` and
    /// `Q, 3Q, 5Q, 7Q` with `P = IC[i]`, `Q = [2^128]P`. A public input `k = k_lo + 2^128·k_hi`
    /// contributes `k_lo·P + k_hi·Q` ([`G1Jacobian::multi_mul_wnaf_tables`]): half the doublings
    /// of `vk_x`, and no tables to build per verification. Entries past `8·n_public` are unused.
    pub ic_tables: [G1Affine; IC_TABLE_POINTS * MAX_PUBLIC_INPUTS],
    /// `e(α, β)`.
    pub alpha_beta: Fp12,
    /// Lines of `β`.
    pub beta: G2Prepared,
    /// Lines of `γ`.
    pub gamma: G2Prepared,
    /// Lines of `δ`.
    pub delta: G2Prepared,
}

/// Points of [`PreparedKey::ic_tables`] per public input.
pub const IC_TABLE_POINTS: usize = 8;

/// Tag of the prepared-key byte form.
const TAG: &[u8; 8] = b"ZKG16PK3";
const FP_BYTES: usize = 36;
const G1_BYTES: usize = 1 + 2 * FP_BYTES;
const LINES_BYTES: usize = LINES * 4 * FP_BYTES;

/// Length of the canonical verifying-key encoding for `n_public` inputs.
pub const fn key_len(n_public: usize) -> usize {
    4 + 64 + 3 * 128 + (n_public + 1) * 64
}

impl PreparedKey {
    /// Decodes the canonical encoding and prepares it (about one pairing's work).
    pub fn from_key_bytes(bytes: &[u8]) -> Result<PreparedKey, KeyError> {
        if bytes.len() < 4 {
            return Err(KeyError::Length);
        }
        let n = u32::from_be_bytes(array(&bytes[..4])) as usize;
        if n > MAX_PUBLIC_INPUTS || bytes.len() != key_len(n) {
            return Err(KeyError::Length);
        }
        let alpha = g1_from_bytes(&array(&bytes[4..68]))?;
        let beta = g2_from_bytes(&array(&bytes[68..196]))?;
        let gamma = g2_from_bytes(&array(&bytes[196..324]))?;
        let delta = g2_from_bytes(&array(&bytes[324..452]))?;
        let mut ic = [G1Affine::IDENTITY; MAX_PUBLIC_INPUTS + 1];
        for (i, point) in ic.iter_mut().take(n + 1).enumerate() {
            *point = g1_from_bytes(&array(&bytes[452 + 64 * i..]))?;
        }
        if alpha.infinity || beta.infinity || gamma.infinity || delta.infinity {
            return Err(KeyError::Identity);
        }
        let mut ic_tables = [G1Affine::IDENTITY; IC_TABLE_POINTS * MAX_PUBLIC_INPUTS];
        ic_tables_of(&ic[1..n + 1], &mut ic_tables[..IC_TABLE_POINTS * n]);
        Ok(PreparedKey {
            n_public: n,
            alpha,
            ic,
            ic_tables,
            alpha_beta: pairing(&alpha, &beta),
            beta: G2Prepared::new(&beta),
            gamma: G2Prepared::new(&gamma),
            delta: G2Prepared::new(&delta),
        })
    }

    /// Length of the byte form for `n_public` inputs.
    pub const fn bytes_len(n_public: usize) -> usize {
        8 + 4
            + G1_BYTES * (n_public + 2 + IC_TABLE_POINTS * n_public)
            + 12 * FP_BYTES
            + 3 * LINES_BYTES
    }

    /// Writes the byte form (module docs) to `out`, which must be exactly
    /// [`Self::bytes_len`]`(n_public)` long; returns false otherwise.
    pub fn to_bytes(&self, out: &mut [u8]) -> bool {
        if out.len() != Self::bytes_len(self.n_public) {
            return false;
        }
        let mut w = Writer { out, pos: 0 };
        w.bytes(TAG);
        w.bytes(&(self.n_public as u32).to_le_bytes());
        w.g1(&self.alpha);
        for p in &self.ic[..self.n_public + 1] {
            w.g1(p);
        }
        for p in &self.ic_tables[..IC_TABLE_POINTS * self.n_public] {
            w.g1(p);
        }
        for c in fp12_coefficients(&self.alpha_beta) {
            w.fp(&c);
        }
        for prepared in [&self.beta, &self.gamma, &self.delta] {
            for line in prepared.lines.iter() {
                for c in [line.b, line.c] {
                    w.fp(&c.c0);
                    w.fp(&c.c1);
                }
            }
        }
        true
    }

    /// Reads the byte form (module docs).
    pub fn from_bytes(bytes: &[u8]) -> Result<PreparedKey, KeyError> {
        if bytes.len() < 12 || &bytes[..8] != TAG {
            return Err(KeyError::PreparedBytes);
        }
        let n = u32::from_le_bytes(array(&bytes[8..12])) as usize;
        if n > MAX_PUBLIC_INPUTS || bytes.len() != Self::bytes_len(n) {
            return Err(KeyError::PreparedBytes);
        }
        let mut r = Reader { bytes, pos: 12 };
        let alpha = r.g1()?;
        let mut ic = [G1Affine::IDENTITY; MAX_PUBLIC_INPUTS + 1];
        r.g1_points(&mut ic[..n + 1])?;
        let mut ic_tables = [G1Affine::IDENTITY; IC_TABLE_POINTS * MAX_PUBLIC_INPUTS];
        r.g1_points(&mut ic_tables[..IC_TABLE_POINTS * n])?;
        let mut c = [Fp::ZERO; 12];
        for x in c.iter_mut() {
            *x = r.fp()?;
        }
        let alpha_beta = fp12_from_coefficients(&c);
        let mut key = PreparedKey {
            n_public: n,
            alpha,
            ic,
            ic_tables,
            alpha_beta,
            beta: empty_prepared(),
            gamma: empty_prepared(),
            delta: empty_prepared(),
        };
        for prepared in [&mut key.beta, &mut key.gamma, &mut key.delta] {
            r.lines(&mut prepared.lines)?;
        }
        if alpha.infinity {
            return Err(KeyError::PreparedBytes);
        }
        Ok(key)
    }
}

/// [`PreparedKey::ic_tables`] of `points` into `out` (eight entries per point).
fn ic_tables_of(points: &[G1Affine], out: &mut [G1Affine]) {
    let mut both = [G1Affine::IDENTITY; 2 * MAX_PUBLIC_INPUTS];
    for (p, pair) in points.iter().zip(both.chunks_mut(2)) {
        let mut q = p.to_jacobian();
        for _ in 0..128 {
            q = q.double();
        }
        pair[0] = *p;
        pair[1] = q.to_affine();
    }
    G1Jacobian::odd_multiples_table(&both[..2 * points.len()], out);
}

fn empty_prepared() -> G2Prepared {
    G2Prepared {
        lines: [PreparedLine::ZERO; LINES],
        infinity: false,
    }
}

fn fp12_coefficients(f: &Fp12) -> [Fp; 12] {
    let mut out = [Fp::ZERO; 12];
    let parts = [f.c0.c0, f.c0.c1, f.c0.c2, f.c1.c0, f.c1.c1, f.c1.c2];
    for (i, p) in parts.iter().enumerate() {
        out[2 * i] = p.c0;
        out[2 * i + 1] = p.c1;
    }
    out
}

fn fp12_from_coefficients(c: &[Fp; 12]) -> Fp12 {
    let e = |i: usize| Fp2::new(c[2 * i], c[2 * i + 1]);
    Fp12::new(Fp6::new(e(0), e(1), e(2)), Fp6::new(e(3), e(4), e(5)))
}

struct Writer<'a> {
    out: &'a mut [u8],
    pos: usize,
}

impl Writer<'_> {
    fn bytes(&mut self, b: &[u8]) {
        self.out[self.pos..self.pos + b.len()].copy_from_slice(b);
        self.pos += b.len();
    }

    fn fp(&mut self, x: &Fp) {
        for limb in x.to_raw_limbs() {
            self.bytes(&limb.to_le_bytes());
        }
    }

    fn g1(&mut self, p: &G1Affine) {
        self.bytes(&[p.infinity as u8]);
        self.fp(&p.x);
        self.fp(&p.y);
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn fp(&mut self) -> Result<Fp, KeyError> {
        let mut limbs = [0u32; 9];
        for limb in limbs.iter_mut() {
            *limb = u32::from_le_bytes(array(&self.bytes[self.pos..]));
            self.pos += 4;
        }
        Fp::from_raw_limbs(limbs).ok_or(KeyError::PreparedBytes)
    }

    /// Out of line: inlined three times, this loop took `from_bytes` to within a few bytes of
    /// the JVM's 8000-byte limit for compiling a method (the Chicory cliff of `check-wasm.py`).
    #[inline(never)]
    fn lines(&mut self, lines: &mut [PreparedLine; LINES]) -> Result<(), KeyError> {
        for line in lines.iter_mut() {
            line.b = self.fp2()?;
            line.c = self.fp2()?;
        }
        Ok(())
    }

    /// Out of line for the same reason as [`Self::lines`].
    #[inline(never)]
    fn g1_points(&mut self, points: &mut [G1Affine]) -> Result<(), KeyError> {
        for p in points.iter_mut() {
            *p = self.g1()?;
        }
        Ok(())
    }

    fn fp2(&mut self) -> Result<Fp2, KeyError> {
        let c0 = self.fp()?;
        Ok(Fp2::new(c0, self.fp()?))
    }

    fn g1(&mut self) -> Result<G1Affine, KeyError> {
        let flag = self.bytes[self.pos];
        self.pos += 1;
        let x = self.fp()?;
        let y = self.fp()?;
        let p = match flag {
            0 => G1Affine {
                x,
                y,
                infinity: false,
            },
            1 => G1Affine::IDENTITY,
            _ => return Err(KeyError::PreparedBytes),
        };
        if p.is_on_curve() {
            Ok(p)
        } else {
            Err(KeyError::PreparedBytes)
        }
    }
}
