//! Aggregated range proofs: m values, each proven to lie in [0, 2ⁿ), in one proof.
//!
//! This follows the dalek `bulletproofs` crate (v1.0+) step by step, so that proofs verify in
//! both directions. Byte layout (`RangeProof::to_bytes`): `A S T_1 T_2 t_x t_x_blinding
//! e_blinding` (32 bytes each) followed by the inner-product proof, (2·log2(n·m) + 9)·32 bytes in
//! all.
//!
//! Verification is split in two: [`RangeProof::prepare`] replays the transcript and decodes the
//! points of one proof; [`crate::batch`] checks any number of prepared proofs with one
//! multiscalar multiplication.

use zkedge_curve25519::msm::ct_multiscalar_mul;
use zkedge_curve25519::ristretto::{CompressedRistretto, RistrettoPoint};
use zkedge_curve25519::scalar::Scalar;
use zkedge_transcript::merlin::Transcript;

use crate::generators::{BulletproofGens, PedersenGens};
use crate::inner_product::{inner_product, read32, read_scalar, InnerProductProof, IppChallenges};
use crate::random::ScalarStream;
use crate::transcript::TranscriptProtocol;
use crate::{
    is_supported_bits, is_supported_parties, ProofError, MAX_GENERATORS, MAX_PARTIES, MAX_ROUNDS,
};

/// A range proof in the dalek crate's form.
#[derive(Copy, Clone, Debug)]
pub struct RangeProof {
    A: CompressedRistretto,
    S: CompressedRistretto,
    T_1: CompressedRistretto,
    T_2: CompressedRistretto,
    t_x: Scalar,
    t_x_blinding: Scalar,
    e_blinding: Scalar,
    ipp: InnerProductProof,
}

/// A proof whose transcript has been replayed and whose points have been decoded: everything the
/// combined check needs, in a fixed-size value.
#[derive(Copy, Clone, Debug)]
pub struct PreparedRangeProof {
    pub(crate) n: usize,
    pub(crate) m: usize,
    /// A, S, T_1, T_2, then L_0…L_{k−1}, R_0…R_{k−1}, then V_0…V_{m−1}.
    pub(crate) points: [RistrettoPoint; PREPARED_POINTS],
    pub(crate) y: Scalar,
    pub(crate) z: Scalar,
    pub(crate) x: Scalar,
    pub(crate) w: Scalar,
    pub(crate) t_x: Scalar,
    pub(crate) t_x_blinding: Scalar,
    pub(crate) e_blinding: Scalar,
    pub(crate) a: Scalar,
    pub(crate) b: Scalar,
    pub(crate) ipp: IppChallenges,
}

/// The most points one proof contributes besides the shared generators.
pub const PREPARED_POINTS: usize = 4 + 2 * MAX_ROUNDS + MAX_PARTIES;

impl PreparedRangeProof {
    /// The number of proof-specific points (4 + 2·rounds + m).
    pub fn point_count(&self) -> usize {
        4 + 2 * self.ipp.rounds + self.m
    }
}

impl RangeProof {
    /// The encoded size of a proof for m values of n bits.
    pub fn serialized_size(n: usize, m: usize) -> usize {
        7 * 32 + InnerProductProof::serialized_size(log2(n * m))
    }

    /// Parses the dalek layout. Rejects lengths that are not a multiple of 32 or do not fit, and
    /// non-canonical scalars.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ProofError> {
        if bytes.len() % 32 != 0 || bytes.len() < 7 * 32 {
            return Err(ProofError::Format);
        }
        Ok(RangeProof {
            A: CompressedRistretto(read32(bytes, 0)),
            S: CompressedRistretto(read32(bytes, 1)),
            T_1: CompressedRistretto(read32(bytes, 2)),
            T_2: CompressedRistretto(read32(bytes, 3)),
            t_x: read_scalar(bytes, 4)?,
            t_x_blinding: read_scalar(bytes, 5)?,
            e_blinding: read_scalar(bytes, 6)?,
            ipp: InnerProductProof::from_bytes(&bytes[7 * 32..])?,
        })
    }

    /// Writes the dalek layout into `out`, returning the number of bytes written.
    pub fn to_bytes(&self, out: &mut [u8]) -> Result<usize, ProofError> {
        if out.len() < 7 * 32 {
            return Err(ProofError::BufferTooSmall);
        }
        out[0..32].copy_from_slice(self.A.as_bytes());
        out[32..64].copy_from_slice(self.S.as_bytes());
        out[64..96].copy_from_slice(self.T_1.as_bytes());
        out[96..128].copy_from_slice(self.T_2.as_bytes());
        out[128..160].copy_from_slice(&self.t_x.to_bytes());
        out[160..192].copy_from_slice(&self.t_x_blinding.to_bytes());
        out[192..224].copy_from_slice(&self.e_blinding.to_bytes());
        Ok(7 * 32 + self.ipp.to_bytes(&mut out[7 * 32..])?)
    }

    /// Replays the verifier's transcript for `commitments` (one per value) and decodes every
    /// point, as the first half of dalek's `verify_multiple`.
    pub fn prepare(
        &self,
        transcript: &mut Transcript,
        commitments: &[CompressedRistretto],
        n: usize,
    ) -> Result<PreparedRangeProof, ProofError> {
        self.prepare_inner(transcript, commitments, None, n)
    }

    /// [`Self::prepare`] for commitments whose points the caller already has:
    /// `commitment_points[j]` must be the point that `commitments[j]` encodes (the zkedge
    /// statement derives both), and is not decoded again.
    pub fn prepare_with_points(
        &self,
        transcript: &mut Transcript,
        commitments: &[CompressedRistretto],
        commitment_points: &[RistrettoPoint],
        n: usize,
    ) -> Result<PreparedRangeProof, ProofError> {
        if commitment_points.len() != commitments.len() {
            return Err(ProofError::Format);
        }
        self.prepare_inner(transcript, commitments, Some(commitment_points), n)
    }

    fn prepare_inner(
        &self,
        transcript: &mut Transcript,
        commitments: &[CompressedRistretto],
        commitment_points: Option<&[RistrettoPoint]>,
        n: usize,
    ) -> Result<PreparedRangeProof, ProofError> {
        let m = commitments.len();
        if !is_supported_bits(n) || !is_supported_parties(m) {
            return Err(ProofError::Unsupported);
        }
        if self.ipp.rounds != log2(n * m) {
            return Err(ProofError::Format);
        }
        transcript.rangeproof_domain_sep(n as u64, m as u64);
        for V in commitments {
            // Commitments may be the identity (value 0, blinding 0), as in dalek.
            transcript.append_point(b"V", V);
        }
        transcript.validate_and_append_point(b"A", &self.A)?;
        transcript.validate_and_append_point(b"S", &self.S)?;
        let y = transcript.challenge_scalar(b"y");
        let z = transcript.challenge_scalar(b"z");
        transcript.validate_and_append_point(b"T_1", &self.T_1)?;
        transcript.validate_and_append_point(b"T_2", &self.T_2)?;
        let x = transcript.challenge_scalar(b"x");
        transcript.append_scalar(b"t_x", &self.t_x);
        transcript.append_scalar(b"t_x_blinding", &self.t_x_blinding);
        transcript.append_scalar(b"e_blinding", &self.e_blinding);
        let w = transcript.challenge_scalar(b"w");
        let ipp = self.ipp.challenges(n * m, transcript)?;

        let mut points = [RistrettoPoint::identity(); PREPARED_POINTS];
        points[0] = decompress(&self.A)?;
        points[1] = decompress(&self.S)?;
        points[2] = decompress(&self.T_1)?;
        points[3] = decompress(&self.T_2)?;
        let rounds = ipp.rounds;
        for j in 0..rounds {
            points[4 + j] = decompress(&self.ipp.L_vec[j])?;
            points[4 + rounds + j] = decompress(&self.ipp.R_vec[j])?;
        }
        for (j, V) in commitments.iter().enumerate() {
            points[4 + 2 * rounds + j] = match commitment_points {
                Some(known) => known[j],
                None => decompress(V)?,
            };
        }
        Ok(PreparedRangeProof {
            n,
            m,
            points,
            y,
            z,
            x,
            w,
            t_x: self.t_x,
            t_x_blinding: self.t_x_blinding,
            e_blinding: self.e_blinding,
            a: self.ipp.a,
            b: self.ipp.b,
            ipp,
        })
    }

    /// Proves that each `values[j]` lies in [0, 2ⁿ), committed with `blindings[j]`.
    ///
    /// Returns the proof and the commitments Vⱼ = vⱼ·B + γⱼ·B_blinding. Every blinding the
    /// protocol needs is drawn from `randomness`, in a fixed order, so that a seed reproduces a
    /// proof. Constant-time in the values and blindings; a value out of range is refused (this
    /// reveals only that the request was refused).
    pub fn prove(
        bp_gens: &BulletproofGens,
        pc_gens: &PedersenGens,
        transcript: &mut Transcript,
        values: &[u64],
        blindings: &[Scalar],
        n: usize,
        randomness: &mut ScalarStream,
    ) -> Result<(RangeProof, [CompressedRistretto; MAX_PARTIES]), ProofError> {
        let m = values.len();
        if !is_supported_bits(n) || !is_supported_parties(m) || blindings.len() != m {
            return Err(ProofError::Unsupported);
        }
        for v in values {
            if n < 64 && (v >> n) != 0 {
                return Err(ProofError::ValueOutOfRange);
            }
        }
        let nm = n * m;
        transcript.rangeproof_domain_sep(n as u64, m as u64);
        let V = value_commitments(pc_gens, transcript, values, blindings);

        let a_blinding = randomness.next_scalar();
        let mut vectors = ProverVectors::new();
        let ProverVectors { a_L, s_L, s_R, l, r, r1 } = &mut vectors;
        let A = bit_commitment(bp_gens, pc_gens, values, n, &a_blinding, &mut a_L[..nm]);

        let s_blinding = randomness.next_scalar();
        for k in 0..nm {
            s_L[k] = randomness.next_scalar();
            s_R[k] = randomness.next_scalar();
        }
        let S = commit_vectors(bp_gens, pc_gens, n, &s_blinding, &s_L[..nm], &s_R[..nm]);

        transcript.append_point(b"A", &A);
        transcript.append_point(b"S", &S);
        let y = transcript.challenge_scalar(b"y");
        let z = transcript.challenge_scalar(b"z");

        vector_polynomials(
            n,
            &y,
            &z,
            &a_L[..nm],
            &s_R[..nm],
            &mut l[..nm],
            &mut r[..nm],
            &mut r1[..nm],
        );
        let (T_1, T_2, t_x, t_x_blinding, e_blinding, ipp) = open_polynomial(
            bp_gens,
            pc_gens,
            transcript,
            randomness,
            n,
            (&y, &z),
            blindings,
            (&a_blinding, &s_blinding),
            (&mut l[..nm], &mut r[..nm], &r1[..nm], &s_L[..nm]),
        );
        let proof = RangeProof {
            A,
            S,
            T_1,
            T_2,
            t_x,
            t_x_blinding,
            e_blinding,
            ipp,
        };
        Ok((proof, V))
    }
}

/// The prover's second and third moves: commits to t(X)'s coefficients (T_1, T_2), evaluates
/// at the challenge x, and proves the inner product of l(x) and r(x). Returns
/// (T_1, T_2, t_x, t_x_blinding, e_blinding, inner-product proof).
#[inline(never)]
#[allow(clippy::too_many_arguments, clippy::type_complexity)]
fn open_polynomial(
    bp_gens: &BulletproofGens,
    pc_gens: &PedersenGens,
    transcript: &mut Transcript,
    randomness: &mut ScalarStream,
    n: usize,
    (y, z): (&Scalar, &Scalar),
    blindings: &[Scalar],
    (a_blinding, s_blinding): (&Scalar, &Scalar),
    (l, r, r1, s_L): (&mut [Scalar], &mut [Scalar], &[Scalar], &[Scalar]),
) -> (
    CompressedRistretto,
    CompressedRistretto,
    Scalar,
    Scalar,
    Scalar,
    InnerProductProof,
) {
    let (t1, t2) = t_coefficients(l, r, r1, s_L);
    let t_1_blinding = randomness.next_scalar();
    let t_2_blinding = randomness.next_scalar();
    let T_1 = pc_gens.commit(&t1, &t_1_blinding).compress();
    let T_2 = pc_gens.commit(&t2, &t_2_blinding).compress();
    transcript.append_point(b"T_1", &T_1);
    transcript.append_point(b"T_2", &T_2);
    let x = transcript.challenge_scalar(b"x");

    add_scaled(l, s_L, &x);
    add_scaled(r, r1, &x);
    let t_x = inner_product(l, r);
    let t_x_blinding = t_x_blinding(blindings, z, &x, &t_1_blinding, &t_2_blinding);
    let e_blinding = a_blinding + s_blinding * x;
    transcript.append_scalar(b"t_x", &t_x);
    transcript.append_scalar(b"t_x_blinding", &t_x_blinding);
    transcript.append_scalar(b"e_blinding", &e_blinding);
    let w = transcript.challenge_scalar(b"w");
    let Q = pc_gens.B.mul_vartime(&w);
    let ipp = inner_product_proof(bp_gens, transcript, n, &Q, y, l, r);
    (T_1, T_2, t_x, t_x_blinding, e_blinding, ipp)
}

/// The prover's working vectors, kept together so that one call zeroes them all.
struct ProverVectors {
    a_L: [Scalar; MAX_GENERATORS],
    s_L: [Scalar; MAX_GENERATORS],
    s_R: [Scalar; MAX_GENERATORS],
    l: [Scalar; MAX_GENERATORS],
    r: [Scalar; MAX_GENERATORS],
    r1: [Scalar; MAX_GENERATORS],
}

impl ProverVectors {
    #[inline(never)]
    fn new() -> Self {
        ProverVectors {
            a_L: [Scalar::ZERO; MAX_GENERATORS],
            s_L: [Scalar::ZERO; MAX_GENERATORS],
            s_R: [Scalar::ZERO; MAX_GENERATORS],
            l: [Scalar::ZERO; MAX_GENERATORS],
            r: [Scalar::ZERO; MAX_GENERATORS],
            r1: [Scalar::ZERO; MAX_GENERATORS],
        }
    }
}

/// Vⱼ = vⱼ·B + γⱼ·B̃, each appended to the transcript.
#[inline(never)]
fn value_commitments(
    pc_gens: &PedersenGens,
    transcript: &mut Transcript,
    values: &[u64],
    blindings: &[Scalar],
) -> [CompressedRistretto; MAX_PARTIES] {
    let mut V = [CompressedRistretto::default(); MAX_PARTIES];
    for j in 0..values.len() {
        V[j] = pc_gens
            .commit(&Scalar::from_u64(values[j]), &blindings[j])
            .compress();
        transcript.append_point(b"V", &V[j]);
    }
    V
}

/// A = α·B̃ + Σₖ (bitₖ ? Gₖ : −Hₖ), i.e. ⟨a_L, G⟩ + ⟨a_R, H⟩ with a_R = a_L − 1, selected in
/// constant time. Fills `a_L` with the bits.
#[inline(never)]
fn bit_commitment(
    bp_gens: &BulletproofGens,
    pc_gens: &PedersenGens,
    values: &[u64],
    n: usize,
    a_blinding: &Scalar,
    a_L: &mut [Scalar],
) -> CompressedRistretto {
    let mut A = pc_gens.B_blinding.mul_ct(a_blinding);
    for k in 0..a_L.len() {
        let bit = ((values[k / n] >> (k % n)) & 1) as u8;
        a_L[k] = Scalar::from_u64(bit as u64);
        let minus_h = -*bp_gens.H_flat(n, k);
        A += RistrettoPoint::conditional_select(&minus_h, bp_gens.G_flat(n, k), bit);
    }
    A.compress()
}

/// The constant and linear coefficients of l(X) and r(X):
/// l = a_L − z·1, r = yⁿᵐ∘(a_R + z·1) + z^{2+j}·2ⁱ (position k = j·n + i), r1 = yⁿᵐ∘s_R.
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn vector_polynomials(
    n: usize,
    y: &Scalar,
    z: &Scalar,
    a_L: &[Scalar],
    s_R: &[Scalar],
    l: &mut [Scalar],
    r: &mut [Scalar],
    r1: &mut [Scalar],
) {
    let mut exp_y = Scalar::ONE;
    let mut z_block = z * z;
    let mut exp_2 = Scalar::ONE;
    for k in 0..a_L.len() {
        if k > 0 && k % n == 0 {
            z_block *= z;
            exp_2 = Scalar::ONE;
        }
        let a_R = a_L[k] - Scalar::ONE;
        l[k] = a_L[k] - z;
        r[k] = exp_y * (a_R + z) + z_block * exp_2;
        r1[k] = exp_y * s_R[k];
        exp_y *= y;
        exp_2 = exp_2 + exp_2;
    }
}

/// t1 and t2 of t(X) = ⟨l(X), r(X)⟩ = t0 + t1·X + t2·X², where l(X) = l + s_L·X and
/// r(X) = r + r1·X.
#[inline(never)]
fn t_coefficients(l: &[Scalar], r: &[Scalar], r1: &[Scalar], s_L: &[Scalar]) -> (Scalar, Scalar) {
    let t1 = inner_product(l, r1) + inner_product(s_L, r);
    let t2 = inner_product(s_L, r1);
    (t1, t2)
}

/// The blinding of t(x): z²·Σⱼ zʲ·γⱼ + τ₁·x + τ₂·x².
#[inline(never)]
fn t_x_blinding(
    blindings: &[Scalar],
    z: &Scalar,
    x: &Scalar,
    tau_1: &Scalar,
    tau_2: &Scalar,
) -> Scalar {
    let mut sum = Scalar::ZERO;
    let mut z_j = Scalar::ONE;
    for gamma in blindings {
        sum += z_j * gamma;
        z_j *= z;
    }
    z * z * sum + (tau_1 + tau_2 * x) * x
}

/// vᵢ ← vᵢ + wᵢ·x.
#[inline(never)]
fn add_scaled(v: &mut [Scalar], w: &[Scalar], x: &Scalar) {
    for (vi, wi) in v.iter_mut().zip(w.iter()) {
        *vi += wi * x;
    }
}

/// The inner-product proof for ⟨l, r⟩ over G and H' = y^{−k}·H, with Q = w·B.
#[inline(never)]
fn inner_product_proof(
    bp_gens: &BulletproofGens,
    transcript: &mut Transcript,
    n: usize,
    Q: &RistrettoPoint,
    y: &Scalar,
    l: &mut [Scalar],
    r: &mut [Scalar],
) -> InnerProductProof {
    let nm = l.len();
    let mut h_factors = [Scalar::ZERO; MAX_GENERATORS];
    let y_inv = y.invert();
    let mut exp_y_inv = Scalar::ONE;
    let mut G = [RistrettoPoint::identity(); MAX_GENERATORS];
    let mut H = [RistrettoPoint::identity(); MAX_GENERATORS];
    for k in 0..nm {
        h_factors[k] = exp_y_inv;
        exp_y_inv *= y_inv;
        G[k] = *bp_gens.G_flat(n, k);
        H[k] = *bp_gens.H_flat(n, k);
    }
    InnerProductProof::create(
        transcript,
        Q,
        &h_factors[..nm],
        &mut G[..nm],
        &mut H[..nm],
        l,
        r,
    )
}

/// ρ·B̃ + ⟨s_L, G⟩ + ⟨s_R, H⟩ in constant time.
#[inline(never)]
fn commit_vectors(
    bp_gens: &BulletproofGens,
    pc_gens: &PedersenGens,
    n: usize,
    blinding: &Scalar,
    s_L: &[Scalar],
    s_R: &[Scalar],
) -> CompressedRistretto {
    let nm = s_L.len();
    let mut scalars = [Scalar::ZERO; 2 * MAX_GENERATORS + 1];
    let mut points = [RistrettoPoint::identity(); 2 * MAX_GENERATORS + 1];
    for k in 0..nm {
        scalars[k] = s_L[k];
        points[k] = *bp_gens.G_flat(n, k);
        scalars[nm + k] = s_R[k];
        points[nm + k] = *bp_gens.H_flat(n, k);
    }
    scalars[2 * nm] = *blinding;
    points[2 * nm] = pc_gens.B_blinding;
    ct_multiscalar_mul(&scalars[..2 * nm + 1], &points[..2 * nm + 1]).compress()
}

fn decompress(point: &CompressedRistretto) -> Result<RistrettoPoint, ProofError> {
    point.decompress().ok_or(ProofError::Format)
}

/// log2 of a power of two.
pub(crate) fn log2(x: usize) -> usize {
    x.trailing_zeros() as usize
}

/// δ(y, z) = (z − z²)·⟨1, y^{nm}⟩ − z³·⟨1, 2ⁿ⟩·Σⱼ zʲ (dalek `range_proof::delta`).
pub(crate) fn delta(n: usize, m: usize, y: &Scalar, z: &Scalar) -> Scalar {
    let sum_y = sum_of_powers(y, n * m);
    let sum_2 = if n == 64 {
        Scalar::from_u64(u64::MAX)
    } else {
        Scalar::from_u64((1u64 << n) - 1)
    };
    let sum_z = sum_of_powers(z, m);
    let zz = z * z;
    (z - zz) * sum_y - zz * z * sum_2 * sum_z
}

/// 1 + x + x² + … + x^{count−1}.
///
/// For a power of two 2ᵏ this is (1 + x)(1 + x²)(1 + x⁴)…(1 + x^{2^{k−1}}), built as
/// S₂ = 1 + x and S_{2c} = S_c + x^c·S_c: 2k multiplications instead of 2ᵏ (as in dalek).
fn sum_of_powers(x: &Scalar, count: usize) -> Scalar {
    if count >= 2 && count.is_power_of_two() {
        let mut sum = Scalar::ONE + x;
        let mut factor = *x; // x^c for the current count c
        let mut c = 2;
        while c < count {
            factor = factor * factor;
            sum = sum + factor * sum;
            c *= 2;
        }
        return sum;
    }
    let mut sum = Scalar::ZERO;
    let mut power = Scalar::ONE;
    for _ in 0..count {
        sum += power;
        power *= x;
    }
    sum
}
