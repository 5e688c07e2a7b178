//! The zkedge Groth16 verifier module: `zk_groth16_prepare_key` and `zk_groth16_verify_batch`
//! over BN254 proofs in the compact encodings (`verifiers/ABI.md`, `docs/groth16.md`).
//!
//! [`prepare_key`] and [`verify_request`] are the safe core; the exports at the bottom only turn
//! host pointers into slices.
#![cfg_attr(target_arch = "wasm32", no_std)]
#![deny(missing_docs)]

use zkedge_groth16::encoding::{Malformed, Proof, PublicInputs, MAX_PUBLIC_INPUTS, PROOF_LEN};
use zkedge_groth16::key::{KeyError, PreparedKey};
use zkedge_groth16::verify::check_proof;
use zkedge_groth16::{verify_batch, BatchBuffers, Verdict, MAX_BATCH};
use zkedge_wasm_abi::{Reader, Truncated, ERR_COUNT, ERR_FRAMING, ERR_OUTPUT_TOO_SMALL};

/// Status: the proof verifies.
pub const VALID: u8 = 0;
/// Status: well-formed, but the pairing check fails (or `A`, `B` or `C` is the identity).
pub const INVALID: u8 = 1;
/// Status (malformed): a coordinate is not below `p`.
pub const MALFORMED_COORDINATE: u8 = 2;
/// Status (malformed): a point is not on its curve.
pub const MALFORMED_NOT_ON_CURVE: u8 = 4;
/// Status (malformed): `B` is not in the order-`r` subgroup of the twist.
pub const MALFORMED_NOT_IN_SUBGROUP: u8 = 5;
/// Status (malformed): a public input is not below `r`.
pub const MALFORMED_INPUT_RANGE: u8 = 6;
/// Status (malformed): the number of public inputs is not the key's `nPublic`.
pub const MALFORMED_INPUT_COUNT: u8 = 7;

/// Key error: the key's length does not match its `nPublic`, or `nPublic` is above 64.
pub const ERR_KEY_LENGTH: i32 = -6;
/// Key error: a key point does not decode (coordinate `≥ p`, off its curve, outside `G2`).
pub const ERR_KEY_POINT: i32 = -7;
/// Key error: `α`, `β`, `γ` or `δ` is the identity.
pub const ERR_KEY_IDENTITY: i32 = -8;
/// Verify error: the prepared key bytes are not the output of `zk_groth16_prepare_key`.
pub const ERR_PREPARED_KEY: i32 = -9;

/// The status byte of a malformed proof.
pub fn malformed_status(m: Malformed) -> u8 {
    match m {
        Malformed::Coordinate => MALFORMED_COORDINATE,
        Malformed::NotOnCurve => MALFORMED_NOT_ON_CURVE,
        Malformed::NotInSubgroup => MALFORMED_NOT_IN_SUBGROUP,
        Malformed::InputRange => MALFORMED_INPUT_RANGE,
        Malformed::InputCount => MALFORMED_INPUT_COUNT,
    }
}

fn key_error(e: KeyError) -> i32 {
    match e {
        KeyError::Length => ERR_KEY_LENGTH,
        KeyError::Point(_) => ERR_KEY_POINT,
        KeyError::Identity => ERR_KEY_IDENTITY,
        KeyError::PreparedBytes => ERR_PREPARED_KEY,
    }
}

/// Length of the prepared key for `n_public` inputs, or `ERR_KEY_LENGTH` above the limit.
pub fn prepared_len(n_public: i32) -> i32 {
    if n_public < 0 || n_public as usize > MAX_PUBLIC_INPUTS {
        return ERR_KEY_LENGTH;
    }
    PreparedKey::bytes_len(n_public as usize) as i32
}

/// Working memory: the key being used, the decoded batch and the batch buffers. Every field is
/// made of integers and booleans only, so all-zero bytes are a valid value (the module keeps it in
/// zero-initialised static memory).
pub struct Buffers {
    key: PreparedKey,
    /// The prepared-key bytes `key` was read from, if it was read by [`verify_request`].
    key_source: KeySource,
    proofs: [Proof; MAX_BATCH],
    inputs: [PublicInputs; MAX_BATCH],
    /// The request index of each well-formed proof.
    origin: [usize; MAX_BATCH],
    batch: BatchBuffers,
}

#[cfg(not(target_arch = "wasm32"))]
impl Buffers {
    /// Zeroed buffers on the heap, for native callers (tests and benchmarks).
    pub fn new_boxed() -> std::boxed::Box<Buffers> {
        let layout = std::alloc::Layout::new::<Buffers>();
        // SAFETY: the layout is non-zero-sized, all-zero bytes are a valid Buffers (see the type's
        // docs), and the pointer comes from the global allocator with Buffers' layout.
        unsafe {
            let ptr = std::alloc::alloc_zeroed(layout) as *mut Buffers;
            if ptr.is_null() {
                std::alloc::handle_alloc_error(layout);
            }
            std::boxed::Box::from_raw(ptr)
        }
    }
}

/// Longest prepared key (`MAX_PUBLIC_INPUTS` inputs).
const MAX_PREPARED_LEN: usize = PreparedKey::bytes_len(MAX_PUBLIC_INPUTS);

/// A copy of the prepared-key bytes that `Buffers::key` was last read from, so that a request
/// with the same bytes (the usual case: the host sends one circuit's key with every batch) skips
/// re-reading them. Comparing the bytes costs a fraction of reading them (the limb-range checks,
/// the curve checks of `α` and `IC`, the copies). A key is always fully read and checked the first
/// time its bytes are seen; any difference in any byte reads it again.
struct KeySource {
    bytes: [u8; MAX_PREPARED_LEN],
    /// 0: no key read (the zeroed state, and after `prepare_key` overwrote `Buffers::key`).
    len: usize,
}

impl KeySource {
    fn matches(&self, bytes: &[u8]) -> bool {
        self.len != 0 && self.len == bytes.len() && same_bytes(&self.bytes[..self.len], bytes)
    }
}

/// `a == b`, eight bytes at a time (the slice comparison lowers to compiler_builtins'
/// byte-by-byte `memcmp` on wasm32).
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let (a8, b8) = (a.chunks_exact(8), b.chunks_exact(8));
    if a.len() != b.len() || a8.remainder() != b8.remainder() {
        return false;
    }
    let word = |c: &[u8]| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
    a8.zip(b8).all(|(x, y)| word(x) == word(y))
}

/// Decodes and prepares the canonical verifying key `vk` into `out`. Returns the prepared
/// length, or a negative key error, or `ERR_OUTPUT_TOO_SMALL`.
pub fn prepare_key(buffers: &mut Buffers, vk: &[u8], out: &mut [u8]) -> i32 {
    match PreparedKey::from_key_bytes(vk) {
        Err(e) => key_error(e),
        Ok(key) => {
            let len = PreparedKey::bytes_len(key.n_public);
            if out.len() < len {
                return ERR_OUTPUT_TOO_SMALL;
            }
            buffers.key_source.len = 0;
            buffers.key = key;
            buffers.key.to_bytes(&mut out[..len]);
            len as i32
        }
    }
}

/// Verifies every proof in `request` (ABI.md) against the prepared key `key`, writing one status
/// per proof to `statuses`. Returns the number of proofs, or a negative request error.
pub fn verify_request(
    buffers: &mut Buffers,
    key: &[u8],
    request: &[u8],
    seed: &[u8; 32],
    statuses: &mut [u8],
) -> i32 {
    if !buffers.key_source.matches(key) {
        // Forget the old source first: `buffers.key` is about to change.
        buffers.key_source.len = 0;
        match PreparedKey::from_bytes(key) {
            Ok(k) => buffers.key = k,
            Err(e) => return key_error(e),
        }
        // from_bytes accepted it, so it is at most MAX_PREPARED_LEN (and at least 12) bytes.
        buffers.key_source.bytes[..key.len()].copy_from_slice(key);
        buffers.key_source.len = key.len();
    }
    let n_public = buffers.key.n_public;
    let mut reader = Reader::new(request);
    let count = match reader.u32() {
        Ok(c) => c as usize,
        Err(Truncated) => return ERR_FRAMING,
    };
    if count == 0 || count > MAX_BATCH || statuses.len() < count {
        return ERR_COUNT;
    }
    let mut batch_len = 0;
    for index in 0..count {
        let entry = match read_entry(&mut reader) {
            Ok(e) => e,
            Err(Truncated) => return ERR_FRAMING,
        };
        match decode_entry(entry, n_public) {
            Ok((proof, inputs)) if !proof.has_identity() => {
                buffers.proofs[batch_len] = proof;
                buffers.inputs[batch_len] = inputs;
                buffers.origin[batch_len] = index;
                batch_len += 1;
            }
            // INVALID, or MALFORMED if its B is outside G2 (decoded without that check).
            Ok((proof, inputs)) => {
                statuses[index] = status(check_proof(&buffers.key, &proof, &inputs))
            }
            Err(m) => statuses[index] = malformed_status(m),
        }
    }
    if !reader.is_empty() {
        return ERR_FRAMING;
    }
    let Buffers {
        key,
        key_source: _,
        proofs,
        inputs,
        origin,
        batch,
    } = buffers;
    let mut verdicts = [Verdict::Invalid; MAX_BATCH];
    verify_batch(
        key,
        &proofs[..batch_len],
        &inputs[..batch_len],
        seed,
        batch,
        &mut verdicts[..batch_len],
    );
    for k in 0..batch_len {
        statuses[origin[k]] = status(verdicts[k]);
    }
    count as i32
}

/// The status byte of a verdict.
fn status(verdict: Verdict) -> u8 {
    match verdict {
        Verdict::Valid => VALID,
        Verdict::Invalid => INVALID,
        Verdict::Malformed(m) => malformed_status(m),
    }
}

/// One request entry: the proof bytes and the input bytes.
fn read_entry<'a>(reader: &mut Reader<'a>) -> Result<(&'a [u8], &'a [u8]), Truncated> {
    let proof = reader.bytes(PROOF_LEN)?;
    let n_inputs = reader.u32()? as usize;
    let inputs = reader.bytes(n_inputs.checked_mul(32).ok_or(Truncated)?)?;
    Ok((proof, inputs))
}

fn decode_entry(
    (proof, inputs): (&[u8], &[u8]),
    n_public: usize,
) -> Result<(Proof, PublicInputs), Malformed> {
    let inputs = PublicInputs::from_bytes(inputs, n_public)?;
    let mut bytes = [0u8; PROOF_LEN];
    bytes.copy_from_slice(proof);
    // B's subgroup check is read off the Miller loop (verify_batch), not done here.
    Ok((Proof::from_bytes_deferring_subgroup_check(&bytes)?, inputs))
}

// ---------------------------------------------------------------------------------------------
// ABI exports. Memory contract (ABI.md): every pointer the host passes must come from zk_alloc;
// ranges are checked against the arena before any slice is made, so a bad pointer or length is a
// request error, never an out-of-bounds access.
// They exist only in the Wasm build; native callers (tests, benchmarks) use the safe core.
#[cfg(target_arch = "wasm32")]
mod exports {
    use super::*;
    use core::mem::MaybeUninit;

    zkedge_wasm_abi::export_host_interface!(
        4 << 20,
        br#"{"module":"zkedge-groth16-verifier","version":"0.1.0","system":"groth16","abi":1,"curve":"bn254","encoding":"zkedge-groth16-compact-v1","max_batch":256,"max_public_inputs":64}"#
    );

    // Zero-initialised (it lands in .bss, not in the module's data); see `Buffers`.
    static mut BUFFERS: MaybeUninit<Buffers> = MaybeUninit::uninit();

    fn buffers() -> &'static mut Buffers {
        // SAFETY: the module is single-threaded and each export takes this reference once per
        // call. The memory starts zeroed, a valid bit pattern for every field (integers and
        // booleans only).
        unsafe { &mut *(*core::ptr::addr_of_mut!(BUFFERS)).as_mut_ptr() }
    }

    /// Length of the prepared key for `n_public` inputs (ABI.md).
    #[no_mangle]
    pub extern "C" fn zk_groth16_prepared_len(n_public: i32) -> i32 {
        prepared_len(n_public)
    }

    /// Prepares a verifying key (ABI.md, "Groth16 verifier").
    #[no_mangle]
    pub extern "C" fn zk_groth16_prepare_key(vk: i32, vk_len: i32, out: i32, out_cap: i32) -> i32 {
        match (host_slice(vk, vk_len), host_slice_mut(out, out_cap)) {
            (Some(vk), Some(out)) => prepare_key(buffers(), vk, out),
            _ => ERR_FRAMING,
        }
    }

    /// Verifies a batch (ABI.md, "Groth16 verifier"). Returns the count or a negative error.
    #[no_mangle]
    pub extern "C" fn zk_groth16_verify_batch(
        key: i32,
        key_len: i32,
        req: i32,
        req_len: i32,
        seed: i32,
        out: i32,
    ) -> i32 {
        let (key, request, seed) = match (
            host_slice(key, key_len),
            host_slice(req, req_len),
            host_slice(seed, 32),
        ) {
            (Some(k), Some(r), Some(s)) => (k, r, s),
            _ => return ERR_FRAMING,
        };
        // `out` holds one byte per proof; the count itself is validated by verify_request.
        let count = match Reader::new(request).u32() {
            Ok(c) if c as usize <= MAX_BATCH => c as i32,
            Ok(_) => return ERR_COUNT,
            Err(Truncated) => return ERR_FRAMING,
        };
        let statuses = match host_slice_mut(out, count) {
            Some(o) => o,
            None => return ERR_FRAMING,
        };
        let mut seed_bytes = [0u8; 32];
        seed_bytes.copy_from_slice(seed);
        verify_request(buffers(), key, request, &seed_bytes, statuses)
    }
}

#[cfg(test)]
mod tests;
