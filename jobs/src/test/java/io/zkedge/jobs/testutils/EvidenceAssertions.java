package io.zkedge.jobs.testutils;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkedge.evidence.ChainChecker;
import io.zkedge.evidence.ChainFinding;
import io.zkedge.operators.testutils.TestSigner;
import io.zkedge.schemas.DeadLetter;
import io.zkedge.schemas.DeadLetterReason;
import io.zkedge.schemas.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The pipeline's two promises, as assertions: exactly once, and verifiable evidence. */
public final class EvidenceAssertions {

    private EvidenceAssertions() {}

    /**
     * Every input record (partition, offset) is the source of exactly one verdict or one dead
     * letter that is not LATE, and nothing else is; LATE dead letters name a verdict's source.
     */
    public static void assertExactlyOnce(List<ConsumerRecord<byte[], byte[]>> input, List<Verdict> verdicts,
            List<DeadLetter> deadLetters) {
        Map<String, Integer> outputs = new HashMap<>();
        for (Verdict v : verdicts) {
            outputs.merge(v.getSourcePartition() + "@" + v.getSourceOffset(), 1, Integer::sum);
        }
        List<String> late = new ArrayList<>();
        for (DeadLetter d : deadLetters) {
            String at = d.getSourcePartition() + "@" + d.getSourceOffset();
            if (d.getReason() == DeadLetterReason.LATE) {
                late.add(at);
            } else {
                outputs.merge(at, 1, Integer::sum);
            }
        }
        Map<String, Integer> expected = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : input) {
            expected.put(r.partition() + "@" + r.offset(), 1);
        }
        assertThat(outputs).as("outputs per input record (partition@offset)").isEqualTo(expected);
        List<String> verdictSources = verdicts.stream().map(v -> v.getSourcePartition() + "@" + v.getSourceOffset()).toList();
        assertThat(verdictSources).as("every LATE dead letter belongs to a verdict").containsAll(late);
    }

    /**
     * Every sensor's chain, in topic order, starts at index 0, has no gap, duplicate, broken link
     * or bad signature (signatures checked with the test edge key).
     */
    public static <T> void assertUnbrokenChains(List<T> records, Supplier<ChainChecker.Builder<T>> checkerFactory,
            Function<T, String> sensorOf) {
        Map<String, ChainChecker<T>> checkers = new LinkedHashMap<>();
        List<ChainFinding<T>> findings = new ArrayList<>();
        for (T record : records) {
            ChainChecker<T> checker = checkers.computeIfAbsent(sensorOf.apply(record),
                    s -> checkerFactory.get().verifySignaturesWith(TestSigner.verifier()).build());
            findings.addAll(checker.check(record));
        }
        assertThat(findings).as("chain findings").isEmpty();
    }
}
