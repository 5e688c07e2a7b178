#!/usr/bin/env bash
# Runs every default test: the Wasm artifacts are rebuilt and compared byte for byte with the
# committed ones, the Rust workspace is tested natively, and the Maven reactor runs its tests
# (which load the committed Wasm modules under Chicory). Sets up what it needs (apt-get for the
# wasm32 toolchain, Maven downloads on first run). Long benchmarks are separate: scripts/bench-*.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# Tools some tests need and a fresh machine may lack: Node (the Groth16 Wasm check, snarkjs and the
# Groth16 gateway prover) and Chromium (rendering the audit report). Tests that need them would
# otherwise skip.
missing=()
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
if ((${#missing[@]})); then
  echo "== installing ${missing[*]} (apt-get)"
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "== Wasm artifacts: reproducible build check"
scripts/build-verifiers.sh --check

echo "== Groth16 circuit: reproducible compile and setup, snarkjs checks of the test data"
scripts/build-circuits.sh --check

echo "== Rust: cargo test (native)"
(cd verifiers && cargo test --release --locked --workspace --exclude zkedge-bench 2>&1)

echo "== Java: mvn test"
mvn -B -ntp test

echo "== Cross-check: proofs made by zkedge verify under the independent Python reference"
scripts/crosscheck.sh
