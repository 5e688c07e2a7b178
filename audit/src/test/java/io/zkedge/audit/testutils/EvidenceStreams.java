package io.zkedge.audit.testutils;

import io.zkedge.audit.SourcedRecord;
import io.zkedge.evidence.ChainPosition;
import io.zkedge.evidence.Ed25519PrivateKey;
import io.zkedge.evidence.EvidenceSigner;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ComplianceOutcome;
import io.zkedge.schemas.ComplianceRecord;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.schemas.Verdict;
import io.zkedge.schemas.VerdictStatus;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Signed, chained verdict and compliance streams made as the job makes them: each record built
 * unsigned and put into its sensor's chain with {@link EvidenceSigner#signChained} from a
 * {@link ChainPosition} kept per sensor, then encoded with the topic's {@link AvroCodec}. Sensor
 * {@code i} writes to partition {@code i % partitions}; offsets count up per partition.
 */
public final class EvidenceStreams {

    public static final String VERDICTS = "t.verdicts";
    public static final String COMPLIANCE = "t.compliance";
    public static final int PARTITIONS = 2;
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** A reading every second, windows of 10 s. */
    public static final long WINDOW_MS = 10_000;

    private final EvidenceSigner signer;
    private final List<String> sensors;
    private final int readings;

    /**
     * @param key the edge node's key
     * @param sensors the sensors, each with {@code readings} verdicts (every 7th INVALID, every
     *     11th a REPLAY) and one compliance record per 10 readings
     */
    public EvidenceStreams(Ed25519PrivateKey key, List<String> sensors, int readings) {
        this.signer = new EvidenceSigner(key);
        this.sensors = sensors;
        this.readings = readings;
    }

    /** The verdicts topic's records. */
    public List<SourcedRecord> verdicts() {
        AvroCodec<Verdict> codec = AvroCodec.forVerdicts();
        Map<Integer, Long> offsets = new HashMap<>();
        List<SourcedRecord> out = new ArrayList<>();
        for (int s = 0; s < sensors.size(); s++) {
            ChainPosition position = ChainPosition.genesis();
            int partition = s % PARTITIONS;
            for (int seq = 0; seq < readings; seq++) {
                Verdict v = verdict(sensors.get(s), seq, partition, seq * 10L + s);
                position = signer.signChained(v, position);
                out.add(record(VERDICTS, partition, offsets, v.getVerifiedAt().toEpochMilli(), codec.encode(v)));
            }
        }
        return out;
    }

    /** The compliance topic's records: one window per 10 readings, the last window of each sensor NON_COMPLIANT. */
    public List<SourcedRecord> compliance() {
        AvroCodec<ComplianceRecord> codec = AvroCodec.forComplianceRecords();
        Map<Integer, Long> offsets = new HashMap<>();
        List<SourcedRecord> out = new ArrayList<>();
        int windows = readings / 10;
        for (int s = 0; s < sensors.size(); s++) {
            ChainPosition position = ChainPosition.genesis();
            int partition = s % PARTITIONS;
            for (int w = 0; w < windows; w++) {
                ComplianceRecord c = window(sensors.get(s), w, w == windows - 1 && windows > 1);
                position = signer.signChained(c, position);
                out.add(record(COMPLIANCE, partition, offsets, c.getWindowEnd().toEpochMilli(), codec.encode(c)));
            }
        }
        return out;
    }

    /** An unsigned verdict of one reading. */
    public static Verdict verdict(String sensor, long seq, int sourcePartition, long sourceOffset) {
        VerdictStatus status = seq % 11 == 10 ? VerdictStatus.REPLAY
                : seq % 7 == 6 ? VerdictStatus.INVALID : VerdictStatus.VALID;
        byte[] digest = new byte[32];
        digest[0] = (byte) seq;
        digest[1] = (byte) sensor.hashCode();
        return Verdict.newBuilder()
                .setSensorId(sensor).setGatewayId("gw-1").setSeq(seq)
                .setEventTime(T0.plusSeconds(seq)).setProofSystem(ProofSystem.BULLETPROOFS)
                .setStatementId("range-0-1000").setStatus(status)
                .setReason(status == VerdictStatus.VALID ? null : status.name().toLowerCase())
                .setProofDigest(ByteBuffer.wrap(digest)).setModuleSha256(ByteBuffer.wrap(new byte[32]))
                .setBatchId("b-" + seq / 8).setVerifiedAt(T0.plusSeconds(seq).plusMillis(250))
                .setSourcePartition(sourcePartition).setSourceOffset(sourceOffset)
                .setChainIndex(0).setPrevHash(ByteBuffer.allocate(32)).setSignerKeyId("")
                .setSignature(ByteBuffer.allocate(0))
                .build();
    }

    /** An unsigned compliance record of window {@code w}. */
    public static ComplianceRecord window(String sensor, int w, boolean failing) {
        return ComplianceRecord.newBuilder()
                .setSensorId(sensor)
                .setWindowStart(T0.plusMillis(w * WINDOW_MS)).setWindowEnd(T0.plusMillis((w + 1) * WINDOW_MS))
                .setExpected(10).setValid(failing ? 7 : 9).setInvalid(failing ? 2 : 0).setReplayed(1)
                .setMalformed(0).setStale(0).setMissing(failing ? 1 : 0)
                .setOutcome(failing ? ComplianceOutcome.NON_COMPLIANT : ComplianceOutcome.COMPLIANT)
                .setRule("valid >= 90% of expected and invalid == 0")
                .setChainIndex(0).setPrevHash(ByteBuffer.allocate(32)).setSignerKeyId("")
                .setSignature(ByteBuffer.allocate(0))
                .build();
    }

    private static SourcedRecord record(String topic, int partition, Map<Integer, Long> offsets, long ts, byte[] value) {
        long offset = offsets.merge(partition, 1L, Long::sum) - 1;
        return new SourcedRecord(topic, partition, offset, ts, value);
    }
}
