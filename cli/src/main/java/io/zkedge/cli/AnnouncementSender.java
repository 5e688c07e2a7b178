package io.zkedge.cli;

import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ModuleAnnouncement;
import io.zkedge.trust.SignedManifest;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends one encoded ModuleAnnouncement to the control topic through an idempotent producer
 * (acks=all) and waits for the broker's acknowledgement: what {@code module publish} and
 * {@code vk publish} share. Callers quiet Kafka's logging first ({@link KafkaLogging#quiet()}).
 */
final class AnnouncementSender {

    /** The control topic jobs read announcements from. */
    static final String DEFAULT_TOPIC = "zkedge.modules";

    private AnnouncementSender() {}

    /** An acknowledged announcement: where it went, and its encoded size. */
    record Sent(RecordMetadata metadata, int bytes) {}

    /**
     * Announces {@code artifact} with its signed manifest (every field a job checks comes from the
     * manifest, so the announcement cannot contradict it), under the manifest's name as key.
     *
     * @return the acknowledged announcement, or null (with a one-line reason on {@code err}) if it
     *     was not sent or not acknowledged
     * @throws UsageException if the manifest and signature cannot make an announcement (named
     *     {@code what}) or {@code bootstrap} is not a usable server list
     */
    static Sent announce(String bootstrap, String topic, SignedManifest signed, byte[] artifact, String what,
            PrintStream err) throws UsageException, InterruptedException {
        byte[] payload;
        try {
            ModuleAnnouncement announcement = signed.announce(artifact, Instant.now());
            payload = AvroCodec.forModuleAnnouncements().encode(announcement);
        } catch (IllegalArgumentException e) {
            throw new UsageException("cannot announce " + what + ": " + e.getMessage());
        }
        RecordMetadata acked = send(bootstrap, topic, signed.manifest().name(), payload, err);
        return acked == null ? null : new Sent(acked, payload.length);
    }

    /**
     * Sends {@code payload} under {@code key} and waits for the acknowledgement.
     *
     * @return the acknowledged record's coordinates, or null (with a one-line reason on {@code err})
     *     if it was not sent or not acknowledged
     * @throws UsageException if {@code bootstrap} is not a usable server list
     */
    private static RecordMetadata send(String bootstrap, String topic, String key, byte[] payload, PrintStream err)
            throws UsageException, InterruptedException {
        try (Producer<String, byte[]> producer = producer(bootstrap)) {
            return producer.send(new ProducerRecord<>(topic, key, payload)).get();
        } catch (KafkaException e) {
            // send() itself gave up: no metadata for the topic within max.block.ms.
            err.println("zkedge: the announcement was not sent: " + Zkedge.oneLine(
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            err.println("zkedge: the announcement was not acknowledged: " + Zkedge.oneLine(
                    cause.getClass().getSimpleName() + ": " + cause.getMessage()));
            return null;
        }
    }

    private static Producer<String, byte[]> producer(String bootstrap) throws UsageException {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "zkedge-announcement");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // An unreachable cluster: fail within a minute or so, with the reason, rather than retry for two.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(GatewayCommand.CONNECT_TIMEOUT.toMillis()));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "45000");
        // A module is larger than most records; the encoded announcement is at most 1 MiB.
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(AvroCodec.LARGE_MAX_BYTES + 64 * 1024));
        try {
            return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        } catch (KafkaException e) {
            throw new UsageException("--bootstrap-servers '" + bootstrap + "': "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        }
    }
}
