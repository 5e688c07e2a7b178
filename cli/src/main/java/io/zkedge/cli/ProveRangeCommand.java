package io.zkedge.cli;

import io.zkedge.bulletproofs.BulletproofsProver;
import io.zkedge.bulletproofs.RangeProofBundle;
import java.io.PrintStream;
import java.util.HexFormat;
import java.util.Set;

/** {@code prove range}: commits to a reading and proves it lies in [min, max]. */
final class ProveRangeCommand implements Command {

    private final ModuleSource modules;

    ProveRangeCommand(ModuleSource modules) {
        this.modules = modules;
    }

    @Override
    public String name() {
        return "prove range";
    }

    @Override
    public String summary() {
        return "commit to a reading and prove it lies in [min, max] (prints JSON)";
    }

    @Override
    public Set<String> options() {
        return Set.of("value", "min", "max", "bits", "sensor", "seq", "time");
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: zkedge prove range --value V --min A --max B --bits N --sensor ID --seq S --time T",
                "",
                "Commits to V with a fresh random blinding and proves V lies in [A, B], bound to the",
                "sensor, sequence number and event time. Prints one JSON object (hex in lowercase):",
                "  {\"commitment\":..,\"proof\":..,\"blinding\":..,\"bits\":..,\"min\":..,\"max\":..,",
                "   \"sensor\":..,\"seq\":..,\"time\":..}",
                "The blinding opens the commitment: keep it secret.",
                "",
                "  --value V          the reading, a signed 64-bit integer",
                "  --min A, --max B   the allowed range, signed 64-bit integers",
                "  --bits N           8, 16, 32 or 64; B - A must be below 2^N",
                "  --sensor ID        sensor id (UTF-8, at most 256 bytes)",
                "  --seq S            sequence number, unsigned 64-bit",
                "  --time T           event time, milliseconds since the Unix epoch",
                "",
                "Exit: 0 proof made, 2 refused (V outside [A, B], unsupported bits, bad arguments).");
    }

    @Override
    public int run(Options options, PrintStream out, PrintStream err) throws Exception {
        long value = options.signedLong("value");
        long min = options.signedLong("min");
        long max = options.signedLong("max");
        int bits = options.integer("bits");
        String sensor = options.string("sensor");
        long seq = options.unsignedLong("seq");
        long time = options.signedLong("time");

        BulletproofsProver prover = BulletproofsProver.builder().setModule(modules.prover()).build();
        RangeProofBundle bundle;
        try {
            bundle = prover.proveRange(value, min, max, bits, sensor, seq, time);
        } catch (IllegalArgumentException refused) {
            throw new UsageException(refused.getMessage());
        }
        HexFormat hex = HexFormat.of();
        out.println("{\"commitment\":\"" + hex.formatHex(bundle.commitment()) + "\""
                + ",\"proof\":\"" + hex.formatHex(bundle.proof()) + "\""
                + ",\"blinding\":\"" + hex.formatHex(bundle.blinding()) + "\""
                + ",\"bits\":" + bits
                + ",\"min\":" + min
                + ",\"max\":" + max
                + ",\"sensor\":" + Json.string(sensor)
                + ",\"seq\":" + Long.toUnsignedString(seq)
                + ",\"time\":" + time
                + "}");
        return ExitCode.OK;
    }
}
