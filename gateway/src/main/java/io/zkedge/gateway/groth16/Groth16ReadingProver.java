package io.zkedge.gateway.groth16;

import io.zkedge.gateway.RangeSpec;
import io.zkedge.groth16.Bn254;
import io.zkedge.groth16.Groth16FormatException;
import io.zkedge.groth16.Groth16Proof;
import io.zkedge.groth16.Groth16PublicInputs;
import io.zkedge.groth16.SensorRangeSignals;
import io.zkedge.groth16.SnarkjsFiles;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.ProofSystem;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a sensor reading into a {@link ProofRecord} with a Groth16 proof of the sensor range
 * circuit ({@code circuits/sensor_range.circom}, contract in circuits/README.md): the reading lies
 * in {@code [min, max]}, and the Poseidon commitment to it is bound to the sensor id, sequence
 * number and event time.
 *
 * <pre>{@code
 * try (Groth16ReadingProver prover = Groth16ReadingProver.create("gateway-1")) {   // starts node
 *     prover.prove("soil-7", seq, Instant.now(), 312, 100, 450).ifPresent(gateway::publish);
 * }
 * }</pre>
 *
 * <p>The proof is made by snarkjs in a long-lived Node process ({@link SnarkjsProverProcess}). All
 * randomness is drawn here from {@link SecureRandom} and passed in: the commitment's blinding and
 * the proof's randomisers r and s. The witness generator computes the commitment, which comes
 * back as public signal 0. A reading outside
 * {@code [min, max]} cannot be proven: {@link #prove} answers empty without asking snarkjs.
 *
 * <p>The record (docs/gateway-groth16.md): {@code proofSystem} GROTH16; {@code statementId} the
 * circuit id (hex SHA-256 of the verifying key); {@code proof} the 256-byte compact proof;
 * {@code publicInputs} the six public signals, 32 bytes big-endian each, in circuit order
 * (commitment, min, max, sensorId, seq, eventTimeMillis); {@code commitment} empty (the
 * commitment is public input 0); {@code range} null (min and max are public inputs 1 and 2; one
 * source, so they cannot disagree).
 *
 * <p>Thread-safe; proofs are made one at a time. If the Node process dies or hangs, that proof
 * fails and the next one starts a new process. Close the prover to end the process.
 */
public final class Groth16ReadingProver implements AutoCloseable {

    /** How long one proof may take before the process is deemed hung (proofs take ~0.1–1 s). */
    public static final Duration DEFAULT_PROOF_TIMEOUT = Duration.ofSeconds(60);
    /** How long node may take to load snarkjs and the keys. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    private final Groth16Toolchain toolchain;
    private final String gatewayId;
    private final SecureRandom random;
    private final Duration proofTimeout;
    private SnarkjsProverProcess process;
    private boolean closed;

    private Groth16ReadingProver(Groth16Toolchain toolchain, String gatewayId, SecureRandom random,
            Duration proofTimeout, SnarkjsProverProcess process) {
        this.toolchain = toolchain;
        this.gatewayId = gatewayId;
        this.random = random;
        this.proofTimeout = proofTimeout;
        this.process = process;
    }

    /** A prover on the located toolchain ({@link Groth16Toolchain#locate()}) with a new SecureRandom. */
    public static Groth16ReadingProver create(String gatewayId) throws Groth16SetupException, InterruptedException {
        return create(gatewayId, Groth16Toolchain.locate(), new SecureRandom(), DEFAULT_PROOF_TIMEOUT);
    }

    /**
     * A prover on {@code toolchain}, with blindings from {@code random}. Starts the Node process
     * now, so set-up problems show at once.
     */
    public static Groth16ReadingProver create(String gatewayId, Groth16Toolchain toolchain, SecureRandom random,
            Duration proofTimeout) throws Groth16SetupException, InterruptedException {
        Objects.requireNonNull(gatewayId, "gatewayId");
        Objects.requireNonNull(toolchain, "toolchain");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(proofTimeout, "proofTimeout");
        SnarkjsProverProcess process = SnarkjsProverProcess.start(toolchain, DEFAULT_START_TIMEOUT);
        return new Groth16ReadingProver(toolchain, gatewayId, random, proofTimeout, process);
    }

    /**
     * Proves that {@code value} lies in {@code [min, max]}.
     *
     * @param seq the sensor's sequence number (unsigned 64-bit in a {@code long})
     * @param eventTime when the reading was taken; proven at millisecond precision
     * @return the record, or empty if the value is outside the range
     * @throws IllegalArgumentException if the sensor id is not well-formed UTF-16
     * @throws Groth16ProverException if snarkjs fails or answers with a proof of other public inputs
     * @throws Groth16SetupException if a new Node process is needed and does not start
     */
    public Optional<ProofRecord> prove(String sensorId, long seq, Instant eventTime, long value, long min, long max)
            throws Groth16ProverException, Groth16SetupException, InterruptedException {
        Objects.requireNonNull(sensorId, "sensorId");
        Objects.requireNonNull(eventTime, "eventTime");
        if (value < min || value > max) {
            return Optional.empty();
        }
        long timeMillis = eventTime.toEpochMilli();
        BigInteger sensorField = SensorRangeSignals.sensorId(sensorId); // throws on a malformed id
        Map<String, BigInteger> input = new LinkedHashMap<>();
        // Signal names of circuits/sensor_range.circom; encodings from SensorRangeSignals.
        input.put("v", SensorRangeSignals.signed64(value));
        input.put("blinding", randomScalar());
        input.put("min", SensorRangeSignals.signed64(min));
        input.put("max", SensorRangeSignals.signed64(max));
        input.put("sensorId", sensorField);
        input.put("seq", SensorRangeSignals.seq(seq));
        input.put("eventTimeMillis", SensorRangeSignals.eventTime(timeMillis));

        SnarkjsProverProcess.SnarkjsProof made =
                runningProcess().prove(input, randomScalar(), randomScalar(), proofTimeout);
        Groth16Proof proof;
        Groth16PublicInputs inputs;
        Groth16PublicInputs expected;
        try {
            proof = SnarkjsFiles.proof(made.proofJson());
            inputs = SnarkjsFiles.publicInputs(made.publicJson(), SensorRangeSignals.N_PUBLIC);
            expected = SensorRangeSignals.publicInputs(
                    inputs.get(SensorRangeSignals.COMMITMENT), min, max, sensorId, seq, timeMillis);
        } catch (Groth16FormatException e) {
            throw new Groth16ProverException("snarkjs answered a proof that does not convert: " + e.getMessage(), e);
        }
        // Never publish a proof of anything but this reading's statement.
        if (!inputs.equals(expected)) {
            throw new Groth16ProverException("snarkjs answered public signals " + made.publicJson()
                    + " that are not this reading's (expected " + expected + ")");
        }
        return Optional.of(ProofRecord.newBuilder()
                .setSensorId(sensorId)
                .setGatewayId(gatewayId)
                .setSeq(seq)
                .setEventTime(Instant.ofEpochMilli(timeMillis))
                .setProofSystem(ProofSystem.GROTH16)
                .setStatementId(toolchain.circuitId())
                .setCommitment(ByteBuffer.allocate(0))
                .setProof(ByteBuffer.wrap(proof.bytes()))
                .setRange(null)
                .setPublicInputs(publicInputList(inputs))
                .build());
    }

    /**
     * Proves that {@code value} lies in {@code range}, as {@link #prove(String, long, Instant, long,
     * long, long)} with its min and max. The range's {@code bits} do not matter here: the circuit
     * compares 64-bit values, so every {@code [min, max]} of longs is provable.
     */
    public Optional<ProofRecord> prove(String sensorId, long seq, Instant eventTime, long value, RangeSpec range)
            throws Groth16ProverException, Groth16SetupException, InterruptedException {
        Objects.requireNonNull(range, "range");
        return prove(sensorId, seq, eventTime, value, range.min(), range.max());
    }

    /** The statement id written into every record: the circuit id of the proving key in use. */
    public String circuitId() {
        return toolchain.circuitId();
    }

    /** The gateway id written into every record. */
    public String gatewayId() {
        return gatewayId;
    }

    /**
     * The running Node process, e.g. to check a proof with {@code snarkjs.groth16.verify}.
     *
     * @throws Groth16SetupException if the previous one died and a new one does not start
     */
    public synchronized SnarkjsProverProcess process() throws Groth16SetupException, InterruptedException {
        return runningProcess();
    }

    /** Ends the Node process. */
    @Override
    public synchronized void close() {
        closed = true;
        process.close();
    }

    private synchronized SnarkjsProverProcess runningProcess() throws Groth16SetupException, InterruptedException {
        if (closed) {
            throw new IllegalStateException("the prover is closed");
        }
        if (!process.isUsable()) {
            process.close();
            process = SnarkjsProverProcess.start(toolchain, DEFAULT_START_TIMEOUT);
        }
        return process;
    }

    /** A uniform scalar in [0, r): rejection sampling of 254-bit numbers (r > 2^253, so < 2 draws on average). */
    private BigInteger randomScalar() {
        byte[] bytes = new byte[32];
        while (true) {
            random.nextBytes(bytes);
            bytes[0] &= 0x3f; // keep 254 bits
            BigInteger candidate = new BigInteger(1, bytes);
            if (candidate.compareTo(Bn254.R) < 0) {
                return candidate;
            }
        }
    }

    private static List<ByteBuffer> publicInputList(Groth16PublicInputs inputs) {
        byte[] all = inputs.bytes();
        List<ByteBuffer> list = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            byte[] one = new byte[Bn254.FIELD_BYTES];
            System.arraycopy(all, i * Bn254.FIELD_BYTES, one, 0, Bn254.FIELD_BYTES);
            list.add(ByteBuffer.wrap(one));
        }
        return list;
    }
}
