package io.zkedge.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * A ProofRecord payload written by the first release (schema v1, fingerprint
 * 0xd62f88d4780ea3ea), kept as hex in {@code src/test/resources/golden/}. Every later reader
 * must still decode it to the same values.
 */
class GoldenPayloadTest {

  @Test
  void shouldDecodeTheV1GoldenProofRecord() throws Exception {
    byte[] payload = golden("/golden/ProofRecord.v1.hex");

    ProofRecord record = AvroCodec.forProofRecords().decode(payload);

    assertThat(AvroCodec.readFingerprint(payload)).isEqualTo(0xd62f88d4780ea3eaL);
    assertThat(record.getSensorId()).isEqualTo("sensor-0042");
    assertThat(record.getGatewayId()).isEqualTo("gw-eu-1");
    assertThat(record.getSeq()).isEqualTo(17);
    assertThat(record.getEventTime()).isEqualTo(Instant.parse("2025-11-24T16:00:00.123Z"));
    assertThat(record.getProofSystem()).isEqualTo(ProofSystem.BULLETPROOFS);
    assertThat(record.getStatementId()).isEqualTo("zkedge.range.v1");
    assertThat(record.getCommitment().remaining()).isEqualTo(32);
    assertThat(record.getProof().remaining()).isEqualTo(672);
    assertThat(record.getRange().getMin()).isEqualTo(-40);
    assertThat(record.getRange().getMax()).isEqualTo(85);
    assertThat(record.getRange().getBits()).isEqualTo(8);
    assertThat(record.getPublicInputs()).isEmpty();
  }

  private static byte[] golden(String resource) throws IOException {
    try (InputStream in = GoldenPayloadTest.class.getResourceAsStream(resource)) {
      String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("\\s", "");
      return HexFormat.of().parseHex(hex);
    }
  }
}
