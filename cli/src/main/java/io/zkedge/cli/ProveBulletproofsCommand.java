package io.zkedge.cli;

import io.zkedge.bulletproofs.BulletproofsProver;
import io.zkedge.bulletproofs.RawProofBundle;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * {@code prove bulletproofs}: a plain dalek range proof ({@code RangeProof::prove_multiple}) that
 * each value lies in {@code [0, 2^bits)}, with fresh random blindings. With {@code --requests},
 * one JVM makes many proofs (one request per line), which is what scripts such as
 * {@code scripts/crosscheck.sh} use.
 */
final class ProveBulletproofsCommand implements Command {

    /** The order of the Ristretto255 group, ℓ = 2^252 + 27742317777372353535851937790883648493. */
    private static final BigInteger GROUP_ORDER =
            BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));

    private final ModuleSource modules;
    private final SecureRandom random;

    ProveBulletproofsCommand(ModuleSource modules) {
        this(modules, new SecureRandom());
    }

    ProveBulletproofsCommand(ModuleSource modules, SecureRandom random) {
        this.modules = modules;
        this.random = random;
    }

    @Override
    public String name() {
        return "prove bulletproofs";
    }

    @Override
    public String summary() {
        return "make a plain dalek Bulletproofs range proof for 1, 2, 4 or 8 values (prints JSON)";
    }

    @Override
    public Set<String> options() {
        return Set.of("values", "bits", "label", "requests");
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: zkedge prove bulletproofs --values V[,V...] --bits N [--label TEXT]",
                "       zkedge prove bulletproofs --requests FILE",
                "",
                "Commits to each value with a fresh random blinding and proves that every value lies in",
                "[0, 2^N): dalek's RangeProof::prove_multiple with Transcript::new(label),",
                "PedersenGens::default() and BulletproofGens. Prints one JSON object (hex in lowercase):",
                "  {\"bits\":..,\"label\":..,\"commitments\":[..],\"proof\":..}",
                "'zkedge verify bulletproofs' with the same bits and label verifies it. The blindings are",
                "not printed: the commitments cannot be opened.",
                "",
                "  --values V,..     1, 2, 4 or 8 unsigned 64-bit values, each below 2^N",
                "  --bits N          8, 16, 32 or 64",
                "  --label TEXT      the transcript label (UTF-8); default: empty",
                "  --requests FILE   many proofs in one run: one request per line, 'N V[,V...] [LABEL]'",
                "                    (the label is the rest of the line); empty lines and lines starting",
                "                    with # are skipped; - reads standard input. One JSON line per request.",
                "",
                "Exit: 0 proofs made, 2 refused (a value too large, unsupported bits or count, bad arguments).");
    }

    @Override
    public int run(Options options, PrintStream out, PrintStream err) throws Exception {
        List<Request> requests;
        String file = options.string("requests", null);
        if (file != null) {
            for (String single : List.of("values", "bits", "label")) {
                if (options.string(single, null) != null) {
                    throw new UsageException("--requests and --" + single + " do not go together");
                }
            }
            requests = readRequests(file);
        } else {
            requests = List.of(new Request(options.integer("bits"),
                    parseValues("--values", options.string("values")), options.string("label", "")));
        }

        BulletproofsProver prover = BulletproofsProver.builder().setModule(modules.prover()).build();
        // Prove everything first, so that a refused request prints nothing at all.
        List<String> lines = new ArrayList<>(requests.size());
        for (Request request : requests) {
            lines.add(prove(prover, request));
        }
        lines.forEach(out::println);
        return ExitCode.OK;
    }

    private String prove(BulletproofsProver prover, Request request) throws Exception {
        byte[][] blindings = new byte[request.values().length][];
        for (int i = 0; i < blindings.length; i++) {
            blindings[i] = randomScalar();
        }
        RawProofBundle bundle;
        try {
            bundle = prover.prove(request.bits(), request.label().getBytes(StandardCharsets.UTF_8),
                    request.values(), blindings);
        } catch (IllegalArgumentException refused) {
            throw new UsageException(request.where() + refused.getMessage());
        }
        HexFormat hex = HexFormat.of();
        StringBuilder json = new StringBuilder("{\"bits\":").append(request.bits())
                .append(",\"label\":").append(Json.string(request.label()))
                .append(",\"commitments\":[");
        for (int i = 0; i < bundle.commitments().size(); i++) {
            json.append(i == 0 ? "\"" : ",\"").append(hex.formatHex(bundle.commitments().get(i))).append('"');
        }
        return json.append("],\"proof\":\"").append(hex.formatHex(bundle.proof())).append("\"}").toString();
    }

    /** A uniformly random canonical scalar: 64 random bytes reduced modulo ℓ, 32 bytes little-endian. */
    private byte[] randomScalar() {
        byte[] wide = new byte[64];
        random.nextBytes(wide);
        byte[] bigEndian = new byte[64];
        for (int i = 0; i < 64; i++) {
            bigEndian[i] = wide[63 - i];
        }
        byte[] reduced = new BigInteger(1, bigEndian).mod(GROUP_ORDER).toByteArray();
        byte[] scalar = new byte[32];
        for (int i = 0; i < scalar.length && i < reduced.length; i++) {
            scalar[i] = reduced[reduced.length - 1 - i];
        }
        return scalar;
    }

    private static List<Request> readRequests(String file) throws UsageException {
        List<String> lines;
        try {
            if (file.equals("-")) {
                lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).lines().toList();
            } else {
                lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new UsageException("--requests: cannot read " + file + ": " + e.getMessage());
        }
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "--requests line " + (i + 1) + ": ";
            String[] fields = line.split("\\s+", 3);
            if (fields.length < 2) {
                throw new UsageException(where + "expected 'N V[,V...] [LABEL]', was '" + line + "'");
            }
            int bits;
            try {
                bits = Integer.parseInt(fields[0]);
            } catch (NumberFormatException e) {
                throw new UsageException(where + "bits must be an integer, was '" + fields[0] + "'");
            }
            requests.add(new Request(bits, parseValues(where + "values", fields[1]),
                    fields.length == 3 ? fields[2] : "", where));
        }
        if (requests.isEmpty()) {
            throw new UsageException("--requests: " + file + " has no requests");
        }
        return requests;
    }

    private static long[] parseValues(String what, String text) throws UsageException {
        String[] parts = text.split(",", -1);
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i] = Long.parseUnsignedLong(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new UsageException(what + " must be unsigned 64-bit integers, was '" + parts[i] + "'");
            }
        }
        return values;
    }

    /** One proof to make; {@code where} prefixes a refusal's message (empty on the command line). */
    private record Request(int bits, long[] values, String label, String where) {
        Request(int bits, long[] values, String label) {
            this(bits, values, label, "");
        }
    }
}
