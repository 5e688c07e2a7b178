//! The inner-product argument (Bulletproofs §3, with the dalek crate's transcript and layout).
//!
//! Byte layout (dalek `InnerProductProof::to_bytes`): `L_0 R_0 … L_{k-1} R_{k-1} a b`, 32 bytes
//! each, where k = log2 of the vector length.

use zkedge_curve25519::msm::{ct_multiscalar_mul, vartime_multiscalar_mul};
use zkedge_curve25519::ristretto::{CompressedRistretto, RistrettoPoint};
use zkedge_curve25519::scalar::Scalar;
use zkedge_transcript::merlin::Transcript;

use crate::transcript::TranscriptProtocol;
use crate::{ProofError, MAX_GENERATORS, MAX_ROUNDS};

/// An inner-product proof for vectors of length 2^`rounds`.
#[derive(Copy, Clone, Debug)]
pub struct InnerProductProof {
    pub(crate) L_vec: [CompressedRistretto; MAX_ROUNDS],
    pub(crate) R_vec: [CompressedRistretto; MAX_ROUNDS],
    pub(crate) rounds: usize,
    pub(crate) a: Scalar,
    pub(crate) b: Scalar,
}

/// The verifier's view of an inner-product proof's challenges u_j.
#[derive(Copy, Clone, Debug)]
pub struct IppChallenges {
    /// u_j² (they weight L_j).
    pub u_sq: [Scalar; MAX_ROUNDS],
    /// u_j⁻² (they weight R_j).
    pub u_inv_sq: [Scalar; MAX_ROUNDS],
    /// ∏ u_j⁻¹, the first entry of the s vector.
    pub all_inv: Scalar,
    /// The number of rounds, log2 of the vector length.
    pub rounds: usize,
}

impl IppChallenges {
    /// Fills `s[0..2^rounds]` with sᵢ = ∏ⱼ u_j^{±1}, the sign given by bit (rounds−1−j) of i.
    ///
    /// Built incrementally as in the dalek verifier: s₀ = ∏ u_j⁻¹ and sᵢ = s_{i−k}·u²_{rounds−1−lg i}
    /// where k is the highest power of two ≤ i.
    pub fn s_vector(&self, s: &mut [Scalar]) {
        let n = 1usize << self.rounds;
        s[0] = self.all_inv;
        for i in 1..n {
            let lg_i = (usize::BITS - 1 - i.leading_zeros()) as usize;
            let k = 1usize << lg_i;
            s[i] = s[i - k] * self.u_sq[self.rounds - 1 - lg_i];
        }
    }
}

impl InnerProductProof {
    /// Size in bytes of a proof for vectors of length 2^`rounds`.
    pub fn serialized_size(rounds: usize) -> usize {
        (2 * rounds + 2) * 32
    }

    /// Parses dalek's layout, rejecting non-canonical scalars. Points stay compressed; they are
    /// decoded (and checked) by the verifier.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ProofError> {
        if bytes.len() % 32 != 0 {
            return Err(ProofError::Format);
        }
        let elements = bytes.len() / 32;
        if elements < 2 || (elements - 2) % 2 != 0 {
            return Err(ProofError::Format);
        }
        let rounds = (elements - 2) / 2;
        if rounds > MAX_ROUNDS {
            return Err(ProofError::Format);
        }
        let mut proof = InnerProductProof {
            L_vec: [CompressedRistretto::default(); MAX_ROUNDS],
            R_vec: [CompressedRistretto::default(); MAX_ROUNDS],
            rounds,
            a: Scalar::ZERO,
            b: Scalar::ZERO,
        };
        for j in 0..rounds {
            proof.L_vec[j] = CompressedRistretto(read32(bytes, 2 * j));
            proof.R_vec[j] = CompressedRistretto(read32(bytes, 2 * j + 1));
        }
        proof.a = read_scalar(bytes, 2 * rounds)?;
        proof.b = read_scalar(bytes, 2 * rounds + 1)?;
        Ok(proof)
    }

    /// Writes dalek's layout into `out`, returning the number of bytes written.
    pub fn to_bytes(&self, out: &mut [u8]) -> Result<usize, ProofError> {
        let size = Self::serialized_size(self.rounds);
        if out.len() < size {
            return Err(ProofError::BufferTooSmall);
        }
        for j in 0..self.rounds {
            out[64 * j..64 * j + 32].copy_from_slice(self.L_vec[j].as_bytes());
            out[64 * j + 32..64 * j + 64].copy_from_slice(self.R_vec[j].as_bytes());
        }
        let tail = 64 * self.rounds;
        out[tail..tail + 32].copy_from_slice(&self.a.to_bytes());
        out[tail + 32..tail + 64].copy_from_slice(&self.b.to_bytes());
        Ok(size)
    }

    /// Replays the transcript for a proof over vectors of length `n` and returns its challenges.
    pub fn challenges(
        &self,
        n: usize,
        transcript: &mut Transcript,
    ) -> Result<IppChallenges, ProofError> {
        if n != 1usize << self.rounds {
            return Err(ProofError::Format);
        }
        transcript.innerproduct_domain_sep(n as u64);
        let mut u = [Scalar::ZERO; MAX_ROUNDS];
        for j in 0..self.rounds {
            transcript.validate_and_append_point(b"L", &self.L_vec[j])?;
            transcript.validate_and_append_point(b"R", &self.R_vec[j])?;
            u[j] = transcript.challenge_scalar(b"u");
        }
        let mut u_inv = u;
        let mut scratch = [Scalar::ZERO; MAX_ROUNDS];
        Scalar::batch_invert(&mut u_inv[..self.rounds], &mut scratch[..self.rounds]);

        let mut challenges = IppChallenges {
            u_sq: [Scalar::ZERO; MAX_ROUNDS],
            u_inv_sq: [Scalar::ZERO; MAX_ROUNDS],
            all_inv: Scalar::ONE,
            rounds: self.rounds,
        };
        for j in 0..self.rounds {
            challenges.u_sq[j] = u[j].square();
            challenges.u_inv_sq[j] = u_inv[j].square();
            challenges.all_inv *= u_inv[j];
        }
        Ok(challenges)
    }

    /// Proves ⟨a, b⟩ for P = ⟨a, G⟩ + ⟨b, H'⟩ + ⟨a, b⟩·Q, where H'ᵢ = h_factorsᵢ·Hᵢ.
    ///
    /// The slices all have the same power-of-two length ≤ [`MAX_GENERATORS`] and are consumed
    /// (folded in place). `a` and `b` are secret: every product with them is constant-time.
    pub fn create(
        transcript: &mut Transcript,
        Q: &RistrettoPoint,
        h_factors: &[Scalar],
        G: &mut [RistrettoPoint],
        H: &mut [RistrettoPoint],
        a: &mut [Scalar],
        b: &mut [Scalar],
    ) -> InnerProductProof {
        let mut n = G.len();
        debug_assert!(n.is_power_of_two() && n <= MAX_GENERATORS);
        transcript.innerproduct_domain_sep(n as u64);

        let mut proof = InnerProductProof {
            L_vec: [CompressedRistretto::default(); MAX_ROUNDS],
            R_vec: [CompressedRistretto::default(); MAX_ROUNDS],
            rounds: 0,
            a: Scalar::ZERO,
            b: Scalar::ZERO,
        };
        // H' is never materialised: the factors enter the first round's scalars and are folded
        // into the generators with it, which costs nothing extra.
        let mut factors = Some(h_factors);
        while n > 1 {
            let half = n / 2;
            let (a_lo, a_hi) = a[..n].split_at_mut(half);
            let (b_lo, b_hi) = b[..n].split_at_mut(half);
            let (G_lo, G_hi) = G[..n].split_at_mut(half);
            let (H_lo, H_hi) = H[..n].split_at_mut(half);
            let (f_lo, f_hi) = match factors {
                Some(f) => (Some(&f[..half]), Some(&f[half..n])),
                None => (None, None),
            };
            let c_L = inner_product(a_lo, b_hi);
            let c_R = inner_product(a_hi, b_lo);
            let L = cross_term(a_lo, G_hi, b_hi, H_lo, f_lo, &c_L, Q);
            let R = cross_term(a_hi, G_lo, b_lo, H_hi, f_hi, &c_R, Q);

            transcript.append_point(b"L", &L);
            transcript.append_point(b"R", &R);
            proof.L_vec[proof.rounds] = L;
            proof.R_vec[proof.rounds] = R;
            proof.rounds += 1;

            let u = transcript.challenge_scalar(b"u");
            let u_inv = u.invert();
            fold_scalars(a_lo, a_hi, &u, &u_inv);
            fold_scalars(b_lo, b_hi, &u_inv, &u);
            fold_points(G_lo, G_hi, &u_inv, &u, None, None);
            fold_points(H_lo, H_hi, &u, &u_inv, f_lo, f_hi);
            factors = None;
            n = half;
        }
        proof.a = a[0];
        proof.b = b[0];
        proof
    }
}

/// ⟨a, G⟩ + ⟨b∘f, H⟩ + c·Q in constant time (a, b and c are secret), compressed. `f` defaults
/// to all ones.
#[inline(never)]
fn cross_term(
    a: &[Scalar],
    G: &[RistrettoPoint],
    b: &[Scalar],
    H: &[RistrettoPoint],
    f: Option<&[Scalar]>,
    c: &Scalar,
    Q: &RistrettoPoint,
) -> CompressedRistretto {
    let half = a.len();
    let mut scalars = [Scalar::ZERO; MAX_GENERATORS + 1];
    let mut points = [RistrettoPoint::identity(); MAX_GENERATORS + 1];
    for i in 0..half {
        scalars[i] = a[i];
        points[i] = G[i];
        scalars[half + i] = match f {
            Some(f) => b[i] * f[i],
            None => b[i],
        };
        points[half + i] = H[i];
    }
    scalars[2 * half] = *c;
    points[2 * half] = *Q;
    ct_multiscalar_mul(&scalars[..2 * half + 1], &points[..2 * half + 1]).compress()
}

/// loᵢ ← loᵢ·x + hiᵢ·y.
#[inline(never)]
fn fold_scalars(lo: &mut [Scalar], hi: &[Scalar], x: &Scalar, y: &Scalar) {
    for (l, h) in lo.iter_mut().zip(hi.iter()) {
        *l = *l * x + h * y;
    }
}

/// loᵢ ← (x·f_loᵢ)·loᵢ + (y·f_hiᵢ)·hiᵢ, with the factors f defaulting to one. The generators and
/// challenges are public, so this is variable-time.
#[inline(never)]
fn fold_points(
    lo: &mut [RistrettoPoint],
    hi: &[RistrettoPoint],
    x: &Scalar,
    y: &Scalar,
    f_lo: Option<&[Scalar]>,
    f_hi: Option<&[Scalar]>,
) {
    for i in 0..lo.len() {
        let (mut sx, mut sy) = (*x, *y);
        if let (Some(f_lo), Some(f_hi)) = (f_lo, f_hi) {
            sx *= f_lo[i];
            sy *= f_hi[i];
        }
        lo[i] = vartime_multiscalar_mul(&[sx, sy], &[lo[i], hi[i]]);
    }
}

/// ⟨a, b⟩.
pub fn inner_product(a: &[Scalar], b: &[Scalar]) -> Scalar {
    let mut sum = Scalar::ZERO;
    for (x, y) in a.iter().zip(b.iter()) {
        sum += x * y;
    }
    sum
}

pub(crate) fn read32(bytes: &[u8], index: usize) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(&bytes[32 * index..32 * index + 32]);
    out
}

pub(crate) fn read_scalar(bytes: &[u8], index: usize) -> Result<Scalar, ProofError> {
    Scalar::from_canonical_bytes(&read32(bytes, index)).ok_or(ProofError::Format)
}
