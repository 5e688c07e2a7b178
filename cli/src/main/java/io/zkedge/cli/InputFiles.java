package io.zkedge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the files named on a command line, never more than a limit. */
final class InputFiles {

    private InputFiles() {}

    /**
     * The bytes of {@code file}.
     *
     * @param what how the file is named in messages, e.g. {@code --module}
     * @throws UsageException if it is not a regular file or is larger than {@code limit}
     */
    static byte[] read(Path file, int limit, String what) throws UsageException, IOException {
        if (!Files.isRegularFile(file)) {
            throw new UsageException(what + " " + file + (Files.exists(file) ? " is not a regular file" : " does not exist"));
        }
        // Read at most limit + 1 bytes: the size on disk may change between a check and the read.
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new UsageException(what + " " + file + " is larger than " + limit + " bytes");
            }
            return bytes;
        }
    }
}
