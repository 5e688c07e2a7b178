//! Wire compatibility with the dalek `bulletproofs` crate.
mod common;

use common::*;
use zkedge_bulletproofs::random::ScalarStream;
use zkedge_bulletproofs::range_proof::RangeProof;
use zkedge_bulletproofs::ProofError;
use zkedge_curve25519::ristretto::CompressedRistretto;
use zkedge_curve25519::scalar::Scalar;
use zkedge_transcript::merlin::Transcript;

const LABEL: &[u8] = b"Deserialize-And-Verify Test";

fn prepare(
    n: usize,
    commitments: &[[u8; 32]],
    proof: &[u8],
    label: &[u8],
) -> Result<zkedge_bulletproofs::range_proof::PreparedRangeProof, ProofError> {
    let V: Vec<CompressedRistretto> = commitments
        .iter()
        .map(|c| CompressedRistretto(*c))
        .collect();
    let proof = RangeProof::from_bytes(proof)?;
    proof.prepare(&mut Transcript::new(label), &V, n)
}

#[test]
fn every_dalek_v1_golden_proof_verifies_alone() {
    let vectors = dalek_vectors();
    assert_eq!(vectors.len(), 16);
    for (n, m, commitments, proof) in vectors {
        assert_eq!(proof.len(), RangeProof::serialized_size(n, m));
        let prepared = prepare(n, &commitments, &proof, LABEL).expect("well-formed");
        assert_eq!(verify_all(&[prepared], [7; 32]), vec![true], "n={n} m={m}");
    }
}

#[test]
fn dalek_golden_proofs_verify_as_one_mixed_batch() {
    let prepared: Vec<_> = dalek_vectors()
        .iter()
        .map(|(n, _, c, p)| prepare(*n, c, p, LABEL).unwrap())
        .collect();
    assert_eq!(verify_all(&prepared, [9; 32]), vec![true; 16]);
}

#[test]
fn dalek_golden_proof_fails_under_another_label() {
    let (n, _, c, p) = &dalek_vectors()[5];
    let prepared = prepare(*n, c, p, b"another label").unwrap();
    assert_eq!(verify_all(&[prepared], [1; 32]), vec![false]);
}

#[test]
fn serialization_round_trips_golden_proofs_byte_for_byte() {
    for (_, _, _, proof) in dalek_vectors() {
        let parsed = RangeProof::from_bytes(&proof).unwrap();
        let mut out = vec![0u8; proof.len()];
        assert_eq!(parsed.to_bytes(&mut out), Ok(proof.len()));
        assert_eq!(out, proof);
    }
}

#[test]
fn proofs_made_here_verify_for_every_supported_size() {
    with_big_stack(|| {
        let (bp_gens, pc_gens) = gens();
        for n in [8usize, 16, 32, 64] {
            for m in [1usize, 2, 4, 8] {
                let values: Vec<u64> = (0..m as u64)
                    .map(|j| {
                        if n == 64 {
                            u64::MAX - j
                        } else {
                            (1u64 << n) - 1 - j
                        }
                    })
                    .collect();
                let blindings: Vec<Scalar> =
                    (0..m as u64).map(|j| Scalar::from_u64(1000 + j)).collect();
                let mut rng = ScalarStream::new(b"test", &[n as u8 ^ m as u8; 32]);
                let (proof, V) = RangeProof::prove(
                    bp_gens,
                    pc_gens,
                    &mut Transcript::new(b"roundtrip"),
                    &values,
                    &blindings,
                    n,
                    &mut rng,
                )
                .unwrap();
                let mut bytes = vec![0u8; RangeProof::serialized_size(n, m)];
                proof.to_bytes(&mut bytes).unwrap();
                let commitments: Vec<[u8; 32]> = V[..m].iter().map(|c| c.0).collect();
                let prepared = prepare(n, &commitments, &bytes, b"roundtrip").unwrap();
                assert_eq!(verify_all(&[prepared], [3; 32]), vec![true], "n={n} m={m}");
            }
        }
    });
}

#[test]
fn prover_refuses_a_value_of_more_than_n_bits() {
    with_big_stack(|| {
        let (bp_gens, pc_gens) = gens();
        let mut rng = ScalarStream::new(b"test", &[0; 32]);
        let result = RangeProof::prove(
            bp_gens,
            pc_gens,
            &mut Transcript::new(b"x"),
            &[256],
            &[Scalar::ONE],
            8,
            &mut rng,
        );
        assert_eq!(result.err(), Some(ProofError::ValueOutOfRange));
    });
}

#[test]
fn every_single_bit_flip_of_a_golden_proof_is_rejected() {
    let (n, _, c, p) = &dalek_vectors()[0];
    for bit in 0..p.len() * 8 {
        let mut tampered = p.clone();
        tampered[bit / 8] ^= 1 << (bit % 8);
        match prepare(*n, c, &tampered, LABEL) {
            Err(ProofError::Format) | Err(ProofError::Verification) => {}
            Err(e) => panic!("bit {bit}: unexpected {e:?}"),
            Ok(prepared) => assert_eq!(verify_all(&[prepared], [5; 32]), vec![false], "bit {bit}"),
        }
    }
}

#[test]
fn malformed_lengths_and_encodings_are_format_errors() {
    let (n, _, c, p) = &dalek_vectors()[0];
    assert_eq!(
        prepare(*n, c, &p[..p.len() - 32], LABEL).err(),
        Some(ProofError::Format)
    );
    assert_eq!(
        prepare(*n, c, &p[..p.len() - 1], LABEL).err(),
        Some(ProofError::Format)
    );
    let mut longer = p.clone();
    longer.extend_from_slice(&[0u8; 64]);
    assert_eq!(
        prepare(*n, c, &longer, LABEL).err(),
        Some(ProofError::Format)
    );
    assert_eq!(
        prepare(*n, c, &p[..6 * 32], LABEL).err(),
        Some(ProofError::Format)
    );
    // t_x replaced by ℓ (non-canonical).
    let l = hex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
    let mut non_canonical = p.clone();
    non_canonical[128..160].copy_from_slice(&l);
    assert_eq!(
        prepare(*n, c, &non_canonical, LABEL).err(),
        Some(ProofError::Format)
    );
    // A point that does not decode (a non-canonical field element, p itself).
    let mut bad_point = p.clone();
    bad_point[64..96].copy_from_slice(&hex(
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    ));
    assert_eq!(
        prepare(*n, c, &bad_point, LABEL).err(),
        Some(ProofError::Format)
    );
}

#[test]
fn identity_A_or_S_is_rejected() {
    let (n, _, c, p) = &dalek_vectors()[0];
    for offset in [0usize, 32] {
        let mut tampered = p.clone();
        tampered[offset..offset + 32].fill(0);
        assert_eq!(
            prepare(*n, c, &tampered, LABEL).err(),
            Some(ProofError::Verification)
        );
    }
}

#[test]
fn unsupported_sizes_are_refused() {
    let (_, _, c, p) = &dalek_vectors()[0];
    assert_eq!(
        prepare(128, c, p, LABEL).err(),
        Some(ProofError::Unsupported)
    );
    assert_eq!(prepare(7, c, p, LABEL).err(), Some(ProofError::Unsupported));
    let three = [c[0], c[0], c[0]];
    assert_eq!(
        prepare(8, &three, p, LABEL).err(),
        Some(ProofError::Unsupported)
    );
}

#[test]
fn a_commitment_to_another_value_fails() {
    let vectors = dalek_vectors();
    let (n, _, _, p) = &vectors[0];
    let other = [vectors[5].2[1]];
    let prepared = prepare(*n, &other, p, LABEL).unwrap();
    assert_eq!(verify_all(&[prepared], [2; 32]), vec![false]);
}
