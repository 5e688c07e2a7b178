package io.zkedge.operators.testutils;

import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.ProofSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Proof records made from the snarkjs proofs of testdata/groth16-sensor (its README.md), as a
 * gateway's Groth16ReadingProver writes them: proofSystem GROTH16, statementId the circuit id,
 * the 256-byte proof, the six 32-byte public inputs, an empty commitment and no range.
 */
public final class Groth16Fixtures {

    /** testdata/groth16-sensor, from a module directory of the reactor. */
    public static final Path DIR = Path.of("..", "testdata", "groth16-sensor");

    /** The gateway id of every record. */
    public static final String GATEWAY = "gw-groth16";

    private Groth16Fixtures() {}

    /** The canonical bytes of the test circuit's verifying key. */
    public static byte[] keyBytes() {
        return bytes(DIR.resolve("verification_key.bin"));
    }

    /** Its circuit id (circuit-id.txt). */
    public static String circuitId() {
        return text(DIR.resolve("circuit-id.txt")).strip();
    }

    /** The record of a valid case, with the sensor id, seq and event time of its record.json. */
    public static ProofRecord valid(String caseName) {
        String json = text(DIR.resolve(caseName).resolve("record.json"));
        return record(caseName, field(json, "sensorId"), Long.parseUnsignedLong(field(json, "seq")),
                Long.parseLong(field(json, "eventTimeMillis")));
    }

    /** The proof and public inputs of {@code caseName}, claimed by this sensor, seq and time. */
    public static ProofRecord record(String caseName, String sensorId, long seq, long eventTimeMillis) {
        Path dir = DIR.resolve(caseName);
        byte[] inputs = bytes(dir.resolve("public.bin"));
        List<ByteBuffer> list = new ArrayList<>();
        for (int i = 0; i + 32 <= inputs.length; i += 32) {
            list.add(ByteBuffer.wrap(inputs, i, 32).slice());
        }
        return ProofRecord.newBuilder()
                .setSensorId(sensorId)
                .setGatewayId(GATEWAY)
                .setSeq(seq)
                .setEventTime(Instant.ofEpochMilli(eventTimeMillis))
                .setProofSystem(ProofSystem.GROTH16)
                .setStatementId(circuitId())
                .setCommitment(ByteBuffer.allocate(0))
                .setProof(ByteBuffer.wrap(bytes(dir.resolve("proof.bin"))))
                .setRange(null)
                .setPublicInputs(list)
                .build();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    private static String text(Path file) {
        return new String(bytes(file), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
