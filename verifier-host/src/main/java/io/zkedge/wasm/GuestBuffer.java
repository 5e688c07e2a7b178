package io.zkedge.wasm;

/**
 * A buffer in a guest's linear memory, allocated with {@code zk_alloc}. The ABI requires it to be
 * freed with the same pointer and length, so the two travel together.
 *
 * @param pointer its offset in the guest's memory
 * @param length its length in bytes
 */
public record GuestBuffer(int pointer, int length) {}
