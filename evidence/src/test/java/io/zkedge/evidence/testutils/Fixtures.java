package io.zkedge.evidence.testutils;

import io.zkedge.evidence.ChainHasher;
import io.zkedge.evidence.ChainPosition;
import io.zkedge.evidence.Ed25519PrivateKey;
import io.zkedge.evidence.EvidenceSigner;
import io.zkedge.evidence.Sha256;
import io.zkedge.schemas.ComplianceOutcome;
import io.zkedge.schemas.ComplianceRecord;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.schemas.Verdict;
import io.zkedge.schemas.VerdictStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Deterministic keys, verdicts, compliance records and chains for the evidence tests. */
public final class Fixtures {
  /** RFC 8032, section 7.1, TEST 1: the secret key. */
  public static final byte[] RFC8032_TEST1_SECRET = HexFormat.of().parseHex(
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

  /** RFC 8032, section 7.1, TEST 1: the public key. */
  public static final byte[] RFC8032_TEST1_PUBLIC = HexFormat.of().parseHex(
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

  /** RFC 8032, section 7.1, TEST 1: the signature of the empty message. */
  public static final byte[] RFC8032_TEST1_SIGNATURE = HexFormat.of().parseHex(
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065"
          + "224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

  /** sha256sum of the raw TEST 1 public key, computed with coreutils. */
  public static final String RFC8032_TEST1_KEY_ID =
      "21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9";

  public static final Instant EVENT_TIME = Instant.parse("2026-11-24T08:00:00.250Z");
  public static final Instant ONE_SECOND_LATER = EVENT_TIME.plusSeconds(1);

  private Fixtures() {}

  /** Test key number {@code n}: seed = SHA-256("zkedge.test.key." + n). */
  public static Ed25519PrivateKey key(int n) {
    return Ed25519PrivateKey.fromSeed(
        Sha256.of(("zkedge.test.key." + n).getBytes(StandardCharsets.UTF_8)));
  }

  public static ByteBuffer bytes(int length, int seed) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (seed * 31 + i * 7 + 1);
    }
    return ByteBuffer.wrap(b);
  }

  /** An unsigned verdict at the genesis position of {@code sensorId}, for reading {@code seq}. */
  public static Verdict verdict(String sensorId, long seq) {
    return Verdict.newBuilder()
        .setSensorId(sensorId)
        .setGatewayId("gw-eu-1")
        .setSeq(seq)
        .setEventTime(EVENT_TIME.plusSeconds(seq))
        .setProofSystem(ProofSystem.BULLETPROOFS)
        .setStatementId("zkedge.range.v1")
        .setStatus(seq % 5 == 3 ? VerdictStatus.INVALID : VerdictStatus.VALID)
        .setReason(seq % 5 == 3 ? "range proof does not verify" : null)
        .setProofDigest(bytes(32, (int) seq))
        .setModuleSha256(bytes(32, 99))
        .setBatchId("batch-0-" + (seq / 8))
        .setVerifiedAt(ONE_SECOND_LATER.plusSeconds(seq))
        .setSourcePartition(2)
        .setSourceOffset(1000 + seq)
        .setChainIndex(0)
        .setPrevHash(ByteBuffer.wrap(ChainHasher.genesisPrevHash()))
        .setSignerKeyId("")
        .setSignature(ByteBuffer.allocate(0))
        .build();
  }

  /** An unsigned compliance record for window {@code n} of {@code sensorId}. */
  public static ComplianceRecord complianceRecord(String sensorId, long n) {
    return ComplianceRecord.newBuilder()
        .setSensorId(sensorId)
        .setWindowStart(EVENT_TIME.plusSeconds(3600 * n))
        .setWindowEnd(EVENT_TIME.plusSeconds(3600 * (n + 1)))
        .setExpected(360)
        .setValid(350 - n)
        .setInvalid(n % 2)
        .setReplayed(1)
        .setMalformed(2)
        .setStale(3)
        .setMissing(10 + n)
        .setOutcome(n % 2 == 0 ? ComplianceOutcome.COMPLIANT : ComplianceOutcome.NON_COMPLIANT)
        .setRule("valid >= 95% of expected and invalid == 0")
        .setChainIndex(0)
        .setPrevHash(ByteBuffer.wrap(ChainHasher.genesisPrevHash()))
        .setSignerKeyId("")
        .setSignature(ByteBuffer.allocate(0))
        .build();
  }

  /** {@code length} verdicts of one sensor, signed and chained from genesis. */
  public static List<Verdict> verdictChain(EvidenceSigner signer, String sensorId, int length) {
    List<Verdict> chain = new ArrayList<>();
    ChainPosition position = ChainPosition.genesis();
    for (int i = 0; i < length; i++) {
      Verdict v = verdict(sensorId, 100 + i);
      position = signer.signChained(v, position);
      chain.add(v);
    }
    return chain;
  }

  /** {@code length} compliance records of one sensor, signed and chained from genesis. */
  public static List<ComplianceRecord> complianceChain(EvidenceSigner signer, String sensorId,
      int length) {
    List<ComplianceRecord> chain = new ArrayList<>();
    ChainPosition position = ChainPosition.genesis();
    for (int i = 0; i < length; i++) {
      ComplianceRecord c = complianceRecord(sensorId, i);
      position = signer.signChained(c, position);
      chain.add(c);
    }
    return chain;
  }

  /** A deep copy, so that a test can alter one record of a chain. */
  public static Verdict copy(Verdict v) {
    return Verdict.newBuilder(v).build();
  }
}
