package io.zkedge.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkedge.evidence.testutils.Fixtures;
import io.zkedge.schemas.ComplianceRecord;
import io.zkedge.schemas.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Checks the layout against a second, plain implementation of docs/evidence.md. */
class VerdictCanonicalFormTest {

  @Test
  void shouldEncodeAVerdictAsDocumented() throws IOException {
    Verdict v = Fixtures.verdict("sensor-ü", 3); // INVALID with a reason
    v.setSignerKeyId("ab".repeat(32));

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(expected);
    str(out, "zkedge.verdict.v1");
    str(out, "sensor-ü");
    str(out, "gw-eu-1");
    out.writeLong(3);
    out.writeLong(v.getEventTime().toEpochMilli());
    str(out, "BULLETPROOFS");
    str(out, "zkedge.range.v1");
    str(out, "INVALID");
    out.writeByte(1);
    str(out, "range proof does not verify");
    bytes(out, v.getProofDigest());
    bytes(out, v.getModuleSha256());
    str(out, "batch-0-0");
    out.writeLong(v.getVerifiedAt().toEpochMilli());
    out.writeInt(2);
    out.writeLong(1003);
    out.writeLong(0);
    bytes(out, ByteBuffer.allocate(32));
    str(out, "ab".repeat(32));

    assertThat(VerdictCanonicalForm.of(v)).isEqualTo(expected.toByteArray());
  }

  @Test
  void shouldEncodeAComplianceRecordAsDocumented() throws IOException {
    ComplianceRecord c = Fixtures.complianceRecord("sensor-1", 1);
    c.setChainIndex(7);
    c.setSignerKeyId("cd".repeat(32));

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(expected);
    str(out, "zkedge.compliance.v1");
    str(out, "sensor-1");
    out.writeLong(c.getWindowStart().toEpochMilli());
    out.writeLong(c.getWindowEnd().toEpochMilli());
    for (long n : new long[] {360, 349, 1, 1, 2, 3, 11}) {
      out.writeLong(n);
    }
    str(out, "NON_COMPLIANT");
    str(out, "valid >= 95% of expected and invalid == 0");
    out.writeLong(7);
    bytes(out, ByteBuffer.allocate(32));
    str(out, "cd".repeat(32));

    assertThat(VerdictCanonicalForm.of(c)).isEqualTo(expected.toByteArray());
  }

  @Test
  void shouldTellANullReasonFromAnEmptyOne() {
    Verdict noReason = Fixtures.verdict("s", 1);
    Verdict emptyReason = Fixtures.copy(noReason);
    emptyReason.setReason("");

    assertThat(VerdictCanonicalForm.of(noReason)).isNotEqualTo(VerdictCanonicalForm.of(emptyReason));
  }

  @Test
  void shouldLeaveTheSignatureOut() {
    Verdict v = Fixtures.verdict("s", 1);
    byte[] before = VerdictCanonicalForm.of(v);
    v.setSignature(Fixtures.bytes(64, 5));

    assertThat(VerdictCanonicalForm.of(v)).isEqualTo(before);
  }

  @Test
  void shouldNotMoveTheByteBuffersItReads() {
    Verdict v = Fixtures.verdict("s", 1);
    ByteBuffer digest = v.getProofDigest();
    digest.position(4);

    byte[] canonical = VerdictCanonicalForm.of(v);

    assertThat(digest.position()).isEqualTo(4);
    assertThat(canonical).hasSize(VerdictCanonicalForm.of(Fixtures.verdict("s", 1)).length - 4);
  }

  @Test
  void shouldRefuseMissingFieldsAndUnpairedSurrogates() {
    Verdict missing = Fixtures.verdict("s", 1);
    missing.setBatchId(null);
    Verdict surrogate = Fixtures.verdict("s\uD800", 1);

    assertThatThrownBy(() -> VerdictCanonicalForm.of(missing))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("batchId is null");
    assertThatThrownBy(() -> VerdictCanonicalForm.of(surrogate))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sensorId has an unpaired surrogate at 1");
  }

  private static void str(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static void bytes(DataOutputStream out, ByteBuffer buffer) throws IOException {
    ByteBuffer d = buffer.duplicate();
    byte[] b = new byte[d.remaining()];
    d.get(b);
    out.writeInt(b.length);
    out.write(b);
  }
}
