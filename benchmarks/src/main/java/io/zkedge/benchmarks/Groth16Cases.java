package io.zkedge.benchmarks;

import io.zkedge.groth16.Groth16Abi;
import io.zkedge.groth16.Groth16Proof;
import io.zkedge.groth16.Groth16PublicInputs;
import io.zkedge.groth16.Groth16Statement;
import io.zkedge.groth16.Groth16Status;
import io.zkedge.groth16.Groth16Verifier;
import io.zkedge.groth16.Groth16VerifyingKey;
import io.zkedge.wasm.GuestBuffer;
import io.zkedge.wasm.WasmInstance;
import io.zkedge.wasm.WasmModule;
import com.dylibso.chicory.compiler.InterpreterFallback;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The Groth16 cases: the shipped zkedge_groth16_verifier.wasm under Chicory's compiler, called
 * through the verifier host's {@link WasmInstance} with the raw ABI (as the native benchmark calls
 * the same Rust core), on two proof sets:
 *
 * <ul>
 *   <li>{@code n_public 2}: the snarkjs vectors of testdata/groth16 (mulsum.txt), exactly what
 *       {@code verifiers/bench} measures natively: single verification (batch 1) and the
 *       per-proof cost of batches of 4, 16, 64 and 256, and the key preparation;
 *   <li>{@code n_public 6}: the valid proofs of testdata/groth16-sensor, which
 *       {@code scripts/bench-snarkjs.sh} verifies with snarkjs: batch 1 and 64, through the raw
 *       ABI and through {@link Groth16Verifier} ({@code "engine":"chicory-host"}: the product's
 *       path, to show what the host adds).
 * </ul>
 *
 * Lines: {@code {"engine":"chicory-compiled","op":"verify","statement":"groth16","n_public":2,"batch":1,…}}.
 * Seeds are 32 equal bytes that change with every call, as in the native benchmark.
 */
final class Groth16Cases {

    private static final int[] BATCHES = {1, 4, 16, 64, 256};
    private static final int[] SENSOR_BATCHES = {1, 64};

    private Groth16Cases() {}

    /** Adds the cases for the module at {@code module} and the testdata under {@code testdata}. */
    static void add(List<Case> cases, Path module, Path testdata) throws Exception {
        WasmModule wasm = WasmModule.builder()
                .setPath(module)
                .setInterpreterFallback(InterpreterFallback.FAIL)
                .setRequiredFunctions(Groth16Abi.PREPARED_LEN, Groth16Abi.PREPARE_KEY, Groth16Abi.VERIFY_BATCH)
                .build();
        WasmInstance instance = wasm.newInstance();

        List<String[]> mulsum = Files.readAllLines(testdata.resolve("groth16/mulsum.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split(" "))
                .toList();
        byte[] mulsumKey = HexFormat.of().parseHex(mulsum.get(0)[1]);
        List<byte[]> mulsumEntries = new ArrayList<>();
        for (String[] line : mulsum.subList(1, mulsum.size())) {
            mulsumEntries.add(entry(HexFormat.of().parseHex(line[1]), HexFormat.of().parseHex(line[2])));
        }
        addCircuit(cases, instance, 2, mulsumKey, mulsumEntries, BATCHES, true);

        Path sensor = testdata.resolve("groth16-sensor");
        List<byte[]> sensorEntries = new ArrayList<>();
        for (String line : Files.readAllLines(sensor.resolve("cases.txt"))) {
            String[] f = line.split("\t");
            if (!line.startsWith("#") && f.length > 1 && f[1].equals("valid")) {
                sensorEntries.add(entry(Files.readAllBytes(sensor.resolve(f[0]).resolve("proof.bin")),
                        Files.readAllBytes(sensor.resolve(f[0]).resolve("public.bin"))));
            }
        }
        byte[] sensorKey = Files.readAllBytes(sensor.resolve("verification_key.bin"));
        addCircuit(cases, instance, 6, sensorKey, sensorEntries, SENSOR_BATCHES, false);
        addHostCases(cases, wasm, sensorKey, sensorEntries);
    }

    /**
     * The product's path on the sensor proofs: {@link Groth16Verifier} with its cached prepared
     * key, request building, SecureRandom seed and status mapping ({@code "engine":"chicory-host"}).
     */
    private static void addHostCases(List<Case> cases, WasmModule wasm, byte[] key, List<byte[]> entries)
            throws Exception {
        Groth16VerifyingKey vk = Groth16VerifyingKey.fromBytes(key);
        List<Groth16Statement> statements = new ArrayList<>();
        for (byte[] e : entries) {
            statements.add(new Groth16Statement(Groth16Proof.fromBytes(Arrays.copyOf(e, Groth16Proof.BYTES)),
                    Groth16PublicInputs.fromBytes(Arrays.copyOfRange(e, Groth16Proof.BYTES + 4, e.length), vk.nPublic())));
        }
        Groth16Verifier verifier = Groth16Verifier.builder().setModule(wasm).build();
        verifier.prepareKey(vk);
        for (int batch : SENSOR_BATCHES) {
            List<Groth16Statement> chosen = new ArrayList<>();
            for (int k = 0; k < batch; k++) {
                chosen.add(statements.get(k % statements.size()));
            }
            cases.add(new Case("chicory-host", null, "verify", "\"statement\":\"groth16\",\"n_public\":" + vk.nPublic(),
                    batch, () -> {
                        for (Groth16Status status : verifier.verify(vk, chosen)) {
                            if (status != Groth16Status.VALID) {
                                throw new IllegalStateException("a proof did not verify: " + status);
                            }
                        }
                        return batch;
                    }));
        }
    }

    private static void addCircuit(List<Case> cases, WasmInstance wasm, int nPublic, byte[] key,
            List<byte[]> entries, int[] batches, boolean withPrepare) throws Exception {
        String what = "\"statement\":\"groth16\",\"n_public\":" + nPublic;
        byte[] prepared = prepare(wasm, key);
        if (withPrepare) {
            cases.add(new Case("chicory-compiled", null, "prepare-key", what, 0, () -> {
                prepare(wasm, key);
                return 1;
            }));
        }
        for (int batch : batches) {
            List<byte[]> chosen = new ArrayList<>();
            for (int k = 0; k < batch; k++) {
                chosen.add(entries.get(k % entries.size()));
            }
            byte[] request = request(chosen);
            byte[] statuses = new byte[batch];
            int[] counter = {0};
            cases.add(new Case("chicory-compiled", null, "verify", what, batch, () -> {
                Arrays.fill(statuses, (byte) 0xff);
                int count = verify(wasm, prepared, request, Requests.seed(counter[0]++ & 0xff), statuses);
                if (count != batch) {
                    throw new IllegalStateException("zk_groth16_verify_batch answered " + count + " for " + batch);
                }
                for (byte s : statuses) {
                    if (s != 0) {
                        throw new IllegalStateException("a proof did not verify: " + Arrays.toString(statuses));
                    }
                }
                return batch;
            }));
        }
    }

    private static byte[] prepare(WasmInstance wasm, byte[] key) throws Exception {
        int nPublic = ByteBuffer.wrap(key).getInt(); // big-endian, as in the key encoding
        int length = wasm.call(Groth16Abi.PREPARED_LEN, nPublic);
        GuestBuffer vk = wasm.allocate(key);
        GuestBuffer out = wasm.allocate(length);
        int result = wasm.call(Groth16Abi.PREPARE_KEY, vk.pointer(), vk.length(), out.pointer(), length);
        if (result != length) {
            throw new IllegalStateException("zk_groth16_prepare_key answered " + result);
        }
        byte[] prepared = wasm.read(out);
        wasm.free(out);
        wasm.free(vk);
        return prepared;
    }

    private static int verify(WasmInstance wasm, byte[] prepared, byte[] request, byte[] seed, byte[] statuses)
            throws Exception {
        GuestBuffer key = wasm.allocate(prepared);
        GuestBuffer req = wasm.allocate(request);
        GuestBuffer s = wasm.allocate(seed);
        GuestBuffer out = wasm.allocate(statuses.length);
        int result = wasm.call(Groth16Abi.VERIFY_BATCH,
                key.pointer(), key.length(), req.pointer(), req.length(), s.pointer(), out.pointer());
        System.arraycopy(wasm.read(out), 0, statuses, 0, statuses.length);
        wasm.free(out);
        wasm.free(s);
        wasm.free(req);
        wasm.free(key);
        return result;
    }

    /** proof ‖ u32 LE n_inputs ‖ inputs. */
    private static byte[] entry(byte[] proof, byte[] inputs) {
        return ByteBuffer.allocate(proof.length + 4 + inputs.length).order(ByteOrder.LITTLE_ENDIAN)
                .put(proof).putInt(inputs.length / 32).put(inputs).array();
    }

    /** u32 LE count ‖ entries. */
    private static byte[] request(List<byte[]> entries) {
        int length = 4;
        for (byte[] e : entries) {
            length += e.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN).putInt(entries.size());
        entries.forEach(out::put);
        return out.array();
    }
}
