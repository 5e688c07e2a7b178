package io.zkedge.audit;

/**
 * The audit's input cannot be read as a whole: a malformed or truncated export file, a topic
 * that does not exist, an unreadable key file. (A single undecodable record is not this: it is a
 * finding.) The CLI exits with 2 and this message.
 */
public final class AuditInputException extends Exception {

    private static final long serialVersionUID = 1L;

    public AuditInputException(String message) {
        super(message);
    }

    public AuditInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
