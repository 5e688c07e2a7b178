package io.zkedge.operators.compliance;

import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Fires an event-time window once, when the watermark passes its end plus the allowed lateness,
 * instead of at its end and again for every late element (Flink's {@code EventTimeTrigger}).
 *
 * <p>So each sensor and window gets exactly one compliance record, which counts everything that
 * arrived within the allowed lateness: one signed record per window keeps the evidence chain free
 * of superseded results, and the output does not depend on how watermarks and late data
 * interleave (a run restored from a checkpoint gives the same records). Data later than that is
 * dropped from the window and goes to the late-data side output. The price is latency: a window's
 * record comes {@code allowedLateness} after its end.
 */
public class FinalFiringTrigger extends Trigger<Object, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final long allowedLatenessMillis;

    public FinalFiringTrigger(long allowedLatenessMillis) {
        if (allowedLatenessMillis < 0) {
            throw new IllegalArgumentException("allowedLatenessMillis must not be negative, was " + allowedLatenessMillis);
        }
        this.allowedLatenessMillis = allowedLatenessMillis;
    }

    /** The event time at which the window fires, the same as the window operator's clean-up time. */
    long fireTime(TimeWindow window) {
        long t = window.maxTimestamp() + allowedLatenessMillis;
        return t < window.maxTimestamp() ? Long.MAX_VALUE : t;
    }

    @Override
    public TriggerResult onElement(Object element, long timestamp, TimeWindow window, TriggerContext ctx) {
        ctx.registerEventTimeTimer(fireTime(window));
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext ctx) {
        return time == fireTime(window) ? TriggerResult.FIRE : TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext ctx) {
        return TriggerResult.CONTINUE;
    }

    @Override
    public void clear(TimeWindow window, TriggerContext ctx) {
        ctx.deleteEventTimeTimer(fireTime(window));
    }

    @Override
    public String toString() {
        return "FinalFiringTrigger(allowedLateness=" + allowedLatenessMillis + " ms)";
    }
}
