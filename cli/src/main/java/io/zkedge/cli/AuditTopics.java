package io.zkedge.cli;

import io.zkedge.audit.Auditor;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** The Kafka options that {@code audit} and {@code audit export} share. */
final class AuditTopics {

    static final Set<String> OPTIONS = Set.of("bootstrap-servers", "verdicts-topic", "compliance-topic",
            "proofs-topic", "dead-letter-topic", "consumer-property", "stall-timeout", "await-stable");

    static final String HELP = String.join("\n",
            "  --verdicts-topic NAME        verdicts (default " + Auditor.DEFAULT_VERDICTS_TOPIC + ")",
            "  --compliance-topic NAME      compliance records (default " + Auditor.DEFAULT_COMPLIANCE_TOPIC + ")",
            "  --proofs-topic NAME          with --dead-letter-topic: account for every proof record",
            "  --dead-letter-topic NAME     (exactly one verdict or one non-LATE dead letter each)",
            "  --consumer-property K=V      extra Kafka consumer setting, e.g. security.protocol=SSL (repeatable)",
            "  --stall-timeout TIME         give up when a partition makes no progress this long (default 60s)",
            "  --await-stable TIME          first wait up to TIME for open transactions to finish (default 0s;",
            "                               use e.g. 30s right after a pipeline has drained)");

    private AuditTopics() {}

    static String verdicts(Options o) {
        return o.string("verdicts-topic", Auditor.DEFAULT_VERDICTS_TOPIC);
    }

    static String compliance(Options o) {
        return o.string("compliance-topic", Auditor.DEFAULT_COMPLIANCE_TOPIC);
    }

    /** {proofs, deadLetter}, or null when accounting is off; one without the other is an error. */
    static String[] accounting(Options o) throws UsageException {
        String proofs = o.string("proofs-topic", null);
        String deadLetters = o.string("dead-letter-topic", null);
        if ((proofs == null) != (deadLetters == null)) {
            throw new UsageException("--proofs-topic and --dead-letter-topic go together");
        }
        return proofs == null ? null : new String[] {proofs, deadLetters};
    }

    /** Consumer properties: bootstrap servers and every --consumer-property. */
    static Properties consumerProperties(Options o) throws UsageException {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, o.string("bootstrap-servers"));
        for (String kv : o.strings("consumer-property")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--consumer-property must be KEY=VALUE, was '" + kv + "'");
            }
            props.put(kv.substring(0, eq).trim(), kv.substring(eq + 1));
        }
        return props;
    }

    static Duration stallTimeout(Options o) throws UsageException {
        return o.duration("stall-timeout", "60s");
    }

    static Duration awaitStable(Options o) throws UsageException {
        return o.has("await-stable") ? o.duration("await-stable", null) : Duration.ZERO;
    }

    /**
     * kafka-clients logs through slf4j: warnings only, on stderr (stdout carries the result), and
     * not the connection warning it repeats every few ms while a broker is unreachable (the
     * command then ends with one line saying so).
     */
    static void quietKafkaLogs() {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        String networkClient = "org.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient";
        if (System.getProperty(networkClient) == null) {
            System.setProperty(networkClient, "error");
        }
    }
}
