package io.zkedge.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.SchemaStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Schema evolution through single-object encoding: v1 of ProofRecord is kept frozen in
 * {@code src/test/resources/evolution/}; v2 adds a field with a default.
 */
class SchemaEvolutionTest {
  private static Schema v1;
  private static Schema v2;

  @BeforeAll
  static void schemas() throws IOException {
    try (InputStream in =
        SchemaEvolutionTest.class.getResourceAsStream("/evolution/ProofRecord.v1.avsc")) {
      v1 = new Schema.Parser().parse(in);
    }
    v2 = withAddedField(v1, new Schema.Field("firmware", Schema.create(Schema.Type.STRING),
        "Device firmware version (added in v2).", "unknown"));
  }

  @Test
  void shouldKeepTheFrozenV1EqualToTheSchemaThisBuildWrites() {
    assertThat(AvroCodec.fingerprint(v1)).isEqualTo(AvroCodec.forProofRecords().fingerprint());
    assertThat(AvroCodec.fingerprint(v2)).isNotEqualTo(AvroCodec.fingerprint(v1));
  }

  @Test
  void shouldReadOldWriterRecordsWithANewReader() throws Exception {
    AvroCodec<GenericRecord> oldWriter = AvroCodec.genericBuilder(v1).build();
    AvroCodec<GenericRecord> newReader = AvroCodec.genericBuilder(v2).addWriterSchema(v1).build();
    GenericRecord written = v1Record();

    GenericRecord read = newReader.decode(oldWriter.encode(written));

    assertThat(read.getSchema()).isEqualTo(v2);
    assertThat(read.get("firmware")).hasToString("unknown"); // the v2 default
    for (Schema.Field field : v1.getFields()) {
      assertThat(GenericData.get().compare(read.get(field.name()), written.get(field.name()),
          field.schema())).as(field.name()).isZero();
    }
  }

  @Test
  void shouldReadNewWriterRecordsWithAnOldReaderThatHasTheNewSchemaInItsStore() throws Exception {
    SchemaStore.Cache store = new SchemaStore.Cache();
    store.addSchema(v2);
    AvroCodec<GenericRecord> newWriter = AvroCodec.genericBuilder(v2).build();
    GenericRecord written = v2Record("fw-2.1.0");
    byte[] payload = newWriter.encode(written);

    GenericRecord readGeneric = AvroCodec.genericBuilder(v1).schemaStore(store).build()
        .decode(payload);
    ProofRecord readSpecific = AvroCodec.builder(ProofRecord.class).schemaStore(store).build()
        .decode(payload);

    assertThat(readGeneric.getSchema()).isEqualTo(v1);
    assertThat(readGeneric.hasField("firmware")).isFalse(); // dropped: v1 does not know it
    assertThat(readGeneric.get("sensorId")).hasToString("sensor-0042");
    assertThat(readSpecific).isEqualTo(SampleRecords.bulletproofsRecord());
  }

  @Test
  void shouldRefuseNewWriterRecordsWhenTheReaderCannotResolveTheirFingerprint() {
    byte[] payload = AvroCodec.genericBuilder(v2).build().encode(v2Record("fw-2.1.0"));

    UndecodableRecordException e = catchThrowableOfType(UndecodableRecordException.class,
        () -> AvroCodec.forProofRecords().decode(payload));

    assertThat(e.reason()).isEqualTo(UndecodableRecordException.Reason.UNKNOWN_FINGERPRINT);
    assertThat(e.getMessage()).contains(String.format("0x%016x", AvroCodec.fingerprint(v2)));
  }

  @Test
  void shouldDecodeTheFrozenV1WithTheCurrentReaderOfThisBuild() throws Exception {
    byte[] payload = AvroCodec.genericBuilder(v1).build().encode(v1Record());

    assertThat(AvroCodec.forProofRecords().decode(payload))
        .isEqualTo(SampleRecords.bulletproofsRecord());
  }

  @Test
  void shouldRefuseAWriterSchemaThatCannotBeResolved() {
    // A "v3" that changed seq from long to string: known to the reader, but not resolvable.
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : v1.getFields()) {
      fields.add(f.name().equals("seq")
          ? new Schema.Field("seq", Schema.create(Schema.Type.STRING), null, (Object) null)
          : new Schema.Field(f, f.schema()));
    }
    Schema v3 = Schema.createRecord(v1.getName(), v1.getDoc(), v1.getNamespace(), false, fields);
    GenericRecord record = new GenericData.Record(v3);
    GenericRecord source = v1Record();
    for (Schema.Field f : v1.getFields()) {
      record.put(f.name(), f.name().equals("seq") ? "seventeen" : source.get(f.name()));
    }
    byte[] payload = AvroCodec.genericBuilder(v3).build().encode(record);

    UndecodableRecordException e = catchThrowableOfType(UndecodableRecordException.class,
        () -> AvroCodec.builder(ProofRecord.class).addWriterSchema(v3).build().decode(payload));

    assertThat(e.reason()).isEqualTo(UndecodableRecordException.Reason.INCOMPATIBLE_SCHEMA);
  }

  // ---------------------------------------------------------------------------------------------

  /** The sample Bulletproofs record, written generically with the frozen v1 schema. */
  private static GenericRecord v1Record() {
    ProofRecord sample = SampleRecords.bulletproofsRecord();
    Schema rangeSchema = v1.getField("range").schema().getTypes().get(1);
    GenericRecord range = new GenericData.Record(rangeSchema);
    range.put("min", sample.getRange().getMin());
    range.put("max", sample.getRange().getMax());
    range.put("bits", sample.getRange().getBits());
    GenericRecord r = new GenericData.Record(v1);
    r.put("sensorId", sample.getSensorId());
    r.put("gatewayId", sample.getGatewayId());
    r.put("seq", sample.getSeq());
    r.put("eventTime", sample.getEventTime().toEpochMilli());
    r.put("proofSystem", new GenericData.EnumSymbol(v1.getField("proofSystem").schema(),
        sample.getProofSystem().name()));
    r.put("statementId", sample.getStatementId());
    r.put("commitment", sample.getCommitment());
    r.put("proof", sample.getProof());
    r.put("range", range);
    r.put("publicInputs", new GenericData.Array<ByteBuffer>(
        v1.getField("publicInputs").schema(), List.of()));
    return r;
  }

  private static GenericRecord v2Record(String firmware) {
    GenericRecord old = v1Record();
    GenericRecord r = new GenericData.Record(v2);
    for (Schema.Field f : v1.getFields()) {
      r.put(f.name(), old.get(f.name()));
    }
    r.put("firmware", firmware);
    return r;
  }

  private static Schema withAddedField(Schema schema, Schema.Field added) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : schema.getFields()) {
      fields.add(new Schema.Field(f, f.schema()));
    }
    fields.add(added);
    return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false,
        fields);
  }
}
