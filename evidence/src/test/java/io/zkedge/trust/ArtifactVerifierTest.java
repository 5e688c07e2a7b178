package io.zkedge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.zkedge.evidence.Ed25519PrivateKey;
import io.zkedge.evidence.testutils.Fixtures;
import io.zkedge.schemas.ArtifactKind;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ModuleAnnouncement;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.trust.UntrustedArtifactException.Reason;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Verifying the {@code zkedge.modules} announcements of the control plane. */
class ArtifactVerifierTest {
  private static final Ed25519PrivateKey RELEASE_KEY = Fixtures.key(40);
  private static final Instant CREATED = Instant.parse("2026-11-24T04:10:00Z");
  private static final byte[] MODULE = "\0asm module v2".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final ArtifactVerifier verifier =
      new ArtifactVerifier(TrustStore.of(RELEASE_KEY.publicKey()));

  @Test
  void shouldAcceptAGoodAnnouncementAfterAnAvroRoundTrip() throws Exception {
    ModuleAnnouncement sent = announcement(MODULE);
    ModuleAnnouncement received = AvroCodec.forModuleAnnouncements()
        .decode(AvroCodec.forModuleAnnouncements().encode(sent));

    VerifiedModule module = verifier.verify(received);

    assertThat(module.name()).isEqualTo("zkedge_groth16_verifier");
    assertThat(module.proofSystem()).isEqualTo(ProofSystem.GROTH16);
    assertThat(module.bytes()).isEqualTo(MODULE);
  }

  @Test
  void shouldRefuseAnAnnouncementWhoseFieldsContradictItsManifest() {
    ModuleAnnouncement a = announcement(MODULE);
    a.setAbiVersion(2);

    UntrustedArtifactException e =
        catchThrowableOfType(UntrustedArtifactException.class, () -> verifier.verify(a));

    assertThat(e.reason()).isEqualTo(Reason.FIELD_MISMATCH);
    assertThat(e.getMessage()).startsWith(
        "refused announcement of zkedge_groth16_verifier: FIELD_MISMATCH: announced GROTH16, "
            + "abi 2");
  }

  @Test
  void shouldRefuseAnArtifactAnnouncedAsAnotherKind() {
    ModuleAnnouncement a = announcement(MODULE);
    a.setKind(ArtifactKind.VERIFICATION_KEY);

    assertThat(catchThrowableOfType(UntrustedArtifactException.class, () -> verifier.verify(a))
        .reason()).isEqualTo(Reason.KIND_MISMATCH);
  }

  @Test
  void shouldRefuseAnAnnouncementWithOtherArtifactBytes() {
    ModuleAnnouncement a = announcement(MODULE);
    a.setArtifact(ByteBuffer.wrap("\0asm evil".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));

    assertThat(catchThrowableOfType(UntrustedArtifactException.class, () -> verifier.verify(a))
        .reason()).isEqualTo(Reason.DIGEST_MISMATCH);
  }

  private static ModuleAnnouncement announcement(byte[] module) {
    return new ManifestSigner(RELEASE_KEY)
        .signModule("zkedge_groth16_verifier", ProofSystem.GROTH16, 1, module, CREATED)
        .announce(module, CREATED.plusSeconds(60));
  }
}
