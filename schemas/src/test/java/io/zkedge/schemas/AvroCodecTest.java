package io.zkedge.schemas;

import static io.zkedge.schemas.SampleRecords.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.zkedge.schemas.UndecodableRecordException.Reason;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AvroCodecTest {

  static Stream<Arguments> everyRecordType() {
    return Stream.of(
        Arguments.of("bulletproofs proof record", codec(AvroCodec::forProofRecords),
            SampleRecords.bulletproofsRecord()),
        Arguments.of("groth16 proof record", codec(AvroCodec::forProofRecords),
            SampleRecords.groth16Record()),
        Arguments.of("valid verdict", codec(AvroCodec::forVerdicts), SampleRecords.verdict()),
        Arguments.of("rejected verdict", codec(AvroCodec::forVerdicts),
            SampleRecords.rejectedVerdict()),
        Arguments.of("compliance record", codec(AvroCodec::forComplianceRecords),
            SampleRecords.complianceRecord()),
        Arguments.of("dead letter with key", codec(AvroCodec::forDeadLetters),
            SampleRecords.deadLetter(true)),
        Arguments.of("dead letter without key", codec(AvroCodec::forDeadLetters),
            SampleRecords.deadLetter(false)),
        Arguments.of("module announcement", codec(AvroCodec::forModuleAnnouncements),
            SampleRecords.moduleAnnouncement()));
  }

  @SuppressWarnings("unchecked")
  private static AvroCodec<SpecificRecord> codec(Supplier<? extends AvroCodec<?>> factory) {
    return (AvroCodec<SpecificRecord>) factory.get();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyRecordType")
  void shouldRoundTripEveryRecordType(String name, AvroCodec<SpecificRecord> codec,
      SpecificRecord record) throws Exception {
    byte[] payload = codec.encode(record);

    assertThat(codec.decode(payload)).isEqualTo(record);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyRecordType")
  void shouldWriteTheSingleObjectHeader(String name, AvroCodec<SpecificRecord> codec,
      SpecificRecord record) {
    byte[] payload = codec.encode(record);

    assertThat(payload[0]).isEqualTo((byte) 0xC3);
    assertThat(payload[1]).isEqualTo((byte) 0x01);
    assertThat(AvroCodec.readFingerprint(payload))
        .isEqualTo(AvroCodec.fingerprint(record.getSchema()))
        .isEqualTo(codec.fingerprint());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyRecordType")
  void shouldRefuseEveryTruncation(String name, AvroCodec<SpecificRecord> codec,
      SpecificRecord record) {
    byte[] payload = codec.encode(record);
    int step = Math.max(1, payload.length / 2000); // the module announcement is 120 kB

    for (int length = 1; length < payload.length; length += step) {
      byte[] cut = Arrays.copyOf(payload, length);
      UndecodableRecordException e =
          catchThrowableOfType(UndecodableRecordException.class, () -> codec.decode(cut));
      assertThat(e).as("prefix of %d bytes", length).isNotNull();
      assertThat(e.reason()).as("prefix of %d bytes: %s", length, e.getMessage())
          .isEqualTo(Reason.TRUNCATED);
    }
  }

  @Test
  void shouldRefuseTombstonesAndEmptyPayloads() {
    AvroCodec<ProofRecord> codec = AvroCodec.forProofRecords();

    assertRefused(codec, null, Reason.EMPTY, "tombstone");
    assertRefused(codec, new byte[0], Reason.EMPTY, "zero-length");
  }

  @Test
  void shouldRefuseWrongMagic() {
    AvroCodec<ProofRecord> codec = AvroCodec.forProofRecords();
    byte[] payload = codec.encode(SampleRecords.bulletproofsRecord());

    byte[] wrongFirst = payload.clone();
    wrongFirst[0] = 0x00;
    byte[] wrongSecond = payload.clone();
    wrongSecond[1] = 0x02;

    assertRefused(codec, wrongFirst, Reason.BAD_MAGIC, "starts with 00 01, not the single-object marker C3 01");
    assertRefused(codec, wrongSecond, Reason.BAD_MAGIC, "C3 02");
    assertRefused(codec, "{\"sensorId\":\"x\"}".getBytes(), Reason.BAD_MAGIC, "7B 22");
    assertRefused(codec, new byte[] {0x42}, Reason.BAD_MAGIC, "starts with 42");
  }

  @Test
  void shouldRefuseATruncatedHeader() {
    assertRefused(AvroCodec.forProofRecords(), new byte[] {(byte) 0xC3, 0x01, 1, 2, 3},
        Reason.TRUNCATED, "5 bytes ends inside the 10-byte single-object header");
  }

  @Test
  void shouldRefuseAnUnknownFingerprint() {
    AvroCodec<ProofRecord> codec = AvroCodec.forProofRecords();
    byte[] payload = codec.encode(SampleRecords.bulletproofsRecord());
    payload[5] ^= 0x01;

    assertRefused(codec, payload, Reason.UNKNOWN_FINGERPRINT, "is not a known ProofRecord schema");
  }

  @Test
  void shouldNameTheRecordTypeOfAPayloadOnTheWrongTopic() {
    byte[] verdict = AvroCodec.forVerdicts().encode(SampleRecords.verdict());

    assertRefused(AvroCodec.forProofRecords(), verdict, Reason.UNKNOWN_FINGERPRINT,
        "it is the current schema of io.zkedge.schemas.Verdict (wrong topic?)");
  }

  @Test
  void shouldRefuseTrailingGarbage() {
    AvroCodec<Verdict> codec = AvroCodec.forVerdicts();
    byte[] payload = concat(codec.encode(SampleRecords.verdict()), new byte[] {0, 0, 7});

    assertRefused(codec, payload, Reason.TRAILING_BYTES, "3 bytes follow the datum");
  }

  @Test
  void shouldRefuseOversizedPayloadsBeforeParsingThem() {
    AvroCodec<ProofRecord> small = AvroCodec.builder(ProofRecord.class).maxBytes(100).build();
    byte[] valid = AvroCodec.forProofRecords().encode(SampleRecords.bulletproofsRecord());

    UndecodableRecordException e = assertRefused(small, valid, Reason.OVERSIZED,
        "payload of " + valid.length + " bytes exceeds the limit of 100 bytes");
    assertThat(e.reason().deadLetterReason()).isEqualTo(DeadLetterReason.OVERSIZED);

    byte[] garbage = new byte[AvroCodec.DEFAULT_MAX_BYTES + 1];
    assertRefused(AvroCodec.forProofRecords(), garbage, Reason.OVERSIZED, "65537 bytes");
  }

  @Test
  void shouldMapEveryOtherReasonToUndecodable() {
    for (Reason reason : Reason.values()) {
      assertThat(reason.deadLetterReason()).isEqualTo(
          reason == Reason.OVERSIZED ? DeadLetterReason.OVERSIZED : DeadLetterReason.UNDECODABLE);
    }
  }

  @Test
  void shouldRefuseAHugeLengthPrefixWithoutAllocatingIt() {
    AvroCodec<ProofRecord> codec = AvroCodec.forProofRecords();
    byte[] header = Arrays.copyOf(codec.encode(SampleRecords.bulletproofsRecord()), 10);
    // sensorId declares 2^30 bytes: Avro itself would allocate 1 GiB before noticing.
    byte[] hostile = concat(header, zigZagVarint(1L << 30));

    assertRefused(codec, hostile, Reason.TRUNCATED,
        "field sensorId: at offset 15, string declares 1073741824 bytes but only 0 remain");
  }

  @Test
  void shouldRefuseAHugeArrayCountWithoutAllocatingIt() {
    AvroCodec<ProofRecord> codec = AvroCodec.forProofRecords();
    ProofRecord record = SampleRecords.groth16Record();
    byte[] payload = codec.encode(record);
    // publicInputs is the last field: 3 items of 32 bytes, then the end-of-array 0.
    int arrayStart = payload.length - (1 + 3 * 33 + 1);
    assertThat(payload[arrayStart]).isEqualTo((byte) 6); // zig-zag 3
    byte[] hostile = concat(Arrays.copyOf(payload, arrayStart), zigZagVarint(Integer.MAX_VALUE));

    assertRefused(codec, hostile, Reason.TRUNCATED,
        "field publicInputs: at offset " + (arrayStart + 5)
            + ", array block declares 2147483647 items but only 0 bytes remain");
  }

  @Test
  void shouldRefuseAnEnumIndexOutsideTheSymbols() {
    AvroCodec<ProofRecord> codec = AvroCodec.forProofRecords();
    byte[] payload = codec.encode(SampleRecords.bulletproofsRecord());
    int proofSystemAt = indexOfProofSystem(payload);
    payload[proofSystemAt] = 2 * 3; // zig-zag 3, one past GROTH16

    assertRefused(codec, payload, Reason.MALFORMED,
        "field proofSystem: at offset " + (proofSystemAt + 1)
            + ", enum index 3 outside 0..2 of io.zkedge.schemas.ProofSystem");
  }

  @Test
  void shouldRefuseAUnionIndexOutsideTheBranches() {
    AvroCodec<Verdict> codec = AvroCodec.forVerdicts();
    Verdict verdict = SampleRecords.verdict(); // reason is null: union index 0, one byte
    byte[] payload = codec.encode(verdict);
    byte[] prefix = codec.encode(Verdict.newBuilder(verdict).setReason("x").build());
    int unionAt = firstDifference(payload, prefix);
    payload[unionAt] = 2 * 2; // zig-zag 2: the union has branches 0 and 1

    assertRefused(codec, payload, Reason.MALFORMED, "field reason: at offset " + (unionAt + 1)
        + ", union index 2 outside 0..1");
  }

  @Test
  void shouldRefuseStringsThatAreNotUtf8() {
    AvroCodec<ProofRecord> codec = AvroCodec.forProofRecords();
    byte[] payload = codec.encode(SampleRecords.bulletproofsRecord());
    payload[11] = (byte) 0xC0; // first byte of "sensor-0042": an overlong-form lead byte

    assertRefused(codec, payload, Reason.MALFORMED, "field sensorId: at offset 11, string is not "
        + "well-formed UTF-8 (byte 0 of 11)");
  }

  @Test
  void shouldRefuseAVarintLongerThanTenBytes() {
    AvroCodec<ProofRecord> codec = AvroCodec.forProofRecords();
    byte[] header = Arrays.copyOf(codec.encode(SampleRecords.bulletproofsRecord()), 10);
    byte[] endless = new byte[12];
    Arrays.fill(endless, (byte) 0xFF);

    assertRefused(codec, concat(header, endless), Reason.MALFORMED,
        "string length varint does not fit in 64 bits");
  }

  @Test
  void shouldOnlyEverThrowUndecodableRecordExceptionOnMutatedPayloads() {
    AvroCodec<ProofRecord> codec = AvroCodec.forProofRecords();
    byte[] valid = codec.encode(SampleRecords.groth16Record());
    Random random = new Random(20261124);
    int refused = 0;

    for (int trial = 0; trial < 20_000; trial++) {
      byte[] mutated = valid.clone();
      int flips = 1 + random.nextInt(4);
      for (int f = 0; f < flips; f++) {
        mutated[10 + random.nextInt(mutated.length - 10)] = (byte) random.nextInt(256);
      }
      if (random.nextInt(10) == 0) {
        mutated = Arrays.copyOf(mutated, 10 + random.nextInt(mutated.length - 9));
      }
      try {
        codec.decode(mutated);
      } catch (UndecodableRecordException expected) {
        refused++;
      }
    }

    assertThat(refused).isPositive();
  }

  @Test
  void shouldRefuseToEncodeWhatReadersWouldRefuse() {
    AvroCodec<ModuleAnnouncement> codec =
        AvroCodec.builder(ModuleAnnouncement.class).maxBytes(1024).build();

    assertThatThrownBy(() -> codec.encode(SampleRecords.moduleAnnouncement()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("over this codec's limit of 1024 bytes");
    assertThatThrownBy(() -> AvroCodec.forVerdicts().encode(new Verdict()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot encode Verdict: ");
  }

  @Test
  void shouldNameTheWrongOptionOfTheBuilder() {
    assertThatThrownBy(() -> AvroCodec.builder(Verdict.class).maxBytes(9).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBytes must be at least 10");
    assertThatThrownBy(() -> AvroCodec.builder(Verdict.class)
            .addWriterSchema(ProofRecord.getClassSchema()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("io.zkedge.schemas.ProofRecord is not a version of "
            + "io.zkedge.schemas.Verdict");
  }

  @Test
  void shouldUseTheLargeLimitForRecordsThatCarryWholePayloads() {
    assertThat(AvroCodec.forProofRecords().maxBytes()).isEqualTo(64 * 1024);
    assertThat(AvroCodec.forVerdicts().maxBytes()).isEqualTo(64 * 1024);
    assertThat(AvroCodec.forComplianceRecords().maxBytes()).isEqualTo(64 * 1024);
    assertThat(AvroCodec.forDeadLetters().maxBytes()).isEqualTo(1024 * 1024);
    assertThat(AvroCodec.forModuleAnnouncements().maxBytes()).isEqualTo(1024 * 1024);
  }

  @Test
  void shouldBeUsableFromManyThreadsAtOnce() throws Exception {
    AvroCodec<ProofRecord> codec = AvroCodec.forProofRecords();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        final int thread = t;
        results.add(pool.submit(() -> {
          for (int i = 0; i < 500; i++) {
            ProofRecord record = ProofRecord.newBuilder(SampleRecords.groth16Record())
                .setSeq(thread * 1000L + i).build();
            if (!codec.decode(codec.encode(record)).equals(record)) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static UndecodableRecordException assertRefused(AvroCodec<?> codec, byte[] payload,
      Reason reason, String messagePart) {
    UndecodableRecordException e =
        catchThrowableOfType(UndecodableRecordException.class, () -> codec.decode(payload));
    assertThat(e).as("decode must refuse the payload").isNotNull();
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
    assertThat(e.getMessage()).startsWith(reason + ": " + codec.schema().getName() + ": ")
        .contains(messagePart);
    return e;
  }

  private static byte[] zigZagVarint(long value) {
    long n = (value << 1) ^ (value >> 63);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while ((n & ~0x7FL) != 0) {
      out.write((int) ((n & 0x7F) | 0x80));
      n >>>= 7;
    }
    out.write((int) n);
    return out.toByteArray();
  }

  private static int indexOfProofSystem(byte[] payload) {
    AvroCodec<ProofRecord> codec = AvroCodec.forProofRecords();
    byte[] other = codec.encode(ProofRecord.newBuilder(SampleRecords.bulletproofsRecord())
        .setProofSystem(ProofSystem.GROTH16).build());
    return firstDifference(payload, other);
  }

  private static int firstDifference(byte[] a, byte[] b) {
    int i = Arrays.mismatch(a, b);
    assertThat(i).isNotNegative();
    return i;
  }
}
