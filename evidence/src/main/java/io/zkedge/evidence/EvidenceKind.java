package io.zkedge.evidence;

import io.zkedge.schemas.ComplianceRecord;
import io.zkedge.schemas.Verdict;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.nio.ByteBuffer;

/**
 * The fields that make a record evidence (its sensor, chain position, signer and seal), read and
 * written the same way for {@link #VERDICTS} and {@link #COMPLIANCE_RECORDS}. The Avro classes
 * share no interface, so signing, verification and chain checking go through this.
 *
 * <p>Stateless; {@link Serializable} so that a Flink operator can hold one.
 *
 * @param <T> the record type
 */
public abstract class EvidenceKind<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Verdicts (topic zkedge.verdicts). */
  public static final EvidenceKind<Verdict> VERDICTS = new Verdicts();

  /** Compliance records (topic zkedge.compliance). */
  public static final EvidenceKind<ComplianceRecord> COMPLIANCE_RECORDS = new ComplianceRecords();

  private EvidenceKind() {}

  /**
   * The canonical bytes ({@link VerdictCanonicalForm}).
   *
   * @throws IllegalArgumentException if a field is missing
   */
  public abstract byte[] canonical(T r);

  public abstract String sensorId(T r);

  public abstract long chainIndex(T r);

  public abstract ByteBuffer prevHash(T r);

  public abstract String signerKeyId(T r);

  public abstract ByteBuffer signature(T r);

  public abstract int merkleTreeSize(T r);

  public abstract int merkleLeafIndex(T r);

  public abstract ByteBuffer merklePath(T r);

  abstract void setChain(T r, long chainIndex, ByteBuffer prevHash, String signerKeyId);

  abstract void setSeal(T r, ByteBuffer signature, int treeSize, int leafIndex, ByteBuffer path);

  private static final class Verdicts extends EvidenceKind<Verdict> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] canonical(Verdict r) {
      return VerdictCanonicalForm.of(r);
    }

    @Override
    public String sensorId(Verdict r) {
      return r.getSensorId();
    }

    @Override
    public long chainIndex(Verdict r) {
      return r.getChainIndex();
    }

    @Override
    public ByteBuffer prevHash(Verdict r) {
      return r.getPrevHash();
    }

    @Override
    public String signerKeyId(Verdict r) {
      return r.getSignerKeyId();
    }

    @Override
    public ByteBuffer signature(Verdict r) {
      return r.getSignature();
    }

    @Override
    public int merkleTreeSize(Verdict r) {
      return r.getMerkleTreeSize();
    }

    @Override
    public int merkleLeafIndex(Verdict r) {
      return r.getMerkleLeafIndex();
    }

    @Override
    public ByteBuffer merklePath(Verdict r) {
      return r.getMerklePath();
    }

    @Override
    void setChain(Verdict r, long chainIndex, ByteBuffer prevHash, String signerKeyId) {
      r.setChainIndex(chainIndex);
      r.setPrevHash(prevHash);
      r.setSignerKeyId(signerKeyId);
    }

    @Override
    void setSeal(Verdict r, ByteBuffer signature, int treeSize, int leafIndex, ByteBuffer path) {
      r.setSignature(signature);
      r.setMerkleTreeSize(treeSize);
      r.setMerkleLeafIndex(leafIndex);
      r.setMerklePath(path);
    }

    private Object readResolve() throws ObjectStreamException {
      return VERDICTS;
    }

    @Override
    public String toString() {
      return "verdicts";
    }
  }

  private static final class ComplianceRecords extends EvidenceKind<ComplianceRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] canonical(ComplianceRecord r) {
      return VerdictCanonicalForm.of(r);
    }

    @Override
    public String sensorId(ComplianceRecord r) {
      return r.getSensorId();
    }

    @Override
    public long chainIndex(ComplianceRecord r) {
      return r.getChainIndex();
    }

    @Override
    public ByteBuffer prevHash(ComplianceRecord r) {
      return r.getPrevHash();
    }

    @Override
    public String signerKeyId(ComplianceRecord r) {
      return r.getSignerKeyId();
    }

    @Override
    public ByteBuffer signature(ComplianceRecord r) {
      return r.getSignature();
    }

    @Override
    public int merkleTreeSize(ComplianceRecord r) {
      return r.getMerkleTreeSize();
    }

    @Override
    public int merkleLeafIndex(ComplianceRecord r) {
      return r.getMerkleLeafIndex();
    }

    @Override
    public ByteBuffer merklePath(ComplianceRecord r) {
      return r.getMerklePath();
    }

    @Override
    void setChain(ComplianceRecord r, long chainIndex, ByteBuffer prevHash, String signerKeyId) {
      r.setChainIndex(chainIndex);
      r.setPrevHash(prevHash);
      r.setSignerKeyId(signerKeyId);
    }

    @Override
    void setSeal(ComplianceRecord r, ByteBuffer signature, int treeSize, int leafIndex,
        ByteBuffer path) {
      r.setSignature(signature);
      r.setMerkleTreeSize(treeSize);
      r.setMerkleLeafIndex(leafIndex);
      r.setMerklePath(path);
    }

    private Object readResolve() throws ObjectStreamException {
      return COMPLIANCE_RECORDS;
    }

    @Override
    public String toString() {
      return "compliance records";
    }
  }
}
