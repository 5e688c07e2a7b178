package io.zkedge.audit;

/**
 * What an audit finding is, and the category of tampering or loss it shows. The chain kinds are
 * {@link io.zkedge.evidence.ChainFinding.Kind}'s, after the audit has seen the whole stream (see
 * {@link ChainAudit}); the others are the audit's own.
 */
public enum FindingKind {
    /** Chain indexes that never arrived: records deleted from the chain. */
    GAP(Category.DELETED),
    /** A record arrived after one with a higher chain index (and filled the gap it left). */
    REORDERED(Category.REORDERED),
    /** The same record (equal chain hash) was seen before: a replay. */
    DUPLICATE(Category.REPLAYED),
    /** A trusted key signed the record, but the signature does not verify: altered or forged. */
    BAD_SIGNATURE(Category.FORGED),
    /** prevHash does not link to the previous record: altered, inserted, or re-signed by another key. */
    BROKEN_LINK(Category.FORGED),
    /** Another record already holds this chain index: a fork. */
    CONFLICT(Category.FORGED),
    /** signerKeyId names no trusted public key. */
    UNKNOWN_KEY(Category.UNKNOWN_KEY),
    /** The record decodes but cannot be part of a chain (negative index, missing fields). */
    MALFORMED(Category.MALFORMED),
    /** The value bytes are not a record of the topic's schema. */
    UNDECODABLE(Category.MALFORMED),
    /** Accounting: a proof record with no verdict and no answering dead letter. */
    LOST(Category.LOST),
    /** Accounting: a proof record answered more than once. */
    DUPLICATE_ANSWER(Category.DUPLICATED),
    /** Accounting: a verdict or dead letter naming a proofs offset that holds no committed record. */
    ORPHAN_ANSWER(Category.ORPHANED);

    /** The words a summary groups findings by. */
    public enum Category {
        FORGED, DELETED, REORDERED, REPLAYED, UNKNOWN_KEY, MALFORMED, LOST, DUPLICATED, ORPHANED;

        /** Lower-case, as printed. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final Category category;

    FindingKind(Category category) {
        this.category = category;
    }

    /** The category this kind counts under. */
    public Category category() {
        return category;
    }
}
