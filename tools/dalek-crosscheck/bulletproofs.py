"""dalek Bulletproofs range-proof verification (bulletproofs crate v1.0 to v4), step by step.

Follows, in order and with dalek's names:

* src/generators.rs        PedersenGens::default(), GeneratorsChain, BulletproofGens::{G, H}
* src/transcript.rs        TranscriptProtocol (domain separators, validate_and_append_point, ...)
* src/range_proof/mod.rs   RangeProof::from_bytes, RangeProof::verify_multiple_with_rng, delta
* src/inner_product_proof.rs   InnerProductProof::from_bytes, verification_scalars

Errors are dalek's ProofError kinds: FormatError (from_bytes), VerificationError (an identity
point, a point that does not decompress, the wrong inner-product length, or the final check),
InvalidBitsize and InvalidGeneratorsLength.
"""

import hashlib
import secrets
from dataclasses import dataclass

import ristretto
from ristretto import L

FORMAT_ERROR = "FormatError"
VERIFICATION_ERROR = "VerificationError"
INVALID_BITSIZE = "InvalidBitsize"
INVALID_GENERATORS_LENGTH = "InvalidGeneratorsLength"


class ProofError(Exception):
    """A dalek ProofError: ``kind`` is one of the constants above; ``detail`` says which check failed."""

    def __init__(self, kind, detail):
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


# ---------------------------------------------------------------------------------------------
# TranscriptProtocol (src/transcript.rs)

def rangeproof_domain_sep(transcript, n, m):
    transcript.append_message(b"dom-sep", b"rangeproof v1")
    transcript.append_u64(b"n", n)
    transcript.append_u64(b"m", m)


def innerproduct_domain_sep(transcript, n):
    transcript.append_message(b"dom-sep", b"ipp v1")
    transcript.append_u64(b"n", n)


def append_point(transcript, label, compressed):
    transcript.append_message(label, compressed)


def validate_and_append_point(transcript, label, compressed):
    """Refuses the identity (the all-zero encoding), then appends the point's bytes."""
    if compressed == ristretto.IDENTITY_ENCODING:
        raise ProofError(VERIFICATION_ERROR, f"{label.decode()} is the identity")
    transcript.append_message(label, compressed)


def append_scalar(transcript, label, scalar):
    transcript.append_message(label, ristretto.scalar_to_bytes(scalar))


def challenge_scalar(transcript, label):
    return ristretto.scalar_from_bytes_mod_order_wide(transcript.challenge_bytes(label, 64))


# ---------------------------------------------------------------------------------------------
# Generators (src/generators.rs)

class PedersenGens:
    """PedersenGens::default(): B = the basepoint, B_blinding = the one-way map of
    SHA3-512(compressed basepoint)."""

    B = ristretto.BASEPOINT
    B_blinding = ristretto.from_uniform_bytes(hashlib.sha3_512(ristretto.BASEPOINT_ENCODING).digest())


_chains = {}


def generators_chain(label, count):
    """The first ``count`` points of GeneratorsChain::new(label): SHAKE256("GeneratorsChain" || label),
    read 64 bytes at a time, each mapped with from_uniform_bytes. Cached."""
    chain = _chains.get(label, [])
    if len(chain) < count:
        xof = hashlib.shake_256(b"GeneratorsChain" + label).digest(64 * count)
        chain = chain + [ristretto.from_uniform_bytes(xof[64 * i:64 * i + 64]) for i in range(len(chain), count)]
        _chains[label] = chain
    return chain[:count]


class BulletproofGens:
    """BulletproofGens::new(gens_capacity, party_capacity): party j's G and H vectors are the
    chains labelled b"G" || LE32(j) and b"H" || LE32(j)."""

    def __init__(self, gens_capacity, party_capacity):
        self.gens_capacity = gens_capacity
        self.party_capacity = party_capacity

    @staticmethod
    def _party_label(letter, j):
        return letter + j.to_bytes(4, "little")

    def G(self, n, m):
        """G(n, m): party 0's first n, then party 1's first n, ... (n*m points)."""
        return [p for j in range(m) for p in generators_chain(self._party_label(b"G", j), self.gens_capacity)[:n]]

    def H(self, n, m):
        return [p for j in range(m) for p in generators_chain(self._party_label(b"H", j), self.gens_capacity)[:n]]


# ---------------------------------------------------------------------------------------------
# Wire format (RangeProof::from_bytes, InnerProductProof::from_bytes)

def _read32(data, i):
    return data[32 * i:32 * i + 32]


def _canonical_scalar(data, what):
    k = ristretto.scalar_from_canonical_bytes(data)
    if k is None:
        raise ProofError(FORMAT_ERROR, f"{what} is not a canonical scalar")
    return k


@dataclass
class InnerProductProof:
    L_vec: list  # compressed points (bytes), as sent; decompressed only in the final check
    R_vec: list
    a: int
    b: int

    @staticmethod
    def from_bytes(data):
        if len(data) % 32 != 0:
            raise ProofError(FORMAT_ERROR, "inner-product proof length is not a multiple of 32")
        num_elements = len(data) // 32
        if num_elements < 2:
            raise ProofError(FORMAT_ERROR, "inner-product proof has fewer than 2 elements")
        if (num_elements - 2) % 2 != 0:
            raise ProofError(FORMAT_ERROR, "inner-product proof has an odd number of points")
        lg_n = (num_elements - 2) // 2
        if lg_n >= 32:
            raise ProofError(FORMAT_ERROR, "inner-product proof is too long")
        L_vec = [_read32(data, 2 * i) for i in range(lg_n)]
        R_vec = [_read32(data, 2 * i + 1) for i in range(lg_n)]
        a = _canonical_scalar(_read32(data, 2 * lg_n), "a")
        b = _canonical_scalar(_read32(data, 2 * lg_n + 1), "b")
        return InnerProductProof(L_vec, R_vec, a, b)

    def verification_scalars(self, n, transcript):
        """The challenges u_k^2, u_k^-2 and the vector s, as dalek computes them."""
        lg_n = len(self.L_vec)
        if lg_n >= 32:
            raise ProofError(VERIFICATION_ERROR, "inner-product proof is too long")
        if n != 1 << lg_n:
            raise ProofError(VERIFICATION_ERROR, f"inner-product proof is for {1 << lg_n} elements, not {n}")

        innerproduct_domain_sep(transcript, n)

        # 1. Recompute u_k, ..., u_1 from the transcript.
        challenges = []
        for L_i, R_i in zip(self.L_vec, self.R_vec):
            validate_and_append_point(transcript, b"L", L_i)
            validate_and_append_point(transcript, b"R", R_i)
            challenges.append(challenge_scalar(transcript, b"u"))

        # 2. 1/(u_k ... u_1) and 1/u_k, ..., 1/u_1 (dalek: Scalar::batch_invert).
        challenges_inv = [ristretto.scalar_invert(u) for u in challenges]
        allinv = 1
        for u_inv in challenges_inv:
            allinv = allinv * u_inv % L

        # 3. u_i^2 and u_i^-2.
        challenges_sq = [u * u % L for u in challenges]
        challenges_inv_sq = [u_inv * u_inv % L for u_inv in challenges_inv]

        # 4. s inductively; the challenges are in "creation order" [u_k, ..., u_1], so
        #    u_{lg(i)+1} is at index (lg_n - 1) - lg_i.
        s = [allinv]
        for i in range(1, n):
            lg_i = i.bit_length() - 1  # 32 - 1 - (i as u32).leading_zeros()
            k = 1 << lg_i
            s.append(s[i - k] * challenges_sq[(lg_n - 1) - lg_i] % L)

        return challenges_sq, challenges_inv_sq, s


@dataclass
class RangeProof:
    A: bytes
    S: bytes
    T_1: bytes
    T_2: bytes
    t_x: int
    t_x_blinding: int
    e_blinding: int
    ipp_proof: InnerProductProof

    @staticmethod
    def from_bytes(data):
        """Four compressed points A, S, T_1, T_2 (not decompressed here), three canonical scalars
        t_x, t_x_blinding, e_blinding, then the inner-product proof."""
        if len(data) % 32 != 0:
            raise ProofError(FORMAT_ERROR, "proof length is not a multiple of 32")
        if len(data) < 7 * 32:
            raise ProofError(FORMAT_ERROR, "proof is shorter than 7 elements")
        return RangeProof(
            A=_read32(data, 0),
            S=_read32(data, 1),
            T_1=_read32(data, 2),
            T_2=_read32(data, 3),
            t_x=_canonical_scalar(_read32(data, 4), "t_x"),
            t_x_blinding=_canonical_scalar(_read32(data, 5), "t_x_blinding"),
            e_blinding=_canonical_scalar(_read32(data, 6), "e_blinding"),
            ipp_proof=InnerProductProof.from_bytes(data[7 * 32:]),
        )


# ---------------------------------------------------------------------------------------------
# Verification (RangeProof::verify_multiple_with_rng)

def exp_iter(x, count):
    """1, x, x^2, ..., x^(count-1) (util::exp_iter(x).take(count))."""
    out, power = [], 1
    for _ in range(count):
        out.append(power)
        power = power * x % L
    return out


def sum_of_powers(x, n):
    """1 + x + ... + x^(n-1) (util::sum_of_powers; dalek's fast path gives the same value)."""
    return sum(exp_iter(x, n)) % L


def delta(n, m, y, z):
    """delta(y, z) = (z - z^2) * <1, y^(n*m)> - z^3 * <1, 2^n> * <1, z^m>."""
    sum_y = sum_of_powers(y, n * m)
    sum_2 = sum_of_powers(2, n)
    sum_z = sum_of_powers(z, m)
    return ((z - z * z) * sum_y - z * z * z * sum_2 * sum_z) % L


SUPPORTED_BITSIZES = (8, 16, 32, 64)


def verify_multiple(proof, bp_gens, pc_gens, transcript, value_commitments, n, random_scalar=None):
    """Verifies ``proof`` (a RangeProof) that each of ``value_commitments`` (32-byte compressed
    points) commits to a value in [0, 2^n). Returns None on success; raises ProofError.

    ``random_scalar`` gives the batching challenge c (dalek: Scalar::random(rng)); by default a
    uniformly random non-zero scalar from ``secrets``.
    """
    m = len(value_commitments)

    # Replay the "interactive" protocol from the proof data to recompute all challenges.
    if n not in SUPPORTED_BITSIZES:
        raise ProofError(INVALID_BITSIZE, f"n = {n}")
    if bp_gens.gens_capacity < n:
        raise ProofError(INVALID_GENERATORS_LENGTH, f"generators for {bp_gens.gens_capacity} bits, not {n}")
    if bp_gens.party_capacity < m:
        raise ProofError(INVALID_GENERATORS_LENGTH, f"generators for {bp_gens.party_capacity} parties, not {m}")

    rangeproof_domain_sep(transcript, n, m)

    for V in value_commitments:
        # Commitments may be the identity (value 0, blinding 0): appended without validation.
        append_point(transcript, b"V", V)

    validate_and_append_point(transcript, b"A", proof.A)
    validate_and_append_point(transcript, b"S", proof.S)

    y = challenge_scalar(transcript, b"y")
    z = challenge_scalar(transcript, b"z")
    zz = z * z % L
    minus_z = (-z) % L

    validate_and_append_point(transcript, b"T_1", proof.T_1)
    validate_and_append_point(transcript, b"T_2", proof.T_2)

    x = challenge_scalar(transcript, b"x")

    append_scalar(transcript, b"t_x", proof.t_x)
    append_scalar(transcript, b"t_x_blinding", proof.t_x_blinding)
    append_scalar(transcript, b"e_blinding", proof.e_blinding)

    w = challenge_scalar(transcript, b"w")

    # Challenge value for batching statements to be verified.
    c = random_scalar() if random_scalar else secrets.randbelow(L - 1) + 1

    x_sq, x_inv_sq, s = proof.ipp_proof.verification_scalars(n * m, transcript)
    s_inv = list(reversed(s))

    a = proof.ipp_proof.a
    b = proof.ipp_proof.b

    # concat_z_and_2 = z^0 * 2^n || z^1 * 2^n || ... || z^(m-1) * 2^n
    powers_of_2 = exp_iter(2, n)
    concat_z_and_2 = [exp_z * exp_2 % L for exp_z in exp_iter(z, m) for exp_2 in powers_of_2]

    g = [(minus_z - a * s_i) % L for s_i in s]
    h = [(z + exp_y_inv * (zz * z_and_2 - b * s_i_inv)) % L
         for s_i_inv, exp_y_inv, z_and_2 in zip(s_inv, exp_iter(ristretto.scalar_invert(y), n * m), concat_z_and_2)]

    value_commitment_scalars = [c * zz * z_exp % L for z_exp in exp_iter(z, m)]
    basepoint_scalar = (w * (proof.t_x - a * b) + c * (delta(n, m, y, z) - proof.t_x)) % L

    scalars = ([1, x, c * x % L, c * x * x % L]
               + x_sq
               + x_inv_sq
               + [(-proof.e_blinding - c * proof.t_x_blinding) % L, basepoint_scalar]
               + g
               + h
               + value_commitment_scalars)

    # optional_multiscalar_mul: any point that does not decompress makes it None -> VerificationError.
    named = ([("A", proof.A), ("S", proof.S), ("T_1", proof.T_1), ("T_2", proof.T_2)]
             + [(f"L_{i}", L_i) for i, L_i in enumerate(proof.ipp_proof.L_vec)]
             + [(f"R_{i}", R_i) for i, R_i in enumerate(proof.ipp_proof.R_vec)])
    proof_points = [_decompress(name, data) for name, data in named]
    commitment_points = [_decompress(f"V_{j}", V) for j, V in enumerate(value_commitments)]
    points = (proof_points
              + [pc_gens.B_blinding, pc_gens.B]
              + bp_gens.G(n, m)
              + bp_gens.H(n, m)
              + commitment_points)

    mega_check = ristretto.multiscalar_mul(scalars, points)
    if not ristretto.is_identity(mega_check):
        raise ProofError(VERIFICATION_ERROR, "the final multiscalar check is not the identity")


def _decompress(name, data):
    point = ristretto.decode(data)
    if point is None:
        raise ProofError(VERIFICATION_ERROR, f"{name} does not decompress")
    return point
