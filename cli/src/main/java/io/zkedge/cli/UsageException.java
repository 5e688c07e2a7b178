package io.zkedge.cli;

/** The command line or an input on it is wrong: exit code 2 with this message. */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
