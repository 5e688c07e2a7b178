package io.zkedge.bulletproofs;

/**
 * A statement in the ABI's byte layout, or the status it gets without being sent because it
 * cannot be framed within the ABI's limits.
 */
record EncodedStatement(byte[] bytes, VerificationStatus refusal) {

    static EncodedStatement of(byte[] bytes) {
        return new EncodedStatement(bytes, null);
    }

    static EncodedStatement refused(VerificationStatus status) {
        return new EncodedStatement(null, status);
    }

    boolean isRefused() {
        return refusal != null;
    }
}
