#!/usr/bin/env bash
# scripts/bench-pipeline.sh [--quick] [--flag value ...]: pipeline benchmark. Runs the real
# verification job on a Flink MiniCluster with the embedded Kafka broker at parallelism = core
# count (nproc), next to the raw batched verifier on as many threads, in one JVM, and prints one
# JSON object on stdout (progress on stderr; Kafka/Flink logs to run/bench/bench.log).
# Default run <= 5 min, --quick <= 90 s. --help lists the flags.
# Uses the demo module's class path (demo/target/classpath.txt), built like scripts/demo.sh does.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cpfile="$root/demo/target/classpath.txt"
modules=(schemas evidence verifier-host embedded gateway operators jobs demo)

demo_jar() {
  find "$root/demo/target" -maxdepth 1 -name 'zkedge-demo-*.jar' ! -name '*-tests.jar' -print -quit 2>/dev/null
}

needs_build() {
  [[ -f "$cpfile" && -n "$(demo_jar)" ]] || return 0
  local entry
  while IFS= read -r -d ':' entry; do
    [[ -e "$entry" ]] || return 0
  done < <(printf '%s:' "$(cat "$cpfile")")
  local sources=("$root/pom.xml" "$root/verifiers/dist") module newer
  for module in "${modules[@]}"; do
    sources+=("$root/$module/pom.xml" "$root/$module/src/main")
  done
  sources+=("$root/demo/jvm.options")
  newer="$(find "${sources[@]}" -newer "$(demo_jar)" -type f \
             \( -name pom.xml -o -name '*.java' -o -name '*.wasm' -o -name '*.avsc' -o -name jvm.options \
                -o -path '*/resources/*' \) -print -quit 2>/dev/null || true)"
  [[ -n "$newer" ]]
}

if needs_build; then
  echo "bench-pipeline: building the demo module ..." >&2
  log="$(mktemp "${TMPDIR:-/tmp}/zkedge-bench-build.XXXXXX")"
  if ! (cd "$root" && mvn -q -B -o -DskipTests package -pl demo -am) >"$log" 2>&1 \
     && ! (cd "$root" && mvn -q -B -DskipTests package -pl demo -am) >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "bench-pipeline: the build failed (see above)" >&2
    exit 3
  fi
  rm -f "$log"
fi

mkdir -p "$root/run/bench"
exec java @"$root/demo/jvm.options" -Dzkedge.demo.log="$root/run/bench/bench.log" \
  -cp "$(cat "$cpfile"):$(demo_jar)" io.zkedge.demo.bench.PipelineBench --parallelism "$(nproc)" "$@"
