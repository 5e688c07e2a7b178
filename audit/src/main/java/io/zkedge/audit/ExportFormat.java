package io.zkedge.audit;

import java.nio.charset.StandardCharsets;

/**
 * The export file of {@code zkedge audit export}: committed records of some topics, so that an
 * audit can run offline, later, elsewhere. All integers are big-endian (docs/audit.md is the
 * normative copy):
 *
 * <pre>
 *   file      = magic partitions record* end
 *   magic     = "ZKAUDIT" 0x01                                  (8 bytes; 0x01 is the version)
 *   partitions= u32(count) range{count}
 *   range     = str(topic) i32(partition) i64(startOffset) i64(endOffset)
 *   record    = 0x01 str(topic) i32(partition) i64(offset) i64(timestamp) u32(length) value[length]
 *   end       = 0x00 i64(number of records)                      (nothing may follow)
 *   str(s)    = u16(length of UTF-8(s)) UTF-8(s)                 (1..249 bytes: a Kafka topic name)
 * </pre>
 *
 * <p>Records come topic by topic in the order of the range table, each partition in increasing
 * offset order, every offset inside its range ({@code endOffset} is the end offset observed at
 * the start of the export, exclusive). A reader checks all of this and every length against
 * {@link #MAX_VALUE_BYTES} and the bytes left in the file; a file that breaks a rule is malformed
 * as a whole.
 */
final class ExportFormat {

    /** The first 8 bytes of an export file. */
    static final byte[] MAGIC = {'Z', 'K', 'A', 'U', 'D', 'I', 'T', 0x01};

    /** Tag of a record entry. */
    static final int RECORD = 0x01;

    /** Tag of the end entry. */
    static final int END = 0x00;

    /** The largest value accepted: above Kafka's default 1 MiB message limit, with room. */
    static final int MAX_VALUE_BYTES = 16 * 1024 * 1024;

    /** The most partition ranges a file may declare. */
    static final int MAX_PARTITIONS = 100_000;

    /** Kafka's limit on topic name length. */
    static final int MAX_TOPIC_BYTES = 249;

    private ExportFormat() {}

    static byte[] topicBytes(String topic) {
        byte[] b = topic.getBytes(StandardCharsets.UTF_8);
        if (b.length == 0 || b.length > MAX_TOPIC_BYTES) {
            throw new IllegalArgumentException("not a Kafka topic name: '" + topic + "'");
        }
        return b;
    }
}
