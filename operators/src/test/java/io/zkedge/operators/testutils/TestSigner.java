package io.zkedge.operators.testutils;

import io.zkedge.evidence.Ed25519PrivateKey;
import io.zkedge.evidence.EvidenceSigner;
import io.zkedge.evidence.EvidenceVerifier;
import io.zkedge.operators.chain.SignerProvider;
import java.util.Arrays;
import java.util.List;

/** A fixed Ed25519 edge-node key for tests (seed 0x07 × 32) and what verifies its signatures. */
public final class TestSigner {

    private static final byte[] SEED = filled((byte) 7);

    private TestSigner() {}

    /** The test key. */
    public static Ed25519PrivateKey key() {
        return Ed25519PrivateKey.fromSeed(SEED.clone());
    }

    /** A serializable provider of a signer with the test key (tests only: it carries the seed). */
    public static SignerProvider provider() {
        byte[] seed = SEED.clone();
        return () -> new EvidenceSigner(Ed25519PrivateKey.fromSeed(seed.clone()));
    }

    /** Verifies signatures of the test key. */
    public static EvidenceVerifier verifier() {
        return new EvidenceVerifier(List.of(key().publicKey()));
    }

    private static byte[] filled(byte b) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, b);
        return seed;
    }
}
