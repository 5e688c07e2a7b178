#!/usr/bin/env bash
# Runs every default test: the Wasm artifacts are rebuilt and compared byte for byte with the
# committed ones, the Rust workspace is tested natively, and the Maven reactor runs its tests
# (which load the committed Wasm modules under Chicory). Sets up what it needs (apt-get for the
# wasm32 toolchain, Maven downloads on first run). Long benchmarks are separate: scripts/bench-*.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

echo "== Wasm artifacts: reproducible build check"
scripts/build-verifiers.sh --check

echo "== Rust: cargo test (native)"
(cd verifiers && cargo test --release --locked --workspace --exclude zkedge-bench 2>&1)

echo "== Java: mvn test"
mvn -B -ntp test

echo "== Cross-check: proofs made by zkedge verify under the independent Python reference"
scripts/crosscheck.sh
