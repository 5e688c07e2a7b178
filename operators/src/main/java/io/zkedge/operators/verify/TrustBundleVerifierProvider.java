package io.zkedge.operators.verify;

import io.zkedge.bulletproofs.BulletproofsAbi;
import io.zkedge.schemas.ArtifactKind;
import io.zkedge.schemas.ModuleAnnouncement;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.trust.ArtifactVerifier;
import io.zkedge.trust.TrustBundle;
import io.zkedge.trust.TrustStore;
import io.zkedge.trust.UntrustedArtifactException;
import io.zkedge.trust.VerifiedModule;
import io.zkedge.wasm.WasmModule;
import io.zkedge.wasm.WasmModuleException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The verifier module of a trust bundle (docs/trust.md), loaded only after its manifest's Ed25519
 * signature verifies against a trusted key and its bytes match the manifest's SHA-256. An
 * unsigned, tampered or unknown-signer module fails {@link #load} with an
 * {@link UntrustedArtifactException} that names the file and the reason, so the subtask (and with
 * {@link #check()} in the job's {@code main}, the submission) stops with a clear error.
 *
 * <p>Both directories must exist on every TaskManager; the trusted keys are provisioned apart from
 * the bundle, since keys inside a bundle would vouch for nothing.
 */
public final class TrustBundleVerifierProvider implements VerifierProvider {

    private static final long serialVersionUID = 1L;

    /** The name of the Bulletproofs verifier module in a bundle (modules/&lt;name&gt;.wasm). */
    public static final String DEFAULT_MODULE = "zkedge_bulletproofs_verifier";

    private final String bundleDir;
    private final String trustedKeysDir;
    private final String moduleName;

    /**
     * @param bundleDir the bundle directory (holding {@code modules/})
     * @param trustedKeysDir the directory of trusted public keys ({@code *.pub})
     * @param moduleName the Bulletproofs verifier module's name in the bundle
     */
    public TrustBundleVerifierProvider(String bundleDir, String trustedKeysDir, String moduleName) {
        this.bundleDir = Objects.requireNonNull(bundleDir, "bundleDir");
        this.trustedKeysDir = Objects.requireNonNull(trustedKeysDir, "trustedKeysDir");
        this.moduleName = Objects.requireNonNull(moduleName, "moduleName");
    }

    /**
     * Reads and verifies the module without compiling it: what {@code main} calls before
     * submitting, so that an untrusted bundle stops the submission rather than every subtask.
     *
     * @return the verified module
     */
    public VerifiedModule check() throws IOException, UntrustedArtifactException {
        TrustStore store = TrustStore.loadDirectory(Path.of(trustedKeysDir));
        if (store.size() == 0) {
            throw new IOException("trusted keys directory " + trustedKeysDir + " holds no *.pub key: it trusts nothing");
        }
        VerifiedModule module = TrustBundle.open(Path.of(bundleDir), store).module(moduleName);
        if (module.kind() != ArtifactKind.VERIFIER_MODULE || module.proofSystem() != ProofSystem.BULLETPROOFS) {
            throw new IOException(moduleName + " in " + bundleDir + " is a " + module.kind() + " for "
                    + module.proofSystem() + ", not a Bulletproofs verifier module");
        }
        return module;
    }

    @Override
    public LoadedVerifiers load(int maxBatchSize) throws IOException, UntrustedArtifactException, WasmModuleException {
        long start = System.nanoTime();
        VerifiedModule verified = check();
        WasmModule module = compiled(verified);
        Duration loadTime = Duration.ofNanos(System.nanoTime() - start);
        return new LoadedVerifiers(
                Map.of(StatementKey.BULLETPROOFS_RANGE_V1, new BulletproofsRangeVerifier(module, maxBatchSize)),
                loadTime,
                module.compileTime(),
                verified.toString());
    }

    /**
     * Accepts an announced Bulletproofs verifier module under this job's module name, signed by a
     * key of the trusted keys directory (read anew, so a key removed from it is no longer trusted).
     */
    @Override
    public AnnouncedVerifier accept(ModuleAnnouncement announcement, int maxBatchSize)
            throws IOException, UntrustedArtifactException, WasmModuleException {
        TrustStore store = TrustStore.loadDirectory(Path.of(trustedKeysDir));
        VerifiedModule verified = new ArtifactVerifier(store).verify(announcement);
        if (verified.kind() != ArtifactKind.VERIFIER_MODULE || verified.proofSystem() != ProofSystem.BULLETPROOFS
                || !verified.name().equals(moduleName)) {
            throw new IOException("refused the announcement of " + verified.name() + " (" + verified.kind() + " for "
                    + verified.proofSystem() + "): this job takes Bulletproofs verifier modules named " + moduleName);
        }
        WasmModule module = compiled(verified);
        return new AnnouncedVerifier(StatementKey.BULLETPROOFS_RANGE_V1, new BulletproofsRangeVerifier(module, maxBatchSize),
                verified.toString());
    }

    /** The verified module compiled, from this JVM's cache if another subtask compiled it already. */
    private static WasmModule compiled(VerifiedModule verified) throws WasmModuleException {
        WasmModule module = ModuleCache.get(verified.sha256Hex());
        if (module == null) {
            module = ModuleCache.put(WasmModule.builder()
                    .setName(verified.name())
                    .setBytes(verified.bytes())
                    .setRequiredFunctions(BulletproofsAbi.VERIFY_BATCH)
                    .build());
        }
        return module;
    }

    @Override
    public String toString() {
        return "trust bundle " + bundleDir + " (module " + moduleName + ", trusted keys " + trustedKeysDir + ")";
    }
}
