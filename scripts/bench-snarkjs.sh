#!/usr/bin/env bash
# Benchmarks snarkjs 0.7.6 Groth16 verification in-process (warm), as the reference the Groth16
# Wasm verifier is compared with. Verifies the valid proofs of testdata/groth16-sensor/ in a loop
# and prints JSON lines:
#   {"bench":"snarkjs_groth16_verify","ms_per_verify":…,"n":…,…}
#
#   scripts/bench-snarkjs.sh            5 rounds of 200 verifies after 20 warm-up verifies
#   scripts/bench-snarkjs.sh --quick    3 rounds of 30
#
# Installs the pinned npm toolchain first when it is missing (scripts/build-circuits.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds=5 per_round=200
for arg in "$@"; do
  case "$arg" in
    --quick) rounds=3 per_round=30 ;;
    *) echo "usage: scripts/bench-snarkjs.sh [--quick]" >&2; exit 2 ;;
  esac
done
if [[ ! -f "$root/circuits/node_modules/snarkjs/build/main.cjs" ]]; then
  (cd "$root/circuits" && npm ci --no-audit --no-fund --ignore-scripts >&2)
fi
exec node "$root/scripts/lib/bench-snarkjs.cjs" "$root/testdata/groth16-sensor" "$rounds" "$per_round"
