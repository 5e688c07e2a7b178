package io.zkedge.groth16;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SnarkjsFilesTest {

    private static final String VK_JSON = SensorTestdata.verifyingKeyJson();

    static Stream<SensorTestdata.Case> convertibleCases() {
        return SensorTestdata.cases().stream().filter(c -> c.rejectedAt().equals("verify"));
    }

    static Stream<SensorTestdata.Case> refusedCases() {
        return SensorTestdata.cases().stream().filter(c -> c.rejectedAt().equals("convert"));
    }

    @Test
    void testdataHasValidInvalidAndBothKindsOfMalformedCases() {
        List<SensorTestdata.Case> cases = SensorTestdata.cases();
        assertThat(cases).extracting(SensorTestdata.Case::verdict)
                .contains("valid", "invalid", "malformed");
        assertThat(convertibleCases()).anyMatch(c -> c.verdict().equals("malformed"));
        assertThat(refusedCases()).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void verifyingKeyConvertsToTheCommittedCanonicalBytesAndCircuitId() throws Exception {
        Groth16VerifyingKey key = SnarkjsFiles.verifyingKey(VK_JSON);

        assertThat(key.bytes()).isEqualTo(SensorTestdata.bytes(SensorTestdata.DIR.resolve("verification_key.bin")));
        assertThat(key.nPublic()).isEqualTo(SensorRangeSignals.N_PUBLIC);
        assertThat(key.circuitId())
                .isEqualTo(SensorTestdata.text(SensorTestdata.DIR.resolve("circuit-id.txt")).strip())
                .isEqualTo(SensorTestdata.text(SensorTestdata.DIR.resolve("../../circuits/build/circuit-id.txt")).strip());
        assertThat(Groth16VerifyingKey.fromBytes(key.bytes())).isEqualTo(key);
    }

    @Test
    void g2CoordinatesAreWrittenImaginaryPartFirst() throws Exception {
        // vk_beta_2 = [[x.c0, x.c1], [y.c0, y.c1], ["1", "0"]] in snarkjs; x.c1 ‖ x.c0 ‖ y.c1 ‖ y.c0 in bytes.
        Groth16VerifyingKey key = SnarkjsFiles.verifyingKey(VK_JSON);
        @SuppressWarnings("unchecked")
        List<List<String>> beta = (List<List<String>>) ((java.util.Map<String, Object>) StrictJson.parse(VK_JSON)).get("vk_beta_2");
        byte[] b = key.bytes();
        int betaAt = 4 + Bn254.G1_BYTES;
        assertThat(Bn254.readField(b, betaAt)).hasToString(beta.get(0).get(1));
        assertThat(Bn254.readField(b, betaAt + 32)).hasToString(beta.get(0).get(0));
        assertThat(Bn254.readField(b, betaAt + 64)).hasToString(beta.get(1).get(1));
        assertThat(Bn254.readField(b, betaAt + 96)).hasToString(beta.get(1).get(0));
    }

    @ParameterizedTest
    @MethodSource("convertibleCases")
    void convertibleCaseEncodesToTheCommittedBinaryFiles(SensorTestdata.Case c) throws Exception {
        Groth16VerifyingKey key = SnarkjsFiles.verifyingKey(VK_JSON);

        Groth16Proof proof = SnarkjsFiles.proof(c.text("proof.json"));
        Groth16PublicInputs inputs = SnarkjsFiles.publicInputs(c.text("public.json"), key);

        assertThat(proof.bytes()).hasSize(256).isEqualTo(SensorTestdata.bytes(c.file("proof.bin")));
        assertThat(inputs.bytes()).isEqualTo(SensorTestdata.bytes(c.file("public.bin")));
        assertThat(inputs.size()).isEqualTo(key.nPublic());
    }

    @ParameterizedTest
    @MethodSource("refusedCases")
    void refusedCaseIsAFormatErrorAndItsBinaryFormIsRefusedToo(SensorTestdata.Case c) throws Exception {
        Groth16VerifyingKey key = SnarkjsFiles.verifyingKey(VK_JSON);

        assertThatThrownBy(() -> {
            SnarkjsFiles.proof(c.text("proof.json"));
            SnarkjsFiles.publicInputs(c.text("public.json"), key);
        }).isInstanceOf(Groth16FormatException.class);
        if (c.hasFile("proof.bin")) { // a value >= p or >= r that survives encoding
            assertThatThrownBy(() -> {
                Groth16Proof.fromBytes(SensorTestdata.bytes(c.file("proof.bin")));
                Groth16PublicInputs.fromBytes(SensorTestdata.bytes(c.file("public.bin")), key.nPublic());
            }).isInstanceOf(Groth16FormatException.class).hasMessageContaining("is not below");
        }
    }

    @Test
    void refusalsNameTheFieldAndTheRule() {
        assertThatThrownBy(() -> SnarkjsFiles.proof(
                SensorTestdata.text(SensorTestdata.DIR.resolve("malformed-a-x-plus-p/proof.json"))))
                .hasMessageContaining("pi_a.x").hasMessageContaining("is not below p");
        assertThatThrownBy(() -> SnarkjsFiles.publicInputs(
                SensorTestdata.text(SensorTestdata.DIR.resolve("malformed-public-plus-r/public.json")), 6))
                .hasMessageContaining("public signal 4").hasMessageContaining("is not below r");
        assertThatThrownBy(() -> SnarkjsFiles.publicInputs(
                SensorTestdata.text(SensorTestdata.DIR.resolve("malformed-too-many-public/public.json")), 6))
                .hasMessage("public signals: 7 values, the verifying key expects 6");
        assertThatThrownBy(() -> SnarkjsFiles.proof(
                SensorTestdata.text(SensorTestdata.DIR.resolve("malformed-a-z-not-one/proof.json"))))
                .hasMessage("pi_a: z must be 1 (affine), got 2");
        assertThatThrownBy(() -> SnarkjsFiles.publicInputs(
                SensorTestdata.text(SensorTestdata.DIR.resolve("malformed-public-hex/public.json")), 6))
                .hasMessageContaining("public signal 4").hasMessageContaining("not a canonical decimal number");
    }

    @Test
    void verifyingKeyOfAnotherProtocolOrCurveIsRefused() {
        assertThatThrownBy(() -> SnarkjsFiles.verifyingKey(VK_JSON.replace("\"groth16\"", "\"plonk\"")))
                .hasMessage("verification key: protocol must be \"groth16\", got \"plonk\"");
        assertThatThrownBy(() -> SnarkjsFiles.verifyingKey(VK_JSON.replace("\"bn128\"", "\"bls12381\"")))
                .hasMessage("verification key: curve must be \"bn128\", got \"bls12381\"");
        assertThatThrownBy(() -> SnarkjsFiles.verifyingKey(VK_JSON.replace(" \"curve\": \"bn128\",\n", "")))
                .hasMessage("verification key: curve must be \"bn128\", got nothing");
    }

    @Test
    void verifyingKeyWhoseIcDoesNotMatchNPublicIsRefused() {
        assertThatThrownBy(() -> SnarkjsFiles.verifyingKey(VK_JSON.replace("\"nPublic\": 6", "\"nPublic\": 5")))
                .hasMessage("verification key: IC has 7 points, nPublic 5 needs 6");
        assertThatThrownBy(() -> SnarkjsFiles.verifyingKey(VK_JSON.replace("\"nPublic\": 6", "\"nPublic\": \"6\"")))
                .hasMessageContaining("nPublic must be an integer");
        assertThatThrownBy(() -> SnarkjsFiles.verifyingKey(VK_JSON.replace("\"nPublic\": 6", "\"nPublic\": 4294967302")))
                .hasMessageContaining("nPublic must be an integer in [0, 1024]");
    }

    @Test
    void verifyingKeyG2PointWithZOtherThanOneIsRefused() {
        String projective = VK_JSON.replaceFirst("\\[\\s*\"1\",\\s*\"0\"\\s*\\]", "[\"0\", \"1\"]");
        assertThatThrownBy(() -> SnarkjsFiles.verifyingKey(projective))
                .hasMessage("vk_beta_2: z must be [1, 0] (affine), got [0, 1]");
    }

    @Test
    void numbersMustBeDecimalStrings() {
        String proof = SensorTestdata.text(SensorTestdata.DIR.resolve("valid-mid-range/proof.json"));
        String withLeadingZero = proof.replaceFirst("\"1\"", "\"01\"");
        String asJsonNumber = proof.replaceFirst("\"1\"", "1");
        assertThatThrownBy(() -> SnarkjsFiles.proof(withLeadingZero))
                .hasMessage("pi_a.z: \"01\" is not a canonical decimal number");
        assertThatThrownBy(() -> SnarkjsFiles.proof(asJsonNumber))
                .hasMessage("pi_a.z: expected a decimal string, got 1");
        assertThatThrownBy(() -> SnarkjsFiles.publicInputs("[\"\"]", 1))
                .hasMessage("public signal 0: \"\" is not a canonical decimal number");
        assertThatThrownBy(() -> SnarkjsFiles.publicInputs("[\"" + "9".repeat(500) + "\"]", 1))
                .hasMessageContaining("is not a canonical decimal number");
    }

    @Test
    void snarkjsPointAtInfinityBecomesAllZeroBytes() throws Exception {
        String proof = "{\"pi_a\":[\"0\",\"1\",\"0\"],"
                + "\"pi_b\":[[\"0\",\"0\"],[\"1\",\"0\"],[\"0\",\"0\"]],"
                + "\"pi_c\":[\"1\",\"2\",\"1\"],\"protocol\":\"groth16\",\"curve\":\"bn128\"}";

        byte[] bytes = SnarkjsFiles.proof(proof).bytes();

        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("00".repeat(64 + 128)
                + "00".repeat(31) + "01" + "00".repeat(31) + "02");
    }

    @Test
    void proofOfAnotherProtocolIsRefused() {
        String proof = SensorTestdata.text(SensorTestdata.DIR.resolve("valid-mid-range/proof.json"));
        assertThatThrownBy(() -> SnarkjsFiles.proof(proof.replace("groth16", "fflonk")))
                .hasMessage("proof: protocol must be \"groth16\", got \"fflonk\"");
        assertThatThrownBy(() -> SnarkjsFiles.proof("[]"))
                .hasMessage("proof: expected a JSON object, got an array");
    }
}
