package io.zkedge.operators.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkedge.operators.testutils.ProofFixtures;
import io.zkedge.schemas.DeadLetter;
import io.zkedge.schemas.DeadLetterReason;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.schemas.RangeParameters;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProofDecoderTest {

    private static final String SENSOR = "plant-3/boiler-7";
    private static final long NOW = ProofFixtures.T0.toEpochMilli() + 3_600_000;
    private static final ProofDecoder DECODER = new ProofDecoder(DecoderSettings.DEFAULTS, () -> NOW);

    @Test
    void shouldDecodeAConsistentRecordWithItsCoordinates() {
        ProofRecord record = someRecord();

        DecodeResult result = DECODER.decode(payload(SENSOR, ProofFixtures.encode(record)));

        assertThat(result.isProof()).isTrue();
        assertThat(result.proof().record).isEqualTo(record);
        assertThat(result.proof().sourcePartition).isEqualTo(3);
        assertThat(result.proof().sourceOffset).isEqualTo(42);
    }

    @Test
    void shouldDeadLetterGarbageAsUndecodableKeepingTheOriginalBytes() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);

        DeadLetter d = deadLetter(payload(SENSOR, garbage));

        assertThat(d.getReason()).isEqualTo(DeadLetterReason.UNDECODABLE);
        assertThat(d.getDetail()).contains("BAD_MAGIC");
        assertThat(bytes(d.getOriginal())).isEqualTo(garbage);
        assertThat(bytes(d.getKey())).isEqualTo(SENSOR.getBytes(StandardCharsets.UTF_8));
        assertThat(d.getSourceTopic()).isEqualTo("zkedge.proofs");
        assertThat(d.getSourcePartition()).isEqualTo(3);
        assertThat(d.getSourceOffset()).isEqualTo(42);
        assertThat(d.getReceivedAt()).isEqualTo(Instant.ofEpochMilli(NOW));
    }

    @Test
    void shouldDeadLetterNullAndTruncatedValuesAsUndecodable() {
        byte[] encoded = ProofFixtures.encode(someRecord());
        byte[] truncated = java.util.Arrays.copyOf(encoded, encoded.length - 5);

        assertThat(deadLetter(payload(SENSOR, null)).getReason()).isEqualTo(DeadLetterReason.UNDECODABLE);
        assertThat(deadLetter(payload(SENSOR, null)).getOriginal().remaining()).isZero();
        assertThat(deadLetter(payload(SENSOR, truncated)).getReason()).isEqualTo(DeadLetterReason.UNDECODABLE);
    }

    @Test
    void shouldDeadLetterAnOversizedValueWithoutParsingIt() {
        ProofDecoder small = new ProofDecoder(new DecoderSettings(64, Duration.ofMinutes(5)), () -> NOW);

        DeadLetter d = small.decode(payload(SENSOR, ProofFixtures.encode(someRecord()))).deadLetter();

        assertThat(d.getReason()).isEqualTo(DeadLetterReason.OVERSIZED);
    }

    @Test
    void shouldDeadLetterAProofLongerThanTheVerifierAcceptsAsOversized() {
        ProofRecord record = ProofFixtures.record(SENSOR, 1, time(1), new byte[32], new byte[ProofDecoder.MAX_PROOF_BYTES + 1]);

        assertThat(deadLetter(payload(SENSOR, ProofFixtures.encode(record))).getReason()).isEqualTo(DeadLetterReason.OVERSIZED);
    }

    @Test
    void shouldDeadLetterAKeyThatIsNotTheSensorIdAsInconsistent() {
        byte[] value = ProofFixtures.encode(someRecord());

        DeadLetter wrongKey = deadLetter(payload("another-sensor", value));
        DeadLetter noKey = deadLetter(new KafkaPayload("zkedge.proofs", 3, 42, null, value, NOW));

        assertThat(wrongKey.getReason()).isEqualTo(DeadLetterReason.INCONSISTENT);
        assertThat(wrongKey.getDetail()).contains("another-sensor", SENSOR);
        assertThat(noKey.getReason()).isEqualTo(DeadLetterReason.INCONSISTENT);
        assertThat(noKey.getKey()).isNull();
    }

    @Test
    void shouldDeadLetterInconsistentBulletproofsRecords() {
        ProofRecord noRange = someRecord();
        noRange.setRange(null);
        ProofRecord oddBits = someRecord();
        oddBits.setRange(new RangeParameters(0L, 100L, 12));
        ProofRecord shortCommitment = someRecord();
        shortCommitment.setCommitment(ByteBuffer.wrap(new byte[31]));
        ProofRecord negativeSeq = someRecord();
        negativeSeq.setSeq(-1);
        ProofRecord emptySensor = someRecord();
        emptySensor.setSensorId("");

        assertInconsistent(noRange, SENSOR, "without range parameters");
        assertInconsistent(oddBits, SENSOR, "bits 12");
        assertInconsistent(shortCommitment, SENSOR, "31 bytes");
        assertInconsistent(negativeSeq, SENSOR, "negative seq");
        assertInconsistent(emptySensor, "", "empty sensorId");
    }

    @Test
    void shouldDeadLetterASequenceNumberAbove2To63Minus1AsInconsistent() {
        // The schema's seq is an Avro long (signed): a gateway counting in unsigned 64 bits past
        // 2^63-1 writes the two's complement, a negative long, which must not reach the replay guard.
        ProofRecord justAbove = someRecord();
        justAbove.setSeq(Long.MIN_VALUE); // 2^63
        ProofRecord u64Max = someRecord();
        u64Max.setSeq(-1L); // 2^64-1
        ProofRecord highest = someRecord();
        highest.setSeq(Long.MAX_VALUE); // 2^63-1, still a sequence number

        assertInconsistent(justAbove, SENSOR, "9223372036854775808");
        assertInconsistent(u64Max, SENSOR, "18446744073709551615");
        assertInconsistent(u64Max, SENSOR, "must lie in 0..2^63-1");
        DecodeResult kept = DECODER.decode(payload(SENSOR, ProofFixtures.encode(highest)));
        assertThat(kept.isProof()).isTrue();
        assertThat(kept.proof().record.getSeq()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldDeadLetterAnEventTimeFarInTheFutureAsInconsistent() {
        ProofRecord future = ProofFixtures.record(SENSOR, 1, NOW + Duration.ofMinutes(6).toMillis(), new byte[32], new byte[672]);
        ProofRecord nearFuture = ProofFixtures.record(SENSOR, 1, NOW + Duration.ofMinutes(4).toMillis(), new byte[32], new byte[672]);

        assertInconsistent(future, SENSOR, "ahead of the clock");
        assertThat(DECODER.decode(payload(SENSOR, ProofFixtures.encode(nearFuture))).isProof()).isTrue();
    }

    @Test
    void shouldPassRecordsOfOtherProofSystemsOnToVerification() {
        ProofRecord groth16 = someRecord();
        groth16.setProofSystem(ProofSystem.GROTH16);
        groth16.setRange(null);
        groth16.setCommitment(ByteBuffer.wrap(new byte[0]));

        assertThat(DECODER.decode(payload(SENSOR, ProofFixtures.encode(groth16))).isProof()).isTrue();
    }

    private static void assertInconsistent(ProofRecord record, String key, String detail) {
        DeadLetter d = deadLetter(payload(key, ProofFixtures.encode(record)));
        assertThat(d.getReason()).isEqualTo(DeadLetterReason.INCONSISTENT);
        assertThat(d.getDetail()).contains(detail);
    }

    private static DeadLetter deadLetter(KafkaPayload payload) {
        DecodeResult result = DECODER.decode(payload);
        assertThat(result.isProof()).as("dead letter expected for %s", result).isFalse();
        return result.deadLetter();
    }

    private static ProofRecord someRecord() {
        return ProofFixtures.record(SENSOR, 7, time(7), new byte[32], new byte[672]);
    }

    private static long time(long seq) {
        return ProofFixtures.T0.toEpochMilli() + seq * 1_000;
    }

    private static KafkaPayload payload(String key, byte[] value) {
        return new KafkaPayload("zkedge.proofs", 3, 42, key.getBytes(StandardCharsets.UTF_8), value, NOW);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
