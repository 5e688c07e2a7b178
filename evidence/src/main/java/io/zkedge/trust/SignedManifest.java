package io.zkedge.trust;

import io.zkedge.evidence.Ed25519PublicKey;
import io.zkedge.evidence.Sha256;
import io.zkedge.schemas.ModuleAnnouncement;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A manifest's bytes and its detached Ed25519 signature over exactly those bytes. On disk:
 * {@code <name>.manifest} holds {@link #manifestBytes()}, {@code <name>.manifest.sig} holds
 * {@link #signatureText()} (128 lowercase hex digits and a LF). Immutable.
 */
public final class SignedManifest {
  private static final Pattern SIGNATURE_HEX = Pattern.compile("[0-9a-f]{128}\n?");

  private final ModuleManifest manifest;
  private final byte[] manifestBytes;
  private final byte[] signature;

  /**
   * A manifest and a signature read from elsewhere (files, a release): not checked here, see
   * {@link ArtifactVerifier}.
   *
   * @throws IllegalArgumentException if the signature is not 64 bytes
   */
  public static SignedManifest of(ModuleManifest manifest, byte[] signature) {
    Objects.requireNonNull(manifest, "manifest");
    if (signature.length != Ed25519PublicKey.SIGNATURE_LENGTH) {
      throw new IllegalArgumentException("an Ed25519 signature has 64 bytes, not " + signature.length);
    }
    return new SignedManifest(manifest, signature);
  }

  SignedManifest(ModuleManifest manifest, byte[] signature) {
    this.manifest = manifest;
    this.manifestBytes = manifest.toBytes();
    this.signature = signature.clone();
  }

  /** The manifest. */
  public ModuleManifest manifest() {
    return manifest;
  }

  /** The signed bytes (a copy). */
  public byte[] manifestBytes() {
    return manifestBytes.clone();
  }

  /** The 64-byte Ed25519 signature (a copy). */
  public byte[] signature() {
    return signature.clone();
  }

  /**
   * The {@code zkedge.modules} announcement of {@code artifact} under this manifest, for a
   * running job to check ({@link ArtifactVerifier#verify(ModuleAnnouncement)}) and load.
   */
  public ModuleAnnouncement announce(byte[] artifact, Instant publishedAt) {
    return ModuleAnnouncement.newBuilder()
        .setKind(manifest.kind())
        .setProofSystem(manifest.proofSystem())
        .setArtifactId(manifest.name())
        .setAbiVersion(manifest.abiVersion())
        .setArtifact(ByteBuffer.wrap(artifact.clone()))
        .setManifest(ByteBuffer.wrap(manifestBytes()))
        .setSignerKeyId(manifest.signerKeyId())
        .setSignature(ByteBuffer.wrap(signature()))
        .setPublishedAt(publishedAt)
        .build();
  }

  /** The content of a {@code .manifest.sig} file: the signature in lowercase hex, then LF. */
  public String signatureText() {
    return Sha256.hex(signature) + "\n";
  }

  /**
   * The signature in a {@code .manifest.sig} file's content: exactly 128 lowercase hex digits,
   * optionally followed by one LF.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static byte[] parseSignatureText(byte[] content) {
    Objects.requireNonNull(content, "content");
    String text = new String(content, StandardCharsets.US_ASCII);
    if (content.length > 129 || !SIGNATURE_HEX.matcher(text).matches()) {
      throw new IllegalArgumentException("a signature file holds 128 lowercase hex digits and "
          + "an optional LF (" + content.length + " bytes found)");
    }
    return HexFormat.of().parseHex(text.strip());
  }

  /** Whether the signature verifies under {@code key} over {@link #manifestBytes()}. */
  public boolean verifiesWith(Ed25519PublicKey key) {
    return key.verify(manifestBytes, signature);
  }
}
