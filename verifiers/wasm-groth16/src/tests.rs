//! The safe core of the module on the snarkjs vectors (`testdata/groth16`).

use super::*;

fn hex(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}

fn vectors() -> (Vec<u8>, Vec<(Vec<u8>, Vec<u8>)>) {
    let text = include_str!("../../../testdata/groth16/mulsum.txt");
    let mut vk = Vec::new();
    let mut proofs = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let parts: Vec<&str> = line.split(' ').collect();
        match parts[0] {
            "vk" => vk = hex(parts[1]),
            _ => proofs.push((hex(parts[1]), hex(parts[2]))),
        }
    }
    (vk, proofs)
}

fn entry(proof: &[u8], inputs: &[u8]) -> Vec<u8> {
    let mut e = proof.to_vec();
    e.extend_from_slice(&((inputs.len() / 32) as u32).to_le_bytes());
    e.extend_from_slice(inputs);
    e
}

fn prepared(buffers: &mut Buffers, vk: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; prepared_len(2) as usize];
    assert_eq!(prepare_key(buffers, vk, &mut out), out.len() as i32);
    out
}

#[test]
fn a_mixed_batch_gets_one_status_per_proof() {
    let (vk, proofs) = vectors();
    let mut buffers = Buffers::new_boxed();
    let key = prepared(&mut buffers, &vk);
    let (p0, i0) = &proofs[0];
    let mut x_ge_p = p0.clone();
    x_ge_p[..32].copy_from_slice(&hex(
        "30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47",
    ));
    let mut off_curve = p0.clone();
    off_curve[63] ^= 1;
    let mut input_r = i0.clone();
    input_r[..32].copy_from_slice(&hex(
        "30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001",
    ));
    let mut identity_a = p0.clone();
    identity_a[..64].fill(0);
    // B on the twist but outside G2 (the point x = 1 + 2u of zkedge-groth16's tests): its
    // subgroup check comes from the Miller loop now, in a batch and with A the identity.
    let mut outside_g2 = p0.clone();
    outside_g2[64..192].copy_from_slice(&hex(concat!(
        "0000000000000000000000000000000000000000000000000000000000000002",
        "0000000000000000000000000000000000000000000000000000000000000001",
        "1b2a1855a4e18488457f136e6ecb627341346445800ed2ed6ab74dc9af538a66",
        "05202d732f082c817c10572228d33ffff38c112711b9b854f4e301b1c254340c"
    )));
    let mut outside_g2_identity_a = outside_g2.clone();
    outside_g2_identity_a[..64].fill(0);
    let entries = [
        (entry(p0, i0), VALID),
        (entry(p0, &proofs[1].1), INVALID),
        (entry(&x_ge_p, i0), MALFORMED_COORDINATE),
        (entry(&proofs[2].0, &proofs[2].1), VALID),
        (entry(&off_curve, i0), MALFORMED_NOT_ON_CURVE),
        (entry(p0, &i0[..32]), MALFORMED_INPUT_COUNT),
        (entry(p0, &input_r), MALFORMED_INPUT_RANGE),
        (entry(&identity_a, i0), INVALID),
        (entry(&outside_g2, i0), MALFORMED_NOT_IN_SUBGROUP),
        (entry(&proofs[7].0, &proofs[7].1), VALID),
        (entry(&outside_g2_identity_a, i0), MALFORMED_NOT_IN_SUBGROUP),
    ];
    let mut request = (entries.len() as u32).to_le_bytes().to_vec();
    for (e, _) in &entries {
        request.extend_from_slice(e);
    }
    let mut statuses = vec![0xff; entries.len()];
    assert_eq!(
        verify_request(&mut buffers, &key, &request, &[7; 32], &mut statuses),
        entries.len() as i32
    );
    let want: Vec<u8> = entries.iter().map(|(_, s)| *s).collect();
    assert_eq!(statuses, want);
}

#[test]
fn broken_requests_and_keys_are_request_errors() {
    let (vk, proofs) = vectors();
    let mut buffers = Buffers::new_boxed();
    let key = prepared(&mut buffers, &vk);
    let mut statuses = [0u8; 4];
    let one = entry(&proofs[0].0, &proofs[0].1);
    let mut request = 1u32.to_le_bytes().to_vec();
    request.extend_from_slice(&one);
    // Trailing byte, truncation, zero count, wrong prepared key.
    let mut trailing = request.clone();
    trailing.push(0);
    assert_eq!(
        verify_request(&mut buffers, &key, &trailing, &[1; 32], &mut statuses),
        ERR_FRAMING
    );
    assert_eq!(
        verify_request(
            &mut buffers,
            &key,
            &request[..request.len() - 1],
            &[1; 32],
            &mut statuses
        ),
        ERR_FRAMING
    );
    assert_eq!(
        verify_request(
            &mut buffers,
            &key,
            &0u32.to_le_bytes(),
            &[1; 32],
            &mut statuses
        ),
        ERR_COUNT
    );
    assert_eq!(
        verify_request(
            &mut buffers,
            &key[..key.len() - 1],
            &request,
            &[1; 32],
            &mut statuses
        ),
        ERR_PREPARED_KEY
    );
    // An input count that would overflow is framing, not a crash.
    let mut huge = 1u32.to_le_bytes().to_vec();
    huge.extend_from_slice(&proofs[0].0);
    huge.extend_from_slice(&u32::MAX.to_le_bytes());
    assert_eq!(
        verify_request(&mut buffers, &key, &huge, &[1; 32], &mut statuses),
        ERR_FRAMING
    );
    assert_eq!(
        verify_request(&mut buffers, &key, &request, &[1; 32], &mut statuses),
        1
    );
    assert_eq!(statuses[0], VALID);
    // Key errors.
    let mut out = vec![0u8; prepared_len(2) as usize];
    assert_eq!(
        prepare_key(&mut buffers, &vk[..100], &mut out),
        ERR_KEY_LENGTH
    );
    assert_eq!(
        prepare_key(&mut buffers, &vk, &mut out[..10]),
        ERR_OUTPUT_TOO_SMALL
    );
    let mut bad = vk.clone();
    bad[100] ^= 1;
    assert_eq!(prepare_key(&mut buffers, &bad, &mut out), ERR_KEY_POINT);
    assert_eq!(prepared_len(65), ERR_KEY_LENGTH);
}

#[test]
fn prepared_key_length_is_the_documented_one() {
    // ABI.md: 38 606 + 657·nPublic bytes.
    assert_eq!(prepared_len(0), 38_606);
    assert_eq!(prepared_len(2), 38_606 + 2 * 657);
    assert!(
        core::mem::size_of::<Buffers>() < 1_200_000,
        "{}",
        core::mem::size_of::<Buffers>()
    );
}

/// One proof's status under `key`, through `verify_request` with the same buffers each time.
fn single_status(buffers: &mut Buffers, key: &[u8], proof: &(Vec<u8>, Vec<u8>)) -> Result<u8, i32> {
    let mut request = 1u32.to_le_bytes().to_vec();
    request.extend_from_slice(&entry(&proof.0, &proof.1));
    let mut statuses = [0xffu8; 1];
    match verify_request(buffers, key, &request, &[3; 32], &mut statuses) {
        1 => Ok(statuses[0]),
        e => Err(e),
    }
}

#[test]
fn a_key_whose_bytes_changed_since_the_last_request_is_read_again() {
    let (vk, proofs) = vectors();
    let mut buffers = Buffers::new_boxed();
    let key = prepared(&mut buffers, &vk);
    assert_eq!(single_status(&mut buffers, &key, &proofs[0]), Ok(VALID));
    // The same bytes at another address: still the same key.
    assert_eq!(
        single_status(&mut buffers, &key.clone(), &proofs[0]),
        Ok(VALID)
    );
    // e(α, β) changed in its lowest bit (limbs still in range): read again, the proof fails.
    let alpha_beta = 12 + 73 * (2 + 2 + 8 * 2);
    let mut other = key.clone();
    other[alpha_beta] ^= 1;
    assert_eq!(single_status(&mut buffers, &other, &proofs[0]), Ok(INVALID));
    // The last byte (the top byte of a limb of δ's last line) out of range: refused, every time.
    let mut broken = key.clone();
    *broken.last_mut().unwrap() = 0xff;
    assert_eq!(
        single_status(&mut buffers, &broken, &proofs[0]),
        Err(ERR_PREPARED_KEY)
    );
    assert_eq!(
        single_status(&mut buffers, &broken, &proofs[0]),
        Err(ERR_PREPARED_KEY)
    );
    // A refused key leaves nothing behind: the good key is read again and verifies.
    assert_eq!(single_status(&mut buffers, &key, &proofs[0]), Ok(VALID));
    assert_eq!(single_status(&mut buffers, &other, &proofs[0]), Ok(INVALID));
    // prepare_key replaces the key in the buffers; the next request reads its bytes again.
    let mut out = vec![0u8; prepared_len(2) as usize];
    assert_eq!(prepare_key(&mut buffers, &vk, &mut out), out.len() as i32);
    assert_eq!(single_status(&mut buffers, &other, &proofs[0]), Ok(INVALID));
    assert_eq!(single_status(&mut buffers, &key, &proofs[0]), Ok(VALID));
}

#[test]
fn same_bytes_compares_every_byte() {
    let a: Vec<u8> = (0..43u8).collect();
    assert!(same_bytes(&a, &a.clone()));
    for i in 0..a.len() {
        let mut b = a.clone();
        b[i] ^= 0x10;
        assert!(!same_bytes(&a, &b), "byte {}", i);
    }
    assert!(!same_bytes(&a[..42], &a));
    assert!(same_bytes(&[], &[]));
}
