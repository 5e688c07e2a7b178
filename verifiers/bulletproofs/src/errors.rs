/// Why a proof was not made or not accepted.
///
/// The verifier maps these onto the ABI statuses: [`ProofError::Format`] → MALFORMED,
/// [`ProofError::Verification`] → INVALID, [`ProofError::Unsupported`] → UNSUPPORTED.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ProofError {
    /// The bytes are not a proof: a length that does not fit the layout, a non-canonical scalar, a
    /// point that does not decode, or a statement that is inconsistent in itself.
    Format,
    /// The proof is well-formed but does not prove the statement (this includes the identity
    /// point where the protocol forbids it).
    Verification,
    /// The bit size or aggregation size is outside the supported sets.
    Unsupported,
    /// The prover was asked to prove a value that is outside the range.
    ValueOutOfRange,
    /// A caller-supplied buffer is too small for the result.
    BufferTooSmall,
}
