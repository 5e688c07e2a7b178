package io.zkedge.cli;

import io.zkedge.bulletproofs.BulletproofsVerifier;
import io.zkedge.bulletproofs.RangeStatement;
import java.io.PrintStream;
import java.util.Set;

/** {@code verify range}: a zkedge range statement, bound to sensor, sequence number and time. */
final class VerifyRangeCommand implements Command {

    private final ModuleSource modules;

    VerifyRangeCommand(ModuleSource modules) {
        this.modules = modules;
    }

    @Override
    public String name() {
        return "verify range";
    }

    @Override
    public String summary() {
        return "verify that a committed reading lies in [min, max] (bound to sensor, seq, time)";
    }

    @Override
    public Set<String> options() {
        return Set.of("commitment", "proof", "min", "max", "bits", "sensor", "seq", "time");
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: zkedge verify range --commitment HEX --proof HEX --min A --max B --bits N",
                "                           --sensor ID --seq S --time T",
                "",
                "Verifies that the value committed in --commitment lies in [A, B], for this sensor,",
                "sequence number and event time only.",
                "",
                "  --commitment HEX   32-byte Pedersen commitment C (compressed Ristretto)",
                "  --proof HEX        the range proof",
                "  --min A, --max B   the allowed range, signed 64-bit integers",
                "  --bits N           8, 16, 32 or 64; B - A must be below 2^N",
                "  --sensor ID        sensor id (UTF-8, at most 256 bytes)",
                "  --seq S            sequence number, unsigned 64-bit",
                "  --time T           event time, milliseconds since the Unix epoch",
                "",
                "Prints valid, invalid, malformed or unsupported. Exit: 0 valid, 1 invalid, 2 otherwise.");
    }

    @Override
    public int run(Options options, PrintStream out, PrintStream err) throws Exception {
        RangeStatement statement = new RangeStatement(
                options.integer("bits"),
                options.hex("commitment"),
                options.signedLong("min"),
                options.signedLong("max"),
                options.string("sensor"),
                options.unsignedLong("seq"),
                options.signedLong("time"),
                options.hex("proof"));
        BulletproofsVerifier verifier = BulletproofsVerifier.builder().setModule(modules.verifier()).build();
        return VerdictPrinter.print(verifier.verify(statement), out, err);
    }
}
