package io.zkedge.operators.testutils;

import io.zkedge.bulletproofs.BundledModules;
import io.zkedge.evidence.Ed25519Keys;
import io.zkedge.evidence.Ed25519PrivateKey;
import io.zkedge.groth16.Groth16Modules;
import io.zkedge.operators.verify.TrustBundleVerifierProvider;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ModuleAnnouncement;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.trust.ManifestSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * Releases of the Bulletproofs verifier module as a release team makes them: a trust bundle with
 * the bundled module signed by a release key, the directory trusting that key, and announcements
 * of further releases for the control topic.
 */
public final class ModuleReleases {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private final Path bundleDir;
    private final Path trustedKeysDir;
    private final Ed25519PrivateKey releaseKey = Ed25519Keys.generate(new SecureRandom());

    /** Writes the bundle ({@code dir/bundle}) and the trusted keys ({@code dir/trusted-keys}). */
    public ModuleReleases(Path dir) {
        try {
            bundleDir = Files.createDirectories(dir.resolve("bundle"));
            trustedKeysDir = Files.createDirectories(dir.resolve("trusted-keys"));
            new ManifestSigner(releaseKey).writeModule(bundleDir, TrustBundleVerifierProvider.DEFAULT_MODULE,
                    ProofSystem.BULLETPROOFS, 1, currentModule(), CREATED);
            Ed25519Keys.writePublicKey(releaseKey.publicKey(), trustedKeysDir.resolve("release.pub"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TrustBundleVerifierProvider provider() {
        return new TrustBundleVerifierProvider(bundleDir.toString(), trustedKeysDir.toString(),
                TrustBundleVerifierProvider.DEFAULT_MODULE);
    }

    public Path bundleDir() {
        return bundleDir;
    }

    public Path trustedKeysDir() {
        return trustedKeysDir;
    }

    /** The module of the bundle: the verifier packaged in the verifier-host jar. */
    public static byte[] currentModule() {
        try (InputStream in = BundledModules.class.getResourceAsStream(BundledModules.VERIFIER_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the verifier module is not bundled; build verifiers/ first");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Another release of the same verifier: the module with a custom section naming the release
     * appended. Custom sections do not change what a module does, only its bytes and SHA-256.
     */
    public static byte[] nextModule(String release) {
        return withReleaseSection(currentModule(), release);
    }

    /** {@code module} with a custom section naming {@code release} appended: same code, other bytes. */
    public static byte[] withReleaseSection(byte[] module, String release) {
        byte[] name = "zkedge.release".getBytes(StandardCharsets.UTF_8);
        byte[] payload = release.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream section = new ByteArrayOutputStream();
        section.write(name.length); // LEB128 of a length < 128 is the byte itself
        section.writeBytes(name);
        section.writeBytes(payload);
        if (section.size() >= 128) {
            throw new IllegalArgumentException("release name too long for this helper");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(module);
        out.write(0); // custom section id (WebAssembly core spec, 5.5.3)
        out.write(section.size());
        out.writeBytes(section.toByteArray());
        return out.toByteArray();
    }

    /** The Groth16 verifier module packaged in the verifier-host jar. */
    public static byte[] groth16Module() {
        try (InputStream in = Groth16Modules.class.getResourceAsStream(Groth16Modules.VERIFIER_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the Groth16 verifier module is not bundled; build verifiers/ first");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds the bundled Groth16 verifier module, signed by the release key, to the bundle. */
    public ModuleReleases withGroth16Module() {
        try {
            new ManifestSigner(releaseKey).writeModule(bundleDir, TrustBundleVerifierProvider.DEFAULT_GROTH16_MODULE,
                    ProofSystem.GROTH16, 1, groth16Module(), CREATED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Adds a verification key, signed by the release key, to the bundle's keys/. */
    public ModuleReleases withVerificationKey(byte[] key) {
        try {
            new ManifestSigner(releaseKey).writeVerificationKey(bundleDir, ProofSystem.GROTH16,
                    TrustBundleVerifierProvider.VERIFICATION_KEY_FORMAT, key, CREATED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** An announcement of a Groth16 verifier module, signed by the trusted release key. */
    public ModuleAnnouncement announceGroth16Module(byte[] module) {
        return new ManifestSigner(releaseKey)
                .signModule(TrustBundleVerifierProvider.DEFAULT_GROTH16_MODULE, ProofSystem.GROTH16, 1, module, CREATED)
                .announce(module, CREATED.plusSeconds(3600));
    }

    /** An announcement of a verification key signed by {@code key} (trusted or not). */
    public static ModuleAnnouncement announceVerificationKey(Ed25519PrivateKey key, byte[] verificationKey) {
        return new ManifestSigner(key)
                .signVerificationKey(ProofSystem.GROTH16, TrustBundleVerifierProvider.VERIFICATION_KEY_FORMAT,
                        verificationKey, CREATED)
                .announce(verificationKey, CREATED.plusSeconds(3600));
    }

    /** An announcement of a verification key, signed by the trusted release key. */
    public ModuleAnnouncement announceVerificationKey(byte[] verificationKey) {
        return announceVerificationKey(releaseKey, verificationKey);
    }

    /** An announcement of {@code module}, signed by the trusted release key. */
    public ModuleAnnouncement announce(byte[] module) {
        return announce(releaseKey, module);
    }

    /** An announcement of {@code module} signed by {@code key} (trusted or not). */
    public static ModuleAnnouncement announce(Ed25519PrivateKey key, byte[] module) {
        return new ManifestSigner(key)
                .signModule(TrustBundleVerifierProvider.DEFAULT_MODULE, ProofSystem.BULLETPROOFS, 1, module, CREATED)
                .announce(module, CREATED.plusSeconds(3600));
    }

    /** An announcement as the control topic carries it (Avro single-object encoding). */
    public static byte[] encode(ModuleAnnouncement announcement) {
        return AvroCodec.forModuleAnnouncements().encode(announcement);
    }
}
