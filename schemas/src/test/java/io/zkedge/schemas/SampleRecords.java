package io.zkedge.schemas;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Deterministic records of every type, with every optional field set or left out. */
final class SampleRecords {
  static final Instant EVENT_TIME = Instant.ofEpochMilli(1_764_000_000_123L);
  static final Instant ONE_SECOND_LATER = EVENT_TIME.plusSeconds(1);

  private SampleRecords() {}

  static ByteBuffer bytes(int length, int seed) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (seed * 31 + i * 7);
    }
    return ByteBuffer.wrap(b);
  }

  static ProofRecord bulletproofsRecord() {
    return ProofRecord.newBuilder()
        .setSensorId("sensor-0042")
        .setGatewayId("gw-eu-1")
        .setSeq(17)
        .setEventTime(EVENT_TIME)
        .setProofSystem(ProofSystem.BULLETPROOFS)
        .setStatementId("zkedge.range.v1")
        .setCommitment(bytes(32, 1))
        .setProof(bytes(672, 2))
        .setRange(RangeParameters.newBuilder().setMin(-40).setMax(85).setBits(8).build())
        .build();
  }

  static ProofRecord groth16Record() {
    return ProofRecord.newBuilder()
        .setSensorId("sensor-ü-7")
        .setGatewayId("gw-eu-2")
        .setSeq(Long.MAX_VALUE)
        .setEventTime(Instant.ofEpochMilli(-1))
        .setProofSystem(ProofSystem.GROTH16)
        .setStatementId("9f".repeat(32))
        .setCommitment(ByteBuffer.allocate(0))
        .setProof(bytes(256, 3))
        .setPublicInputs(List.of(bytes(32, 4), bytes(32, 5), bytes(32, 6)))
        .build();
  }

  static Verdict verdict() {
    return Verdict.newBuilder()
        .setSensorId("sensor-0042")
        .setGatewayId("gw-eu-1")
        .setSeq(17)
        .setEventTime(EVENT_TIME)
        .setProofSystem(ProofSystem.BULLETPROOFS)
        .setStatementId("zkedge.range.v1")
        .setStatus(VerdictStatus.VALID)
        .setProofDigest(bytes(32, 7))
        .setModuleSha256(bytes(32, 8))
        .setBatchId("batch-3-1001")
        .setVerifiedAt(ONE_SECOND_LATER)
        .setSourcePartition(3)
        .setSourceOffset(1001)
        .setChainIndex(5)
        .setPrevHash(bytes(32, 9))
        .setSignerKeyId("ab".repeat(32))
        .setSignature(bytes(64, 10))
        .build();
  }

  static Verdict rejectedVerdict() {
    return Verdict.newBuilder(verdict())
        .setStatus(VerdictStatus.CONTEXT_MISMATCH)
        .setReason("sensor id bound in the transcript differs")
        .setModuleSha256(ByteBuffer.allocate(0))
        .build();
  }

  static ComplianceRecord complianceRecord() {
    return ComplianceRecord.newBuilder()
        .setSensorId("sensor-0042")
        .setWindowStart(EVENT_TIME)
        .setWindowEnd(EVENT_TIME.plusSeconds(3600))
        .setExpected(360)
        .setValid(350)
        .setInvalid(0)
        .setReplayed(2)
        .setMalformed(1)
        .setStale(3)
        .setMissing(4)
        .setOutcome(ComplianceOutcome.COMPLIANT)
        .setRule("valid >= 95% of expected and invalid == 0")
        .setChainIndex(0)
        .setPrevHash(ByteBuffer.allocate(32))
        .setSignerKeyId("cd".repeat(32))
        .setSignature(bytes(64, 11))
        .build();
  }

  static DeadLetter deadLetter(boolean withKey) {
    return DeadLetter.newBuilder()
        .setReason(DeadLetterReason.UNDECODABLE)
        .setDetail("ProofRecord: BAD_MAGIC: payload starts with 00 00")
        .setSourceTopic("zkedge.proofs")
        .setSourcePartition(0)
        .setSourceOffset(99)
        .setKey(withKey ? ByteBuffer.wrap("sensor-0042".getBytes(StandardCharsets.UTF_8)) : null)
        .setOriginal(bytes(100, 12))
        .setReceivedAt(EVENT_TIME)
        .build();
  }

  static ModuleAnnouncement moduleAnnouncement() {
    return ModuleAnnouncement.newBuilder()
        .setKind(ArtifactKind.VERIFIER_MODULE)
        .setProofSystem(ProofSystem.BULLETPROOFS)
        .setArtifactId("zkedge_bulletproofs_verifier")
        .setAbiVersion(1)
        .setArtifact(bytes(120_000, 13))
        .setManifest(ByteBuffer.wrap("format: zkedge.manifest.v1\n".getBytes(StandardCharsets.UTF_8)))
        .setSignerKeyId("ef".repeat(32))
        .setSignature(bytes(64, 14))
        .setPublishedAt(ONE_SECOND_LATER)
        .build();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
