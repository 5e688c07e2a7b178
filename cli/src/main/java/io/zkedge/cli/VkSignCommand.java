package io.zkedge.cli;

import io.zkedge.evidence.Ed25519PrivateKey;
import io.zkedge.groth16.Groth16FormatException;
import io.zkedge.groth16.Groth16Verifier;
import io.zkedge.groth16.Groth16VerifyingKey;
import io.zkedge.groth16.SnarkjsFiles;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.trust.ManifestSigner;
import io.zkedge.trust.SignedManifest;
import io.zkedge.trust.TrustBundle;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

/**
 * {@code vk sign}: a snarkjs verification key made a signed artifact of a trust bundle
 * (docs/trust.md): {@code keys/<circuitId>.vk} in the canonical encoding, its manifest and the
 * manifest's signature.
 */
final class VkSignCommand implements Command {

    private final ModuleSource modules;

    VkSignCommand(ModuleSource modules) {
        this.modules = modules;
    }

    @Override
    public String name() {
        return "vk sign";
    }

    @Override
    public String summary() {
        return "sign a Groth16 verification key (snarkjs JSON) into a trust bundle's keys/";
    }

    @Override
    public Set<String> options() {
        return Set.of("vk", "key", "bundle");
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: zkedge vk sign --vk verification_key.json --key SIGNING.key --bundle DIR",
                "",
                "Reads a Groth16/BN254 verification key as snarkjs writes it (strictly, as zkedge verify groth16",
                "does), checks that the bundled Groth16 verifier module accepts it (points on their curves, G2",
                "points in the subgroup, at most 64 public inputs), then writes DIR/keys/<circuitId>.vk (the",
                "canonical encoding of docs/groth16.md; the circuit id is its SHA-256), <circuitId>.manifest",
                "(kind VERIFICATION_KEY, encoding version " + Groth16VerifyingKey.ENCODING_VERSION + ") and",
                "<circuitId>.manifest.sig, replacing them if they exist. Jobs load every key of keys/ whose",
                "signature verifies; zkedge vk publish announces one to running jobs. Prints a JSON line.",
                "",
                "  --vk FILE       verification_key.json (snarkjs zkey export verificationkey)",
                "  --key FILE      the signing private key (PKCS#8 PEM, see zkedge keys generate)",
                "  --bundle DIR    the trust bundle (keys/ is created if missing)",
                "",
                "Exit: 0 signed, 2 usage error or a key that would be refused, 3 internal error.");
    }

    @Override
    public int run(Options options, PrintStream out, PrintStream err) throws Exception {
        String json = VerifyGroth16Command.read(options, "vk");
        Ed25519PrivateKey signingKey = ModuleSignCommand.readPrivateKey(options.string("key"));
        Path bundle = Path.of(options.string("bundle"));
        if (!Files.isDirectory(bundle)) {
            throw new UsageException("--bundle " + bundle + " is not a directory");
        }
        Groth16VerifyingKey key;
        try {
            key = SnarkjsFiles.verifyingKey(json);
            // Signing vouches for the key: refuse one that every job would refuse when preparing it.
            Groth16Verifier.builder().setModule(modules.groth16Verifier()).build().prepareKey(key);
        } catch (Groth16FormatException e) {
            throw new UsageException("refusing to sign --vk " + options.string("vk") + ": " + e.getMessage());
        }
        SignedManifest signed;
        try {
            signed = new ManifestSigner(signingKey).writeVerificationKey(bundle, ProofSystem.GROTH16,
                    Groth16VerifyingKey.ENCODING_VERSION, key.bytes(), Instant.now());
        } catch (IOException e) {
            throw new UsageException("cannot write into --bundle " + bundle + ": " + e.getMessage());
        }
        Path keys = bundle.resolve(TrustBundle.KEYS_DIR);
        out.println("{\"circuit_id\":" + Json.string(key.circuitId()) + ",\"n_public\":" + key.nPublic()
                + ",\"signer\":" + Json.string(signed.manifest().signerKeyId())
                + ",\"key\":" + Json.string(keys.resolve(key.circuitId() + TrustBundle.KEY_SUFFIX).toString())
                + ",\"manifest\":" + Json.string(keys.resolve(key.circuitId() + TrustBundle.MANIFEST_SUFFIX).toString())
                + "}");
        return ExitCode.OK;
    }
}
