package io.zkedge.gateway.sim;

import io.zkedge.gateway.RangeSpec;
import java.util.Random;

/**
 * A reading that drifts as a mean-reverting random walk inside its range (as soil moisture does
 * between irrigations), and now and then jumps outside it: a flooded or dried-out probe, which the
 * device cannot prove and therefore skips.
 */
public final class SoilMoistureModel implements ValueModel {

    /** How strongly the walk is pulled back to the middle of the range, per step. */
    private static final double REVERSION = 0.02;

    private final RangeSpec range;
    private final double stepStdDev;
    private final double outOfRangeChance;
    private double level = Double.NaN;

    /**
     * @param range the proven range
     * @param stepStdDev standard deviation of one step of the walk, in reading units
     * @param outOfRangeChance probability that a reading lies outside the range
     */
    public SoilMoistureModel(RangeSpec range, double stepStdDev, double outOfRangeChance) {
        if (!(outOfRangeChance >= 0 && outOfRangeChance <= 1)) {
            throw new IllegalArgumentException("outOfRangeChance must be in [0, 1], was " + outOfRangeChance);
        }
        if (!(stepStdDev >= 0)) {
            throw new IllegalArgumentException("stepStdDev must not be negative, was " + stepStdDev);
        }
        if (range.max() - range.min() < 2) {
            throw new IllegalArgumentException("the range must hold at least 3 values");
        }
        this.range = range;
        this.stepStdDev = stepStdDev;
        this.outOfRangeChance = outOfRangeChance;
    }

    @Override
    public RangeSpec range() {
        return range;
    }

    @Override
    public long next(Random random) {
        double min = range.min();
        double max = range.max();
        double middle = (min + max) / 2;
        if (Double.isNaN(level)) {
            level = middle + (random.nextDouble() - 0.5) * (max - min) / 2;
        }
        level += random.nextGaussian() * stepStdDev + (middle - level) * REVERSION;
        level = Math.min(max, Math.max(min, level));
        if (random.nextDouble() < outOfRangeChance) {
            // An excursion: up to a tenth of the range beyond either end.
            long beyond = 1 + (long) (random.nextDouble() * Math.max(1, (max - min) / 10));
            return random.nextBoolean() ? range.max() + beyond : range.min() - beyond;
        }
        return Math.round(level);
    }
}
