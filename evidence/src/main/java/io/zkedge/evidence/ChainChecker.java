package io.zkedge.evidence;

import io.zkedge.schemas.ComplianceRecord;
import io.zkedge.schemas.Verdict;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Checks one sensor's chain of signed verdicts (or compliance records), fed in stream order:
 * gaps, broken links, duplicates, reordering, conflicting records and, when given an
 * {@link EvidenceVerifier}, signatures.
 *
 * <pre>{@code
 * ChainChecker<Verdict> checker = ChainChecker.verdicts().verifySignaturesWith(verifier).build();
 * for (Verdict v : verdictsOfOneSensorInOffsetOrder) {
 *   for (ChainFinding<Verdict> f : checker.check(v)) report(f);
 * }
 * }</pre>
 *
 * <p>Rules, for a record with index {@code i}, prevHash {@code p} and chain hash {@code h}
 * ({@link ChainHasher}), where {@code head} is the highest index accepted so far:
 *
 * <ul>
 *   <li>A record of another sensor, or (with a verifier) whose signature is not OK, is reported
 *       and otherwise ignored: it is not evidence, so it neither advances nor breaks the chain.
 *   <li>First record: index 0 with the genesis prevHash, or a {@link ChainFinding.Kind#GAP GAP}
 *       ({@link Builder#startAnywhere()} accepts any first index, for a topic whose oldest records
 *       have expired).
 *   <li>{@code i == head + 1}: {@code p} must equal the hash of record {@code head}, else
 *       {@link ChainFinding.Kind#BROKEN_LINK BROKEN_LINK}.
 *   <li>{@code i > head + 1}: a {@link ChainFinding.Kind#GAP GAP}.
 *   <li>{@code i <= head}: a {@link ChainFinding.Kind#DUPLICATE DUPLICATE} if a record with the
 *       same hash holds {@code i}, a {@link ChainFinding.Kind#CONFLICT CONFLICT} if another one
 *       does, else {@link ChainFinding.Kind#REORDERED REORDERED}; a late record is then linked to
 *       its neighbours that were seen, and a mismatch is a {@code BROKEN_LINK}.
 * </ul>
 *
 * <p>A swap of two neighbours therefore shows as a {@code GAP} (when the later one arrives first)
 * followed by {@code REORDERED}; a deletion as a {@code GAP}; an altered or re-signed record as a
 * {@code BAD_SIGNATURE}/{@code UNKNOWN_KEY}, or as a {@code BROKEN_LINK} at its successor. The
 * checker remembers the hashes of the last {@link Builder#lookBack(int) lookBack} indexes (default
 * {@value #DEFAULT_LOOK_BACK}); an older late record is reported as {@code REORDERED} without link
 * checks. Not thread-safe: one checker per sensor.
 *
 * @param <T> {@code Verdict} or {@code ComplianceRecord}
 */
public final class ChainChecker<T> {
  /** Default number of recent chain indexes whose hashes are remembered. */
  public static final int DEFAULT_LOOK_BACK = 4096;

  /** A remembered record: its chain hash and prevHash. */
  private static final class Link {
    final byte[] hash;
    final byte[] prevHash;

    Link(byte[] hash, byte[] prevHash) {
      this.hash = hash;
      this.prevHash = prevHash;
    }
  }

  private final EvidenceKind<T> kind;
  private final EvidenceVerifier verifier;
  private final boolean requireGenesis;
  private final int lookBack;
  private final TreeMap<Long, Link> recent = new TreeMap<>();
  private final List<ChainFinding<T>> findings = new ArrayList<>();
  private String sensorId;
  private long head = -1;
  private long checked;

  private ChainChecker(Builder<T> b) {
    this.kind = b.kind;
    this.verifier = b.verifier;
    this.requireGenesis = b.requireGenesis;
    this.lookBack = b.lookBack;
    this.sensorId = b.sensorId;
  }

  /** A builder for a checker of one sensor's verdict chain. */
  public static Builder<Verdict> verdicts() {
    return new Builder<>(EvidenceKind.VERDICTS);
  }

  /** A builder for a checker of one sensor's compliance chain. */
  public static Builder<ComplianceRecord> complianceRecords() {
    return new Builder<>(EvidenceKind.COMPLIANCE_RECORDS);
  }

  /**
   * Checks the next record of the stream.
   *
   * @return the findings about this record (empty when it continues the chain correctly)
   */
  public List<ChainFinding<T>> check(T record) {
    Objects.requireNonNull(record, "record");
    checked++;
    List<ChainFinding<T>> out = new ArrayList<>(1);
    examine(record, out);
    findings.addAll(out);
    return Collections.unmodifiableList(out);
  }

  private void examine(T record, List<ChainFinding<T>> out) {
    long i = kind.chainIndex(record);
    String recordSensor = kind.sensorId(record);
    if (sensorId != null && !sensorId.equals(recordSensor)) {
      out.add(finding(ChainFinding.Kind.SENSOR_MISMATCH, i, record,
          "record of sensor '" + recordSensor + "' in the chain of sensor '" + sensorId + "'"));
      return;
    }
    if (verifier != null) {
      SignatureStatus status = verifier.verify(kind, record);
      if (status != SignatureStatus.OK) {
        out.add(finding(status == SignatureStatus.UNKNOWN_KEY ? ChainFinding.Kind.UNKNOWN_KEY
                : ChainFinding.Kind.BAD_SIGNATURE, i, record,
            status == SignatureStatus.UNKNOWN_KEY
                ? "signed by an untrusted key id"
                : "signature does not verify: the record was altered or not signed by its key"));
        return;
      }
    }
    byte[] hash;
    byte[] prevHash;
    try {
      hash = ChainHasher.hash(kind, record);
      prevHash = bytes(kind.prevHash(record));
    } catch (IllegalArgumentException e) {
      out.add(finding(ChainFinding.Kind.MALFORMED, i, record, e.getMessage()));
      return;
    }
    if (i < 0) {
      out.add(finding(ChainFinding.Kind.MALFORMED, i, record, "negative chainIndex"));
      return;
    }
    if (sensorId == null) {
      sensorId = recordSensor;
    }

    if (head < 0) {
      if (i == 0) {
        requireGenesisLink(record, prevHash, out);
      } else if (requireGenesis) {
        out.add(finding(ChainFinding.Kind.GAP, i, record, "the chain starts at index " + i
            + " instead of 0: " + i + " record(s) missing (0.." + (i - 1) + ")"));
      }
      accept(i, hash, prevHash, true);
    } else if (i == head + 1) {
      Link previous = recent.get(head);
      if (!Arrays.equals(prevHash, previous.hash)) {
        out.add(finding(ChainFinding.Kind.BROKEN_LINK, i, record, "prevHash "
            + Sha256.hex(prevHash) + " is not the hash " + Sha256.hex(previous.hash)
            + " of record " + head));
      }
      accept(i, hash, prevHash, true);
    } else if (i > head + 1) {
      long missing = i - head - 1;
      out.add(finding(ChainFinding.Kind.GAP, i, record, "chainIndex jumps from " + head + " to "
          + i + ": " + missing + " record(s) missing (" + (head + 1)
          + (missing > 1 ? ".." + (i - 1) : "") + ")"));
      accept(i, hash, prevHash, true);
    } else {
      late(record, i, hash, prevHash, out);
    }
  }

  /** A record with an index at or below the head. */
  private void late(T record, long i, byte[] hash, byte[] prevHash, List<ChainFinding<T>> out) {
    Link same = recent.get(i);
    if (same != null) {
      if (Arrays.equals(same.hash, hash)) {
        out.add(finding(ChainFinding.Kind.DUPLICATE, i, record,
            "record " + i + " was already seen (same hash " + Sha256.hex(hash) + ")"));
      } else {
        out.add(finding(ChainFinding.Kind.CONFLICT, i, record, "another record with hash "
            + Sha256.hex(same.hash) + " already holds index " + i + "; this one has "
            + Sha256.hex(hash)));
      }
      return;
    }
    if (recent.isEmpty() || i < head - lookBack + 1) {
      out.add(finding(ChainFinding.Kind.REORDERED, i, record, "record " + i
          + " arrived after record " + head + ", older than the look-back of " + lookBack
          + " indexes: duplicates and links not checked"));
      return;
    }
    out.add(finding(ChainFinding.Kind.REORDERED, i, record,
        "record " + i + " arrived after record " + head));
    if (i == 0) {
      requireGenesisLink(record, prevHash, out);
    } else {
      Link before = recent.get(i - 1);
      if (before != null && !Arrays.equals(prevHash, before.hash)) {
        out.add(finding(ChainFinding.Kind.BROKEN_LINK, i, record, "prevHash "
            + Sha256.hex(prevHash) + " is not the hash " + Sha256.hex(before.hash)
            + " of record " + (i - 1)));
      }
    }
    Link after = recent.get(i + 1);
    if (after != null && !Arrays.equals(after.prevHash, hash)) {
      out.add(finding(ChainFinding.Kind.BROKEN_LINK, i, record, "record " + (i + 1)
          + " links to " + Sha256.hex(after.prevHash) + ", not to this record's hash "
          + Sha256.hex(hash)));
    }
    accept(i, hash, prevHash, false);
  }

  private void requireGenesisLink(T record, byte[] prevHash, List<ChainFinding<T>> out) {
    if (!ChainHasher.isGenesis(ByteBuffer.wrap(prevHash))) {
      out.add(finding(ChainFinding.Kind.BROKEN_LINK, 0, record, "the first record's prevHash "
          + Sha256.hex(prevHash) + " is not 32 zero bytes"));
    }
  }

  private void accept(long i, byte[] hash, byte[] prevHash, boolean advancesHead) {
    recent.put(i, new Link(hash, prevHash));
    if (advancesHead) {
      head = i;
    }
    while (recent.size() > lookBack || (!recent.isEmpty() && recent.firstKey() <= head - lookBack)) {
      recent.pollFirstEntry();
    }
  }

  private ChainFinding<T> finding(ChainFinding.Kind kind, long i, T record, String detail) {
    return new ChainFinding<>(kind, i, record, detail);
  }

  /** Every finding so far, in order. */
  public List<ChainFinding<T>> findings() {
    return Collections.unmodifiableList(findings);
  }

  /** How many records {@link #check} has seen. */
  public long recordsChecked() {
    return checked;
  }

  /** The highest chainIndex accepted so far, or -1. */
  public long headIndex() {
    return head;
  }

  /** The sensor whose chain this is (from the builder, or the first accepted record), or null. */
  public String sensorId() {
    return sensorId;
  }

  private static byte[] bytes(ByteBuffer b) {
    if (b == null) {
      throw new IllegalArgumentException("prevHash is null");
    }
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }

  /**
   * Configures a {@link ChainChecker}. Defaults: no signature checks, the chain must start at
   * index 0, look-back {@value #DEFAULT_LOOK_BACK}, sensor taken from the first record.
   *
   * @param <T> the record type
   */
  public static final class Builder<T> {
    private final EvidenceKind<T> kind;
    private EvidenceVerifier verifier;
    private boolean requireGenesis = true;
    private int lookBack = DEFAULT_LOOK_BACK;
    private String sensorId;

    private Builder(EvidenceKind<T> kind) {
      this.kind = kind;
    }

    /** Also check every record's signature; records that fail are reported and skipped. */
    public Builder<T> verifySignaturesWith(EvidenceVerifier verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier");
      return this;
    }

    /** Accept any chainIndex for the first record (the topic's oldest records expired). */
    public Builder<T> startAnywhere() {
      this.requireGenesis = false;
      return this;
    }

    /** How many recent indexes to remember for duplicate, conflict and late-link checks. */
    public Builder<T> lookBack(int lookBack) {
      this.lookBack = lookBack;
      return this;
    }

    /** The sensor whose chain this is; records of other sensors are reported. */
    public Builder<T> sensorId(String sensorId) {
      this.sensorId = Objects.requireNonNull(sensorId, "sensorId");
      return this;
    }

    /** The checker. */
    public ChainChecker<T> build() {
      if (lookBack < 1) {
        throw new IllegalArgumentException("lookBack must be at least 1, not " + lookBack);
      }
      return new ChainChecker<>(this);
    }
  }
}
