/**
 * Bulletproofs range proofs through the zkedge Wasm modules (verifiers/ABI.md).
 *
 * <p>{@link io.zkedge.bulletproofs.BulletproofsVerifier} checks batches of
 * {@link io.zkedge.bulletproofs.Statement}s and answers one
 * {@link io.zkedge.bulletproofs.VerificationStatus} per statement: a rejected proof is a result,
 * never an exception. {@link io.zkedge.bulletproofs.BulletproofsProver} makes proofs (gateway
 * side). Both own one Wasm instance and are used from one thread at a time; the compiled
 * {@link io.zkedge.wasm.WasmModule} behind them can be shared.
 */
package io.zkedge.bulletproofs;
