package io.zkedge.operators.verify;

import io.zkedge.bulletproofs.BulletproofsVerifier;
import io.zkedge.bulletproofs.RangeStatement;
import io.zkedge.bulletproofs.VerificationStatus;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.RangeParameters;
import io.zkedge.schemas.VerdictStatus;
import io.zkedge.wasm.WasmModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * The zkedge range statement ({@link StatementKey#BULLETPROOFS_RANGE_V1}) on the Bulletproofs
 * verifier module: each record becomes a {@link RangeStatement} bound to its sensor id, sequence
 * number and event time, so that a proof replayed under another sensor, sequence number or time
 * is INVALID. The verifier draws a fresh seed from its {@link SecureRandom} for every module call.
 */
public final class BulletproofsRangeVerifier implements StatementVerifier {

    private final BulletproofsVerifier verifier;
    private final byte[] moduleSha256;

    /**
     * @param module the verifier module (checked against the trust store by the caller)
     * @param maxBatchSize most statements per module call, 1 to 256
     */
    public BulletproofsRangeVerifier(WasmModule module, int maxBatchSize) {
        Objects.requireNonNull(module, "module");
        this.verifier = BulletproofsVerifier.builder()
                .setModule(module)
                .setRandom(new SecureRandom())
                .setMaxBatchSize(maxBatchSize)
                .build();
        this.moduleSha256 = module.sha256();
    }

    @Override
    public List<VerificationOutcome> verify(List<ProofRecord> records) throws InterruptedException {
        List<RangeStatement> statements = new ArrayList<>(records.size());
        List<VerificationOutcome> outcomes = new ArrayList<>(records.size());
        for (ProofRecord record : records) {
            RangeParameters range = record.getRange();
            if (range == null) {
                // The decoder sends such records to the dead letters; answer anyway, never throw.
                statements.add(null);
                continue;
            }
            statements.add(new RangeStatement(
                    range.getBits(),
                    bytes(record.getCommitment()),
                    range.getMin(),
                    range.getMax(),
                    record.getSensorId(),
                    record.getSeq(),
                    record.getEventTime().toEpochMilli(),
                    bytes(record.getProof())));
        }
        List<RangeStatement> toVerify = statements.stream().filter(Objects::nonNull).toList();
        List<VerificationStatus> statuses = toVerify.isEmpty() ? List.of() : verifier.verify(toVerify);
        int next = 0;
        for (RangeStatement statement : statements) {
            if (statement == null) {
                outcomes.add(new VerificationOutcome(VerdictStatus.MALFORMED, "no range parameters"));
            } else {
                outcomes.add(outcome(statuses.get(next++)));
            }
        }
        return outcomes;
    }

    @Override
    public void selfTest() throws InterruptedException {
        RangeStatement valid = KnownAnswer.VALID;
        RangeStatement otherSeq = new RangeStatement(valid.bits(), valid.commitment(), valid.min(), valid.max(),
                valid.sensorId(), valid.seq() + 1, valid.eventTimeMillis(), valid.proof());
        List<VerificationStatus> answers = verifier.verify(List.of(valid, otherSeq));
        if (!answers.equals(List.of(VerificationStatus.VALID, VerificationStatus.INVALID))) {
            throw new IllegalStateException("verifier module " + HexFormat.of().formatHex(moduleSha256)
                    + " failed its known-answer self-test: expected [VALID, INVALID], got " + answers);
        }
    }

    @Override
    public byte[] moduleSha256() {
        return moduleSha256.clone();
    }

    @Override
    public long faultCount() {
        return verifier.faultCount();
    }

    private static VerificationOutcome outcome(VerificationStatus status) {
        return switch (status) {
            case VALID -> VerificationOutcome.of(VerdictStatus.VALID);
            case INVALID -> new VerificationOutcome(VerdictStatus.INVALID, "range proof does not verify for this statement");
            case MALFORMED -> new VerificationOutcome(VerdictStatus.MALFORMED, "proof or commitment is not well-formed");
            case UNSUPPORTED -> new VerificationOutcome(VerdictStatus.UNSUPPORTED, "bit count not supported by the module");
        };
    }

    /** The statement of {@code range-v1-known-answer.properties}, made by this repository's prover. */
    private static final class KnownAnswer {
        static final RangeStatement VALID = load();

        private static RangeStatement load() {
            Properties p = new Properties();
            try (InputStream in = BulletproofsRangeVerifier.class.getResourceAsStream("range-v1-known-answer.properties")) {
                p.load(Objects.requireNonNull(in, "range-v1-known-answer.properties is missing from the jar"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            HexFormat hex = HexFormat.of();
            return new RangeStatement(
                    Integer.parseInt(p.getProperty("bits")),
                    hex.parseHex(p.getProperty("commitment")),
                    Long.parseLong(p.getProperty("min")),
                    Long.parseLong(p.getProperty("max")),
                    p.getProperty("sensor"),
                    Long.parseLong(p.getProperty("seq")),
                    Long.parseLong(p.getProperty("time")),
                    hex.parseHex(p.getProperty("proof")));
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
