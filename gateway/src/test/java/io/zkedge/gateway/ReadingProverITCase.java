package io.zkedge.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkedge.bulletproofs.BundledModules;
import io.zkedge.bulletproofs.VerificationStatus;
import io.zkedge.gateway.testutils.Proofs;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.ProofSystem;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReadingProverITCase {

    private static final RangeSpec SOIL = new RangeSpec(100, 450, 16);
    private static final Instant NOON = Instant.parse("2026-11-24T12:00:00.123Z");

    @BeforeAll
    static void modulesAreBundled() {
        assumeTrue(BundledModules.available(), "the Wasm modules are not bundled (build verifiers/)");
    }

    @Test
    void shouldProduceARecordThatDecodesAndVerifies() throws Exception {
        ReadingProver prover = ReadingProver.create("gw-1");

        ProofRecord record = prover.prove("soil-7", 42, NOON, 312, SOIL).orElseThrow();

        assertThat(record.getSensorId()).isEqualTo("soil-7");
        assertThat(record.getGatewayId()).isEqualTo("gw-1");
        assertThat(record.getSeq()).isEqualTo(42);
        assertThat(record.getEventTime()).isEqualTo(NOON);
        assertThat(record.getProofSystem()).isEqualTo(ProofSystem.BULLETPROOFS);
        assertThat(record.getStatementId()).isEqualTo(ReadingProver.STATEMENT_ID).isEqualTo("zkedge.range.v1");
        assertThat(record.getCommitment().remaining()).isEqualTo(32);
        assertThat(RangeSpec.fromAvro(record.getRange())).isEqualTo(SOIL);

        AvroCodec<ProofRecord> codec = AvroCodec.forProofRecords();
        ProofRecord decoded = codec.decode(codec.encode(record));
        assertThat(decoded).isEqualTo(record);
        assertThat(Proofs.verify(List.of(decoded))).containsExactly(VerificationStatus.VALID);
    }

    @Test
    void shouldProveTheEdgesOfTheRangeAndSkipReadingsOutsideIt() throws Exception {
        ReadingProver prover = ReadingProver.create("gw-1");

        Optional<ProofRecord> low = prover.prove("soil-7", 1, NOON, 100, SOIL);
        Optional<ProofRecord> high = prover.prove("soil-7", 2, NOON, 450, SOIL);

        assertThat(Proofs.verify(List.of(low.orElseThrow(), high.orElseThrow())))
                .containsExactly(VerificationStatus.VALID, VerificationStatus.VALID);
        assertThat(prover.prove("soil-7", 3, NOON, 99, SOIL)).isEmpty();
        assertThat(prover.prove("soil-7", 4, NOON, 451, SOIL)).isEmpty();
    }

    @Test
    void shouldBindTheProofToItsSensorSequenceAndTime() throws Exception {
        ProofRecord record = ReadingProver.create("gw-1").prove("soil-7", 42, NOON, 312, SOIL).orElseThrow();

        ProofRecord otherSensor = ProofRecord.newBuilder(record).setSensorId("soil-8").build();
        ProofRecord otherSeq = ProofRecord.newBuilder(record).setSeq(43).build();
        ProofRecord otherTime = ProofRecord.newBuilder(record).setEventTime(NOON.plusMillis(1)).build();

        assertThat(Proofs.verify(List.of(otherSensor, otherSeq, otherTime)))
                .containsOnly(VerificationStatus.INVALID);
    }

    @Test
    void shouldRefuseRangesTheProverCannotProve() {
        assertThatThrownBy(() -> new RangeSpec(0, 256, 8)).hasMessageContaining("wider than 2^8");
        assertThatThrownBy(() -> new RangeSpec(0, 10, 12)).hasMessageContaining("bits must be 8, 16, 32 or 64");
        assertThatThrownBy(() -> new RangeSpec(5, 4, 8)).hasMessageContaining("above max");
        assertThat(new RangeSpec(Long.MIN_VALUE, Long.MAX_VALUE, 64).contains(0)).isTrue();
    }
}
