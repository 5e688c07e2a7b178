package io.zkedge.operators.verify;

import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.ProofSystem;
import java.util.Objects;

/**
 * What a record claims to prove: its proof system and statement id. Records are routed to a
 * verifier by this key; a key no verifier is registered for gets {@code UNKNOWN_STATEMENT}.
 */
public record StatementKey(ProofSystem proofSystem, String statementId) {

    /** The statement id of the zkedge Bulletproofs range statement (docs/range-statement.md). */
    public static final String RANGE_V1 = "zkedge.range.v1";

    /** The Bulletproofs range statement, version 1. */
    public static final StatementKey BULLETPROOFS_RANGE_V1 = new StatementKey(ProofSystem.BULLETPROOFS, RANGE_V1);

    public StatementKey {
        Objects.requireNonNull(proofSystem, "proofSystem");
        Objects.requireNonNull(statementId, "statementId");
    }

    /** The key of a record. */
    public static StatementKey of(ProofRecord record) {
        return new StatementKey(record.getProofSystem(), record.getStatementId());
    }

    @Override
    public String toString() {
        return proofSystem + "/" + statementId;
    }
}
