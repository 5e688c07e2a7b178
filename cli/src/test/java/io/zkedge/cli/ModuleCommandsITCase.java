package io.zkedge.cli;

import static io.zkedge.cli.ModuleFixtures.NAME;
import static io.zkedge.cli.ModuleFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.zkedge.evidence.Ed25519PrivateKey;
import io.zkedge.evidence.Sha256;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.trust.ManifestSigner;
import io.zkedge.trust.SignedManifest;
import io.zkedge.trust.TrustBundle;
import io.zkedge.trust.TrustStore;
import io.zkedge.trust.VerifiedModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** {@code module sign | verify | inspect} on the real verifier module, with keys made for each test. */
@EnabledIf(value = "io.zkedge.bulletproofs.BundledModules#available",
        disabledReason = "verifiers/dist/*.wasm were not built when this jar was")
class ModuleCommandsITCase {

    @TempDir
    Path dir;

    private Path modules;
    private Path module;
    private Ed25519PrivateKey oldKey;
    private Ed25519PrivateKey newKey;

    @BeforeEach
    void bundleWithTwoKeys() throws Exception {
        modules = Files.createDirectories(dir.resolve("bundle").resolve(TrustBundle.MODULES_DIR));
        module = ModuleFixtures.verifierModule(modules);
        oldKey = ModuleFixtures.keyPair(dir, "signing-2025");
        newKey = ModuleFixtures.keyPair(dir, "signing-2026");
    }

    @Test
    void shouldSignAModuleIntoATrustBundleThatTheJobAccepts() throws Exception {
        CliRun sign = sign("signing-2026.key");

        assertThat(sign.exit()).as(sign.err()).isZero();
        assertThat(sign.out()).contains("\"signer\":\"" + newKey.keyId() + "\"");
        // The files land where a trust bundle keeps them, and the job's loader takes them.
        VerifiedModule loaded = TrustBundle.open(dir.resolve("bundle"), TrustStore.of(newKey.publicKey())).module(NAME);
        assertThat(loaded.sha256Hex()).isEqualTo(Sha256.hex(Sha256.of(Files.readAllBytes(module))));
        assertThat(loaded.proofSystem()).isEqualTo(ProofSystem.BULLETPROOFS);
        assertThat(Files.readString(modules.resolve(NAME + ".manifest.sig"))).matches("[0-9a-f]{128}\n");

        CliRun verify = verify("signing-2026.pub");
        assertThat(verify.exit()).as(verify.err()).isZero();
        assertThat(verify.out()).startsWith("{\"status\":\"TRUSTED\"").contains(loaded.sha256Hex());
    }

    @Test
    void shouldRefuseATamperedModuleAsAHashMismatch() throws Exception {
        assertThat(sign("signing-2026.key").exit()).isZero();
        byte[] bytes = Files.readAllBytes(module);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(module, bytes);

        assertRefused(verify("signing-2026.pub"), "DIGEST_MISMATCH");
    }

    @Test
    void shouldRefuseAModuleSignedByAKeyThatIsNotTrusted() {
        assertThat(sign("signing-2025.key").exit()).isZero();

        assertRefused(verify("signing-2026.pub"), "UNKNOWN_SIGNER");
    }

    @Test
    void shouldRefuseASignatureMadeByAnotherKey() throws Exception {
        assertThat(sign("signing-2026.key").exit()).isZero();
        // The manifest still names the new key, but the old key signed it.
        byte[] manifest = Files.readAllBytes(modules.resolve(NAME + ".manifest"));
        Files.writeString(modules.resolve(NAME + ".manifest.sig"), Sha256.hex(oldKey.sign(manifest)) + "\n");

        assertRefused(verify("signing-2025.pub,signing-2026.pub"), "BAD_SIGNATURE");
    }

    @Test
    void shouldTrustModulesOfEveryTrustedKeyDuringARotationAndNoneOfARemovedKey() throws Exception {
        assertThat(sign("signing-2025.key").exit()).isZero();
        assertThat(verify("signing-2025.pub,signing-2026.pub").exit()).isZero();

        assertThat(sign("signing-2026.key").exit()).isZero();
        assertThat(verify("signing-2025.pub,signing-2026.pub").exit()).isZero();
        assertThat(verify("signing-2026.pub").exit()).isZero();

        // Revocation: the old key leaves the trust store, and what it signed is refused.
        assertThat(sign("signing-2025.key").exit()).isZero();
        assertRefused(verify("signing-2026.pub"), "UNKNOWN_SIGNER");
        Path trusted = Files.createDirectories(dir.resolve("trusted-keys"));
        Files.copy(dir.resolve("signing-2026.pub"), trusted.resolve("signing-2026.pub"));
        CliRun fromDir = CliRun.of("module", "verify", "--module", module.toString(), "--manifest",
                at(modules, NAME + ".manifest"), "--trusted-keys-dir", trusted.toString());
        assertRefused(fromDir, "UNKNOWN_SIGNER");
    }

    @Test
    void shouldRefuseAManifestOfAnotherAbiVersion() throws Exception {
        writeManifest(new ManifestSigner(newKey).signModule(NAME, ProofSystem.BULLETPROOFS, 2,
                Files.readAllBytes(module), Instant.now()));

        assertRefused(verify("signing-2026.pub"), "WRONG_ABI");
        CliRun sign = CliRun.of("module", "sign", "--module", module.toString(), "--key", at(dir, "signing-2026.key"),
                "--proof-system", "bulletproofs", "--abi-version", "2");
        assertThat(sign.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(sign.err()).contains("ABI version").hasLineCount(1);
    }

    @Test
    void shouldRefuseAModuleSignedAsAnotherProofSystem() throws Exception {
        writeManifest(new ManifestSigner(newKey).signModule(NAME, ProofSystem.GROTH16, 1,
                Files.readAllBytes(module), Instant.now()));

        assertRefused(verify("signing-2026.pub"), "PROOF_SYSTEM_MISMATCH");
        CliRun sign = CliRun.of("module", "sign", "--module", module.toString(), "--key", at(dir, "signing-2026.key"),
                "--proof-system", "groth16", "--abi-version", "1");
        assertThat(sign.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(sign.err()).contains("describes itself as a bulletproofs module").hasLineCount(1);
    }

    @Test
    void shouldRefuseToSignOrTrustAModuleWithImports() throws Exception {
        Path importing = modules.resolve("importer.wasm");
        Files.write(importing, ModuleFixtures.IMPORTING_MODULE);
        SignedManifest signed = new ManifestSigner(newKey).signModule("importer", ProofSystem.BULLETPROOFS, 1,
                ModuleFixtures.IMPORTING_MODULE, Instant.now());
        Files.write(modules.resolve("importer.manifest"), signed.manifestBytes());
        Files.writeString(modules.resolve("importer.manifest.sig"), signed.signatureText());

        CliRun sign = CliRun.of("module", "sign", "--module", importing.toString(), "--key", at(dir, "signing-2026.key"),
                "--proof-system", "bulletproofs", "--abi-version", "1", "--out", at(dir, "x.manifest"));
        assertThat(sign.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(sign.err()).contains("imports env.f").hasLineCount(1);
        assertThat(dir.resolve("x.manifest")).doesNotExist();

        assertRefused(CliRun.of("module", "verify", "--module", importing.toString(), "--manifest",
                at(modules, "importer.manifest"), "--trust-key", at(dir, "signing-2026.pub")), "IMPORTS");

        CliRun inspect = CliRun.of("module", "inspect", "--module", importing.toString());
        assertThat(inspect.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(inspect.out()).contains("\"imports\":[\"env.f () -> ()\"]").contains("\"loads\":false");
        assertThat(inspect.err()).contains("must import nothing").hasLineCount(1);
    }

    @Test
    void shouldInspectAModuleAndItsManifest() throws Exception {
        assertThat(sign("signing-2026.key").exit()).isZero();
        byte[] bytes = Files.readAllBytes(module);

        CliRun inspect = CliRun.of("module", "inspect", "--module", module.toString(), "--manifest",
                at(modules, NAME + ".manifest"));

        assertThat(inspect.exit()).as(inspect.err()).isZero();
        assertThat(inspect.out())
                .contains("\"size\":" + bytes.length)
                .contains("\"sha256\":\"" + Sha256.hex(Sha256.of(bytes)) + "\"")
                .contains("\"imports\":[]")
                .contains("\"zk_verify_batch (i32,i32,i32,i32) -> (i32)\"")
                .contains("\"zk_abi_version () -> (i32)\"")
                .contains("\"loads\":true")
                .contains("\\\"system\\\":\\\"bulletproofs\\\"")
                .contains("\"signer\":\"" + newKey.keyId() + "\"")
                .contains("\"sha256_matches\":true");

        // Another valid module under this name: it loads, but the manifest is not its manifest.
        try (var prover = io.zkedge.bulletproofs.BundledModules.class.getResourceAsStream(
                io.zkedge.bulletproofs.BundledModules.PROVER_RESOURCE)) {
            Files.write(module, prover.readAllBytes());
        }
        CliRun tampered = CliRun.of("module", "inspect", "--module", module.toString(), "--manifest",
                at(modules, NAME + ".manifest"));
        assertThat(tampered.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(tampered.out()).contains("\"loads\":true").contains("\"sha256_matches\":false");
        assertThat(tampered.err()).contains("is not the module's").hasLineCount(1);

        Files.write(module, new byte[] {0, 'a', 's', 'm', 9}); // a bad version field
        CliRun notWasm = CliRun.of("module", "inspect", "--module", module.toString());
        assertThat(notWasm.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(notWasm.err()).contains("not a valid Wasm module").hasLineCount(1);
    }

    @Test
    void shouldRefuseBadFlagsWithOneLine() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "not a module");
        String key = at(dir, "signing-2026.key");
        String m = module.toString();
        String[][] bad = {
            {"module", "sign", "--module", m, "--proof-system", "bulletproofs", "--abi-version", "1"},
            {"module", "sign", "--module", m, "--key", key, "--proof-system", "plonk", "--abi-version", "1"},
            {"module", "sign", "--module", m, "--key", key, "--proof-system", "bulletproofs", "--abi-version", "one"},
            {"module", "sign", "--module", at(dir, "notes.txt"), "--key", key, "--proof-system", "bulletproofs", "--abi-version", "1"},
            {"module", "sign", "--module", at(dir, "Missing.wasm"), "--key", key, "--proof-system", "bulletproofs", "--abi-version", "1"},
            {"module", "sign", "--module", m, "--key", at(dir, "signing-2026.pub"), "--proof-system", "bulletproofs", "--abi-version", "1"},
            {"module", "verify", "--module", m, "--manifest", at(modules, NAME + ".manifest")},
            {"module", "verify", "--module", m, "--manifest", at(dir, "none.manifest"), "--trust-key", at(dir, "signing-2026.pub")},
            {"module", "verify", "--module", m, "--manifest", at(dir, "notes.txt"), "--trust-key", key},
            {"module", "inspect"},
            {"module", "inspect", "--module", m, "--verbose", "yes"},
            {"module"},
            {"module", "load"},
        };
        assertThat(sign("signing-2026.key").exit()).isZero();
        for (String[] args : bad) {
            CliRun run = CliRun.of(args);
            assertThat(run.exit()).as("%s -> %s", String.join(" ", args), run.err()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).as(String.join(" ", args)).startsWith("zkedge: ").hasLineCount(1);
        }
    }

    private CliRun sign(String key) {
        return CliRun.of("module", "sign", "--module", module.toString(), "--key", at(dir, key),
                "--proof-system", "bulletproofs", "--abi-version", "1");
    }

    /** {@code module verify} trusting the comma-separated public key files of {@code dir}. */
    private CliRun verify(String keys) {
        String files = String.join(",", java.util.Arrays.stream(keys.split(",")).map(k -> at(dir, k)).toList());
        return CliRun.of("module", "verify", "--module", module.toString(), "--manifest",
                at(modules, NAME + ".manifest"), "--trust-key", files);
    }

    private void writeManifest(SignedManifest signed) throws Exception {
        Files.write(modules.resolve(NAME + ".manifest"), signed.manifestBytes());
        Files.writeString(modules.resolve(NAME + ".manifest.sig"), signed.signatureText(), StandardCharsets.US_ASCII);
    }

    private static void assertRefused(CliRun run, String reason) {
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.INVALID);
        assertThat(run.out()).contains("\"status\":\"REFUSED\",\"reason\":\"" + reason + "\"");
        assertThat(run.err()).startsWith("zkedge: refused: " + reason + ": ").hasLineCount(1);
    }
}
