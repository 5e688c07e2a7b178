package io.zkedge.trust;

import java.util.Objects;

/**
 * A verifier module (or verification key) that was refused: it is not loaded. The message names
 * the file (or announcement) and the reason; {@link #reason()} gives it as a value for metrics.
 */
public final class UntrustedArtifactException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why an artifact was refused. */
  public enum Reason {
    /** The artifact, its manifest or its signature file is missing. */
    MISSING_FILE,
    /** A file is larger than its limit; it was not read. */
    TOO_LARGE,
    /** The artifact name is not a valid module name. */
    INVALID_NAME,
    /** The manifest is not a well-formed, canonical manifest. */
    MALFORMED_MANIFEST,
    /** The signature is not 64 bytes (128 lowercase hex digits in a file). */
    MALFORMED_SIGNATURE,
    /** The manifest names a signer key id that the trust store does not hold. */
    UNKNOWN_SIGNER,
    /** The signature does not verify under the named trusted key over the manifest bytes. */
    BAD_SIGNATURE,
    /** The manifest is for another name than the file or announcement carrying it. */
    NAME_MISMATCH,
    /** The manifest is for another kind of artifact (module vs verification key). */
    KIND_MISMATCH,
    /** The SHA-256 of the artifact bytes differs from the manifest's. */
    DIGEST_MISMATCH,
    /** An announcement field (proof system, ABI version, signer) contradicts the manifest. */
    FIELD_MISMATCH
  }

  private final Reason reason;
  private final String artifact;

  UntrustedArtifactException(Reason reason, String artifact, String detail) {
    super("refused " + artifact + ": " + reason + ": " + detail);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.artifact = Objects.requireNonNull(artifact, "artifact");
  }

  /** Which check refused the artifact. */
  public Reason reason() {
    return reason;
  }

  /** The file (or announcement) that was refused, as named in the message. */
  public String artifact() {
    return artifact;
  }
}
