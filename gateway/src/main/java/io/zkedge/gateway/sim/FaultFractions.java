package io.zkedge.gateway.sim;

import java.util.Random;

/**
 * How often each fault is injected: the probability that one reading tick of a sensor becomes that
 * kind of record instead of a {@link RecordKind#GOOD} one. Each fraction lies in {@code [0, 1]} and
 * together they are at most 1.
 *
 * <pre>{@code
 * FaultFractions faults = FaultFractions.none().withTampered(0.02).withReplay(0.02).withGarbage(0.01);
 * }</pre>
 *
 * @param tampered a proof with one bit flipped
 * @param replay a copy of a recent good record instead of a new reading
 * @param outOfOrder a good record held back and sent after the sensor's next one
 * @param late a good proof with an event time far in the past
 * @param garbage random non-Avro bytes instead of a new reading
 */
public record FaultFractions(double tampered, double replay, double outOfOrder, double late, double garbage) {

    /** @throws IllegalArgumentException if a fraction is outside [0, 1] or their sum exceeds 1 */
    public FaultFractions {
        check("tampered", tampered);
        check("replay", replay);
        check("outOfOrder", outOfOrder);
        check("late", late);
        check("garbage", garbage);
        double sum = tampered + replay + outOfOrder + late + garbage;
        if (sum > 1.0 + 1e-9) {
            throw new IllegalArgumentException("the fault fractions add up to " + sum + ", more than 1");
        }
    }

    /** No faults: every record is good. */
    public static FaultFractions none() {
        return new FaultFractions(0, 0, 0, 0, 0);
    }

    /** Demo defaults: 2% tampered, 2% replays, 2% out of order, 1% late, 1% garbage. */
    public static FaultFractions demo() {
        return new FaultFractions(0.02, 0.02, 0.02, 0.01, 0.01);
    }

    public FaultFractions withTampered(double fraction) {
        return new FaultFractions(fraction, replay, outOfOrder, late, garbage);
    }

    public FaultFractions withReplay(double fraction) {
        return new FaultFractions(tampered, fraction, outOfOrder, late, garbage);
    }

    public FaultFractions withOutOfOrder(double fraction) {
        return new FaultFractions(tampered, replay, fraction, late, garbage);
    }

    public FaultFractions withLate(double fraction) {
        return new FaultFractions(tampered, replay, outOfOrder, fraction, garbage);
    }

    public FaultFractions withGarbage(double fraction) {
        return new FaultFractions(tampered, replay, outOfOrder, late, fraction);
    }

    /** The fraction for one kind; {@link RecordKind#GOOD} gets what the faults leave. */
    public double of(RecordKind kind) {
        return switch (kind) {
            case TAMPERED -> tampered;
            case REPLAY -> replay;
            case OUT_OF_ORDER -> outOfOrder;
            case LATE -> late;
            case GARBAGE -> garbage;
            case GOOD -> Math.max(0, 1 - (tampered + replay + outOfOrder + late + garbage));
        };
    }

    /** One draw: the kind of the next record. */
    RecordKind draw(Random random) {
        double u = random.nextDouble();
        for (RecordKind kind : FAULTS) {
            double p = of(kind);
            if (u < p) {
                return kind;
            }
            u -= p;
        }
        return RecordKind.GOOD;
    }

    private static final RecordKind[] FAULTS = {
        RecordKind.TAMPERED, RecordKind.REPLAY, RecordKind.OUT_OF_ORDER, RecordKind.LATE, RecordKind.GARBAGE
    };

    private static void check(String name, double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException(name + " must be a fraction in [0, 1], was " + fraction);
        }
    }
}
