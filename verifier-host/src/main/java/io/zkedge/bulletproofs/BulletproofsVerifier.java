package io.zkedge.bulletproofs;

import io.zkedge.wasm.GuestBuffer;
import io.zkedge.wasm.WasmInstance;
import io.zkedge.wasm.WasmModule;
import io.zkedge.wasm.WasmTrapException;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Verifies Bulletproofs statements with the verifier module: one status per statement, in order.
 *
 * <pre>{@code
 * BulletproofsVerifier verifier = BulletproofsVerifier.builder()
 *         .setModule(BundledModules.verifier())
 *         .build();
 * List<VerificationStatus> statuses = verifier.verify(statements);
 * }</pre>
 *
 * <p><b>One verifier per thread.</b> A verifier owns one Wasm instance and is not thread-safe;
 * a Flink subtask creates its own in {@code open()}. The {@link WasmModule} can be shared.
 *
 * <p><b>Batches.</b> Statements go to the module in batches of at most the configured size, each
 * call with a fresh 32-byte seed from the {@link SecureRandom} (the weights of the module's
 * combined check, which a prover must not predict). The module splits a failing batch itself, so
 * a batch answers exactly what single verifications would.
 *
 * <p><b>Faults.</b> A statement the ABI cannot frame gets its status without being sent (see
 * {@link StatementEncoder}). If a call traps, or the module calls the request's framing broken,
 * the instance is replaced and the batch is split in halves and retried, down to single
 * statements; a statement that still makes the module fail on its own is {@code MALFORMED}, and
 * the others get their real status. So one poisonous statement cannot spoil its batch.
 */
public final class BulletproofsVerifier {

    private static final System.Logger LOG = System.getLogger(BulletproofsVerifier.class.getName());

    private final WasmModule module;
    private final SecureRandom random;
    private final int maxBatchSize;
    private WasmInstance instance;
    private long faults;

    BulletproofsVerifier(WasmModule module, SecureRandom random, int maxBatchSize) {
        this.module = module;
        this.random = random;
        this.maxBatchSize = maxBatchSize;
    }

    /** Starts building a verifier; see {@link BulletproofsVerifierBuilder}. */
    public static BulletproofsVerifierBuilder builder() {
        return new BulletproofsVerifierBuilder();
    }

    /**
     * The status of each statement, in the order given.
     *
     * @throws InterruptedException if the thread is interrupted; the statements then have no status
     * @throws IllegalStateException if the module answers outside the ABI (a broken module)
     */
    public List<VerificationStatus> verify(List<? extends Statement> statements) throws InterruptedException {
        VerificationStatus[] statuses = new VerificationStatus[statements.size()];
        List<Integer> toSend = new ArrayList<>(statements.size());
        byte[][] encoded = new byte[statements.size()][];
        for (int i = 0; i < statements.size(); i++) {
            EncodedStatement e = StatementEncoder.encode(statements.get(i));
            if (e.isRefused()) {
                statuses[i] = e.refusal();
            } else {
                encoded[i] = e.bytes();
                toSend.add(i);
            }
        }
        for (int from = 0; from < toSend.size(); from += maxBatchSize) {
            List<Integer> batch = toSend.subList(from, Math.min(from + maxBatchSize, toSend.size()));
            verifyIsolatingFaults(batch, encoded, statuses);
        }
        return List.of(statuses);
    }

    /** The status of one statement. */
    public VerificationStatus verify(Statement statement) throws InterruptedException {
        return verify(List.of(statement)).get(0);
    }

    /** How many module calls trapped or were refused as broken framing since this verifier was built. */
    public long faultCount() {
        return faults;
    }

    /** The module this verifier runs. */
    public WasmModule module() {
        return module;
    }

    private void verifyIsolatingFaults(List<Integer> batch, byte[][] encoded, VerificationStatus[] statuses)
            throws InterruptedException {
        List<byte[]> requests = new ArrayList<>(batch.size());
        for (int index : batch) {
            requests.add(encoded[index]);
        }
        String fault;
        try {
            int[] codes = callVerifyBatch(requests);
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
            LOG.log(Level.WARNING, "{0}: a statement failed on its own ({1}); it is MALFORMED",
                    module.name(), fault);
            statuses[batch.get(0)] = VerificationStatus.MALFORMED;
            return;
        }
        LOG.log(Level.DEBUG, "{0}: a batch of {1} failed ({2}); splitting it",
                module.name(), batch.size(), fault);
        int half = batch.size() / 2;
        verifyIsolatingFaults(batch.subList(0, half), encoded, statuses);
        verifyIsolatingFaults(batch.subList(half, batch.size()), encoded, statuses);
    }

    /**
     * One {@code zk_verify_batch} call.
     *
     * @return a status code per statement, or null if the module says the framing is broken
     */
    private int[] callVerifyBatch(List<byte[]> statements) throws WasmTrapException, InterruptedException {
        WasmInstance wasm = instance();
        byte[] seedBytes = new byte[BulletproofsAbi.SEED_BYTES];
        random.nextBytes(seedBytes);
        GuestBuffer request = wasm.allocate(StatementEncoder.batchRequest(statements));
        GuestBuffer seed = wasm.allocate(seedBytes);
        GuestBuffer out = wasm.allocate(statements.size());
        int result = wasm.call(BulletproofsAbi.VERIFY_BATCH,
                request.pointer(), request.length(), seed.pointer(), out.pointer());
        byte[] codes = result == statements.size() ? wasm.read(out) : null;
        wasm.free(out);
        wasm.free(seed);
        wasm.free(request);

        if (result == BulletproofsAbi.ERROR_FRAMING) {
            return null;
        }
        if (codes == null) {
            // -2 cannot happen for 1..256 statements, nor can another count: the module is broken.
            throw new IllegalStateException(module.name() + ": zk_verify_batch answered " + result
                    + " for " + statements.size() + " statements");
        }
        int[] statuses = new int[codes.length];
        Arrays.setAll(statuses, i -> Byte.toUnsignedInt(codes[i]));
        return statuses;
    }

    private VerificationStatus toStatus(int code) {
        try {
            return VerificationStatus.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(module.name() + ": zk_verify_batch wrote status " + code, e);
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
