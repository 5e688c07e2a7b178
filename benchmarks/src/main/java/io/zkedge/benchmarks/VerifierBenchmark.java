package io.zkedge.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times the Bulletproofs Wasm modules under Chicory and prints one JSON object per line:
 *
 * <pre>{@code
 * {"engine":"chicory-compiled","op":"verify","statement":"range","n":64,"m":2,"batch":1,"ns_per_proof":…}
 * }</pre>
 *
 * <p>For n = 8, 16, 32, 64: single verification of the raw dalek statement (m = 1) and of the
 * zkedge range statement (m = 2), the per-proof time of range batches of 1, 4, 16, 64 and 256, and
 * prove time; and single verification in Chicory's interpreter for n = 8. Requests are built as
 * in the native benchmark ({@code verifiers/bench}), which {@code scripts/bench-verifiers.sh} runs
 * in the same session.
 *
 * <p>Method: every case is warmed up first (the JIT compiles the guest's hot methods), then
 * measured in several rounds that visit all cases in turn, so that a slow phase of a noisy
 * machine hits every case alike. Each sample is one module call; the figure is the median
 * sample divided by the batch size.
 *
 * <p>Groth16 ({@link Groth16Cases}): single and batch verification of the Groth16 module on
 * the snarkjs vectors, and its key preparation.
 *
 * <p>Usage: {@code java -jar zkedge-benchmarks.jar [--quick] [--no-interpreter] [--bits 8,64]
 * [--system all|bulletproofs|groth16] [--testdata DIR] [--variant NAME=VERIFIER.wasm,PROVER.wasm]…}.
 * {@code --variant} applies to the Bulletproofs modules. Without {@code --variant}, the modules are
 * {@code verifiers/dist} (option {@code --dist DIR}). With several variants (say, before and
 * after a change), their cases are interleaved and every line names its variant.
 */
public final class VerifierBenchmark {

    private static int[] bits = {8, 16, 32, 64};
    private static final int[] BATCHES = {1, 4, 16, 64, 256};

    private record Variant(String name, Path verifier, Path prover) {}

    private final boolean quick;
    private final List<Case> cases = new ArrayList<>();

    private VerifierBenchmark(boolean quick) {
        this.quick = quick;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        boolean interpreter = true;
        String system = "all";
        Path dist = Path.of("verifiers/dist");
        Path testdata = Path.of("testdata");
        List<Variant> variants = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--no-interpreter" -> interpreter = false;
                case "--dist" -> dist = Path.of(args[++i]);
                case "--testdata" -> testdata = Path.of(args[++i]);
                case "--system" -> system = args[++i];
                case "--variant" -> variants.add(parseVariant(args[++i]));
                case "--bits" -> bits = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                default -> {
                    System.err.println("usage: [--quick] [--no-interpreter] [--dist DIR] [--bits 8,64] "
                            + "[--system all|bulletproofs|groth16] [--testdata DIR] "
                            + "[--variant NAME=VERIFIER.wasm,PROVER.wasm]...");
                    System.exit(2);
                }
            }
        }
        boolean named = !variants.isEmpty();
        if (!named) {
            variants.add(new Variant(null, dist.resolve("zkedge_bulletproofs_verifier.wasm"),
                    dist.resolve("zkedge_bulletproofs_prover.wasm")));
        }
        if (!List.of("all", "bulletproofs", "groth16").contains(system)) {
            System.err.println("--system must be all, bulletproofs or groth16, was " + system);
            System.exit(2);
        }
        VerifierBenchmark bench = new VerifierBenchmark(quick);
        if (!system.equals("groth16")) {
            for (Variant v : variants) {
                bench.addCompiledCases(v);
            }
        }
        if (!system.equals("bulletproofs")) {
            long start = System.nanoTime();
            Groth16Cases.add(bench.cases, dist.resolve("zkedge_groth16_verifier.wasm"), testdata);
            log("groth16: module compiled and keys prepared in %.1f s", (System.nanoTime() - start) / 1e9);
        }
        bench.run();
        if (interpreter && !system.equals("groth16")) {
            for (Variant v : variants) {
                bench.runInterpreter(v);
            }
        }
    }

    private static Variant parseVariant(String spec) {
        int eq = spec.indexOf('=');
        String[] paths = spec.substring(eq + 1).split(",");
        if (eq <= 0 || paths.length != 2) {
            throw new IllegalArgumentException("--variant NAME=VERIFIER.wasm,PROVER.wasm, was " + spec);
        }
        return new Variant(spec.substring(0, eq), Path.of(paths[0]), Path.of(paths[1]));
    }

    /** How many distinct proofs each configuration uses; batches cycle through them. */
    private int distinctProofs() {
        return quick ? 8 : 32;
    }

    private void addCompiledCases(Variant v) throws Exception {
        long start = System.nanoTime();
        Engine verifier = Engine.compiled(v.verifier(), true);
        Engine prover = Engine.compiled(v.prover(), false);
        log("%s: modules compiled in %.1f s", label(v), (System.nanoTime() - start) / 1e9);
        for (int bits : VerifierBenchmark.bits) {
            for (String kind : new String[] {"raw", "range"}) {
                int m = kind.equals("raw") ? 1 : 2;
                byte[] proveRequest = kind.equals("raw") ? Requests.proveRaw(bits) : Requests.proveRange(bits, 0);
                int[] counter = {0};
                cases.add(new Case("chicory-compiled", v.name(), "prove", kind, bits, m, 0, () -> {
                    prover.prove(proveRequest, Requests.seed(counter[0]++ & 0xff));
                    return 1;
                }));

                List<byte[]> statements = new ArrayList<>();
                for (int seq = 0; seq < distinctProofs(); seq++) {
                    byte[] seed = Requests.seed(seq % 251 + 1);
                    if (kind.equals("raw")) {
                        statements.add(Requests.verifyRaw(bits, prover.prove(Requests.proveRaw(bits), seed)));
                    } else {
                        statements.add(Requests.verifyRange(bits, seq, prover.prove(Requests.proveRange(bits, seq), seed)));
                    }
                }
                int[] batches = kind.equals("raw") ? new int[] {1} : BATCHES;
                for (int batch : batches) {
                    List<byte[]> chosen = new ArrayList<>();
                    for (int k = 0; k < batch; k++) {
                        chosen.add(statements.get(k % statements.size()));
                    }
                    byte[] request = Requests.batch(chosen);
                    cases.add(new Case("chicory-compiled", v.name(), "verify", kind, bits, m, batch,
                            verifyBody(verifier, request, batch)));
                }
            }
        }
        log("%s: %d proofs made in %.1f s", label(v), 2 * VerifierBenchmark.bits.length * distinctProofs(), (System.nanoTime() - start) / 1e9);
    }

    private static Case.Body verifyBody(Engine engine, byte[] request, int batch) {
        byte[] statuses = new byte[batch];
        int[] counter = {0};
        return () -> {
            Arrays.fill(statuses, (byte) 0xff);
            int count = engine.verify(request, Requests.seed(counter[0]++ & 0xff), statuses);
            if (count != batch) {
                throw new IllegalStateException("zk_verify_batch answered " + count + " for " + batch);
            }
            for (byte s : statuses) {
                if (s != 0) {
                    throw new IllegalStateException("a proof did not verify: " + Arrays.toString(statuses));
                }
            }
            return batch;
        };
    }

    /** Warm-up, then measurement rounds over all cases; prints every case. */
    private void run() throws Exception {
        double warmupSeconds = quick ? 0.15 : 0.4;
        double measureSeconds = quick ? 0.6 : 2.4;
        int rounds = quick ? 3 : 6;
        // Variants of one configuration run next to each other, so that a slow spell of the
        // machine hits them alike (the sort is stable: configurations keep their order).
        List<Case> order = new ArrayList<>(cases);
        List<String> configurations = new ArrayList<>();
        for (Case c : cases) {
            if (!configurations.contains(c.configuration())) {
                configurations.add(c.configuration());
            }
        }
        order.sort(java.util.Comparator.comparingInt(c -> configurations.indexOf(c.configuration())));
        cases.clear();
        cases.addAll(order);
        long start = System.nanoTime();
        // Warm-up: rounds of one call per case until a round is no faster than the best one
        // twice in a row (the JIT has compiled the guest's hot methods; on a loaded machine that
        // takes a while), then a timed pass per case.
        long best = Long.MAX_VALUE;
        int stale = 0;
        int warmupRounds = 0;
        while (stale < 2 && warmupRounds < 40) {
            long t = System.nanoTime();
            for (Case c : cases) {
                c.run(0, false);
            }
            long round = System.nanoTime() - t;
            warmupRounds++;
            if (round < best * 0.97) {
                best = Math.min(best, round);
                stale = 0;
            } else {
                best = Math.min(best, round);
                stale++;
            }
        }
        for (Case c : cases) {
            c.run(warmupSeconds, false);
        }
        log("warm-up done in %.1f s (%d rounds)", (System.nanoTime() - start) / 1e9, warmupRounds);
        for (int r = 0; r < rounds; r++) {
            for (Case c : cases) {
                c.run(measureSeconds / rounds, true);
            }
        }
        log("measured in %.1f s", (System.nanoTime() - start) / 1e9);
        for (Case c : cases) {
            System.out.println(c.json());
        }
    }

    /** Single verification of n = 8 statements in Chicory's interpreter. */
    private void runInterpreter(Variant v) throws Exception {
        Engine prover = Engine.compiled(v.prover(), false);
        Engine interpreter = Engine.interpreted(v.verifier());
        int bits = 8;
        byte[] raw = Requests.batch(List.of(Requests.verifyRaw(bits, prover.prove(Requests.proveRaw(bits), Requests.seed(1)))));
        byte[] range = Requests.batch(List.of(Requests.verifyRange(bits, 0,
                prover.prove(Requests.proveRange(bits, 0), Requests.seed(1)))));
        // The first call derives the module's generator tables; it is timed on its own.
        long start = System.nanoTime();
        verifyBody(interpreter, raw, 1).call();
        long init = System.nanoTime() - start;
        System.out.println(String.format(Locale.ROOT,
                "{\"engine\":\"chicory-interpreter\",%s\"op\":\"first-call\",\"statement\":\"raw\",\"n\":%d,\"m\":1,\"batch\":1,\"ns\":%d}",
                v.name() == null ? "" : "\"variant\":\"" + v.name() + "\",", bits, init));
        Case rawCase = new Case("chicory-interpreter", v.name(), "verify", "raw", bits, 1, 1, verifyBody(interpreter, raw, 1));
        Case rangeCase = new Case("chicory-interpreter", v.name(), "verify", "range", bits, 2, 1, verifyBody(interpreter, range, 1));
        int samples = quick ? 2 : 4;
        for (int i = 0; i < samples; i++) {
            rawCase.run(0, true);
            rangeCase.run(0, true);
        }
        System.out.println(rawCase.json());
        System.out.println(rangeCase.json());
    }

    private static String label(Variant v) {
        return v.name() == null ? "verifiers/dist" : v.name();
    }

    static void log(String format, Object... args) {
        System.err.println("bench: " + String.format(Locale.ROOT, format, args));
    }
}
