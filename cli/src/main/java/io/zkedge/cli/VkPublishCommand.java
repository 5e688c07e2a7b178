package io.zkedge.cli;

import io.zkedge.evidence.Sha256;
import io.zkedge.schemas.ArtifactKind;
import io.zkedge.trust.ArtifactVerifier;
import io.zkedge.trust.ManifestFormatException;
import io.zkedge.trust.ModuleManifest;
import io.zkedge.trust.SignedManifest;
import io.zkedge.trust.TrustBundle;
import io.zkedge.trust.UntrustedArtifactException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code vk publish}: announces a signed verification key of a trust bundle on the control topic,
 * where running jobs verify it like a module announcement before they take it.
 */
final class VkPublishCommand implements Command {

    @Override
    public String name() {
        return "vk publish";
    }

    @Override
    public String summary() {
        return "announce a signed verification key on the control topic (zkedge.modules)";
    }

    @Override
    public Set<String> options() {
        return Set.of("bootstrap-servers", "bundle", "circuit-id", "topic", TrustKeys.KEY_OPTION, TrustKeys.DIR_OPTION);
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: zkedge vk publish --bootstrap-servers H:P --bundle DIR --circuit-id ID",
                "                         [--topic zkedge.modules] [--trust-key PUB[,PUB...]]",
                "",
                "Sends one ModuleAnnouncement (kind VERIFICATION_KEY, key = the circuit id) with",
                "DIR/keys/ID.vk, its manifest bytes exactly as signed and the signature, as zkedge vk sign",
                "wrote them, and waits for the broker's acknowledgement. Running jobs verify it against their",
                "own trust store and then verify records of that circuit id with it. Refuses a manifest that",
                "does not describe this key; with trusted keys, first makes the check a job makes.",
                "",
                "  --bootstrap-servers H:P   Kafka cluster (required)",
                "  --bundle DIR              the trust bundle",
                "  --circuit-id ID           the key's circuit id (64 hex digits, printed by vk sign)",
                "  --topic NAME              control topic (default " + AnnouncementSender.DEFAULT_TOPIC + ")",
                TrustKeys.HELP + " (optional here)",
                "",
                "Exit: 0 acknowledged, 1 refused by the trust check or not acknowledged, 2 usage error,",
                "3 internal error.");
    }

    @Override
    public int run(Options options, PrintStream out, PrintStream err) throws Exception {
        KafkaLogging.quiet(); // before anything makes a logger
        String bootstrap = options.string("bootstrap-servers");
        String topic = options.string("topic", AnnouncementSender.DEFAULT_TOPIC);
        String circuitId = options.string("circuit-id");
        if (!TrustBundle.isCircuitId(circuitId)) {
            throw new UsageException("--circuit-id must be 64 lowercase hex digits, was '" + circuitId + "'");
        }
        Path keys = Path.of(options.string("bundle")).resolve(TrustBundle.KEYS_DIR);
        Path keyFile = keys.resolve(circuitId + TrustBundle.KEY_SUFFIX);
        Path manifestFile = keys.resolve(circuitId + TrustBundle.MANIFEST_SUFFIX);
        byte[] key = InputFiles.read(keyFile, TrustBundle.MAX_KEY_BYTES, "the verification key");
        byte[] manifestBytes = InputFiles.read(manifestFile, ModuleManifest.MAX_BYTES, "the manifest");
        byte[] signature = ModuleFile.readSignature(keys.resolve(circuitId + TrustBundle.SIGNATURE_SUFFIX));
        ModuleManifest manifest = describing(manifestFile, manifestBytes, circuitId, key);
        if (options.has(TrustKeys.KEY_OPTION) || options.has(TrustKeys.DIR_OPTION)) {
            try {
                new ArtifactVerifier(TrustKeys.from(options)).verify(circuitId, ArtifactKind.VERIFICATION_KEY,
                        manifestBytes, signature, key);
            } catch (UntrustedArtifactException e) {
                err.println("zkedge: not published: refused: " + e.reason() + ": " + Zkedge.oneLine(e.getMessage()));
                return ExitCode.INVALID;
            }
        }
        AnnouncementSender.Sent sent = AnnouncementSender.announce(bootstrap, topic,
                SignedManifest.of(manifest, signature), key, keyFile.toString(), err);
        if (sent == null) {
            return ExitCode.INVALID;
        }
        out.println("{\"topic\":" + Json.string(sent.metadata().topic()) + ",\"partition\":" + sent.metadata().partition()
                + ",\"offset\":" + sent.metadata().offset() + ",\"circuit_id\":" + Json.string(circuitId)
                + ",\"signer\":" + Json.string(manifest.signerKeyId()) + ",\"bytes\":" + sent.bytes() + "}");
        return ExitCode.OK;
    }

    /** The parsed manifest, if it is a verification key's and names exactly this key. */
    private static ModuleManifest describing(Path file, byte[] bytes, String circuitId, byte[] key)
            throws UsageException {
        ModuleManifest manifest;
        try {
            manifest = ModuleManifest.parse(bytes);
        } catch (ManifestFormatException e) {
            throw new UsageException(file + " is not a canonical manifest: " + e.getMessage());
        }
        if (manifest.kind() != ArtifactKind.VERIFICATION_KEY) {
            throw new UsageException(file + " is the manifest of a " + manifest.kind() + ", not of a verification key");
        }
        String keySha256 = Sha256.hex(Sha256.of(key));
        if (!manifest.name().equals(circuitId) || !manifest.sha256Hex().equals(keySha256)) {
            throw new UsageException(file + " names " + manifest.name() + " with SHA-256 " + manifest.sha256Hex()
                    + ", but the key file's SHA-256 is " + keySha256);
        }
        return manifest;
    }
}
