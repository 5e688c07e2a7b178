#!/usr/bin/env bash
# Cross-implementation check: proofs made by zkedge's prover (the Wasm module, through ./zkedge)
# must verify under tools/dalek-crosscheck, an independent Python reference of dalek's
# Bulletproofs verifier (RangeProof::verify_multiple step by step), and tampered copies must not.
#
#   1. the reference's self-test: ristretto255, Merlin and generator known answers, dalek's 16
#      golden proofs (testdata/bulletproofs/dalek-v1-range-proofs.txt) and negative controls;
#   2. `zkedge prove bulletproofs` for every n in {8,16,32,64} x m in {1,2,4,8}, values near 0 and
#      near 2^n - 1 (one JVM for all of them), and `zkedge prove range` for a few statements,
#      including a negative min and the full i64 range with 64 bits: all must verify;
#   3. the reference verifies each of them;
#   4. tampered copies of each (two flipped proof bytes, another commitment or label, swapped
#      commitments; another sensor, seq, time, min or max): all must be rejected.
#
# Prints every check, then "N passed, M failed" as the last line. Exit: 0 when nothing failed.
# Needs java, maven (./zkedge builds cli/target/zkedge.jar when it is stale) and python3 (stdlib).
# Usage: scripts/crosscheck.sh [--keep]   (--keep: leave the generated proofs in the work dir)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# The JVM decodes its arguments and encodes its output in the locale's charset: with a non-UTF-8
# locale (POSIX), a non-ASCII sensor id is garbled before it reaches the prover.
export LC_ALL=C.UTF-8
reference="$root/tools/dalek-crosscheck/crosscheck.py"
jobs=2           # reference processes (this machine has 2 cores)
# zkedge runs at a time. Each is mostly JVM start-up and Wasm compilation (a few CPU-seconds),
# so all six at once finish no later than in turns, and sooner when the machine is shared.
prove_jobs=6

keep=false
[[ "${1:-}" == "--keep" ]] && keep=true
work="$(mktemp -d "${TMPDIR:-/tmp}/zkedge-crosscheck.XXXXXX")"
if $keep; then
  echo "work dir: $work"
else
  trap 'rm -rf "$work"' EXIT
fi

passed=0
failed=0
# Adds the "N passed, M failed" last line of a reference run to the totals.
count() {
  local summary
  summary="$(tail -n 1 "$1")"
  if [[ "$summary" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    passed=$((passed + BASH_REMATCH[1]))
    failed=$((failed + BASH_REMATCH[2]))
  else
    echo "FAIL  the reference did not finish: $summary"
    failed=$((failed + 1))
  fi
}

start=$SECONDS

echo "== 0. build"
# ./zkedge rebuilds cli/target/zkedge.jar whenever a source is newer than it. Build it once here,
# then run a copy of it: several ./zkedge started together would each start a build when the
# tree changes under them (and one would read the jar while another rewrites it).
zkedge() { java -jar "$work/zkedge.jar" "$@"; }
if ! { ./zkedge --help >/dev/null && cp cli/target/zkedge.jar "$work/zkedge.jar" && zkedge --help >/dev/null; }; then
  echo "FAIL  could not build or run cli/target/zkedge.jar"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "zkedge jar ready after $((SECONDS - start)) s"

# The reference's self-test runs while zkedge makes the proofs.
python3 "$reference" --selftest >"$work/selftest.out" 2>&1 &

# Plain dalek proofs: n x m, values near 0 (0, 1, 2, 0, ...) and near 2^n - 1.
python3 - >"$work/requests.txt" <<'EOF'
for n in (8, 16, 32, 64):
    for m in (1, 2, 4, 8):
        top = (1 << n) - 1
        print(n, ",".join(str(j % 3) for j in range(m)), f"zkedge crosscheck n={n} m={m} low")
        print(n, ",".join(str(top - j % 3) for j in range(m)), f"zkedge crosscheck n={n} m={m} high")
EOF

# zkedge range statements: bits min max value sensor seq time
# (Each ./zkedge run is a JVM start and a Wasm compile, several seconds: keep this list short.)
range_cases=(
  "8 -10 100 100 sensor-a 1 -1"
  "16 -40000 25535 -40000 sensor-b 42 1764000000000"
  "32 -2147483648 2147483647 -1 ünïcødé-sensor 18446744073709551615 -9223372036854775808"
  "64 -9223372036854775808 9223372036854775807 -9223372036854775808 sensor-d 0 9223372036854775807"
  "64 -9223372036854775808 9223372036854775807 9223372036854775807 sensor-e 7 0"
)

prove_failures=0
# Runs "$@" in the background with stdout to $out_file (stderr to .err, exit code to .rc), with
# at most $prove_jobs background jobs at a time.
declare -a names=() outs=()
launch() {
  local name="$1" out_file="$2"
  shift 2
  while (($(jobs -rp | wc -l) >= prove_jobs)); do wait -n || true; done
  ( rc=0; "$@" >"$out_file" 2>"$out_file.err" || rc=$?; echo "$rc" >"$out_file.rc" ) &
  names+=("$name")
  outs+=("$out_file")
}

launch "prove bulletproofs --requests (32 proofs)" "$work/bulletproofs.jsonl" \
  zkedge prove bulletproofs --requests "$work/requests.txt"
i=0
for case in "${range_cases[@]}"; do
  read -r bits min max value sensor seq time <<<"$case"
  launch "prove range $case" "$work/range-$i.jsonl" \
    zkedge prove range --value "$value" --min "$min" --max "$max" --bits "$bits" \
      --sensor "$sensor" --seq "$seq" --time "$time"
  i=$((i + 1))
done
wait
echo "== 1. reference self-test (known answers, dalek's golden proofs, negative controls)"
cat "$work/selftest.out"
count "$work/selftest.out"

echo "== 2. proofs from zkedge's prover"
for k in "${!outs[@]}"; do
  if [[ "$(cat "${outs[$k]}.rc" 2>/dev/null)" != 0 ]]; then
    echo "FAIL  zkedge ${names[$k]} (exit $(cat "${outs[$k]}.rc" 2>/dev/null || echo '?'))"
    sed 's/^/      /' "${outs[$k]}.err" | head -n 5
    prove_failures=$((prove_failures + 1))
  fi
done
failed=$((failed + prove_failures))
cat "$work/bulletproofs.jsonl" "$work"/range-*.jsonl >"$work/proofs.jsonl"
echo "made $(wc -l <"$work/proofs.jsonl") proofs in $((SECONDS - start)) s"

echo "== 3. the reference verifies every proof from zkedge (expect valid) [at $((SECONDS - start)) s]"
python3 "$reference" --jobs "$jobs" --expect valid "$work/proofs.jsonl" | tee "$work/valid.out" || true
count "$work/valid.out"

echo "== 4. ... and rejects every tampered copy (expect rejected) [at $((SECONDS - start)) s]"
python3 "$reference" --tamper "$work/proofs.jsonl" >"$work/tampered.jsonl"
python3 "$reference" --jobs "$jobs" "$work/tampered.jsonl" | tee "$work/tampered.out" || true
count "$work/tampered.out"

echo "== done in $((SECONDS - start)) s"
echo "$passed passed, $failed failed"
((failed == 0))
