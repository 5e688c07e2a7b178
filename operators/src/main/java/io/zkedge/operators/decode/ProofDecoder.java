package io.zkedge.operators.decode;

import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.DeadLetter;
import io.zkedge.schemas.DeadLetterReason;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.schemas.RangeParameters;
import io.zkedge.schemas.UndecodableRecordException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Turns a Kafka record of the proofs topic into a {@link ProofEnvelope}, or into a
 * {@link DeadLetter} that says why not. It never throws for bad input.
 *
 * <p>Dead-letter reasons:
 * <ul>
 *   <li>{@code OVERSIZED}: the value exceeds {@link DecoderSettings#maxRecordBytes()}, or the proof
 *       exceeds the {@value #MAX_PROOF_BYTES} bytes the verifier ABI can carry;
 *   <li>{@code UNDECODABLE}: not a single-object-encoded ProofRecord of a known schema version
 *       (see {@link AvroCodec#decode});
 *   <li>{@code INCONSISTENT}: decodes, but cannot be what a gateway sends: the Kafka key is not the
 *       sensor id (a sensor's records must share a partition to stay in order), an empty or too
 *       long sensor id, a negative sequence number (the schema's {@code seq} is a signed Avro
 *       {@code long}, so a sequence number above 2^63-1 can only arrive as one), an event time beyond
 *       {@link DecoderSettings#maxFutureSkew()} ahead of the clock, or a Bulletproofs record
 *       without range parameters, with a bit count outside {8, 16, 32, 64}, or with a commitment
 *       that is not 32 bytes.
 * </ul>
 *
 * <p>Anything else goes on to verification, which answers for it with a verdict: a proof system or
 * statement this job does not know becomes {@code UNKNOWN_STATEMENT}, a bad proof {@code INVALID}
 * or {@code MALFORMED}.
 *
 * <p>Not thread-safe only in the sense that its codec is shared; create one per subtask.
 */
public final class ProofDecoder {

    /** Largest proof the verifier ABI accepts (BulletproofsAbi.MAX_PROOF_BYTES). */
    public static final int MAX_PROOF_BYTES = 4096;

    /** Largest sensor id, in UTF-8 bytes, that the verifier ABI can bind (BulletproofsAbi.MAX_SENSOR_BYTES). */
    public static final int MAX_SENSOR_ID_BYTES = 256;

    /** Bytes of a Pedersen commitment (a compressed Ristretto point). */
    public static final int COMMITMENT_BYTES = 32;

    /**
     * Most bytes of the original value kept in a dead letter: the dead-letter topic's limit
     * ({@link AvroCodec#LARGE_MAX_BYTES}) less room for the other fields.
     */
    public static final int MAX_DEAD_LETTER_ORIGINAL_BYTES = AvroCodec.LARGE_MAX_BYTES - 16 * 1024;

    private final AvroCodec<ProofRecord> codec;
    private final DecoderSettings settings;
    private final LongSupplier clock;

    /** A decoder with the system clock. */
    public ProofDecoder(DecoderSettings settings) {
        this(settings, System::currentTimeMillis);
    }

    /** A decoder with the given clock (epoch milliseconds), for tests. */
    public ProofDecoder(DecoderSettings settings, LongSupplier clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.codec = AvroCodec.builder(ProofRecord.class).maxBytes(settings.maxRecordBytes()).build();
    }

    /** The proof in {@code payload}, or a dead letter saying why there is none. */
    public DecodeResult decode(KafkaPayload payload) {
        Objects.requireNonNull(payload, "payload");
        ProofRecord record;
        try {
            record = codec.decode(payload.value);
        } catch (UndecodableRecordException e) {
            return reject(payload, e.reason().deadLetterReason(), e.getMessage());
        }
        String inconsistency = inconsistency(payload, record);
        if (inconsistency != null) {
            return reject(payload, DeadLetterReason.INCONSISTENT, inconsistency);
        }
        if (record.getProof().remaining() > MAX_PROOF_BYTES) {
            return reject(payload, DeadLetterReason.OVERSIZED, "proof of " + record.getProof().remaining()
                    + " bytes exceeds the verifier's limit of " + MAX_PROOF_BYTES + " bytes");
        }
        return DecodeResult.proof(new ProofEnvelope(record, payload.partition, payload.offset));
    }

    /** What makes the record impossible for a gateway to have sent, or null if nothing. */
    private String inconsistency(KafkaPayload payload, ProofRecord record) {
        byte[] sensor = record.getSensorId().getBytes(StandardCharsets.UTF_8);
        if (sensor.length == 0) {
            return "empty sensorId";
        }
        if (sensor.length > MAX_SENSOR_ID_BYTES) {
            return "sensorId of " + sensor.length + " UTF-8 bytes exceeds " + MAX_SENSOR_ID_BYTES;
        }
        if (payload.key == null) {
            return "record has no key; it must be the sensorId";
        }
        if (!Arrays.equals(payload.key, sensor)) {
            return "record key '" + printable(payload.key) + "' is not the sensorId '" + record.getSensorId() + "'";
        }
        if (record.getSeq() < 0) {
            // The schema's seq is an Avro long: 0..2^63-1 is a gateway's range. A negative value is
            // also what a gateway counting in unsigned 64 bits writes past 2^63-1; both are refused
            // here, since the replay guard (ReplayWindow) compares and subtracts seqs as signed longs.
            return "negative seq " + record.getSeq() + " (as unsigned 64-bit "
                    + Long.toUnsignedString(record.getSeq()) + "): sequence numbers must lie in 0..2^63-1";
        }
        long eventTime = record.getEventTime().toEpochMilli();
        long now = clock.getAsLong();
        if (eventTime > now + settings.maxFutureSkew().toMillis()) {
            return "eventTime " + record.getEventTime() + " is more than " + settings.maxFutureSkew()
                    + " ahead of the clock (" + Instant.ofEpochMilli(now) + ")";
        }
        if (record.getProofSystem() == ProofSystem.BULLETPROOFS) {
            RangeParameters range = record.getRange();
            if (range == null) {
                return "Bulletproofs record without range parameters";
            }
            int bits = range.getBits();
            if (bits != 8 && bits != 16 && bits != 32 && bits != 64) {
                return "range bits " + bits + " is not 8, 16, 32 or 64";
            }
            if (record.getCommitment().remaining() != COMMITMENT_BYTES) {
                return "commitment of " + record.getCommitment().remaining() + " bytes, not " + COMMITMENT_BYTES;
            }
        }
        return null;
    }

    private DecodeResult reject(KafkaPayload payload, DeadLetterReason reason, String detail) {
        byte[] original = payload.value == null ? new byte[0] : payload.value;
        String note = "";
        if (original.length > MAX_DEAD_LETTER_ORIGINAL_BYTES) {
            note = " (original truncated from " + original.length + " bytes)";
            original = Arrays.copyOf(original, MAX_DEAD_LETTER_ORIGINAL_BYTES);
        }
        DeadLetter deadLetter = DeadLetter.newBuilder()
                .setReason(reason)
                .setDetail(detail + note)
                .setSourceTopic(payload.topic == null ? "" : payload.topic)
                .setSourcePartition(payload.partition)
                .setSourceOffset(payload.offset)
                .setKey(payload.key == null ? null : ByteBuffer.wrap(payload.key))
                .setOriginal(ByteBuffer.wrap(original))
                .setReceivedAt(Instant.ofEpochMilli(clock.getAsLong()))
                .build();
        return DecodeResult.deadLetter(deadLetter);
    }

    private static String printable(byte[] key) {
        String s = new String(key, 0, Math.min(key.length, 64), StandardCharsets.UTF_8);
        return key.length > 64 ? s + "..." : s;
    }
}
