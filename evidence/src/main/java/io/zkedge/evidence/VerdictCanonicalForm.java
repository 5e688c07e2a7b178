package io.zkedge.evidence;

import io.zkedge.schemas.ComplianceRecord;
import io.zkedge.schemas.Verdict;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * The bytes that identify a {@link Verdict} or a {@link ComplianceRecord} (their hash is the
 * chain link and the leaf that the signature covers, see {@link ChainHasher}): every field except
 * the seal ({@code signature}, {@code merkleTreeSize}, {@code merkleLeafIndex},
 * {@code merklePath}), in schema order, each self-delimiting, after a versioned domain label. It
 * does not depend on Avro's encoding, so a signature survives any re-encoding of the
 * record. The layout (docs/evidence.md is the normative copy):
 *
 * <pre>
 *   str(x)    = u32be(byte length of UTF-8(x)) || UTF-8(x)    (no unpaired surrogates)
 *   bytes(b)  = u32be(length of b) || b
 *   opt(x)    = 0x00 when x is null, else 0x01 || str(x)
 *   i32(n)    = 4 bytes, big-endian two's complement
 *   i64(n)    = 8 bytes, big-endian two's complement
 *   time(t)   = i64(milliseconds since the Unix epoch)   (the precision of timestamp-millis)
 *   enum(e)   = str(symbol name)
 *
 *   Verdict:  str("zkedge.verdict.v1") sensorId:str gatewayId:str seq:i64 eventTime:time
 *             proofSystem:enum statementId:str status:enum reason:opt proofDigest:bytes
 *             moduleSha256:bytes batchId:str verifiedAt:time sourcePartition:i32
 *             sourceOffset:i64 chainIndex:i64 prevHash:bytes signerKeyId:str
 *
 *   ComplianceRecord: str("zkedge.compliance.v1") sensorId:str windowStart:time windowEnd:time
 *             expected:i64 valid:i64 invalid:i64 replayed:i64 malformed:i64 stale:i64
 *             missing:i64 outcome:enum rule:str chainIndex:i64 prevHash:bytes signerKeyId:str
 * </pre>
 *
 * <p>Every element is self-delimiting, so two different records never share canonical bytes, and
 * the two labels keep a verdict's bytes from ever being a compliance record's. A field added to a
 * schema is signed only under a new label ({@code .v2}).
 *
 * <p>Pure and thread-safe. {@code ByteBuffer} fields are read from position to limit without
 * moving them.
 */
public final class VerdictCanonicalForm {
  /** The domain label that starts a verdict's canonical bytes. */
  public static final String VERDICT_DOMAIN = "zkedge.verdict.v1";

  /** The domain label that starts a compliance record's canonical bytes. */
  public static final String COMPLIANCE_DOMAIN = "zkedge.compliance.v1";

  private VerdictCanonicalForm() {}

  /**
   * The canonical bytes of a verdict.
   *
   * @throws IllegalArgumentException if a field other than {@code reason} and the seal's is
   *     null, or a string holds an unpaired surrogate
   */
  public static byte[] of(Verdict v) {
    Writer w = new Writer(320);
    w.str("domain", VERDICT_DOMAIN);
    w.str("sensorId", v.getSensorId());
    w.str("gatewayId", v.getGatewayId());
    w.i64(v.getSeq());
    w.time("eventTime", v.getEventTime());
    w.enumSymbol("proofSystem", v.getProofSystem());
    w.str("statementId", v.getStatementId());
    w.enumSymbol("status", v.getStatus());
    w.opt("reason", v.getReason());
    w.bytes("proofDigest", v.getProofDigest());
    w.bytes("moduleSha256", v.getModuleSha256());
    w.str("batchId", v.getBatchId());
    w.time("verifiedAt", v.getVerifiedAt());
    w.i32(v.getSourcePartition());
    w.i64(v.getSourceOffset());
    w.i64(v.getChainIndex());
    w.bytes("prevHash", v.getPrevHash());
    w.str("signerKeyId", v.getSignerKeyId());
    return w.toByteArray();
  }

  /**
   * The canonical bytes of a compliance record.
   *
   * @throws IllegalArgumentException if a field other than the seal's is null, or a
   *     string holds an unpaired surrogate
   */
  public static byte[] of(ComplianceRecord c) {
    Writer w = new Writer(256);
    w.str("domain", COMPLIANCE_DOMAIN);
    w.str("sensorId", c.getSensorId());
    w.time("windowStart", c.getWindowStart());
    w.time("windowEnd", c.getWindowEnd());
    w.i64(c.getExpected());
    w.i64(c.getValid());
    w.i64(c.getInvalid());
    w.i64(c.getReplayed());
    w.i64(c.getMalformed());
    w.i64(c.getStale());
    w.i64(c.getMissing());
    w.enumSymbol("outcome", c.getOutcome());
    w.str("rule", c.getRule());
    w.i64(c.getChainIndex());
    w.bytes("prevHash", c.getPrevHash());
    w.str("signerKeyId", c.getSignerKeyId());
    return w.toByteArray();
  }

  /** A growable big-endian byte writer. */
  private static final class Writer {
    private byte[] buf;
    private int size;

    Writer(int capacity) {
      buf = new byte[capacity];
    }

    void str(String field, String s) {
      if (s == null) {
        throw new IllegalArgumentException(field + " is null");
      }
      requireWellFormed(field, s);
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      u32(utf8.length);
      put(utf8, 0, utf8.length);
    }

    void opt(String field, String s) {
      if (s == null) {
        u8(0);
      } else {
        u8(1);
        str(field, s);
      }
    }

    void enumSymbol(String field, Enum<?> e) {
      if (e == null) {
        throw new IllegalArgumentException(field + " is null");
      }
      str(field, e.name());
    }

    void bytes(String field, ByteBuffer b) {
      if (b == null) {
        throw new IllegalArgumentException(field + " is null");
      }
      ByteBuffer d = b.duplicate();
      u32(d.remaining());
      ensure(d.remaining());
      int n = d.remaining();
      d.get(buf, size, n);
      size += n;
    }

    void time(String field, Instant t) {
      if (t == null) {
        throw new IllegalArgumentException(field + " is null");
      }
      i64(t.toEpochMilli());
    }

    void i64(long n) {
      ensure(8);
      for (int shift = 56; shift >= 0; shift -= 8) {
        buf[size++] = (byte) (n >>> shift);
      }
    }

    void i32(int n) {
      u32(n);
    }

    void u32(int n) {
      ensure(4);
      buf[size++] = (byte) (n >>> 24);
      buf[size++] = (byte) (n >>> 16);
      buf[size++] = (byte) (n >>> 8);
      buf[size++] = (byte) n;
    }

    void u8(int n) {
      ensure(1);
      buf[size++] = (byte) n;
    }

    void put(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, buf, size, len);
      size += len;
    }

    private void ensure(int n) {
      if (size + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
      }
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buf, size);
    }

    /** UTF-8 would replace an unpaired surrogate with '?', so two strings could sign alike. */
    private static void requireWellFormed(String field, String s) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
          if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            i++;
            continue;
          }
          throw new IllegalArgumentException(field + " has an unpaired surrogate at " + i);
        }
        if (Character.isLowSurrogate(c)) {
          throw new IllegalArgumentException(field + " has an unpaired surrogate at " + i);
        }
      }
    }
  }
}
