#!/usr/bin/env bash
# scripts/bench-pipeline.sh [--quick] [--flag value ...]: pipeline benchmark. Runs the real
# verification job on a Flink MiniCluster with the embedded Kafka broker at parallelism = core
# count (nproc), next to the raw batched verifier on as many threads, in one JVM, and prints one
# JSON object on stdout (progress on stderr; Kafka/Flink logs to run/bench/bench.log).
# Default run 5-8 min, --quick 2-3 min (the steady-state phase waits for the JIT to settle). --help lists the flags.
# Uses the demo module's class path (scripts/lib/demo-runtime.sh), as scripts/demo.sh does.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/demo-runtime.sh"

ensure_demo_built "bench-pipeline"
run_demo_main "$root/run/bench/bench.log" io.zkedge.demo.bench.PipelineBench --parallelism "$(nproc)" "$@"
