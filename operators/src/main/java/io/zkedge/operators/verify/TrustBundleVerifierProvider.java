package io.zkedge.operators.verify;

import io.zkedge.bulletproofs.BulletproofsAbi;
import io.zkedge.groth16.Groth16Abi;
import io.zkedge.groth16.Groth16FormatException;
import io.zkedge.groth16.Groth16VerifyingKey;
import io.zkedge.groth16.SensorRangeSignals;
import io.zkedge.schemas.ArtifactKind;
import io.zkedge.schemas.ModuleAnnouncement;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.trust.ArtifactVerifier;
import io.zkedge.trust.TrustBundle;
import io.zkedge.trust.TrustStore;
import io.zkedge.trust.UntrustedArtifactException;
import io.zkedge.trust.VerifiedModule;
import io.zkedge.wasm.AbiFunction;
import io.zkedge.wasm.WasmModule;
import io.zkedge.wasm.WasmModuleException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The verifier modules and verification keys of a trust bundle (docs/trust.md), loaded only after
 * each manifest's Ed25519 signature verifies against a trusted key and the bytes match the
 * manifest's SHA-256. An unsigned, tampered or unknown-signer artifact fails {@link #load} with an
 * {@link UntrustedArtifactException} that names the file and the reason, so the subtask (and with
 * {@link #check()} in the job's {@code main}, the submission) stops with a clear error.
 *
 * <ul>
 *   <li>the Bulletproofs verifier module ({@code moduleName}, required) verifies
 *       {@link StatementKey#BULLETPROOFS_RANGE_V1};
 *   <li>the Groth16 verifier module ({@code groth16ModuleName}, if the bundle has it) verifies,
 *       with one module instance per subtask, every verification key of {@code keys/}: each key
 *       {@code K} serves {@code StatementKey(GROTH16, circuitId(K))}. A Groth16 record whose
 *       circuit id has no key is {@code UNKNOWN_STATEMENT}.
 * </ul>
 *
 * <p>Both directories must exist on every TaskManager; the trusted keys are provisioned apart from
 * the bundle, since keys inside a bundle would vouch for nothing.
 *
 * <p><b>One provider per subtask.</b> Flink deserializes the operator, and so this provider, once
 * per subtask; {@link #load} and the accepted announcements ({@link #accept}) keep the subtask's
 * current Groth16 module instance and keys here, so that an announced key is verified with the
 * current module and an announced module takes over every current key.
 */
public final class TrustBundleVerifierProvider implements VerifierProvider {

    private static final long serialVersionUID = 2L;

    /** The name of the Bulletproofs verifier module in a bundle (modules/&lt;name&gt;.wasm). */
    public static final String DEFAULT_MODULE = "zkedge_bulletproofs_verifier";

    /** The name of the Groth16 verifier module in a bundle. */
    public static final String DEFAULT_GROTH16_MODULE = "zkedge_groth16_verifier";

    /** The manifest abi-version of a verification key: the canonical encoding of docs/groth16.md. */
    public static final int VERIFICATION_KEY_FORMAT = Groth16VerifyingKey.ENCODING_VERSION;

    /** The broadcast-state slot of an announced Groth16 module (keys have their statement's). */
    static final String GROTH16_MODULE_SLOT = "module:" + ProofSystem.GROTH16;

    private final String bundleDir;
    private final String trustedKeysDir;
    private final String moduleName;
    private final String groth16ModuleName;

    /** This subtask's Groth16 module instance (null if none), set by {@link #load} and accepted announcements. */
    private transient Groth16ModuleInstance groth16;
    /** This subtask's Groth16 keys by circuit id. */
    private transient Map<String, Groth16VerifyingKey> groth16Keys;

    /** What {@link #check()} found in the bundle, all verified. */
    public record CheckedBundle(VerifiedModule bulletproofs, VerifiedModule groth16, List<VerifiedModule> keys) {
        @Override
        public String toString() {
            return bulletproofs + (groth16 == null ? "" : ", " + groth16 + ", " + keys.size() + " verification key(s)");
        }
    }

    /** A bundle with the Groth16 module under {@link #DEFAULT_GROTH16_MODULE}. */
    public TrustBundleVerifierProvider(String bundleDir, String trustedKeysDir, String moduleName) {
        this(bundleDir, trustedKeysDir, moduleName, DEFAULT_GROTH16_MODULE);
    }

    /**
     * @param bundleDir the bundle directory (holding {@code modules/}, optionally {@code keys/})
     * @param trustedKeysDir the directory of trusted public keys ({@code *.pub})
     * @param moduleName the Bulletproofs verifier module's name in the bundle
     * @param groth16ModuleName the Groth16 verifier module's name in the bundle (optional there)
     */
    public TrustBundleVerifierProvider(String bundleDir, String trustedKeysDir, String moduleName,
            String groth16ModuleName) {
        this.bundleDir = Objects.requireNonNull(bundleDir, "bundleDir");
        this.trustedKeysDir = Objects.requireNonNull(trustedKeysDir, "trustedKeysDir");
        this.moduleName = Objects.requireNonNull(moduleName, "moduleName");
        this.groth16ModuleName = Objects.requireNonNull(groth16ModuleName, "groth16ModuleName");
    }

    /**
     * Reads and verifies the modules and keys without compiling them: what {@code main} calls
     * before submitting, so that an untrusted bundle stops the submission rather than every
     * subtask. All or nothing: one refused key refuses the bundle.
     *
     * @return the verified artifacts
     */
    public CheckedBundle check() throws IOException, UntrustedArtifactException {
        TrustStore store = TrustStore.loadDirectory(Path.of(trustedKeysDir));
        if (store.size() == 0) {
            throw new IOException("trusted keys directory " + trustedKeysDir + " holds no *.pub key: it trusts nothing");
        }
        TrustBundle bundle = TrustBundle.open(Path.of(bundleDir), store);
        VerifiedModule bulletproofs = bundle.module(moduleName);
        requireModule(bulletproofs, ProofSystem.BULLETPROOFS, moduleName);
        VerifiedModule groth16Module = null;
        if (bundle.moduleNames().contains(groth16ModuleName)) {
            groth16Module = bundle.module(groth16ModuleName);
            requireModule(groth16Module, ProofSystem.GROTH16, groth16ModuleName);
        }
        List<VerifiedModule> keys = bundle.verificationKeys();
        for (VerifiedModule key : keys) {
            groth16Key(key); // refuses keys the job cannot use before anything starts
        }
        if (!keys.isEmpty() && groth16Module == null) {
            throw new IOException(bundleDir + " holds " + keys.size() + " verification key(s) but no Groth16 verifier module "
                    + groth16ModuleName + " to verify with them");
        }
        return new CheckedBundle(bulletproofs, groth16Module, keys);
    }

    @Override
    public LoadedVerifiers load(int maxBatchSize)
            throws IOException, UntrustedArtifactException, WasmModuleException, InterruptedException {
        long start = System.nanoTime();
        CheckedBundle bundle = check();
        WasmModule bulletproofs = compiled(bundle.bulletproofs(), BulletproofsAbi.VERIFY_BATCH);
        Map<StatementKey, StatementVerifier> verifiers = new HashMap<>();
        verifiers.put(StatementKey.BULLETPROOFS_RANGE_V1, new BulletproofsRangeVerifier(bulletproofs, maxBatchSize));
        Duration compileTime = bulletproofs.compileTime();
        groth16 = null;
        groth16Keys = new LinkedHashMap<>();
        if (bundle.groth16() != null) {
            WasmModule module = compiled(bundle.groth16(), GROTH16_FUNCTIONS);
            compileTime = compileTime.plus(module.compileTime());
            groth16 = new Groth16ModuleInstance(module, maxBatchSize);
            for (VerifiedModule verified : bundle.keys()) {
                Groth16VerifyingKey key = groth16Key(verified);
                try {
                    groth16.prepare(key);
                } catch (Groth16FormatException e) {
                    throw new IOException("verification key " + verified.name() + " in " + bundleDir
                            + " is signed but the Groth16 module refuses it: " + e.getMessage(), e);
                }
                groth16Keys.put(key.circuitId(), key);
                verifiers.put(new StatementKey(ProofSystem.GROTH16, key.circuitId()),
                        new Groth16SensorRangeVerifier(groth16, key));
            }
        }
        Duration loadTime = Duration.ofNanos(System.nanoTime() - start);
        return new LoadedVerifiers(verifiers, loadTime, compileTime, bundle.toString());
    }

    /**
     * Accepts, signed by a key of the trusted keys directory (read anew, so a key removed from it
     * is no longer trusted):
     *
     * <ul>
     *   <li>a Bulletproofs verifier module under this job's module name;
     *   <li>a Groth16 verifier module under this job's Groth16 module name: it takes over every
     *       current verification key;
     *   <li>a Groth16 verification key ({@code artifactId} its circuit id) of the sensor range
     *       circuit, verified from then on with the current Groth16 module.
     * </ul>
     */
    @Override
    public AnnouncedVerifier accept(ModuleAnnouncement announcement, int maxBatchSize)
            throws IOException, UntrustedArtifactException, WasmModuleException, InterruptedException {
        TrustStore store = TrustStore.loadDirectory(Path.of(trustedKeysDir));
        VerifiedModule verified = new ArtifactVerifier(store).verify(announcement);
        if (verified.kind() == ArtifactKind.VERIFIER_MODULE && verified.proofSystem() == ProofSystem.BULLETPROOFS
                && verified.name().equals(moduleName)) {
            WasmModule module = compiled(verified, BulletproofsAbi.VERIFY_BATCH);
            return new AnnouncedVerifier(StatementKey.BULLETPROOFS_RANGE_V1,
                    new BulletproofsRangeVerifier(module, maxBatchSize), verified.toString());
        }
        if (verified.kind() == ArtifactKind.VERIFIER_MODULE && verified.proofSystem() == ProofSystem.GROTH16
                && verified.name().equals(groth16ModuleName)) {
            return acceptGroth16Module(verified, maxBatchSize);
        }
        if (verified.kind() == ArtifactKind.VERIFICATION_KEY && verified.proofSystem() == ProofSystem.GROTH16) {
            return acceptGroth16Key(verified);
        }
        throw new IOException("refused the announcement of " + verified.name() + " (" + verified.kind() + " for "
                + verified.proofSystem() + "): this job takes Bulletproofs verifier modules named " + moduleName
                + ", Groth16 verifier modules named " + groth16ModuleName + " and Groth16 verification keys");
    }

    private AnnouncedVerifier acceptGroth16Module(VerifiedModule verified, int maxBatchSize)
            throws IOException, WasmModuleException, InterruptedException {
        Groth16ModuleInstance instance = new Groth16ModuleInstance(compiled(verified, GROTH16_FUNCTIONS), maxBatchSize);
        Map<StatementKey, StatementVerifier> verifiers = new HashMap<>();
        for (Groth16VerifyingKey key : currentKeys().values()) {
            try {
                instance.prepare(key);
            } catch (Groth16FormatException e) {
                throw new IOException("refused the announced " + verified + ": it refuses verification key "
                        + key.circuitId() + " in use: " + e.getMessage(), e);
            }
            verifiers.put(new StatementKey(ProofSystem.GROTH16, key.circuitId()), new Groth16SensorRangeVerifier(instance, key));
        }
        return new AnnouncedVerifier(GROTH16_MODULE_SLOT, verifiers, verified.toString(), instance::selfTest,
                () -> groth16 = instance);
    }

    private AnnouncedVerifier acceptGroth16Key(VerifiedModule verified) throws IOException, InterruptedException {
        Groth16VerifyingKey key = groth16Key(verified);
        Groth16ModuleInstance instance = groth16;
        if (instance == null) {
            throw new IOException("refused the announced verification key " + key.circuitId()
                    + ": this job has no Groth16 verifier module (" + groth16ModuleName + ") to verify with it");
        }
        try {
            instance.prepare(key);
        } catch (Groth16FormatException e) {
            throw new IOException("refused the announced verification key " + key.circuitId()
                    + ": the Groth16 module refuses it: " + e.getMessage(), e);
        }
        StatementKey statement = new StatementKey(ProofSystem.GROTH16, key.circuitId());
        return new AnnouncedVerifier(statement.toString(), Map.of(statement, new Groth16SensorRangeVerifier(instance, key)),
                verified.toString(), instance::selfTest, () -> currentKeys().put(key.circuitId(), key));
    }

    private Map<String, Groth16VerifyingKey> currentKeys() {
        if (groth16Keys == null) {
            groth16Keys = new LinkedHashMap<>();
        }
        return groth16Keys;
    }

    /**
     * A verified key artifact as a sensor range circuit key.
     *
     * @throws IOException if it is not one this job can verify with
     */
    private static Groth16VerifyingKey groth16Key(VerifiedModule verified) throws IOException {
        if (verified.proofSystem() != ProofSystem.GROTH16 || verified.abiVersion() != VERIFICATION_KEY_FORMAT) {
            throw new IOException("verification key " + verified.name() + " is for " + verified.proofSystem()
                    + ", format " + verified.abiVersion() + "; this job takes GROTH16 keys of format "
                    + VERIFICATION_KEY_FORMAT);
        }
        Groth16VerifyingKey key;
        try {
            key = Groth16VerifyingKey.fromBytes(verified.bytes());
        } catch (Groth16FormatException e) {
            throw new IOException("verification key " + verified.name() + " does not decode: " + e.getMessage(), e);
        }
        if (key.nPublic() != SensorRangeSignals.N_PUBLIC) {
            throw new IOException("verification key " + verified.name() + " has " + key.nPublic()
                    + " public inputs; this job verifies the sensor range circuit ("
                    + SensorRangeSignals.N_PUBLIC + ")");
        }
        return key;
    }

    private static void requireModule(VerifiedModule module, ProofSystem proofSystem, String name) throws IOException {
        if (module.kind() != ArtifactKind.VERIFIER_MODULE || module.proofSystem() != proofSystem) {
            throw new IOException(name + " is a " + module.kind() + " for " + module.proofSystem() + ", not a "
                    + proofSystem + " verifier module");
        }
    }

    private static final AbiFunction[] GROTH16_FUNCTIONS = {
        Groth16Abi.PREPARED_LEN, Groth16Abi.PREPARE_KEY, Groth16Abi.VERIFY_BATCH
    };

    /** The verified module compiled (once per JVM: subtasks share the code, see WasmModule). */
    private static WasmModule compiled(VerifiedModule verified, AbiFunction... requiredFunctions) throws WasmModuleException {
        return WasmModule.builder()
                .setName(verified.name())
                .setBytes(verified.bytes())
                .setRequiredFunctions(requiredFunctions)
                .build();
    }

    @Override
    public String toString() {
        return "trust bundle " + bundleDir + " (modules " + moduleName + ", " + groth16ModuleName + ", trusted keys "
                + trustedKeysDir + ")";
    }
}
