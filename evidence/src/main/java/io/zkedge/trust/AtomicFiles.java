package io.zkedge.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes trust-bundle files so that a reader (a TaskManager starting up, an auditor) sees the old
 * file or the new one, never half of one: the bytes go to a temporary file in the same directory,
 * which is then renamed over the target.
 */
public final class AtomicFiles {

  private AtomicFiles() {}

  /**
   * Replaces {@code file} with {@code bytes} atomically; the file ends up readable by everyone
   * (bundles are public; TaskManagers run as other users).
   *
   * @throws IOException if the directory does not exist or the file cannot be written
   */
  public static void write(Path file, byte[] bytes) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, ".zkedge-", ".tmp");
    try {
      Files.write(tmp, bytes);
      if (Files.getFileAttributeView(tmp, PosixFileAttributeView.class) != null) {
        // The temporary file was made owner-only.
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
