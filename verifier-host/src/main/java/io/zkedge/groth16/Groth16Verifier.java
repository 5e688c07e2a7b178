package io.zkedge.groth16;

import io.zkedge.wasm.GuestBuffer;
import io.zkedge.wasm.WasmInstance;
import io.zkedge.wasm.WasmModule;
import io.zkedge.wasm.WasmTrapException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies Groth16/BN254 proofs with the Groth16 verifier module: one status per proof, in order.
 *
 * <pre>{@code
 * Groth16Verifier verifier = Groth16Verifier.builder()
 *         .setModule(Groth16Modules.verifier())
 *         .build();
 * List<Groth16Status> statuses = verifier.verify(key, statements);
 * }</pre>
 *
 * <p><b>One verifier per thread.</b> A verifier owns one Wasm instance and is not thread-safe;
 * a Flink subtask creates its own in {@code open()}. The {@link WasmModule} can be shared.
 *
 * <p><b>Keys.</b> A verifying key is prepared once by the module ({@code zk_groth16_prepare_key},
 * about two pairings) and the prepared bytes are kept per circuit id in a bounded LRU cache, as is
 * a key's refusal, so a bad key costs one preparation. The prepared bytes are opaque and specific
 * to the module; they go back to the module with every batch.
 *
 * <p><b>Batches.</b> Proofs go to the module in batches of at most the configured size (≤ 256),
 * each call with a fresh 32-byte seed from the {@link SecureRandom} (the weights of the combined
 * pairing check, which a prover must not predict). The module bisects a failing batch itself, so
 * a batch answers exactly what single verifications would.
 *
 * <p><b>Faults.</b> A proof whose input count is not the key's gets its status without being sent
 * (the request length never depends on an unchecked count). If a call traps, or the module calls
 * the request's framing broken, the instance is replaced and the batch is split in halves and
 * retried, down to single proofs; a proof that still makes the module fail on its own is
 * {@link Groth16Status#MALFORMED_MODULE_FAULT}, the others get their real status.
 */
public final class Groth16Verifier {

    private static final System.Logger LOG = System.getLogger(Groth16Verifier.class.getName());

    /** A key's preparation: the prepared bytes, or why the module refused the key. */
    private record Prepared(byte[] bytes, String refusal) {}

    private final WasmModule module;
    private final SecureRandom random;
    private final int maxBatchSize;
    private final Map<String, Prepared> preparedKeys;
    private WasmInstance instance;
    private long faults;
    private long preparations;

    Groth16Verifier(WasmModule module, SecureRandom random, int maxBatchSize, int maxCachedKeys) {
        this.module = module;
        this.random = random;
        this.maxBatchSize = maxBatchSize;
        this.preparedKeys = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Prepared> eldest) {
                return size() > maxCachedKeys;
            }
        };
    }

    /** Starts building a verifier; see {@link Groth16VerifierBuilder}. */
    public static Groth16VerifierBuilder builder() {
        return new Groth16VerifierBuilder();
    }

    /**
     * The status of each statement under {@code key}, in the order given.
     *
     * @throws Groth16FormatException if the module refuses the key (more than 64 public inputs, a
     *     point that does not decode, alpha, beta, gamma or delta the identity); no statement then
     *     has a status
     * @throws InterruptedException if the thread is interrupted; the statements then have no status
     * @throws IllegalStateException if the module answers outside the ABI (a broken module)
     */
    public List<Groth16Status> verify(Groth16VerifyingKey key, List<Groth16Statement> statements)
            throws Groth16FormatException, InterruptedException {
        Groth16Status[] statuses = new Groth16Status[statements.size()];
        List<Integer> toSend = new ArrayList<>(statements.size());
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).inputs().size() != key.nPublic()) {
                statuses[i] = Groth16Status.MALFORMED_INPUT_COUNT;
            } else {
                toSend.add(i);
            }
        }
        if (toSend.isEmpty()) {
            return List.of(statuses);
        }
        byte[] prepared = prepare(key);
        for (int from = 0; from < toSend.size(); from += maxBatchSize) {
            List<Integer> batch = toSend.subList(from, Math.min(from + maxBatchSize, toSend.size()));
            verifyIsolatingFaults(prepared, batch, statements, statuses);
        }
        return List.of(statuses);
    }

    /** The status of one proof under {@code key}; see {@link #verify(Groth16VerifyingKey, List)}. */
    public Groth16Status verify(Groth16VerifyingKey key, Groth16Proof proof, Groth16PublicInputs inputs)
            throws Groth16FormatException, InterruptedException {
        return verify(key, List.of(new Groth16Statement(proof, inputs))).get(0);
    }

    /**
     * Prepares {@code key} now (or finds it in the cache), so that a bad key is refused before
     * any proof arrives and the first batch does not pay for the preparation.
     *
     * @throws Groth16FormatException if the module refuses the key
     */
    public void prepareKey(Groth16VerifyingKey key) throws Groth16FormatException, InterruptedException {
        prepare(key);
    }

    /** How many module calls trapped or were refused as broken framing since this verifier was built. */
    public long faultCount() {
        return faults;
    }

    /** How many keys the module has prepared (cache misses) since this verifier was built. */
    public long preparationCount() {
        return preparations;
    }

    /** The module this verifier runs. */
    public WasmModule module() {
        return module;
    }

    private byte[] prepare(Groth16VerifyingKey key) throws Groth16FormatException, InterruptedException {
        Prepared prepared = preparedKeys.get(key.circuitId());
        if (prepared == null) {
            preparations++;
            prepared = callPrepareKey(key);
            preparedKeys.put(key.circuitId(), prepared);
        }
        if (prepared.refusal() != null) {
            throw new Groth16FormatException(prepared.refusal());
        }
        return prepared.bytes();
    }

    /** {@code zk_groth16_prepared_len} and {@code zk_groth16_prepare_key} on a sound instance. */
    private Prepared callPrepareKey(Groth16VerifyingKey key) throws InterruptedException {
        if (key.nPublic() > Groth16Abi.MAX_PUBLIC_INPUTS) {
            return refused(key, key.nPublic() + " public inputs, the verifier takes at most "
                    + Groth16Abi.MAX_PUBLIC_INPUTS);
        }
        byte[] vk = key.bytes();
        try {
            WasmInstance wasm = instance();
            int length = wasm.call(Groth16Abi.PREPARED_LEN, key.nPublic());
            if (length <= 0 || length > Groth16Abi.MAX_PREPARED_KEY_BYTES) {
                throw new IllegalStateException(module.name() + ": zk_groth16_prepared_len(" + key.nPublic()
                        + ") answered " + length);
            }
            GuestBuffer in = wasm.allocate(vk);
            GuestBuffer out = wasm.allocate(length);
            int result = wasm.call(Groth16Abi.PREPARE_KEY, in.pointer(), in.length(), out.pointer(), length);
            byte[] bytes = result == length ? wasm.read(out) : null;
            wasm.free(out);
            wasm.free(in);
            return switch (result) {
                case Groth16Abi.ERROR_KEY_LENGTH -> refused(key, "its length does not match nPublic");
                case Groth16Abi.ERROR_KEY_POINT -> refused(key,
                        "a point does not decode (off its curve, or a G2 point outside the order-r subgroup)");
                case Groth16Abi.ERROR_KEY_IDENTITY -> refused(key, "alpha, beta, gamma or delta is the identity");
                default -> {
                    if (bytes == null) {
                        throw new IllegalStateException(module.name() + ": zk_groth16_prepare_key answered "
                                + result + " for a prepared length of " + length);
                    }
                    yield new Prepared(bytes, null);
                }
            };
        } catch (WasmTrapException e) {
            faults++;
            LOG.log(Level.WARNING, "{0}: preparing key {1} failed: {2}", module.name(), key.circuitId(), e.getMessage());
            return refused(key, "the verifier module failed while preparing it");
        }
    }

    private static Prepared refused(Groth16VerifyingKey key, String why) {
        return new Prepared(null, "verification key " + key.circuitId() + " refused: " + why);
    }

    private void verifyIsolatingFaults(
            byte[] prepared, List<Integer> batch, List<Groth16Statement> statements, Groth16Status[] statuses)
            throws InterruptedException {
        String fault;
        try {
            int[] codes = callVerifyBatch(prepared, batch, statements);
            if (codes != null) {
                for (int i = 0; i < codes.length; i++) {
                    statuses[batch.get(i)] = toStatus(codes[i]);
                }
                return;
            }
            fault = "request framing refused (-1)";
        } catch (WasmTrapException e) {
            fault = e.getMessage();
        }
        faults++;
        if (batch.size() == 1) {
            LOG.log(Level.WARNING, "{0}: a proof failed on its own ({1}); it is MALFORMED", module.name(), fault);
            statuses[batch.get(0)] = Groth16Status.MALFORMED_MODULE_FAULT;
            return;
        }
        LOG.log(Level.DEBUG, "{0}: a batch of {1} failed ({2}); splitting it", module.name(), batch.size(), fault);
        int half = batch.size() / 2;
        verifyIsolatingFaults(prepared, batch.subList(0, half), statements, statuses);
        verifyIsolatingFaults(prepared, batch.subList(half, batch.size()), statements, statuses);
    }

    /**
     * One {@code zk_groth16_verify_batch} call.
     *
     * @return a status code per proof, or null if the module says the framing is broken
     */
    private int[] callVerifyBatch(byte[] prepared, List<Integer> batch, List<Groth16Statement> statements)
            throws WasmTrapException, InterruptedException {
        byte[] request = batchRequest(batch, statements);
        byte[] seedBytes = new byte[Groth16Abi.SEED_BYTES];
        random.nextBytes(seedBytes);
        WasmInstance wasm = instance();
        GuestBuffer key = wasm.allocate(prepared);
        GuestBuffer req = wasm.allocate(request);
        GuestBuffer seed = wasm.allocate(seedBytes);
        GuestBuffer out = wasm.allocate(batch.size());
        int result = wasm.call(Groth16Abi.VERIFY_BATCH,
                key.pointer(), key.length(), req.pointer(), req.length(), seed.pointer(), out.pointer());
        byte[] codes = result == batch.size() ? wasm.read(out) : null;
        wasm.free(out);
        wasm.free(seed);
        wasm.free(req);
        wasm.free(key);

        if (result == Groth16Abi.ERROR_FRAMING) {
            return null;
        }
        if (codes == null) {
            // -2 cannot happen for 1..256 proofs, -9 not for bytes the module prepared itself,
            // nor can another count: the module is broken.
            throw new IllegalStateException(module.name() + ": zk_groth16_verify_batch answered " + result
                    + " for " + batch.size() + " proofs");
        }
        int[] statuses = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            statuses[i] = Byte.toUnsignedInt(codes[i]);
        }
        return statuses;
    }

    /** {@code u32 LE count}, then per proof: 256-byte proof, {@code u32 LE n_inputs}, the inputs. */
    static byte[] batchRequest(List<Integer> batch, List<Groth16Statement> statements) {
        int length = 4;
        for (int index : batch) {
            length += Groth16Proof.BYTES + 4 + statements.get(index).inputs().size() * Bn254.FIELD_BYTES;
        }
        ByteBuffer out = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(batch.size());
        for (int index : batch) {
            Groth16Statement s = statements.get(index);
            out.put(s.proof().bytes());
            out.putInt(s.inputs().size());
            out.put(s.inputs().bytes());
        }
        return out.array();
    }

    private Groth16Status toStatus(int code) {
        try {
            return Groth16Status.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(module.name() + ": zk_groth16_verify_batch wrote status " + code, e);
        }
    }

    /** The current instance, or a new one if there is none yet or it trapped. */
    private WasmInstance instance() {
        if (instance == null || instance.isBroken()) {
            instance = module.newInstance();
        }
        return instance;
    }
}
