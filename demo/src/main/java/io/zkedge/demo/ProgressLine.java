package io.zkedge.demo;

import java.io.PrintStream;

/**
 * A live status line: rewritten in place on a terminal, printed every ten updates otherwise (so a
 * log file or CI output stays readable).
 */
final class ProgressLine {

    private final PrintStream out;
    private final boolean enabled;
    private final boolean terminal = System.console() != null;
    private int updates;
    private int width;

    ProgressLine(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    void update(String line) {
        if (!enabled) {
            return;
        }
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
            width = line.length();
            out.flush();
        } else if (updates % 10 == 0) {
            out.println(line);
        }
        updates++;
    }

    /** Ends the live line with a final one. */
    void finish(String line) {
        if (terminal && enabled && width > 0) {
            out.print("\r" + " ".repeat(width) + "\r");
        }
        width = 0;
        updates = 0;
        out.println(line);
    }
}
