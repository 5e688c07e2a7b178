package io.zkedge.operators.guard;

import static io.zkedge.operators.guard.ReplayGuard.NO_FLOOR;
import static io.zkedge.operators.guard.ReplayGuard.NO_WATERMARK;
import static org.assertj.core.api.Assertions.assertThat;

import io.zkedge.operators.testutils.FakeProofs;
import io.zkedge.operators.testutils.ProofFixtures;
import io.zkedge.operators.verify.VerifiedProof;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.VerdictStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {

    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final ReplayGuard GUARD = new ReplayGuard(new GuardSettings(128, SKEW));
    private static final long T0 = ProofFixtures.T0.toEpochMilli();

    @Test
    void shouldAcceptAValidProofOfANewSensor() {
        assertThat(GUARD.decide(valid(1, T0), null, NO_FLOOR, NO_WATERMARK)).isEqualTo(new GuardDecision(VerdictStatus.VALID, null));
    }

    @Test
    void shouldPassOnTheVerifiersRefusalWithItsReason() {
        VerifiedProof invalid = verified(FakeProofs.invalid("s", 1), VerdictStatus.INVALID, "bad");

        GuardDecision decision = GUARD.decide(invalid, ReplayWindow.first(1, T0), NO_FLOOR, NO_WATERMARK);

        assertThat(decision).isEqualTo(new GuardDecision(VerdictStatus.INVALID, "bad"));
        assertThat(decision.accepted()).isFalse();
    }

    @Test
    void shouldCallASeenOrTooOldSequenceNumberAReplay() {
        ReplayWindow window = ReplayWindow.first(500, T0);

        assertThat(GUARD.decide(valid(500, T0), window, NO_FLOOR, NO_WATERMARK).status()).isEqualTo(VerdictStatus.REPLAY);
        GuardDecision belowWindow = GUARD.decide(valid(372, T0), window, NO_FLOOR, NO_WATERMARK);
        assertThat(belowWindow.status()).isEqualTo(VerdictStatus.REPLAY);
        assertThat(belowWindow.reason()).contains("below the replay window");
        assertThat(GUARD.decide(valid(373, T0), window, NO_FLOOR, NO_WATERMARK).status()).isEqualTo(VerdictStatus.VALID);
    }

    @Test
    void shouldCallAProofFarBehindTheSensorsNewestStale() {
        ReplayWindow window = ReplayWindow.first(10, T0);
        long limit = T0 - SKEW.toMillis();

        assertThat(GUARD.decide(valid(9, limit - 1), window, NO_FLOOR, NO_WATERMARK).status()).isEqualTo(VerdictStatus.STALE);
        assertThat(GUARD.decide(valid(9, limit), window, NO_FLOOR, NO_WATERMARK).status()).isEqualTo(VerdictStatus.VALID);
    }

    @Test
    void shouldCallAProofFarBehindTheWatermarkStale() {
        long watermark = T0 + 3_600_000;

        GuardDecision decision = GUARD.decide(valid(1, watermark - SKEW.toMillis() - 1), null, NO_FLOOR, watermark);

        assertThat(decision.status()).isEqualTo(VerdictStatus.STALE);
        assertThat(decision.reason()).contains("behind the watermark");
    }

    @Test
    void shouldCallAProofNoNewerThanAnExpiredWindowStale() {
        assertThat(GUARD.decide(valid(1, T0), null, T0, NO_WATERMARK).status()).isEqualTo(VerdictStatus.STALE);
        assertThat(GUARD.decide(valid(1, T0 + 1), null, T0, NO_WATERMARK).status()).isEqualTo(VerdictStatus.VALID);
    }

    @Test
    void shouldExpireAWindowJustAfterItsNewestProofIsMoreThanTheSkewOld() {
        assertThat(GUARD.expiryTime(T0)).isEqualTo(T0 + SKEW.toMillis() + 1);
        assertThat(GUARD.expiryTime(Long.MAX_VALUE - 5)).isEqualTo(Long.MAX_VALUE);
    }

    private static VerifiedProof valid(long seq, long eventTime) {
        ProofRecord record = FakeProofs.valid("s", seq);
        record.setEventTime(Instant.ofEpochMilli(eventTime));
        return verified(record, VerdictStatus.VALID, null);
    }

    static VerifiedProof verified(ProofRecord record, VerdictStatus status, String reason) {
        return new VerifiedProof(record, status, reason, new byte[32], "b-0", 42, 0, record.getSeq());
    }
}
