//! Shared fixtures: hex, the generators (built once per test binary) and a verify helper.
#![allow(dead_code)]

use std::sync::OnceLock;
use std::vec::Vec;

use zkedge_bulletproofs::batch::{
    scratch_len, verify_batch, BatchWeights, Scratch, VerifierTables, DIGITS_LEN,
};
use zkedge_bulletproofs::generators::{BulletproofGens, PedersenGens};
use zkedge_bulletproofs::range_proof::PreparedRangeProof;
use zkedge_curve25519::ristretto::RistrettoPoint;
use zkedge_curve25519::scalar::Scalar;

pub fn hex(s: &str) -> Vec<u8> {
    assert!(s.len() % 2 == 0, "odd hex length");
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}

pub fn gens() -> &'static (BulletproofGens, PedersenGens) {
    static GENS: OnceLock<(BulletproofGens, PedersenGens)> = OnceLock::new();
    GENS.get_or_init(|| {
        // Built on a big-stack thread: the table is 160 KiB.
        std::thread::Builder::new()
            .stack_size(8 << 20)
            .spawn(|| (BulletproofGens::new(), PedersenGens::default()))
            .unwrap()
            .join()
            .unwrap()
    })
}

/// Verifies prepared proofs as one batch with weights from `seed`; returns each verdict.
pub fn verify_all(proofs: &[PreparedRangeProof], seed: [u8; 32]) -> Vec<bool> {
    let (bp_gens, pc_gens) = gens();
    let mut weights = std::vec![BatchWeights::UNSET; proofs.len()];
    BatchWeights::derive(&seed, &mut weights);
    let len = scratch_len(proofs.len());
    let mut scalars = std::vec![Scalar::ZERO; len];
    let mut points = std::vec![RistrettoPoint::identity(); len];
    let mut valid = std::vec![false; proofs.len()];
    let mut digits = std::vec![0u64; DIGITS_LEN];
    let mut tables = zeroed_tables();
    verify_batch(
        bp_gens,
        pc_gens,
        proofs,
        &weights,
        &mut Scratch {
            scalars: &mut scalars,
            points: &mut points,
            digits: &mut digits,
            tables: &mut tables,
        },
        &mut valid,
    );
    valid
}

/// Empty generator tables on the heap (they are too large for a test thread's stack).
pub fn zeroed_tables() -> std::boxed::Box<VerifierTables> {
    let layout = std::alloc::Layout::new::<VerifierTables>();
    // SAFETY: VerifierTables is made of integers only, so all-zero bytes are a valid (empty) value
    // (see its docs); the pointer comes from the global allocator with its layout.
    unsafe {
        let ptr = std::alloc::alloc_zeroed(layout) as *mut VerifierTables;
        assert!(!ptr.is_null());
        std::boxed::Box::from_raw(ptr)
    }
}

/// Runs `f` on a thread with a large stack (the prover keeps its vectors on the stack).
pub fn with_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(16 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

/// The dalek v1.0.0 golden proofs: (n, m, commitments, proof).
pub fn dalek_vectors() -> Vec<(usize, usize, Vec<[u8; 32]>, Vec<u8>)> {
    let text = include_str!("../../../testdata/bulletproofs/dalek-v1-range-proofs.txt");
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|line| {
            let f: Vec<&str> = line.split_whitespace().collect();
            let commitments = f[2]
                .split(',')
                .map(|c| {
                    let mut a = [0u8; 32];
                    a.copy_from_slice(&hex(c));
                    a
                })
                .collect();
            (
                f[0].parse().unwrap(),
                f[1].parse().unwrap(),
                commitments,
                hex(f[3]),
            )
        })
        .collect()
}
