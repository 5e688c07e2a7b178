#!/usr/bin/env bash
# ./zkedge demo [--flag value ...]: the embedded demo (Kafka broker, Flink MiniCluster with web UI
# and Prometheus metrics, the verification job, a simulated gateway with Bulletproofs and Groth16
# sensors) in one JVM; --help lists the flags. Builds the demo module first when it is missing or
# older than its sources (the first build downloads Flink and Kafka from Maven Central), and the
# Groth16 circuit when it is missing, then runs io.zkedge.demo.DemoMain from the module's class
# path (demo/target/classpath.txt; no fat jar). Logs go to run/demo/demo.log.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/demo-runtime.sh"

# Whether the run has Groth16 sensors: yes unless --groth16-sensors 0 (or only --help is asked).
wants_groth16() {
  local prev="" arg
  for arg in "$@"; do
    case "$arg" in
      --help|-h) return 1 ;;
      --groth16-sensors=0) return 1 ;;
    esac
    [[ "$prev" == --groth16-sensors && "$arg" == 0 ]] && return 1
    prev="$arg"
  done
  return 0
}

# The Groth16 sensors prove with snarkjs in Node (circuits/, docs/gateway-groth16.md): install Node
# when it is missing (as scripts/test.sh does), and build the circuit and its keys into run/circuits
# the first time (scripts/build-circuits.sh: pinned npm tools, reproducible setup, 1 to 5 minutes).
ensure_groth16_ready() {
  if ! command -v node >/dev/null 2>&1 && [[ -z "${ZKEDGE_NODE:-}" ]]; then
    echo "zkedge demo: installing nodejs and npm (apt-get) for the Groth16 sensors; --groth16-sensors 0 skips them" >&2
    local sudo_cmd=""
    if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq nodejs npm >/dev/null
  fi
  if [[ ! -f "$root/run/circuits/sensor_range.zkey" || ! -f "$root/run/circuits/verification_key.json" \
        || ! -f "$root/circuits/node_modules/snarkjs/package.json" ]]; then
    echo "zkedge demo: building the Groth16 circuit and its keys (scripts/build-circuits.sh, the first time only) ..." >&2
    if ! "$root/scripts/build-circuits.sh" >&2; then
      echo "zkedge demo: scripts/build-circuits.sh failed (see above); --groth16-sensors 0 runs without Groth16" >&2
      exit 3
    fi
  fi
}

ensure_demo_built "zkedge demo"
if wants_groth16 "$@"; then
  ensure_groth16_ready
fi
run_demo_main "$root/run/demo/demo.log" io.zkedge.demo.DemoMain "$@"
