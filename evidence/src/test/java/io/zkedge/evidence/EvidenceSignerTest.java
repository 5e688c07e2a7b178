package io.zkedge.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkedge.evidence.testutils.Fixtures;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ComplianceRecord;
import io.zkedge.schemas.Verdict;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

class EvidenceSignerTest {
  private static final Ed25519PrivateKey EDGE_KEY = Fixtures.key(10);
  private static final Ed25519PrivateKey OTHER_KEY = Fixtures.key(11);
  private final EvidenceSigner signer = new EvidenceSigner(EDGE_KEY);
  private final EvidenceVerifier verifier = new EvidenceVerifier(List.of(EDGE_KEY.publicKey()));

  @Test
  void shouldVerifyWhatItSigns() {
    Verdict verdict = signer.sign(Fixtures.verdict("sensor-1", 7));
    ComplianceRecord record = signer.sign(Fixtures.complianceRecord("sensor-1", 0));

    assertThat(verdict.getSignerKeyId()).isEqualTo(EDGE_KEY.keyId());
    assertThat(verdict.getSignature().remaining()).isEqualTo(64);
    assertThat(verifier.verify(verdict)).isEqualTo(SignatureStatus.OK);
    assertThat(verifier.verify(record)).isEqualTo(SignatureStatus.OK);
  }

  @Test
  void shouldStillVerifyAfterAnAvroRoundTrip() throws Exception {
    Verdict verdict = signer.sign(Fixtures.verdict("sensor-1", 7));
    ComplianceRecord record = signer.sign(Fixtures.complianceRecord("sensor-1", 0));

    Verdict verdictBack = AvroCodec.forVerdicts().decode(AvroCodec.forVerdicts().encode(verdict));
    ComplianceRecord recordBack = AvroCodec.forComplianceRecords()
        .decode(AvroCodec.forComplianceRecords().encode(record));

    assertThat(verifier.verify(verdictBack)).isEqualTo(SignatureStatus.OK);
    assertThat(verifier.verify(recordBack)).isEqualTo(SignatureStatus.OK);
  }

  @Test
  void shouldReportAKeyThatIsNotTrustedAsUnknown() {
    Verdict byOther = new EvidenceSigner(OTHER_KEY).sign(Fixtures.verdict("sensor-1", 7));
    Verdict noKeyId = signer.sign(Fixtures.verdict("sensor-1", 7));
    noKeyId.setSignerKeyId(null);

    assertThat(verifier.verify(byOther)).isEqualTo(SignatureStatus.UNKNOWN_KEY);
    assertThat(verifier.verify(noKeyId)).isEqualTo(SignatureStatus.UNKNOWN_KEY);
    assertThat(new EvidenceVerifier(List.of()).verify(signer.sign(Fixtures.verdict("s", 1))))
        .isEqualTo(SignatureStatus.UNKNOWN_KEY);
  }

  @Test
  void shouldRefuseASignatureClaimedForAnotherTrustedKey() {
    EvidenceVerifier both =
        new EvidenceVerifier(List.of(EDGE_KEY.publicKey(), OTHER_KEY.publicKey()));
    Verdict verdict = signer.sign(Fixtures.verdict("sensor-1", 7));
    verdict.setSignerKeyId(OTHER_KEY.keyId());

    assertThat(both.verify(verdict)).isEqualTo(SignatureStatus.BAD_SIGNATURE);
  }

  @Test
  void shouldFailOnEveryAlteredByteOfEveryVerdictField() {
    Verdict signed = signer.sign(Fixtures.verdict("sensor-1", 3)); // has a reason
    Verdict signedNoReason = signer.sign(Fixtures.verdict("sensor-1", 4));

    int altered = checkEveryAlteration(signed, Fixtures::copy, VerdictCanonicalForm::of,
        verifier::verify) + checkEveryAlteration(signedNoReason, Fixtures::copy,
        VerdictCanonicalForm::of, verifier::verify);

    assertThat(altered).isGreaterThan(500);
  }

  @Test
  void shouldFailOnEveryAlteredByteOfEveryComplianceField() {
    ComplianceRecord signed = signer.sign(Fixtures.complianceRecord("sensor-1", 3));

    int altered = checkEveryAlteration(signed, c -> ComplianceRecord.newBuilder(c).build(),
        VerdictCanonicalForm::of, verifier::verify);

    assertThat(altered).isGreaterThan(150);
  }

  @Test
  void shouldFailOnEveryFlippedByteOfTheSealAndTheSignature() {
    Verdict signed = signer.sign(Fixtures.verdict("sensor-1", 3));
    byte[] seal = EvidenceSigner.sealMessage(1, ChainHasher.hash(signed));
    byte[] signature = bytes(signed.getSignature());
    Ed25519PublicKey key = EDGE_KEY.publicKey();
    assertThat(key.verify(seal, signature)).isTrue();

    for (int i = 0; i < seal.length; i++) {
      byte[] flipped = seal.clone();
      flipped[i] ^= (byte) 0xff;
      assertThat(key.verify(flipped, signature)).as("seal byte %d", i).isFalse();
    }
    for (int i = 0; i < signature.length; i++) {
      Verdict v = Fixtures.copy(signed);
      byte[] flipped = signature.clone();
      flipped[i] ^= 0x01;
      v.setSignature(ByteBuffer.wrap(flipped));
      assertThat(verifier.verify(v)).as("signature byte %d", i)
          .isEqualTo(SignatureStatus.BAD_SIGNATURE);
    }
    Verdict shortSignature = Fixtures.copy(signed);
    shortSignature.setSignature(ByteBuffer.wrap(new byte[63]));
    assertThat(verifier.verify(shortSignature)).isEqualTo(SignatureStatus.BAD_SIGNATURE);
  }

  @Test
  void shouldVerifyEveryRecordOfASealedBatchOfAnySize() {
    for (int size : new int[] {1, 2, 3, 5, 8, 13, 64, 100}) {
      List<Verdict> batch = chainedBatch(size);
      signer.seal(EvidenceKind.VERDICTS, batch);
      EvidenceVerifier fresh = new EvidenceVerifier(List.of(EDGE_KEY.publicKey()));
      for (int i = 0; i < size; i++) {
        Verdict v = batch.get(i);
        assertThat(v.getMerkleTreeSize()).isEqualTo(size);
        assertThat(v.getMerkleLeafIndex()).isEqualTo(i);
        assertThat(v.getSignature()).isEqualTo(batch.get(0).getSignature());
        assertThat(fresh.verify(v)).as("record %d of %d", i, size).isEqualTo(SignatureStatus.OK);
      }
    }
  }

  @Test
  void shouldRefuseARecordWhoseSealFieldsWereAltered() {
    List<Verdict> batch = chainedBatch(6);
    signer.seal(EvidenceKind.VERDICTS, batch);
    List<Verdict> other = chainedBatch(6);
    other.forEach(v -> v.setSeq(v.getSeq() + 100));
    signer.seal(EvidenceKind.VERDICTS, other);
    Verdict v = batch.get(2);

    List<Verdict> mutants = new ArrayList<>();
    mutants.add(Fixtures.copy(v));
    mutants.get(0).setMerkleLeafIndex(3); // claims another leaf
    mutants.add(Fixtures.copy(v));
    mutants.get(1).setMerkleTreeSize(7); // another tree size
    mutants.add(Fixtures.copy(v));
    mutants.get(2).setMerklePath(batch.get(3).getMerklePath()); // a neighbour's path
    mutants.add(Fixtures.copy(v));
    mutants.get(3).setSignature(other.get(2).getSignature()); // the other batch's signature
    mutants.add(Fixtures.copy(v));
    byte[] path = bytes(v.getMerklePath());
    mutants.get(4).setMerklePath(ByteBuffer.wrap(path, 0, 64)); // too short
    mutants.add(Fixtures.copy(v));
    mutants.get(5).setMerklePath(ByteBuffer.wrap(Arrays.copyOf(path, path.length + 32))); // too long
    mutants.add(Fixtures.copy(v));
    mutants.get(6).setMerklePath(ByteBuffer.wrap(Arrays.copyOf(path, path.length - 1))); // ragged
    mutants.add(Fixtures.copy(v));
    mutants.get(7).setMerkleLeafIndex(-1);
    mutants.add(Fixtures.copy(v));
    mutants.get(8).setMerkleTreeSize(0);
    mutants.add(Fixtures.copy(v));
    mutants.get(9).setMerkleTreeSize(MerkleTree.MAX_LEAVES + 1);
    mutants.add(Fixtures.copy(v));
    mutants.get(10).setMerklePath(null);

    assertThat(verifier.verify(v)).isEqualTo(SignatureStatus.OK);
    for (int i = 0; i < mutants.size(); i++) {
      assertThat(verifier.verify(mutants.get(i))).as("mutant %d", i)
          .isEqualTo(SignatureStatus.BAD_SIGNATURE);
    }
  }

  @Test
  void shouldRefuseToSealARecordChainedForAnotherSignerOrAnEmptyBatch() {
    Verdict theirs = Fixtures.verdict("s", 1);
    new EvidenceSigner(OTHER_KEY).chain(theirs, ChainPosition.genesis());

    assertThatThrownBy(() -> signer.seal(EvidenceKind.VERDICTS, List.of(theirs)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names signer");
    assertThatThrownBy(() -> signer.seal(EvidenceKind.VERDICTS, List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 65536");
  }

  private List<Verdict> chainedBatch(int size) {
    List<Verdict> batch = new ArrayList<>();
    ChainPosition position = ChainPosition.genesis();
    for (int i = 0; i < size; i++) {
      Verdict v = Fixtures.verdict("sensor-" + (i % 3), i);
      position = signer.chain(v, position);
      batch.add(v);
    }
    return batch;
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  @Test
  void shouldChainWhatItSigns() {
    ChainPosition start = ChainPosition.genesis();
    Verdict first = Fixtures.verdict("sensor-1", 1);
    Verdict second = Fixtures.verdict("sensor-1", 2);

    ChainPosition afterFirst = signer.signChained(first, start);
    ChainPosition afterSecond = signer.signChained(second, afterFirst);

    assertThat(first.getChainIndex()).isZero();
    assertThat(first.getPrevHash()).isEqualTo(ByteBuffer.wrap(new byte[32]));
    assertThat(afterFirst.nextIndex()).isEqualTo(1);
    assertThat(afterFirst.prevHash()).isEqualTo(ChainHasher.hash(first));
    assertThat(second.getChainIndex()).isEqualTo(1);
    assertThat(second.getPrevHash()).isEqualTo(ByteBuffer.wrap(ChainHasher.hash(first)));
    assertThat(afterSecond).isEqualTo(ChainPosition.of(2, ChainHasher.hash(second)));
    assertThat(verifier.verify(first)).isEqualTo(SignatureStatus.OK);
    assertThat(verifier.verify(second)).isEqualTo(SignatureStatus.OK);
  }

  @Test
  void shouldLinkByTheRecordHashWhichNamesTheSigner() {
    Verdict v = signer.sign(Fixtures.verdict("sensor-1", 1));
    Verdict resigned = new EvidenceSigner(OTHER_KEY).sign(Fixtures.copy(v));

    byte[] leafPrefixed = ByteBuffer.allocate(1 + VerdictCanonicalForm.of(v).length)
        .put((byte) 0).put(VerdictCanonicalForm.of(v)).array();
    assertThat(ChainHasher.hash(v)).isEqualTo(Sha256.of(leafPrefixed));
    assertThat(ChainHasher.hash(resigned)).isNotEqualTo(ChainHasher.hash(v));
  }

  @Test
  void shouldRefuseToSignRecordsWithBrokenChainFields() {
    Verdict shortHash = Fixtures.verdict("s", 1);
    shortHash.setPrevHash(ByteBuffer.allocate(31));
    Verdict negative = Fixtures.verdict("s", 1);
    negative.setChainIndex(-1);

    assertThatThrownBy(() -> signer.sign(shortHash))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes, not 31");
    assertThatThrownBy(() -> signer.sign(negative))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    assertThatThrownBy(() -> ChainPosition.of(0, new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldSignFromManyThreadsWithOneSigner() throws Exception {
    List<Verdict> sequential = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      sequential.add(signer.sign(Fixtures.verdict("sensor-" + (i % 7), i)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Verdict>> parallel = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        final int n = i;
        parallel.add(pool.submit(() -> signer.sign(Fixtures.verdict("sensor-" + (n % 7), n))));
      }
      for (int i = 0; i < 400; i++) {
        assertThat(parallel.get(i).get().getSignature())
            .isEqualTo(sequential.get(i).getSignature());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Alters every field except the seal's, one byte (or symbol, or character) at a time, and
   * checks that the canonical bytes change and the signature no longer verifies. Returns how
   * many alterations were checked.
   */
  private static <T extends SpecificRecordBase> int checkEveryAlteration(T signed,
      Function<T, T> copy, Function<T, byte[]> canonical, Function<T, SignatureStatus> verify) {
    byte[] original = canonical.apply(signed);
    int count = 0;
    for (Schema.Field field : signed.getSchema().getFields()) {
      if (field.name().equals("signature") || field.name().startsWith("merkle")) {
        continue; // the seal: shouldRefuseARecordWhoseSealFieldsWereAltered
      }
      for (Object altered : alterations(field.schema(), signed.get(field.pos()))) {
        T mutant = copy.apply(signed);
        mutant.put(field.pos(), altered);
        assertThat(canonical.apply(mutant)).as("canonical bytes with %s = %s", field.name(),
            altered).isNotEqualTo(original);
        assertThat(verify.apply(mutant)).as("%s = %s", field.name(), altered).isEqualTo(
            field.name().equals("signerKeyId")
                ? SignatureStatus.UNKNOWN_KEY
                : SignatureStatus.BAD_SIGNATURE);
        count++;
      }
    }
    return count;
  }

  private static List<Object> alterations(Schema schema, Object value) {
    List<Object> out = new ArrayList<>();
    switch (schema.getType()) {
      case UNION:
        if (value == null) {
          out.add("x");
        } else {
          out.add(null);
          out.addAll(alterations(schema.getTypes().get(1), value));
        }
        break;
      case STRING:
        String s = (String) value;
        for (int i = 0; i < s.length(); i++) {
          char c = s.charAt(i);
          out.add(s.substring(0, i) + (c == 'x' ? 'y' : 'x') + s.substring(i + 1));
        }
        out.add(s + "x");
        if (!s.isEmpty()) {
          out.add(s.substring(1));
        }
        break;
      case LONG:
        for (int k = 0; k < 8; k++) {
          long flip = 0xffL << (8 * k);
          out.add(value instanceof Instant
              ? Instant.ofEpochMilli(((Instant) value).toEpochMilli() ^ flip)
              : ((Long) value) ^ flip);
        }
        break;
      case INT:
        for (int k = 0; k < 4; k++) {
          out.add(((Integer) value) ^ (0xff << (8 * k)));
        }
        break;
      case ENUM:
        Enum<?> e = (Enum<?>) value;
        for (Object other : e.getDeclaringClass().getEnumConstants()) {
          if (other != e) {
            out.add(other);
          }
        }
        break;
      case BYTES:
        ByteBuffer d = ((ByteBuffer) value).duplicate();
        byte[] b = new byte[d.remaining()];
        d.get(b);
        for (int i = 0; i < b.length; i++) {
          byte[] flipped = b.clone();
          flipped[i] ^= (byte) 0xff;
          out.add(ByteBuffer.wrap(flipped));
        }
        byte[] longer = java.util.Arrays.copyOf(b, b.length + 1);
        out.add(ByteBuffer.wrap(longer));
        break;
      default:
        throw new AssertionError("no alterations for " + schema);
    }
    return out;
  }
}
