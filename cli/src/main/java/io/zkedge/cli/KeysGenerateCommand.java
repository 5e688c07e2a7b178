package io.zkedge.cli;

import io.zkedge.evidence.Ed25519Keys;
import io.zkedge.evidence.Ed25519PrivateKey;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * {@code keys generate}: a new Ed25519 key pair in the PEM forms of {@link Ed25519Keys}, for an
 * edge node (signs verdicts and compliance records) or for module signing (signs manifests).
 */
final class KeysGenerateCommand implements Command {

    /** What a key is for; it decides only the advice printed, the files are the same. */
    enum Purpose {
        EDGE_NODE("edge-node",
                "edge-node key: point the job's signing.key-path at %s; give %s to the auditors "
                        + "(docs/keys.md)"),
        MODULE_SIGNING("module-signing",
                "module-signing key: keep %s offline; copy %s into verifier.trusted-keys-dir on every "
                        + "TaskManager (docs/keys.md)");

        final String flag;
        final String advice;

        Purpose(String flag, String advice) {
            this.flag = flag;
            this.advice = advice;
        }

        static Purpose parse(String value) throws UsageException {
            for (Purpose p : values()) {
                if (p.flag.equals(value)) {
                    return p;
                }
            }
            throw new UsageException("--purpose must be edge-node or module-signing, was '" + value + "'");
        }
    }

    @Override
    public String name() {
        return "keys generate";
    }

    @Override
    public String summary() {
        return "new Ed25519 key pair (PREFIX.key, PREFIX.pub); prints its key id";
    }

    @Override
    public Set<String> options() {
        return Set.of("purpose", "out");
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: zkedge keys generate --purpose edge-node|module-signing --out PREFIX",
                "",
                "Writes a new Ed25519 key pair: PREFIX.key, the private key (PKCS#8 PEM, mode 600), and",
                "PREFIX.pub, the public key (SubjectPublicKeyInfo PEM); OpenSSL reads both. Prints the key",
                "id (lowercase hex SHA-256 of the raw 32-byte public key) on stdout. Never overwrites a",
                "file. The seed comes from the JVM's SecureRandom.",
                "",
                "  --purpose P    edge-node (signs verdicts and compliance records) or module-signing",
                "                 (signs verifier module manifests); see docs/keys.md",
                "  --out PREFIX   path prefix of the two files, e.g. keys/edge-2026",
                "",
                "Exit: 0 written, 2 usage error or a file already exists, 3 internal error.");
    }

    @Override
    public int run(Options options, PrintStream out, PrintStream err) throws UsageException, IOException {
        Purpose purpose = Purpose.parse(options.string("purpose"));
        String prefix = options.string("out");
        if (prefix.isEmpty() || prefix.endsWith("/")) {
            throw new UsageException("--out must be a path prefix such as keys/edge-node, was '" + prefix + "'");
        }
        Path privateFile = Path.of(prefix + ".key");
        Path publicFile = Path.of(prefix + ".pub");
        Path dir = privateFile.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new UsageException("the directory " + dir + " does not exist");
        }
        for (Path file : new Path[] {privateFile, publicFile}) {
            if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new UsageException(file + " already exists; refusing to overwrite a key");
            }
        }
        Ed25519PrivateKey key = Ed25519Keys.generate();
        try {
            // Private key first, created with mode 600 and never over an existing file.
            Ed25519Keys.writePrivateKey(key, privateFile);
        } catch (FileAlreadyExistsException e) {
            throw new UsageException(privateFile + " already exists; refusing to overwrite a key");
        }
        try {
            Files.writeString(publicFile, Ed25519Keys.publicKeyToPem(key.publicKey()), StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            // No half pair: the private key without its public file would be a key nobody can trust.
            Files.deleteIfExists(privateFile);
            if (e instanceof FileAlreadyExistsException) {
                throw new UsageException(publicFile + " already exists; refusing to overwrite a key");
            }
            throw e;
        }
        out.println(key.keyId());
        err.println("zkedge: wrote " + privateFile + " and " + publicFile + "; "
                + String.format(purpose.advice, privateFile, publicFile));
        return ExitCode.OK;
    }
}
