package io.zkedge.evidence;

import java.util.Objects;

/**
 * One problem {@link ChainChecker} found in a sensor's stream of signed records.
 *
 * @param kind what is wrong
 * @param chainIndex the {@code chainIndex} of {@code record}
 * @param record the offending record (for a {@link Kind#GAP}: the first record after the gap)
 * @param detail what was expected and what was found, in words
 * @param <T> {@code Verdict} or {@code ComplianceRecord}
 */
public record ChainFinding<T>(Kind kind, long chainIndex, T record, String detail) {

  /** What a finding is about. */
  public enum Kind {
    /** chainIndex jumped forward: records are missing (deleted, or not yet seen). */
    GAP,
    /** prevHash does not equal the chain hash of the record before (altered, inserted, re-signed). */
    BROKEN_LINK,
    /** The same record (equal chain hash) was seen before. */
    DUPLICATE,
    /** A record arrived after one with a higher chainIndex. */
    REORDERED,
    /** A different record (another chain hash) already holds this chainIndex: a fork or a forgery. */
    CONFLICT,
    /** The record belongs to another sensor than the chain being checked. */
    SENSOR_MISMATCH,
    /** signerKeyId names no trusted key. */
    UNKNOWN_KEY,
    /** The signature does not verify under the named, trusted key. */
    BAD_SIGNATURE,
    /** The record cannot take part in a chain (negative chainIndex, missing fields). */
    MALFORMED
  }

  /** Checks the components. */
  public ChainFinding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return kind + " at chainIndex " + chainIndex + ": " + detail;
  }
}
