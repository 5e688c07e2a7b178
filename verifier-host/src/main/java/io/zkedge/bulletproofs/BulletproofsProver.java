package io.zkedge.bulletproofs;

import static io.zkedge.bulletproofs.BulletproofsAbi.MAX_PROOF_BYTES;
import static io.zkedge.bulletproofs.BulletproofsAbi.POINT_BYTES;

import io.zkedge.wasm.GuestBuffer;
import io.zkedge.wasm.WasmInstance;
import io.zkedge.wasm.WasmModule;
import io.zkedge.wasm.WasmTrapException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Makes Bulletproofs range proofs with the prover module (gateway side).
 *
 * <pre>{@code
 * BulletproofsProver prover = BulletproofsProver.builder().setModule(BundledModules.prover()).build();
 * RangeProofBundle bundle = prover.proveRange(21, 0, 100, 8, "sensor-7", 42, eventTime);
 * }</pre>
 *
 * <p>The module derives every blinding from the 32-byte seed the host passes, taken from the
 * {@link SecureRandom}. A request the module refuses (bits unsupported, a value out of range) is
 * an {@link IllegalArgumentException} saying what is wrong.
 *
 * <p><b>One prover per thread.</b> A prover owns one Wasm instance and is not thread-safe.
 */
public final class BulletproofsProver {

    /** Output room: commitments of up to 8 values (or C and r), and the largest proof the ABI allows. */
    private static final int OUTPUT_CAPACITY = 8 * POINT_BYTES + MAX_PROOF_BYTES;

    private final WasmModule module;
    private final SecureRandom random;
    private WasmInstance instance;

    BulletproofsProver(WasmModule module, SecureRandom random) {
        this.module = module;
        this.random = random;
    }

    /** Starts building a prover; see {@link BulletproofsProverBuilder}. */
    public static BulletproofsProverBuilder builder() {
        return new BulletproofsProverBuilder();
    }

    /**
     * Commits to {@code value} and proves it lies in {@code [min, max]}, bound to the sensor,
     * sequence number and event time.
     *
     * @param seq an unsigned 64-bit sequence number in a {@code long}
     * @param time event time, milliseconds since the Unix epoch
     * @throws IllegalArgumentException if the value is outside {@code [min, max]}, the range is
     *     wider than {@code 2^bits}, {@code bits} is not 8, 16, 32 or 64, or the sensor id is too long
     * @throws WasmTrapException if the module trapped (a broken module); the next call uses a new instance
     */
    public RangeProofBundle proveRange(long value, long min, long max, int bits, String sensorId, long seq, long time)
            throws WasmTrapException, InterruptedException {
        Objects.requireNonNull(sensorId, "sensorId");
        Output output = callProve(ProofRequestEncoder.range(value, min, max, bits, sensorId, seq, time));
        switch (output.code()) {
            case BulletproofsAbi.ERROR_UNSUPPORTED:
                throw new IllegalArgumentException("bits must be 8, 16, 32 or 64, was " + bits);
            case BulletproofsAbi.ERROR_OUT_OF_RANGE:
                throw new IllegalArgumentException(outOfRange(value, min, max, bits));
            default:
                requireOutput(output, 2 * POINT_BYTES);
        }
        byte[] out = output.bytes();
        return new RangeProofBundle(
                Arrays.copyOfRange(out, 0, POINT_BYTES),
                Arrays.copyOfRange(out, POINT_BYTES, 2 * POINT_BYTES),
                Arrays.copyOfRange(out, 2 * POINT_BYTES, out.length));
    }

    /**
     * Proves that each value lies in {@code [0, 2^bits)}: a plain dalek range proof with
     * {@code Transcript::new(label)}.
     *
     * @param values unsigned 64-bit values in {@code long}s
     * @param blindings one canonical 32-byte scalar per value
     * @throws IllegalArgumentException if bits or the number of values is unsupported, a value does
     *     not fit in {@code bits}, or a blinding is not canonical
     * @throws WasmTrapException if the module trapped (a broken module); the next call uses a new instance
     */
    public RawProofBundle prove(int bits, byte[] label, long[] values, byte[][] blindings)
            throws WasmTrapException, InterruptedException {
        Output output = callProve(ProofRequestEncoder.raw(bits, label, values, blindings));
        int m = values.length;
        switch (output.code()) {
            case BulletproofsAbi.ERROR_UNSUPPORTED:
                throw new IllegalArgumentException("bits must be 8, 16, 32 or 64 and the number of values "
                        + "1, 2, 4 or 8; were " + bits + " and " + m);
            case BulletproofsAbi.ERROR_OUT_OF_RANGE:
                throw new IllegalArgumentException("a value does not fit in " + bits + " bits");
            case BulletproofsAbi.ERROR_FRAMING:
                // The framing is ours and fixed; what the module can refuse in it is a blinding.
                throw new IllegalArgumentException("a blinding is not a canonical scalar (below the group order)");
            default:
                requireOutput(output, m * POINT_BYTES);
        }
        byte[] out = output.bytes();
        List<byte[]> commitments = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            commitments.add(Arrays.copyOfRange(out, i * POINT_BYTES, (i + 1) * POINT_BYTES));
        }
        return new RawProofBundle(commitments, Arrays.copyOfRange(out, m * POINT_BYTES, out.length));
    }

    /** The module this prover runs. */
    public WasmModule module() {
        return module;
    }

    /** What {@code zk_prove} answered: its return code, and the output when that is a length. */
    private record Output(int code, byte[] bytes) {}

    private Output callProve(byte[] request) throws WasmTrapException, InterruptedException {
        WasmInstance wasm = instance();
        byte[] seedBytes = new byte[BulletproofsAbi.SEED_BYTES];
        random.nextBytes(seedBytes);
        GuestBuffer req = wasm.allocate(request);
        GuestBuffer seed = wasm.allocate(seedBytes);
        GuestBuffer out = wasm.allocate(OUTPUT_CAPACITY);
        int code = wasm.call(BulletproofsAbi.PROVE,
                req.pointer(), req.length(), seed.pointer(), out.pointer(), out.length());
        byte[] bytes = code >= 0 && code <= out.length() ? wasm.read(out, code) : null;
        wasm.free(out);
        wasm.free(seed);
        wasm.free(req);
        return new Output(code, bytes);
    }

    /** Any other answer than the refusals handled by the caller means the module is broken. */
    private void requireOutput(Output output, int minimumLength) {
        if (output.code() == BulletproofsAbi.ERROR_OUTPUT_TOO_SMALL) {
            throw new IllegalStateException(module.name() + ": zk_prove needs more than " + OUTPUT_CAPACITY
                    + " bytes of output, beyond the largest proof the ABI allows");
        }
        if (output.bytes() == null || output.code() < minimumLength) {
            throw new IllegalStateException(module.name() + ": zk_prove answered " + output.code());
        }
    }

    private static String outOfRange(long value, long min, long max, int bits) {
        if (min > max) {
            return "min " + min + " is above max " + max;
        }
        if (value < min || value > max) {
            return "value " + value + " is outside [" + min + ", " + max + "]";
        }
        return "the range [" + min + ", " + max + "] is wider than 2^" + bits + " values";
    }

    private WasmInstance instance() {
        if (instance == null || instance.isBroken()) {
            instance = module.newInstance();
        }
        return instance;
    }
}
