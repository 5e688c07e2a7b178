package io.zkedge.demo;

import io.zkedge.jobs.kafka.KafkaEnds;
import io.zkedge.jobs.verification.VerificationJob;
import io.zkedge.jobs.verification.VerificationJobConfig;
import io.zkedge.jobs.verification.VerificationJobMain;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The verification job with its production Kafka ends, as the demo and the pipeline benchmark run it. */
public final class ProductionJob {

    private ProductionJob() {}

    /**
     * Builds the job on {@code env}, submits it and waits until it is RUNNING.
     *
     * @throws DemoException if it ends or has not started within 60 s
     */
    public static JobClient startAndAwaitRunning(VerificationJobConfig config, StreamExecutionEnvironment env)
            throws Exception {
        new VerificationJob(
                        config,
                        KafkaEnds.proofSource(config),
                        KafkaEnds.announcementSource(config),
                        KafkaEnds.verdictSink(config),
                        KafkaEnds.complianceSink(config),
                        KafkaEnds.deadLetterSink(config),
                        VerificationJobMain.verifierProvider(config),
                        VerificationJobMain.signerProvider(config))
                .build(env);
        JobClient client = env.executeAsync(config.get(VerificationJobConfig.JOB_NAME));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            JobStatus status = client.getJobStatus().get(10, TimeUnit.SECONDS);
            if (status == JobStatus.RUNNING) {
                return client;
            }
            if (status.isGloballyTerminalState() || System.nanoTime() > deadline) {
                throw new DemoException("the verification job did not start (" + status + "); see the log");
            }
            Thread.sleep(20);
        }
    }
}
