package io.zkedge.cli;

import io.zkedge.evidence.Ed25519Keys;
import io.zkedge.evidence.Ed25519PublicKey;
import io.zkedge.evidence.KeyFormatException;
import io.zkedge.trust.TrustStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The trust store of a command line: {@code --trust-key PUB[,PUB...]} and/or {@code --trusted-keys-dir DIR}. */
final class TrustKeys {

    static final String KEY_OPTION = "trust-key";
    static final String DIR_OPTION = "trusted-keys-dir";

    static final String HELP = String.join("\n",
            "  --trust-key PUB[,PUB...]  trusted public keys (PEM), e.g. the current and the next signing key",
            "  --trusted-keys-dir DIR    every *.pub in DIR, as the job's verifier.trusted-keys-dir");

    private TrustKeys() {}

    /** @throws UsageException if neither option is given, or a key file is missing or not a key */
    static TrustStore from(Options options) throws UsageException, IOException {
        List<Ed25519PublicKey> keys = new ArrayList<>();
        if (!options.has(KEY_OPTION) && !options.has(DIR_OPTION)) {
            throw new UsageException("give the trusted keys: --" + KEY_OPTION + " PUB[,PUB...] or --" + DIR_OPTION + " DIR");
        }
        if (options.has(KEY_OPTION)) {
            for (String name : options.string(KEY_OPTION).split(",", -1)) {
                Path file = Path.of(name.trim());
                if (!Files.isRegularFile(file)) {
                    throw new UsageException("--" + KEY_OPTION + " " + file + " does not exist");
                }
                try {
                    keys.add(Ed25519Keys.readPublicKey(file));
                } catch (KeyFormatException e) {
                    throw new UsageException("--" + KEY_OPTION + " " + e.getMessage());
                }
            }
        }
        if (options.has(DIR_OPTION)) {
            Path dir = Path.of(options.string(DIR_OPTION));
            if (!Files.isDirectory(dir)) {
                throw new UsageException("--" + DIR_OPTION + " " + dir + " is not a directory");
            }
            try {
                keys.addAll(TrustStore.loadDirectory(dir).keys());
            } catch (KeyFormatException e) {
                throw new UsageException("--" + DIR_OPTION + " " + e.getMessage());
            }
        }
        return TrustStore.of(keys);
    }
}
