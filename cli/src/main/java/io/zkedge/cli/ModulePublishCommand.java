package io.zkedge.cli;

import io.zkedge.trust.ManifestFormatException;
import io.zkedge.trust.ModuleManifest;
import io.zkedge.trust.SignedManifest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code module publish}: announces a signed module on the control topic, where running jobs
 * verify it ({@code ArtifactVerifier.verify(ModuleAnnouncement)}) before they swap it in.
 */
final class ModulePublishCommand implements Command {

    @Override
    public String name() {
        return "module publish";
    }

    @Override
    public String summary() {
        return "announce a signed module on the control topic (zkedge.modules)";
    }

    @Override
    public Set<String> options() {
        return Set.of("bootstrap-servers", "module", "manifest", "signature", "topic", TrustKeys.KEY_OPTION,
                TrustKeys.DIR_OPTION);
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: zkedge module publish --bootstrap-servers H:P --module NAME.wasm --manifest MANIFEST",
                "                             [--topic zkedge.modules] [--trust-key PUB[,PUB...]]",
                "",
                "Sends one ModuleAnnouncement (Avro single-object encoding, key = module name) with the module,",
                "the manifest bytes exactly as signed and the 64-byte signature, through an idempotent producer",
                "(acks=all), and waits for the broker's acknowledgement. Jobs verify the announcement against",
                "their own trust store before they use it, and keep their module if it is refused.",
                "Refuses to publish a manifest that does not describe this module. With trusted keys, first",
                "makes every check of zkedge module verify, so that nothing a job would refuse is sent.",
                "",
                "  --bootstrap-servers H:P   Kafka cluster (required)",
                "  --module FILE             the module",
                "  --manifest FILE           its signed manifest",
                "  --signature FILE          the manifest's signature (default MANIFEST.sig)",
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
        ModuleFile module = ModuleFile.read(options.string("module"));
        Path manifestFile = Path.of(options.string("manifest"));
        byte[] manifestBytes = InputFiles.read(manifestFile, ModuleManifest.MAX_BYTES, "--manifest");
        byte[] signature = ModuleFile.readSignature(options, manifestFile);
        ModuleManifest manifest = describing(manifestFile, manifestBytes, module);
        if (options.has(TrustKeys.KEY_OPTION) || options.has(TrustKeys.DIR_OPTION)) {
            ModuleCheck.Result check = ModuleCheck.check(module, manifestBytes, signature, TrustKeys.from(options));
            if (!check.trusted()) {
                err.println("zkedge: not published: refused: " + check.reason() + ": " + Zkedge.oneLine(check.detail()));
                return ExitCode.INVALID;
            }
        }
        AnnouncementSender.Sent sent = AnnouncementSender.announce(bootstrap, topic,
                SignedManifest.of(manifest, signature), module.bytes, module.path.toString(), err);
        if (sent == null) {
            return ExitCode.INVALID;
        }
        out.println("{\"topic\":" + Json.string(sent.metadata().topic()) + ",\"partition\":" + sent.metadata().partition()
                + ",\"offset\":" + sent.metadata().offset() + ",\"name\":" + Json.string(manifest.name())
                + ",\"sha256\":" + Json.string(manifest.sha256Hex()) + ",\"signer\":" + Json.string(manifest.signerKeyId())
                + ",\"bytes\":" + sent.bytes() + "}");
        return ExitCode.OK;
    }

    /** The parsed manifest, if it describes exactly this module (name and SHA-256). */
    private static ModuleManifest describing(Path file, byte[] bytes, ModuleFile module) throws UsageException {
        ModuleManifest manifest;
        try {
            manifest = ModuleManifest.parse(bytes);
        } catch (ManifestFormatException e) {
            throw new UsageException("--manifest " + file + " is not a canonical manifest: " + e.getMessage());
        }
        if (!manifest.name().equals(module.name)) {
            throw new UsageException("--manifest " + file + " is for '" + manifest.name() + "', not '" + module.name + "'");
        }
        if (!manifest.sha256Hex().equals(module.sha256Hex())) {
            throw new UsageException("--manifest " + file + " names SHA-256 " + manifest.sha256Hex() + ", but "
                    + module.path + " has " + module.sha256Hex());
        }
        return manifest;
    }
}
