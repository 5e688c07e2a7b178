package io.zkedge.trust;

import io.zkedge.schemas.ArtifactKind;
import io.zkedge.trust.UntrustedArtifactException.Reason;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The verifier modules of a bundle directory, each loaded only after it verifies:
 *
 * <pre>
 * bundle/
 *   modules/
 *     &lt;name&gt;.wasm            the module bytes
 *     &lt;name&gt;.manifest        its canonical manifest ({@link ModuleManifest})
 *     &lt;name&gt;.manifest.sig    Ed25519 signature of the manifest, 128 lowercase hex digits + LF
 * </pre>
 *
 * <pre>{@code
 * TrustBundle bundle = TrustBundle.open(Path.of("bundle"), TrustStore.loadDirectory(keysDir));
 * VerifiedModule verifier = bundle.module("zkedge_bulletproofs_verifier");
 * }</pre>
 *
 * <p>The trust store is given separately: keys in the bundle would vouch for nothing. Files are
 * read at each call (no caching), within limits: a module of at most
 * {@value #MAX_MODULE_BYTES} bytes, a manifest of {@value ModuleManifest#MAX_BYTES}, a
 * signature file of {@value #MAX_SIGNATURE_FILE_BYTES}. Thread-safe.
 */
public final class TrustBundle {
  /** The folder of modules inside a bundle. */
  public static final String MODULES_DIR = "modules";

  /** Module file suffix. */
  public static final String MODULE_SUFFIX = ".wasm";

  /** Manifest file suffix. */
  public static final String MANIFEST_SUFFIX = ".manifest";

  /** Signature file suffix. */
  public static final String SIGNATURE_SUFFIX = ".manifest.sig";

  /** The largest module read: 16 MiB. */
  public static final int MAX_MODULE_BYTES = 16 * 1024 * 1024;

  /** The largest signature file read. */
  public static final int MAX_SIGNATURE_FILE_BYTES = 1024;

  private final Path directory;
  private final ArtifactVerifier verifier;

  private TrustBundle(Path directory, ArtifactVerifier verifier) {
    this.directory = directory;
    this.verifier = verifier;
  }

  /**
   * A bundle in {@code directory}, checked against {@code trustStore}. Nothing is read yet.
   *
   * @throws NoSuchFileException if {@code directory/modules} is not a directory
   */
  public static TrustBundle open(Path directory, TrustStore trustStore) throws IOException {
    Objects.requireNonNull(directory, "directory");
    if (!Files.isDirectory(directory.resolve(MODULES_DIR))) {
      throw new NoSuchFileException(directory.resolve(MODULES_DIR).toString(), null,
          "not a trust bundle: no " + MODULES_DIR + "/ directory");
    }
    return new TrustBundle(directory, new ArtifactVerifier(trustStore));
  }

  /** The bundle directory. */
  public Path directory() {
    return directory;
  }

  /**
   * The names of every module file and manifest file in {@code modules/}, verified or not: a
   * manifest without its module (or the reverse) is listed, and refused by {@link #module}.
   */
  public SortedSet<String> moduleNames() throws IOException {
    SortedSet<String> names = new TreeSet<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(modulesDir())) {
      for (Path file : files) {
        String f = file.getFileName().toString();
        if (f.endsWith(MODULE_SUFFIX)) {
          names.add(f.substring(0, f.length() - MODULE_SUFFIX.length()));
        } else if (f.endsWith(MANIFEST_SUFFIX)) {
          names.add(f.substring(0, f.length() - MANIFEST_SUFFIX.length()));
        }
      }
    }
    return names;
  }

  /**
   * Reads and verifies one module.
   *
   * @throws UntrustedArtifactException naming the file if the module is missing, too large,
   *     unsigned, signed by an unknown key, badly signed, or differs from its manifest
   * @throws IOException if a file exists but cannot be read
   */
  public VerifiedModule module(String name) throws IOException, UntrustedArtifactException {
    if (name == null || !ModuleManifest.NAME.matcher(name).matches()) {
      throw new UntrustedArtifactException(Reason.INVALID_NAME,
          modulesDir().resolve(String.valueOf(name)) + MODULE_SUFFIX,
          "module names must match " + ModuleManifest.NAME);
    }
    Path manifest = modulesDir().resolve(name + MANIFEST_SUFFIX);
    Path signature = modulesDir().resolve(name + SIGNATURE_SUFFIX);
    Path module = modulesDir().resolve(name + MODULE_SUFFIX);
    byte[] manifestBytes = read(manifest, ModuleManifest.MAX_BYTES);
    byte[] signatureBytes = read(signature, MAX_SIGNATURE_FILE_BYTES);
    byte[] moduleBytes = read(module, MAX_MODULE_BYTES);
    byte[] sig;
    try {
      sig = SignedManifest.parseSignatureText(signatureBytes);
    } catch (IllegalArgumentException e) {
      throw new UntrustedArtifactException(Reason.MALFORMED_SIGNATURE, signature.toString(),
          e.getMessage());
    }
    return verifier.verify(name, ArtifactKind.VERIFIER_MODULE, manifestBytes, sig, moduleBytes,
        manifest.toString(), signature.toString(), module.toString());
  }

  /**
   * Reads and verifies every module of {@link #moduleNames()}; all or nothing.
   *
   * @throws UntrustedArtifactException for the first module (by name) that is refused
   */
  public List<VerifiedModule> verifyAll() throws IOException, UntrustedArtifactException {
    List<VerifiedModule> modules = new ArrayList<>();
    for (String name : moduleNames()) {
      modules.add(module(name));
    }
    return modules;
  }

  private Path modulesDir() {
    return directory.resolve(MODULES_DIR);
  }

  private static byte[] read(Path file, int limit) throws IOException, UntrustedArtifactException {
    if (!Files.isRegularFile(file)) {
      throw new UntrustedArtifactException(Reason.MISSING_FILE, file.toString(),
          Files.exists(file) ? "not a regular file" : "the file does not exist");
    }
    long size = Files.size(file);
    if (size > limit) {
      throw new UntrustedArtifactException(Reason.TOO_LARGE, file.toString(),
          size + " bytes, over the limit of " + limit);
    }
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length > limit) {
      throw new UntrustedArtifactException(Reason.TOO_LARGE, file.toString(),
          bytes.length + " bytes, over the limit of " + limit);
    }
    return bytes;
  }

  @Override
  public String toString() {
    return "TrustBundle[" + directory + "]";
  }
}
