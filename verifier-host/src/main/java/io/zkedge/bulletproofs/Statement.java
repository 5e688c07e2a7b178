package io.zkedge.bulletproofs;

/**
 * Something the verifier module can check: a proof together with the public values it is about.
 *
 * <p>Statements hold their byte arrays without copying them (they sit on the hot path of a
 * stream job); do not change an array after handing it to a statement.
 */
public sealed interface Statement permits RangeStatement, RawRangeStatement {

    /** Bits per proven value: 8, 16, 32 or 64 are supported. */
    int bits();

    /** The proof bytes (dalek {@code RangeProof::to_bytes}). */
    byte[] proof();
}
