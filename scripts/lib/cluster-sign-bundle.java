// Test fixture of scripts/e2e-cluster.sh: a trust bundle signed by a throw-away release key, so
// that the job runs as in production (signed modules, verifier.trust-bundle-dir and
// verifier.trusted-keys-dir) instead of the unsigned modules of the dev flag. Run as a Java
// single-file program on the job jar's class path (evidence module) plus Flink's (slf4j):
//
//   java -cp JOB_JAR:FLINK_CP scripts/lib/cluster-sign-bundle.java MODULE.wasm BUNDLE_DIR TRUSTED_KEYS_DIR
//
// Writes BUNDLE_DIR/modules/zkedge_bulletproofs_verifier.{wasm,manifest,manifest.sig}
// (docs/trust.md) and TRUSTED_KEYS_DIR/<key id>.pub. The release private key is never written:
// nothing can sign for this bundle after the program ends.

import io.zkedge.evidence.Ed25519Keys;
import io.zkedge.evidence.Ed25519PrivateKey;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.trust.ManifestSigner;
import io.zkedge.trust.TrustStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

public final class ClusterSignBundle {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: cluster-sign-bundle.java MODULE.wasm BUNDLE_DIR TRUSTED_KEYS_DIR");
            System.exit(2);
        }
        byte[] module = Files.readAllBytes(Path.of(args[0]));
        Ed25519PrivateKey releaseKey = Ed25519Keys.generate();
        Path trustedKeys = Files.createDirectories(Path.of(args[2]));
        Ed25519Keys.writePublicKey(releaseKey.publicKey(), trustedKeys.resolve(releaseKey.keyId() + TrustStore.KEY_SUFFIX));
        new ManifestSigner(releaseKey).writeModule(Path.of(args[1]), "zkedge_bulletproofs_verifier",
                ProofSystem.BULLETPROOFS, 1, module, Instant.now());
        System.out.println(releaseKey.keyId());
    }
}
