package io.zkedge.benchmarks;

import io.zkedge.evidence.ChainPosition;
import io.zkedge.evidence.Ed25519PrivateKey;
import io.zkedge.evidence.EvidenceKind;
import io.zkedge.evidence.EvidenceSigner;
import io.zkedge.evidence.EvidenceVerifier;
import io.zkedge.evidence.SignatureStatus;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.schemas.Verdict;
import io.zkedge.schemas.VerdictStatus;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What signing costs per verdict, by how many verdicts one signature covers (docs/evidence.md),
 * and what checking them costs an auditor. Prints one JSON object per line:
 *
 * <pre>{@code
 * {"op":"chain_and_seal","records_per_signature":64,"us_per_record":…,"us_per_record_min":…}
 * {"op":"verify","records_per_signature":64,"us_per_record":…,"us_per_record_min":…}
 * }</pre>
 *
 * <p>{@code chain_and_seal} is what the job does per verdict: {@link EvidenceSigner#chain} (one
 * canonical encoding and hash) when the guard sees it, then its share of one
 * {@link EvidenceSigner#seal}. {@code records_per_signature = 1} is signing every verdict alone.
 * {@code verify} is {@link EvidenceVerifier#verify} of every record, with a fresh verifier per
 * batch. Method: a warm-up, then rounds that visit every case in turn (a noisy machine slows all
 * alike); the figure is the median round, and the fastest is given too.
 *
 * <p>Usage: {@code java -cp zkedge-benchmarks.jar io.zkedge.benchmarks.EvidenceSigningBenchmark [--quick]}.
 */
public final class EvidenceSigningBenchmark {

    private static final int[] RECORDS_PER_SIGNATURE = {1, 4, 16, 64, 256, 1024};
    private static final int RECORDS_PER_SAMPLE = 1024;

    private final EvidenceSigner signer = new EvidenceSigner(Ed25519PrivateKey.fromSeed(filled(7)));
    private final List<Verdict> unsigned = new ArrayList<>();

    private EvidenceSigningBenchmark() {
        for (int i = 0; i < RECORDS_PER_SAMPLE; i++) {
            unsigned.add(verdict(i));
        }
    }

    public static void main(String[] args) {
        boolean quick = Arrays.asList(args).contains("--quick");
        new EvidenceSigningBenchmark().run(quick ? 3 : 10, quick ? 5 : 15);
    }

    private void run(int warmUpRounds, int rounds) {
        double[][] sign = new double[RECORDS_PER_SIGNATURE.length][rounds];
        double[][] verify = new double[RECORDS_PER_SIGNATURE.length][rounds];
        for (int r = -warmUpRounds; r < rounds; r++) {
            for (int c = 0; c < RECORDS_PER_SIGNATURE.length; c++) {
                List<Verdict> records = copies();
                long start = System.nanoTime();
                chainAndSeal(records, RECORDS_PER_SIGNATURE[c]);
                double signUs = (System.nanoTime() - start) / 1e3 / records.size();
                start = System.nanoTime();
                verifyAll(records, RECORDS_PER_SIGNATURE[c]);
                double verifyUs = (System.nanoTime() - start) / 1e3 / records.size();
                if (r >= 0) {
                    sign[c][r] = signUs;
                    verify[c][r] = verifyUs;
                }
            }
        }
        for (int c = 0; c < RECORDS_PER_SIGNATURE.length; c++) {
            print("chain_and_seal", RECORDS_PER_SIGNATURE[c], sign[c]);
        }
        for (int c = 0; c < RECORDS_PER_SIGNATURE.length; c++) {
            print("verify", RECORDS_PER_SIGNATURE[c], verify[c]);
        }
    }

    private void chainAndSeal(List<Verdict> records, int perSignature) {
        ChainPosition position = ChainPosition.genesis();
        for (int from = 0; from < records.size(); from += perSignature) {
            List<Verdict> batch = records.subList(from, Math.min(records.size(), from + perSignature));
            for (Verdict v : batch) {
                position = signer.chain(v, position);
            }
            signer.seal(EvidenceKind.VERDICTS, batch);
        }
    }

    private void verifyAll(List<Verdict> records, int perSignature) {
        EvidenceVerifier verifier = null;
        for (int i = 0; i < records.size(); i++) {
            if (i % perSignature == 0) {
                verifier = new EvidenceVerifier(List.of(signer.publicKey()));
            }
            if (verifier.verify(records.get(i)) != SignatureStatus.OK) {
                throw new IllegalStateException("record " + i + " does not verify");
            }
        }
    }

    private List<Verdict> copies() {
        List<Verdict> out = new ArrayList<>(unsigned.size());
        for (Verdict v : unsigned) {
            out.add(Verdict.newBuilder(v).build());
        }
        return out;
    }

    private static void print(String op, int perSignature, double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        System.out.println(String.format(Locale.ROOT,
                "{\"op\":\"%s\",\"records_per_signature\":%d,\"us_per_record\":%.2f,\"us_per_record_min\":%.2f}",
                op, perSignature, sorted[sorted.length / 2], sorted[0]));
    }

    /** A verdict shaped like the job's (sizes of every field as in production). */
    private static Verdict verdict(int i) {
        return Verdict.newBuilder()
                .setSensorId("sensor-" + (i % 64))
                .setGatewayId("gateway-1")
                .setSeq(i)
                .setEventTime(Instant.ofEpochMilli(1_700_000_000_000L + i))
                .setProofSystem(ProofSystem.BULLETPROOFS)
                .setStatementId("range-16")
                .setStatus(VerdictStatus.VALID)
                .setReason(null)
                .setProofDigest(ByteBuffer.wrap(filled(i)))
                .setModuleSha256(ByteBuffer.wrap(filled(3)))
                .setBatchId("0-" + (i / 64))
                .setVerifiedAt(Instant.ofEpochMilli(1_700_000_000_100L + i))
                .setSourcePartition(i % 4)
                .setSourceOffset(i)
                .setChainIndex(0)
                .setPrevHash(ByteBuffer.allocate(32))
                .setSignerKeyId("")
                .setSignature(ByteBuffer.allocate(0))
                .build();
    }

    private static byte[] filled(int b) {
        byte[] out = new byte[32];
        Arrays.fill(out, (byte) b);
        return out;
    }
}
