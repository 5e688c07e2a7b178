package io.zkedge.bulletproofs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The proofs published by the dalek {@code bulletproofs} crate (v1.0.0, test
 * {@code deserialize_and_verify}), verified by the shipped Wasm module. The native Rust tests check
 * the same vectors; this checks what rustc 1.63 made of that code for wasm32, under Chicory.
 */
@EnabledIf(value = "io.zkedge.bulletproofs.BundledModules#available",
        disabledReason = "verifiers/dist/*.wasm were not built when this jar was")
class DalekGoldenVectorsITCase {

    private static final byte[] LABEL = "Deserialize-And-Verify Test".getBytes(StandardCharsets.US_ASCII);
    private static final Path VECTORS = Path.of("..", "testdata", "bulletproofs", "dalek-v1-range-proofs.txt");

    private static List<RawRangeStatement> golden;
    private static BulletproofsVerifier verifier;

    @BeforeAll
    static void load() throws Exception {
        golden = new ArrayList<>();
        for (String line : Files.readAllLines(VECTORS)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            List<byte[]> commitments = Arrays.stream(f[2].split(",")).map(HexFormat.of()::parseHex).toList();
            golden.add(new RawRangeStatement(Integer.parseInt(f[0]), LABEL, commitments, HexFormat.of().parseHex(f[3])));
        }
        verifier = BulletproofsVerifier.builder().setModule(BundledModules.verifier()).build();
    }

    @Test
    void everyGoldenProofVerifiesAlone() throws Exception {
        assertThat(golden).hasSize(16);
        for (RawRangeStatement statement : golden) {
            assertThat(verifier.verify(List.of(statement)))
                    .as("n=%d m=%d", statement.bits(), statement.commitments().size())
                    .containsExactly(VerificationStatus.VALID);
        }
    }

    @Test
    void allGoldenProofsVerifyAsOneBatch() throws Exception {
        assertThat(verifier.verify(golden)).containsOnly(VerificationStatus.VALID).hasSize(16);
    }

    @Test
    void aGoldenProofUnderAnotherLabelIsInvalid() throws Exception {
        RawRangeStatement s = golden.get(5);
        RawRangeStatement relabelled = new RawRangeStatement(
                s.bits(), "another label".getBytes(StandardCharsets.US_ASCII), s.commitments(), s.proof());
        assertThat(verifier.verify(List.of(relabelled))).containsExactly(VerificationStatus.INVALID);
    }

    @Test
    void swappedCommitmentsAreInvalid() throws Exception {
        RawRangeStatement s = golden.get(5); // n = 16, m = 2
        List<byte[]> swapped = new ArrayList<>(s.commitments());
        Collections.swap(swapped, 0, 1);
        RawRangeStatement tampered = new RawRangeStatement(s.bits(), s.label(), swapped, s.proof());
        assertThat(verifier.verify(List.of(tampered))).containsExactly(VerificationStatus.INVALID);
    }
}
