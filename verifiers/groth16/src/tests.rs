//! Tests on real snarkjs 0.7.6 proofs (`testdata/groth16`, see its README).

use std::boxed::Box;
use std::vec;
use std::vec::Vec;

use crate::batch::{verify_batch, BatchBuffers};
use crate::encoding::{Malformed, Proof, PublicInputs};
use crate::key::{KeyError, PreparedKey};
use crate::verify::{decode, verify_encoded, Verdict};
use zkedge_bn254::pairing::AFFINE_MIN_FRESH;

fn hex(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}

struct Vectors {
    vk: Vec<u8>,
    proofs: Vec<(Vec<u8>, Vec<u8>)>,
}

fn mulsum() -> Vectors {
    let text = include_str!("../../../testdata/groth16/mulsum.txt");
    let mut vk = Vec::new();
    let mut proofs = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let parts: Vec<&str> = line.split(' ').collect();
        match parts[0] {
            "vk" => vk = hex(parts[1]),
            "proof" => proofs.push((hex(parts[1]), hex(parts[2]))),
            _ => panic!("bad line"),
        }
    }
    assert_eq!(proofs.len(), 8);
    Vectors { vk, proofs }
}

fn key(v: &Vectors) -> Box<PreparedKey> {
    Box::new(PreparedKey::from_key_bytes(&v.vk).unwrap())
}

#[test]
fn snarkjs_proofs_verify() {
    let v = mulsum();
    let key = key(&v);
    assert_eq!(key.n_public, 2);
    for (proof, inputs) in &v.proofs {
        assert_eq!(verify_encoded(&key, proof, inputs), Verdict::Valid);
    }
}

#[test]
fn a_proof_does_not_verify_for_other_inputs() {
    let v = mulsum();
    let key = key(&v);
    // Proof 0 with proof 1's inputs, and with its two inputs swapped.
    assert_eq!(
        verify_encoded(&key, &v.proofs[0].0, &v.proofs[1].1),
        Verdict::Invalid
    );
    let mut swapped = v.proofs[0].1[32..].to_vec();
    swapped.extend_from_slice(&v.proofs[0].1[..32]);
    assert_eq!(
        verify_encoded(&key, &v.proofs[0].0, &swapped),
        Verdict::Invalid
    );
}

#[test]
fn every_tampered_proof_or_input_byte_is_rejected() {
    let v = mulsum();
    let key = key(&v);
    let (proof, inputs) = &v.proofs[3];
    for i in 0..proof.len() {
        for flip in [0x01u8, 0x80] {
            let mut p = proof.clone();
            p[i] ^= flip;
            assert_ne!(
                verify_encoded(&key, &p, inputs),
                Verdict::Valid,
                "proof byte {}",
                i
            );
        }
    }
    for i in 0..inputs.len() {
        let mut x = inputs.clone();
        x[i] ^= 0x01;
        assert_ne!(
            verify_encoded(&key, proof, &x),
            Verdict::Valid,
            "input byte {}",
            i
        );
    }
}

#[test]
fn every_tampered_key_byte_is_refused_or_fails_the_proofs() {
    let v = mulsum();
    let (proof, inputs) = &v.proofs[0];
    for i in 0..v.vk.len() {
        let mut vk = v.vk.clone();
        vk[i] ^= 0x01;
        if let Ok(key) = PreparedKey::from_key_bytes(&vk) {
            assert_ne!(
                verify_encoded(&key, proof, inputs),
                Verdict::Valid,
                "key byte {}",
                i
            );
        }
    }
}

#[test]
fn malformed_encodings_get_their_reason() {
    let v = mulsum();
    let key = key(&v);
    let (proof, inputs) = &v.proofs[0];
    // Input count.
    assert_eq!(
        verify_encoded(&key, proof, &inputs[..32]),
        Verdict::Malformed(Malformed::InputCount)
    );
    let mut three = inputs.clone();
    three.extend_from_slice(&[0; 32]);
    assert_eq!(
        verify_encoded(&key, proof, &three),
        Verdict::Malformed(Malformed::InputCount)
    );
    // Input = r (not below r).
    let mut x = inputs.clone();
    x[..32].copy_from_slice(&hex(
        "30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001",
    ));
    assert_eq!(
        verify_encoded(&key, proof, &x),
        Verdict::Malformed(Malformed::InputRange)
    );
    // A.x = p.
    let mut p = proof.clone();
    p[..32].copy_from_slice(&hex(
        "30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47",
    ));
    assert_eq!(
        verify_encoded(&key, &p, inputs),
        Verdict::Malformed(Malformed::Coordinate)
    );
    // A off the curve.
    let mut p = proof.clone();
    p[63] ^= 2;
    assert_eq!(
        verify_encoded(&key, &p, inputs),
        Verdict::Malformed(Malformed::NotOnCurve)
    );
    // Identity A: well-formed, refused.
    let mut p = proof.clone();
    p[..64].fill(0);
    assert_eq!(verify_encoded(&key, &p, inputs), Verdict::Invalid);
}

#[test]
fn keys_are_checked() {
    let v = mulsum();
    assert_eq!(
        PreparedKey::from_key_bytes(&v.vk[..v.vk.len() - 1]).unwrap_err(),
        KeyError::Length
    );
    let mut vk = v.vk.clone();
    vk[4..68].fill(0);
    assert_eq!(
        PreparedKey::from_key_bytes(&vk).unwrap_err(),
        KeyError::Identity
    );
}

#[test]
fn prepared_key_bytes_round_trip() {
    let v = mulsum();
    let key = key(&v);
    let mut bytes = vec![0u8; PreparedKey::bytes_len(key.n_public)];
    assert!(key.to_bytes(&mut bytes));
    let again = Box::new(PreparedKey::from_bytes(&bytes).unwrap());
    for (proof, inputs) in &v.proofs {
        assert_eq!(verify_encoded(&again, proof, inputs), Verdict::Valid);
    }
    assert_eq!(
        verify_encoded(&again, &v.proofs[0].0, &v.proofs[1].1),
        Verdict::Invalid
    );
    let mut bad = bytes.clone();
    bad[0] ^= 1;
    assert!(PreparedKey::from_bytes(&bad).is_err());
    assert!(PreparedKey::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    // A limb out of range.
    let mut bad = bytes.clone();
    bad[12 + 1 + 3] = 0xff;
    assert!(PreparedKey::from_bytes(&bad).is_err());
}

/// Decoded proofs: the 8 valid ones, then invalid variants (wrong inputs, tampered points that
/// still decode).
fn mixed_batch(v: &Vectors, key: &PreparedKey) -> Vec<(Proof, PublicInputs, bool)> {
    let mut out = Vec::new();
    for (proof, inputs) in &v.proofs {
        let (p, i) = decode(key, proof, inputs).unwrap();
        out.push((p, i, true));
    }
    // Valid points, wrong statement: proof k with proof k+1's inputs.
    for k in 0..4 {
        let (p, i) = decode(key, &v.proofs[k].0, &v.proofs[k + 1].1).unwrap();
        out.push((p, i, false));
    }
    // A and C of different proofs.
    let (p0, i0) = decode(key, &v.proofs[0].0, &v.proofs[0].1).unwrap();
    let (p1, _) = decode(key, &v.proofs[1].0, &v.proofs[1].1).unwrap();
    out.push((
        Proof {
            a: p0.a,
            b: p0.b,
            c: p1.c,
        },
        i0,
        false,
    ));
    out
}

fn run_batch(key: &PreparedKey, items: &[(Proof, PublicInputs, bool)], seed: u8) -> Vec<bool> {
    let proofs: Vec<Proof> = items.iter().map(|x| x.0).collect();
    let inputs: Vec<PublicInputs> = items.iter().map(|x| x.1).collect();
    let mut buffers = Box::new(BatchBuffers::new());
    let mut valid = vec![false; items.len()];
    verify_batch(key, &proofs, &inputs, &[seed; 32], &mut buffers, &mut valid);
    valid
}

#[test]
fn batch_of_valid_proofs_verifies() {
    let v = mulsum();
    let key = key(&v);
    let items: Vec<_> = mixed_batch(&v, &key).into_iter().filter(|x| x.2).collect();
    // 8 distinct proofs, repeated: below AFFINE_MIN_FRESH (projective lines for B) and above
    // it (affine lines with a shared inversion per step).
    for n in [AFFINE_MIN_FRESH - 1, AFFINE_MIN_FRESH + 8] {
        let many: Vec<_> = items.iter().cycle().take(n).cloned().collect();
        assert!(run_batch(&key, &many, 1).iter().all(|ok| *ok));
    }
}

#[test]
fn batch_answers_equal_single_answers() {
    let v = mulsum();
    let key = key(&v);
    let all = mixed_batch(&v, &key);
    let (good, bad): (Vec<_>, Vec<_>) = all.iter().cloned().partition(|x| x.2);
    // One bad proof among many, at each position class; and several bad ones.
    for (seed, bad_at) in [(1u8, 0usize), (2, 5), (3, 11), (4, 15)] {
        let mut items: Vec<_> = good.iter().cycle().take(15).cloned().collect();
        items.insert(bad_at, bad[seed as usize % bad.len()].clone());
        let got = run_batch(&key, &items, seed);
        let want: Vec<bool> = items.iter().map(|x| x.2).collect();
        assert_eq!(got, want, "bad proof at {}", bad_at);
    }
    // A batch large enough for affine lines, with a bad proof in its second half.
    let mut items: Vec<_> = good
        .iter()
        .cycle()
        .take(AFFINE_MIN_FRESH + 7)
        .cloned()
        .collect();
    items.insert(AFFINE_MIN_FRESH + 1, bad[0].clone());
    let got = run_batch(&key, &items, 6);
    let want: Vec<bool> = items.iter().map(|x| x.2).collect();
    assert_eq!(got, want);
    let mut items = all.clone();
    items.rotate_left(3);
    let got = run_batch(&key, &items, 9);
    let want: Vec<bool> = items.iter().map(|x| x.2).collect();
    assert_eq!(got, want);
    // All bad.
    let got = run_batch(&key, &bad, 5);
    assert!(got.iter().all(|ok| !ok));
}
