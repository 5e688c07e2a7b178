package io.zkedge.cli;

import io.zkedge.groth16.Groth16FormatException;
import io.zkedge.groth16.Groth16Proof;
import io.zkedge.groth16.Groth16PublicInputs;
import io.zkedge.groth16.Groth16Status;
import io.zkedge.groth16.Groth16Verifier;
import io.zkedge.groth16.Groth16VerifyingKey;
import io.zkedge.groth16.SnarkjsFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

/** {@code verify groth16}: a snarkjs Groth16 proof (BN254) from the files snarkjs writes. */
final class VerifyGroth16Command implements Command {

    /**
     * Largest file read. A verification key with the module's 64 public inputs is about 15 KB of
     * JSON; anything near this is not a snarkjs file, and is refused before it is read.
     */
    static final int MAX_FILE_BYTES = 1 << 20;

    private final ModuleSource modules;

    VerifyGroth16Command(ModuleSource modules) {
        this.modules = modules;
    }

    @Override
    public String name() {
        return "verify groth16";
    }

    @Override
    public String summary() {
        return "verify a Groth16 proof (snarkjs, BN254) from its verification_key/proof/public JSON";
    }

    @Override
    public Set<String> options() {
        return Set.of("vk", "proof", "public");
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: zkedge verify groth16 --vk verification_key.json --proof proof.json --public public.json",
                "",
                "Verifies a Groth16 proof over BN254 (snarkjs 'groth16', curve 'bn128') with the bundled",
                "zkedge_groth16_verifier.wasm. The files are read as snarkjs writes them, strictly: decimal",
                "strings only, coordinates below p, public signals below r, affine points, exactly nPublic",
                "public signals (docs/groth16.md).",
                "",
                "  --vk FILE       verification_key.json (snarkjs zkey export verificationkey)",
                "  --proof FILE    proof.json (snarkjs groth16 prove / fullprove)",
                "  --public FILE   public.json: the public signals, outputs first",
                "",
                "Prints valid, invalid or malformed. Exit: 0 valid, 1 invalid, 2 malformed or usage error",
                "(a one-line reason on stderr), 3 internal error.");
    }

    @Override
    public int run(Options options, PrintStream out, PrintStream err) throws Exception {
        String vkJson = read(options, "vk");
        String proofJson = read(options, "proof");
        String publicJson = read(options, "public");
        Groth16VerifyingKey key;
        Groth16Proof proof;
        Groth16PublicInputs inputs;
        Groth16Status status;
        // Each file's faults are named with the file; the reader's message names the field.
        String file = "--vk " + options.string("vk");
        try {
            key = SnarkjsFiles.verifyingKey(vkJson);
            file = "--proof " + options.string("proof");
            proof = SnarkjsFiles.proof(proofJson);
            file = "--public " + options.string("public");
            inputs = SnarkjsFiles.publicInputs(publicJson, key);
            file = "--vk " + options.string("vk");
            Groth16Verifier verifier = Groth16Verifier.builder().setModule(modules.groth16Verifier()).build();
            status = verifier.verify(key, proof, inputs);
        } catch (Groth16FormatException e) {
            return malformed(file + ": " + e.getMessage(), out, err);
        }
        return switch (status.verdict()) {
            case VALID -> {
                out.println("valid");
                yield ExitCode.OK;
            }
            case INVALID -> {
                out.println("invalid");
                yield ExitCode.INVALID;
            }
            case MALFORMED -> malformed("--proof " + options.string("proof") + ": " + status.reason(), out, err);
        };
    }

    private static int malformed(String reason, PrintStream out, PrintStream err) {
        out.println("malformed");
        err.println("zkedge: malformed: " + reason);
        return ExitCode.USAGE;
    }

    /** The file named by {@code --name}, as UTF-8 text of at most {@link #MAX_FILE_BYTES}. */
    static String read(Options options, String name) throws UsageException {
        Path path = Path.of(options.string(name));
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new UsageException("--" + name + " " + path + ": no such file");
        } catch (IOException e) {
            throw new UsageException("--" + name + " " + path + ": cannot read it ("
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()) + ")");
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new UsageException("--" + name + " " + path + ": larger than " + MAX_FILE_BYTES
                    + " bytes, not a snarkjs file");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UsageException("--" + name + " " + path + ": not UTF-8 text");
        }
    }
}
