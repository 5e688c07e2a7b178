package io.zkedge.evidence;

/** The outcome of checking one record's signature. */
public enum SignatureStatus {
  /** Signed by a trusted key, and the signature covers the record's canonical bytes. */
  OK,
  /** {@code signerKeyId} names no trusted key (or is missing). */
  UNKNOWN_KEY,
  /** The key is trusted, but the signature does not verify: the record was altered or forged. */
  BAD_SIGNATURE
}
