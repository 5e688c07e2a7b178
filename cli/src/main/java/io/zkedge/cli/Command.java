package io.zkedge.cli;

import java.io.PrintStream;
import java.util.Set;

/** One {@code zkedge} subcommand. */
interface Command {

    /** The words that select it, e.g. {@code "verify range"}. */
    String name();

    /** One line for the overview. */
    String summary();

    /** The option names it accepts (without {@code --}). */
    Set<String> options();

    /** The options that may be given more than once (see {@link Options#strings}). */
    default Set<String> repeatableOptions() {
        return Set.of();
    }

    /** Its {@code --help} text. */
    String help();

    /**
     * Runs it.
     *
     * @return the exit code (see {@link ExitCode})
     */
    int run(Options options, PrintStream out, PrintStream err) throws UsageException, Exception;
}
