package io.zkedge.audit;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an {@link ExportFormat export file} from any {@link AuditSource}: the committed records
 * of the given topics up to the end offsets the source observed when it opened.
 *
 * <pre>{@code
 * try (AuditSource kafka = KafkaAuditSource.open(props, topics)) {
 *   long n = ExportFileWriter.write(kafka, topics, Path.of("audit.zka"));
 * }
 * }</pre>
 *
 * The file appears only when complete: it is written next to {@code out} and then moved over it.
 */
public final class ExportFileWriter {

    private ExportFileWriter() {}

    /**
     * Exports {@code topics} of {@code source} to {@code out}.
     *
     * @return the number of records written
     */
    public static long write(AuditSource source, List<String> topics, Path out) throws AuditInputException, IOException {
        List<PartitionRange> table = new ArrayList<>();
        for (String topic : topics) {
            table.addAll(source.partitions(topic));
        }
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, out.getFileName().toString(), ".part");
        long[] count = {0};
        try {
            try (OutputStream file = Files.newOutputStream(tmp);
                    DataOutputStream data = new DataOutputStream(new BufferedOutputStream(file, 1 << 16))) {
                data.write(ExportFormat.MAGIC);
                data.writeInt(table.size());
                for (PartitionRange r : table) {
                    writeTopic(data, r.topic());
                    data.writeInt(r.partition());
                    data.writeLong(r.startOffset());
                    data.writeLong(r.endOffset());
                }
                for (String topic : topics) {
                    byte[] name = ExportFormat.topicBytes(topic);
                    source.read(topic, record -> {
                        try {
                            data.writeByte(ExportFormat.RECORD);
                            data.writeShort(name.length);
                            data.write(name);
                            data.writeInt(record.partition());
                            data.writeLong(record.offset());
                            data.writeLong(record.timestamp());
                            data.writeInt(record.value().length);
                            data.write(record.value());
                            count[0]++;
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                }
                data.writeByte(ExportFormat.END);
                data.writeLong(count[0]);
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return count[0];
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeTopic(DataOutputStream data, String topic) throws IOException {
        byte[] name = ExportFormat.topicBytes(topic);
        data.writeShort(name.length);
        data.write(name);
    }
}
