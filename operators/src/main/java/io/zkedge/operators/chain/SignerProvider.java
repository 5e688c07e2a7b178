package io.zkedge.operators.chain;

import io.zkedge.evidence.EvidenceSigner;
import java.io.IOException;
import java.io.Serializable;

/**
 * Where a subtask's {@link EvidenceSigner} comes from. It travels with the job graph, so it holds
 * where to find the key ({@link #fromKeyFile}), never the key itself: a private key must not end
 * up in the job graph, the blob store or a savepoint.
 */
@FunctionalInterface
public interface SignerProvider extends Serializable {

    /**
     * The signer, created in {@code open()} of each subtask.
     *
     * @throws IOException if the key cannot be read; the subtask then fails to start
     */
    EvidenceSigner open() throws IOException;

    /** A signer whose key is read from a PKCS#8 PEM file that every TaskManager has at {@code path}. */
    static SignerProvider fromKeyFile(String path) {
        return new KeyFileSignerProvider(path);
    }
}
