package io.zkedge.bulletproofs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementEncoderTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] COMMITMENT = filled(32, 0xcc);
    private static final byte[] PROOF = {(byte) 0xa1, (byte) 0xa2, (byte) 0xa3};

    @Test
    void writesRangeStatementInAbiLayout() {
        RangeStatement statement = new RangeStatement(
                16, COMMITMENT, -5, 0x0102, "s-é", 0x1122334455667788L, 1_700_000_000_000L, PROOF);

        byte[] bytes = StatementEncoder.encode(statement).bytes();

        String expected = "02" // kind
                + "10" // n = 16
                + "cc".repeat(32) // commitment
                + "fbffffffffffffff" // min = -5, i64 LE
                + "0201000000000000" // max = 0x0102
                + "0400" // sensor_len = 4 ("s-é" is 4 bytes in UTF-8)
                + "732dc3a9" // sensor
                + "8877665544332211" // seq
                + "0068e5cf8b010000" // time = 1_700_000_000_000 = 0x018BCFE56800
                + "03000000" // proof_len
                + "a1a2a3"; // proof
        assertThat(HEX.formatHex(bytes)).isEqualTo(expected);
    }

    @Test
    void writesRawStatementInAbiLayout() {
        RawRangeStatement statement = new RawRangeStatement(
                64, "lbl".getBytes(), List.of(filled(32, 0x11), filled(32, 0x22)), PROOF);

        byte[] bytes = StatementEncoder.encode(statement).bytes();

        String expected = "01" // kind
                + "40" // n = 64
                + "02" // m
                + "0300" // label_len
                + "6c626c" // label
                + "11".repeat(32) + "22".repeat(32) // commitments
                + "03000000" // proof_len
                + "a1a2a3"; // proof
        assertThat(HEX.formatHex(bytes)).isEqualTo(expected);
    }

    @Test
    void batchRequestStartsWithLittleEndianCount() {
        byte[] request = StatementEncoder.batchRequest(List.of(new byte[] {7}, new byte[] {8, 9}));

        assertThat(HEX.formatHex(request)).isEqualTo("02000000" + "07" + "0809");
    }

    @Test
    void labelsUpToTheLimitAreSentLongerOnesAreMalformed() {
        assertThat(refusal(raw(new byte[1024], PROOF))).isNull();
        assertThat(refusal(raw(new byte[1025], PROOF))).isEqualTo(VerificationStatus.MALFORMED);
    }

    @Test
    void sensorIdsUpToTheLimitAreSentLongerOnesAreMalformed() {
        assertThat(refusal(range("x".repeat(256), PROOF))).isNull();
        assertThat(refusal(range("é".repeat(129), PROOF))) // 258 bytes in UTF-8
                .isEqualTo(VerificationStatus.MALFORMED);
    }

    @Test
    void sensorIdThatIsNotValidUnicodeIsMalformed() {
        // A lone surrogate would silently become '?' with String.getBytes.
        assertThat(refusal(range("sensor-\uD800", PROOF))).isEqualTo(VerificationStatus.MALFORMED);
    }

    @Test
    void proofsUpToTheLimitAreSentLongerOnesAreMalformed() {
        assertThat(refusal(range("s", new byte[4096]))).isNull();
        assertThat(refusal(range("s", new byte[4097]))).isEqualTo(VerificationStatus.MALFORMED);
        assertThat(refusal(raw(new byte[0], new byte[4097]))).isEqualTo(VerificationStatus.MALFORMED);
    }

    @Test
    void commitmentsThatAreNot32BytesAreMalformed() {
        RangeStatement shortCommitment = new RangeStatement(8, new byte[31], 0, 1, "s", 0, 0, PROOF);
        RawRangeStatement longCommitment = new RawRangeStatement(8, new byte[0], List.of(new byte[33]), PROOF);

        assertThat(refusal(shortCommitment)).isEqualTo(VerificationStatus.MALFORMED);
        assertThat(refusal(longCommitment)).isEqualTo(VerificationStatus.MALFORMED);
    }

    @Test
    void sizesThatDoNotFitTheirByteAreUnsupported() {
        assertThat(refusal(new RangeStatement(256, COMMITMENT, 0, 1, "s", 0, 0, PROOF)))
                .isEqualTo(VerificationStatus.UNSUPPORTED);
        assertThat(refusal(new RangeStatement(-1, COMMITMENT, 0, 1, "s", 0, 0, PROOF)))
                .isEqualTo(VerificationStatus.UNSUPPORTED);
        List<byte[]> tooMany = Arrays.asList(new byte[256][32]);
        assertThat(refusal(new RawRangeStatement(8, new byte[0], tooMany, PROOF)))
                .isEqualTo(VerificationStatus.UNSUPPORTED);
    }

    @Test
    void sizesTheModuleDecidesOnAreSent() {
        // n = 12, m = 3 and min > max are the module's to judge.
        assertThat(refusal(new RangeStatement(12, COMMITMENT, 5, 1, "s", 0, 0, PROOF))).isNull();
        assertThat(refusal(new RawRangeStatement(8, new byte[0], Arrays.asList(new byte[3][32]), PROOF))).isNull();
    }

    private static VerificationStatus refusal(Statement statement) {
        return StatementEncoder.encode(statement).refusal();
    }

    private static RangeStatement range(String sensor, byte[] proof) {
        return new RangeStatement(8, COMMITMENT, 0, 100, sensor, 1, 2, proof);
    }

    private static RawRangeStatement raw(byte[] label, byte[] proof) {
        return new RawRangeStatement(8, label, List.of(COMMITMENT), proof);
    }

    static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
