package io.zkedge.operators.verify;

import io.zkedge.groth16.Bn254;
import io.zkedge.groth16.Groth16FormatException;
import io.zkedge.groth16.Groth16Proof;
import io.zkedge.groth16.Groth16PublicInputs;
import io.zkedge.groth16.Groth16Statement;
import io.zkedge.groth16.Groth16Status;
import io.zkedge.groth16.Groth16Verifier;
import io.zkedge.groth16.Groth16VerifyingKey;
import io.zkedge.groth16.SensorRangeSignals;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.schemas.RangeParameters;
import io.zkedge.schemas.VerdictStatus;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Groth16 proofs of the sensor range circuit (circuits/README.md) under one verification key: the
 * records of {@code StatementKey(GROTH16, circuitId)}, as a gateway's {@code Groth16ReadingProver}
 * writes them (docs/gateway-groth16.md): a 256-byte proof, six public inputs of 32 bytes each, an
 * empty commitment field.
 *
 * <p>Per record, before any module call: the proof and inputs are decoded strictly (any bad size
 * or non-canonical value is MALFORMED, with its reason); then the inputs that carry the sensor id,
 * sequence number and event time must encode the record's own fields ({@link
 * SensorRangeSignals#contextMismatch}), and, if the record names a range, its min and max must be
 * the proven ones; otherwise the record is {@code CONTEXT_MISMATCH}, so a valid proof cannot be
 * re-attributed to another sensor, sequence number or time (DESIGN invariant 3). The rest go to the
 * module in one batch.
 *
 * <p>The module instance is shared with the verifiers of the subtask's other keys
 * ({@link Groth16ModuleInstance}); {@link #faultCount()} counts only the faults of this key's calls.
 */
public final class Groth16SensorRangeVerifier implements StatementVerifier {

    private final Groth16ModuleInstance module;
    private final Groth16VerifyingKey key;
    private long faults;

    /**
     * @param module this subtask's Groth16 module instance
     * @param key a verifying key of the sensor range circuit (six public inputs), checked against
     *     the trust store by the caller
     * @throws IllegalArgumentException if the key does not have the circuit's six public inputs
     */
    Groth16SensorRangeVerifier(Groth16ModuleInstance module, Groth16VerifyingKey key) {
        this.module = Objects.requireNonNull(module, "module");
        this.key = Objects.requireNonNull(key, "key");
        if (key.nPublic() != SensorRangeSignals.N_PUBLIC) {
            throw new IllegalArgumentException("key " + key.circuitId() + " has " + key.nPublic()
                    + " public inputs; a sensor range circuit key has " + SensorRangeSignals.N_PUBLIC);
        }
    }

    /** The statement this verifier serves. */
    public StatementKey statement() {
        return new StatementKey(ProofSystem.GROTH16, key.circuitId());
    }

    @Override
    public List<VerificationOutcome> verify(List<ProofRecord> records) throws InterruptedException {
        VerificationOutcome[] outcomes = new VerificationOutcome[records.size()];
        List<Integer> toVerify = new ArrayList<>(records.size());
        List<Groth16Statement> statements = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ProofRecord record = records.get(i);
            Groth16Statement statement;
            try {
                statement = statement(record);
            } catch (Groth16FormatException e) {
                outcomes[i] = new VerificationOutcome(VerdictStatus.MALFORMED, e.getMessage());
                continue;
            }
            Optional<String> mismatch = contextMismatch(record, statement.inputs());
            if (mismatch.isPresent()) {
                outcomes[i] = new VerificationOutcome(VerdictStatus.CONTEXT_MISMATCH, mismatch.get());
                continue;
            }
            toVerify.add(i);
            statements.add(statement);
        }
        if (!statements.isEmpty()) {
            Groth16Verifier verifier = module.verifier();
            long faultsBefore = verifier.faultCount();
            try {
                List<Groth16Status> statuses = verifier.verify(key, statements);
                for (int j = 0; j < statuses.size(); j++) {
                    outcomes[toVerify.get(j)] = outcome(statuses.get(j));
                }
            } catch (Groth16FormatException e) {
                // The key was prepared when it was loaded; the module refusing it now is a fault.
                for (int i : toVerify) {
                    outcomes[i] = new VerificationOutcome(VerdictStatus.MALFORMED, e.getMessage());
                }
            } finally {
                faults += verifier.faultCount() - faultsBefore;
            }
        }
        return List.of(outcomes);
    }

    /**
     * The record's proof and inputs, decoded without trusting any length in it.
     *
     * @throws Groth16FormatException saying what is wrong
     */
    private Groth16Statement statement(ProofRecord record) throws Groth16FormatException {
        if (record.getProofSystem() != ProofSystem.GROTH16 || !key.circuitId().equals(record.getStatementId())) {
            throw new Groth16FormatException("record of " + record.getProofSystem() + "/" + record.getStatementId()
                    + " given to the verifier of " + statement());
        }
        if (record.getCommitment().remaining() != 0) {
            throw new Groth16FormatException("a Groth16 record carries its commitment as public input 0; its commitment"
                    + " field must be empty, not " + record.getCommitment().remaining() + " bytes");
        }
        Groth16Proof proof = Groth16Proof.fromBytes(bytes(record.getProof()));
        List<ByteBuffer> inputs = record.getPublicInputs();
        if (inputs.size() != key.nPublic()) {
            throw new Groth16FormatException(inputs.size() + " public inputs, the circuit has " + key.nPublic());
        }
        byte[] concatenated = new byte[key.nPublic() * Bn254.FIELD_BYTES];
        for (int i = 0; i < inputs.size(); i++) {
            int length = inputs.get(i).remaining();
            if (length != Bn254.FIELD_BYTES) {
                throw new Groth16FormatException("public input " + i + " has " + length + " bytes, not "
                        + Bn254.FIELD_BYTES);
            }
            inputs.get(i).duplicate().get(concatenated, i * Bn254.FIELD_BYTES, Bn254.FIELD_BYTES);
        }
        return new Groth16Statement(proof, Groth16PublicInputs.fromBytes(concatenated, key.nPublic()));
    }

    /** Why the proven inputs are not this record's context, if they are not. */
    private static Optional<String> contextMismatch(ProofRecord record, Groth16PublicInputs inputs) {
        Optional<String> mismatch = SensorRangeSignals.contextMismatch(
                inputs, record.getSensorId(), record.getSeq(), record.getEventTime().toEpochMilli());
        if (mismatch.isPresent()) {
            return mismatch;
        }
        RangeParameters range = record.getRange();
        if (range != null && (!inputs.get(SensorRangeSignals.MIN).equals(SensorRangeSignals.signed64(range.getMin()))
                || !inputs.get(SensorRangeSignals.MAX).equals(SensorRangeSignals.signed64(range.getMax())))) {
            return Optional.of("the record's range [" + range.getMin() + ", " + range.getMax()
                    + "] is not the proven one");
        }
        return Optional.empty();
    }

    @Override
    public void selfTest() throws InterruptedException {
        module.selfTest();
    }

    @Override
    public byte[] moduleSha256() {
        return module.moduleSha256();
    }

    @Override
    public long faultCount() {
        return faults;
    }

    private static VerificationOutcome outcome(Groth16Status status) {
        return switch (status.verdict()) {
            case VALID -> VerificationOutcome.of(VerdictStatus.VALID);
            case INVALID -> new VerificationOutcome(VerdictStatus.INVALID,
                    "Groth16 proof does not verify for its public inputs (the pairing check fails)");
            case MALFORMED -> new VerificationOutcome(VerdictStatus.MALFORMED, status.reason());
        };
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    @Override
    public String toString() {
        return "Groth16SensorRangeVerifier[" + key.circuitId() + "]";
    }
}
