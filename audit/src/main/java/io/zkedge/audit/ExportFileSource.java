package io.zkedge.audit;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an {@link ExportFormat export file}. Opening it checks the whole file (every rule of the
 * format, every length against the bytes left), so a malformed file is refused before any record
 * is audited; reading a topic then streams the file again, keeping no record in memory.
 */
public final class ExportFileSource implements AuditSource {

    private final Path file;
    private final long size;
    private final Map<String, List<PartitionRange>> ranges;

    private ExportFileSource(Path file, long size, Map<String, List<PartitionRange>> ranges) {
        this.file = file;
        this.size = size;
        this.ranges = ranges;
    }

    /**
     * Opens and checks {@code file}.
     *
     * @throws AuditInputException if it is missing, unreadable or breaks the format
     */
    public static ExportFileSource open(Path file) throws AuditInputException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new AuditInputException(file + ": no such file");
        } catch (IOException e) {
            throw new AuditInputException(file + ": " + e.getMessage(), e);
        }
        ExportFileSource source = new ExportFileSource(file, size, new LinkedHashMap<>());
        source.scan(null, null); // validates; fills the range table
        return source;
    }

    @Override
    public List<PartitionRange> partitions(String topic) throws AuditInputException {
        List<PartitionRange> r = ranges.get(topic);
        if (r == null) {
            throw new AuditInputException(file + " holds no topic " + topic + " (it holds " + ranges.keySet() + ")");
        }
        return r;
    }

    @Override
    public void read(String topic, RecordHandler handler) throws AuditInputException {
        partitions(topic);
        scan(topic, handler);
    }

    /** One pass over the file, checking it; hands the records of {@code topic} to {@code handler}. */
    private void scan(String topic, RecordHandler handler) throws AuditInputException {
        try (InputStream in = Files.newInputStream(file);
                CountingInput data = new CountingInput(new BufferedInputStream(in, 1 << 16))) {
            byte[] magic = data.bytes(ExportFormat.MAGIC.length);
            if (!java.util.Arrays.equals(magic, ExportFormat.MAGIC)) {
                throw malformed(0, "not a zkedge audit export (bad magic; expected \"ZKAUDIT\" 0x01)");
            }
            int count = data.readInt();
            if (count < 0 || count > ExportFormat.MAX_PARTITIONS) {
                throw malformed(data.position - 4, "partition count " + Integer.toUnsignedString(count) + " out of range");
            }
            Map<String, Map<Integer, PartitionRange>> table = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                long at = data.position;
                String t = data.topic();
                int partition = data.readInt();
                long start = data.readLong();
                long end = data.readLong();
                PartitionRange range;
                try {
                    range = new PartitionRange(t, partition, start, end);
                } catch (IllegalArgumentException e) {
                    throw malformed(at, e.getMessage());
                }
                if (table.computeIfAbsent(t, k -> new LinkedHashMap<>()).put(partition, range) != null) {
                    throw malformed(at, "partition " + t + "/" + partition + " declared twice");
                }
            }
            if (ranges.isEmpty()) {
                table.forEach((t, ps) -> ranges.put(t, List.copyOf(ps.values())));
            }
            List<String> topicOrder = new ArrayList<>(table.keySet());
            Map<String, Long> lastOffset = new HashMap<>();
            int topicIndex = 0;
            long records = 0;
            while (true) {
                long at = data.position;
                int tag = data.readUnsignedByte();
                if (tag == ExportFormat.END) {
                    long declared = data.readLong();
                    if (declared != records) {
                        throw malformed(at, "the end entry counts " + declared + " records, the file holds " + records);
                    }
                    if (data.read() != -1) {
                        throw malformed(data.position - 1, "bytes after the end entry");
                    }
                    return;
                }
                if (tag != ExportFormat.RECORD) {
                    throw malformed(at, "unknown entry tag " + tag);
                }
                String t = data.topic();
                int partition = data.readInt();
                long offset = data.readLong();
                long timestamp = data.readLong();
                int length = data.readInt();
                Map<Integer, PartitionRange> ps = table.get(t);
                PartitionRange range = ps == null ? null : ps.get(partition);
                if (range == null) {
                    throw malformed(at, "record of " + t + "/" + partition + ", which the range table does not declare");
                }
                int ti = topicOrder.indexOf(t);
                if (ti < topicIndex) {
                    throw malformed(at, "record of " + t + " after records of " + topicOrder.get(topicIndex));
                }
                topicIndex = ti;
                if (offset < range.startOffset() || offset >= range.endOffset()) {
                    throw malformed(at, "offset " + offset + " of " + t + "/" + partition + " outside ["
                            + range.startOffset() + ", " + range.endOffset() + ")");
                }
                Long last = lastOffset.put(t + "/" + partition, offset);
                if (last != null && offset <= last) {
                    throw malformed(at, "offset " + offset + " of " + t + "/" + partition + " does not follow " + last);
                }
                if (length < 0 || length > ExportFormat.MAX_VALUE_BYTES || length > size - data.position) {
                    throw malformed(at, "value length " + Integer.toUnsignedString(length) + " exceeds "
                            + (length < 0 || length > ExportFormat.MAX_VALUE_BYTES
                                    ? "the limit of " + ExportFormat.MAX_VALUE_BYTES : "the bytes left in the file"));
                }
                records++;
                if (handler != null && t.equals(topic)) {
                    handler.accept(new SourcedRecord(t, partition, offset, timestamp, data.bytes(length)));
                } else {
                    data.skip(length);
                }
            }
        } catch (MalformedTopicException e) {
            throw malformed(e.at, e.getMessage());
        } catch (EOFException e) {
            throw new AuditInputException(file + ": malformed export: truncated (the file ends inside an entry, "
                    + size + " bytes)");
        } catch (IOException e) {
            throw new AuditInputException(file + ": " + e.getMessage(), e);
        }
    }

    private AuditInputException malformed(long at, String why) {
        return new AuditInputException(file + ": malformed export at byte " + at + ": " + why);
    }

    @Override
    public void close() {}

    /** A big-endian reader that knows its position; every read either completes or throws EOFException. */
    private static final class CountingInput implements AutoCloseable {
        private final InputStream in;
        long position;

        CountingInput(InputStream in) {
            this.in = in;
        }

        /** The next byte, or -1 at the end of the file. */
        int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                position++;
            }
            return b;
        }

        int readUnsignedByte() throws IOException {
            int b = read();
            if (b < 0) {
                throw new EOFException();
            }
            return b;
        }

        int readUnsignedShort() throws IOException {
            return (readUnsignedByte() << 8) | readUnsignedByte();
        }

        int readInt() throws IOException {
            return (readUnsignedShort() << 16) | readUnsignedShort();
        }

        long readLong() throws IOException {
            return ((long) readInt() << 32) | (readInt() & 0xffffffffL);
        }

        byte[] bytes(int n) throws IOException {
            byte[] b = in.readNBytes(n);
            position += b.length;
            if (b.length < n) {
                throw new EOFException();
            }
            return b;
        }

        void skip(int n) throws IOException {
            in.skipNBytes(n);
            position += n;
        }

        /** A topic name: u16 length (1..249) and UTF-8 bytes. */
        String topic() throws IOException {
            long at = position;
            int n = readUnsignedShort();
            if (n == 0 || n > ExportFormat.MAX_TOPIC_BYTES) {
                throw new MalformedTopicException(at, "topic name length " + n + " outside 1.." + ExportFormat.MAX_TOPIC_BYTES);
            }
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes(n))).toString();
            } catch (CharacterCodingException e) {
                throw new MalformedTopicException(at, "topic name is not UTF-8");
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** A topic name that breaks the format, found below {@link #scan}. */
    private static final class MalformedTopicException extends IOException {
        private static final long serialVersionUID = 1L;
        final long at;

        MalformedTopicException(long at, String message) {
            super(message);
            this.at = at;
        }
    }
}
