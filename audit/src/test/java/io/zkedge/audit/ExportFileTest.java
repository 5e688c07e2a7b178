package io.zkedge.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkedge.audit.testutils.ListSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export file: a faithful round trip, and a clear refusal of every malformed file. */
class ExportFileTest {

    @TempDir
    Path dir;

    private final List<SourcedRecord> a = List.of(
            new SourcedRecord("a", 0, 0, 1000, new byte[] {1, 2, 3}),
            new SourcedRecord("a", 0, 2, 1001, new byte[0]),
            new SourcedRecord("a", 1, 5, 1002, new byte[300]));
    private final List<SourcedRecord> b = List.of(new SourcedRecord("b", 0, 7, -1, new byte[] {9}));

    @Test
    void shouldReadBackEveryRecordAndPartitionRangeItWrote() throws Exception {
        Path file = export();

        try (ExportFileSource source = ExportFileSource.open(file)) {
            assertThat(source.partitions("a")).containsExactly(new PartitionRange("a", 0, 0, 3),
                    new PartitionRange("a", 1, 0, 6));
            assertThat(source.partitions("b")).containsExactly(new PartitionRange("b", 0, 0, 8));
            assertThat(read(source, "a")).usingRecursiveFieldByFieldElementComparator().isEqualTo(a);
            assertThat(read(source, "b")).usingRecursiveFieldByFieldElementComparator().isEqualTo(b);
            assertThatThrownBy(() -> source.partitions("c")).isInstanceOf(AuditInputException.class)
                    .hasMessageContaining("holds no topic c");
        }
    }

    @Test
    void shouldRefuseAFileWithoutTheMagic() throws Exception {
        Path file = dir.resolve("x.zka");
        Files.write(file, "hello world, not an export".getBytes());
        assertMalformed(file, "bad magic");
    }

    @Test
    void shouldRefuseEveryTruncationOfAValidFile() throws Exception {
        byte[] bytes = Files.readAllBytes(export());
        for (int n = 0; n < bytes.length; n++) {
            Path cut = dir.resolve("cut" + n);
            Files.write(cut, Arrays.copyOf(bytes, n));
            assertThatThrownBy(() -> ExportFileSource.open(cut)).as("truncated to %d bytes", n)
                    .isInstanceOf(AuditInputException.class).hasMessageContaining("malformed export");
        }
    }

    @Test
    void shouldRefuseAValueLengthLargerThanTheFile() throws Exception {
        byte[] bytes = Files.readAllBytes(export());
        // The first record's length field: magic 8 + count 4 + three ranges, then tag, topic, partition, offset, ts.
        int ranges = 3 * (2 + 1 + 4 + 8 + 8);
        int lengthAt = 8 + 4 + ranges + 1 + 2 + 1 + 4 + 8 + 8;
        assertThat(ByteBuffer.wrap(bytes, lengthAt, 4).getInt()).isEqualTo(3);
        ByteBuffer.wrap(bytes).putInt(lengthAt, 0x7fff_fff0);
        Path file = dir.resolve("long.zka");
        Files.write(file, bytes);
        assertMalformed(file, "value length 2147483632 exceeds the limit");
        ByteBuffer.wrap(bytes).putInt(lengthAt, 4000);
        Files.write(file, bytes);
        assertMalformed(file, "exceeds the bytes left in the file");
    }

    @Test
    void shouldRefuseOffsetsThatDoNotIncreaseAndTrailingBytes() throws Exception {
        List<SourcedRecord> backwards = new ArrayList<>(a);
        backwards.add(new SourcedRecord("a", 0, 1, 0, new byte[0]));
        ListSource ranges = new ListSource().with("a", 2, a);
        AuditSource unsorted = new AuditSource() {
            @Override
            public List<PartitionRange> partitions(String topic) throws AuditInputException {
                return ranges.partitions(topic);
            }

            @Override
            public void read(String topic, RecordHandler handler) throws AuditInputException {
                for (SourcedRecord r : backwards) {
                    handler.accept(r);
                }
            }

            @Override
            public void close() {}
        };
        Path file = dir.resolve("backwards.zka");
        ExportFileWriter.write(unsorted, List.of("a"), file);
        assertMalformed(file, "offset 1 of a/0 does not follow 2");

        Path good = export();
        Files.write(good, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
        assertMalformed(good, "bytes after the end entry");
    }

    @Test
    void shouldNameAMissingFile() {
        assertThatThrownBy(() -> ExportFileSource.open(dir.resolve("none.zka")))
                .isInstanceOf(AuditInputException.class).hasMessageContaining("no such file");
    }

    private Path export() throws Exception {
        Path file = dir.resolve("export.zka");
        long n = ExportFileWriter.write(new ListSource().with("a", 2, a).with("b", 1, b), List.of("a", "b"), file);
        assertThat(n).isEqualTo(4);
        return file;
    }

    private static List<SourcedRecord> read(AuditSource source, String topic) throws AuditInputException {
        List<SourcedRecord> out = new ArrayList<>();
        source.read(topic, out::add);
        return out;
    }

    private static void assertMalformed(Path file, String message) throws IOException {
        assertThatThrownBy(() -> ExportFileSource.open(file)).isInstanceOf(AuditInputException.class)
                .hasMessageContaining(message);
    }
}
