package io.zkedge.groth16;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SensorRangeSignalsTest {

    static Stream<SensorTestdata.Case> validCases() {
        return SensorTestdata.cases().stream().filter(c -> c.verdict().equals("valid"));
    }

    @ParameterizedTest
    @MethodSource("validCases")
    void recordFieldsEncodeToThePublicInputsSnarkjsProved(SensorTestdata.Case c) throws Exception {
        Map<?, ?> record = (Map<?, ?>) StrictJson.parse(c.text("record.json"));
        Groth16PublicInputs proved = SnarkjsFiles.publicInputs(c.text("public.json"), SensorRangeSignals.N_PUBLIC);
        String sensorId = (String) record.get("sensorId");
        long seq = Long.parseUnsignedLong((String) record.get("seq"));
        long time = Long.parseLong((String) record.get("eventTimeMillis"));

        Groth16PublicInputs encoded = SensorRangeSignals.publicInputs(proved.get(SensorRangeSignals.COMMITMENT),
                Long.parseLong((String) record.get("min")), Long.parseLong((String) record.get("max")),
                sensorId, seq, time);

        assertThat(encoded).isEqualTo(proved);
        assertThat(SensorRangeSignals.contextMismatch(proved, sensorId, seq, time)).isEmpty();
    }

    @Test
    void replayForAnotherSensorSequenceOrTimeIsNamed() throws Exception {
        SensorTestdata.Case c = validCases().filter(x -> x.name().equals("valid-mid-range")).findFirst().orElseThrow();
        Groth16PublicInputs proved = SnarkjsFiles.publicInputs(c.text("public.json"), SensorRangeSignals.N_PUBLIC);

        assertThat(SensorRangeSignals.contextMismatch(proved, "sensor-0002", 1, 1764230400000L))
                .hasValue("public input sensorId does not encode the record's sensor id");
        assertThat(SensorRangeSignals.contextMismatch(proved, "sensor-0001", 2, 1764230400000L))
                .hasValue("public input seq 1 differs from the record's 2");
        assertThat(SensorRangeSignals.contextMismatch(proved, "sensor-0001", 1, 1764230400001L))
                .hasValue("public input eventTimeMillis 1764230400000 does not encode the record's event time 1764230400001");
        assertThat(SensorRangeSignals.contextMismatch(proved, "sensor-0001", 1, 1764230400000L)).isEmpty();
    }

    @Test
    void signedValuesAreOffsetByTwoToThe63() {
        assertThat(SensorRangeSignals.signed64(Long.MIN_VALUE)).isEqualTo(BigInteger.ZERO);
        assertThat(SensorRangeSignals.signed64(-40)).hasToString("9223372036854775768");
        assertThat(SensorRangeSignals.signed64(Long.MAX_VALUE)).isEqualTo(BigInteger.TWO.pow(64).subtract(BigInteger.ONE));
    }

    @Test
    void rangeOfAProofDecodesBackToSignedValues() throws Exception {
        SensorTestdata.Case c = validCases().filter(x -> x.name().equals("valid-extremes")).findFirst().orElseThrow();
        Groth16PublicInputs proved = SnarkjsFiles.publicInputs(c.text("public.json"), SensorRangeSignals.N_PUBLIC);

        assertThat(SensorRangeSignals.decodeSigned64(proved.get(SensorRangeSignals.MIN))).isEqualTo(Long.MIN_VALUE);
        assertThat(SensorRangeSignals.decodeSigned64(proved.get(SensorRangeSignals.MAX))).isEqualTo(Long.MAX_VALUE);
        assertThat(SensorRangeSignals.decodeSigned64(SensorRangeSignals.signed64(-40))).isEqualTo(-40);
        assertThatThrownBy(() -> SensorRangeSignals.decodeSigned64(BigInteger.TWO.pow(64)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sequenceAndTimeAreTheirUnsigned64BitPattern() {
        assertThat(SensorRangeSignals.seq(-1L)).hasToString("18446744073709551615");
        assertThat(SensorRangeSignals.eventTime(-1L)).hasToString("18446744073709551615");
        assertThat(SensorRangeSignals.eventTime(1764230400000L)).hasToString("1764230400000");
    }

    @Test
    void sensorIdIsTheFirst248BitsOfItsSha256() {
        // SHA-256("abc") = ba7816bf…f20015ad (FIPS 180-2, appendix B.1); the last byte is dropped.
        assertThat(SensorRangeSignals.sensorId("abc").toString(16))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015");
    }

    @Test
    void sensorIdThatIsNotWellFormedUnicodeIsRefused() {
        assertThatThrownBy(() -> SensorRangeSignals.sensorId("sensor-\uD800"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sensor id is not well-formed UTF-16");
    }
}
