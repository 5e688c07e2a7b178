package io.zkedge.gateway.groth16;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One long-lived Node process running snarkjs ({@code scripts/lib/groth16-prover-server.cjs}),
 * serving many prove and verify requests as JSON lines over its stdin and stdout. Starting node,
 * loading snarkjs and building the BN254 curve takes 1–2 s; a warm process then proves the sensor
 * circuit in a fraction of that (docs/gateway-groth16.md has the figures).
 *
 * <p>Thread-safe: requests are serialised (snarkjs already uses every core for one proof). When
 * the process dies or does not answer in time, the request fails with a
 * {@link Groth16ProverException}, the process is killed and {@link #isUsable()} turns false;
 * requests that snarkjs refuses (e.g. a witness that violates the circuit) fail without harming it.
 */
public final class SnarkjsProverProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String END_OF_OUTPUT = new String("end of output"); // identity sentinel
    private static final int STDERR_TAIL_LINES = 20;

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private long nextId = 1;
    private boolean usable = true;

    private SnarkjsProverProcess(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        daemon("snarkjs-prover-stdout", () -> pump(new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))));
        daemon("snarkjs-prover-stderr", this::drainStderr);
    }

    /**
     * Starts the process and waits until it has loaded snarkjs and the keys.
     *
     * @throws Groth16SetupException if node cannot be started or does not come up in time
     */
    public static SnarkjsProverProcess start(Groth16Toolchain toolchain, Duration startTimeout)
            throws Groth16SetupException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(toolchain.node().toString(),
                toolchain.server().toString(), toolchain.snarkjs().toString(), toolchain.wasm().toString(),
                toolchain.zkey().toString(), toolchain.verificationKey().toString()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new Groth16SetupException("cannot start " + toolchain.node() + ": " + e.getMessage(), e);
        }
        SnarkjsProverProcess prover = new SnarkjsProverProcess(process);
        try {
            JsonNode ready = prover.next(startTimeout, "start-up");
            if (!ready.path("ready").asBoolean(false)) {
                throw new Groth16ProverException("unexpected first line " + ready);
            }
        } catch (Groth16ProverException e) {
            prover.close();
            throw new Groth16SetupException("the snarkjs prover process did not start: " + e.getMessage(), e);
        }
        return prover;
    }

    /**
     * Makes a proof from a full witness input (signal name → field element) and Groth16's two
     * randomisers {@code r} and {@code s} (uniform in [0, r) from the caller's SecureRandom; they
     * make the proof zero-knowledge, and the same input with the same randomisers gives the same
     * proof).
     *
     * @return snarkjs's {@code proof.json} and {@code public.json}, as JSON text
     * @throws Groth16ProverException if snarkjs refuses the input, or the process fails
     */
    public synchronized SnarkjsProof prove(Map<String, BigInteger> input, BigInteger r, BigInteger s,
            Duration timeout) throws Groth16ProverException, InterruptedException {
        ObjectNode request = request("prove");
        ObjectNode signals = request.putObject("input");
        input.forEach((name, value) -> signals.put(name, value.toString()));
        request.putArray("randomisers").add(r.toString()).add(s.toString());
        JsonNode answer = call(request, timeout);
        JsonNode proof = answer.get("proof");
        JsonNode publicSignals = answer.get("publicSignals");
        if (proof == null || !proof.isObject() || publicSignals == null || !publicSignals.isArray()) {
            throw fail("an answer without proof and publicSignals: " + abbreviate(answer.toString()));
        }
        return new SnarkjsProof(proof.toString(), publicSignals.toString());
    }

    /**
     * Checks a proof with {@code snarkjs.groth16.verify} under the process's verifying key.
     *
     * @param proofJson a {@code proof.json}
     * @param publicJson a {@code public.json}
     */
    public synchronized boolean verify(String proofJson, String publicJson, Duration timeout)
            throws Groth16ProverException, InterruptedException {
        ObjectNode request = request("verify");
        try {
            request.set("proof", JSON.readTree(proofJson));
            request.set("publicSignals", JSON.readTree(publicJson));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode valid = call(request, timeout).get("valid");
        if (valid == null || !valid.isBoolean()) {
            throw fail("a verify answer without a boolean 'valid'");
        }
        return valid.booleanValue();
    }

    /**
     * CPU time the Node process has used so far (all its threads), where the platform reports it;
     * on a shared machine a steadier cost figure than wall time.
     */
    public Optional<Duration> cpuTime() {
        return process.info().totalCpuDuration();
    }

    /** False once the process has died, timed out or answered out of protocol. */
    public synchronized boolean isUsable() {
        return usable && process.isAlive();
    }

    /** Closes stdin, so the process exits after its last answer; kills it if it lingers. */
    @Override
    public synchronized void close() {
        usable = false;
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone: nothing to tell it
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private ObjectNode request(String op) {
        ObjectNode request = JSON.createObjectNode();
        request.put("id", nextId++);
        request.put("op", op);
        return request;
    }

    private JsonNode call(ObjectNode request, Duration timeout)
            throws Groth16ProverException, InterruptedException {
        if (!isUsable()) {
            throw new Groth16ProverException("the snarkjs prover process is not running" + exitStatus());
        }
        try {
            stdin.write(request.toString());
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            throw fail("cannot write to the snarkjs prover process: " + e.getMessage());
        }
        JsonNode answer;
        try {
            answer = next(timeout, "request " + request.get("op").asText());
        } catch (InterruptedException e) {
            // The answer would arrive for the next request: give up this process instead.
            fail("interrupted");
            throw e;
        }
        if (answer.path("id").asLong(-1) != request.get("id").asLong()) {
            throw fail("answer " + abbreviate(answer.toString()) + " is not for request " + request.get("id"));
        }
        JsonNode error = answer.get("error");
        if (error != null) {
            throw new Groth16ProverException("snarkjs refused the request: " + error.asText());
        }
        return answer;
    }

    private JsonNode next(Duration timeout, String what) throws Groth16ProverException, InterruptedException {
        String line = answers.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (line == null) {
            throw fail(what + " got no answer within " + timeout);
        }
        if (line == END_OF_OUTPUT) {
            answers.offer(END_OF_OUTPUT); // later calls see it too
            process.waitFor(2, TimeUnit.SECONDS);
            throw fail("the snarkjs prover process ended during " + what);
        }
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw fail("the snarkjs prover process wrote a line that is not JSON: " + abbreviate(line));
        }
    }

    /** Marks the process unusable, kills it, and returns the exception to throw. */
    private Groth16ProverException fail(String reason) {
        usable = false;
        process.destroyForcibly();
        return new Groth16ProverException(reason + exitStatus() + stderrSummary());
    }

    private String exitStatus() {
        return process.isAlive() ? "" : " (exit status " + process.exitValue() + ")";
    }

    private String stderrSummary() {
        synchronized (stderrTail) {
            return stderrTail.isEmpty() ? "" : "; stderr: " + abbreviate(String.join(" | ", stderrTail));
        }
    }

    private void pump(BufferedReader out) {
        try (out) {
            String line;
            while ((line = out.readLine()) != null) {
                answers.offer(line);
            }
        } catch (IOException e) {
            // the process is gone: END_OF_OUTPUT tells the waiting request
        } finally {
            answers.offer(END_OF_OUTPUT);
        }
    }

    private void drainStderr() {
        try (BufferedReader err = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                synchronized (stderrTail) {
                    if (stderrTail.size() == STDERR_TAIL_LINES) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(line.strip());
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 297) + "...";
    }

    /**
     * A proof as snarkjs wrote it.
     *
     * @param proofJson {@code proof.json}
     * @param publicJson {@code public.json} (the public signals)
     */
    public record SnarkjsProof(String proofJson, String publicJson) {}
}
