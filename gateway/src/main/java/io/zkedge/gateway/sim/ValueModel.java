package io.zkedge.gateway.sim;

import io.zkedge.gateway.RangeSpec;
import java.util.Random;

/**
 * How one simulated sensor's readings evolve. Each sensor has its own instance, called from one
 * thread, with the sensor's own seeded {@link Random} (so a seed gives the same readings).
 */
public interface ValueModel {

    /** The range the sensor proves its readings against. */
    RangeSpec range();

    /** The next reading; a value outside {@link #range()} cannot be proven, and is skipped. */
    long next(Random random);

    /**
     * A drifting soil-moisture reading in tenths of a percent of volumetric water content, proven
     * against {@code [100, 450]} (10.0 % to 45.0 %), with {@code outOfRangeChance} of a reading
     * outside it.
     */
    static ValueModel soilMoisture(double outOfRangeChance) {
        return new SoilMoistureModel(new RangeSpec(100, 450, 16), 2.0, outOfRangeChance);
    }
}
