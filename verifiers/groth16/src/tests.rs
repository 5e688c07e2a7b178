//! Tests on real snarkjs 0.7.6 proofs (`testdata/groth16`, see its README).

use std::boxed::Box;
use std::vec;
use std::vec::Vec;

use crate::batch::{verify_batch, BatchBuffers};
use crate::encoding::{Malformed, Proof, PublicInputs};
use crate::key::{KeyError, PreparedKey};
use crate::verify::{
    check_proof, decode, decode_deferring_subgroup_check, public_input_point, verify_encoded,
    Verdict,
};
use zkedge_bn254::curve::g2_on_twist_from_bytes;
use zkedge_bn254::pairing::AFFINE_MIN_FRESH;
use zkedge_bn254::{g2_from_bytes, DecodeError};

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

fn run_batch_verdicts(
    key: &PreparedKey,
    items: &[(Proof, PublicInputs, bool)],
    seed: u8,
) -> Vec<Verdict> {
    let proofs: Vec<Proof> = items.iter().map(|x| x.0).collect();
    let inputs: Vec<PublicInputs> = items.iter().map(|x| x.1).collect();
    let mut buffers = Box::new(BatchBuffers::new());
    let mut verdicts = vec![Verdict::Invalid; items.len()];
    verify_batch(
        key,
        &proofs,
        &inputs,
        &[seed; 32],
        &mut buffers,
        &mut verdicts,
    );
    verdicts
}

fn run_batch(key: &PreparedKey, items: &[(Proof, PublicInputs, bool)], seed: u8) -> Vec<bool> {
    run_batch_verdicts(key, items, seed)
        .iter()
        .map(|v| *v == Verdict::Valid)
        .collect()
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

/// Points of the twist `E'(Fp2)` outside `G2`, EIP-197 encoding (`x.c1 ‖ x.c0 ‖ y.c1 ‖ y.c0`),
/// computed with plain affine arithmetic in Python: the first twist point with `x = k + (k+1)u`
/// (`k = 1`); `[r·(2p - r)/10069]` times it, a point of order 10069 (the smallest prime factor
/// of `2p - r`); and the `G2` generator plus that point. The test re-checks that each is on the
/// twist and outside `G2`.
const OUTSIDE_G2: [&str; 3] = [
    "000000000000000000000000000000000000000000000000000000000000000200000000000000000000000000000000000000000000000000000000000000011b2a1855a4e18488457f136e6ecb627341346445800ed2ed6ab74dc9af538a6605202d732f082c817c10572228d33ffff38c112711b9b854f4e301b1c254340c",
    "17c893412f085490132ccd26bd5b48afad3614c597d806b32af4ffe2238bacfd02692623b72dd0a96d651781d52c1b0b24d3f5d125d86000cca5e6565e166a550ca22c24c3f54c5ae352c26f3f9cefc55694450e04f71f7bd4429ce217dd0a2b1c8a40de68250e657a1044074a878916fc5fd847d936d4f649a219dcddb7f479",
    "0545203e0ef48717c29d2f3dc5887316700081be20cb4b173610b1587acfd5e52472284e644c7a36a419c9ea0fa10be5513087bf99fbf46ccb8ddaa2f38a79a6202b3956a3165e31d8765fbc0849610cc7c4381b19bfcaf9f0e09f6ae3cd979b1115fb4f65cb7594e9aa0c0ee4bc3cc175519a39285eaa72bc9da213b92040f5",
];

fn b_bytes(hex_b: &str) -> [u8; 128] {
    let mut b = [0u8; 128];
    b.copy_from_slice(&hex(hex_b));
    b
}

#[test]
fn b_outside_g2_is_malformed_in_single_verification() {
    // B's subgroup check now comes from the Miller loop; the answers are those of a full
    // decoding: MALFORMED (NotInSubgroup), also when A is the identity.
    let v = mulsum();
    let key = key(&v);
    let (proof, inputs) = &v.proofs[0];
    for hex_b in OUTSIDE_G2 {
        let b = b_bytes(hex_b);
        assert!(g2_on_twist_from_bytes(&b).is_ok());
        assert_eq!(g2_from_bytes(&b).unwrap_err(), DecodeError::NotInSubgroup);
        let mut p = proof.clone();
        p[64..192].copy_from_slice(&b);
        let want = Verdict::Malformed(Malformed::NotInSubgroup);
        assert_eq!(verify_encoded(&key, &p, inputs), want);
        let mut bytes = [0u8; 256];
        bytes.copy_from_slice(&p);
        assert_eq!(
            Proof::from_bytes(&bytes).unwrap_err(),
            Malformed::NotInSubgroup
        );
        p[..64].fill(0);
        assert_eq!(verify_encoded(&key, &p, inputs), want);
    }
}

#[test]
fn batch_answers_equal_single_answers_with_b_outside_g2() {
    // Proofs decoded without B's subgroup check, some with B outside G2 (and one with wrong
    // inputs), at several positions, in batches below and above AFFINE_MIN_FRESH: every
    // verdict equals check_proof's, and the bad B's are MALFORMED.
    let v = mulsum();
    let key = key(&v);
    let decode_all = |pairs: &[(Vec<u8>, Vec<u8>)]| -> Vec<(Proof, PublicInputs, bool)> {
        pairs
            .iter()
            .map(|(p, i)| {
                let (p, i) = decode_deferring_subgroup_check(&key, p, i).unwrap();
                (p, i, true)
            })
            .collect()
    };
    for (round, n) in [5usize, 9, AFFINE_MIN_FRESH + 4].iter().enumerate() {
        let mut raw: Vec<(Vec<u8>, Vec<u8>)> = v.proofs.iter().cycle().take(*n).cloned().collect();
        let mut bad_at = Vec::new();
        for (k, hex_b) in OUTSIDE_G2.iter().enumerate() {
            let at = (k * 7 + round * 3) % n;
            raw[at].0[64..192].copy_from_slice(&b_bytes(hex_b));
            bad_at.push(at);
        }
        let wrong_inputs = (round * 5 + 1) % n;
        if !bad_at.contains(&wrong_inputs) {
            let other = raw[(wrong_inputs + 1) % n].1.clone();
            if other != raw[wrong_inputs].1 {
                raw[wrong_inputs].1 = other;
            }
        }
        let items = decode_all(&raw);
        let got = run_batch_verdicts(&key, &items, round as u8 + 1);
        let want: Vec<Verdict> = items
            .iter()
            .map(|(p, i, _)| check_proof(&key, p, i))
            .collect();
        assert_eq!(got, want, "n = {}", n);
        for at in &bad_at {
            assert_eq!(got[*at], Verdict::Malformed(Malformed::NotInSubgroup));
        }
        assert!(got.iter().filter(|v| **v == Verdict::Valid).count() >= n - bad_at.len() - 1);
    }
    // Only valid proofs, decoded without the check: the combined check passes them all.
    let items = decode_all(
        &v.proofs
            .iter()
            .cycle()
            .take(AFFINE_MIN_FRESH + 2)
            .cloned()
            .collect::<Vec<_>>(),
    );
    assert!(run_batch(&key, &items, 3).iter().all(|ok| *ok));
}

#[test]
fn vk_x_from_the_split_tables_matches_plain_scalar_multiplications() {
    // A 9-input key (its IC points taken from the snarkjs key's IC and α; 18 half-scalars, more
    // than one doubling chain of multi_mul_wnaf_tables) and inputs 0, 1, r − 1, 2^128 − 1,
    // 2^128 and mixed values.
    let v = mulsum();
    let n = 9usize;
    let mut vk = (n as u32).to_be_bytes().to_vec();
    vk.extend_from_slice(&v.vk[4..452]);
    let sources = [
        &v.vk[452..516],
        &v.vk[516..580],
        &v.vk[580..644],
        &v.vk[4..68],
    ];
    for i in 0..=n {
        vk.extend_from_slice(sources[i % sources.len()]);
    }
    let key = Box::new(PreparedKey::from_key_bytes(&vk).unwrap());
    let mut bytes = vec![0u8; PreparedKey::bytes_len(n)];
    assert!(key.to_bytes(&mut bytes));
    let again = Box::new(PreparedKey::from_bytes(&bytes).unwrap());
    let values = [
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000001",
        "30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000000",
        "00000000000000000000000000000000ffffffffffffffffffffffffffffffff",
        "0000000000000000000000000000000100000000000000000000000000000000",
        "2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70819",
        "0000000000000000000000000000000000000000000000000000000000abcdef",
    ];
    for shift in 0..values.len() {
        let mut input_bytes = Vec::new();
        for i in 0..n {
            input_bytes.extend_from_slice(&hex(values[(i + shift) % values.len()]));
        }
        let inputs = PublicInputs::from_bytes(&input_bytes, n).unwrap();
        let mut want = key.ic[0].to_jacobian();
        for (p, x) in key.ic[1..n + 1].iter().zip(inputs.as_slice()) {
            want = want.add(&p.to_jacobian().mul_words(&x.to_words()));
        }
        assert!(public_input_point(&key, &inputs).equals(&want), "{}", shift);
        assert!(
            public_input_point(&again, &inputs).equals(&want),
            "{}",
            shift
        );
    }
}
