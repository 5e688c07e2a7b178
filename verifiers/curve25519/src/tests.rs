//! Known-answer tests from RFC 9496 Appendix A, and multiscalar multiplication against the
//! naive sum.

use std::vec::Vec;

use crate::msm::{ct_multiscalar_mul, vartime_multiscalar_mul};
use crate::ristretto::{CompressedRistretto, RistrettoPoint, RISTRETTO_BASEPOINT_COMPRESSED};
use crate::scalar::Scalar;

fn hex<const N: usize>(s: &str) -> [u8; N] {
    assert_eq!(s.len(), 2 * N);
    let mut out = [0u8; N];
    for i in 0..N {
        out[i] = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap();
    }
    out
}

/// RFC 9496 Appendix A.1: encodings of `0 B, 1 B, ..., 15 B`.
const MULTIPLES_OF_GENERATOR: [&str; 16] = [
    "0000000000000000000000000000000000000000000000000000000000000000",
    "e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76",
    "6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919",
    "94741f5d5d52755ece4f23f044ee27d5d1ea1e2bd196b462166b16152a9d0259",
    "da80862773358b466ffadfe0b3293ab3d9fd53c5ea6c955358f568322daf6a57",
    "e882b131016b52c1d3337080187cf768423efccbb517bb495ab812c4160ff44e",
    "f64746d3c92b13050ed8d80236a7f0007c3b3f962f5ba793d19a601ebb1df403",
    "44f53520926ec81fbd5a387845beb7df85a96a24ece18738bdcfa6a7822a176d",
    "903293d8f2287ebe10e2374dc1a53e0bc887e592699f02d077d5263cdd55601c",
    "02622ace8f7303a31cafc63f8fc48fdc16e1c8c8d234b2f0d6685282a9076031",
    "20706fd788b2720a1ed2a5dad4952b01f413bcf0e7564de8cdc816689e2db95f",
    "bce83f8ba5dd2fa572864c24ba1810f9522bc6004afe95877ac73241cafdab42",
    "e4549ee16b9aa03099ca208c67adafcafa4c3f3e4e5303de6026e3ca8ff84460",
    "aa52e000df2e16f55fb1032fc33bc42742dad6bd5a8fc0be0167436c5948501f",
    "46376b80f409b29dc2b5f6f0c52591990896e5716f41477cd30085ab7f10301e",
    "e0c418f7c8d9c4cdd7395b93ea124f3ad99021bb681dfc3302a9d99a2e53e64e",
];

/// RFC 9496 Appendix A.2: invalid encodings (non-canonical field encodings, negative
/// field elements, non-square x^2, negative xy, s = -1 which makes y = 0).
const BAD_ENCODINGS: [&str; 29] = [
    // Non-canonical field encodings.
    "00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "f3ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    // Negative field elements.
    "0100000000000000000000000000000000000000000000000000000000000000",
    "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "ed57ffd8c914fb201471d1c3d245ce3c746fcbe63a3679d51b6a516ebebe0e20",
    "c34c4e1826e5d403b78e246e88aa051c36ccf0aafebffe137d148a2bf9104562",
    "c940e5a4404157cfb1628b108db051a8d439e1a421394ec4ebccb9ec92a8ac78",
    "47cfc5497c53dc8e61c91d17fd626ffb1c49e2bca94eed052281b510b1117a24",
    "f1c6165d33367351b0da8f6e4511010c68174a03b6581212c71c0e1d026c3c72",
    "87260f7a2f12495118360f02c26a470f450dadf34a413d21042b43b9d93e1309",
    // Non-square x^2.
    "26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371",
    "4eac077a713c57b4f4397629a4145982c661f48044dd3f96427d40b147d9742f",
    "de6a7b00deadc788eb6b6c8d20c0ae96c2f2019078fa604fee5b87d6e989ad7b",
    "bcab477be20861e01e4a0e295284146a510150d9817763caf1a6f4b422d67042",
    "2a292df7e32cababbd9de088d1d1abec9fc0440f637ed2fba145094dc14bea08",
    "f4a9e534fc0d216c44b218fa0c42d99635a0127ee2e53c712f70609649fdff22",
    "8268436f8c4126196cf64b3c7ddbda90746a378625f9813dd9b8457077256731",
    "2810e5cbc2cc4d4eece54f61c6f69758e289aa7ab440b3cbeaa21995c2f4232b",
    // Negative xy value.
    "3eb858e78f5a7254d8c9731174a94f76755fd3941c0ac93735c07ba14579630e",
    "a45fdc55c76448c049a1ab33f17023edfb2be3581e9c7aade8a6125215e04220",
    "d483fe813c6ba647ebbfd3ec41adca1c6130c2beeee9d9bf065c8d151c5f396e",
    "8a2e1d30050198c65a54483123960ccc38aef6848e1ec8f5f780e8523769ba32",
    "32888462f8b486c68ad7dd9610be5192bbeaf3b443951ac1a8118419d9fa097b",
    "227142501b9d4355ccba290404bde41575b037693cef1f438c47f8fbf35d1165",
    "5c37cc491da847cfeb9281d407efc41e15144c876e0170b499a96a22ed31e01e",
    "445425117cb8c90edcbc7c1cc0e74f747f2c1efa5630a967c64f287792a48a4b",
    // s = -1, which causes y = 0.
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
];

/// RFC 9496 Appendix A.3: `(input, encoding of FROM_UNIFORM_BYTES(input))`. The first seven
/// inputs are SHA-512 of the labels "Ristretto is traditionally a short shot of espresso
/// coffee", "made with the normal amount of ground coffee but extracted with", "about half
/// the amount of water in the same amount of time", "by using a finer grind.", "This
/// produces a concentrated shot of coffee per volume.", "Just pulling a normal shot short
/// will produce a weaker shot", "and is not a Ristretto as some believe."; the last four
/// are non-canonical field encodings that all map to the same element.
const UNIFORM_BYTES_VECTORS: [(&str, &str); 11] = [
    ("5d1be09e3d0c82fc538112490e35701979d99e06ca3e2b5b54bffe8b4dc772c14d98b696a1bbfb5ca32c436cc61c16563790306c79eaca7705668b47dffe5bb6",
     "3066f82a1a747d45120d1740f14358531a8f04bbffe6a819f86dfe50f44a0a46"),
    ("f116b34b8f17ceb56e8732a60d913dd10cce47a6d53bee9204be8b44f6678b270102a56902e2488c46120e9276cfe54638286b9e4b3cdb470b542d46c2068d38",
     "f26e5b6f7d362d2d2a94c5d0e7602cb4773c95a2e5c31a64f133189fa76ed61b"),
    ("8422e1bbdaab52938b81fd602effb6f89110e1e57208ad12d9ad767e2e25510c27140775f9337088b982d83d7fcf0b2fa1edffe51952cbe7365e95c86eaf325c",
     "006ccd2a9e6867e6a2c5cea83d3302cc9de128dd2a9a57dd8ee7b9d7ffe02826"),
    ("ac22415129b61427bf464e17baee8db65940c233b98afce8d17c57beeb7876c2150d15af1cb1fb824bbd14955f2b57d08d388aab431a391cfc33d5bafb5dbbaf",
     "f8f0c87cf237953c5890aec3998169005dae3eca1fbb04548c635953c817f92a"),
    ("165d697a1ef3d5cf3c38565beefcf88c0f282b8e7dbd28544c483432f1cec7675debea8ebb4e5fe7d6f6e5db15f15587ac4d4d4a1de7191e0c1ca6664abcc413",
     "ae81e7dedf20a497e10c304a765c1767a42d6e06029758d2d7e8ef7cc4c41179"),
    ("a836e6c9a9ca9f1e8d486273ad56a78c70cf18f0ce10abb1c7172ddd605d7fd2979854f47ae1ccf204a33102095b4200e5befc0465accc263175485f0e17ea5c",
     "e2705652ff9f5e44d3e841bf1c251cf7dddb77d140870d1ab2ed64f1a9ce8628"),
    ("2cdc11eaeb95daf01189417cdddbf95952993aa9cb9c640eb5058d09702c74622c9965a697a3b345ec24ee56335b556e677b30e6f90ac77d781064f866a3c982",
     "80bd07262511cdde4863f8a7434cef696750681cb9510eea557088f76d9e5065"),
    ("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff1200000000000000000000000000000000000000000000000000000000000000",
     "304282791023b73128d277bdcb5c7746ef2eac08dde9f2983379cb8e5ef0517f"),
    ("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
     "304282791023b73128d277bdcb5c7746ef2eac08dde9f2983379cb8e5ef0517f"),
    ("0000000000000000000000000000000000000000000000000000000000000080ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
     "304282791023b73128d277bdcb5c7746ef2eac08dde9f2983379cb8e5ef0517f"),
    ("00000000000000000000000000000000000000000000000000000000000000001200000000000000000000000000000000000000000000000000000000000080",
     "304282791023b73128d277bdcb5c7746ef2eac08dde9f2983379cb8e5ef0517f"),
];

/// xorshift64*: deterministic test randomness.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn bytes64(&mut self) -> [u8; 64] {
        let mut b = [0u8; 64];
        for c in b.chunks_mut(8) {
            c.copy_from_slice(&self.next().to_le_bytes());
        }
        b
    }
    fn scalar(&mut self) -> Scalar {
        Scalar::from_bytes_mod_order_wide(&self.bytes64())
    }
    fn point(&mut self) -> RistrettoPoint {
        RistrettoPoint::from_uniform_bytes(&self.bytes64())
    }
}

#[test]
fn multiples_of_the_generator_encode_as_in_rfc_9496_a1() {
    let b = RistrettoPoint::basepoint();
    assert_eq!(b.compress().0, RISTRETTO_BASEPOINT_COMPRESSED);
    let mut p = RistrettoPoint::identity();
    for (k, h) in MULTIPLES_OF_GENERATOR.iter().enumerate() {
        let want: [u8; 32] = hex(h);
        assert_eq!(p.compress().0, want, "{} B", k);
        let q = CompressedRistretto(want)
            .decompress()
            .expect("valid encoding");
        assert_eq!(q, p, "decode {} B", k);
        assert_eq!(q.compress().0, want);
        assert_eq!(b.mul_vartime(&Scalar::from_u64(k as u64)), p);
        assert_eq!(b.mul_ct(&Scalar::from_u64(k as u64)), p);
        p += b;
    }
    assert!(CompressedRistretto([0; 32]).is_identity());
    assert!(CompressedRistretto([0; 32])
        .decompress()
        .unwrap()
        .is_identity());
    assert!(!b.is_identity());
    assert_eq!(b.double(), &b + &b);
}

#[test]
fn bad_encodings_from_rfc_9496_a2_fail_to_decode() {
    for h in BAD_ENCODINGS.iter() {
        let bytes: [u8; 32] = hex(h);
        assert!(CompressedRistretto(bytes).decompress().is_none(), "{}", h);
    }
}

#[test]
fn uniform_bytes_map_as_in_rfc_9496_a3() {
    for (input, output) in UNIFORM_BYTES_VECTORS.iter() {
        let i: [u8; 64] = hex(input);
        let o: [u8; 32] = hex(output);
        let p = RistrettoPoint::from_uniform_bytes(&i);
        assert_eq!(p.compress().0, o, "{}", input);
        assert_eq!(CompressedRistretto(o).decompress().unwrap(), p);
    }
}

#[test]
fn group_order_times_any_point_is_identity() {
    let mut rng = Rng(7);
    // l - 1 = -1: (l - 1) P + P = identity.
    let minus_one = -Scalar::ONE;
    for _ in 0..3 {
        let p = rng.point();
        assert!((&p.mul_vartime(&minus_one) + &p).is_identity());
        assert!((&p.mul_ct(&minus_one) + &p).is_identity());
        assert_eq!(-p, p.mul_ct(&minus_one));
        assert_eq!(&p - &p, RistrettoPoint::identity());
    }
}

#[test]
fn encoding_round_trips_and_equality_ignores_torsion_representatives() {
    let mut rng = Rng(11);
    for _ in 0..20 {
        let p = rng.point();
        let c = p.compress();
        let q = c.decompress().unwrap();
        assert_eq!(p, q);
        assert_eq!(q.compress(), c);
        let r = rng.point();
        assert_ne!(p, r);
        assert_eq!(RistrettoPoint::conditional_select(&p, &r, 0), p);
        assert_eq!(RistrettoPoint::conditional_select(&p, &r, 1), r);
    }
}

#[test]
fn mul_ct_equals_mul_vartime_and_is_linear() {
    let mut rng = Rng(13);
    for _ in 0..10 {
        let p = rng.point();
        let (a, b) = (rng.scalar(), rng.scalar());
        let pa = p.mul_ct(&a);
        assert_eq!(pa, p.mul_vartime(&a));
        assert_eq!(&p * &a, pa);
        assert_eq!(&a * &p, pa);
        // (a + b) P = aP + bP, (ab) P = a (bP)
        assert_eq!(p.mul_vartime(&(&a + &b)), &pa + &p.mul_vartime(&b));
        assert_eq!(p.mul_ct(&(&a * &b)), p.mul_ct(&b).mul_ct(&a));
    }
    let p = rng.point();
    assert!(p.mul_ct(&Scalar::ZERO).is_identity());
    assert!(p.mul_vartime(&Scalar::ZERO).is_identity());
    assert_eq!(p.mul_ct(&Scalar::ONE), p);
}

fn naive_msm(scalars: &[Scalar], points: &[RistrettoPoint]) -> RistrettoPoint {
    let mut acc = RistrettoPoint::identity();
    for (s, p) in scalars.iter().zip(points.iter()) {
        acc += p.mul_vartime(s);
    }
    acc
}

#[test]
fn multiscalar_mul_equals_naive_sum_for_many_sizes() {
    let mut rng = Rng(17);
    // Points: a few random ones, multiplied to make more (cheaper than hashing each).
    for &n in [0usize, 1, 2, 3, 4, 5, 17, 64, 65, 150, 159, 160, 200, 1000].iter() {
        let mut scalars: Vec<Scalar> = (0..n).map(|_| rng.scalar()).collect();
        let base = rng.point();
        let mut points = Vec::with_capacity(n);
        let mut p = base;
        for i in 0..n {
            points.push(p);
            p = if i % 3 == 0 { rng.point() } else { p.double() };
        }
        // Edge scalars: zero, one, -1, small.
        if n > 3 {
            scalars[0] = Scalar::ZERO;
            scalars[1] = -Scalar::ONE;
            scalars[2] = Scalar::ONE;
            scalars[3] = Scalar::from_u64(16);
        }
        let want = naive_msm(&scalars, &points);
        assert_eq!(
            vartime_multiscalar_mul(&scalars, &points),
            want,
            "vartime n = {}",
            n
        );
        if n <= 200 {
            assert_eq!(ct_multiscalar_mul(&scalars, &points), want, "ct n = {}", n);
        }
    }
}

#[test]
fn ct_multiscalar_mul_handles_a_thousand_points() {
    let mut rng = Rng(19);
    let n = 1000;
    let scalars: Vec<Scalar> = (0..n).map(|_| rng.scalar()).collect();
    let points: Vec<RistrettoPoint> = (0..n).map(|_| rng.point()).collect();
    assert_eq!(
        ct_multiscalar_mul(&scalars, &points),
        vartime_multiscalar_mul(&scalars, &points)
    );
}

#[test]
fn pippenger_agrees_with_straus_for_every_window() {
    let mut rng = Rng(23);
    let n = 300;
    let scalars: Vec<Scalar> = (0..n).map(|_| rng.scalar()).collect();
    let points: Vec<RistrettoPoint> = (0..n).map(|_| rng.point()).collect();
    let want = RistrettoPoint(crate::msm::straus_for_tests(&scalars, &points));
    for w in 2..=11 {
        let got = RistrettoPoint(crate::msm::pippenger_for_tests(&scalars, &points, w));
        assert_eq!(got, want, "w = {}", w);
    }
}

#[test]
fn large_multiscalar_mul_matches_straus_for_every_window_size_class() {
    let mut rng = Rng(29);
    let n = 6100;
    let scalars: Vec<Scalar> = (0..n).map(|_| rng.scalar()).collect();
    let mut points = Vec::with_capacity(n);
    let mut p = rng.point();
    for i in 0..n {
        points.push(p);
        p = if i % 50 == 0 { rng.point() } else { p.double() };
    }
    // Sizes that select windows 7, 8, 9, 10 and 11.
    for &m in [300usize, 1300, 2600, 6100].iter() {
        let want = RistrettoPoint(crate::msm::straus_for_tests(&scalars[..m], &points[..m]));
        assert_eq!(
            vartime_multiscalar_mul(&scalars[..m], &points[..m]),
            want,
            "n = {}",
            m
        );
    }
}

#[test]
#[should_panic]
fn multiscalar_mul_panics_on_length_mismatch() {
    let _ = vartime_multiscalar_mul(&[Scalar::ONE], &[]);
}

#[test]
fn fixed_base_tables_agree_with_plain_multiscalar_mul() {
    use crate::msm::{fixed_msm_scratch_len, vartime_multiscalar_mul_fixed, FixedBaseTable};
    use std::boxed::Box;
    let mut rng = Rng(31);
    let fixed_points: Vec<RistrettoPoint> = (0..40).map(|_| rng.point()).collect();
    let tables: Vec<Box<FixedBaseTable>> = fixed_points
        .iter()
        .map(|p| Box::new(FixedBaseTable::new(p)))
        .collect();
    let table_refs: Vec<&FixedBaseTable> = tables.iter().map(|t| &**t).collect();
    // Variable counts on both sides of the Straus/Pippenger split (32, 128).
    for &(nf, nv) in [
        (0usize, 0usize),
        (1, 0),
        (0, 1),
        (3, 2),
        (40, 17),
        (40, 33),
        (7, 128),
        (40, 129),
        (2, 300),
        (2, 301),
    ]
    .iter()
    {
        let mut fixed_scalars: Vec<Scalar> = (0..nf).map(|_| rng.scalar()).collect();
        let scalars: Vec<Scalar> = (0..nv).map(|_| rng.scalar()).collect();
        // Every other point decoded (Z = 1, the mixed-addition path of Pippenger).
        let points: Vec<RistrettoPoint> = (0..nv)
            .map(|i| {
                if i % 7 == 0 {
                    rng.point()
                } else {
                    fixed_points[i % 40].double()
                }
            })
            .map(|p| {
                if nv % 2 == 0 {
                    p.compress().decompress().unwrap()
                } else {
                    p
                }
            })
            .collect();
        if nf > 2 {
            fixed_scalars[0] = Scalar::ZERO;
            fixed_scalars[1] = -Scalar::ONE;
            fixed_scalars[2] = Scalar::from_u64(63);
        }
        let mut all_scalars = fixed_scalars.clone();
        all_scalars.extend_from_slice(&scalars);
        let mut all_points: Vec<RistrettoPoint> = fixed_points[..nf].to_vec();
        all_points.extend_from_slice(&points);
        let want = naive_msm(&all_scalars, &all_points);
        let mut scratch = std::vec![0u64; fixed_msm_scratch_len(nf, nv)];
        let got = vartime_multiscalar_mul_fixed(
            &fixed_scalars,
            &table_refs[..nf],
            &scalars,
            &points,
            &mut scratch,
        );
        assert_eq!(got, want, "fixed {} variable {}", nf, nv);
    }
}
