package io.zkedge.gateway;

import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ProofRecord;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;

/**
 * Publishes proof records to Kafka: Avro single-object encoding ({@link AvroCodec}), key = sensor
 * id, so each sensor's records stay in order on one partition.
 *
 * <pre>{@code
 * try (ProofGateway gateway = ProofGateway.builder()
 *         .setBootstrapServers("127.0.0.1:9092")
 *         .build()) {
 *     gateway.publish(record);
 * }
 * }</pre>
 *
 * <p>The producer is idempotent with {@code acks=all}: a record is acknowledged once every in-sync
 * replica has it, and retries never duplicate or reorder it. Sends are asynchronous; the
 * {@link #counters()} follow them (sent, acknowledged, failed) for a progress line.
 *
 * <p>Thread-safe: any number of threads may publish through one gateway.
 */
public final class ProofGateway implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final AvroCodec<ProofRecord> codec;
    private final Duration closeTimeout;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    ProofGateway(Producer<String, byte[]> producer, String topic, AvroCodec<ProofRecord> codec, Duration closeTimeout) {
        this.producer = producer;
        this.topic = topic;
        this.codec = codec;
        this.closeTimeout = closeTimeout;
    }

    /** Starts building a gateway; see {@link ProofGatewayBuilder}. */
    public static ProofGatewayBuilder builder() {
        return new ProofGatewayBuilder();
    }

    /**
     * Sends one proof record, keyed by its sensor id.
     *
     * @return completes with the record's position once the broker acknowledged it, or
     *     exceptionally if the send failed (after the producer's retries)
     * @throws IllegalArgumentException if the record cannot be encoded
     */
    public CompletableFuture<RecordMetadata> publish(ProofRecord record) {
        Objects.requireNonNull(record, "record");
        return publishRaw(record.getSensorId(), codec.encode(record));
    }

    /**
     * Sends bytes as they are (a record encoded elsewhere, or, in tests and demos, a corrupted one).
     *
     * @param key the sensor id, or null
     * @return as for {@link #publish}
     */
    public CompletableFuture<RecordMetadata> publishRaw(String key, byte[] value) {
        Objects.requireNonNull(value, "value");
        CompletableFuture<RecordMetadata> ack = new CompletableFuture<>();
        // Counted first: the callback may run (and count an ack or error) before send returns.
        sent.incrementAndGet();
        try {
            producer.send(new ProducerRecord<>(topic, key, value), callback(ack));
        } catch (RuntimeException e) {
            // Not handed to the producer (closed, interrupted, ...): no callback will follow.
            fail(e);
            throw e;
        }
        return ack;
    }

    /**
     * The topic's partitions, fetched from the cluster: a check, before sending, that the cluster
     * answers and the topic exists.
     *
     * @throws org.apache.kafka.common.errors.TimeoutException if no answer came within the
     *     producer's {@code max.block.ms} (the cluster is unreachable, or the topic does not exist
     *     and is not created automatically)
     */
    public List<PartitionInfo> partitions() {
        return producer.partitionsFor(topic);
    }

    /** Blocks until every record sent so far is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    /** What this gateway has sent so far. */
    public GatewayCounters counters() {
        return new GatewayCounters(sent.get(), acked.get(), errors.get(), lastError.get());
    }

    /** The topic records go to. */
    public String topic() {
        return topic;
    }

    /** Sends what is buffered (waiting at most the close timeout), then closes the producer. */
    @Override
    public void close() {
        producer.close(closeTimeout);
    }

    private Callback callback(CompletableFuture<RecordMetadata> ack) {
        return (metadata, exception) -> {
            // Counters first, so that whoever waits on the future sees them updated.
            if (exception == null) {
                acked.incrementAndGet();
                ack.complete(metadata);
            } else {
                fail(exception);
                ack.completeExceptionally(exception);
            }
        };
    }

    private void fail(Exception e) {
        errors.incrementAndGet();
        lastError.set(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
}
