package io.zkedge.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/** One measured configuration: its JSON key fields, its body (one module call) and its samples. */
final class Case {

    /** One module call; returns how many proofs it handled. */
    @FunctionalInterface
    interface Body {
        int call() throws Exception;
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final String engine;
    private final String variant;
    private final String op;
    /** The JSON members that say what is measured, e.g. {@code "statement":"range","n":64,"m":2}. */
    private final String what;
    private final int batch;
    private final Body body;
    private double[] samples = new double[16];
    private double[] cpuSamples = new double[16];
    private int count;

    Case(String engine, String variant, String op, String statement, int n, int m, int batch, Body body) {
        this(engine, variant, op, "\"statement\":\"" + statement + "\",\"n\":" + n + ",\"m\":" + m, batch, body);
    }

    /** A case whose measured configuration is the JSON members {@code what}. */
    Case(String engine, String variant, String op, String what, int batch, Body body) {
        this.engine = engine;
        this.variant = variant;
        this.op = op;
        this.what = what;
        this.batch = batch;
        this.body = body;
    }

    /**
     * Calls the body until {@code seconds} have passed (at least once); records the time per proof
     * of every call when {@code record}.
     */
    void run(double seconds, boolean record) throws Exception {
        long budget = (long) (seconds * 1e9);
        long start = System.nanoTime();
        do {
            long cpu = THREADS.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            int proofs = body.call();
            long elapsed = System.nanoTime() - t;
            long cpuElapsed = THREADS.getCurrentThreadCpuTime() - cpu;
            if (record) {
                if (count == samples.length) {
                    samples = Arrays.copyOf(samples, 2 * count);
                    cpuSamples = Arrays.copyOf(cpuSamples, 2 * count);
                }
                cpuSamples[count] = (double) cpuElapsed / proofs;
                samples[count++] = (double) elapsed / proofs;
            }
        } while (System.nanoTime() - start < budget);
    }

    /** What the case measures, without the engine and variant (cases of variants compare on it). */
    String configuration() {
        return op + "/" + what + "/" + batch;
    }

    double median() {
        return median(samples);
    }

    private double median(double[] values) {
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return sorted[count / 2];
    }

    double min() {
        double min = Double.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            min = Math.min(min, samples[i]);
        }
        return min;
    }

    String json() {
        StringBuilder s = new StringBuilder("{\"engine\":\"").append(engine).append('"');
        if (variant != null) {
            s.append(",\"variant\":\"").append(variant).append('"');
        }
        s.append(",\"op\":\"").append(op).append('"').append(',').append(what);
        if (batch > 0) {
            s.append(",\"batch\":").append(batch);
        }
        // The thread's CPU time is the steadier figure on a shared machine; the wall time is what
        // a caller waits.
        s.append(String.format(Locale.ROOT,
                ",\"ns_per_proof\":%.0f,\"min_ns_per_proof\":%.0f,\"cpu_ns_per_proof\":%.0f,\"samples\":%d}",
                median(), min(), median(cpuSamples), count));
        return s.toString();
    }
}
