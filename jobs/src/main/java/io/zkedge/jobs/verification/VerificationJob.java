package io.zkedge.jobs.verification;

import io.zkedge.evidence.EvidenceKind;
import io.zkedge.operators.chain.EvidenceSealOperator;
import io.zkedge.operators.chain.SignerProvider;
import io.zkedge.operators.compliance.ComplianceAggregator;
import io.zkedge.operators.compliance.ComplianceWindowFunction;
import io.zkedge.operators.compliance.FinalFiringTrigger;
import io.zkedge.operators.compliance.LateVerdictFunction;
import io.zkedge.operators.decode.DecodeFunction;
import io.zkedge.operators.decode.DecoderSettings;
import io.zkedge.operators.decode.KafkaPayload;
import io.zkedge.operators.decode.ProofEnvelope;
import io.zkedge.operators.decode.ProofEventTimeAssigner;
import io.zkedge.operators.guard.GuardFunction;
import io.zkedge.operators.verify.BatchVerifyOperator;
import io.zkedge.operators.verify.VerifiedProof;
import io.zkedge.operators.verify.VerifierProvider;
import io.zkedge.schemas.ComplianceRecord;
import io.zkedge.schemas.DeadLetter;
import io.zkedge.schemas.Verdict;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The job "verification": proofs in, signed verdicts, compliance records and dead letters out.
 * It takes its ends through the constructor; {@link VerificationJobMain} wires the Kafka ones, and
 * tests their own.
 *
 * <pre>
 *  source (event time = the proof's eventTime; watermarks per Kafka partition)
 *    │
 *  decode ──dead letters──────────────────────────────────────────────────────────┐
 *              │                                                                 │
 *           verify (batches of N or T ms, flushed before each barrier)           │
 *              │   ◀── module announcements (zkedge.modules, broadcast)          │
 *              │ keyBy(sensorId)                                                 │
 *           guard (replay window, freshness, chain)                              │
 *              │                                                                 │
 *           verdict seal (one signature per few ms of verdicts) ─▶ verdicts sink │
 *              │ (same partitioning, no shuffle)                                 │
 *           compliance (tumbling event-time windows, chain)                      │
 *              │                                                                 │
 *           compliance seal ─▶ compliance sink                                   │
 *              └─late verdicts─▶ late-verdicts ─────────────────────────────────┴─▶ dead-letter sink
 * </pre>
 *
 * <p>Every operator has a {@code name} and a stable {@code uid}, so savepoints survive changes of
 * the graph around it.
 */
public final class VerificationJob {

    /** Operator uids; they name the state in checkpoints and savepoints: never change them. */
    public static final String SOURCE_UID = "proofs-source";
    public static final String ANNOUNCEMENTS_SOURCE_UID = "module-announcements-source";
    public static final String DECODE_UID = "decode";
    public static final String UNDECODABLE_UID = "undecodable";
    public static final String VERIFY_UID = "verify";
    public static final String GUARD_UID = "guard";
    public static final String VERDICT_SEAL_UID = "verdict-seal";
    public static final String COMPLIANCE_SEAL_UID = "compliance-seal";
    public static final String COMPLIANCE_UID = "compliance";
    public static final String LATE_UID = "late-verdicts";
    public static final String VERDICT_SINK_UID = "verdicts-sink";
    public static final String COMPLIANCE_SINK_UID = "compliance-sink";
    public static final String DEAD_LETTER_SINK_UID = "deadletter-sink";

    /**
     * Longest a record waits in a half-full network buffer on the edges that carry module
     * announcements and dead letters (at least {@code pipeline.buffer-timeout}). Both are rare,
     * and a dead letter is visible only once the checkpoint after it commits (a barrier flushes
     * the buffers in front of it), so these edges need not wake a flusher thread every few
     * milliseconds: with three such edges per subtask, those wake-ups cost 0.01-0.02 cores at
     * 5 ms (docs/performance.md).
     */
    static final Duration RARE_EDGE_BUFFER_TIMEOUT = Duration.ofMillis(100);

    /** Verdicts too late for their compliance window. */
    static final OutputTag<Verdict> LATE_VERDICTS = new OutputTag<>("late-verdicts", TypeInformation.of(Verdict.class));

    private final VerificationJobConfig config;
    private final Source<KafkaPayload, ?, ?> source;
    private final Source<KafkaPayload, ?, ?> announcementSource;
    private final Sink<Verdict> verdictSink;
    private final Sink<ComplianceRecord> complianceSink;
    private final Sink<DeadLetter> deadLetterSink;
    private final VerifierProvider verifiers;
    private final SignerProvider signer;

    /**
     * @param config every setting
     * @param source the proof records as read from Kafka (or a test's source)
     * @param announcementSource the module announcements of the control topic
     * @param verdictSink one signed verdict per decoded record
     * @param complianceSink one signed compliance record per sensor and window
     * @param deadLetterSink records that produced no verdict, and verdicts too late for compliance
     * @param verifiers where each subtask's verifier modules come from
     * @param signer where each subtask's signing key comes from
     */
    public VerificationJob(
            VerificationJobConfig config,
            Source<KafkaPayload, ?, ?> source,
            Source<KafkaPayload, ?, ?> announcementSource,
            Sink<Verdict> verdictSink,
            Sink<ComplianceRecord> complianceSink,
            Sink<DeadLetter> deadLetterSink,
            VerifierProvider verifiers,
            SignerProvider signer) {
        this.config = Objects.requireNonNull(config, "config");
        this.source = Objects.requireNonNull(source, "source");
        this.announcementSource = Objects.requireNonNull(announcementSource, "announcementSource");
        this.verdictSink = Objects.requireNonNull(verdictSink, "verdictSink");
        this.complianceSink = Objects.requireNonNull(complianceSink, "complianceSink");
        this.deadLetterSink = Objects.requireNonNull(deadLetterSink, "deadLetterSink");
        this.verifiers = Objects.requireNonNull(verifiers, "verifiers");
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    /** Builds the graph in the current execution environment and runs it until it ends. */
    public JobExecutionResult execute() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build(env);
        return env.execute(config.get(VerificationJobConfig.JOB_NAME));
    }

    /** Builds the graph in the current execution environment and submits it without waiting. */
    public JobClient executeAsync() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build(env);
        return env.executeAsync(config.get(VerificationJobConfig.JOB_NAME));
    }

    /** Adds the job's operators to {@code env} and enables exactly-once checkpoints. */
    public void build(StreamExecutionEnvironment env) {
        env.enableCheckpointing(config.get(VerificationJobConfig.CHECKPOINT_INTERVAL).toMillis(), CheckpointingMode.EXACTLY_ONCE);
        long bufferTimeout = config.get(VerificationJobConfig.BUFFER_TIMEOUT).toMillis();
        env.setBufferTimeout(bufferTimeout);
        long rareEdgeBufferTimeout = Math.max(bufferTimeout, RARE_EDGE_BUFFER_TIMEOUT.toMillis());
        // Every type on the wire and in state has a Flink serializer (POJO, Avro, primitives):
        // a type that would silently fall back to Kryo is an error when the graph is built.
        env.configure(new Configuration().set(PipelineOptions.GENERIC_TYPES, false));

        DataStream<KafkaPayload> payloads = env
                .fromSource(source, eventTime(config), "proofs source")
                .uid(SOURCE_UID);

        SingleOutputStreamOperator<ProofEnvelope> decoded = payloads
                .process(new DecodeFunction(config.decoderSettings()))
                .name("decode")
                .uid(DECODE_UID);
        // A pass-through chained to decode, so that the dead letters' edge gets a timeout of its
        // own: an edge's buffer timeout is its upstream operator's, and decode's is the proofs'.
        DataStream<DeadLetter> undecodable = decoded.getSideOutput(DecodeFunction.DEAD_LETTERS)
                .map(deadLetter -> deadLetter)
                .returns(TypeInformation.of(DeadLetter.class))
                .name("undecodable")
                .uid(UNDECODABLE_UID)
                .setBufferTimeout(rareEdgeBufferTimeout);

        // One reader of the control topic, broadcast to every verify subtask.
        DataStream<KafkaPayload> announcements = env
                .fromSource(announcementSource, WatermarkStrategy.noWatermarks(), "module announcements")
                .uid(ANNOUNCEMENTS_SOURCE_UID)
                .setParallelism(1)
                .setBufferTimeout(rareEdgeBufferTimeout);

        DataStream<VerifiedProof> verified = decoded
                .connect(announcements.broadcast())
                .transform("verify", TypeInformation.of(VerifiedProof.class), new BatchVerifyOperator(verifiers,
                        config.get(VerificationJobConfig.BATCH_SIZE), config.get(VerificationJobConfig.BATCH_DELAY).toMillis()))
                .uid(VERIFY_UID);

        DataStream<Verdict> verdicts = verified
                .keyBy(new ProofSensorId(), Types.STRING)
                .process(new GuardFunction(config.guardSettings(), signer))
                .returns(TypeInformation.of(Verdict.class))
                .name("guard")
                .uid(GUARD_UID)
                .transform("verdict seal", TypeInformation.of(Verdict.class), seal(EvidenceKind.VERDICTS))
                .uid(VERDICT_SEAL_UID);
        verdicts.sinkTo(verdictSink).name("verdicts sink").uid(VERDICT_SINK_UID);

        long lateness = config.get(VerificationJobConfig.ALLOWED_LATENESS).toMillis();
        SingleOutputStreamOperator<ComplianceRecord> compliance = DataStreamUtils
                .reinterpretAsKeyedStream(verdicts, new VerdictSensorId(), Types.STRING)
                .window(TumblingEventTimeWindows.of(config.get(VerificationJobConfig.WINDOW_SIZE)))
                .trigger(new FinalFiringTrigger(lateness))
                .allowedLateness(Duration.ofMillis(lateness))
                .sideOutputLateData(LATE_VERDICTS)
                .aggregate(new ComplianceAggregator(), new ComplianceWindowFunction(config.complianceRule(), signer,
                        config.get(VerificationJobConfig.MAX_SILENT_RECORDS)))
                .name("compliance")
                .uid(COMPLIANCE_UID);
        compliance
                .transform("compliance seal", TypeInformation.of(ComplianceRecord.class), seal(EvidenceKind.COMPLIANCE_RECORDS))
                .uid(COMPLIANCE_SEAL_UID)
                .sinkTo(complianceSink).name("compliance sink").uid(COMPLIANCE_SINK_UID);

        DataStream<DeadLetter> late = compliance.getSideOutput(LATE_VERDICTS)
                .map(new LateVerdictFunction(config.get(VerificationJobConfig.PROOFS_TOPIC), lateness))
                .returns(TypeInformation.of(DeadLetter.class))
                .name("late verdicts")
                .uid(LATE_UID)
                .setBufferTimeout(rareEdgeBufferTimeout);
        undecodable.union(late).sinkTo(deadLetterSink).name("dead-letter sink").uid(DEAD_LETTER_SINK_UID);
    }

    private <T> EvidenceSealOperator<T> seal(EvidenceKind<T> kind) {
        return new EvidenceSealOperator<>(kind, signer, config.get(VerificationJobConfig.SEAL_MAX_RECORDS),
                config.get(VerificationJobConfig.SEAL_MAX_DELAY).toMillis());
    }

    /**
     * Event time as the source sees it: each record's timestamp is its proof's event time, and
     * watermarks are generated per Kafka partition (bounded out-of-orderness, idle partitions
     * left out after the idleness timeout), then combined per subtask as the minimum.
     */
    public static WatermarkStrategy<KafkaPayload> eventTime(VerificationJobConfig config) {
        DecoderSettings settings = config.decoderSettings();
        return WatermarkStrategy.<KafkaPayload>forBoundedOutOfOrderness(config.get(VerificationJobConfig.MAX_OUT_OF_ORDERNESS))
                .withTimestampAssigner(context -> new ProofEventTimeAssigner(settings))
                .withIdleness(config.get(VerificationJobConfig.IDLENESS));
    }

    /** The sensor id of a verified proof: the guard's key. */
    static final class ProofSensorId implements KeySelector<VerifiedProof, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(VerifiedProof proof) {
            return proof.record.getSensorId();
        }
    }

    /** The sensor id of a verdict: the compliance windows' key, the same partitioning as the guard's. */
    static final class VerdictSensorId implements KeySelector<Verdict, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(Verdict verdict) {
            return verdict.getSensorId();
        }
    }
}
