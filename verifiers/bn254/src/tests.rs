//! Tests against published values: the EIP-197 pairing vectors (go-ethereum's precompile test
//! data), the EIP-196/197 generators and moduli; plus algebraic properties (bilinearity, order
//! of GT, the subgroup check against `[r]Q`) and every derived constant recomputed.

use std::string::String;
use std::vec;
use std::vec::Vec;

use crate::constants::*;
use crate::curve::*;
use crate::fp::{Fp, Fr};
use crate::fp12::Fp12;
use crate::fp2::Fp2;
use crate::pairing::*;

fn hex(s: &str) -> Vec<u8> {
    assert_eq!(s.len() % 2, 0);
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}

fn arr<const N: usize>(b: &[u8]) -> [u8; N] {
    let mut a = [0u8; N];
    a.copy_from_slice(b);
    a
}

// --- small unsigned big integers (tests only), little-endian u64 words ----------------------

fn big_from_dec(s: &str) -> Vec<u64> {
    let mut w = vec![0u64; 12];
    for c in s.bytes() {
        let mut carry = (c - b'0') as u128;
        for x in w.iter_mut() {
            let v = (*x as u128) * 10 + carry;
            *x = v as u64;
            carry = v >> 64;
        }
    }
    w
}

fn big_mul(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut r = vec![0u64; 12];
    for (i, x) in a.iter().enumerate() {
        let mut carry = 0u128;
        for (j, y) in b.iter().enumerate() {
            if i + j >= 12 {
                break;
            }
            let v = (r[i + j] as u128) + (*x as u128) * (*y as u128) + carry;
            r[i + j] = v as u64;
            carry = v >> 64;
        }
        if i + b.len() < 12 {
            r[i + b.len()] = carry as u64;
        }
    }
    r
}

fn big_add_small(a: &[u64], s: i64) -> Vec<u64> {
    let mut r = a.to_vec();
    if s >= 0 {
        let mut carry = s as u128;
        for x in r.iter_mut() {
            let v = *x as u128 + carry;
            *x = v as u64;
            carry = v >> 64;
        }
    } else {
        let mut borrow = (-s) as u64;
        for x in r.iter_mut() {
            let (v, b) = x.overflowing_sub(borrow);
            *x = v;
            borrow = b as u64;
        }
    }
    r
}

fn big_div_small(a: &[u64], d: u64) -> (Vec<u64>, u64) {
    let mut r = a.to_vec();
    let mut rem = 0u128;
    for x in r.iter_mut().rev() {
        let v = (rem << 64) | *x as u128;
        *x = (v / d as u128) as u64;
        rem = v % d as u128;
    }
    (r, rem as u64)
}

const P_DEC: &str = "21888242871839275222246405745257275088696311157297823662689037894645226208583";
const R_DEC: &str = "21888242871839275222246405745257275088548364400416034343698204186575808495617";

fn fp2_pow(a: &Fp2, e: &[u64]) -> Fp2 {
    let mut r = Fp2::ONE;
    for w in e.iter().rev() {
        for bit in (0..64).rev() {
            r = r.square();
            if (w >> bit) & 1 == 1 {
                r = r.mul(a);
            }
        }
    }
    r
}

fn fp12_pow(a: &Fp12, e: &[u64]) -> Fp12 {
    let mut r = Fp12::ONE;
    for w in e.iter().rev() {
        for bit in (0..64).rev() {
            r = r.square();
            if (w >> bit) & 1 == 1 {
                r = r.mul(a);
            }
        }
    }
    r
}

fn xi() -> Fp2 {
    Fp2::new(Fp::from_u64(9), Fp::ONE)
}

// --- fields ------------------------------------------------------------------------------------

#[test]
fn field_moduli_match_eip196() {
    let p = big_from_dec(P_DEC);
    let r = big_from_dec(R_DEC);
    // p - 1 encodes; p does not.
    let mut be = [0u8; 32];
    for i in 0..4 {
        be[8 * (3 - i)..8 * (4 - i)].copy_from_slice(&p[i].to_be_bytes());
    }
    assert!(Fp::from_bytes_be(&be).is_none());
    be[31] -= 1;
    let minus_one = Fp::from_bytes_be(&be).unwrap();
    assert!(minus_one.add(&Fp::ONE).is_zero());
    assert_eq!(minus_one.to_bytes_be(), be);
    for i in 0..4 {
        be[8 * (3 - i)..8 * (4 - i)].copy_from_slice(&r[i].to_be_bytes());
    }
    assert!(Fr::from_bytes_be(&be).is_none());
    be[31] -= 1;
    assert!(Fr::from_bytes_be(&be).unwrap().add(&Fr::ONE).is_zero());
}

#[test]
fn field_arithmetic_matches_integers() {
    // (2^200 + 12345)^2 mod p, checked against an independent computation: 1/a * a = 1, and
    // (a + b)^2 = a^2 + 2ab + b^2 on assorted values near the top of the range.
    let mut be = hex("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd40");
    let a = Fp::from_bytes_be(&arr(&be)).unwrap();
    be[20] ^= 0x5a;
    let b = Fp::from_bytes_be(&arr(&be)).unwrap();
    let lhs = a.add(&b).square();
    let rhs = a.square().add(&a.mul(&b).double()).add(&b.square());
    assert!(lhs.equals(&rhs));
    assert!(a.mul(&a.invert()).equals(&Fp::ONE));
    assert!(a.sub(&b).add(&b).equals(&a));
    assert!(a.neg().add(&a).is_zero());
    // 2 * 2^-1 = 1 and 3 * 5 = 15.
    assert!(Fp::from_u64(2)
        .invert()
        .mul(&Fp::from_u64(2))
        .equals(&Fp::ONE));
    assert!(Fp::from_u64(3)
        .mul(&Fp::from_u64(5))
        .equals(&Fp::from_u64(15)));
    assert_eq!(Fp::from_u64(15).to_bytes_be()[31], 15);
    // Fermat: a^(p-1) = 1.
    let p_minus_1 = big_add_small(&big_from_dec(P_DEC), -1);
    assert!(a.pow(&p_minus_1[..4]).equals(&Fp::ONE));
}

/// Stored representatives across the whole allowed range `[0, 2m)`: zero, one, small values,
/// `m - 1`, `m`, `m + 1` (non-canonical) and `2m - 1`, plus pseudo-random ones.
fn edge_representatives<F: Copy>(
    modulus: [u32; 9],
    from_raw: impl Fn([u32; 9]) -> Option<F>,
    from_u64: impl Fn(u64) -> F,
) -> Vec<F> {
    let to_limbs = |words: &[u64]| {
        let mut bytes = [0u8; 32];
        for (i, w) in words.iter().take(4).enumerate() {
            bytes[8 * (3 - i)..8 * (4 - i)].copy_from_slice(&w.to_be_bytes());
        }
        crate::backend::limbs_from_be(&bytes)
    };
    let m = crate::backend::limbs_to_be(&modulus);
    let m_words: Vec<u64> = (0..4)
        .map(|i| u64::from_be_bytes(arr(&m[8 * (3 - i)..8 * (4 - i)])))
        .collect();
    let two_m = big_mul(&m_words, &[2]);
    let mut out: Vec<F> = [
        to_limbs(&[0]),
        to_limbs(&[1]),
        to_limbs(&big_add_small(&m_words, -1)),
        to_limbs(&m_words),
        to_limbs(&big_add_small(&m_words, 1)),
        to_limbs(&big_add_small(&two_m, -1)),
    ]
    .iter()
    .map(|l| from_raw(*l).expect("below 2m"))
    .collect();
    for k in 0..10u64 {
        out.push(from_u64(k.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1));
    }
    out
}

#[test]
fn euclidean_inverse_matches_fermat() {
    // On the edge representatives (zero, one, m - 1, m, m + 1, 2m - 1, ...) and a chain of
    // products, for both fields; zero maps to zero; x·x⁻¹ = 1 otherwise.
    let mut fp = edge_representatives(Fp::MODULUS, Fp::from_raw_limbs, Fp::from_u64);
    let mut x = Fp::from_u64(0x9e37_79b9_7f4a_7c15);
    for _ in 0..200 {
        x = x.square().add(&Fp::ONE);
        fp.push(x);
    }
    for a in &fp {
        let inv = a.invert();
        assert!(inv.equals(&a.invert_by_fermat()), "{:?}", a);
        assert!(Fp::from_raw_limbs(inv.to_raw_limbs()).is_some());
        assert!(a.is_zero() || a.mul(&inv).equals(&Fp::ONE));
    }
    let mut fr = edge_representatives(Fr::MODULUS, Fr::from_raw_limbs, Fr::from_u64);
    let mut y = Fr::from_u64(12345);
    for _ in 0..100 {
        y = y.square().add(&Fr::ONE);
        fr.push(y);
    }
    for a in &fr {
        let inv = a.invert();
        assert!(inv.equals(&a.invert_by_fermat()), "{:?}", a);
        assert!(a.is_zero() || a.mul(&inv).equals(&Fr::ONE));
    }
}

#[test]
fn top_limb_quotient_multiplier_is_exact() {
    for (m8, k, s) in [
        (Fp::MODULUS[8], Fp::TOP_QUOTIENT_MUL, Fp::TOP_QUOTIENT_SHIFT),
        (Fr::MODULUS[8], Fr::TOP_QUOTIENT_MUL, Fr::TOP_QUOTIENT_SHIFT),
    ] {
        let d = m8 as u64 + 1;
        assert!(d <= 1 << 22);
        // The condition of the theorem, and spot checks across the range (limb 8 is < 2^29).
        assert!(k * d >= 1 << s && k * d - (1 << s) <= 1 << (s - 30));
        for t in (0..1u64 << 29)
            .step_by(9973)
            .chain([d - 1, d, 2 * d - 1, (1 << 29) - 1])
        {
            assert_eq!((t * k) >> s, t / d, "t = {}", t);
        }
    }
}

#[test]
fn one_pass_combinations_match_chains_of_additions() {
    // nine_times_plus/minus, triple_plus/minus_double and sub_twice reduce once from up to
    // 40m; on every pair of edge representatives they must agree with the chains of add/sub
    // they replace and give a stored value again (limbs < 2^29, value < 2m).
    fn check<F: Copy + core::fmt::Debug>(
        values: &[F],
        add: impl Fn(&F, &F) -> F,
        sub: impl Fn(&F, &F) -> F,
        equals: impl Fn(&F, &F) -> bool,
        raw: impl Fn(&F) -> [u32; 9],
        stored: impl Fn([u32; 9]) -> bool,
        ops: [&dyn Fn(&F, &F) -> F; 5],
    ) {
        for a in values {
            for b in values {
                let nine_a = (0..8).fold(*a, |acc, _| add(&acc, a));
                let two_b = add(b, b);
                let three_a = add(&add(a, a), a);
                let expected = [
                    add(&nine_a, b),
                    sub(&nine_a, b),
                    add(&three_a, &two_b),
                    sub(&three_a, &two_b),
                    sub(&sub(a, b), &nine_a),
                ];
                for (op, want) in ops.iter().zip(expected.iter()) {
                    let got = op(a, b);
                    assert!(equals(&got, want), "{:?} {:?}", a, b);
                    assert!(stored(raw(&got)), "{:?} {:?} gave {:?}", a, b, got);
                }
            }
        }
    }
    let fp = edge_representatives(Fp::MODULUS, Fp::from_raw_limbs, Fp::from_u64);
    check(
        &fp,
        Fp::add,
        Fp::sub,
        Fp::equals,
        Fp::to_raw_limbs,
        |l| Fp::from_raw_limbs(l).is_some(),
        [
            &Fp::nine_times_plus,
            &Fp::nine_times_minus,
            &Fp::triple_plus_double,
            &Fp::triple_minus_double,
            &|a: &Fp, b: &Fp| {
                let nine_a = (0..8).fold(*a, |acc, _| acc.add(a));
                a.sub_twice(b, &nine_a)
            },
        ],
    );
    let fr = edge_representatives(Fr::MODULUS, Fr::from_raw_limbs, Fr::from_u64);
    check(
        &fr,
        Fr::add,
        Fr::sub,
        Fr::equals,
        Fr::to_raw_limbs,
        |l| Fr::from_raw_limbs(l).is_some(),
        [
            &Fr::nine_times_plus,
            &Fr::nine_times_minus,
            &Fr::triple_plus_double,
            &Fr::triple_minus_double,
            &|a: &Fr, b: &Fr| {
                let nine_a = (0..8).fold(*a, |acc, _| acc.add(a));
                a.sub_twice(b, &nine_a)
            },
        ],
    );
}

#[test]
fn fused_products_match_separate_products() {
    // sum_of_products, difference_of_products (one reduction for two products),
    // difference_of_squares and double_product against mul/add/sub, on every pair of edge
    // representatives, and on unreduced sums (< 4m, as add_unreduced makes) for the first two.
    let mut fp = edge_representatives(Fp::MODULUS, Fp::from_raw_limbs, Fp::from_u64);
    let top = fp[5]; // 2m - 1
    fp.push(top.add_unreduced(&top)); // 4m - 2
    fp.push(fp[2].add_unreduced(&top)); // 3m - 2
    let stored = |x: &Fp| Fp::from_raw_limbs(x.to_raw_limbs()).is_some();
    for a in &fp {
        for b in &fp {
            for (c, d) in [(a, b), (b, a), (&top, &top), (&fp[8], &fp[13])] {
                let sum = Fp::sum_of_products(a, b, c, d);
                let diff = Fp::difference_of_products(a, b, c, d);
                assert!(sum.equals(&a.mul(b).add(&c.mul(d))), "{:?} {:?}", a, b);
                assert!(diff.equals(&a.mul(b).sub(&c.mul(d))), "{:?} {:?}", a, b);
                assert!(stored(&sum) && stored(&diff), "{:?} {:?}", a, b);
            }
            if stored(a) && stored(b) {
                let squares = Fp::difference_of_squares(a, b);
                let double = Fp::double_product(a, b);
                assert!(squares.equals(&a.square().sub(&b.square())));
                assert!(double.equals(&a.mul(b).double()));
                assert!(stored(&squares) && stored(&double));
            }
        }
    }
    // 16m² really is 16·m·m.
    let m = crate::backend::limbs_to_be(&Fp::MODULUS);
    let m_words: Vec<u64> = (0..4)
        .map(|i| u64::from_be_bytes(arr(&m[8 * (3 - i)..8 * (4 - i)])))
        .collect();
    let want = big_mul(&big_mul(&m_words, &m_words), &[16]);
    let limbs = crate::backend::sixteen_times_square(&Fp::MODULUS);
    let mut got = vec![0u64; 12];
    for (i, l) in limbs.iter().enumerate() {
        assert!(*l < 1 << 29);
        let (w, s) = (29 * i / 64, 29 * i % 64);
        got[w] |= (*l as u64) << s;
        if s > 35 {
            got[w + 1] |= (*l as u64) >> (64 - s);
        }
    }
    assert_eq!(got, want);
}

#[test]
fn derived_constants_recompute() {
    let p = big_from_dec(P_DEC);
    let xi = xi();
    let e = |k: usize, i: u64, d: u64| {
        let mut pk = vec![1u64];
        for _ in 0..k {
            pk = big_mul(&pk, &p);
        }
        let (q, rem) = big_div_small(&big_mul(&big_add_small(&pk, -1), &[i]), d);
        assert_eq!(rem, 0);
        q
    };
    assert!(fp2_pow(&xi, &e(1, 1, 3)).equals(&XI_P_MINUS_1_OVER_3));
    assert!(fp2_pow(&xi, &e(1, 1, 2)).equals(&XI_P_MINUS_1_OVER_2));
    for i in 1..=5u64 {
        assert!(fp2_pow(&xi, &e(1, i, 6)).equals(&FROB1[i as usize - 1]));
        assert!(fp2_pow(&xi, &e(2, i, 6)).equals(&FROB2[i as usize - 1]));
        assert!(fp2_pow(&xi, &e(3, i, 6)).equals(&FROB3[i as usize - 1]));
    }
    let b = Fp2::new(Fp::from_u64(3), Fp::ZERO).mul(&xi.invert());
    assert!(TWIST_B.equals(&b));
    assert!(TWIST_B3.equals(&b.add(&b).add(&b)));
    // NAF digits sum to 6x + 2; 6x^2 words.
    let x: i128 = 4965661367192848881;
    let mut v: i128 = 0;
    for (i, d) in ATE_LOOP_NAF.iter().enumerate() {
        v += (*d as i128) << i;
    }
    assert_eq!(v, 6 * x + 2);
    // The width-4 NAF of x: digits odd and below 8 in size, sum to x, every nonzero digit
    // followed by three zeros, the top one is 1.
    let mut v: i128 = 0;
    for (i, d) in BN_X_WNAF4.iter().enumerate() {
        v += (*d as i128) << i;
        assert!(*d == 0 || (d % 2 != 0 && d.abs() < 8));
        assert!(*d == 0 || BN_X_WNAF4[i + 1..].iter().take(3).all(|z| *z == 0));
    }
    assert_eq!(v, x);
    assert_eq!(BN_X_WNAF4[BN_X_WNAF4.len() - 1], 1);
    let six_x2 = 6 * (x as u128) * (x as u128);
    assert_eq!(SIX_X_SQUARED, [six_x2 as u64, (six_x2 >> 64) as u64]);
}

#[test]
fn frobenius_is_the_p_power() {
    let f = sample_fp12(7);
    let p = big_from_dec(P_DEC);
    let fp = fp12_pow(&f, &p[..4]);
    assert!(f.frobenius(1).equals(&fp));
    assert!(f.frobenius(2).equals(&fp.frobenius(1)));
    assert!(f.frobenius(3).equals(&fp.frobenius(2)));
    assert!(f.mul(&f.invert()).is_one());
    // In the cyclotomic subgroup (after f^((p^6 - 1)(p^2 + 1))) the fast square agrees.
    let g = f.conjugate().mul(&f.invert());
    let g = g.frobenius(2).mul(&g);
    assert!(g.cyclotomic_square().equals(&g.square()));
    // exp_by_x (width-4 NAF with conjugates for negative digits) is the x-th power there.
    assert!(exp_by_x(&g).equals(&fp12_pow(&g, &[4965661367192848881])));
    assert!(
        !f.cyclotomic_square().equals(&f.square()),
        "f itself is not cyclotomic"
    );
    assert!(f.square().equals(&f.mul(&f)));
}

fn sample_fp12(seed: u64) -> Fp12 {
    let c = |k: u64| {
        Fp::from_u64(seed * 1_000_003 + k * 7919 + 1)
            .square()
            .square()
    };
    let e2 = |k: u64| Fp2::new(c(2 * k), c(2 * k + 1));
    Fp12::new(
        crate::fp6::Fp6::new(e2(0), e2(1), e2(2)),
        crate::fp6::Fp6::new(e2(3), e2(4), e2(5)),
    )
}

// --- groups --------------------------------------------------------------------------------

fn r_words() -> Vec<u64> {
    big_from_dec(R_DEC)[..4].to_vec()
}

#[test]
fn generators_are_on_their_curves_and_have_order_r() {
    let g1 = g1_generator();
    let g2 = g2_generator();
    assert!(g1.is_on_curve() && g2.is_on_curve());
    assert!(g1.to_jacobian().mul_words(&r_words()).is_identity());
    assert!(g2.to_jacobian().mul_words(&r_words()).is_identity());
    assert!(g2_in_subgroup(&g2));
    for k in [2u64, 3, 0xdead_beef_1234_5678] {
        let q = g2.to_jacobian().mul_words(&[k, 1, 0, 7]).to_affine();
        assert!(g2_in_subgroup(&q) && g2_in_subgroup_by_eigenvalue(&q));
    }
    // The encodings round-trip.
    assert!(g1_from_bytes(&g1_to_bytes(&g1)).unwrap().equals(&g1));
    assert!(g2_from_bytes(&g2_to_bytes(&g2)).unwrap().equals(&g2));
    // EIP-197 generator bytes (imaginary part first).
    assert_eq!(
        g2_to_bytes(&g2)[..32],
        hex("198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2")[..]
    );
}

#[test]
fn group_law_is_consistent() {
    let g = g2_generator().to_jacobian();
    let two = g.double();
    let three = two.add(&g);
    assert!(three.equals(&g.mul_words(&[3])));
    assert!(two.add(&g.neg()).equals(&g));
    assert!(g.add(&g.neg()).is_identity());
    assert!(g.add(&g).equals(&two));
    assert!(three.to_affine().is_on_curve());
    let p = g1_generator().to_jacobian();
    assert!(p.mul_words(&[5]).equals(&p.double().double().add(&p)));
    // The width-4 NAF multiplication agrees with plain double-and-add on assorted scalars.
    let plain = |k: &[u64]| {
        let mut acc = G1Jacobian::IDENTITY;
        for w in k.iter().rev() {
            for bit in (0..64).rev() {
                acc = acc.double();
                if (w >> bit) & 1 == 1 {
                    acc = acc.add(&p);
                }
            }
        }
        acc
    };
    for k in [
        [0u64, 0, 0, 0],
        [1, 0, 0, 0],
        [15, 0, 0, 0],
        [u64::MAX, u64::MAX, u64::MAX, u64::MAX],
        [
            0x9e37_79b9_7f4a_7c15,
            0xf39c_c060_5ced_c834,
            0x1082_276b_f3a2_7251,
            0xf86c_6a11_d0c1_8e95,
        ],
        [
            0xffff_ffff_0000_0001,
            0x8000_0000_0000_0000,
            0,
            0x8000_0000_0000_0000,
        ],
    ] {
        assert!(p.mul_words(&k).equals(&plain(&k)), "{:?}", k);
    }
    let p3 = p.mul_words(&[3]);
    assert!(p3.add_affine(&g1_generator()).equals(&p.mul_words(&[4])));
    assert!(p.add_affine(&g1_generator()).equals(&p.double()));
    assert!(p.add_affine(&g1_generator().neg()).is_identity());
    let q = p3.to_affine();
    let msm = Jacobian::multi_mul(&[g1_generator(), q], &[[7, 0, 0, 1], [5, 0, 0, 0]], 4);
    let mut k = [7u64, 0, 0, 1];
    k[0] += 15;
    assert!(msm.equals(&p.mul_words(&k)));
}

#[test]
fn wnaf_multi_scalar_multiplication_matches_the_binary_one() {
    // Points with the identity and repeated points among them; scalars zero, one, r - 1, the
    // largest 256-bit value (a carry into the fifth NAF word) and mixed words.
    let g = g1_generator().to_jacobian();
    let r = r_words();
    let scalars: Vec<[u64; 4]> = vec![
        [0, 0, 0, 0],
        [1, 0, 0, 0],
        [r[0] - 1, r[1], r[2], r[3]],
        [u64::MAX; 4],
        [
            0x9e37_79b9_7f4a_7c15,
            7,
            0x8000_0000_0000_0001,
            0x0123_4567_89ab_cdef,
        ],
        [15, 0, 0, 0],
        [0xffff_ffff_ffff_fff1, 0, 0, 0],
    ];
    let points: Vec<G1Affine> = [5u64, 0, 1, 1 << 33, 5, 3, 99]
        .iter()
        .map(|k| g.mul_words(&[*k]).to_affine())
        .collect();
    for n in 0..=points.len() {
        let want = Jacobian::multi_mul(&points[..n], &scalars[..n], 4);
        let got = Jacobian::multi_mul_wnaf(&points[..n], &scalars[..n]);
        assert!(got.equals(&want), "{} points", n);
    }
    // Over G2 as well (the method is generic), and with several chunks of points.
    let q = g2_generator();
    let many = vec![q; 2 * STRAUS_CHUNK + 3];
    let ks: Vec<[u64; 4]> = (0..many.len() as u64)
        .map(|i| [i.wrapping_mul(0x9e37_79b9_7f4a_7c15), i, 0, i << 50])
        .collect();
    let want = Jacobian::multi_mul(&many, &ks, 4);
    assert!(Jacobian::multi_mul_wnaf(&many, &ks).equals(&want));
}

#[test]
fn glv_endomorphism_acts_as_lambda_on_g1() {
    // β is a primitive cube root of unity, λ one modulo r, and φ(P) = (βx, y) = [λ]P.
    let beta = glv_beta();
    assert!(!beta.equals(&Fp::ONE));
    assert!(beta.square().mul(&beta).equals(&Fp::ONE));
    let lambda = Fr::from_bytes_be(&GLV_LAMBDA_BE).unwrap();
    assert!(lambda.square().add(&lambda).add(&Fr::ONE).is_zero());
    let g = g1_generator().to_jacobian();
    for k in [1u64, 2, 12345, u64::MAX] {
        let p = g.mul_words(&[k, 3]).to_affine();
        let want = p.to_jacobian().mul_words(&lambda.to_words());
        assert!(glv_endomorphism(&p, &beta).to_jacobian().equals(&want));
    }
    // (k1 + λ·k2)·P by the split chain equals the plain multiplication by the reduced scalar.
    let p = g.mul_words(&[987654321]).to_affine();
    for (k1, k2) in [
        (0u64, 0u64),
        (1, 0),
        (0, 1),
        (u64::MAX, u64::MAX),
        (0x9e37_79b9_7f4a_7c15, 0x0123_4567_89ab_cdef),
        (15, 0xffff_ffff_ffff_fff1),
    ] {
        let k = lambda.mul(&Fr::from_u64(k2)).add(&Fr::from_u64(k1));
        let want = p.to_jacobian().mul_words(&k.to_words());
        assert!(g1_mul_glv(&p, k1, k2, &beta).equals(&want), "{} {}", k1, k2);
    }
    assert!(g1_mul_glv(&G1Affine::IDENTITY, 5, 7, &beta).is_identity());
}

#[test]
fn batch_to_affine_matches_one_inversion_per_point() {
    // Several multiples of the generator with the identity among them (left out of the shared
    // product), as ρ·A points of a batch.
    let g = g1_generator().to_jacobian();
    let points: Vec<G1Jacobian> = [3u64, 0, 5, 1 << 40, 0, 12345]
        .iter()
        .map(|k| g.mul_words(&[*k]))
        .collect();
    let mut scratch = vec![Fp::ZERO; points.len()];
    let mut out = vec![G1Affine::IDENTITY; points.len()];
    G1Jacobian::batch_to_affine(&points, &mut scratch, &mut out);
    for (p, a) in points.iter().zip(out.iter()) {
        let want = p.to_affine();
        assert_eq!(a.infinity, want.infinity);
        assert!(a.infinity || (a.x.equals(&want.x) && a.y.equals(&want.y)));
    }
    assert!(out[1].infinity && out[4].infinity && !out[0].infinity);
}

#[test]
fn decoding_rejects_non_canonical_and_off_curve_points() {
    let mut g1 = g1_to_bytes(&g1_generator());
    g1[63] ^= 1; // (1, 3): not on the curve
    assert_eq!(g1_from_bytes(&g1).unwrap_err(), DecodeError::NotOnCurve);
    // x = p + 1 is the same residue as (1, 2)'s x but not canonical.
    let mut g1 = g1_to_bytes(&g1_generator());
    g1[..32].copy_from_slice(&hex(
        "30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd48",
    ));
    assert_eq!(g1_from_bytes(&g1).unwrap_err(), DecodeError::NotCanonical);
    let mut g2 = g2_to_bytes(&g2_generator());
    g2[127] ^= 1;
    assert_eq!(g2_from_bytes(&g2).unwrap_err(), DecodeError::NotOnCurve);
    assert!(g1_from_bytes(&[0; 64]).unwrap().infinity);
    assert!(g2_from_bytes(&[0; 128]).unwrap().infinity);
}

/// A square root in Fp2 (p = 3 mod 4; Adj and Rodríguez-Henríquez, Algorithm 9), tests only.
fn fp2_sqrt(a: &Fp2) -> Option<Fp2> {
    let p = big_from_dec(P_DEC);
    let (e1, _) = big_div_small(&big_add_small(&p, -3), 4);
    let (e2, _) = big_div_small(&big_add_small(&p, -1), 2);
    let a1 = fp2_pow(a, &e1[..4]);
    let alpha = a1.mul(&a1.mul(a));
    let x0 = a1.mul(a);
    let minus_one = Fp2::ONE.neg();
    let x = if alpha.equals(&minus_one) {
        Fp2::new(x0.c1.neg(), x0.c0)
    } else {
        fp2_pow(&Fp2::ONE.add(&alpha), &e2[..4]).mul(&x0)
    };
    if x.square().equals(a) {
        Some(x)
    } else {
        None
    }
}

#[test]
fn subgroup_check_rejects_twist_points_outside_g2() {
    let mut found = 0;
    for k in 1..40u64 {
        let x = Fp2::new(Fp::from_u64(k), Fp::from_u64(k + 1));
        let rhs = x.square().mul(&x).add(&TWIST_B);
        if let Some(y) = fp2_sqrt(&rhs) {
            let q = Affine {
                x,
                y,
                infinity: false,
            };
            assert!(q.is_on_curve());
            let in_g2 = q.to_jacobian().mul_words(&r_words()).is_identity();
            assert_eq!(g2_in_subgroup(&q), in_g2);
            assert_eq!(g2_in_subgroup_by_eigenvalue(&q), in_g2);
            assert!(
                !in_g2,
                "a random twist point is in G2 with negligible probability"
            );
            assert_eq!(
                g2_from_bytes(&g2_to_bytes(&q)).unwrap_err(),
                DecodeError::NotInSubgroup
            );
            found += 1;
        }
    }
    assert!(found > 5);
}

// --- pairing ---------------------------------------------------------------------------------

#[test]
fn eip197_vectors_from_go_ethereum() {
    let text = include_str!("../../../testdata/bn254/eip197-pairing.txt");
    let mut count = 0;
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let parts: Vec<&str> = line.split(' ').collect();
        let (name, expected) = (parts[0], parts[1] == "1");
        let input = if parts[2] == "-" {
            Vec::new()
        } else {
            hex(parts[2])
        };
        let mut pairs = Vec::new();
        for chunk in input.chunks(192) {
            let p = g1_from_bytes(&arr(&chunk[..64])).expect(name);
            let q = g2_from_bytes(&arr(&chunk[64..])).expect(name);
            pairs.push((p, q));
        }
        let mut work: Vec<LineGeneratorSlot> =
            (0..pairs.len()).map(|_| LineGeneratorSlot::EMPTY).collect();
        assert_eq!(
            pairing_product_is_one(&[], &pairs, &mut work),
            expected,
            "{}",
            name
        );
        // The same with every G2 prepared.
        let prepared: Vec<G2Prepared> = pairs.iter().map(|(_, q)| G2Prepared::new(q)).collect();
        let refs: Vec<(G1Affine, &G2Prepared)> = pairs
            .iter()
            .zip(prepared.iter())
            .map(|((p, _), q)| (*p, q))
            .collect();
        assert_eq!(
            pairing_product_is_one(&refs, &[], &mut []),
            expected,
            "{}",
            name
        );
        count += 1;
    }
    assert_eq!(count, 14);
}

#[test]
fn pairing_is_bilinear_and_non_degenerate() {
    let g1 = g1_generator();
    let g2 = g2_generator();
    let base = pairing(&g1, &g2);
    assert!(!base.is_one());
    assert!(
        fp12_pow(&base, &r_words()).is_one(),
        "e(G1, G2) has order r"
    );
    let a = Fr::from_bytes_be(&arr(&hex(
        "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809",
    )))
    .unwrap();
    let b = Fr::from_u64(0x1234_5678_9abc_def1);
    let pa = g1.to_jacobian().mul_words(&a.to_words()).to_affine();
    let qb = g2.to_jacobian().mul_words(&b.to_words()).to_affine();
    let lhs = pairing(&pa, &qb);
    let rhs = fp12_pow(&base, &a.mul(&b).to_words());
    assert!(lhs.equals(&rhs));
    // e(aP, Q) = e(P, aQ).
    let qa = g2.to_jacobian().mul_words(&a.to_words()).to_affine();
    assert!(pairing(&pa, &g2).equals(&pairing(&g1, &qa)));
}

#[test]
fn affine_fresh_lines_give_the_same_pairing_product() {
    // From AFFINE_MIN_FRESH fresh pairs on, the Miller loop keeps T affine (one inversion per
    // step); after the final exponentiation the product must equal the one computed with
    // projective lines (groups below the threshold), identity pairs and a prepared pair included.
    let g1 = g1_generator().to_jacobian();
    let g2 = g2_generator().to_jacobian();
    let n = AFFINE_MIN_FRESH + 3;
    let mut pairs: Vec<(G1Affine, G2Affine)> = (0..n as u64)
        .map(|i| {
            let p = g1.mul_words(&[3 + i * 7919]).to_affine();
            let q = g2.mul_words(&[11 + i * 104729, i]).to_affine();
            (p, q)
        })
        .collect();
    pairs[4].0 = G1Affine::IDENTITY;
    pairs[9].1 = G2Affine::IDENTITY;
    let prepared_q = G2Prepared::new(&g2.mul_words(&[5]).to_affine());
    let prepared_p = g1.mul_words(&[77]).to_affine();
    let mut work: Vec<LineGeneratorSlot> = (0..n).map(|_| LineGeneratorSlot::EMPTY).collect();
    let affine = final_exponentiation(&multi_miller_loop(
        &[(prepared_p, &prepared_q)],
        &pairs,
        &mut work,
    ));
    let mut projective = final_exponentiation(&multi_miller_loop(
        &[(prepared_p, &prepared_q)],
        &[],
        &mut [],
    ));
    for chunk in pairs.chunks(AFFINE_MIN_FRESH / 2) {
        let f = multi_miller_loop(&[], chunk, &mut work[..chunk.len()]);
        projective = projective.mul(&final_exponentiation(&f));
    }
    assert!(affine.equals(&projective));
    assert!(!affine.is_one());
    // A product that is one: e(a·P, Q)·e(-P, a·Q) for each pair.
    let mut cancelling = Vec::new();
    for (i, (p, q)) in pairs.iter().take(n / 2 + 1).enumerate() {
        let a = [2 + i as u64, 1];
        let ap = p.to_jacobian().mul_words(&a).to_affine();
        let aq = q.to_jacobian().mul_words(&a).to_affine();
        cancelling.push((ap, *q));
        cancelling.push((p.neg(), aq));
    }
    assert!(cancelling.len() >= AFFINE_MIN_FRESH);
    let mut work: Vec<LineGeneratorSlot> = (0..cancelling.len())
        .map(|_| LineGeneratorSlot::EMPTY)
        .collect();
    assert!(pairing_product_is_one(&[], &cancelling, &mut work));
    cancelling[0].0 = cancelling[0].0.neg();
    assert!(!pairing_product_is_one(&[], &cancelling, &mut work));
}

#[test]
fn pairing_with_identity_is_one() {
    assert!(pairing(&G1Affine::IDENTITY, &g2_generator()).is_one());
    assert!(pairing(&g1_generator(), &G2Affine::IDENTITY).is_one());
}

#[allow(dead_code)]
fn fp12_hex(f: &Fp12) -> String {
    let mut s = String::new();
    for c in [f.c0.c0, f.c0.c1, f.c0.c2, f.c1.c0, f.c1.c1, f.c1.c2] {
        for x in [c.c0, c.c1] {
            for b in x.to_bytes_be() {
                s.push_str(&std::format!("{:02x}", b));
            }
            s.push(' ');
        }
    }
    s
}

// --- the tower's products against schoolbook multiplication in Fp2[w]/(w⁶ - ξ) ---------------

/// `Fp2` values from the extreme stored representatives (0, m, 2m - 1) and one ordinary value
/// in either coefficient.
fn edge_fp2() -> Vec<Fp2> {
    let fp = edge_representatives(Fp::MODULUS, Fp::from_raw_limbs, Fp::from_u64);
    let picks = [fp[0], fp[3], fp[5], fp[9]];
    let mut out = Vec::new();
    for a in picks.iter() {
        for b in picks.iter() {
            out.push(Fp2::new(*a, *b));
        }
    }
    out
}

/// The coefficients of `f` in powers of `w` (`w⁶ = ξ`).
fn w_coefficients(f: &Fp12) -> [Fp2; 6] {
    [f.c0.c0, f.c1.c0, f.c0.c1, f.c1.c1, f.c0.c2, f.c1.c2]
}

fn from_w_coefficients(c: &[Fp2; 6]) -> Fp12 {
    Fp12::new(
        crate::fp6::Fp6::new(c[0], c[2], c[4]),
        crate::fp6::Fp6::new(c[1], c[3], c[5]),
    )
}

/// The product in `Fp2[w]/(w⁶ - ξ)` by schoolbook multiplication: 36 `Fp2` products, none of
/// the tower's Karatsuba or combination formulas.
fn fp12_mul_schoolbook(a: &Fp12, b: &Fp12) -> Fp12 {
    let (a, b) = (w_coefficients(a), w_coefficients(b));
    let mut r = [Fp2::ZERO; 6];
    for i in 0..6 {
        for j in 0..6 {
            let p = a[i].mul(&b[j]);
            if i + j < 6 {
                r[i + j] = r[i + j].add(&p);
            } else {
                r[i + j - 6] = r[i + j - 6].add(&p.mul_by_xi());
            }
        }
    }
    from_w_coefficients(&r)
}

/// Samples for the tower products: pseudo-random elements and elements whose coefficients
/// are all one extreme representative.
fn fp12_samples() -> Vec<Fp12> {
    let mut out: Vec<Fp12> = (1..6).map(sample_fp12).collect();
    for x in edge_fp2().iter().step_by(3) {
        out.push(from_w_coefficients(&[*x; 6]));
    }
    out
}

#[test]
fn tower_products_match_schoolbook() {
    let samples = fp12_samples();
    for a in &samples {
        assert!(a.square().equals(&fp12_mul_schoolbook(a, a)));
        for b in &samples {
            let want = fp12_mul_schoolbook(a, b);
            assert!(a.mul(b).equals(&want));
            // Fp6 products: (a0 + 0w)(b0 + 0w) = a0 b0.
            let a0 = Fp12::new(a.c0, crate::fp6::Fp6::ZERO);
            let b0 = Fp12::new(b.c0, crate::fp6::Fp6::ZERO);
            assert!(Fp12::new(a.c0.mul(&b.c0), crate::fp6::Fp6::ZERO)
                .equals(&fp12_mul_schoolbook(&a0, &b0)));
        }
    }
}

#[test]
fn line_products_match_schoolbook() {
    // Normalized lines 1 + l1·w + l3·w³ and full lines l0 + l1·w + l3·w³ against the generic
    // product with the line as a dense element.
    let samples = fp12_samples();
    let coefficients = edge_fp2();
    for f in &samples {
        for (i, l1) in coefficients.iter().enumerate().step_by(2) {
            let l3 = &coefficients[(5 * i + 7) % coefficients.len()];
            let l0 = &coefficients[(3 * i + 1) % coefficients.len()];
            let line = from_w_coefficients(&[Fp2::ONE, *l1, Fp2::ZERO, *l3, Fp2::ZERO, Fp2::ZERO]);
            assert!(f
                .mul_by_normalized_line(l1, l3)
                .equals(&fp12_mul_schoolbook(f, &line)));
            let line = from_w_coefficients(&[*l0, *l1, Fp2::ZERO, *l3, Fp2::ZERO, Fp2::ZERO]);
            assert!(f
                .mul_by_line(l0, l1, l3)
                .equals(&fp12_mul_schoolbook(f, &line)));
        }
    }
}

#[test]
fn cyclotomic_square_matches_schoolbook_square() {
    // On elements of the cyclotomic subgroup (the easy part of the final exponentiation
    // applied to samples), and on a chain of cyclotomic squares.
    for seed in 1..6 {
        let f = sample_fp12(seed);
        let g = f.conjugate().mul(&f.invert());
        let mut g = g.frobenius(2).mul(&g);
        for _ in 0..4 {
            let want = fp12_mul_schoolbook(&g, &g);
            g = g.cyclotomic_square();
            assert!(g.equals(&want));
        }
    }
}

// --- G2 membership from the Miller loop's running point --------------------------------------

/// Twist points outside `G2`: the first few `x = k + (k+1)u` with a square right-hand side.
fn twist_points_outside_g2(count: usize) -> Vec<G2Affine> {
    let mut out = Vec::new();
    let mut k = 1u64;
    while out.len() < count {
        let x = Fp2::new(Fp::from_u64(k), Fp::from_u64(k + 1));
        if let Some(y) = fp2_sqrt(&x.square().mul(&x).add(&TWIST_B)) {
            out.push(Affine {
                x,
                y,
                infinity: false,
            });
        }
        k += 1;
    }
    out
}

/// A twist point of order 10069, the smallest prime factor of `#E'(Fp2)/r = 2p - r`:
/// `[(2p - r)/10069]·[r]Q` for a twist point `Q`.
fn twist_point_of_order_10069() -> G2Affine {
    // 2p - r = p + 6x².
    let mut h = big_from_dec(P_DEC);
    let mut carry = 0u128;
    for (i, w) in h.iter_mut().enumerate() {
        let v = *w as u128 + *SIX_X_SQUARED.get(i).unwrap_or(&0) as u128 + carry;
        *w = v as u64;
        carry = v >> 64;
    }
    let (cofactor, rem) = big_div_small(&h, 10069);
    assert_eq!(rem, 0);
    for q in twist_points_outside_g2(5) {
        let s = q
            .to_jacobian()
            .mul_words(&r_words())
            .mul_words(&cofactor[..4]);
        if !s.is_identity() {
            assert!(s.mul_words(&[10069]).is_identity());
            return s.to_affine();
        }
    }
    panic!("no point of order 10069 found");
}

#[test]
fn miller_loop_subgroup_check_matches_g2_in_subgroup() {
    let g2 = g2_generator().to_jacobian();
    let mut points: Vec<G2Affine> = [1u64, 2, 3, 12345, 0xdead_beef_1234]
        .iter()
        .map(|k| g2.mul_words(&[*k]).to_affine())
        .collect();
    points.extend(twist_points_outside_g2(12));
    // An element of G2 plus a point of order 10069: outside G2.
    let small = twist_point_of_order_10069();
    let mixed = g2.add_affine(&small).to_affine();
    let p = g1_generator();
    // One fresh pair: projective steps.
    for q in points.iter().chain([small, mixed].iter()) {
        let mut work = [LineGeneratorSlot::EMPTY];
        multi_miller_loop(&[], &[(p, *q)], &mut work);
        let expected = g2_in_subgroup(q);
        match work[0].subgroup_check_from_loop() {
            Some(answer) => assert_eq!(answer, expected, "{:?}", q),
            // Only a point of small order may hit an exceptional step.
            None => assert!(!expected && (q.x.equals(&small.x) || q.x.equals(&mixed.x))),
        }
    }
    // 17 and more fresh pairs: affine steps. Every slot decides, and agrees.
    let fresh: Vec<(G1Affine, G2Affine)> = points.iter().map(|q| (p, *q)).collect();
    assert!(fresh.len() >= AFFINE_MIN_FRESH);
    let mut work: Vec<LineGeneratorSlot> =
        (0..fresh.len()).map(|_| LineGeneratorSlot::EMPTY).collect();
    multi_miller_loop(&[], &fresh, &mut work);
    for ((_, q), slot) in fresh.iter().zip(work.iter()) {
        assert_eq!(slot.subgroup_check_from_loop(), Some(g2_in_subgroup(q)));
    }
    // With the small-order points among them, a slot may be undecided but never wrong.
    let mut fresh = fresh;
    fresh.push((p, small));
    fresh.push((p, mixed));
    let mut work: Vec<LineGeneratorSlot> =
        (0..fresh.len()).map(|_| LineGeneratorSlot::EMPTY).collect();
    multi_miller_loop(&[], &fresh, &mut work);
    for ((_, q), slot) in fresh.iter().zip(work.iter()) {
        if let Some(answer) = slot.subgroup_check_from_loop() {
            assert_eq!(answer, g2_in_subgroup(q));
        }
    }
    // A pair whose P is the identity is skipped: its slot cannot tell.
    let mut work = [LineGeneratorSlot::EMPTY];
    multi_miller_loop(&[], &[(G1Affine::IDENTITY, points[0])], &mut work);
    assert_eq!(work[0].subgroup_check_from_loop(), None);
}

#[test]
fn split_scalars_over_precomputed_tables_match_the_binary_multiplication() {
    // k·P = k_lo·P + k_hi·[2^128]P from the tables of P and of [2^128]P, for points with the
    // identity and repeats among them, halves zero, one, 2^128 − 1, r − 1's, and more scalars
    // than one doubling chain takes (STRAUS_HALF_CHUNK).
    let g = g1_generator().to_jacobian();
    let r = r_words();
    let base: Vec<[u64; 4]> = vec![
        [0, 0, 0, 0],
        [1, 0, 0, 0],
        [r[0] - 1, r[1], r[2], r[3]],
        [u64::MAX, u64::MAX, 0, 0],
        [0, 0, u64::MAX, u64::MAX >> 2],
        [
            0x9e37_79b9_7f4a_7c15,
            7,
            0x8000_0000_0000_0001,
            0x0123_4567_89ab_cdef,
        ],
        [15, 0, 1, 0],
    ];
    let count = 2 * STRAUS_HALF_CHUNK + 3;
    let points: Vec<G1Affine> = (0..count as u64)
        .map(|i| match i % 5 {
            1 => G1Affine::IDENTITY,
            3 => g1_generator(),
            _ => g.mul_words(&[i * 7919 + 5, i]).to_affine(),
        })
        .collect();
    let scalars: Vec<[u64; 4]> = (0..count)
        .map(|i| {
            let b = base[i % base.len()];
            [b[0] ^ ((i as u64) << 40), b[1], b[2], b[3]]
        })
        .collect();
    let mut both = Vec::new();
    let mut halves = Vec::new();
    for (p, k) in points.iter().zip(scalars.iter()) {
        let mut q = p.to_jacobian();
        for _ in 0..128 {
            q = q.double();
        }
        both.push(*p);
        both.push(q.to_affine());
        halves.push([k[0], k[1]]);
        halves.push([k[2], k[3]]);
    }
    let mut tables = vec![G1Affine::IDENTITY; 4 * both.len()];
    Jacobian::odd_multiples_table(&both, &mut tables);
    for n in [0, 1, 2, 7, STRAUS_HALF_CHUNK / 2 + 1, count] {
        let want = Jacobian::multi_mul(&points[..n], &scalars[..n], 4);
        let got = Jacobian::multi_mul_wnaf_tables(&tables[..8 * n], &halves[..2 * n]);
        assert!(got.equals(&want), "{} points", n);
    }
}
