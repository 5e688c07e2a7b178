/**
 * The Chicory host for zkedge Wasm modules.
 *
 * <p>A {@link io.zkedge.wasm.WasmModule} is parsed, checked and compiled once and can be shared
 * between threads; a {@link io.zkedge.wasm.WasmInstance} is one running copy of it with its own
 * linear memory and belongs to one thread at a time. Modules must be pure (no imports), must
 * export the common functions of {@link io.zkedge.wasm.ZkAbi} and get a capped memory. A guest
 * fault surfaces as a checked {@link io.zkedge.wasm.WasmTrapException} and leaves the instance
 * broken; an interrupted thread leaves a call with an {@link InterruptedException}.
 */
package io.zkedge.wasm;
