//! The zkedge Bulletproofs verifier module: `zk_verify_batch` over raw dalek statements and zkedge
//! range statements (`verifiers/ABI.md`).
//!
//! [`verify_request`] is the safe core; the exports at the bottom only turn host pointers into
//! slices.
#![cfg_attr(target_arch = "wasm32", no_std)]
#![deny(missing_docs)]

use zkedge_bulletproofs::batch::{
    scratch_len, verify_batch, BatchWeights, Scratch, VerifierTables, DIGITS_LEN,
};
use zkedge_bulletproofs::generators::{BulletproofGens, PedersenGens};
use zkedge_bulletproofs::range_proof::{PreparedRangeProof, RangeProof};
use zkedge_bulletproofs::statement::RangeStatement;
use zkedge_bulletproofs::ProofError;
use zkedge_curve25519::ristretto::{CompressedRistretto, RistrettoPoint};
use zkedge_curve25519::scalar::Scalar;
use zkedge_transcript::merlin::Transcript;
use zkedge_wasm_abi::{
    Reader, Truncated, ERR_COUNT, ERR_FRAMING, KIND_RANGE, KIND_RAW, MAX_LABEL_LEN, MAX_PROOF_LEN,
    MAX_SENSOR_LEN,
};

/// Most statements in one `zk_verify_batch` call.
pub const MAX_BATCH: usize = 256;

/// Status: the proof verifies.
pub const VALID: u8 = 0;
/// Status: well-formed, but the check fails.
pub const INVALID: u8 = 1;
/// Status: not a well-formed proof or statement.
pub const MALFORMED: u8 = 2;
/// Status: n or m outside the supported sets.
pub const UNSUPPORTED: u8 = 3;

const SCRATCH: usize = scratch_len(MAX_BATCH);

/// Fixed working memory for one batch (about 3 MiB) and the generator tables (about 7.7 MiB,
/// made on first use and kept).
///
/// Every field is made of integers only, so all-zero bytes are a valid value: the module keeps
/// it in zero-initialised static memory and never copies it.
pub struct Buffers {
    prepared: [PreparedRangeProof; MAX_BATCH],
    weights: [BatchWeights; MAX_BATCH],
    /// The statement index of each prepared proof.
    origin: [usize; MAX_BATCH],
    valid: [bool; MAX_BATCH],
    scalars: [Scalar; SCRATCH],
    points: [RistrettoPoint; SCRATCH],
    digits: [u64; DIGITS_LEN],
    tables: VerifierTables,
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

/// Verifies every statement in `request`, writing one status per statement to `statuses`.
/// Returns the number of statements, or a negative request error (ABI.md).
pub fn verify_request(
    bp_gens: &BulletproofGens,
    pc_gens: &PedersenGens,
    buffers: &mut Buffers,
    request: &[u8],
    seed: &[u8; 32],
    statuses: &mut [u8],
) -> i32 {
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
        match read_and_prepare(&mut reader, pc_gens) {
            Err(Truncated) => return ERR_FRAMING,
            Ok(Ok(prepared)) => {
                buffers.prepared[batch_len] = prepared;
                buffers.origin[batch_len] = index;
                batch_len += 1;
            }
            Ok(Err(e)) => statuses[index] = status_of(e),
        }
    }
    if !reader.is_empty() {
        return ERR_FRAMING;
    }
    BatchWeights::derive(seed, &mut buffers.weights[..batch_len]);
    let mut scratch = Scratch {
        scalars: &mut buffers.scalars[..scratch_len(batch_len)],
        points: &mut buffers.points[..scratch_len(batch_len)],
        digits: &mut buffers.digits,
        tables: &mut buffers.tables,
    };
    verify_batch(
        bp_gens,
        pc_gens,
        &buffers.prepared[..batch_len],
        &buffers.weights[..batch_len],
        &mut scratch,
        &mut buffers.valid[..batch_len],
    );
    for k in 0..batch_len {
        statuses[buffers.origin[k]] = if buffers.valid[k] { VALID } else { INVALID };
    }
    count as i32
}

fn status_of(error: ProofError) -> u8 {
    match error {
        ProofError::Verification => INVALID,
        ProofError::Unsupported => UNSUPPORTED,
        _ => MALFORMED,
    }
}

/// Reads one statement. The outer error is broken framing (the whole request is refused); the
/// inner one is this statement's own status.
fn read_and_prepare(
    reader: &mut Reader<'_>,
    pc_gens: &PedersenGens,
) -> Result<Result<PreparedRangeProof, ProofError>, Truncated> {
    match reader.u8()? {
        KIND_RAW => {
            let n = reader.u8()? as usize;
            let m = reader.u8()? as usize;
            let label_len = reader.u16()? as usize;
            let label = reader.bytes(label_len)?;
            let commitments = reader.bytes(32 * m)?;
            let proof_len = reader.u32()? as usize;
            let proof = reader.bytes(proof_len)?;
            Ok(prepare_raw(n, m, label, commitments, proof))
        }
        KIND_RANGE => {
            let bits = reader.u8()? as usize;
            let commitment = CompressedRistretto(reader.array32()?);
            let min = reader.i64()?;
            let max = reader.i64()?;
            let sensor_len = reader.u16()? as usize;
            let sensor_id = reader.bytes(sensor_len)?;
            let seq = reader.u64()?;
            let time = reader.i64()?;
            let proof_len = reader.u32()? as usize;
            let proof = reader.bytes(proof_len)?;
            let statement = RangeStatement {
                bits,
                sensor_id,
                seq,
                time,
                min,
                max,
            };
            Ok(prepare_range(&statement, &commitment, proof, pc_gens))
        }
        _ => Err(Truncated),
    }
}

fn prepare_raw(
    n: usize,
    m: usize,
    label: &[u8],
    commitments: &[u8],
    proof: &[u8],
) -> Result<PreparedRangeProof, ProofError> {
    if !zkedge_bulletproofs::is_supported_bits(n) || !zkedge_bulletproofs::is_supported_parties(m) {
        return Err(ProofError::Unsupported);
    }
    if label.len() > MAX_LABEL_LEN || proof.len() > MAX_PROOF_LEN {
        return Err(ProofError::Format);
    }
    let mut commitment_points = [CompressedRistretto::default(); zkedge_bulletproofs::MAX_PARTIES];
    for (j, chunk) in commitments.chunks(32).enumerate() {
        commitment_points[j].0.copy_from_slice(chunk);
    }
    let proof = RangeProof::from_bytes(proof)?;
    let mut transcript = Transcript::new(label);
    proof.prepare(&mut transcript, &commitment_points[..m], n)
}

fn prepare_range(
    statement: &RangeStatement<'_>,
    commitment: &CompressedRistretto,
    proof: &[u8],
    pc_gens: &PedersenGens,
) -> Result<PreparedRangeProof, ProofError> {
    if statement.sensor_id.len() > MAX_SENSOR_LEN || proof.len() > MAX_PROOF_LEN {
        return Err(ProofError::Format);
    }
    statement.check()?;
    let proof = RangeProof::from_bytes(proof)?;
    statement.prepare(pc_gens, commitment, &proof)
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
        br#"{"module":"zkedge-bulletproofs-verifier","version":"0.1.0","system":"bulletproofs","abi":1,"statements":["raw-dalek-range-proof","zkedge-range"],"bits":[8,16,32,64],"parties":[1,2,4,8],"max_batch":256}"#
    );

    struct State {
        bp_gens: BulletproofGens,
        pc_gens: PedersenGens,
        buffers: Buffers,
    }

    // Zero-initialised (it lands in .bss, not in the module's data); see `Buffers`.
    static mut STATE: MaybeUninit<State> = MaybeUninit::uninit();
    static mut GENERATORS_READY: bool = false;

    /// Verifies a batch (ABI.md, "Verifier"). Returns the count or a negative request error.
    #[no_mangle]
    pub extern "C" fn zk_verify_batch(req: i32, req_len: i32, seed: i32, out: i32) -> i32 {
        let (request, seed) = match (host_slice(req, req_len), host_slice(seed, 32)) {
            (Some(r), Some(s)) => (r, s),
            _ => return ERR_FRAMING,
        };
        // `out` holds one byte per statement; the count itself is validated by verify_request.
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
        // SAFETY: the module is single-threaded and this is the only code that touches STATE. Its
        // memory starts zeroed, a valid bit pattern for every field (integers only); the generators
        // are written before first use.
        let state = unsafe {
            let state = &mut *(*core::ptr::addr_of_mut!(STATE)).as_mut_ptr();
            if !GENERATORS_READY {
                state.bp_gens = BulletproofGens::new();
                state.pc_gens = PedersenGens::default();
                GENERATORS_READY = true;
            }
            state
        };
        verify_request(
            &state.bp_gens,
            &state.pc_gens,
            &mut state.buffers,
            request,
            &seed_bytes,
            statuses,
        )
    }
}
