package io.zkedge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkedge.evidence.Sha256;
import io.zkedge.schemas.ArtifactKind;
import io.zkedge.schemas.ProofSystem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ModuleManifestTest {
  private static final String KEY_ID =
      "21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9";
  private static final byte[] MODULE = "\0asm fake module".getBytes(StandardCharsets.US_ASCII);

  private static final String CANONICAL = "format: zkedge.manifest.v1\n"
      + "kind: VERIFIER_MODULE\n"
      + "name: zkedge_bulletproofs_verifier\n"
      + "proof-system: BULLETPROOFS\n"
      + "abi-version: 1\n"
      + "sha256: " + Sha256.hex(Sha256.of(MODULE)) + "\n"
      + "created-at: 2026-11-24T04:10:00Z\n"
      + "signer: " + KEY_ID + "\n";

  @Test
  void shouldWriteTheDocumentedText() {
    ModuleManifest manifest = ModuleManifest.forModule("zkedge_bulletproofs_verifier",
        ProofSystem.BULLETPROOFS, 1, MODULE, Instant.parse("2026-11-24T04:10:00.999Z"), KEY_ID);

    assertThat(new String(manifest.toBytes(), StandardCharsets.US_ASCII)).isEqualTo(CANONICAL);
  }

  @Test
  void shouldParseWhatItWrites() throws Exception {
    ModuleManifest manifest = ModuleManifest.parse(CANONICAL.getBytes(StandardCharsets.US_ASCII));

    assertThat(manifest.kind()).isEqualTo(ArtifactKind.VERIFIER_MODULE);
    assertThat(manifest.name()).isEqualTo("zkedge_bulletproofs_verifier");
    assertThat(manifest.proofSystem()).isEqualTo(ProofSystem.BULLETPROOFS);
    assertThat(manifest.abiVersion()).isEqualTo(1);
    assertThat(manifest.sha256()).isEqualTo(Sha256.of(MODULE));
    assertThat(manifest.createdAt()).isEqualTo(Instant.parse("2026-11-24T04:10:00Z"));
    assertThat(manifest.signerKeyId()).isEqualTo(KEY_ID);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "abi-version: 1\n|abi-version: 01\n",
      "abi-version: 1\n|abi-version: +1\n",
      "abi-version: 1\n|abi-version: -1\n",
      "abi-version: 1\n|abi-version:  1\n",
      "created-at: 2026-11-24T04:10:00Z|created-at: 2026-11-24T04:10:00.000Z",
      "created-at: 2026-11-24T04:10:00Z|created-at: 2026-11-24 04:10:00Z",
      "created-at: 2026-11-24T04:10:00Z|created-at: 2026-02-30T04:10:00Z",
      "proof-system: BULLETPROOFS|proof-system: bulletproofs",
      "proof-system: BULLETPROOFS|proof-system: UNKNOWN",
      "proof-system: BULLETPROOFS|proof-system: PLONK",
      "kind: VERIFIER_MODULE\n|",
      "format: zkedge.manifest.v1|format: zkedge.manifest.v2",
      "name: zkedge_bulletproofs_verifier|name: ../zkedge",
      "name: zkedge_bulletproofs_verifier|name: Zkedge",
      "signer: 21fe|signer: 21FE",
      "\n|\r\n",
      "signer: 21fe|signer: x21fe",
  })
  void shouldRefuseEveryNonCanonicalVariant(String edit) {
    String[] parts = edit.split("\\|", -1);
    String variant = CANONICAL.replaceFirst(java.util.regex.Pattern.quote(parts[0]),
        java.util.regex.Matcher.quoteReplacement(parts[1]));
    assertThat(variant).isNotEqualTo(CANONICAL);

    assertThatThrownBy(() -> ModuleManifest.parse(variant.getBytes(StandardCharsets.ISO_8859_1)))
        .isInstanceOf(ManifestFormatException.class);
  }

  @Test
  void shouldRefuseAMissingFinalNewlineAndExtraLines() {
    assertThatThrownBy(() -> ModuleManifest.parse(
            CANONICAL.substring(0, CANONICAL.length() - 1).getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(ManifestFormatException.class)
        .hasMessageContaining("does not end with LF");
    assertThatThrownBy(() -> ModuleManifest.parse(
            (CANONICAL + "comment: hi\n").getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(ManifestFormatException.class)
        .hasMessageContaining("9 lines instead of 8");
  }
}
