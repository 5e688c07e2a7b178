package io.zkedge.operators.guard;

import static io.zkedge.operators.guard.ReplayWindow.Check.BELOW_WINDOW;
import static io.zkedge.operators.guard.ReplayWindow.Check.FRESH;
import static io.zkedge.operators.guard.ReplayWindow.Check.SEEN;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplayWindowTest {

    private static final int SIZE = 128;

    @Test
    void shouldSeeOnlyWhatWasAccepted() {
        ReplayWindow w = ReplayWindow.first(10, 0);

        assertThat(w.check(10, SIZE)).isEqualTo(SEEN);
        assertThat(w.check(9, SIZE)).isEqualTo(FRESH);
        assertThat(w.check(11, SIZE)).isEqualTo(FRESH);
    }

    @Test
    void shouldAcceptOutOfOrderSequenceNumbersInsideTheWindowOnce() {
        ReplayWindow w = ReplayWindow.first(100, 0);
        w.accept(90, 0);

        assertThat(w.check(90, SIZE)).isEqualTo(SEEN);
        assertThat(w.check(91, SIZE)).isEqualTo(FRESH);
        assertThat(w.highestSeq).isEqualTo(100);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 63, 64, 65, 127})
    void shouldKeepAcceptedSequenceNumbersAcrossAShift(long shift) {
        ReplayWindow w = ReplayWindow.first(1000, 0);
        w.accept(999, 0);

        w.accept(1000 + shift, 0);

        assertThat(w.check(1000, SIZE)).isEqualTo(shift <= 127 ? SEEN : BELOW_WINDOW);
        assertThat(w.check(999, SIZE)).isEqualTo(shift + 1 <= 127 ? SEEN : BELOW_WINDOW);
        assertThat(w.check(1000 + shift - 1, SIZE)).isEqualTo(shift == 1 ? SEEN : FRESH);
    }

    @Test
    void shouldForgetEverythingAfterAJumpOfAWholeWindow() {
        ReplayWindow w = ReplayWindow.first(0, 0);

        w.accept(128, 0);

        assertThat(w.check(0, SIZE)).isEqualTo(BELOW_WINDOW);
        assertThat(w.check(1, SIZE)).isEqualTo(FRESH);
        assertThat(w.bitsHigh).isZero();
        assertThat(w.bitsLow).isEqualTo(1L);
    }

    @Test
    void shouldTreatSequenceNumbersBelowASmallerWindowAsBelowIt() {
        ReplayWindow w = ReplayWindow.first(10, 0);

        assertThat(w.check(7, 4)).isEqualTo(FRESH);
        assertThat(w.check(6, 4)).isEqualTo(BELOW_WINDOW);
    }

    @Test
    void shouldKeepTheNewestEventTime() {
        ReplayWindow w = ReplayWindow.first(10, 5_000);

        w.accept(9, 4_000);
        assertThat(w.latestEventTime).isEqualTo(5_000);
        w.accept(11, 6_000);
        assertThat(w.latestEventTime).isEqualTo(6_000);
    }
}
