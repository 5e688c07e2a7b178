#!/usr/bin/env bash
# Benchmarks the Bulletproofs verifier and prover and the Groth16 verifier: native Rust and Wasm
# under Chicory, and snarkjs for Groth16, in one run, so that the ratios hold on a noisy machine.
#
#   scripts/bench-verifiers.sh            full run (Bulletproofs alone took 6-8 minutes on 2 cores;
#                                         the Groth16 cases add a few minutes)
#   scripts/bench-verifiers.sh --quick    fewer and shorter samples (15 minutes with the build
#                                         at a load average of 18; much less on a quiet machine)
#   scripts/bench-verifiers.sh --system groth16   only one proof system (all, bulletproofs, groth16)
#
# Builds what is needed first: the Wasm modules (scripts/build-verifiers.sh, which leaves
# verifiers/dist unchanged when it is current), the native benchmark (verifiers/bench) and the
# Chicory benchmark (benchmarks/, a Maven module). Then runs native, Chicory (compiled, and the
# interpreter for n = 8), snarkjs groth16.verify in-process (scripts/bench-snarkjs.sh), and native
# again; prints every JSON line, then summary lines with the ratios the goals of issues 2
# (Bulletproofs) and 7 (Groth16) are stated in. Native figures in the summary average both passes.
# Groth16 summaries give wall-time and thread-CPU-time ratios: on a shared machine the CPU time is
# the steadier one.
# Extra JVM options: JAVA_OPTS. The raw lines are also kept in benchmarks/target/bench-verifiers.jsonl.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
quick=()
system=all
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=(--quick) ;;
    --system)
      system="${2:-}"
      shift
      [[ "$system" =~ ^(all|bulletproofs|groth16)$ ]] || {
        echo "bench-verifiers: --system must be all, bulletproofs or groth16" >&2; exit 2; } ;;
    *) echo "usage: scripts/bench-verifiers.sh [--quick] [--system all|bulletproofs|groth16]" >&2; exit 2 ;;
  esac
  shift
done

echo "bench-verifiers: building the Wasm modules, the native benchmark and the Chicory benchmark" >&2
"$root/scripts/build-verifiers.sh" >/dev/null
(cd "$root/verifiers" && cargo build --release --locked -q -p zkedge-bench)
. "$root/scripts/lib/maven-quiet.sh"
maven_quiet "$root" -DskipTests package -pl benchmarks -am || exit 1

mkdir -p "$root/benchmarks/target"
lines="$root/benchmarks/target/bench-verifiers.jsonl"
: >"$lines"
native="$root/verifiers/target/release/zkedge-bench"

echo "bench-verifiers: native, pass 1" >&2
"$native" "${quick[@]}" --system "$system" --pass 1 | tee -a "$lines"
echo "bench-verifiers: Chicory" >&2
# A guest call runs deep in the JVM stack (one frame per Wasm call); give the main thread room.
(cd "$root" && java -Xss16m ${JAVA_OPTS:-} -jar benchmarks/target/zkedge-benchmarks.jar "${quick[@]}" \
    --dist verifiers/dist --system "$system") | tee -a "$lines"
if [[ "$system" != bulletproofs ]]; then
  echo "bench-verifiers: snarkjs groth16.verify (Node, in-process)" >&2
  "$root/scripts/bench-snarkjs.sh" "${quick[@]}" | tee -a "$lines"
fi
echo "bench-verifiers: native, pass 2" >&2
"$native" "${quick[@]}" --system "$system" --pass 2 | tee -a "$lines"

python3 - "$lines" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
rows = [r for r in lines if "engine" in r]
snarkjs = [r for r in lines if r.get("bench") == "snarkjs_groth16_verify" and "summary" in r]

def ns(engine, op, statement, n, batch=None):
    vals = [r["ns_per_proof"] for r in rows
            if r["engine"] == engine and r["op"] == op and r["statement"] == statement
            and r.get("n") == n and r.get("batch") == batch and "ns_per_proof" in r]
    return sum(vals) / len(vals) if vals else None

def out(obj):
    print(json.dumps(dict({"summary": True}, **obj), separators=(",", ":")))

for statement, m in (("raw", 1), ("range", 2)):
    for n in (8, 16, 32, 64):
        c = ns("chicory-compiled", "verify", statement, n, 1)
        nat = ns("native", "verify", statement, n, 1)
        if c and nat:
            out({"metric": "chicory_over_native_single_verify", "statement": statement, "n": n, "m": m,
                 "chicory_ns": round(c), "native_ns": round(nat), "ratio": round(c / nat, 3), "goal": 1.25})
for engine in ("native", "chicory-compiled"):
    for n in (8, 16, 32, 64):
        single = ns(engine, "verify", "range", n, 1)
        b64 = ns(engine, "verify", "range", n, 64)
        if single and b64:
            out({"metric": "batch64_speedup", "engine": engine, "statement": "range", "n": n, "m": 2,
                 "single_ns": round(single), "batch64_ns_per_proof": round(b64),
                 "speedup": round(single / b64, 2), "goal": 5})
c64 = ns("chicory-compiled", "verify", "raw", 64, 1)
if c64:
    out({"metric": "chicory_single_verify_64bit", "statement": "raw", "n": 64, "m": 1,
         "ms": round(c64 / 1e6, 3), "goal_ms": 1.5})

# Groth16: the snarkjs vectors of testdata/groth16 (n_public 2) natively and under Chicory; the
# sensor proofs (n_public 6) under Chicory and snarkjs.
def g16(engine, n_public, batch, field="ns_per_proof"):
    vals = [r[field] for r in rows
            if r["engine"] == engine and r["op"] == "verify" and r["statement"] == "groth16"
            and r.get("n_public") == n_public and r.get("batch") == batch and field in r]
    return sum(vals) / len(vals) if vals else None

c, nat = g16("chicory-compiled", 2, 1), g16("native", 2, 1)
c_cpu, nat_cpu = g16("chicory-compiled", 2, 1, "cpu_ns_per_proof"), g16("native", 2, 1, "cpu_ns_per_proof")
if c and nat:
    out({"metric": "groth16_chicory_over_native_single_verify", "n_public": 2,
         "chicory_ms": round(c / 1e6, 3), "native_ms": round(nat / 1e6, 3), "ratio": round(c / nat, 3),
         "chicory_cpu_ms": round(c_cpu / 1e6, 3) if c_cpu else None,
         "native_cpu_ms": round(nat_cpu / 1e6, 3) if nat_cpu else None,
         "cpu_ratio": round(c_cpu / nat_cpu, 3) if c_cpu and nat_cpu else None, "goal": 1.3})
c6, c6_cpu = g16("chicory-compiled", 6, 1), g16("chicory-compiled", 6, 1, "cpu_ns_per_proof")
if c6 and snarkjs:
    s = snarkjs[-1]
    out({"metric": "groth16_snarkjs_over_chicory_single_verify", "n_public": 6,
         "snarkjs_ms": s["ms_per_verify"], "chicory_ms": round(c6 / 1e6, 3),
         "speedup": round(s["ms_per_verify"] * 1e6 / c6, 2),
         "snarkjs_cpu_ms": s["cpu_ms_per_verify"], "chicory_cpu_ms": round(c6_cpu / 1e6, 3),
         "cpu_speedup": round(s["cpu_ms_per_verify"] * 1e6 / c6_cpu, 2), "goal": 10})
for engine in ("native", "chicory-compiled"):
    per_batch = {b: g16(engine, 2, b) for b in (1, 4, 16, 64, 256)}
    per_batch_cpu = {b: g16(engine, 2, b, "cpu_ns_per_proof") for b in (1, 4, 16, 64, 256)}
    if per_batch[1] and per_batch[64]:
        out({"metric": "groth16_batch_per_proof", "engine": engine, "n_public": 2,
             "ms_per_proof": {str(b): round(v / 1e6, 3) for b, v in per_batch.items() if v},
             "cpu_ms_per_proof": {str(b): round(v / 1e6, 3) for b, v in per_batch_cpu.items() if v}})
        out({"metric": "groth16_batch64_speedup", "engine": engine, "n_public": 2,
             "single_ms": round(per_batch[1] / 1e6, 3), "batch64_ms_per_proof": round(per_batch[64] / 1e6, 3),
             "speedup": round(per_batch[1] / per_batch[64], 2),
             "cpu_speedup": round(per_batch_cpu[1] / per_batch_cpu[64], 2)
                 if per_batch_cpu[1] and per_batch_cpu[64] else None, "goal": 3})
PY
