#!/usr/bin/env bash
# Benchmarks the Bulletproofs verifier and prover: native Rust and Wasm under Chicory, in one run,
# so that the ratios hold on a noisy machine.
#
#   scripts/bench-verifiers.sh            full run (about 6-8 minutes on 2 cores)
#   scripts/bench-verifiers.sh --quick    about 2 minutes, fewer and shorter samples
#
# Builds what is needed first: the Wasm modules (scripts/build-verifiers.sh, which leaves
# verifiers/dist unchanged when it is current), the native benchmark (verifiers/bench) and the
# Chicory benchmark (benchmarks/, a Maven module). Then runs native, Chicory (compiled, and the
# interpreter for n = 8), and native again; prints every JSON line, then summary lines with the
# ratios the goals of issue 2 are stated in. Native figures in the summary average both passes.
# Extra JVM options: JAVA_OPTS. The raw lines are also kept in benchmarks/target/bench-verifiers.jsonl.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
quick=()
for arg in "$@"; do
  case "$arg" in
    --quick) quick=(--quick) ;;
    *) echo "usage: scripts/bench-verifiers.sh [--quick]" >&2; exit 2 ;;
  esac
done

echo "bench-verifiers: building the Wasm modules, the native benchmark and the Chicory benchmark" >&2
"$root/scripts/build-verifiers.sh" >/dev/null
(cd "$root/verifiers" && cargo build --release --locked -q -p zkedge-bench)
log="$(mktemp "${TMPDIR:-/tmp}/bench-verifiers-mvn.XXXXXX")"
if ! (cd "$root" && mvn -q -B -ntp -DskipTests package -pl benchmarks -am) >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  exit 1
fi
rm -f "$log"

mkdir -p "$root/benchmarks/target"
lines="$root/benchmarks/target/bench-verifiers.jsonl"
: >"$lines"
native="$root/verifiers/target/release/zkedge-bench"

echo "bench-verifiers: native, pass 1" >&2
"$native" "${quick[@]}" --pass 1 | tee -a "$lines"
echo "bench-verifiers: Chicory" >&2
# A guest call runs deep in the JVM stack (one frame per Wasm call); give the main thread room.
(cd "$root" && java -Xss16m ${JAVA_OPTS:-} -jar benchmarks/target/zkedge-benchmarks.jar "${quick[@]}" \
    --dist verifiers/dist) | tee -a "$lines"
echo "bench-verifiers: native, pass 2" >&2
"$native" "${quick[@]}" --pass 2 | tee -a "$lines"

python3 - "$lines" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]

def ns(engine, op, statement, n, batch=None):
    vals = [r["ns_per_proof"] for r in rows
            if r["engine"] == engine and r["op"] == op and r["statement"] == statement
            and r["n"] == n and r.get("batch") == batch and "ns_per_proof" in r]
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
PY
