package io.zkedge.operators.verify;

import io.zkedge.groth16.Groth16FormatException;
import io.zkedge.groth16.Groth16Proof;
import io.zkedge.groth16.Groth16PublicInputs;
import io.zkedge.groth16.Groth16Statement;
import io.zkedge.groth16.Groth16Status;
import io.zkedge.groth16.Groth16Verifier;
import io.zkedge.groth16.Groth16VerifyingKey;
import io.zkedge.groth16.SensorRangeSignals;
import io.zkedge.wasm.WasmModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * The Groth16 verifier module of one subtask: one {@link Groth16Verifier} (one Chicory instance,
 * its prepared keys cached per circuit id) shared by the {@link Groth16SensorRangeVerifier}s of
 * every verification key, so that a subtask runs one Wasm instance however many circuits it
 * serves. Each module call gets a fresh seed from the verifier's {@link SecureRandom}. Its
 * known-answer self-test runs once per instance, whichever key's verifier asks first.
 *
 * <p>Not thread-safe, like the verifier it owns.
 */
final class Groth16ModuleInstance {

    /** Classpath resource of the repository's sensor range circuit key (canonical bytes). */
    static final String SENSOR_RANGE_KEY_RESOURCE = "sensor_range.vk";

    private final Groth16Verifier verifier;
    private final byte[] moduleSha256;
    private boolean selfTested;

    /**
     * @param module the Groth16 verifier module (checked against the trust store by the caller)
     * @param maxBatchSize most proofs per module call, 1 to 256
     */
    Groth16ModuleInstance(WasmModule module, int maxBatchSize) {
        Objects.requireNonNull(module, "module");
        this.verifier = Groth16Verifier.builder()
                .setModule(module)
                .setRandom(new SecureRandom())
                .setMaxBatchSize(maxBatchSize)
                .build();
        this.moduleSha256 = module.sha256();
    }

    Groth16Verifier verifier() {
        return verifier;
    }

    byte[] moduleSha256() {
        return moduleSha256.clone();
    }

    /**
     * Prepares {@code key} in the module now, so that a key the module refuses (a point off its
     * curve, an identity alpha) is refused when it is loaded rather than at its first record.
     *
     * @throws Groth16FormatException if the module refuses the key
     */
    void prepare(Groth16VerifyingKey key) throws Groth16FormatException, InterruptedException {
        verifier.prepareKey(key);
    }

    /**
     * The known answer (a proof of the repository's sensor range circuit must be VALID, the same
     * proof with its seq input raised by one INVALID), checked together so that the module's batch
     * bisection runs too; once per instance.
     *
     * @throws IllegalStateException if the module answers wrong
     */
    void selfTest() throws InterruptedException {
        if (selfTested) {
            return;
        }
        KnownAnswer known = KnownAnswer.INSTANCE;
        List<Groth16Status> answers;
        try {
            answers = verifier.verify(known.key, List.of(
                    new Groth16Statement(known.proof, known.inputs),
                    new Groth16Statement(known.proof, known.otherSeq)));
        } catch (Groth16FormatException e) {
            throw new IllegalStateException("Groth16 verifier module " + HexFormat.of().formatHex(moduleSha256)
                    + " failed its known-answer self-test: it refused the sensor range key: " + e.getMessage(), e);
        }
        if (!answers.equals(List.of(Groth16Status.VALID, Groth16Status.INVALID))) {
            throw new IllegalStateException("Groth16 verifier module " + HexFormat.of().formatHex(moduleSha256)
                    + " failed its known-answer self-test: expected [VALID, INVALID], got " + answers);
        }
        selfTested = true;
    }

    /** The repository's sensor range circuit key, packaged with this class. */
    static Groth16VerifyingKey sensorRangeKey() {
        try {
            return Groth16VerifyingKey.fromBytes(resource(SENSOR_RANGE_KEY_RESOURCE));
        } catch (Groth16FormatException e) {
            throw new IllegalStateException(SENSOR_RANGE_KEY_RESOURCE + " is not a verifying key: " + e.getMessage(), e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = Groth16ModuleInstance.class.getResourceAsStream(name)) {
            return Objects.requireNonNull(in, name + " is missing from the jar").readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code groth16-sensor-known-answer.properties} under {@link #sensorRangeKey()}. */
    private static final class KnownAnswer {
        static final KnownAnswer INSTANCE = new KnownAnswer();

        final Groth16VerifyingKey key = sensorRangeKey();
        final Groth16Proof proof;
        final Groth16PublicInputs inputs;
        final Groth16PublicInputs otherSeq;

        private KnownAnswer() {
            Properties p = new Properties();
            try (InputStream in = KnownAnswer.class.getResourceAsStream("groth16-sensor-known-answer.properties")) {
                p.load(Objects.requireNonNull(in, "groth16-sensor-known-answer.properties is missing from the jar"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            HexFormat hex = HexFormat.of();
            try {
                proof = Groth16Proof.fromBytes(hex.parseHex(p.getProperty("proof")));
                inputs = Groth16PublicInputs.fromBytes(hex.parseHex(p.getProperty("inputs")), SensorRangeSignals.N_PUBLIC);
                List<BigInteger> changed = new ArrayList<>();
                for (int i = 0; i < inputs.size(); i++) {
                    changed.add(i == SensorRangeSignals.SEQ ? inputs.get(i).add(BigInteger.ONE) : inputs.get(i));
                }
                otherSeq = Groth16PublicInputs.of(changed);
            } catch (Groth16FormatException e) {
                throw new IllegalStateException("the Groth16 known answer does not decode: " + e.getMessage(), e);
            }
        }
    }
}
