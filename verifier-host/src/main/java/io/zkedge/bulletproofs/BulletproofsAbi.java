package io.zkedge.bulletproofs;

import io.zkedge.wasm.AbiFunction;

/** The Bulletproofs part of the zkedge module ABI, version 1 (verifiers/ABI.md). */
public final class BulletproofsAbi {

    /** {@code (req, req_len, seed, out) -> count or request error}. */
    public static final AbiFunction VERIFY_BATCH = AbiFunction.of("zk_verify_batch", 4, 1);

    /** {@code (req, req_len, seed, out, out_cap) -> output length or error}. */
    public static final AbiFunction PROVE = AbiFunction.of("zk_prove", 5, 1);

    /** Most statements in one {@code zk_verify_batch} request. */
    public static final int MAX_BATCH_STATEMENTS = 256;

    /** Most bytes of a kind-1 transcript label. */
    public static final int MAX_LABEL_BYTES = 1024;

    /** Most UTF-8 bytes of a kind-2 sensor id. */
    public static final int MAX_SENSOR_BYTES = 256;

    /** Most bytes of a proof. */
    public static final int MAX_PROOF_BYTES = 4096;

    /** Bytes of a compressed Ristretto point (a commitment) and of a scalar (a blinding). */
    public static final int POINT_BYTES = 32;

    /** Bytes of the seed the host passes with every call. */
    public static final int SEED_BYTES = 32;

    static final byte KIND_RAW = 1;
    static final byte KIND_RANGE = 2;

    /** {@code zk_verify_batch}: the request framing is broken. */
    static final int ERROR_FRAMING = -1;
    /** {@code zk_verify_batch}: count is 0 or above 256. */
    static final int ERROR_COUNT = -2;
    /** {@code zk_prove}: n or m unsupported. */
    static final int ERROR_UNSUPPORTED = -3;
    /** {@code zk_prove}: a value outside its range, or max − min ≥ 2^n. */
    static final int ERROR_OUT_OF_RANGE = -4;
    /** {@code zk_prove}: out_cap too small. */
    static final int ERROR_OUTPUT_TOO_SMALL = -5;

    private BulletproofsAbi() {}
}
