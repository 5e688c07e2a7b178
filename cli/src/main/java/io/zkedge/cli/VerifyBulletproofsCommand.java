package io.zkedge.cli;

import io.zkedge.bulletproofs.BulletproofsVerifier;
import io.zkedge.bulletproofs.RawRangeStatement;
import java.io.PrintStream;
import java.util.Set;

/** {@code verify bulletproofs}: a plain dalek range proof, as {@code RangeProof::verify_multiple} checks it. */
final class VerifyBulletproofsCommand implements Command {

    private final ModuleSource modules;

    VerifyBulletproofsCommand(ModuleSource modules) {
        this.modules = modules;
    }

    @Override
    public String name() {
        return "verify bulletproofs";
    }

    @Override
    public String summary() {
        return "verify a plain dalek Bulletproofs range proof";
    }

    @Override
    public Set<String> options() {
        return Set.of("proof", "commitments", "bits", "label");
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: zkedge verify bulletproofs --proof HEX --commitments HEX[,HEX...] --bits N [--label TEXT]",
                "",
                "Verifies a dalek RangeProof (RangeProof::to_bytes) that each committed value lies in",
                "[0, 2^N), with Transcript::new(label), PedersenGens::default() and BulletproofGens.",
                "",
                "  --proof HEX          the proof",
                "  --commitments HEX,.. 1, 2, 4 or 8 compressed Ristretto commitments of 32 bytes",
                "  --bits N             8, 16, 32 or 64",
                "  --label TEXT         the transcript label the prover used (UTF-8); default: empty.",
                "                       dalek has no default label: it is whatever the prover passed to",
                "                       Transcript::new, and the proof verifies only with that same label.",
                "",
                "Prints valid, invalid, malformed or unsupported. Exit: 0 valid, 1 invalid, 2 otherwise.");
    }

    @Override
    public int run(Options options, PrintStream out, PrintStream err) throws Exception {
        RawRangeStatement statement = new RawRangeStatement(
                options.integer("bits"), options.utf8("label", ""), options.hexList("commitments"), options.hex("proof"));
        BulletproofsVerifier verifier = BulletproofsVerifier.builder().setModule(modules.verifier()).build();
        return VerdictPrinter.print(verifier.verify(statement), out, err);
    }
}
