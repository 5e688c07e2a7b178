package io.zkedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkedge.evidence.Ed25519Keys;
import io.zkedge.evidence.Ed25519PrivateKey;
import io.zkedge.evidence.Ed25519PublicKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysGenerateCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteAKeyPairAndPrintItsKeyId() throws Exception {
        String prefix = dir.resolve("edge-1").toString();

        CliRun run = CliRun.of("keys", "generate", "--purpose", "edge-node", "--out", prefix);

        assertThat(run.exit()).as(run.err()).isZero();
        Ed25519PrivateKey key = Ed25519Keys.readPrivateKey(Path.of(prefix + ".key"));
        Ed25519PublicKey pub = Ed25519Keys.readPublicKey(Path.of(prefix + ".pub"));
        assertThat(key.publicKey()).isEqualTo(pub);
        assertThat(run.out()).isEqualTo(pub.keyId() + "\n");
        assertThat(pub.keyId()).isEqualTo(Ed25519PublicKey.keyIdOf(pub.raw())).matches("[0-9a-f]{64}");
        assertThat(Files.readString(Path.of(prefix + ".key"), StandardCharsets.US_ASCII))
                .startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(prefix + ".key"))))
                .isEqualTo("rw-------");
        assertThat(run.err()).contains("signing.key-path");
    }

    @Test
    void shouldMakeADifferentKeyEachTime() {
        CliRun first = CliRun.of("keys", "generate", "--purpose", "module-signing", "--out", dir.resolve("a").toString());
        CliRun second = CliRun.of("keys", "generate", "--purpose", "module-signing", "--out", dir.resolve("b").toString());

        assertThat(first.exit()).isZero();
        assertThat(second.exit()).isZero();
        assertThat(first.out()).isNotEqualTo(second.out());
        assertThat(first.err()).contains("trusted-keys-dir");
    }

    @Test
    void shouldRefuseToOverwriteEitherFile() throws Exception {
        Path pub = dir.resolve("taken.pub");
        Files.writeString(pub, "keep me");

        CliRun run = CliRun.of("keys", "generate", "--purpose", "edge-node", "--out", dir.resolve("taken").toString());

        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).startsWith("zkedge: ").contains("already exists").hasLineCount(1);
        assertThat(Files.readString(pub)).isEqualTo("keep me");
        assertThat(dir.resolve("taken.key")).doesNotExist();

        String prefix = dir.resolve("twice").toString();
        assertThat(CliRun.of("keys", "generate", "--purpose", "edge-node", "--out", prefix).exit()).isZero();
        byte[] before = Files.readAllBytes(Path.of(prefix + ".key"));
        CliRun again = CliRun.of("keys", "generate", "--purpose", "edge-node", "--out", prefix);
        assertThat(again.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(Files.readAllBytes(Path.of(prefix + ".key"))).isEqualTo(before);
    }

    @Test
    void shouldRefuseBadFlagsWithOneLine() {
        String out = dir.resolve("k").toString();
        String[][] bad = {
            {"keys", "generate", "--purpose", "everything", "--out", out},
            {"keys", "generate", "--out", out},
            {"keys", "generate", "--purpose", "edge-node"},
            {"keys", "generate", "--purpose", "edge-node", "--out", dir.resolve("missing/k").toString()},
            {"keys", "generate", "--purpose", "edge-node", "--out", out, "--force", "yes"},
            {"keys"},
            {"keys", "make"},
        };
        for (String[] args : bad) {
            CliRun run = CliRun.of(args);
            assertThat(run.exit()).as(String.join(" ", args)).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).as(String.join(" ", args)).startsWith("zkedge: ").hasLineCount(1);
        }
        assertThat(dir.resolve("k.key")).doesNotExist();
    }
}
