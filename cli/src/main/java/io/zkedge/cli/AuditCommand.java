package io.zkedge.cli;

import io.zkedge.audit.AuditInputException;
import io.zkedge.audit.AuditReport;
import io.zkedge.audit.AuditSource;
import io.zkedge.audit.Auditor;
import io.zkedge.audit.ExportFileSource;
import io.zkedge.audit.KafkaAuditSource;
import io.zkedge.audit.ReportFiles;
import io.zkedge.evidence.Ed25519Keys;
import io.zkedge.evidence.Ed25519PublicKey;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code audit}: the regulator's check of the evidence streams with public keys only, a thin shell
 * over {@link Auditor} (the zkedge-audit library).
 */
final class AuditCommand implements Command {

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public String summary() {
        return "check signatures, chains and accounting of the verdict streams (regulator)";
    }

    @Override
    public Set<String> options() {
        Set<String> options = new HashSet<>(AuditTopics.OPTIONS);
        options.addAll(Set.of("public-key", "input", "report", "look-back"));
        return options;
    }

    @Override
    public Set<String> repeatableOptions() {
        return Set.of("public-key", "consumer-property");
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: zkedge audit --public-key FILE [--public-key FILE ...]",
                "                    (--bootstrap-servers HOST:PORT | --input FILE) [--report DIR] [options]",
                "",
                "Reads the verdict and compliance topics (read_committed, up to the end offsets seen at",
                "start) or an export file of them (zkedge audit export), and checks with the trusted edge",
                "public keys only: every signature, every sensor's chain (genesis, prevHash links, gaps,",
                "forks, duplicates, order). Findings are listed by sensor and offset. With --proofs-topic",
                "and --dead-letter-topic it also checks that every proof record has exactly one verdict or",
                "one non-LATE dead letter (lost, duplicated). See docs/audit.md.",
                "",
                "  --public-key FILE            a trusted edge node's PEM public key (repeatable; required)",
                "  --bootstrap-servers H:P      read from this Kafka cluster",
                "  --input FILE                 read an export file instead",
                "  --report DIR                 also write DIR/audit.json and DIR/audit.html",
                "  --look-back N                recent chain indexes kept per sensor for duplicate checks",
                "                               (default " + Auditor.DEFAULT_LOOK_BACK + "; an older replay shows as REORDERED)",
                AuditTopics.HELP,
                "",
                "Exit: 0 clean, 1 findings (forged, deleted, reordered, replayed, unknown key, lost, ...),",
                "2 usage error or malformed input (bad key file, malformed export, missing topic),",
                "3 Kafka or I/O failure.");
    }

    @Override
    public int run(Options options, PrintStream out, PrintStream err) throws Exception {
        List<String> keyFiles = options.strings("public-key");
        if (keyFiles.isEmpty()) {
            throw new UsageException("'audit' needs --public-key (a trusted edge node's public key)");
        }
        String input = options.string("input", null);
        String bootstrap = options.string("bootstrap-servers", null);
        if ((input == null) == (bootstrap == null)) {
            throw new UsageException("'audit' needs exactly one of --bootstrap-servers and --input");
        }
        List<Ed25519PublicKey> keys = new ArrayList<>();
        for (String file : keyFiles) {
            try {
                keys.add(Ed25519Keys.readPublicKey(Path.of(file)));
            } catch (java.nio.file.NoSuchFileException e) {
                throw new UsageException("--public-key " + file + ": no such file");
            } catch (IOException e) {
                throw new UsageException("--public-key " + file + ": " + e.getMessage());
            }
        }
        int lookBack;
        try {
            lookBack = Integer.parseInt(options.string("look-back", Integer.toString(Auditor.DEFAULT_LOOK_BACK)));
        } catch (NumberFormatException e) {
            throw new UsageException("--look-back must be an integer");
        }
        Auditor.Builder builder = Auditor.builder().trustedKeys(keys).lookBack(lookBack)
                .verdictsTopic(AuditTopics.verdicts(options)).complianceTopic(AuditTopics.compliance(options));
        String[] accounting = AuditTopics.accounting(options);
        if (accounting != null) {
            builder.accountFor(accounting[0], accounting[1]);
        }
        Auditor auditor;
        try {
            auditor = builder.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        AuditReport report;
        try (AuditSource source = input != null ? ExportFileSource.open(Path.of(input))
                : openKafka(options, auditor)) {
            report = auditor.run(source, input != null ? "export file " + input
                    : "kafka " + bootstrap + " (read_committed)");
        } catch (AuditInputException e) {
            throw new UsageException(e.getMessage());
        } catch (org.apache.kafka.common.KafkaException e) {
            err.println("zkedge: Kafka at " + bootstrap + ": " + e.getMessage());
            return ExitCode.INTERNAL;
        }
        out.println(report.summary());
        String reportDir = options.string("report", null);
        if (reportDir != null) {
            ReportFiles.write(report, Path.of(reportDir));
            out.println("report       " + Path.of(reportDir).resolve(ReportFiles.HTML) + ", "
                    + Path.of(reportDir).resolve(ReportFiles.JSON));
        }
        return report.clean() ? ExitCode.OK : ExitCode.INVALID;
    }

    private static AuditSource openKafka(Options options, Auditor auditor) throws UsageException, AuditInputException {
        AuditTopics.quietKafkaLogs();
        return KafkaAuditSource.open(AuditTopics.consumerProperties(options), auditor.topics(),
                AuditTopics.stallTimeout(options), AuditTopics.awaitStable(options));
    }
}
