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
import java.util.regex.Pattern;

/**
 * The verifier modules and verification keys of a bundle directory, each loaded only after it
 * verifies:
 *
 * <pre>
 * bundle/
 *   modules/
 *     &lt;name&gt;.wasm            the module bytes
 *     &lt;name&gt;.manifest        its canonical manifest ({@link ModuleManifest})
 *     &lt;name&gt;.manifest.sig    Ed25519 signature of the manifest, 128 lowercase hex digits + LF
 *   keys/                      (optional)
 *     &lt;circuitId&gt;.vk         a Groth16 verifying key's canonical bytes (docs/groth16.md)
 *     &lt;circuitId&gt;.manifest   its manifest: kind VERIFICATION_KEY, name and sha256 the circuit id
 *     &lt;circuitId&gt;.manifest.sig
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
 * signature file of {@value #MAX_SIGNATURE_FILE_BYTES}, a key of {@value #MAX_KEY_BYTES}.
 * Thread-safe.
 */
public final class TrustBundle {
  /** The folder of modules inside a bundle. */
  public static final String MODULES_DIR = "modules";

  /** The folder of verification keys inside a bundle (optional). */
  public static final String KEYS_DIR = "keys";

  /** Verification key file suffix. */
  public static final String KEY_SUFFIX = ".vk";

  /**
   * The largest verification key read: 128 KiB, above the 66,052 bytes of a Groth16 key with
   * 1024 public inputs (452 + 64 * 1025, docs/groth16.md).
   */
  public static final int MAX_KEY_BYTES = 128 * 1024;

  /** Circuit ids: a verification key's name, the lowercase hex SHA-256 of its bytes. */
  private static final Pattern CIRCUIT_ID = Pattern.compile("[0-9a-f]{64}");

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
    return names(modulesDir(), MODULE_SUFFIX);
  }

  /**
   * The circuit ids of every key file and manifest file in {@code keys/}, verified or not; empty
   * if the bundle has no {@code keys/} directory.
   */
  public SortedSet<String> verificationKeyIds() throws IOException {
    if (!Files.isDirectory(keysDir())) {
      return new TreeSet<>();
    }
    return names(keysDir(), KEY_SUFFIX);
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
    return artifact(modulesDir(), name, MODULE_SUFFIX, MAX_MODULE_BYTES,
        ArtifactKind.VERIFIER_MODULE);
  }

  /** Whether {@code s} has the form of a circuit id: 64 lowercase hex digits (a SHA-256). */
  public static boolean isCircuitId(String s) {
    return s != null && CIRCUIT_ID.matcher(s).matches();
  }

  /**
   * Reads and verifies one verification key, {@code keys/<circuitId>.vk}: as a module, and its
   * manifest must be of kind {@code VERIFICATION_KEY} with name and {@code sha256} both the
   * circuit id, so the key is exactly the one its circuit id names.
   *
   * @throws UntrustedArtifactException naming the file if the key is missing, too large,
   *     unsigned, signed by an unknown key, badly signed, or differs from its manifest
   * @throws IOException if a file exists but cannot be read
   */
  public VerifiedModule verificationKey(String circuitId)
      throws IOException, UntrustedArtifactException {
    if (!isCircuitId(circuitId)) {
      throw new UntrustedArtifactException(Reason.INVALID_NAME,
          keysDir().resolve(String.valueOf(circuitId)) + KEY_SUFFIX,
          "a circuit id is 64 lowercase hex digits");
    }
    return artifact(keysDir(), circuitId, KEY_SUFFIX, MAX_KEY_BYTES,
        ArtifactKind.VERIFICATION_KEY);
  }

  /**
   * Reads and verifies every verification key of {@link #verificationKeyIds()}; all or nothing.
   *
   * @throws UntrustedArtifactException for the first key (by circuit id) that is refused
   */
  public List<VerifiedModule> verificationKeys() throws IOException, UntrustedArtifactException {
    List<VerifiedModule> keys = new ArrayList<>();
    for (String circuitId : verificationKeyIds()) {
      keys.add(verificationKey(circuitId));
    }
    return keys;
  }

  private VerifiedModule artifact(Path dir, String name, String suffix, int limit,
      ArtifactKind kind) throws IOException, UntrustedArtifactException {
    Path manifest = dir.resolve(name + MANIFEST_SUFFIX);
    Path signature = dir.resolve(name + SIGNATURE_SUFFIX);
    Path artifact = dir.resolve(name + suffix);
    byte[] manifestBytes = read(manifest, ModuleManifest.MAX_BYTES);
    byte[] signatureBytes = read(signature, MAX_SIGNATURE_FILE_BYTES);
    byte[] artifactBytes = read(artifact, limit);
    byte[] sig;
    try {
      sig = SignedManifest.parseSignatureText(signatureBytes);
    } catch (IllegalArgumentException e) {
      throw new UntrustedArtifactException(Reason.MALFORMED_SIGNATURE, signature.toString(),
          e.getMessage());
    }
    return verifier.verify(name, kind, manifestBytes, sig, artifactBytes,
        manifest.toString(), signature.toString(), artifact.toString());
  }

  private static SortedSet<String> names(Path dir, String suffix) throws IOException {
    SortedSet<String> names = new TreeSet<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String f = file.getFileName().toString();
        if (f.endsWith(suffix)) {
          names.add(f.substring(0, f.length() - suffix.length()));
        } else if (f.endsWith(MANIFEST_SUFFIX)) {
          names.add(f.substring(0, f.length() - MANIFEST_SUFFIX.length()));
        }
      }
    }
    return names;
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

  private Path keysDir() {
    return directory.resolve(KEYS_DIR);
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
