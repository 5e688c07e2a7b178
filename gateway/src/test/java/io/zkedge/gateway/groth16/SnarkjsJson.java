package io.zkedge.gateway.groth16;

import io.zkedge.groth16.Bn254;
import io.zkedge.schemas.ProofRecord;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A record's compact proof and public inputs written back as snarkjs {@code proof.json} and
 * {@code public.json}, so that snarkjs checks exactly the bytes a verifier would receive. The
 * inverse of {@code SnarkjsFiles}: G2 coordinates go back to snarkjs's real-part-first order.
 */
final class SnarkjsJson {

    private SnarkjsJson() {}

    static String proof(ProofRecord record) {
        byte[] p = bytes(record.getProof());
        if (p.length != 256) {
            throw new IllegalArgumentException("proof of " + p.length + " bytes");
        }
        String a = "[" + q(p, 0) + "," + q(p, 1) + ",\"1\"]";
        // x1 ‖ x0 ‖ y1 ‖ y0 (EIP-197) -> [[x0, x1], [y0, y1], [1, 0]]
        String b = "[[" + q(p, 3) + "," + q(p, 2) + "],[" + q(p, 5) + "," + q(p, 4) + "],[\"1\",\"0\"]]";
        String c = "[" + q(p, 6) + "," + q(p, 7) + ",\"1\"]";
        return "{\"pi_a\":" + a + ",\"pi_b\":" + b + ",\"pi_c\":" + c
                + ",\"protocol\":\"groth16\",\"curve\":\"bn128\"}";
    }

    static String publicSignals(ProofRecord record) {
        List<String> values = new ArrayList<>();
        for (ByteBuffer input : record.getPublicInputs()) {
            values.add("\"" + new BigInteger(1, bytes(input)) + "\"");
        }
        return "[" + String.join(",", values) + "]";
    }

    /** The 32-byte field element at word {@code i} of {@code bytes}, as a quoted decimal. */
    private static String q(byte[] bytes, int i) {
        byte[] word = new byte[Bn254.FIELD_BYTES];
        System.arraycopy(bytes, i * Bn254.FIELD_BYTES, word, 0, Bn254.FIELD_BYTES);
        return "\"" + new BigInteger(1, word) + "\"";
    }

    static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
