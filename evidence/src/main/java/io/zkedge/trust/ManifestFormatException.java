package io.zkedge.trust;

/** Bytes that are not a canonical {@link ModuleManifest} (see docs/trust.md). */
public final class ManifestFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  ManifestFormatException(String message) {
    super(message);
  }
}
