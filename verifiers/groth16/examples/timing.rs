#[repr(C)] struct Ts { s: i64, ns: i64 }
extern "C" { fn clock_gettime(c: i32, t: *mut Ts) -> i32; }
#[derive(Clone, Copy)] struct Instant(i64);
impl Instant { fn now() -> Instant { let mut t = Ts { s: 0, ns: 0 }; unsafe { clock_gettime(3, &mut t); } Instant(t.s * 1_000_000_000 + t.ns) }
  fn elapsed(&self) -> D { D(Instant::now().0 - self.0) } }
struct D(i64);
impl D { fn as_secs_f64(&self) -> f64 { self.0 as f64 / 1e9 } fn as_nanos(&self) -> i64 { self.0 } }
use zkedge_groth16::verify::verify_encoded;
use zkedge_groth16::PreparedKey;
use zkedge_bn254::*;
fn hex(s: &str) -> Vec<u8> { (0..s.len()/2).map(|i| u8::from_str_radix(&s[2*i..2*i+2],16).unwrap()).collect() }
fn main() {
    let text = std::fs::read_to_string("../testdata/groth16/mulsum.txt").unwrap();
    let mut vk = vec![]; let mut proofs = vec![];
    for l in text.lines().filter(|l| !l.starts_with('#')) { let p: Vec<&str> = l.split(' ').collect(); if p[0]=="vk" { vk = hex(p[1]); } else { proofs.push((hex(p[1]), hex(p[2]))); } }
    let key = Box::new(PreparedKey::from_key_bytes(&vk).unwrap());
    let t = Instant::now(); let n = 50;
    for k in 0..n { let (p, i) = &proofs[k % 8]; verify_encoded(&key, p, i); }
    println!("single verify {:.3} ms", t.elapsed().as_secs_f64() * 1e3 / n as f64);
    let a = Fp::from_u64(12345).invert(); let mut x = a;
    let t = Instant::now(); for _ in 0..1_000_000 { x = x.mul(&a); }
    println!("fp mul {:.1} ns {:?}", t.elapsed().as_nanos() as f64 / 1e6, x.is_zero());
    let t = Instant::now(); for _ in 0..1_000_000 { x = x.square(); }
    println!("fp sqr {:.1} ns {:?}", t.elapsed().as_nanos() as f64 / 1e6, x.is_zero());
    let t = Instant::now(); for _ in 0..1_000_000 { x = x.add(&a); }
    println!("fp add {:.1} ns {:?}", t.elapsed().as_nanos() as f64 / 1e6, x.is_zero());
    let g1 = g1_generator(); let g2 = g2_generator();
    let t = Instant::now(); for _ in 0..10 { pairing(&g1, &g2); }
    println!("pairing {:.3} ms", t.elapsed().as_secs_f64() * 1e3 / 10.0);
    let mut w = [LineGeneratorSlot::EMPTY];
    let t = Instant::now(); let mut f = Fp12::ONE; for _ in 0..10 { f = multi_miller_loop(&[], &[(g1, g2)], &mut w); }
    println!("miller {:.3} ms", t.elapsed().as_secs_f64() * 1e3 / 10.0);
    let t = Instant::now(); for _ in 0..10 { final_exponentiation(&f); }
    println!("final exp {:.3} ms", t.elapsed().as_secs_f64() * 1e3 / 10.0);
    let t = Instant::now(); for _ in 0..10 { curve::g2_in_subgroup(&g2); }
    println!("g2 subgroup {:.3} ms", t.elapsed().as_secs_f64() * 1e3 / 10.0);
    let p = G2Prepared::new(&g2);
    let t = Instant::now(); for _ in 0..10 { multi_miller_loop(&[(g1, &p)], &[], &mut []); }
    println!("miller prepared {:.3} ms", t.elapsed().as_secs_f64() * 1e3 / 10.0);
}
