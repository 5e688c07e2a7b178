package io.zkedge.gateway;

/**
 * A snapshot of what a {@link ProofGateway} has done.
 *
 * @param sent records handed to the producer
 * @param acked records the broker acknowledged (written to all in-sync replicas)
 * @param errors records that failed, in {@code send} or in their callback
 * @param lastError the message of the latest error, or null
 */
public record GatewayCounters(long sent, long acked, long errors, String lastError) {

    /** Records sent but neither acknowledged nor failed yet. */
    public long inFlight() {
        return sent - acked - errors;
    }
}
