package io.zkedge.evidence;

import static io.zkedge.evidence.ChainFinding.Kind.BAD_SIGNATURE;
import static io.zkedge.evidence.ChainFinding.Kind.BROKEN_LINK;
import static io.zkedge.evidence.ChainFinding.Kind.CONFLICT;
import static io.zkedge.evidence.ChainFinding.Kind.DUPLICATE;
import static io.zkedge.evidence.ChainFinding.Kind.GAP;
import static io.zkedge.evidence.ChainFinding.Kind.REORDERED;
import static io.zkedge.evidence.ChainFinding.Kind.SENSOR_MISMATCH;
import static io.zkedge.evidence.ChainFinding.Kind.UNKNOWN_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.zkedge.evidence.testutils.Fixtures;
import io.zkedge.schemas.ComplianceRecord;
import io.zkedge.schemas.Verdict;
import io.zkedge.schemas.VerdictStatus;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainCheckerTest {
  private static final Ed25519PrivateKey EDGE_KEY = Fixtures.key(20);
  private static final Ed25519PrivateKey SECOND_EDGE_KEY = Fixtures.key(21);
  private static final Ed25519PrivateKey ATTACKER_KEY = Fixtures.key(666);

  private final EvidenceSigner signer = new EvidenceSigner(EDGE_KEY);
  private final EvidenceVerifier verifier = new EvidenceVerifier(
      List.of(EDGE_KEY.publicKey(), SECOND_EDGE_KEY.publicKey()));
  private final List<Verdict> chain = Fixtures.verdictChain(signer, "sensor-7", 10);

  @Test
  void shouldFindNothingInAnIntactChain() {
    ChainChecker<Verdict> checker = checker();

    feed(checker, chain);

    assertThat(checker.findings()).isEmpty();
    assertThat(checker.headIndex()).isEqualTo(9);
    assertThat(checker.recordsChecked()).isEqualTo(10);
    assertThat(checker.sensorId()).isEqualTo("sensor-7");
  }

  @Test
  void shouldReportADeletedRecordAsAGap() {
    List<Verdict> stream = new ArrayList<>(chain);
    stream.remove(4);

    List<ChainFinding<Verdict>> findings = feed(checker(), stream);

    assertThat(findings).extracting(ChainFinding::kind, ChainFinding::chainIndex)
        .containsExactly(tuple(GAP, 5L));
    assertThat(findings.get(0).record()).isSameAs(chain.get(5));
    assertThat(findings.get(0).detail()).isEqualTo(
        "chainIndex jumps from 3 to 5: 1 record(s) missing (4)");
  }

  @Test
  void shouldReportSwappedRecordsAsAGapThenAReorderedRecord() {
    List<Verdict> stream = new ArrayList<>(chain);
    Collections.swap(stream, 4, 5);

    List<ChainFinding<Verdict>> findings = feed(checker(), stream);

    assertThat(findings).extracting(ChainFinding::kind, ChainFinding::chainIndex)
        .containsExactly(tuple(GAP, 5L), tuple(REORDERED, 4L));
    assertThat(findings.get(1).record()).isSameAs(chain.get(4));
  }

  @Test
  void shouldReportADuplicatedRecord() {
    List<Verdict> stream = new ArrayList<>(chain);
    stream.add(6, Fixtures.copy(chain.get(5)));

    List<ChainFinding<Verdict>> findings = feed(checker(), stream);

    assertThat(findings).extracting(ChainFinding::kind, ChainFinding::chainIndex)
        .containsExactly(tuple(DUPLICATE, 5L));
  }

  @Test
  void shouldReportARecordAlteredAndResignedWithAnUntrustedKey() {
    List<Verdict> stream = new ArrayList<>(chain);
    Verdict forged = Fixtures.copy(chain.get(3));
    forged.setStatus(VerdictStatus.VALID);
    forged.setReason(null);
    new EvidenceSigner(ATTACKER_KEY).sign(forged);
    stream.set(3, forged);

    List<ChainFinding<Verdict>> findings = feed(checker(), stream);

    assertThat(findings).extracting(ChainFinding::kind, ChainFinding::chainIndex)
        .containsExactly(tuple(UNKNOWN_KEY, 3L), tuple(GAP, 4L));
    assertThat(findings.get(0).record()).isSameAs(forged);
  }

  @Test
  void shouldReportARecordResignedWithAnotherTrustedKeyAtItsSuccessor() {
    List<Verdict> stream = new ArrayList<>(chain);
    Verdict resigned = new EvidenceSigner(SECOND_EDGE_KEY).sign(Fixtures.copy(chain.get(3)));
    stream.set(3, resigned);

    List<ChainFinding<Verdict>> findings = feed(checker(), stream);

    assertThat(findings).extracting(ChainFinding::kind, ChainFinding::chainIndex)
        .containsExactly(tuple(BROKEN_LINK, 4L));
    assertThat(findings.get(0).record()).isSameAs(chain.get(4));
  }

  @Test
  void shouldReportAnAlteredRecordThatKeptItsOldSignature() {
    List<Verdict> stream = new ArrayList<>(chain);
    Verdict altered = Fixtures.copy(chain.get(3));
    altered.setStatus(VerdictStatus.VALID);
    stream.set(3, altered);

    assertThat(feed(checker(), stream)).extracting(ChainFinding::kind, ChainFinding::chainIndex)
        .containsExactly(tuple(BAD_SIGNATURE, 3L), tuple(GAP, 4L));
  }

  @Test
  void shouldReportAlterationsAsBrokenLinksWhenSignaturesAreNotChecked() {
    List<Verdict> stream = new ArrayList<>(chain);
    Verdict forged = Fixtures.copy(chain.get(3));
    forged.setStatus(VerdictStatus.VALID);
    new EvidenceSigner(ATTACKER_KEY).sign(forged);
    stream.set(3, forged);

    List<ChainFinding<Verdict>> findings =
        feed(ChainChecker.verdicts().build(), stream);

    assertThat(findings).extracting(ChainFinding::kind, ChainFinding::chainIndex)
        .containsExactly(tuple(BROKEN_LINK, 4L));
  }

  @Test
  void shouldReportTwoDifferentRecordsAtOneIndexAsAConflict() {
    List<Verdict> stream = new ArrayList<>(chain.subList(0, 6));
    Verdict fork = Fixtures.copy(chain.get(5));
    fork.setSourceOffset(fork.getSourceOffset() + 1);
    signer.sign(fork);
    stream.add(fork);

    assertThat(feed(checker(), stream)).extracting(ChainFinding::kind, ChainFinding::chainIndex)
        .containsExactly(tuple(CONFLICT, 5L));
  }

  @Test
  void shouldCheckTheLinksOfALateRecord() {
    // 0 1 2 4 3' where 3' is a different record signed by a trusted key for index 3.
    List<Verdict> stream = new ArrayList<>(chain.subList(0, 3));
    stream.add(chain.get(4));
    Verdict impostor = Fixtures.copy(chain.get(3));
    impostor.setSourceOffset(12345);
    signer.sign(impostor);
    stream.add(impostor);

    assertThat(feed(checker(), stream)).extracting(ChainFinding::kind, ChainFinding::chainIndex)
        .containsExactly(tuple(GAP, 4L), tuple(REORDERED, 3L), tuple(BROKEN_LINK, 3L));
  }

  @Test
  void shouldRequireTheChainToStartAtGenesisUnlessToldOtherwise() {
    List<Verdict> tail = chain.subList(6, 10);

    assertThat(feed(checker(), tail)).extracting(ChainFinding::kind, ChainFinding::chainIndex)
        .containsExactly(tuple(GAP, 6L));
    assertThat(feed(ChainChecker.verdicts().verifySignaturesWith(verifier).startAnywhere()
        .build(), tail)).isEmpty();
  }

  @Test
  void shouldRequireTheGenesisPrevHashOnTheFirstRecord() {
    Verdict first = Fixtures.verdict("sensor-7", 1);
    first.setPrevHash(ByteBuffer.wrap(Fixtures.bytes(32, 1).array()));
    signer.sign(first);

    assertThat(feed(checker(), List.of(first)))
        .extracting(ChainFinding::kind, ChainFinding::chainIndex)
        .containsExactly(tuple(BROKEN_LINK, 0L));
  }

  @Test
  void shouldReportRecordsOfAnotherSensor() {
    List<Verdict> stream = new ArrayList<>(chain.subList(0, 3));
    stream.add(Fixtures.verdictChain(signer, "sensor-8", 4).get(3));

    assertThat(feed(checker(), stream)).extracting(ChainFinding::kind, ChainFinding::chainIndex)
        .containsExactly(tuple(SENSOR_MISMATCH, 3L));
  }

  @Test
  void shouldReportLateRecordsBeyondTheLookBackWithoutLinkChecks() {
    List<Verdict> stream = new ArrayList<>(chain);
    Verdict late = stream.remove(1);
    stream.add(late);

    List<ChainFinding<Verdict>> findings = feed(
        ChainChecker.verdicts().verifySignaturesWith(verifier).lookBack(4).build(), stream);

    assertThat(findings).extracting(ChainFinding::kind, ChainFinding::chainIndex)
        .containsExactly(tuple(GAP, 2L), tuple(REORDERED, 1L));
    assertThat(findings.get(1).detail()).contains("older than the look-back of 4 indexes");
  }

  @Test
  void shouldCheckComplianceChainsTheSameWay() {
    List<ComplianceRecord> compliance = new ArrayList<>(
        Fixtures.complianceChain(signer, "sensor-7", 6));
    ChainChecker<ComplianceRecord> intact =
        ChainChecker.complianceRecords().verifySignaturesWith(verifier).build();
    compliance.forEach(intact::check);
    compliance.remove(2);
    ChainChecker<ComplianceRecord> gapped =
        ChainChecker.complianceRecords().verifySignaturesWith(verifier).build();
    compliance.forEach(gapped::check);

    assertThat(intact.findings()).isEmpty();
    assertThat(gapped.findings()).extracting(ChainFinding::kind, ChainFinding::chainIndex)
        .containsExactly(tuple(GAP, 3L));
  }

  @Test
  void shouldAcceptAKeyRotationInsideTheChain() {
    EvidenceSigner rotated = new EvidenceSigner(SECOND_EDGE_KEY);
    List<Verdict> stream = new ArrayList<>();
    ChainPosition position = ChainPosition.genesis();
    for (int i = 0; i < 6; i++) {
      Verdict v = Fixtures.verdict("sensor-7", i);
      position = (i < 3 ? signer : rotated).signChained(v, position);
      stream.add(v);
    }

    assertThat(feed(checker(), stream)).isEmpty();
  }

  private ChainChecker<Verdict> checker() {
    return ChainChecker.verdicts().verifySignaturesWith(verifier).build();
  }

  private static List<ChainFinding<Verdict>> feed(ChainChecker<Verdict> checker,
      List<Verdict> stream) {
    for (Verdict v : stream) {
      checker.check(v);
    }
    return checker.findings();
  }
}
