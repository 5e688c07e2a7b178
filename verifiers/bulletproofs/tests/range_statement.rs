//! The zkedge range statement and batch verification.
mod common;

use common::*;
use zkedge_bulletproofs::random::ScalarStream;
use zkedge_bulletproofs::range_proof::{PreparedRangeProof, RangeProof};
use zkedge_bulletproofs::statement::RangeStatement;
use zkedge_bulletproofs::ProofError;
use zkedge_curve25519::ristretto::CompressedRistretto;

const SENSOR: &[u8] = b"soil-7f3a";

fn statement(seq: u64) -> RangeStatement<'static> {
    RangeStatement {
        bits: 16,
        sensor_id: SENSOR,
        seq,
        time: 1_763_900_000_000,
        min: -40,
        max: 85,
    }
}

fn prove(
    st: &RangeStatement<'static>,
    value: i64,
    seed: u8,
) -> Result<(CompressedRistretto, Vec<u8>), ProofError> {
    let st = *st;
    with_big_stack(move || {
        let (bp_gens, pc_gens) = gens();
        let mut rng = ScalarStream::new(b"test", &[seed; 32]);
        let (c, _r, proof) = st.prove(bp_gens, pc_gens, value, &mut rng)?;
        let mut bytes = vec![0u8; RangeProof::serialized_size(st.bits, 2)];
        proof.to_bytes(&mut bytes).unwrap();
        Ok((c, bytes))
    })
}

fn prepare(
    st: &RangeStatement<'_>,
    c: &CompressedRistretto,
    proof: &[u8],
) -> Result<PreparedRangeProof, ProofError> {
    let (_, pc_gens) = gens();
    st.prepare(pc_gens, c, &RangeProof::from_bytes(proof)?)
}

fn verifies(st: &RangeStatement<'_>, c: &CompressedRistretto, proof: &[u8]) -> bool {
    match prepare(st, c, proof) {
        Ok(p) => verify_all(&[p], [11; 32])[0],
        Err(_) => false,
    }
}

#[test]
fn a_reading_inside_the_range_verifies_including_both_bounds() {
    for value in [-40, 0, 21, 85] {
        let (c, proof) = prove(&statement(1), value, value as u8).unwrap();
        assert!(verifies(&statement(1), &c, &proof), "value {value}");
    }
}

#[test]
fn the_prover_refuses_a_reading_outside_the_range() {
    assert_eq!(
        prove(&statement(1), 86, 1).err(),
        Some(ProofError::ValueOutOfRange)
    );
    assert_eq!(
        prove(&statement(1), -41, 1).err(),
        Some(ProofError::ValueOutOfRange)
    );
    assert_eq!(
        prove(&statement(1), i64::MIN, 1).err(),
        Some(ProofError::ValueOutOfRange)
    );
}

#[test]
fn the_full_i64_range_works_with_64_bits() {
    let st = RangeStatement {
        bits: 64,
        min: i64::MIN,
        max: i64::MAX,
        ..statement(3)
    };
    for value in [i64::MIN, -1, 0, i64::MAX] {
        let (c, proof) = prove(&st, value, 4).unwrap();
        assert!(verifies(&st, &c, &proof), "value {value}");
    }
}

#[test]
fn a_range_wider_than_n_bits_is_refused() {
    let st = RangeStatement {
        bits: 8,
        min: 0,
        max: 256,
        ..statement(1)
    };
    assert_eq!(prove(&st, 3, 1).err(), Some(ProofError::ValueOutOfRange));
    let ok = RangeStatement {
        bits: 8,
        min: 0,
        max: 255,
        ..statement(1)
    };
    let (c, proof) = prove(&ok, 3, 1).unwrap();
    assert_eq!(prepare(&st, &c, &proof).err(), Some(ProofError::Format));
}

#[test]
fn changing_any_bound_context_field_invalidates_the_proof() {
    let st = statement(42);
    let (c, proof) = prove(&st, 30, 9).unwrap();
    assert!(verifies(&st, &c, &proof));
    let changed = [
        RangeStatement {
            sensor_id: b"soil-7f3b",
            ..st
        },
        RangeStatement { seq: 43, ..st },
        RangeStatement {
            time: st.time + 1,
            ..st
        },
        RangeStatement { min: -39, ..st },
        RangeStatement { max: 84, ..st },
    ];
    for other in changed.iter() {
        assert!(!verifies(other, &c, &proof), "{other:?}");
    }
}

#[test]
fn a_commitment_to_another_reading_fails() {
    let st = statement(5);
    let (_, proof) = prove(&st, 30, 1).unwrap();
    let (other_c, _) = prove(&st, 31, 2).unwrap();
    assert!(!verifies(&st, &other_c, &proof));
}

#[test]
fn one_bad_proof_among_64_is_exactly_the_one_rejected() {
    let proofs: Vec<_> = (0..64u64)
        .map(|seq| {
            (
                statement(seq),
                prove(&statement(seq), (seq % 100) as i64 - 10, seq as u8).unwrap(),
            )
        })
        .collect();
    for bad in [0usize, 17, 63] {
        let prepared: Vec<_> = proofs
            .iter()
            .enumerate()
            .map(|(k, (st, (c, proof)))| {
                let mut proof = proof.clone();
                if k == bad {
                    proof[4 * 32] ^= 1; // t_x: still canonical, now wrong
                }
                prepare(st, c, &proof).unwrap()
            })
            .collect();
        let verdicts = verify_all(&prepared, [bad as u8; 32]);
        for (k, v) in verdicts.iter().enumerate() {
            assert_eq!(*v, k != bad, "proof {k} with bad = {bad}");
        }
    }
}

#[test]
fn batch_verdicts_equal_single_verdicts_for_a_mixed_batch() {
    let mut prepared = Vec::new();
    for seq in 0..24u64 {
        let st = statement(seq);
        let (c, mut proof) = prove(&st, 20, seq as u8).unwrap();
        if seq % 5 == 2 {
            proof[5 * 32 + 3] ^= 0x10; // t_x_blinding
        }
        if seq % 7 == 3 {
            let last = proof.len() - 40;
            proof[last] ^= 0x01; // inside a
        }
        if let Ok(p) = prepare(&st, &c, &proof) {
            prepared.push(p);
        }
    }
    let single: Vec<bool> = prepared
        .iter()
        .map(|p| verify_all(&[*p], [1; 32])[0])
        .collect();
    assert!(single.iter().any(|v| !v) && single.iter().any(|v| *v));
    assert_eq!(verify_all(&prepared, [2; 32]), single);
}
