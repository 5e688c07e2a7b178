#!/usr/bin/env bash
# scripts/bench-signing.sh [--quick]: what signing costs per verdict when one Ed25519 signature
# covers 1, 4, 16, 64, 256 or 1024 verdicts (a Merkle root, docs/evidence.md), and what verifying
# them costs an auditor. One JSON object per line on stdout (io.zkedge.benchmarks.EvidenceSigningBenchmark).
# About a minute; --quick about 20 s.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
quick=()
case "${1:-}" in
  "") ;;
  --quick) quick=(--quick) ;;
  *) echo "usage: scripts/bench-signing.sh [--quick]" >&2; exit 2 ;;
esac

log="$(mktemp "${TMPDIR:-/tmp}/bench-signing-mvn.XXXXXX")"
if ! (cd "$root" && mvn -q -B -ntp -DskipTests package -pl benchmarks -am) >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  exit 1
fi
rm -f "$log"
java ${JAVA_OPTS:-} -cp "$root/benchmarks/target/zkedge-benchmarks.jar" \
  io.zkedge.benchmarks.EvidenceSigningBenchmark "${quick[@]}"
