/**
 * Groth16 over BN254: the snarkjs-file reader and the compact binary encodings that the Groth16
 * Wasm verifier takes (docs/groth16.md, verifiers/ABI.md).
 *
 * <p>{@link io.zkedge.groth16.SnarkjsFiles} reads snarkjs's {@code verification_key.json},
 * {@code proof.json} and {@code public.json} strictly into {@link
 * io.zkedge.groth16.Groth16VerifyingKey} (with its circuit id), {@link
 * io.zkedge.groth16.Groth16Proof} and {@link io.zkedge.groth16.Groth16PublicInputs}; a file that
 * breaks the format is a {@link io.zkedge.groth16.Groth16FormatException} naming the field.
 * {@link io.zkedge.groth16.SensorRangeSignals} maps proof-record fields to the public inputs of
 * the sensor range circuit (circuits/README.md). No pairing is computed in Java.
 */
package io.zkedge.groth16;
