package io.zkedge.operators.metrics;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * Names of every metric the zkedge operators register, and the groups they live in.
 *
 * <p>All metrics hang under the operator's metric group, in a {@value #GROUP} sub-group, so that
 * the Prometheus reporter exports them as {@code flink_taskmanager_job_task_operator_zkedge_<name>}
 * with the usual job, task and subtask labels. Metrics that exist per value of an enum (a
 * verdict status, a dead-letter reason, a compliance outcome) are a further sub-group keyed by
 * that value, e.g. {@code zkedge.status.VALID.proofsVerified}; the Prometheus reporter turns the
 * key into a label ({@code status="VALID"}).
 *
 * <table>
 *   <caption>Metrics by operator</caption>
 *   <tr><th>operator</th><th>metric</th><th>kind</th></tr>
 *   <tr><td>decode</td><td>{@link #DEAD_LETTERS} per {@link #REASON}</td><td>counter</td></tr>
 *   <tr><td>verify</td><td>{@link #PROOFS_VERIFIED} per {@link #STATUS}</td><td>counter</td></tr>
 *   <tr><td>verify</td><td>{@link #BATCH_SIZE}, {@link #VERIFICATION_LATENCY_MS}</td><td>histogram</td></tr>
 *   <tr><td>verify</td><td>{@link #MODULE_LOAD_TIME_MS}, {@link #MODULE_COMPILE_TIME_MS}</td><td>gauge</td></tr>
 *   <tr><td>verify</td><td>{@link #VERIFIER_FAULTS}</td><td>gauge</td></tr>
 *   <tr><td>guard</td><td>{@link #VERDICTS} per {@link #STATUS}, {@link #REPLAYS}, {@link #STALE}</td><td>counter</td></tr>
 *   <tr><td>guard</td><td>{@link #SENSORS}</td><td>gauge</td></tr>
 *   <tr><td>verdict seal, compliance seal</td><td>{@link #SIGNING_LATENCY_US}, {@link #SEAL_SIZE}</td><td>histogram</td></tr>
 *   <tr><td>compliance</td><td>{@link #WINDOWS} per {@link #OUTCOME}</td><td>counter</td></tr>
 *   <tr><td>late records</td><td>{@link #LATE_RECORDS}, {@link #DEAD_LETTERS} per {@link #REASON}</td><td>counter</td></tr>
 * </table>
 */
public final class ZkedgeMetrics {

    /** The sub-group of the operator group that holds every zkedge metric. */
    public static final String GROUP = "zkedge";

    /** Key of the sub-group per verdict status (values: the {@code VerdictStatus} names). */
    public static final String STATUS = "status";

    /** Key of the sub-group per dead-letter reason (values: the {@code DeadLetterReason} names). */
    public static final String REASON = "reason";

    /** Key of the sub-group per compliance outcome (values: the {@code ComplianceOutcome} names). */
    public static final String OUTCOME = "outcome";

    /** Counter: proofs that left the batch verification operator, per {@link #STATUS}. */
    public static final String PROOFS_VERIFIED = "proofsVerified";

    /** Histogram: records per verified batch. */
    public static final String BATCH_SIZE = "batchSize";

    /** Histogram: wall time of one batch's verification (all module calls), in milliseconds. */
    public static final String VERIFICATION_LATENCY_MS = "verificationLatencyMs";

    /**
     * Histogram: time a batch's first record waited before the batch went to the verifier (the batch
     * delay, or less when the batch filled, plus any wait for the verifier to be free), in ms.
     */
    public static final String BATCH_WAIT_MS = "batchWaitMs";

    /** Gauge: time to read and check the verifier module (trust bundle) in {@code open()}, in ms. */
    public static final String MODULE_LOAD_TIME_MS = "moduleLoadTimeMs";

    /** Gauge: time Chicory took to compile the verifier module to JVM bytecode, in ms. */
    public static final String MODULE_COMPILE_TIME_MS = "moduleCompileTimeMs";

    /** Gauge: module calls that trapped or were refused as broken framing (see BulletproofsVerifier). */
    public static final String VERIFIER_FAULTS = "verifierFaults";

    /** Counter: module announcements accepted (the announced module replaced the current one). */
    public static final String MODULES_ACTIVATED = "modulesActivated";

    /** Counter per {@link #REASON}: module announcements refused (bad signature, unknown signer, digest mismatch, ...). */
    public static final String MODULE_ANNOUNCEMENTS_REFUSED = "moduleAnnouncementsRefused";

    /** Counter: verdicts signed and emitted by the guard, per {@link #STATUS}. */
    public static final String VERDICTS = "verdicts";

    /** Counter: verdicts with status REPLAY. */
    public static final String REPLAYS = "replays";

    /** Counter: verdicts with status STALE. */
    public static final String STALE = "stale";

    /** Gauge: sensors this subtask holds a verdict chain for. */
    public static final String SENSORS = "sensors";

    /** Histogram: time to hash and sign one batch of verdicts or compliance records, in microseconds. */
    public static final String SIGNING_LATENCY_US = "signingLatencyUs";

    /** Histogram: records per signature (the size of a seal's Merkle tree). */
    public static final String SEAL_SIZE = "sealSize";

    /** Counter: dead letters emitted, per {@link #REASON}. */
    public static final String DEAD_LETTERS = "deadLetters";

    /** Counter: verdicts that arrived after their compliance window closed (also dead letters, LATE). */
    public static final String LATE_RECORDS = "lateRecords";

    /** Counter: compliance windows closed, per {@link #OUTCOME}. */
    public static final String WINDOWS = "windows";

    /** Samples each histogram keeps (a sliding window over the latest values). */
    public static final int HISTOGRAM_WINDOW = 1024;

    private ZkedgeMetrics() {}

    /** The zkedge sub-group of an operator's metric group. */
    public static MetricGroup group(MetricGroup operatorGroup) {
        return operatorGroup.addGroup(GROUP);
    }

    /** A counter {@code name} in the sub-group {@code key = value} of {@code group}. */
    public static Counter keyedCounter(MetricGroup group, String key, String value, String name) {
        return group.addGroup(key, value).counter(name);
    }

    /** A histogram over the latest {@value #HISTOGRAM_WINDOW} values. */
    public static DescriptiveStatisticsHistogram histogram(MetricGroup group, String name) {
        return group.histogram(name, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
    }
}
