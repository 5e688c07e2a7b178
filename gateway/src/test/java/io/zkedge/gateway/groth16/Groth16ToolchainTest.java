package io.zkedge.gateway.groth16;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Groth16ToolchainTest {

    @Test
    void shouldFindTheCheckoutAboveTheWorkingDirectory(@TempDir Path dir) throws Exception {
        Path root = checkout(dir);
        Path deep = Files.createDirectories(root.resolve("gateway/target"));

        assertThat(Groth16Toolchain.findRoot(null, null, deep)).isEqualTo(root);
    }

    @Test
    void shouldPreferTheConfiguredRootAndRefuseOneThatIsNoCheckout(@TempDir Path dir) throws Exception {
        Path root = checkout(dir.resolve("a"));
        Path other = Files.createDirectories(dir.resolve("b"));

        assertThat(Groth16Toolchain.findRoot(root.toString(), null, other)).isEqualTo(root);
        assertThatThrownBy(() -> Groth16Toolchain.findRoot(null, other.toString(), root))
                .isInstanceOf(Groth16SetupException.class)
                .hasMessageContaining("ZKEDGE_ROOT")
                .hasMessageContaining("not a zkedge checkout");
    }

    @Test
    void shouldSayWhereToLookWhenThereIsNoCheckout(@TempDir Path dir) {
        assertThatThrownBy(() -> Groth16Toolchain.findRoot(null, null, dir))
                .isInstanceOf(Groth16SetupException.class)
                .hasMessageContaining("-Dzkedge.root");
    }

    @Test
    void shouldTellToRunTheBuildScriptWhenArtifactsAreMissing(@TempDir Path dir) throws Exception {
        Path root = checkout(dir);
        Files.createDirectories(root.resolve("circuits/node_modules/snarkjs"));
        Files.writeString(root.resolve("circuits/node_modules/snarkjs/package.json"), "{}");

        assertThatThrownBy(() -> Groth16Toolchain.locate(root, Path.of("/usr/bin/node")))
                .isInstanceOf(Groth16SetupException.class)
                .hasMessageContaining("witness generator is missing")
                .hasMessageContaining("run/circuits/sensor_range.wasm")
                .hasMessageContaining("scripts/build-circuits.sh");
    }

    @Test
    void shouldRefuseKeysOfAnotherCircuitThanTheCheckoutRecords(@TempDir Path dir) throws Exception {
        Path real = Groth16Toolchain.findRoot(null, null, Path.of("").toAbsolutePath());
        Path root = checkout(dir);
        Files.createDirectories(root.resolve("circuits/node_modules/snarkjs"));
        Files.writeString(root.resolve("circuits/node_modules/snarkjs/package.json"), "{}");
        Files.createDirectories(root.resolve("run/circuits"));
        Files.writeString(root.resolve("run/circuits/sensor_range.wasm"), "");
        Files.writeString(root.resolve("run/circuits/sensor_range.zkey"), "");
        // The committed test key, but a circuit id that is not its own.
        Files.copy(real.resolve("testdata/groth16-sensor/verification_key.json"),
                root.resolve("run/circuits/verification_key.json"));
        Files.createDirectories(root.resolve("circuits/build"));
        Files.writeString(root.resolve("circuits/build/circuit-id.txt"), "00".repeat(32) + "\n");

        assertThatThrownBy(() -> Groth16Toolchain.locate(root, Path.of("/usr/bin/node")))
                .isInstanceOf(Groth16SetupException.class)
                .hasMessageContaining("stale build")
                .hasMessageContaining("scripts/build-circuits.sh");

        Files.copy(real.resolve("circuits/build/circuit-id.txt"), root.resolve("circuits/build/circuit-id.txt"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Groth16Toolchain toolchain = Groth16Toolchain.locate(root, Path.of("/usr/bin/node"));
        assertThat(toolchain.circuitId())
                .isEqualTo(Files.readString(real.resolve("testdata/groth16-sensor/circuit-id.txt")).strip());
    }

    @Test
    void shouldExplainAMissingNode(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> Groth16Toolchain.findNode(Map.of("PATH", dir.toString())))
                .isInstanceOf(Groth16SetupException.class)
                .hasMessageContaining("node is not on PATH")
                .hasMessageContaining("ZKEDGE_NODE");
        assertThatThrownBy(() -> Groth16Toolchain.findNode(Map.of("ZKEDGE_NODE", dir.resolve("nope").toString())))
                .isInstanceOf(Groth16SetupException.class)
                .hasMessageContaining("not an executable file");
    }

    @Test
    void shouldFindNodeOnThePath(@TempDir Path dir) throws Exception {
        Path node = Files.createFile(dir.resolve("node"));
        node.toFile().setExecutable(true);

        assertThat(Groth16Toolchain.findNode(Map.of("PATH", "/nonexistent:" + dir))).isEqualTo(node);
    }

    /** A directory that looks like a zkedge checkout, with the prover script. */
    private static Path checkout(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("circuits"));
        Files.writeString(dir.resolve("circuits/sensor_range.circom"), "");
        Files.createDirectories(dir.resolve("scripts/lib"));
        Files.writeString(dir.resolve("scripts/lib/groth16-prover-server.cjs"), "");
        return dir;
    }
}
