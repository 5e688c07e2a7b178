package io.zkedge.cli;

/** The exit codes of {@code zkedge}. */
final class ExitCode {

    /** The proof is valid, or a proof was made, or help was asked for. */
    static final int OK = 0;
    /** The proof is well-formed but does not verify. */
    static final int INVALID = 1;
    /** A usage error or malformed input: bad hex, a MALFORMED or UNSUPPORTED statement, a refused request. */
    static final int USAGE = 2;
    /** Not the input's fault: a module missing from the jar or misbehaving. */
    static final int INTERNAL = 3;

    private ExitCode() {}
}
