package io.zkedge.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes and decodes one record type as Kafka payloads in Avro <em>single-object encoding</em>:
 *
 * <pre>
 *   C3 01 | CRC-64-AVRO fingerprint of the writer schema (8 bytes, little-endian) | Avro binary datum
 * </pre>
 *
 * <p>The fingerprint names the writer's schema, so a reader resolves records written by an older
 * (or newer) schema version against its own. The codec knows the current schema, the released
 * versions kept in {@code io/zkedge/schemas/history/}, any schema added with
 * {@link Builder#addWriterSchema}, and whatever an optional {@link SchemaStore} returns.
 *
 * <pre>{@code
 * AvroCodec<ProofRecord> codec = AvroCodec.forProofRecords();
 * byte[] payload = codec.encode(record);
 * try {
 *   ProofRecord back = codec.decode(payload);
 * } catch (UndecodableRecordException e) {
 *   // dead letter: e.reason().deadLetterReason(), e.getMessage()
 * }
 * }</pre>
 *
 * <p>{@link #decode} never throws anything but {@link UndecodableRecordException} for a bad
 * payload: before Avro sees the datum, the payload's size is checked against {@link #maxBytes()},
 * and the datum is walked against its writer schema so that no length prefix can make Avro
 * allocate more than the payload holds. Trailing bytes after the datum are refused.
 *
 * <p><b>Thread safety:</b> a codec is immutable apart from a concurrent cache of resolved writer
 * schemas; {@link #encode} and {@link #decode} may be called from any number of threads (Avro's
 * {@code BinaryMessageEncoder}/{@code Decoder} keep their buffers per thread). Keeping one codec
 * per Flink operator instance, created in {@code open()}, is the intended use. A codec is not
 * {@link java.io.Serializable}: create it where it is used.
 *
 * @param <T> the record type: a generated {@link SpecificRecord}, or {@link GenericRecord} for a
 *     codec built with {@link #genericBuilder(Schema)}
 */
public final class AvroCodec<T extends IndexedRecord> {
  /** The default payload limit: 64 KiB. */
  public static final int DEFAULT_MAX_BYTES = 64 * 1024;

  /**
   * The payload limit of {@link #forDeadLetters()} and {@link #forModuleAnnouncements()}, which
   * carry a whole refused payload or a whole Wasm module: 1 MiB, Kafka's default message limit.
   */
  public static final int LARGE_MAX_BYTES = 1024 * 1024;

  /** The single-object marker. */
  static final byte MAGIC_0 = (byte) 0xC3;

  static final byte MAGIC_1 = (byte) 0x01;

  /** Marker plus fingerprint. */
  static final int HEADER_LENGTH = 10;

  /** Fingerprints of the current zkedge record schemas, to name them in error messages. */
  private static final Map<Long, String> ZKEDGE_FINGERPRINTS = Map.of(
      fingerprint(ProofRecord.getClassSchema()), ProofRecord.getClassSchema().getFullName(),
      fingerprint(Verdict.getClassSchema()), Verdict.getClassSchema().getFullName(),
      fingerprint(ComplianceRecord.getClassSchema()), ComplianceRecord.getClassSchema().getFullName(),
      fingerprint(DeadLetter.getClassSchema()), DeadLetter.getClassSchema().getFullName(),
      fingerprint(ModuleAnnouncement.getClassSchema()),
      ModuleAnnouncement.getClassSchema().getFullName());

  private final Schema schema;
  private final String typeName;
  private final long fingerprint;
  private final int maxBytes;
  private final Map<Long, Schema> writerSchemas;
  private final SchemaStore schemaStore;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private AvroCodec(Builder<T> builder) {
    this.schema = builder.schema;
    this.typeName = schema.getName();
    this.fingerprint = fingerprint(schema);
    this.maxBytes = builder.maxBytes;
    this.writerSchemas = new ConcurrentHashMap<>(builder.writerSchemas);
    this.writerSchemas.put(fingerprint, schema);
    this.schemaStore = builder.schemaStore;
    this.encoder = new BinaryMessageEncoder<>(builder.model, schema);
    this.decoder = new BinaryMessageDecoder<>(builder.model, schema, this::writerSchema);
  }

  // ---------------------------------------------------------------------------------------------
  // Factories

  /** Proof records ({@code zkedge.proofs}), limit {@link #DEFAULT_MAX_BYTES}. */
  public static AvroCodec<ProofRecord> forProofRecords() {
    return builder(ProofRecord.class).build();
  }

  /** Verdicts ({@code zkedge.verdicts}), limit {@link #DEFAULT_MAX_BYTES}. */
  public static AvroCodec<Verdict> forVerdicts() {
    return builder(Verdict.class).build();
  }

  /** Compliance records ({@code zkedge.compliance}), limit {@link #DEFAULT_MAX_BYTES}. */
  public static AvroCodec<ComplianceRecord> forComplianceRecords() {
    return builder(ComplianceRecord.class).build();
  }

  /** Dead letters ({@code zkedge.deadletter}), limit {@link #LARGE_MAX_BYTES}. */
  public static AvroCodec<DeadLetter> forDeadLetters() {
    return builder(DeadLetter.class).maxBytes(LARGE_MAX_BYTES).build();
  }

  /** Module announcements ({@code zkedge.modules}), limit {@link #LARGE_MAX_BYTES}. */
  public static AvroCodec<ModuleAnnouncement> forModuleAnnouncements() {
    return builder(ModuleAnnouncement.class).maxBytes(LARGE_MAX_BYTES).build();
  }

  /**
   * A builder for a generated record class. The class's released schema versions (the history on
   * the class path) are known writer schemas from the start.
   */
  public static <T extends SpecificRecord> Builder<T> builder(Class<T> type) {
    Objects.requireNonNull(type, "type");
    SpecificData model = SpecificData.getForClass(type);
    Schema schema = model.getSchema(type);
    Builder<T> builder = new Builder<>(model, schema);
    for (Schema released : SchemaHistory.versions(schema.getName())) {
      builder.addWriterSchema(released);
    }
    return builder;
  }

  /**
   * A builder for {@link GenericRecord}s of {@code readerSchema}, for tools that read a schema no
   * class was generated for. Logical types stay as their underlying Avro types (a
   * {@code timestamp-millis} is a {@code Long}). No history is added.
   */
  public static Builder<GenericRecord> genericBuilder(Schema readerSchema) {
    Objects.requireNonNull(readerSchema, "readerSchema");
    if (readerSchema.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException("readerSchema must be a record, not "
          + readerSchema.getType());
    }
    return new Builder<>(new GenericData(), readerSchema);
  }

  // ---------------------------------------------------------------------------------------------
  // Encoding and decoding

  /**
   * The single-object encoding of {@code record} under this codec's schema.
   *
   * @throws IllegalArgumentException if the record cannot be encoded (a {@code null} in a
   *     non-null field, a record of another schema) or its encoding exceeds {@link #maxBytes()}:
   *     readers would refuse it
   */
  public byte[] encode(T record) {
    Objects.requireNonNull(record, "record");
    Schema recordSchema = record.getSchema();
    if (recordSchema != schema && !recordSchema.equals(schema)) {
      throw new IllegalArgumentException("cannot encode a " + recordSchema.getFullName()
          + " with the codec for " + schema.getFullName() + " (another schema)");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try {
      encoder.encode(record, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot encode " + typeName + ": " + e.getMessage(), e);
    }
    if (out.size() > maxBytes) {
      throw new IllegalArgumentException(typeName + " encodes to " + out.size()
          + " bytes, over this codec's limit of " + maxBytes + " bytes");
    }
    return out.toByteArray();
  }

  /**
   * Decodes one single-object-encoded payload written with any schema version this codec knows.
   *
   * @param payload the Kafka record value ({@code null} for a tombstone is refused as
   *     {@link UndecodableRecordException.Reason#EMPTY EMPTY})
   * @throws UndecodableRecordException for any payload that is not exactly one well-formed,
   *     resolvable datum within the size limit; {@link UndecodableRecordException#reason()} says
   *     which check failed
   */
  public T decode(byte[] payload) throws UndecodableRecordException {
    if (payload == null || payload.length == 0) {
      throw refuse(UndecodableRecordException.Reason.EMPTY,
          payload == null ? "null payload (tombstone)" : "zero-length payload");
    }
    if (payload.length > maxBytes) {
      throw refuse(UndecodableRecordException.Reason.OVERSIZED, "payload of " + payload.length
          + " bytes exceeds the limit of " + maxBytes + " bytes");
    }
    if (payload[0] != MAGIC_0 || (payload.length > 1 && payload[1] != MAGIC_1)) {
      throw refuse(UndecodableRecordException.Reason.BAD_MAGIC, String.format(
          "payload starts with %s, not the single-object marker C3 01", hexPrefix(payload)));
    }
    if (payload.length < HEADER_LENGTH) {
      throw refuse(UndecodableRecordException.Reason.TRUNCATED, "payload of " + payload.length
          + " bytes ends inside the " + HEADER_LENGTH + "-byte single-object header");
    }
    long writerFingerprint = readFingerprint(payload);
    Schema writer = writerSchema(writerFingerprint);
    if (writer == null) {
      throw refuse(UndecodableRecordException.Reason.UNKNOWN_FINGERPRINT,
          unknownFingerprintMessage(writerFingerprint));
    }
    int datumEnd;
    try {
      datumEnd = DatumScanner.scan(writer, payload, HEADER_LENGTH, payload.length, maxBytes);
    } catch (DatumScanner.Failure f) {
      throw refuse(f.reason, f.getMessage() + " (writer schema " + hex(writerFingerprint) + ")");
    }
    if (datumEnd != payload.length) {
      throw refuse(UndecodableRecordException.Reason.TRAILING_BYTES, (payload.length - datumEnd)
          + " bytes follow the datum, which ends at offset " + datumEnd);
    }
    try {
      return decoder.decode(payload);
    } catch (IOException | RuntimeException e) {
      UndecodableRecordException.Reason reason = hasCause(e, AvroTypeException.class)
          ? UndecodableRecordException.Reason.INCOMPATIBLE_SCHEMA
          : UndecodableRecordException.Reason.MALFORMED;
      throw new UndecodableRecordException(reason, typeName + ": cannot resolve writer schema "
          + hex(writerFingerprint) + " to the reader's: " + rootMessage(e), e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Accessors

  /** The reader (and writer) schema of this codec. */
  public Schema schema() {
    return schema;
  }

  /** The CRC-64-AVRO fingerprint that {@link #encode} writes into the header. */
  public long fingerprint() {
    return fingerprint;
  }

  /** The largest payload {@link #decode} accepts and {@link #encode} produces, in bytes. */
  public int maxBytes() {
    return maxBytes;
  }

  /** The CRC-64-AVRO fingerprint of a schema's parsing canonical form. */
  public static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  @Override
  public String toString() {
    return "AvroCodec[" + schema.getFullName() + ", " + hex(fingerprint) + ", maxBytes="
        + maxBytes + "]";
  }

  // ---------------------------------------------------------------------------------------------
  // Internals

  /** The writer schema with this fingerprint, or null. Also the decoder's {@link SchemaStore}. */
  private Schema writerSchema(long fp) {
    Schema known = writerSchemas.get(fp);
    if (known != null || schemaStore == null) {
      return known;
    }
    Schema found = schemaStore.findByFingerprint(fp);
    if (found == null || fingerprint(found) != fp) {
      return null; // a store that answers with another schema is as good as no answer
    }
    Schema raced = writerSchemas.putIfAbsent(fp, found);
    return raced != null ? raced : found;
  }

  private String unknownFingerprintMessage(long fp) {
    String other = ZKEDGE_FINGERPRINTS.get(fp);
    String hint = other != null && !other.equals(schema.getFullName())
        ? "; it is the current schema of " + other + " (wrong topic?)"
        : "";
    return "writer schema " + hex(fp) + " is not a known " + typeName + " schema" + hint;
  }

  private UndecodableRecordException refuse(UndecodableRecordException.Reason reason,
      String message) {
    return new UndecodableRecordException(reason, typeName + ": " + message);
  }

  static long readFingerprint(byte[] payload) {
    long fp = 0;
    for (int i = HEADER_LENGTH - 1; i >= 2; i--) {
      fp = (fp << 8) | (payload[i] & 0xffL);
    }
    return fp;
  }

  private static String hex(long fp) {
    return String.format("0x%016x", fp);
  }

  private static String hexPrefix(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(2, b.length); i++) {
      s.append(i == 0 ? "" : " ").append(String.format("%02X", b[i]));
    }
    return s.toString();
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? ""
        : ": " + root.getMessage());
  }

  /**
   * Configures an {@link AvroCodec}. Defaults: limit {@link #DEFAULT_MAX_BYTES}, no schema store.
   *
   * <pre>{@code
   * AvroCodec<ProofRecord> codec = AvroCodec.builder(ProofRecord.class)
   *     .maxBytes(128 * 1024)
   *     .schemaStore(registry)        // optional: fingerprints this build does not know
   *     .build();
   * }</pre>
   *
   * @param <T> the record type
   */
  public static final class Builder<T extends IndexedRecord> {
    private final GenericData model;
    private final Schema schema;
    private final Map<Long, Schema> writerSchemas = new ConcurrentHashMap<>();
    private int maxBytes = DEFAULT_MAX_BYTES;
    private SchemaStore schemaStore;

    private Builder(GenericData model, Schema schema) {
      this.model = model;
      this.schema = schema;
    }

    /** The largest payload accepted and produced, in bytes (at least the 10-byte header). */
    public Builder<T> maxBytes(int maxBytes) {
      this.maxBytes = maxBytes;
      return this;
    }

    /**
     * Another writer schema (an older or newer version of the record) that payloads may carry.
     * It must have the reader's full name; fields resolve by Avro's schema resolution rules.
     */
    public Builder<T> addWriterSchema(Schema writerSchema) {
      Objects.requireNonNull(writerSchema, "writerSchema");
      if (!schema.getFullName().equals(writerSchema.getFullName())) {
        throw new IllegalArgumentException("writer schema " + writerSchema.getFullName()
            + " is not a version of " + schema.getFullName());
      }
      writerSchemas.put(fingerprint(writerSchema), writerSchema);
      return this;
    }

    /**
     * A store consulted for fingerprints this codec does not know (a schema registry, or a
     * {@link SchemaStore.Cache}). It must be thread-safe; its answers are cached.
     */
    public Builder<T> schemaStore(SchemaStore schemaStore) {
      this.schemaStore = Objects.requireNonNull(schemaStore, "schemaStore");
      return this;
    }

    /** The codec. */
    public AvroCodec<T> build() {
      if (maxBytes < HEADER_LENGTH) {
        throw new IllegalArgumentException("maxBytes must be at least " + HEADER_LENGTH
            + " (the single-object header), not " + maxBytes);
      }
      return new AvroCodec<>(this);
    }
  }
}
