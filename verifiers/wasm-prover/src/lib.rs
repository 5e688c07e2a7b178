//! The zkedge Bulletproofs prover module: `zk_prove` for raw dalek statements and zkedge range
//! statements (`verifiers/ABI.md`). Gateways run it; every blinding comes from the host's seed.
//!
//! [`prove_request`] is the safe core; the exports at the bottom only turn host pointers into
//! slices.
#![cfg_attr(target_arch = "wasm32", no_std)]
#![deny(missing_docs)]

use zkedge_bulletproofs::generators::{BulletproofGens, PedersenGens};
use zkedge_bulletproofs::random::{ScalarStream, PROVER_DOMAIN};
use zkedge_bulletproofs::range_proof::RangeProof;
use zkedge_bulletproofs::statement::RangeStatement;
use zkedge_bulletproofs::{ProofError, MAX_PARTIES};
use zkedge_curve25519::scalar::Scalar;
use zkedge_transcript::merlin::Transcript;
use zkedge_wasm_abi::{
    Reader, Truncated, ERR_FRAMING, ERR_OUTPUT_TOO_SMALL, ERR_OUT_OF_RANGE, ERR_UNSUPPORTED,
    KIND_RANGE, KIND_RAW, MAX_LABEL_LEN, MAX_SENSOR_LEN,
};

/// Proves the one statement in `request` with randomness expanded from `seed`, writing the
/// output (ABI.md, "Prover") to `out`. Returns its length or a negative error.
pub fn prove_request(
    bp_gens: &BulletproofGens,
    pc_gens: &PedersenGens,
    request: &[u8],
    seed: &[u8; 32],
    out: &mut [u8],
) -> i32 {
    let mut randomness = ScalarStream::new(PROVER_DOMAIN, seed);
    let mut reader = Reader::new(request);
    let result = match reader.u8() {
        Ok(KIND_RAW) => prove_raw(bp_gens, pc_gens, &mut reader, &mut randomness, out),
        Ok(KIND_RANGE) => prove_range(bp_gens, pc_gens, &mut reader, &mut randomness, out),
        _ => return ERR_FRAMING,
    };
    match result {
        Err(Refusal::Framing) => ERR_FRAMING,
        Err(Refusal::Proof(e)) => error_code(e),
        Ok(_) if !reader.is_empty() => ERR_FRAMING,
        Ok(len) => len as i32,
    }
}

enum Refusal {
    Framing,
    Proof(ProofError),
}

impl From<Truncated> for Refusal {
    fn from(_: Truncated) -> Self {
        Refusal::Framing
    }
}

impl From<ProofError> for Refusal {
    fn from(e: ProofError) -> Self {
        Refusal::Proof(e)
    }
}

fn error_code(error: ProofError) -> i32 {
    match error {
        ProofError::Unsupported => ERR_UNSUPPORTED,
        ProofError::ValueOutOfRange => ERR_OUT_OF_RANGE,
        ProofError::BufferTooSmall => ERR_OUTPUT_TOO_SMALL,
        ProofError::Format | ProofError::Verification => ERR_FRAMING,
    }
}

fn prove_raw(
    bp_gens: &BulletproofGens,
    pc_gens: &PedersenGens,
    reader: &mut Reader<'_>,
    randomness: &mut ScalarStream,
    out: &mut [u8],
) -> Result<usize, Refusal> {
    let n = reader.u8()? as usize;
    let m = reader.u8()? as usize;
    let label_len = reader.u16()? as usize;
    let label = reader.bytes(label_len)?;
    if label_len > MAX_LABEL_LEN {
        return Err(Refusal::Framing);
    }
    if !zkedge_bulletproofs::is_supported_parties(m) {
        return Err(ProofError::Unsupported.into());
    }
    let mut values = [0u64; MAX_PARTIES];
    let mut blindings = [Scalar::ZERO; MAX_PARTIES];
    for j in 0..m {
        values[j] = reader.u64()?;
        blindings[j] = Scalar::from_canonical_bytes(&reader.array32()?).ok_or(Refusal::Framing)?;
    }
    let size = 32 * m + RangeProof::serialized_size(n, m);
    if !zkedge_bulletproofs::is_supported_bits(n) {
        return Err(ProofError::Unsupported.into());
    }
    if out.len() < size {
        return Err(ProofError::BufferTooSmall.into());
    }
    let mut transcript = Transcript::new(label);
    let (proof, commitments) = RangeProof::prove(
        bp_gens,
        pc_gens,
        &mut transcript,
        &values[..m],
        &blindings[..m],
        n,
        randomness,
    )?;
    for j in 0..m {
        out[32 * j..32 * j + 32].copy_from_slice(commitments[j].as_bytes());
    }
    Ok(32 * m + proof.to_bytes(&mut out[32 * m..])?)
}

fn prove_range(
    bp_gens: &BulletproofGens,
    pc_gens: &PedersenGens,
    reader: &mut Reader<'_>,
    randomness: &mut ScalarStream,
    out: &mut [u8],
) -> Result<usize, Refusal> {
    let bits = reader.u8()? as usize;
    let value = reader.i64()?;
    let min = reader.i64()?;
    let max = reader.i64()?;
    let sensor_len = reader.u16()? as usize;
    let sensor_id = reader.bytes(sensor_len)?;
    let seq = reader.u64()?;
    let time = reader.i64()?;
    if sensor_len > MAX_SENSOR_LEN {
        return Err(Refusal::Framing);
    }
    let statement = RangeStatement {
        bits,
        sensor_id,
        seq,
        time,
        min,
        max,
    };
    statement.check().map_err(|e| match e {
        ProofError::Format => ProofError::ValueOutOfRange,
        other => other,
    })?;
    if out.len() < 64 + RangeProof::serialized_size(bits, 2) {
        return Err(ProofError::BufferTooSmall.into());
    }
    let (commitment, blinding, proof) = statement.prove(bp_gens, pc_gens, value, randomness)?;
    out[0..32].copy_from_slice(commitment.as_bytes());
    out[32..64].copy_from_slice(&blinding.to_bytes());
    Ok(64 + proof.to_bytes(&mut out[64..])?)
}

// ---------------------------------------------------------------------------------------------
// ABI exports. Memory contract (ABI.md): every pointer the host passes must come from zk_alloc;
// ranges are checked against the arena before any slice is made.
// They exist only in the Wasm build; native callers (tests, benchmarks) use the safe core.
#[cfg(target_arch = "wasm32")]
mod exports {
    use super::*;
    use core::mem::MaybeUninit;

    zkedge_wasm_abi::export_host_interface!(
        1 << 20,
        br#"{"module":"zkedge-bulletproofs-prover","version":"0.1.0","system":"bulletproofs","abi":1,"statements":["raw-dalek-range-proof","zkedge-range"],"bits":[8,16,32,64],"parties":[1,2,4,8]}"#
    );

    struct Generators {
        bp_gens: BulletproofGens,
        pc_gens: PedersenGens,
    }

    // Zero-initialised (.bss); integers only, so zero bytes are a valid value until first use fills it.
    static mut GENERATORS: MaybeUninit<Generators> = MaybeUninit::uninit();
    static mut GENERATORS_READY: bool = false;

    /// Proves one statement (ABI.md, "Prover"). Returns the output length or a negative error.
    #[no_mangle]
    pub extern "C" fn zk_prove(req: i32, req_len: i32, seed: i32, out: i32, out_cap: i32) -> i32 {
        let (request, seed, output) = match (
            host_slice(req, req_len),
            host_slice(seed, 32),
            host_slice_mut(out, out_cap),
        ) {
            (Some(r), Some(s), Some(o)) => (r, s, o),
            _ => return ERR_FRAMING,
        };
        let mut seed_bytes = [0u8; 32];
        seed_bytes.copy_from_slice(seed);
        // SAFETY: single-threaded module; only this export touches GENERATORS, and it fills them
        // before first use.
        let gens = unsafe {
            let gens = &mut *(*core::ptr::addr_of_mut!(GENERATORS)).as_mut_ptr();
            if !GENERATORS_READY {
                gens.bp_gens = BulletproofGens::new();
                gens.pc_gens = PedersenGens::default();
                GENERATORS_READY = true;
            }
            gens
        };
        prove_request(&gens.bp_gens, &gens.pc_gens, request, &seed_bytes, output)
    }
}
