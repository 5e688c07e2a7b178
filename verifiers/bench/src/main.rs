//! Native timings of the exact code the Wasm modules run (`verify_request`, `prove_request`), so
//! that `scripts/bench-verifiers.sh` can put Wasm-under-Chicory next to native in one run.
//!
//! Prints one JSON object per line:
//! `{"engine":"native","op":"verify","statement":"range","n":64,"m":2,"batch":1,"ns_per_proof":…}`.
//! Requests are built with the same encoding and seeds as the Java benchmark.
//!
//! Groth16 lines (`"statement":"groth16"`, `zk_groth16_verify_batch`'s core on the snarkjs
//! vectors of `testdata/groth16`) also carry `"cpu_ns_per_proof"`: the thread's CPU time per proof
//! (from `/proc/thread-self/schedstat`, over the whole sampling loop: a mean, since schedstat
//! advances too coarsely to time one call), steadier than wall time on a shared machine.

use std::time::Instant;

use zkedge_bulletproofs::generators::{BulletproofGens, PedersenGens};
use zkedge_bulletproofs_prover::prove_request;
use zkedge_bulletproofs_verifier::{verify_request, Buffers, VALID};

const SENSOR: &[u8] = b"bench-sensor";

fn range_prove_request(bits: u8, seq: u64) -> Vec<u8> {
    let mut r = vec![2u8, bits];
    r.extend_from_slice(&20i64.to_le_bytes()); // value
    r.extend_from_slice(&0i64.to_le_bytes()); // min
    r.extend_from_slice(&100i64.to_le_bytes()); // max
    r.extend_from_slice(&(SENSOR.len() as u16).to_le_bytes());
    r.extend_from_slice(SENSOR);
    r.extend_from_slice(&seq.to_le_bytes());
    r.extend_from_slice(&1_763_900_000_000i64.to_le_bytes());
    r
}

fn raw_prove_request(bits: u8) -> Vec<u8> {
    let label = b"bench";
    let mut r = vec![1u8, bits, 1];
    r.extend_from_slice(&(label.len() as u16).to_le_bytes());
    r.extend_from_slice(label);
    r.extend_from_slice(&7u64.to_le_bytes());
    let mut blinding = [0u8; 32];
    blinding[0] = 42;
    r.extend_from_slice(&blinding);
    r
}

/// One verify statement built from a proof output.
fn statement(kind: &str, bits: u8, seq: u64, output: &[u8]) -> Vec<u8> {
    let mut s = Vec::new();
    if kind == "raw" {
        let label = b"bench";
        s.extend_from_slice(&[1u8, bits, 1]);
        s.extend_from_slice(&(label.len() as u16).to_le_bytes());
        s.extend_from_slice(label);
        s.extend_from_slice(&output[..32]);
        s.extend_from_slice(&((output.len() - 32) as u32).to_le_bytes());
        s.extend_from_slice(&output[32..]);
    } else {
        s.extend_from_slice(&[2u8, bits]);
        s.extend_from_slice(&output[..32]);
        s.extend_from_slice(&0i64.to_le_bytes());
        s.extend_from_slice(&100i64.to_le_bytes());
        s.extend_from_slice(&(SENSOR.len() as u16).to_le_bytes());
        s.extend_from_slice(SENSOR);
        s.extend_from_slice(&seq.to_le_bytes());
        s.extend_from_slice(&1_763_900_000_000i64.to_le_bytes());
        s.extend_from_slice(&((output.len() - 64) as u32).to_le_bytes());
        s.extend_from_slice(&output[64..]);
    }
    s
}

/// `"ns_per_proof":median,"min_ns_per_proof":min` (the minimum is the steadier figure when
/// other work shares the machine).
fn figures(samples: &mut [f64]) -> String {
    samples.sort_by(|a, b| a.partial_cmp(b).unwrap());
    format!(
        r#""ns_per_proof":{:.0},"min_ns_per_proof":{:.0}"#,
        samples[samples.len() / 2],
        samples[0]
    )
}

/// Usage: `zkedge-bench [--quick] [--pass N] [--bits 8,64] [--system all|bulletproofs|groth16]`. `--pass N` adds `"pass":N` to every line (the
/// bench script runs the native benchmark before and after the Chicory one).
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = args.iter().any(|a| a == "--quick");
    let tag = match args.iter().position(|a| a == "--pass") {
        Some(i) => format!(
            r#""pass":{},"#,
            args[i + 1].parse::<u32>().expect("--pass N")
        ),
        None => String::new(),
    };
    let bits: Vec<u8> = match args.iter().position(|a| a == "--bits") {
        Some(i) => args[i + 1]
            .split(',')
            .map(|b| b.parse().expect("--bits 8,64"))
            .collect(),
        None => vec![8, 16, 32, 64],
    };
    let system = match args.iter().position(|a| a == "--system") {
        Some(i) => args[i + 1].clone(),
        None => "all".to_string(),
    };
    // The generator table and verifier buffers are large; run on a big stack.
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            if system != "groth16" {
                run(quick, &tag, &bits);
            }
            if system != "bulletproofs" {
                groth16::run(quick, &tag);
            }
        })
        .unwrap()
        .join()
        .unwrap();
}

fn run(quick: bool, tag: &str, all_bits: &[u8]) {
    let bp_gens = Box::new(BulletproofGens::new());
    let pc_gens = PedersenGens::default();
    let mut buffers = Buffers::new_boxed();
    let mut out = vec![0u8; 4096];
    let budget_ns = if quick { 2e8 } else { 1e9 };

    for &bits in all_bits {
        for kind in ["raw", "range"] {
            let m = if kind == "raw" { 1 } else { 2 };
            // prove
            let request = if kind == "raw" {
                raw_prove_request(bits)
            } else {
                range_prove_request(bits, 0)
            };
            let mut samples = Vec::new();
            let start = Instant::now();
            while samples.len() < 3
                || (start.elapsed().as_nanos() as f64) < budget_ns / 2.0 && samples.len() < 200
            {
                let t = Instant::now();
                let len = prove_request(
                    &bp_gens,
                    &pc_gens,
                    &request,
                    &[samples.len() as u8; 32],
                    &mut out,
                );
                samples.push(t.elapsed().as_nanos() as f64);
                assert!(len > 0, "prove failed: {len}");
            }
            println!(
                r#"{{"engine":"native",{tag}"op":"prove","statement":"{kind}","n":{bits},"m":{m},{}}}"#,
                figures(&mut samples)
            );

            // verify at each batch size
            let batches: &[usize] = if kind == "range" {
                &[1, 4, 16, 64, 256]
            } else {
                &[1]
            };
            let max_batch = *batches.last().unwrap();
            // Distinct proofs; larger batches cycle through them (the work per proof is the same).
            let distinct = if quick { 32 } else { max_batch };
            let mut statements = Vec::new();
            for seq in 0..distinct as u64 {
                let request = if kind == "raw" {
                    raw_prove_request(bits)
                } else {
                    range_prove_request(bits, seq)
                };
                let len = prove_request(
                    &bp_gens,
                    &pc_gens,
                    &request,
                    &[(seq % 251) as u8 + 1; 32],
                    &mut out,
                ) as usize;
                statements.push(statement(kind, bits, seq, &out[..len]));
            }
            for &batch in batches {
                let mut request = (batch as u32).to_le_bytes().to_vec();
                for k in 0..batch {
                    request.extend_from_slice(&statements[k % statements.len()]);
                }
                let mut statuses = vec![0xffu8; batch];
                let mut samples = Vec::new();
                let start = Instant::now();
                while samples.len() < 3
                    || (start.elapsed().as_nanos() as f64) < budget_ns && samples.len() < 500
                {
                    let t = Instant::now();
                    let count = verify_request(
                        &bp_gens,
                        &pc_gens,
                        &mut buffers,
                        &request,
                        &[samples.len() as u8; 32],
                        &mut statuses,
                    );
                    samples.push(t.elapsed().as_nanos() as f64 / batch as f64);
                    assert_eq!(count as usize, batch);
                    assert!(
                        statuses.iter().all(|s| *s == VALID),
                        "statuses {statuses:?}"
                    );
                }
                println!(
                    r#"{{"engine":"native",{tag}"op":"verify","statement":"{kind}","n":{bits},"m":{m},"batch":{batch},{}}}"#,
                    figures(&mut samples)
                );
            }
        }
    }
}

/// Groth16: single verification and batches of 1, 4, 16, 64 and 256 proofs of one key.
mod groth16 {
    use std::time::Instant;

    use zkedge_groth16_verifier::{prepare_key, prepared_len, verify_request, Buffers, VALID};

    const VECTORS: &str = include_str!("../../../testdata/groth16/mulsum.txt");

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len() / 2)
            .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
            .collect()
    }

    /// CPU time of this thread in ns (`/proc/thread-self/schedstat`, first field).
    fn thread_cpu_ns() -> f64 {
        std::fs::read_to_string("/proc/thread-self/schedstat")
            .ok()
            .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
            .unwrap_or(f64::NAN)
    }

    pub fn run(quick: bool, tag: &str) {
        let mut vk = Vec::new();
        let mut entries = Vec::new();
        for line in VECTORS.lines().filter(|l| !l.starts_with('#')) {
            let parts: Vec<&str> = line.split(' ').collect();
            if parts[0] == "vk" {
                vk = hex(parts[1]);
            } else {
                let mut e = hex(parts[1]);
                let inputs = hex(parts[2]);
                e.extend_from_slice(&((inputs.len() / 32) as u32).to_le_bytes());
                e.extend_from_slice(&inputs);
                entries.push(e);
            }
        }
        let mut buffers = Buffers::new_boxed();
        let mut key = vec![0u8; prepared_len(2) as usize];
        let t = Instant::now();
        assert!(prepare_key(&mut buffers, &vk, &mut key) > 0);
        println!(
            r#"{{"engine":"native",{tag}"op":"prepare-key","statement":"groth16","n_public":2,"ns":{:.0}}}"#,
            t.elapsed().as_nanos() as f64
        );
        let budget_ns = if quick { 3e8 } else { 2e9 };
        for batch in [1usize, 4, 16, 64, 256] {
            let mut request = (batch as u32).to_le_bytes().to_vec();
            for k in 0..batch {
                request.extend_from_slice(&entries[k % entries.len()]);
            }
            let mut statuses = vec![0xffu8; batch];
            let mut wall = Vec::new();
            let start = Instant::now();
            // CPU time over the whole loop: schedstat advances at scheduler ticks, so per-call
            // readings of a ~1.5 ms call are mostly zero (their median was 0).
            let cpu_start = thread_cpu_ns();
            while wall.len() < 3
                || (start.elapsed().as_nanos() as f64) < budget_ns && wall.len() < 300
            {
                let t = Instant::now();
                let count = verify_request(
                    &mut buffers,
                    &key,
                    &request,
                    &[wall.len() as u8; 32],
                    &mut statuses,
                );
                wall.push(t.elapsed().as_nanos() as f64 / batch as f64);
                assert_eq!(count as usize, batch);
                assert!(
                    statuses.iter().all(|s| *s == VALID),
                    "statuses {statuses:?}"
                );
            }
            let cpu = (thread_cpu_ns() - cpu_start) / (wall.len() * batch) as f64;
            println!(
                r#"{{"engine":"native",{tag}"op":"verify","statement":"groth16","n_public":2,"batch":{batch},{},"cpu_ns_per_proof":{:.0}}}"#,
                super::figures(&mut wall),
                cpu
            );
        }
    }
}
