package io.zkedge.cli;

import io.zkedge.bulletproofs.BundledModules;
import io.zkedge.evidence.Ed25519Keys;
import io.zkedge.evidence.Ed25519PrivateKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files the module command tests work on: the real verifier module, keys, a module with an import. */
final class ModuleFixtures {

    static final String NAME = "zkedge_bulletproofs_verifier";

    /**
     * The smallest module that imports a function: {@code (import "env" "f" (func))}. Hand-assembled
     * from the WebAssembly binary format (core spec 5.5): magic and version, a type section with
     * {@code () -> ()}, an import section with one function import of type 0.
     */
    static final byte[] IMPORTING_MODULE = {
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
        0x02, 0x09, 0x01, 0x03, 'e', 'n', 'v', 0x01, 'f', 0x00, 0x00,
    };

    private ModuleFixtures() {}

    /** Copies the bundled verifier module to {@code dir/NAME.wasm}. */
    static Path verifierModule(Path dir) throws IOException {
        Path file = dir.resolve(NAME + ".wasm");
        try (InputStream in = BundledModules.class.getResourceAsStream(BundledModules.VERIFIER_RESOURCE)) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    /** A new key pair at {@code prefix.key} and {@code prefix.pub}. */
    static Ed25519PrivateKey keyPair(Path dir, String prefix) throws IOException {
        Ed25519PrivateKey key = Ed25519Keys.generate();
        Ed25519Keys.writePrivateKey(key, dir.resolve(prefix + ".key"));
        Ed25519Keys.writePublicKey(key.publicKey(), dir.resolve(prefix + ".pub"));
        return key;
    }

    /** {@code dir/name} as a string, for command lines. */
    static String at(Path dir, String name) {
        return dir.resolve(name).toString();
    }
}
