package io.zkedge.jobs.testutils;

import io.zkedge.jobs.kafka.KafkaPayloadDeserializer;
import io.zkedge.operators.decode.KafkaPayload;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The production deserializer, slowed to one record per {@code millisPerRecord}: the input then
 * spans several checkpoints and watermark intervals, as a live stream does, instead of being read
 * in one go before the first checkpoint.
 */
public final class ThrottledDeserializer implements KafkaRecordDeserializationSchema<KafkaPayload> {

    private static final long serialVersionUID = 1L;

    private final KafkaPayloadDeserializer delegate = new KafkaPayloadDeserializer();
    private final long millisPerRecord;

    public ThrottledDeserializer(long millisPerRecord) {
        this.millisPerRecord = millisPerRecord;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<KafkaPayload> out) throws IOException {
        try {
            Thread.sleep(millisPerRecord);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        delegate.deserialize(record, out);
    }

    @Override
    public TypeInformation<KafkaPayload> getProducedType() {
        return delegate.getProducedType();
    }
}
