package io.zkedge.schemas;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Walks one Avro binary datum against its writer schema without building it, so that a hostile
 * payload is refused before Avro allocates anything for it.
 *
 * <p>Avro's decoders allocate a {@code byte[]}, {@code String} or array as large as the length
 * prefix says (up to about 2 GiB) before they find out that the input is shorter. This scanner
 * checks every length and item count against the bytes that actually remain, every union and enum
 * index against its schema, every boolean for 0 or 1, every varint for its length and range, and
 * every string for well-formed UTF-8. It returns the offset just past the datum, so the caller can
 * also refuse trailing bytes.
 *
 * <p>Not thread-safe: one instance per scan ({@link #scan} creates it).
 */
final class DatumScanner {
  /** Deepest nesting of records, arrays, maps and unions accepted. */
  static final int MAX_DEPTH = 64;

  /** Why a scan stopped. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    final UndecodableRecordException.Reason reason;

    Failure(UndecodableRecordException.Reason reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }
  }

  private final byte[] buf;
  private final int end;
  private final long maxZeroSizeItems;
  private final Deque<String> path = new ArrayDeque<>();
  private final Map<Schema, Integer> minSizes = new IdentityHashMap<>();
  private int pos;

  private DatumScanner(byte[] buf, int start, int end, long maxZeroSizeItems) {
    this.buf = buf;
    this.pos = start;
    this.end = end;
    this.maxZeroSizeItems = maxZeroSizeItems;
  }

  /**
   * Scans one datum of {@code schema} in {@code buf[start, end)}.
   *
   * @param maxZeroSizeItems the most items an array or map may declare when its items take no
   *     bytes (such as {@code null}); other item counts are bounded by the bytes that remain
   * @return the offset just past the datum (at most {@code end})
   * @throws Failure with {@link UndecodableRecordException.Reason#TRUNCATED TRUNCATED} or
   *     {@link UndecodableRecordException.Reason#MALFORMED MALFORMED}
   */
  static int scan(Schema schema, byte[] buf, int start, int end, long maxZeroSizeItems)
      throws Failure {
    DatumScanner scanner = new DatumScanner(buf, start, end, maxZeroSizeItems);
    scanner.value(schema, 0);
    return scanner.pos;
  }

  private void value(Schema schema, int depth) throws Failure {
    if (depth > MAX_DEPTH) {
      throw malformed("nesting deeper than " + MAX_DEPTH + " levels");
    }
    switch (schema.getType()) {
      case NULL:
        return;
      case BOOLEAN:
        int b = readByte("boolean");
        if (b > 1) {
          throw malformed(String.format("boolean byte 0x%02X is neither 0 nor 1", b));
        }
        return;
      case INT:
        readInt("int");
        return;
      case LONG:
        readLong("long");
        return;
      case FLOAT:
        skip(4, "float");
        return;
      case DOUBLE:
        skip(8, "double");
        return;
      case FIXED:
        skip(schema.getFixedSize(), "fixed(" + schema.getFixedSize() + ")");
        return;
      case BYTES:
        skip(readLength("bytes"), "bytes");
        return;
      case STRING:
        string();
        return;
      case ENUM:
        int symbol = readInt("enum index");
        if (symbol < 0 || symbol >= schema.getEnumSymbols().size()) {
          throw malformed("enum index " + symbol + " outside 0.."
              + (schema.getEnumSymbols().size() - 1) + " of " + schema.getFullName());
        }
        return;
      case UNION:
        List<Schema> branches = schema.getTypes();
        int branch = readInt("union index");
        if (branch < 0 || branch >= branches.size()) {
          throw malformed("union index " + branch + " outside 0.." + (branches.size() - 1));
        }
        value(branches.get(branch), depth + 1);
        return;
      case RECORD:
        for (Schema.Field field : schema.getFields()) {
          path.addLast(field.name());
          value(field.schema(), depth + 1);
          path.removeLast();
        }
        return;
      case ARRAY:
        blocks(schema.getElementType(), false, depth);
        return;
      case MAP:
        blocks(schema.getValueType(), true, depth);
        return;
      default:
        throw malformed("unsupported schema type " + schema.getType());
    }
  }

  /** Array or map blocks: count (negative: then a byte size), items, ... , a zero count. */
  private void blocks(Schema item, boolean map, int depth) throws Failure {
    String what = map ? "map" : "array";
    int itemMin = (map ? 1 : 0) + minSize(item);
    long total = 0;
    while (true) {
      long count = readLong(what + " block count");
      if (count == 0) {
        return;
      }
      if (count < 0) {
        if (count == Long.MIN_VALUE) {
          throw malformed(what + " block count out of range");
        }
        count = -count;
        long size = readLong(what + " block size");
        if (size < 0) {
          throw malformed(what + " block size " + size + " is negative");
        }
        if (size > end - pos) {
          throw truncated(what + " block declares " + size + " bytes but only " + (end - pos)
              + " remain");
        }
      }
      if (itemMin > 0 ? count > (end - pos) / itemMin : total + count > maxZeroSizeItems) {
        throw itemMin > 0
            ? truncated(what + " block declares " + count + " items but only " + (end - pos)
                + " bytes remain")
            : malformed(what + " declares more than " + maxZeroSizeItems + " empty items");
      }
      total += count;
      for (long i = 0; i < count; i++) {
        path.addLast("[" + i + "]");
        if (map) {
          string();
        }
        value(item, depth + 1);
        path.removeLast();
      }
    }
  }

  /** The fewest bytes a datum of {@code schema} can take (0 for null and empty records). */
  private int minSize(Schema schema) {
    Integer known = minSizes.get(schema);
    if (known != null) {
      return known;
    }
    minSizes.put(schema, 0); // a recursive reference counts as 0 while it is being measured
    int size;
    switch (schema.getType()) {
      case NULL:
        size = 0;
        break;
      case FLOAT:
        size = 4;
        break;
      case DOUBLE:
        size = 8;
        break;
      case FIXED:
        size = schema.getFixedSize();
        break;
      case RECORD:
        long sum = 0;
        for (Schema.Field field : schema.getFields()) {
          sum += minSize(field.schema());
        }
        size = (int) Math.min(sum, Integer.MAX_VALUE);
        break;
      default:
        size = 1; // a varint, a length, a count, a union index or a boolean
    }
    minSizes.put(schema, size);
    return size;
  }

  private void string() throws Failure {
    int length = readLength("string");
    requireRemaining(length, "string");
    int bad = firstInvalidUtf8(buf, pos, pos + length);
    if (bad >= 0) {
      throw malformed("string is not well-formed UTF-8 (byte " + (bad - pos) + " of " + length
          + ")");
    }
    pos += length;
  }

  private int readLength(String what) throws Failure {
    long length = readLong(what + " length");
    if (length < 0) {
      throw malformed(what + " length " + length + " is negative");
    }
    if (length > end - pos) {
      throw truncated(what + " declares " + length + " bytes but only " + (end - pos)
          + " remain");
    }
    return (int) length;
  }

  private void skip(int n, String what) throws Failure {
    requireRemaining(n, what);
    pos += n;
  }

  private void requireRemaining(int n, String what) throws Failure {
    if (n > end - pos) {
      throw truncated(what + " needs " + n + " bytes but only " + (end - pos) + " remain");
    }
  }

  private int readByte(String what) throws Failure {
    requireRemaining(1, what);
    return buf[pos++] & 0xff;
  }

  /** A zig-zag varint of at most 5 bytes that fits in 32 bits. */
  private int readInt(String what) throws Failure {
    int n = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = readByte(what);
      if (shift == 28 && (b & 0xf0) != 0) {
        throw malformed(what + " varint does not fit in 32 bits");
      }
      n |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (n >>> 1) ^ -(n & 1);
      }
    }
    throw new AssertionError("unreachable");
  }

  /** A zig-zag varint of at most 10 bytes that fits in 64 bits. */
  private long readLong(String what) throws Failure {
    long n = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      int b = readByte(what);
      if (shift == 63 && (b & 0xfe) != 0) {
        throw malformed(what + " varint does not fit in 64 bits");
      }
      n |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (n >>> 1) ^ -(n & 1);
      }
    }
    throw new AssertionError("unreachable");
  }

  /**
   * The offset of the first byte of an ill-formed UTF-8 sequence in {@code [from, to)}, or -1.
   * Well-formed means RFC 3629: shortest form, no surrogates, nothing above U+10FFFF.
   */
  static int firstInvalidUtf8(byte[] b, int from, int to) {
    int i = from;
    while (i < to) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        i++;
        continue;
      }
      int n;
      int lo = 0x80;
      int hi = 0xbf;
      if (c >= 0xc2 && c <= 0xdf) {
        n = 1;
      } else if (c >= 0xe0 && c <= 0xef) {
        n = 2;
        if (c == 0xe0) {
          lo = 0xa0; // no overlong 3-byte forms
        } else if (c == 0xed) {
          hi = 0x9f; // no surrogates
        }
      } else if (c >= 0xf0 && c <= 0xf4) {
        n = 3;
        if (c == 0xf0) {
          lo = 0x90; // no overlong 4-byte forms
        } else if (c == 0xf4) {
          hi = 0x8f; // nothing above U+10FFFF
        }
      } else {
        return i;
      }
      if (i + n >= to) {
        return i; // the sequence runs past the end
      }
      int second = b[i + 1] & 0xff;
      if (second < lo || second > hi) {
        return i;
      }
      for (int k = 2; k <= n; k++) {
        int cont = b[i + k] & 0xff;
        if (cont < 0x80 || cont > 0xbf) {
          return i;
        }
      }
      i += n + 1;
    }
    return -1;
  }

  private Failure truncated(String message) {
    return new Failure(UndecodableRecordException.Reason.TRUNCATED, where() + message);
  }

  private Failure malformed(String message) {
    return new Failure(UndecodableRecordException.Reason.MALFORMED, where() + message);
  }

  private String where() {
    return (path.isEmpty() ? "" : "field " + String.join(".", path).replace(".[", "[") + ": ")
        + "at offset " + pos + ", ";
  }
}
