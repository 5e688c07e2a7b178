package io.zkedge.demo;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code ./zkedge demo [--flag value ...]}: see {@link DemoOptions#usage()}. Exit code 0 when every
 * check passed, 1 when one failed, 2 for a usage error, 3 when the demo could not run.
 */
public final class DemoMain {

    /**
     * The demo's log configuration (everything to a file). Set before anything logs: Kafka's test kit
     * jar carries a {@code log4j2.yaml} that log4j would otherwise prefer, and it logs to the console.
     */
    static final String LOG_CONFIG = "zkedge-demo-log4j2.xml";

    private DemoMain() {}

    public static void main(String[] args) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", LOG_CONFIG);
        }
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.print(DemoOptions.usage());
            return 0;
        }
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("zkedge demo: " + e.getMessage());
            return 2;
        }
        try {
            DemoSummary summary = new Demo(options, out).run();
            summary.print(out);
            return summary.passed() ? 0 : 1;
        } catch (DemoException e) {
            err.println();
            err.println("zkedge demo: " + e.getMessage());
            return 3;
        } catch (Exception e) {
            err.println();
            err.println("zkedge demo: failed: " + e);
            e.printStackTrace(err);
            return 3;
        }
    }
}
