package io.zkedge.wasm;

import java.util.List;

/** The exports that every zkedge module has (verifiers/ABI.md, "Common exports"). */
public final class ZkAbi {

    /** The ABI version this host speaks; {@code zk_abi_version()} must return it. */
    public static final int VERSION = 1;

    /** The module's linear memory. */
    public static final String MEMORY = "memory";

    /** {@code () -> i32}: the ABI version. */
    public static final AbiFunction ABI_VERSION = AbiFunction.of("zk_abi_version", 0, 1);

    /** {@code (out, cap) -> i32}: writes a JSON description, returns its full length. */
    public static final AbiFunction DESCRIBE = AbiFunction.of("zk_describe", 2, 1);

    /** {@code (len) -> i32}: a buffer of {@code len} bytes, or 0 when memory is exhausted. */
    public static final AbiFunction ALLOC = AbiFunction.of("zk_alloc", 1, 1);

    /** {@code (ptr, len)}: releases a buffer from {@code zk_alloc}. */
    public static final AbiFunction FREE = AbiFunction.of("zk_free", 2, 0);

    /** The functions every module must export, whatever proof system it implements. */
    public static final List<AbiFunction> COMMON_FUNCTIONS =
            List.of(ABI_VERSION, DESCRIBE, ALLOC, FREE);

    private ZkAbi() {}
}
