package io.zkedge.audit;

/**
 * One verified compliance record, as the report charts it.
 *
 * @param windowStart start of the event-time window, ms since the epoch
 * @param windowEnd end of the window (exclusive), ms since the epoch
 * @param outcome COMPLIANT, NON_COMPLIANT or INSUFFICIENT_DATA
 * @param expected readings expected in the window
 * @param valid valid readings
 * @param invalid invalid readings
 * @param replayed replayed readings
 * @param missing missing readings
 * @param chainIndex its index in the sensor's compliance chain
 * @param offset its offset in the compliance topic
 */
public record ComplianceWindow(long windowStart, long windowEnd, String outcome, long expected, long valid,
        long invalid, long replayed, long missing, long chainIndex, long offset) {}
