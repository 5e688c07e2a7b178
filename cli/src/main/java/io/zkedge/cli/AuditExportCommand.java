package io.zkedge.cli;

import io.zkedge.audit.AuditInputException;
import io.zkedge.audit.ExportFileWriter;
import io.zkedge.audit.KafkaAuditSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code audit export}: the committed records of the evidence topics into one file, for an offline audit. */
final class AuditExportCommand implements Command {

    @Override
    public String name() {
        return "audit export";
    }

    @Override
    public String summary() {
        return "export the verdict streams from Kafka to a file for an offline audit";
    }

    @Override
    public Set<String> options() {
        Set<String> options = new HashSet<>(AuditTopics.OPTIONS);
        options.add("out");
        return options;
    }

    @Override
    public Set<String> repeatableOptions() {
        return Set.of("consumer-property");
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: zkedge audit export --bootstrap-servers HOST:PORT --out FILE [options]",
                "",
                "Writes the committed records (read_committed, up to the end offsets seen at start) of the",
                "verdict and compliance topics, and of the proofs and dead-letter topics when named, into",
                "FILE: topic, partition, offset, timestamp and value bytes of each, length-prefixed",
                "(docs/audit.md). 'zkedge audit --input FILE' audits it offline. No key is needed.",
                "",
                "  --bootstrap-servers H:P      Kafka cluster (required)",
                "  --out FILE                   the export file (replaced when complete)",
                AuditTopics.HELP,
                "",
                "Exit: 0 exported, 2 usage error or a missing topic, 3 Kafka or I/O failure.");
    }

    @Override
    public int run(Options options, PrintStream out, PrintStream err) throws Exception {
        Path file = Path.of(options.string("out")).toAbsolutePath();
        if (!java.nio.file.Files.isDirectory(file.getParent())) {
            throw new UsageException("--out " + file + ": the directory " + file.getParent() + " does not exist");
        }
        List<String> topics = new ArrayList<>(List.of(AuditTopics.verdicts(options), AuditTopics.compliance(options)));
        String[] accounting = AuditTopics.accounting(options);
        if (accounting != null) {
            topics.add(accounting[1]);
            topics.add(accounting[0]); // the proofs' end offsets are taken last, as the audit does
        }
        if (topics.stream().distinct().count() != topics.size()) {
            throw new UsageException("the exported topics must differ: " + topics);
        }
        AuditTopics.quietKafkaLogs();
        try (KafkaAuditSource source = KafkaAuditSource.open(AuditTopics.consumerProperties(options), topics,
                AuditTopics.stallTimeout(options), AuditTopics.awaitStable(options))) {
            long n = ExportFileWriter.write(source, topics, file);
            out.println("exported " + n + " records of " + String.join(", ", topics) + " to " + file);
            return ExitCode.OK;
        } catch (AuditInputException e) {
            throw new UsageException(e.getMessage());
        } catch (org.apache.kafka.common.KafkaException e) {
            err.println("zkedge: Kafka at " + options.string("bootstrap-servers") + ": " + e.getMessage());
            return ExitCode.INTERNAL;
        }
    }
}
