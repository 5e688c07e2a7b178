package io.zkedge.audit.testutils;

import io.zkedge.audit.SourcedRecord;
import io.zkedge.evidence.Ed25519PrivateKey;
import io.zkedge.evidence.EvidenceSigner;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.UndecodableRecordException;
import io.zkedge.schemas.Verdict;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What an attacker with write access to a topic (or to an export file) can do to a stream of
 * committed records. Each operation returns a new list; records keep their offsets unless said.
 */
public final class Tamper {

    private Tamper() {}

    /** The position in {@code records} of the record at partition/offset. */
    public static int at(List<SourcedRecord> records, int partition, long offset) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).partition() == partition && records.get(i).offset() == offset) {
                return i;
            }
        }
        throw new AssertionError("no record at " + partition + "@" + offset);
    }

    /** The first record matching {@code which}. */
    public static SourcedRecord find(List<SourcedRecord> records, Predicate<SourcedRecord> which) {
        return records.stream().filter(which).findFirst().orElseThrow(() -> new AssertionError("no such record"));
    }

    /** Flips the bits of the last byte of a verdict's signature, keeping the rest of the record as it was. */
    public static List<SourcedRecord> flipSignatureByte(List<SourcedRecord> records, SourcedRecord target) {
        AvroCodec<Verdict> codec = AvroCodec.forVerdicts();
        Verdict v = verdict(target);
        byte[] signature = new byte[v.getSignature().remaining()];
        v.getSignature().duplicate().get(signature);
        signature[signature.length - 1] ^= (byte) 0xff;
        v.setSignature(ByteBuffer.wrap(signature));
        return overwrite(records, target, codec.encode(v));
    }

    /** Removes a record (its offset is then missing, as after compaction or a rewritten log). */
    public static List<SourcedRecord> delete(List<SourcedRecord> records, SourcedRecord target) {
        List<SourcedRecord> out = new ArrayList<>(records);
        out.remove(at(records, target.partition(), target.offset()));
        return out;
    }

    /** Exchanges the values of two records, which keep their offsets. */
    public static List<SourcedRecord> swap(List<SourcedRecord> records, SourcedRecord a, SourcedRecord b) {
        List<SourcedRecord> out = new ArrayList<>(records);
        out.set(at(records, a.partition(), a.offset()), new SourcedRecord(a.topic(), a.partition(), a.offset(), a.timestamp(), b.value()));
        out.set(at(records, b.partition(), b.offset()), new SourcedRecord(b.topic(), b.partition(), b.offset(), b.timestamp(), a.value()));
        return out;
    }

    /** Appends a copy of a record's value at the end of its partition; returns the list and the copy's offset via {@link #lastOffset}. */
    public static List<SourcedRecord> replay(List<SourcedRecord> records, SourcedRecord target) {
        List<SourcedRecord> out = new ArrayList<>(records);
        long offset = lastOffset(records, target.partition()) + 1;
        out.add(new SourcedRecord(target.topic(), target.partition(), offset, target.timestamp(), target.value()));
        return out;
    }

    /** The highest offset of a partition. */
    public static long lastOffset(List<SourcedRecord> records, int partition) {
        return records.stream().filter(r -> r.partition() == partition).mapToLong(SourcedRecord::offset).max().orElse(-1);
    }

    /** Replaces a verdict by a copy signed with {@code key}, chain fields unchanged. */
    public static List<SourcedRecord> resignVerdict(List<SourcedRecord> records, SourcedRecord target, Ed25519PrivateKey key) {
        AvroCodec<Verdict> codec = AvroCodec.forVerdicts();
        Verdict v;
        try {
            v = codec.decode(target.value());
        } catch (UndecodableRecordException e) {
            throw new AssertionError(e);
        }
        new EvidenceSigner(key).sign(v);
        List<SourcedRecord> out = new ArrayList<>(records);
        out.set(at(records, target.partition(), target.offset()),
                new SourcedRecord(target.topic(), target.partition(), target.offset(), target.timestamp(), codec.encode(v)));
        return out;
    }

    /** Replaces a record's value by arbitrary bytes. */
    public static List<SourcedRecord> overwrite(List<SourcedRecord> records, SourcedRecord target, byte[] value) {
        List<SourcedRecord> out = new ArrayList<>(records);
        out.set(at(records, target.partition(), target.offset()),
                new SourcedRecord(target.topic(), target.partition(), target.offset(), target.timestamp(), value));
        return out;
    }

    /** The decoded verdict of a record. */
    public static Verdict verdict(SourcedRecord r) {
        try {
            return AvroCodec.forVerdicts().decode(r.value());
        } catch (UndecodableRecordException e) {
            throw new AssertionError(e);
        }
    }
}
