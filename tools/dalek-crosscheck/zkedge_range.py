"""The zkedge range statement (docs/range-statement.md), checked with dalek's verify_multiple.

Public: sensor id, seq (u64), time (i64), min, max (i64), n in {8, 16, 32, 64}, the commitment
C = v*B + r*B_blinding, and the proof. The proof is dalek's aggregated range proof (m = 2) for

    V0 = C - min*B    (v - min, blinding r)
    V1 = max*B - C    (max - v, blinding -r)

on a transcript that first binds the statement:

    Transcript::new(b"zkedge.range.v1")
    append_message(b"sensor", sensor_id); append_u64(b"seq", seq); append_u64(b"time", time as u64)
    append_u64(b"min", min as u64); append_u64(b"max", max as u64); append_message(b"C", C)

Verdicts are the zkedge verifier's: "valid", "invalid", "malformed", "unsupported".
"""

import math

import bulletproofs
import ristretto
from bulletproofs import BulletproofGens, PedersenGens, ProofError
from merlin import Transcript

VALID, INVALID, MALFORMED, UNSUPPORTED = "valid", "invalid", "malformed", "unsupported"

MAX_SENSOR_BYTES = 256
U64 = (1 << 64) - 1
I64_MIN, I64_MAX = -(1 << 63), (1 << 63) - 1

# BulletproofGens::new(64, 2), as in the statement's prove_multiple.
BP_GENS = BulletproofGens(64, 2)


def expected_proof_length(n):
    """(2*log2(2n) + 9) * 32 bytes: an aggregated proof of m = 2 values of n bits."""
    return (2 * int(math.log2(2 * n)) + 9) * 32


def statement_transcript(sensor, seq, time, min_value, max_value, commitment):
    t = Transcript(b"zkedge.range.v1")
    t.append_message(b"sensor", sensor)
    t.append_u64(b"seq", seq)
    t.append_u64(b"time", time & U64)  # two's complement
    t.append_u64(b"min", min_value & U64)
    t.append_u64(b"max", max_value & U64)
    t.append_message(b"C", commitment)
    return t


def value_commitments(commitment_point, min_value, max_value):
    """(V0, V1) = (C - min*B, max*B - C), compressed. min and max are signed: taken modulo L."""
    B = PedersenGens.B
    V0 = ristretto.sub(commitment_point, ristretto.scalar_mul(min_value % ristretto.L, B))
    V1 = ristretto.sub(ristretto.scalar_mul(max_value % ristretto.L, B), commitment_point)
    return ristretto.encode(V0), ristretto.encode(V1)


def verify(bits, commitment, min_value, max_value, sensor, seq, time, proof, random_scalar=None):
    """Returns (verdict, reason). ``sensor`` is bytes; ``commitment`` and ``proof`` are bytes."""
    if bits not in (8, 16, 32, 64):
        return UNSUPPORTED, f"bits = {bits}"
    if not (I64_MIN <= min_value <= I64_MAX and I64_MIN <= max_value <= I64_MAX and I64_MIN <= time <= I64_MAX):
        return MALFORMED, "min, max and time must be signed 64-bit integers"
    if not 0 <= seq <= U64:
        return MALFORMED, "seq must be an unsigned 64-bit integer"
    if len(sensor) > MAX_SENSOR_BYTES:
        return MALFORMED, f"sensor id is {len(sensor)} bytes, more than {MAX_SENSOR_BYTES}"
    if min_value > max_value:
        return MALFORMED, "min > max"
    if max_value - min_value >= 1 << bits:
        return MALFORMED, f"max - min >= 2^{bits}"
    if len(proof) != expected_proof_length(bits):
        return MALFORMED, f"proof is {len(proof)} bytes, not {expected_proof_length(bits)}"
    if len(commitment) != 32:
        return MALFORMED, "commitment is not 32 bytes"
    commitment_point = ristretto.decode(commitment)
    if commitment_point is None:
        return MALFORMED, "commitment does not decode"
    try:
        range_proof = bulletproofs.RangeProof.from_bytes(proof)
    except ProofError as e:
        return MALFORMED, str(e)
    # The contract calls a proof point that does not decode MALFORMED; dalek itself would only
    # notice in the final check (VerificationError). Either way: not valid.
    ipp = range_proof.ipp_proof
    for name, point in ([("A", range_proof.A), ("S", range_proof.S), ("T_1", range_proof.T_1),
                         ("T_2", range_proof.T_2)]
                        + [(f"L_{i}", p) for i, p in enumerate(ipp.L_vec)]
                        + [(f"R_{i}", p) for i, p in enumerate(ipp.R_vec)]):
        if point != ristretto.IDENTITY_ENCODING and ristretto.decode(point) is None:
            return MALFORMED, f"{name} does not decode"

    transcript = statement_transcript(sensor, seq, time, min_value, max_value, commitment)
    V0, V1 = value_commitments(commitment_point, min_value, max_value)
    try:
        bulletproofs.verify_multiple(range_proof, BP_GENS, PedersenGens, transcript, [V0, V1], bits,
                                     random_scalar=random_scalar)
    except ProofError as e:
        return INVALID, str(e)
    return VALID, ""
