package io.zkedge.trust;

import io.zkedge.evidence.Sha256;
import io.zkedge.schemas.ArtifactKind;
import io.zkedge.schemas.ProofSystem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a signer vouches for about one artifact (a Wasm verifier module or a verification key).
 * Its byte form is canonical text, signed as is (docs/trust.md):
 *
 * <pre>
 * format: zkedge.manifest.v1
 * kind: VERIFIER_MODULE
 * name: zkedge_bulletproofs_verifier
 * proof-system: BULLETPROOFS
 * abi-version: 1
 * sha256: 3f1c...(64 lowercase hex digits)
 * created-at: 2026-11-24T04:10:00Z
 * signer: 21fe...(64 lowercase hex digits: the signer's key id)
 * </pre>
 *
 * <p>US-ASCII, exactly these eight {@code key: value} lines in this order, each ended by one LF,
 * nothing else. {@link #parse} accepts only bytes equal to what {@link #toBytes()} writes, so a
 * manifest has exactly one byte form. Immutable.
 */
public final class ModuleManifest {
  /** The first line's value; a new layout gets a new version. */
  public static final String FORMAT = "zkedge.manifest.v1";

  /** Module names: lowercase letters, digits, '_', '-', '.'; starting with a letter or digit. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,127}");

  /** The largest manifest accepted, in bytes. */
  public static final int MAX_BYTES = 4096;

  private static final String[] KEYS = {
      "format", "kind", "name", "proof-system", "abi-version", "sha256", "created-at", "signer"};
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final ArtifactKind kind;
  private final String name;
  private final ProofSystem proofSystem;
  private final int abiVersion;
  private final byte[] sha256;
  private final Instant createdAt;
  private final String signerKeyId;

  private ModuleManifest(ArtifactKind kind, String name, ProofSystem proofSystem, int abiVersion,
      byte[] sha256, Instant createdAt, String signerKeyId) {
    this.kind = kind;
    this.name = name;
    this.proofSystem = proofSystem;
    this.abiVersion = abiVersion;
    this.sha256 = sha256;
    this.createdAt = createdAt;
    this.signerKeyId = signerKeyId;
  }

  /**
   * A manifest. {@code createdAt} is truncated to whole seconds.
   *
   * @throws IllegalArgumentException if the name does not match {@link #NAME}, the proof system
   *     is UNKNOWN, the ABI version is negative, the digest is not 32 bytes or the key id is not
   *     64 lowercase hex digits
   */
  public static ModuleManifest of(ArtifactKind kind, String name, ProofSystem proofSystem,
      int abiVersion, byte[] sha256, Instant createdAt, String signerKeyId) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(proofSystem, "proofSystem");
    Objects.requireNonNull(createdAt, "createdAt");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid name '" + name + "': must match " + NAME);
    }
    if (proofSystem == ProofSystem.UNKNOWN) {
      throw new IllegalArgumentException("proof system must be known, not UNKNOWN");
    }
    if (abiVersion < 0) {
      throw new IllegalArgumentException("abiVersion must not be negative: " + abiVersion);
    }
    if (sha256 == null || sha256.length != Sha256.LENGTH) {
      throw new IllegalArgumentException("sha256 must have 32 bytes");
    }
    if (signerKeyId == null || !HEX64.matcher(signerKeyId).matches()) {
      throw new IllegalArgumentException("signer key id must be 64 lowercase hex digits: "
          + signerKeyId);
    }
    Instant seconds = createdAt.truncatedTo(ChronoUnit.SECONDS);
    if (seconds.atOffset(ZoneOffset.UTC).getYear() < 0
        || seconds.atOffset(ZoneOffset.UTC).getYear() > 9999) {
      throw new IllegalArgumentException("createdAt must be in years 0000..9999: " + createdAt);
    }
    return new ModuleManifest(kind, name, proofSystem, abiVersion, sha256.clone(), seconds,
        signerKeyId);
  }

  /** The manifest of a verifier module's bytes. */
  public static ModuleManifest forModule(String name, ProofSystem proofSystem, int abiVersion,
      byte[] moduleBytes, Instant createdAt, String signerKeyId) {
    return of(ArtifactKind.VERIFIER_MODULE, name, proofSystem, abiVersion,
        Sha256.of(moduleBytes), createdAt, signerKeyId);
  }

  /**
   * The manifest of a Groth16 verification key's canonical bytes (docs/groth16.md): its name is
   * the circuit id, the lowercase hex SHA-256 of those bytes, which is also its {@code sha256}.
   */
  public static ModuleManifest forVerificationKey(ProofSystem proofSystem, int abiVersion,
      byte[] keyBytes, Instant createdAt, String signerKeyId) {
    byte[] digest = Sha256.of(keyBytes);
    return of(ArtifactKind.VERIFICATION_KEY, Sha256.hex(digest), proofSystem, abiVersion, digest,
        createdAt, signerKeyId);
  }

  /**
   * Parses canonical manifest bytes.
   *
   * @throws ManifestFormatException if the bytes are not exactly a canonical manifest
   */
  public static ModuleManifest parse(byte[] bytes) throws ManifestFormatException {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length > MAX_BYTES) {
      throw new ManifestFormatException(bytes.length + " bytes, over the limit of " + MAX_BYTES);
    }
    for (int i = 0; i < bytes.length; i++) {
      int c = bytes[i] & 0xff;
      if (c != '\n' && (c < 0x20 || c > 0x7e)) {
        throw new ManifestFormatException(String.format(
            "byte %d is 0x%02X: only printable US-ASCII and LF are allowed", i, c));
      }
    }
    String text = new String(bytes, StandardCharsets.US_ASCII);
    if (!text.endsWith("\n")) {
      throw new ManifestFormatException("the last line does not end with LF");
    }
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length != KEYS.length) {
      throw new ManifestFormatException(lines.length + " lines instead of " + KEYS.length);
    }
    String[] values = new String[KEYS.length];
    for (int i = 0; i < KEYS.length; i++) {
      String prefix = KEYS[i] + ": ";
      if (!lines[i].startsWith(prefix)) {
        throw new ManifestFormatException("line " + (i + 1) + " must start with '" + prefix
            + "'");
      }
      values[i] = lines[i].substring(prefix.length());
    }
    if (!FORMAT.equals(values[0])) {
      throw new ManifestFormatException("format '" + values[0] + "' is not " + FORMAT);
    }
    ModuleManifest manifest;
    try {
      manifest = of(
          ArtifactKind.valueOf(values[1]),
          values[2],
          ProofSystem.valueOf(values[3]),
          Integer.parseInt(values[4]),
          sha256(values[5]),
          TIME.parse(values[6], Instant::from),
          values[7]);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new ManifestFormatException(e.getMessage());
    }
    if (!Arrays.equals(manifest.toBytes(), bytes)) {
      throw new ManifestFormatException("not in canonical form (leading zeros, spacing or "
          + "case differ from what a signer writes)");
    }
    return manifest;
  }

  private static byte[] sha256(String hex) {
    if (!HEX64.matcher(hex).matches()) {
      throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits: " + hex);
    }
    return HexFormat.of().parseHex(hex);
  }

  /** The canonical bytes: what is signed and stored in {@code <name>.manifest}. */
  public byte[] toBytes() {
    String text = "format: " + FORMAT + "\n"
        + "kind: " + kind.name() + "\n"
        + "name: " + name + "\n"
        + "proof-system: " + proofSystem.name() + "\n"
        + "abi-version: " + abiVersion + "\n"
        + "sha256: " + Sha256.hex(sha256) + "\n"
        + "created-at: " + TIME.format(createdAt) + "\n"
        + "signer: " + signerKeyId + "\n";
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** Module or verification key. */
  public ArtifactKind kind() {
    return kind;
  }

  /** The artifact's name: the file's base name, or the announcement's artifactId. */
  public String name() {
    return name;
  }

  /** The proof system the artifact serves. */
  public ProofSystem proofSystem() {
    return proofSystem;
  }

  /** The ABI version of the module (verifiers/ABI.md). */
  public int abiVersion() {
    return abiVersion;
  }

  /** SHA-256 of the artifact bytes (a copy). */
  public byte[] sha256() {
    return sha256.clone();
  }

  /** SHA-256 of the artifact bytes, lowercase hex. */
  public String sha256Hex() {
    return Sha256.hex(sha256);
  }

  /** When the manifest was made, in whole seconds. */
  public Instant createdAt() {
    return createdAt;
  }

  /** Key id of the key that signs this manifest. */
  public String signerKeyId() {
    return signerKeyId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModuleManifest && Arrays.equals(((ModuleManifest) o).toBytes(), toBytes());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(toBytes());
  }

  @Override
  public String toString() {
    return new String(toBytes(), StandardCharsets.US_ASCII);
  }
}
