package io.zkedge.groth16;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** testdata/groth16-sensor/ (its README.md): snarkjs files, binary encodings and cases.txt. */
final class SensorTestdata {

    static final Path DIR = Path.of("..", "testdata", "groth16-sensor");

    /** One line of cases.txt. */
    record Case(String name, String verdict, String rejectedAt, String snarkjs, String description) {
        Path file(String name) {
            return DIR.resolve(this.name).resolve(name);
        }

        String text(String file) {
            return SensorTestdata.text(file(file));
        }

        boolean hasFile(String file) {
            return Files.exists(file(file));
        }

        @Override
        public String toString() {
            return name + " (" + verdict + ": " + description + ")";
        }
    }

    private SensorTestdata() {}

    static List<Case> cases() {
        return text(DIR.resolve("cases.txt")).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\t", 5))
                .map(f -> new Case(f[0], f[1], f[2], f[3], f[4]))
                .toList();
    }

    static String text(Path file) {
        return new String(bytes(file), StandardCharsets.UTF_8);
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String verifyingKeyJson() {
        return text(DIR.resolve("verification_key.json"));
    }
}
