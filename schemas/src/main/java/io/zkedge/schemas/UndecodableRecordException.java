package io.zkedge.schemas;

import java.util.Objects;

/**
 * A payload that {@link AvroCodec#decode(byte[])} cannot turn into a record. The {@link #reason()}
 * says which check failed; the message says where and why, in words fit for a dead letter's
 * {@code detail}.
 *
 * <p>This is a checked exception on purpose: an undecodable payload is an expected input on a
 * Kafka topic, and the caller must route it (to {@code zkedge.deadletter}), not crash on it.
 */
public final class UndecodableRecordException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a payload was refused. */
  public enum Reason {
    /** A {@code null} (Kafka tombstone) or zero-length payload. */
    EMPTY,
    /** More bytes than the codec's {@link AvroCodec#maxBytes() limit}; nothing was parsed. */
    OVERSIZED,
    /** The first two bytes are not the single-object marker {@code C3 01}. */
    BAD_MAGIC,
    /** The payload ends inside the header or inside the datum. */
    TRUNCATED,
    /** The header names a writer schema (CRC-64-AVRO fingerprint) that this reader does not know. */
    UNKNOWN_FINGERPRINT,
    /** The datum is not a valid encoding of its writer schema (bad index, bad varint, bad UTF-8...). */
    MALFORMED,
    /** The datum is complete, but more bytes follow it. */
    TRAILING_BYTES,
    /** The writer schema is known, but the datum cannot be read with the reader schema. */
    INCOMPATIBLE_SCHEMA;

    /** The dead-letter reason to publish for this refusal. */
    public DeadLetterReason deadLetterReason() {
      return this == OVERSIZED ? DeadLetterReason.OVERSIZED : DeadLetterReason.UNDECODABLE;
    }
  }

  private final Reason reason;

  UndecodableRecordException(Reason reason, String message) {
    this(reason, message, null);
  }

  UndecodableRecordException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Which check refused the payload. */
  public Reason reason() {
    return reason;
  }
}
