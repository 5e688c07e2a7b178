package io.zkedge.groth16;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkedge.groth16.Groth16Status.Verdict;
import io.zkedge.testutils.FixedSeedRandom;
import io.zkedge.wasm.GuestBuffer;
import io.zkedge.wasm.WasmInstance;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The shipped zkedge_groth16_verifier.wasm under Chicory, on every case of
 * testdata/groth16-sensor (against the verdicts of its cases.txt) and on the snarkjs vectors of
 * testdata/groth16, singly and in mixed batches. rustc 1.63 has miscompiled wasm32 code in this
 * repository before; this is the check that the module Java runs answers what the Rust tests
 * expect. Skipped when the build did not find the module.
 */
@EnabledIf(value = "io.zkedge.groth16.Groth16Modules#available",
        disabledReason = "verifiers/dist/zkedge_groth16_verifier.wasm was not built when this jar was")
class Groth16VerifierITCase {

    private static Groth16VerifyingKey sensorKey;
    private static Groth16VerifyingKey mulsumKey;
    private static Groth16Verifier verifier;

    @BeforeAll
    static void load() throws Exception {
        sensorKey = SnarkjsFiles.verifyingKey(SensorTestdata.verifyingKeyJson());
        mulsumKey = SnarkjsFiles.verifyingKey(SensorTestdata.text(MulsumVectors.DIR.resolve("mulsum-verification_key.json")));
        verifier = Groth16Verifier.builder().setModule(Groth16Modules.verifier()).build();
    }

    @Test
    void moduleDescribesItselfAsGroth16() {
        assertThat(Groth16Modules.verifier().description()).contains("\"abi\":1", "\"system\":\"groth16\"");
    }

    @Test
    void everySensorCaseGetsItsExpectedVerdictFromTheSnarkjsFiles() throws Exception {
        for (SensorTestdata.Case c : SensorTestdata.cases()) {
            Groth16Statement statement;
            try {
                statement = new Groth16Statement(
                        SnarkjsFiles.proof(c.text("proof.json")),
                        SnarkjsFiles.publicInputs(c.text("public.json"), sensorKey));
            } catch (Groth16FormatException e) {
                assertThat(c.rejectedAt()).as("%s refused by the converter: %s", c, e.getMessage()).isEqualTo("convert");
                assertThat(c.verdict()).isEqualTo("malformed");
                continue;
            }
            assertThat(c.rejectedAt()).as("%s converts", c).isEqualTo("verify");
            Groth16Status status = verifier.verify(sensorKey, statement.proof(), statement.inputs());
            assertThat(verdictName(status)).as("%s: %s", c, status).isEqualTo(c.verdict());
        }
    }

    @Test
    void everySensorCaseWithBinaryEncodingsGetsItsExpectedVerdictFromTheModuleItself() throws Exception {
        // Raw ABI calls with the .bin files, so that the module's own canonical-encoding checks
        // are exercised too (the Java classes refuse coordinates >= p and inputs >= r first).
        RawModule raw = new RawModule(sensorKey);
        int checked = 0;
        for (SensorTestdata.Case c : SensorTestdata.cases()) {
            if (!c.hasFile("proof.bin")) {
                continue;
            }
            int status = raw.verify(List.of(entry(c)))[0];
            assertThat(verdictName(Groth16Status.fromCode(status))).as("%s: status %d", c, status).isEqualTo(c.verdict());
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(18);
    }

    @Test
    void mixedBatchOfAllSensorCasesAnswersExactlyTheSingleVerdicts() throws Exception {
        RawModule raw = new RawModule(sensorKey);
        List<SensorTestdata.Case> cases = new ArrayList<>();
        for (SensorTestdata.Case c : SensorTestdata.cases()) {
            if (c.hasFile("proof.bin")) {
                cases.add(c);
            }
        }
        List<byte[]> entries = new ArrayList<>();
        List<Integer> singles = new ArrayList<>();
        for (SensorTestdata.Case c : cases) {
            entries.add(entry(c));
            singles.add(raw.verify(List.of(entry(c)))[0]);
        }
        // Every case, then again shuffled and repeated, so that each bad proof sits at several
        // positions of the bisection (kept small: every bad proof costs its own pairing check).
        Random shuffle = new Random(7);
        for (int size : new int[] {cases.size(), 48}) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                order.add(i % cases.size());
            }
            if (size != cases.size()) {
                Collections.shuffle(order, shuffle);
            }
            List<byte[]> batch = new ArrayList<>();
            order.forEach(i -> batch.add(entries.get(i)));

            int[] statuses = raw.verify(batch);

            for (int k = 0; k < size; k++) {
                assertThat(statuses[k]).as("batch of %d, entry %d (%s)", size, k, cases.get(order.get(k)))
                        .isEqualTo(singles.get(order.get(k)));
            }
        }
    }

    @Test
    void verifierBatchOfAllConvertibleCasesAnswersExactlyTheSingleStatuses() throws Exception {
        List<Groth16Statement> statements = new ArrayList<>();
        List<Groth16Status> singles = new ArrayList<>();
        for (SensorTestdata.Case c : SensorTestdata.cases()) {
            if (c.rejectedAt().equals("verify")) {
                Groth16Statement s = statement(c);
                statements.add(s);
                singles.add(verifier.verify(sensorKey, s.proof(), s.inputs()));
            }
        }
        List<Groth16Statement> twice = new ArrayList<>(statements);
        twice.addAll(statements);
        List<Groth16Status> expected = new ArrayList<>(singles);
        expected.addAll(singles);

        assertThat(verifier.verify(sensorKey, twice)).containsExactlyElementsOf(expected);
        assertThat(singles).contains(Groth16Status.VALID, Groth16Status.INVALID,
                Groth16Status.MALFORMED_NOT_ON_CURVE, Groth16Status.MALFORMED_NOT_IN_SUBGROUP);
    }

    @Test
    void snarkjsMulsumVectorsVerifySinglyAndAsOneBatch() throws Exception {
        List<Groth16Statement> statements = MulsumVectors.statements(mulsumKey);
        assertThat(statements).hasSize(8);
        for (Groth16Statement s : statements) {
            assertThat(verifier.verify(mulsumKey, s.proof(), s.inputs())).isEqualTo(Groth16Status.VALID);
        }
        assertThat(verifier.verify(mulsumKey, statements)).hasSize(8).containsOnly(Groth16Status.VALID);
    }

    @Test
    void mulsumProofWithAnotherOutputIsInvalidAndSpoilsNothingElseInItsBatch() throws Exception {
        List<Groth16Statement> statements = new ArrayList<>(MulsumVectors.statements(mulsumKey));
        Groth16Statement first = statements.get(0);
        statements.set(3, new Groth16Statement(first.proof(),
                Groth16PublicInputs.of(List.of(first.inputs().get(0).add(java.math.BigInteger.ONE), first.inputs().get(1)))));

        List<Groth16Status> statuses = verifier.verify(mulsumKey, statements);

        for (int i = 0; i < statuses.size(); i++) {
            assertThat(statuses.get(i)).as("proof %d", i).isEqualTo(i == 3 ? Groth16Status.INVALID : Groth16Status.VALID);
        }
    }

    @Test
    void mulsumBinaryVectorsMatchTheSnarkjsJson() throws Exception {
        // testdata/groth16/mulsum.txt is what the Rust tests read; the JSON is what snarkjs wrote.
        List<String[]> lines = MulsumVectors.compactLines();
        assertThat(HexFormat.of().formatHex(mulsumKey.bytes())).isEqualTo(lines.get(0)[1]);
        List<Groth16Statement> statements = MulsumVectors.statements(mulsumKey);
        for (int i = 0; i < statements.size(); i++) {
            assertThat(HexFormat.of().formatHex(statements.get(i).proof().bytes())).isEqualTo(lines.get(i + 1)[1]);
            assertThat(HexFormat.of().formatHex(statements.get(i).inputs().bytes())).isEqualTo(lines.get(i + 1)[2]);
        }
    }

    @Test
    void aProofOfOneCircuitIsInvalidUnderAnothersKey() throws Exception {
        Groth16Statement sensor = statement(SensorTestdata.cases().get(0));
        Groth16Statement mulsum = MulsumVectors.statements(mulsumKey).get(0);

        assertThat(verifier.verify(mulsumKey, sensor.proof(), mulsum.inputs())).isEqualTo(Groth16Status.INVALID);
        assertThat(verifier.verify(sensorKey, mulsum.proof(), sensor.inputs())).isEqualTo(Groth16Status.INVALID);
    }

    @Test
    void keyIsPreparedOnceAndTheCacheIsBounded() throws Exception {
        Groth16Verifier oneKey = Groth16Verifier.builder()
                .setModule(Groth16Modules.verifier()).setMaxCachedKeys(1).build();
        Groth16Statement sensor = statement(SensorTestdata.cases().get(0));
        Groth16Statement mulsum = MulsumVectors.statements(mulsumKey).get(0);

        oneKey.verify(sensorKey, sensor.proof(), sensor.inputs());
        oneKey.verify(sensorKey, sensor.proof(), sensor.inputs());
        assertThat(oneKey.preparationCount()).isEqualTo(1);
        oneKey.verify(mulsumKey, mulsum.proof(), mulsum.inputs());
        assertThat(oneKey.verify(sensorKey, sensor.proof(), sensor.inputs())).isEqualTo(Groth16Status.VALID);
        assertThat(oneKey.preparationCount()).isEqualTo(3);
    }

    @Test
    void keyWithAPointOffTheCurveIsRefusedOnceWithItsReason() throws Exception {
        byte[] bytes = sensorKey.bytes();
        bytes[4 + 63] ^= 1; // alpha.y, low bit: still below p, off the curve
        Groth16VerifyingKey bad = Groth16VerifyingKey.fromBytes(bytes);
        Groth16Statement s = statement(SensorTestdata.cases().get(0));
        Groth16Verifier fresh = Groth16Verifier.builder().setModule(Groth16Modules.verifier()).build();

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> fresh.verify(bad, s.proof(), s.inputs()))
                    .isInstanceOf(Groth16FormatException.class)
                    .hasMessageContaining(bad.circuitId())
                    .hasMessageContaining("does not decode");
        }
        assertThat(fresh.preparationCount()).isEqualTo(1);
        assertThat(fresh.verify(sensorKey, s.proof(), s.inputs())).isEqualTo(Groth16Status.VALID);
    }

    @Test
    void keyWithIdentityAlphaIsRefused() throws Exception {
        byte[] bytes = sensorKey.bytes();
        java.util.Arrays.fill(bytes, 4, 4 + Bn254.G1_BYTES, (byte) 0);
        Groth16VerifyingKey bad = Groth16VerifyingKey.fromBytes(bytes);
        Groth16Statement s = statement(SensorTestdata.cases().get(0));

        assertThatThrownBy(() -> verifier.prepareKey(bad))
                .isInstanceOf(Groth16FormatException.class)
                .hasMessageContaining("identity");
    }

    @Test
    void eachBatchCallDrawsAFreshSeed() throws Exception {
        FixedSeedRandom random = new FixedSeedRandom(0x5a);
        Groth16Verifier counted = Groth16Verifier.builder()
                .setModule(Groth16Modules.verifier()).setRandom(random).setMaxBatchSize(4).build();
        List<Groth16Statement> statements = MulsumVectors.statements(mulsumKey);

        assertThat(counted.verify(mulsumKey, statements)).containsOnly(Groth16Status.VALID);
        assertThat(random.requests()).isEqualTo(2);
    }

    private static Groth16Statement statement(SensorTestdata.Case c) throws Groth16FormatException {
        return new Groth16Statement(SnarkjsFiles.proof(c.text("proof.json")),
                SnarkjsFiles.publicInputs(c.text("public.json"), sensorKey));
    }

    /** One request entry from a case's .bin files: proof ‖ u32 LE n ‖ inputs. */
    private static byte[] entry(SensorTestdata.Case c) {
        byte[] proof = SensorTestdata.bytes(c.file("proof.bin"));
        byte[] inputs = SensorTestdata.bytes(c.file("public.bin"));
        return ByteBuffer.allocate(proof.length + 4 + inputs.length).order(ByteOrder.LITTLE_ENDIAN)
                .put(proof).putInt(inputs.length / Bn254.FIELD_BYTES).put(inputs).array();
    }

    private static String verdictName(Groth16Status status) {
        return status.verdict().name().toLowerCase(Locale.ROOT);
    }

    /** The module called through the raw ABI, with requests as they are given. */
    private static final class RawModule {
        private final WasmInstance wasm = Groth16Modules.verifier().newInstance();
        private final byte[] prepared;

        RawModule(Groth16VerifyingKey key) throws Exception {
            int length = wasm.call(Groth16Abi.PREPARED_LEN, key.nPublic());
            GuestBuffer vk = wasm.allocate(key.bytes());
            GuestBuffer out = wasm.allocate(length);
            assertThat(wasm.call(Groth16Abi.PREPARE_KEY, vk.pointer(), vk.length(), out.pointer(), length))
                    .isEqualTo(length);
            prepared = wasm.read(out);
            wasm.free(out);
            wasm.free(vk);
        }

        int[] verify(List<byte[]> entries) throws Exception {
            int length = 4;
            for (byte[] e : entries) {
                length += e.length;
            }
            ByteBuffer request = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN).putInt(entries.size());
            entries.forEach(request::put);
            GuestBuffer key = wasm.allocate(prepared);
            GuestBuffer req = wasm.allocate(request.array());
            GuestBuffer seed = wasm.allocate(new byte[Groth16Abi.SEED_BYTES]);
            wasm.write(seed, HexFormat.of().parseHex("0123456789abcdef".repeat(4)));
            GuestBuffer out = wasm.allocate(entries.size());
            int count = wasm.call(Groth16Abi.VERIFY_BATCH,
                    key.pointer(), key.length(), req.pointer(), req.length(), seed.pointer(), out.pointer());
            assertThat(count).isEqualTo(entries.size());
            byte[] codes = wasm.read(out);
            wasm.free(out);
            wasm.free(seed);
            wasm.free(req);
            wasm.free(key);
            int[] statuses = new int[codes.length];
            for (int i = 0; i < codes.length; i++) {
                statuses[i] = Byte.toUnsignedInt(codes[i]);
            }
            return statuses;
        }
    }
}
