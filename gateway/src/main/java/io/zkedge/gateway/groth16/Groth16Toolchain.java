package io.zkedge.gateway.groth16;

import io.zkedge.groth16.Groth16FormatException;
import io.zkedge.groth16.SnarkjsFiles;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where the Groth16 prover's pieces are: the {@code node} executable, the pinned snarkjs in
 * {@code circuits/node_modules}, the prover script {@code scripts/lib/groth16-prover-server.cjs},
 * and the sensor circuit's witness generator, proving key and verifying key in
 * {@code run/circuits/} (all built by {@code scripts/build-circuits.sh}).
 *
 * <p>{@link #locate()} finds the zkedge checkout from the system property {@value #ROOT_PROPERTY},
 * else the environment variable {@value #ROOT_ENV}, else the nearest directory at or above the
 * working directory that holds {@code circuits/sensor_range.circom}. {@code node} comes from
 * {@value #NODE_ENV} if set, else from {@code PATH}. Anything missing is reported in one
 * {@link Groth16SetupException} that says what to run.
 *
 * @param node the node executable
 * @param snarkjs the snarkjs package directory (what {@code require} loads)
 * @param server the prover script run by node
 * @param wasm the witness generator {@code sensor_range.wasm}
 * @param zkey the proving key {@code sensor_range.zkey}
 * @param verificationKey {@code verification_key.json} of that proving key
 * @param circuitId the circuit id (hex SHA-256 of the canonical verifying-key bytes): the
 *     {@code statementId} of every record proven with these keys
 */
public record Groth16Toolchain(
        Path node, Path snarkjs, Path server, Path wasm, Path zkey, Path verificationKey, String circuitId) {

    /** System property naming the zkedge checkout. */
    public static final String ROOT_PROPERTY = "zkedge.root";
    /** Environment variable naming the zkedge checkout. */
    public static final String ROOT_ENV = "ZKEDGE_ROOT";
    /** Environment variable naming the node executable. */
    public static final String NODE_ENV = "ZKEDGE_NODE";

    private static final String BUILD_HINT = "; run scripts/build-circuits.sh (it installs the pinned "
            + "snarkjs into circuits/node_modules and builds run/circuits/)";

    public Groth16Toolchain {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(snarkjs, "snarkjs");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(wasm, "wasm");
        Objects.requireNonNull(zkey, "zkey");
        Objects.requireNonNull(verificationKey, "verificationKey");
        Objects.requireNonNull(circuitId, "circuitId");
    }

    /** Finds the checkout as the class comment says, then {@link #locate(Path)}. */
    public static Groth16Toolchain locate() throws Groth16SetupException {
        return locate(findRoot(System.getProperty(ROOT_PROPERTY), System.getenv(ROOT_ENV),
                Path.of("").toAbsolutePath()), findNode(System.getenv()));
    }

    /**
     * {@link #locate()}, but when node is there and the pinned snarkjs or the circuit build is
     * missing or stale, runs {@code scripts/build-circuits.sh} once first (its output goes to this
     * process's stdout and stderr; it needs the npm registry or cache the first time, and takes
     * one to several minutes). For tests and demos that set themselves up.
     *
     * @throws Groth16SetupException if node or the checkout is missing, or the build fails or
     *     does not finish within {@code timeout}
     */
    public static Groth16Toolchain locateOrBuild(Duration timeout) throws Groth16SetupException, InterruptedException {
        Path root = findRoot(System.getProperty(ROOT_PROPERTY), System.getenv(ROOT_ENV), Path.of("").toAbsolutePath());
        Path node = findNode(System.getenv());
        try {
            return locate(root, node);
        } catch (Groth16SetupException missing) {
            System.err.println("Groth16 artifacts missing (" + missing.getMessage() + "); running scripts/build-circuits.sh");
            Process build;
            try {
                build = new ProcessBuilder(root.resolve("scripts/build-circuits.sh").toString())
                        .directory(root.toFile()).inheritIO().start();
            } catch (IOException e) {
                throw new Groth16SetupException("cannot run scripts/build-circuits.sh: " + e.getMessage(), e);
            }
            if (!build.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                build.destroyForcibly();
                throw new Groth16SetupException("scripts/build-circuits.sh did not finish within " + timeout
                        + "; " + missing.getMessage());
            }
            if (build.exitValue() != 0) {
                throw new Groth16SetupException("scripts/build-circuits.sh failed (exit " + build.exitValue()
                        + "); " + missing.getMessage());
            }
            return locate(root, node);
        }
    }

    /** The toolchain of the checkout at {@code root}, with node found as the class comment says. */
    public static Groth16Toolchain locate(Path root) throws Groth16SetupException {
        return locate(root, findNode(System.getenv()));
    }

    /**
     * The toolchain of the checkout at {@code root}, run by {@code node}.
     *
     * @throws Groth16SetupException if a file is missing, or the keys in run/circuits are not the
     *     ones whose circuit id the checkout records in circuits/build/circuit-id.txt
     */
    public static Groth16Toolchain locate(Path root, Path node) throws Groth16SetupException {
        Path snarkjs = root.resolve("circuits/node_modules/snarkjs");
        Path server = root.resolve("scripts/lib/groth16-prover-server.cjs");
        Path built = root.resolve("run/circuits");
        Path wasm = built.resolve("sensor_range.wasm");
        Path zkey = built.resolve("sensor_range.zkey");
        Path vk = built.resolve("verification_key.json");
        requireFile(server, "the prover script", "");
        requireFile(snarkjs.resolve("package.json"), "snarkjs", BUILD_HINT);
        requireFile(wasm, "the witness generator", BUILD_HINT);
        requireFile(zkey, "the proving key", BUILD_HINT);
        requireFile(vk, "the verifying key", BUILD_HINT);
        String circuitId = circuitIdOf(vk);
        Path recorded = root.resolve("circuits/build/circuit-id.txt");
        if (Files.isRegularFile(recorded)) {
            String expected = read(recorded).strip();
            if (!expected.equals(circuitId)) {
                throw new Groth16SetupException("the keys in " + built + " have circuit id " + circuitId
                        + ", but " + recorded + " says " + expected + " (stale build?)" + BUILD_HINT);
            }
        }
        return new Groth16Toolchain(node, snarkjs, server, wasm, zkey, vk, circuitId);
    }

    static Path findRoot(String property, String env, Path workingDirectory) throws Groth16SetupException {
        String[] configured = {property, env};
        String[] source = {"-D" + ROOT_PROPERTY, ROOT_ENV};
        for (int i = 0; i < configured.length; i++) {
            if (configured[i] != null && !configured[i].isBlank()) {
                Path root = Path.of(configured[i]).toAbsolutePath();
                if (!Files.isRegularFile(root.resolve("circuits/sensor_range.circom"))) {
                    throw new Groth16SetupException(root + " (from " + source[i]
                            + ") is not a zkedge checkout: no circuits/sensor_range.circom");
                }
                return root;
            }
        }
        for (Path dir = workingDirectory; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("circuits/sensor_range.circom"))) {
                return dir;
            }
        }
        throw new Groth16SetupException("no zkedge checkout at or above " + workingDirectory
                + "; set -D" + ROOT_PROPERTY + " or " + ROOT_ENV + " to it");
    }

    static Path findNode(Map<String, String> env) throws Groth16SetupException {
        String configured = env.get(NODE_ENV);
        if (configured != null && !configured.isBlank()) {
            Path node = Path.of(configured);
            if (!Files.isExecutable(node)) {
                throw new Groth16SetupException(NODE_ENV + "=" + configured + " is not an executable file");
            }
            return node;
        }
        Optional<Path> onPath = onPath("node", env.getOrDefault("PATH", ""));
        return onPath.orElseThrow(() -> new Groth16SetupException(
                "node is not on PATH (Node.js 18 or later runs snarkjs); install it or set " + NODE_ENV));
    }

    /** Whether a {@code node} executable can be found (for tests that need one). */
    public static boolean nodeAvailable() {
        try {
            findNode(System.getenv());
            return true;
        } catch (Groth16SetupException e) {
            return false;
        }
    }

    private static Optional<Path> onPath(String name, String path) {
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static void requireFile(Path file, String what, String hint) throws Groth16SetupException {
        if (!Files.isRegularFile(file)) {
            throw new Groth16SetupException(what + " is missing: " + file + hint);
        }
    }

    private static String circuitIdOf(Path vk) throws Groth16SetupException {
        try {
            return SnarkjsFiles.verifyingKey(read(vk)).circuitId();
        } catch (Groth16FormatException e) {
            throw new Groth16SetupException(vk + " is not a valid verifying key: " + e.getMessage() + BUILD_HINT);
        }
    }

    private static String read(Path file) throws Groth16SetupException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Groth16SetupException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
