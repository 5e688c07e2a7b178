package io.zkedge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir
  Path dir;

  @Test
  void shouldReplaceTheFileAndLeaveNoTemporaryFileBehind() throws IOException {
    Path file = dir.resolve("m.manifest");
    AtomicFiles.write(file, new byte[] {1, 2, 3});
    AtomicFiles.write(file, new byte[] {4});

    assertThat(Files.readAllBytes(file)).containsExactly(4);
    try (var listing = Files.list(dir)) {
      assertThat(listing).containsExactly(file);
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void shouldFailWhenTheDirectoryIsMissing() {
    assertThatThrownBy(() -> AtomicFiles.write(dir.resolve("no/such/file"), new byte[1]))
        .isInstanceOf(IOException.class);
  }
}
