package io.zkedge.groth16;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * The public signals of the Groth16 sensor range circuit ({@code circuits/sensor_range.circom},
 * contract in circuits/README.md), and how record fields map to them:
 *
 * <pre>
 * 0 commitment        Poseidon(v, blinding, sensorId, seq, eventTimeMillis)
 * 1 min               min + 2^63                       (signed 64-bit, offset binary)
 * 2 max               max + 2^63
 * 3 sensorId          first 31 bytes of SHA-256(UTF-8 sensor id), big-endian
 * 4 seq               seq as an unsigned 64-bit integer
 * 5 eventTimeMillis   event time as its two's-complement u64
 * </pre>
 */
public final class SensorRangeSignals {

    /** Number of public signals of the circuit (its verifying key's nPublic). */
    public static final int N_PUBLIC = 6;

    public static final int COMMITMENT = 0;
    public static final int MIN = 1;
    public static final int MAX = 2;
    public static final int SENSOR_ID = 3;
    public static final int SEQ = 4;
    public static final int EVENT_TIME = 5;

    private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final int SENSOR_ID_BYTES = 31; // 248 bits < r: no reduction

    private SensorRangeSignals() {}

    /**
     * The field element of a sensor id.
     *
     * @throws IllegalArgumentException if the id is not well-formed UTF-16 (a lone surrogate
     *     would otherwise encode as '?', and two ids would share an element)
     */
    public static BigInteger sensorId(String sensorId) {
        byte[] digest = sha256(strictUtf8(sensorId));
        byte[] prefix = new byte[SENSOR_ID_BYTES];
        System.arraycopy(digest, 0, prefix, 0, SENSOR_ID_BYTES);
        return new BigInteger(1, prefix);
    }

    /** A signed 64-bit value (v, min, max) in offset binary: {@code x + 2^63}. */
    public static BigInteger signed64(long x) {
        return BigInteger.valueOf(x).add(TWO_63);
    }

    /**
     * The signed 64-bit value that {@link #signed64} encoded, e.g. to read the range a proof was
     * made for from its {@link #MIN} and {@link #MAX} inputs.
     *
     * @throws IllegalArgumentException if {@code element} is not in [0, 2^64)
     */
    public static long decodeSigned64(BigInteger element) {
        if (element.signum() < 0 || element.bitLength() > 64) {
            throw new IllegalArgumentException(element + " is not an offset-binary 64-bit value");
        }
        return element.subtract(TWO_63).longValueExact();
    }

    /** A sequence number: the unsigned 64-bit value of {@code seq}'s bits. */
    public static BigInteger seq(long seq) {
        return unsigned(seq);
    }

    /** An event time in ms since the epoch, as its two's-complement u64. */
    public static BigInteger eventTime(long eventTimeMillis) {
        return unsigned(eventTimeMillis);
    }

    /** The six public inputs of a statement. */
    public static Groth16PublicInputs publicInputs(
            BigInteger commitment, long min, long max, String sensorId, long seq, long eventTimeMillis)
            throws Groth16FormatException {
        return Groth16PublicInputs.of(List.of(commitment, signed64(min), signed64(max),
                sensorId(sensorId), seq(seq), eventTime(eventTimeMillis)));
    }

    /**
     * Whether a proof's public inputs are bound to this sensor, sequence number and event time
     * (DESIGN invariant 3).
     *
     * @return empty if they are; else a one-line reason naming the first signal that differs
     */
    public static Optional<String> contextMismatch(
            Groth16PublicInputs inputs, String sensorId, long seq, long eventTimeMillis) {
        if (inputs.size() != N_PUBLIC) {
            return Optional.of("expected " + N_PUBLIC + " public inputs, got " + inputs.size());
        }
        BigInteger sensor;
        try {
            sensor = sensorId(sensorId);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (!inputs.get(SENSOR_ID).equals(sensor)) {
            return Optional.of("public input sensorId does not encode the record's sensor id");
        }
        if (!inputs.get(SEQ).equals(seq(seq))) {
            return Optional.of("public input seq " + inputs.get(SEQ) + " differs from the record's "
                    + Long.toUnsignedString(seq));
        }
        if (!inputs.get(EVENT_TIME).equals(eventTime(eventTimeMillis))) {
            return Optional.of("public input eventTimeMillis " + inputs.get(EVENT_TIME)
                    + " does not encode the record's event time " + eventTimeMillis);
        }
        return Optional.empty();
    }

    private static BigInteger unsigned(long bits) {
        BigInteger v = BigInteger.valueOf(bits);
        return bits < 0 ? v.add(TWO_64) : v;
    }

    private static byte[] strictUtf8(String s) {
        try {
            ByteBuffer buffer = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("sensor id is not well-formed UTF-16", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
