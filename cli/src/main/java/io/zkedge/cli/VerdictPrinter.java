package io.zkedge.cli;

import io.zkedge.bulletproofs.VerificationStatus;
import java.io.PrintStream;
import java.util.Locale;

/** Prints a verification status (stdout) with a reason for the statuses that are input errors (stderr). */
final class VerdictPrinter {

    private VerdictPrinter() {}

    static int print(VerificationStatus status, PrintStream out, PrintStream err) {
        out.println(status.name().toLowerCase(Locale.ROOT));
        switch (status) {
            case VALID:
                return ExitCode.OK;
            case INVALID:
                return ExitCode.INVALID;
            case MALFORMED:
                err.println("zkedge: malformed: the proof or a commitment does not decode, a length is wrong, "
                        + "or the statement is inconsistent (min > max, max - min >= 2^bits)");
                return ExitCode.USAGE;
            default:
                err.println("zkedge: unsupported: bits must be 8, 16, 32 or 64, and the number of commitments "
                        + "1, 2, 4 or 8");
                return ExitCode.USAGE;
        }
    }
}
