package io.zkedge.gateway.testutils;

import io.zkedge.bulletproofs.BulletproofsVerifier;
import io.zkedge.bulletproofs.BundledModules;
import io.zkedge.bulletproofs.RangeStatement;
import io.zkedge.bulletproofs.VerificationStatus;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.RangeParameters;
import java.nio.ByteBuffer;
import java.util.List;

/** Verifies proof records the way the job does, with the bundled verifier module. */
public final class Proofs {

    private Proofs() {}

    /** The statement a verifier checks for this record. */
    public static RangeStatement statement(ProofRecord record) {
        RangeParameters range = record.getRange();
        return new RangeStatement(range.getBits(), bytes(record.getCommitment()), range.getMin(), range.getMax(),
                record.getSensorId(), record.getSeq(), record.getEventTime().toEpochMilli(), bytes(record.getProof()));
    }

    /** One status per record, in order. */
    public static List<VerificationStatus> verify(List<ProofRecord> records) throws InterruptedException {
        BulletproofsVerifier verifier = BulletproofsVerifier.builder().setModule(BundledModules.verifier()).build();
        return verifier.verify(records.stream().map(Proofs::statement).toList());
    }

    public static byte[] bytes(ByteBuffer buffer) {
        byte[] b = new byte[buffer.remaining()];
        buffer.duplicate().get(b);
        return b;
    }
}
