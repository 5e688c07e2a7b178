package io.zkedge.operators.verify;

import io.zkedge.operators.decode.ProofEnvelope;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.VerdictStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Verifies a batch of proof records: routes each to the verifier registered for its
 * {@link StatementKey}, calls each verifier once for all its records, and answers in input order.
 * A record whose key has no verifier is {@code UNKNOWN_STATEMENT} without any module being called.
 *
 * <p>The plain core of {@link BatchVerifyOperator}; not thread-safe (its verifiers own Wasm
 * instances).
 */
public final class BatchVerifier {

    private static final byte[] NO_MODULE = new byte[0];

    private final Map<StatementKey, StatementVerifier> verifiers;
    private final String batchIdPrefix;
    private final LongSupplier clock;
    private long batches;
    /** Faults of verifiers replaced since, so that {@link #faultCount()} never goes down. */
    private long retiredFaults;

    /**
     * @param verifiers the verifier per statement key
     * @param batchIdPrefix makes batch ids unique across subtasks and restarts (e.g. a random
     *     nonce and the subtask index); ids are {@code prefix-n}
     * @param clock epoch milliseconds, for {@code verifiedAt}
     */
    public BatchVerifier(Map<StatementKey, StatementVerifier> verifiers, String batchIdPrefix, LongSupplier clock) {
        this.verifiers = new HashMap<>(verifiers);
        this.batchIdPrefix = Objects.requireNonNull(batchIdPrefix, "batchIdPrefix");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The verified records, in input order, all with the same batch id and verification time.
     *
     * @throws InterruptedException if the thread was interrupted while a module ran
     */
    public List<VerifiedProof> verify(List<ProofEnvelope> batch) throws InterruptedException {
        String batchId = batchIdPrefix + "-" + batches++;
        VerificationOutcome[] outcomes = new VerificationOutcome[batch.size()];
        byte[][] modules = new byte[batch.size()][];

        Map<StatementKey, List<Integer>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            byKey.computeIfAbsent(StatementKey.of(batch.get(i).record), k -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<StatementKey, List<Integer>> group : byKey.entrySet()) {
            StatementVerifier verifier = verifiers.get(group.getKey());
            List<Integer> indices = group.getValue();
            if (verifier == null) {
                VerificationOutcome unknown = new VerificationOutcome(VerdictStatus.UNKNOWN_STATEMENT,
                        "no verifier for statement " + group.getKey());
                for (int i : indices) {
                    outcomes[i] = unknown;
                    modules[i] = NO_MODULE;
                }
                continue;
            }
            List<ProofRecord> records = new ArrayList<>(indices.size());
            for (int i : indices) {
                records.add(batch.get(i).record);
            }
            List<VerificationOutcome> answers = verifier.verify(records);
            if (answers.size() != records.size()) {
                throw new IllegalStateException("verifier for " + group.getKey() + " answered " + answers.size()
                        + " outcomes for " + records.size() + " records");
            }
            byte[] module = verifier.moduleSha256();
            for (int j = 0; j < indices.size(); j++) {
                outcomes[indices.get(j)] = answers.get(j);
                modules[indices.get(j)] = module;
            }
        }

        long verifiedAt = clock.getAsLong();
        List<VerifiedProof> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            ProofEnvelope envelope = batch.get(i);
            out.add(new VerifiedProof(envelope.record, outcomes[i].status(), outcomes[i].reason(), modules[i],
                    batchId, verifiedAt, envelope.sourcePartition, envelope.sourceOffset));
        }
        return out;
    }

    /**
     * From the next batch on, {@code statement} is verified by {@code verifier} (a module swap
     * between batches, so that a batch never mixes modules).
     */
    public void replace(StatementKey statement, StatementVerifier verifier) {
        StatementVerifier old = verifiers.put(Objects.requireNonNull(statement, "statement"),
                Objects.requireNonNull(verifier, "verifier"));
        if (old != null) {
            retiredFaults += old.faultCount();
        }
    }

    /** SHA-256 of the module that verifies {@code statement} now, or null if none does. */
    public byte[] moduleSha256(StatementKey statement) {
        StatementVerifier verifier = verifiers.get(statement);
        return verifier == null ? null : verifier.moduleSha256();
    }

    /** Batches verified so far. */
    public long batchCount() {
        return batches;
    }

    /** Faults of all verifiers (module calls that trapped or refused their framing). */
    public long faultCount() {
        return retiredFaults + verifiers.values().stream().mapToLong(StatementVerifier::faultCount).sum();
    }
}
