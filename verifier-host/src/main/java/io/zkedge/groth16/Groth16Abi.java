package io.zkedge.groth16;

import io.zkedge.wasm.AbiFunction;

/** The Groth16 part of the zkedge module ABI, version 1 (verifiers/ABI.md, "Groth16 verifier"). */
public final class Groth16Abi {

    /** {@code (n_public) -> prepared key length, or -6 outside [0, 64]}. */
    public static final AbiFunction PREPARED_LEN = AbiFunction.of("zk_groth16_prepared_len", 1, 1);

    /** {@code (vk, vk_len, out, out_cap) -> prepared key length or key error}. */
    public static final AbiFunction PREPARE_KEY = AbiFunction.of("zk_groth16_prepare_key", 4, 1);

    /** {@code (key, key_len, req, req_len, seed, out) -> count or request error}. */
    public static final AbiFunction VERIFY_BATCH = AbiFunction.of("zk_groth16_verify_batch", 6, 1);

    /** Most proofs in one {@code zk_groth16_verify_batch} request. */
    public static final int MAX_BATCH_PROOFS = 256;

    /** Most public inputs of a key the module prepares. */
    public static final int MAX_PUBLIC_INPUTS = 64;

    /** Bytes of the seed the host passes with every batch. */
    public static final int SEED_BYTES = 32;

    /**
     * Upper bound on a prepared key's length, far above the module's {@code 38 606 + 657·64}: a
     * module that asks for more is refused rather than believed.
     */
    static final int MAX_PREPARED_KEY_BYTES = 1 << 20;

    /** Request error: broken framing, or a buffer outside the arena. */
    static final int ERROR_FRAMING = -1;
    /** Request error: count is 0 or above 256. */
    static final int ERROR_COUNT = -2;
    /** Key error: out_cap smaller than the prepared key. */
    static final int ERROR_OUTPUT_TOO_SMALL = -5;
    /** Key error: vk_len does not match nPublic, or nPublic above 64. */
    static final int ERROR_KEY_LENGTH = -6;
    /** Key error: a key point does not decode. */
    static final int ERROR_KEY_POINT = -7;
    /** Key error: alpha, beta, gamma or delta is the identity. */
    static final int ERROR_KEY_IDENTITY = -8;
    /** Verify error: the key bytes are not a prepared key of this module version. */
    static final int ERROR_PREPARED_KEY = -9;

    private Groth16Abi() {}
}
