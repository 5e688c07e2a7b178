package io.zkedge.operators.verify;

import java.util.Objects;

/**
 * A verifier made from an accepted module announcement, and the statement it now serves.
 *
 * @param statement the statement whose verifier it replaces
 * @param verifier the new verifier
 * @param description which module, for the log
 */
public record AnnouncedVerifier(StatementKey statement, StatementVerifier verifier, String description) {

    public AnnouncedVerifier {
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(description, "description");
    }
}
