package io.zkedge.groth16;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class Groth16EncodingsTest {

    private static byte[] keyBytes() throws Exception {
        return SnarkjsFiles.verifyingKey(SensorTestdata.verifyingKeyJson()).bytes();
    }

    @Test
    void verifyingKeyLengthMustMatchItsNPublic() throws Exception {
        byte[] key = keyBytes();
        byte[] shorter = java.util.Arrays.copyOf(key, key.length - 64);

        assertThatThrownBy(() -> Groth16VerifyingKey.fromBytes(shorter))
                .hasMessage("verifying key: 836 bytes, but nPublic 6 needs 900");
    }

    @Test
    void verifyingKeyClaimingHugeNPublicIsRefusedBeforeAnyAllocation() throws Exception {
        byte[] key = keyBytes();
        key[0] = (byte) 0xff;

        assertThatThrownBy(() -> Groth16VerifyingKey.fromBytes(key))
                .hasMessage("verifying key: nPublic 4278190086 is above 1024");
    }

    @Test
    void verifyingKeyCoordinateAtPIsRefused() throws Exception {
        byte[] key = keyBytes();
        Bn254.writeField(Bn254.P, key, 4); // alpha.x = p

        assertThatThrownBy(() -> Groth16VerifyingKey.fromBytes(key))
                .hasMessage("verifying key: field element at byte 4 is not below p");
    }

    @Test
    void circuitIdChangesWithEveryByteOfTheKey() throws Exception {
        byte[] key = keyBytes();
        String id = Groth16VerifyingKey.fromBytes(key).circuitId();
        key[key.length - 1] ^= 1;

        assertThat(Groth16VerifyingKey.fromBytes(key).circuitId()).isNotEqualTo(id).hasSize(64);
    }

    @Test
    void proofMustBe256Bytes() {
        assertThatThrownBy(() -> Groth16Proof.fromBytes(new byte[255]))
                .hasMessage("proof: 255 bytes, expected 256");
        assertThatThrownBy(() -> Groth16Proof.fromBytes(new byte[257]))
                .hasMessage("proof: 257 bytes, expected 256");
    }

    @Test
    void publicInputsMustBeCanonicalScalarsOfTheExpectedCount() throws Exception {
        assertThatThrownBy(() -> Groth16PublicInputs.fromBytes(new byte[64], 3))
                .hasMessage("public inputs: 64 bytes, expected 3 × 32");
        assertThatThrownBy(() -> Groth16PublicInputs.of(List.of(Bn254.R)))
                .hasMessageContaining("is not in [0, r)");
        assertThatThrownBy(() -> Groth16PublicInputs.of(List.of(BigInteger.ONE.negate())))
                .hasMessageContaining("is not in [0, r)");

        Groth16PublicInputs last = Groth16PublicInputs.of(List.of(Bn254.R.subtract(BigInteger.ONE), BigInteger.ONE));
        assertThat(last.get(0)).isEqualTo(Bn254.R.subtract(BigInteger.ONE));
        assertThat(Groth16PublicInputs.fromBytes(last.bytes(), 2)).isEqualTo(last);
    }

    @Test
    void fieldElementsAreWritten32BytesBigEndian() {
        byte[] out = new byte[32];
        Bn254.writeField(BigInteger.valueOf(0x0102), out, 0);
        assertThat(out[30]).isEqualTo((byte) 1);
        assertThat(out[31]).isEqualTo((byte) 2);

        byte[] top = new byte[32];
        Bn254.writeField(BigInteger.TWO.pow(256).subtract(BigInteger.ONE), top, 0); // 33-byte toByteArray
        assertThat(Bn254.readField(top, 0)).isEqualTo(BigInteger.TWO.pow(256).subtract(BigInteger.ONE));
    }

    @Test
    void moduliAreTheBn254Constants() {
        // p = 36u^4 + 36u^3 + 24u^2 + 6u + 1, r = 36u^4 + 36u^3 + 18u^2 + 6u + 1, u = 4965661367192848881
        BigInteger u = new BigInteger("4965661367192848881");
        BigInteger common = u.pow(4).multiply(BigInteger.valueOf(36)).add(u.pow(3).multiply(BigInteger.valueOf(36)))
                .add(u.multiply(BigInteger.valueOf(6))).add(BigInteger.ONE);
        assertThat(Bn254.P).isEqualTo(common.add(u.pow(2).multiply(BigInteger.valueOf(24))));
        assertThat(Bn254.R).isEqualTo(common.add(u.pow(2).multiply(BigInteger.valueOf(18))));
    }
}
