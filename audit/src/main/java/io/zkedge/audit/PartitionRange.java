package io.zkedge.audit;

/**
 * The part of one partition an audit reads: from its first available offset up to (excluding) the
 * end offset a {@code read_committed} consumer saw when the audit started.
 *
 * @param topic the topic
 * @param partition the partition
 * @param startOffset the first offset still in the log
 * @param endOffset the last stable offset observed at start (exclusive)
 */
public record PartitionRange(String topic, int partition, long startOffset, long endOffset) {

    /** Checks that the range is not negative. */
    public PartitionRange {
        if (partition < 0 || startOffset < 0 || endOffset < startOffset) {
            throw new IllegalArgumentException("not a partition range: " + topic + "/" + partition
                    + " [" + startOffset + ", " + endOffset + ")");
        }
    }
}
