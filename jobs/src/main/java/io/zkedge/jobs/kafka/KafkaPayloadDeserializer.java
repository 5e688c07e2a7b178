package io.zkedge.jobs.kafka;

import io.zkedge.operators.decode.KafkaPayload;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Hands every Kafka record on as it is, with its coordinates: decoding happens in the job's
 * decode operator, where a bad record becomes a dead letter instead of failing the source.
 */
public class KafkaPayloadDeserializer implements KafkaRecordDeserializationSchema<KafkaPayload> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<KafkaPayload> out) {
        out.collect(new KafkaPayload(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                record.timestamp()));
    }

    @Override
    public TypeInformation<KafkaPayload> getProducedType() {
        return TypeInformation.of(KafkaPayload.class);
    }
}
