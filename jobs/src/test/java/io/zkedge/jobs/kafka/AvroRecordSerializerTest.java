package io.zkedge.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkedge.operators.decode.KafkaPayload;
import io.zkedge.operators.guard.GuardDecision;
import io.zkedge.operators.guard.VerdictFactory;
import io.zkedge.operators.testutils.FakeProofs;
import io.zkedge.operators.testutils.TestSigner;
import io.zkedge.operators.verify.VerifiedProof;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.DeadLetter;
import io.zkedge.schemas.DeadLetterReason;
import io.zkedge.schemas.Verdict;
import io.zkedge.schemas.VerdictStatus;
import io.zkedge.evidence.ChainPosition;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class AvroRecordSerializerTest {

    @Test
    void shouldWriteAVerdictKeyedBySensorInSingleObjectEncoding() throws Exception {
        VerifiedProof proof = new VerifiedProof(FakeProofs.valid("s-9", 3), VerdictStatus.VALID, null, new byte[32], "b", 1, 0, 3);
        Verdict verdict = VerdictFactory.unsigned(proof, new GuardDecision(VerdictStatus.VALID, null));
        TestSigner.provider().open().signChained(verdict, ChainPosition.genesis());
        AvroRecordSerializer<Verdict> serializer = AvroRecordSerializer.verdicts("zkedge.verdicts");
        serializer.open(null, null);

        ProducerRecord<byte[], byte[]> record = serializer.serialize(verdict, null, 42L);

        assertThat(record.topic()).isEqualTo("zkedge.verdicts");
        assertThat(record.key()).isEqualTo("s-9".getBytes(StandardCharsets.UTF_8));
        assertThat(record.timestamp()).as("the time of writing, not the event time").isNull();
        assertThat(AvroCodec.forVerdicts().decode(record.value())).isEqualTo(verdict);
    }

    @Test
    void shouldKeyADeadLetterByTheOriginalKey() throws Exception {
        DeadLetter keyless = DeadLetter.newBuilder().setReason(DeadLetterReason.UNDECODABLE).setDetail("x")
                .setSourceTopic("t").setSourcePartition(0).setSourceOffset(1).setKey(null)
                .setOriginal(ByteBuffer.wrap(new byte[] {1})).setReceivedAt(Instant.EPOCH).build();
        AvroRecordSerializer<DeadLetter> serializer = AvroRecordSerializer.deadLetters("zkedge.deadletter");

        assertThat(serializer.serialize(keyless, null, null).key()).isNull();
        keyless.setKey(ByteBuffer.wrap(new byte[] {7}));
        assertThat(serializer.serialize(keyless, null, null).key()).containsExactly(7);
    }

    @Test
    void shouldNameItsTopicSoThatPooledTransactionsCanBeFoundOnRecovery() {
        // KafkaSink with TransactionNamingStrategy.POOLING refuses a serializer that does not.
        assertThat(AvroRecordSerializer.complianceRecords("zkedge.compliance").getKafkaDatasetFacet())
                .hasValueSatisfying(facet -> assertThat(facet.getTopicIdentifier().getTopics()).containsExactly("zkedge.compliance"));
    }

    @Test
    void shouldHandEveryKafkaRecordOnWithItsCoordinates() throws Exception {
        ConsumerRecord<byte[], byte[]> in = new ConsumerRecord<>("zkedge.proofs", 2, 77, new byte[] {1}, new byte[] {2});
        List<KafkaPayload> out = new java.util.ArrayList<>();

        new KafkaPayloadDeserializer().deserialize(in, new Collector<>() {
            @Override
            public void collect(KafkaPayload record) {
                out.add(record);
            }

            @Override
            public void close() {}
        });

        assertThat(out).containsExactly(new KafkaPayload("zkedge.proofs", 2, 77, new byte[] {1}, new byte[] {2}, in.timestamp()));
    }
}
