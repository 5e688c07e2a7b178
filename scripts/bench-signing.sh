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

. "$root/scripts/lib/maven-quiet.sh"
maven_quiet "$root" -DskipTests package -pl benchmarks -am || exit 1
java ${JAVA_OPTS:-} -cp "$root/benchmarks/target/zkedge-benchmarks.jar" \
  io.zkedge.benchmarks.EvidenceSigningBenchmark "${quick[@]}"
