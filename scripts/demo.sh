#!/usr/bin/env bash
# ./zkedge demo [--flag value ...]: the embedded demo (Kafka broker, Flink MiniCluster with web UI
# and Prometheus metrics, the verification job, a simulated gateway) in one JVM; --help lists the
# flags. Builds the demo module first when it is missing or older than its sources (the first
# build downloads Flink and Kafka from Maven Central), then runs io.zkedge.demo.DemoMain from the
# module's class path (demo/target/classpath.txt; no fat jar). Logs go to run/demo/demo.log.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/demo-runtime.sh"

ensure_demo_built "zkedge demo"
run_demo_main "$root/run/demo/demo.log" io.zkedge.demo.DemoMain "$@"
