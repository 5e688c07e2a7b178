package io.zkedge.audit;

import io.zkedge.evidence.ChainChecker;
import io.zkedge.evidence.Ed25519PublicKey;
import io.zkedge.evidence.EvidenceVerifier;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ComplianceRecord;
import io.zkedge.schemas.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The regulator's audit, with public keys only: reads the verdict and compliance topics from an
 * {@link AuditSource}, checks every signature and every per-sensor chain, and, when a proofs and
 * a dead-letter topic are named, that every proof record was answered exactly once.
 *
 * <pre>{@code
 * Auditor auditor = Auditor.builder().trustedKeys(keys).accountFor("zkedge.proofs", "zkedge.deadletter").build();
 * try (AuditSource source = KafkaAuditSource.open(props, auditor.topics())) {
 *   AuditReport report = auditor.run(source, "kafka " + servers);
 *   System.exit(report.clean() ? 0 : 1);
 * }
 * }</pre>
 *
 * <p>What is checked and how each kind of tampering shows is in docs/audit.md.
 */
public final class Auditor {

    /** Default topic of the verdicts. */
    public static final String DEFAULT_VERDICTS_TOPIC = "zkedge.verdicts";
    /** Default topic of the compliance records. */
    public static final String DEFAULT_COMPLIANCE_TOPIC = "zkedge.compliance";
    /**
     * Default number of recent chain indexes whose hashes each sensor's checker keeps (about
     * 170 bytes each): a replay of a record older than this is still reported, as REORDERED.
     */
    public static final int DEFAULT_LOOK_BACK = 1024;

    private final String verdictsTopic;
    private final String complianceTopic;
    private final String proofsTopic;
    private final String deadLetterTopic;
    private final EvidenceVerifier verifier;
    private final int lookBack;

    private Auditor(Builder b) {
        this.verdictsTopic = b.verdictsTopic;
        this.complianceTopic = b.complianceTopic;
        this.proofsTopic = b.proofsTopic;
        this.deadLetterTopic = b.deadLetterTopic;
        this.verifier = new EvidenceVerifier(b.keys);
        this.lookBack = b.lookBack;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The topics to open, in the order their end offsets should be taken: the answers before the
     * proofs, so that every answer read can only name a proof that is read too.
     */
    public List<String> topics() {
        List<String> topics = new ArrayList<>(List.of(verdictsTopic, complianceTopic));
        if (proofsTopic != null) {
            topics.add(deadLetterTopic);
            topics.add(proofsTopic);
        }
        return topics;
    }

    /** Audits what {@code source} holds; {@code input} describes it for the report. */
    public AuditReport run(AuditSource source, String input) throws AuditInputException {
        Instant started = Instant.now();
        Map<String, SensorSummary> sensors = new TreeMap<>();
        Accounting accounting = proofsTopic == null ? null
                : new Accounting(proofsTopic, source.partitions(proofsTopic));

        ChainAudit<Verdict> verdicts = new ChainAudit<>(Finding.Stream.VERDICTS, AvroCodec.forVerdicts(),
                () -> ChainChecker.verdicts().verifySignaturesWith(verifier).lookBack(lookBack), Verdict::getSensorId,
                s -> sensors.computeIfAbsent(s, SensorSummary::new),
                (v, where, sensor, repeated) -> {
                    if (!repeated) {
                        sensor.verifiedVerdict(v.getStatus().name());
                    }
                    if (accounting != null) {
                        accounting.verdict(v.getSourcePartition(), v.getSourceOffset(), where);
                    }
                });
        ChainAudit<ComplianceRecord> compliance = new ChainAudit<>(Finding.Stream.COMPLIANCE,
                AvroCodec.forComplianceRecords(),
                () -> ChainChecker.complianceRecords().verifySignaturesWith(verifier).lookBack(lookBack), ComplianceRecord::getSensorId,
                s -> sensors.computeIfAbsent(s, SensorSummary::new),
                (c, where, sensor, repeated) -> {
                    if (!repeated) {
                        sensor.verifiedWindow(new ComplianceWindow(c.getWindowStart().toEpochMilli(),
                                c.getWindowEnd().toEpochMilli(), c.getOutcome().name(), c.getExpected(), c.getValid(),
                                c.getInvalid(), c.getReplayed(), c.getMissing(), c.getChainIndex(), where.offset()));
                    }
                });

        source.read(verdictsTopic, verdicts::accept);
        source.read(complianceTopic, compliance::accept);
        verdicts.finish();
        compliance.finish();
        List<Finding> findings = new ArrayList<>(verdicts.findings());
        findings.addAll(compliance.findings());
        if (accounting != null) {
            source.read(deadLetterTopic, accounting::deadLetter);
            source.read(proofsTopic, accounting::proof);
            accounting.finish();
            findings.addAll(accounting.findings());
        }
        findings.sort(BY_PLACE);
        return new AuditReport(input, started, verifier.trustedKeyIds(), verdictsTopic, complianceTopic,
                verdicts.records(), compliance.records(), verdicts.chains(), compliance.chains(),
                verdicts.brokenChains(), compliance.brokenChains(), sensors,
                accounting == null ? null : accounting.summary(), findings);
    }

    /** By stream, sensor (records without one first), then place in the topic. */
    static final Comparator<Finding> BY_PLACE = Comparator.comparing(Finding::stream)
            .thenComparing(Finding::sensorId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Finding::topic)
            .thenComparingInt(Finding::partition)
            .thenComparingLong(Finding::offset)
            .thenComparing(Finding::kind);

    /** Configures an {@link Auditor}. Defaults: topics zkedge.verdicts and zkedge.compliance, no accounting. */
    public static final class Builder {
        private String verdictsTopic = DEFAULT_VERDICTS_TOPIC;
        private String complianceTopic = DEFAULT_COMPLIANCE_TOPIC;
        private String proofsTopic;
        private String deadLetterTopic;
        private final List<Ed25519PublicKey> keys = new ArrayList<>();
        private int lookBack = DEFAULT_LOOK_BACK;

        private Builder() {}

        /** How many recent chain indexes per sensor are kept for duplicate and fork checks. */
        public Builder lookBack(int lookBack) {
            this.lookBack = lookBack;
            return this;
        }

        public Builder verdictsTopic(String topic) {
            this.verdictsTopic = Objects.requireNonNull(topic, "topic");
            return this;
        }

        public Builder complianceTopic(String topic) {
            this.complianceTopic = Objects.requireNonNull(topic, "topic");
            return this;
        }

        /** Also account for every record of {@code proofsTopic}, answered by verdicts or {@code deadLetterTopic}. */
        public Builder accountFor(String proofsTopic, String deadLetterTopic) {
            this.proofsTopic = Objects.requireNonNull(proofsTopic, "proofsTopic");
            this.deadLetterTopic = Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
            return this;
        }

        /** The edge nodes' public keys: a record signed by any of them is evidence. */
        public Builder trustedKeys(Collection<Ed25519PublicKey> keys) {
            this.keys.addAll(keys);
            return this;
        }

        public Auditor build() {
            if (lookBack < 1) {
                throw new IllegalArgumentException("the look-back must be at least 1, not " + lookBack);
            }
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("at least one trusted public key is needed");
            }
            List<String> names = new ArrayList<>(List.of(verdictsTopic, complianceTopic));
            if (proofsTopic != null) {
                names.add(proofsTopic);
                names.add(deadLetterTopic);
            }
            if (names.stream().distinct().count() != names.size()) {
                throw new IllegalArgumentException("the audited topics must differ: " + names);
            }
            return new Auditor(this);
        }
    }
}
