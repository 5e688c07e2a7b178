package io.zkedge.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/** One measured configuration: its JSON key fields, its body (one module call) and its samples. */
final class Case {

    /** One module call; returns how many proofs it handled. */
    @FunctionalInterface
    interface Body {
        int call() throws Exception;
    }

    private final String engine;
    private final String variant;
    private final String op;
    private final String statement;
    private final int n;
    private final int m;
    private final int batch;
    private final Body body;
    private double[] samples = new double[16];
    private int count;

    Case(String engine, String variant, String op, String statement, int n, int m, int batch, Body body) {
        this.engine = engine;
        this.variant = variant;
        this.op = op;
        this.statement = statement;
        this.n = n;
        this.m = m;
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
            long t = System.nanoTime();
            int proofs = body.call();
            long elapsed = System.nanoTime() - t;
            if (record) {
                if (count == samples.length) {
                    samples = Arrays.copyOf(samples, 2 * count);
                }
                samples[count++] = (double) elapsed / proofs;
            }
        } while (System.nanoTime() - start < budget);
    }

    /** What the case measures, without the engine and variant (cases of variants compare on it). */
    String configuration() {
        return op + "/" + statement + "/" + n + "/" + m + "/" + batch;
    }

    double median() {
        double[] sorted = Arrays.copyOf(samples, count);
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
        s.append(",\"op\":\"").append(op).append('"')
                .append(",\"statement\":\"").append(statement).append('"')
                .append(",\"n\":").append(n)
                .append(",\"m\":").append(m);
        if (batch > 0) {
            s.append(",\"batch\":").append(batch);
        }
        s.append(String.format(Locale.ROOT, ",\"ns_per_proof\":%.0f,\"min_ns_per_proof\":%.0f,\"samples\":%d}",
                median(), min(), count));
        return s.toString();
    }
}
