package io.zkedge.gateway;

import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ProofRecord;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Builds a {@link ProofGateway}.
 *
 * <pre>{@code
 * ProofGateway gateway = ProofGateway.builder()
 *         .setBootstrapServers("127.0.0.1:9092")   // required
 *         .setTopic("zkedge.proofs")                // the default
 *         .setProducerProperty("linger.ms", "20")   // any other producer setting
 *         .build();
 * }</pre>
 *
 * <p>Defaults: topic {@value #DEFAULT_TOPIC}; producer {@code enable.idempotence=true},
 * {@code acks=all}, {@code linger.ms=5}, client id {@code zkedge-gateway}; 30 s to flush on close.
 * The keys that make the producer idempotent cannot be overridden.
 */
public final class ProofGatewayBuilder {

    /** The topic gateways publish to unless told otherwise. */
    public static final String DEFAULT_TOPIC = "zkedge.proofs";

    /** Settings the gateway's guarantees rest on. */
    private static final Set<String> FIXED = Set.of(
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            ProducerConfig.ACKS_CONFIG,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);

    private String bootstrapServers;
    private String topic = DEFAULT_TOPIC;
    private Duration closeTimeout = Duration.ofSeconds(30);
    private final Map<String, String> producerProperties = new HashMap<>();
    private Producer<String, byte[]> producer;

    ProofGatewayBuilder() {}

    /** {@code host:port[,host:port...]} of the Kafka cluster. Required. */
    public ProofGatewayBuilder setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        return this;
    }

    /** The proofs topic; default {@value #DEFAULT_TOPIC}. */
    public ProofGatewayBuilder setTopic(String topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
        return this;
    }

    /** Any producer setting except idempotence, acks and the serializers. */
    public ProofGatewayBuilder setProducerProperty(String key, String value) {
        producerProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** How long {@link ProofGateway#close()} waits for buffered records; default 30 s. */
    public ProofGatewayBuilder setCloseTimeout(Duration closeTimeout) {
        this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
        return this;
    }

    /** A producer to use instead of a new {@link KafkaProducer} (tests: {@code MockProducer}). */
    ProofGatewayBuilder setProducer(Producer<String, byte[]> producer) {
        this.producer = Objects.requireNonNull(producer, "producer");
        return this;
    }

    /**
     * @throws IllegalArgumentException if the bootstrap servers are missing, the topic is blank, or
     *     a fixed producer setting is overridden
     */
    public ProofGateway build() {
        if (producer == null && (bootstrapServers == null || bootstrapServers.isBlank())) {
            throw new IllegalArgumentException("bootstrapServers must be set, e.g. 127.0.0.1:9092");
        }
        if (topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        for (String key : producerProperties.keySet()) {
            if (FIXED.contains(key)) {
                throw new IllegalArgumentException(key + " is fixed by the gateway (idempotent, acks=all, "
                        + "String keys, byte[] values) and cannot be set");
            }
        }
        Producer<String, byte[]> p = producer != null ? producer : new KafkaProducer<>(producerConfig());
        return new ProofGateway(p, topic, AvroCodec.forProofRecords(), closeTimeout);
    }

    private Properties producerConfig() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "zkedge-gateway");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.putAll(producerProperties);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }
}
