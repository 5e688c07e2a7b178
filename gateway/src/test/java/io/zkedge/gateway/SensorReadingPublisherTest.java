package io.zkedge.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkedge.bulletproofs.BulletproofsAbi;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.testutils.TestModules;
import io.zkedge.wasm.WasmModule;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The publisher's contract, with the fake prover module (fast stand-in proofs) and a MockProducer
 * whose acknowledgements the test gives. {@code GatewayCommandITCase} in the CLI runs real proofs
 * through a real broker.
 */
class SensorReadingPublisherTest {

    private static final RangeSpec RANGE = new RangeSpec(100, 450, 16);
    private static final Instant TIME = Instant.parse("2026-11-24T12:00:00Z");

    private static WasmModule fakeProver;

    @BeforeAll
    static void loadFakeProver() throws Exception {
        fakeProver = TestModules.builder("fake_bulletproofs_prover").setRequiredFunctions(BulletproofsAbi.PROVE).build();
    }

    @Test
    void shouldProveAndPublishAReadingAndCompleteWhenTheBrokerAcknowledges() throws Exception {
        MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        SensorReadingPublisher publisher =
                SensorReadingPublisher.create(ProofGateway.builder().setProducer(producer).build(), "gw-7", fakeProver);

        Optional<CompletableFuture<RecordMetadata>> ack = publisher.publishReading("soil-7", 42, TIME, 312, RANGE);

        assertThat(ack).isPresent();
        assertThat(ack.get()).isNotDone();
        producer.completeNext();
        assertThat(ack.get()).isCompleted();
        ProofRecord sent = AvroCodec.forProofRecords().decode(producer.history().get(0).value());
        assertThat(producer.history().get(0).key()).isEqualTo("soil-7");
        assertThat(sent.getSensorId()).isEqualTo("soil-7");
        assertThat(sent.getGatewayId()).isEqualTo("gw-7");
        assertThat(sent.getSeq()).isEqualTo(42);
        assertThat(sent.getEventTime()).isEqualTo(TIME);
        assertThat(RangeSpec.fromAvro(sent.getRange())).isEqualTo(RANGE);
        assertThat(publisher.unprovable()).isZero();
    }

    @Test
    void shouldSendNothingForAReadingOutsideItsRange() throws Exception {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        SensorReadingPublisher publisher =
                SensorReadingPublisher.create(ProofGateway.builder().setProducer(producer).build(), "gw-7", fakeProver);

        assertThat(publisher.publishReading("soil-7", 1, TIME, 451, RANGE)).isEmpty();
        assertThat(publisher.publishReading("soil-7", 2, TIME, 99, RANGE)).isEmpty();

        assertThat(producer.history()).isEmpty();
        assertThat(publisher.unprovable()).isEqualTo(2);
        assertThat(publisher.gateway().counters().sent()).isZero();
    }

    @Test
    void shouldFailTheFutureWhenTheSendFails() throws Exception {
        MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        SensorReadingPublisher publisher =
                SensorReadingPublisher.create(ProofGateway.builder().setProducer(producer).build(), "gw-7", fakeProver);

        CompletableFuture<RecordMetadata> ack = publisher.publishReading("soil-7", 1, TIME, 200, RANGE).orElseThrow();
        producer.errorNext(new NotEnoughReplicasException("only 0 in sync"));

        assertThat(ack).isCompletedExceptionally();
        assertThat(publisher.gateway().counters().errors()).isEqualTo(1);
    }
}
