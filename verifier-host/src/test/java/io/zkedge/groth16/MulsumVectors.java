package io.zkedge.groth16;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** testdata/groth16 (its README.md): the snarkjs 0.7.6 vectors of the tiny mulsum circuit. */
final class MulsumVectors {

    static final Path DIR = Path.of("..", "testdata", "groth16");

    private MulsumVectors() {}

    /** The 8 proofs of mulsum-proofs.json with their public signals, read by {@link SnarkjsFiles}. */
    @SuppressWarnings("unchecked")
    static List<Groth16Statement> statements(Groth16VerifyingKey key) throws Groth16FormatException {
        List<Object> proofs = (List<Object>) StrictJson.parse(SensorTestdata.text(DIR.resolve("mulsum-proofs.json")));
        List<Groth16Statement> out = new ArrayList<>();
        for (Object p : proofs) {
            Map<String, Object> entry = (Map<String, Object>) p;
            out.add(new Groth16Statement(
                    SnarkjsFiles.proof(json(entry.get("proof"))),
                    SnarkjsFiles.publicInputs(json(entry.get("public")), key)));
        }
        return out;
    }

    /** Writes back what StrictJson read (objects, arrays, strings, integers), for SnarkjsFiles. */
    @SuppressWarnings("unchecked")
    private static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder s = new StringBuilder("{");
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                s.append(s.length() > 1 ? "," : "").append('"').append(e.getKey()).append("\":").append(json(e.getValue()));
            }
            return s.append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder s = new StringBuilder("[");
            for (Object o : list) {
                s.append(s.length() > 1 ? "," : "").append(json(o));
            }
            return s.append(']').toString();
        }
        if (value instanceof String str) {
            return "\"" + str + "\"";
        }
        return String.valueOf(value);
    }

    /** The lines of mulsum.txt: {@code vk HEX} first, then {@code proof HEX INPUTS_HEX}. */
    static List<String[]> compactLines() {
        return SensorTestdata.text(DIR.resolve("mulsum.txt")).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split(" "))
                .toList();
    }
}
