package io.zkedge.operators.chain;

import io.zkedge.evidence.Ed25519Keys;
import io.zkedge.evidence.EvidenceSigner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/** Reads the edge node's Ed25519 key (PKCS#8 PEM) from a path on the TaskManager. */
final class KeyFileSignerProvider implements SignerProvider {

    private static final long serialVersionUID = 1L;

    private final String path;

    KeyFileSignerProvider(String path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    @Override
    public EvidenceSigner open() throws IOException {
        return new EvidenceSigner(Ed25519Keys.readPrivateKey(Path.of(path)));
    }

    @Override
    public String toString() {
        return "key file " + path;
    }
}
