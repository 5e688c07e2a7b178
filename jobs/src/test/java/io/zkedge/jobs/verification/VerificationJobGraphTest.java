package io.zkedge.jobs.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkedge.jobs.kafka.KafkaEnds;
import io.zkedge.operators.chain.SignerProvider;
import io.zkedge.operators.verify.BundledVerifierProvider;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** The job's graph as built, before anything runs: nothing here connects to a broker. */
class VerificationJobGraphTest {

    @Test
    void shouldFlushTheProofPathAtTheBufferTimeoutAndTheRareEdgesLessOften() {
        Map<String, Long> timeouts = edgeBufferTimeouts(Map.of(VerificationJobConfig.BUFFER_TIMEOUT.key(), "5 ms"));

        assertThat(timeouts).containsEntry("decode -> verify", 5L)
                .containsEntry("verify -> guard", 5L)
                .containsEntry("Source: module announcements -> verify", 100L)
                .containsEntry("undecodable -> dead-letter sink: Writer", 100L)
                .containsEntry("late verdicts -> dead-letter sink: Writer", 100L);
    }

    @Test
    void shouldNeverFlushTheRareEdgesMoreOftenThanTheProofPath() {
        Map<String, Long> timeouts = edgeBufferTimeouts(Map.of(VerificationJobConfig.BUFFER_TIMEOUT.key(), "250 ms"));

        assertThat(timeouts).containsEntry("decode -> verify", 250L)
                .containsEntry("Source: module announcements -> verify", 250L)
                .containsEntry("undecodable -> dead-letter sink: Writer", 250L)
                .containsEntry("late verdicts -> dead-letter sink: Writer", 250L);
    }

    /** Each network edge's buffer timeout, by "upstream operator -> downstream operator". */
    private static Map<String, Long> edgeBufferTimeouts(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(overrides);
        settings.put(VerificationJobConfig.BOOTSTRAP_SERVERS.key(), "localhost:9");
        settings.put(VerificationJobConfig.SIGNING_KEY_PATH.key(), "never-read.key");
        settings.put(VerificationJobConfig.ALLOW_BUNDLED_MODULES.key(), "true");
        VerificationJobConfig config = VerificationJobConfig.fromMap(settings);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new VerificationJob(config, KafkaEnds.proofSource(config), KafkaEnds.announcementSource(config),
                        KafkaEnds.verdictSink(config), KafkaEnds.complianceSink(config), KafkaEnds.deadLetterSink(config),
                        new BundledVerifierProvider(), SignerProvider.fromKeyFile(config.get(VerificationJobConfig.SIGNING_KEY_PATH)))
                .build(env);
        StreamGraph graph = env.getStreamGraph();
        Map<String, Long> timeouts = new HashMap<>();
        for (StreamNode node : graph.getStreamNodes()) {
            for (StreamEdge edge : node.getOutEdges()) {
                String name = graph.getStreamNode(edge.getSourceId()).getOperatorName() + " -> "
                        + graph.getStreamNode(edge.getTargetId()).getOperatorName();
                timeouts.put(name, edge.getBufferTimeout());
            }
        }
        return timeouts;
    }
}
