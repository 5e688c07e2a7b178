package io.zkedge.audit;

/**
 * The accounting of the proofs topic.
 *
 * @param proofsTopic the topic accounted for
 * @param proofs committed proof records read
 * @param answered proof records with at least one answer
 * @param lost proof records with no answer
 * @param duplicated proof records with more than one answer
 * @param orphaned answers naming no committed proof record
 * @param deadLetters records read from the dead-letter topic
 * @param lateDeadLetters LATE dead letters (derived from verdicts; not answers)
 * @param foreignDeadLetters dead letters of another source topic (ignored)
 */
public record AccountingSummary(String proofsTopic, long proofs, long answered, long lost, long duplicated,
        long orphaned, long deadLetters, long lateDeadLetters, long foreignDeadLetters) {

    /** Nothing lost, nothing doubled, nothing orphaned. */
    public boolean holds() {
        return lost == 0 && duplicated == 0 && orphaned == 0;
    }
}
