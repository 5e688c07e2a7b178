package io.zkedge.demo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where this JVM's CPU time goes during a phase of the benchmark, by part of the pipeline: the
 * job's verify threads against everything else that shares the cores with them (the rest of the
 * job, the in-JVM broker, the benchmark's own producer and reader, and the JVM's JIT and GC). The
 * ratio goal is a question of exactly this split.
 *
 * <p>Java threads are read through {@link ThreadMXBean} (full names); the JVM's own threads (JIT
 * compilers, GC) are not Java threads, so they are the process's CPU time (from
 * {@code /proc/self/stat}, Linux) minus that of the Java threads.
 */
final class CpuAccount {

    /** Thread-name prefixes and the part they belong to, first match wins. */
    private static final List<Map.Entry<String, String>> PARTS = List.of(
            Map.entry("verify", "verify"),
            Map.entry("guard", "guard, signing, compliance, verdict and compliance sinks"),
            Map.entry("kafka-producer-network-thread | producer-zkedge-bench", "job's Kafka producers (sinks)"),
            Map.entry("Source", "source and decode"),
            Map.entry("dead-letter sink", "dead-letter sink"),
            Map.entry("kafka-producer-network-thread | zkedge-gateway", "benchmark: gateway producer"),
            Map.entry("main", "benchmark: producer loop and verdict reader"),
            Map.entry("data-plane-kafka", "broker"),
            Map.entry("kafka-", "broker"),
            Map.entry("quorum-controller", "broker"),
            Map.entry("group-coordinator", "broker"),
            Map.entry("TxnMarkerSender", "broker"),
            Map.entry("ExpirationReaper", "broker"),
            Map.entry("raft", "broker"),
            Map.entry("broker-", "broker"),
            Map.entry("transaction", "broker"));
    private static final String OTHER = "other Java threads (Flink runtime, checkpoints, ...)";
    static final String JIT = "JVM: JIT compilers";
    private static final String GC = "JVM: garbage collector";
    private static final String JVM = "JVM: other (VM thread, threads that ended)";
    /** Clock ticks per second of /proc/self/stat's utime and stime (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100.0;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> startCpu = new HashMap<>();
    private final Map<String, Double> startJvmThreads;
    private final long startWall;
    private final double startProcessSeconds;
    private Map<String, Double> topOther = Map.of();

    private CpuAccount() {
        for (long id : threads.getAllThreadIds()) {
            startCpu.put(id, threads.getThreadCpuTime(id));
        }
        startJvmThreads = jvmThreadSeconds();
        startWall = System.nanoTime();
        startProcessSeconds = processCpuSeconds();
    }

    /** Starts counting now. */
    static CpuAccount start() {
        return new CpuAccount();
    }

    /**
     * Cores used since the start, by part (CPU seconds per wall second; the sum is at most the
     * core count), plus {@code "total"}.
     */
    Map<String, Double> coresByPart() {
        double wallSeconds = (System.nanoTime() - startWall) / 1e9;
        Map<String, Double> secondsByPart = new TreeMap<>();
        Map<String, Double> otherByName = new HashMap<>();
        double javaSeconds = 0;
        for (long id : threads.getAllThreadIds()) {
            ThreadInfo info = threads.getThreadInfo(id);
            long now = threads.getThreadCpuTime(id);
            if (info == null || now < 0) {
                continue;
            }
            double seconds = (now - startCpu.getOrDefault(id, 0L)) / 1e9;
            javaSeconds += seconds;
            String part = partOf(info.getThreadName());
            secondsByPart.merge(part, seconds, Double::sum);
            if (part.equals(OTHER)) {
                otherByName.merge(info.getThreadName().replaceAll("[0-9]+", "#"), seconds, Double::sum);
            }
        }
        topOther = new LinkedHashMap<>();
        otherByName.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(6)
                .forEach(e -> topOther.put(e.getKey(), round(e.getValue() / wallSeconds)));
        double processSeconds = processCpuSeconds() - startProcessSeconds;
        double jvmSeconds = 0;
        for (Map.Entry<String, Double> thread : jvmThreadSeconds().entrySet()) {
            double seconds = thread.getValue() - startJvmThreads.getOrDefault(thread.getKey(), 0.0);
            jvmSeconds += seconds;
            secondsByPart.merge(thread.getKey().startsWith("C") ? JIT : GC, seconds, Double::sum);
        }
        secondsByPart.merge(JVM, Math.max(0, processSeconds - javaSeconds - jvmSeconds), Double::sum);
        Map<String, Double> cores = new LinkedHashMap<>();
        secondsByPart.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> cores.put(e.getKey(), round(e.getValue() / wallSeconds)));
        cores.put("total", round(processSeconds / wallSeconds));
        return cores;
    }

    /** The busiest threads of the "other" part in the last {@link #coresByPart()}, in cores, digits in names as '#'. */
    Map<String, Double> busiestOtherThreads() {
        return topOther;
    }

    /** CPU seconds of the whole process (every thread, the JVM's own included) since the start. */
    double processSeconds() {
        return processCpuSeconds() - startProcessSeconds;
    }

    private static String partOf(String threadName) {
        for (Map.Entry<String, String> part : PARTS) {
            if (threadName.startsWith(part.getKey())) {
                return part.getValue();
            }
        }
        return OTHER;
    }

    /**
     * CPU seconds of the JVM's JIT compiler and GC threads, which are not Java threads, by
     * {@code "<name> [<tid>]"} from /proc/self/task (HotSpot's names: "C1 CompilerThread0", "GC
     * Thread#0", "G1 Conc#0", "G1 Refine#0", ...).
     */
    private static Map<String, Double> jvmThreadSeconds() {
        Map<String, Double> seconds = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")
                        || name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                    // Both JIT names start with "C"; the GC ones do not.
                    seconds.put(name + " [" + task.getFileName() + "]", cpuSeconds(stat));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the CPU account needs Linux's /proc/self/task", e);
        }
        return seconds;
    }

    /** utime + stime of this process, in seconds (fields 14 and 15 of /proc/self/stat). */
    private static double processCpuSeconds() {
        try {
            return cpuSeconds(Files.readString(Path.of("/proc/self/stat")));
        } catch (IOException e) {
            throw new UncheckedIOException("the CPU account needs Linux's /proc/self/stat", e);
        }
    }

    /** utime + stime of a stat line; the name (field 2) may contain spaces, so fields are counted after it. */
    private static double cpuSeconds(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
